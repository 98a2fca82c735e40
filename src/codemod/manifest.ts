/**
 * The package.json that describes a file's project, read once per folder: which packages the project
 * depends on. This module imports nothing but Node.js, so `migrate` can use it before it loads any codemod.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Manifest {
  /** The `dependencies` field when it is an object, else empty. */
  dependencies: Record<string, unknown>;
  /** The `devDependencies` field when it is an object, else empty. */
  devDependencies: Record<string, unknown>;
}

const manifests = new Map<string, Manifest | undefined>();

/**
 * Returns the nearest package.json above `filePath` that declares a `name`, `dependencies` or
 * `devDependencies`, or undefined when there is none. A package.json with none of them, such as `{"type": "module"}` in a `src`
 * folder, only sets the module format of its folder, so the search goes on above it. A file that is not
 * JSON, or not an object, counts as a package without dependencies.
 */
export function readNearestManifest(filePath: string): Manifest | undefined {
  let directory = dirname(resolve(filePath));
  const visited: string[] = [];
  let found: Manifest | undefined;
  for (;;) {
    if (manifests.has(directory)) {
      found = manifests.get(directory);
      break;
    }
    visited.push(directory);
    const manifest = readManifest(join(directory, 'package.json'));
    if (manifest !== 'none') {
      found = manifest;
      break;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const folder of visited) manifests.set(folder, found);
  return found;
}

/** Reads one package.json: 'none' when it is missing or declares no name, dependencies or devDependencies. */
function readManifest(path: string): Manifest | 'none' {
  if (!existsSync(path)) return 'none';
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { dependencies: {}, devDependencies: {} };
  }
  if (!isObject(content)) return { dependencies: {}, devDependencies: {} };
  if (!('name' in content) && !('dependencies' in content) && !('devDependencies' in content)) return 'none';
  return {
    dependencies: isObject(content.dependencies) ? content.dependencies : {},
    devDependencies: isObject(content.devDependencies) ? content.devDependencies : {},
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns true when the package.json of `filePath`'s project lists one of `names` in `dependencies`. */
export function dependsOnAny(filePath: string, names: readonly string[]): boolean {
  const dependencies = readNearestManifest(filePath)?.dependencies ?? {};
  return names.some((name) => Object.hasOwn(dependencies, name));
}

/** Returns true when the package.json of `filePath`'s project lists `name` in `dependencies` or `devDependencies`. */
export function listsPackage(filePath: string, name: string): boolean {
  const manifest = readNearestManifest(filePath);
  return manifest !== undefined && (Object.hasOwn(manifest.dependencies, name) || Object.hasOwn(manifest.devDependencies, name));
}

/**
 * Returns true when the package.json of `filePath`'s project lists next and not express, in `dependencies`
 * or `devDependencies`: its API routes run on Next.js, which has no express-session.
 */
export function isNextWithoutExpress(filePath: string): boolean {
  return listsPackage(filePath, 'next') && !listsPackage(filePath, 'express');
}
