import type { TSESLint } from '@typescript-eslint/utils';

import noTokenInJsCookie from '../rules/no-token-in-js-cookie.js';
import noTokenInStorage from '../rules/no-token-in-storage.js';
import type { SessionsRuleDocs } from './util/create-rule.js';

/** Every rule of the plugin by its public ID, kept in alphabetical order. */
export const rules = {
  'no-token-in-js-cookie': noTokenInJsCookie,
  'no-token-in-storage': noTokenInStorage,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], SessionsRuleDocs>>;

export type RuleName = keyof typeof rules;
