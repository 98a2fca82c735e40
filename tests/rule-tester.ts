import { RuleTester } from '@typescript-eslint/rule-tester';

/**
 * A RuleTester that parses every case with typescript-eslint's parser as an ES module with JSX enabled.
 * It declares no globals on purpose: the rules must find `localStorage`, `window` and `require` without
 * the user's config listing them. Cases choose the file type with `filename` (`file.ts`, `file.tsx`,
 * `file.jsx`) and CommonJS with `languageOptions: { sourceType: 'commonjs' }`.
 */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

/** File names for the same case in each language the plugin supports. */
export const FILENAMES = {
  js: 'file.js',
  jsx: 'file.jsx',
  ts: 'file.ts',
  tsx: 'file.tsx',
  cjs: 'file.cjs',
  mjs: 'file.mjs',
} as const;
