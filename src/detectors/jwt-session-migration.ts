/**
 * Decides which JWT session sites the jwt-to-session codemod marks for a manual migration instead of
 * rewriting them, and why. The codemod takes its marker reasons from here, and no-jwt-session uses the same
 * result to say that the codemod only marks a site. The codemod may still mark a site that this module
 * passes, for reasons it finds only while it plans the rewrite. Such reasons are a token that other code
 * also uses, a response body that is the token itself, and a sign call under a condition inside one
 * statement.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { forEachNode, getCalleeName, getStaticValue, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { isEmbeddedInBody } from './embedded-token.js';
import {
  getNextSessionReason,
  getNonExpressSessionReason,
  isMethod,
  traceTokenSinks,
  type JwtSessionAccept,
  type JwtSessionFinding,
  type TokenSink,
  type TokenSinkKind,
} from './jwt-session.js';
import { describeUnregisteredHandler, findNextCustomServerApp, isAfterCreation, isRegisteredAfterCreation } from './next-custom-server.js';
import { getRequestObjectKind, isRequestHandler, type FunctionNode } from './request-handler.js';
import { hasDestructuredRequest, isExpressHandler } from './server-framework.js';
import { getMissingSetupReason } from './session-setup.js';
import { isIssuedToSignedInUser } from './signed-in-user-token.js';

type SourceCode = TSESLint.SourceCode;

/** The reason to mark a sign call that issues a token to a user who is already signed in, such as an API key. */
export const SIGNED_IN_USER_REASON =
  'the token is issued to a user who is already signed in, e.g. an API key; sessions do not replace it, so keep it as a revocable API key or migrate it by hand';

/**
 * The reason to mark a sign call in a login that hands out a refresh token next to its access token. The
 * login itself stays: a session replaces both tokens.
 */
export const LOGIN_WITH_REFRESH_TOKEN_REASON =
  'this login also hands out a refresh token; with a session neither token is needed, so store the payload in req.session and stop sending the refresh token, by hand';

/** Sinks a migrated login may send its token to: the response body, a response header or a cookie. */
const MIGRATED_SINKS = new Set<TokenSinkKind>(['response-body', 'response-header', 'cookie']);

const SINK_DESCRIPTIONS: Readonly<Record<TokenSinkKind, string>> = {
  'response-body': 'the response body',
  'response-header': 'a response header',
  cookie: 'a cookie',
  'context-body': 'a Koa context body',
  redirect: 'a redirect URL',
  'handler-return': 'the return value of the handler',
  'access-token-return': 'a returned access_token field',
  'service-return': 'the return value of a helper function',
  'outgoing-request': 'an outgoing request',
};

/**
 * Returns the reason the jwt-to-session codemod marks a site for a manual migration, or undefined when the
 * codemod goes on to plan a rewrite of it. The reasons cover passport-jwt, the JWT packages of other
 * frameworks, Next.js and other code that is not an Express handler, and jose calls. They also cover sites
 * outside a request handler, handlers that destructure their request, refresh tokens, tokens read from a
 * request property that earlier code sets, and tokens that leave through a place the codemod does not rewrite.
 * On a Next.js custom server they cover the logins, checks and express-jwt guards that the session setup
 * after the app's creation may not cover. In a file whose app gets no session setup from the codemod and
 * that shows no other session middleware, they cover the logins, checks and guards that would need one.
 */
export function getManualMigrationReason(sourceCode: SourceCode, finding: JwtSessionFinding, filePath: string): string | undefined {
  const { library, operation } = finding.call;
  if (library === 'passport-jwt') {
    return 'passport-jwt reads a JWT on every request; replace this strategy with passport.session() and serializeUser/deserializeUser';
  }
  if (library === 'koa-jwt' || library === '@fastify/jwt' || library === '@nestjs/jwt' || library === 'hono/jwt') {
    return `${library} is not migrated (only Express servers are); move this app to server-side sessions by hand`;
  }
  const nextReason = getNextSessionReason(sourceCode, finding, filePath);
  if (nextReason !== undefined) return nextReason;
  const handler = finding.handler && !isMethod(finding.handler) ? finding.handler : undefined;
  if (library === 'jose' && (operation === 'sign' || operation === 'verify') && handler) {
    return 'jose calls are not migrated; replace this JWT with express-session by hand';
  }
  const app = findNextCustomServerApp(sourceCode);
  // A guard created after the app's setup can only be registered after it, whatever it is registered on.
  if (library === 'express-jwt' && operation === 'middleware' && app && !isAfterCreation(app, finding.call.node)) {
    return describeUnregisteredHandler(app, 'check');
  }
  if (library === 'express-jwt' && operation === 'middleware') return getMissingSetupReason(sourceCode, filePath, 'check');
  if (library !== 'jsonwebtoken' || (operation !== 'sign' && operation !== 'verify')) return undefined;
  const nonExpressReason = getNonExpressSessionReason(sourceCode, finding, filePath);
  if (nonExpressReason !== undefined) return nonExpressReason;
  if (!handler) return `the JWT is handled ${describeSiteOutsideRewritableFunction(finding)}; move it to server-side sessions by hand`;
  const handlerReason = getHandlerReason(sourceCode, finding, handler, filePath);
  if (handlerReason !== undefined) return handlerReason;
  if (app && !isRegisteredAfterCreation(sourceCode, app, handler)) return describeUnregisteredHandler(app, operation === 'sign' ? 'login' : 'check');
  return getMissingSetupReason(sourceCode, filePath, operation === 'sign' ? 'login' : 'check');
}

/** Returns the reason to mark a jsonwebtoken site inside a function that the codemod can rewrite. */
function getHandlerReason(sourceCode: SourceCode, finding: JwtSessionFinding, handler: FunctionNode, filePath: string): string | undefined {
  const operation = finding.call.operation;
  if (!isRequestHandler(handler)) {
    return operation === 'sign'
      ? 'the token is signed in a helper outside the request handler; store its payload in req.session in the handler by hand'
      : 'the token is verified in a helper outside the request handler; check req.session in the handler by hand';
  }
  if (hasDestructuredRequest(handler)) {
    return 'the handler destructures its request parameter, so the codemod has no req to add the session to; give the parameter a name such as req and rerun';
  }
  if (!isExpressHandler(handler)) {
    return 'the handler does not take an Express request and response (req, res), and this codemod migrates only Express handlers';
  }
  if (isRefreshTokenSite(sourceCode, handler)) {
    // A handler that mentions a refresh token but verifies no JWT and serves no refresh route signs the user in.
    if (operation === 'sign' && !isRefreshEndpoint(sourceCode, handler)) return LOGIN_WITH_REFRESH_TOKEN_REASON;
    return 'refresh-token endpoint: sessions make refresh tokens unnecessary, so remove or rewrite it by hand';
  }
  if (finding.kind === 'accept' && isStoredRequestProperty(sourceCode, finding)) {
    const property = describeCode(sourceCode, finding.call.tokenNode as TSESTree.Node);
    return `the token is read from ${property}, which earlier code sets from the request. That code still runs after the migration and can fail or reject the request when no token is sent, so replace it and this check with req.session by hand`;
  }
  if (finding.kind !== 'issue') return undefined;
  // A reason about where the token goes is more specific than this one, as for a link meant for another service.
  const issueReason = getIssueReason(sourceCode, finding.call, finding.sinks, filePath);
  if (issueReason === undefined && isIssuedToSignedInUser(sourceCode, finding.call.node, handler)) return SIGNED_IN_USER_REASON;
  return issueReason;
}

/** Returns the reason to mark a login whose token leaves through a place or in a form the codemod does not rewrite. */
function getIssueReason(sourceCode: SourceCode, call: JwtSessionFinding['call'], sinks: readonly TokenSink[], filePath: string): string | undefined {
  if (traceTokenSinks(sourceCode, call, filePath).some((sink) => sink.kind === 'outgoing-request')) {
    return 'the token is also sent to another service, which would lose it; migrate this login by hand';
  }
  if (sinks.some(isEmbeddedInBody)) {
    return 'the token is part of a URL or other text in the response body, so it may be meant for another service (a signed embed or download link); if it is a login, store the payload in req.session by hand';
  }
  // The Set-Cookie value may set other cookies too (`[token cookie, theme cookie]`), so it is not removed.
  if (sinks.some((sink) => isSetCookieHeader(sourceCode, sink))) {
    return "the token is set as a cookie through a raw Set-Cookie header, which this codemod does not rewrite; remove the token's cookie from that header and store the payload in req.session by hand";
  }
  const other = sinks.find((sink) => !MIGRATED_SINKS.has(sink.kind));
  if (other) return `the token leaves through ${SINK_DESCRIPTIONS[other.kind]}, which the codemod does not rewrite`;
  if (call.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [payload] = call.node.arguments;
  if (!payload || payload.type === AST_NODE_TYPES.SpreadElement) {
    return 'the signed payload is not a plain argument, so it cannot be moved into the session';
  }
  if (call.node.arguments.some((argument) => isFunctionNode(argument))) {
    return 'callback-style jwt.sign is not migrated; store the payload in req.session after req.session.regenerate by hand';
  }
  return undefined;
}

/**
 * Describes where a site is when the codemod has no function around it to rewrite. A method is such a
 * place, because babel parses it as one `ClassMethod` or `ObjectMethod` node that starts at the key or a
 * modifier. The detector's `FunctionExpression` starts at the parameters, so no babel node matches it.
 */
function describeSiteOutsideRewritableFunction(finding: JwtSessionFinding): string {
  const owner = finding.handler?.parent;
  if (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.TSAbstractMethodDefinition) {
    return 'in a class method, which the codemod does not rewrite';
  }
  if (owner?.type === AST_NODE_TYPES.Property && (owner.method || owner.kind !== 'init')) {
    return 'in an object-literal method, which the codemod does not rewrite';
  }
  if (finding.handler) return 'in a function the codemod cannot rewrite';

  let child: TSESTree.Node = finding.call.node;
  for (let node: TSESTree.Node | undefined = child.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.StaticBlock) return 'in a class static block, outside any function';
    if (node.type === AST_NODE_TYPES.Decorator) return 'in a decorator, outside any function';
    if ((node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.AccessorProperty) && node.value === child) {
      return 'in a class field initializer, outside any function';
    }
    child = node;
  }
  return 'at the top level of the file, outside any function';
}

/** True for a response header sink that writes `Set-Cookie`: `res.setHeader('Set-Cookie', …)` or `res.set({ 'Set-Cookie': … })`. */
function isSetCookieHeader(sourceCode: SourceCode, sink: TokenSink): boolean {
  if (sink.kind !== 'response-header') return false;
  if (sink.keys.some((key) => key.toLowerCase() === 'set-cookie')) return true;
  if (sink.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getStaticValue(sourceCode.scopeManager, sink.node.arguments[0]);
  return typeof name === 'string' && name.toLowerCase() === 'set-cookie';
}

/**
 * Returns true when the lifetime of a sign call is how long the app means a login session to last, so the
 * codemod may take the cookie maxAge from it. That is not the case for the new access token of a refresh
 * endpoint or for a token issued to a user who is already signed in. A login that hands out a refresh
 * token next to its access token still counts.
 */
export function statesSessionLifetime(sourceCode: SourceCode, finding: JwtSessionFinding): boolean {
  if (finding.kind !== 'issue' || finding.call.operation !== 'sign') return false;
  const handler = finding.handler && !isMethod(finding.handler) ? finding.handler : undefined;
  if (!handler || !isRequestHandler(handler)) return true;
  return !isRefreshEndpoint(sourceCode, handler) && !isIssuedToSignedInUser(sourceCode, finding.call.node, handler);
}

/** True when a handler serves a refresh route, or reads a refresh token and verifies a JWT. */
function isRefreshEndpoint(sourceCode: SourceCode, handler: FunctionNode): boolean {
  if (/refresh/i.test(getRouteOfHandler(handler) ?? '')) return true;
  if (!/refresh/i.test(sourceCode.text.slice(...handler.range))) return false;
  let verifies = false;
  forEachNode(handler.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && /^(?:verify|jwtVerify)(?:Async)?$/.test(getCalleeName(node) ?? '')) verifies = true;
  });
  return verifies;
}

/** True when the handler of a sign or verify call serves a refresh-token route or handles a refresh token. */
function isRefreshTokenSite(sourceCode: SourceCode, handler: FunctionNode): boolean {
  const handlerText = sourceCode.text.slice(...handler.range);
  const route = getRouteOfHandler(handler);
  return /refresh/i.test(route ?? '') || /refresh[_-]?token/i.test(handlerText);
}

function getRouteOfHandler(fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const first = parent.arguments[0];
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
}

/**
 * Returns true when the verified token is a property that earlier code set on the request, as in
 * `jwt.verify(req.token, ...)` after `req.token = req.headers.authorization.split(' ')[1]`. The read of
 * the request then lies outside the call.
 */
function isStoredRequestProperty(sourceCode: SourceCode, finding: JwtSessionAccept): boolean {
  const token = finding.call.tokenNode && skipTypeWrappers(finding.call.tokenNode);
  const source = finding.requestSource?.node;
  if (token?.type !== AST_NODE_TYPES.MemberExpression || !source) return false;
  if (getRequestObjectKind(sourceCode.scopeManager, token.object) !== 'request') return false;
  return source.range[0] < token.range[0] || source.range[1] > token.range[1];
}

/** Returns the code of `node` on one line, shortened to 50 characters, in backquotes for a marker reason. */
export function describeCode(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return `\`${text.length > 50 ? `${text.slice(0, 47)}...` : text}\``;
}
