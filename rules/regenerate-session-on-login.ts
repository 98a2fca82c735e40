import { getPassportRangeBeforeRegeneration } from '../src/detectors/passport-version.js';
import { findSessionFixation } from '../src/detectors/session-fixation.js';
import { mayCallLogin, mayWriteSession } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [{ extraIdentityKeys?: string[] }];
export type MessageIds = 'regenerateBeforeLogin' | 'passportKeepsSessionId';

export default createRule<Options, MessageIds>({
  name: 'regenerate-session-on-login',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `req.session.regenerate` before a request handler stores the logged-in user in the session',
      recommended: true,
      family: 'node',
    },
    messages: {
      regenerateBeforeLogin:
        'Call `{{request}}.session.regenerate()` before storing `{{key}}` in the session, and write it inside the callback. Keeping the session id from before login lets an attacker who planted that id use the logged-in session (session fixation).',
      passportKeepsSessionId:
        'The package.json allows passport `{{range}}`, and passport before 0.6 keeps the session id from before login, so an attacker who planted that id can use the logged-in session (session fixation). Upgrade passport to 0.6 or later, or call `{{request}}.session.regenerate()` before the login.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          extraIdentityKeys: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra session keys that hold the logged-in identity, compared case-insensitively.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ extraIdentityKeys: [] }],
  },
  defaultOptions: [{ extraIdentityKeys: [] }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    const mayWrite = mayWriteSession(sourceCode.text);
    if (!mayWrite && !mayCallLogin(sourceCode.text)) return {};
    // A passport login writes the session even in a file that never names it. Reading package.json is
    // cached per folder.
    const passportRange = getPassportRangeBeforeRegeneration(context.filename);
    if (!mayWrite && passportRange === undefined) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        const findings = findSessionFixation(sourceCode, {
          extraIdentityKeys: options.extraIdentityKeys ?? [],
          passportKeepsSessionId: passportRange !== undefined,
        });
        for (const finding of findings) {
          if (finding.reason === 'passportKeepsSessionId') {
            context.report({
              node: finding.node,
              messageId: 'passportKeepsSessionId',
              data: { request: finding.requestName, range: passportRange },
            });
          } else {
            context.report({
              node: finding.node,
              messageId: 'regenerateBeforeLogin',
              data: { request: finding.requestName, key: finding.key },
            });
          }
        }
      },
    };
  },
});
