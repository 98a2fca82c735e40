#!/usr/bin/env node
// `npm run scan`: runs every rule of eslint-plugin-sessions and both codemods (dry) over the whole corpus.
// It checks four things. No rule crashes. No codemod fails on a file that parses. Every report has a review
// in bench/scan-reviews.json. A codemod changes only files on which a rule reports. Files that do not parse
// are listed apart. The full run writes docs/scan.md; `--smoke` scans a small slice and writes nothing.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ESLint } from 'eslint';

import { parseBenchArgs } from './lib/cli-args.mjs';
import { checkMigrateCommand, runMigrate } from './lib/codemod-runs.mjs';
import { BENCH_DIR, corpusPath, layOutCorpus, loadManifest, REPO_DIR, WORK_DIR } from './lib/corpus.mjs';
import { ESLINT_CONFIG } from './lib/eslint-runs.mjs';
import { renderScanPage } from './lib/scan-report.mjs';
import { writeGeneratedSection } from './lib/report.mjs';
import { selectFiles } from './lib/slices.mjs';
import { stagePlugin } from './lib/stage-plugin.mjs';

const flags = parseBenchArgs(
  'bench/run-scan.mjs',
  {
    smoke: { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
  },
  [
    '  --smoke    scan the smoke slice and write nothing',
    '  --no-docs  leave docs/scan.md as it is',
    '  --help     print these options',
  ].join('\n'),
);
const SMOKE = flags.smoke;
const SLICE = SMOKE ? 'smoke' : 'full';
const WRITE_DOCS = !SMOKE && !flags['no-docs'];
const REVIEWS_FILE = join(BENCH_DIR, 'scan-reviews.json');
const LINT_BATCH_SIZE = 250;
const SOURCE_EXCERPT_LENGTH = 140;

function log(message) {
  process.stdout.write(`${message}\n`);
}

/** Strips `copy-1/sourcetype-<type>/` from a corpus path, leaving `<name>@<version>/<path in package>`. */
function toPackagePath(corpusRelativePath) {
  return corpusRelativePath.split('/').slice(2).join('/');
}

function describeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').slice(0, 4).join(' ');
}

/**
 * Lints the files with ESLint's Node API in batches. When a batch throws (a rule crashed), its files are
 * linted one by one so that every crashing file is found and the rest still get linted.
 * @param {import('eslint').ESLint.Options} [extraOptions]
 */
async function lintFiles(root, paths, extraOptions = {}) {
  process.env.SESSIONS_BENCH_ARM = 'sessions-only';
  const eslint = new ESLint({ cwd: root, overrideConfigFile: ESLINT_CONFIG, ...extraOptions });
  const results = [];
  const crashes = [];
  for (let start = 0; start < paths.length; start += LINT_BATCH_SIZE) {
    const batch = paths.slice(start, start + LINT_BATCH_SIZE);
    try {
      results.push(...(await eslint.lintFiles(batch)));
    } catch {
      for (const path of batch) {
        try {
          results.push(...(await eslint.lintFiles([path])));
        } catch (error) {
          crashes.push({ file: toPackagePath(path), error: describeError(error) });
        }
      }
    }
    if (!SMOKE && paths.length > LINT_BATCH_SIZE) {
      log(`  linted ${Math.min(start + LINT_BATCH_SIZE, paths.length)} of ${paths.length} files`);
    }
  }
  return { results, crashes };
}

/**
 * Lints the corpus as ESLint 10 does by default, then lints again, with inline config off, the files that
 * failed only because of their comments (ESLint 10 rejects `/* eslint-env *\/`), so our rules see them too.
 * Reports that a comment in the file suppresses are kept (ESLint returns them as `suppressedMessages`).
 */
async function lintCorpus(root, paths) {
  const first = await lintFiles(root, paths);
  const fatalPaths = first.results
    .filter((result) => result.messages.some((message) => message.fatal))
    .map((result) => result.filePath.slice(root.length + 1));
  const second = await lintFiles(root, fatalPaths, { overrideConfig: { linterOptions: { noInlineConfig: true } } });
  return { results: first.results, secondPass: second.results, crashes: [...first.crashes, ...second.crashes] };
}

function getSourceLine(source, line) {
  const text = (source.split(/\r?\n/)[line - 1] ?? '').trim();
  return text.length > SOURCE_EXCERPT_LENGTH ? `${text.slice(0, SOURCE_EXCERPT_LENGTH)}…` : text;
}

function collectFindings(root, results, secondPass) {
  const reports = [];
  const parseFailures = [];
  const toCorpusPath = (result) => result.filePath.slice(root.length + 1).split('\\').join('/');
  const secondPassByPath = new Map(secondPass.map((result) => [toCorpusPath(result), result]));

  const addReports = (result, linted) => {
    let source;
    const corpusRelative = toCorpusPath(result);
    const messages = [
      ...result.messages.map((message) => ({ message, suppressed: false })),
      ...result.suppressedMessages.map((message) => ({ message, suppressed: true })),
    ];
    for (const { message, suppressed } of messages) {
      if (message.fatal || !message.ruleId?.startsWith('sessions/')) continue;
      source ??= readFileSync(result.filePath, 'utf8');
      reports.push({
        file: toPackagePath(corpusRelative),
        corpusPath: corpusRelative,
        line: message.line,
        column: message.column,
        rule: message.ruleId,
        message: message.message,
        code: getSourceLine(source, message.line),
        suppressed,
        linted,
      });
    }
  };

  for (const result of results) {
    const corpusRelative = toCorpusPath(result);
    const fatal = result.messages.find((message) => message.fatal);
    if (!fatal) {
      addReports(result, 'default');
      continue;
    }
    const retry = secondPassByPath.get(corpusRelative);
    const retryFatal = retry?.messages.find((message) => message.fatal);
    parseFailures.push({
      file: toPackagePath(corpusRelative),
      corpusPath: corpusRelative,
      line: fatal.line ?? 0,
      message: fatal.message,
      lintedWithoutInlineConfig: retry !== undefined && !retryFatal,
    });
    if (retry && !retryFatal) addReports(retry, 'inline config off');
  }
  return { reports, parseFailures };
}

function loadReviews() {
  const reviews = JSON.parse(readFileSync(REVIEWS_FILE, 'utf8'));
  for (const review of reviews) {
    if (!['true-positive', 'false-positive'].includes(review.verdict) || !review.note) {
      throw new Error(`Invalid entry in ${REVIEWS_FILE}: ${JSON.stringify(review)}. Each needs a verdict (true-positive or false-positive) and a note.`);
    }
  }
  return reviews;
}

const reviewKey = (entry) => `${entry.file}:${entry.line} ${entry.rule}`;

/** Pairs every report with its review and lists the reviews whose report is gone. */
function matchReviews(reports, reviews, scannedFiles) {
  const byKey = new Map(reviews.map((review) => [reviewKey(review), review]));
  const reported = new Set(reports.map(reviewKey));
  const reviewed = reports.map((report) => ({ ...report, review: byKey.get(reviewKey(report)) }));
  const missing = reviews.filter((review) => scannedFiles.has(review.file) && !reported.has(reviewKey(review)));
  return { reviewed, missing };
}

async function runCodemods(root, paths, outDir, reportedFiles, unparsableFiles) {
  const migrate = await checkMigrateCommand();
  if (!migrate.available) return { available: false, reason: migrate.reason, runs: [] };
  const runs = [];
  for (const codemod of migrate.codemods) {
    const reportFile = join(outDir, `migrate-${codemod}.json`);
    // migrate exits with 1 when the codemod failed on a file. The report names the file, and the checks below judge it.
    const result = await runMigrate({ cwd: root, codemod, files: paths, reportFile, okCodes: [0, 1] });
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const changed = report.changedFiles.map(toPackagePath);
    // The changed files whose only change is a marker comment. The list is empty for a report from a plugin copy without the field.
    const markedOnly = (report.markedOnlyFiles ?? []).map(toPackagePath);
    const errors = report.errors.map((error) => ({ ...error, file: toPackagePath(error.file) }));
    const skipped = report.skippedFiles.map((skip) => ({ ...skip, file: toPackagePath(skip.file) }));
    runs.push({
      codemod,
      exitCode: result.code,
      wallMs: result.wallMs,
      summary: report.summary,
      changed,
      markedOnly,
      changedWithoutReport: changed.filter((file) => !reportedFiles.has(file)),
      errors,
      // A file the codemod's parser rejects is skipped; that is a failure only when ESLint parses the file.
      skippedParsable: skipped.filter((skip) => !unparsableFiles.has(skip.file)),
      skippedUnparsable: skipped.filter((skip) => unparsableFiles.has(skip.file)),
      markedSites: report.markedSites.map((site) => ({ ...site, file: toPackagePath(site.file) })),
    });
    log(
      `  migrate ${codemod}: ${changed.length} files would change (${markedOnly.length} of them only get markers), ` +
        `${skipped.length} skipped, ${errors.length} errors (exit ${result.code})`,
    );
  }
  return { available: true, missing: migrate.missing, runs };
}

async function main() {
  const startedAt = Date.now();
  const manifest = loadManifest();
  const files = selectFiles(manifest, SLICE);
  log(`eslint-plugin-sessions scan (${SLICE}): ${files.length} files`);
  const outDir = join(WORK_DIR, `scan-out-${SLICE}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const root = layOutCorpus(files, `scan-${SLICE}`, 1);
  const paths = files.map((file) => corpusPath(file, 1));

  const plugin = (await import(stagePlugin().entry)).default;
  log('lint with every rule of eslint-plugin-sessions');
  const { results, secondPass, crashes } = await lintCorpus(root, paths);
  const { reports, parseFailures } = collectFindings(root, results, secondPass);
  const scannedFiles = new Set(files.map((file) => `${file.pkg}/${file.rel}`));
  const { reviewed, missing } = matchReviews(reports, loadReviews(), scannedFiles);
  const reportedFiles = new Set(reports.map((report) => report.file));
  const unparsableFiles = new Set(parseFailures.filter((failure) => !failure.lintedWithoutInlineConfig).map((failure) => failure.file));
  log(`  ${reports.length} reports in ${reportedFiles.size} files, ${parseFailures.length} files do not parse, ${crashes.length} crashes`);

  log('codemods in dry mode');
  const codemods = await runCodemods(root, paths, outDir, reportedFiles, unparsableFiles);

  const unreviewed = reviewed.filter((report) => !report.review);
  const falsePositives = reviewed.filter((report) => report.review?.verdict === 'false-positive');
  const failures = [];
  if (crashes.length > 0) failures.push(`${crashes.length} files crash a rule: ${crashes.map((crash) => crash.file).join(', ')}`);
  if (unreviewed.length > 0) {
    failures.push(`${unreviewed.length} reports have no review in bench/scan-reviews.json:\n${unreviewed.map((report) => `    ${reviewKey(report)}  ${report.code}`).join('\n')}`);
  }
  if (missing.length > 0) {
    failures.push(`${missing.length} reviewed reports are gone (update bench/scan-reviews.json if that is intended):\n${missing.map((review) => `    ${reviewKey(review)} (${review.verdict})`).join('\n')}`);
  }
  if (!codemods.available) failures.push(`the codemods could not be run: ${codemods.reason}`);
  else if (codemods.missing.length > 0) failures.push(`the built CLI does not list the codemods ${codemods.missing.join(', ')}`);
  for (const run of codemods.runs) {
    if (run.errors.length > 0) {
      failures.push(`migrate ${run.codemod} failed on ${run.errors.length} files: ${run.errors.map((error) => `${error.file} ${error.message}`).join('; ')}`);
    }
    if (run.skippedParsable.length > 0) {
      failures.push(`migrate ${run.codemod} could not parse ${run.skippedParsable.length} files that ESLint parses: ${run.skippedParsable.map((skip) => `${skip.file}:${skip.line ?? '?'} ${skip.message}`).join('; ')}`);
    }
    if (run.changedWithoutReport.length > 0) {
      failures.push(`migrate ${run.codemod} would change ${run.changedWithoutReport.length} files on which no rule reports: ${run.changedWithoutReport.join(', ')}`);
    }
  }

  const scan = {
    slice: SLICE,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    packages: new Set(files.map((file) => file.pkg)).size,
    ruleNames: Object.keys(plugin.rules),
    reports: reviewed,
    parseFailures,
    crashes,
    missing,
    codemods,
    failures,
    durationMs: Date.now() - startedAt,
  };

  log('');
  log(`${reports.length} reports: ${reviewed.filter((report) => report.review?.verdict === 'true-positive').length} reviewed true positives, ${falsePositives.length} known false positives, ${unreviewed.length} unreviewed`);
  for (const report of falsePositives) log(`  known false positive: ${reviewKey(report)}  ${report.code}`);
  if (WRITE_DOCS) {
    const page = join(REPO_DIR, 'docs', 'scan.md');
    writeGeneratedSection(page, renderScanPage(scan), 'bench/run-scan.mjs');
    log(`wrote ${page}`);
  }
  if (failures.length > 0) {
    for (const failure of failures) log(`FAIL  ${failure}`);
    process.exitCode = 1;
  } else {
    log('PASS  no crash, no codemod error, every report reviewed, codemods change only reported files');
  }
}

main().catch((error) => {
  process.stderr.write(`scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
