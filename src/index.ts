import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, type ConfigName } from './configs.js';
import { PLUGIN_NAME, PLUGIN_VERSION } from './meta.js';
import { rules } from './rules.js';

type FlatConfig = TSESLint.FlatConfig.Config;

interface SessionsPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, FlatConfig>;
}

const plugin: SessionsPlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};
plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export type { ConfigName };
export default plugin;
