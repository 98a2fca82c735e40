/**
 * Describes the route that a handler serves, for the check whether a verified header token is a webhook
 * signature: the route's paths and names, the HTTP methods it is registered for, and whether the handler
 * reads a user claim from the verified payload.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, getKeyName, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import type { JwtCall } from './jwt-library.js';
import { getRouteSegments, isNextRouteFile } from './nextjs.js';
import { getLiteralString } from './static-string.js';
import { type FunctionNode, getDecoratorName } from './request-handler.js';

type SourceCode = TSESLint.SourceCode;
type ScopeManager = TSESLint.Scope.ScopeManager | null;

/** The facts that a handler's registration and file give about the route it serves. */
export interface HandlerRoute {
  /**
   * Route paths with the paths their router is mounted at in the same file, App Router folders, the names
   * of the handler and of the functions around it, and the name and folder of the file.
   */
  names: string[];
  /**
   * HTTP methods in lower case that the handler is registered for, with `use` and `all` for
   * registrations that take every method. Empty when no registration is found in the file.
   */
  methods: string[];
}

/** Route methods whose first argument is the route path: `app.post('/webhooks', handler)`. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head']);
/** Methods that mount a router or sub-app below a path: Express's `app.use('/webhooks', router)`, Hono's `app.route('/webhooks', hooks)`. */
const MOUNT_METHODS = new Set(['use', 'route']);
/** Names of the functions an App Router route file exports for each HTTP method. */
const APP_ROUTER_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Nest decorators that register a controller method for an HTTP method. */
const NEST_METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);
/** Claims that name the user a token belongs to. */
const USER_CLAIMS = new Set(['sub', 'userId', 'user_id', 'uid', 'email', 'username', 'user']);
/** Calls between a handler and its route registration: `router.post('/x', asyncHandler(async (req, res) => …))`. */
const MAX_WRAPPER_CALLS = 2;
const MAX_DEPTH = 4;

/**
 * Collects what `handler`'s registration and file give about its route. The handler may be registered where
 * it is written, through a wrapper call, or by name elsewhere in the file. Of the handler and the functions
 * around it, the first one with a registration gives the methods, and all of them give names.
 */
export function getHandlerRoute(sourceCode: SourceCode, handler: FunctionNode | undefined, filePath: string): HandlerRoute {
  const scopeManager = sourceCode.scopeManager;
  const isRouteFile = isNextRouteFile(filePath);
  const names: string[] = [];
  const methods: string[] = [];
  let isRegistered = false;
  for (let current: TSESTree.Node | undefined = handler; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const functionNames = getFunctionNames(current);
    const registrations = findRegistrations(scopeManager, current);
    names.push(...functionNames, ...registrations.flatMap((registration) => registration.paths));
    if (isRegistered) continue;

    for (const registration of registrations) if (registration.method !== undefined) methods.push(registration.method);
    // An App Router route file exports one function per method: `export async function POST(request)`.
    if (isRouteFile) methods.push(...functionNames.filter((name) => APP_ROUTER_METHODS.has(name)).map((name) => name.toLowerCase()));
    isRegistered = registrations.length > 0 || methods.length > 0;
  }
  names.push(...getFileNames(filePath, isRouteFile));
  return { names, methods };
}

/** Returns true when `methods` is empty or one of them takes POST requests, which is how webhooks arrive. */
export function acceptsPost(methods: readonly string[]): boolean {
  return methods.length === 0 || methods.some((method) => method === 'post' || method === 'all' || method === 'use');
}

interface Registration {
  /** The HTTP method in lower case, or undefined when the registration does not name one. */
  method?: string;
  /** The route path and the paths its router is mounted at. */
  paths: string[];
}

/** Returns the names a function is declared or stored under: `handleWebhook`, `POST`, `receive` of `{ receive() {} }`. */
function getFunctionNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) names.push(fn.id.name);
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) names.push(parent.id.name);
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
    const key = getKeyName(parent as TSESTree.Property);
    if (key !== undefined) names.push(key);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const key = getKeyName(parent.left);
    if (key !== undefined) names.push(key);
  }
  return names;
}

/**
 * Returns the file's name without its extension and the name of its folder: `webhooks` for
 * `src/routes/webhooks.js`, `stripe` and `webhook` for `src/webhook/stripe.ts`. The folder is left out when
 * it contains a package.json, because a project folder's name does not describe one route. App Router
 * route files give their folders below `app` instead.
 */
function getFileNames(filePath: string, isRouteFile: boolean): string[] {
  const segments = isRouteFile ? getRouteSegments(filePath) : undefined;
  if (segments) return segments;
  const names = [basename(filePath, extname(filePath))];
  const folder = dirname(filePath);
  if (folder !== '.' && folder !== dirname(folder) && !hasManifest(folder)) names.push(basename(folder));
  return names;
}

/** Folders already checked for a package.json. The check runs for every header token that a file verifies. */
const manifestFolders = new Map<string, boolean>();

function hasManifest(folder: string): boolean {
  let found = manifestFolders.get(folder);
  if (found === undefined) {
    found = existsSync(join(folder, 'package.json'));
    manifestFolders.set(folder, found);
  }
  return found;
}

/** Finds where `fn` is registered as a route: in place, through wrapper calls, by name, in a Fastify route object or by Nest decorators. */
function findRegistrations(scopeManager: ScopeManager, fn: FunctionNode): Registration[] {
  const registrations: Registration[] = [];
  const inPlace = getRegistrationAround(scopeManager, fn);
  if (inPlace) registrations.push(inPlace);

  const parent = fn.parent;
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) name = fn.id;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) name = parent.id;
  const variable = name && findVariable(scopeManager, name);
  for (const reference of variable?.references ?? []) {
    const registration = getRegistrationAround(scopeManager, reference.identifier);
    if (registration) registrations.push(registration);
  }

  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const registration = getRouteObjectRegistration(parent.parent);
    if (registration) registrations.push(registration);
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) registrations.push(...getNestRegistrations(parent));
  return registrations;
}

/**
 * Returns the route registration that takes `node` as an argument, directly, inside a list, or through up
 * to two wrapper calls: `app.post('/webhooks', handler)`, `router.route('/webhooks').post([check, handler])`.
 */
function getRegistrationAround(scopeManager: ScopeManager, node: TSESTree.Node): Registration | undefined {
  let current: TSESTree.Node = node;
  for (let wrappers = 0; wrappers <= MAX_WRAPPER_CALLS; wrappers++) {
    if (current.parent?.type === AST_NODE_TYPES.ArrayExpression) current = current.parent;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.Expression)) return undefined;
    const registration = getRouteCallRegistration(scopeManager, call, current);
    if (registration) return registration;
    current = call;
  }
  return undefined;
}

/**
 * Reads `app.post('/webhooks', …)`, `router.route('/webhooks').get(…).post(…)` and Hono's
 * `app.on('POST', '/webhooks', …)`, where `argument` is the handler or contains it.
 */
function getRouteCallRegistration(scopeManager: ScopeManager, call: TSESTree.CallExpression, argument: TSESTree.Node): Registration | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const key = getKeyName(callee);
  let method: string | undefined;
  let firstPathIndex = 0;
  if (key === 'on') {
    method = getMethodOfList(call.arguments[0]);
    // Event emitters have `on` too: `server.on('request', handler)`.
    if (method === undefined || !ROUTE_METHODS.has(method)) return undefined;
    firstPathIndex = 1;
  } else if (key !== undefined && ROUTE_METHODS.has(key)) {
    method = key === 'del' ? 'delete' : key;
  } else {
    return undefined;
  }
  // koa-router may name a route before its path: `router.post('stripe', '/webhooks/stripe', handler)`.
  const beforeHandler = call.arguments.slice(firstPathIndex, call.arguments.indexOf(argument as TSESTree.Expression));
  const paths = beforeHandler.flatMap((path) => getLiteralString(path) ?? []);

  // Climb a chain of route calls to the router: `router.route('/webhooks').get(list).post(receive)`.
  let router = skipTypeWrappers(callee.object);
  while (router.type === AST_NODE_TYPES.CallExpression) {
    const chained = skipTypeWrappers(router.callee);
    const chainedKey = chained.type === AST_NODE_TYPES.MemberExpression ? getKeyName(chained) : undefined;
    if (chained.type !== AST_NODE_TYPES.MemberExpression || chainedKey === undefined) break;
    if (chainedKey === 'route') {
      const routePath = getStringOf(router.arguments[0]);
      if (routePath !== undefined) paths.push(routePath);
    } else if (!ROUTE_METHODS.has(chainedKey)) {
      break;
    }
    router = skipTypeWrappers(chained.object);
  }
  if (router.type === AST_NODE_TYPES.Identifier) paths.push(...getMountPaths(scopeManager, router, 0));
  return { ...(method === undefined ? {} : { method }), paths };
}

/**
 * Returns the method in lower case of a method name or a list of them (`'POST'`, `['GET', 'POST']`). A list
 * that contains POST gives `post`, because webhook deliveries use it, and any other list its first method.
 */
function getMethodOfList(node: TSESTree.Node | undefined): string | undefined {
  const expression = node && skipTypeWrappers(node);
  if (expression?.type !== AST_NODE_TYPES.ArrayExpression) return getStringOf(expression)?.toLowerCase();
  const listed = expression.elements.map((element) => (element ? getLiteralString(element)?.toLowerCase() : undefined));
  return listed.includes('post') ? 'post' : listed[0];
}

/**
 * Returns the paths where the router that `identifier` names is mounted in this file, outermost mounts
 * included: `/webhooks` for `app.use('/webhooks', router)` or Hono's `app.route('/webhooks', router)`, and
 * each path of an Express path list (`app.use(['/webhooks', '/hooks'], router)`).
 */
function getMountPaths(scopeManager: ScopeManager, identifier: TSESTree.Identifier, depth: number): string[] {
  if (depth >= MAX_DEPTH) return [];
  const variable = findVariable(scopeManager, identifier);
  const paths: string[] = [];
  for (const reference of variable?.references ?? []) {
    const mount = reference.identifier.parent;
    if (mount?.type !== AST_NODE_TYPES.CallExpression || !mount.arguments.includes(reference.identifier as TSESTree.Identifier)) continue;
    const callee = skipTypeWrappers(mount.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !MOUNT_METHODS.has(getKeyName(callee) ?? '')) continue;
    const mountPaths = getPathList(mount.arguments[0]);
    if (mountPaths.length === 0) continue;
    paths.push(...mountPaths);
    const parentRouter = skipTypeWrappers(callee.object);
    if (parentRouter.type === AST_NODE_TYPES.Identifier) paths.push(...getMountPaths(scopeManager, parentRouter, depth + 1));
  }
  return paths;
}

/** Reads a Fastify route object: `{ method: 'POST', url: '/webhooks', handler }`. */
function getRouteObjectRegistration(object: TSESTree.ObjectExpression): Registration | undefined {
  let method: string | undefined;
  const paths: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = getKeyName(property);
    const value = getLiteralString(property.value);
    if (key === 'method') method = getMethodOfList(property.value);
    if ((key === 'url' || key === 'path') && value !== undefined) paths.push(value);
  }
  return method === undefined && paths.length === 0 ? undefined : { ...(method === undefined ? {} : { method }), paths };
}

/** Reads the method decorators of a Nest controller method: `@Post('webhooks')`. */
function getNestRegistrations(method: TSESTree.MethodDefinition): Registration[] {
  const registrations: Registration[] = [];
  // espree, which ESLint uses for plain JavaScript, leaves `decorators` undefined.
  for (const decorator of method.decorators ?? []) {
    const name = getDecoratorName(decorator);
    if (name === undefined || !NEST_METHOD_DECORATORS.has(name)) continue;
    const argument = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.arguments[0] : undefined;
    const path = argument && getLiteralString(argument);
    registrations.push({ method: name.toLowerCase(), paths: path === undefined ? [] : [path] });
  }
  return registrations;
}

/** Returns the text of a string node, or undefined for another node or none. */
function getStringOf(node: TSESTree.Node | undefined): string | undefined {
  return node === undefined ? undefined : getLiteralString(node);
}

/** Returns the path of a string, or the strings of an array of paths, as Express takes them. */
function getPathList(node: TSESTree.Node | undefined): string[] {
  const expression = node && skipTypeWrappers(node);
  if (expression?.type !== AST_NODE_TYPES.ArrayExpression) {
    const path = getStringOf(expression);
    return path === undefined ? [] : [path];
  }
  return expression.elements.flatMap((element) => {
    const path = element ? getLiteralString(element) : undefined;
    return path === undefined ? [] : [path];
  });
}

/**
 * Returns true when code reads a user claim (see `USER_CLAIMS`) from the payload that `call` verifies, by
 * member access (`claims.sub`) or destructuring (`const { sub } = …`), also after the payload is bound to
 * other variables. jose's `jwtVerify` resolves to `{ payload }`, so its claims sit one level further down.
 */
export function readsUserClaim(sourceCode: SourceCode, call: JwtCall): boolean {
  const scopeManager = sourceCode.scopeManager;
  const isWrapped = call.library === 'jose';
  const callback = call.callbackNode;
  if (isFunctionNode(callback)) {
    const parameter = callback.params[1];
    return parameter !== undefined && doesPatternReadUserClaim(scopeManager, parameter, isWrapped, 0);
  }
  return doesValueReadUserClaim(scopeManager, call.node, isWrapped, 0);
}

/** Checks what is done with the value of `node`, which is the payload, or jose's result around it when `isWrapped`. */
function doesValueReadUserClaim(scopeManager: ScopeManager, node: TSESTree.Node, isWrapped: boolean, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  let current = node;
  while (isValueWrapper(current)) current = current.parent as TSESTree.Node;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
    const key = getKeyName(parent);
    if (isWrapped) return key === 'payload' && doesValueReadUserClaim(scopeManager, parent, false, depth + 1);
    return key !== undefined && USER_CLAIMS.has(key);
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
    return doesPatternReadUserClaim(scopeManager, parent.id, isWrapped, depth + 1);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) {
    return doesPatternReadUserClaim(scopeManager, parent.left, isWrapped, depth + 1);
  }
  return false;
}

/** Checks a binding of the payload: the references of a variable, or the keys of an object pattern. */
function doesPatternReadUserClaim(scopeManager: ScopeManager, pattern: TSESTree.Node, isWrapped: boolean, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scopeManager, pattern);
      return (variable?.references ?? []).some(
        (reference) => reference.identifier !== pattern && reference.isRead() && doesValueReadUserClaim(scopeManager, reference.identifier, isWrapped, depth + 1),
      );
    }
    case AST_NODE_TYPES.AssignmentPattern:
      return doesPatternReadUserClaim(scopeManager, pattern.left, isWrapped, depth + 1);
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.some((property) => {
        if (property.type === AST_NODE_TYPES.RestElement) return doesPatternReadUserClaim(scopeManager, property.argument, isWrapped, depth + 1);
        const key = getKeyName(property);
        if (isWrapped) return key === 'payload' && doesPatternReadUserClaim(scopeManager, property.value, false, depth + 1);
        return key !== undefined && USER_CLAIMS.has(key);
      });
    default:
      return false;
  }
}

/** Returns true when the parent of `node` passes its value on unchanged: `await`, `x!`, `x as T`, `a?.b`. */
function isValueWrapper(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.AwaitExpression ||
    parent?.type === AST_NODE_TYPES.TSAsExpression ||
    parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
    parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    parent?.type === AST_NODE_TYPES.TSTypeAssertion ||
    parent?.type === AST_NODE_TYPES.ChainExpression
  );
}
