import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a bench script with `args`. The timeout stops a run that starts measuring instead of failing. */
function runScript(script: string, args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: repository, encoding: 'utf8', timeout: 20_000 });
}

describe('bench script options', () => {
  it('rejects an unknown option', () => {
    const result = runScript('bench/run-bench.mjs', ['--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("bench/run-bench.mjs: Unknown option '--bogus'");
    expect(result.stderr).toContain('--timing-reps N');
    expect(result.stderr).not.toContain('    at ');
  });

  it.each([['0'], ['2.5'], ['many'], ['1e1'], ['0x5']])('rejects --reps %s', (value) => {
    const result = runScript('bench/run-bench.mjs', ['--reps', value]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid --reps '${value}': expected a whole number of at least 1.`);
  });

  it('rejects a zero --timing-reps', () => {
    const result = runScript('bench/run-bench.mjs', ['--timing-reps=0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid --timing-reps '0'");
  });

  it('rejects a zero --heap-reps', () => {
    const result = runScript('bench/run-bench.mjs', ['--heap-reps=0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid --heap-reps '0'");
  });

  it('prints the bench options for --help', () => {
    const result = runScript('bench/run-bench.mjs', ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: node bench/run-bench.mjs [options]');
    expect(result.stdout).toContain('--from-results FILE');
  });

  it('rejects an unknown scan option', () => {
    const result = runScript('bench/run-scan.mjs', ['--x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("bench/run-scan.mjs: Unknown option '--x'");
    expect(result.stderr).toContain('--no-docs');
  });

  it('rejects an empty --from-results', () => {
    const result = runScript('bench/run-bench.mjs', ['--from-results=']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Missing file name after --from-results.');
  });

  it('rejects unusable results files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sessions-bench-args-'));
    try {
      const notJson = join(folder, 'not-json.json');
      writeFileSync(notJson, 'not json');
      const otherShape = join(folder, 'other.json');
      writeFileSync(otherShape, '{"slice":"smoke"}');

      const missing = runScript('bench/run-bench.mjs', ['--from-results', join(folder, 'missing.json')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('Failed to read results file');
      expect(missing.stderr).not.toContain('    at ');

      const unparsable = runScript('bench/run-bench.mjs', ['--from-results', notJson]);
      expect(unparsable.status).toBe(2);
      expect(unparsable.stderr).toContain(`Failed to read results file ${notJson}`);

      const wrongShape = runScript('bench/run-bench.mjs', ['--from-results', otherShape]);
      expect(wrongShape.status).toBe(2);
      expect(wrongShape.stderr).toContain(`Invalid results file ${otherShape}: expected the results.json of a full run`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
