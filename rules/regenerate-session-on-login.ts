import { findSessionFixation } from '../src/detectors/session-fixation.js';
import { mayWriteSession } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [{ extraIdentityKeys?: string[] }];
export type MessageIds = 'regenerateBeforeLogin';

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
    if (!mayWriteSession(sourceCode.text)) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        const findings = findSessionFixation(sourceCode, { extraIdentityKeys: options.extraIdentityKeys ?? [] });
        for (const finding of findings) {
          context.report({
            node: finding.node,
            messageId: 'regenerateBeforeLogin',
            data: { request: finding.requestName, key: finding.key },
          });
        }
      },
    };
  },
});
