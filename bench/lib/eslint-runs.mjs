// Runs the ESLint CLI of bench/node_modules over a corpus folder with one arm of bench/eslint.config.mjs.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { BENCH_DIR } from './corpus.mjs';
import { runNode } from './measure.mjs';

export const ESLINT_BIN = join(BENCH_DIR, 'node_modules', 'eslint', 'bin', 'eslint.js');
export const ESLINT_CONFIG = join(BENCH_DIR, 'eslint.config.mjs');

/** Prefixes of the rule IDs that each arm adds on top of the baseline. */
export const ARM_RULE_PREFIXES = {
  baseline: [],
  strict: ['sessions/'],
  'strict-reversed': ['sessions/'],
  'browser-jwt-security': ['browser-security/', 'jwt-security/'],
  sonarjs: ['sonarjs/'],
  security: ['security/'],
  'sessions-only': ['sessions/'],
};

/**
 * Lints `targets` (folders relative to `cwd`) with one arm and writes ESLint's JSON report to `outputFile`.
 * ESLint exits with 1 when it reports problems, which is expected on library code; 2 means a crash and
 * throws. `concurrency` is passed as `--concurrency` when given, and `timing` sets TIMING=all. With
 * `heap`, runNode() also returns the heap figures of the run.
 * @returns {Promise<import('./measure.mjs').RunResult>}
 */
export function runEslint({ cwd, arm, targets, outputFile, concurrency, timing = false, heap = false, env = {} }) {
  const args = [ESLINT_BIN, '--config', ESLINT_CONFIG, '--format', 'json', '--output-file', outputFile];
  if (concurrency !== undefined) args.push(`--concurrency=${concurrency}`);
  args.push(...targets);
  const runEnv = { SESSIONS_BENCH_ARM: arm, ...env };
  if (timing) runEnv.TIMING = 'all';
  return runNode(args, { cwd, env: runEnv, okCodes: [0, 1], heap });
}

/**
 * @typedef {object} LintMessage
 * @property {string} file  path relative to the corpus root
 * @property {string | null} ruleId
 * @property {number} line
 * @property {number} column
 * @property {string} message
 * @property {boolean} fatal
 */

/**
 * Reads an ESLint JSON report and returns its messages in a stable order, with paths relative to `root`.
 * Each file's `source` and the order of files are dropped, so two runs that found the same problems give
 * equal lists.
 * @returns {{ files: number, messages: LintMessage[] }}
 */
export function readEslintReport(outputFile, root) {
  const results = JSON.parse(readFileSync(outputFile, 'utf8'));
  const messages = [];
  for (const result of results) {
    const file = relative(root, result.filePath).split('\\').join('/');
    for (const message of [...result.messages, ...result.suppressedMessages]) {
      messages.push({
        file,
        ruleId: message.ruleId ?? null,
        line: message.line ?? 0,
        column: message.column ?? 0,
        endLine: message.endLine ?? null,
        endColumn: message.endColumn ?? null,
        severity: message.severity,
        message: message.message,
        fatal: message.fatal === true,
        suppressed: Array.isArray(message.suppressions),
      });
    }
  }
  messages.sort(compareMessages);
  return { files: results.length, messages };
}

function compareMessages(a, b) {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    String(a.ruleId).localeCompare(String(b.ruleId)) ||
    a.message.localeCompare(b.message)
  );
}

/** Counts the reports of the rules that an arm adds, and the files that did not parse. */
export function summarizeReport(report, arm) {
  const prefixes = ARM_RULE_PREFIXES[arm];
  let armReports = 0;
  let allReports = 0;
  const fatalFiles = new Set();
  for (const message of report.messages) {
    if (message.fatal) {
      fatalFiles.add(message.file);
      continue;
    }
    allReports++;
    if (message.ruleId && prefixes.some((prefix) => message.ruleId.startsWith(prefix))) armReports++;
  }
  return { files: report.files, allReports, armReports, fatalFiles: fatalFiles.size };
}
