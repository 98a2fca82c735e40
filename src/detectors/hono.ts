/**
 * Recognises Hono handlers and the calls that send a response from them. A Hono handler gets one context
 * (`c`) that both reads the request and builds the response (`c.json(...)`, `c.header(...)`). Koa code
 * names its context the same way, so a context counts as Hono's only in a file that loads Hono.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, forEachNode, getKeyName, getRequiredModule, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import { isRequestHandler } from './request-handler.js';

type SourceCode = TSESLint.SourceCode;

/**
 * The effect of a call made in a Hono handler on a value: sent in the response body, a response header, a
 * cookie or a redirect URL, or kept in the context (`c.set(key, value)`), which is never sent.
 */
export type HonoCallKind = 'response-body' | 'response-header' | 'cookie' | 'redirect' | 'context-only';

/** Context methods that build the response body. */
const BODY_METHODS = new Set(['json', 'text', 'body', 'html', 'newResponse']);

const COOKIE_SETTERS: TraceMap<true> = { setCookie: { [CALL]: true }, setSignedCookie: { [CALL]: true } };
const COOKIE_MODULE: TraceMap<true> = { 'hono/cookie': COOKIE_SETTERS };
/** The position of the cookie value in `setCookie(c, name, value, options)` and `setSignedCookie(c, name, value, secret, options)`. */
const COOKIE_VALUE_INDEX = 2;

const loadsHonoByProgram = new WeakMap<TSESTree.Program, boolean>();
const cookieCallsByProgram = new WeakMap<TSESTree.Program, ReadonlySet<TSESTree.Node>>();

/**
 * Returns what `call` does with `argument` when `call` is a method call on a Hono context or hono/cookie's
 * `setCookie`, and undefined for every other call.
 */
export function getHonoCallKind(sourceCode: SourceCode, call: TSESTree.CallExpression, argument: TSESTree.Node): HonoCallKind | undefined {
  if (findCookieCalls(sourceCode).has(call)) {
    return call.arguments[COOKIE_VALUE_INDEX] === argument ? 'cookie' : undefined;
  }
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isHonoContext(sourceCode, callee.object)) return undefined;
  const method = getKeyName(callee);
  if (method !== undefined && BODY_METHODS.has(method)) return 'response-body';
  if (method === 'header') return 'response-header';
  if (method === 'redirect') return 'redirect';
  return 'context-only';
}

/**
 * Returns true when `node` is the context parameter of a Hono handler: the first parameter of a request
 * handler (`app.post('/login', async (c) => ...)`, `async (c, next) => ...`) or a parameter typed
 * `Context`, in a file that loads Hono.
 */
export function isHonoContext(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier || !loadsHono(sourceCode)) return false;
  const definition = findVariable(sourceCode.scopeManager, expression)?.defs[0];
  if (definition?.type !== 'Parameter' || !isFunctionNode(definition.node)) return false;
  const fn = definition.node;
  const parameter = fn.params.find((candidate) => candidate.type === AST_NODE_TYPES.Identifier && candidate.name === expression.name);
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  if (isContextType(parameter.typeAnnotation)) return true;
  return parameter === fn.params[0] && (isRequestHandler(fn) || isRegisteredOnHonoApp(sourceCode, fn));
}

/** Hono app methods that take handlers after a path or route: the HTTP methods, `on`, `use` and `openapi` of @hono/zod-openapi. */
const HONO_REGISTRATION_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'all', 'on', 'use', 'openapi']);

/**
 * Returns true when `fn` is passed to a Hono registration method after its path or route, inline
 * (`app.openapi(route, async (c) => …)`) or through the constant or function declaration that names it
 * (`const login = async (c) => …; app.post('/login', login)`). `use` may take the handler first.
 */
function isRegisteredOnHonoApp(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const references: TSESTree.Node[] = [fn];
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id ?? undefined;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
    name = fn.parent.id;
  }
  if (name) {
    for (const reference of findVariable(sourceCode.scopeManager, name)?.references ?? []) references.push(reference.identifier);
  }
  return references.some((reference) => {
    const call = reference.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipTypeWrappers(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getKeyName(callee) : undefined;
    const index = call.arguments.indexOf(reference as TSESTree.CallExpressionArgument);
    return method !== undefined && HONO_REGISTRATION_METHODS.has(method) && (index > 0 || (index === 0 && method === 'use'));
  });
}

function isContextType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name === 'Context';
  return name.type === AST_NODE_TYPES.TSQualifiedName && name.right.name === 'Context';
}

/**
 * Returns true when the file imports, re-exports or requires `hono`, one of its subpath modules
 * (`hono/cookie`) or an `@hono/` package. Type-only imports count, because a file of handlers may
 * import only the `Context` type.
 */
function loadsHono(sourceCode: SourceCode): boolean {
  const cached = loadsHonoByProgram.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  let found = false;
  if (sourceCode.text.includes('hono')) {
    forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (!found) found = isHonoModule(getLoadedModule(sourceCode, node));
    });
  }
  loadsHonoByProgram.set(sourceCode.ast, found);
  return found;
}

function getLoadedModule(sourceCode: SourceCode, node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return typeof node.source?.value === 'string' ? node.source.value : undefined;
    case AST_NODE_TYPES.TSImportEqualsDeclaration:
      return node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference ? node.moduleReference.expression.value : undefined;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ImportExpression:
      return getRequiredModule(sourceCode.scopeManager, node);
    default:
      return undefined;
  }
}

function isHonoModule(name: string | undefined): boolean {
  return name !== undefined && (name === 'hono' || name.startsWith('hono/') || name.startsWith('@hono/'));
}

/** Returns the `setCookie` and `setSignedCookie` calls of hono/cookie in the file, found once per file. */
function findCookieCalls(sourceCode: SourceCode): ReadonlySet<TSESTree.Node> {
  const cached = cookieCallsByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const calls = new Set<TSESTree.Node>();
  if (sourceCode.text.includes('hono/cookie')) {
    const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
    for (const { node } of tracker.iterateEsmReferences(COOKIE_MODULE)) calls.add(node);
    for (const { node } of tracker.iterateCjsReferences(COOKIE_MODULE)) calls.add(node);
  }
  cookieCallsByProgram.set(sourceCode.ast, calls);
  return calls;
}
