/**
 * Finds the code that may handle an error thrown at a given place: a `try` statement around it, a promise
 * chain that goes on to `.catch()`, or code that this search does not follow. jwt-to-session runs it
 * before it moves code into a callback that runs later, where that handling no longer applies.
 *
 * The search walks outward from the place. At each function around it, the caller of that function
 * decides where an error goes next:
 * - a `.then()`, `.catch()` or `.finally()` callback, or a `new Promise` executor: into that promise,
 *   which is followed along its chain, through variables, `await` and `return`;
 * - a Node.js error-first callback (`db.get(id, (err, row) => …)`): nowhere, because it runs after the
 *   code around the call has finished;
 * - an array method, a lodash-style collection function, jsonwebtoken's `verify` or `sign`, or passport's
 *   `authenticate`: out of the call, because they may run the callback before they return;
 * - any other call: out of the call, and into the call's result, which may be a promise.
 * Where the search cannot tell, it reports handling, because its caller then marks the site for manual
 * migration instead of changing what the code does.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';

import type { CodemodFile } from './source-file.js';

type AnyNode = ASTNode & { type: string; [key: string]: unknown };

/** Code that may handle an error thrown where the search started. */
export interface ErrorHandling {
  /**
   * - `try`: a try statement with a catch or finally clause around the start, with no promise in between.
   * - `catch`: a `.catch()`, or a `.then()` with a rejection handler, on the promise that the error rejects.
   * - `passed-on`: that promise is awaited inside a try statement, or reaches code the search does not
   *   follow: a function argument, a property, or the result of a call it cannot see into.
   */
  kind: 'try' | 'catch' | 'passed-on';
}

export interface ErrorHandlingOptions {
  /** The function where the search ends, such as a request handler; what its caller does is not examined. */
  readonly boundary: ASTNode;
  /** Returns true for a callback that its caller may run before it returns, beyond the callers known here. */
  readonly mayRunSynchronously?: (callback: ASTPath) => boolean;
}

interface Search {
  readonly file: CodemodFile;
  readonly boundary: ASTNode;
  readonly mayRunSynchronously: (callback: ASTPath) => boolean;
  /** Expressions whose promise has been followed already, so `p = p.then(…)` ends the search. */
  readonly followed: Set<ASTNode>;
}

/** Returns what may handle an error thrown at `start`, or undefined when nothing before `boundary` does. */
export function findErrorHandling(file: CodemodFile, start: ASTPath, options: ErrorHandlingOptions): ErrorHandling | undefined {
  const search: Search = {
    file,
    boundary: options.boundary,
    mayRunSynchronously: options.mayRunSynchronously ?? (() => false),
    followed: new Set(),
  };
  return findThrowHandling(search, start);
}

const PASSED_ON: ErrorHandling = { kind: 'passed-on' };

/** Walks outward from `start` to the first try statement that covers it or to the function around it. */
function findThrowHandling(search: Search, start: ASTPath): ErrorHandling | undefined {
  let child = start;
  for (let current = start.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    if (Array.isArray(current.value)) continue;
    const node = current.node as AnyNode;
    if (node === search.boundary) return undefined;
    if (node.type === 'TryStatement' && tryCovers(node, String(child.name))) return { kind: 'try' };
    if (isFunctionNode(node)) return findCallerHandling(search, current);
    child = current;
  }
  return undefined;
}

/** True when a try statement handles what its `part` throws: the block with a catch or finally, or the catch with a finally. */
function tryCovers(tryStatement: AnyNode, part: string): boolean {
  if (part === 'block') return Boolean(tryStatement.handler) || Boolean(tryStatement.finalizer);
  return part === 'handler' && Boolean(tryStatement.finalizer);
}

/** Follows an error thrown in the body of the function at `fn` to where its caller sends it. */
function findCallerHandling(search: Search, fn: ASTPath): ErrorHandling | undefined {
  const isAsync = (fn.node as AnyNode).async === true;
  const caller = getCaller(search, fn);
  switch (caller.kind) {
    case 'promise-callback':
    case 'executor':
      return findRejectionHandling(search, caller.call);
    case 'node-callback':
      return undefined;
    case 'synchronous':
      // An async callback throws into its own promise, which the caller may return or collect (`map`).
      return isAsync ? findRejectionHandling(search, caller.call) : findThrowHandling(search, caller.call);
    case 'unknown':
      return (isAsync ? undefined : findThrowHandling(search, caller.call)) ?? passOn(findRejectionHandling(search, caller.call));
    case 'none':
      // NOTE: a function declared or stored here may be called from anywhere; the search only looks at
      // the code around its definition.
      return findThrowHandling(search, fn);
  }
}

/** Follows a promise returned by the function at `fn` to where its caller sends it. */
function findReturnHandling(search: Search, fn: ASTPath): ErrorHandling | undefined {
  if (fn.node === search.boundary) return undefined;
  const caller = getCaller(search, fn);
  switch (caller.kind) {
    case 'promise-callback':
      // `.then(() => promise)` settles as that promise does.
      return findRejectionHandling(search, caller.call);
    case 'executor':
    case 'node-callback':
      return undefined;
    case 'synchronous':
    case 'unknown':
      return passOn(findRejectionHandling(search, caller.call));
    case 'none':
      return PASSED_ON;
  }
}

/** Node types that pass the value of their `expression` through unchanged. */
const TRANSPARENT_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

/** Follows the promise that the expression at `start` evaluates to, to what handles its rejection. */
function findRejectionHandling(search: Search, start: ASTPath): ErrorHandling | undefined {
  if (search.followed.has(start.node)) return undefined;
  search.followed.add(start.node);

  let current = start;
  for (;;) {
    const parentPath = getParentNodePath(current);
    const parent = parentPath?.node as AnyNode | undefined;
    if (!parentPath || !parent) return undefined;
    const field = getFieldName(current);

    if (TRANSPARENT_WRAPPERS.has(parent.type)) {
      current = parentPath;
      continue;
    }
    switch (parent.type) {
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const call = field === 'object' ? getParentNodePath(parentPath) : undefined;
        const callNode = call?.node as AnyNode | undefined;
        if (!call || !callNode || !isCallNode(callNode) || callNode.callee !== parent) return PASSED_ON;
        const method = getMemberName(parent);
        if (method === 'catch' || (method === 'then' && (callNode.arguments as unknown[]).length >= 2)) return { kind: 'catch' };
        if (method !== 'then' && method !== 'finally') return PASSED_ON;
        current = call;
        continue;
      }
      case 'ExpressionStatement':
        return undefined;
      case 'UnaryExpression':
        return parent.operator === 'void' ? undefined : PASSED_ON;
      case 'SequenceExpression': {
        const expressions = parent.expressions as AnyNode[];
        if (expressions[expressions.length - 1] !== current.node) return undefined;
        current = parentPath;
        continue;
      }
      case 'ConditionalExpression':
        if (field === 'test') return undefined;
        current = parentPath;
        continue;
      case 'LogicalExpression':
        current = parentPath;
        continue;
      case 'AwaitExpression':
        return afterAwait(findThrowHandling(search, parentPath));
      case 'ReturnStatement': {
        const fn = getEnclosingFunctionPath(parentPath);
        return fn ? findReturnHandling(search, fn) : PASSED_ON;
      }
      case 'ArrowFunctionExpression':
        return field === 'body' ? findReturnHandling(search, parentPath) : PASSED_ON;
      case 'VariableDeclarator': {
        const id = parent.id as AnyNode;
        if (field !== 'init' || id.type !== 'Identifier') return PASSED_ON;
        return findVariableHandling(search, parentPath.get('id') as ASTPath);
      }
      case 'AssignmentExpression': {
        const left = parent.left as AnyNode;
        if (field !== 'right' || parent.operator !== '=' || left.type !== 'Identifier') return PASSED_ON;
        const handling = findVariableHandling(search, parentPath.get('left') as ASTPath);
        if (handling) return handling;
        current = parentPath;
        continue;
      }
      default:
        return PASSED_ON;
    }
  }
}

/** Follows each read of the variable named at `id` as the promise stored in it. */
function findVariableHandling(search: Search, id: ASTPath): ErrorHandling | undefined {
  const name = (id.node as AnyNode).name as string;
  const scope = getDeclaringScopeNode(id, name);
  if (!scope) return PASSED_ON;
  const { j } = search.file;
  // ast-types gives `let` and `const` the scope of their function, so a same-named variable in another
  // block of that function counts as this one, which can only add handling.
  const reads = search.file.root
    .find(j.Identifier, { name })
    .paths()
    .filter((path) => path.node !== id.node && isRead(path) && getDeclaringScopeNode(path, name) === scope);
  for (const read of reads) {
    const handling = findRejectionHandling(search, read);
    if (handling) return handling;
  }
  return undefined;
}

function getDeclaringScopeNode(path: ASTPath, name: string): ASTNode | undefined {
  const scope = (path as ASTPath & { scope?: { lookup(name: string): { node: ASTNode } | null } | null }).scope;
  return scope?.lookup(name)?.node ?? undefined;
}

/** True for an identifier that reads its variable: not a property name, a declaration or an assignment target. */
function isRead(path: ASTPath): boolean {
  const parent = getParentNodePath(path)?.node as AnyNode | undefined;
  const field = getFieldName(path);
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return field === 'object' || parent.computed === true;
    case 'ObjectProperty':
    case 'Property':
      return field === 'value' || parent.computed === true;
    case 'VariableDeclarator':
      return field === 'init';
    case 'AssignmentExpression':
      return field === 'right';
    default:
      return true;
  }
}

/**
 * Reports a try statement around an `await` as `passed-on`: the rejection is thrown there, but the code
 * that threw it is not inside that statement.
 */
function afterAwait(handling: ErrorHandling | undefined): ErrorHandling | undefined {
  return handling?.kind === 'try' ? PASSED_ON : handling;
}

function passOn(handling: ErrorHandling | undefined): ErrorHandling | undefined {
  return handling && PASSED_ON;
}

// ---------------------------------------------------------------------------------------------------
// Callers of a function

/**
 * The kind of call that runs a function:
 * - `promise-callback`: passed to `.then()`, `.catch()` or `.finally()`;
 * - `executor`: passed to `new Promise`;
 * - `synchronous`: passed to a call that may run it before returning, or called where it is written;
 * - `node-callback`: a Node.js error-first callback, which runs after the caller has returned;
 * - `unknown`: passed to any other call;
 * - `none`: not passed to a call (a declaration, a method, a stored value).
 */
type Caller = { kind: 'promise-callback' | 'executor' | 'synchronous' | 'node-callback' | 'unknown'; call: ASTPath } | { kind: 'none' };

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Callers that may run a callback before they return although its first parameter is the error.
 * jsonwebtoken 9 runs the `verify` callback at once unless the key is a function, and the `sign` callback
 * at once for invalid input. passport runs an `authenticate` callback from the strategy, at once when
 * the strategy decides without I/O.
 */
const SYNCHRONOUS_ERROR_FIRST_CALLERS = new Set(['verify', 'sign', 'authenticate']);

/** Array methods, which run their callback (always their first argument) before they return. */
const ARRAY_METHODS = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'sort',
  'toSorted',
]);

/** Objects that usually name lodash, underscore, async or Ramda, whose collection functions run callbacks at once. */
const COLLECTION_LIBRARIES = new Set(['_', 'lodash', 'underscore', 'async', 'R']);

const ERROR_PARAMETER = /^(?:err|error|e|er)$/;
/** Short names that also name array elements and events (`items.forEach((e) => …)`). */
const SHORT_ERROR_PARAMETER = /^(?:e|er)$/;

function getCaller(search: Search, fn: ASTPath): Caller {
  const list = fn.parentPath as ASTPath | null;
  const callPath = list?.parentPath as ASTPath | null;
  const call = callPath?.node as AnyNode | undefined;
  if (list && callPath && call && Array.isArray(list.value) && list.name === 'arguments' && (isCallNode(call) || call.type === 'NewExpression')) {
    const callee = call.callee as AnyNode;
    const name = isMemberNode(callee) ? getMemberName(callee) : getIdentifierName(callee);
    if (call.type === 'NewExpression') {
      return { kind: name === 'Promise' && (call.arguments as AnyNode[])[0] === fn.node ? 'executor' : 'unknown', call: callPath };
    }
    if (isMemberNode(callee) && PROMISE_METHODS.has(name ?? '')) return { kind: 'promise-callback', call: callPath };
    if (SYNCHRONOUS_ERROR_FIRST_CALLERS.has(name ?? '') || search.mayRunSynchronously(fn)) return { kind: 'synchronous', call: callPath };
    if (isCollectionCall(call, fn.node as AnyNode, name)) return { kind: 'synchronous', call: callPath };
    if (ERROR_PARAMETER.test(getFirstParameterName(fn.node as AnyNode) ?? '')) return { kind: 'node-callback', call: callPath };
    return { kind: 'unknown', call: callPath };
  }
  const invocation = getInvocation(fn);
  return invocation ? { kind: 'synchronous', call: invocation } : { kind: 'none' };
}

/**
 * True for a call that iterates over a collection: a method of an array literal, a function of a
 * collection library, or an array method with the callback first. An array method name with the callback
 * later is taken for a database call such as Mongoose's `User.find(filter, (err, users) => …)`, unless the
 * callback's first parameter is `e` or `er`, which also name elements.
 */
function isCollectionCall(call: AnyNode, fn: AnyNode, name: string | undefined): boolean {
  const callee = call.callee as AnyNode;
  const object = isMemberNode(callee) ? (callee.object as AnyNode) : undefined;
  if (object?.type === 'ArrayExpression') return true;
  if (COLLECTION_LIBRARIES.has(getIdentifierName(object) ?? '')) return true;
  if (!ARRAY_METHODS.has(name ?? '')) return false;
  return (call.arguments as AnyNode[])[0] === fn || SHORT_ERROR_PARAMETER.test(getFirstParameterName(fn) ?? '');
}

/** Returns the call that runs the function at `fn` where it is written: `(() => …)()` or `(function () { … }).call(this)`. */
function getInvocation(fn: ASTPath): ASTPath | undefined {
  const parentPath = getParentNodePath(fn);
  const parent = parentPath?.node as AnyNode | undefined;
  if (!parentPath || !parent) return undefined;
  if (isCallNode(parent) && parent.callee === fn.node) return parentPath;
  if (isMemberNode(parent) && parent.object === fn.node && ['call', 'apply'].includes(getMemberName(parent) ?? '')) {
    const call = getParentNodePath(parentPath);
    const callNode = call?.node as AnyNode | undefined;
    if (call && callNode && isCallNode(callNode) && callNode.callee === parent) return call;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Small AST helpers

/** Returns the path of the nearest node above `path`, past any array of nodes such as `arguments`. */
function getParentNodePath(path: ASTPath): ASTPath | undefined {
  let parent = path.parentPath as ASTPath | null;
  while (parent && Array.isArray(parent.value)) parent = parent.parentPath as ASTPath | null;
  return parent ?? undefined;
}

/** Returns the field of the parent node that contains `path`: `arguments` for an argument, not its index. */
function getFieldName(path: ASTPath): string {
  const parent = path.parentPath as ASTPath | null;
  return String(parent && Array.isArray(parent.value) ? parent.name : path.name);
}

function getEnclosingFunctionPath(path: ASTPath): ASTPath | undefined {
  for (let current = path.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    if (!Array.isArray(current.value) && isFunctionNode(current.node as AnyNode)) return current;
  }
  return undefined;
}

function isFunctionNode(node: AnyNode): boolean {
  return ['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod'].includes(node.type);
}

function isCallNode(node: AnyNode): boolean {
  return node.type === 'CallExpression' || node.type === 'OptionalCallExpression';
}

function isMemberNode(node: AnyNode): boolean {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

/** Returns the name of a member expression's property: `then` in `p.then` and `p["then"]`. */
function getMemberName(member: AnyNode): string | undefined {
  const property = member.property as AnyNode;
  if (!member.computed) return getIdentifierName(property);
  if (property.type !== 'StringLiteral' && property.type !== 'Literal') return undefined;
  return typeof property.value === 'string' ? property.value : undefined;
}

function getIdentifierName(node: AnyNode | undefined): string | undefined {
  return node?.type === 'Identifier' ? (node.name as string) : undefined;
}

function getFirstParameterName(fn: AnyNode): string | undefined {
  return getIdentifierName((fn.params as AnyNode[] | undefined)?.[0]);
}
