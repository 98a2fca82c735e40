import type { TSESLint } from '@typescript-eslint/utils';

import type { SessionsRuleDocs } from './util/create-rule.js';

/** Every rule of the plugin by its public ID, kept in alphabetical order. */
export const rules = {} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], SessionsRuleDocs>>;

export type RuleName = keyof typeof rules;
