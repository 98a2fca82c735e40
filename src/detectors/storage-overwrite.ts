/**
 * Finds removals that are the first half of an overwrite: `storage.removeItem(key)` followed in the same
 * block by a write of the same entry, as in a `saveToken` function that clears the old token before it
 * stores the new one. Such a removal belongs to the write and is no logout.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { climbStatementWrappers } from '../util/ast-values.js';
import { isFunctionNode } from './value-flow.js';

/** The parts of a storage finding that tell which entry it reaches and what it does there. */
export interface EntryAccess {
  readonly node: TSESTree.Node;
  readonly kind: 'write' | 'read' | 'remove';
  readonly area: string;
  readonly key?: string;
  readonly keyNode?: TSESTree.Node;
}

/**
 * Maps each removal that a write of the same entry follows to that write. The removal must be an
 * expression statement, and the write an expression statement later in the same statement list. The
 * statements between them contain no `return`, `throw`, `await`, `yield`, `break` or `continue` outside
 * nested functions, because each of those can end the function or leave the block before the write.
 * They also contain no other access to the entry, because such an access would see the entry removed.
 */
export function findOverwrites<T extends EntryAccess>(findings: readonly T[], sourceCode: TSESLint.SourceCode): Map<T, T> {
  const overwrites = new Map<T, T>();
  for (const removal of findings) {
    if (removal.kind !== 'remove') continue;
    const write = findFollowingWrite(removal, findings, sourceCode);
    if (write) overwrites.set(removal, write);
  }
  return overwrites;
}

function findFollowingWrite<T extends EntryAccess>(removal: T, findings: readonly T[], sourceCode: TSESLint.SourceCode): T | undefined {
  const statement = getExpressionStatement(removal.node);
  const list = statement ? getStatementList(statement) : undefined;
  if (!statement || !list) return undefined;

  const sameEntry = findings.filter((finding) => finding !== removal && isSameEntry(finding, removal, sourceCode));
  for (const next of list.slice(list.indexOf(statement) + 1)) {
    const write = sameEntry.find((finding) => finding.kind === 'write' && getExpressionStatement(finding.node) === next);
    if (write) return write;
    if (sameEntry.some((finding) => contains(next, finding.node))) return undefined;
    if (mayLeaveBlock(next, sourceCode)) return undefined;
  }
  return undefined;
}

function isSameEntry(a: EntryAccess, b: EntryAccess, sourceCode: TSESLint.SourceCode): boolean {
  if (a.area !== b.area) return false;
  if (a.key !== undefined || b.key !== undefined) return a.key === b.key;
  // Two keys that neither resolves, such as `${prefix}token`, match when their code is the same.
  return a.keyNode !== undefined && b.keyNode !== undefined && sourceCode.getText(a.keyNode) === sourceCode.getText(b.keyNode);
}

/** Returns the expression statement whose whole expression is the access, allowing `await`, `void`, `?.`, `!` and `as`. */
function getExpressionStatement(node: TSESTree.Node): TSESTree.ExpressionStatement | undefined {
  const parent = climbStatementWrappers(node).parent;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement ? parent : undefined;
}

function getStatementList(statement: TSESTree.Statement): readonly TSESTree.Node[] | undefined {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body;
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return undefined;
  }
}

const LEAVING_NODES = new Set<string>([
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.ThrowStatement,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.BreakStatement,
  AST_NODE_TYPES.ContinueStatement,
]);

/** Returns true when a statement may end its function or leave its block: see `findOverwrites`. */
function mayLeaveBlock(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  // A function declared or created here runs only when it is called, so nothing in it counts.
  if (isFunctionNode(node)) return false;
  if (LEAVING_NODES.has(node.type)) return true;
  if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (isNode(child) && mayLeaveBlock(child, sourceCode)) return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function contains(ancestor: TSESTree.Node, node: TSESTree.Node): boolean {
  return ancestor.range[0] <= node.range[0] && node.range[1] <= ancestor.range[1];
}
