/**
 * Separates sign calls that issue a token to a user who is already signed in (an API key, a personal
 * access token, a token for another service) from logins. Such a call runs in a route handler behind an
 * authentication middleware, or signs a payload built from the user that such a middleware stored on the
 * request. A sessions migration cannot replace these tokens, so jwt-to-session marks them.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { forEachNode, getKeyName, getStaticValue, skipTypeWrappers } from '../util/ast-values.js';
import { getRequestObjectKind, isResponseObject, type FunctionNode } from './request-handler.js';

type SourceCode = TSESLint.SourceCode;

/**
 * Names of middleware that lets only signed-in users through: `requireUser`, `ensureLoggedIn`,
 * `isAuthenticated`, `verifyToken`, `authenticate`, `authMiddleware`, `jwtAuth`, `protect`. A name made of
 * an object and its property (`auth.required`) is matched as one camelCase name (`authRequired`).
 */
const AUTH_MIDDLEWARE_NAMES: readonly RegExp[] = [
  /^(?:require[ds]?|ensure|must(?:Be)?)_?(?:auth|user|login|logged|signed|session|token|jwt|admin)/i,
  /^is_?(?:auth|logged|signed)/i,
  /^(?:check|verify|validate)_?(?:auth|token|jwt|session|access|bearer)/i,
  /^(?:authenticat|authoriz)/i,
  /^auth(?:_?(?:middleware|guard|required|check|user|jwt|token|handler))?$/i,
  /^(?:jwt|token|bearer|session)_?(?:auth|check|guard|verify|required|middleware)/i,
  /^(?:protect(?:ed)?|(?:logged|signed)_?in|expressjwt)$/i,
];

/** passport strategies that check a token the client already holds, rather than a password or an OAuth login. */
const TOKEN_STRATEGY = /jwt|bearer|api[-_]?key|token/i;

/** Route paths of logins: `/login`, `/auth/sign-in`, `/auth/github/callback`. */
const LOGIN_ROUTE = /log-?in|sign-?in|callback/i;

/** Request properties that an authentication middleware sets: passport's `req.user`, express-jwt's `req.auth`. */
const SIGNED_IN_REQUEST_PROPERTIES = new Set(['user', 'auth']);

/**
 * Returns true when the sign call `call` in the route handler `handler` issues a token to a user who is
 * already signed in. A route whose path names a login, or that runs a passport strategy other than a token
 * strategy before the handler, counts as a login whatever its payload is.
 */
export function isIssuedToSignedInUser(sourceCode: SourceCode, call: TSESTree.Node, handler: FunctionNode): boolean {
  const route = getRouteArguments(handler);
  if (route && isLoginRoute(sourceCode, route)) return false;
  if (route?.middleware.some((argument) => isAuthMiddleware(argument))) return true;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const payload = call.arguments[0];
  return payload !== undefined && readsSignedInUser(sourceCode, payload);
}

interface RouteArguments {
  readonly path?: TSESTree.Node;
  /** The route arguments between the path and the handler, with arrays of middleware flattened. */
  readonly middleware: readonly TSESTree.Node[];
}

/** Returns the arguments of `app.post(path, ...middleware, handler)` around `handler`, or undefined for a handler passed elsewhere. */
function getRouteArguments(handler: FunctionNode): RouteArguments | undefined {
  const call = handler.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const index = call.arguments.indexOf(handler as TSESTree.CallExpressionArgument);
  if (index < 1) return undefined;
  const [path, ...earlier] = call.arguments.slice(0, index);
  const middleware = earlier.flatMap((argument) => (argument.type === AST_NODE_TYPES.ArrayExpression ? argument.elements : [argument]));
  return { path, middleware: middleware.filter((argument): argument is TSESTree.Expression => argument !== null && argument.type !== AST_NODE_TYPES.SpreadElement) };
}

function isLoginRoute(sourceCode: SourceCode, route: RouteArguments): boolean {
  const path = route.path && getStaticValue(sourceCode.scopeManager, route.path);
  if (typeof path === 'string' && LOGIN_ROUTE.test(path)) return true;
  return route.middleware.some((argument) => {
    const strategy = getPassportStrategy(sourceCode, argument);
    return strategy !== undefined && !TOKEN_STRATEGY.test(strategy);
  });
}

/** Returns the strategy names of `passport.authenticate('local')` or `passport.authenticate(['jwt', 'bearer'])`, joined by spaces. */
function getPassportStrategy(sourceCode: SourceCode, node: TSESTree.Node): string | undefined {
  const call = skipTypeWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = skipTypeWrappers(call.callee.object);
  if (getKeyName(call.callee) !== 'authenticate' || object.type !== AST_NODE_TYPES.Identifier || !/passport/i.test(object.name)) return undefined;
  const argument = call.arguments[0] && skipTypeWrappers(call.arguments[0]);
  const names = argument?.type === AST_NODE_TYPES.ArrayExpression ? argument.elements : [argument];
  return names.map((name) => (name ? getStaticValue(sourceCode.scopeManager, name) : undefined)).filter((name) => typeof name === 'string').join(' ');
}

function isAuthMiddleware(node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(expression.callee);
    // passport.authenticate is a login step unless it runs a token strategy, which isLoginRoute has ruled out.
    if (callee.type === AST_NODE_TYPES.MemberExpression && getKeyName(callee) === 'authenticate') {
      const object = skipTypeWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && /passport/i.test(object.name)) return true;
    }
    return isAuthMiddleware(callee);
  }
  return getMiddlewareNames(expression).some((name) => AUTH_MIDDLEWARE_NAMES.some((pattern) => pattern.test(name)));
}

/** Returns `requireUser` for an identifier, and both `required` and `authRequired` for `auth.required`. */
function getMiddlewareNames(node: TSESTree.Node): string[] {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type !== AST_NODE_TYPES.MemberExpression) return [];
  const property = getKeyName(node);
  if (property === undefined) return [];
  const object = skipTypeWrappers(node.object);
  let objectName: string | undefined;
  if (object.type === AST_NODE_TYPES.Identifier) objectName = object.name;
  else if (object.type === AST_NODE_TYPES.MemberExpression) objectName = getKeyName(object);
  if (objectName === undefined) return [property];
  return [property, `${objectName}${property.charAt(0).toUpperCase()}${property.slice(1)}`];
}

/** True when `payload` reads the signed-in user: `req.user`, `req.auth` or `res.locals.user`. */
function readsSignedInUser(sourceCode: SourceCode, payload: TSESTree.Node): boolean {
  let found = false;
  forEachNode(payload, sourceCode.visitorKeys, (node) => {
    if (!found && node.type === AST_NODE_TYPES.MemberExpression) found = isSignedInUserRead(sourceCode, node);
  });
  return found;
}

function isSignedInUserRead(sourceCode: SourceCode, node: TSESTree.MemberExpression): boolean {
  const key = getKeyName(node);
  const object = skipTypeWrappers(node.object);
  if (key === undefined || !SIGNED_IN_REQUEST_PROPERTIES.has(key)) return false;
  if (getRequestObjectKind(sourceCode.scopeManager, object) === 'request') return true;
  if (key !== 'user' || object.type !== AST_NODE_TYPES.MemberExpression || getKeyName(object) !== 'locals') return false;
  return isResponseObject(sourceCode.scopeManager, object.object);
}
