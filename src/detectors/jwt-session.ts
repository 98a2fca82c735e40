/**
 * Decides which JWTs in a file are login sessions. One kind is a token signed and handed to the client:
 * in the response body, a cookie, a response header, a redirect URL, `ctx.body`, Hono's `c.json()`,
 * Next.js's `cookies().set()` and `NextResponse.json()`, the return value of a Fastify or Nest handler or
 * of a Next.js server action, or an `access_token` field. The other is a token read from the request and
 * verified to authenticate it (middleware, express-jwt, koa-jwt, passport-jwt, `request.jwtVerify()`,
 * Hono's `jwt()`).
 *
 * Tokens sent to another service (an `Authorization` header of an outgoing `fetch` or `axios` request),
 * one-shot tokens (password reset, email verification, invitation links) and OAuth `state` values in a
 * redirect to an identity provider are not sessions. Neither are signed embed URLs: tokens whose claims
 * name no user and that reach the client only inside a larger string of the response body. Nor are
 * webhook signatures: tokens from a signature header or a webhook route whose payload the handler keeps
 * to itself (see `isWebhookSignature`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { listsPackage } from '../codemod/manifest.js';
import { findVariable, forEachNode, getKeyName, getStaticValue, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import { splitWords } from './credential-name.js';
import { addsText, hasAnonymousClaims, isEmbeddedInBody } from './embedded-token.js';
import { getHonoCallKind, isHonoContext } from './hono.js';
import { findJwtCalls, type JwtCall } from './jwt-library.js';
import { getNextCallKind, getNextPagesFile, getRouteSegments, isNextRouteFile, isNextServerFile, isServerAction } from './nextjs.js';
import { isRemoteKeySet } from './remote-key-set.js';
import { isGlobalIdentifier } from './same-file-value.js';
import {
  describeFrameworkProblem,
  getFrameworkOfModule,
  getHandlerFramework,
  getLoadedModules,
  getOtherFrameworkModule,
  hasDestructuredRequest,
  isExpressHandler,
} from './server-framework.js';
import { isServiceAssertion, isWebhookSignature } from './service-token.js';
import { getHandlerRoute, readsUserClaim } from './webhook-route.js';
import {
  type FunctionNode,
  getCalleeMethod,
  getEnclosingFunction,
  getEnclosingRequestHandler,
  getRequestObjectKind,
  getRequestSource,
  isRequestHandler,
  isResponseObject,
  type RequestSource,
  resolveCalledFunction,
} from './request-handler.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;

/** The kind of place a signed token is sent to. */
export type TokenSinkKind =
  | 'response-body'
  | 'response-header'
  | 'cookie'
  | 'context-body'
  | 'redirect'
  | 'handler-return'
  | 'access-token-return'
  | 'service-return'
  | 'outgoing-request';

export interface TokenSink {
  kind: TokenSinkKind;
  /** The response call (`res.json(...)`, `res.cookie(...)`), the `ctx.body = ...` assignment, the `return` statement or the outgoing request call. */
  node: TSESTree.Node;
  /**
   * Object keys between the token and the sink: `['accessToken']` for `res.json({ accessToken: token })`.
   * A query parameter that carries the token in a URL is a key with a leading `?`: `['?token']` for
   * `res.redirect('/welcome?token=' + token)`.
   */
  keys: readonly string[];
  /**
   * `hono` for a response sent through a Hono context (`c.json(...)`) or hono/cookie's `setCookie`, `next`
   * for one sent through Next.js (`cookies().set(...)`, `NextResponse.json(...)`, the return value of a
   * server action).
   */
  framework?: 'hono' | 'next';
  /**
   * True when the token reaches the sink only as part of a larger string: a template literal or a `+`
   * concatenation with other text, such as a URL (`` `${site}/embed/${token}` ``).
   */
  embedded?: boolean;
}

/** A JWT signed and handed to the client as its login session. */
export interface JwtSessionIssue {
  kind: 'issue';
  call: JwtCall;
  /** The request handler (or Nest method) that signs the token. */
  handler?: FunctionNode;
  /** The places the token is sent to, limited to those that hand it to the client. */
  sinks: TokenSink[];
}

/** A JWT read from the request and verified to authenticate it. */
export interface JwtSessionAccept {
  kind: 'accept';
  call: JwtCall;
  /** The middleware or handler that verifies the token. */
  handler?: FunctionNode;
  /** The request part the token was read from. It is absent for middleware that reads the token itself (express-jwt, koa-jwt, `request.jwtVerify()`). */
  requestSource?: RequestSource;
  /** `req.user = decoded`, `req.userId = decoded.id`, `res.locals.user = payload`, `ctx.state.user = payload`. */
  userAssignment?: TSESTree.AssignmentExpression;
  /** The request property the decoded payload lands on (`user`, `userId`, `auth` for express-jwt 7). */
  userProperty?: string;
  /** The 401/403 response sent when the token is missing or invalid (`res.status(401).json(...)`, `throw new UnauthorizedException()`). */
  unauthorizedResponse?: TSESTree.Node;
  /** The `next()` call that lets the request through. */
  nextCall?: TSESTree.CallExpression;
}

export type JwtSessionFinding = JwtSessionIssue | JwtSessionAccept;

/** Sinks that hand a token to the client. */
const CLIENT_SINKS = new Set<TokenSinkKind>([
  'response-body',
  'response-header',
  'cookie',
  'context-body',
  'redirect',
  'handler-return',
  'access-token-return',
  'service-return',
]);

const RESPONSE_BODY_METHODS = new Set(['json', 'send', 'jsonp', 'end', 'write', 'render', 'response']);
const RESPONSE_HEADER_METHODS = new Set(['set', 'setHeader', 'header', 'append', 'headers']);
const COOKIE_METHODS = new Set(['cookie', 'setCookie']);
/** Functions and objects that send an outgoing HTTP request. */
const HTTP_CLIENTS = new Set(['fetch', 'axios', 'got', 'ky', 'request', 'superagent', 'needle', 'undici', 'ofetch', '$fetch']);
const HTTP_CLIENT_MODULES = new Set(['http', 'https', 'axios', 'got', 'undici', 'needle', 'superagent']);
/** Keys under which a token returned from a function is an OAuth-style session token. */
const ACCESS_TOKEN_KEYS = new Set(['access_token', 'accesstoken', 'refresh_token', 'refreshtoken', 'id_token', 'idtoken']);
/**
 * Words that mark a one-shot token: a link sent by email, or a link that grants access to one file, that
 * never authenticates later requests.
 */
const ONE_SHOT_WORDS = new Set([
  'download',
  'upload',
  'share',
  'preview',
  'attachment',
  'reset',
  'forgot',
  'verification',
  'confirm',
  'confirmation',
  'activation',
  'activate',
  'invite',
  'invitation',
  'unsubscribe',
  'magic',
]);

const MAX_DEPTH = 6;

const cache = new WeakMap<TSESTree.Program, readonly JwtSessionFinding[]>();

/**
 * Returns every JWT the file issues as or accepts as a login session, in source order. `filePath`
 * identifies Next.js route files. The result is cached per AST, which belongs to one file.
 */
export function findJwtSessions(sourceCode: TSESLint.SourceCode, filePath: string): JwtSessionFinding[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached as JwtSessionFinding[];

  const findings: JwtSessionFinding[] = [];
  for (const call of findJwtCalls(sourceCode)) {
    const finding = call.operation === 'sign' ? getIssue(sourceCode, call, filePath) : getAccept(sourceCode, call, filePath);
    if (finding) findings.push(finding);
  }
  cache.set(sourceCode.ast, findings);
  return findings;
}

/**
 * Returns true when a finding belongs to a Hono app: the JWT comes from hono/jwt, the token is sent
 * through a Hono context, the handler's first parameter is a Hono context, or the file loads Hono and not
 * express. The jwt-to-session codemod only marks such sites, because it migrates Express handlers only.
 */
export function isHonoSession(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding): boolean {
  if (finding.call.library === 'hono/jwt') return true;
  if (finding.kind === 'issue' && finding.sinks.some((sink) => sink.framework === 'hono')) return true;
  const context = finding.handler?.params[0];
  if (context && isHonoContext(sourceCode, context)) return true;
  const otherFramework = getOtherFrameworkModule(sourceCode);
  return otherFramework !== undefined && getFrameworkOfModule(otherFramework) === 'Hono';
}

/**
 * Frameworks other than Express and Hono whose JWT sites the jwt-to-session codemod only marks. `React
 * Server Components` stands for a server action in a project that does not list next, whose framework
 * the file does not show.
 */
export type MarkedSessionFramework = 'Koa' | 'Fastify' | 'Nest' | 'Next.js' | 'React Server Components';

const MARKED_SESSION_FRAMEWORKS: readonly string[] = ['Koa', 'Fastify', 'Nest'] satisfies readonly MarkedSessionFramework[];

/**
 * Returns Koa, Fastify or Nest when a finding belongs to an app of that framework. That is so when the JWT
 * comes from its own JWT package (koa-jwt, @fastify/jwt, @nestjs/jwt), or when the file loads the framework
 * and not express, which the jwt-to-session codemod also tests before it marks a site. Returns Next.js
 * when `isNextSession` returns true, or React Server Components when `isServerActionOutsideNext` also
 * does. Returns undefined otherwise, Hono included, which `isHonoSession` covers.
 */
export function getMarkedSessionFramework(
  sourceCode: TSESLint.SourceCode,
  finding: JwtSessionFinding,
  filePath: string,
): MarkedSessionFramework | undefined {
  const otherModule = getOtherFrameworkModule(sourceCode);
  for (const module of [finding.call.library, otherModule]) {
    const framework = module === undefined ? undefined : getFrameworkOfModule(module);
    if (framework !== undefined && MARKED_SESSION_FRAMEWORKS.includes(framework)) return framework as MarkedSessionFramework;
  }
  if (!isNextSession(sourceCode, finding, filePath)) return undefined;
  return isServerActionOutsideNext(sourceCode, finding, filePath) ? 'React Server Components' : 'Next.js';
}

/**
 * Returns true when a jsonwebtoken or jose sign or verify call belongs to Next.js server code. That is so
 * when the token is set with next/headers' `cookies()` or a NextResponse, put into a Next.js redirect or
 * returned by a server action, wherever that happens (a route handler, a server action or a helper). It
 * is also so for every such call in an App Router route file or in a file that imports next/server or
 * next/headers, unless the file loads express. Sites of Hono or another framework that the file loads
 * belong to that framework, even inside a route handler.
 */
export function isNextSession(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding, filePath: string): boolean {
  const { library, operation } = finding.call;
  if ((library !== 'jsonwebtoken' && library !== 'jose') || (operation !== 'sign' && operation !== 'verify')) return false;
  if (isHonoSession(sourceCode, finding) || getOtherFrameworkModule(sourceCode) !== undefined) return false;
  if (finding.kind === 'issue' && finding.sinks.some((sink) => sink.framework === 'next')) return true;
  return !getLoadedModules(sourceCode).includes('express') && isNextServerFile(sourceCode, filePath);
}

/**
 * Returns true when a token counts as Next.js code only because a server action returns it, and neither
 * the file nor its project shows Next.js. That is so when the file imports nothing from next/server or
 * next/headers, is no App Router route file, sends the token through no other Next.js API, and the
 * nearest package.json does not list next. `'use server'` is a React directive, so such an action may
 * belong to any React Server Components framework.
 */
export function isServerActionOutsideNext(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding, filePath: string): boolean {
  if (finding.kind !== 'issue' || !finding.sinks.some(isServerActionReturn)) return false;
  if (finding.sinks.some((sink) => sink.framework === 'next' && !isServerActionReturn(sink))) return false;
  return !isNextServerFile(sourceCode, filePath) && !listsPackage(filePath, 'next');
}

/**
 * Returns the reason the jwt-to-session codemod marks a site that `isNextSession` assigns to Next.js, or
 * undefined for any other site. The reason names Next.js unless `isServerActionOutsideNext` returns true.
 */
export function getNextSessionReason(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding, filePath: string): string | undefined {
  if (!isNextSession(sourceCode, finding, filePath)) return undefined;
  const task = finding.kind === 'issue' ? 'move this login' : 'move this check';
  if (isServerActionOutsideNext(sourceCode, finding, filePath)) {
    return `React server actions have no express-session, and this codemod migrates only Express handlers; ${task} to a server-side session by hand`;
  }
  return `Next.js route handlers and server actions have no express-session, and this codemod migrates only Express handlers; ${task} to a server-side session by hand`;
}

/**
 * Returns the reason the jwt-to-session codemod marks a `jsonwebtoken` sign or verify call because its code
 * is not, or may not be, an Express handler. That is the case when the file loads another server framework
 * and not express, when the token is sent through a Hono context, or when the handler does not take
 * `(req, res)`. It is also the case when `getHandlerFramework` finds another framework: a route object, a
 * handler that returns its body, a route options object, or a file that loads express and another one. It is also
 * the case for every site in `filePath` when the file loads no server framework and the nearest
 * package.json lists next and not express: such files are Next.js API routes and their helpers. So it is
 * for a file below `pages/api` that loads express or no server framework when the package.json lists
 * next, whether or not it lists express too. When it lists both, so it is for a file elsewhere that loads no express and
 * imports nothing from it, because Next.js API routes may call that file as well as the express server.
 * Returns undefined for Express handlers. It also returns undefined for sites the codemod marks for other
 * reasons first: sites outside a function or in a method, helpers outside the request handler, and
 * handlers that destructure their request. The codemod takes its reason from here, and `no-jwt-session`
 * reports such sites with a message that says the codemod only marks them.
 */
export function getNonExpressSessionReason(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding, filePath: string): string | undefined {
  const { library, operation } = finding.call;
  if (library !== 'jsonwebtoken' || (operation !== 'sign' && operation !== 'verify')) return undefined;
  const site = getNonExpressSite(sourceCode, finding, filePath);
  const task = operation === 'sign' ? 'move this login' : 'move this check';
  switch (site?.kind) {
    case 'other-framework':
      return `the file loads ${site.module} and not express, so its handlers are not Express handlers, which are the only ones this codemod migrates`;
    case 'hono':
      return 'the token is sent through a Hono context (c.json, c.header), and this codemod migrates only Express handlers, so move this login to server-side sessions by hand';
    case 'next-without-express':
      return `the project depends on next and not express, and Next.js API routes have no express-session; ${task} to a server-side session by hand`;
    case 'pages-api-file':
      return `the file is below pages/api in a project that depends on next, so it is a Next.js API route, and those have no express-session; ${task} to a server-side session by hand`;
    case 'maybe-api-helper':
      return `the project depends on next and express, and this file does not load express, so Next.js API routes may call it, and those have no req.session; ${task} to a server-side session by hand together with the routes that call it`;
    case undefined:
      break;
  }
  const fn = finding.handler;
  if (!fn || isMethod(fn) || !isRequestHandler(fn) || hasDestructuredRequest(fn)) return undefined;
  if (!isExpressHandler(fn)) {
    return 'the handler does not take an Express request and response (req, res), and this codemod migrates only Express handlers';
  }
  return describeFrameworkProblem(getHandlerFramework(sourceCode, fn));
}

/**
 * Returns how `getNonExpressSessionReason` takes a jsonwebtoken finding for Pages Router code, or undefined
 * for any other finding. `api-route` is a site below `pages/api`, or anywhere in a project that lists next
 * and not express. `maybe-api-helper` is a site in a file that API routes may call in a project that lists both.
 */
export function getPagesRouterSession(
  sourceCode: TSESLint.SourceCode,
  finding: JwtSessionFinding,
  filePath: string,
): 'api-route' | 'maybe-api-helper' | undefined {
  const { library, operation } = finding.call;
  if (library !== 'jsonwebtoken' || (operation !== 'sign' && operation !== 'verify')) return undefined;
  const kind = getNonExpressSite(sourceCode, finding, filePath)?.kind;
  if (kind === 'next-without-express' || kind === 'pages-api-file') return 'api-route';
  return kind === 'maybe-api-helper' ? kind : undefined;
}

/** Code that is not an Express handler whatever its handler looks like, in the order the checks run. */
type NonExpressSite =
  | { kind: 'other-framework'; module: string }
  | { kind: 'hono' }
  | { kind: 'next-without-express' }
  | { kind: 'pages-api-file' }
  | { kind: 'maybe-api-helper' };

/**
 * Returns why a finding's file is not Express code: it loads another server framework and not express, it
 * sends the token through a Hono context, or it is, or may be, Next.js API route code. A Next.js custom
 * server loads express, and its handlers stay Express handlers.
 */
function getNonExpressSite(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding, filePath: string): NonExpressSite | undefined {
  const otherModule = getOtherFrameworkModule(sourceCode);
  if (otherModule !== undefined) return { kind: 'other-framework', module: otherModule };
  // A file of Hono handlers may import only Hono's types, which the check above ignores.
  if (finding.kind === 'issue' && finding.sinks.some((sink) => sink.framework === 'hono')) return { kind: 'hono' };
  switch (getNextPagesFile(sourceCode, filePath)) {
    case 'next-only':
      return { kind: 'next-without-express' };
    case 'api-route':
      return { kind: 'pages-api-file' };
    case 'maybe-api-helper':
      return { kind: 'maybe-api-helper' };
    case undefined:
      return undefined;
  }
}

/** True for a class or object-literal method, getter or setter, which the codemod cannot rewrite as a handler. */
export function isMethod(fn: FunctionNode): boolean {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return true;
  return owner?.type === AST_NODE_TYPES.Property && (owner.method || owner.kind !== 'init');
}

/** Returns every place a signed token goes, including outgoing requests. Exported for the codemod and tests. */
export function traceTokenSinks(sourceCode: TSESLint.SourceCode, call: JwtCall, filePath: string): TokenSink[] {
  const tracer = new TokenTracer(sourceCode, filePath);
  for (const start of getTokenStarts(sourceCode, call)) tracer.trace(start, [], 0);
  return tracer.sinks;
}

function getIssue(sourceCode: TSESLint.SourceCode, call: JwtCall, filePath: string): JwtSessionIssue | undefined {
  const tracer = new TokenTracer(sourceCode, filePath);
  for (const start of getTokenStarts(sourceCode, call)) tracer.trace(start, [], 0);
  const sinks = tracer.sinks.filter((sink) => CLIENT_SINKS.has(sink.kind) && !isOAuthState(sink));
  if (sinks.length === 0) return undefined;

  const handler = getEnclosingRequestHandler(call.node) ?? getEnclosingFunction(call.node);
  // The folders of an App Router route file are its URL path, as the path of `router.post('/reset', …)` is.
  const routeSegments = isNextRouteFile(filePath) ? (getRouteSegments(filePath) ?? []) : [];
  const names = [...tracer.names, ...sinks.flatMap((sink) => sink.keys), ...getFunctionNames(handler), ...routeSegments];
  if (hasOneShotName(names)) return undefined;
  // A server action may hand out a service token as a Nest service method does.
  const returnsOnly = sinks.every((sink) => sink.kind === 'service-return' || isServerActionReturn(sink));
  if (returnsOnly && isServiceAssertion(sourceCode, call)) return undefined;
  // A signed embed URL in the body (a Metabase dashboard) opens a resource of another service, not a login.
  if (sinks.every(isEmbeddedInBody) && hasAnonymousClaims(sourceCode, call)) return undefined;
  return { kind: 'issue', call, sinks, ...(handler ? { handler } : {}) };
}

/** Returns the expressions whose value is the signed token: the call, or the token parameter of its callback. */
function getTokenStarts(sourceCode: TSESLint.SourceCode, call: JwtCall): TSESTree.Node[] {
  const callback = call.callbackNode;
  if (isFunctionNode(callback)) {
    const parameter = callback.params[1];
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return [];
    return getReadReferences(sourceCode.scopeManager, parameter);
  }
  return [call.node];
}

function getReadReferences(scopeManager: ScopeManager, identifier: TSESTree.Identifier): TSESTree.Identifier[] {
  const variable = findVariable(scopeManager, identifier);
  return (variable?.references ?? [])
    .filter((reference) => reference.isRead() && reference.identifier.type === AST_NODE_TYPES.Identifier)
    .map((reference) => reference.identifier as TSESTree.Identifier);
}

/** Follows a token value through variables, objects, promises and same-file helpers to where it leaves the code. */
class TokenTracer {
  readonly sinks: TokenSink[] = [];
  /** Names of the variables the token passed through, checked for one-shot words. */
  readonly names: string[] = [];
  /**
   * The nodes traced so far, kept apart for the whole token and the token inside a larger string. One
   * value may reach the same object both ways (`` res.json({ token, url: `/embed/${token}` }) ``), and
   * each way gives its own sink.
   */
  private readonly visited = new Set<TSESTree.Node>();
  private readonly visitedEmbedded = new Set<TSESTree.Node>();
  private readonly scopeManager: ScopeManager;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly filePath: string,
  ) {
    this.scopeManager = sourceCode.scopeManager;
  }

  trace(node: TSESTree.Node, keys: readonly string[], depth: number, embedded = false): void {
    const visited = embedded ? this.visitedEmbedded : this.visited;
    if (depth > MAX_DEPTH || visited.has(node)) return;
    visited.add(node);
    let current = node;
    while (isTransparentParent(current)) current = current.parent as TSESTree.Node;
    const parent = current.parent;
    if (!parent) return;

    switch (parent.type) {
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression:
        this.trace(parent, [...keys, ...getQueryParameterKeys(parent, current)], depth, embedded || addsText(parent, current));
        return;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.LogicalExpression:
        this.trace(parent, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== current) this.trace(parent, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
          this.trace(parent.parent, [...keys, getKeyName(parent) ?? ''], depth, embedded);
        }
        return;
      case AST_NODE_TYPES.MemberExpression:
        this.traceMember(parent, current, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) this.traceVariable(parent.id, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === current) this.traceAssignment(parent, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.arguments.includes(current as TSESTree.Expression)) this.traceArgument(parent, current, keys, depth, embedded);
        return;
      case AST_NODE_TYPES.ReturnStatement:
        this.traceReturn(parent, getEnclosingFunction(parent), keys, depth, embedded);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === current) this.traceReturn(current, parent, keys, depth, embedded);
        return;
      default:
        return;
    }
  }

  private traceVariable(identifier: TSESTree.Identifier, keys: readonly string[], depth: number, embedded: boolean): void {
    this.names.push(identifier.name);
    for (const reference of getReadReferences(this.scopeManager, identifier)) this.trace(reference, keys, depth + 1, embedded);
  }

  /**
   * `promise.then((token) => ...)`, and the text of a URL object (`url.href`, `url.toString()`); other
   * member reads (`token.length`) are not the token.
   */
  private traceMember(member: TSESTree.MemberExpression, object: TSESTree.Node, keys: readonly string[], depth: number, embedded: boolean): void {
    if (member.object !== object) return;
    const key = getKeyName(member);
    if ((key === 'href' || key === 'toString') && isUrlObject(this.sourceCode, object)) {
      const call = member.parent;
      if (key === 'href') this.trace(member, keys, depth + 1, embedded);
      else if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) this.trace(call, keys, depth + 1, embedded);
      return;
    }
    if (key !== 'then') return;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return;
    const callback = call.arguments[0];
    if (isFunctionNode(callback) && callback.params[0]?.type === AST_NODE_TYPES.Identifier) {
      this.traceVariable(callback.params[0], keys, depth, embedded);
    }
  }

  private traceAssignment(assignment: TSESTree.AssignmentExpression, keys: readonly string[], depth: number, embedded: boolean): void {
    const left = assignment.left;
    if (left.type === AST_NODE_TYPES.Identifier) {
      this.traceVariable(left, keys, depth, embedded);
      return;
    }
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    // Koa: `ctx.body = { token }` and `ctx.response.body = ...`.
    const key = getKeyName(left);
    const objectKind = getRequestObjectKind(this.scopeManager, left.object);
    const isContextBody =
      key === 'body' &&
      (objectKind === 'context' ||
        (left.object.type === AST_NODE_TYPES.MemberExpression &&
          getKeyName(left.object) === 'response' &&
          getRequestObjectKind(this.scopeManager, left.object.object) === 'context'));
    if (isContextBody) this.sinks.push({ kind: 'context-body', node: assignment, keys, embedded });
  }

  private traceArgument(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    keys: readonly string[],
    depth: number,
    embedded: boolean,
  ): void {
    // Hono comes first, because a Hono context looks like Koa's and `c.set(key, value)` sends no header.
    const honoKind = call.type === AST_NODE_TYPES.CallExpression ? getHonoCallKind(this.sourceCode, call, argument) : undefined;
    if (honoKind !== undefined) {
      if (honoKind !== 'context-only') this.sinks.push({ kind: honoKind, node: call, keys, framework: 'hono', embedded });
      return;
    }
    const nextKind = getNextCallKind(this.sourceCode, this.filePath, call, argument, keys);
    if (nextKind !== undefined) {
      this.sinks.push({ kind: nextKind, node: call, keys, framework: 'next', embedded });
      return;
    }
    const kind = classifyCall(this.scopeManager, call, argument, keys);
    if (kind) {
      this.sinks.push({ kind, node: call, keys, embedded });
      return;
    }
    // `new URL(\`/welcome?token=${token}\`, request.url)` carries the token on to where the URL goes.
    if (call.type === AST_NODE_TYPES.NewExpression) {
      if (call.arguments[0] !== argument) return;
      if (isUrlConstructor(this.sourceCode, call)) this.trace(call, keys, depth + 1, embedded);
      // `new URLSearchParams({ token })` turns the key that contains the token into a query parameter.
      const name = keys.at(-1);
      if (isGlobalConstruction(this.sourceCode, call, 'URLSearchParams') && name !== undefined) {
        this.trace(call, [...keys.slice(0, -1), `?${name}`], depth + 1, true);
      }
      return;
    }
    // `String(url)` is the text of the URL.
    if (isStringConversion(this.sourceCode, call, argument)) {
      this.trace(call, keys, depth + 1, embedded);
      return;
    }
    // `url.searchParams.set('token', token)` puts the token into the URL object that `url` holds, so the
    // token is from then on part of a larger value.
    const urlVariable = getSearchParamsOwner(call, argument);
    if (urlVariable) {
      this.traceVariable(urlVariable, [...keys, ...getSearchParamKeys(this.sourceCode, call, urlVariable)], depth + 1, true);
      return;
    }
    // `serialize('token', token)` of the cookie package builds the Set-Cookie value around the token.
    if (findCookieSerializeCalls(this.sourceCode).has(call)) {
      this.trace(call, keys, depth + 1, embedded);
      return;
    }
    // A helper in the same file: follow the token into the matching parameter.
    const helper = resolveCalledFunction(this.scopeManager, call);
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const parameter = helper?.params[index];
    if (parameter?.type === AST_NODE_TYPES.Identifier) this.traceVariable(parameter, keys, depth + 1, embedded);
  }

  private traceReturn(returned: TSESTree.Node, fn: FunctionNode | undefined, keys: readonly string[], depth: number, embedded: boolean): void {
    if (!fn) return;
    const node = returned;
    if (isServerAction(this.sourceCode, fn)) {
      this.sinks.push({ kind: 'handler-return', node, keys, framework: 'next', embedded });
      return;
    }
    if (keys.some((key) => ACCESS_TOKEN_KEYS.has(key.toLowerCase()))) {
      this.sinks.push({ kind: 'access-token-return', node, keys, embedded });
      return;
    }
    if (isRequestHandler(fn) && returnsToClient(fn)) {
      this.sinks.push({ kind: 'handler-return', node, keys, embedded });
      return;
    }
    // Promise callbacks return into the promise: `signAsync(p).then((t) => ({ token: t }))`.
    const callbackCall = fn.parent;
    if (callbackCall?.type === AST_NODE_TYPES.CallExpression && callbackCall.arguments.includes(fn as TSESTree.Expression)) {
      if (getCalleeMethod(callbackCall) === 'then') this.trace(callbackCall, keys, depth + 1, embedded);
      return;
    }
    const callers = findCallers(this.sourceCode, fn);
    for (const caller of callers) this.trace(caller, keys, depth + 1, embedded);
    if (callers.length === 0 && isNestJwtServiceMethod(this.sourceCode, fn)) {
      this.sinks.push({ kind: 'service-return', node, keys, embedded });
    }
  }
}

/** The name of a query or fragment parameter whose value follows: `?token=`, `&state=`, `#access_token=`. */
const QUERY_PARAMETER_END = /[?&#]([\w.-]+)=$/;
/** The start of an absolute URL: a scheme (`https:`) or a protocol-relative `//`. */
const ABSOLUTE_URL_START = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;
/** Properties that hold the URL of the request, which a relative URL resolved against stays on. */
const REQUEST_URL_PROPERTIES = new Set(['url', 'nextUrl', 'origin']);

/**
 * Returns the query parameter that `operand` is the value of in the URL that `parent` (a template
 * literal or a `+` concatenation) builds, as a key with a leading `?`. A `state` parameter counts only in
 * a URL that is not a path of the app itself, because there it is an OAuth state for an identity provider.
 */
function getQueryParameterKeys(parent: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, operand: TSESTree.Node): string[] {
  let textBefore: string | undefined;
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) {
    const index = parent.expressions.indexOf(operand as TSESTree.Expression);
    textBefore = index < 0 ? undefined : (parent.quasis[index]?.value.cooked ?? undefined);
  } else if (parent.operator === '+' && parent.right === operand) {
    textBefore = getTrailingText(parent.left);
  }
  const name = textBefore === undefined ? undefined : QUERY_PARAMETER_END.exec(textBefore)?.[1];
  if (name === undefined || (name === 'state' && isRelativeUrlText(getOutermostUrlText(parent)))) return [];
  return [`?${name}`];
}

/** Returns the fixed text at the end of a string expression: the literal, the last part of a template, the right side of `+`. */
function getTrailingText(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.at(-1)?.value.cooked ?? undefined;
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') return getTrailingText(node.right);
  return undefined;
}

/** Returns the fixed text at the start of a string expression, or undefined when it starts with a value. */
function getLeadingText(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked || undefined;
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') return getLeadingText(node.left);
  return undefined;
}

/** Returns the leading text of the whole string that `node` is part of, climbing out of templates and `+`. */
function getOutermostUrlText(node: TSESTree.Node): string | undefined {
  let outermost = node;
  while (
    outermost.parent?.type === AST_NODE_TYPES.TemplateLiteral ||
    (outermost.parent?.type === AST_NODE_TYPES.BinaryExpression && outermost.parent.operator === '+')
  ) {
    outermost = outermost.parent;
  }
  return getLeadingText(outermost);
}

/** Returns true for URL text that starts as a path, query or fragment of the app (`/welcome?…`, `?a=1`). */
function isRelativeUrlText(text: string | undefined): boolean {
  return text !== undefined && !ABSOLUTE_URL_START.test(text);
}

/** Returns true for `new URL(…)` of the global URL class. */
function isUrlConstructor(sourceCode: TSESLint.SourceCode, call: TSESTree.NewExpression): boolean {
  return isGlobalConstruction(sourceCode, call, 'URL');
}

/** Returns true for `new name(…)` of the global class `name`. */
function isGlobalConstruction(sourceCode: TSESLint.SourceCode, call: TSESTree.NewExpression, name: string): boolean {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === name && isGlobalIdentifier(sourceCode, callee);
}

/**
 * Returns true when `node` is visibly a `URL` or `URLSearchParams` object: the construction itself, a
 * variable it initialises, or a variable set to `request.nextUrl.clone()`.
 */
function isUrlObject(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  let expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(sourceCode.scopeManager, expression)?.defs[0];
    if (definition?.type !== 'Variable' || !definition.node.init) return false;
    expression = skipTypeWrappers(definition.node.init);
  }
  if (expression.type === AST_NODE_TYPES.NewExpression) {
    return isGlobalConstruction(sourceCode, expression, 'URL') || isGlobalConstruction(sourceCode, expression, 'URLSearchParams');
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || getCalleeMethod(expression) !== 'clone') return false;
  const cloned = skipTypeWrappers((skipTypeWrappers(expression.callee) as TSESTree.MemberExpression).object);
  return cloned.type === AST_NODE_TYPES.MemberExpression && getKeyName(cloned) === 'nextUrl';
}

/** Returns true for `String(argument)` of the global `String` when `argument` is a URL object. */
function isStringConversion(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
  const callee = skipTypeWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.Identifier &&
    callee.name === 'String' &&
    isGlobalIdentifier(sourceCode, callee) &&
    call.arguments[0] === argument &&
    isUrlObject(sourceCode, argument)
  );
}

/** Returns `url` for `url.searchParams.set(name, argument)` or `.append(name, argument)`. */
function getSearchParamsOwner(call: TSESTree.CallExpression, argument: TSESTree.Node): TSESTree.Identifier | undefined {
  const method = getCalleeMethod(call);
  if ((method !== 'set' && method !== 'append') || call.arguments[1] !== argument) return undefined;
  const params = skipTypeWrappers((skipTypeWrappers(call.callee) as TSESTree.MemberExpression).object);
  if (params.type !== AST_NODE_TYPES.MemberExpression || getKeyName(params) !== 'searchParams') return undefined;
  const owner = skipTypeWrappers(params.object);
  return owner.type === AST_NODE_TYPES.Identifier ? owner : undefined;
}

/**
 * Returns the key of the parameter that `url.searchParams.set(name, token)` sets. A `state` parameter
 * counts unless `url` is visibly a URL of the app: `request.nextUrl.clone()`, or `new URL(path)` with no
 * base or with the request's URL as its base.
 */
function getSearchParamKeys(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, url: TSESTree.Identifier): string[] {
  const name = getStaticValue(sourceCode.scopeManager, call.arguments[0]);
  if (typeof name !== 'string') return [];
  return name === 'state' && isAppUrl(sourceCode, url) ? [] : [`?${name}`];
}

/** Returns true when `url` is a copy of the request's URL, or a path resolved against it or against nothing. */
function isAppUrl(sourceCode: TSESLint.SourceCode, url: TSESTree.Identifier): boolean {
  const definition = findVariable(sourceCode.scopeManager, url)?.defs[0];
  const init = definition?.type === 'Variable' && definition.node.init ? skipTypeWrappers(definition.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.CallExpression && getCalleeMethod(init) === 'clone') {
    const cloned = skipTypeWrappers((skipTypeWrappers(init.callee) as TSESTree.MemberExpression).object);
    return cloned.type === AST_NODE_TYPES.MemberExpression && getKeyName(cloned) === 'nextUrl';
  }
  if (init?.type !== AST_NODE_TYPES.NewExpression || !isUrlConstructor(sourceCode, init)) return false;
  const [input, base] = init.arguments;
  if (!input || !isRelativeUrlText(getLeadingText(skipTypeWrappers(input)))) return false;
  const baseNode = base && skipTypeWrappers(base);
  return baseNode === undefined || (baseNode.type === AST_NODE_TYPES.MemberExpression && REQUEST_URL_PROPERTIES.has(getKeyName(baseNode) ?? ''));
}

/** Returns true for the OAuth state of a redirect to an identity provider, which is no session. */
function isOAuthState(sink: TokenSink): boolean {
  return sink.kind === 'redirect' && sink.keys.includes('?state');
}

/** Returns true for the return value of a Next.js server action. */
function isServerActionReturn(sink: TokenSink): boolean {
  return sink.kind === 'handler-return' && sink.framework === 'next';
}

const COOKIE_SERIALIZE: TraceMap<true> = { serialize: { [CALL]: true } };
const COOKIE_MODULE: TraceMap<true> = { cookie: { ...COOKIE_SERIALIZE, default: COOKIE_SERIALIZE } };
const serializeCallsByProgram = new WeakMap<TSESTree.Program, ReadonlySet<TSESTree.Node>>();

/** Returns the `serialize(name, value, options)` calls of the cookie package in the file, found once per file. */
function findCookieSerializeCalls(sourceCode: TSESLint.SourceCode): ReadonlySet<TSESTree.Node> {
  const cached = serializeCallsByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
  const calls = new Set<TSESTree.Node>();
  for (const { node } of tracker.iterateCjsReferences(COOKIE_MODULE)) calls.add(node);
  for (const { node } of tracker.iterateEsmReferences(COOKIE_MODULE)) calls.add(node);
  serializeCallsByProgram.set(sourceCode.ast, calls);
  return calls;
}

/** Returns true when `node` only wraps its child without changing its value (`x as T`, `x!`, `(x)`). */
function isTransparentParent(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.TSAsExpression ||
    parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
    parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    parent?.type === AST_NODE_TYPES.TSTypeAssertion ||
    parent?.type === AST_NODE_TYPES.ChainExpression
  );
}

/** Fastify, Nest and Hono handlers send what they return; Express and Koa handlers ignore it. */
function returnsToClient(fn: FunctionNode): boolean {
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return true;
  const [, second] = fn.params;
  const secondName = second?.type === AST_NODE_TYPES.Identifier ? second.name : undefined;
  return fn.async || secondName === 'reply' || secondName === 'rep';
}

function classifyCall(
  scopeManager: ScopeManager,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: TSESTree.Node,
  keys: readonly string[],
): TokenSinkKind | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    return callee.type === AST_NODE_TYPES.Identifier && (callee.name === 'Headers' || callee.name === 'Request') ? 'outgoing-request' : undefined;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return HTTP_CLIENTS.has(callee.name) ? 'outgoing-request' : undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = getKeyName(callee) ?? '';
  const object = skipTypeWrappers(callee.object);

  if (isResponseObject(scopeManager, object)) {
    if (RESPONSE_BODY_METHODS.has(method)) return 'response-body';
    if (COOKIE_METHODS.has(method)) return 'cookie';
    if (RESPONSE_HEADER_METHODS.has(method)) return 'response-header';
    // Express's `res.location(url)` sets the Location header of a redirect.
    if (method === 'redirect' || method === 'location') return 'redirect';
    if (method === 'writeHead') return classifyWriteHeadHeader(call, argument, keys);
    return undefined;
  }
  // Koa: `ctx.cookies.set('token', token)`.
  if (
    method === 'set' &&
    object.type === AST_NODE_TYPES.MemberExpression &&
    getKeyName(object) === 'cookies' &&
    getRequestObjectKind(scopeManager, object.object) === 'context' &&
    call.arguments[1] === argument
  ) {
    return 'cookie';
  }
  // Koa: `ctx.set('Authorization', token)`, `ctx.redirect(url)`.
  if (getRequestObjectKind(scopeManager, object) === 'context') {
    if (method === 'set') return 'response-header';
    if (method === 'redirect') return 'redirect';
  }
  if (isHttpClient(scopeManager, object)) return 'outgoing-request';
  return undefined;
}

/**
 * Classifies the headers object of `res.writeHead(status, headers)` by the header that contains the token:
 * `Set-Cookie` is a response header and `Location` a redirect. Other headers are not followed.
 */
function classifyWriteHeadHeader(call: TSESTree.CallExpression, argument: TSESTree.Node, keys: readonly string[]): TokenSinkKind | undefined {
  const header = keys.at(-1)?.toLowerCase();
  if (call.arguments.indexOf(argument as TSESTree.CallExpressionArgument) < 1 || skipTypeWrappers(argument).type !== AST_NODE_TYPES.ObjectExpression) {
    return undefined;
  }
  if (header === 'set-cookie') return 'response-header';
  if (header === 'location') return 'redirect';
  return undefined;
}

/** `axios.post`, `got.get`, `http.request`, an axios instance created in this file, or `superagent.get(url).set(...)`. */
function isHttpClient(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    if (HTTP_CLIENTS.has(expression.name) || HTTP_CLIENT_MODULES.has(expression.name)) return true;
    const definition = findVariable(scopeManager, expression)?.defs[0];
    if (definition?.type === 'ImportBinding') {
      const declaration = definition.parent;
      return declaration.type === AST_NODE_TYPES.ImportDeclaration && HTTP_CLIENT_MODULES.has(String(declaration.source.value));
    }
    if (definition?.type === 'Variable' && definition.node.init) {
      const init = skipTypeWrappers(definition.node.init);
      // `const api = axios.create(...)`.
      if (init.type === AST_NODE_TYPES.CallExpression && getCalleeMethod(init) === 'create') {
        return isHttpClient(scopeManager, (skipTypeWrappers(init.callee) as TSESTree.MemberExpression).object);
      }
      if (init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require') {
        const moduleId = init.arguments[0];
        return moduleId?.type === AST_NODE_TYPES.Literal && HTTP_CLIENT_MODULES.has(String(moduleId.value));
      }
    }
    return false;
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) return isHttpClient(scopeManager, expression.object);
  if (expression.type === AST_NODE_TYPES.CallExpression) return isHttpClient(scopeManager, expression.callee);
  return false;
}

/** Finds the calls of a function declared in this file: `name(...)`, `this.name(...)`, `schema.methods.name = function` called as `x.name()`. */
function findCallers(sourceCode: TSESLint.SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  const scopeManager = sourceCode.scopeManager;
  const callers: TSESTree.CallExpression[] = [];
  let identifier: TSESTree.Identifier | undefined;
  let memberName: string | undefined;

  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) identifier = fn.id;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) identifier = parent.id;
  else if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
    memberName = getKeyName(parent as TSESTree.Property);
  } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    memberName = getKeyName(parent.left);
  }

  if (identifier) {
    for (const reference of getReadReferences(scopeManager, identifier)) {
      const call = reference.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference) callers.push(call);
    }
    return callers;
  }
  if (memberName === undefined) return callers;
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && getCalleeMethod(node) === memberName) callers.push(node);
  });
  return callers;
}

/** Returns true for a method of a Nest class that signs with an @nestjs/jwt `JwtService`. */
function isNestJwtServiceMethod(sourceCode: TSESLint.SourceCode, fn: FunctionNode): boolean {
  if (fn.parent?.type !== AST_NODE_TYPES.MethodDefinition) return false;
  const classBody = fn.parent.parent;
  return findJwtCalls(sourceCode).some(
    (call) => call.library === '@nestjs/jwt' && call.operation === 'sign' && isInside(call.node, classBody),
  );
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

function getFunctionNames(fn: FunctionNode | undefined): string[] {
  const names: string[] = [];
  for (let current: TSESTree.Node | undefined = fn; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (current.type !== AST_NODE_TYPES.ArrowFunctionExpression && current.id) names.push(current.id.name);
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) names.push(parent.id.name);
    if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
      names.push(getKeyName(parent as TSESTree.Property) ?? '');
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
      names.push(getKeyName(parent.left) ?? '');
    }
    // The route path: `router.post('/reset-password', ...)`.
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      const first = parent.arguments[0];
      if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') names.push(first.value);
    }
  }
  return names;
}

/** Returns true when a name marks a one-shot token: `resetToken`, `verifyEmail`, `/confirm-account`. */
function hasOneShotName(names: readonly string[]): boolean {
  return names.some((name) => {
    const words = splitWords(name);
    return words.some((word) => ONE_SHOT_WORDS.has(word)) || (words.includes('verify') && words.includes('email'));
  });
}

function getAccept(sourceCode: TSESLint.SourceCode, call: JwtCall, filePath: string): JwtSessionAccept | undefined {
  const scopeManager = sourceCode.scopeManager;
  // A token checked against an identity provider's key set is that provider's access token, not a session
  // this app hands out.
  if (call.verifiesWithKeySet || (call.secretNode && isRemoteKeySet(sourceCode, call.secretNode))) return undefined;
  switch (call.operation) {
    case 'middleware': {
      // Hono's `jwt()` keeps the payload in the context (`c.get('jwtPayload')`), not on the request.
      if (call.library === 'hono/jwt') return { kind: 'accept', call };
      const property = call.optionsNode && getStaticValue(scopeManager, getOptionValue(call.optionsNode, call.library === 'koa-jwt' ? 'key' : 'requestProperty'));
      const defaultProperty = call.library === 'koa-jwt' || call.method === 'expressJwt' ? 'user' : 'auth';
      return { kind: 'accept', call, userProperty: typeof property === 'string' ? property : defaultProperty };
    }
    case 'strategy': {
      const source = call.tokenNode ? getExtractorSource(call.tokenNode) : undefined;
      return { kind: 'accept', call, userProperty: 'user', ...(source ? { requestSource: source } : {}) };
    }
    case 'verify':
      return getVerifyAccept(sourceCode, call, filePath);
    default:
      return undefined;
  }
}

function getOptionValue(options: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property && getKeyName(property) === name) return property.value;
  }
  return undefined;
}

/** passport-jwt's `ExtractJwt.fromAuthHeaderAsBearerToken()`, `fromHeader('x')`, `fromUrlQueryParameter('t')`, `fromBodyField('t')`. */
function getExtractorSource(node: TSESTree.Node): RequestSource {
  const expression = skipTypeWrappers(node);
  const method = expression.type === AST_NODE_TYPES.CallExpression ? getCalleeMethod(expression) : undefined;
  const argument = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined;
  const name = argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value.toLowerCase() : undefined;
  const named = name === undefined ? {} : { name };
  if (method === 'fromUrlQueryParameter') return { kind: 'query', node, ...named };
  if (method === 'fromBodyField') return { kind: 'body', node, ...named };
  if (method?.startsWith('fromAuthHeader') === true) return { kind: 'header', node, name: 'authorization' };
  if (method === 'fromHeader') return { kind: 'header', node, ...named };
  return { kind: 'request', node };
}

function getVerifyAccept(sourceCode: TSESLint.SourceCode, call: JwtCall, filePath: string): JwtSessionAccept | undefined {
  const scopeManager = sourceCode.scopeManager;
  const handler = getEnclosingRequestHandler(call.node) ?? getEnclosingFunction(call.node);
  const isDecoratorVerify = call.library === '@fastify/jwt' && call.method === 'jwtVerify';
  const requestSource = isDecoratorVerify ? undefined : getRequestSource(scopeManager, call.tokenNode);
  if (!isDecoratorVerify && !requestSource) return undefined;

  const decodedNames = getDecodedNames(call);
  const userAssignment = handler ? findPayloadAssignment(handler, call, decodedNames, (object) => isRequestStateObject(scopeManager, object)) : undefined;
  const nextCall = handler ? findNextCall(handler) : undefined;

  // Query, body and route parameters also carry one-shot tokens. Such a token is a session only when its
  // payload authenticates the request, because it lands on the request or the middleware calls next().
  if (requestSource && ['query', 'body', 'params'].includes(requestSource.kind)) {
    const names = [...getFunctionNames(handler), ...(requestSource.name === undefined ? [] : [requestSource.name])];
    if ((!userAssignment && !nextCall) || hasOneShotName(names)) return undefined;
  }

  // A webhook signature identifies the service that sends the call. It authenticates a user only when the
  // handler keeps its payload on the request or in the session, or passes the request on as middleware.
  if (requestSource && !userAssignment && !nextCall) {
    const keepsPayload = handler !== undefined && findPayloadAssignment(handler, call, decodedNames, (object) => isRequestSession(scopeManager, object)) !== undefined;
    if (!keepsPayload && isWebhookSignature(requestSource, getHandlerRoute(sourceCode, handler, filePath), readsUserClaim(sourceCode, call))) {
      return undefined;
    }
  }

  const unauthorizedResponse = handler ? findUnauthorizedResponse(scopeManager, handler) : undefined;
  let userProperty: string | undefined;
  if (userAssignment?.left.type === AST_NODE_TYPES.MemberExpression) userProperty = getKeyName(userAssignment.left);
  // @fastify/jwt's `request.jwtVerify()` stores the payload on `request.user`.
  if (userProperty === undefined && isDecoratorVerify) userProperty = 'user';
  return {
    kind: 'accept',
    call,
    ...(handler ? { handler } : {}),
    ...(requestSource ? { requestSource } : {}),
    ...(userAssignment ? { userAssignment } : {}),
    ...(userProperty === undefined ? {} : { userProperty }),
    ...(unauthorizedResponse ? { unauthorizedResponse } : {}),
    ...(nextCall ? { nextCall } : {}),
  };
}

/** Returns the names bound to the decoded payload: the callback's second parameter, or the variable the result is stored in. */
function getDecodedNames(call: JwtCall): Set<string> {
  const names = new Set<string>();
  const callback = call.callbackNode;
  if (isFunctionNode(callback)) {
    const parameter = callback.params[1];
    if (parameter) collectPatternNames(parameter, names);
    return names;
  }
  let current: TSESTree.Node = call.node;
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || isTransparentParent(current)) current = current.parent as TSESTree.Node;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) collectPatternNames(parent.id, names);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) collectPatternNames(parent.left, names);
  return names;
}

function collectPatternNames(pattern: TSESTree.Node, names: Set<string>): void {
  if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
  else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      collectPatternNames(property.type === AST_NODE_TYPES.Property ? property.value : property.argument, names);
    }
  } else if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    for (const element of pattern.elements) if (element) collectPatternNames(element, names);
  } else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) collectPatternNames(pattern.left, names);
}

/**
 * Finds an assignment in the handler to a member of an object that `isTarget` accepts, whose value uses
 * the decoded payload or the verify call: `req.user = decoded` or `req.session.user = decoded`.
 */
function findPayloadAssignment(
  handler: FunctionNode,
  call: JwtCall,
  decodedNames: ReadonlySet<string>,
  isTarget: (object: TSESTree.Node) => boolean,
): TSESTree.AssignmentExpression | undefined {
  let found: TSESTree.AssignmentExpression | undefined;
  forEachNodeIn(handler.body, (node) => {
    if (found || node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
    if (isTarget(node.left.object) && usesDecoded(node.right, call, decodedNames)) found = node;
  });
  return found;
}

/** Returns true for the session of a request or context: `req.session`, `ctx.session`. */
function isRequestSession(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  const session = skipTypeWrappers(node);
  return session.type === AST_NODE_TYPES.MemberExpression && getKeyName(session) === 'session' && getRequestObjectKind(scopeManager, session.object) !== undefined;
}

function isRequestStateObject(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (getRequestObjectKind(scopeManager, expression) === 'request') return true;
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return false;
  const key = getKeyName(expression);
  if (key === 'locals') return isResponseObject(scopeManager, expression.object);
  if (key === 'state') return getRequestObjectKind(scopeManager, expression.object) === 'context';
  return false;
}

function usesDecoded(node: TSESTree.Node, call: JwtCall, decodedNames: ReadonlySet<string>): boolean {
  let uses = false;
  forEachNodeIn(node, (child) => {
    if (child === call.node || (child.type === AST_NODE_TYPES.Identifier && decodedNames.has(child.name))) uses = true;
  });
  return uses;
}

function findNextCall(handler: FunctionNode): TSESTree.CallExpression | undefined {
  const nextParameter = handler.params.find((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'next');
  if (!nextParameter) return undefined;
  let found: TSESTree.CallExpression | undefined;
  forEachNodeIn(handler.body, (node) => {
    if (!found && node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'next' && node.arguments.length === 0) {
      found = node;
    }
  });
  return found;
}

const UNAUTHORIZED_STATUSES = new Set([401, 403]);
const UNAUTHORIZED_EXCEPTIONS = new Set(['UnauthorizedException', 'ForbiddenException', 'UnauthorizedError']);

/** Finds `res.status(401).json(...)`, `res.sendStatus(403)`, `reply.code(401).send()`, `ctx.throw(401)` or `throw new UnauthorizedException()`. */
function findUnauthorizedResponse(scopeManager: ScopeManager, handler: FunctionNode): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  forEachNodeIn(handler.body, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) {
      const argument = node.argument;
      if (argument.type === AST_NODE_TYPES.NewExpression && argument.callee.type === AST_NODE_TYPES.Identifier && UNAUTHORIZED_EXCEPTIONS.has(argument.callee.name)) {
        found = node;
      }
      return;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const method = getCalleeMethod(node);
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined) return;
    const status = getStaticValue(scopeManager, node.arguments[0]);
    const isUnauthorizedStatus = typeof status === 'number' && UNAUTHORIZED_STATUSES.has(status);
    if ((method === 'sendStatus' || method === 'throw') && isUnauthorizedStatus) {
      found = node;
      return;
    }
    // The outermost call of `res.status(401).json(...)`.
    const inner = skipTypeWrappers(callee.object);
    if (
      RESPONSE_BODY_METHODS.has(method) &&
      inner.type === AST_NODE_TYPES.CallExpression &&
      ['status', 'code'].includes(getCalleeMethod(inner) ?? '')
    ) {
      const innerStatus = getStaticValue(scopeManager, inner.arguments[0]);
      if (typeof innerStatus === 'number' && UNAUTHORIZED_STATUSES.has(innerStatus) && isResponseObject(scopeManager, inner)) found = node;
    }
  });
  return found;
}

/** Visits `root` and every node below it in source order, following the child keys of each node. */
function forEachNodeIn(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof (item as TSESTree.Node).type === 'string') children.push(item as TSESTree.Node);
      } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
        children.push(value as TSESTree.Node);
      }
    }
    children.sort((a, b) => b.range[0] - a.range[0]);
    stack.push(...children);
  }
}
