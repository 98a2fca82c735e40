import { findJwtCalls, type JwtCall } from '../src/detectors/jwt-library.js';
import { findJwtSessions } from '../src/detectors/jwt-session.js';
import { mayContainJwtCalls } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];
export type MessageIds = 'preferPaseto';

/** Operations that sign or verify a token; decoding and module setup are left to other rules. */
const REPORTED_OPERATIONS = new Set<JwtCall['operation']>(['sign', 'verify', 'middleware', 'strategy']);

export default createRule<Options, MessageIds>({
  name: 'prefer-paseto',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer PASETO v4 over JWT for short-lived signed tokens',
      recommended: false,
      family: 'node',
    },
    messages: {
      preferPaseto:
        'Prefer PASETO v4 (the `paseto` package) for short-lived signed tokens. A JWT names its own algorithm, and that choice has caused signature bypasses that PASETO rules out.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayContainJwtCalls(sourceCode.text)) return {};

    return {
      'Program:exit'() {
        // no-jwt-session reports the session tokens with a stronger message.
        const sessionCalls = new Set(findJwtSessions(sourceCode, context.filename).map((finding) => finding.call.node));
        for (const call of findJwtCalls(sourceCode)) {
          if (!REPORTED_OPERATIONS.has(call.operation) || sessionCalls.has(call.node)) continue;
          context.report({ node: call.constructNode ?? call.node, messageId: 'preferPaseto' });
        }
      },
    };
  },
});
