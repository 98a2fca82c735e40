#!/usr/bin/env node
// Bundles the plugin entry that tsc built (dist/src/index.js, with the rules, detectors and helpers it
// imports) into dist/plugin.js, the file that `import 'eslint-plugin-sessions'` loads. Node.js reads,
// resolves and links each ES module file on its own. With ESLint and the TypeScript parser already loaded,
// importing the 40 files of the unbundled entry took 35 ms to 48 ms here, and the single file about 14 ms.
// Every ESLint process and worker pays that import, which matters most to a pre-commit hook that lints a
// few files.
//
// Packages stay `import` statements, so the bundle shares typescript-eslint and ESLint's utilities with
// the project that installs it. The CLI and the codemods keep loading dist/src/ and dist/codemods/.
//
// The bundle also exports the plugin under the name `module.exports`. Node.js 20.19 and later load an ES
// module with `require()`, and return that export in place of the module namespace, so a CommonJS config
// gets the plugin itself from `require('eslint-plugin-sessions')`, not an object with a `default` key. The
// export is added here, not in src/index.ts, so that the declaration files keep only names that
// TypeScript releases before 5.6 can parse.
//
// The source map of the bundle leads through tsc's maps to the TypeScript files, so a stack trace read
// with `node --enable-source-maps` names the same lines as one from dist/src/.
//
// `npm run build` runs this script after tsc.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';

import remapping from '@jridgewell/remapping';
import { build } from 'rolldown';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(repositoryRoot, 'dist');
const entry = path.join(distDir, 'src/index.js');
const output = path.join(distDir, 'plugin.js');
const outputMap = `${output}.map`;
const ENTRY_ID = '\0plugin-entry';

await build({
  input: ENTRY_ID,
  platform: 'node',
  plugins: [
    {
      name: 'plugin-entry',
      resolveId: (id) => (id === ENTRY_ID ? id : null),
      load: (id) =>
        id === ENTRY_ID
          ? `import plugin from ${JSON.stringify(entry)};\nexport { plugin as default, plugin as 'module.exports' };\n`
          : null,
    },
  ],
  // Relative and absolute paths are the plugin's own files. Everything else is a package or a Node.js
  // built-in module, which stays an import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: { file: output, format: 'esm', sourcemap: true, sourcemapExcludeSources: true },
  logLevel: 'warn',
});

/**
 * Returns tsc's source map of a built file, given by its path relative to dist/, or null for a file
 * without one. The remapping library reads the map's sources relative to that path.
 */
function loadTscMap(source) {
  const mapFile = `${path.resolve(distDir, source)}.map`;
  return existsSync(mapFile) ? JSON.parse(readFileSync(mapFile, 'utf8')) : null;
}

const bundleMap = JSON.parse(readFileSync(outputMap, 'utf8'));
const chained = remapping(bundleMap, (source, context) => (context.depth === 1 ? loadTscMap(source) : null));
writeFileSync(outputMap, `${JSON.stringify({ ...chained, file: path.basename(output) })}\n`);
