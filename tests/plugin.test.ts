import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

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
    // TypeScript parser. This test reads the built entry, which `npm test` builds first.
    const entry = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
    const script = [
      `import { createRequire } from 'node:module';`,
      `await import(${JSON.stringify(entry)});`,
      `const loaded = Object.keys(createRequire(import.meta.url).cache);`,
      `console.log(JSON.stringify(loaded.filter((path) => /scope-manager|utils[\\/]dist[\\/]ts-eslint/.test(path))));`,
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([]);
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
      [plugin.configs.recommended as Linter.Config],
      filename,
    );
    expect(messages.map((message) => message.ruleId)).toEqual(['sessions/no-token-in-storage']);
  });
});
