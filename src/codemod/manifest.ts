/**
 * The nearest package.json above a file, read once per folder: which packages the file's project depends
 * on. This module imports nothing but Node.js, so `migrate` can use it before it loads any codemod.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Manifest {
  dependencies?: Record<string, string>;
}

const manifests = new Map<string, Manifest | undefined>();

/** Returns the nearest package.json above `filePath`, or undefined when there is none or it is not JSON. */
export function readNearestManifest(filePath: string): Manifest | undefined {
  let directory = dirname(resolve(filePath));
  for (;;) {
    if (manifests.has(directory)) return manifests.get(directory);
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      let manifest: Manifest | undefined;
      try {
        manifest = JSON.parse(readFileSync(candidate, 'utf8')) as Manifest;
      } catch {
        manifest = undefined;
      }
      manifests.set(directory, manifest);
      return manifest;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Returns true when the nearest package.json above `filePath` lists one of `names` in `dependencies`. */
export function dependsOnAny(filePath: string, names: readonly string[]): boolean {
  const dependencies = readNearestManifest(filePath)?.dependencies ?? {};
  return names.some((name) => name in dependencies);
}
