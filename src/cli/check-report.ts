import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION, REPOSITORY_URL } from '../meta.js';

/** One problem a rule of the plugin reported. Paths are relative to the directory `check` ran in. */
export interface Finding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** The codemods that migrate this finding, or none when it must be fixed by hand. */
  codemods: string[];
}

/** A file that was not linted because it does not parse. */
export interface ParseFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The number of findings of one rule and what migrates them. */
export interface RuleSummary {
  ruleId: string;
  count: number;
  /** The codemods that migrate some of the rule's findings, or none when they must all be fixed by hand. */
  codemods: string[];
  docsUrl?: string;
}

/** Everything `check` prints, in the shape `--format json` writes. */
export interface CheckReport {
  tool: { name: string; version: string; eslintVersion: string };
  /** Files that were linted, not counting those that do not parse. */
  filesChecked: number;
  findings: Finding[];
  parseFailures: ParseFailure[];
  /** Findings hidden by `eslint-disable` comments. */
  suppressedCount: number;
  summary: RuleSummary[];
  /** Commands that migrate the findings a codemod covers, one per codemod. */
  nextCommands: string[];
}

export interface ReportContext {
  /** The directory that paths are shown relative to. */
  displayRoot: string;
  /** Files passed to ESLint, including those that turn out not to parse. */
  filesChecked: number;
  /** The paths the user named, repeated in the suggested commands. */
  paths: readonly string[];
  eslintVersion: string;
  rulesMeta: Record<string, { docs?: { url?: string } } | undefined>;
  /**
   * Returns the names of the codemods that migrate a rule's findings (`sessions/<id>`), or with a
   * messageId, those that migrate findings with that message.
   */
  getCodemods(ruleId: string, messageId?: string): string[];
}

const RULE_PREFIX = `${PLUGIN_NAMESPACE}/`;

/**
 * Keeps the messages `check` is about: findings of the plugin's rules, and parse errors. Problems with the
 * user's own directive comments are dropped, because the file was still linted: `eslint-disable` comments
 * for rules that are not loaded here, and the fatal error ESLint 10 reports for an `eslint-env` comment.
 */
export function keepPluginMessages(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  const isKept = (message: Linter.LintMessage): boolean => isParseError(message) || (message.ruleId?.startsWith(RULE_PREFIX) ?? false);
  return results.map((result) => {
    const messages = result.messages.filter(isKept);
    const suppressedMessages = result.suppressedMessages.filter(isKept);
    return {
      ...result,
      messages,
      suppressedMessages,
      errorCount: messages.filter((message) => message.severity === 2).length,
      fatalErrorCount: messages.filter((message) => message.fatal === true).length,
      warningCount: messages.filter((message) => message.severity === 1).length,
    };
  });
}

/** Tells a parse error apart from other fatal messages by the prefix ESLint's parser service gives it. */
export function isParseError(message: Linter.LintMessage): boolean {
  return message.fatal === true && message.ruleId === null && message.message.startsWith('Parsing error');
}

export function buildCheckReport(results: readonly ESLint.LintResult[], context: ReportContext): CheckReport {
  const findings: Finding[] = [];
  const parseFailures: ParseFailure[] = [];
  let suppressedCount = 0;

  for (const result of results) {
    const file = toDisplayPath(result.filePath, context.displayRoot);
    suppressedCount += result.suppressedMessages.length;
    for (const message of result.messages) {
      if (message.ruleId === null) {
        parseFailures.push({ file, line: message.line, column: message.column, message: message.message });
        continue;
      }
      findings.push({
        ruleId: message.ruleId,
        file,
        line: message.line,
        column: message.column,
        ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
        ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
        message: message.message,
        codemods: context.getCodemods(message.ruleId, message.messageId),
      });
    }
  }

  const counts = new Map<string, number>();
  const codemodsByRule = new Map<string, Set<string>>();
  for (const finding of findings) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const ruleCodemods = codemodsByRule.get(finding.ruleId) ?? new Set<string>();
    for (const codemod of finding.codemods) ruleCodemods.add(codemod);
    codemodsByRule.set(finding.ruleId, ruleCodemods);
  }
  const summary = [...counts.keys()].sort().map((ruleId): RuleSummary => {
    const docsUrl = context.rulesMeta[ruleId]?.docs?.url;
    return {
      ruleId,
      count: counts.get(ruleId) ?? 0,
      codemods: [...(codemodsByRule.get(ruleId) ?? [])].sort(),
      ...(docsUrl === undefined ? {} : { docsUrl }),
    };
  });

  const codemods = [...new Set(summary.flatMap((entry) => entry.codemods))].sort();
  const pathArguments = context.paths.map(quoteShellArgument).join(' ');
  const nextCommands = codemods.map((codemod) => `npx ${PLUGIN_NAME} migrate ${codemod} ${pathArguments}`);

  const unparsedFiles = new Set(parseFailures.map((failure) => failure.file));
  return {
    tool: { name: PLUGIN_NAME, version: PLUGIN_VERSION, eslintVersion: context.eslintVersion },
    filesChecked: context.filesChecked - unparsedFiles.size,
    findings,
    parseFailures,
    suppressedCount,
    summary,
    nextCommands,
  };
}

/** Formats the report for a terminal: findings grouped by rule, unparsed files, a summary table, next steps. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];

  for (const entry of report.summary) {
    lines.push(`${entry.ruleId} (${entry.count})`);
    for (const finding of report.findings.filter((candidate) => candidate.ruleId === entry.ruleId)) {
      lines.push(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.message}`);
    }
    lines.push('');
  }

  if (report.parseFailures.length > 0) {
    lines.push(`Files not checked because they do not parse (${report.parseFailures.length}):`);
    for (const failure of report.parseFailures) {
      lines.push(`  ${failure.file}:${failure.line}:${failure.column}  ${failure.message}`);
    }
    lines.push('');
  }

  if (report.summary.length > 0) {
    lines.push(...formatSummaryTable(report.summary), '');
  }

  lines.push(...formatVerdict(report));
  if (report.suppressedCount > 0) {
    lines.push(`${report.suppressedCount} more ${report.suppressedCount === 1 ? 'finding is' : 'findings are'} disabled by eslint-disable comments.`);
  }

  if (report.nextCommands.length > 0) {
    lines.push('', 'Next, migrate what a codemod covers (add --dry --print to preview the changes):');
    for (const command of report.nextCommands) lines.push(`  ${command}`);
  }
  const manual = report.summary.filter((entry) => entry.codemods.length === 0);
  if (manual.length > 0) {
    lines.push('', 'No codemod covers these rules. Each rule page says how to fix them by hand:');
    const width = Math.max(...manual.map((entry) => entry.ruleId.length));
    for (const entry of manual) lines.push(`  ${entry.ruleId.padEnd(width)}  ${entry.docsUrl ?? `${REPOSITORY_URL}#rules`}`);
  }

  return `${lines.join('\n')}\n`;
}

function formatVerdict(report: CheckReport): string[] {
  const unparsedCount = new Set(report.parseFailures.map((failure) => failure.file)).size;
  const unparsed =
    unparsedCount === 0 ? [] : [`${unparsedCount} ${unparsedCount === 1 ? 'file was' : 'files were'} not checked because of parse errors.`];

  if (report.filesChecked === 0) {
    return unparsedCount === 0 ? ['No JavaScript or TypeScript files found.'] : unparsed;
  }
  const fileWord = report.filesChecked === 1 ? 'file' : 'files';
  const problemCount = report.findings.length;
  const verdict =
    problemCount === 0
      ? `No problems found in ${report.filesChecked} ${fileWord}.`
      : `${problemCount} ${problemCount === 1 ? 'problem' : 'problems'} in ${report.filesChecked} checked ${fileWord}.`;
  return [verdict, ...unparsed];
}

function formatSummaryTable(summary: readonly RuleSummary[]): string[] {
  const header = ['Rule', 'Count', 'Codemod'] as const;
  const rows = summary.map((entry) => [entry.ruleId, String(entry.count), entry.codemods.join(', ') || '(none, fix by hand)']);
  const total = summary.reduce((sum, entry) => sum + entry.count, 0);
  rows.push(['Total', String(total), '']);

  const ruleWidth = Math.max(header[0].length, ...rows.map((row) => row[0]?.length ?? 0));
  const countWidth = Math.max(header[1].length, ...rows.map((row) => row[1]?.length ?? 0));
  const formatRow = (rule: string, count: string, codemod: string): string =>
    `${rule.padEnd(ruleWidth)}  ${count.padStart(countWidth)}  ${codemod}`.trimEnd();

  return [
    formatRow(...header),
    formatRow('-'.repeat(ruleWidth), '-'.repeat(countWidth), '-'.repeat(header[2].length)),
    ...rows.map(([rule = '', count = '', codemod = '']) => formatRow(rule, count, codemod)),
  ];
}

export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

type SarifFormatter = (results: readonly ESLint.LintResult[], data: { cwd: string; rulesMeta: unknown }) => string;

interface SarifLog {
  runs: {
    tool: { driver: { version?: string; [key: string]: unknown }; extensions?: unknown[] };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results?: SarifLocated[];
    artifacts?: { location: SarifArtifactLocation }[];
    invocations?: { toolConfigurationNotifications?: SarifLocated[] }[];
  }[];
  [key: string]: unknown;
}
interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
interface SarifLocated {
  locations?: { physicalLocation?: { artifactLocation?: SarifArtifactLocation } }[];
}

const SOURCE_ROOT_ID = '%SRCROOT%';
const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Writes SARIF 2.1.0 with `@microsoft/eslint-formatter-sarif`, then makes the artifact URIs relative to
 * `sourceRoot` (with the `%SRCROOT%` base id, as code-scanning uploads expect) and names ESLint's version and
 * this plugin as the tool. A path outside `sourceRoot` keeps its absolute `file:` URI. It also names the final
 * SARIF 2.1.0 schema in `$schema`.
 */
export function formatSarif(
  results: readonly ESLint.LintResult[],
  rulesMeta: Record<string, unknown>,
  sourceRoot: string,
  eslintVersion: string,
): string {
  const require = createRequire(import.meta.url);
  const formatSarifLog = require('@microsoft/eslint-formatter-sarif') as SarifFormatter;
  const log = JSON.parse(formatSarifLog(results, { cwd: sourceRoot, rulesMeta })) as SarifLog;

  // The formatter names the schema of a release candidate (rtm.5); the SARIF multitool's validator
  // reports that as error SARIF1011 and asks for the final 2.1.0 schema.
  log.$schema = SARIF_SCHEMA_URL;

  const rootUri = pathToFileURL(sourceRoot.endsWith(path.sep) ? sourceRoot : `${sourceRoot}${path.sep}`).href;
  for (const run of log.runs) {
    run.tool.driver.version = eslintVersion;
    run.tool.extensions = [{ name: PLUGIN_NAME, version: PLUGIN_VERSION, informationUri: REPOSITORY_URL }];
    run.originalUriBaseIds = { [SOURCE_ROOT_ID]: { uri: rootUri } };
    const rebase = (location: SarifArtifactLocation | undefined): void => {
      if (location?.uri.startsWith(rootUri)) {
        location.uri = location.uri.slice(rootUri.length);
        location.uriBaseId = SOURCE_ROOT_ID;
      }
    };
    for (const artifact of run.artifacts ?? []) rebase(artifact.location);
    const located = [...(run.results ?? []), ...(run.invocations ?? []).flatMap((invocation) => invocation.toolConfigurationNotifications ?? [])];
    for (const entry of located) {
      for (const location of entry.locations ?? []) rebase(location.physicalLocation?.artifactLocation);
    }
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toDisplayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  const displayPath = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  return displayPath.split(path.sep).join('/');
}

/** Quotes a path for a POSIX shell when it contains anything but safe characters. */
function quoteShellArgument(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
