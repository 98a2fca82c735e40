/** Package identity, exposed as `plugin.meta` for ESLint's cache and worker threads. A test keeps it equal to package.json. */
export const PLUGIN_NAME = 'eslint-plugin-sessions';
export const PLUGIN_VERSION = '0.1.0';
export const PLUGIN_NAMESPACE = 'sessions';
export const REPOSITORY_URL = 'https://github.com/eslint-plugin-sessions/eslint-plugin-sessions';
