// Tries eslint-plugin-sessions, unmodified, as an oxlint JS plugin (`jsPlugins` in .oxlintrc.json). It times
// oxlint with and without it and compares oxlint's reports of our rules with ESLint's, on the corpus and on
// the examples of the rule pages.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { BENCH_DIR, WORK_DIR } from './corpus.mjs';
import { writeDocExamples } from './doc-examples.mjs';
import { readEslintReport, runEslint } from './eslint-runs.mjs';
import { median, runNode } from './measure.mjs';
import { STAGED_PLUGIN_DIR } from './stage-plugin.mjs';

export const OXLINT_BIN = join(BENCH_DIR, 'node_modules', 'oxlint', 'bin', 'oxlint');
/** Returns the staged package's entry point, the file that a user's `jsPlugins` entry loads. */
function stagedPluginEntry() {
  const manifest = JSON.parse(readFileSync(join(STAGED_PLUGIN_DIR, 'package.json'), 'utf8'));
  return join(STAGED_PLUGIN_DIR, manifest.main);
}

function writeConfig(outDir, name, config) {
  const path = join(outDir, `${name}.oxlintrc.json`);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

function runOxlint({ root, targets, configFile }) {
  // oxlint exits with 1 when it reports errors; anything else is a failure to run.
  return runNode([OXLINT_BIN, '--config', configFile, '--format=json', ...targets], { cwd: root, okCodes: [0, 1] });
}

/** Reads oxlint's JSON output and returns its diagnostics of our rules, in ESLint's shape, sorted. */
function readSessionsDiagnostics(stdout, root) {
  const output = JSON.parse(stdout);
  const found = [];
  for (const diagnostic of output.diagnostics) {
    const match = /^sessions\((.+)\)$/.exec(diagnostic.code ?? '');
    if (!match) continue;
    const span = diagnostic.labels?.[0]?.span;
    found.push({
      file: relative(root, join(root, diagnostic.filename)).split('\\').join('/'),
      ruleId: `sessions/${match[1]}`,
      line: span?.line ?? 0,
      column: span?.column ?? 0,
    });
  }
  return found.map((entry) => `${entry.file}:${entry.line}:${entry.column} ${entry.ruleId}`).sort();
}

function listEslintSessionsReports(reportFile, root) {
  return readEslintReport(reportFile, root)
    .messages.filter((message) => message.ruleId?.startsWith('sessions/'))
    .map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)
    .sort();
}

function compareReports(eslintFound, oxlintFound) {
  const oxlintSet = new Set(oxlintFound);
  const eslintSet = new Set(eslintFound);
  return {
    eslintReports: eslintFound.length,
    oxlintReports: oxlintFound.length,
    onlyEslint: eslintFound.filter((entry) => !oxlintSet.has(entry)),
    onlyOxlint: oxlintFound.filter((entry) => !eslintSet.has(entry)),
  };
}

/**
 * Lints the examples of docs/rules/*.md with ESLint (`sessions-only` arm) and with oxlint, and compares
 * the reports of our rules.
 */
async function compareOnDocExamples({ configFile, outDir }) {
  const root = join(WORK_DIR, 'doc-examples');
  const files = writeDocExamples(join(root, 'examples'));
  const eslintReportFile = join(outDir, 'doc-examples-eslint.json');
  await runEslint({ cwd: root, arm: 'sessions-only', targets: ['examples'], outputFile: eslintReportFile });
  const oxlint = await runOxlint({ root, targets: ['examples'], configFile });
  return { files, ...compareReports(listEslintSessionsReports(eslintReportFile, root), readSessionsDiagnostics(oxlint.stdout, root)) };
}

/**
 * @returns {Promise<{ works: boolean, error?: string, rows?: object[], eslintReports?: number,
 *   oxlintReports?: number, onlyEslint?: string[], onlyOxlint?: string[] }>}
 */
export async function runOxlintTrial({ root, targets, plugin, reps, outDir, eslintReportFile }) {
  const ourRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`sessions/${name}`, 'error']));
  const defaultConfig = writeConfig(outDir, 'oxlint-default', {});
  const withSessions = writeConfig(outDir, 'oxlint-sessions', {
    jsPlugins: [{ name: 'sessions', specifier: stagedPluginEntry() }],
    rules: ourRules,
  });

  let first;
  try {
    first = await runOxlint({ root, targets, configFile: withSessions });
  } catch (error) {
    return { works: false, error: error instanceof Error ? error.message : String(error) };
  }
  let oxlintFound;
  try {
    oxlintFound = readSessionsDiagnostics(first.stdout, root);
  } catch (error) {
    return { works: false, error: `oxlint's JSON output could not be read: ${String(error)}\n${first.stderr.slice(0, 2000)}` };
  }

  const corpus = compareReports(listEslintSessionsReports(eslintReportFile, root), oxlintFound);
  let examples;
  try {
    examples = await compareOnDocExamples({ configFile: withSessions, outDir });
  } catch (error) {
    return { works: false, error: `oxlint ran on the corpus but failed on the rule examples: ${error instanceof Error ? error.message : String(error)}` };
  }

  const arms = [
    { name: 'oxlint (default rules)', configFile: defaultConfig },
    { name: 'oxlint (default rules) + sessions as jsPlugins', configFile: withSessions },
  ];
  const runs = Object.fromEntries(arms.map((arm) => [arm.name, []]));
  for (let round = 0; round < reps; round++) {
    for (const arm of round % 2 === 0 ? arms : [...arms].reverse()) {
      const result = await runOxlint({ root, targets, configFile: arm.configFile });
      runs[arm.name].push({ wallMs: result.wallMs, maxRssKb: result.maxRssKb });
      process.stdout.write(`  oxlint round ${round + 1}/${reps} ${arm.name}: ${(result.wallMs / 1000).toFixed(2)} s\n`);
    }
  }
  // The smoke run passes reps = 0: it checks that oxlint runs our rules and does not time it.
  const rows = reps === 0 ? [] : arms.map((arm) => ({
    name: arm.name,
    medianWallMs: median(runs[arm.name].map((run) => run.wallMs)),
    medianRssKb: median(runs[arm.name].map((run) => run.maxRssKb)),
    wallMs: runs[arm.name].map((run) => run.wallMs),
  }));
  return {
    works: true,
    rows,
    stderr: first.stderr.trim().slice(0, 2000),
    corpus,
    examples,
  };
}
