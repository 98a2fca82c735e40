#!/usr/bin/env node
// Installs bench/ with `npm ci --prefix bench` unless bench/node_modules already contains exactly what
// bench/package-lock.json lists. npm records the installed tree in node_modules/.package-lock.json. When every
// package path there has the version and integrity of the lock, a second `npm ci` would only delete and
// rewrite the same files, and that took a minute and a half on a busy 2-core machine. `--force` always runs npm ci.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This script runs before bench/node_modules exists, so it imports nothing from there.
const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

function readPackages(lockPath) {
  return new Map(Object.entries(JSON.parse(readFileSync(lockPath, 'utf8')).packages).filter(([path]) => path !== ''));
}

const identify = (entry) => `${entry.version} ${entry.integrity}`;

function isInstalledTreeCurrent() {
  const hiddenLock = join(BENCH_DIR, 'node_modules', '.package-lock.json');
  if (!existsSync(hiddenLock)) return false;
  const expected = readPackages(join(BENCH_DIR, 'package-lock.json'));
  const installed = readPackages(hiddenLock);
  for (const [path, entry] of installed) {
    if (!expected.has(path) || identify(expected.get(path)) !== identify(entry)) return false;
  }
  for (const [path, entry] of expected) {
    // Optional packages for other platforms (oxlint's binaries) are in the lock but not installed.
    const otherPlatform = entry.optional === true && (entry.os !== undefined || entry.cpu !== undefined);
    if (!installed.has(path) && !otherPlatform) return false;
  }
  return true;
}

if (process.argv.includes('--force') || !isInstalledTreeCurrent()) {
  execFileSync('npm', ['ci', '--prefix', BENCH_DIR], { stdio: 'inherit' });
} else {
  process.stdout.write('bench/node_modules matches bench/package-lock.json; npm ci skipped.\n');
}
