import type { TSESLint } from '@typescript-eslint/utils';

import { mayContainCookieWrite } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';
import { type CookieFinding, type CookieFindingReason, findJsCookieCredentials } from '../src/detectors/js-cookie.js';

export type Options = [{ extraNamePatterns?: string[]; allowedNames?: string[] }];
export type MessageIds = 'credentialCookieWrite' | 'credentialCookieRemoval';

/** Explains, per reason, why the cookie counts as a credential. A persisted store names its state instead. */
const EVIDENCE: Record<Exclude<CookieFindingReason, 'persisted-store-state'>, string> = {
  name: 'its name is a credential name',
  value: 'its value is a credential',
  'same-name-as-credential-write': 'this file writes a credential to a cookie of the same name',
};

const API_NAMES: Record<CookieFinding['api'], string> = {
  'document.cookie': '`document.cookie`',
  'js-cookie': 'js-cookie',
  'universal-cookie': 'universal-cookie',
  'react-cookie': 'react-cookie',
  nookies: 'nookies',
};

export default createRule<Options, MessageIds>({
  name: 'no-token-in-js-cookie',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing login credentials to cookies from JavaScript',
      recommended: true,
      family: 'browser',
    },
    schema: [
      {
        type: 'object',
        properties: {
          extraNamePatterns: {
            type: 'array',
            items: { type: 'string', format: 'regex' },
            description: 'Regular expressions (case-insensitive) for further cookie names that hold credentials.',
          },
          allowedNames: {
            type: 'array',
            items: { type: 'string' },
            description: 'Cookie names that are never reported, compared case-insensitively.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ extraNamePatterns: [], allowedNames: [] }],
    messages: {
      credentialCookieWrite:
        'A login credential is written to a cookie through {{api}} ({{evidence}}). A cookie set by JavaScript cannot be HttpOnly, so any script on the page can read it; let the server set the session cookie with `HttpOnly`, `Secure` and `SameSite` instead.',
      credentialCookieRemoval:
        'A credential cookie is deleted through {{api}} ({{evidence}}), which means JavaScript can read it and logging out this way leaves the session valid on the server. Let the server set the session cookie with `HttpOnly` and end the session in its logout route.',
    },
  },
  defaultOptions: [{ extraNamePatterns: [], allowedNames: [] }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    if (!mayContainCookieWrite(sourceCode.text)) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        for (const finding of findJsCookieCredentials(sourceCode as TSESLint.SourceCode, options)) {
          context.report({
            node: finding.node,
            messageId: finding.kind === 'remove' ? 'credentialCookieRemoval' : 'credentialCookieWrite',
            data: { api: API_NAMES[finding.api], evidence: getEvidence(finding) },
          });
        }
      },
    };
  },
});

function getEvidence(finding: CookieFinding): string {
  if (finding.reason !== 'persisted-store-state') return EVIDENCE[finding.reason];
  const store = finding.persistedStore;
  return `\`${store?.plugin ?? 'a persisted-state plugin'}\` writes the store state \`${store?.state ?? ''}\` through the \`setItem\` of its storage object`;
}
