import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  exports: { '.': { default: string } };
};
const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
/** The file that `import 'eslint-plugin-sessions'` loads, which `npm run build` writes. */
const builtEntry = path.join(repositoryRoot, packageJson.exports['.'].default);

/** Imports the plugin from the built package entry. */
async function importBuiltEntry(): Promise<typeof plugin> {
  return ((await import(builtEntry)) as { default: typeof plugin }).default;
}

describe('plugin', () => {
  it('meta matches package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('registers every file in rules/', () => {
    const files = readdirSync(new URL('../rules/', import.meta.url))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(plugin.rules).sort()).toEqual(files.sort());
  });

  it('loads without the scope manager', () => {
    // typescript-eslint's main entry loads its scope manager, about 45 ms in a project without the
    // TypeScript parser. This test imports the built package entry, which `npm test` builds first.
    const script = [
      `import { createRequire } from 'node:module';`,
      `await import(${JSON.stringify(builtEntry)});`,
      `const loaded = Object.keys(createRequire(import.meta.url).cache);`,
      `console.log(JSON.stringify(loaded.filter((path) => /scope-manager|utils[\\/]dist[\\/]ts-eslint/.test(path))));`,
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([]);
  });

  it('package entry imports only packages', () => {
    const statements = readFileSync(builtEntry, 'utf8').matchAll(/^(?:import|export)\b[^'"\n]*(['"])([^'"\n]+)\1/gm);
    const imports = [...statements].map((match) => match[2]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => specifier?.startsWith('.'))).toEqual([]);
  });

  it('package entry maps to the TypeScript files', () => {
    const map = JSON.parse(readFileSync(`${builtEntry}.map`, 'utf8')) as { sources: string[] };
    const sources = map.sources.map((source) => path.relative(repositoryRoot, path.resolve(path.dirname(builtEntry), source)));
    expect(sources).toContain(path.join('src', 'index.ts'));
    expect(sources).toContain(path.join('rules', 'no-hardcoded-secret.ts'));
    expect(sources.filter((source) => !source.endsWith('.ts') || !existsSync(path.join(repositoryRoot, source)))).toEqual([]);
  });

  it('package entry matches the source', async () => {
    const built = await importBuiltEntry();
    expect(built.meta).toEqual(plugin.meta);
    expect(Object.keys(built.rules)).toEqual(Object.keys(plugin.rules));
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(built.rules[name as keyof typeof built.rules].meta, name).toEqual(rule.meta);
    }
    for (const name of ['recommended', 'strict', 'browser', 'node'] as const) {
      const { plugins: builtPlugins, ...builtConfig } = built.configs[name];
      const { plugins: sourcePlugins, ...sourceConfig } = plugin.configs[name];
      expect(builtConfig, name).toEqual(sourceConfig);
      expect(builtPlugins?.sessions, name).toBe(built);
      expect(sourcePlugins?.sessions, name).toBe(plugin);
    }
  });

  it('package entry loads with require', () => {
    // A CommonJS config gets the plugin itself from `require()`, the same object that `import` gives.
    const script = [
      `const required = require(${JSON.stringify(builtEntry)});`,
      `import(${JSON.stringify(builtEntry)}).then((loaded) => {`,
      `  console.log(JSON.stringify({ same: loaded.default === required, configs: Object.keys(required.configs) }));`,
      `});`,
    ].join('\n');
    const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ same: true, configs: ['recommended', 'strict', 'browser', 'node'] });
  });

  it('package entry reports like the source', async () => {
    const built = await importBuiltEntry();
    const code = [
      `import jwt from 'jsonwebtoken';`,
      `import session from 'express-session';`,
      `export const app = session({ secret: 'keyboard cat' });`,
      `export function login(req, res, user) {`,
      `  const token = jwt.sign({ id: user.id }, 'hard-coded');`,
      `  localStorage.setItem('token', token);`,
      `  res.json({ token });`,
      `}`,
    ].join('\n');
    const lint = (config: Linter.Config): string[] =>
      new Linter()
        .verify(code, [config], 'app.js')
        .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`);
    const fromSource = lint(plugin.configs.strict);
    expect(fromSource.length).toBeGreaterThan(3);
    expect(lint(built.configs.strict)).toEqual(fromSource);
  });

  it('configs fit defineConfig', () => {
    // A type error here means that an `eslint.config.ts` needs a cast to use the plugin.
    const configs = defineConfig(plugin.configs.strict, { files: ['**/*.js'], plugins: { sessions: plugin } });
    expect(configs.map((config) => config.name)).toEqual(['sessions/strict', undefined]);
  });

  it('rules keep typescript-eslint types', () => {
    // A type error here means that code written against the rules' typescript-eslint types breaks.
    const rule: TSESLint.RuleModule<string, readonly unknown[]> = plugin.rules['no-hardcoded-secret'];
    const family: 'browser' | 'node' | undefined = plugin.rules['no-hardcoded-secret'].meta.docs?.family;
    expect(rule.defaultOptions).toEqual([{ checkConfigExports: true }]);
    expect(family).toBe('node');
  });

  it('lists rules alphabetically', () => {
    const names = Object.keys(plugin.rules);
    expect(names).toEqual([...names].sort());
  });

  it.each(Object.entries(plugin.rules))('%s links its docs page', (name, rule) => {
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it('strict enables every rule', () => {
    expect(Object.keys(plugin.configs.strict.rules ?? {}).sort()).toEqual(
      Object.keys(plugin.rules)
        .map((name) => `sessions/${name}`)
        .sort(),
    );
  });

  it('recommended is the union of browser and node', () => {
    const union = {
      ...plugin.configs.browser.rules,
      ...plugin.configs.node.rules,
    };
    expect(plugin.configs.recommended.rules).toEqual(union);
  });

  it.each(['recommended', 'strict', 'browser', 'node'] as const)('%s registers the plugin', (name) => {
    const config = plugin.configs[name];
    expect(config.plugins?.sessions).toBe(plugin);
    expect(config.files).toBeDefined();
  });

  it.each(['file.jsx', 'file.js'])('recommended parses JSX in %s', (filename) => {
    const messages = new Linter().verify(
      `export const Logout = () => <button onClick={() => localStorage.removeItem('token')}>Log out</button>;`,
      [plugin.configs.recommended],
      filename,
    );
    expect(messages.map((message) => message.ruleId)).toEqual(['sessions/no-token-in-storage']);
  });
});
