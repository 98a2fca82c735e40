#!/usr/bin/env node
// `npm run bench`: what eslint-plugin-sessions costs on real code. It lints a slice of the corpus with
// ESLint's recommended rules alone (the baseline) and with the baseline plus each rule set under comparison.
// It times the `migrate` codemods against two jscodeshift floors, checks that `--concurrency=2` reports what
// one thread reports, and tries our rules as oxlint JS plugins. Then it prints every target with PASS or FAIL
// and writes docs/benchmarks.md. `--smoke` runs the steps once on a small slice and fails only on a crash or
// on reports that differ between threads.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { fail, failUsage, parseBenchArgs, positiveCount } from './lib/cli-args.mjs';
import { checkMigrateCommand, parseJscodeshiftSummary, runFloor, runMigrate } from './lib/codemod-runs.mjs';
import { BENCH_DIR, corpusPath, layOutCorpus, loadManifest, REPO_DIR, WORK_DIR } from './lib/corpus.mjs';
import { readEslintReport, runEslint, summarizeReport } from './lib/eslint-runs.mjs';
import { median, medianRoundRatio, parseTimingTable } from './lib/measure.mjs';
import { runOxlintTrial } from './lib/oxlint.mjs';
import { mebibytes, renderBenchmarksPage, signedPercent, writeGeneratedSection } from './lib/report.mjs';
import { BENCH_SAMPLE_RATE, selectFiles } from './lib/slices.mjs';
import { stagePlugin } from './lib/stage-plugin.mjs';

const SCRIPT = 'bench/run-bench.mjs';
const USAGE = [
  '  --smoke              a short run on the smoke slice; fails only on a crash or wrong reports',
  '  --reps N             rounds for lint cost, codemods and oxlint (default 5)',
  '  --growth-reps N      rounds for each larger size of the growth table (default 3)',
  '  --timing-reps N      TIMING=all runs of each arm but the baseline (default 5)',
  '  --heap-reps N        runs of each arm that record heap allocation (default 3)',
  '  --no-docs            leave docs/benchmarks.md as it is',
  '  --from-results FILE  rewrite the results section from an earlier results.json, measuring nothing',
  '  --help               print these options',
].join('\n');
const flags = parseBenchArgs(
  SCRIPT,
  {
    smoke: { type: 'boolean', default: false },
    reps: { type: 'string' },
    'growth-reps': { type: 'string' },
    'timing-reps': { type: 'string' },
    'heap-reps': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
    'from-results': { type: 'string' },
  },
  USAGE,
);

const SMOKE = flags.smoke;
const SLICE = SMOKE ? 'smoke' : 'bench';
const count = (name, fallback) => positiveCount(SCRIPT, name, flags[name], fallback, USAGE);
const REPS = count('reps', SMOKE ? 1 : 5);
const GROWTH_REPS = count('growth-reps', SMOKE ? 1 : 3);
const TIMING_REPS = count('timing-reps', SMOKE ? 1 : 5);
const HEAP_REPS = count('heap-reps', SMOKE ? 1 : 3);
const WRITE_DOCS = !SMOKE && !flags['no-docs'];
// The peer rows are the ones the wall-time target compares `strict` with: plugins a user would pick for the
// same problems. The reference row adds a single rule, so it is measured and shown but is not a target.
// The smoke run keeps only the steps that exercise our own code, so that it finishes in about a minute.
const FULL_RUN_PEER_ARMS = ['browser-jwt-security', 'sonarjs'];
const PEER_ARMS = SMOKE ? [] : FULL_RUN_PEER_ARMS;
const REFERENCE_ARMS = SMOKE ? [] : ['security'];
const LINT_ARMS = ['baseline', 'strict', ...PEER_ARMS, ...REFERENCE_ARMS];
/** The arms run with `TIMING=all`: all but the baseline, and `strict` once more with our rules in reverse order. */
const TIMING_ARMS = ['strict', 'strict-reversed', ...PEER_ARMS, ...REFERENCE_ARMS];
const GROWTH_COPIES = SMOKE ? [1, 2] : [1, 2, 4];
const OUT_DIR = join(WORK_DIR, `out-${SLICE}`);

/** Target thresholds, checked against the medians of the runs. */
const TARGETS = {
  maxWallOverhead: 0.03,
  maxRuleShare: 0.01,
  maxMigrateToParseFloor: 0.5,
  maxRssGrowth: 0.05,
};

function log(message) {
  process.stdout.write(`${message}\n`);
}

function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function describeMachine() {
  return {
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAtStart: os.loadavg().map((value) => value.toFixed(2)),
  };
}

function readVersion(packageDir) {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
}

function describeVersions() {
  const benchPackage = (name) => readVersion(join(BENCH_DIR, 'node_modules', name));
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
    const watched = ['src/', 'rules/', 'codemods/', 'bench/', 'package.json'];
    const changed = execFileSync('git', ['status', '--porcelain', '--', ...watched], { cwd: REPO_DIR, encoding: 'utf8' });
    if (changed.trim() !== '') commit += ` with uncommitted changes in ${watched.join(', ')}`;
  } catch {
    // Not a git checkout (a packed copy): the commit stays unknown.
  }
  return {
    'eslint-plugin-sessions': `${readVersion(REPO_DIR)} (commit ${commit})`,
    eslint: benchPackage('eslint'),
    '@eslint/js': benchPackage('@eslint/js'),
    '@typescript-eslint/parser': benchPackage('@typescript-eslint/parser'),
    'eslint-plugin-browser-security': benchPackage('eslint-plugin-browser-security'),
    'eslint-plugin-jwt-security': benchPackage('eslint-plugin-jwt-security'),
    'eslint-plugin-sonarjs': benchPackage('eslint-plugin-sonarjs'),
    'eslint-plugin-security': benchPackage('eslint-plugin-security'),
    jscodeshift: benchPackage('jscodeshift'),
    oxlint: benchPackage('oxlint'),
  };
}

async function loadSessionsPlugin() {
  const staged = stagePlugin();
  return (await import(staged.entry)).default;
}

/** Returns the items starting at position `round` (modulo their number), so each round starts elsewhere. */
function rotate(items, round) {
  return items.map((_, index) => items[(index + round) % items.length]);
}

/** Runs every arm `reps` times, rotating the order each round so that drift spreads over all arms. */
async function measureLintArms({ root, targets, arms, reps, label }) {
  const runs = Object.fromEntries(arms.map((arm) => [arm, []]));
  let lastReports = {};
  for (let round = 0; round < reps; round++) {
    const order = rotate(arms, round);
    for (const arm of order) {
      const outputFile = join(OUT_DIR, `${label}-${arm}.json`);
      const result = await runEslint({ cwd: root, arm, targets, outputFile });
      runs[arm].push({ wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssKb: result.maxRssKb });
      lastReports[arm] = outputFile;
      log(`  ${label} round ${round + 1}/${reps} ${arm}: ${formatSeconds(result.wallMs)} (CPU ${formatSeconds(result.cpuMs)}), ${result.maxRssKb} KB`);
    }
  }
  const summary = {};
  for (const arm of arms) {
    const report = readEslintReport(lastReports[arm], root);
    summary[arm] = {
      wallMs: runs[arm].map((run) => run.wallMs),
      cpuMs: runs[arm].map((run) => run.cpuMs),
      maxRssKb: runs[arm].map((run) => run.maxRssKb),
      medianWallMs: median(runs[arm].map((run) => run.wallMs)),
      medianCpuMs: median(runs[arm].map((run) => run.cpuMs)),
      medianRssKb: median(runs[arm].map((run) => run.maxRssKb)),
      reportFile: lastReports[arm],
      ...summarizeReport(report, arm),
    };
  }
  return summary;
}

/**
 * Runs each non-baseline arm `reps` times with TIMING=all, in rotated order like the lint-cost rounds, and
 * returns per rule the median time and the median share of total rule time. ESLint's timer covers a
 * rule's `create()` and its listeners, and one run moves with the load of the machine, hence the median.
 */
async function measureRuleTimes({ root, targets, arms, reps }) {
  const runs = Object.fromEntries(arms.map((arm) => [arm, []]));
  for (let round = 0; round < reps; round++) {
    for (const arm of rotate(arms, round)) {
      const result = await runEslint({
        cwd: root,
        arm,
        targets,
        outputFile: join(OUT_DIR, `timing-${arm}.json`),
        timing: true,
      });
      writeFileSync(join(OUT_DIR, `timing-${arm}-${round + 1}.txt`), result.stdout);
      const rows = parseTimingTable(result.stdout);
      const totalMs = rows.reduce((sum, row) => sum + row.ms, 0);
      runs[arm].push({ totalMs, rows });
      log(`  TIMING ${arm} round ${round + 1}: total rule time ${totalMs.toFixed(1)} ms over ${rows.length} rules`);
    }
  }

  const timings = {};
  for (const arm of arms) {
    const rules = [...new Set(runs[arm].flatMap((run) => run.rows.map((row) => row.rule)))];
    const rows = rules.map((rule) => {
      const times = runs[arm].map((run) => run.rows.find((row) => row.rule === rule)?.ms ?? 0);
      const shares = runs[arm].map((run, index) => (run.totalMs > 0 ? times[index] / run.totalMs : 0));
      return { rule, ms: median(times), share: median(shares), shares };
    });
    rows.sort((a, b) => b.ms - a.ms);
    timings[arm] = { runs: runs[arm].length, totalMs: median(runs[arm].map((run) => run.totalMs)), rows };
  }
  return timings;
}

/**
 * Runs every arm `reps` times with the heap figures of runNode() and returns, per arm, the bytes allocated
 * and the bytes retained at exit, each run's and the median. These runs are apart from the lint-cost
 * rounds because the forced collection at exit and the GC profiler would add to the wall time. In the runs
 * tried on the bench slice, allocation moved by 0.1 % to 0.8 % between runs of one arm and peak RSS by 8 %
 * or more, so three runs suffice for allocation.
 */
async function measureHeap({ root, targets, arms, reps }) {
  const runs = Object.fromEntries(arms.map((arm) => [arm, []]));
  for (let round = 0; round < reps; round++) {
    for (const arm of rotate(arms, round)) {
      const result = await runEslint({ cwd: root, arm, targets, outputFile: join(OUT_DIR, `heap-${arm}.json`), heap: true });
      if (result.heap === undefined) {
        const tail = result.stderr.slice(-2000);
        throw new Error(`The heap run of arm '${arm}' wrote no heap figures, so the preload module of bench/lib/measure.mjs failed in ESLint's process. Its stderr ends with:\n${tail}`);
      }
      runs[arm].push(result.heap);
      log(`  heap round ${round + 1}/${reps} ${arm}: ${mebibytes(result.heap.allocatedBytes)} MiB allocated, ${mebibytes(result.heap.retainedBytes)} MiB retained`);
    }
  }
  return Object.fromEntries(
    arms.map((arm) => [
      arm,
      {
        allocatedBytes: runs[arm].map((run) => run.allocatedBytes),
        retainedBytes: runs[arm].map((run) => run.retainedBytes),
        medianAllocatedBytes: median(runs[arm].map((run) => run.allocatedBytes)),
        medianRetainedBytes: median(runs[arm].map((run) => run.retainedBytes)),
      },
    ]),
  );
}

async function checkConcurrency({ root, targets, singleThreadReport }) {
  const outputFile = join(OUT_DIR, 'concurrency-2-strict.json');
  const result = await runEslint({ cwd: root, arm: 'strict', targets, outputFile, concurrency: 2 });
  const parallel = readEslintReport(outputFile, root);
  const single = readEslintReport(singleThreadReport, root);
  const equal = JSON.stringify(parallel) === JSON.stringify(single);
  let firstDifference;
  if (!equal) {
    const length = Math.max(parallel.messages.length, single.messages.length);
    for (let index = 0; index < length; index++) {
      if (JSON.stringify(parallel.messages[index]) !== JSON.stringify(single.messages[index])) {
        firstDifference = { single: single.messages[index], concurrent: parallel.messages[index] };
        break;
      }
    }
  }
  log(`  --concurrency=2: ${formatSeconds(result.wallMs)}, reports ${equal ? 'equal to' : 'DIFFERENT from'} one thread`);
  return {
    equal,
    wallMs: result.wallMs,
    files: parallel.files,
    messages: parallel.messages.length,
    singleFiles: single.files,
    singleMessages: single.messages.length,
    firstDifference,
  };
}

/** Measures `baseline` and `strict` over 2 and 4 copies of the slice; the 1× row reuses the lint-cost rounds. */
async function measureGrowth({ root, reps, lint }) {
  const sizes = [];
  for (const copies of GROWTH_COPIES) {
    let summary = lint;
    if (copies > 1) {
      const targets = Array.from({ length: copies }, (_, index) => `copy-${index + 1}`);
      summary = await measureLintArms({ root, targets, arms: ['baseline', 'strict'], reps, label: `growth-${copies}x` });
    }
    sizes.push({
      copies,
      rounds: summary.baseline.wallMs.length,
      files: summary.baseline.files,
      baselineMs: summary.baseline.medianWallMs,
      strictMs: summary.strict.medianWallMs,
      ratio: summary.strict.medianWallMs / summary.baseline.medianWallMs,
    });
  }
  return sizes;
}

/** Lists the corpus files (paths relative to the corpus root) on which the strict arm reported a sessions rule. */
function listReportedFiles(reportFile, root) {
  const report = readEslintReport(reportFile, root);
  const reported = new Set();
  const unparsable = new Set();
  for (const message of report.messages) {
    if (message.fatal) unparsable.add(message.file);
    else if (message.ruleId?.startsWith('sessions/')) reported.add(message.file);
  }
  return { reported, unparsable };
}

/**
 * Returns the closing line of `migrate` ("Dry run: N migrated, N marked only, N unchanged, …; N sites to migrate
 * by hand."), without its prefix and final period.
 */
function parseMigrateSummary(output) {
  const line = output.split('\n').find((candidate) => /^Dry run: \d+ migrated/.test(candidate));
  return line ? line.replace(/^Dry run: /, '').replace(/\.$/, '') : 'no summary printed';
}

function formatJscodeshiftSummary(output) {
  const counts = parseJscodeshiftSummary(output);
  if (!counts) return 'no summary printed';
  return `${counts.ok} ok, ${counts.unmodified} unmodified, ${counts.skipped} skipped, ${counts.errors} errors`;
}

async function measureCodemods({ files, reportFile, root, reps }) {
  const migrate = await checkMigrateCommand();
  // Files with nothing to migrate: no sessions report and a clean parse, copied into their own folder.
  const { reported, unparsable } = listReportedFiles(reportFile, root);
  const cleanFiles = files.filter((file) => {
    const path = corpusPath(file, 1);
    return !reported.has(path) && !unparsable.has(path);
  });
  const cleanRoot = layOutCorpus(cleanFiles, `${SLICE}-nothing-to-migrate`, 1);
  const cleanPaths = cleanFiles.map((file) => corpusPath(file, 1));

  const jobs = [
    { name: 'floor: return at once', run: () => runFloor({ cwd: cleanRoot, floor: 'return-at-once', files: cleanPaths }) },
    { name: 'floor: parse only', run: () => runFloor({ cwd: cleanRoot, floor: 'parse-only', files: cleanPaths }) },
  ];
  if (migrate.available) {
    for (const codemod of migrate.codemods) {
      jobs.push({
        name: `migrate ${codemod} --dry`,
        codemod,
        run: () => runMigrate({ cwd: cleanRoot, codemod, files: cleanPaths }),
      });
    }
  }

  const runs = Object.fromEntries(jobs.map((job) => [job.name, []]));
  const outputs = {};
  for (let round = 0; round < reps; round++) {
    const order = rotate(jobs, round);
    for (const job of order) {
      const result = await job.run();
      runs[job.name].push(result.wallMs);
      outputs[job.name] = `${result.stdout}${result.stderr}`;
      log(`  codemods round ${round + 1}/${reps} ${job.name}: ${formatSeconds(result.wallMs)}`);
    }
  }
  const rows = jobs.map((job) => ({
    name: job.name,
    codemod: job.codemod,
    wallMs: runs[job.name],
    medianWallMs: median(runs[job.name]),
    summary: job.codemod ? parseMigrateSummary(outputs[job.name]) : formatJscodeshiftSummary(outputs[job.name]),
  }));
  return { migrate, files: cleanFiles.length, excludedReported: reported.size, excludedUnparsable: unparsable.size, rows };
}

function evaluateTargets(results) {
  const targets = [];
  const { lint, timings, codemods } = results;
  const baseline = lint.baseline.medianWallMs;
  const overhead = (arm) => lint[arm].medianWallMs / baseline - 1;
  const strictOverhead = overhead('strict');

  const strictRoundOverhead = medianRoundRatio(lint.strict.wallMs, lint.baseline.wallMs) - 1;
  targets.push({
    name: `\`strict\` adds at most ${TARGETS.maxWallOverhead * 100} % wall time to the baseline`,
    measured: `${signedPercent(strictOverhead)} (median of the per-round ratios: ${signedPercent(strictRoundOverhead)})`,
    pass: strictOverhead <= TARGETS.maxWallOverhead,
  });
  // Only peer arms present in the results get a row, so a smoke run has none and a full run has both.
  for (const arm of FULL_RUN_PEER_ARMS.filter((name) => name in lint)) {
    targets.push({
      name: `\`strict\` adds less wall time than the ${arm} row`,
      measured: `${(strictOverhead * 100).toFixed(2)} % against ${(overhead(arm) * 100).toFixed(2)} %`,
      pass: strictOverhead < overhead(arm),
    });
  }

  const worstOf = (arm) =>
    timings[arm]?.rows
      .filter((row) => row.rule.startsWith('sessions/'))
      .reduce((max, row) => (row.share > (max?.share ?? -1) ? row : max), undefined);
  const worst = worstOf('strict');
  const worstReversed = worstOf('strict-reversed');
  targets.push({
    name: `no rule of ours takes more than ${TARGETS.maxRuleShare * 100} % of total rule time`,
    measured: worst
      ? `max ${(worst.share * 100).toFixed(2)} % (${worst.rule})` +
        (worstReversed ? `; with our rules in reverse order max ${(worstReversed.share * 100).toFixed(2)} % (${worstReversed.rule})` : '')
      : 'no sessions rule in the TIMING table',
    pass: worst !== undefined && worst.share <= TARGETS.maxRuleShare,
  });

  const parseFloor = codemods.rows.find((row) => row.name === 'floor: parse only').medianWallMs;
  for (const codemod of codemods.migrate.missing) {
    targets.push({
      name: `\`migrate ${codemod} --dry\` over files with nothing to migrate costs at most ${TARGETS.maxMigrateToParseFloor}× the parse-only floor`,
      measured: `not measured: ${codemods.migrate.reason ?? `the built CLI does not list the codemod '${codemod}'`}`,
      pass: false,
    });
  }
  if (codemods.migrate.available) {
    for (const row of codemods.rows.filter((candidate) => candidate.codemod)) {
      const ratio = row.medianWallMs / parseFloor;
      targets.push({
        name: `\`${row.name}\` over files with nothing to migrate costs at most ${TARGETS.maxMigrateToParseFloor}× the parse-only floor`,
        measured: `${ratio.toFixed(2)}×`,
        pass: ratio <= TARGETS.maxMigrateToParseFloor,
      });
    }
  }

  const rssGrowth = lint.strict.medianRssKb / lint.baseline.medianRssKb - 1;
  targets.push({
    name: `peak RSS grows by at most ${TARGETS.maxRssGrowth * 100} %`,
    measured: `${(rssGrowth * 100).toFixed(2)} %`,
    pass: rssGrowth <= TARGETS.maxRssGrowth,
  });
  return targets;
}

/** Rewrites docs/benchmarks.md from the results.json of an earlier run, measuring nothing. */
function renderSavedResults(file) {
  let results;
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(SCRIPT, `Failed to read results file ${file}: ${error.message}`);
  }
  if (results?.slice !== 'bench' || typeof results.machine !== 'object' || typeof results.lint !== 'object') {
    fail(SCRIPT, `Invalid results file ${file}: expected the results.json of a full run (out-bench/ in the work folder).`);
  }
  // The targets are evaluated again with the current thresholds and checks, so the page may show a result
  // other than the one the run exited with.
  results.targets = evaluateTargets(results);
  const page = join(REPO_DIR, 'docs', 'benchmarks.md');
  writeGeneratedSection(page, renderBenchmarksPage(results));
  log(`wrote ${page} from ${file}`);
}

async function main() {
  if (flags['from-results'] !== undefined) {
    if (flags['from-results'] === '') {
      failUsage(SCRIPT, 'Missing file name after --from-results.', USAGE);
    }
    if (SMOKE || flags['no-docs']) {
      failUsage(SCRIPT, '--from-results rewrites docs/benchmarks.md from a full run, so it cannot be combined with --smoke or --no-docs.', USAGE);
    }
    renderSavedResults(flags['from-results']);
    return;
  }
  const startedAt = Date.now();
  const machine = describeMachine();
  const versions = describeVersions();
  const plugin = await loadSessionsPlugin();
  const ruleNames = Object.keys(plugin.rules);
  log(`eslint-plugin-sessions bench (${SMOKE ? 'smoke' : 'full'}): ${ruleNames.length} rules, ${REPS} ${REPS === 1 ? 'round' : 'rounds'}`);
  log(`work folder: ${WORK_DIR} (results in ${join(OUT_DIR, 'results.json')})`);
  log(`machine: ${machine.nproc} CPUs, ${machine.memoryGiB} GiB, Node.js ${machine.node}, load ${machine.loadAtStart.join(' ')}`);

  const manifest = loadManifest();
  const files = selectFiles(manifest, SLICE);
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  log(`corpus slice '${SLICE}': ${files.length} of ${manifest.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const root = layOutCorpus(files, SLICE, Math.max(...GROWTH_COPIES));

  log('warm-up run (not measured)');
  await runEslint({ cwd: root, arm: 'strict', targets: ['copy-1'], outputFile: join(OUT_DIR, 'warm-up.json') });

  log('lint cost');
  const lint = await measureLintArms({ root, targets: ['copy-1'], arms: LINT_ARMS, reps: REPS, label: 'lint' });
  log('per-rule times');
  const timings = await measureRuleTimes({ root, targets: ['copy-1'], arms: TIMING_ARMS, reps: TIMING_REPS });
  log('heap allocation');
  const heap = await measureHeap({ root, targets: ['copy-1'], arms: LINT_ARMS, reps: HEAP_REPS });
  log('concurrency');
  const concurrency = await checkConcurrency({ root, targets: ['copy-1'], singleThreadReport: lint.strict.reportFile });
  log('growth');
  const growth = await measureGrowth({ root, reps: GROWTH_REPS, lint });
  log('codemods');
  const codemods = await measureCodemods({ files, reportFile: lint.strict.reportFile, root, reps: REPS });
  log('oxlint');
  const oxlint = await runOxlintTrial({
    root,
    targets: ['copy-1'],
    plugin,
    reps: SMOKE ? 0 : REPS,
    outDir: OUT_DIR,
    eslintReportFile: lint.strict.reportFile,
  });

  const results = {
    smoke: SMOKE,
    slice: SLICE,
    sampleRate: BENCH_SAMPLE_RATE,
    reps: REPS,
    growthReps: GROWTH_REPS,
    timingReps: TIMING_REPS,
    heapReps: HEAP_REPS,
    machine: { ...machine, loadAtEnd: os.loadavg().map((value) => value.toFixed(2)) },
    versions,
    corpus: {
      allFiles: manifest.length,
      allBytes: manifest.reduce((sum, file) => sum + file.bytes, 0),
      packages: new Set(manifest.map((file) => file.pkg)).size,
      files: files.length,
      bytes,
      slicePackages: new Set(files.map((file) => file.pkg)).size,
      bySyntax: files.filter((file) => file.bySyntax).length,
      commonjs: files.filter((file) => file.sourceType === 'commonjs').length,
    },
    ruleNames,
    lint,
    timings,
    heap,
    concurrency,
    growth,
    codemods,
    oxlint,
    durationMs: 0,
  };
  results.targets = evaluateTargets(results);
  results.durationMs = Date.now() - startedAt;
  results.finishedAt = new Date().toISOString();

  log('');
  if (SMOKE) log('Targets (the smoke slice is too small to judge them; only crashes and differing reports fail it):');
  for (const target of results.targets) {
    let verdict = target.pass ? 'PASS' : 'FAIL';
    if (SMOKE) verdict = `${verdict.toLowerCase()} (not enforced in the smoke run)`;
    log(`${verdict}  ${target.name}: ${target.measured}`);
  }
  const allocationGrowth = heap.strict.medianAllocatedBytes / heap.baseline.medianAllocatedBytes - 1;
  log(`heap allocation of strict against the baseline: ${allocationGrowth >= 0 ? '+' : ''}${(allocationGrowth * 100).toFixed(2)} % (shown beside peak RSS, not a target)`);
  log(`--concurrency=2 reports ${concurrency.equal ? 'equal' : 'DIFFER'} (${concurrency.messages} messages)`);
  if (oxlint.works) {
    const { examples } = oxlint;
    log(`oxlint ran our rules: on the rule examples ESLint ${examples.eslintReports} reports, oxlint ${examples.oxlintReports}, ` +
      `${examples.onlyEslint.length + examples.onlyOxlint.length} differences`);
  } else {
    log(`oxlint could not run our rules: ${oxlint.error.split('\n')[0]}`);
  }
  log(`total time ${formatSeconds(results.durationMs)}`);

  writeFileSync(join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (WRITE_DOCS) {
    const page = join(REPO_DIR, 'docs', 'benchmarks.md');
    writeGeneratedSection(page, renderBenchmarksPage(results));
    log(`wrote ${page}`);
  }

  if (!concurrency.equal) {
    throw new Error(`ESLint with --concurrency=2 reported differently from one thread: ${JSON.stringify(concurrency.firstDifference)}`);
  }
  // The smoke run is too small for timing targets; it fails only on crashes and wrong reports.
  if (!SMOKE && results.targets.some((target) => !target.pass)) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
