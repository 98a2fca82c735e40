import type { ESLint, Linter, Rule } from 'eslint';

import { buildConfigs, type ConfigName } from './configs.js';
import { PLUGIN_NAME, PLUGIN_VERSION } from './meta.js';
import { rules } from './rules.js';

/**
 * The plugin in ESLint's own types, so that `defineConfig(sessions.configs.strict)`, `plugins: { sessions }`
 * and typescript-eslint's `config()` accept it without a cast. The rules are written with
 * typescript-eslint's types, which ESLint's `Linter.Config` does not accept.
 */
export interface SessionsPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<keyof typeof rules, Rule.RuleModule>;
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
