import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a bench script with `args`; every case here stops while parsing, before any work starts. */
function runScript(script: string, args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: repository, encoding: 'utf8' });
}

describe('bench script options', () => {
  it('rejects an unknown option', () => {
    const result = runScript('bench/run-bench.mjs', ['--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("bench/run-bench.mjs: Unknown option '--bogus'");
    expect(result.stderr).toContain('--timing-reps N');
    expect(result.stderr).not.toContain('    at ');
  });

  it.each([['0'], ['2.5'], ['many']])('rejects --reps %s', (value) => {
    const result = runScript('bench/run-bench.mjs', ['--reps', value]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid --reps '${value}': expected a whole number of at least 1.`);
  });

  it('rejects a zero --timing-reps', () => {
    const result = runScript('bench/run-bench.mjs', ['--timing-reps=0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid --timing-reps '0'");
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
});
