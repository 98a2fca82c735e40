import { ESLintUtils } from '@typescript-eslint/utils';

import { REPOSITORY_URL } from '../meta.js';

/** Extra `meta.docs` fields that the configs are built from. */
export interface SessionsRuleDocs {
  /** The rule is silent on ordinary code and belongs in `recommended`. */
  recommended: boolean;
  /** Which config family the rule belongs to: front-end code or server code. */
  family: 'browser' | 'node';
  /** The rule uses type information when the project provides it, and works without it. */
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<SessionsRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
