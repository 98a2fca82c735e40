import type { TSESLint } from '@typescript-eslint/utils';

import { PLUGIN_NAMESPACE } from './meta.js';
import type { SessionsRuleDocs } from './util/create-rule.js';

type FlatConfig = TSESLint.FlatConfig.Config;
type RuleMap = Record<string, { meta: { docs?: SessionsRuleDocs & { description: string } } }>;

/** The file types every config applies to, so `.ts` and `.tsx` files are linted without a separate entry. */
export const LINTED_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

export type ConfigName = 'recommended' | 'strict' | 'browser' | 'node';

/**
 * Builds the flat configs from each rule's `meta.docs`: `recommended` contains the rules that stay silent on
 * ordinary code, `strict` every rule, and `browser` and `node` the recommended rules of one family each.
 */
export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: RuleMap): Record<ConfigName, FlatConfig> {
  const select = (name: ConfigName, include: (docs: SessionsRuleDocs) => boolean): FlatConfig => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    files: LINTED_FILES,
    // ESLint's default parser rejects JSX unless asked, even in `.jsx` files. typescript-eslint ignores the
    // flag for the file types it knows, so `.ts` files still read `<T>x` as a type assertion.
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs !== undefined && include(rule.meta.docs))
        .map(([ruleName]) => [`${PLUGIN_NAMESPACE}/${ruleName}`, 'error' as const]),
    ),
  });

  return {
    recommended: select('recommended', (docs) => docs.recommended),
    strict: select('strict', () => true),
    browser: select('browser', (docs) => docs.recommended && docs.family === 'browser'),
    node: select('node', (docs) => docs.recommended && docs.family === 'node'),
  };
}
