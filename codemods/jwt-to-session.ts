/**
 * Moves Express servers from JWT login sessions to express-session with a real store (connect-session-knex
 * by default). It adds the session setup where `express()` creates the app, `req.session.regenerate` at
 * login, a session check where a token from the request was verified, a session guard in place of
 * express-jwt, and `req.session.destroy` at logout. Refresh tokens, tokens also passed to other code,
 * tokens inside a URL or other text of the response body, tokens set through a raw Set-Cookie header,
 * passport-jwt, jose, Next.js code (see src/detectors/nextjs.ts), and handlers of Koa, Fastify, Nest,
 * Hono and other frameworks (see src/detectors/server-framework.ts) stay unchanged under
 * `/* eslint-plugin-sessions: manual migration needed: <reason> *\/`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { API, ASTNode, ASTPath, FileInfo, JSCodeshift, Options } from 'jscodeshift';

import {
  collectSideEffects,
  ensureImport,
  findModuleBindings,
  findErrorHandling,
  findInnermostPathContaining,
  findPathForNode,
  getAttachedComments,
  getDetectorSourceCode,
  getStatementPath,
  getStaticString,
  hasSideEffects,
  isInStatementList,
  isNameReferenced,
  markForManualMigration,
  openSourceFile,
  printSourceFile,
  protectStatementStart,
  removeUnusedBindings,
  toOriginalOffset,
  toStatementExpression,
  type AttachedComment,
  type CodemodFile,
  type CodemodMeta,
} from '../src/codemod/index.js';
import { dependsOnAny } from '../src/codemod/manifest.js';
import { JWT_SESSION_MODULES, JWT_TO_SESSION, type SessionStoreKind } from '../src/codemod/registry.js';
import { getSignExpiry } from '../src/detectors/jwt-expiry.js';
import { findJwtCalls, type JwtCall } from '../src/detectors/jwt-library.js';
import { findJwtSessions, type JwtSessionFinding } from '../src/detectors/jwt-session.js';
import { getManualMigrationReason, statesSessionLifetime } from '../src/detectors/jwt-session-migration.js';
import { describeUnregisteredHandler, findNextCustomServerApp, isRegisteredAfterCreation, type NextCustomServerApp } from '../src/detectors/next-custom-server.js';
import { getNextPagesFile, isNextApiRouteFile, isNextCode } from '../src/detectors/nextjs.js';
import type { FunctionNode } from '../src/detectors/request-handler.js';
import { describeFrameworkProblem, getHandlerFramework, getOtherFrameworkModule, hasExpressParameters } from '../src/detectors/server-framework.js';
import { findSessionLibraryUsage } from '../src/detectors/session-library.js';
import { getMissingSetupReason, planSessionSetup as planAppSessionSetup, SESSION_LIBRARIES, usesCookieSession } from '../src/detectors/session-setup.js';
import { forEachNode, isFunctionNode } from '../src/util/ast-values.js';

/** Options of the transform, as jscodeshift passes them (`--store=redis`). */
export interface JwtToSessionOptions extends Options {
  /** The session store to set up: `knex` (default), `redis` or `memory`. */
  store?: string;
  /** The session property that keeps the signed payload (default `user`). */
  sessionKey?: string;
}

const DEFAULT_SESSION_KEY = 'user';
const DEFAULT_COOKIE_NAME = 'connect.sid';
const DEFAULT_MAX_AGE_MS = 8 * 60 * 60 * 1000;

export const meta: CodemodMeta = JWT_TO_SESSION;

type AnyNode = ASTNode & { type: string; [key: string]: unknown };
type Statement = AnyNode;

interface ResolvedOptions {
  store: SessionStoreKind;
  sessionKey: string;
}

/** Everything the steps share while they migrate one file. */
interface Migration {
  readonly file: CodemodFile;
  readonly j: JSCodeshift;
  readonly options: ResolvedOptions;
  readonly sourceCode: TSESLint.SourceCode;
  readonly isTypeScript: boolean;
  /** `cookie-session` keeps the session in the cookie and has no `regenerate` or `destroy`. */
  readonly sessionLibrary: 'express-session' | 'cookie-session';
  /** The cookie name of an express-session setup in this file, else the default. */
  readonly cookieName: string;
  /** The session lifetime that `recordTokenLifetime` takes from the logins, in milliseconds. */
  tokenLifetimeMs?: number;
  /** Names of the secrets the migrated calls used; removed when nothing else refers to them. */
  readonly secretNames: Set<string>;
  /** True once code reads or writes `req.session.<key>`. */
  usesSessionData: boolean;
  /** The handlers and statements rewritten to use `req.session`, to mark when the app gets no session setup. */
  readonly sessionUsers: AnyNode[];
  /** The same app as `findNextCustomServerApp` of the detector returns it, for its registration checks. */
  customServerApp?: NextCustomServerApp;
  /** The plan for the session setup, made before any handler is rewritten. Undefined when the file gets no setup. */
  setupPlan?: SetupPlan;
}

/** The statement that stores a new Express app in a variable, and the statement list it sits in. */
interface AppCreation {
  readonly appName: string;
  readonly statementPath: ASTPath;
  readonly list: ASTPath & { value: Statement[] };
}

/** A finding of the `no-jwt-session` detector with the jscodeshift paths needed to rewrite it. */
interface Site {
  readonly finding: JwtSessionFinding;
  readonly call: JwtCall;
  readonly path: ASTPath;
  /** The request handler around the call, when there is one. */
  readonly handler?: ASTPath;
  readonly handlerNode?: FunctionNode;
}

export default function transform(fileInfo: FileInfo, api: API, rawOptions: JwtToSessionOptions = {}): string | undefined {
  if (!meta.mayChange(fileInfo.source, fileInfo.path)) return undefined;
  const options = resolveOptions(rawOptions);
  const file = openSourceFile(fileInfo, api);
  const sourceCode = getDetectorSourceCode(file);
  const usage = findSessionLibraryUsage(sourceCode);
  const migration: Migration = {
    file,
    j: file.j,
    options,
    sourceCode,
    isTypeScript: /\.[mc]?tsx?$/i.test(file.path),
    sessionLibrary: usesCookieSession(sourceCode, file.path) ? 'cookie-session' : 'express-session',
    cookieName: getConfiguredCookieName(usage) ?? DEFAULT_COOKIE_NAME,
    secretNames: new Set(),
    usesSessionData: false,
    sessionUsers: [],
  };

  // Every detector node is matched to a jscodeshift path before the first edit.
  const sites = collectSites(migration);
  migration.customServerApp = findNextCustomServerApp(sourceCode);
  const logoutHandlers = findLogoutHandlers(migration);
  // Setup and logout changes apply only to Express code with JWT sessions, here or elsewhere in its package.
  const usesJwt = (sites.length > 0 || dependsOnAny(file.path, JWT_SESSION_MODULES)) && getOtherFrameworkModule(sourceCode) === undefined;
  // Next.js serves a file below pages/api as an API route, so an express app there is no server to set up.
  if (usesJwt && !isNextApiRouteFile(file.path)) migration.setupPlan = planSessionSetup(migration);

  recordTokenLifetime(migration, sites);

  let changed = false;
  changed = markUnsupportedSites(migration, sites) || changed;
  changed = rewriteLogins(migration, sites.filter((site) => isSiteOf(site, 'sign'))) || changed;
  changed = rewriteVerifications(migration, sites.filter((site) => isSiteOf(site, 'verify'))) || changed;
  changed = rewriteExpressJwtGuards(migration, sites.filter((site) => isSiteOf(site, 'middleware'))) || changed;
  if (usesJwt) changed = rewriteLogoutHandlers(migration, logoutHandlers) || changed;
  if (migration.setupPlan) {
    const setup = addSessionSetup(migration, migration.setupPlan);
    changed = setup.kind === 'added' || changed;
    changed = markMissingSessionSetup(migration, setup) || changed;
  }
  if (changed) {
    changed = removeUnusedBindings(file, JWT_SESSION_MODULES) || changed;
    changed = removeUnusedSecrets(migration) || changed;
    changed = addSessionDataType(migration) || changed;
  }
  return printSourceFile(file, changed);
}

function resolveOptions(options: JwtToSessionOptions): ResolvedOptions {
  const problem = meta.checkOptions?.(options);
  if (problem !== undefined) throw new Error(problem);
  return { store: (options.store ?? 'knex') as SessionStoreKind, sessionKey: options.sessionKey ?? DEFAULT_SESSION_KEY };
}

function isSiteOf(site: Site, operation: JwtCall['operation']): boolean {
  return site.call.operation === operation;
}

// ---------------------------------------------------------------------------------------------------
// Sites

function collectSites(migration: Migration): Site[] {
  const sites: Site[] = [];
  for (const finding of findJwtSessions(migration.sourceCode, migration.file.path)) {
    const path = findPathForNode(migration.file, finding.call.node);
    if (!path) continue;
    const handlerNode = finding.handler;
    const handler = handlerNode ? findPathForNode(migration.file, handlerNode) : undefined;
    sites.push({ finding, call: finding.call, path, handler, handlerNode });
  }
  return sites;
}

/** Marks the JWT uses this codemod does not migrate. Returns true when a marker was added. */
function markUnsupportedSites(migration: Migration, sites: Site[]): boolean {
  let changed = false;
  for (const site of sites) {
    const reason = getUnsupportedReason(migration, site);
    if (reason) changed = markForManualMigration(migration.file, site.path, reason) || changed;
  }
  return changed;
}

function getUnsupportedReason(migration: Migration, site: Site): string | undefined {
  const reason = getManualMigrationReason(migration.sourceCode, site.finding, migration.file.path);
  if (reason !== undefined) return reason;
  const { library, operation } = site.call;
  const isJsonwebtokenSite = library === 'jsonwebtoken' && (operation === 'sign' || operation === 'verify');
  // The detector found a function around the site that no jscodeshift path matches.
  if (isJsonwebtokenSite && !site.handler) return 'the JWT is handled in a function the codemod cannot rewrite; move it to server-side sessions by hand';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Login: `jwt.sign(...)` whose token goes to the client

interface LoginPlan {
  readonly site: Site;
  readonly request: string;
  readonly response: string;
  readonly payload: AnyNode;
  /**
   * The statement that contains the sign call, in its statement list. Undefined when the call is in the
   * expression body of an arrow function (`expressionBody`), which gets a block body first.
   */
  readonly anchor?: ASTPath;
  /** The arrow function whose expression body contains the sign call. */
  readonly expressionBody?: ASTPath;
  /** The local name the token is stored in, or undefined when the call is written inside the response. */
  readonly tokenName?: string;
  /** Properties and statements that carry the token to the client and are removed. */
  readonly tokenCarriers: ASTPath[];
  /** Side effects of the removed key and options arguments, kept as statements before the session code. */
  readonly keptEffects: ASTPath[];
}

/** Rewrites each login that hands a signed JWT to the client. Returns true when the file changed. */
function rewriteLogins(migration: Migration, sites: Site[]): boolean {
  let changed = false;
  const plans: LoginPlan[] = [];
  for (const site of sites) {
    if (!site.handler || !site.handlerNode || getUnsupportedReason(migration, site)) continue;
    let result = planLogin(migration, site);
    if (result === undefined) continue;
    const body = typeof result === 'string' ? undefined : result.expressionBody?.node;
    if (body && plans.some((plan) => plan.expressionBody?.node === body)) {
      result = 'more than one token is signed in one arrow function body; give it a block body and rerun';
    }
    if (typeof result === 'string') {
      changed = markForManualMigration(migration.file, site.path, result) || changed;
      continue;
    }
    plans.push(result);
  }
  // Later sites first, so statement indexes of earlier sites stay valid.
  for (const plan of plans.reverse()) {
    applyLogin(migration, plan);
    migration.sessionUsers.push(plan.site.handler?.node as AnyNode);
    changed = true;
  }
  return changed;
}

/**
 * Plans the rewrite of one sign call. Returns undefined when its token never reaches the client (the
 * call is left alone), a reason string when it must be marked, or the plan.
 */
function planLogin(migration: Migration, site: Site): LoginPlan | string | undefined {
  const { j } = migration;
  const handler = site.handler as ASTPath;
  const [requestParam, responseParam] = (handler.node as AnyNode).params as AnyNode[];
  const request = getIdentifierName(requestParam);
  const response = getIdentifierName(responseParam);
  if (!request || !response) return undefined;

  // getManualMigrationReason marks a spread payload and a callback-style call before a login is planned.
  const payload = ((site.path.node as AnyNode).arguments as AnyNode[])[0] as AnyNode;
  const place = findLoginPlace(migration, site, request);
  if (place === undefined || typeof place === 'string') return place;
  const { anchor, expressionBody } = place;
  if (!hasUsableNext(handler.node as AnyNode)) {
    return 'the handler takes more than (req, res) without a plain next parameter, so session errors cannot be passed on';
  }
  const movedCodeProblem = movesCodeIntoCallback(migration, site, request, place) ? getErrorHandlingProblem(migration, site) : undefined;
  if (movedCodeProblem) return movedCodeProblem;
  const keptEffects = findRemovedSignEffects(migration, site, response);
  if (typeof keptEffects === 'string') return keptEffects;

  let tokenName: string | undefined;
  const tokenCarriers: ASTPath[] = [];
  const declarator = anchor ? getTokenDeclarator(site.path) : undefined;
  if (declarator && anchor) {
    const anchorNode = anchor.node as AnyNode;
    tokenName = getIdentifierName((declarator.node as AnyNode).id as AnyNode);
    if (!tokenName || (anchorNode.declarations as unknown[]).length !== 1) {
      return 'the token is declared together with other variables; split the declaration and rerun';
    }
    const block = anchor.parentPath as ASTPath & { value: Statement[] };
    const following = block.value.slice(block.value.indexOf(anchorNode) + 1);
    const uses = following.flatMap((statement) => findIdentifierPaths(j, statement, tokenName as string));
    for (const use of uses) {
      if (isWholeResponseBody(use, response)) {
        return 'the response body is the token itself; decide what the client receives instead, then store the payload in req.session';
      }
      const carrier = getTokenCarrier(j, use, response);
      if (!carrier) return `the token is also used by \`${describeUse(migration, use)}\`, so it may be sent to other code than the client`;
      // A shorthand property (`{ token }`) is visited as its key and as its value.
      if (!tokenCarriers.some((known) => known.node === carrier.node)) tokenCarriers.push(carrier);
    }
    if (uses.length === 0) return undefined;
  } else {
    const carrier = getTokenCarrier(j, site.path, response);
    if (!carrier) return 'the token is not stored in a variable or sent in the response, so where it goes is unknown';
    tokenCarriers.push(carrier);
  }
  return { site, request, response, payload, anchor, expressionBody, tokenName, tokenCarriers, keptEffects };
}

/**
 * Returns the side effects of the arguments after the payload, which the rewrite removes with the sign
 * call: `nextSecret()` and `issued++` in `jwt.sign(payload, nextSecret(), { jwtid: String(issued++) })`.
 * They become statements before the session code, so they run before the payload, which the session write
 * evaluates. Returns a reason to mark when that changes their order with other work: a payload with side
 * effects of its own, or work that the statement does before the sign call (other than setting up the
 * response, as `res.status(200)` does).
 */
function findRemovedSignEffects(migration: Migration, site: Site, response: string): ASTPath[] | string {
  const [payload, ...removed] = site.call.node.arguments;
  const effects = removed.flatMap((argument) => collectSideEffects(argument));
  if (effects.length === 0) return [];
  if (payload && hasSideEffects(payload)) {
    return 'both the payload and the other arguments of the sign call have side effects, which would run in another order once the payload moves into req.session; move them into statements before the sign call and rerun';
  }
  if (doesWorkBefore(site.call.node, response)) {
    return 'the key or options of the sign call have side effects, and the statement does other work before them; sign the token in a statement of its own (const token = jwt.sign(…)) and rerun';
  }
  const paths = effects.map((effect) => findPathForNode(migration.file, effect));
  if (paths.some((path) => path === undefined)) {
    return 'the key or options of the sign call have side effects that the codemod cannot move; move them into statements before the sign call and rerun';
  }
  return paths as ASTPath[];
}

/**
 * True when the statement around `call` evaluates something with side effects before it, in source order.
 * Calls on the response parameter with arguments free of side effects (`res.status(200).json`) do not
 * count.
 */
function doesWorkBefore(call: TSESTree.Node, response: string): boolean {
  let child: TSESTree.Node = call;
  for (let parent = call.parent; parent && !isStatementOrBody(child); parent = parent.parent) {
    for (const value of Object.entries(parent).filter(([key]) => key !== 'parent').map(([, value]) => value as unknown)) {
      const siblings = (Array.isArray(value) ? value : [value]).filter(isDetectorNode);
      for (const sibling of siblings) {
        if (sibling.range[1] > child.range[0]) continue;
        if (hasSideEffects(sibling) && !isResponseSetup(sibling, response)) return true;
      }
    }
    child = parent;
  }
  return false;
}

/** True for a statement, and for the expression body of an arrow function. */
function isStatementOrBody(node: TSESTree.Node): boolean {
  if (node.parent?.type === 'ArrowFunctionExpression' && node.parent.body === node) return true;
  return /Statement$|Declaration$/.test(node.type);
}

function isDetectorNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** True for a chain of member reads and calls from the response parameter (`res.status(200).json`) whose calls take arguments free of side effects. */
function isResponseSetup(node: TSESTree.Node, response: string): boolean {
  let current = node;
  for (;;) {
    if (current.type === 'CallExpression') {
      if (current.arguments.some((argument) => hasSideEffects(argument))) return false;
      current = current.callee;
    } else if (current.type === 'MemberExpression' && !current.computed) {
      current = current.object;
    } else {
      return current.type === 'Identifier' && current.name === response;
    }
  }
}

/** Node types that run some of their parts only under a condition, with the names of those parts. */
const CONDITIONAL_PARTS: Readonly<Record<string, readonly string[]>> = {
  ConditionalExpression: ['consequent', 'alternate'],
  LogicalExpression: ['right'],
  IfStatement: ['consequent', 'alternate'],
  ForStatement: ['body', 'test', 'update'],
  ForInStatement: ['body'],
  ForOfStatement: ['body'],
  WhileStatement: ['body'],
  DoWhileStatement: ['body'],
  OptionalCallExpression: ['arguments'],
};

/**
 * Finds where the session statements of a login go: the statement that contains the sign call, or the
 * expression body of the arrow function around it. Returns a reason to mark when the call runs under a
 * condition inside that statement or body, because the session would then be set whether or not the
 * token was signed. Also returns one when a callback between the handler and the call declares its own
 * request or `next`.
 */
function findLoginPlace(
  migration: Migration,
  site: Site,
  request: string,
): { anchor?: ASTPath; expressionBody?: ASTPath } | string | undefined {
  const handler = site.handler as ASTPath;
  const inner = getEnclosingFunctionPath(site.path);
  if (!inner) return undefined;

  // From the call up to its statement, or to the arrow function whose expression body contains it.
  let child: ASTPath = site.path;
  for (let current = site.path.parentPath as ASTPath | null; current && current !== inner; current = current.parentPath as ASTPath | null) {
    if (Array.isArray(current.value)) continue;
    if (isInStatementList(child)) break;
    const field = Array.isArray(child.parentPath?.value) ? child.parentPath?.name : child.name;
    if (CONDITIONAL_PARTS[(current.node as AnyNode).type]?.includes(String(field))) {
      return 'the token is signed under a condition inside one statement; give that branch a block of its own and rerun';
    }
    child = current;
  }

  // The session statements use the handler's request and next, which a callback in between may shadow.
  const shadowed = new Set([request]);
  const nextName = getIdentifierName(((handler.node as AnyNode).params as AnyNode[])[2]);
  if (nextName) shadowed.add(nextName);
  for (let current: ASTPath | undefined = inner; current && current.node !== handler.node; current = getEnclosingFunctionPath(current)) {
    const names = ((current.node as AnyNode).params as AnyNode[]).flatMap((param) => getPatternNames(param));
    if (names.some((name) => shadowed.has(name))) {
      return 'a callback around the sign call declares its own request or next parameter; migrate this login by hand';
    }
  }

  const innerNode = inner.node as AnyNode;
  if ((innerNode.body as AnyNode).type !== 'BlockStatement') {
    // The call must be in the body, not in a default parameter value.
    return containsNode(migration.j, innerNode.body as AnyNode, site.path.node) ? { expressionBody: inner } : undefined;
  }
  const anchor = getStatementOf(site.path);
  if (!anchor || getEnclosingFunctionNode(anchor) !== innerNode) return undefined;
  return { anchor };
}

/**
 * True when the rewrite moves the code after the sign call into a `req.session.regenerate` callback: with
 * express-session, outside passport's `req.login()` callback, in a function that is not async.
 */
function movesCodeIntoCallback(migration: Migration, site: Site, request: string, place: { anchor?: ASTPath; expressionBody?: ASTPath }): boolean {
  if (migration.sessionLibrary === 'cookie-session' || isInsidePassportLogin(migration.j, site.path, request)) return false;
  let enclosingFunction: AnyNode | undefined;
  if (place.expressionBody) enclosingFunction = place.expressionBody.node as AnyNode;
  else if (place.anchor) enclosingFunction = getEnclosingFunctionNode(place.anchor);
  return enclosingFunction?.async !== true;
}

/**
 * Returns a reason to mark a login whose moved code would leave the handler's own error handling. That
 * handling is a try statement with a catch or finally clause around the sign call. It is also a handler of
 * the promise that its errors reject: `.catch()`, a `.then()` with a rejection handler, an `await` in a
 * try statement, or code that the codemod does not follow. Code in the regenerate callback runs after
 * those have finished, so its errors would go to `next` instead, with the user already in the session.
 */
function getErrorHandlingProblem(migration: Migration, site: Site): string | undefined {
  const handling = findErrorHandling(migration.file, site.path, {
    boundary: (site.handler as ASTPath).node,
    mayRunSynchronously: (callback) => isJsonwebtokenCallback(migration, callback),
  });
  switch (handling?.kind) {
    case undefined:
      return undefined;
    case 'try':
      return 'the sign call is inside a try statement whose catch or finally clause would not cover the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the function async and rerun';
    case 'catch':
      return 'the sign call is in a promise callback whose chain goes on to .catch() or a rejection handler, which would not cover the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the callback async and rerun';
    case 'passed-on':
      return 'the errors of the callback around the sign call reject a promise that is awaited, returned or passed to other code, where a catch may handle them but not the errors of the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the callback async and rerun';
  }
}

/** True for the callback of a jsonwebtoken call (also under a renamed import), which jsonwebtoken may run before it returns. */
function isJsonwebtokenCallback(migration: Migration, callback: ASTPath): boolean {
  return findJwtCalls(migration.sourceCode).some(
    (call) => call.library === 'jsonwebtoken' && call.callbackNode !== undefined && findPathForNode(migration.file, call.callbackNode)?.node === callback.node,
  );
}

function applyLogin(migration: Migration, plan: LoginPlan): void {
  const { j } = migration;
  recordSecret(migration, plan.site.call);

  let anchor = plan.anchor;
  if (plan.expressionBody) {
    // `(req, res) => res.json({ token })` becomes `(req, res) => { return res.json({}); }` first.
    const arrow = plan.expressionBody.node as AnyNode;
    arrow.body = j.blockStatement([j.returnStatement(arrow.body as never)]) as never;
    anchor = plan.expressionBody.get('body', 'body', 0) as ASTPath;
  }
  if (!anchor) return;
  const list = anchor.parentPath as ASTPath & { value: Statement[] };
  for (const carrier of plan.tokenCarriers) removeCarrier(carrier, list.value);

  const anchorNode = anchor.node as Statement;
  const index = list.value.indexOf(anchorNode);
  const keepsAnchor = plan.tokenName === undefined;
  const comments = keepsAnchor ? [] : takeComments(anchorNode);

  const storePayload = buildStatements(migration, [`__REQ__.session.${migration.options.sessionKey} = __PAYLOAD__;`], {
    __REQ__: j.identifier(plan.request),
    __PAYLOAD__: plan.payload,
  });
  migration.usesSessionData = true;
  const rest = list.value.slice(index + (keepsAnchor ? 0 : 1));

  let replacement: Statement[];
  const handler = plan.site.handler as ASTPath;
  const enclosingFunction = getEnclosingFunctionNode(anchor);
  if (migration.sessionLibrary === 'cookie-session' || isInsidePassportLogin(j, plan.site.path, plan.request)) {
    // cookie-session has no regenerate, and passport's req.login has already regenerated the session.
    replacement = [...storePayload, ...rest];
  } else if (enclosingFunction?.async === true) {
    const promiseType = migration.isTypeScript ? '<void>' : '';
    // One snippet for both statements: recast joins statements parsed from different snippets on one line.
    const regenerate = buildStatements(
      migration,
      [
        `await new Promise${promiseType}((resolve, reject) => {`,
        `  __REQ__.session.regenerate((error${errorType(migration)}) => (error ? reject(error) : resolve()));`,
        '});',
        `__REQ__.session.${migration.options.sessionKey} = __PAYLOAD__;`,
      ],
      { __REQ__: j.identifier(plan.request), __PAYLOAD__: plan.payload },
    );
    replacement = [...regenerate, ...rest];
  } else {
    const next = ensureNextParameter(migration, handler);
    // The payload moves into the callback too, so it must not see the callback's error parameter.
    const errorName = getFreeLocalName(j, [...rest, plan.payload], 'err');
    const caughtName = getFreeLocalName(j, [...rest, plan.payload], 'error');
    // Express catches a synchronous throw in a handler, but not one in this callback, which the session
    // store calls after the handler has returned. The try statement passes such an error to next.
    const wrapped = buildStatements(
      migration,
      [
        `__REQ__.session.regenerate((${errorName}${errorType(migration)}) => {`,
        `  if (${errorName}) {`,
        `    return __NEXT__(${errorName});`,
        '  }',
        '  try {',
        `  } catch (${caughtName}) {`,
        `    __NEXT__(${caughtName});`,
        '  }',
        '});',
      ],
      { __REQ__: j.identifier(plan.request), __NEXT__: j.identifier(next) },
    );
    getTryBody(wrapped[0] as Statement).push(...storePayload, ...rest);
    if (rest.some((statement) => containsReturn(j, statement))) {
      wrapped[0] = j.returnStatement((wrapped[0] as AnyNode).expression as never) as unknown as Statement;
    }
    replacement = wrapped;
  }
  // The work of the removed key and options runs before the session code. A plan keeps such work only
  // when the payload has no side effects, so moving it ahead of the payload changes nothing.
  const effects = plan.keptEffects.map((effect) => j.expressionStatement(toStatementExpression(effect)) as unknown as Statement);
  replacement = [...effects, ...replacement];
  if (replacement[0]) getAttachedComments(replacement[0]).unshift(...comments);
  replaceStatementList(migration, list, [...list.value.slice(0, index), ...replacement]);
}

/** Returns the `const token = jwt.sign(...)` declarator around the call (through `await` and type casts). */
function getTokenDeclarator(path: ASTPath): ASTPath | undefined {
  let current: ASTPath = path;
  while (current.parentPath && ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes((current.parentPath.node as AnyNode).type)) {
    current = current.parentPath as ASTPath;
  }
  const parent = current.parentPath as ASTPath | null;
  if (parent && (parent.node as AnyNode).type === 'VariableDeclarator' && (parent.node as AnyNode).init === current.node) return parent;
  return undefined;
}

/**
 * Returns what carries the token at `use` to the client, which the rewrite removes: a property of an
 * object sent by a response method (`res.json({ token })`), or a statement that sets it as a cookie or
 * header (`res.cookie('token', token)`). Returns undefined for any other use.
 */
function getTokenCarrier(j: JSCodeshift, use: ASTPath, response: string): ASTPath | undefined {
  let property: ASTPath | undefined;
  for (let current: ASTPath | null = use.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    // Paths of arrays (`arguments`, `properties`) stand between a node and its parent node.
    if (Array.isArray(current.value)) continue;
    const node = current.node as AnyNode;
    if (isFunctionLike(node)) return undefined;
    if ((node.type === 'ObjectProperty' || node.type === 'Property') && !property) {
      property = current;
      continue;
    }
    if (node.type === 'CallExpression') {
      const method = getResponseMethod(node, response);
      if (method && ['json', 'send', 'jsonp', 'render'].includes(method) && property) return property;
      if (method && ['cookie', 'set', 'header', 'setHeader', 'append'].includes(method)) {
        const statement = current.parentPath as ASTPath;
        return (statement.node as AnyNode).type === 'ExpressionStatement' ? statement : undefined;
      }
      return undefined;
    }
    if (node.type === 'ExpressionStatement' || node.type === 'VariableDeclaration' || node.type === 'ReturnStatement') return undefined;
    if (!['ObjectExpression', 'TemplateLiteral', 'BinaryExpression', 'ArrayExpression', 'TSAsExpression'].includes(node.type) && !property) {
      return undefined;
    }
  }
  return undefined;
}

/** Returns the method of a response call rooted at `response` (`res.status(200).json(...)` gives `json`). */
function getResponseMethod(call: AnyNode, response: string): string | undefined {
  const callee = call.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  let object = callee.object as AnyNode;
  while (object.type === 'CallExpression' && (object.callee as AnyNode).type === 'MemberExpression') {
    object = (object.callee as AnyNode).object as AnyNode;
  }
  if (object.type !== 'Identifier' || object.name !== response) return undefined;
  return getIdentifierName(callee.property as AnyNode);
}

/**
 * Removes a property or statement that carries the token. A statement carrier was found from a detached
 * root path, so it is removed from the statement list that contains it.
 */
function removeCarrier(carrier: ASTPath, statements: Statement[]): void {
  if (carrier.parentPath) {
    // Pruning may remove the whole statement (a declaration left without declarators, for example).
    const item = getStatementPath(carrier);
    if (item) protectStatementStart((item.parentPath as ASTPath & { value: Statement[] }).value[Number(item.name) + 1]);
    carrier.prune();
    return;
  }
  const index = statements.indexOf(carrier.node as Statement);
  if (index < 0) return;
  statements.splice(index, 1);
  protectStatementStart(statements[index]);
}

/** True when `use` is the whole argument of a response call, as in `res.json(token)`. */
function isWholeResponseBody(use: ASTPath, response: string): boolean {
  let current = use.parentPath as ASTPath | null;
  if (current && Array.isArray(current.value)) current = current.parentPath as ASTPath | null;
  const node = current?.node as AnyNode | undefined;
  if (node?.type !== 'CallExpression' || !(node.arguments as AnyNode[]).includes(use.node as AnyNode)) return false;
  return ['json', 'send', 'jsonp', 'end', 'write'].includes(getResponseMethod(node, response) ?? '');
}

/** Returns the text of the statement around `use`, shortened, for a marker reason. */
function describeUse(migration: Migration, use: ASTPath): string {
  // The uses were found from detached statement roots, so the statement is the topmost path.
  let statement = use;
  while (statement.parentPath) statement = statement.parentPath as ASTPath;
  const node = statement.node as { start?: number; end?: number };
  const text = migration.file.parsedText.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** True when `path` sits in the callback of `req.login(...)`/`req.logIn(...)` on the handler's request. */
function isInsidePassportLogin(j: JSCodeshift, path: ASTPath, request: string): boolean {
  for (let current = path.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    const node = current.node as AnyNode;
    if (!isFunctionLike(node)) continue;
    const call = current.parentPath?.node as AnyNode | undefined;
    if (call?.type !== 'CallExpression') continue;
    const callee = call.callee as AnyNode;
    const isLogin =
      callee.type === 'MemberExpression' &&
      getIdentifierName(callee.object as AnyNode) === request &&
      ['login', 'logIn'].includes(getIdentifierName(callee.property as AnyNode) ?? '');
    if (!isLogin) continue;
    // With `{ session: false }` passport does not touch the session, so the codemod must regenerate it.
    const optionsArgument = (call.arguments as AnyNode[]).find((argument) => argument.type === 'ObjectExpression');
    return !optionsArgument || !hasFalseProperty(j, optionsArgument, 'session');
  }
  return false;
}

function hasFalseProperty(_j: JSCodeshift, object: AnyNode, name: string): boolean {
  return ((object.properties as AnyNode[]) ?? []).some(
    (property) => getPropertyName(property) === name && ((property.value as AnyNode)?.value === false),
  );
}

// ---------------------------------------------------------------------------------------------------
// Verification: a token read from the request and verified

interface VerificationPlan {
  readonly site: Site;
  readonly request: string;
  readonly body: ASTPath & { value: Statement[] };
  readonly newBody: Statement[];
}

/** Rewrites each verification of a token read from the request into a session check. */
function rewriteVerifications(migration: Migration, sites: Site[]): boolean {
  let changed = false;
  const plans: VerificationPlan[] = [];
  for (const site of sites) {
    if (!site.handler || !site.handlerNode || getUnsupportedReason(migration, site)) continue;
    const result = planVerification(migration, site);
    if (typeof result === 'string') {
      changed = markForManualMigration(migration.file, site.path, result) || changed;
      continue;
    }
    plans.push(result);
  }
  for (const plan of plans.reverse()) {
    replaceStatementList(migration, plan.body, plan.newBody);
    recordSecret(migration, plan.site.call);
    migration.usesSessionData = true;
    migration.sessionUsers.push(plan.site.handler?.node as AnyNode);
    changed = true;
  }
  return changed;
}

/** The statements that respond to a request without a valid token: the missing-token guard or the failed verification. */
interface RejectionBranch {
  readonly statements: Statement[];
}

function planVerification(migration: Migration, site: Site): VerificationPlan | string {
  const { j } = migration;
  const handler = site.handler as ASTPath;
  const handlerNode = handler.node as AnyNode;
  const request = getIdentifierName((handlerNode.params as AnyNode[])[0]);
  if (!request) return 'the request parameter is destructured, so the session check cannot be written';
  if ((handlerNode.body as AnyNode).type !== 'BlockStatement') {
    return 'the handler body is a single expression; give it a block body and rerun';
  }
  const body = handler.get('body', 'body') as ASTPath & { value: Statement[] };
  const statements = body.value;
  const topIndex = statements.findIndex((statement) => containsNode(j, statement, site.path.node));
  const top = statements[topIndex];
  if (!top) return 'the verification is not inside the request handler body';

  const callNode = site.path.node as AnyNode;
  const args = callNode.arguments as AnyNode[];
  const tokenDependencies = getTokenDependencies(j, statements.slice(0, topIndex), args[0] as AnyNode);
  const sessionRead = (): AnyNode => buildExpression(migration, [`__REQ__.session.${migration.options.sessionKey}`], { __REQ__: j.identifier(request) });

  const kept: Statement[] = [];
  const dropped: Statement[] = [];
  let guard: RejectionBranch | undefined;
  for (const statement of statements.slice(0, topIndex)) {
    const references = tokenDependencies.size > 0 && referencesAny(j, statement, tokenDependencies);
    if (!references) {
      kept.push(statement);
    } else if (statement.type === 'VariableDeclaration' && declaresOnly(statement, tokenDependencies)) {
      dropped.push(statement);
    } else if (statement.type === 'IfStatement' && !statement.alternate && !referencesAny(j, statement.consequent as AnyNode, tokenDependencies)) {
      guard = { statements: getBlockStatements(statement.consequent as AnyNode) };
      dropped.push(statement);
    } else {
      return 'the token read from the request is also used for other decisions, so the session check cannot be written';
    }
  }

  let success: Statement[];
  let failure: RejectionBranch | undefined;
  const callback = args.find((argument, index) => index >= 2 && isFunctionLike(argument));
  if (callback) {
    const parsed = splitVerifyCallback(migration, callback, sessionRead);
    if (typeof parsed === 'string') return parsed;
    if (top !== getStatementOf(site.path)?.node || (top.type !== 'ExpressionStatement' && top.type !== 'ReturnStatement')) {
      return 'the callback-style verification is nested in other code';
    }
    success = parsed.success;
    failure = parsed.failure;
  } else if (top.type === 'TryStatement') {
    if (top.finalizer) return 'the verification has a finally block';
    const tryStatements = (top.block as AnyNode).body as Statement[];
    if (!tryStatements.some((statement) => containsNode(j, statement, callNode))) return 'the verification is nested in other code inside try';
    success = tryStatements;
    const handlerClause = top.handler as AnyNode | null;
    if (handlerClause) {
      const parameter = getIdentifierName(handlerClause.param as AnyNode);
      const catchBody = (handlerClause.body as AnyNode).body as Statement[];
      if (!parameter || !catchBody.some((statement) => findIdentifierPaths(j, statement, parameter).length > 0)) {
        failure = { statements: catchBody };
      }
    }
  } else {
    if (getStatementOf(site.path)?.node !== top) return 'the verification is nested in other code';
    success = [top];
  }

  const rejection = guard ?? failure;
  if (!rejection || rejection.statements.length === 0) {
    return 'no response for a request without a valid token was found, so the session check cannot be written';
  }
  // The call is replaced only after the last check that can mark the site, so a marked site keeps its code and is reported at the call's position.
  if (!callback) site.path.replace(sessionRead());
  const check = buildStatements(migration, ['if (!__SESSION__) {}'], { __SESSION__: sessionRead() })[0] as AnyNode;
  ((check.consequent as AnyNode).body as Statement[]).push(...endWithReturn(j, rejection.statements));
  getAttachedComments(check).unshift(...dropped.flatMap((statement) => takeComments(statement)), ...takeComments(top));
  const after = statements.slice(topIndex + 1);
  return { site, request, body, newBody: [...kept, check, ...success, ...after] };
}

/**
 * Splits the callback of `jwt.verify(token, secret, (err, decoded) => ...)` into its failure branch
 * (`if (err) ...` at its start) and the rest, which reads the session in place of `decoded`.
 */
function splitVerifyCallback(
  migration: Migration,
  callback: AnyNode,
  sessionRead: () => AnyNode,
): { success: Statement[]; failure?: RejectionBranch } | string {
  const { j } = migration;
  const params = callback.params as AnyNode[];
  const errorName = getIdentifierName(params[0]);
  const decodedName = params[1] ? getIdentifierName(params[1]) : undefined;
  if (params[1] && !decodedName) return 'the decoded token is destructured in the verify callback';
  const bodyNode = callback.body as AnyNode;
  if (bodyNode.type !== 'BlockStatement') return 'the verify callback has an expression body';
  const statements = [...(bodyNode.body as Statement[])];
  let failure: RejectionBranch | undefined;
  const first = statements[0];
  if (first?.type === 'IfStatement' && !first.alternate && errorName && isErrorTest(first.test as AnyNode, errorName)) {
    const branch = getBlockStatements(first.consequent as AnyNode);
    if (!branch.some((statement) => findIdentifierPaths(j, statement, errorName).length > 0)) failure = { statements: branch };
    statements.shift();
  } else if (errorName && statements.some((statement) => findIdentifierPaths(j, statement, errorName).length > 0)) {
    return 'the verify callback handles its error in a way the codemod does not follow';
  }
  if (decodedName && statements.some((statement) => findIdentifierPaths(j, statement, decodedName).length > 0)) {
    const declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(decodedName), sessionRead() as never)]);
    statements.unshift(declaration as unknown as Statement);
  }
  return { success: statements, failure };
}

function isErrorTest(test: AnyNode, errorName: string): boolean {
  return test.type === 'Identifier' && test.name === errorName;
}

/** Returns the names declared before the verification that the token expression depends on, transitively. */
function getTokenDependencies(j: JSCodeshift, before: Statement[], tokenExpression: AnyNode): Set<string> {
  const names = new Set<string>();
  const pending = collectIdentifierNames(j, tokenExpression);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (names.has(name)) continue;
    for (const statement of before) {
      if (statement.type !== 'VariableDeclaration') continue;
      for (const declarator of statement.declarations as AnyNode[]) {
        if (!getPatternNames(declarator.id as AnyNode).includes(name)) continue;
        names.add(name);
        if (declarator.init) pending.push(...collectIdentifierNames(j, declarator.init as AnyNode));
      }
    }
  }
  return names;
}

function declaresOnly(statement: AnyNode, names: Set<string>): boolean {
  return (statement.declarations as AnyNode[]).every((declarator) => getPatternNames(declarator.id as AnyNode).every((name) => names.has(name)));
}

/** Makes sure a rejection branch ends the handler: its last statement returns, throws or is followed by `return;`. */
function endWithReturn(j: JSCodeshift, statements: Statement[]): Statement[] {
  const result = [...statements];
  const last = result[result.length - 1];
  if (!last || last.type === 'ReturnStatement' || last.type === 'ThrowStatement') return result;
  if (last.type === 'ExpressionStatement') {
    const returned = j.returnStatement(last.expression as never) as unknown as Statement;
    (returned as { comments?: unknown }).comments = (last as { comments?: unknown }).comments;
    result[result.length - 1] = returned;
    return result;
  }
  result.push(j.returnStatement(null) as unknown as Statement);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// express-jwt middleware

/** Replaces each `expressjwt(options)` (with its `.unless(...)`) by a session guard. */
function rewriteExpressJwtGuards(migration: Migration, sites: Site[]): boolean {
  let changed = false;
  for (const site of [...sites].reverse()) {
    if (site.call.library !== 'express-jwt') continue;
    // markUnsupportedSites has marked the guards that getManualMigrationReason rejects.
    if (getManualMigrationReason(migration.sourceCode, site.finding, migration.file.path) !== undefined) continue;
    const result = buildGuard(migration, site);
    if (typeof result === 'string') {
      changed = markForManualMigration(migration.file, site.path, result) || changed;
      continue;
    }
    const statement = getStatementOf(result.target);
    if (statement) migration.sessionUsers.push(statement.node as AnyNode);
    result.target.replace(result.guard);
    recordSecret(migration, site.call);
    migration.usesSessionData = true;
    changed = true;
  }
  return changed;
}

function buildGuard(migration: Migration, site: Site): { target: ASTPath; guard: AnyNode } | string {
  const { j } = migration;
  const callNode = site.path.node as AnyNode;
  const options = (callNode.arguments as AnyNode[])[0];
  if (!options || options.type !== 'ObjectExpression') return 'the express-jwt options are not an object literal';
  // express-jwt 7 and later put the payload on `req.auth`, earlier versions on `req.user`.
  let requestProperty = site.call.method === 'expressjwt' ? 'auth' : 'user';
  let credentialsRequired = true;
  for (const property of options.properties as AnyNode[]) {
    const name = getPropertyName(property);
    const value = property.value as AnyNode | undefined;
    if (name === 'requestProperty' || name === 'userProperty') {
      const text = getStaticString(value);
      if (text === undefined || !/^[A-Za-z_$][\w$]*$/.test(text)) return `the express-jwt option ${name} is not a plain property name`;
      requestProperty = text;
    } else if (name === 'credentialsRequired') {
      if (value?.type !== 'BooleanLiteral' && value?.type !== 'Literal') return 'credentialsRequired is not a literal';
      credentialsRequired = value.value !== false;
    } else if (name === 'getToken' || name === 'isRevoked' || name === 'onExpired') {
      return `the express-jwt option ${name} has custom logic to move into the session guard by hand`;
    }
  }

  let target = site.path;
  let exemption: string | undefined;
  const parent = site.path.parentPath as ASTPath;
  const parentNode = parent.node as AnyNode;
  if (parentNode.type === 'MemberExpression' && parentNode.object === callNode) {
    if (getIdentifierName(parentNode.property as AnyNode) !== 'unless') return 'a method other than unless is called on the express-jwt middleware';
    const unlessCall = parent.parentPath as ASTPath;
    const unlessArguments = (unlessCall.node as AnyNode).arguments as AnyNode[];
    const condition = buildUnlessCondition(migration, unlessArguments[0]);
    if (typeof condition === 'string') return condition;
    exemption = condition.condition;
    target = unlessCall;
  } else if (isNameReferencedAsUnless(j, site)) {
    return 'unless() is called on the express-jwt middleware later; keep its paths in the session guard by hand';
  }

  const key = migration.options.sessionKey;
  const lines: string[] = ['(req, res, next) => {'];
  if (exemption) lines.push(`  if (${exemption}) {`, '    return next();', '  }');
  if (credentialsRequired) {
    // The error looks like express-jwt's, so an error handler written for express-jwt still responds with 401.
    lines.push(
      `  if (!req.session.${key}) {`,
      '    return next(Object.assign(new Error("Login required: the request has no session."), { name: "UnauthorizedError", status: 401 }));',
      '  }',
      `  req.${requestProperty} = req.session.${key};`,
    );
  } else {
    lines.push(`  if (req.session.${key}) {`, `    req.${requestProperty} = req.session.${key};`, '  }');
  }
  lines.push('  next();', '}');
  const guard = buildExpression(migration, lines, {});
  return { target, guard };
}

/** Returns true when the middleware is stored in a variable, which `unless()` might be called on later. */
function isNameReferencedAsUnless(j: JSCodeshift, site: Site): boolean {
  const declarator = getTokenDeclarator(site.path);
  const name = declarator ? getIdentifierName((declarator.node as AnyNode).id as AnyNode) : undefined;
  if (!name) return false;
  const program = getProgram(site.path);
  return j(program as never)
    .find(j.MemberExpression, { object: { type: 'Identifier', name }, property: { name: 'unless' } })
    .size() > 0;
}

/** Builds the JavaScript condition for `unless({ path, method })`, or returns a reason to mark. */
function buildUnlessCondition(migration: Migration, options: AnyNode | undefined): { condition: string } | string {
  if (!options || options.type !== 'ObjectExpression') return 'the unless() options are not an object literal';
  const conditions: string[] = [];
  const text = (node: AnyNode): string => printNode(migration, node);
  for (const property of options.properties as AnyNode[]) {
    const name = getPropertyName(property);
    const value = property.value as AnyNode;
    if (name === 'path') {
      const items = value.type === 'ArrayExpression' ? (value.elements as AnyNode[]) : [value];
      const strings = items.filter((item) => getStaticString(item) !== undefined);
      const patterns = items.filter((item) => item.type === 'RegExpLiteral' || (item.type === 'Literal' && item.regex));
      if (strings.length + patterns.length !== items.length) return 'the unless() paths are not string or regular expression literals';
      // express-unless compares the path of `req.originalUrl`, without the query string.
      if (strings.length > 0) conditions.push(`[${strings.map(text).join(', ')}].includes(req.originalUrl.split("?")[0])`);
      if (patterns.length > 0) conditions.push(`[${patterns.map(text).join(', ')}].some((pattern) => pattern.test(req.originalUrl.split("?")[0]))`);
    } else if (name === 'method') {
      const items = value.type === 'ArrayExpression' ? (value.elements as AnyNode[]) : [value];
      if (!items.every((item) => getStaticString(item) !== undefined)) return 'the unless() methods are not string literals';
      conditions.push(`[${items.map(text).join(', ')}].includes(req.method)`);
    } else {
      return `the unless() option ${name ?? '(computed)'} is not migrated; keep it in the session guard by hand`;
    }
  }
  if (conditions.length === 0) return 'unless() has no path or method';
  return { condition: conditions.join(' || ') };
}

// ---------------------------------------------------------------------------------------------------
// Logout

const NEXT_LOGOUT_REASON =
  'Next.js API routes and route handlers have no express-session, so the codemod does not rewrite this logout; end the server-side session here by hand once the login uses one';
const NEXT_HELPER_LOGOUT_REASON =
  'the project depends on next and express, and this file does not load express, so Next.js API routes may call this logout, and those have no req.session; end the server-side session here by hand once the login uses one';
const LOGOUT_NAME = /^(log|sign)[-_]?out$/i;
const LOGOUT_ROUTE = /(^|\/)(log|sign)[-_]?out(\/|$)/i;

/** A logout handler: its jscodeshift path and the same function in the detectors' tree, when it is found there. */
interface LogoutHandler {
  readonly path: ASTPath;
  readonly node?: FunctionNode;
}

/** Finds the logout handlers of the file: registered for a logout path, or functions named `logout`/`signout`. */
function findLogoutHandlers(migration: Migration): LogoutHandler[] {
  const { j, file } = migration;
  const nodes = new Set<ASTNode>();
  const handlers: LogoutHandler[] = [];
  const add = (path: ASTPath | undefined): void => {
    if (!path || nodes.has(path.node)) return;
    const params = (path.node as AnyNode).params as AnyNode[];
    if (params.length < 2 || !getIdentifierName(params[0]) || !getIdentifierName(params[1])) return;
    nodes.add(path.node);
    const node = findDetectorFunction(migration, path);
    handlers.push(node ? { path, node } : { path });
  };

  file.root.find(j.CallExpression).forEach((call) => {
    const node = call.node as AnyNode;
    const callee = node.callee as AnyNode;
    const method = callee.type === 'MemberExpression' ? getIdentifierName(callee.property as AnyNode) : undefined;
    if (!method || !['get', 'post', 'delete', 'all', 'put'].includes(method)) return;
    const args = node.arguments as AnyNode[];
    const route = getStaticString(args[0]);
    if (route === undefined || !LOGOUT_ROUTE.test(route)) return;
    const last = call.get('arguments', args.length - 1) as ASTPath;
    if (isFunctionLike(last.node as AnyNode)) add(last);
    else if ((last.node as AnyNode).type === 'Identifier') add(findFunctionByName(migration, String((last.node as AnyNode).name)));
  });

  file.root.find(j.Function).forEach((path) => {
    const name = getFunctionName(path as unknown as ASTPath);
    if (name && LOGOUT_NAME.test(name)) add(path as unknown as ASTPath);
  });
  return handlers;
}

/**
 * Returns the function of the detectors' tree that ends where the function at `path` ends, the outermost
 * one if several do. The starts may differ, because babel's class and object methods start at their key
 * and the function inside typescript-estree's method starts at its parameters. Call it before the first edit.
 */
function findDetectorFunction(migration: Migration, path: ASTPath): FunctionNode | undefined {
  const { start, end } = path.node as AnyNode;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  const originalStart = toOriginalOffset(migration.file, start);
  const originalEnd = toOriginalOffset(migration.file, end);
  let found: FunctionNode | undefined;
  forEachNode(migration.sourceCode.ast, migration.sourceCode.visitorKeys, (node) => {
    if (!isFunctionNode(node) || node.range[1] !== originalEnd || node.range[0] < originalStart) return;
    if (!found || node.range[0] < found.range[0]) found = node;
  });
  return found;
}

function findFunctionByName(migration: Migration, name: string): ASTPath | undefined {
  const { j, file } = migration;
  return file.root
    .find(j.Function)
    .filter((path) => getFunctionName(path as unknown as ASTPath) === name)
    .paths()[0] as ASTPath | undefined;
}

/** Returns the name a function is declared or assigned under (`function logout`, `exports.logout = ...`, `logout: ...`). */
function getFunctionName(path: ASTPath): string | undefined {
  const node = path.node as AnyNode;
  if (node.id) return getIdentifierName(node.id as AnyNode);
  const parent = path.parentPath?.node as AnyNode | undefined;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator') return getIdentifierName(parent.id as AnyNode);
  if (parent.type === 'AssignmentExpression') {
    const left = parent.left as AnyNode;
    return left.type === 'MemberExpression' ? getIdentifierName(left.property as AnyNode) : getIdentifierName(left);
  }
  if (parent.type === 'ObjectProperty' || parent.type === 'Property') return getPropertyName(parent);
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod') return getPropertyName(node);
  return undefined;
}

/**
 * Makes each Express logout handler end the session: `req.session.destroy` and the cookie cleared, or
 * `req.session = null`. Handlers of other frameworks stay as they are, and those that may belong to
 * another framework are marked. So are the handlers of Next.js code, whose `(req, res)` has neither
 * `req.session` nor `res.clearCookie`.
 */
function rewriteLogoutHandlers(migration: Migration, handlers: LogoutHandler[]): boolean {
  const { j } = migration;
  const nextReason = getNextLogoutReason(migration);
  let changed = false;
  for (const { path: handler, node: detectorNode } of handlers) {
    const node = handler.node as AnyNode;
    const request = getIdentifierName((node.params as AnyNode[])[0]) as string;
    const response = getIdentifierName((node.params as AnyNode[])[1]) as string;
    if (endsSessionAlready(j, node, request)) continue;
    // This is the login's test, except that class methods pass. At login that rule stops Nest's methods,
    // and a file that loads Nest gets no logout changes anyway.
    if (detectorNode && !hasExpressParameters(detectorNode)) continue;
    const framework = detectorNode ? getHandlerFramework(migration.sourceCode, detectorNode) : undefined;
    if (framework?.kind === 'other') continue;
    if (framework?.kind === 'mixed') {
      changed = markForManualMigration(migration.file, handler, describeFrameworkProblem(framework) as string) || changed;
      continue;
    }
    if (nextReason !== undefined) {
      changed = markForManualMigration(migration.file, handler, nextReason) || changed;
      continue;
    }
    const missingSetup = getMissingSetupReason(migration.sourceCode, migration.file.path, 'logout');
    if (missingSetup !== undefined) {
      changed = markForManualMigration(migration.file, handler, missingSetup) || changed;
      continue;
    }
    const app = migration.customServerApp;
    if (app && (!detectorNode || !isRegisteredAfterCreation(migration.sourceCode, app, detectorNode))) {
      changed = markForManualMigration(migration.file, handler, describeUnregisteredHandler(app, 'logout')) || changed;
      continue;
    }
    if (containsJwtCall(migration, node)) {
      changed = markForManualMigration(migration.file, handler, 'the logout handler works with the JWT itself (a deny list, for example); end the session there by hand') || changed;
      continue;
    }
    if (!hasUsableNext(node)) {
      changed = markForManualMigration(migration.file, handler, 'the logout handler has no plain next parameter, so session errors cannot be passed on') || changed;
      continue;
    }
    if ((node.body as AnyNode).type !== 'BlockStatement') {
      node.body = j.blockStatement([j.returnStatement(node.body as never)]) as never;
    }
    const original = [...((node.body as AnyNode).body as Statement[])];
    const cookieName = JSON.stringify(migration.cookieName);
    const statements: Statement[] = [];
    if (migration.sessionLibrary === 'cookie-session') {
      statements.push(...buildStatements(migration, ['__REQ__.session = null;'], { __REQ__: j.identifier(request) }), ...original);
    } else if (node.async === true) {
      const promiseType = migration.isTypeScript ? '<void>' : '';
      statements.push(
        ...buildStatements(
          migration,
          [
            `await new Promise${promiseType}((resolve, reject) => {`,
            `  __REQ__.session.destroy((error${errorType(migration)}) => (error ? reject(error) : resolve()));`,
            '});',
            `__RES__.clearCookie(${cookieName});`,
          ],
          { __REQ__: j.identifier(request), __RES__: j.identifier(response) },
        ),
        ...original,
      );
    } else {
      const next = ensureNextParameter(migration, handler);
      const errorName = getFreeLocalName(j, original, 'err');
      const caughtName = getFreeLocalName(j, original, 'error');
      const destroy = buildStatements(
        migration,
        [
          `__REQ__.session.destroy((${errorName}${errorType(migration)}) => {`,
          `  if (${errorName}) {`,
          `    return __NEXT__(${errorName});`,
          '  }',
          `  __RES__.clearCookie(${cookieName});`,
          '  try {',
          `  } catch (${caughtName}) {`,
          `    __NEXT__(${caughtName});`,
          '  }',
          '});',
        ],
        { __REQ__: j.identifier(request), __RES__: j.identifier(response), __NEXT__: j.identifier(next) },
      );
      getTryBody(destroy[0] as Statement).push(...original);
      statements.push(...destroy);
    }
    replaceStatementList(migration, handler.get('body', 'body') as ASTPath & { value: Statement[] }, statements);
    if (migration.sessionLibrary === 'express-session') migration.sessionUsers.push(node);
    changed = true;
  }
  return changed;
}

/** Returns the reason to mark the logout handlers of a file that Next.js may run, or undefined for Express code. */
function getNextLogoutReason(migration: Migration): string | undefined {
  if (!isNextCode(migration.sourceCode, migration.file.path)) return undefined;
  return getNextPagesFile(migration.sourceCode, migration.file.path) === 'maybe-api-helper' ? NEXT_HELPER_LOGOUT_REASON : NEXT_LOGOUT_REASON;
}

function endsSessionAlready(j: JSCodeshift, node: AnyNode, request: string): boolean {
  let ends = false;
  j(node as never)
    .find(j.MemberExpression)
    .forEach((path) => {
      const member = path.node as AnyNode;
      const property = getIdentifierName(member.property as AnyNode);
      const object = member.object as AnyNode;
      if (property === 'destroy' && object.type === 'MemberExpression' && getIdentifierName(object.property as AnyNode) === 'session') ends = true;
      if ((property === 'logout' || property === 'logOut') && getIdentifierName(object) === request) ends = true;
    });
  j(node as never)
    .find(j.AssignmentExpression)
    .forEach((path) => {
      const left = (path.node as AnyNode).left as AnyNode;
      if (left.type === 'MemberExpression' && getIdentifierName(left.property as AnyNode) === 'session') ends = true;
    });
  return ends;
}

function containsJwtCall(migration: Migration, node: AnyNode): boolean {
  const start = node.start as number;
  const end = node.end as number;
  return findJwtCalls(migration.sourceCode).some((call) => {
    const path = findPathForNode(migration.file, call.node);
    const callNode = path?.node as AnyNode | undefined;
    return callNode !== undefined && (callNode.start as number) >= start && (callNode.end as number) <= end;
  });
}

// ---------------------------------------------------------------------------------------------------
// Session setup where the app is created

/**
 * The outcome of `addSessionSetup`: it added a setup, found signs of one, or found no Express app.
 * Otherwise it names the site to mark. For `not-added` and `cookie-session-missing` that is the
 * `express()` call of an app that got no setup. The other sites are a `.use()` call that may set up
 * sessions (`use`) and a passport session call in a package without a session library (`call`). They are
 * also a call that passes the app to a module of the project (`handover`) and a load of a session library
 * that the codemod cannot follow (`load`).
 */
type SetupResult =
  | { kind: 'added' | 'present' | 'no-app' }
  | { kind: 'not-added'; creation: ASTPath; reason: string }
  | { kind: 'uncertain'; use: ASTPath; mounted: string }
  | { kind: 'unconfirmed'; call: ASTPath; code: string }
  | { kind: 'handed-over'; handover: ASTPath; code: string }
  | { kind: 'loaded'; load: ASTPath; library: string }
  | { kind: 'cookie-session-missing'; creation: ASTPath };

/**
 * The plan of `planSessionSetup`: the statement to add the setup after, or the outcome when there is none.
 * It is made before the handlers are rewritten, so that they stay unchanged when their app gets no setup.
 */
type SetupPlan = { kind: 'ready'; app: AppCreation } | Exclude<SetupResult, { kind: 'added' }>;

/**
 * Returns the plan of `planSessionSetup` in src/detectors/session-setup.ts, with the jscodeshift paths
 * of the nodes it names. A site to mark that no path matches exactly is marked on the innermost path
 * around it.
 */
function planSessionSetup(migration: Migration): SetupPlan {
  const plan = planAppSessionSetup(migration.sourceCode, migration.file.path);
  const toPath = (node: TSESTree.Node): ASTPath => findPathForNode(migration.file, node) ?? findInnermostPathContaining(migration.file, node.range);
  switch (plan.kind) {
    case 'present':
    case 'no-app':
      return plan;
    case 'ready': {
      const statementPath = findPathForNode(migration.file, plan.statement);
      // The statement is a declaration or an expression statement, which the parsers of both trees keep.
      if (!statementPath) throw new Error(`jwt-to-session found no jscodeshift path for the ${plan.statement.type} at offset ${plan.statement.range[0]} of ${migration.file.path}`);
      const list = statementPath.parentPath as ASTPath & { value: Statement[] };
      return { kind: 'ready', app: { appName: plan.appName, statementPath, list } };
    }
    case 'not-added':
      return { kind: 'not-added', creation: toPath(plan.creation), reason: plan.reason };
    case 'cookie-session-missing':
      return { kind: 'cookie-session-missing', creation: toPath(plan.creation) };
    case 'uncertain':
      return { kind: 'uncertain', use: toPath(plan.use), mounted: plan.mounted };
    case 'unconfirmed':
      return { kind: 'unconfirmed', call: toPath(plan.call), code: plan.code };
    case 'handed-over':
      return { kind: 'handed-over', handover: toPath(plan.handover), code: plan.code };
    case 'loaded':
      return { kind: 'loaded', load: toPath(plan.load), library: plan.library };
  }
}

/** Adds the session middleware that `plan` places, and passes any other plan on as the result. */
function addSessionSetup(migration: Migration, plan: SetupPlan): SetupResult {
  if (plan.kind !== 'ready') return plan;
  const { j, file } = migration;
  const { appName, statementPath, list } = plan.app;

  // Unused express-session bindings go first, because ensureImport would reuse one even after the app's
  // creation or inside a function, where the setup cannot reach it.
  removeUnusedBindings(file, ['express-session']);
  // In CommonJS the new require() calls go above the app's creation, since the setup follows it.
  const appStatement = statementPath.node as Statement;
  const session = ensureImport(file, { module: 'express-session', imported: 'default', local: 'session', before: appStatement }).local;
  const storeLines = buildStoreSetup(migration, appName, appStatement);
  const maxAge = formatDuration(migration.tokenLifetimeMs ?? DEFAULT_MAX_AGE_MS);
  const code = [
    'const sessionSecret = process.env.SESSION_SECRET;',
    'if (!sessionSecret) {',
    '  throw new Error("SESSION_SECRET is not set. Set it to a long random string (for example the output of `openssl rand -hex 32`) before starting the server.");',
    '}',
    ...storeLines,
    `// Behind a proxy that terminates TLS, also call ${appName}.set("trust proxy", 1): without it express-session does not send the Secure cookie in production.`,
    `${appName}.use(`,
    '  __SESSION__({',
    '    secret: sessionSecret,',
    ...(storeLines.length > 1 ? ['    store: sessionStore,'] : []),
    '    resave: false,',
    '    saveUninitialized: false,',
    '    cookie: {',
    '      httpOnly: true,',
    '      secure: process.env.NODE_ENV === "production",',
    '      sameSite: "lax",',
    `      maxAge: ${maxAge},`,
    '    },',
    '  }),',
    ');',
  ];
  const statements = buildStatements(migration, code, { __SESSION__: j.identifier(session) });
  const index = list.value.indexOf(appStatement);
  list.value.splice(index + 1, 0, ...statements);
  return { kind: 'added' };
}

/**
 * The local names of the express function: `names` are bound to the module itself (`import express`,
 * `const express = require("express")`), and `interopNames` to the wrapper that compiled CommonJS code
 * reads it from as `.default` (`const express_1 = __importDefault(require("express"))`).
 */
interface ExpressBindings {
  readonly names: ReadonlySet<string>;
  readonly interopNames: ReadonlySet<string>;
}

/** Helpers that tsc and Babel emit around `require()` for a default import in CommonJS output. */
const INTEROP_HELPERS = new Set(['__importDefault', '_interopRequireDefault']);

function findExpressBindings(migration: Migration): ExpressBindings {
  const { j, file } = migration;
  const names = findModuleBindings(file, ['express'])
    .filter((binding) => binding.imported === 'default' || binding.imported === '*')
    .map((binding) => binding.local);
  const interopNames: string[] = [];
  file.root.find(j.VariableDeclarator).forEach((path) => {
    const { id, init } = path.node as AnyNode;
    const name = getIdentifierName(id as AnyNode);
    if (!name || (init as AnyNode | null)?.type !== 'CallExpression') return;
    const call = init as AnyNode;
    const [argument] = call.arguments as AnyNode[];
    const helper = getIdentifierName(call.callee as AnyNode);
    if (helper && INTEROP_HELPERS.has(helper) && argument && isRequireOfExpress(argument)) interopNames.push(name);
  });
  return { names: new Set(names), interopNames: new Set(interopNames) };
}

function isRequireOfExpress(node: AnyNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const args = node.arguments as AnyNode[];
  return getIdentifierName(node.callee as AnyNode) === 'require' && args.length === 1 && getStaticString(args[0]) === 'express';
}

/**
 * Marks what needs a session setup the codemod did not add. That is the `express()` call of an app it
 * could not add one to. In a file without an app, it is the handlers it rewrote, when the package gives no
 * sign of a setup elsewhere (the app's own file gets one when package.json lists jsonwebtoken or
 * express-jwt).
 */
function markMissingSessionSetup(migration: Migration, setup: SetupResult): boolean {
  const { file } = migration;
  if (setup.kind === 'uncertain') {
    return markForManualMigration(
      file,
      setup.use,
      `the app mounts ${setup.mounted}, which may set up sessions already, so no session setup was added; check that it runs express-session, or add one by hand`,
    );
  }
  if (setup.kind === 'unconfirmed') {
    return markForManualMigration(
      file,
      setup.call,
      `${setup.code} needs a session middleware, but package.json lists neither express-session nor cookie-session, so no session setup was added; add express-session to package.json and rerun, or add app.use(session({ ... })) before this call by hand`,
    );
  }
  if (setup.kind === 'handed-over') {
    return markForManualMigration(
      file,
      setup.handover,
      `the app is passed to ${setup.code}, which may mount a session middleware from another file, so no session setup was added; check that the app mounts ${migration.sessionLibrary}, or add one after the app is created by hand`,
    );
  }
  if (setup.kind === 'loaded') {
    return markForManualMigration(
      file,
      setup.load,
      `this file loads ${setup.library} but sets up no session middleware that the codemod recognises, so no session setup was added; check that the app mounts ${setup.library}, or add one after the app is created by hand`,
    );
  }
  if (setup.kind === 'cookie-session-missing') {
    return markForManualMigration(
      file,
      setup.creation,
      'the migrated code uses cookie-session, the session library in package.json, but no cookie-session middleware was found for this app and the codemod sets up only express-session; add app.use(cookieSession({ ... })) after the app is created by hand',
    );
  }
  if (setup.kind === 'not-added') return markForManualMigration(file, setup.creation, setup.reason);
  if (setup.kind !== 'no-app' || migration.sessionUsers.length === 0) return false;
  let changed = false;
  for (const use of findUnrecognisedExpressUses(migration)) {
    changed =
      markForManualMigration(
        file,
        use,
        'express is used here in a form the codemod does not recognise as creating the app (it recognises express(), new express(), express.call(...) and (0, express)()), so no session setup was added; if this creates the app, add app.use(session({ ... })) with a store after it by hand',
      ) || changed;
  }
  if (dependsOnAny(file.path, [...JWT_SESSION_MODULES, ...SESSION_LIBRARIES])) return changed;
  for (const node of new Set(migration.sessionUsers)) {
    const path = file.root.find(migration.j.Node).filter((candidate) => candidate.node === node).paths()[0] as ASTPath | undefined;
    if (!path) continue;
    changed =
      markForManualMigration(
        file,
        path,
        'this code now uses req.session, but no session setup was found for its app (package.json lists no jsonwebtoken, express-jwt or session library); add app.use(session({ ... })) where the app is created',
      ) || changed;
  }
  return changed;
}

/**
 * Finds the uses of the express function that may create an app the codemod did not recognise. These are
 * calls in other forms (`express.bind(null)()`), calls that receive it (`createApp(express)`,
 * `Reflect.apply(express, null, [])`) and variables that copy it (`const create = express`). Member reads
 * such as `express.json()` and `express.Router()` are not such uses.
 */
function findUnrecognisedExpressUses(migration: Migration): ASTPath[] {
  const { j, file } = migration;
  const express = findExpressBindings(migration);
  const names = new Set([...express.names, ...express.interopNames]);
  const uses: ASTPath[] = [];
  file.root.find(j.Identifier).forEach((identifier) => {
    const name = (identifier.node as AnyNode).name as string;
    if (!names.has(name) || !isReference(identifier as ASTPath) || isBindingOrType(identifier as ASTPath)) return;
    // Climb from the name to the whole expression that stands for the express function.
    let use = identifier as ASTPath;
    for (;;) {
      const parent = use.parentPath as ASTPath | null;
      if (!parent) break;
      if (Array.isArray(parent.value)) {
        const owner = parent.parentPath?.node as AnyNode | undefined;
        const items = parent.value as AnyNode[];
        if (owner?.type !== 'SequenceExpression' || items[items.length - 1] !== use.node) break;
        use = parent.parentPath as ASTPath;
        continue;
      }
      const node = parent.node as AnyNode;
      const isWrapper = ['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(node.type);
      const member = node.type === 'MemberExpression' && node.object === use.node && !node.computed ? getIdentifierName(node.property as AnyNode) : undefined;
      const isInteropDefault = member === 'default' && express.interopNames.has(name);
      if (!isWrapper && !isInteropDefault && !['call', 'apply', 'bind'].includes(member ?? '')) break;
      use = parent;
    }
    const holder = use.parentPath?.node as AnyNode | undefined;
    const container = Array.isArray(use.parentPath?.value) ? (use.parentPath?.parentPath?.node as AnyNode | undefined) : holder;
    const isCallOrArgument = container?.type === 'CallExpression' || container?.type === 'NewExpression';
    const isCopy =
      (holder?.type === 'VariableDeclarator' && holder.init === use.node && (holder.id as AnyNode).type === 'Identifier') ||
      (holder?.type === 'AssignmentExpression' && holder.right === use.node && (holder.left as AnyNode).type === 'Identifier');
    if (isCallOrArgument || isCopy) uses.push(use);
  });
  return uses;
}

/** True for a name that declares a binding (`const express = ...`, an import) or is part of a type. */
function isBindingOrType(identifier: ASTPath): boolean {
  const parent = identifier.parentPath?.node as AnyNode | undefined;
  if (!parent) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === identifier.node) return true;
  if (['ImportDefaultSpecifier', 'ImportNamespaceSpecifier', 'ImportSpecifier', 'TSImportEqualsDeclaration'].includes(parent.type)) return true;
  if (parent.type === 'ObjectProperty' || parent.type === 'Property') {
    if (identifier.parentPath?.parentPath?.node && (identifier.parentPath.parentPath.node as AnyNode).type === 'ObjectPattern') return true;
  }
  for (let current: ASTPath | null = identifier.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    const type = (current.node as AnyNode).type;
    if (type.startsWith('TS') && !['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(type)) return true;
    if (type.endsWith('Statement') || type === 'Program') return false;
  }
  return false;
}

/** Returns the lines that create the session store and expose it as `app.locals.sessionStore`, so tests and shutdown code can close it. */
function buildStoreSetup(migration: Migration, appName: string, before: Statement): string[] {
  const { file } = migration;
  switch (migration.options.store) {
    case 'knex': {
      const store = ensureImport(file, { module: 'connect-session-knex', imported: 'ConnectSessionKnexStore', local: 'ConnectSessionKnexStore', before }).local;
      const knex = ensureImport(file, { module: 'knex', imported: 'default', local: 'knex', before }).local;
      return [
        '// Sessions are kept in PostgreSQL when DATABASE_URL is set, else in the SQLite file sessions.sqlite in the working directory.',
        `const sessionStore = new ${store}({`,
        `  knex: ${knex}(`,
        '    process.env.DATABASE_URL',
        '      ? { client: "pg", connection: process.env.DATABASE_URL }',
        '      : { client: "better-sqlite3", connection: { filename: "sessions.sqlite" }, useNullAsDefault: true },',
        '  ),',
        '});',
        `${appName}.locals.sessionStore = sessionStore;`,
      ];
    }
    case 'redis': {
      const store = ensureImport(file, { module: 'connect-redis', imported: 'RedisStore', local: 'RedisStore', before }).local;
      const createClient = ensureImport(file, { module: 'redis', imported: 'createClient', local: 'createClient', before }).local;
      return [
        `const sessionRedisClient = ${createClient}({ url: process.env.REDIS_URL });`,
        'sessionRedisClient.connect().catch((error) => {',
        '  console.error("Connecting to Redis for sessions failed:", error);',
        '});',
        `const sessionStore = new ${store}({ client: sessionRedisClient });`,
        `${appName}.locals.sessionStore = sessionStore;`,
      ];
    }
    case 'memory':
      return ['// express-session keeps sessions in memory: they are lost at every restart and are not shared between processes.'];
  }
}

function getConfiguredCookieName(usage: ReturnType<typeof findSessionLibraryUsage>): string | undefined {
  for (const setup of usage.setupCalls) {
    if (setup.library !== 'express-session' || setup.optionsArgument?.type !== 'ObjectExpression') continue;
    for (const property of setup.optionsArgument.properties) {
      if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.key.name !== 'name') continue;
      if (property.value.type === 'Literal' && typeof property.value.value === 'string') return property.value.value;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Clean-up

/** Removes top-level declarations of the JWT secrets the migrated calls used, once nothing refers to them. */
function removeUnusedSecrets(migration: Migration): boolean {
  const { j, file } = migration;
  let changed = false;
  for (const name of migration.secretNames) {
    file.root
      .find(j.VariableDeclarator, { id: { type: 'Identifier', name } })
      .filter((path) => (path.parentPath?.parentPath?.parentPath?.node as AnyNode | undefined)?.type === 'Program')
      .forEach((path) => {
        const declaration = path.parentPath?.parentPath as ASTPath;
        if (((declaration.node as AnyNode).declarations as unknown[]).length !== 1) return;
        if (!isSideEffectFree((path.node as AnyNode).init as AnyNode | null)) return;
        if (isNameReferenced(file, name, path.node)) return;
        const comments = takeComments(declaration.node as AnyNode);
        const list = declaration.parentPath as ASTPath & { value: Statement[] };
        const index = list.value.indexOf(declaration.node as Statement);
        list.value.splice(index, 1);
        const following = list.value[index];
        protectStatementStart(following);
        if (following && comments.length > 0) getAttachedComments(following).unshift(...comments);
        changed = true;
      });
  }
  return changed;
}

function isSideEffectFree(node: AnyNode | null): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'Literal':
    case 'Identifier':
    case 'TemplateLiteral':
      return node.type !== 'TemplateLiteral' || (node.expressions as AnyNode[]).every((expression) => isSideEffectFree(expression));
    case 'MemberExpression':
      return isSideEffectFree(node.object as AnyNode) && (!node.computed || isSideEffectFree(node.property as AnyNode));
    case 'LogicalExpression':
    case 'BinaryExpression':
      return isSideEffectFree(node.left as AnyNode) && isSideEffectFree(node.right as AnyNode);
    case 'ConditionalExpression':
      return isSideEffectFree(node.test as AnyNode) && isSideEffectFree(node.consequent as AnyNode) && isSideEffectFree(node.alternate as AnyNode);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return isSideEffectFree(node.expression as AnyNode);
    default:
      return false;
  }
}

/**
 * Returns the type annotation of the error parameter of an added session callback: `: unknown` in
 * TypeScript, so the callback compiles under `noImplicitAny` also where `req` has the type `any`.
 */
function errorType(migration: Migration): string {
  return migration.isTypeScript ? ': unknown' : '';
}

/** Statement types that make a TypeScript file a module rather than a script. */
const MODULE_STATEMENTS = new Set([
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
  'TSImportEqualsDeclaration',
  'TSExportAssignment',
]);

/**
 * Declares the session property in TypeScript files, so `req.session.user` type-checks. The payload's
 * type is not known here, so it is `unknown`, as `jwt.verify`'s result was not the payload type either.
 */
function addSessionDataType(migration: Migration): boolean {
  const { j, file } = migration;
  if (!migration.isTypeScript || !migration.usesSessionData) return false;
  const alreadyDeclared = file.root
    .find(j.TSModuleDeclaration)
    .filter((path) => getStaticString((path.node as AnyNode).id as AnyNode) === 'express-session')
    .size();
  if (alreadyDeclared > 0) return false;
  const program = file.root.find(j.Program).paths()[0];
  if (!program) return false;
  const body = program.node.body as unknown as Statement[];
  // In a script (no import or export), `declare module` would replace express-session's types instead of
  // adding to them, so `export {}` makes the file a module first.
  const isModule = body.some((statement) => MODULE_STATEMENTS.has(statement.type));
  const declaration = buildStatements(
    migration,
    [
      ...(isModule ? [] : ['// Makes this file a module, so the declaration below adds to express-session\'s types.', 'export {};']),
      '// The data the migrated code keeps in req.session.',
      'declare module "express-session" {',
      '  interface SessionData {',
      `    ${migration.options.sessionKey}?: unknown;`,
      '  }',
      '}',
    ],
    {},
  );
  body.push(...declaration);
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Token lifetime and secrets

/**
 * Records the session lifetime: that of the first migrated login that states one, or else of the first
 * marked login, because a marked login still states how long the app means a session to last. A login
 * that hands out several tokens (an access and a refresh token) keeps its user signed in for the longest
 * of their lifetimes.
 */
function recordTokenLifetime(migration: Migration, sites: readonly Site[]): void {
  const logins = sites.filter((site) => isSiteOf(site, 'sign') && statesSessionLifetime(migration.sourceCode, site.finding));
  const migrated = logins.filter((site) => site.handler && !getUnsupportedReason(migration, site));
  const first = [...migrated, ...logins].find((site) => getTokenLifetimeMs(migration, site.call) !== undefined);
  if (!first) return;
  const sameLogin = first.handlerNode ? logins.filter((site) => site.handlerNode === first.handlerNode) : [first];
  migration.tokenLifetimeMs = Math.max(...sameLogin.map((site) => getTokenLifetimeMs(migration, site.call) ?? 0));
}

function getTokenLifetimeMs(migration: Migration, call: JwtCall): number | undefined {
  const expiry = getSignExpiry(migration.sourceCode, call);
  if (typeof expiry !== 'object' || expiry.seconds === undefined || expiry.seconds <= 0) return undefined;
  return Math.round(expiry.seconds * 1000);
}

function recordSecret(migration: Migration, call: JwtCall): void {
  if (call.secretNode?.type === 'Identifier') migration.secretNames.add(call.secretNode.name);
}

/** Writes a duration in milliseconds as a readable product (`7 * 24 * 60 * 60 * 1000`). */
export function formatDuration(milliseconds: number): string {
  const steps: [number, string][] = [
    [24 * 60 * 60 * 1000, '24 * 60 * 60 * 1000'],
    [60 * 60 * 1000, '60 * 60 * 1000'],
    [60 * 1000, '60 * 1000'],
    [1000, '1000'],
  ];
  for (const [unit, text] of steps) {
    if (milliseconds % unit === 0) {
      const count = milliseconds / unit;
      return count === 1 ? text : `${count} * ${text}`;
    }
  }
  return String(milliseconds);
}

// ---------------------------------------------------------------------------------------------------
// AST helpers

/**
 * Parses generated code, given as lines with double quotes and two-space indentation, into statements
 * with the file's parser, and substitutes the identifiers named in `substitutions`. Quotes and
 * indentation are changed to the file's style first, because recast prints parsed snippets as written.
 */
function buildStatements(migration: Migration, lines: readonly string[], substitutions: Record<string, ASTNode>): Statement[] {
  const { j } = migration;
  const program = j(adaptSnippet(migration, lines)).find(j.Program).paths()[0]?.node as AnyNode | undefined;
  if (!program) throw new Error(`Cannot parse generated code: ${lines.join('\n')}`);
  const body = program.body as Statement[];
  for (const statement of body) substituteIdentifiers(j, statement, substitutions);
  return body;
}

function buildExpression(migration: Migration, lines: readonly string[], substitutions: Record<string, ASTNode>): AnyNode {
  const wrapped = [...lines];
  wrapped[0] = `(${wrapped[0] ?? ''}`;
  wrapped[wrapped.length - 1] = `${wrapped[wrapped.length - 1] ?? ''});`;
  const [statement] = buildStatements(migration, wrapped, substitutions);
  const expression = (statement as AnyNode).expression as AnyNode;
  delete (expression as { extra?: unknown }).extra;
  return expression;
}

function adaptSnippet(migration: Migration, lines: readonly string[]): string {
  const { quote, useTabs, tabWidth } = migration.file.printOptions;
  const unit = useTabs ? '\t' : ' '.repeat(tabWidth);
  const text = lines
    .map((line) => {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      return unit.repeat(Math.floor(indent / 2)) + line.slice(indent);
    })
    .join('\n');
  // The generated strings and comments contain no apostrophe, so swapping the delimiters is safe.
  return quote === 'single' ? text.replace(/"/g, "'") : text;
}

/** Replaces the statements of a statement list. A block is replaced by a new one, so recast lays out its statements afresh. */
function replaceStatementList(migration: Migration, list: ASTPath & { value: Statement[] }, statements: Statement[]): void {
  // The new list may leave out statements between the ones it keeps.
  for (const statement of statements) protectStatementStart(statement);
  const owner = list.parentPath as ASTPath;
  const ownerNode = owner.node as AnyNode;
  if (ownerNode.type !== 'BlockStatement') {
    list.value.splice(0, list.value.length, ...statements);
    return;
  }
  const block = migration.j.blockStatement(statements as never) as unknown as AnyNode;
  (block as { comments?: unknown }).comments = (ownerNode as { comments?: unknown }).comments;
  owner.replace(block);
}

function substituteIdentifiers(j: JSCodeshift, root: AnyNode, substitutions: Record<string, ASTNode>): void {
  if (Object.keys(substitutions).length === 0) return;
  j(root as never)
    .find(j.Identifier)
    .forEach((path) => {
      // Only the object's own entries: `constructor` or `toString` in the code must not find Object.prototype's.
      const name = (path.node as AnyNode).name as string;
      if (Object.hasOwn(substitutions, name)) path.replace(substitutions[name] as never);
    });
}

function printNode(migration: Migration, node: AnyNode): string {
  return migration.j(node as never).toSource({ quote: 'double' });
}

/** Returns the callback's body statements of a generated `x.regenerate((err) => { ... })` statement. */
function getCallbackBody(statement: Statement): Statement[] {
  const call = statement.expression as AnyNode;
  const callback = (call.arguments as AnyNode[])[0] as AnyNode;
  return (callback.body as AnyNode).body as Statement[];
}

/** Returns the statements of the `try` block that ends the callback of a generated `x.regenerate(...)` statement. */
function getTryBody(statement: Statement): Statement[] {
  const body = getCallbackBody(statement);
  const last = body[body.length - 1] as AnyNode;
  return (last.block as AnyNode).body as Statement[];
}

/** True when the handler takes `(req, res)`, to which `next` can be added, or has a plain third parameter. */
function hasUsableNext(handler: AnyNode): boolean {
  const params = handler.params as AnyNode[];
  return params.length === 2 || getIdentifierName(params[2]) !== undefined;
}

/** Returns the name of the handler's `next` parameter, adding `next` when the handler takes exactly `(req, res)`. */
function ensureNextParameter(migration: Migration, handler: ASTPath): string {
  const { j } = migration;
  const params = (handler.node as AnyNode).params as AnyNode[];
  const existing = params[2] ? getIdentifierName(params[2]) : undefined;
  if (existing) return existing;
  const name = getFreeLocalName(j, [handler.node as AnyNode], 'next');
  const parameter = j.identifier(name) as unknown as AnyNode;
  if (migration.isTypeScript && params.some((param) => param.typeAnnotation)) {
    const imported = findModuleBindings(migration.file, ['express']).find((binding) => binding.imported === 'NextFunction');
    const typeName = imported ? imported.local : 'import("express").NextFunction';
    const typed = buildExpression(migration, [`(${name}: ${typeName}) => {}`], {});
    params.push((typed.params as AnyNode[])[0] as AnyNode);
    return name;
  }
  params.push(parameter);
  return name;
}

function getFreeLocalName(j: JSCodeshift, nodes: AnyNode[], preferred: string): string {
  const used = new Set(nodes.flatMap((node) => collectIdentifierNames(j, node)));
  if (!used.has(preferred)) return preferred;
  for (let suffix = 2; ; suffix += 1) {
    if (!used.has(`${preferred}${suffix}`)) return `${preferred}${suffix}`;
  }
}

function collectIdentifierNames(j: JSCodeshift, node: AnyNode): string[] {
  const names: string[] = node.type === 'Identifier' ? [node.name as string] : [];
  j(node as never)
    .find(j.Identifier)
    .forEach((path) => {
      if (isReference(path)) names.push((path.node as AnyNode).name as string);
    });
  return names;
}

/** Returns the identifier paths inside `node` that refer to `name` (property keys and member names excluded). */
function findIdentifierPaths(j: JSCodeshift, node: AnyNode, name: string): ASTPath[] {
  const paths: ASTPath[] = [];
  if (node.type === 'Identifier') return node.name === name ? [] : [];
  j(node as never)
    .find(j.Identifier, { name })
    .forEach((path) => {
      if (isReference(path as ASTPath)) paths.push(path as ASTPath);
    });
  return paths;
}

function isReference(path: ASTPath): boolean {
  const parent = path.parentPath?.node as AnyNode | undefined;
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node) return Boolean(parent.computed);
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node) return Boolean(parent.computed) || Boolean(parent.shorthand);
  return true;
}

function referencesAny(j: JSCodeshift, node: AnyNode, names: Set<string>): boolean {
  return collectIdentifierNames(j, node).some((name) => names.has(name));
}

function containsNode(j: JSCodeshift, root: AnyNode, target: ASTNode): boolean {
  if (root === target) return true;
  return j(root as never).find(j.Node).filter((path) => path.node === target).size() > 0;
}

function containsReturn(j: JSCodeshift, statement: AnyNode): boolean {
  if (statement.type === 'ReturnStatement') return true;
  return (
    j(statement as never)
      .find(j.ReturnStatement)
      .filter((path) => {
        for (let current = path.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
          if (current.node === statement) return true;
          if (isFunctionLike(current.node as AnyNode)) return false;
        }
        return true;
      })
      .size() > 0
  );
}

function getPatternNames(pattern: AnyNode): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name as string];
    case 'ObjectPattern':
      return (pattern.properties as AnyNode[]).flatMap((property) =>
        getPatternNames((property.type === 'RestElement' ? property.argument : property.value) as AnyNode),
      );
    case 'ArrayPattern':
      return (pattern.elements as (AnyNode | null)[]).flatMap((element) => (element ? getPatternNames(element) : []));
    case 'AssignmentPattern':
      return getPatternNames(pattern.left as AnyNode);
    case 'RestElement':
      return getPatternNames(pattern.argument as AnyNode);
    default:
      return [];
  }
}

function getBlockStatements(node: AnyNode): Statement[] {
  return node.type === 'BlockStatement' ? [...(node.body as Statement[])] : [node];
}

/** Returns the statement-list item that contains `path`. */
function getStatementOf(path: ASTPath): ASTPath | undefined {
  for (let current: ASTPath | null = path; current; current = current.parentPath as ASTPath | null) {
    const parent = current.parentPath as ASTPath | null;
    if (parent && Array.isArray(parent.value) && ['body', 'consequent'].includes(String(parent.name))) {
      const owner = (parent.parentPath as ASTPath | null)?.node as AnyNode | undefined;
      if (owner && ['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock'].includes(owner.type)) return current;
    }
  }
  return undefined;
}

/** Returns the path of the nearest function around `path` (not `path` itself). */
function getEnclosingFunctionPath(path: ASTPath): ASTPath | undefined {
  for (let current = path.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    if (isFunctionLike(current.node as AnyNode)) return current;
  }
  return undefined;
}

function getEnclosingFunctionNode(path: ASTPath): AnyNode | undefined {
  for (let current = path.parentPath as ASTPath | null; current; current = current.parentPath as ASTPath | null) {
    if (isFunctionLike(current.node as AnyNode)) return current.node as AnyNode;
  }
  return undefined;
}

function getProgram(path: ASTPath): AnyNode {
  let current: ASTPath = path;
  while (current.parentPath) current = current.parentPath as ASTPath;
  return current.node as AnyNode;
}

function isFunctionLike(node: AnyNode | undefined): boolean {
  return (
    node !== undefined &&
    ['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod'].includes(node.type)
  );
}

function getIdentifierName(node: AnyNode | undefined | null): string | undefined {
  return node?.type === 'Identifier' ? (node.name as string) : undefined;
}

function getPropertyName(property: AnyNode): string | undefined {
  if (property.computed) return getStaticString(property.key as AnyNode);
  return getIdentifierName(property.key as AnyNode) ?? getStaticString(property.key as AnyNode);
}

/**
 * Removes and returns the comments recast would print with `node`, without their source positions: recast
 * measures the blank lines around a comment that keeps its position against the original text, and throws
 * when the comment now sits on a new node.
 */
function takeComments(node: AnyNode): AttachedComment[] {
  const comments = getAttachedComments(node);
  const taken = comments.splice(0, comments.length);
  return taken.map((comment) => ({ type: comment.type, value: comment.value, leading: true, trailing: false }));
}
