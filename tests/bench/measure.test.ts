import { afterAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain JavaScript module of the bench, without type declarations
import { median, medianRoundRatio, removeScratchDir, runNode } from '../../bench/lib/measure.mjs';

afterAll(() => removeScratchDir());

interface HeapFigures {
  allocatedBytes: number;
  retainedBytes: number;
}

const MIB = 2 ** 20;

/**
 * Returns the arguments of a child that allocates 64 arrays of 1 MiB (small integers take 8 bytes each)
 * and keeps the last `keptCount` of them until it exits.
 */
function allocatingChild(keptCount: number): string[] {
  const source = `
    const arrays = [];
    for (let index = 0; index < 64; index++) {
      arrays.push(new Array(${MIB / 8}).fill(index));
      if (arrays.length > ${keptCount}) arrays.shift();
    }
    globalThis.keptArrays = arrays;
  `;
  return ['-e', source];
}

describe('runNode CPU time', () => {
  it('counts the time the child computes', async () => {
    // The child spins until its own CPU time reaches 300 ms, however busy the machine is.
    const spin = 'while (process.cpuUsage().user < 300_000);';
    const result = await runNode(['-e', spin]);
    expect(result.cpuMs).toBeGreaterThanOrEqual(300);
  });

  it('leaves out the time the child waits', async () => {
    const result = await runNode(['-e', 'setTimeout(() => {}, 600);']);
    expect(result.wallMs).toBeGreaterThanOrEqual(600);
    expect(result.cpuMs).toBeLessThan(400);
  });
});

describe('runNode errors', () => {
  it('names the signal that stopped the child', async () => {
    await expect(runNode(['-e', "process.kill(process.pid, 'SIGTERM')"])).rejects.toThrow(/was stopped by SIGTERM|exited with code 143/);
  });
});

describe('runNode heap figures', () => {
  it('omits them by default', async () => {
    const result = await runNode(['-e', '0']);
    expect(result.heap).toBeUndefined();
  });

  it('counts what the child allocated', async () => {
    const result = await runNode(allocatingChild(0), { heap: true });
    const heap = result.heap as HeapFigures;
    expect(heap.allocatedBytes).toBeGreaterThan(64 * MIB);
    expect(heap.allocatedBytes).toBeLessThan(96 * MIB);
  });

  it('counts what the child still holds at exit', async () => {
    const holding = (await runNode(allocatingChild(16), { heap: true })).heap as HeapFigures;
    const dropping = (await runNode(allocatingChild(0), { heap: true })).heap as HeapFigures;
    expect(holding.retainedBytes - dropping.retainedBytes).toBeGreaterThan(15 * MIB);
    expect(holding.retainedBytes - dropping.retainedBytes).toBeLessThan(18 * MIB);
  });
});

describe('medianRoundRatio', () => {
  it('returns a constant ratio unchanged', () => {
    // The machine gets faster over the rounds, and each round the arm takes 1 % more than the baseline.
    const baseline = [6.4, 6.2, 6.0, 5.8, 5.6];
    const arm = baseline.map((seconds) => seconds * 1.01);

    expect(medianRoundRatio(arm, baseline)).toBeCloseTo(1.01, 10);
  });

  it('resists drift that splits the medians', () => {
    // Wall times in seconds of a bench run whose machine got faster from round to round. The baseline's
    // median is its second round and the other arm's median its third.
    const baseline = [6.4, 6.17, 6.25, 5.83, 5.75];
    const strict = [6.4, 6.32, 6.04, 5.86, 5.82];

    expect(median(strict) / median(baseline) - 1).toBeCloseTo(-0.0211, 3);
    expect(medianRoundRatio(strict, baseline) - 1).toBeCloseTo(0.0051, 3);
  });

  it('rejects lists of unequal length', () => {
    expect(() => medianRoundRatio([2, 4, 100], [1, 2])).toThrow('got 3 and 2');
  });
});
