// Renders the results of run-bench.mjs as the generated part of docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { ARM_RULE_PREFIXES } from './eslint-runs.mjs';
import { medianRoundRatio } from './measure.mjs';


const seconds = (ms) => (ms / 1000).toFixed(2);
const percent = (fraction) => `${(fraction * 100).toFixed(2)} %`;
/** Formats a fraction as a percentage with its sign: `+2.47 %`, `-0.10 %`. */
export const signedPercent = (fraction) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(2)} %`;
const megabytes = (kilobytes) => (kilobytes / 1024).toFixed(0);
/** Formats a byte count in MiB with one decimal. */
export const mebibytes = (bytes) => (bytes / 2 ** 20).toFixed(1);

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const ARM_LABELS = {
  baseline: 'baseline: `@eslint/js` recommended',
  strict: 'baseline + eslint-plugin-sessions `strict`',
  'browser-jwt-security': 'baseline + browser-security storage/cookie rules + jwt-security (all rules)',
  sonarjs: 'baseline + sonarjs JWT/cookie/session/credential rules',
  security: 'reference: baseline + security `detect-possible-timing-attacks`',
};

function renderRunFacts(results) {
  const { machine, corpus } = results;
  return [
    `Run finished ${(results.finishedAt ?? new Date().toISOString()).slice(0, 16).replace('T', ' ')} UTC, ${(results.durationMs / 60000).toFixed(1)} minutes in all.`,
    '',
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB} GiB memory, ${machine.platform}, Node.js ${machine.node}.`,
    `- Load average (1, 5, 15 min): ${machine.loadAtStart.join(', ')} at the start, ${machine.loadAtEnd.join(', ')} at the end.`,
    `- Corpus slice \`${results.slice}\`: ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(1)} MB) from ${corpus.slicePackages} packages, ` +
      `out of ${corpus.allFiles} files (${(corpus.allBytes / 1e6).toFixed(1)} MB) in ${corpus.packages} packages. ` +
      `${corpus.commonjs} of the slice's files are linted as CommonJS. ${corpus.bySyntax} files of the slice got their source type from the mode in which they parse.`,
    `- Repetitions: ${results.reps} rounds for lint cost, codemods and oxlint; ${results.timingReps ?? 1} ${(results.timingReps ?? 1) === 1 ? 'run' : 'runs'} with \`TIMING=all\` of each arm but the baseline; ${results.growthReps} rounds for each larger size in the growth table (its 1× row is the lint-cost rounds). Every figure below is a median.`,
    `- Rules of eslint-plugin-sessions measured: ${results.ruleNames.map((name) => `\`${name}\``).join(', ') || 'none'}.`,
    '',
    table(
      ['package', 'version'],
      Object.entries(results.versions).map(([name, version]) => [name, version]),
    ),
  ].join('\n');
}

function renderTargets(results) {
  return table(
    ['target', 'measured', 'result'],
    results.targets.map((target) => [target.name, target.measured, target.pass ? 'PASS' : '**FAIL**']),
  );
}

function renderLintCost(results) {
  const { lint } = results;
  const baseline = lint.baseline;
  // Results written before the bench measured CPU time have no `medianCpuMs`.
  const hasCpu = Number.isFinite(baseline.medianCpuMs);
  const rows = Object.entries(lint).map(([arm, summary]) => [
    ARM_LABELS[arm] ?? arm,
    seconds(summary.medianWallMs),
    arm === 'baseline' ? '—' : signedPercent(summary.medianWallMs / baseline.medianWallMs - 1),
    arm === 'baseline' ? '—' : signedPercent(medianRoundRatio(summary.wallMs, baseline.wallMs) - 1),
    ...(hasCpu
      ? [seconds(summary.medianCpuMs), arm === 'baseline' ? '—' : signedPercent(summary.medianCpuMs / baseline.medianCpuMs - 1)]
      : []),
    megabytes(summary.medianRssKb),
    arm === 'baseline' ? '—' : signedPercent(summary.medianRssKb / baseline.medianRssKb - 1),
    arm === 'baseline' ? String(summary.allReports) : String(summary.armReports),
    summary.wallMs.map(seconds).join(', '),
  ]);
  if (results.oxlint.works) {
    for (const row of results.oxlint.rows) {
      rows.push([row.name, seconds(row.medianWallMs), '—', '—', ...(hasCpu ? ['—', '—'] : []), megabytes(row.medianRssKb), '—', '—', row.wallMs.map(seconds).join(', ')]);
    }
  }
  const cpuHeader = hasCpu ? ['median CPU (s)', 'CPU vs baseline'] : [];
  return table(
    ['rules', 'median wall (s)', 'wall vs baseline', 'wall vs baseline, per round²', ...cpuHeader, 'median peak RSS (MiB)', 'RSS vs baseline', 'reports¹', 'wall of each run (s)'],
    rows,
  ) +
    '\n\n¹ For the baseline: every report of `@eslint/js`; for the other rows: the reports of the added rules only.' +
    ` ESLint 10 rejects ${baseline.fatalFiles} ${baseline.fatalFiles === 1 ? 'file' : 'files'} of the slice before any rule runs ` +
    '(see docs/scan.md), in every row alike.' +
    (hasCpu
      ? ' CPU is the user plus system time of the ESLint process. It counts only the time the process ran, so waiting while other work has the CPU adds to wall time but not to it.'
      : '') +
    '\n\n² The median over the rounds of the row\'s run divided by the baseline run of the same round. ' +
    'When the machine speeds up or slows down during the bench, the medians of two rows can come from different rounds, and this column is less affected.';
}

function renderHeap(results) {
  const { heap, lint } = results;
  if (!heap) return 'This run did not record heap allocation.';
  const baseline = heap.baseline;
  const rows = Object.entries(heap).map(([arm, summary]) => [
    ARM_LABELS[arm] ?? arm,
    mebibytes(summary.medianAllocatedBytes),
    arm === 'baseline' ? '—' : signedPercent(summary.medianAllocatedBytes / baseline.medianAllocatedBytes - 1),
    mebibytes(summary.medianRetainedBytes),
    arm === 'baseline' ? '—' : signedPercent(summary.medianRetainedBytes / baseline.medianRetainedBytes - 1),
    lint[arm] ? lint[arm].maxRssKb.map(megabytes).join(', ') : '—',
  ]);
  const runs = results.heapReps ?? heap.baseline.allocatedBytes.length;
  return (
    `Each row ran ${runs} more ${runs === 1 ? 'time' : 'times'} with V8's \`GCProfiler\` (bench/lib/measure.mjs). ` +
    'Allocated is what the JavaScript heap received over the run, which does not depend on when V8 collects. ' +
    'Retained is what the heap held after a full collection at exit. The last column repeats the peak RSS of each lint-cost round.\n\n' +
    table(
      ['rules', 'heap allocated (MiB)', 'allocated vs baseline', 'retained at exit (MiB)', 'retained vs baseline', 'peak RSS of the lint-cost rounds (MiB)'],
      rows,
    )
  );
}

function renderRuleShares(results) {
  const sections = [];
  const strict = results.timings.strict;
  const ours = strict.rows.filter((row) => row.rule.startsWith('sessions/'));
  const runs = strict.runs ?? 1;
  const reversed = results.timings['strict-reversed'];
  sections.push(
    `\`strict\` ran ${runs} ${runs === 1 ? 'time' : 'times'} with \`TIMING=all\`; total rule time (median): ` +
      `${strict.totalMs.toFixed(1)} ms over ${strict.rows.length} rules. A rule's time and share are the medians over ` +
      'the runs; the fourth column lists the share in each run.' +
      (reversed
        ? ` The last two columns come from ${reversed.runs ?? 1} ${(reversed.runs ?? 1) === 1 ? 'run' : 'runs'} of \`strict-reversed\`, which lists our rules in reverse order ` +
          `(total rule time ${reversed.totalMs.toFixed(1)} ms). ESLint creates a file's rules in the order of the config, ` +
          'so the first of our rules pays for reading the text, and the first rule that runs a text check shared by several rules pays for that check.'
        : ''),
    '',
    table(
      [
        'rule of eslint-plugin-sessions',
        'time (ms)',
        'share of total rule time',
        'share in each run',
        ...(reversed ? ['time, order reversed (ms)', 'share, order reversed'] : []),
      ],
      ours.map((row) => {
        const cells = [
          `\`${row.rule}\``,
          row.ms.toFixed(1),
          percent(row.share),
          (row.shares ?? [row.share]).map((share) => percent(share)).join(', '),
        ];
        if (!reversed) return cells;
        const reversedRow = reversed.rows.find((candidate) => candidate.rule === row.rule);
        return [...cells, reversedRow ? reversedRow.ms.toFixed(1) : '—', reversedRow ? percent(reversedRow.share) : '—'];
      }),
    ),
    '',
    'The same shares for the added rules of the other rows (their own `TIMING=all` runs, as many as for `strict`):',
    '',
  );
  const peerRows = [];
  for (const [arm, timing] of Object.entries(results.timings)) {
    if (arm === 'strict-reversed') continue;
    const prefixes = ARM_RULE_PREFIXES[arm];
    const added = timing.rows.filter((row) => prefixes.some((prefix) => row.rule.startsWith(prefix)));
    const sum = added.reduce((total, row) => total + row.share, 0);
    const worst = added.reduce((max, row) => (row.share > (max?.share ?? -1) ? row : max), undefined);
    peerRows.push([
      ARM_LABELS[arm] ?? arm,
      String(added.length),
      percent(sum),
      worst ? `${percent(worst.share)} (\`${worst.rule}\`)` : '—',
      timing.totalMs.toFixed(1),
    ]);
  }
  sections.push(
    table(['rules', 'added rules timed', 'their shares together', 'largest single share', 'total rule time (ms)'], peerRows),
  );
  return sections.join('\n');
}

function renderGrowth(results) {
  return table(
    ['corpus size', 'rounds', 'files', 'baseline (s)', 'strict (s)', 'strict / baseline', 'baseline ms per file', 'strict ms per file'],
    results.growth.map((size) => [
      `${size.copies}×`,
      String(size.rounds),
      String(size.files),
      seconds(size.baselineMs),
      seconds(size.strictMs),
      size.ratio.toFixed(3),
      (size.baselineMs / size.files).toFixed(2),
      (size.strictMs / size.files).toFixed(2),
    ]),
  );
}

function renderCodemods(results) {
  const { codemods } = results;
  const parseFloor = codemods.rows.find((row) => row.name === 'floor: parse only').medianWallMs;
  const lines = [
    `Input: the ${codemods.files} files of the slice on which no rule of eslint-plugin-sessions reports and that parse ` +
      `(${codemods.excludedReported} files with a report and ${codemods.excludedUnparsable} that do not parse were left out).`,
    '',
    table(
      ['command', 'median wall (s)', 'vs parse-only floor', 'summary it printed', 'runs (s)'],
      codemods.rows.map((row) => [
        `\`${row.name}\``,
        seconds(row.medianWallMs),
        `${(row.medianWallMs / parseFloor).toFixed(2)}×`,
        row.summary,
        row.wallMs.map(seconds).join(', '),
      ]),
    ),
  ];
  if (!codemods.migrate.available) {
    lines.push('', `\`migrate\` was not measured: ${codemods.migrate.reason}`);
  } else if (codemods.migrate.missing.length > 0) {
    lines.push('', `Not measured because the built CLI does not list them: ${codemods.migrate.missing.map((name) => `\`${name}\``).join(', ')}.`);
  }
  return lines.join('\n');
}

function renderConcurrency(results) {
  const { concurrency } = results;
  const verdict = concurrency.equal
    ? 'The reports are identical'
    : `**The reports differ.** First difference: \`${JSON.stringify(concurrency.firstDifference)}\``;
  return (
    `\`strict\` with \`--concurrency=2\`: ${seconds(concurrency.wallMs)} s for ${concurrency.files} files and ${concurrency.messages} messages; ` +
    `one thread: ${concurrency.singleFiles} files and ${concurrency.singleMessages} messages. ${verdict} ` +
    '(messages compared by file, position, rule and text after sorting).'
  );
}

function renderOxlintComparison(label, comparison) {
  const lines = [
    `- ${label}: ESLint ${comparison.eslintReports} reports of our rules, oxlint ${comparison.oxlintReports}; ` +
      `${comparison.onlyEslint.length} found only by ESLint, ${comparison.onlyOxlint.length} only by oxlint (compared by file, line, column and rule).`,
  ];
  const differences = [
    ...comparison.onlyEslint.map((entry) => `ESLint only: ${entry}`),
    ...comparison.onlyOxlint.map((entry) => `oxlint only: ${entry}`),
  ];
  if (differences.length > 0) lines.push('', '  ```text', ...differences.slice(0, 30).map((line) => `  ${line}`), '  ```');
  return lines.join('\n');
}

function renderOxlint(results) {
  const { oxlint } = results;
  if (!oxlint.works) return `oxlint could not run eslint-plugin-sessions as a JS plugin:\n\n\`\`\`text\n${oxlint.error}\n\`\`\``;
  const lines = [
    'oxlint loaded the package entry (`dist/plugin.js`) unmodified through `jsPlugins` and ran every rule of ours. Its timings are the last rows of the lint-cost table.',
    '',
    renderOxlintComparison('Bench slice', oxlint.corpus),
    renderOxlintComparison(`The ${oxlint.examples.files} code examples of docs/rules/*.md (blocks without \`options\`)`, oxlint.examples),
  ];
  if (oxlint.stderr) lines.push('', 'oxlint printed on stderr:', '', '```text', oxlint.stderr, '```');
  return lines.join('\n');
}

/** Returns the generated Markdown for docs/benchmarks.md (without the markers). */
export function renderBenchmarksPage(results) {
  return [
    '## Results',
    '',
    renderRunFacts(results),
    '',
    '### Targets',
    '',
    renderTargets(results),
    '',
    '### Lint cost',
    '',
    renderLintCost(results),
    '',
    '### Memory',
    '',
    renderHeap(results),
    '',
    '### Share of rule time',
    '',
    renderRuleShares(results),
    '',
    '### Growth with corpus size',
    '',
    renderGrowth(results),
    '',
    '### Codemods',
    '',
    renderCodemods(results),
    '',
    '### `--concurrency=2`',
    '',
    renderConcurrency(results),
    '',
    '### oxlint',
    '',
    renderOxlint(results),
  ].join('\n');
}

/**
 * Replaces the text between `<!-- begin generated by GENERATOR -->` and `<!-- end generated by GENERATOR -->`
 * in `page` with `content`, leaving the hand-written text around them as it is. Throws when the markers are missing.
 */
export function writeGeneratedSection(page, content, generator = 'bench/run-bench.mjs') {
  const beginMarker = `<!-- begin generated by ${generator} -->`;
  const endMarker = `<!-- end generated by ${generator} -->`;
  const text = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const begin = text.indexOf(beginMarker);
  const end = text.indexOf(endMarker);
  if (begin === -1 || end === -1 || end < begin) {
    throw new Error(`${page} has no '${beginMarker}' … '${endMarker}' block to fill in.`);
  }
  writeFileSync(page, `${text.slice(0, begin + beginMarker.length)}\n${content}\n${text.slice(end)}`);
}
