import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { CODEMODS, getCodemod, type CodemodEntry } from '../codemod/registry.js';
import { type MarkedSite, parseMarkerReport } from '../codemod/marker.js';
import { collectFiles, InvalidPathError, LINTED_EXTENSIONS, SKIPPED_DIRECTORIES } from './check-files.js';
import type { Command } from './index.js';

const USAGE = `Usage: eslint-plugin-sessions migrate <codemod> [paths...] [options]

Runs a codemod over the paths (default: the current folder) with jscodeshift and writes the migrated files.
Sites the codemod cannot migrate safely get a comment starting with
'eslint-plugin-sessions: manual migration needed:' and are listed at the end.

Codemods:
${CODEMODS.map((codemod) => `  ${codemod.name.padEnd(26)}${codemod.summary}`).join('\n')}

Options:
  --dry              Compute the changes without writing any file.
  --print            With --dry, print each change as a unified diff on standard output.
  --report <file>    Write a JSON report: changed files, files that only got markers, marked sites,
                     skipped files and errors.
  --force            Run even when the git work tree has uncommitted changes.
  --option <k=v>     Pass an option to the codemod's transform (repeatable), for example
                     --option store=redis for jwt-to-session.
  --cpus <n>         Maximum number of worker processes (jscodeshift starts at most one per CPU,
                     minus one, and at least one).
  --run-in-band      Process every file in this process, without workers.
  --verbose          List every file with its outcome (migrated, marked, unchanged, skipped, error).
  -h, --help         Show this help.

Each file is parsed from its extension: TypeScript for .ts, .mts and .cts, TypeScript with JSX for every
other file, so there is no --parser option. A .cjs file is parsed as a script. Folders are walked with git's ignore rules, and these folders
are skipped: ${[...SKIPPED_DIRECTORIES].join(', ')}. Files migrated: ${LINTED_EXTENSIONS.join(', ')}.

Without --dry or --force, migrate stops when a path is inside a git work tree with uncommitted changes,
so the codemod's changes can be reviewed and undone with git.

Exit status: 0 when the run finished (marked sites and files that do not parse are listed, not
failures), 1 when the codemod failed on a file, 2 on invalid options or paths (a --report folder that
does not exist, a --report file that is one of the files to migrate, and an existing --report file that
is not an earlier report, included), before any file changes.`;

class UsageError extends Error {
  override name = 'UsageError';
}

interface MigrateOptions {
  codemod: CodemodEntry;
  paths: string[];
  dry: boolean;
  print: boolean;
  force: boolean;
  report?: string;
  cpus?: number;
  runInBand: boolean;
  verbose: boolean;
  /** Options for the transform, as `jscodeshift --key=value` would pass them. */
  transformOptions: Record<string, string>;
}

/**
 * One line of a results file written by run-transform.cts. A `marked` file changed only by the marker
 * comments the codemod added, and a `migrated` file had its code changed, markers or not.
 */
interface FileResult {
  file: string;
  status: 'migrated' | 'marked' | 'unchanged' | 'skipped' | 'error';
  marked: string[];
  messages: string[];
  error?: string;
  line?: number;
  column?: number;
  before?: string;
  after?: string;
}

/** The content of the `--report` file. */
export interface MigrateReport {
  codemod: string;
  dry: boolean;
  summary: {
    files: number;
    /** Files the run changed: code migrated, markers added, or both. The `markedOnly` files are included. */
    migrated: number;
    /** Files whose only change is added markers, so none of their code was migrated. */
    markedOnly: number;
    unchanged: number;
    skipped: number;
    marked: number;
    errors: number;
  };
  /** Every file the run changed, the `markedOnlyFiles` included. */
  changedFiles: string[];
  /** The changed files that only got markers. */
  markedOnlyFiles: string[];
  markedSites: MarkedSite[];
  skippedFiles: { file: string; line?: number; column?: number; message: string }[];
  errors: { file: string; message: string }[];
  /** The packages the migrated code needs, empty when no file was migrated (only marked or unchanged). */
  dependencies: { name: string; purpose: string; dev: boolean; alternatives: string[] }[];
}

export const migrateCommand: Command = {
  run: runMigrate,
};

/** Runner options that migrate sets itself, which `--option` cannot override. */
const RESERVED_OPTIONS = new Set(['dry', 'print', 'babel', 'silent', 'verbose', 'runInBand', 'cpus', 'extensions', 'parser']);

/** The transform jscodeshift's workers load: run-transform.cts, built to run-transform.cjs. */
const RUN_TRANSFORM_PATH = fileURLToPath(new URL('../codemod/run-transform.cjs', import.meta.url));

/** Runs `migrate` with the arguments after the command name and returns the exit status. */
export async function runMigrate(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let options: MigrateOptions | 'help';
  try {
    options = parseMigrateArguments(argv);
  } catch (error) {
    return reportUsageError(error);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let files: string[];
  try {
    files = collectFiles(options.paths, cwd);
  } catch (error) {
    if (error instanceof InvalidPathError) return reportUsageError(error);
    throw error;
  }

  if (options.report !== undefined) {
    const problem = checkReportPath(path.resolve(cwd, options.report), files);
    if (problem !== undefined) return reportUsageError(new UsageError(problem));
  }
  if (files.length === 0) {
    return reportUsageError(
      new UsageError(
        `No files to migrate in ${options.paths.join(', ')}: no ${LINTED_EXTENSIONS.join(', ')} files outside ignored folders.`,
      ),
    );
  }

  if (!options.dry && !options.force) {
    const dirty = findDirtyWorkTrees(options.paths, cwd);
    if (dirty.length > 0) {
      const lines = dirty.map(({ root, changes }) => `  ${root}:\n${changes.map((change) => `    ${change}`).join('\n')}`);
      process.stderr.write(
        `eslint-plugin-sessions migrate: the git work tree has uncommitted changes:\n${lines.join('\n')}\n` +
          'Commit or stash them so the codemod changes can be reviewed on their own, or run again with --force.\n',
      );
      return 2;
    }
  }

  const { candidates, results: settled } = checkTexts(options.codemod, files);
  process.stderr.write(
    `Migrating ${countFiles(files.length)} with ${options.codemod.name}${options.dry ? ' (dry run: no file is written)' : ''}.\n`,
  );
  let results = settled;
  let ioErrors = 0;
  const ruledOut = settled.filter((result) => result.status === 'unchanged').length;
  if (candidates.length === 0) {
    const readable = ruledOut < settled.length ? ' that could be read' : '';
    if (ruledOut > 0) process.stderr.write(`No file${readable} contains what the codemod migrates, so none is parsed.\n`);
  } else {
    const run = await runCodemod(options, candidates, ruledOut, cwd);
    results = [...settled, ...run.results].sort((a, b) => a.file.localeCompare(b.file));
    ioErrors = run.ioErrors;
  }
  const report = buildReport(options, results, ioErrors, cwd);
  const out = options.print ? process.stderr : process.stdout;

  if (options.print) {
    const { createTwoFilesPatch } = await import('diff');
    for (const result of results) {
      if (result.before === undefined || result.after === undefined) continue;
      const name = toDisplayPath(result.file, cwd);
      process.stdout.write(createTwoFilesPatch(`a/${name}`, `b/${name}`, result.before, result.after));
    }
  }
  if (options.verbose) {
    for (const result of results) out.write(`${result.status.padEnd(10)}${toDisplayPath(result.file, cwd)}\n`);
  }
  out.write(formatSummary(report, options));

  if (options.report !== undefined) {
    const reportPath = path.resolve(cwd, options.report);
    try {
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      process.stderr.write(`eslint-plugin-sessions migrate: cannot write ${reportPath}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  return report.summary.errors > 0 ? 1 : 0;
}

function parseMigrateArguments(argv: string[]): MigrateOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        dry: { type: 'boolean' },
        print: { type: 'boolean' },
        report: { type: 'string' },
        force: { type: 'boolean' },
        cpus: { type: 'string' },
        'run-in-band': { type: 'boolean' },
        option: { type: 'string', multiple: true },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';

  const [name, ...paths] = positionals;
  const validNames = CODEMODS.map((codemod) => codemod.name).join(', ');
  if (name === undefined) throw new UsageError(`Missing the codemod name. Valid codemods: ${validNames}.`);
  const codemod = getCodemod(name);
  if (!codemod) throw new UsageError(`Unknown codemod '${name}'. Valid codemods: ${validNames}.`);

  const print = values.print === true;
  const dry = values.dry === true;
  if (print && !dry) throw new UsageError('--print needs --dry: it shows the changes instead of writing them.');
  if (values.report === '') throw new UsageError('--report needs a file name.');

  let cpuCount: number | undefined;
  if (values.cpus !== undefined) {
    cpuCount = Number(values.cpus);
    if (!Number.isInteger(cpuCount) || cpuCount < 1) {
      throw new UsageError(`Invalid --cpus '${values.cpus}': expected a whole number of at least 1.`);
    }
  }

  const transformOptions: Record<string, string> = {};
  for (const option of values.option ?? []) {
    const match = /^(?<key>[A-Za-z][\w-]*)=(?<value>.*)$/s.exec(option);
    if (!match?.groups?.key || match.groups.value === undefined) {
      throw new UsageError(`Invalid --option '${option}': expected name=value, for example --option store=redis.`);
    }
    if (RESERVED_OPTIONS.has(match.groups.key)) {
      throw new UsageError(`Invalid --option '${option}': '${match.groups.key}' is set by migrate itself.`);
    }
    if (!codemod.options.includes(match.groups.key)) {
      const valid = codemod.options.length > 0 ? `valid options are ${codemod.options.join(', ')}` : 'it takes no options';
      throw new UsageError(`Unknown --option '${match.groups.key}' for ${codemod.name}: ${valid}.`);
    }
    transformOptions[match.groups.key] = match.groups.value;
  }
  const problem = codemod.checkOptions?.(transformOptions);
  if (problem !== undefined) throw new UsageError(problem);

  return {
    codemod,
    paths: paths.length > 0 ? paths : ['.'],
    transformOptions,
    dry,
    print,
    force: values.force === true,
    ...(values.report === undefined ? {} : { report: values.report }),
    ...(cpuCount === undefined ? {} : { cpus: cpuCount }),
    runInBand: values['run-in-band'] === true,
    verbose: values.verbose === true,
  };
}

/**
 * Runs the codemod's text check on every file, as its transform would before parsing. Files the check
 * rules out are settled here as unchanged, and files that cannot be read as errors. The rest are the
 * candidates that jscodeshift has to parse.
 */
function checkTexts(codemod: CodemodEntry, files: readonly string[]): { candidates: string[]; results: FileResult[] } {
  const candidates: string[] = [];
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      results.push({ file, status: 'error', marked: [], messages: [], error: `Cannot read the file: ${(error as Error).message}` });
      continue;
    }
    if (codemod.mayChange(text, file)) candidates.push(file);
    else results.push({ file, status: 'unchanged', marked: [], messages: [] });
  }
  return { candidates, results };
}

/**
 * Returns why the report cannot be written to `reportPath`, or undefined when it can. The folder must
 * exist and be writable. The path must not name one of `files`, whose migrated code the report would
 * replace, and an existing file there must be an earlier report. The check runs before any file changes.
 */
function checkReportPath(reportPath: string, files: readonly string[]): string | undefined {
  const folder = path.dirname(reportPath);
  try {
    if (!statSync(folder).isDirectory()) return `Cannot write the report to ${reportPath}: ${folder} is not a folder.`;
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `Cannot write the report to ${reportPath}: the folder ${folder} does not exist. Create it first.`;
    return `Cannot write the report to ${reportPath}: ${(error as Error).message}`;
  }
  const target = existsSync(reportPath) ? statSync(reportPath) : undefined;
  if (target?.isDirectory()) return `Cannot write the report to ${reportPath}: it is a folder. Give a file name.`;
  if (target) {
    if (files.some((file) => isSameFile(file, target))) {
      return `Cannot write the report to ${reportPath}: it is one of the files to migrate, and the report would replace its code. Give a file name outside the migrated files, such as migration-report.json.`;
    }
    if (!isEarlierReport(reportPath)) {
      return `Cannot write the report to ${reportPath}: the file exists and is not a report of an earlier migrate run, so the report would replace it. Give a new file name, such as migration-report.json.`;
    }
  }
  return undefined;
}

/** Returns true when the file contains a report that `migrate --report` wrote, which a new run may replace. */
function isEarlierReport(file: string): boolean {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<MigrateReport> | null;
    return typeof content?.codemod === 'string' && typeof content.summary === 'object' && Array.isArray(content.changedFiles);
  } catch {
    return false;
  }
}

/**
 * Returns true when `file` is the file that `target` describes, also through a symbolic or a hard link:
 * both have the same device and inode.
 */
function isSameFile(file: string, target: Stats): boolean {
  try {
    const stats = statSync(file);
    return stats.dev === target.dev && stats.ino === target.ino;
  } catch {
    return false;
  }
}

function countFiles(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}

/**
 * Runs the codemod through jscodeshift's runner and returns one result per file, read from the results
 * files that run-transform.cts writes. jscodeshift is loaded here, so a run in which no file passes the
 * text check never loads it.
 */
async function runCodemod(
  options: MigrateOptions,
  files: string[],
  ruledOut: number,
  cwd: string,
): Promise<{ results: FileResult[]; ioErrors: number }> {
  const { run: runJscodeshift } = await import('jscodeshift/src/Runner.js');
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'eslint-plugin-sessions-migrate-'));
  const workers = options.runInBand ? 0 : Math.min(files.length, Math.max(cpus().length - 1, 1), options.cpus ?? Infinity);
  const progress = process.stderr.isTTY ? startProgress(resultsDir, files.length) : undefined;
  process.stderr.write(
    `${countFiles(files.length)} may need changes and go to jscodeshift ` +
      `(${workers === 0 ? 'in this process' : `${workers} ${workers === 1 ? 'worker' : 'workers'}`})` +
      `${ruledOut > 0 ? `; the text of the other ${ruledOut} rules out any change` : ''}.\n` +
      `Transform: ${toDisplayPath(options.codemod.transformPath, cwd)} (also runs as 'npx jscodeshift --no-babel -t <transform> <paths>').\n`,
  );

  try {
    const counts = await runJscodeshift(RUN_TRANSFORM_PATH, files, {
      ...options.transformOptions,
      dry: options.dry,
      babel: false,
      silent: true,
      // jscodeshift itself prints only its own read and write errors; the codemod's errors are in the results.
      verbose: 0,
      runInBand: options.runInBand,
      ...(options.cpus === undefined ? {} : { cpus: options.cpus }),
      sessionsTransform: options.codemod.transformPath,
      sessionsResultsDir: resultsDir,
      sessionsKeepText: options.print,
    });
    // jscodeshift's error count covers only failed reads and writes, because run-transform.cts catches the
    // codemod's own errors and records them.
    return { results: readResults(resultsDir), ioErrors: counts.error };
  } finally {
    progress?.stop();
    rmSync(resultsDir, { recursive: true, force: true });
  }
}

function readResults(resultsDir: string): FileResult[] {
  const results: FileResult[] = [];
  for (const name of readdirSync(resultsDir)) {
    for (const line of readFileSync(path.join(resultsDir, name), 'utf8').split('\n')) {
      if (line.trim() !== '') results.push(JSON.parse(line) as FileResult);
    }
  }
  return results;
}

/** Rewrites one progress line on a terminal while the workers run. */
function startProgress(resultsDir: string, total: number): { stop(): void } {
  let shown = -1;
  const timer = setInterval(() => {
    let done = 0;
    for (const name of readdirSync(resultsDir)) {
      done += readFileSync(path.join(resultsDir, name), 'utf8').split('\n').length - 1;
    }
    if (done === shown) return;
    shown = done;
    process.stderr.write(`\r${done}/${total} files`);
  }, 250);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      process.stderr.write('\r\u001b[K');
    },
  };
}

function buildReport(options: MigrateOptions, results: readonly FileResult[], ioErrors: number, cwd: string): MigrateReport {
  const markedSites: MarkedSite[] = [];
  for (const result of results) {
    for (const message of result.marked) {
      const site = parseMarkerReport(message);
      if (site) markedSites.push({ ...site, file: toDisplayPath(site.file, cwd) });
    }
  }
  const count = (status: FileResult['status']): number => results.filter((result) => result.status === status).length;
  const changed = results.filter((result) => result.status === 'migrated' || result.status === 'marked');
  const errors = results
    .filter((result) => result.status === 'error')
    .map((result) => ({ file: toDisplayPath(result.file, cwd), message: result.error ?? 'unknown error' }));
  // Files that only got markers contain no new code, so they need no package.
  const dependencies = count('migrated') === 0 ? [] : (options.codemod.dependenciesFor?.(options.transformOptions) ?? options.codemod.dependencies);
  if (ioErrors > 0) {
    errors.push({
      file: '',
      message: `jscodeshift could not read or write ${ioErrors} ${ioErrors === 1 ? 'file' : 'files'} (see its ERR lines above).`,
    });
  }

  return {
    codemod: options.codemod.name,
    dry: options.dry,
    summary: {
      files: results.length,
      migrated: changed.length,
      markedOnly: count('marked'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      marked: markedSites.length,
      errors: errors.length,
    },
    changedFiles: changed.map((result) => toDisplayPath(result.file, cwd)),
    markedOnlyFiles: results.filter((result) => result.status === 'marked').map((result) => toDisplayPath(result.file, cwd)),
    markedSites,
    skippedFiles: results
      .filter((result) => result.status === 'skipped')
      .map((result) => ({
        file: toDisplayPath(result.file, cwd),
        ...(result.line === undefined ? {} : { line: result.line }),
        ...(result.column === undefined ? {} : { column: result.column }),
        message: result.error?.replace(result.file, toDisplayPath(result.file, cwd)) ?? 'the file does not parse',
      })),
    errors,
    dependencies: dependencies.map((dependency) => ({
      name: dependency.name,
      purpose: dependency.purpose,
      dev: dependency.dev === true,
      alternatives: [...(dependency.alternatives ?? [])],
    })),
  };
}

function formatSummary(report: MigrateReport, options: MigrateOptions): string {
  const lines: string[] = [];
  if (report.markedSites.length > 0) {
    lines.push('', 'Marked for manual migration:');
    for (const site of report.markedSites) lines.push(`  ${site.file}:${site.line}:${site.column}  ${site.reason}`);
  }
  if (report.skippedFiles.length > 0) {
    lines.push('', 'Skipped because they do not parse:');
    for (const skipped of report.skippedFiles) lines.push(`  ${skipped.file}  ${skipped.message}`);
  }
  if (report.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const error of report.errors) lines.push(`  ${error.file}  ${error.message}`);
  }

  const { summary } = report;
  lines.push('', `${options.dry ? 'Dry run: ' : ''}${formatCounts(summary)}.`);
  if (summary.marked > 0) {
    lines.push(`Search for 'eslint-plugin-sessions: manual migration needed' to find the marked sites.`);
  }

  const runtime = report.dependencies.filter((dependency) => !dependency.dev);
  const development = report.dependencies.filter((dependency) => dependency.dev);
  if (report.dependencies.length > 0) {
    lines.push('', 'The migrated code needs these packages:');
    for (const dependency of report.dependencies) {
      const alternatives = dependency.alternatives.length > 0 ? ` (or ${dependency.alternatives.join(', ')})` : '';
      lines.push(`  ${dependency.name}${alternatives}: ${dependency.purpose}`);
    }
    if (runtime.length > 0) lines.push(`  npm install ${runtime.map((dependency) => dependency.name).join(' ')}`);
    if (development.length > 0) lines.push(`  npm install --save-dev ${development.map((dependency) => dependency.name).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Formats the counts of the summary line: files by outcome, where `migrated` leaves out the files that only
 * got markers, then the number of marked sites.
 */
function formatCounts(summary: MigrateReport['summary']): string {
  const files = [
    `${summary.migrated - summary.markedOnly} migrated`,
    `${summary.markedOnly} marked only`,
    `${summary.unchanged} unchanged`,
    `${summary.skipped} skipped`,
    `${summary.errors} ${summary.errors === 1 ? 'error' : 'errors'}`,
  ];
  const sites = `${summary.marked} ${summary.marked === 1 ? 'site' : 'sites'} to migrate by hand`;
  return `${files.join(', ')}; ${sites}`;
}

/** Lists the git work trees that contain a path and have uncommitted changes, with up to ten changed paths each. */
function findDirtyWorkTrees(paths: readonly string[], cwd: string): { root: string; changes: string[] }[] {
  const roots = new Set<string>();
  for (const input of paths) {
    const absolute = path.resolve(cwd, input);
    const directory = statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ? absolute : path.dirname(absolute);
    const root = runGit(['rev-parse', '--show-toplevel'], directory);
    if (root !== undefined) roots.add(root.trim());
  }

  const dirty: { root: string; changes: string[] }[] = [];
  for (const root of roots) {
    const status = runGit(['status', '--porcelain'], root);
    const changes = (status ?? '').split('\n').filter((line) => line.trim() !== '');
    if (changes.length === 0) continue;
    const shown = changes.slice(0, 10);
    if (changes.length > shown.length) shown.push(`… and ${changes.length - shown.length} more`);
    dirty.push({ root, changes: shown });
  }
  return dirty;
}

/** Runs git and returns its output, or `undefined` when git is missing or the folder is not in a work tree. */
function runGit(args: string[], directory: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function toDisplayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function reportUsageError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`eslint-plugin-sessions migrate: ${message}\nRun 'eslint-plugin-sessions migrate --help' for usage.\n`);
  return 2;
}
