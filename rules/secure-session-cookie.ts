import type { TSESLint } from '@typescript-eslint/utils';

import { findInsecureCookies, type CookieFlagProblem, type InsecureCookieFinding } from '../src/detectors/session-cookie-flags.js';
import { mayCallResCookie, mayUseSessionLibrary } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [
  {
    allowSameSiteNone?: boolean;
    extraCredentialPatterns?: string[];
    allowedCookieNames?: string[];
  },
];
export type MessageIds = 'insecureCookie' | 'setSafeFlags';

const COOKIE_LABELS: Record<InsecureCookieFinding['source'], string> = {
  'express-session': 'the express-session cookie',
  'cookie-session': 'the cookie-session cookie',
  'res.cookie': 'this credential cookie',
};

export default createRule<Options, MessageIds>({
  name: 'secure-session-cookie',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `secure`, `httpOnly` and `sameSite` flags on session and credential cookies',
      recommended: true,
      family: 'node',
    },
    hasSuggestions: true,
    messages: {
      insecureCookie:
        'Set safe flags on {{cookie}}: {{problems}}. As it is, the cookie can {{risks}}.',
      setSafeFlags: 'Set {{flags}}.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allowSameSiteNone: {
            type: 'boolean',
            description: 'Accept `sameSite: "none"`, for cookies that must be sent with cross-site requests.',
          },
          extraCredentialPatterns: {
            type: 'array',
            items: { type: 'string', format: 'regex' },
            description: 'Extra regular expressions (case-insensitive) for `res.cookie` names and values that hold credentials.',
          },
          allowedCookieNames: {
            type: 'array',
            items: { type: 'string' },
            description: 'Cookie and variable names that never count as credentials in `res.cookie` calls.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowSameSiteNone: false, extraCredentialPatterns: [], allowedCookieNames: [] }],
  },
  defaultOptions: [{ allowSameSiteNone: false, extraCredentialPatterns: [], allowedCookieNames: [] }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    if (!mayUseSessionLibrary(sourceCode.text) && !mayCallResCookie(sourceCode.text)) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        const findings = findInsecureCookies(sourceCode, {
          allowSameSiteNone: options.allowSameSiteNone ?? false,
          credentialNames: {
            extraPatterns: options.extraCredentialPatterns ?? [],
            allowedNames: options.allowedCookieNames ?? [],
          },
        });
        for (const finding of findings) {
          const edits = finding.edits;
          context.report({
            node: finding.node,
            messageId: 'insecureCookie',
            data: {
              cookie: finding.cookieName === undefined ? COOKIE_LABELS[finding.source] : `the \`${finding.cookieName}\` cookie`,
              problems: finding.problems.map(describeProblem).join(', '),
              risks: joinWithOr(finding.problems.map((problem) => FLAG_RISKS[problem.flag])),
            },
            suggest: edits
              ? [
                  {
                    messageId: 'setSafeFlags',
                    data: { flags: finding.problems.map((problem) => `\`${problem.flag}\``).join(', ') },
                    fix: (fixer): TSESLint.RuleFix[] =>
                      edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text)),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});

/** The risk of each missing or unsafe flag, as the end of the sentence "the cookie can …". */
const FLAG_RISKS: Record<CookieFlagProblem['flag'], string> = {
  secure: 'travel over plain HTTP',
  httpOnly: 'be read by scripts',
  sameSite: 'be sent with cross-site requests',
};

function joinWithOr(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1) ?? ''}`;
}

function describeProblem(problem: CookieFlagProblem): string {
  if (problem.kind === 'missing') return `\`${problem.flag}\` is not set`;
  return problem.flag === 'sameSite' ? '`sameSite` allows cross-site requests' : `\`${problem.flag}\` is false`;
}
