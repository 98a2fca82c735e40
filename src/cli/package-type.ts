import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The module format Node.js gives a `.js` file: the `type` field of the nearest package.json. */
export type PackageType = 'module' | 'commonjs';

const packageTypes = new Map<string, PackageType>();

/**
 * Returns the `type` of the nearest package.json above `filePath`: 'module' when it is "module", else
 * 'commonjs', which is also the result when there is no package.json. Unlike `readNearestManifest`, every
 * package.json counts, including `{"type": "module"}` alone in a `src` folder, because Node.js stops at the
 * nearest one. A package.json that is not valid JSON counts as 'commonjs' here, although Node.js rejects it.
 */
export function readPackageType(filePath: string): PackageType {
  let directory = dirname(resolve(filePath));
  const visited: string[] = [];
  let found: PackageType = 'commonjs';
  for (;;) {
    const cached = packageTypes.get(directory);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(directory);
    const manifestPath = join(directory, 'package.json');
    if (existsSync(manifestPath)) {
      found = readTypeField(manifestPath);
      break;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const folder of visited) packageTypes.set(folder, found);
  return found;
}

function readTypeField(manifestPath: string): PackageType {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return 'commonjs';
  }
  const isModule = typeof content === 'object' && content !== null && (content as { type?: unknown }).type === 'module';
  return isModule ? 'module' : 'commonjs';
}
