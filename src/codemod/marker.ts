/**
 * The marker a codemod leaves where it cannot migrate a site safely.
 *
 * ```ts
 * changed = markForManualMigration(file, path, 'the token read decides whether the user is signed in') || changed;
 * ```
 *
 * The marker is one block comment on its own line above the statement that contains the site:
 * `/* eslint-plugin-sessions: manual migration needed: <reason> *\/`. Its fixed prefix makes every site
 * greppable. It is inserted once: a second run finds the same marker above the statement and leaves the
 * text alone, though the site is reported again. Each marked site is also reported through
 * `api.report` as `<file>:<line>:<column>: manual migration needed: <reason>` (1-based line and column
 * of the site in the input), which `parseMarkerReport` turns back into a `MarkedSite`. A site whose node
 * the codemod built or replaced is reported at the nearest enclosing node that comes from the input.
 *
 * A marker adds only its comment line: the marked statement keeps its original text. recast reprints any
 * node whose comments change (adding `;` to a statement in a file without semicolons, for example), so
 * `printWithMarkers` takes the marker comments off their statements before printing. When nothing else in
 * the file changed, it inserts the markers into the input text above their statements. Otherwise it prints
 * a placeholder statement before each marked statement and turns the placeholder into the marker lines.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';

import { getOriginalPosition, toOriginalOffset, type SourcePosition } from './positions.js';
import type { CodemodFile } from './source-file.js';
import { getAttachedComments, getStatementPath, type AttachedComment } from './statements.js';

export const MARKER_PREFIX = 'eslint-plugin-sessions: manual migration needed:';

/** A site that a codemod marked, as reported through `api.report`. */
export interface MarkedSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** The markers added to one statement in this run, in the order they were added. */
interface PendingMarkers {
  /** The statement's `comments` before the first marker: recast compares it with the parsed node's. */
  readonly originalComments: AttachedComment[] | null | undefined;
  readonly hadCommentsKey: boolean;
  readonly comments: AttachedComment[];
}

const pendingMarkers = new WeakMap<CodemodFile, Map<ASTNode, PendingMarkers>>();
const placeholderStatements = new WeakSet<object>();

/** Returns true for a placeholder statement that `printWithMarkers` put in the tree to print markers. */
export function isMarkerPlaceholder(node: unknown): boolean {
  return typeof node === 'object' && node !== null && placeholderStatements.has(node);
}

/** Returns the text of a marker comment for `reason`, without the comment delimiters. */
export function formatMarkerText(reason: string): string {
  return ` ${MARKER_PREFIX} ${sanitizeReason(reason)} `;
}

/**
 * Inserts the marker for `reason` above the statement that contains `path` and reports the site.
 * Returns true when the text changes, false when the statement already carries this marker.
 */
export function markForManualMigration(file: CodemodFile, path: ASTPath, reason: string): boolean {
  const cleanReason = sanitizeReason(reason);
  const position = getSitePosition(file, path);
  reportMarkedSite(file, {
    file: file.path,
    line: position?.line ?? 1,
    column: position?.column ?? 1,
    reason: cleanReason,
  });

  const statement = getStatementPath(path);
  if (!statement) {
    throw new Error(`Cannot mark ${file.path}: the site is not inside any statement.`);
  }
  if (hasMarkerBefore(file, statement, cleanReason)) return false;
  // The comment stays attached until `printWithMarkers` runs, so later steps see it (and a second mark of
  // the same statement is skipped), and it moves with the statement if a later step removes it.
  const node = statement.node as ASTNode & { comments?: AttachedComment[] | null };
  let byStatement = pendingMarkers.get(file);
  if (!byStatement) {
    byStatement = new Map();
    pendingMarkers.set(file, byStatement);
  }
  let pending = byStatement.get(node);
  if (!pending) {
    pending = { originalComments: node.comments ? [...node.comments] : node.comments, hadCommentsKey: 'comments' in node, comments: [] };
    byStatement.set(node, pending);
  }
  const comment = file.j.commentBlock(formatMarkerText(cleanReason), true, false) as unknown as AttachedComment;
  getAttachedComments(node).push(comment);
  pending.comments.push(comment);
  return true;
}

/**
 * Prints `file` with `printTree` and places the markers added in this run so that each marked statement
 * keeps its text. A marked statement that a later step removed or replaced is printed with its marker
 * attached, as recast prints any comment.
 */
export function printWithMarkers(file: CodemodFile, printTree: () => string): string {
  const byStatement = pendingMarkers.get(file);
  pendingMarkers.delete(file);
  if (!byStatement || byStatement.size === 0) return printTree();

  const located = locateStatements(file, byStatement);
  for (const [node] of located) detachMarkers(node, byStatement.get(node) as PendingMarkers);

  if (located.size === byStatement.size) {
    const unmarked = printTree();
    const offsets = [...located.keys()].map((node) => (node as { start?: unknown }).start);
    if (unmarked === file.source && offsets.every((offset) => typeof offset === 'number')) {
      return insertMarkersIntoSource(file, byStatement);
    }
  }

  const placeholders = new Map<string, AttachedComment[]>();
  const prefix = getPlaceholderPrefix(file.source, '__eslintPluginSessionsMarker');
  for (const [node, path] of located) {
    const name = `${prefix}${placeholders.size}`;
    placeholders.set(name, (byStatement.get(node) as PendingMarkers).comments);
    const placeholder = file.j.expressionStatement(file.j.identifier(name));
    placeholderStatements.add(placeholder);
    path.insertBefore(placeholder);
  }
  let output = printTree();
  for (const [name, comments] of placeholders) output = replacePlaceholder(file, output, name, comments);
  return output;
}

/** Returns the current path of each marked statement that is still an item of a statement list. */
function locateStatements(file: CodemodFile, byStatement: Map<ASTNode, PendingMarkers>): Map<ASTNode, ASTPath> {
  const located = new Map<ASTNode, ASTPath>();
  const isMarked = (node: unknown): node is ASTNode => byStatement.has(node as ASTNode);
  file.root.find(file.j.Node).forEach((path) => {
    const node: unknown = path.node;
    if (isMarked(node) && !located.has(node) && Array.isArray((path.parentPath as ASTPath | null)?.value)) {
      located.set(node, path as ASTPath);
    }
  });
  return located;
}

/** Takes this run's markers off a statement and gives it back the `comments` it was parsed with. */
function detachMarkers(node: ASTNode, pending: PendingMarkers): void {
  const commented = node as ASTNode & { comments?: AttachedComment[] | null };
  const remaining = (commented.comments ?? []).filter((comment) => !pending.comments.includes(comment));
  if (remaining.length > 0) commented.comments = remaining;
  else if (pending.hadCommentsKey) commented.comments = pending.originalComments ? remaining : pending.originalComments;
  else delete commented.comments;
}

/** Inserts each statement's markers into the input text, on their own lines above it when it starts its line. */
function insertMarkersIntoSource(file: CodemodFile, byStatement: Map<ASTNode, PendingMarkers>): string {
  const sites = [...byStatement].map(([node, pending]) => ({
    offset: toOriginalOffset(file, (node as unknown as { start: number }).start),
    comments: pending.comments,
  }));
  sites.sort((a, b) => b.offset - a.offset);
  let text = file.source;
  for (const { offset, comments } of sites) {
    const lineStart = findLineStart(text, offset);
    const indent = text.slice(lineStart, offset);
    const ownLine = /^[ \t]*$/.test(indent);
    const inserted = comments
      .map((comment) => `/*${comment.value}*/${ownLine ? file.printOptions.lineTerminator + indent : ' '}`)
      .join('');
    text = text.slice(0, offset) + inserted + text.slice(offset);
  }
  return text;
}

/**
 * Replaces a printed placeholder statement with marker comments. A placeholder on its own line becomes
 * marker lines directly above the statement, below the statement's leading comments, and blank lines
 * after the placeholder move above the markers. A placeholder that shares its line becomes inline comments.
 */
function replacePlaceholder(file: CodemodFile, output: string, name: string, comments: readonly AttachedComment[]): string {
  const index = output.indexOf(name);
  if (index < 0) throw new Error(`Cannot place the markers in ${file.path}: recast did not print their placeholder.`);
  let end = index + name.length;
  if (output[end] === ';') end += 1;
  const lineStart = findLineStart(output, index);
  const indent = output.slice(lineStart, index);
  const lineBreak = /^[ \t]*(\r?\n)/.exec(output.slice(end));
  if (!/^[ \t]*$/.test(indent) || !lineBreak) {
    return output.slice(0, index) + comments.map((comment) => `/*${comment.value}*/`).join(' ') + output.slice(end);
  }

  const afterPlaceholder = skipBlankLines(output, end + lineBreak[0].length);
  const statementStart = skipCommentLines(output, afterPlaceholder);
  const terminator = file.printOptions.lineTerminator;
  const markerLines = comments.map((comment) => `${indent}/*${comment.value}*/${terminator}`).join('');
  // recast may print the blank line between the statement and the one before it after the placeholder.
  const blankLines = output.slice(end + lineBreak[0].length, afterPlaceholder);
  const before = output.slice(0, lineStart);
  const separation = /(?:^|\n)[ \t]*\r?\n$/.test(before) ? '' : blankLines;
  return before + separation + output.slice(afterPlaceholder, statementStart) + markerLines + output.slice(statementStart);
}

/** Returns the offset after the blank lines that start at `offset`. */
export function skipBlankLines(text: string, offset: number): number {
  let cursor = offset;
  for (let match = /^[ \t]*\r?\n/.exec(text.slice(cursor)); match; match = /^[ \t]*\r?\n/.exec(text.slice(cursor))) {
    cursor += match[0].length;
  }
  return cursor;
}

/** Returns the start of the first line from `offset` on that contains code, skipping comment-only and blank lines. */
export function skipCommentLines(text: string, offset: number): number {
  let cursor = offset;
  for (;;) {
    const rest = text.slice(cursor);
    const line = /^[ \t]*(?:\/\/[^\r\n]*|\/\*[\s\S]*?\*\/[ \t]*)?\r?\n/.exec(rest);
    if (!line) return cursor;
    const content = line[0].trim();
    if (content !== '' && !content.startsWith('//') && !content.startsWith('/*')) return cursor;
    cursor += line[0].length;
  }
}

export function findLineStart(text: string, offset: number): number {
  const lineBreak = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return lineBreak + 1;
}

/** Returns an identifier prefix that starts with `base` and occurs nowhere in `source`, for placeholder statements. */
export function getPlaceholderPrefix(source: string, base: string): string {
  let prefix = base;
  while (source.includes(prefix)) prefix += '_';
  return `${prefix}_`;
}

/** Formats a marked site the way `markForManualMigration` reports it. */
export function formatMarkerReport(site: MarkedSite): string {
  return `${site.file}:${site.line}:${site.column}: manual migration needed: ${site.reason}`;
}

/** Parses a message written by `formatMarkerReport`; `undefined` for any other message. */
export function parseMarkerReport(message: string): MarkedSite | undefined {
  const match = /^(?<file>.+):(?<line>\d+):(?<column>\d+): manual migration needed: (?<reason>.+)$/s.exec(message);
  const groups = match?.groups;
  if (!groups?.file || !groups.reason) return undefined;
  return { file: groups.file, line: Number(groups.line), column: Number(groups.column), reason: groups.reason };
}

/** Finds every marker comment in a file's text, with its 1-based line and its reason. */
export function findMarkers(text: string): { line: number; reason: string }[] {
  const markers: { line: number; reason: string }[] = [];
  const pattern = new RegExp(`/\\*\\s*${escapeRegExp(MARKER_PREFIX)}\\s*([\\s\\S]*?)\\s*\\*/`, 'g');
  for (const match of text.matchAll(pattern)) {
    const line = text.slice(0, match.index).split(/\r\n|[\r\n\u2028\u2029]/).length;
    markers.push({ line, reason: match[1] ?? '' });
  }
  return markers;
}

/**
 * Returns the input position of the innermost node around `path`, itself included, that the file's own
 * parse produced. A node built by the codemod has no `start`. A node parsed from a code snippet has a
 * `start` in the snippet's text, and recast gives it the snippet's `loc.lines` instead of the file's.
 */
function getSitePosition(file: CodemodFile, path: ASTPath): SourcePosition | undefined {
  const fileLines = (file.root.get() as ASTPath<ParsedNode>).node.loc?.lines;
  for (let current: ASTPath | null = path; current; current = current.parentPath as ASTPath | null) {
    const node = current.node as ParsedNode;
    const lines = node.loc?.lines;
    if (typeof node.start === 'number' && (lines === undefined || lines === fileLines)) return getOriginalPosition(file, node);
  }
  return undefined;
}

/** Position fields that recast sets on each node it parses. */
interface ParsedNode {
  start?: number;
  loc?: { lines?: unknown } | null;
}

function reportMarkedSite(file: CodemodFile, site: MarkedSite): void {
  // jscodeshift's testUtils pass an API without `report`.
  (file.api.report as ((message: string) => void) | undefined)?.(formatMarkerReport(site));
}

/** Returns true when the text between the previous statement (or the block start) and `statement` contains the marker. */
function hasMarkerBefore(file: CodemodFile, statement: ASTPath, reason: string): boolean {
  const existing = (statement.node as { comments?: { value: string; leading?: boolean }[] | null }).comments ?? [];
  const expected = formatMarkerText(reason).trim();
  if (existing.some((comment) => comment.leading && comment.value.trim() === expected)) return true;

  const node = statement.node as { start?: number };
  if (typeof node.start !== 'number') return false;
  const list = statement.parentPath as ASTPath & { value: { end?: number }[] };
  const previous = list.value[Number(statement.name) - 1];
  const owner = (list.parentPath as ASTPath | null)?.node as { start?: number } | undefined;
  // A statement inserted by this run has no position, and the text before it is not the gap to search.
  if (previous && typeof previous.end !== 'number') return false;
  const gapStart = previous?.end ?? owner?.start ?? 0;
  const gap = file.source.slice(toOriginalOffset(file, gapStart), toOriginalOffset(file, node.start));
  return findMarkers(gap).some((marker) => marker.reason === reason);
}

/** Keeps a reason on one line and out of the comment's delimiters. */
function sanitizeReason(reason: string): string {
  return reason.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
