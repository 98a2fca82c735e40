// Installs the built plugin into bench/node_modules/eslint-plugin-sessions the way npm would install the
// published package: the files listed in package.json `files`, with every dependency resolved from
// bench/node_modules. Loaded from the repository instead, the plugin would resolve its dependencies from the
// repository's node_modules and bring a second copy of ESLint into every run, which a real install shares
// with the project.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR, REPO_DIR } from './corpus.mjs';

export const STAGED_PLUGIN_DIR = join(BENCH_DIR, 'node_modules', 'eslint-plugin-sessions');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Checks that bench/node_modules has each runtime dependency of the plugin at the version the plugin pins,
 * and ESLint at the version the repository tests with, so the staged copy runs on the same code.
 * @returns {string[]} one message per mismatch
 */
function findDependencyMismatches(manifest) {
  const expected = { ...manifest.dependencies, eslint: manifest.devDependencies?.eslint };
  const mismatches = [];
  for (const [name, version] of Object.entries(expected)) {
    if (!version) continue;
    const installedManifest = join(BENCH_DIR, 'node_modules', name, 'package.json');
    const installed = existsSync(installedManifest) ? readJson(installedManifest).version : undefined;
    if (installed !== version) {
      mismatches.push(`${name}: the plugin needs ${version}, bench/node_modules has ${installed ?? 'nothing'}`);
    }
  }
  return mismatches;
}

/**
 * Copies the build into bench/node_modules/eslint-plugin-sessions (replacing an earlier copy) and returns
 * the paths of its entry point and CLI. Throws when the plugin is not built or a dependency differs.
 * @returns {{ dir: string, entry: string, cli: string, version: string }}
 */
export function stagePlugin() {
  const manifest = readJson(join(REPO_DIR, 'package.json'));
  const builtEntry = join(REPO_DIR, manifest.main);
  if (!existsSync(builtEntry)) throw new Error(`${builtEntry} is missing. Build the plugin first: npm run build`);

  const mismatches = findDependencyMismatches(manifest);
  if (mismatches.length > 0) {
    throw new Error(
      `bench/node_modules does not match the plugin's dependencies:\n  ${mismatches.join('\n  ')}\n` +
        'Pin the same versions in bench/package.json devDependencies, then run npm install --prefix bench.',
    );
  }

  rmSync(STAGED_PLUGIN_DIR, { recursive: true, force: true });
  mkdirSync(STAGED_PLUGIN_DIR, { recursive: true });
  cpSync(join(REPO_DIR, 'package.json'), join(STAGED_PLUGIN_DIR, 'package.json'));
  for (const entry of manifest.files) {
    const source = join(REPO_DIR, entry);
    if (existsSync(source)) cpSync(source, join(STAGED_PLUGIN_DIR, entry), { recursive: true });
  }
  return {
    dir: STAGED_PLUGIN_DIR,
    entry: join(STAGED_PLUGIN_DIR, manifest.main),
    cli: join(STAGED_PLUGIN_DIR, manifest.bin['eslint-plugin-sessions']),
    version: manifest.version,
  };
}
