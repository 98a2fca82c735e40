import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import globals from 'globals';

import { LINTED_FILES } from '../configs.js';
import plugin from '../index.js';
import { isParseError, keepPluginMessages } from './check-report.js';
import { type PackageType, readPackageType } from './package-type.js';

/** Extensions whose module format comes from the nearest package.json, as in Node.js. */
const PACKAGE_TYPED_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.jsx']);

export interface CheckLintOutput {
  /** One result per file, in the order of the file list, with the messages `keepPluginMessages` keeps. */
  results: ESLint.LintResult[];
  rulesMeta: Record<string, { docs?: { url?: string } } | undefined>;
}

/**
 * Lints `files` with the config of `check`. A `.js` or `.jsx` file is parsed as a CommonJS script unless the
 * nearest package.json has `"type": "module"`, as Node.js runs it. A CommonJS file that does not parse as a
 * script is parsed again as an ES module, because bundlers accept `import` and `export` in such packages.
 * Node.js 20.20 also runs a file with ES module syntax as a module when its package.json has no `type`.
 * When the module parse fails too, the result keeps the parse error of the script.
 */
export async function lintCheckedFiles(files: readonly string[], lintRoot: string): Promise<CheckLintOutput> {
  const moduleEslint = createEslint(lintRoot, 'module');
  const commonjsEslint = createEslint(lintRoot, 'commonjs');

  const commonjsFiles = files.filter((file) => isPackageTyped(file) && readPackageType(file) === 'commonjs');
  const commonjsSet = new Set(commonjsFiles);
  const commonjsResults = keepPluginMessages(commonjsFiles.length === 0 ? [] : await commonjsEslint.lintFiles(commonjsFiles));

  // One module run covers the files that are not CommonJS and the retries of the scripts that did not parse.
  const scriptParseFailures = commonjsResults.filter(hasParseError).map((result) => result.filePath);
  const moduleFiles = [...files.filter((file) => !commonjsSet.has(file)), ...scriptParseFailures];
  const moduleResults = keepPluginMessages(moduleFiles.length === 0 ? [] : await moduleEslint.lintFiles(moduleFiles));

  const retried = new Set(scriptParseFailures);
  const keptModuleResults = moduleResults.filter((result) => !retried.has(result.filePath) || !hasParseError(result));
  const keptModuleFiles = new Set(keptModuleResults.map((result) => result.filePath));
  const keptCommonjsResults = commonjsResults.filter((result) => !keptModuleFiles.has(result.filePath));

  const rulesMeta = {
    ...commonjsEslint.getRulesMetaForResults(keptCommonjsResults),
    ...moduleEslint.getRulesMetaForResults(keptModuleResults),
  } as CheckLintOutput['rulesMeta'];
  const byFile = new Map([...keptCommonjsResults, ...keptModuleResults].map((result) => [result.filePath, result]));
  const results = files.flatMap((file) => byFile.get(path.resolve(file)) ?? []);
  return { results, rulesMeta };
}

function isPackageTyped(file: string): boolean {
  return PACKAGE_TYPED_EXTENSIONS.has(path.extname(file).toLowerCase());
}

function hasParseError(result: ESLint.LintResult): boolean {
  return result.messages.some(isParseError);
}

function createEslint(lintRoot: string, javascriptSourceType: PackageType): ESLint {
  return new ESLint({
    cwd: lintRoot,
    overrideConfigFile: true,
    overrideConfig: buildCheckConfig(javascriptSourceType),
    // The file list already honours .gitignore and the skipped folders.
    ignore: false,
    errorOnUnmatchedPattern: false,
  });
}

/**
 * Builds the flat config `check` lints with: browser and Node.js globals, JSX in JavaScript files,
 * typescript-eslint's parser for TypeScript, and every rule of the plugin. `javascriptSourceType` applies to
 * `.js` and `.jsx` files. `.mjs` and TypeScript files are parsed as modules and `.cjs` files as CommonJS.
 */
function buildCheckConfig(javascriptSourceType: PackageType): Linter.Config[] {
  return [
    {
      name: 'sessions-check/language',
      files: LINTED_FILES,
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser, ...globals.node },
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      // The project's own disable comments name rules that are not loaded here, so they would all look unused.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    { name: 'sessions-check/package-type', files: ['**/*.{js,jsx}'], languageOptions: { sourceType: javascriptSourceType } },
    { name: 'sessions-check/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    {
      name: 'sessions-check/typescript',
      files: ['**/*.{ts,tsx,mts,cts}'],
      languageOptions: { parser: tsParser as Linter.Parser },
    },
    plugin.configs.strict,
  ];
}
