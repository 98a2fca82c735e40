/**
 * Moves browser code from a login credential kept in localStorage, sessionStorage or a storage library to
 * the server's session cookie, at every site the rule `no-token-in-storage` reports. It removes credential
 * writes and the `Authorization` (or other credential) headers built from the stored value, and makes those
 * requests send cookies: fetch gets `credentials: 'include'` when the URL may leave the page's origin, axios
 * gets `withCredentials: true`. A removal becomes a request to the file's logout route. It is only removed
 * when its function already calls the server's logout, or when it clears the entry just before a write that
 * goes too. Sign-in checks and every other site it cannot rewrite safely get
 * `/* eslint-plugin-sessions: manual migration needed: <reason> *\/`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { API, ASTNode, ASTPath, FileInfo } from 'jscodeshift';

import {
  climbTypeWrappers,
  findHttpClients,
  findRequestCall,
  findRequestForArgument,
  findRequestForConfig,
  getAxiosTarget,
  getStaticKey,
  isFetchCall,
  mayLeaveOrigin,
  skipWrappers,
  type HttpClients,
  type HttpRequest,
  type RequestCall,
} from '../src/codemod/http-clients.js';
import {
  collectSideEffects,
  findPathForNode,
  getDetectorSourceCode,
  isInStatementList,
  markForManualMigration,
  openSourceFile,
  printSourceFile,
  removeStatementAndEmptyGuard,
  replaceKeepingComments,
  toStatementExpression,
  type CodemodFile,
  type CodemodMeta,
} from '../src/codemod/index.js';
import { STORAGE_TOKEN_TO_COOKIE } from '../src/codemod/registry.js';
import { isCredentialHeaderName, isCredentialName } from '../src/detectors/credential-name.js';
import { isPageUrlValue } from '../src/detectors/value-origin.js';
import { findStorageCredentials, type StorageFinding } from '../src/detectors/web-storage.js';
import { climbStatementWrappers } from '../src/util/ast-values.js';

export const meta: CodemodMeta = STORAGE_TOKEN_TO_COOKIE;

/** Reasons written into markers and reports. Each completes "manual migration needed: …". */
export const REASONS = {
  signInCheck:
    'the stored credential decides whether the user is signed in, so ask the server instead (for example a GET /me request that answers 401 without a session)',
  otherRead:
    'the stored credential is used here in a way this codemod cannot rewrite, so send the request with the session cookie and drop the stored value',
  untracedHeader:
    "the stored credential goes into a request header, but the request is not recognised in this file, so remove the header and send the request with the session cookie (fetch: credentials: 'include', axios: withCredentials: true)",
  returnedValue:
    'the stored credential is returned to other code, so remove its uses there and send those requests with the session cookie',
  writeInExpression:
    'the credential is written to storage inside an expression or a branch without braces, so remove the write because the server now sets the session cookie',
  writtenValueUsed:
    'the assignment that writes the credential to storage also passes it on as its value (a return value or a callback result), so remove the uses of that value, then remove the write because the server now sets the session cookie',
  writeWithEffects:
    'the value written to storage calls or changes something only when the write happens (the right side of ??=, ||= or &&=), so move that work out of the write and remove the write because the server now sets the session cookie',
  loginRequestOptions:
    "the stored credential comes from a request whose options this codemod cannot edit, so send that request with credentials (fetch: credentials: 'include', axios: withCredentials: true) and remove this write, because a browser keeps a cross-origin session cookie only from a request with credentials",
  loginRequestLost:
    "the stored credential comes from a response that this codemod cannot follow back to one request (through a reassigned variable, Promise.all or a .then() callback that returns another value), so send the login request with credentials (fetch: credentials: 'include', axios: withCredentials: true) and remove this write, because a browser keeps a cross-origin session cookie only from a request with credentials",
  loginRequestParameter:
    "the stored credential arrives as a parameter, so this codemod cannot follow it back to the request whose response provided it; send that login request with credentials (fetch: credentials: 'include', axios: withCredentials: true) and remove this write, because a browser keeps a cross-origin session cookie only from a request with credentials",
  tokenFromPageUrl:
    'the credential comes from the page URL (an OAuth implicit flow or a sign-in link), not from a server response that could set a session cookie, so let the server finish the sign-in and set the cookie (for example the OAuth authorization code flow with the code exchanged on the server), then remove this write',
  exportedValue:
    'the stored credential is exported to other modules, so remove its uses there and send those requests with the session cookie',
  writeWithoutValue:
    'the credential is written to storage without a value argument (Storage.setItem throws a TypeError without one), so remove the write because the server now sets the session cookie',
  removeWithoutRoute:
    "the credential is removed here, but this file names no logout route, so call the server's logout route to destroy the session",
  removeRepeated:
    "the credential is removed in a loop or in a callback that may run many times, so call the server's logout route once where the user logs out and remove this line",
  removeInExpression:
    "the credential is removed inside an expression, so replace it with a request to the server's logout route",
  libraryState: (method: string): string =>
    `the credential is kept in storage-backed state through ${method}, so keep the sign-in state on the server and ask it who is signed in`,
} as const;

/**
 * The reason a marked read gets when its uses have several: an untraced header says best what to change,
 * then a sign-in check.
 */
const MARK_PRIORITY: readonly string[] = [
  REASONS.untracedHeader,
  REASONS.signInCheck,
  REASONS.exportedValue,
  REASONS.returnedValue,
  REASONS.otherRead,
];

/** Words that name a logout route in a URL (`/api/logout`, `/auth/sign-out`). */
const LOGOUT_URL = /log-?out|sign-?out/i;

/** Names of functions and methods that end the session on the server (`logout()`, `auth.signOut()`, `client.revoke()`). */
const LOGOUT_CALLEE = /^(?:logout|signout|revoke|endsession)$/i;

/** Functions and methods that navigate in the browser: a logout path passed to them is a page, not an API route. */
const NAVIGATION_CALLEES = new Set(['navigate', 'push', 'replace', 'redirect', 'assign', 'href', 'open', 'goto', 'navigateTo']);

/**
 * Credential forms that only a person can migrate, because the value lives in framework state: hooks,
 * redux-persist, and Vuex or Pinia stores that a persisted-state plugin copies to storage.
 */
const STATE_FORMS = new Set(['hook', 'hook-setter', 'hook-remover', 'hook-ref', 'persist-config']);

/** Names what keeps framework state in storage, for a marker: the hook or function, or Pinia's `persist` option. */
function describeStateApi(finding: StorageFinding): string {
  return finding.storage === 'pinia-plugin-persistedstate' ? `the persist option of ${finding.method}` : finding.method;
}

/** The edits planned on ESLint's AST, applied to jscodeshift's AST afterwards. */
interface Plan {
  /** Statement-list items, object properties, spread elements and declarators to remove. */
  readonly removals: Set<TSESTree.Node>;
  /** Request option objects that need `credentials: 'include'` (fetch) or `withCredentials: true` (axios). */
  readonly credentials: Map<TSESTree.ObjectExpression, 'fetch' | 'axios'>;
  /** `axios.create()` calls without options, which get `{ withCredentials: true }`. */
  readonly createCallsWithoutConfig: Set<TSESTree.CallExpression>;
  /** Request calls without an options argument, which get `{ credentials: 'include' }` or `{ withCredentials: true }`. */
  readonly requestsWithoutConfig: Map<TSESTree.CallExpression, 'fetch' | 'axios'>;
  /** Statements to replace with new code. */
  readonly replacements: Map<TSESTree.Node, string>;
  /** Statements to insert code before. */
  readonly insertions: Map<TSESTree.Node, string[]>;
  /**
   * Statement-list items that write a credential with a value that does more than compute it. An expression
   * statement becomes the listed expressions, one statement each. `return localStorage.setItem(...)` gets
   * them as statements before a bare `return;`.
   */
  readonly keptEffects: Map<TSESTree.ExpressionStatement | TSESTree.ReturnStatement, TSESTree.Expression[]>;
  /** Arrow functions whose expression body becomes a block of the listed expressions, often none. */
  readonly emptiedArrows: Map<TSESTree.ArrowFunctionExpression, TSESTree.Expression[]>;
  readonly marks: { node: TSESTree.Node; reason: string }[];
}

/** The edit that makes a request send the session cookie once its credential header is gone. */
type CookieEdit =
  | { readonly kind: 'config'; readonly config: TSESTree.ObjectExpression; readonly client: 'fetch' | 'axios' }
  | { readonly kind: 'none' }
  | { readonly kind: 'create-without-config'; readonly call: TSESTree.CallExpression }
  | { readonly kind: 'request-without-config'; readonly call: TSESTree.CallExpression; readonly client: 'fetch' | 'axios' }
  | { readonly kind: 'defaults'; readonly targetText: string; readonly statement: TSESTree.Node; readonly replace: boolean };

/** A place where a credential header is set, and what its removal takes. */
interface HeaderSite {
  /** The property, spread element or statement to remove. */
  readonly node: TSESTree.Node;
  readonly cookieEdits: readonly CookieEdit[];
}

/** An edit to one request or client, as opposed to the axios defaults. */
type RequestEdit = Exclude<CookieEdit, { kind: 'defaults' }>;

type UseVerdict =
  | { readonly kind: 'header'; readonly site: HeaderSite }
  | { readonly kind: 'mark'; readonly reason: string };

export default function transform(fileInfo: FileInfo, api: API): string | undefined {
  if (!meta.mayChange(fileInfo.source, fileInfo.path)) return undefined;
  const file = openSourceFile(fileInfo, api);
  const sourceCode = getDetectorSourceCode(file);
  const findings = findStorageCredentials(sourceCode, {}, fileInfo.path);
  if (findings.length === 0) return undefined;

  const plan = planMigration(sourceCode, findings);
  return printSourceFile(file, applyPlan(file, sourceCode, plan));
}

// ---------------------------------------------------------------------------------------------------------
// Planning on ESLint's AST, where scopes tell which references belong to a variable.

function planMigration(sourceCode: TSESLint.SourceCode, findings: readonly StorageFinding[]): Plan {
  const plan: Plan = {
    removals: new Set(),
    credentials: new Map(),
    createCallsWithoutConfig: new Set(),
    requestsWithoutConfig: new Map(),
    replacements: new Map(),
    insertions: new Map(),
    keptEffects: new Map(),
    emptiedArrows: new Map(),
    marks: [],
  };
  const clients = findHttpClients(sourceCode);
  const logout = findLogoutRoute(sourceCode, clients);
  const context: LoginContext = { clients, sourceCode, mayRequestOtherOrigin: hasRequestToOtherOrigin(sourceCode, clients) };
  const functionsWithLogoutRequest = new Set<TSESTree.Node>();
  const overwriteRemovals: StorageFinding[] = [];

  for (const finding of findings) {
    if (finding.overwrittenBy && !isWriteWithoutValue(finding.node)) {
      overwriteRemovals.push(finding);
    } else if (STATE_FORMS.has(finding.form)) {
      plan.marks.push({ node: finding.node, reason: REASONS.libraryState(describeStateApi(finding)) });
    } else if (finding.kind === 'write') {
      if (finding.valueNode && getWrittenValueParts(finding.valueNode, 0).some((part) => isPageUrlValue(part, sourceCode))) {
        plan.marks.push({ node: finding.node, reason: REASONS.tokenFromPageUrl });
      } else if (planLoginRequest(finding, plan, context)) {
        planWrite(finding, plan);
      }
    } else if (finding.kind === 'remove') {
      planRemoval(finding, plan, logout, functionsWithLogoutRequest, sourceCode);
    } else {
      planRead(finding, plan, clients, sourceCode);
    }
  }
  for (const removal of overwriteRemovals) planOverwriteRemoval(removal, plan);
  collapseEmptyHeaderObjects(plan);
  return plan;
}

function planWrite(finding: StorageFinding, plan: Plan): void {
  const effects = collectWriteEffects(finding.node);
  if (!effects) {
    plan.marks.push({ node: finding.node, reason: REASONS.writeWithEffects });
    return;
  }
  const expression = climbStatementWrappers(finding.node);
  const statement = expression.parent;
  const item = statement?.type === AST_NODE_TYPES.ExpressionStatement ? getLabeledStatementItem(statement) : undefined;
  if (statement?.type === AST_NODE_TYPES.ExpressionStatement && item) {
    if (effects.length === 0) plan.removals.add(item);
    else plan.keptEffects.set(statement, effects);
    return;
  }
  // An assignment evaluates to the token it writes, so removing it changes what the code returns, unless
  // nothing reads the result.
  const isAssignment = expression.type === AST_NODE_TYPES.AssignmentExpression;
  if (isAssignment && statement?.type === AST_NODE_TYPES.ArrowFunctionExpression && statement.body === expression && !isArrowResultUnused(statement)) {
    plan.marks.push({ node: finding.node, reason: REASONS.writtenValueUsed });
    return;
  }
  if (isAssignment && statement?.type === AST_NODE_TYPES.ReturnStatement) {
    plan.marks.push({ node: finding.node, reason: REASONS.writtenValueUsed });
    return;
  }
  // `return localStorage.setItem(...)` and `.then((data) => localStorage.setItem('token', data.token))`:
  // Web Storage's setItem returns undefined, so a bare `return;` or a block body returns the same.
  const isWebStorage = finding.storage === 'localStorage' || finding.storage === 'sessionStorage';
  if (isWebStorage && !isAssignment && statement?.type === AST_NODE_TYPES.ReturnStatement && isStatementListItem(statement)) {
    plan.keptEffects.set(statement, effects);
    return;
  }
  if (isWebStorage && statement?.type === AST_NODE_TYPES.ArrowFunctionExpression && statement.body === expression) {
    plan.emptiedArrows.set(statement, effects);
    return;
  }
  plan.marks.push({ node: finding.node, reason: REASONS.writeInExpression });
}

/** Array and event methods that ignore what their callback returns. */
const RESULT_IGNORING_CALLEES = new Set(['forEach', 'addEventListener']);

/**
 * Returns true when nothing reads what an arrow function returns: it is the callback of `forEach` or
 * `addEventListener`. Any other arrow, `.then()` callbacks included, may pass its result on.
 */
function isArrowResultUnused(arrow: TSESTree.ArrowFunctionExpression): boolean {
  const call = arrow.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(arrow)) return false;
  const name = getCalleeName(call);
  return name !== undefined && RESULT_IGNORING_CALLEES.has(name);
}

/**
 * Returns what a storage write evaluates besides the write itself (`await api.post(...)` in
 * `setItem('token', (await api.post(...)).data.token)`), so that removing the write keeps the login
 * request. Returns undefined when that work runs only under a condition the write decides: the right side
 * of `localStorage.token ??= issue()`.
 */
function collectWriteEffects(write: TSESTree.Node): TSESTree.Expression[] | undefined {
  if (write.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(write.callee);
    return [...getMemberParts(callee), ...write.arguments].flatMap((part) => collectSideEffects(part));
  }
  if (write.type === AST_NODE_TYPES.AssignmentExpression) {
    const isLogical = write.operator === '&&=' || write.operator === '||=' || write.operator === '??=';
    const right = collectSideEffects(write.right);
    if (isLogical && right.length > 0) return undefined;
    return [...getMemberParts(write.left).flatMap((part) => collectSideEffects(part)), ...right];
  }
  return collectSideEffects(write).length > 0 ? undefined : [];
}

/** Returns the evaluated parts of a member expression: `storage` in `storage.setItem`, `a` and `b` in `a[b]`. */
function getMemberParts(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return [];
  return node.computed ? [node.object, node.property] : [node.object];
}

/** File facts used to decide about login requests: its HTTP clients, its source and whether it may leave the page's origin. */
interface LoginContext {
  readonly clients: HttpClients;
  readonly sourceCode: TSESLint.SourceCode;
  /** True when the file sends an axios request or a fetch request whose URL may leave the page's origin. */
  readonly mayRequestOtherOrigin: boolean;
}

/**
 * Makes the request whose response provided a stored credential send credentials too, because a browser
 * ignores the `Set-Cookie` of a cross-origin response to a request without them.
 * Returns false when the codemod recognises the request but cannot edit it. In a file that may send
 * requests to another origin, it also returns false when the value's trail is lost on the way to a
 * request, and when the value is a parameter of a function other than a `.then()` callback (a Vuex
 * mutation's payload, a `saveToken(token)` helper). Then the write stays, marked, so that the next run still finds
 * and reports it. A value from anything else (an unknown client, a global) is left alone.
 */
function planLoginRequest(finding: StorageFinding, plan: Plan, context: LoginContext): boolean {
  if (!finding.valueNode) return true;
  const { clients, sourceCode } = context;
  const requests: RequestCall[] = [];
  for (const part of getWrittenValueParts(finding.valueNode, 0)) {
    const request = findResponseRequest(part, clients, sourceCode, 0);
    if (request === 'lost' || request === 'parameter') {
      if (!context.mayRequestOtherOrigin) continue;
      plan.marks.push({ node: finding.node, reason: request === 'lost' ? REASONS.loginRequestLost : REASONS.loginRequestParameter });
      return false;
    }
    if (request && !requests.some((known) => known.call === request.call)) requests.push(request);
  }
  const edits = requests.map((request) => getLoginRequestEdit(request, sourceCode));
  if (edits.some((edit) => edit === undefined)) {
    plan.marks.push({ node: finding.node, reason: REASONS.loginRequestOptions });
    return false;
  }
  for (const edit of edits) {
    if (edit) applyCookieEdit(edit, plan);
  }
  return true;
}

/**
 * Splits a written value into the values it serializes, so that each is followed back to its request:
 * `JSON.stringify({ access, refresh })` into `access` and `refresh`, including spread and array elements.
 * Any other value is returned as the only part.
 */
function getWrittenValueParts(node: TSESTree.Node, depth: number): TSESTree.Node[] {
  const value = skipWrappers(node);
  if (depth > 5) return [value];
  if (value.type === AST_NODE_TYPES.CallExpression && isJsonStringify(value) && value.arguments[0]) {
    return getWrittenValueParts(value.arguments[0], depth + 1);
  }
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    return value.properties.flatMap((property) =>
      getWrittenValueParts(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value, depth + 1),
    );
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.flatMap((element) => {
      if (element === null) return [];
      return getWrittenValueParts(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1);
    });
  }
  return [value];
}

/** Returns true for `storage.setItem(key)` or `store.set(key)`: a write call with a key and no value. */
function isWriteWithoutValue(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return false;
  if (node.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return false;
  const callee = skipWrappers(node.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticKey(callee) : undefined;
  return method === 'setItem' || method === 'set';
}

interface LogoutRoute {
  /** True when the file already sends a request to the route, so a removal needs no new request. */
  readonly requested: boolean;
  /** The code that names the route in a new request: a constant's name or the literal's text. */
  readonly urlText?: string;
  readonly mayLeaveOrigin: boolean;
}

function planRemoval(
  finding: StorageFinding,
  plan: Plan,
  logout: LogoutRoute | undefined,
  functionsWithLogoutRequest: Set<TSESTree.Node>,
  sourceCode: TSESLint.SourceCode,
): void {
  // The detector counts a write of nothing as a removal, but `setItem('token')` is a broken write, not a logout.
  if (isWriteWithoutValue(finding.node)) {
    plan.marks.push({ node: finding.node, reason: REASONS.writeWithoutValue });
    return;
  }
  const expression = climbStatementWrappers(finding.node);
  const expressionStatement = expression.parent;
  const statement = expressionStatement?.type === AST_NODE_TYPES.ExpressionStatement ? getLabeledStatementItem(expressionStatement) : undefined;
  if (!statement) {
    plan.marks.push({ node: finding.node, reason: logout ? REASONS.removeInExpression : REASONS.removeWithoutRoute });
    return;
  }
  const owner = getEnclosingFunction(statement);
  if (owner && callsServerLogout(owner, sourceCode)) {
    plan.removals.add(statement);
    return;
  }
  if (!logout) {
    plan.marks.push({ node: finding.node, reason: REASONS.removeWithoutRoute });
    return;
  }
  // Marked even when the file already requests the route, because the first run adds such a request and
  // a second run must leave the marked removal as it is.
  if (mayRunManyTimes(statement)) {
    plan.marks.push({ node: finding.node, reason: REASONS.removeRepeated });
    return;
  }
  const requestOwner = owner ?? sourceCode.ast;
  if (logout.requested || functionsWithLogoutRequest.has(requestOwner) || logout.urlText === undefined) {
    plan.removals.add(statement);
    return;
  }
  functionsWithLogoutRequest.add(requestOwner);
  // `keepalive` lets the request finish when the page navigates away right after it (to the login page),
  // and `.catch()` keeps a network error from skipping the code after the removal.
  const credentials = logout.mayLeaveOrigin ? " credentials: 'include'," : '';
  const call = `fetch(${logout.urlText}, { method: 'POST',${credentials} keepalive: true }).catch(() => {})`;
  // The quotes are set to the file's style when the statement is parsed.
  plan.replacements.set(statement, isInAsyncFunction(statement) ? `await ${call};` : `void ${call};`);
}

/**
 * Returns true when a function, or a callback inside it, calls the server's logout: a function or method
 * named `logout`, `signOut`, `revoke` or `endSession` (in any letter case), or a request to a URL path with
 * a logout word. Two calls do not count: one whose result goes to `dispatch()`, because a Redux action
 * creator named `logout` only changes client state, and a call of a function declared in this file,
 * because its body is migrated on its own.
 */
function callsServerLogout(fn: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let found = false;
  let clients: HttpClients | undefined;
  walk(fn, sourceCode, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = getCalleeName(node);
      const isLogoutCall = name !== undefined && LOGOUT_CALLEE.test(name);
      if (isLogoutCall && !isDispatchedAction(node) && !callsLocalFunction(node, sourceCode)) found = true;
      return;
    }
    const text = getUrlText(node);
    if (text === undefined || !LOGOUT_URL.test(text) || !text.includes('/')) return;
    clients ??= findHttpClients(sourceCode);
    if (getUrlUse(node, clients, sourceCode) === 'request') found = true;
  });
  return found;
}

function isDispatchedAction(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(call) && getCalleeName(parent) === 'dispatch';
}

/** Returns true when the callee is a name bound in this file to a function declaration or function expression. */
function callsLocalFunction(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  if (!definition) return false;
  if (definition.type === 'FunctionName') return true;
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const init = definition.node.init;
  return init?.type === AST_NODE_TYPES.ArrowFunctionExpression || init?.type === AST_NODE_TYPES.FunctionExpression;
}

/**
 * Plans to delete a removal that only clears the entry before the write after it, because that write is
 * deleted too. When the write stays with a marker, the removal stays as well, so the code keeps
 * overwriting the entry as before.
 */
function planOverwriteRemoval(removal: StorageFinding, plan: Plan): void {
  if (plan.marks.some((mark) => mark.node === removal.overwrittenBy)) return;
  // The detector pairs only a removal that is an expression statement in a statement list.
  const statement = climbStatementWrappers(removal.node).parent;
  if (statement) plan.removals.add(statement);
}

/** Array methods and timers that may call their callback many times. */
const REPEATING_CALLEES = new Set(['forEach', 'each', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'setInterval']);

/**
 * Returns true when a statement sits in a loop body or in a callback of an array method or `setInterval`
 * within its function. Other callbacks (event listeners, `.then()`) are taken to run once per logout.
 */
function mayRunManyTimes(statement: TSESTree.Node): boolean {
  let child: TSESTree.Node = statement;
  let parent = statement.parent;
  while (parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (parent.body === child) return true;
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression: {
        const call = parent.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(parent)) return false;
        const name = getCalleeName(call);
        return name !== undefined && REPEATING_CALLEES.has(name);
      }
      case AST_NODE_TYPES.FunctionDeclaration:
        return false;
      default:
        break;
    }
    child = parent;
    parent = parent.parent;
  }
  return false;
}

function planRead(finding: StorageFinding, plan: Plan, clients: HttpClients, sourceCode: TSESLint.SourceCode): void {
  if (finding.form !== 'call' && finding.form !== 'property') {
    plan.marks.push({ node: finding.node, reason: REASONS.otherRead });
    return;
  }
  const value = climbReadValue(finding.node);
  const declarator = value.parent;
  let uses: TSESTree.Node[];
  let declaration: TSESTree.Node | undefined;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === value) {
    const variable = declarator.id.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id) : undefined;
    const references = variable?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
    if (!variable || references.some((reference) => reference.isWrite())) {
      plan.marks.push({ node: finding.node, reason: REASONS.otherRead });
      return;
    }
    if (declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      plan.marks.push({ node: finding.node, reason: REASONS.exportedValue });
      return;
    }
    uses = references.map((reference) => reference.identifier);
    declaration = getDeclarationToRemove(declarator);
  } else {
    uses = [value];
  }

  const verdicts = uses.map((use) => ({ use, verdict: classifyUse(use, clients, sourceCode) }));
  const sites = verdicts.flatMap(({ verdict }) => (verdict.kind === 'header' ? [verdict.site] : []));
  for (const site of sites) applySite(site, plan);

  // A use inside a removed site (the `token` in `...(token ? { Authorization: token } : {})`) goes with it.
  const blockers = verdicts.flatMap(({ use, verdict }) =>
    verdict.kind === 'mark' && !sites.some((site) => contains(site.node, use)) ? [verdict.reason] : [],
  );
  if (blockers.length > 0) {
    const reason = MARK_PRIORITY.find((candidate) => blockers.includes(candidate)) ?? blockers[0] ?? REASONS.otherRead;
    plan.marks.push({ node: finding.node, reason });
    return;
  }
  if (declaration) plan.removals.add(declaration);
  else if (!sites.some((site) => contains(site.node, finding.node))) {
    plan.marks.push({ node: finding.node, reason: REASONS.otherRead });
  }
}

function applySite(site: HeaderSite, plan: Plan): void {
  plan.removals.add(site.node);
  for (const edit of site.cookieEdits) {
    if (edit.kind === 'defaults') {
      const code = `${edit.targetText}.defaults.withCredentials = true;`;
      if (edit.replace) {
        plan.removals.delete(site.node);
        plan.replacements.set(edit.statement, code);
      } else {
        const list = plan.insertions.get(edit.statement) ?? [];
        if (!list.includes(code)) list.push(code);
        plan.insertions.set(edit.statement, list);
      }
    } else {
      applyCookieEdit(edit, plan);
    }
  }
}

function applyCookieEdit(edit: RequestEdit, plan: Plan): void {
  if (edit.kind === 'config') {
    if (plan.credentials.get(edit.config) !== 'fetch') plan.credentials.set(edit.config, edit.client);
  } else if (edit.kind === 'create-without-config') {
    plan.createCallsWithoutConfig.add(edit.call);
  } else if (edit.kind === 'request-without-config') {
    plan.requestsWithoutConfig.set(edit.call, edit.client);
  }
}

/** Removes a whole `headers: {}` property when every header in it is removed. */
function collapseEmptyHeaderObjects(plan: Plan): void {
  const objects = new Set<TSESTree.ObjectExpression>();
  for (const node of plan.removals) {
    if ((node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.SpreadElement) && node.parent.type === AST_NODE_TYPES.ObjectExpression) {
      objects.add(node.parent);
    }
  }
  for (const object of objects) {
    if (!object.properties.every((property) => plan.removals.has(property))) continue;
    const value = climbTypeWrappers(object);
    const holder = value.parent;
    if (holder?.type === AST_NODE_TYPES.Property && holder.value === value && getStaticKey(holder) === 'headers') {
      for (const property of object.properties) plan.removals.delete(property);
      plan.removals.add(holder);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Uses of a stored credential.

/** Decides what to do with one use of the stored value: remove the header it builds, or mark the read. */
function classifyUse(use: TSESTree.Node, clients: HttpClients, sourceCode: TSESLint.SourceCode): UseVerdict {
  const guard = findHeaderGuard(use, clients, sourceCode);
  if (guard) return guard;

  const derived = climbDerivation(use);
  const parent = derived.parent;
  if (!parent) return { kind: 'mark', reason: REASONS.otherRead };

  if (parent.type === AST_NODE_TYPES.Property && parent.value === derived && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    if (!isHeaderProperty(parent)) return { kind: 'mark', reason: REASONS.otherRead };
    const edits = resolveHeadersValue(parent.parent, clients, sourceCode);
    return edits ? { kind: 'header', site: { node: parent, cookieEdits: edits } } : { kind: 'mark', reason: REASONS.untracedHeader };
  }
  const statementSite = getHeaderStatement(derived);
  if (statementSite) {
    const edits = resolveHeaderStatement(statementSite, clients, sourceCode);
    return edits ? { kind: 'header', site: { node: statementSite.statement, cookieEdits: edits } } : { kind: 'mark', reason: REASONS.untracedHeader };
  }
  if (isBooleanUse(use)) return { kind: 'mark', reason: REASONS.signInCheck };
  if (parent.type === AST_NODE_TYPES.ExportSpecifier) return { kind: 'mark', reason: REASONS.exportedValue };
  if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === derived)) {
    return { kind: 'mark', reason: REASONS.returnedValue };
  }
  return { kind: 'mark', reason: REASONS.otherRead };
}

/** A statement that sets a credential header: `x.headers.Authorization = v` or `headers.set('Authorization', v)`. */
interface HeaderStatement {
  readonly statement: TSESTree.ExpressionStatement;
  /** The object that contains the headers (`x.headers`, `headers`). */
  readonly headers: TSESTree.Node;
}

function getHeaderStatement(derived: TSESTree.Node): HeaderStatement | undefined {
  const parent = derived.parent;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === derived &&
    parent.operator === '=' &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    isCredentialHeaderKey(getStaticKey(parent.left))
  ) {
    const statement = parent.parent;
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) return { statement, headers: parent.left.object };
  }
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[1] === derived &&
    parent.callee.type === AST_NODE_TYPES.MemberExpression &&
    ['set', 'append'].includes(getStaticKey(parent.callee) ?? '') &&
    parent.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof parent.arguments[0].value === 'string' &&
    isCredentialHeaderKey(parent.arguments[0].value)
  ) {
    const statement = parent.parent;
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) return { statement, headers: parent.callee.object };
  }
  return undefined;
}

/**
 * Finds a guard whose only job is to add the credential header: `if (token) config.headers.Authorization =
 * ...`, `...(token && { Authorization: ... })` or `...(token ? { Authorization: ... } : {})`.
 */
function findHeaderGuard(use: TSESTree.Node, clients: HttpClients, sourceCode: TSESLint.SourceCode): UseVerdict | undefined {
  let test: TSESTree.Node = use;
  while (test.parent && (isPassThrough(test.parent, test) || isPresenceCheck(test.parent) || isDerivingMember(test.parent, test))) {
    test = test.parent;
  }
  while (test.parent?.type === AST_NODE_TYPES.LogicalExpression && test.parent.operator === '&&' && test.parent.left === test) {
    const right = skipWrappers(test.parent.right);
    if (right.type === AST_NODE_TYPES.ObjectExpression) break;
    test = test.parent;
  }
  const parent = test.parent;
  if (!parent) return undefined;

  if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === test && !parent.alternate && isStatementListItem(parent)) {
    const body = parent.consequent.type === AST_NODE_TYPES.BlockStatement ? parent.consequent.body : [parent.consequent];
    const statements = body.map((statement) => getGuardedHeaderStatement(statement));
    if (statements.length === 0 || statements.some((statement) => statement === undefined)) return undefined;
    const edits: CookieEdit[] = [];
    for (const statement of statements as HeaderStatement[]) {
      const resolved = resolveHeaderStatement(statement, clients, sourceCode);
      if (!resolved) return { kind: 'mark', reason: REASONS.untracedHeader };
      edits.push(...resolved);
    }
    return { kind: 'header', site: { node: parent, cookieEdits: edits.map((edit) => (edit.kind === 'defaults' ? { ...edit, statement: parent } : edit)) } };
  }

  // `token && { Authorization }` or `token ? { Authorization } : {}` spread into a headers object.
  let conditional: TSESTree.Node | undefined;
  let headerObject: TSESTree.Node | undefined;
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.left === test) {
    conditional = parent;
    headerObject = skipWrappers(parent.right);
  } else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === test && isEmptyValue(parent.alternate)) {
    conditional = parent;
    headerObject = skipWrappers(parent.consequent);
  }
  if (!conditional || headerObject?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (!headerObject.properties.every((property) => property.type === AST_NODE_TYPES.Property && isHeaderProperty(property))) return undefined;
  const spread = conditional.parent;
  if (spread?.type !== AST_NODE_TYPES.SpreadElement || spread.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const edits = resolveHeadersValue(spread.parent, clients, sourceCode);
  return edits ? { kind: 'header', site: { node: spread, cookieEdits: edits } } : { kind: 'mark', reason: REASONS.untracedHeader };
}

function getGuardedHeaderStatement(statement: TSESTree.Statement): HeaderStatement | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.AssignmentExpression) return getHeaderStatement(expression.right);
  if (expression.type === AST_NODE_TYPES.CallExpression && expression.arguments[1]) return getHeaderStatement(expression.arguments[1]);
  return undefined;
}

/**
 * Returns how the requests that use a headers object get the session cookie, or undefined when they cannot
 * be found: the object is the `headers` of a request's options, a variable used as such, or a `new
 * Headers(...)` of either.
 */
function resolveHeadersValue(node: TSESTree.Node, clients: HttpClients, sourceCode: TSESLint.SourceCode, depth = 0): CookieEdit[] | undefined {
  if (depth > 3) return undefined;
  // `{ Authorization: ... } as HeadersInit` is used where the cast is.
  const value = climbTypeWrappers(node);
  const parent = value.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === value && getStaticKey(parent) === 'headers' && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    return resolveConfigObject(parent.parent, clients, sourceCode);
  }
  if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === value && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Headers') {
    return resolveHeadersValue(parent, clients, sourceCode, depth + 1);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    return resolveHeadersVariable(parent.id, clients, sourceCode, depth);
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return resolveInterceptorHeaders(parent.left, clients, sourceCode);
  }
  return undefined;
}

/** Resolves a variable that contains headers: every read must be the `headers` of a request or a header edit. */
function resolveHeadersVariable(id: TSESTree.Identifier, clients: HttpClients, sourceCode: TSESLint.SourceCode, depth: number): CookieEdit[] | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  if (!variable) return undefined;
  const edits: CookieEdit[] = [];
  let usedByRequest = false;
  for (const reference of variable.references) {
    if (reference.identifier === id) continue;
    if (reference.isWrite()) return undefined;
    const node = reference.identifier;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) continue;
    const resolved = resolveHeadersValue(node, clients, sourceCode, depth + 1);
    if (!resolved) return undefined;
    usedByRequest = true;
    edits.push(...resolved);
  }
  return usedByRequest ? edits : undefined;
}

/** Resolves the request options object that contains the headers: a request's argument, or a variable passed to requests. */
function resolveConfigObject(config: TSESTree.ObjectExpression, clients: HttpClients, sourceCode: TSESLint.SourceCode): CookieEdit[] | undefined {
  const request = findRequestForConfig(config, clients);
  if (request) return [getCookieEdit(request, sourceCode)];

  const value = climbTypeWrappers(config);
  const parent = value.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  if (!variable) return undefined;
  const edits: CookieEdit[] = [];
  for (const reference of variable.references) {
    if (reference.identifier === parent.id) continue;
    if (reference.isWrite()) return undefined;
    const argument = climbTypeWrappers(reference.identifier);
    const call = argument.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const found = findRequestForArgument(call, call.arguments.indexOf(argument as TSESTree.CallExpressionArgument), config, clients);
    if (!found) return undefined;
    edits.push(getCookieEdit(found, sourceCode));
  }
  return edits.length > 0 ? edits : undefined;
}

function getCookieEdit(request: HttpRequest, sourceCode: TSESLint.SourceCode): CookieEdit {
  if (request.client === 'fetch') {
    return mayLeaveOrigin(request.url, sourceCode) ? { kind: 'config', config: request.config, client: 'fetch' } : { kind: 'none' };
  }
  if (request.client === 'axios' && request.target.kind === 'instance' && request.target.createCall) {
    return getCreateEdit(request.target.createCall);
  }
  return { kind: 'config', config: request.config, client: 'axios' };
}

function getCreateEdit(createCall: TSESTree.CallExpression): RequestEdit {
  const config = createCall.arguments[0];
  if (config?.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'config', config, client: 'axios' };
  return { kind: 'create-without-config', call: createCall };
}

/**
 * Resolves a header set by a statement: on axios defaults (`axios.defaults.headers.common.Authorization`),
 * inside an axios request interceptor (`config.headers.Authorization`), or on a headers variable.
 */
function resolveHeaderStatement(site: HeaderStatement, clients: HttpClients, sourceCode: TSESLint.SourceCode): CookieEdit[] | undefined {
  const headers = skipWrappers(site.headers);
  const defaultsTarget = getAxiosDefaultsTarget(headers);
  if (defaultsTarget) {
    const target = getAxiosTarget(defaultsTarget, clients);
    if (target?.kind === 'instance' && target.createCall) return [getCreateEdit(target.createCall)];
    return [{ kind: 'defaults', targetText: sourceCode.getText(defaultsTarget), statement: site.statement, replace: true }];
  }
  if (headers.type === AST_NODE_TYPES.MemberExpression) return resolveInterceptorHeaders(headers, clients, sourceCode);
  if (headers.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(headers), headers);
    const definition = variable?.defs[0]?.node;
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.id.type === AST_NODE_TYPES.Identifier) {
      return resolveHeadersVariable(definition.id, clients, sourceCode, 0);
    }
  }
  return undefined;
}

/** Returns `X` for `X.defaults.headers`, `X.defaults.headers.common` and the per-method header maps. */
function getAxiosDefaultsTarget(headers: TSESTree.Node): TSESTree.Node | undefined {
  let current = headers;
  if (current.type === AST_NODE_TYPES.MemberExpression && getStaticKey(current) !== 'headers') current = skipWrappers(current.object);
  if (current.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(current) !== 'headers') return undefined;
  const defaults = skipWrappers(current.object);
  if (defaults.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(defaults) !== 'defaults') return undefined;
  return skipWrappers(defaults.object);
}

/**
 * Resolves `config.headers` inside a function registered with `X.interceptors.request.use(fn)`: the
 * instance `X` (or the axios package) sends the session cookie for every request.
 */
function resolveInterceptorHeaders(member: TSESTree.MemberExpression, clients: HttpClients, sourceCode: TSESLint.SourceCode): CookieEdit[] | undefined {
  let headers: TSESTree.Node = member;
  if (getStaticKey(member) !== 'headers') headers = skipWrappers(member.object);
  if (headers.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(headers) !== 'headers') return undefined;
  const config = skipWrappers(headers.object);
  if (config.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(config), config);
  const definition = variable?.defs[0];
  if (definition?.type !== 'Parameter') return undefined;
  const fn = definition.node;
  if (fn.params[0] !== definition.name) return undefined;
  const use = fn.parent;
  if (use?.type !== AST_NODE_TYPES.CallExpression || use.arguments[0] !== fn || use.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (getStaticKey(use.callee) !== 'use') return undefined;
  const request = skipWrappers(use.callee.object);
  if (request.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(request) !== 'request') return undefined;
  const interceptors = skipWrappers(request.object);
  if (interceptors.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(interceptors) !== 'interceptors') return undefined;

  const targetNode = skipWrappers(interceptors.object);
  const target = getAxiosTarget(targetNode, clients);
  if (target?.kind === 'instance' && target.createCall) return [getCreateEdit(target.createCall)];
  const statement = getStatementListItem(use);
  if (!statement) return undefined;
  return [{ kind: 'defaults', targetText: sourceCode.getText(targetNode), statement, replace: false }];
}

// ---------------------------------------------------------------------------------------------------------
// Login requests: where a stored credential came from.

/**
 * Follows a written value back to the request whose response contains it, through member reads, `await`,
 * `.json()`, `JSON.parse(...)`, `const` and `let` variables that are never reassigned, and the parameter
 * of a `.then()` callback. Returns 'lost' when the trail stops at code that contains a fetch or axios
 * request (a reassigned variable, `Promise.all([...])`, `.then(() => data)`), because the value may come
 * from that request. Returns 'parameter' when the value is a parameter of a function that is no `.then()`
 * callback, because its caller, which may be the login, is out of reach. Returns undefined when the value
 * comes from anything else.
 */
function findResponseRequest(value: TSESTree.Node, clients: HttpClients, sourceCode: TSESLint.SourceCode, depth: number): RequestCall | 'lost' | 'parameter' | undefined {
  if (depth > 5) return undefined;
  const base = skipResponseReads(value);
  const request = findRequestCall(base, clients);
  if (request) return request;
  if (base.type !== AST_NODE_TYPES.Identifier) return lostIfRequestIn([base], clients, sourceCode);

  const variable = ASTUtils.findVariable(sourceCode.getScope(base), base);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return undefined;
  if (definition.type === 'Variable') {
    const init = definition.node.init;
    const writes = variable.references.flatMap((reference) => (reference.isWrite() && reference.writeExpr && reference.writeExpr !== init ? [reference.writeExpr] : []));
    if (writes.length > 0) return lostIfRequestIn(init ? [init, ...writes] : writes, clients, sourceCode);
    return init ? findResponseRequest(init, clients, sourceCode, depth + 1) : undefined;
  }
  if (definition.type === 'Parameter') {
    const callback = definition.node;
    const then = getThenCall(callback);
    if (!then) return 'parameter';
    const first = callback.params[0];
    if (!first || !contains(first, definition.name)) return undefined;
    return findPromisedRequest(then.callee.object, clients, depth + 1) ?? lostIfRequestIn([then.callee.object], clients, sourceCode);
  }
  return undefined;
}

/** Returns 'lost' when one of the nodes contains a fetch or axios request, and undefined otherwise. */
function lostIfRequestIn(nodes: readonly TSESTree.Node[], clients: HttpClients, sourceCode: TSESLint.SourceCode): 'lost' | undefined {
  let found = false;
  for (const node of nodes) {
    walk(node, sourceCode, (child) => {
      if (!found && findRequestCall(child, clients)) found = true;
    });
  }
  return found ? 'lost' : undefined;
}

/** Returns true when the file sends an axios request, or a fetch request whose URL may leave the page's origin. */
function hasRequestToOtherOrigin(sourceCode: TSESLint.SourceCode, clients: HttpClients): boolean {
  let found = false;
  walk(sourceCode.ast, sourceCode, (node) => {
    if (found) return;
    const request = findRequestCall(node, clients);
    if (request) found = request.client === 'axios' || mayLeaveOrigin(request.url, sourceCode);
  });
  return found;
}

/** Follows a promise back to a request: `fetch(...)`, or `request.then((response) => response.json())`. */
function findPromisedRequest(promise: TSESTree.Node, clients: HttpClients, depth: number): RequestCall | undefined {
  if (depth > 5) return undefined;
  const node = skipWrappers(promise);
  const request = findRequestCall(node, clients);
  if (request) return request;
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callback = node.arguments[0];
  if (!callback || !isFunction(callback)) return undefined;
  const then = getThenCall(callback);
  if (!then) return undefined;
  const parameter = callback.params[0];
  const result = getReturnedExpression(callback);
  const resultBase = result ? skipResponseReads(result) : undefined;
  if (parameter?.type !== AST_NODE_TYPES.Identifier || resultBase?.type !== AST_NODE_TYPES.Identifier || resultBase.name !== parameter.name) return undefined;
  return findPromisedRequest(then.callee.object, clients, depth + 1);
}

/** Returns the `.then(callback)` call that a function is the first argument of. */
function getThenCall(callback: TSESTree.Node): (TSESTree.CallExpression & { callee: TSESTree.MemberExpression }) | undefined {
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== callback) return undefined;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(callee) !== 'then') return undefined;
  return call as TSESTree.CallExpression & { callee: TSESTree.MemberExpression };
}

function isFunction(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** Returns an arrow function's expression body, or the argument of a function body's only statement when it is a `return`. */
function getReturnedExpression(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const only = fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  return only?.type === AST_NODE_TYPES.ReturnStatement ? (only.argument ?? undefined) : undefined;
}

/** Skips what reads a response body or a field of it: `await`, member reads, `.json()`, `.text()`, `JSON.parse(...)`. */
function skipResponseReads(node: TSESTree.Node): TSESTree.Node {
  let current = skipWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = skipWrappers(current.argument);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = skipWrappers(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression && isBodyRead(current)) {
      current = skipWrappers((current.callee as TSESTree.MemberExpression).object);
    } else if (current.type === AST_NODE_TYPES.CallExpression && isJsonParse(current) && current.arguments[0]) {
      current = skipWrappers(current.arguments[0]);
    } else {
      return current;
    }
  }
}

function isBodyRead(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    call.arguments.length === 0 &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    ['json', 'text'].includes(getStaticKey(callee) ?? '')
  );
}

/**
 * Returns how a login request gets credentials, or undefined when its options cannot be edited: an options
 * argument that is not an object literal, or a missing one that cannot simply be appended.
 */
function getLoginRequestEdit(request: RequestCall, sourceCode: TSESLint.SourceCode): RequestEdit | undefined {
  if (request.client === 'fetch' && !mayLeaveOrigin(request.url, sourceCode)) return { kind: 'none' };
  if (request.client === 'axios' && request.target.kind === 'instance' && request.target.createCall) return getCreateEdit(request.target.createCall);

  const args = request.call.arguments;
  const config = args[request.configIndex];
  if (config) {
    const object = skipWrappers(config);
    return object.type === AST_NODE_TYPES.ObjectExpression ? { kind: 'config', config: object, client: request.client } : undefined;
  }
  const canAppend = args.length === request.configIndex && !args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  return canAppend ? { kind: 'request-without-config', call: request.call, client: request.client } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Logout routes.

/**
 * Finds the server's logout route in the file: a request already sent to a URL with `logout`, `signout`,
 * `sign-out` or `log-out` in it. Without one, it takes a string with such a URL path that is not a page the
 * browser navigates to.
 */
function findLogoutRoute(sourceCode: TSESLint.SourceCode, clients: HttpClients): LogoutRoute | undefined {
  const found: { named?: TSESTree.Node; requested: boolean } = { requested: false };
  walk(sourceCode.ast, sourceCode, (node) => {
    const text = getUrlText(node);
    if (text === undefined || !LOGOUT_URL.test(text) || !text.includes('/')) return;
    const use = getUrlUse(node, clients, sourceCode);
    if (use === 'request') found.requested = true;
    else if (use === 'name') found.named ??= node;
  });

  if (found.requested) return { requested: true, mayLeaveOrigin: false };
  const node = found.named;
  if (!node) return undefined;
  const declarator = node.parent;
  const urlText =
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    declarator.parent.type === AST_NODE_TYPES.VariableDeclaration &&
    declarator.parent.kind === 'const'
      ? declarator.id.name
      : sourceCode.getText(node);
  return { requested: false, urlText, mayLeaveOrigin: mayLeaveOrigin(node, sourceCode) };
}

function getUrlText(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('');
  return undefined;
}

/** Tells whether a URL string is requested, only named, or used for navigation (or as something else). */
function getUrlUse(node: TSESTree.Node, clients: HttpClients, sourceCode: TSESLint.SourceCode): 'request' | 'name' | 'other' {
  let current: TSESTree.Node = node;
  while (current.parent?.type === AST_NODE_TYPES.BinaryExpression || current.parent?.type === AST_NODE_TYPES.TemplateLiteral) current = current.parent;
  const parent = current.parent;
  if (!parent) return 'other';
  if (parent.type === AST_NODE_TYPES.JSXAttribute || parent.type === AST_NODE_TYPES.ImportDeclaration) return 'other';
  if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
    const key = getStaticKey(parent);
    if (key === 'url') return 'request';
    if (key === 'path' || key === 'to' || key === 'href' || key === 'redirect') return 'other';
  }
  // Any call that gets the URL, other than a navigation, is taken as a request, so that a request through
  // the app's own wrapper (`callApi('POST', '/api/logout')`) is not sent a second time.
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    if (isFetchCall(parent, clients)) return 'request';
    const name = getCalleeName(parent);
    return name !== undefined && NAVIGATION_CALLEES.has(name) ? 'other' : 'request';
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return 'other';
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
    const reads = variable?.references.filter((reference) => reference.identifier !== parent.id) ?? [];
    const uses = reads.map((reference) => getUrlUse(reference.identifier, clients, sourceCode));
    if (uses.includes('request')) return 'request';
    return uses.includes('other') && !uses.includes('name') && reads.length > 0 ? 'other' : 'name';
  }
  return 'name';
}

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers.

/** Returns the called function's name or method name (`navigate`, `push` for `router.push`). */
function getCalleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getStaticKey(callee);
  return undefined;
}

/** Climbs from a read to the value a variable would hold: `await`, TypeScript wrappers, `JSON.parse(...)`, `?? ''`. */
function climbReadValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current && parent.operator !== '&&' && isEmptyValue(parent.right)) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isJsonParse(parent))
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

/** Climbs from a use of the stored value to the expression built from it: `Bearer ${token}`, `'Bearer ' + user.token`. */
function climbDerivation(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      isPassThrough(parent, current) ||
      isDerivingMember(parent, current) ||
      parent.type === AST_NODE_TYPES.TemplateLiteral ||
      (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current && parent.operator !== '&&') ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'String')
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

function isPassThrough(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  return (
    parent.type === AST_NODE_TYPES.ChainExpression ||
    parent.type === AST_NODE_TYPES.TSNonNullExpression ||
    parent.type === AST_NODE_TYPES.TSAsExpression ||
    parent.type === AST_NODE_TYPES.AwaitExpression ||
    (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && isJsonParse(parent))
  );
}

/** `user.accessToken` or `user?.['token']`: a property read on the stored object, not a method call. */
function isDerivingMember(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  return (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    !(parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent)
  );
}

function isPresenceCheck(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.BinaryExpression &&
    ['!==', '!=', '===', '=='].includes(node.operator) &&
    (isEmptyValue(node.right) || isEmptyValue(node.left))
  );
}

/** Returns true when a use of the stored value only decides something: a condition, a negation, a comparison. */
function isBooleanUse(use: TSESTree.Node): boolean {
  let current: TSESTree.Node = use;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    if (
      (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') ||
      (parent.type === AST_NODE_TYPES.BinaryExpression && ['!==', '!=', '===', '=='].includes(parent.operator)) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Boolean')
    ) {
      return true;
    }
    if (
      (parent.type === AST_NODE_TYPES.IfStatement ||
        parent.type === AST_NODE_TYPES.ConditionalExpression ||
        parent.type === AST_NODE_TYPES.WhileStatement ||
        parent.type === AST_NODE_TYPES.DoWhileStatement ||
        parent.type === AST_NODE_TYPES.ForStatement) &&
      (parent as { test?: TSESTree.Node | null }).test === current
    ) {
      return true;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression || isPassThrough(parent, current) || isDerivingMember(parent, current)) {
      current = parent;
      continue;
    }
    return false;
  }
}

function isHeaderProperty(property: TSESTree.Property): boolean {
  const key = getStaticKey(property);
  if (key === undefined) return false;
  if (isCredentialHeaderKey(key)) return true;
  // A dash-less credential name (`token: value`) counts only inside an object used as headers.
  const object = property.parent;
  return (
    isCredentialName(key) &&
    object.type === AST_NODE_TYPES.ObjectExpression &&
    object.parent.type === AST_NODE_TYPES.Property &&
    getStaticKey(object.parent) === 'headers'
  );
}

function isCredentialHeaderKey(key: string | undefined): boolean {
  return key !== undefined && isCredentialHeaderName(key);
}

function isJsonStringify(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'JSON' &&
    getStaticKey(callee) === 'stringify'
  );
}

function isJsonParse(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'JSON' &&
    getStaticKey(callee) === 'parse'
  );
}

function isEmptyValue(node: TSESTree.Node): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === '';
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  return false;
}

function isStatementListItem(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.Program ||
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.StaticBlock ||
    parent?.type === AST_NODE_TYPES.TSModuleBlock ||
    (parent?.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(node as TSESTree.Statement))
  );
}

/**
 * Returns the statement-list item that is an expression statement, or the outermost of the labels on it
 * (`done: localStorage.setItem(...)`). A label on an expression statement has no effect, because nothing
 * inside an expression can break to it, so the label goes with the statement.
 */
function getLabeledStatementItem(statement: TSESTree.ExpressionStatement): TSESTree.Node | undefined {
  let item: TSESTree.Node = statement;
  while (item.parent?.type === AST_NODE_TYPES.LabeledStatement) item = item.parent;
  return isStatementListItem(item) ? item : undefined;
}

function getStatementListItem(node: TSESTree.Node): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current && !isStatementListItem(current)) current = current.parent;
  return current;
}

/** Returns the declaration statement to remove with a declarator, or the declarator when the declaration has others. */
function getDeclarationToRemove(declarator: TSESTree.VariableDeclarator): TSESTree.Node | undefined {
  const declaration = declarator.parent;
  if (declaration.declarations.length > 1) return declarator;
  const item = declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
  return isStatementListItem(item) ? item : undefined;
}

function getEnclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node.parent;
  while (current) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

function isInAsyncFunction(node: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(node) as { async?: boolean } | undefined;
  return fn?.async === true;
}

function contains(ancestor: TSESTree.Node, node: TSESTree.Node): boolean {
  return ancestor.range[0] <= node.range[0] && node.range[1] <= ancestor.range[1];
}

function walk(root: TSESTree.Node, sourceCode: TSESLint.SourceCode, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    visit(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as { type?: unknown }).type === 'string') stack.push(item as TSESTree.Node);
      } else if (child && typeof (child as { type?: unknown }).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Applying the plan to jscodeshift's AST.

function applyPlan(file: CodemodFile, sourceCode: TSESLint.SourceCode, plan: Plan): boolean {
  // Every look-up happens before the first edit, while the parsed file still matches ESLint's AST.
  const removed = [...plan.removals].filter((node) => !hasRemovedAncestor(node, plan.removals));
  const isRemoved = (node: TSESTree.Node): boolean => [...plan.removals].some((removal) => contains(removal, node));
  const removals = lookUp(file, removed);
  const credentials = [...plan.credentials].filter(([config]) => !isRemoved(config)).map(([config, client]) => ({ path: lookUpOne(file, config), client }));
  const creates = lookUp(file, [...plan.createCallsWithoutConfig]);
  const requests = [...plan.requestsWithoutConfig].filter(([call]) => !isRemoved(call)).map(([call, client]) => ({ path: lookUpOne(file, call), client }));
  const replacements = [...plan.replacements].map(([node, code]) => ({ path: lookUpOne(file, node), code }));
  const insertions = [...plan.insertions].filter(([node]) => !isRemoved(node)).map(([node, codes]) => ({ path: lookUpOne(file, node), codes }));
  const keptStatements = [...plan.keptEffects].map(([statement, effects]) => ({ path: lookUpOne(file, statement), effects: lookUp(file, effects) }));
  const arrows = [...plan.emptiedArrows].map(([arrow, effects]) => ({ path: lookUpOne(file, arrow), effects: lookUp(file, effects) }));
  const marks = plan.marks
    .filter((mark) => !isRemoved(mark.node))
    .map((mark) => ({ path: lookUpOne(file, mark.node), reason: mark.reason }));

  let changed = false;
  changed = addRequestCredentials(file, credentials) || changed;
  changed = addCreateConfigs(file, creates) || changed;
  changed = addRequestConfigs(file, requests) || changed;
  changed = insertStatements(file, insertions, sourceCode) || changed;
  changed = replaceStatements(file, replacements) || changed;
  changed = keepSideEffects(file, keptStatements) || changed;
  changed = emptyArrowBodies(file, arrows) || changed;
  changed = removeNodes(removals) || changed;
  for (const mark of marks) changed = markForManualMigration(file, mark.path, mark.reason) || changed;
  return changed;
}

function lookUpOne(file: CodemodFile, node: TSESTree.Node): ASTPath {
  const path = findPathForNode(file, node);
  if (!path) {
    throw new Error(`storage-token-to-cookie: no parsed node matches the ${node.type} at ${file.path}:${node.loc.start.line}:${node.loc.start.column + 1}.`);
  }
  return path;
}

function lookUp(file: CodemodFile, nodes: readonly TSESTree.Node[]): ASTPath[] {
  return nodes.map((node) => lookUpOne(file, node));
}

function hasRemovedAncestor(node: TSESTree.Node, removals: ReadonlySet<TSESTree.Node>): boolean {
  let current = node.parent;
  while (current) {
    if (removals.has(current)) return true;
    current = current.parent;
  }
  return false;
}

function removeNodes(paths: readonly ASTPath[]): boolean {
  for (const path of paths) {
    if (isInStatementList(path)) removeStatementAndEmptyGuard(path);
    else path.replace();
  }
  return paths.length > 0;
}

function addRequestCredentials(file: CodemodFile, configs: readonly { path: ASTPath; client: 'fetch' | 'axios' }[]): boolean {
  const { j } = file;
  let changed = false;
  for (const { path, client } of configs) {
    const object = path.node as ASTNode & { properties: ASTNode[] };
    const key = client === 'fetch' ? 'credentials' : 'withCredentials';
    const value = client === 'fetch' ? j.stringLiteral('include') : j.booleanLiteral(true);
    const existing = object.properties.find((property) => {
      const candidate = property as { type: string; key?: { type: string; name?: string; value?: unknown } };
      return (candidate.type === 'ObjectProperty' || candidate.type === 'Property') && (candidate.key?.name === key || candidate.key?.value === key);
    }) as { value: { type: string; value?: unknown } } | undefined;
    if (existing) {
      if (existing.value.value === (client === 'fetch' ? 'include' : true)) continue;
      existing.value = value;
    } else {
      object.properties.push(j.objectProperty(j.identifier(key), value));
    }
    changed = true;
  }
  return changed;
}

function addCreateConfigs(file: CodemodFile, calls: readonly ASTPath[]): boolean {
  const { j } = file;
  for (const path of calls) {
    const call = path.node as ASTNode & { arguments: ASTNode[] };
    call.arguments.unshift(j.objectExpression([j.objectProperty(j.identifier('withCredentials'), j.booleanLiteral(true))]));
  }
  return calls.length > 0;
}

function addRequestConfigs(file: CodemodFile, calls: readonly { path: ASTPath; client: 'fetch' | 'axios' }[]): boolean {
  const { j } = file;
  for (const { path, client } of calls) {
    const call = path.node as ASTNode & { arguments: ASTNode[] };
    const setting =
      client === 'fetch'
        ? j.objectProperty(j.identifier('credentials'), j.stringLiteral('include'))
        : j.objectProperty(j.identifier('withCredentials'), j.booleanLiteral(true));
    call.arguments.push(j.objectExpression([setting]));
  }
  return calls.length > 0;
}

function insertStatements(file: CodemodFile, insertions: readonly { path: ASTPath; codes: string[] }[], sourceCode: TSESLint.SourceCode): boolean {
  let changed = false;
  for (const { path, codes } of insertions) {
    for (const code of codes) {
      // A file that already sets the defaults needs no second line.
      if (sourceCode.text.includes(code)) continue;
      path.insertBefore(parseStatement(file, code));
      changed = true;
    }
  }
  return changed;
}

function replaceStatements(file: CodemodFile, replacements: readonly { path: ASTPath; code: string }[]): boolean {
  for (const { path, code } of replacements) replaceKeepingComments(path, parseStatement(file, code));
  return replacements.length > 0;
}

/**
 * Replaces a credential write with the work its value does. The statement node stays in place, so its
 * comments and markers stay with it: an expression statement takes the first expression and gets the rest
 * after it, and a `return` loses its value and gets every expression before it.
 */
function keepSideEffects(file: CodemodFile, writes: readonly { path: ASTPath; effects: readonly ASTPath[] }[]): boolean {
  const { j } = file;
  for (const { path, effects } of writes) {
    const statement = path.node as ASTNode & { type: string; expression?: ASTNode; argument?: ASTNode | null };
    const expressions = effects.map((effect) => toStatementExpression(effect));
    if (statement.type === 'ReturnStatement') {
      for (const expression of expressions) path.insertBefore(j.expressionStatement(expression));
      statement.argument = null;
      continue;
    }
    const [first, ...rest] = expressions;
    if (!first) continue;
    statement.expression = first;
    // A labeled statement becomes the bare expression statement, so that the rest can follow it in the list.
    let item = path;
    while ((item.parent as ASTPath | null)?.node.type === 'LabeledStatement') item = item.parent as ASTPath;
    if (item !== path) replaceKeepingComments(item, statement);
    for (const expression of rest.reverse()) item.insertAfter(j.expressionStatement(expression));
  }
  return writes.length > 0;
}

function emptyArrowBodies(file: CodemodFile, arrows: readonly { path: ASTPath; effects: readonly ASTPath[] }[]): boolean {
  const { j } = file;
  for (const { path, effects } of arrows) {
    const statements = effects.map((effect) => j.expressionStatement(toStatementExpression(effect)));
    (path.node as ASTNode & { body: ASTNode }).body = j.blockStatement(statements);
  }
  return arrows.length > 0;
}

/**
 * Parses one statement of new code, written with single quotes, in the file's quote style. The inner nodes
 * keep their positions in the snippet, so recast reuses the snippet's layout (`{ method: 'POST' }` on one
 * line) instead of printing each object over several lines.
 */
function parseStatement(file: CodemodFile, code: string): ASTNode {
  const styled = file.printOptions.quote === 'double' ? code.replace(/'([^'"\\]*)'/g, '"$1"') : code;
  const program = file.j(styled).find(file.j.Program).paths()[0]?.node as { body: ASTNode[] } | undefined;
  const statement = program?.body[0] as (ASTNode & Record<string, unknown>) | undefined;
  if (!statement) throw new Error(`storage-token-to-cookie: cannot parse generated code \`${code}\`.`);
  delete statement.loc;
  delete statement.start;
  delete statement.end;
  return statement;
}
