// Runs a child process and measures its wall time, CPU time and peak resident set size.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

let gnuTimeFound;
/** Returns true when /usr/bin/time is GNU time, which takes `-f FORMAT` (BSD time on macOS does not). */
function hasGnuTime() {
  if (gnuTimeFound === undefined) {
    const probe = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' }) : undefined;
    gnuTimeFound = probe !== undefined && /GNU/.test(`${probe.stdout ?? ''}${probe.stderr ?? ''}`);
  }
  return gnuTimeFound;
}

/** The format of GNU time's report: peak RSS in kilobytes, then user and system CPU time in seconds. */
const GNU_TIME_FORMAT = '%M %U %S';
/**
 * When GNU time is missing, a preloaded module writes the same three figures, taken from the child's own
 * `process.resourceUsage()`, to the file named by SESSIONS_BENCH_RSS_FILE at exit.
 */
const RSS_PRELOAD = `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const usage = process.resourceUsage();
  const line = [usage.maxRSS, usage.userCPUTime / 1e6, usage.systemCPUTime / 1e6].join(' ');
  writeFileSync(process.env.SESSIONS_BENCH_RSS_FILE, line);
});
`;

/**
 * With `heap: true`, a preloaded module records every garbage collection of the child with V8's
 * `GCProfiler` and writes two figures as JSON to the file named by SESSIONS_BENCH_HEAP_FILE at exit:
 * - `allocatedBytes`: the bytes the JavaScript heap received during the run. That is the growth of the
 *   used heap between collections, summed, plus the growth after the last one. Unlike peak RSS, it does
 *   not depend on when V8 decides to collect.
 * - `retainedBytes`: the used heap after a full collection at exit, which is what the run still holds.
 */
const HEAP_PRELOAD = `import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

const profiler = new GCProfiler();
const usedAtStart = getHeapStatistics().used_heap_size;
profiler.start();
process.on('exit', () => {
  const { statistics } = profiler.stop();
  let allocatedBytes = 0;
  let usedAfterLast = usedAtStart;
  for (const collection of statistics) {
    allocatedBytes += Math.max(0, collection.beforeGC.heapStatistics.usedHeapSize - usedAfterLast);
    usedAfterLast = collection.afterGC.heapStatistics.usedHeapSize;
  }
  allocatedBytes += Math.max(0, getHeapStatistics().used_heap_size - usedAfterLast);
  globalThis.gc();
  const retainedBytes = getHeapStatistics().used_heap_size;
  writeFileSync(process.env.SESSIONS_BENCH_HEAP_FILE, JSON.stringify({ allocatedBytes, retainedBytes }));
});
`;

let scratchDir;
function getScratchDir() {
  scratchDir ??= mkdtempSync(join(tmpdir(), 'sessions-bench-measure-'));
  return scratchDir;
}
/**
 * Deletes the folder of preload modules and figure files. It runs at exit. Test runners whose workers end
 * without an `exit` event call it themselves.
 */
export function removeScratchDir() {
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  scratchDir = undefined;
}
process.on('exit', removeScratchDir);

/**
 * @typedef {object} RunResult
 * @property {number} wallMs    wall time from spawn to exit, in milliseconds
 * @property {number} maxRssKb  peak resident set size of the child, in kilobytes
 * @property {number} cpuMs     user and system CPU time of the child, in milliseconds
 * @property {{ allocatedBytes: number, retainedBytes: number } | undefined} heap  with `heap: true`, see HEAP_PRELOAD
 * @property {number} code      exit code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs `node <args>` and measures it. Peak RSS and CPU time come from GNU time (`/usr/bin/time`) when it is
 * installed, and otherwise from the child's own `process.resourceUsage()` through a preloaded module.
 * With `heap: true` the child also reports its heap figures (see HEAP_PRELOAD). Throws when the exit code
 * is not in `okCodes`, with the tail of stderr in the message.
 * @param {string[]} args arguments after `node`
 * @param {{ cwd?: string, env?: Record<string, string>, okCodes?: number[], heap?: boolean }} [options]
 * @returns {Promise<RunResult>}
 */
export async function runNode(args, { cwd, env = {}, okCodes = [0], heap = false } = {}) {
  const runId = process.hrtime.bigint();
  const rssFile = join(getScratchDir(), `rss-${runId}`);
  const heapFile = join(getScratchDir(), `heap-${runId}.json`);
  const childEnv = { ...process.env, ...env };
  const nodeArgs = [];
  if (heap) {
    nodeArgs.push('--expose-gc', '--import', writePreload('heap-preload.mjs', HEAP_PRELOAD));
    childEnv.SESSIONS_BENCH_HEAP_FILE = heapFile;
  }
  let command;
  let commandArgs;
  if (hasGnuTime()) {
    command = GNU_TIME;
    commandArgs = ['-f', GNU_TIME_FORMAT, '-o', rssFile, process.execPath, ...nodeArgs, ...args];
  } else {
    command = process.execPath;
    commandArgs = ['--import', writePreload('rss-preload.mjs', RSS_PRELOAD), ...nodeArgs, ...args];
    childEnv.SESSIONS_BENCH_RSS_FILE = rssFile;
  }

  const start = process.hrtime.bigint();
  const child = spawn(command, commandArgs, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  let signalName;
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      signalName = signal ?? undefined;
      resolve(exitCode ?? (signal ? 128 : 1));
    });
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  const usage = readUsage(rssFile);
  const heapFigures = heap && existsSync(heapFile) ? JSON.parse(readFileSync(heapFile, 'utf8')) : undefined;
  rmSync(rssFile, { force: true });
  rmSync(heapFile, { force: true });
  const result = {
    wallMs,
    maxRssKb: usage.maxRssKb,
    cpuMs: usage.cpuMs,
    heap: heapFigures,
    code,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
  if (!okCodes.includes(code)) {
    const tail = result.stderr.trim().split('\n').slice(-25).join('\n');
    const ending = signalName ? `was stopped by ${signalName}` : `exited with code ${code}`;
    throw new Error(`'node ${args.join(' ')}' in ${cwd ?? process.cwd()} ${ending}.\n${tail}`);
  }
  return result;
}

/** Writes a preload module into the scratch folder once and returns its path. */
function writePreload(name, source) {
  const file = join(getScratchDir(), name);
  if (!existsSync(file)) writeFileSync(file, source);
  return file;
}

/** Reads the figures of GNU_TIME_FORMAT, which are NaN when the file is missing. */
function readUsage(file) {
  if (!existsSync(file)) return { maxRssKb: Number.NaN, cpuMs: Number.NaN };
  // GNU time writes "Command exited with non-zero status N" above the figures when the child fails.
  const [maxRssKb, userSeconds, systemSeconds] = readFileSync(file, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { maxRssKb, cpuMs: (userSeconds + systemSeconds) * 1000 };
}

/** Returns the median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) throw new Error('median() needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Returns the median over the rounds of `times[round] / baselineTimes[round]` for two arms that ran once per
 * round. Each ratio compares runs of the same round, so a machine whose speed drifts from round to round
 * moves it less than the ratio of the two medians. Drift within a round still counts.
 */
export function medianRoundRatio(times, baselineTimes) {
  if (times.length !== baselineTimes.length) {
    throw new Error(`medianRoundRatio() expects one time per round for both arms, got ${times.length} and ${baselineTimes.length}.`);
  }
  return median(times.map((time, round) => time / baselineTimes[round]));
}

/**
 * Parses the table that ESLint prints when the TIMING environment variable is set:
 * `Rule | Time (ms) | Relative` followed by one row per rule.
 * @returns {{ rule: string, ms: number }[]}
 */
export function parseTimingTable(stdout) {
  const rows = [];
  let inTable = false;
  for (const line of stdout.split('\n')) {
    if (/^Rule\s+\|\s+Time \(ms\)\s+\|\s+Relative/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || line.startsWith(':')) continue;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length !== 3 || !/^\d/.test(cells[1])) {
      if (line.trim() === '') inTable = false;
      continue;
    }
    rows.push({ rule: cells[0], ms: Number(cells[1]) });
  }
  if (rows.length === 0) throw new Error(`No TIMING table found in ESLint's output:\n${stdout.slice(0, 2000)}`);
  return rows;
}
