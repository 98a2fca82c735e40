#!/usr/bin/env node
// Shows the whole chain on examples/legacy-app. `check` finds the JWT session and the token in
// localStorage, and `migrate` runs both codemods on a copy in a temporary folder. The script prints the diff
// and the summaries, then runs `check` again on the copy. It exits 1 when a step fails, or when the migrated
// copy still has findings outside the sites the codemods marked for manual migration.
//
// Run it with `npm run demo`, which builds the package first (the script uses dist/).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

import { createTwoFilesPatch } from 'diff';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const cliPath = path.join(repositoryRoot, 'dist/src/cli/index.js');
const exampleDir = path.join(repositoryRoot, 'examples/legacy-app');
const CODEMODS = ['storage-token-to-cookie', 'jwt-to-session'];

class DemoError extends Error {}

function heading(text) {
  process.stdout.write(`\n=== ${text}\n\n`);
}

/** Runs the CLI with the given arguments, showing the command as a user would type it. */
function runCli(args, { cwd, capture = false }) {
  process.stdout.write(`$ npx eslint-plugin-sessions ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout ?? '' };
}

/** Lists the files below `root` as paths relative to it, sorted, skipping node_modules. */
function listFiles(root, relative = '') {
  const files = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const name = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...listFiles(root, name));
    } else if (entry.isFile()) {
      files.push(name);
    }
  }
  return files.sort();
}

function printDiff(originalDir, migratedDir) {
  const names = [...new Set([...listFiles(originalDir), ...listFiles(migratedDir)])].sort();
  let changed = 0;
  for (const name of names) {
    const before = existsSync(path.join(originalDir, name)) ? readFileSync(path.join(originalDir, name), 'utf8') : '';
    const after = existsSync(path.join(migratedDir, name)) ? readFileSync(path.join(migratedDir, name), 'utf8') : '';
    if (before === after) continue;
    changed += 1;
    const label = name.split(path.sep).join('/');
    process.stdout.write(createTwoFilesPatch(`a/${label}`, `b/${label}`, before, after));
  }
  return changed;
}

/**
 * Returns the findings that are not inside a statement carrying the codemods' manual-migration marker. The
 * marker is a block comment placed directly above the statement that contains the site, so each finding is
 * looked up in the AST and every statement around it is checked for that comment.
 */
async function findUnmarkedFindings(findings, baseDir) {
  const { parseSourceCode } = await import(path.join(repositoryRoot, 'dist/src/source-code.js'));
  const { MARKER_PREFIX } = await import(path.join(repositoryRoot, 'dist/src/codemod/marker.js'));

  return findings.filter((finding) => {
    const file = path.join(baseDir, finding.file);
    const sourceCode = parseSourceCode(readFileSync(file, 'utf8'), file);
    const index = sourceCode.getIndexFromLoc({ line: finding.line, column: finding.column - 1 });
    for (let node = sourceCode.getNodeByRangeIndex(index); node; node = node.parent) {
      const isStatement = /Statement$|Declaration$/.test(node.type);
      if (isStatement && sourceCode.getCommentsBefore(node).some((comment) => comment.value.includes(MARKER_PREFIX))) {
        return false;
      }
    }
    return true;
  });
}

function formatRuleCounts(report) {
  return report.summary.map((entry) => `${entry.ruleId}: ${entry.count}`).join(', ');
}

async function main() {
  if (!existsSync(cliPath)) throw new DemoError(`${cliPath} is missing: run 'npm run build' first.`);

  heading('1. Check the legacy app');
  runCli(['check', 'examples/legacy-app'], { cwd: repositoryRoot });
  const before = runCli(['check', 'examples/legacy-app', '--format', 'json'], { cwd: repositoryRoot, capture: true });
  if (before.status !== 1) {
    throw new DemoError(`check on examples/legacy-app exited with ${before.status}, expected 1 (problems found).`);
  }
  const beforeReport = JSON.parse(before.stdout);

  const workDir = mkdtempSync(path.join(tmpdir(), 'sessions-demo-'));
  try {
    const originalDir = path.join(workDir, 'original');
    const migratedDir = path.join(workDir, 'legacy-app');
    const copyOptions = { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' };
    cpSync(exampleDir, originalDir, copyOptions);
    cpSync(exampleDir, migratedDir, copyOptions);

    heading(`2. Migrate a copy in ${migratedDir}`);
    for (const codemod of CODEMODS) {
      const migration = runCli(['migrate', codemod, 'legacy-app'], { cwd: workDir });
      if (migration.status !== 0) throw new DemoError(`migrate ${codemod} exited with ${migration.status}, expected 0.`);
      process.stdout.write('\n');
    }

    heading('3. The changes');
    const changedFiles = printDiff(originalDir, migratedDir);
    if (changedFiles === 0) throw new DemoError('The codemods changed no file of the legacy app.');

    heading('4. Check the migrated copy');
    runCli(['check', 'legacy-app'], { cwd: workDir });
    const after = runCli(['check', 'legacy-app', '--format', 'json'], { cwd: workDir, capture: true });
    if (after.status === 2 || after.status === null) throw new DemoError(`check on the migrated copy exited with ${after.status}.`);
    const report = JSON.parse(after.stdout);
    if (report.parseFailures.length > 0) {
      throw new DemoError(`The migrated copy has files that do not parse: ${report.parseFailures.map((failure) => failure.file).join(', ')}.`);
    }
    const unmarked = await findUnmarkedFindings(report.findings, workDir);
    if (unmarked.length > 0) {
      const list = unmarked.map((finding) => `  ${finding.file}:${finding.line}:${finding.column}  ${finding.ruleId}`).join('\n');
      throw new DemoError(`The migrated copy still has findings outside the marked sites:\n${list}`);
    }

    heading('Summary');
    process.stdout.write(
      `Before: ${beforeReport.findings.length} problems in examples/legacy-app (${formatRuleCounts(beforeReport)}).\n` +
        `Migrated: ${changedFiles} ${changedFiles === 1 ? 'file' : 'files'} changed by ${CODEMODS.join(' and ')}.\n` +
        (report.findings.length === 0
          ? 'After: no problems found in the migrated copy.\n'
          : `After: ${report.findings.length} ${report.findings.length === 1 ? 'finding remains' : 'findings remain'}, each at a site marked for manual migration.\n`),
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`demo: ${error instanceof DemoError ? error.message : (error.stack ?? String(error))}\n`);
  process.exitCode = 1;
});
