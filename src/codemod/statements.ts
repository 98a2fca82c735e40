/**
 * Statement-level edits that keep comments.
 *
 * recast prints the comments of a node from its `comments` array, so removing a statement would drop the
 * comments above and after it. `removeStatement` moves them to the next statement in the same list, else
 * to the previous one, else into the enclosing block. `replaceKeepingComments` gives a replacement node
 * the comments of the node it replaces. `getStatementPath` finds the statement that an edit or a marker
 * belongs to: the nearest ancestor that is an item of a statement list (a program, block, `case` or
 * module body), so `if (a) b();` yields the whole `if` statement. `toStatementExpression` prepares an
 * expression kept from removed code to stand as a statement of its own.
 *
 * In code without semicolons, a statement that starts with `(`, `[` or another character that continues
 * an expression is written `;(a || b).run()`, and the parser gives that `;` to the statement before it.
 * Removing that statement takes the `;` with it. Each edit here that removes or replaces a statement-list
 * item calls `protectStatementStart` on the item after it, and `printSourceFile` then puts a `;` back at the
 * start of that item's line when it needs one (see semicolons.ts).
 */
import type { ASTNode, ASTPath, JSCodeshift } from 'jscodeshift';

/** A comment as recast stores it on a node. */
export interface AttachedComment {
  type: string;
  value: string;
  leading?: boolean;
  trailing?: boolean;
}

interface CommentedNode {
  type: string;
  comments?: AttachedComment[] | null;
}

const STATEMENT_LIST_FIELDS = new Set(['body', 'consequent']);

/** Returns true when `path` is an item of a statement list (program, block, `case` or module body). */
export function isInStatementList(path: ASTPath): boolean {
  const parent = path.parentPath as ASTPath | null;
  const owner = parent?.parentPath as ASTPath | null;
  if (!parent || !owner || !Array.isArray(parent.value)) return false;
  const ownerType = (owner.node as { type?: string } | undefined)?.type;
  if (ownerType === 'SwitchCase') return parent.name === 'consequent';
  return (
    STATEMENT_LIST_FIELDS.has(String(parent.name)) &&
    (ownerType === 'Program' || ownerType === 'BlockStatement' || ownerType === 'StaticBlock' || ownerType === 'TSModuleBlock')
  );
}

/** Returns the statement-list item that contains `path` (possibly `path` itself), or `undefined` outside any. */
export function getStatementPath(path: ASTPath): ASTPath | undefined {
  let current: ASTPath | null = path;
  while (current) {
    if (isInStatementList(current)) return current;
    current = current.parentPath as ASTPath | null;
  }
  return undefined;
}

const followingRemovals = new WeakSet<object>();

/**
 * Records that the statement before `statement` was removed or replaced, so that printing checks whether
 * `statement` needs a `;` in front of it. Call it for every statement that gets a new predecessor that way.
 */
export function protectStatementStart(statement: ASTNode | null | undefined): void {
  if (statement) followingRemovals.add(statement);
}

/** Returns true when `protectStatementStart` recorded `statement`. */
export function isStatementStartProtected(statement: ASTNode): boolean {
  return followingRemovals.has(statement);
}

/** Returns the comments recast prints with `node`, creating the array when missing. */
export function getAttachedComments(node: ASTNode): AttachedComment[] {
  const commented = node as CommentedNode;
  commented.comments ??= [];
  return commented.comments;
}

/**
 * Removes a statement-list item and keeps its comments: leading ones move to the following statement,
 * else to the preceding one as trailing comments, else into the enclosing block.
 */
export function removeStatement(statement: ASTPath): void {
  const comments = (statement.node as CommentedNode).comments ?? [];
  const list = statement.parentPath as ASTPath & { value: ASTNode[] };
  const index = Number(statement.name);
  const next = list.value[index + 1];
  const previous = list.value[index - 1];
  if (comments.length > 0) {
    if (next) {
      getAttachedComments(next).unshift(...comments.map((comment) => moveComment(comment, true, false)));
    } else if (previous) {
      getAttachedComments(previous).push(...comments.map((comment) => moveComment(comment, false, true)));
    } else {
      const owner = (list.parentPath as ASTPath | null)?.node;
      if (owner) {
        getAttachedComments(owner).push(...comments.map((comment) => moveComment(comment, false, false)));
      }
    }
  }
  protectStatementStart(next);
  statement.replace();
}

/**
 * Returns a copy of a comment without its original location, so that recast indents it for its new
 * place instead of reusing the old indentation.
 * NOTE: in a tab-indented file recast 0.23 still indents a moved block comment with a tab and spaces
 * when it reprints the enclosing block. Line comments come out right.
 */
export function moveComment(comment: AttachedComment, leading: boolean, trailing: boolean): AttachedComment {
  return { type: comment.type, value: comment.value, leading, trailing };
}

/** Replaces the node at `path` with `replacement`, which takes over the replaced node's comments. */
export function replaceKeepingComments(path: ASTPath, replacement: ASTNode): void {
  const comments = (path.node as CommentedNode).comments;
  if (comments && comments.length > 0) {
    getAttachedComments(replacement).unshift(...comments);
  }
  if (isInStatementList(path)) {
    protectStatementStart((path.parentPath as ASTPath & { value: ASTNode[] }).value[Number(path.name) + 1]);
  }
  path.replace(replacement);
}

/**
 * Removes a statement, then the `if` that guarded it when the guard is left with an empty block, no
 * `else`, and a test that only reads values (`if (response.data.accessToken) {}` would otherwise stay).
 */
export function removeStatementAndEmptyGuard(statement: ASTPath): void {
  const list = statement.parentPath as ASTPath & { value: ASTNode[] };
  const block = list.parentPath as ASTPath | null;
  removeStatement(statement);

  const guard = block?.parentPath as ASTPath | null | undefined;
  if (!block || !guard || block.node.type !== 'BlockStatement' || block.name !== 'consequent') return;
  const ifNode = guard.node as ASTNode & { type: string; test: ASTNode; alternate: ASTNode | null };
  if (ifNode.type !== 'IfStatement' || ifNode.alternate || list.value.length > 0) return;
  if ((block.node as CommentedNode).comments?.length || !isReadOnlyExpression(ifNode.test)) return;
  if (isInStatementList(guard)) removeStatement(guard);
}

/** Returns true for expressions that only read values: names, member reads, literals and operators on them. */
function isReadOnlyExpression(node: ASTNode): boolean {
  const expression = node as ASTNode & Record<string, unknown>;
  switch (expression.type) {
    case 'Identifier':
    case 'ThisExpression':
    case 'Literal':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return (
        isReadOnlyExpression(expression.object as ASTNode) &&
        (!expression.computed || isReadOnlyExpression(expression.property as ASTNode))
      );
    case 'LogicalExpression':
    case 'BinaryExpression':
      return isReadOnlyExpression(expression.left as ASTNode) && isReadOnlyExpression(expression.right as ASTNode);
    case 'UnaryExpression':
      return expression.operator !== 'delete' && isReadOnlyExpression(expression.argument as ASTNode);
    default:
      return false;
  }
}

/**
 * Returns an expression moved out of removed code, ready to become an expression statement, without the
 * parentheses it had there: babel records `(await login()).token` as a parenthesized `await`, and recast
 * would print `(await login());`. recast still adds the parentheses a statement needs (before `{`,
 * `function` or `class`).
 */
export function toStatementExpression(path: ASTPath): Parameters<JSCodeshift['expressionStatement']>[0] {
  const node = path.node as ASTNode & { extra?: { parenthesized?: boolean } };
  if (node.extra?.parenthesized) node.extra = { ...node.extra, parenthesized: false };
  return node as Parameters<JSCodeshift['expressionStatement']>[0];
}
