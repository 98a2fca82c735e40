/**
 * Finds request handlers that write a user's identity into the session (`req.session.userId = …`,
 * `Object.assign(req.session, { user })`) without regenerating the session first. Keeping the session id
 * that existed before login lets an attacker who planted that id ride the logged-in session (session
 * fixation). A write is fine when `req.session.regenerate` (or a helper named like it) runs earlier in the
 * handler, or when the write sits inside the regenerate callback. Handlers that log in through passport's
 * `req.login`/`req.logIn`, or that a route runs after `passport.authenticate(...)`, are fine too, because
 * passport 0.6 and later regenerate the session there. For a project that allows older passport versions,
 * the login call and the writes after `passport.authenticate(...)` are reported instead.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  findVariable,
  forEachNode,
  getCalleeName,
  getKeyName,
  getPropertyValue,
  getRequiredModule,
  isFunctionNode,
  resolveObjectExpression,
  skipTypeWrappers,
} from '../util/ast-values.js';
import { CALL, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import { isInsideAuthenticatedCheck, leavesFunction } from './authenticated-guard.js';
import { splitWords } from './credential-name.js';
import {
  getEnclosingFunction,
  getEnclosingRequestHandler,
  getRequestObjectKind,
  type FunctionNode,
} from './request-handler.js';
import { isGlobalIdentifier, isObjectAssignCall } from './same-file-value.js';
import { getLoadedSessionLibrary, type SessionLibrary } from './session-library.js';

type SourceCode = TSESLint.SourceCode;

export interface SessionFixationOptions {
  /** Extra session keys that hold a user's identity, compared case-insensitively. */
  readonly extraIdentityKeys?: readonly string[];
  /** True when the project may run a passport version before 0.6, whose login keeps the session id. */
  readonly passportKeepsSessionId?: boolean;
}

/**
 * Why a finding needs a regeneration: `missingRegenerate` for a write that nothing regenerates before,
 * `passportKeepsSessionId` for a login through a passport version that does not regenerate.
 */
export type SessionFixationReason = 'missingRegenerate' | 'passportKeepsSessionId';

/**
 * A write of an identity key into the session of a handler that never regenerates it first, or a passport
 * login (`req.logIn(user, …)`) that writes the user under `req.session.passport` without regenerating.
 */
export interface IdentityWriteFinding {
  /** The key written (`userId`), and `passport` for a passport login. */
  readonly key: string;
  /**
   * The assignment target (`req.session.userId`), the property of the object given to `Object.assign`, or
   * the callee of a passport login (`req.logIn`).
   */
  readonly node: TSESTree.Node;
  /** The request handler that contains the write. */
  readonly handler: FunctionNode;
  /** The request parameter's name (`req`). */
  readonly requestName: string;
  readonly reason: SessionFixationReason;
}

/** Words that name who is logged in. */
const IDENTITY_WORDS = new Set([
  'user',
  'uid',
  'account',
  'username',
  'email',
  'role',
  'roles',
  'admin',
  'authenticated',
  'loggedin',
  'logged',
  'passport',
]);

/** Words that may join identity words in a key without changing what it names (`userId`, `isAdmin`, `loggedIn`). */
const IDENTITY_JOINING_WORDS = new Set(['id', 'ids', 'name', 'is', 'in', 'current']);

/**
 * Returns true when a session key names the logged-in identity: one of the identity words, or a name made
 * only of those words and joining words (`userId`, `current_user`, `isAdmin`, `loggedIn`).
 */
export function isIdentityKey(key: string, extraIdentityKeys: readonly string[] = []): boolean {
  const lower = key.toLowerCase();
  if (extraIdentityKeys.some((extra) => extra.toLowerCase() === lower)) return true;
  const words = splitWords(key);
  return (
    words.length > 0 &&
    words.some((word) => IDENTITY_WORDS.has(word)) &&
    words.every((word) => IDENTITY_WORDS.has(word) || IDENTITY_JOINING_WORDS.has(word))
  );
}

/**
 * Words of identity keys that switch who is logged in or what they may do (`userId`, `role`, `isAdmin`).
 * Writing one needs a new session id even when the session already holds a user.
 */
const PRIVILEGE_WORDS = new Set(['id', 'ids', 'uid', 'role', 'roles', 'admin', 'authenticated', 'loggedin', 'logged', 'passport']);

function isPrivilegeKey(key: string): boolean {
  return splitWords(key).some((word) => PRIVILEGE_WORDS.has(word));
}

/** Finds identity writes into the session that no earlier regeneration protects. */
export function findSessionFixation(sourceCode: SourceCode, options: SessionFixationOptions = {}): IdentityWriteFinding[] {
  // One walk finds both the libraries the file loads and the `x.session` member expressions to check.
  const loaded = new Set<SessionLibrary>();
  const sessionAccesses: TSESTree.MemberExpression[] = [];
  const loginAccesses: TSESTree.MemberExpression[] = [];
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getKeyName(node);
      if (name === 'session') sessionAccesses.push(node);
      if (name === 'login' || name === 'logIn') loginAccesses.push(node);
      return;
    }
    const library = getLoadedSessionLibrary(node);
    if (library !== undefined) loaded.add(library);
  });
  // cookie-session stores the data in the signed cookie itself, so there is no server-side id to fix and no
  // `regenerate` to call.
  if (loaded.has('cookie-session') && !loaded.has('express-session')) return [];

  const extraKeys = options.extraIdentityKeys ?? [];
  const passportKeepsSessionId = options.passportKeepsSessionId ?? false;
  const findings: IdentityWriteFinding[] = passportKeepsSessionId ? findUnprotectedPassportLogins(sourceCode, loginAccesses) : [];
  for (const node of sessionAccesses) {
    const request = skipTypeWrappers(node.object);
    if (request.type !== AST_NODE_TYPES.Identifier) continue;
    if (getRequestObjectKind(sourceCode.scopeManager, request) !== 'request') continue;

    for (const write of getIdentityWrites(sourceCode, node, extraKeys)) {
      const handler = getEnclosingRequestHandler(write.node);
      // isProtected accepts a `req.login` call, which gets its own report when passport keeps the session id.
      if (!handler || isProtected(sourceCode, write.node, handler)) continue;
      const isAfterPassportLogin = isRegisteredAfterPassportLogin(sourceCode, handler);
      if (isAfterPassportLogin && !passportKeepsSessionId) continue;
      if (
        !isPrivilegeKey(write.key) &&
        (isUpdateOfLoggedInSession(sourceCode, write.node, handler, request.name, extraKeys) ||
          isInsideAuthenticatedCheck(sourceCode.scopeManager, write.node, request))
      ) {
        continue;
      }
      if (isHelperCalledOnlyWhenProtected(sourceCode, handler)) continue;
      const reason = isAfterPassportLogin ? 'passportKeepsSessionId' : 'missingRegenerate';
      findings.push({ key: write.key, node: write.node, handler, requestName: request.name, reason });
    }
  }
  return findings;
}

/** Finds the `req.login(…)` and `req.logIn(…)` calls of request handlers that no regeneration precedes. */
function findUnprotectedPassportLogins(sourceCode: SourceCode, loginAccesses: readonly TSESTree.MemberExpression[]): IdentityWriteFinding[] {
  const findings: IdentityWriteFinding[] = [];
  for (const login of loginAccesses) {
    const request = skipTypeWrappers(login.object);
    if (!isCalled(login) || request.type !== AST_NODE_TYPES.Identifier) continue;
    if (getRequestObjectKind(sourceCode.scopeManager, request) !== 'request') continue;
    const handler = getEnclosingRequestHandler(login);
    if (!handler || isProtected(sourceCode, login.parent, handler, { acceptPassportLogin: false })) continue;
    findings.push({ key: 'passport', node: login, handler, requestName: request.name, reason: 'passportKeepsSessionId' });
  }
  return findings;
}

/** Returns the identity keys written through `req.session` at this member expression. */
function getIdentityWrites(
  sourceCode: SourceCode,
  session: TSESTree.MemberExpression,
  extraKeys: readonly string[],
): { key: string; node: TSESTree.Node }[] {
  // `req.session!.userId` and `(req.session as any).userId` write through a TypeScript wrapper.
  let target: TSESTree.Node = session;
  while (target.parent && skipTypeWrappers(target.parent) !== target.parent) target = target.parent;
  const parent = target.parent;
  if (!parent) return [];

  // req.session.userId = …
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === target) {
    const key = getKeyName(parent);
    const assignment = parent.parent;
    if (
      key !== undefined &&
      assignment.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === parent &&
      !isClearingValue(sourceCode, assignment.right) &&
      isIdentityKey(key, extraKeys)
    ) {
      return [{ key, node: parent }];
    }
    return [];
  }

  // Object.assign(req.session, { userId, role })
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === target &&
    isObjectAssignCall(sourceCode, parent)
  ) {
    const writes: { key: string; node: TSESTree.Node }[] = [];
    for (const argument of parent.arguments.slice(1)) {
      const source = skipTypeWrappers(argument);
      if (source.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of source.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = getKeyName(property);
        if (key !== undefined && isIdentityKey(key, extraKeys)) writes.push({ key, node: property });
      }
    }
    return writes;
  }
  return [];
}

/**
 * Returns true when the handler regenerates the session before the write, writes inside the regenerate
 * callback, or logs in through passport (unless `acceptPassportLogin` is false).
 */
function isProtected(
  sourceCode: SourceCode,
  write: TSESTree.Node,
  handler: FunctionNode,
  { acceptPassportLogin = true } = {},
): boolean {
  const isRequest = (node: TSESTree.Node): boolean => getRequestObjectKind(sourceCode.scopeManager, node) === 'request';

  let isProtectedWrite = false;
  forEachNode(handler.body, sourceCode.visitorKeys, (node) => {
    if (isProtectedWrite || node.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = getKeyName(node);
    if (name === undefined) return;

    // req.login(user, callback) / req.logIn(...) from passport.
    if (acceptPassportLogin && (name === 'login' || name === 'logIn') && isRequest(node.object) && isCalled(node)) {
      isProtectedWrite = true;
      return;
    }
    if (!splitWords(name).includes('regenerate')) return;

    const isSessionRegenerate =
      node.object.type === AST_NODE_TYPES.MemberExpression &&
      getKeyName(node.object) === 'session' &&
      isRequest(node.object.object);
    if (isSessionRegenerate && node.range[1] <= write.range[0]) {
      isProtectedWrite = true;
      return;
    }
    if (isSessionRegenerate && isInsideCallbackOf(node, write)) {
      isProtectedWrite = true;
    }
  });
  if (isProtectedWrite) return true;

  // A helper such as `await regenerateSession(req)` or `await sessions.regenerate(req)` called before the write.
  let helperCalledBefore = false;
  forEachNode(handler.body, sourceCode.visitorKeys, (node) => {
    if (helperCalledBefore || node.type !== AST_NODE_TYPES.CallExpression || node.range[1] > write.range[0]) return;
    const name = getCalleeName(node);
    if (name !== undefined && splitWords(name).includes('regenerate')) helperCalledBefore = true;
  });
  return helperCalledBefore;
}

const PASSPORT_AUTHENTICATE: TraceMap<true> = { authenticate: { [CALL]: true } };
const PASSPORT_MODULE: TraceMap<true> = { passport: { ...PASSPORT_AUTHENTICATE, default: PASSPORT_AUTHENTICATE } };

const passportLoginsByProgram = new WeakMap<TSESTree.Program, ReadonlySet<TSESTree.Node>>();

/**
 * Returns the `passport.authenticate(...)` calls of the file that log the user in to the session, which
 * passport 0.6 and later regenerate. A call with `{ session: false }` leaves the session alone.
 */
function findPassportLogins(sourceCode: SourceCode): ReadonlySet<TSESTree.Node> {
  const cached = passportLoginsByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
  const logins = new Set<TSESTree.Node>();
  for (const { node } of [...tracker.iterateCjsReferences(PASSPORT_MODULE), ...tracker.iterateEsmReferences(PASSPORT_MODULE)]) {
    if (node.type === AST_NODE_TYPES.CallExpression && !isSessionless(sourceCode, node)) logins.add(node);
  }
  passportLoginsByProgram.set(sourceCode.ast, logins);
  return logins;
}

/** Returns true for a `passport.authenticate(strategy, { session: false })` call, which leaves the session alone. */
function isSessionless(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const options = resolveObjectExpression(sourceCode.scopeManager, call.arguments[1]);
  const sessionOption = options ? getPropertyValue(options, 'session') : undefined;
  return sessionOption?.type === AST_NODE_TYPES.Literal && sessionOption.value === false;
}

/**
 * Returns true for `passport.authenticate(...)` on a `passport` that the file receives from elsewhere: a
 * parameter (`module.exports = (app, passport) => …`) or a file of the project
 * (`require('./config/passport')`), which usually passes on the configured passport instance.
 */
function isReceivedPassportLogin(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || isSessionless(sourceCode, node)) return false;
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getKeyName(callee) !== 'authenticate') return false;
  const object = skipTypeWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'passport') return false;
  const definition = findVariable(sourceCode.scopeManager, object)?.defs[0];
  if (definition?.type === 'Parameter') return true;
  if (definition?.type === 'ImportBinding') {
    const source = definition.parent.type === AST_NODE_TYPES.ImportDeclaration ? definition.parent.source.value : undefined;
    return source?.startsWith('.') === true;
  }
  if (definition?.type !== 'Variable' || !definition.node.init) return false;
  return getRequiredModule(sourceCode.scopeManager, definition.node.init)?.startsWith('.') === true;
}

/**
 * Returns true when the handler is registered on a route after `passport.authenticate(...)`
 * (`app.post('/login', passport.authenticate('local'), handler)`), so it runs in the regenerated session.
 */
function isRegisteredAfterPassportLogin(sourceCode: SourceCode, handler: FunctionNode): boolean {
  const registration = handler.parent;
  if (registration?.type !== AST_NODE_TYPES.CallExpression) return false;
  const position = registration.arguments.indexOf(handler as TSESTree.CallExpressionArgument);
  if (position <= 0) return false;
  const logins = findPassportLogins(sourceCode);
  return registration.arguments
    .slice(0, position)
    .some((argument) => logins.has(argument) || isReceivedPassportLogin(sourceCode, argument));
}

/**
 * Returns true when the handler acts for a user the session already holds, so the write updates that user's
 * data rather than logging someone in (`req.session.user = { ...req.session.user, name }` in a profile route).
 * That is the case when, before or within the write, the handler uses an identity key of the same session
 * as a value, or returns early when it is missing (`if (!req.session.userId) return res.sendStatus(401)`).
 * A check that returns early when the key is set (`if (req.session.userId) return res.redirect('/')`) is
 * the opposite, a login route for anonymous sessions, and other tests tell nothing either way.
 */
function isUpdateOfLoggedInSession(
  sourceCode: SourceCode,
  write: TSESTree.Node,
  handler: FunctionNode,
  requestName: string,
  extraKeys: readonly string[],
): boolean {
  const writeEnd = write.parent?.type === AST_NODE_TYPES.AssignmentExpression ? write.parent.range[1] : write.range[1];
  let isUpdate = false;
  forEachNode(handler.body, sourceCode.visitorKeys, (node) => {
    if (isUpdate || node === write || node.range[0] >= writeEnd) return;
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isSessionIdentityRead(sourceCode, node, requestName, extraKeys)) return;
    isUpdate = isValueUseOrMissingGuard(node);
  });
  return isUpdate;
}

/** Returns true for a read of `<request>.session.<identity key>` that is not the target of an assignment. */
function isSessionIdentityRead(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  requestName: string,
  extraKeys: readonly string[],
): boolean {
  const key = getKeyName(member);
  const session = skipTypeWrappers(member.object);
  if (key === undefined || !isIdentityKey(key, extraKeys)) return false;
  if (session.type !== AST_NODE_TYPES.MemberExpression || getKeyName(session) !== 'session') return false;
  const request = skipTypeWrappers(session.object);
  if (request.type !== AST_NODE_TYPES.Identifier || request.name !== requestName) return false;
  if (getRequestObjectKind(sourceCode.scopeManager, request) !== 'request') return false;
  const parent = member.parent;
  return !(parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member);
}

/**
 * Returns true when an identity read is used as a value, or is the negated test of an `if` whose branch
 * leaves the handler. Returns false for any other test, comparison or logical operand.
 */
function isValueUseOrMissingGuard(read: TSESTree.MemberExpression): boolean {
  let node: TSESTree.Node = read;
  while (node.parent?.type === AST_NODE_TYPES.ChainExpression || (node.parent && skipTypeWrappers(node.parent) !== node.parent)) {
    node = node.parent;
  }
  let isNegated = false;
  while (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === '!') {
    isNegated = !isNegated;
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement && parent.test === node) return isNegated && leavesFunction(parent.consequent);
  if (isNegated) return false;
  return !(
    parent?.type === AST_NODE_TYPES.LogicalExpression ||
    parent?.type === AST_NODE_TYPES.BinaryExpression ||
    (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) ||
    ((parent?.type === AST_NODE_TYPES.WhileStatement || parent?.type === AST_NODE_TYPES.DoWhileStatement) && parent.test === node)
  );
}

/**
 * Returns true when `fn` is a helper (`function establishSession(req, user)`) that the file calls, and
 * every call runs after a regeneration or inside its callback. A function the file never calls is taken
 * to be registered as a route elsewhere.
 */
function isHelperCalledOnlyWhenProtected(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const name = getFunctionName(fn);
  if (!name) return false;
  const variable = findVariable(sourceCode.scopeManager, name);
  const calls = (variable?.references ?? []).flatMap((reference) => {
    const call = reference.identifier.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier ? [call] : [];
  });
  if (calls.length === 0) return false;
  return calls.every((call) => {
    const caller = getEnclosingRequestHandler(call) ?? getEnclosingFunction(call);
    return caller !== undefined && caller !== fn && isProtected(sourceCode, call, caller);
  });
}

/** Returns the identifier that names a function declaration or the constant a function is assigned to. */
function getFunctionName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const declarator = fn.parent;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier
    ? declarator.id
    : undefined;
}

/** Returns true for `null`, `undefined` and `false`, which a logout writes to clear the identity. */
function isClearingValue(sourceCode: SourceCode, value: TSESTree.Expression): boolean {
  const node = skipTypeWrappers(value);
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null || node.value === false;
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined' && isGlobalIdentifier(sourceCode, node);
}

function isCalled(member: TSESTree.MemberExpression): boolean {
  return member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

/** Returns true when `write` is inside a function passed to the call of `regenerate`. */
function isInsideCallbackOf(regenerate: TSESTree.MemberExpression, write: TSESTree.Node): boolean {
  const call = regenerate.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== regenerate) return false;
  return call.arguments.some(
    (argument) => isFunctionNode(argument) && argument.range[0] <= write.range[0] && write.range[1] <= argument.range[1],
  );
}
