import type { ESLint, Linter, Rule } from 'eslint';

import { buildConfigs, type ConfigName } from './configs.js';
import { PLUGIN_NAME, PLUGIN_VERSION } from './meta.js';
import { rules } from './rules.js';

type Rules = typeof rules;

/**
 * The plugin in ESLint's own types, so that `defineConfig(sessions.configs.strict)`, `plugins: { sessions }`
 * and typescript-eslint's `config()` accept it without a cast. Each rule also keeps its typescript-eslint
 * type (the `meta.docs` fields, `defaultOptions`). That type alone does not fit ESLint's `Linter.Config`.
 */
export interface SessionsPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: { [Name in keyof Rules]: Rules[Name] & Rule.RuleModule };
  configs: Record<ConfigName, Linter.Config>;
}

const plugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
};
plugin.configs = buildConfigs(plugin, rules);

export type { ConfigName };
export default plugin as unknown as SessionsPlugin;
