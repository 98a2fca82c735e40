/**
 * Finds the express app of a Next.js custom server that is created inside a function after Next.js has
 * prepared its pages, and decides which handlers are registered on it after its creation. jwt-to-session
 * adds the session setup right after that creation, so only those handlers run behind the setup. The
 * codemod marks the other handlers, and no-jwt-session reports them with the same reason.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, getKeyName, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, CONSTRUCT, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import type { FunctionNode } from './request-handler.js';

type SourceCode = TSESLint.SourceCode;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** The statement that stores the app of a custom server in a variable, and the block statement list it sits in. */
export interface NextCustomServerApp {
  readonly variable: Variable;
  readonly statement: TSESTree.Statement;
  readonly list: readonly TSESTree.Statement[];
}

const EXPRESS_APP: TraceMap<true> = { express: { [CALL]: true, [CONSTRUCT]: true } };

/** Methods of Express apps that register a handler for the requests that follow. */
const APP_REGISTRATION_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head']);

const appsByProgram = new WeakMap<TSESTree.Program, NextCustomServerApp | null>();

/**
 * Returns the app of a Next.js custom server, or undefined when the file has none. That is the first
 * `express()` call without arguments that a statement stores in a variable (`const server = express();`
 * or `server = express();`), when that statement runs after Next.js has prepared its pages as
 * `followsPrepare` decides.
 */
export function findNextCustomServerApp(sourceCode: SourceCode): NextCustomServerApp | undefined {
  const cached = appsByProgram.get(sourceCode.ast);
  if (cached !== undefined) return cached ?? undefined;
  const app = locateNextCustomServerApp(sourceCode);
  appsByProgram.set(sourceCode.ast, app ?? null);
  return app;
}

function locateNextCustomServerApp(sourceCode: SourceCode): NextCustomServerApp | undefined {
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as Scope);
  const calls = [...tracker.iterateEsmReferences(EXPRESS_APP), ...tracker.iterateCjsReferences(EXPRESS_APP)]
    .map(({ node }) => node as TSESTree.Node)
    .filter((node) => (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && node.arguments.length === 0)
    .sort((first, second) => first.range[0] - second.range[0]);
  for (const call of calls) {
    const stored = getStoringStatement(sourceCode, call);
    if (!stored) continue;
    const list = stored.statement.parent?.type === AST_NODE_TYPES.BlockStatement ? stored.statement.parent.body : undefined;
    if (!list || !followsPrepare(sourceCode, stored.statement)) return undefined;
    return { ...stored, list };
  }
  return undefined;
}

/** Returns the variable and the statement of `const app = express();` or `app = express();`. */
function getStoringStatement(sourceCode: SourceCode, call: TSESTree.Node): { variable: Variable; statement: TSESTree.Statement } | undefined {
  let value: TSESTree.Node = call;
  while (value.parent && skipTypeWrappers(value.parent) !== value.parent) value = value.parent;
  const parent = value.parent;
  let name: TSESTree.Identifier | undefined;
  let statement: TSESTree.Node | undefined;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    name = parent.id;
    statement = parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) {
    name = parent.left;
    statement = parent.parent?.type === AST_NODE_TYPES.ExpressionStatement ? parent.parent : undefined;
  }
  const variable = name && findVariable(sourceCode.scopeManager, name);
  return variable && statement ? { variable, statement: statement as TSESTree.Statement } : undefined;
}

/**
 * True when `statement` runs after Next.js has prepared its pages. That is so when it sits in the body of
 * a function, or in a `try` block inside it, and an earlier statement of that block or of an enclosing
 * one in the same function is `await nextApp.prepare();`. That earlier statement may also be a `try`
 * statement whose block contains the `await`. It is also so when the function is the
 * callback of `nextApp.prepare().then(…)`, written in place or passed by name.
 */
function followsPrepare(sourceCode: SourceCode, statement: TSESTree.Statement): boolean {
  let current: TSESTree.Statement = statement;
  for (;;) {
    const block = current.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
    if (awaitsPrepareBefore(block.body, current)) return true;
    const owner = block.parent;
    if (isFunctionNode(owner) && owner.body === block) return isPrepareCallback(sourceCode, owner);
    // Only a `try` block is climbed, because its statements always start, once and in order with those
    // around it, which is not so for a loop body or an `if` branch.
    if (owner?.type !== AST_NODE_TYPES.TryStatement || owner.block !== block) return false;
    current = owner;
  }
}

/**
 * True when a statement before `statement` in `list` is `await nextApp.prepare();`, or a `try` statement
 * whose block contains it, as in `try { await nextApp.prepare(); } catch (error) { process.exit(1); }`.
 */
function awaitsPrepareBefore(list: readonly TSESTree.Statement[], statement: TSESTree.Statement): boolean {
  return list.slice(0, list.indexOf(statement)).some((item) => awaitsPrepare(item));
}

function awaitsPrepare(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.TryStatement) return statement.block.body.some((item) => awaitsPrepare(item));
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = skipTypeWrappers(statement.expression);
  return expression.type === AST_NODE_TYPES.AwaitExpression && isPrepareCall(expression.argument);
}

/** True for a call of a method named `prepare`, as in `nextApp.prepare()`. */
function isPrepareCall(node: TSESTree.Node): boolean {
  const call = skipTypeWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && getKeyName(callee) === 'prepare';
}

/** True when `fn` is passed to `.then()` of a `.prepare()` call, in place or by the name it is declared under. */
function isPrepareCallback(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (isPrepareThenArgument(fn)) return true;
  const name = getDeclaredName(fn);
  const variable = name && findVariable(sourceCode.scopeManager, name);
  return (variable?.references ?? []).some((reference) => reference.identifier !== name && isPrepareThenArgument(reference.identifier));
}

/** True when `node` is the first argument of `.then()` on a `.prepare()` call. */
function isPrepareThenArgument(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || getKeyName(callee) !== 'then') return false;
  return isPrepareCall(callee.object);
}

/** Returns the name a function is declared under: `function login() {}` or `const login = () => {}`. */
function getDeclaredName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const declarator = fn.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn && declarator.id.type === AST_NODE_TYPES.Identifier) {
    return declarator.id;
  }
  return undefined;
}

/**
 * True when `handler` is registered on `app` only by calls that follow the app's creation in the same
 * block, such as `server.post("/login", handler)`, so the session setup inserted after the creation runs
 * first. A handler registered nowhere in the file, on another object, through a wrapper call or before
 * the creation fails this test.
 */
export function isRegisteredAfterCreation(sourceCode: SourceCode, app: NextCustomServerApp, handler: FunctionNode): boolean {
  const uses = findHandlerUses(sourceCode, handler);
  return uses.length > 0 && uses.every((use) => isRegistrationAfterCreation(app, use));
}

/**
 * Returns the places that hand the handler over: the function itself when it is written as an argument,
 * else every reference to the name it is declared under.
 */
function findHandlerUses(sourceCode: SourceCode, handler: FunctionNode): TSESTree.Node[] {
  const parent = handler.parent;
  if ((parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== handler) || parent?.type === AST_NODE_TYPES.ArrayExpression) return [handler];
  const name = getDeclaredName(handler);
  const variable = name && findVariable(sourceCode.scopeManager, name);
  return (variable?.references ?? []).filter((reference) => reference.identifier !== name).map((reference) => reference.identifier);
}

/** True when `use` is an argument, directly or in an array, of `app.post(…)` or a similar call placed after the app's creation. */
function isRegistrationAfterCreation(app: NextCustomServerApp, use: TSESTree.Node): boolean {
  const argument = use.parent?.type === AST_NODE_TYPES.ArrayExpression ? use.parent : use;
  const call = argument.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(argument as TSESTree.CallExpressionArgument)) return false;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || !APP_REGISTRATION_METHODS.has(getKeyName(callee) ?? '')) return false;
  const object = skipTypeWrappers(callee.object);
  // The name must be the app's variable, not another one of the same name in a nested function.
  if (object.type !== AST_NODE_TYPES.Identifier || !app.variable.references.some((reference) => reference.identifier === object)) return false;
  return isAfterCreation(app, call);
}

/** True when `node` is inside a statement that follows the app's creation in the same block, so it runs after the setup. */
export function isAfterCreation(app: NextCustomServerApp, node: TSESTree.Node): boolean {
  return getIndexInList(app.list, node) > app.list.indexOf(app.statement);
}

/** Returns the index of the statement of `list` that contains `node`, or -1 when none does. */
function getIndexInList(list: readonly TSESTree.Statement[], node: TSESTree.Node): number {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const index = list.indexOf(current as TSESTree.Statement);
    if (index >= 0) return index;
  }
  return -1;
}

/** Returns the reason to mark a handler whose registration does not follow the setup of a Next.js custom server. */
export function describeUnregisteredHandler(app: NextCustomServerApp, kind: 'login' | 'check' | 'logout'): string {
  const subject = kind === 'check' ? 'middleware' : `${kind} handler`;
  return `the app \`${app.variable.name}\` is created inside a function after nextApp.prepare(), where the session setup goes, and this ${subject} is not registered on it there after its creation, so the setup may not run before it; migrate this ${kind} by hand`;
}
