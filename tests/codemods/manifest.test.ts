import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { dependsOnAny, isNextWithoutExpress } from '../../src/codemod/manifest.js';

const root = mkdtempSync(join(tmpdir(), 'sessions-manifest-test-'));

function project(name: string, files: Record<string, string>): string {
  const folder = join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(folder, file, '..'), { recursive: true });
    writeFileSync(join(folder, file), content);
  }
  return folder;
}

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('isNextWithoutExpress', () => {
  it('reads a package.json with only devDependencies', () => {
    const folder = project('next-dev', {
      'package.json': '{"name":"outer","dependencies":{"express":"5"}}',
      'app/package.json': '{"devDependencies":{"next":"15"}}',
    });
    expect(isNextWithoutExpress(join(folder, 'app', 'pages', 'api', 'login.js'))).toBe(true);
  });

  it('rejects a project that also lists express', () => {
    const folder = project('next-express', { 'package.json': '{"name":"app","dependencies":{"next":"15","express":"5"}}' });
    expect(isNextWithoutExpress(join(folder, 'server.js'))).toBe(false);
  });
});

describe('dependsOnAny', () => {
  it('reads the dependencies of the nearest package.json', () => {
    const folder = project('plain', { 'package.json': '{"name":"app","dependencies":{"jsonwebtoken":"9"}}' });
    expect(dependsOnAny(join(folder, 'server.js'), ['jsonwebtoken'])).toBe(true);
    expect(dependsOnAny(join(folder, 'server.js'), ['express-jwt'])).toBe(false);
  });

  it('looks past a package.json that only sets the module type', () => {
    const folder = project('typed', {
      'package.json': '{"name":"app","dependencies":{"jsonwebtoken":"9"}}',
      'src/package.json': '{"type":"module"}',
    });
    expect(dependsOnAny(join(folder, 'src', 'server.js'), ['jsonwebtoken'])).toBe(true);
  });

  it.each([
    ['a string', '{"name":"x","dependencies":"jsonwebtoken"}'],
    ['a number', '{"name":"x","dependencies":5}'],
    ['not JSON', '{"name":'],
    ['null', 'null'],
  ])('treats dependencies given as %s as none', (label, content) => {
    const folder = project(`odd-${label.replace(/\W/g, '')}`, { 'package.json': content });
    expect(dependsOnAny(join(folder, 'server.js'), ['jsonwebtoken'])).toBe(false);
  });

  it('ignores names inherited from Object.prototype', () => {
    const folder = project('proto', { 'package.json': '{"name":"x","dependencies":{}}' });
    expect(dependsOnAny(join(folder, 'server.js'), ['toString'])).toBe(false);
  });
});
