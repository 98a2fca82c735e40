/**
 * Recognises Next.js server code and the calls that hand a value to the browser there. Server code is an
 * App Router route file (a `route.ts` below an `app` folder, in a project that lists next) or a file that
 * imports `next/server` or `next/headers`. The calls are `cookies().set()` of next/headers, `NextResponse.json()`,
 * `new NextResponse()`, `NextResponse.redirect()`, `redirect()` of next/navigation, the `cookies.set()` and
 * `headers.set()` of a NextResponse, and in server code also the global `Response.json()`, `new Response()`
 * and `Response.redirect()`. Server actions, whose return value goes to the browser, are recognised by
 * their `'use server'` directive.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { isNextWithoutExpress, listsPackage } from '../codemod/manifest.js';
import { findVariable, getKeyName, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, CONSTRUCT, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import type { FunctionNode } from './request-handler.js';
import { getLoadedModules } from './server-framework.js';

type SourceCode = TSESLint.SourceCode;

/** The place a Next.js call sends a value to: the response body, a response header, a cookie or a redirect URL. */
export type NextCallKind = 'response-body' | 'response-header' | 'cookie' | 'redirect';

/**
 * The call that creates a response. `json()` and `new` take the body first and the init (status, headers)
 * second, `redirect` takes the URL first, and `other` is `next()` or `rewrite()`, whose response may still
 * get cookies.
 */
type ResponseFactory = 'json' | 'construct' | 'redirect' | 'other';

/** Modules whose import marks a file as Next.js server code. */
const NEXT_SERVER_MODULES: ReadonlySet<string> = new Set(['next/server', 'next/headers']);
/** The file name of an App Router route handler, with the page extensions Next.js reads by default. */
const ROUTE_FILE_NAME = /^route\.(?:js|jsx|ts|tsx)$/;

const COOKIE_STORE_FACTORY: TraceMap<true> = { 'next/headers': { cookies: { [CALL]: true } } };
const NEXT_RESPONSE: TraceMap<ResponseFactory> = {
  'next/server': {
    NextResponse: {
      [CONSTRUCT]: 'construct',
      json: { [CALL]: 'json' },
      next: { [CALL]: 'other' },
      redirect: { [CALL]: 'redirect' },
      rewrite: { [CALL]: 'other' },
    },
  },
  // These throw to end the request with a redirect, so they return no response that could get cookies.
  'next/navigation': { redirect: { [CALL]: 'redirect' }, permanentRedirect: { [CALL]: 'redirect' } },
};
const FETCH_RESPONSE: TraceMap<ResponseFactory> = {
  Response: { [CONSTRUCT]: 'construct', json: { [CALL]: 'json' }, redirect: { [CALL]: 'redirect' } },
};
const USE_SERVER = 'use server';

const MAX_DEPTH = 4;

const importsByProgram = new WeakMap<TSESTree.Program, boolean>();
const cookieStoresByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, true>>();
const nextResponsesByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, ResponseFactory>>();
const fetchResponsesByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, ResponseFactory>>();

/**
 * Returns true for Next.js server code: an App Router route file, or a file that imports `next/server`
 * or `next/headers` (`import type` included, since route handlers often import only `NextRequest`).
 */
export function isNextServerFile(sourceCode: SourceCode, filePath: string): boolean {
  return importsNextServerModule(sourceCode) || isNextRouteFile(filePath);
}

/**
 * Returns true for code that Next.js may run in place of express: Pages Router code as `getNextPagesFile`
 * decides, which includes every file below `pages/api`, or server code as `isNextServerFile` decides in a
 * file that loads no express.
 */
export function isNextCode(sourceCode: SourceCode, filePath: string): boolean {
  if (getNextPagesFile(sourceCode, filePath) !== undefined) return true;
  return !getLoadedModules(sourceCode).includes('express') && isNextServerFile(sourceCode, filePath);
}

/**
 * The reason a file of a project that lists next may run in Next.js API routes of the Pages Router.
 * - `next-only`: the project lists next and not express, so all its request handlers run on Next.js.
 * - `api-route`: the file is below `pages/api`, which Next.js serves even next to a custom express server.
 * - `maybe-api-helper`: the project lists express too, and nothing in the file ties it to express, so a
 *   Pages Router API route may import it as well as the custom server.
 */
export type NextPagesFile = 'next-only' | 'api-route' | 'maybe-api-helper';

/**
 * Returns why `filePath` may be Pages Router code, or undefined when it is not. Next.js serves every file
 * below `pages/api` as an API route, whatever the file imports, so such a file is `api-route` even when
 * it loads express. Outside `pages/api`, a file that loads express runs on express. In a project that
 * lists next and express, a file outside `pages/api` that imports from express only for its types
 * (`import type { Request } from 'express'`, or `import express` used only in type annotations) counts
 * as express code too. Its handlers are typed for the express request, which Next.js does not pass to
 * its API routes, so the file was written for the custom server.
 */
export function getNextPagesFile(sourceCode: SourceCode, filePath: string): NextPagesFile | undefined {
  if (!listsPackage(filePath, 'next')) return undefined;
  const loadsExpress = getLoadedModules(sourceCode).includes('express');
  if (!loadsExpress && isNextWithoutExpress(filePath)) return 'next-only';
  if (isNextApiRouteFile(filePath)) return 'api-route';
  if (loadsExpress) return undefined;
  return importsFromExpress(sourceCode) ? undefined : 'maybe-api-helper';
}

/** Returns true when an import declaration of the file names express, `import type` included. */
function importsFromExpress(sourceCode: SourceCode): boolean {
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === 'express');
}

/**
 * Returns true for a file below a `pages/api` folder in a project whose package.json lists next: a Pages
 * Router API route, which Next.js serves even when a custom server of the project runs on express.
 */
export function isNextApiRouteFile(filePath: string): boolean {
  const parts = filePath.split(/[\\/]/);
  const isBelowApiFolder = parts.some((part, index) => part === 'pages' && parts[index + 1] === 'api' && index + 2 < parts.length);
  return isBelowApiFolder && listsPackage(filePath, 'next');
}

/** Returns true for a `route.js`, `.jsx`, `.ts` or `.tsx` file below an `app` folder, in a project whose package.json lists next. */
export function isNextRouteFile(filePath: string): boolean {
  return getRouteSegments(filePath) !== undefined && listsPackage(filePath, 'next');
}

/**
 * Returns the folders between the last `app` folder and an App Router route file, which form its URL path
 * (`['api', 'reset-password']` for `src/app/api/reset-password/route.ts`). Returns an empty list for
 * `app/route.ts` and undefined for any other file. Only the last `app` folder counts, so the folders of
 * the project around it never become part of the route.
 */
export function getRouteSegments(filePath: string): string[] | undefined {
  const parts = filePath.split(/[\\/]/);
  if (!ROUTE_FILE_NAME.test(parts.at(-1) ?? '')) return undefined;
  const appIndex = parts.lastIndexOf('app', parts.length - 2);
  return appIndex < 0 ? undefined : parts.slice(appIndex + 1, -1);
}

/**
 * Returns what `call` does with `argument` when `call` hands it to the browser through a Next.js API, and
 * undefined for every other call and argument. `keys` are the object keys between the value and the
 * argument, so `cookies().set({ name: 'session', value: token })` counts through its `value` key.
 */
export function getNextCallKind(
  sourceCode: SourceCode,
  filePath: string,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: TSESTree.Node,
  keys: readonly string[],
): NextCallKind | undefined {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (call.type === AST_NODE_TYPES.CallExpression && isCookieSetCall(sourceCode, call)) {
    return index === 1 || (index === 0 && keys.at(-1) === 'value') ? 'cookie' : undefined;
  }
  if (call.type === AST_NODE_TYPES.CallExpression && isHeaderSetCall(sourceCode, call)) return index === 1 ? 'response-header' : undefined;
  const factory = getResponseFactory(sourceCode, filePath, call);
  if (factory === 'redirect') return index === 0 ? 'redirect' : undefined;
  if (factory !== 'json' && factory !== 'construct') return undefined;
  if (index === 0) return 'response-body';
  // The init argument sets the status and the headers, and only a header can carry a token.
  return index === 1 ? 'response-header' : undefined;
}

/**
 * Returns true for a server action, whose return value Next.js sends to the browser: a function whose body
 * starts with a `'use server'` directive, or a function that a file starting with one exports. A helper
 * that such a file does not export runs only on the server.
 */
export function isServerAction(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasUseServerDirective(fn.body.body)) return true;
  return hasUseServerDirective(sourceCode.ast.body) && isExported(sourceCode, fn);
}

function hasUseServerDirective(statements: readonly TSESTree.Node[]): boolean {
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === USE_SERVER) return true;
  }
  return false;
}

/**
 * Returns true for `export function f`, `export const f = …`, `export default function`, and a function
 * declared under a name that `export { f }` or `export default f` exports.
 */
function isExported(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) name = fn.id;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
    name = parent.id;
  }
  const variable = name && findVariable(sourceCode.scopeManager, name);
  return (variable?.references ?? []).some((reference) => {
    const user = reference.identifier.parent;
    return user?.type === AST_NODE_TYPES.ExportSpecifier || user?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  });
}

function importsNextServerModule(sourceCode: SourceCode): boolean {
  let imports = importsByProgram.get(sourceCode.ast);
  if (imports === undefined) {
    const hasImport = sourceCode.ast.body.some(
      (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && NEXT_SERVER_MODULES.has(String(statement.source.value)),
    );
    imports = hasImport || getLoadedModules(sourceCode).some((name) => NEXT_SERVER_MODULES.has(name));
    importsByProgram.set(sourceCode.ast, imports);
  }
  return imports;
}

/** `cookies().set(…)`, `(await cookies()).set(…)`, `store.set(…)` after `const store = await cookies()`, and `response.cookies.set(…)` of a NextResponse. */
function isCookieSetCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getKeyName(callee) !== 'set') return false;
  const store = skipTypeWrappers(callee.object);
  if (isCookieStore(sourceCode, store, 0)) return true;
  return store.type === AST_NODE_TYPES.MemberExpression && getKeyName(store) === 'cookies' && isNextResponse(sourceCode, store.object, 0);
}

/** `response.headers.set(name, value)` and `response.headers.append(name, value)` of a NextResponse. */
function isHeaderSetCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getKeyName(callee);
  if (method !== 'set' && method !== 'append') return false;
  const headers = skipTypeWrappers(callee.object);
  return headers.type === AST_NODE_TYPES.MemberExpression && getKeyName(headers) === 'headers' && isNextResponse(sourceCode, headers.object, 0);
}

function isCookieStore(sourceCode: SourceCode, node: TSESTree.Node, depth: number): boolean {
  const value = resolveValue(sourceCode, node, depth);
  return value !== undefined && findCookieStoreCalls(sourceCode).has(value);
}

function isNextResponse(sourceCode: SourceCode, node: TSESTree.Node, depth: number): boolean {
  const value = resolveValue(sourceCode, node, depth);
  return value !== undefined && findNextResponses(sourceCode).has(value);
}

/**
 * Follows `await x` and the variable an identifier is declared with to the expression that creates the
 * value. Returns undefined for a parameter or a variable declared without a value.
 */
function resolveValue(sourceCode: SourceCode, node: TSESTree.Node, depth: number): TSESTree.Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) return resolveValue(sourceCode, expression.argument, depth + 1);
  if (expression.type !== AST_NODE_TYPES.Identifier) return expression;
  const definition = findVariable(sourceCode.scopeManager, expression)?.defs[0];
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
  return resolveValue(sourceCode, definition.node.init, depth + 1);
}

/** Returns how `call` creates a response: a NextResponse anywhere, the global Response only in Next.js server code. */
function getResponseFactory(sourceCode: SourceCode, filePath: string, call: TSESTree.Node): ResponseFactory | undefined {
  const factory = findNextResponses(sourceCode).get(call);
  if (factory !== undefined) return factory;
  const fetchFactory = findFetchResponses(sourceCode).get(call);
  return fetchFactory !== undefined && isNextServerFile(sourceCode, filePath) ? fetchFactory : undefined;
}

function findCookieStoreCalls(sourceCode: SourceCode): ReadonlyMap<TSESTree.Node, true> {
  return findTracedNodes(sourceCode, cookieStoresByProgram, COOKIE_STORE_FACTORY, 'module');
}

function findNextResponses(sourceCode: SourceCode): ReadonlyMap<TSESTree.Node, ResponseFactory> {
  return findTracedNodes(sourceCode, nextResponsesByProgram, NEXT_RESPONSE, 'module');
}

function findFetchResponses(sourceCode: SourceCode): ReadonlyMap<TSESTree.Node, ResponseFactory> {
  return findTracedNodes(sourceCode, fetchResponsesByProgram, FETCH_RESPONSE, 'global');
}

/**
 * Returns the nodes that `traceMap` finds, each with its info, from imports and `require` calls of a
 * module or from globals. The result is cached per AST in `cache`.
 */
function findTracedNodes<T>(
  sourceCode: SourceCode,
  cache: WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, T>>,
  traceMap: TraceMap<T>,
  source: 'module' | 'global',
): ReadonlyMap<TSESTree.Node, T> {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
  const references =
    source === 'module'
      ? [...tracker.iterateEsmReferences(traceMap), ...tracker.iterateCjsReferences(traceMap)]
      : [...tracker.iterateGlobalReferences(traceMap)];
  const nodes = new Map<TSESTree.Node, T>();
  for (const { node, info } of references) nodes.set(node as TSESTree.Node, info as T);
  cache.set(sourceCode.ast, nodes);
  return nodes;
}
