import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'bench/', 'examples/', 'tests/fixtures/', 'tests/smoke/', 'docs/'] },
  js.configs.recommended,
  tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The main entry of @typescript-eslint/utils loads its scope manager and ESLint's API classes.
    files: ['src/**/*.ts', 'rules/**/*.ts', 'codemods/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              allowTypeImports: true,
              message:
                'Import values from @typescript-eslint/types, @typescript-eslint/utils/ast-utils or @typescript-eslint/utils/eslint-utils; the main entry costs about 50 ms to load.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce|Prefer)' }],
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/report-message-format': ['error', '^[A-Z`].*[.]$'],
    },
  },
  {
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs.tests],
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
