/**
 * The pairing guarantee between rules and codemods: on every fixture of every registered codemod, each
 * problem the paired rules report on the input is either gone from the output or sits in a statement that
 * carries the manual-migration marker.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';

import { CODEMODS } from '../../src/codemod/registry.js';
import { LINTED_FILES } from '../../src/configs.js';
import { MARKER_PREFIX } from '../../src/codemod/marker.js';
import plugin from '../../src/index.js';
import { parseSourceCode } from '../../src/source-code.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

type Transform = (file: { path: string; source: string }, api: unknown, options: Record<string, unknown>) => string | undefined;

/** Lints `text` as the file `fileName`. A file outside the working directory needs its project folder as `cwd`, so the config applies to it. */
function lint(text: string, fileName: string, ruleIds: readonly string[], cwd?: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', ...(cwd === undefined ? {} : { cwd }) });
  const isTypeScript = /\.[mc]?tsx?$/.test(fileName);
  const config: Linter.Config[] = [
    {
      files: LINTED_FILES,
      plugins: { sessions: plugin },
      languageOptions: {
        ...(isTypeScript ? { parser: tsParser as Linter.Parser } : {}),
        sourceType: fileName.endsWith('.cjs') ? 'commonjs' : 'module',
        parserOptions: { ecmaFeatures: { jsx: !/\.[mc]?ts$/.test(fileName) } },
      },
      rules: Object.fromEntries(ruleIds.map((id) => [`sessions/${id}`, 'error'])),
    },
  ];
  return linter.verify(text, config, { filename: fileName });
}

/**
 * Returns true when the report at `line`/`column` sits in a statement whose leading comments hold a
 * marker, or a marker ends on the report's line or the line before it.
 */
function isMarked(text: string, fileName: string, line: number, column: number): boolean {
  const sourceCode = parseSourceCode(text, fileName);
  const markerLines = sourceCode.getAllComments().filter((comment) => comment.value.includes(MARKER_PREFIX));
  if (markerLines.some((comment) => comment.loc.end.line === line || comment.loc.end.line === line - 1)) return true;

  const offset = sourceCode.getIndexFromLoc({ line, column: column - 1 });
  let marked = false;
  const visit = (node: TSESTree.Node): void => {
    if (node.range[0] > offset || node.range[1] < offset) return;
    const comments = sourceCode.getCommentsBefore(node);
    if (comments.some((comment) => comment.value.includes(MARKER_PREFIX))) marked = true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as { type?: unknown }).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(sourceCode.ast);
  return marked;
}

function readOptions(path: string): Record<string, unknown> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
}

describe.each(CODEMODS.map((codemod) => ({ codemod })))('$codemod.name pairs with its rules', ({ codemod }) => {
  const directory = join(FIXTURES, codemod.name);
  const inputs = existsSync(directory) ? readdirSync(directory).filter((name) => /\.input\.\w+$/.test(name)) : [];

  it('has fixtures whose inputs the paired rules report', () => {
    expect(inputs.length).toBeGreaterThan(0);
    const reported = inputs.filter((name) => lint(readFileSync(join(directory, name), 'utf8'), name, codemod.pairedRules).length > 0);
    expect(reported.length).toBeGreaterThan(inputs.length / 2);
  });

  it('covers every mark-only message', () => {
    const messageIds = new Set(inputs.flatMap((name) => lint(readFileSync(join(directory, name), 'utf8'), name, codemod.pairedRules).map((message) => message.messageId)));
    expect((codemod.markOnlyMessageIds ?? []).filter((messageId) => !messageIds.has(messageId))).toEqual([]);
  });

  it('lets every input with a report through its text check', () => {
    for (const name of inputs) {
      const input = readFileSync(join(directory, name), 'utf8');
      if (lint(input, name, codemod.pairedRules).length > 0) expect(codemod.mayChange(input, join(directory, name)), name).toBe(true);
    }
  });

  it.each(inputs)('%s: every report is migrated or marked', async (inputName) => {
    const { default: transform } = (await import(codemod.transformPath)) as { default: Transform };
    const input = readFileSync(join(directory, inputName), 'utf8');
    const options = readOptions(join(directory, inputName.replace(/\.input\.\w+$/, '.options.json')));
    const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined };
    const output = transform({ path: join(directory, inputName), source: input }, api, options) ?? input;
    const outputName = inputName.replace('.input.', '.output.');

    const before = lint(input, inputName, codemod.pairedRules);
    const after = lint(output, outputName, codemod.pairedRules);
    expect(before.filter((message) => message.ruleId === null)).toEqual([]);
    expect(after.filter((message) => message.ruleId === null)).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(before.length);
    // A report whose message states that the codemod only marks its site must stay, marked, after the run.
    const markOnly = (messages: Linter.LintMessage[]) => messages.filter((message) => codemod.markOnlyMessageIds?.includes(message.messageId ?? '')).length;
    expect(markOnly(after)).toBe(markOnly(before));
    for (const message of after) {
      expect(isMarked(output, outputName, message.line, message.column), `${outputName}:${message.line}:${message.column} ${message.message}`).toBe(true);
    }
  });
});

describe('jwt-to-session pairs with its rule in a Next.js project with a custom express server', () => {
  const project = mkdtempSync(join(tmpdir(), 'sessions-pairing-next-express-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', express: '^5.0.0', jsonwebtoken: '^9.0.0' } }));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const codemod = CODEMODS.find((entry) => entry.name === 'jwt-to-session');
  const login = [
    "import jwt from 'jsonwebtoken';",
    'export default async function handler(req, res) {',
    '  const user = await users.check(req.body.email, req.body.password);',
    "  res.status(200).json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });",
    '}',
    '',
  ].join('\n');

  it('marks an API route below pages/api and reports it as mark-only', async () => {
    const path = join(project, 'pages/api/login.js');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, login);
    const { default: transform } = (await import(codemod?.transformPath ?? '')) as { default: Transform };
    const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined };
    const output = transform({ path, source: login }, api, {}) ?? login;

    const before = lint(login, path, codemod?.pairedRules ?? [], project);
    const after = lint(output, path, codemod?.pairedRules ?? [], project);
    expect(before.map((message) => message.messageId)).toEqual(['issuedNonExpressSession']);
    expect(after.map((message) => message.messageId)).toEqual(['issuedNonExpressSession']);
    for (const message of after) expect(isMarked(output, path, message.line, message.column)).toBe(true);
  });

  it('marks a helper that loads no express and reports it as mark-only', async () => {
    const withAuth = [
      "import jwt from 'jsonwebtoken';",
      'export function withAuth(handler) {',
      '  return (req, res) => {',
      '    req.user = jwt.verify(req.cookies.token, process.env.JWT_SECRET);',
      '    return handler(req, res);',
      '  };',
      '}',
      '',
    ].join('\n');
    const path = join(project, 'lib/with-auth.js');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, withAuth);
    const { default: transform } = (await import(codemod?.transformPath ?? '')) as { default: Transform };
    const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined };
    const output = transform({ path, source: withAuth }, api, {}) ?? withAuth;

    const before = lint(withAuth, path, codemod?.pairedRules ?? [], project);
    const after = lint(output, path, codemod?.pairedRules ?? [], project);
    expect(before.map((message) => message.messageId)).toEqual(['acceptedNonExpressSession']);
    expect(after.map((message) => message.messageId)).toEqual(['acceptedNonExpressSession']);
    for (const message of after) expect(isMarked(output, path, message.line, message.column)).toBe(true);
  });
});

describe('storage-token-to-cookie pairs with its rule on a store of Nuxt\'s auto-imported defineStore', () => {
  const project = mkdtempSync(join(tmpdir(), 'sessions-pairing-nuxt-'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'web', dependencies: { nuxt: '^3.13.0', '@pinia/nuxt': '^0.5.0', 'pinia-plugin-persistedstate': '^4.1.0' } }),
  );
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const codemod = CODEMODS.find((entry) => entry.name === 'storage-token-to-cookie');
  const store = [
    "export const useAuthStore = defineStore('auth', {",
    "  state: () => ({ accessToken: '', locale: 'en' }),",
    '  persist: true,',
    '});',
    '',
  ].join('\n');

  it('marks the store, and a second run changes nothing', async () => {
    const path = join(project, 'stores/auth.ts');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, store);
    const { default: transform } = (await import(codemod?.transformPath ?? '')) as { default: Transform };
    const reports: string[] = [];
    const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
    const output = transform({ path, source: store }, api, {}) ?? store;

    const before = lint(store, path, codemod?.pairedRules ?? [], project);
    const after = lint(output, path, codemod?.pairedRules ?? [], project);
    expect(before.map((message) => message.messageId)).toEqual(['persistedStoreState']);
    expect(after.map((message) => message.messageId)).toEqual(['persistedStoreState']);
    for (const message of after) expect(isMarked(output, path, message.line, message.column)).toBe(true);
    expect(reports).toHaveLength(1);
    expect(transform({ path, source: output }, api, {})).toBeUndefined();
  });
});

describe('marker check', () => {
  const fileName = 'check.js';
  const unmarked = "export function save(data) {\n  localStorage.setItem('token', data.token);\n}\n";
  const marked = `export function save(data) {\n  /* ${MARKER_PREFIX} a reason */\n  localStorage.setItem('token', data.token);\n}\n`;

  it('rejects a report without a marker', () => {
    const [message] = lint(unmarked, fileName, ['no-token-in-storage']);
    expect(message?.line).toBe(2);
    expect(isMarked(unmarked, fileName, message?.line ?? 0, message?.column ?? 0)).toBe(false);
  });

  it('accepts a report below a marker', () => {
    const [message] = lint(marked, fileName, ['no-token-in-storage']);
    expect(message?.line).toBe(3);
    expect(isMarked(marked, fileName, message?.line ?? 0, message?.column ?? 0)).toBe(true);
  });
});
