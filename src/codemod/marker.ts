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
 */
import type { ASTPath } from 'jscodeshift';

import { getOriginalPosition, toOriginalOffset, type SourcePosition } from './positions.js';
import type { CodemodFile } from './source-file.js';
import { getAttachedComments, getStatementPath } from './statements.js';

export const MARKER_PREFIX = 'eslint-plugin-sessions: manual migration needed:';

/** A site that a codemod marked, as reported through `api.report`. */
export interface MarkedSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
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
  getAttachedComments(statement.node).push(
    file.j.commentBlock(formatMarkerText(cleanReason), true, false) as unknown as {
      type: string;
      value: string;
    },
  );
  return true;
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
