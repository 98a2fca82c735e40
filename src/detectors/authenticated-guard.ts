/**
 * Finds session writes that only run for a request whose user passport has already authenticated:
 * inside `if (req.isAuthenticated()) { … }` or `if (req.user) { … }`, in the `else` branch of the
 * negated test, or after `if (!req.user) return …`. Such a write refreshes the data of a logged-in user
 * rather than logging someone in.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, getKeyName, skipTypeWrappers } from '../util/ast-values.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;

/**
 * Proof of authentication that a test gives. `whenTrue` means a truthy result proves that a user is
 * authenticated, and `whenFalse` means a falsy result proves it.
 */
interface AuthenticationEvidence {
  readonly whenTrue: boolean;
  readonly whenFalse: boolean;
}

const NO_EVIDENCE: AuthenticationEvidence = { whenTrue: false, whenFalse: false };

/**
 * Returns true when `write` runs only for an authenticated user of `request`. That is the case when a
 * passport check (`req.user`, `req.isAuthenticated()`, `req.isUnauthenticated()`) selects its branch, or
 * when an earlier statement of an enclosing block returns or throws if that check fails.
 */
export function isInsideAuthenticatedCheck(
  scopeManager: ScopeManager,
  write: TSESTree.Node,
  request: TSESTree.Identifier,
): boolean {
  const requestVariable = findVariable(scopeManager, request);
  if (!requestVariable) return false;
  const evidenceOf = (test: TSESTree.Expression): AuthenticationEvidence =>
    getAuthenticationEvidence(scopeManager, test, requestVariable);

  let child: TSESTree.Node = write;
  for (let node = write.parent; node; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement) {
      if (child === node.consequent && evidenceOf(node.test).whenTrue) return true;
      if (child === node.alternate && evidenceOf(node.test).whenFalse) return true;
    }
    if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program) {
      const position = (node.body as TSESTree.Node[]).indexOf(child);
      const earlier = node.body.slice(0, Math.max(position, 0));
      const guarded = earlier.some(
        (statement) =>
          statement.type === AST_NODE_TYPES.IfStatement &&
          leavesFunction(statement.consequent) &&
          evidenceOf(statement.test).whenFalse,
      );
      if (guarded) return true;
    }
  }
  return false;
}

/** Returns what `test` proves about the authentication of the request held in `requestVariable`. */
function getAuthenticationEvidence(
  scopeManager: ScopeManager,
  test: TSESTree.Node,
  requestVariable: ReturnType<typeof findVariable>,
): AuthenticationEvidence {
  const recurse = (node: TSESTree.Node): AuthenticationEvidence => getAuthenticationEvidence(scopeManager, node, requestVariable);
  const node = skipTypeWrappers(test);

  if (node.type === AST_NODE_TYPES.ChainExpression) return recurse(node.expression);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = recurse(node.argument);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '??') {
    const left = recurse(node.left);
    const right = recurse(node.right);
    // `a && b` is truthy only when both operands are, and falsy when either is. `a || b` is the reverse.
    return node.operator === '&&'
      ? { whenTrue: left.whenTrue || right.whenTrue, whenFalse: left.whenFalse && right.whenFalse }
      : { whenTrue: left.whenTrue && right.whenTrue, whenFalse: left.whenFalse || right.whenFalse };
  }

  const isOnRequest = (object: TSESTree.Node): boolean => {
    const target = skipTypeWrappers(object);
    return target.type === AST_NODE_TYPES.Identifier && findVariable(scopeManager, target) === requestVariable;
  };
  // req.user, which passport sets only for an authenticated request.
  if (node.type === AST_NODE_TYPES.MemberExpression && getKeyName(node) === 'user' && isOnRequest(node.object)) {
    return { whenTrue: true, whenFalse: false };
  }
  // req.isAuthenticated() and req.isUnauthenticated().
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !isOnRequest(callee.object)) return NO_EVIDENCE;
    const method = getKeyName(callee);
    if (method === 'isAuthenticated') return { whenTrue: true, whenFalse: false };
    if (method === 'isUnauthenticated') return { whenTrue: false, whenFalse: true };
  }
  return NO_EVIDENCE;
}

/** Returns true for a `return` or `throw`, or a block that ends with one. */
export function leavesFunction(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}
