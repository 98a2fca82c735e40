import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { getMinimumVersion, getPassportRangeBeforeRegeneration } from '../../src/detectors/passport-version.js';

const root = mkdtempSync(join(tmpdir(), 'sessions-passport-version-test-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes a package.json into a new folder under the test root and returns a file path inside it. */
function projectFile(name: string, manifest: string): string {
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), manifest);
  return join(folder, 'routes.js');
}

describe('getMinimumVersion', () => {
  it.each([
    ['^0.4.1', [0, 4, 1]],
    ['~0.5.0', [0, 5, 0]],
    ['0.4.0', [0, 4, 0]],
    ['v0.6.0', [0, 6, 0]],
    ['=0.6.1', [0, 6, 1]],
    ['0.5.x', [0, 5, 0]],
    ['0.x', [0, 0, 0]],
    ['>=0.4.0 <0.7.0', [0, 4, 0]],
    ['>= 0.6.0', [0, 6, 0]],
    ['<0.7', [0, 0, 0]],
    ['>0.5', [0, 6, 0]],
    ['>0.5.2', [0, 5, 3]],
    ['0.4.0 - 0.6.0', [0, 4, 0]],
    ['^0.6.0 || ^0.4.0', [0, 4, 0]],
    ['^0.7.0-beta.1', [0, 7, 0]],
  ])('%s starts at %j', (range, expected) => {
    expect(getMinimumVersion(range)).toEqual(expected);
  });

  it.each(['*', 'x', '', 'latest', 'github:jaredhanson/passport', 'git+https://example.com/passport.git', 'file:../passport', '^0.6.0 || next'])(
    '%j names no version',
    (range) => {
      expect(getMinimumVersion(range)).toBeUndefined();
    },
  );
});

describe('getPassportRangeBeforeRegeneration', () => {
  it('returns a range that allows passport before 0.6', () => {
    const file = projectFile('old', '{"name":"app","dependencies":{"passport":"^0.4.1"}}');
    expect(getPassportRangeBeforeRegeneration(file)).toBe('^0.4.1');
  });

  it.each([
    ['new', '{"name":"app","dependencies":{"passport":"^0.6.0"}}'],
    ['tag', '{"name":"app","dependencies":{"passport":"latest"}}'],
    ['git', '{"name":"app","dependencies":{"passport":"git+https://example.com/passport.git"}}'],
    ['absent', '{"name":"app","dependencies":{"express":"^4.18.0"}}'],
    ['not-a-string', '{"name":"app","dependencies":{"passport":6}}'],
  ])('returns undefined for the %s project', (name, manifest) => {
    expect(getPassportRangeBeforeRegeneration(projectFile(name, manifest))).toBeUndefined();
  });

  it('returns undefined without a package.json', () => {
    expect(getPassportRangeBeforeRegeneration('/routes.js')).toBeUndefined();
  });
});
