/**
 * Separates sign calls that issue a token to a user who is already signed in (an API key, a personal
 * access token, a token for another service) from logins. Such a call runs in a route handler behind an
 * authentication middleware, or signs a payload built from the user that such a middleware stored on the
 * request. A sessions migration cannot replace these tokens, so jwt-to-session marks them.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, forEachNode, getKeyName, getStaticValue, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
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
  // Anchored at the end, because a name that goes on (`validateAuthBody`, `checkAuthFields`) names a body validator.
  /^(?:check|verify|validate)_?(?:auth(?:enticated|entication|orized|orization)?|token|jwt|session|access|bearer)(?:_?(?:token|jwt|key|middleware|guard))?$/i,
  /^(?:authenticat|authoriz)/i,
  /^auth(?:_?(?:middleware|guard|required|check|user|jwt|token|handler))?$/i,
  /^(?:jwt|token|bearer|session)_?(?:auth|check|guard|verify|required|middleware)/i,
  /^(?:protect(?:ed)?|(?:logged|signed)_?in|expressjwt)$/i,
];

/** passport strategies that check a token the client already holds, rather than a password or an OAuth login. */
const TOKEN_STRATEGY = /jwt|bearer|api[-_]?key|token/i;

/** Route paths of logins: `/login`, `/auth/sign-in`, `/auth/github/callback`. */
const LOGIN_ROUTE = /log[-_]?in|sign[-_]?in|callback/i;

/**
 * Route paths of sign-ups, which start a login session too: `/register`, `/auth/sign-up`, `/api/v1/users/join`.
 * Only API, version, auth and account segments may come first, so `/devices/register` and `/teams/:id/join`
 * (a signed-in user registering a device or joining a team) do not count.
 */
const SIGNUP_ROUTE = /^(?:\/(?:api|v\d+|auth|users?|accounts?|members?))*\/(?:register|sign[-_]?up|join)\/?$/i;

/** Request properties whose check in a middleware is a check of the signed-in user. */
const SIGNED_IN_CHECK_PROPERTIES = new Set(['session', 'user', 'isAuthenticated']);

/** Request properties that carry credentials or the signed-in user, which a body validator does not read. */
const CREDENTIAL_REQUEST_PROPERTIES = new Set(['headers', 'header', 'get', 'cookies', 'signedCookies', 'session', 'user', 'auth', 'isAuthenticated']);

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
  if (route?.middleware.some((argument) => isAuthMiddleware(sourceCode, argument))) return true;
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
  if (typeof path === 'string' && (LOGIN_ROUTE.test(path) || SIGNUP_ROUTE.test(path))) return true;
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

/**
 * True for a middleware that lets only signed-in users through. A function written inline or declared in the
 * same file is judged by its body: a check of the session or the user counts, whatever the function's name,
 * and a function that reads only the request body is a validator. Other middleware is judged by its name.
 */
function isAuthMiddleware(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (isFunctionNode(expression)) return isSignedInCheck(sourceCode, expression);
  const declared = expression.type === AST_NODE_TYPES.Identifier ? resolveDeclaredFunction(sourceCode, expression) : undefined;
  if (declared && isSignedInCheck(sourceCode, declared)) return true;
  if (declared && isBodyValidator(sourceCode, declared)) return false;
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(expression.callee);
    // passport.authenticate is a login step unless it runs a token strategy, which isLoginRoute has ruled out.
    if (callee.type === AST_NODE_TYPES.MemberExpression && getKeyName(callee) === 'authenticate') {
      const object = skipTypeWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && /passport/i.test(object.name)) return true;
    }
    return isNamedAuthMiddleware(callee);
  }
  return isNamedAuthMiddleware(expression);
}

function isNamedAuthMiddleware(expression: TSESTree.Node): boolean {
  if (expression.type === AST_NODE_TYPES.CallExpression) return isNamedAuthMiddleware(skipTypeWrappers(expression.callee));
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

/** Returns the function that a middleware identifier names when the same file declares it: `function f() {}` or `const f = () => {}`. */
function resolveDeclaredFunction(sourceCode: SourceCode, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const definition = findVariable(sourceCode.scopeManager, identifier)?.defs[0];
  if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (definition?.type === 'Variable' && isFunctionNode(definition.node.init ?? undefined)) return definition.node.init as FunctionNode;
  return undefined;
}

/**
 * True when a middleware `(req, res, next)` tests `req.session`, `req.user` or `req.isAuthenticated()` in a
 * condition that sends 401 or 403 when the test fails or calls `next` when it passes, as in the guard
 * jwt-to-session inserts. A condition that only logs the user, or that lets only guests through
 * (`req.user ? res.redirect('/') : next()`), is not such a check.
 */
function isSignedInCheck(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const [request, , next] = fn.params;
  if (request?.type !== AST_NODE_TYPES.Identifier) return false;
  const nextName = next?.type === AST_NODE_TYPES.Identifier ? next.name : undefined;
  let found = false;
  forEachNode(fn.body, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.ConditionalExpression) return;
    if (!readsRequestProperty(sourceCode, node.test, request.name, SIGNED_IN_CHECK_PROPERTIES)) return;
    const negated = node.test.type === AST_NODE_TYPES.UnaryExpression && node.test.operator === '!';
    const signedIn = negated ? node.alternate : node.consequent;
    const signedOut = negated ? node.consequent : node.alternate;
    const rejectsSignedOut = signedOut != null && containsStatus(sourceCode, signedOut, [401, 403]);
    const passesSignedIn = signedIn != null && nextName !== undefined && callsFunction(sourceCode, signedIn, nextName);
    found = rejectsSignedOut || passesSignedIn;
  });
  return found;
}

function containsStatus(sourceCode: SourceCode, root: TSESTree.Node, statuses: readonly number[]): boolean {
  let found = false;
  forEachNode(root, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number' && statuses.includes(node.value)) found = true;
  });
  return found;
}

function callsFunction(sourceCode: SourceCode, root: TSESTree.Node, name: string): boolean {
  let found = false;
  forEachNode(root, sourceCode.visitorKeys, (node) => {
    const callee = node.type === AST_NODE_TYPES.CallExpression ? skipTypeWrappers(node.callee) : undefined;
    if (callee?.type === AST_NODE_TYPES.Identifier && callee.name === name) found = true;
  });
  return found;
}

/** True when a middleware reads `req.body` and no request property that carries credentials or the signed-in user. */
function isBodyValidator(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const request = fn.params[0];
  if (request?.type !== AST_NODE_TYPES.Identifier) return false;
  if (readsRequestProperty(sourceCode, fn.body, request.name, CREDENTIAL_REQUEST_PROPERTIES)) return false;
  return readsRequestProperty(sourceCode, fn.body, request.name, new Set(['body']));
}

function readsRequestProperty(sourceCode: SourceCode, root: TSESTree.Node, requestName: string, properties: ReadonlySet<string>): boolean {
  let found = false;
  forEachNode(root, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.MemberExpression) return;
    const object = skipTypeWrappers(node.object);
    const key = getKeyName(node);
    found = object.type === AST_NODE_TYPES.Identifier && object.name === requestName && key !== undefined && properties.has(key);
  });
  return found;
}
