/**
 * The transform that `eslint-plugin-sessions migrate` hands to jscodeshift's runner. It loads the chosen
 * codemod (an ES module) with `import()`, runs it on each file, and appends one JSON line per file to
 * `<sessionsResultsDir>/<pid>.jsonl`: the outcome, the marked sites the codemod reported and, when
 * `sessionsKeepText` is set, the text before and after for `--dry --print`. A changed file whose only
 * change is added marker comments gets the outcome `marked`, any other changed file `migrated`.
 *
 * It is CommonJS because jscodeshift's workers load a transform with `require()`. A file that does not
 * parse is recorded as skipped, and any other error of the codemod as an error; neither is passed on to
 * jscodeshift, whose own error count then covers only reading and writing files.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { API, FileInfo, Options } from 'jscodeshift';

/** One line of the results file, for one input file. */
interface FileResult {
  file: string;
  status: 'migrated' | 'marked' | 'unchanged' | 'skipped' | 'error';
  marked: string[];
  messages: string[];
  error?: string;
  line?: number;
  column?: number;
  before?: string;
  after?: string;
}

type Transform = (file: FileInfo, api: API, options: Options) => unknown;

const MARKER_REPORT = /: manual migration needed: /;
/**
 * A marker comment as `markForManualMigration` in marker.ts inserts it, with the indentation before it and
 * the line break after it. The prefix is marker.ts's `MARKER_PREFIX`.
 */
const MARKER_COMMENT = /[ \t]*\/\*\s*eslint-plugin-sessions: manual migration needed:[\s\S]*?\*\/[ \t]*(?:\r\n|\r|\n)?/g;
let loaded: Promise<Transform> | undefined;

async function loadTransform(modulePath: string): Promise<Transform> {
  const module = (await import(pathToFileURL(modulePath).href)) as { default?: unknown };
  if (typeof module.default !== 'function') {
    throw new TypeError(`The codemod module ${modulePath} has no default export function.`);
  }
  return module.default as Transform;
}

/** Whitespace and semicolons, which recast may add or drop when it prints a marked statement again. */
const LAYOUT = /[\s;]+/g;

/**
 * Returns true when `output` differs from `source` only by marker comments. recast prints the statement
 * a marker is attached to again, and may change its layout (a semicolon added in a file written without
 * them), so the texts are compared without whitespace and semicolons, which no migration consists of.
 */
function changesOnlyMarkers(source: string, output: string): boolean {
  const withoutMarkers = (text: string): string => text.replace(MARKER_COMMENT, '').replace(LAYOUT, '');
  return withoutMarkers(source) === withoutMarkers(output);
}

function record(options: Options, result: FileResult): void {
  appendFileSync(join(String(options.sessionsResultsDir), `${process.pid}.jsonl`), `${JSON.stringify(result)}\n`);
}

async function runTransform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  loaded ??= loadTransform(String(options.sessionsTransform));
  const marked: string[] = [];
  const messages: string[] = [];
  const report = (message: string): void => {
    (MARKER_REPORT.test(message) ? marked : messages).push(message);
  };

  let output: unknown;
  try {
    const transform = await loaded;
    output = await transform(file, { ...api, report }, options);
  } catch (error) {
    const failure = error as { name?: string; message?: string; line?: number; column?: number } | undefined;
    const skipped = failure?.name === 'CodemodParseError';
    record(options, {
      file: file.path,
      status: skipped ? 'skipped' : 'error',
      marked,
      messages,
      error: failure?.message ?? String(error),
      line: skipped ? failure?.line : undefined,
      column: skipped ? failure?.column : undefined,
    });
    return undefined;
  }

  const changed = typeof output === 'string' && output !== file.source;
  const keepText = changed && options.sessionsKeepText === true;
  let status: FileResult['status'] = 'unchanged';
  if (changed) status = changesOnlyMarkers(file.source, output as string) ? 'marked' : 'migrated';
  record(options, {
    file: file.path,
    status,
    marked,
    messages,
    before: keepText ? file.source : undefined,
    after: keepText ? (output as string) : undefined,
  });
  return changed ? (output as string) : undefined;
}

export = runTransform;
