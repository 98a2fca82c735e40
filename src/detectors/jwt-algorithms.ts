/**
 * Finds JWTs whose signature is not checked, or checked with an algorithm the attacker may choose: a
 * token from the request that is only decoded, verification without a pinned `algorithms` list, a list
 * that allows `none` or mixes HMAC with public-key algorithms, and signing with `none`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findProperty, findVariable, getKeyName, getStaticValue, hasSpread, isFunctionNode, resolveObjectExpression, skipTypeWrappers } from '../util/ast-values.js';
import { findJwtCalls, type JwtCall } from './jwt-library.js';
import { getEnclosingFunction, getEnclosingRequestHandler, getRequestSource, type RequestSource } from './request-handler.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;

export type JwtAlgorithmFinding =
  /** A token from the request that is decoded and never verified in the same function. `node` is the decode call. */
  | { kind: 'unverifiedDecode'; call: JwtCall; node: TSESTree.Node; requestSource?: RequestSource }
  /**
   * Verification that accepts whatever algorithm the token names. `node` is the verify call.
   * `algorithm` is the one every sign call in the file uses, when they agree.
   */
  | { kind: 'missingAlgorithms'; call: JwtCall; node: TSESTree.Node; algorithm?: string; insertion?: AlgorithmsInsertion }
  /** An `algorithms` list containing `none`. `node` is the `none` element. */
  | { kind: 'noneAlgorithm'; call: JwtCall; node: TSESTree.Node }
  /** An `algorithms` list with both HMAC and public-key algorithms. `node` is the list. */
  | { kind: 'mixedAlgorithms'; call: JwtCall; node: TSESTree.Node; algorithms: string[] }
  /** Signing with `algorithm: 'none'` or a `none` protected header. `node` is the value. */
  | { kind: 'signWithNone'; call: JwtCall; node: TSESTree.Node };

/** The place an `algorithms` option can be added: a property of an options literal, or a new options argument. */
export type AlgorithmsInsertion =
  | { kind: 'property'; object: TSESTree.ObjectExpression }
  | { kind: 'argument-after'; node: TSESTree.Node }
  | { kind: 'argument-before'; node: TSESTree.Node }
  /** An `undefined`, `null` or `void 0` argument in place of the options, which the options replace. */
  | { kind: 'argument-in-place'; node: TSESTree.Node };

const HMAC_ALGORITHM = /^HS(256|384|512)$/;
const PUBLIC_KEY_ALGORITHM = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$|^Ed448$/;
/** jsonwebtoken signs with HS256 when no `algorithm` is given. */
const JSONWEBTOKEN_DEFAULT_ALGORITHM = 'HS256';

/** Returns every signature-checking problem in the file, in source order. */
export function findJwtAlgorithmProblems(sourceCode: TSESLint.SourceCode): JwtAlgorithmFinding[] {
  const scopeManager = sourceCode.scopeManager;
  const calls = findJwtCalls(sourceCode);
  const findings: JwtAlgorithmFinding[] = [];

  for (const call of calls) {
    switch (call.operation) {
      case 'decode': {
        const finding = getUnverifiedDecode(scopeManager, call, calls);
        if (finding) findings.push(finding);
        break;
      }
      case 'sign':
        findings.push(...getSignWithNone(scopeManager, call));
        break;
      case 'verify':
      case 'middleware':
      case 'strategy': {
        const lists = getAlgorithmLists(call);
        for (const list of lists) findings.push(...checkAlgorithmList(scopeManager, call, list));
        if (lists.length === 0) {
          const missing = getMissingAlgorithms(scopeManager, call, calls);
          if (missing) findings.push(missing);
        }
        break;
      }
      case 'module-config':
      case 'plugin-register': {
        const verifyList = call.verifyDefaultsNode && getOptionValue(call.verifyDefaultsNode, 'algorithms');
        if (verifyList) findings.push(...checkAlgorithmList(scopeManager, call, verifyList));
        const signAlgorithm = call.signDefaultsNode && getOptionValue(call.signDefaultsNode, 'algorithm');
        if (signAlgorithm && isNone(getStaticValue(scopeManager, signAlgorithm))) findings.push({ kind: 'signWithNone', call, node: signAlgorithm });
        break;
      }
    }
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function getOptionValue(options: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  return findProperty(options, name)?.value;
}

function isNone(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'none';
}

function getUnverifiedDecode(scopeManager: ScopeManager, call: JwtCall, calls: readonly JwtCall[]): JwtAlgorithmFinding | undefined {
  // @fastify/jwt's `request.jwtDecode()` reads the token from the request itself.
  const isRequestDecorator = call.library === '@fastify/jwt' && call.method === 'jwtDecode';
  const requestSource = isRequestDecorator ? undefined : getRequestSource(scopeManager, call.tokenNode);
  if (!isRequestDecorator && !requestSource) return undefined;

  const scope = getEnclosingRequestHandler(call.node) ?? getEnclosingFunction(call.node);
  const isVerifiedToo = calls.some(
    (other) =>
      other.operation === 'verify' &&
      (scope === undefined || isInside(other.node, scope)) &&
      (isRequestDecorator ? other.method === 'jwtVerify' : isSameToken(scopeManager, call.tokenNode, other.tokenNode, requestSource)),
  );
  if (isVerifiedToo) return undefined;
  return { kind: 'unverifiedDecode', call, node: call.node, ...(requestSource ? { requestSource } : {}) };
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

/** Two token expressions name the same token when they are the same variable, the same text, or read the same request part. */
function isSameToken(
  scopeManager: ScopeManager,
  decoded: TSESTree.Node | undefined,
  verified: TSESTree.Node | undefined,
  decodedSource: RequestSource | undefined,
): boolean {
  if (!decoded || !verified) return false;
  const left = skipTypeWrappers(decoded);
  const right = skipTypeWrappers(verified);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeManager, left);
    if (variable && variable === findVariable(scopeManager, right)) return true;
  }
  const verifiedSource = getRequestSource(scopeManager, verified);
  return (
    decodedSource !== undefined &&
    verifiedSource !== undefined &&
    decodedSource.kind === verifiedSource.kind &&
    decodedSource.name === verifiedSource.name
  );
}

function getSignWithNone(scopeManager: ScopeManager, call: JwtCall): JwtAlgorithmFinding[] {
  const findings: JwtAlgorithmFinding[] = [];
  const algorithm = call.optionsNode && getOptionValue(call.optionsNode, 'algorithm');
  if (algorithm && isNone(getStaticValue(scopeManager, algorithm))) findings.push({ kind: 'signWithNone', call, node: algorithm });
  const header = getProtectedHeader(scopeManager, call);
  const alg = header && getOptionValue(header, 'alg');
  if (alg && isNone(getStaticValue(scopeManager, alg))) findings.push({ kind: 'signWithNone', call, node: alg });
  return findings;
}

function getProtectedHeader(scopeManager: ScopeManager, call: JwtCall): TSESTree.ObjectExpression | undefined {
  for (const builder of call.builderCalls ?? []) {
    if (builder.callee.type === AST_NODE_TYPES.MemberExpression && getKeyName(builder.callee) === 'setProtectedHeader') {
      return resolveObjectExpression(scopeManager, builder.arguments[0]);
    }
  }
  return undefined;
}

/** Returns the `algorithms` lists a verifying call sets, in its options or in passport-jwt's `jsonWebTokenOptions`. */
function getAlgorithmLists(call: JwtCall): TSESTree.Node[] {
  const lists: TSESTree.Node[] = [];
  for (const options of [call.optionsNode, call.verifyDefaultsNode]) {
    const list = options && getOptionValue(options, 'algorithms');
    if (list) lists.push(list);
  }
  return lists;
}

function checkAlgorithmList(scopeManager: ScopeManager, call: JwtCall, list: TSESTree.Node): JwtAlgorithmFinding[] {
  const array = resolveArrayExpression(scopeManager, list);
  if (!array) return [];
  const findings: JwtAlgorithmFinding[] = [];
  const names: string[] = [];
  for (const element of array.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const value = getStaticValue(scopeManager, element);
    if (typeof value !== 'string') continue;
    names.push(value);
    if (isNone(value)) findings.push({ kind: 'noneAlgorithm', call, node: element });
  }
  if (names.some((name) => HMAC_ALGORITHM.test(name)) && names.some((name) => PUBLIC_KEY_ALGORITHM.test(name))) {
    findings.push({ kind: 'mixedAlgorithms', call, node: list, algorithms: names });
  }
  return findings;
}

function resolveArrayExpression(scopeManager: ScopeManager, node: TSESTree.Node): TSESTree.ArrayExpression | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.ArrayExpression) return expression;
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = findVariable(scopeManager, expression)?.defs[0];
  const init = definition?.type === 'Variable' ? definition.node.init : undefined;
  return init ? resolveArrayExpression(scopeManager, init) : undefined;
}

/** Libraries whose verification is reported when it has no `algorithms` option. */
const ALGORITHM_CHECKED_LIBRARIES = new Set(['jsonwebtoken', 'jose', 'express-jwt', 'koa-jwt', 'passport-jwt']);

function getMissingAlgorithms(scopeManager: ScopeManager, call: JwtCall, calls: readonly JwtCall[]): JwtAlgorithmFinding | undefined {
  if (!ALGORITHM_CHECKED_LIBRARIES.has(call.library)) return undefined;
  const insertion = getInsertion(scopeManager, call);
  // Options built elsewhere (an imported object, a spread) may set `algorithms`.
  if (!insertion || (call.optionsNode && hasSpread(call.optionsNode))) return undefined;
  const algorithm = getSignAlgorithm(scopeManager, call, calls);
  return { kind: 'missingAlgorithms', call, node: call.node, insertion, ...(algorithm === undefined ? {} : { algorithm }) };
}

/**
 * Returns where an `algorithms` option goes in a call that passes no options the file cannot see, or
 * undefined when the call may pass options from elsewhere.
 */
function getInsertion(scopeManager: ScopeManager, call: JwtCall): AlgorithmsInsertion | undefined {
  if (call.optionsNode) return { kind: 'property', object: call.optionsNode };
  if (call.operation !== 'verify') return undefined;
  // jsonwebtoken's verify(token, key, [options], [callback]) and jose's jwtVerify(token, key, [options]).
  const args = call.node.arguments;
  const key = args[1];
  const third = args[2];
  if (!key || key.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (third === undefined) return { kind: 'argument-after', node: key };
  if (isMissingValue(scopeManager, third)) return { kind: 'argument-in-place', node: third };
  if (call.library === 'jsonwebtoken' && isFunctionValue(scopeManager, third)) return { kind: 'argument-before', node: third };
  return undefined;
}

/** Returns true for `undefined`, `null` and `void 0` passed in place of the options. */
function isMissingValue(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal) return expression.value === null && !('regex' in expression);
  if (expression.type === AST_NODE_TYPES.UnaryExpression) return expression.operator === 'void';
  if (expression.type !== AST_NODE_TYPES.Identifier || expression.name !== 'undefined') return false;
  return (findVariable(scopeManager, expression)?.defs.length ?? 0) === 0;
}

/** Returns true for a function, or an identifier that names a function declared in the file. */
function isFunctionValue(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  if (isFunctionNode(node)) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definitions = findVariable(scopeManager, node)?.defs ?? [];
  if (definitions.length !== 1) return false;
  const definition = definitions[0];
  if (definition?.type === 'FunctionName') return true;
  return definition?.type === 'Variable' && definition.parent.kind === 'const' && isFunctionNode(definition.node.init ?? undefined);
}

/**
 * Returns the algorithm every sign call in the file uses (only the calls that sign with the same key
 * expression, when there are any), or undefined when there is none, one is unknown, or they differ.
 */
function getSignAlgorithm(scopeManager: ScopeManager, verify: JwtCall, calls: readonly JwtCall[]): string | undefined {
  const signs = calls.filter((call) => call.operation === 'sign');
  if (signs.length === 0) return undefined;
  const sameKey = signs.filter((sign) => sign.secretNode && verify.secretNode && sameText(sign.secretNode, verify.secretNode));
  const matching = sameKey.length > 0 ? sameKey : signs;

  const algorithms = new Set<string>();
  for (const sign of matching) {
    const algorithm = getAlgorithmOfSign(scopeManager, sign);
    if (algorithm === undefined) return undefined;
    algorithms.add(algorithm);
  }
  return algorithms.size === 1 ? [...algorithms][0] : undefined;
}

function sameText(a: TSESTree.Node, b: TSESTree.Node): boolean {
  return a.type === b.type && JSON.stringify(stripPositions(a)) === JSON.stringify(stripPositions(b));
}

function stripPositions(node: TSESTree.Node): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'parent' || key === 'range' || key === 'loc' ? undefined : value)));
}

function getAlgorithmOfSign(scopeManager: ScopeManager, sign: JwtCall): string | undefined {
  if (sign.library === 'jose') {
    const alg = getProtectedHeader(scopeManager, sign);
    const value = alg && getStaticValue(scopeManager, getOptionValue(alg, 'alg'));
    return typeof value === 'string' ? value : undefined;
  }
  if (sign.library !== 'jsonwebtoken') return undefined;
  if (sign.optionsNode) {
    const algorithm = getOptionValue(sign.optionsNode, 'algorithm');
    if (!algorithm) return hasSpread(sign.optionsNode) ? undefined : JSONWEBTOKEN_DEFAULT_ALGORITHM;
    const value = getStaticValue(scopeManager, algorithm);
    return typeof value === 'string' ? value : undefined;
  }
  // Options that are not a literal in this file may set any algorithm.
  const third = sign.node.arguments[2];
  return third === undefined || isFunctionNode(third) ? JSONWEBTOKEN_DEFAULT_ALGORITHM : undefined;
}
