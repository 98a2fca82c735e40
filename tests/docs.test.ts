import { existsSync, readFileSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { extractDocExamples } from './doc-examples.js';

const FILE_BY_LANGUAGE: Record<string, string> = {
  js: 'example.js',
  javascript: 'example.js',
  jsx: 'example.jsx',
  ts: 'example.ts',
  typescript: 'example.ts',
  tsx: 'example.tsx',
};

function lintExample(ruleName: string, code: string, language: string, options: unknown[]): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const isModule = /^\s*(import|export)\s/m.test(code);
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,ts,tsx}'],
        plugins: { sessions: plugin },
        languageOptions: {
          parser: tsParser,
          sourceType: isModule ? 'module' : 'commonjs',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        rules: { [`sessions/${ruleName}`]: ['error', ...options] },
      },
    ],
    FILE_BY_LANGUAGE[language] ?? 'example.js',
  );
}

describe.each(Object.keys(plugin.rules))('docs/rules/%s.md', (ruleName) => {
  const path = new URL(`../docs/rules/${ruleName}.md`, import.meta.url);

  it('exists', () => {
    expect(existsSync(path)).toBe(true);
  });

  const examples = existsSync(path) ? extractDocExamples(readFileSync(path, 'utf8')) : [];

  it('has incorrect and correct examples', () => {
    expect(examples.some((example) => example.verdict === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.verdict === 'correct')).toBe(true);
  });

  it.each(examples.map((example) => [example.line, example] as const))('example at line %i', (_line, example) => {
    const messages = lintExample(ruleName, example.code, example.language, example.options);
    const fatal = messages.filter((message) => message.fatal === true);
    expect(fatal, 'the example must parse').toEqual([]);
    if (example.verdict === 'incorrect') {
      expect(messages.length, 'an ❌ example must be reported').toBeGreaterThan(0);
    } else {
      expect(messages, 'a ✅ example must not be reported').toEqual([]);
    }
  });
});
