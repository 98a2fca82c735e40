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
// `npm run build` runs this script after tsc.
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';

import { build } from 'rolldown';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const entry = path.join(repositoryRoot, 'dist/src/index.js');
const output = path.join(repositoryRoot, 'dist/plugin.js');

await build({
  input: entry,
  platform: 'node',
  // Relative and absolute paths are the plugin's own files. Everything else is a package or a Node.js
  // built-in module, which stays an import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: { file: output, format: 'esm' },
  logLevel: 'warn',
});
