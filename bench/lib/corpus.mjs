// Builds the benchmark corpus: the JavaScript and TypeScript files of the packages that bench/package.json
// lists under `dependencies` (and everything they pull in), copied out of bench/node_modules into a work
// folder, so ESLint and jscodeshift see ordinary project files rather than ignored `node_modules` paths.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as espree from 'espree';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(BENCH_DIR);

/**
 * Work folder: one per checkout (named after a hash of its path), so runs from two clones do not overwrite
 * each other's files. `SESSIONS_BENCH_DIR` moves it. Everything in it can be rebuilt from bench/package-lock.json.
 */
export const WORK_DIR =
  process.env.SESSIONS_BENCH_DIR ??
  join(tmpdir(), `eslint-plugin-sessions-bench-${createHash('sha256').update(BENCH_DIR).digest('hex').slice(0, 8)}`);

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const MINIFIED_FILE = /[.-]min\.[cm]?js$/;

/** Bumped whenever the selection or the source-type detection changes, so a cached manifest is rebuilt. */
const MANIFEST_FORMAT = 1;

/**
 * Packages of the smoke slice: the login and session stack of the corpus, small enough to lint in seconds.
 * A file belongs to the slice when its package name is in this list.
 */
export const SMOKE_PACKAGES = [
  'express',
  'express-session',
  'cookie-parser',
  'cookie',
  'cookie-signature',
  'jsonwebtoken',
  'jws',
  'jwa',
  'passport',
  'passport-local',
  'passport-strategy',
  'koa',
  '@koa/router',
  'cors',
  'helmet',
];

/**
 * @typedef {object} CorpusFile
 * @property {string} pkg   directory name of the package in the corpus (`name@version`, `/` of a scope as `+`)
 * @property {string} name  package name
 * @property {string} rel   path inside the package, with `/` separators
 * @property {'module' | 'commonjs'} sourceType
 * @property {boolean} bySyntax  true when the source type was decided by which mode parses (see detectSourceType)
 * @property {number} bytes
 */

/**
 * Reads bench/package-lock.json and returns the corpus packages: every entry that the lock does not mark as
 * needed only by `devDependencies` (the measuring tools).
 * @returns {{ lockPath: string, name: string, version: string, dir: string }[]}
 */
export function listCorpusPackages() {
  const lock = JSON.parse(readFileSync(join(BENCH_DIR, 'package-lock.json'), 'utf8'));
  const seen = new Set();
  const packages = [];
  for (const [lockPath, entry] of Object.entries(lock.packages)) {
    if (lockPath === '' || entry.dev || entry.devOptional || entry.link) continue;
    const name = entry.name ?? lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const dir = `${name.replace('/', '+')}@${entry.version}`;
    if (seen.has(dir)) continue;
    seen.add(dir);
    packages.push({ lockPath, name, version: entry.version, dir });
  }
  return packages.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Lists the source files of one installed package, skipping its nested node_modules (listed on their own). */
function listPackageFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (
        entry.isFile() &&
        SOURCE_FILE.test(entry.name) &&
        !DECLARATION_FILE.test(entry.name) &&
        !MINIFIED_FILE.test(entry.name)
      ) {
        files.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return files.sort();
}

/** Returns the `type` field of the nearest package.json between the file and the package root, if any. */
function findPackageType(root, rel) {
  let dir = dirname(join(root, rel));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = JSON.parse(readFileSync(manifest, 'utf8')).type;
        if (type === 'module' || type === 'commonjs') return type;
      } catch {
        // A package.json that is not JSON (a template, a fixture) says nothing about the module type.
      }
    }
    if (dir === root || !dir.startsWith(root)) return undefined;
    dir = dirname(dir);
  }
}

function parsesAs(text, sourceType) {
  try {
    espree.parse(text, { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: false } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides how ESLint should parse a file. The extensions `.mjs` and `.cjs` decide it. A `.js` file follows
 * the nearest `type` field, and without one it is CommonJS unless only module syntax parses (the syntax
 * detection Node.js applies to such files). Packages also ship ES-module builds in folders of a CommonJS
 * package for bundlers; such a file is parsed as a module when that is the only way it parses.
 * TypeScript files are modules, except `.cts`.
 * @returns {{ sourceType: 'module' | 'commonjs', bySyntax: boolean }}
 */
function detectSourceType(root, rel, text) {
  if (/\.(?:mjs|mts)$/.test(rel)) return { sourceType: 'module', bySyntax: false };
  if (/\.(?:cjs|cts)$/.test(rel)) return { sourceType: 'commonjs', bySyntax: false };
  if (/\.tsx?$/.test(rel)) return { sourceType: 'module', bySyntax: false };
  const declared = findPackageType(root, rel) ?? 'commonjs';
  if (parsesAs(text, declared)) return { sourceType: declared, bySyntax: false };
  const other = declared === 'module' ? 'commonjs' : 'module';
  if (parsesAs(text, other)) return { sourceType: other, bySyntax: true };
  // Parses in neither mode: keep the declared one, and ESLint reports the parse error.
  return { sourceType: declared, bySyntax: false };
}

function hashLock() {
  const lock = readFileSync(join(BENCH_DIR, 'package-lock.json'));
  return createHash('sha256').update(lock).update(String(MANIFEST_FORMAT)).digest('hex');
}

/**
 * Returns the corpus manifest (every file with its source type), computed from bench/node_modules and cached
 * in the work folder until bench/package-lock.json changes.
 * @returns {CorpusFile[]}
 */
export function loadManifest() {
  const nodeModules = join(BENCH_DIR, 'node_modules');
  if (!existsSync(nodeModules)) {
    throw new Error(`${nodeModules} is missing. Install the corpus first: npm ci --prefix bench`);
  }
  const cachePath = join(WORK_DIR, 'manifest.json');
  const key = hashLock();
  if (existsSync(cachePath)) {
    const cached = JSON.parse(readFileSync(cachePath, 'utf8'));
    if (cached.key === key) return cached.files;
  }
  const files = [];
  for (const pkg of listCorpusPackages()) {
    const root = join(BENCH_DIR, pkg.lockPath);
    for (const rel of listPackageFiles(root)) {
      const text = readFileSync(join(root, rel), 'utf8');
      files.push({ pkg: pkg.dir, name: pkg.name, rel, ...detectSourceType(root, rel, text), bytes: Buffer.byteLength(text) });
    }
  }
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(cachePath, JSON.stringify({ key, files }));
  return files;
}

/**
 * Selects a slice of the manifest: `full` is every file, `smoke` the files of SMOKE_PACKAGES.
 * @param {CorpusFile[]} files
 * @param {'full' | 'smoke'} slice
 */
export function selectSlice(files, slice) {
  if (slice === 'full') return files;
  if (slice === 'smoke') return files.filter((file) => SMOKE_PACKAGES.includes(file.name));
  throw new Error(`Unknown corpus slice '${slice}'. Valid slices: full, smoke.`);
}

/** Returns the path of a corpus file inside one copy folder, relative to the corpus root. */
export function corpusPath(file, copy = 1) {
  return `copy-${copy}/sourcetype-${file.sourceType}/${file.pkg}/${file.rel}`;
}

/**
 * Lays out `copies` identical copies of the selected files under `<WORK_DIR>/corpus-<slice>/copy-<k>/`,
 * split by source type (`sourcetype-module/`, `sourcetype-commonjs/`) so one ESLint config can give each
 * tree its parser options. The folder is rebuilt from scratch on every call.
 * @returns {string} the corpus root
 */
export function layOutCorpus(files, slice, copies) {
  const root = join(WORK_DIR, `corpus-${slice}`);
  rmSync(root, { recursive: true, force: true });
  const packageRoots = new Map(listCorpusPackages().map((pkg) => [pkg.dir, join(BENCH_DIR, pkg.lockPath)]));
  for (let copy = 1; copy <= copies; copy++) {
    for (const file of files) {
      const target = join(root, corpusPath(file, copy));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(packageRoots.get(file.pkg), file.rel), target);
    }
  }
  return root;
}
