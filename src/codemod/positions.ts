/**
 * Conversion between positions in a file's text as read (`CodemodFile.source`, where ESLint and the
 * detectors report) and in the text the jscodeshift parser saw (`CodemodFile.parsedText`, where parsed
 * nodes carry `start`/`end` and `loc`).
 *
 * recast joins lines with `\n` and re-renders each line's leading whitespace with spaces before it parses,
 * so the two texts have the same lines, and each line differs at most in its leading whitespace. Offsets
 * inside that leading whitespace have no exact counterpart and map to the first character after it.
 */
import type { CodemodFile } from './source-file.js';

/** A 1-based line and a 1-based column, as ESLint and editors show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

interface LineTable {
  /** Offset of the first character of each line. */
  readonly starts: readonly number[];
  /** Length of the leading whitespace of each line. */
  readonly indents: readonly number[];
}

interface TextMap {
  readonly original: LineTable;
  readonly parsed: LineTable;
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
const LEADING_WHITESPACE = /[^\S\r\n\u2028\u2029]*/y;
const textMaps = new WeakMap<CodemodFile, TextMap>();

/** Maps an offset in `file.source` (an ESLint `range` bound) to the same character in `file.parsedText`. */
export function toParsedOffset(file: CodemodFile, offset: number): number {
  if (file.source === file.parsedText) return offset;
  const map = getTextMap(file);
  return translate(offset, map.original, map.parsed);
}

/** Maps an offset in `file.parsedText` (a parsed node's `start`/`end`) to the same character in `file.source`. */
export function toOriginalOffset(file: CodemodFile, offset: number): number {
  if (file.source === file.parsedText) return offset;
  const map = getTextMap(file);
  return translate(offset, map.parsed, map.original);
}

/** Returns the 1-based line and column in `file.source` where a parsed node starts. */
export function getOriginalPosition(file: CodemodFile, node: { start?: number | null }): SourcePosition | undefined {
  if (typeof node.start !== 'number') return undefined;
  return getPositionOfOffset(file.source, toOriginalOffset(file, node.start));
}

/** Returns the 1-based line and column of an offset in `text`. */
export function getPositionOfOffset(text: string, offset: number): SourcePosition {
  const starts = buildLineTable(text).starts;
  const lineIndex = findLineIndex(starts, offset);
  return { line: lineIndex + 1, column: offset - (starts[lineIndex] ?? 0) + 1 };
}

function getTextMap(file: CodemodFile): TextMap {
  let map = textMaps.get(file);
  if (!map) {
    map = { original: buildLineTable(file.source), parsed: buildLineTable(file.parsedText) };
    textMaps.set(file, map);
  }
  return map;
}

function buildLineTable(text: string): LineTable {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK)) starts.push(match.index + match[0].length);
  const indents = starts.map((start) => {
    LEADING_WHITESPACE.lastIndex = start;
    return LEADING_WHITESPACE.exec(text)?.[0].length ?? 0;
  });
  return { starts, indents };
}

function translate(offset: number, from: LineTable, to: LineTable): number {
  const lineIndex = findLineIndex(from.starts, offset);
  const column = offset - (from.starts[lineIndex] ?? 0);
  const fromIndent = from.indents[lineIndex] ?? 0;
  const toIndent = to.indents[lineIndex] ?? 0;
  const toStart = to.starts[lineIndex] ?? 0;
  return toStart + (column <= fromIndent ? toIndent : column - fromIndent + toIndent);
}

function findLineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
