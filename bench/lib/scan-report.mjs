// Renders the results of run-scan.mjs as the generated part of docs/scan.md.

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Wraps text in a code span whose fence is longer than any run of backticks inside it. */
function code(text) {
  if (text === '') return '';
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const VERDICTS = { 'true-positive': 'true positive', 'false-positive': '**false positive**' };

function renderReports(scan) {
  if (scan.reports.length === 0) return 'No rule reported anything.';
  return table(
    ['file:line:column', 'rule', 'code', 'verdict', 'review'],
    scan.reports.map((report) => [
      `${report.file}:${report.line}:${report.column}${report.suppressed ? ' (suppressed by a comment in the file)' : ''}${report.linted === 'default' ? '' : ' (linted with inline config off)'}`,
      `\`${report.rule}\``,
      code(report.code),
      report.review ? VERDICTS[report.review.verdict] : '**not reviewed**',
      report.review?.note ?? '',
    ]),
  );
}

function renderParseFailures(scan) {
  if (scan.parseFailures.length === 0) return 'ESLint 10 lints every file.';
  return table(
    ['file:line', 'ESLint message', 'linted by our rules with inline config off'],
    scan.parseFailures.map((failure) => [
      `${failure.file}:${failure.line}`,
      failure.message,
      failure.lintedWithoutInlineConfig ? 'yes' : 'no: it does not parse',
    ]),
  );
}

function renderCodemods(scan) {
  const { codemods } = scan;
  if (!codemods.available) return `The codemods were not run: ${codemods.reason}`;
  const lines = [
    table(
      ['codemod', 'files', 'would change', 'of those, only markers', 'unchanged', 'skipped: ESLint parses the file', 'skipped: ESLint does not parse it either', 'errors', 'changed files without a report', 'marked for manual review'],
      codemods.runs.map((run) => [
        `\`${run.codemod}\``,
        String(run.summary.files),
        String(run.changed.length),
        String(run.markedOnly.length),
        String(run.summary.unchanged),
        String(run.skippedParsable.length),
        String(run.skippedUnparsable.length),
        String(run.errors.length),
        String(run.changedWithoutReport.length),
        String(run.markedSites.length),
      ]),
    ),
  ];
  for (const run of codemods.runs) {
    const markedOnly = new Set(run.markedOnly);
    const details = [
      ...run.changed.map((file) => (markedOnly.has(file) ? `would only mark ${file}` : `would change ${file}`)),
      ...run.markedSites.map((site) => `marked ${site.file}:${site.line}:${site.column} ${site.reason}`),
      ...run.errors.map((error) => `error ${error.file} ${error.message}`),
      ...run.skippedParsable.map((skip) => `skipped ${skip.file}:${skip.line ?? '?'} ${skip.message}`),
      ...run.skippedUnparsable.map((skip) => `skipped (ESLint does not parse it either) ${skip.file}:${skip.line ?? '?'} ${skip.message}`),
    ];
    if (details.length > 0) lines.push('', `\`${run.codemod}\`:`, '', '```text', ...details, '```');
  }
  return lines.join('\n');
}

/** Returns the generated Markdown for docs/scan.md (without the markers). */
export function renderScanPage(scan) {
  const truePositives = scan.reports.filter((report) => report.review?.verdict === 'true-positive').length;
  const falsePositives = scan.reports.filter((report) => report.review?.verdict === 'false-positive').length;
  const checks = scan.failures.length === 0 ? ['All checks pass.'] : scan.failures.map((failure) => `- FAIL: ${failure}`);
  return [
    '## Results',
    '',
    `Scan of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC over ${scan.files} files ` +
      `(${(scan.bytes / 1e6).toFixed(1)} MB) in ${scan.packages} packages, ${(scan.durationMs / 1000).toFixed(0)} s. ` +
      `Rules: ${scan.ruleNames.map((name) => `\`${name}\``).join(', ') || 'none'}.`,
    '',
    `- ${scan.reports.length} reports: ${truePositives} true positives, ${falsePositives} false positives, ` +
      `${scan.reports.length - truePositives - falsePositives} not reviewed.`,
    `- ${scan.crashes.length} rule crashes.`,
    `- ${scan.parseFailures.length} files are rejected by ESLint 10 before any rule runs (listed below; not errors of the rules). ` +
      `${scan.parseFailures.filter((failure) => failure.lintedWithoutInlineConfig).length} of them are rejected only because of a comment, and our rules linted them again with inline config off.`,
    `- ${scan.missing.length} reviewed reports no longer reported.`,
    '',
    ...checks,
    '',
    '### Reports',
    '',
    renderReports(scan),
    '',
    '### Codemods (dry run)',
    '',
    renderCodemods(scan),
    '',
    '### Files that ESLint 10 rejects',
    '',
    renderParseFailures(scan),
    ...(scan.crashes.length > 0
      ? ['', '### Rule crashes', '', table(['file', 'error'], scan.crashes.map((crash) => [crash.file, crash.error]))]
      : []),
  ].join('\n');
}
