/**
 * Recognises JWT verification keys fetched from an identity provider's JSON Web Key Set: jwks-rsa's
 * `expressJwtSecret`, `koaJwtSecret` and `passportJwtSecret`, and jose's `createRemoteJWKSet`. Tokens
 * checked against such a key were issued by another service (Auth0, Cognito, Keycloak), so the file
 * verifies access tokens as an OAuth resource server rather than handing out sessions of its own.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConstantInit, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';

const JWKS_RSA_PROVIDERS: TraceMap<true> = {
  expressJwtSecret: { [CALL]: true },
  koaJwtSecret: { [CALL]: true },
  passportJwtSecret: { [CALL]: true },
};

const REMOTE_KEY_SET_MODULES: TraceMap<true> = {
  'jwks-rsa': { ...JWKS_RSA_PROVIDERS, default: JWKS_RSA_PROVIDERS },
  jose: { createRemoteJWKSet: { [CALL]: true } },
};

const callsByProgram = new WeakMap<TSESTree.Program, ReadonlySet<TSESTree.Node>>();

/** Returns the calls in the file that create a key from a remote JSON Web Key Set, found once per file. */
function findRemoteKeySetCalls(sourceCode: TSESLint.SourceCode): ReadonlySet<TSESTree.Node> {
  const cached = callsByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
  const calls = new Set<TSESTree.Node>();
  for (const { node } of tracker.iterateCjsReferences(REMOTE_KEY_SET_MODULES)) calls.add(node);
  for (const { node } of tracker.iterateEsmReferences(REMOTE_KEY_SET_MODULES)) calls.add(node);
  callsByProgram.set(sourceCode.ast, calls);
  return calls;
}

/**
 * Returns true when a verification key is a remote JSON Web Key Set, written in place or bound to a
 * `const` in the same file (`const JWKS = createRemoteJWKSet(url)`).
 */
export function isRemoteKeySet(sourceCode: TSESLint.SourceCode, key: TSESTree.Node): boolean {
  const calls = findRemoteKeySetCalls(sourceCode);
  let current: TSESTree.Node | undefined = skipTypeWrappers(key);
  for (let depth = 0; current && depth < 4; depth++) {
    if (calls.has(current)) return true;
    if (current.type !== AST_NODE_TYPES.Identifier) return false;
    const init = getConstantInit(sourceCode.scopeManager, current);
    current = init && skipTypeWrappers(init);
  }
  return false;
}
