// ESLint config of the benchmark and the scan. `SESSIONS_BENCH_ARM` picks the rules on top of a common
// base (parsers, source types and globals for the corpus laid out by lib/corpus.mjs):
//   baseline             @eslint/js recommended
//   strict               baseline + every rule of eslint-plugin-sessions (the copy lib/stage-plugin.mjs installs)
//   strict-reversed      strict with our rules listed in reverse order, for the per-rule times only
//   browser-jwt-security baseline + the storage and cookie rules of eslint-plugin-browser-security
//                        + every rule of eslint-plugin-jwt-security
//   sonarjs              baseline + the JWT, cookie, session and hard-coded credential rules of eslint-plugin-sonarjs
//   security             baseline + the one eslint-plugin-security rule about credentials (timing-safe comparison)
//   sessions-only        every rule of eslint-plugin-sessions and nothing else (the scan)
// Patterns start with `**/` or `*/` because the config is passed with `--config` while ESLint runs in the corpus root.
// Each arm imports only the plugins it uses, so no arm pays for loading another arm's plugins.
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';

const LINTED_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** The rules of the peer plugins that look at the same problems as eslint-plugin-sessions. */
export const PEER_RULES = {
  'browser-jwt-security': [
    'browser-security/no-sensitive-localstorage',
    'browser-security/no-jwt-in-storage',
    'browser-security/no-sensitive-sessionstorage',
    'browser-security/no-sensitive-indexeddb',
    'browser-security/no-sensitive-cookie-js',
    'browser-security/no-cookie-auth-tokens',
    'browser-security/require-cookie-secure-attrs',
    'jwt-security/no-algorithm-none',
    'jwt-security/no-algorithm-confusion',
    'jwt-security/require-algorithm-whitelist',
    'jwt-security/no-decode-without-verify',
    'jwt-security/no-weak-secret',
    'jwt-security/require-expiration',
    'jwt-security/no-hardcoded-secret',
    'jwt-security/require-issued-at',
    'jwt-security/require-issuer-validation',
    'jwt-security/require-audience-validation',
    'jwt-security/no-timestamp-manipulation',
    'jwt-security/require-max-age',
    'jwt-security/no-sensitive-payload',
  ],
  sonarjs: [
    'sonarjs/insecure-jwt-token',
    'sonarjs/session-regeneration',
    'sonarjs/cookie-no-httponly',
    'sonarjs/insecure-cookie',
    'sonarjs/no-session-cookies-on-static-assets',
    'sonarjs/no-hardcoded-passwords',
    'sonarjs/no-hardcoded-secrets',
    'sonarjs/hardcoded-secret-signatures',
  ],
  security: ['security/detect-possible-timing-attacks'],
};

const base = [
  { files: LINTED_FILES },
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  },
  { files: ['*/sourcetype-commonjs/**'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  { files: ['**/*.{jsx,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];

const PEER_PLUGINS = {
  'browser-jwt-security': {
    'browser-security': 'eslint-plugin-browser-security',
    'jwt-security': 'eslint-plugin-jwt-security',
  },
  sonarjs: { sonarjs: 'eslint-plugin-sonarjs' },
  security: { security: 'eslint-plugin-security' },
};

async function importDefault(specifier) {
  const module = await import(specifier);
  return module.default ?? module;
}

async function peerConfig(arm) {
  const plugins = {};
  for (const [namespace, specifier] of Object.entries(PEER_PLUGINS[arm])) {
    plugins[namespace] = await importDefault(specifier);
  }
  return { plugins, rules: Object.fromEntries(PEER_RULES[arm].map((rule) => [rule, 'error'])) };
}

async function sessionsStrict() {
  return (await importDefault('eslint-plugin-sessions')).configs.strict;
}

/**
 * Returns `strict` with our rules in reverse order. ESLint creates a file's rules in config order, and the
 * first of ours meets the file's text and the shared text checks while they are cold. This order shows what
 * each rule costs when another rule of ours comes first.
 */
async function sessionsStrictReversed() {
  const strict = await sessionsStrict();
  return { ...strict, rules: Object.fromEntries(Object.entries(strict.rules).reverse()) };
}

const ARMS = {
  baseline: async () => [js.configs.recommended],
  strict: async () => [js.configs.recommended, await sessionsStrict()],
  'strict-reversed': async () => [js.configs.recommended, await sessionsStrictReversed()],
  'browser-jwt-security': async () => [js.configs.recommended, await peerConfig('browser-jwt-security')],
  sonarjs: async () => [js.configs.recommended, await peerConfig('sonarjs')],
  security: async () => [js.configs.recommended, await peerConfig('security')],
  'sessions-only': async () => [await sessionsStrict()],
};

const arm = process.env.SESSIONS_BENCH_ARM ?? 'baseline';
if (!(arm in ARMS)) {
  throw new Error(`Unknown SESSIONS_BENCH_ARM '${arm}'. Valid arms: ${Object.keys(ARMS).join(', ')}.`);
}

export default [...base, ...(await ARMS[arm]())];
