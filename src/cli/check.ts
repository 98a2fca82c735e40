import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';

import { getCodemodsForRule } from '../codemod/registry.js';
import { PLUGIN_NAMESPACE } from '../meta.js';
import { lintCheckedFiles } from './check-lint.js';
import { collectFiles, findCommonDirectory, InvalidPathError, LINTED_EXTENSIONS, SKIPPED_DIRECTORIES } from './check-files.js';
import { buildCheckReport, formatJson, formatSarif, formatText } from './check-report.js';
import type { Command } from './index.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: eslint-plugin-sessions check [options] [paths...]

Lints the paths (default: the current folder) with the plugin's strict config. No ESLint config of your
own is needed, and none is read. Prints the findings grouped by rule, a summary with the codemod that
migrates each rule, and the command to run next.

Options:
  --format <text|json|sarif>  Output format (default: text). sarif is SARIF 2.1.0 for code-scanning uploads.
  -o, --output <file>         Write the output to a file instead of standard output.
  -h, --help                  Show this help.

Folders are walked with git's ignore rules (.gitignore files and .git/info/exclude). These folders are
skipped: ${[...SKIPPED_DIRECTORIES].join(', ')}, as are minified *.min.js files. Paths named on the command
line are checked even when an ignore rule lists them. Files checked: ${LINTED_EXTENSIONS.join(', ')}.

A .js or .jsx file is parsed as an ES module when the nearest package.json has "type": "module", else as a
CommonJS script, and parsed again as an ES module when the script does not parse. .mjs and TypeScript files
are parsed as ES modules, .cjs files as CommonJS.

Exit status: 0 when nothing is found, 1 when a rule reports a problem or a file does not parse,
2 on invalid options or paths.`;

class UsageError extends Error {
  override name = 'UsageError';
}

interface CheckOptions {
  format: Format;
  output?: string;
  paths: string[];
}

export const checkCommand: Command = {
  run: runCheck,
};

/** Runs `check` with the arguments after the command name and returns the exit status. */
export async function runCheck(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArguments(argv);
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

  // ESLint treats files outside its `cwd` as ignored, so it runs in a folder that contains them all.
  const lintRoot = findCommonDirectory(files, cwd);
  const { results, rulesMeta } = await lintCheckedFiles(files, lintRoot);

  const report = buildCheckReport(results, {
    displayRoot: cwd,
    filesChecked: files.length,
    paths: options.paths,
    eslintVersion: ESLint.version,
    rulesMeta,
    getCodemods: getCodemodsForPluginRule,
  });

  let output: string;
  if (options.format === 'json') output = formatJson(report);
  else if (options.format === 'sarif') output = formatSarif(results, rulesMeta, cwd, ESLint.version);
  else output = formatText(report);

  if (options.output === undefined) {
    process.stdout.write(output);
  } else {
    const outputPath = path.resolve(cwd, options.output);
    try {
      writeFileSync(outputPath, output);
    } catch (error) {
      process.stderr.write(`eslint-plugin-sessions check: cannot write ${outputPath}: ${(error as Error).message}\n`);
      return 2;
    }
    if (options.format !== 'text') {
      process.stderr.write(
        `eslint-plugin-sessions check: ${report.findings.length} problems, ${report.parseFailures.length} unparsed files; wrote ${options.format} to ${options.output}\n`,
      );
    }
  }

  return report.findings.length > 0 || report.parseFailures.length > 0 ? 1 : 0;
}

function parseCheckArguments(argv: string[]): CheckOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';

  const format = values.format ?? 'text';
  if (!isFormat(format)) {
    throw new UsageError(`Invalid --format '${format}'. Valid formats: ${FORMATS.join(', ')}.`);
  }
  if (values.output === '') throw new UsageError('--output needs a file name.');

  return {
    format,
    ...(values.output === undefined ? {} : { output: values.output }),
    paths: positionals.length > 0 ? positionals : ['.'],
  };
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

function reportUsageError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`eslint-plugin-sessions check: ${message}\nRun 'eslint-plugin-sessions check --help' for usage.\n`);
  return 2;
}

/**
 * Returns the names of the codemods whose paired rule IDs include `ruleId` (given as `sessions/<id>`),
 * without those that only mark reports with `messageId`.
 */
function getCodemodsForPluginRule(ruleId: string, messageId?: string): string[] {
  const prefix = `${PLUGIN_NAMESPACE}/`;
  const id = ruleId.startsWith(prefix) ? ruleId.slice(prefix.length) : ruleId;
  return getCodemodsForRule(id, messageId).map((codemod) => codemod.name);
}
