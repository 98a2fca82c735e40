import type { TSESLint } from '@typescript-eslint/utils';

import { findJwtSessions, isHonoSession, type JwtSessionFinding } from '../src/detectors/jwt-session.js';
import { mayContainJwtCalls } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];
export type MessageIds = 'issuedSession' | 'acceptedSession' | 'issuedHonoSession' | 'acceptedHonoSession';

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
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayContainJwtCalls(sourceCode.text)) return {};

    return {
      'Program:exit'() {
        for (const finding of findJwtSessions(sourceCode)) {
          context.report({ node: getReportNode(finding), messageId: getMessageId(sourceCode, finding) });
        }
      },
    };
  },
});

/** Hono code gets its own messages, because jwt-to-session migrates only Express code and marks Hono code. */
function getMessageId(sourceCode: TSESLint.SourceCode, finding: JwtSessionFinding): MessageIds {
  if (isHonoSession(sourceCode, finding)) return finding.kind === 'issue' ? 'issuedHonoSession' : 'acceptedHonoSession';
  return finding.kind === 'issue' ? 'issuedSession' : 'acceptedSession';
}

/** jose's builder chain spans several lines, so its report starts at `new SignJWT(...)`. */
function getReportNode(finding: JwtSessionFinding) {
  return finding.call.constructNode ?? finding.call.node;
}
