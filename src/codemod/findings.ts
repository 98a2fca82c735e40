/**
 * The bridge from the rules' detectors to jscodeshift, so a codemod migrates exactly what a rule flags.
 *
 * ```ts
 * const sourceCode = getDetectorSourceCode(file);            // ESLint's SourceCode of file.source
 * for (const finding of detectSomething(sourceCode, {})) {
 *   const path = findPathForNode(file, finding.node);        // the jscodeshift path of the same node
 * }
 * ```
 *
 * Detectors see typescript-eslint's AST, codemods see babel's. A finding's node is matched by its
 * character range (translated into the parser's text) and by type, where the two ASTs name the same
 * construct differently (`Literal` and `StringLiteral`, `Property` and `ObjectProperty`, an optional
 * `CallExpression` inside a `ChainExpression` and `OptionalCallExpression`). The index of parsed nodes is
 * built on the first look-up, so look up every finding before the first edit.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { ASTPath } from 'jscodeshift';

import { parseSourceCode } from '../source-code.js';
import { toParsedOffset } from './positions.js';
import type { CodemodFile } from './source-file.js';

/** A node from ESLint's AST: what `findPathForNode` needs from a finding. */
export interface RangedNode {
  readonly type: string;
  readonly range: readonly [number, number];
}

/** Babel node types that stand for a typescript-estree node type, where the names differ. */
const BABEL_TYPES: Readonly<Record<string, readonly string[]>> = {
  Literal: ['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'RegExpLiteral', 'BigIntLiteral', 'Literal'],
  Property: ['ObjectProperty', 'ObjectMethod', 'Property'],
  MethodDefinition: ['ClassMethod', 'ClassPrivateMethod', 'TSDeclareMethod'],
  TSAbstractMethodDefinition: ['ClassMethod', 'TSDeclareMethod'],
  PropertyDefinition: ['ClassProperty', 'ClassPrivateProperty'],
  TSAbstractPropertyDefinition: ['ClassProperty'],
  AccessorProperty: ['ClassAccessorProperty'],
  PrivateIdentifier: ['PrivateName'],
  CallExpression: ['CallExpression', 'OptionalCallExpression'],
  MemberExpression: ['MemberExpression', 'OptionalMemberExpression'],
  ChainExpression: ['OptionalCallExpression', 'OptionalMemberExpression', 'CallExpression', 'MemberExpression'],
  ImportExpression: ['CallExpression', 'ImportExpression'],
};

const sourceCodes = new WeakMap<CodemodFile, TSESLint.SourceCode>();
const pathIndexes = new WeakMap<CodemodFile, Map<string, ASTPath[]>>();

/**
 * Returns ESLint's `SourceCode` for `file.source`, parsed once per file, to pass to a detector.
 * Throws the parser's error when typescript-eslint cannot parse the file.
 */
export function getDetectorSourceCode(file: CodemodFile): TSESLint.SourceCode {
  let sourceCode = sourceCodes.get(file);
  if (!sourceCode) {
    sourceCode = parseSourceCode(file.source, file.path);
    sourceCodes.set(file, sourceCode);
  }
  return sourceCode;
}

/**
 * Returns the jscodeshift path of the node that a detector reported, or `undefined` when the parsed file
 * has no node of a matching type at the same range. Among nested nodes with the same range (an
 * expression and its `ExpressionStatement` without a semicolon) the one whose type matches wins.
 */
export function findPathForNode(file: CodemodFile, node: RangedNode): ASTPath | undefined {
  const candidates = getPathIndex(file).get(toRangeKey(file, node.range)) ?? [];
  const types = BABEL_TYPES[node.type] ?? [node.type];
  for (const type of types) {
    const match = candidates.find((path) => (path.node as { type: string }).type === type);
    if (match) return match;
  }
  return undefined;
}

/**
 * Returns the innermost jscodeshift path whose node contains the whole range, for marking a site that
 * `findPathForNode` cannot match exactly. Returns the program's path for a range outside every node.
 */
export function findInnermostPathContaining(file: CodemodFile, range: readonly [number, number]): ASTPath {
  const start = toParsedOffset(file, range[0]);
  const end = toParsedOffset(file, range[1]);
  const program = file.root.find(file.j.Program).paths()[0];
  if (!program) throw new Error(`Cannot look up a node in ${file.path}: the parsed file has no program node.`);
  let innermost: ASTPath = program;
  for (const paths of getPathIndex(file).values()) {
    for (const path of paths) {
      const node = path.node as { start?: number; end?: number };
      const best = innermost.node as { start?: number; end?: number };
      if (node.start === undefined || node.end === undefined || node.start > start || node.end < end) continue;
      if (best.start === undefined || best.end === undefined || node.end - node.start <= best.end - best.start) {
        innermost = path;
      }
    }
  }
  return innermost;
}

function toRangeKey(file: CodemodFile, range: readonly [number, number]): string {
  return `${toParsedOffset(file, range[0])}:${toParsedOffset(file, range[1])}`;
}

/** Indexes every parsed node by `start:end`; outer nodes come before inner nodes with the same range. */
function getPathIndex(file: CodemodFile): Map<string, ASTPath[]> {
  let index = pathIndexes.get(file);
  if (!index) {
    index = new Map();
    const built = index;
    file.root.find(file.j.Node).forEach((path) => {
      const node = path.node as { start?: unknown; end?: unknown };
      if (typeof node.start !== 'number' || typeof node.end !== 'number') return;
      const key = `${node.start}:${node.end}`;
      const paths = built.get(key);
      if (paths) paths.push(path as ASTPath);
      else built.set(key, [path as ASTPath]);
    });
    pathIndexes.set(file, index);
  }
  return index;
}
