import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import ignore, { type Ignore } from 'ignore';

/** File extensions that `check` lints: the same set the plugin's configs apply to. */
export const LINTED_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

/**
 * Directory names that are never entered while walking a folder: installed packages, version control and the
 * usual build, cache and coverage output of JavaScript tool chains. A directory named on the command line is
 * still checked.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  'dist',
  'build',
  'out',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.angular',
  '.docusaurus',
  '.expo',
  '.vercel',
  '.netlify',
  '.turbo',
  '.cache',
  '.parcel-cache',
  'storybook-static',
]);

/** Minified bundles are build output even when they sit next to sources. */
const MINIFIED_FILE = /\.min\.[cm]?js$/;

/** A path given on the command line that does not exist or is not a file `check` can lint. */
export class InvalidPathError extends Error {
  override name = 'InvalidPathError';
}

/** The rules of one ignore file, which apply to paths below `base`. */
interface IgnoreMatcher {
  base: string;
  rules: Ignore;
}

/**
 * Lists the files to lint below each path, as sorted absolute paths without duplicates. Directories are walked
 * with git's ignore semantics: the `.gitignore` files of the folder and its subfolders, and those of its parent
 * folders up to the root of the git work tree together with `.git/info/exclude`. Paths named here are checked
 * even when an ignore file lists them. Symbolic links met during the walk are not followed.
 *
 * Throws `InvalidPathError` when a path does not exist, names a file without a JavaScript or TypeScript
 * extension, or names something that is neither a file nor a folder (a FIFO, a socket, a device).
 */
export function collectFiles(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const input of paths) {
    const root = path.resolve(cwd, input);
    const stats = statSync(root, { throwIfNoEntry: false });
    if (!stats) throw new InvalidPathError(`Path not found: ${input}`);

    if (stats.isFile()) {
      if (!isLintedFile(root)) {
        throw new InvalidPathError(
          `Not a JavaScript or TypeScript file: ${input} (expected one of ${LINTED_EXTENSIONS.join(', ')}).`,
        );
      }
      files.add(root);
      continue;
    }
    if (!stats.isDirectory()) throw new InvalidPathError(`Not a file or folder: ${input}`);

    let matchers = loadAncestorMatchers(root);
    // A folder named on the command line is checked even when a parent's ignore file excludes it.
    if (isIgnored(root, true, matchers)) matchers = [];
    walkDirectory(root, matchers, files);
  }
  return [...files].sort();
}

/** Returns the deepest directory that contains every file, which ESLint needs as its `cwd`. */
export function findCommonDirectory(files: readonly string[], fallback: string): string {
  const [first, ...rest] = files;
  if (first === undefined) return fallback;
  let common = path.dirname(first);
  for (const file of rest) {
    while (!isInside(file, common)) {
      const parent = path.dirname(common);
      if (parent === common) return common;
      common = parent;
    }
  }
  return common;
}

function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function isLintedFile(file: string): boolean {
  return LINTED_EXTENSIONS.includes(path.extname(file));
}

function walkDirectory(directory: string, inherited: readonly IgnoreMatcher[], files: Set<string>): void {
  const own = readIgnoreFile(path.join(directory, '.gitignore'), directory);
  const matchers = own ? [...inherited, own] : inherited;

  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(entryPath, true, matchers)) continue;
      walkDirectory(entryPath, matchers, files);
    } else if (entry.isFile()) {
      if (!isLintedFile(entryPath) || MINIFIED_FILE.test(entry.name) || isIgnored(entryPath, false, matchers)) continue;
      files.add(entryPath);
    }
  }
}

/**
 * Applies the ignore files from the shallowest to the deepest, so a deeper file's `!pattern` can re-include
 * what a shallower one excluded, as in git.
 */
function isIgnored(target: string, isDirectory: boolean, matchers: readonly IgnoreMatcher[]): boolean {
  let ignored = false;
  for (const matcher of matchers) {
    const relative = path.relative(matcher.base, target).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../')) continue;
    const result = matcher.rules.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Reads the ignore files that apply to `directory` from above it: those of each parent folder up to the
 * root of the git work tree, and `.git/info/exclude`. Outside a git work tree no parent folder's file applies.
 */
function loadAncestorMatchers(directory: string): IgnoreMatcher[] {
  const parents: string[] = [];
  let current = directory;
  let workTreeRoot: string | undefined;
  while (!workTreeRoot) {
    if (existsSync(path.join(current, '.git'))) {
      workTreeRoot = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) return [];
    parents.unshift(parent);
    current = parent;
  }

  const matchers: IgnoreMatcher[] = [];
  const exclude = readIgnoreFile(path.join(workTreeRoot, '.git', 'info', 'exclude'), workTreeRoot);
  if (exclude) matchers.push(exclude);
  for (const parent of parents) {
    const matcher = readIgnoreFile(path.join(parent, '.gitignore'), parent);
    if (matcher) matchers.push(matcher);
  }
  return matchers;
}

function readIgnoreFile(file: string, base: string): IgnoreMatcher | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // A missing ignore file is the common case, and `.git` may be a file (in a worktree or submodule).
    return undefined;
  }
  return { base, rules: ignore().add(text) };
}
