/**
 * Opening and printing one file inside a codemod.
 *
 * ```ts
 * const file = openSourceFile(fileInfo, api); // throws CodemodParseError when the input does not parse
 * const changed = rewriteSomething(file);     // steps edit file.root with file.j
 * return printSourceFile(file, changed);      // undefined when nothing changed
 * ```
 *
 * The parser follows the extension: jscodeshift's `ts` parser for `.ts`, `.mts` and `.cts` (where `<T>x`
 * is a type assertion) and its `tsx` parser for everything else, so JSX parses in `.js` files and `.tsx`
 * generic arrows (`<T,>(x: T) => x`) survive. A `.cjs` file is parsed as a script, as Node.js and ESLint
 * treat CommonJS, so sloppy-mode code such as `with` parses. `printSourceFile` keeps the file's dominant quote style,
 * line terminator and indentation, puts back the `;` that a removed statement took from the start of the
 * next line in code without semicolons (semicolons.ts), returns `undefined` when the printed text equals the input, and
 * re-parses its output, throwing `CodemodOutputError` (naming the file) rather than returning code that
 * no longer parses.
 */
import { createRequire } from 'node:module';

import type { API, Collection, FileInfo, JSCodeshift } from 'jscodeshift';

import { printWithMarkers } from './marker.js';
import { printKeepingStatementsApart } from './semicolons.js';

export type CodemodParserName = 'ts' | 'tsx';

/** Options passed to recast's printer so that reprinted code matches the file around it. */
export interface CodemodPrintOptions {
  readonly quote: 'single' | 'double';
  readonly lineTerminator: '\n' | '\r\n';
  readonly useTabs: boolean;
  readonly tabWidth: number;
  /** Whether a reprinted arrow function keeps parentheses around a single parameter (`(x) => x`). */
  readonly arrowParensAlways: boolean;
}

/** One parsed file: its text, its jscodeshift root and the printer options it needs. */
export interface CodemodFile {
  readonly path: string;
  /** The file's text as it was read. */
  readonly source: string;
  readonly parserName: CodemodParserName;
  /** jscodeshift bound to `parserName`, for builders and for parsing snippets. */
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly api: API;
  readonly printOptions: CodemodPrintOptions;
  /**
   * The text the parser saw. recast expands tabs in leading indentation and joins lines with `\n` before
   * parsing, so the `start`/`end` offsets of parsed nodes refer to this text, not to `source`.
   */
  readonly parsedText: string;
}

/** A parser as jscodeshift's `withParser` takes it. */
export interface Parser {
  parse(code: string, options?: unknown): unknown;
}

interface BabelParser {
  parse(code: string, options: Record<string, unknown>): unknown;
}

const require = createRequire(import.meta.url);
const getParser = require('jscodeshift/src/getParser.js') as (name: string) => Parser;
// jscodeshift's own parser module and options, so a script is parsed exactly as a module is but for `sourceType`.
const requireFromJscodeshift = createRequire(require.resolve('jscodeshift/parser/tsx.js'));
const babelParser = requireFromJscodeshift('@babel/parser') as BabelParser;
const jscodeshiftOptions = requireFromJscodeshift('./tsOptions') as { plugins: unknown[] } & Record<string, unknown>;

/** Returns the jscodeshift parser for a file: `ts` for `.ts`, `.mts`, `.cts`, and `tsx` for the rest. */
export function getParserName(filePath: string): CodemodParserName {
  return /\.[mc]?ts$/i.test(filePath) ? 'ts' : 'tsx';
}

/**
 * Returns the parser for a file: jscodeshift's parser for its extension, set to parse a `.cjs` file as a
 * script (with `return` allowed outside functions) and any other file as a module.
 */
export function getFileParser(filePath: string): Parser {
  const parserName = getParserName(filePath);
  if (!/\.cjs$/i.test(filePath)) return getParser(parserName);
  const plugins = parserName === 'tsx' ? ['jsx', ...jscodeshiftOptions.plugins] : jscodeshiftOptions.plugins;
  const options = { ...jscodeshiftOptions, plugins, sourceType: 'script', allowImportExportEverywhere: false };
  return { parse: (code) => babelParser.parse(code, options) };
}

/** The input file of a codemod does not parse. The runner reports it with its path and skips it. */
export class CodemodParseError extends Error {
  readonly filePath: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(filePath: string, cause: unknown) {
    const position = getErrorPosition(cause);
    const where = position ? `${filePath}:${position.line}:${position.column}` : filePath;
    // Babel's messages end with the position as `(line:column)`, with a 0-based column; `where` has it.
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\s*\(\d+:\d+\)$/, '');
    super(`Cannot parse ${where}: ${reason}`, { cause });
    this.name = 'CodemodParseError';
    this.filePath = filePath;
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** A codemod printed code that no longer parses, which is a bug in the codemod. */
export class CodemodOutputError extends Error {
  readonly filePath: string;

  constructor(filePath: string, cause: unknown) {
    super(
      `The codemod produced code that does not parse for ${filePath}, so the file was left unchanged: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
    this.name = 'CodemodOutputError';
    this.filePath = filePath;
  }
}

/** Parses `file` with the parser its extension calls for. Throws `CodemodParseError` when it does not parse. */
export function openSourceFile(file: FileInfo, api: API): CodemodFile {
  const parserName = getParserName(file.path);
  const parser = getFileParser(file.path);
  let parsedText: string | undefined;
  const capturingParser: Parser = {
    parse(code, options) {
      parsedText ??= code;
      return parser.parse(code, options);
    },
  };

  let root: Collection;
  try {
    root = api.jscodeshift.withParser(capturingParser as never)(file.source);
  } catch (error) {
    throw new CodemodParseError(file.path, error);
  }
  const j = api.jscodeshift.withParser(parserName);
  const text = parsedText ?? file.source;
  return {
    path: file.path,
    source: file.source,
    parserName,
    j,
    root,
    api,
    printOptions: detectPrintOptions(file.source, root, j, text),
    parsedText: text,
  };
}

/**
 * Prints `file` when `changed` is true. Returns `undefined` when nothing changed or the printed text equals
 * the input. Throws `CodemodOutputError` when the printed text does not parse.
 */
export function printSourceFile(file: CodemodFile, changed: boolean): string | undefined {
  if (!changed) return undefined;
  const output = printWithMarkers(file, () => printTree(file));
  if (output === file.source) return undefined;
  try {
    getFileParser(file.path).parse(output);
  } catch (error) {
    throw new CodemodOutputError(file.path, error);
  }
  return output;
}

function printTree(file: CodemodFile): string {
  const toSource = (): string => printKeepingStatementsApart(file, () => file.root.toSource(file.printOptions));
  const output = toSource();
  if (!hasDoubledDirectiveSemicolon(file, output)) return output;
  refreshProgramDirectives(file);
  return toSource();
}

interface DirectiveNode {
  type: string;
  value: { value: string; extra?: { raw?: string } };
}

function getProgramDirectives(file: CodemodFile): DirectiveNode[] {
  const program = file.root.find(file.j.Program).paths()[0]?.node as { directives?: DirectiveNode[] } | undefined;
  return program?.directives ?? [];
}

/**
 * recast 0.23 prints `'use strict';;` when a program with a directive prologue gets new statements,
 * because it reuses the directive's original text, semicolon included, and then adds one.
 */
function hasDoubledDirectiveSemicolon(file: CodemodFile, output: string): boolean {
  return getProgramDirectives(file).some((directive) => {
    const raw = directive.value.extra?.raw;
    return raw !== undefined && output.includes(`${raw};;`) && !file.source.includes(`${raw};;`);
  });
}

/** Replaces the program's directives with new nodes, which recast prints with a single semicolon. */
function refreshProgramDirectives(file: CodemodFile): void {
  const program = file.root.find(file.j.Program).paths()[0]?.node as { directives?: unknown[] } | undefined;
  if (!program?.directives) return;
  program.directives = getProgramDirectives(file).map((directive) =>
    file.j.directive(file.j.directiveLiteral(directive.value.value)),
  );
}

/** Returns the quote style used by most string literals in the file (JSX attribute values excluded), `double` on a tie. */
export function detectQuote(root: Collection, j: JSCodeshift): 'single' | 'double' {
  let single = 0;
  let double = 0;
  root.find(j.Node).forEach((path) => {
    const node = path.node as { type: string; value?: unknown; extra?: { raw?: unknown } };
    if (node.type !== 'StringLiteral' && node.type !== 'Literal' && node.type !== 'DirectiveLiteral') return;
    if (node.type === 'Literal' && typeof node.value !== 'string') return;
    if ((path.parent as { node?: { type?: string } } | null)?.node?.type === 'JSXAttribute') return;
    const raw = node.extra?.raw ?? (node as { raw?: unknown }).raw;
    if (typeof raw !== 'string') return;
    if (raw.startsWith("'")) single += 1;
    else if (raw.startsWith('"')) double += 1;
  });
  return single > double ? 'single' : 'double';
}

/** Returns the line terminator used by most lines of `source`. */
export function detectLineTerminator(source: string): '\n' | '\r\n' {
  const crlf = source.match(/\r\n/g)?.length ?? 0;
  const lf = (source.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Returns how the file indents, ignoring whitespace-only lines: tabs when more indented lines start with
 * a tab than with a space, otherwise the smallest space indentation of 2, 4 or 8 (4 when none is found).
 */
export function detectIndentation(source: string): { useTabs: boolean; tabWidth: number } {
  let tabs = 0;
  let spaces = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (const line of source.split(/\r\n|[\r\n\u2028\u2029]/)) {
    // A blank line's trailing whitespace (an editor's leftover, a single space) does not show the indent unit.
    if (line.trim() === '') continue;
    if (line.startsWith('\t')) {
      tabs += 1;
      continue;
    }
    const indent = /^ +/.exec(line)?.[0].length ?? 0;
    // A line such as ` * text` continues a block comment, so its indentation is not the file's unit.
    if (indent === 0 || line.slice(indent).startsWith('*')) continue;
    spaces += 1;
    smallest = Math.min(smallest, indent);
  }
  if (tabs > spaces) return { useTabs: true, tabWidth: 4 };
  const tabWidth = [2, 4, 8].includes(smallest) ? smallest : 4;
  return { useTabs: false, tabWidth };
}

function detectPrintOptions(source: string, root: Collection, j: JSCodeshift, parsedText: string): CodemodPrintOptions {
  return {
    quote: detectQuote(root, j),
    lineTerminator: detectLineTerminator(source),
    ...detectIndentation(source),
    arrowParensAlways: detectArrowParens(root, j, parsedText),
  };
}

/**
 * Returns true unless most arrow functions with one plain parameter leave out the parentheses (`x => x`).
 * recast drops them by default when it reprints an arrow function.
 */
export function detectArrowParens(root: Collection, j: JSCodeshift, parsedText: string): boolean {
  let withParens = 0;
  let withoutParens = 0;
  root.find(j.ArrowFunctionExpression).forEach((path) => {
    const node = path.node as { params: { type: string; start?: number; typeAnnotation?: unknown }[]; start?: number };
    const [param] = node.params;
    if (node.params.length !== 1 || param?.type !== 'Identifier' || param.typeAnnotation) return;
    if (typeof param.start !== 'number' || typeof node.start !== 'number') return;
    if (parsedText.slice(node.start, param.start).includes('(')) withParens += 1;
    else withoutParens += 1;
  });
  return withParens >= withoutParens;
}

function getErrorPosition(error: unknown): { line: number; column: number } | undefined {
  const loc = (error as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  if (typeof loc?.line === 'number' && typeof loc.column === 'number') {
    return { line: loc.line, column: loc.column + 1 };
  }
  return undefined;
}
