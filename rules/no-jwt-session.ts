import type { TSESLint } from '@typescript-eslint/utils';

import {
  findJwtSessions,
  getMarkedSessionFramework,
  getNonExpressSessionReason,
  isHonoSession,
  getPagesRouterSession,
  type JwtSessionFinding,
  type MarkedSessionFramework,
} from '../src/detectors/jwt-session.js';
import { getManualMigrationReason, SIGNED_IN_USER_REASON } from '../src/detectors/jwt-session-migration.js';
import { mayContainJwtCalls } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];
export type MessageIds =
  | 'issuedSession'
  | 'acceptedSession'
  | 'issuedHonoSession'
  | 'acceptedHonoSession'
  | 'issuedFrameworkSession'
  | 'acceptedFrameworkSession'
  | 'issuedNonExpressSession'
  | 'acceptedNonExpressSession'
  | 'issuedMarkedSession'
  | 'acceptedMarkedSession'
  | 'issuedSignedInUserToken';

/** The server-side session setup to name for each framework whose sites jwt-to-session only marks. */
const SESSION_SETUPS: Readonly<Record<MarkedSessionFramework, string>> = {
  Koa: 'koa-session with an external store',
  Fastify: '@fastify/session with a store',
  Nest: 'express-session set up in main.ts when Nest runs on Express',
  'Next.js': "a random session id stored with `cookies().set()` and the session data in a database, or Auth.js with `session: { strategy: 'database' }`",
  'React Server Components': 'a random session id in an HttpOnly cookie and the session data in a database',
};

/**
 * Pages Router API routes get advice of their own, because they have no `cookies()` from next/headers and set
 * cookies on the Node.js response instead.
 */
const NEXT_API_ROUTE_ADVICE = {
  site: 'This is Next.js API route code (Pages Router). ',
  setup:
    ", such as a random session id in an HttpOnly cookie set with `res.setHeader('Set-Cookie', ...)` and the session data in a database, or Auth.js (NextAuth) with `session: { strategy: 'database' }`",
};
/**
 * The advice for each kind of Pages Router code. A file that API routes may call, in a project with a custom
 * express server, gets the setup advice of the routes.
 */
const PAGES_ROUTER_ADVICE = {
  'api-route': NEXT_API_ROUTE_ADVICE,
  'maybe-api-helper': {
    site: 'This file loads no express in a project that depends on next, so Next.js API routes (Pages Router) may call it. ',
    setup: NEXT_API_ROUTE_ADVICE.setup,
  },
};
const NO_ADVICE = { site: '', setup: '' };

export default createRule<Options, MessageIds>({
  name: 'no-jwt-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow JWTs as login sessions, because a JWT cannot be revoked',
      recommended: true,
      family: 'node',
    },
    messages: {
      issuedSession:
        'This JWT is handed to the client as its login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Use a server-side session (express-session with a store), which `npx eslint-plugin-sessions migrate jwt-to-session` sets up.',
      acceptedSession:
        'This JWT from the request is accepted as a login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Use a server-side session (express-session with a store), which `npx eslint-plugin-sessions migrate jwt-to-session` sets up.',
      issuedHonoSession:
        'This JWT is handed to the client as its login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this login to a server-side session by hand, such as a Hono session middleware with a server-side store. `npx eslint-plugin-sessions migrate jwt-to-session` only marks Hono code for this.',
      acceptedHonoSession:
        'This JWT from the request is accepted as a login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this check to a server-side session by hand, such as a Hono session middleware with a server-side store. `npx eslint-plugin-sessions migrate jwt-to-session` only marks Hono code for this.',
      issuedFrameworkSession:
        'This JWT is handed to the client as its login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this login to a server-side session by hand, such as {{setup}}. `npx eslint-plugin-sessions migrate jwt-to-session` only marks {{framework}} code for this.',
      acceptedFrameworkSession:
        'This JWT from the request is accepted as a login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this check to a server-side session by hand, such as {{setup}}. `npx eslint-plugin-sessions migrate jwt-to-session` only marks {{framework}} code for this.',
      issuedNonExpressSession:
        'This JWT is handed to the client as its login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. {{site}}Move this login to a server-side session by hand{{setup}}; `npx eslint-plugin-sessions migrate jwt-to-session` only marks this code, because it migrates only handlers that run on Express.',
      acceptedNonExpressSession:
        'This JWT from the request is accepted as a login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. {{site}}Move this check to a server-side session by hand{{setup}}; `npx eslint-plugin-sessions migrate jwt-to-session` only marks this code, because it migrates only handlers that run on Express.',
      issuedMarkedSession:
        'This JWT is handed to the client as its login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this login to a server-side session (express-session with a store) by hand. `npx eslint-plugin-sessions migrate jwt-to-session` does not rewrite it and only marks it with this reason: {{reason}}.',
      acceptedMarkedSession:
        'This JWT from the request is accepted as a login session, and a JWT cannot be revoked: logout and password changes leave it valid until it expires. Move this check to a server-side session (express-session with a store) by hand. `npx eslint-plugin-sessions migrate jwt-to-session` does not rewrite it and only marks it with this reason: {{reason}}.',
      issuedSignedInUserToken:
        'This JWT is issued to a user who is already signed in, such as an API key, and a JWT cannot be revoked: deleting the key, logout and password changes leave it valid until it expires. Issue a random key that the server stores and can delete, or keep the lifetime short. `npx eslint-plugin-sessions migrate jwt-to-session` does not rewrite it and only marks it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayContainJwtCalls(sourceCode.text)) return {};

    return {
      'Program:exit'() {
        for (const finding of findJwtSessions(sourceCode, context.filename)) {
          reportFinding(context, finding);
        }
      },
    };
  },
});

/**
 * Hono, Koa, Fastify, Nest and Next.js code get their own messages, because jwt-to-session migrates only
 * Express code and marks the code of these frameworks. Other code that the codemod marks because it is not, or may
 * not be, an Express handler gets a message that names no framework. Examples are hapi and Restify files,
 * `(ctx)` handlers in a file that loads no framework, and files that load express and another framework.
 * Express sites that the codemod marks for another reason get a message with that reason, except tokens
 * issued to a user who is already signed in, whose message calls them no login session.
 */
function reportFinding(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, finding: JwtSessionFinding): void {
  const node = getReportNode(finding);
  const issued = finding.kind === 'issue';
  if (isHonoSession(context.sourceCode, finding)) {
    context.report({ node, messageId: issued ? 'issuedHonoSession' : 'acceptedHonoSession' });
    return;
  }
  const framework = getMarkedSessionFramework(context.sourceCode, finding, context.filename);
  if (framework !== undefined) {
    context.report({ node, messageId: issued ? 'issuedFrameworkSession' : 'acceptedFrameworkSession', data: { framework, setup: SESSION_SETUPS[framework] } });
    return;
  }
  if (getNonExpressSessionReason(context.sourceCode, finding, context.filename) !== undefined) {
    const pagesRouter = getPagesRouterSession(context.sourceCode, finding, context.filename);
    const data = pagesRouter === undefined ? NO_ADVICE : PAGES_ROUTER_ADVICE[pagesRouter];
    context.report({ node, messageId: issued ? 'issuedNonExpressSession' : 'acceptedNonExpressSession', data });
    return;
  }
  const reason = getManualMigrationReason(context.sourceCode, finding, context.filename);
  if (reason === SIGNED_IN_USER_REASON) {
    context.report({ node, messageId: 'issuedSignedInUserToken' });
    return;
  }
  if (reason !== undefined) {
    context.report({ node, messageId: issued ? 'issuedMarkedSession' : 'acceptedMarkedSession', data: { reason } });
    return;
  }
  context.report({ node, messageId: issued ? 'issuedSession' : 'acceptedSession' });
}

/** jose's builder chain spans several lines, so its report starts at `new SignJWT(...)`. */
function getReportNode(finding: JwtSessionFinding) {
  return finding.call.constructNode ?? finding.call.node;
}
