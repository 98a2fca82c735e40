// Runs the `migrate` command of eslint-plugin-sessions and the two jscodeshift floors it is compared with.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR } from './corpus.mjs';
import { runNode } from './measure.mjs';
import { STAGED_PLUGIN_DIR } from './stage-plugin.mjs';

/** The CLI of the plugin copy that lib/stage-plugin.mjs installs into bench/node_modules. */
export const CLI_ENTRY = join(STAGED_PLUGIN_DIR, 'dist', 'src', 'cli', 'index.js');
export const JSCODESHIFT_BIN = join(BENCH_DIR, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
export const CODEMODS = ['jwt-to-session', 'storage-token-to-cookie'];

/** File extensions the floors accept: the ones `migrate` accepts. */
export const FLOOR_EXTENSIONS = 'js,jsx,mjs,cjs,ts,mts,cts,tsx';

export const FLOORS = {
  'parse-only': join(BENCH_DIR, 'transforms', 'parse-only.cjs'),
  'return-at-once': join(BENCH_DIR, 'transforms', 'return-at-once.cjs'),
};

/**
 * Tells whether the built CLI has a `migrate` command and which of CODEMODS it lists in its help.
 * @returns {Promise<{ available: boolean, reason?: string, codemods: string[], missing: string[] }>}
 */
export async function checkMigrateCommand() {
  if (!existsSync(CLI_ENTRY)) {
    return { available: false, reason: `${CLI_ENTRY} does not exist (the build has no CLI).`, codemods: [], missing: CODEMODS };
  }
  const result = await runNode([CLI_ENTRY, 'migrate', '--help'], { okCodes: [0, 1, 2] });
  if (result.code !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 3).join(' ');
    return { available: false, reason: `'migrate --help' exited with code ${result.code}: ${output}`, codemods: [], missing: CODEMODS };
  }
  // The help lists one codemod per line between "Codemods:" and "Options:", its name first.
  const listed = /\nCodemods:\n([\s\S]*?)\n\s*\n/.exec(result.stdout)?.[1] ?? '';
  const names = new Set(listed.split('\n').map((line) => line.trim().split(/\s+/)[0]));
  const codemods = CODEMODS.filter((name) => names.has(name));
  const missing = CODEMODS.filter((name) => !names.has(name));
  if (codemods.length === 0) {
    return { available: false, reason: `'migrate --help' lists none of ${CODEMODS.join(', ')}.`, codemods, missing };
  }
  return { available: true, codemods, missing };
}

/**
 * Runs `migrate <codemod> <files> --dry` in `cwd`, with `--report <reportFile>` when given. The files are
 * named one by one because the folder walk of `migrate` skips `dist/`, `build/` and `out/`, where much of
 * the corpus lives. The floors get the same list.
 * @returns {Promise<import('./measure.mjs').RunResult>}
 */
export function runMigrate({ cwd, codemod, files, reportFile, okCodes = [0] }) {
  const args = [CLI_ENTRY, 'migrate', codemod, ...files, '--dry'];
  if (reportFile) args.push('--report', reportFile);
  return runNode(args, { cwd, okCodes });
}

/**
 * Runs jscodeshift with one of the floor transforms in dry mode over `files`.
 * @returns {Promise<import('./measure.mjs').RunResult>}
 */
export function runFloor({ cwd, floor, files }) {
  return runNode(
    [JSCODESHIFT_BIN, '--transform', FLOORS[floor], '--dry', `--extensions=${FLOOR_EXTENSIONS}`, ...files],
    { cwd },
  );
}

/**
 * Reads jscodeshift's closing summary (`N errors`, `N unmodified`, `N skipped`, `N ok`) from its output.
 * @returns {{ errors: number, unmodified: number, skipped: number, ok: number } | undefined}
 */
export function parseJscodeshiftSummary(output) {
  const counts = {};
  for (const key of ['errors', 'unmodified', 'skipped', 'ok']) {
    const match = new RegExp(`(\\d+) ${key}\\b`).exec(output);
    if (!match) return undefined;
    counts[key] = Number(match[1]);
  }
  return counts;
}
