/**
 * Finds the setup calls of express-session, cookie-session and cookie-parser, their options objects, and
 * `res.cookie(name, value, options)` calls that set a credential cookie. The libraries are recognised by
 * where the function comes from (default, named, renamed and namespace imports, `require`, destructured
 * `require`, TypeScript `import x = require()`, local aliases), never by a local name alone.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, forEachNode, getConstantInit, getKeyName, getRequiredModule, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, CONSTRUCT, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import { isCredentialKeyConstantName, isCredentialName, type CredentialNameOptions } from './credential-name.js';
import { findJwtCalls } from './jwt-library.js';
import { followObject, isGlobalIdentifier, type FollowedObject } from './same-file-value.js';
import { findHardcodedStrings, getLiteralString } from './static-string.js';

type SourceCode = TSESLint.SourceCode;

export type SessionLibrary = 'express-session' | 'cookie-session' | 'cookie-parser';

/** A call that creates session or cookie middleware: `session(options)`, `cookieSession(options)`, `cookieParser(secret)`. */
export interface SessionSetupCall {
  readonly library: SessionLibrary;
  readonly node: TSESTree.CallExpression;
  /** The options argument as written (`session(sessionConfig)` gives the identifier `sessionConfig`). */
  readonly optionsArgument?: TSESTree.Expression;
  /** The options followed to their object literal and later writes; undefined when absent or not followable. */
  readonly options?: FollowedObject;
  /** cookie-parser's first argument: the secret or array of secrets used to sign cookies. */
  readonly secretArgument?: TSESTree.Expression;
}

/** The session middleware setups of one file and the session libraries it loads. */
export interface SessionLibraryUsage {
  readonly setupCalls: readonly SessionSetupCall[];
  /** `new MemoryStore()` constructions of express-session's own store class. */
  readonly memoryStoreConstructions: ReadonlySet<TSESTree.NewExpression>;
  /** The session libraries the file imports or requires, whether it calls them or not. */
  readonly loadedLibraries: ReadonlySet<SessionLibrary>;
}

type TraceInfo = SessionLibrary | 'memory-store';

const EXPRESS_SESSION: TraceMap<TraceInfo> = {
  [CALL]: 'express-session',
  MemoryStore: { [CONSTRUCT]: 'memory-store' },
  // `session.default(...)` after `import * as session` or a transpiled default import.
  default: { [CALL]: 'express-session', MemoryStore: { [CONSTRUCT]: 'memory-store' } },
};

const SESSION_MODULES: TraceMap<TraceInfo> = {
  'express-session': EXPRESS_SESSION,
  'cookie-session': { [CALL]: 'cookie-session', default: { [CALL]: 'cookie-session' } },
  'cookie-parser': { [CALL]: 'cookie-parser', default: { [CALL]: 'cookie-parser' } },
};

const LIBRARIES: readonly SessionLibrary[] = ['express-session', 'cookie-session', 'cookie-parser'];

const usageByProgram = new WeakMap<TSESTree.Program, SessionLibraryUsage>();

/** Finds the session middleware setup calls in a file, with their options followed where possible. */
export function findSessionLibraryUsage(sourceCode: SourceCode): SessionLibraryUsage {
  const cached = usageByProgram.get(sourceCode.ast);
  if (cached) return cached;

  const found = [...findTrackedReferences(sourceCode, SESSION_MODULES)];
  const setupNodes = new Map<TSESTree.CallExpression, SessionLibrary>();
  const memoryStoreConstructions = new Set<TSESTree.NewExpression>();
  for (const { node, info } of found) {
    if (info === 'memory-store') memoryStoreConstructions.add(node as TSESTree.NewExpression);
    else setupNodes.set(node as TSESTree.CallExpression, info);
  }

  const isConsumer = (call: TSESTree.CallExpression | TSESTree.NewExpression): boolean =>
    call.type === AST_NODE_TYPES.CallExpression && setupNodes.has(call);
  const setupCalls = [...setupNodes].map(([node, library]) => describeSetupCall(sourceCode, node, library, isConsumer));
  setupCalls.sort((a, b) => a.node.range[0] - b.node.range[0]);

  // Finding the loaded libraries takes a walk over the whole AST, which most callers do not need.
  let loadedLibraries: ReadonlySet<SessionLibrary> | undefined;
  const usage: SessionLibraryUsage = {
    setupCalls,
    memoryStoreConstructions,
    get loadedLibraries() {
      loadedLibraries ??= findLoadedLibraries(sourceCode);
      return loadedLibraries;
    },
  };
  usageByProgram.set(sourceCode.ast, usage);
  return usage;
}

function describeSetupCall(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  library: SessionLibrary,
  isConsumer: (call: TSESTree.CallExpression | TSESTree.NewExpression) => boolean,
): SessionSetupCall {
  const [first, second] = node.arguments.map((argument) =>
    argument.type === AST_NODE_TYPES.SpreadElement ? undefined : argument,
  );
  const optionsIndex = library === 'cookie-parser' ? 1 : 0;
  // `session(...args)`: the spread array is kept as the options argument, so callers see options that
  // cannot be followed rather than a call without options.
  const spread = node.arguments.slice(0, optionsIndex + 1).find((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  let optionsArgument = library === 'cookie-parser' ? second : first;
  if (spread) optionsArgument = spread.argument;
  const options = optionsArgument ? followObject(sourceCode, optionsArgument, { isConsumer }) : undefined;
  return {
    library,
    node,
    ...(optionsArgument ? { optionsArgument } : {}),
    ...(options ? { options } : {}),
    ...(library === 'cookie-parser' && first ? { secretArgument: first } : {}),
  };
}

/**
 * Iterates the references a trace map describes through `require`, ESM imports, TypeScript's
 * `import x = require()` and `await import()`, the last two of which the reference tracker does not
 * follow on its own.
 */
function* findTrackedReferences<T>(
  sourceCode: SourceCode,
  traceMap: TraceMap<T>,
): Generator<{ node: TSESTree.Node; info: T }> {
  const globalScope = sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope;
  // `iteratePropertyReferences` exists at run time (eslint-utils 4) but typescript-eslint's types omit it.
  const tracker = createReferenceTracker(globalScope) as ReturnType<typeof createReferenceTracker> & {
    iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMap<T>): Iterable<{ node: TSESTree.Node; info: T }>;
  };
  yield* tracker.iterateCjsReferences(traceMap);
  yield* tracker.iterateEsmReferences(traceMap);

  for (const statement of sourceCode.ast.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) continue;
    const reference = declaration.moduleReference;
    if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) continue;
    const moduleId = reference.expression.value;
    const moduleMap = Object.hasOwn(traceMap, moduleId) ? traceMap[moduleId] : undefined;
    if (!moduleMap) continue;
    const variable = findVariable(sourceCode.scopeManager, declaration.id);
    for (const variableReference of variable?.references ?? []) {
      if (!variableReference.isRead()) continue;
      yield* tracker.iteratePropertyReferences(variableReference.identifier, moduleMap);
    }
  }

  // `const { default: session } = await import('express-session')`.
  const awaitedImports: TSESTree.AwaitExpression[] = [];
  if (sourceCode.text.includes('import(')) {
    forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ImportExpression && node.parent.type === AST_NODE_TYPES.AwaitExpression) {
        awaitedImports.push(node.parent);
      }
    });
  }
  for (const awaited of awaitedImports) {
    const moduleId = getRequiredModule(sourceCode.scopeManager, awaited.argument);
    const moduleMap = moduleId !== undefined && Object.hasOwn(traceMap, moduleId) ? traceMap[moduleId] : undefined;
    if (moduleMap) yield* tracker.iteratePropertyReferences(awaited, moduleMap);
  }
}

/** Returns the session libraries that the file imports or requires, whether or not it uses them. */
function findLoadedLibraries(sourceCode: SourceCode): Set<SessionLibrary> {
  const loaded = new Set<SessionLibrary>();
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    const library = getLoadedSessionLibrary(node);
    if (library !== undefined) loaded.add(library);
  });
  return loaded;
}

/**
 * Returns the session library a node loads: an import or `export … from`, `import x = require()`,
 * `import()`, or a `require()` call (also `require!()` and `(0, require)()`), with the name as a literal.
 * A `require` the file binds itself counts too, because bundlers pass Node's `require` in as a parameter.
 */
export function getLoadedSessionLibrary(node: TSESTree.Node): SessionLibrary | undefined {
  let source: TSESTree.Node | null | undefined;
  switch (node.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
      source = node.source;
      break;
    case AST_NODE_TYPES.TSExternalModuleReference:
      source = node.expression;
      break;
    case AST_NODE_TYPES.CallExpression:
      if (!isRequireCallee(node.callee)) return undefined;
      source = node.arguments[0];
      break;
    default:
      return undefined;
  }
  const name = source ? getLiteralString(source) : undefined;
  return LIBRARIES.find((library) => library === name);
}

/** Returns true for `require`, also behind a TypeScript wrapper or as the last of a sequence: `(0, require)`. */
function isRequireCallee(callee: TSESTree.Node): boolean {
  let unwrapped = skipTypeWrappers(callee);
  if (unwrapped.type === AST_NODE_TYPES.SequenceExpression) {
    const last = unwrapped.expressions.at(-1);
    if (!last) return false;
    unwrapped = skipTypeWrappers(last);
  }
  return unwrapped.type === AST_NODE_TYPES.Identifier && unwrapped.name === 'require';
}

/**
 * Returns true when an expression is express-session's built-in memory store: a `new MemoryStore()` of
 * that module's class, directly or through a same-file constant. `undefined` and `null` count too,
 * because express-session then creates one itself.
 */
export function isMemoryStoreExpression(sourceCode: SourceCode, expression: TSESTree.Node): boolean {
  const { memoryStoreConstructions } = findSessionLibraryUsage(sourceCode);
  let node = skipTypeWrappers(expression);
  for (let depth = 0; depth < 10 && node.type === AST_NODE_TYPES.Identifier; depth++) {
    if (node.name === 'undefined' && isGlobalIdentifier(sourceCode, node)) return true;
    const init = getConstantInit(sourceCode.scopeManager, node);
    if (!init) return false;
    node = skipTypeWrappers(init);
  }
  if (node.type === AST_NODE_TYPES.Literal && node.value === null) return true;
  return node.type === AST_NODE_TYPES.NewExpression && memoryStoreConstructions.has(node);
}

/** A `res.cookie(name, value, options)` call that sets a login credential. */
export interface CredentialCookieCall {
  readonly node: TSESTree.CallExpression;
  /** The cookie name when it is a string written in this file. */
  readonly cookieName?: string;
  readonly optionsArgument?: TSESTree.Expression;
  /** The options followed to their object literal and later writes; undefined when absent or not followable. */
  readonly options?: FollowedObject;
}

/**
 * Finds Express `res.cookie(name, value[, options])` calls whose cookie name is a credential name
 * (`"token"`, `"jwt"`, a `TOKEN_COOKIE` constant), whose value is named like one (`accessToken`,
 * `tokens.refresh_token`) or whose value is the result of a JWT sign call. Any receiver counts, because the response object is a handler parameter
 * with no import to trace.
 */
export function findCredentialCookieCalls(
  sourceCode: SourceCode,
  nameOptions: CredentialNameOptions = {},
): CredentialCookieCall[] {
  const calls: CredentialCookieCall[] = [];
  let signedTokens: ReadonlySet<TSESTree.Node> | undefined;
  const isSignedToken = (value: TSESTree.Expression): boolean => {
    signedTokens ??= new Set(findJwtCalls(sourceCode).flatMap((call) => (call.operation === 'sign' ? [call.node] : [])));
    return isJwtSignResult(sourceCode, value, signedTokens);
  };

  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getKeyName(callee) !== 'cookie') return;
    if (isJqueryObject(sourceCode, callee.object)) return;
    if (node.arguments.length < 2 || node.arguments.length > 3) return;
    if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
    const [nameArgument, valueArgument, optionsArgument] = node.arguments as TSESTree.Expression[];
    if (!nameArgument || !valueArgument) return;
    // `res.cookie('token', '', { maxAge: 0 })` deletes the cookie, and an empty cookie needs no flags.
    if (isEmptyCookieValue(sourceCode, valueArgument)) return;

    const names = findHardcodedStrings(sourceCode, nameArgument).filter((found) => found.role === 'value');
    const cookieName = names.length === 1 ? names[0]?.value : undefined;
    const isCredentialCookie =
      (cookieName !== undefined && isCredentialName(cookieName, nameOptions)) ||
      (cookieName === undefined && isCredentialNamedExpression(nameArgument, nameOptions, true)) ||
      isCredentialNamedExpression(valueArgument, nameOptions, false) ||
      isSignedToken(valueArgument);
    if (!isCredentialCookie) return;

    const options = optionsArgument ? followObject(sourceCode, optionsArgument, { isConsumer: isCookieCall }) : undefined;
    calls.push({
      node,
      ...(cookieName !== undefined ? { cookieName } : {}),
      ...(optionsArgument ? { optionsArgument } : {}),
      ...(options ? { options } : {}),
    });
  });
  return calls;
}

/**
 * Returns true for the global `$` or `jQuery`. Their `.cookie(name, value)` is the jquery-cookie plugin,
 * which writes the cookie in the browser, where `httpOnly` cannot be set.
 */
function isJqueryObject(sourceCode: SourceCode, object: TSESTree.Node): boolean {
  const node = skipTypeWrappers(object);
  return node.type === AST_NODE_TYPES.Identifier && (node.name === '$' || node.name === 'jQuery') && isGlobalIdentifier(sourceCode, node);
}

/** Returns true for `''`, `null` and `undefined`, the values that delete a cookie. */
function isEmptyCookieValue(sourceCode: SourceCode, value: TSESTree.Expression): boolean {
  const node = skipTypeWrappers(value);
  if (node.type === AST_NODE_TYPES.Literal) return node.value === '' || node.value === null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0 && node.quasis[0]?.value.cooked === '';
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined' && isGlobalIdentifier(sourceCode, node);
}

/** Returns true when a value is the result of a JWT sign call, directly, awaited or through a constant. */
function isJwtSignResult(sourceCode: SourceCode, value: TSESTree.Expression, signCalls: ReadonlySet<TSESTree.Node>): boolean {
  let node = skipTypeWrappers(value);
  for (let depth = 0; depth < 4; depth++) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipTypeWrappers(node.argument);
    if (signCalls.has(node)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const init = getConstantInit(sourceCode.scopeManager, node);
    if (!init) return false;
    node = skipTypeWrappers(init);
  }
  return false;
}

/** Returns true for a `x.cookie(...)` call, which reads its options without changing them. */
function isCookieCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getKeyName(callee) === 'cookie';
}

/**
 * Returns true when an identifier or property read is named like a credential (`accessToken`,
 * `tokens.jwt`). For a cookie-name argument, constant names such as `TOKEN_COOKIE` count as well.
 */
function isCredentialNamedExpression(
  expression: TSESTree.Expression,
  nameOptions: CredentialNameOptions,
  isCookieName: boolean,
): boolean {
  const node = skipTypeWrappers(expression);
  let name: string | undefined;
  if (node.type === AST_NODE_TYPES.Identifier) name = node.name;
  else if (node.type === AST_NODE_TYPES.MemberExpression) name = getKeyName(node);
  if (name === undefined) return false;
  return isCookieName ? isCredentialKeyConstantName(name, nameOptions) : isCredentialName(name, nameOptions);
}
