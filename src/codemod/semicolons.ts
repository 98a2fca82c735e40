/**
 * Keeping statements apart in code without semicolons.
 *
 * ```ts
 * const output = printKeepingStatementsApart(file, () => file.root.toSource(file.printOptions));
 * ```
 *
 * Code without semicolons writes a statement that starts with `(`, `[`, `` ` ``, `+`, `-` or `/` as
 * `;(a || b).run()`, because without the `;` the line continues the statement above it. The parser gives
 * that `;` to the statement above, so removing that statement removes the `;` too, and
 * `const data = await res.json()` followed by `(a || b).run()` becomes one call. Printing puts the `;`
 * back before each statement that `protectStatementStart` recorded, when the statement's text starts with
 * one of those characters and the statement now above it can go on. A statement can go on when its text
 * does not end with `;` and it is not a declaration such as a function or class. The `;` goes at the start
 * of the statement's first line, after its comments, and the rest of the printed text stays as it is.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';

import { findLineStart, getPlaceholderPrefix, isMarkerPlaceholder, skipBlankLines, skipCommentLines } from './marker.js';
import type { CodemodFile } from './source-file.js';
import { isInStatementList, isStatementStartProtected, type AttachedComment } from './statements.js';

interface CommentedNode {
  comments?: AttachedComment[] | null;
}

interface PrintedNode {
  type: string;
  loc?: { start: unknown; end: unknown; lines?: { slice(start: unknown, end: unknown): { toString(): string } } } | null;
  [key: string]: unknown;
}

/**
 * Prints the file with `print` and puts a `;` at the start of each recorded statement that would
 * otherwise continue the statement above it.
 */
export function printKeepingStatementsApart(file: CodemodFile, print: () => string): string {
  const statements = findStatementsToSeparate(file);
  if (statements.length === 0) return print();

  const prefix = getPlaceholderPrefix(file.source, '__eslintPluginSessionsSemicolon');
  const placeholders: { name: string; list: ASTPath & { value: ASTNode[] }; node: ASTNode; statement: CommentedNode; comments: CommentedNode['comments'] }[] = [];
  for (const path of statements) {
    const name = `${prefix}${placeholders.length}`;
    const node = file.j.expressionStatement(file.j.identifier(name)) as ASTNode;
    // The statement's leading comments print above the placeholder, so that the `;` can follow them
    // directly: recast prints a comment after a placeholder on the placeholder's line.
    const statement = path.node as CommentedNode;
    const comments = statement.comments;
    const leading = comments?.filter((comment) => comment.leading) ?? [];
    if (comments && leading.length > 0) {
      (node as CommentedNode).comments = leading;
      statement.comments = comments.filter((comment) => !comment.leading);
    }
    path.insertBefore(node);
    placeholders.push({ name, list: path.parentPath as ASTPath & { value: ASTNode[] }, node, statement, comments });
  }
  let output: string;
  try {
    output = print();
  } finally {
    // The placeholders leave the tree again, so that a later print starts from the same statements.
    for (const { list, node, statement, comments } of placeholders) {
      (list.get(list.value.indexOf(node)) as ASTPath).replace();
      statement.comments = comments;
    }
  }
  for (const { name } of placeholders) output = replacePlaceholder(file, output, name);
  return output;
}

/** Returns the recorded statements that need a `;` in front of them. */
function findStatementsToSeparate(file: CodemodFile): ASTPath[] {
  const found: ASTPath[] = [];
  file.root.find(file.j.Node).forEach((nodePath) => {
    const path = nodePath as ASTPath;
    const node = path.node as ASTNode;
    if (!isStatementStartProtected(node) || !isInStatementList(path)) return;
    const text = getOwnText(node as unknown as PrintedNode);
    if (text === undefined || !continuesExpression(text)) return;
    const list = (path.parentPath as ASTPath & { value: ASTNode[] }).value;
    let index = Number(path.name) - 1;
    while (index >= 0 && isMarkerPlaceholder(list[index])) index -= 1;
    const previous = list[index] as unknown as PrintedNode | undefined;
    if (previous && canGoOn(previous)) found.push(path);
  });
  return found;
}

/**
 * Returns the text a node was parsed from (from the file or from a code snippet), or `undefined` for a
 * node the codemod built, which recast prints in full, with the semicolons it needs.
 */
function getOwnText(node: PrintedNode): string | undefined {
  const loc = node.loc;
  if (!loc?.lines) return undefined;
  return loc.lines.slice(loc.start, loc.end).toString();
}

/** True when a statement that starts with `text` would continue an expression on the line above. */
function continuesExpression(text: string): boolean {
  // `a` followed by a line `++b` is two statements: no line break may come before a postfix `++`.
  return /^(?:[([`/]|\+(?!\+)|-(?!-))/.test(text);
}

/** True when the text of `statement` may go on into the next line, so that a `(` there would call it. */
function canGoOn(statement: PrintedNode | null | undefined): boolean {
  if (!statement) return false;
  const text = getOwnText(statement);
  if (text === undefined || text.trimEnd().endsWith(';')) return false;
  switch (statement.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'BlockStatement':
    case 'TryStatement':
    case 'SwitchStatement':
    case 'EmptyStatement':
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'DoWhileStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'DebuggerStatement':
    case 'TSInterfaceDeclaration':
    case 'TSEnumDeclaration':
    case 'TSModuleDeclaration':
      return false;
    case 'ReturnStatement':
      return statement.argument !== null && statement.argument !== undefined;
    case 'IfStatement':
      return canGoOn((statement.alternate ?? statement.consequent) as PrintedNode);
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'WithStatement':
    case 'LabeledStatement':
      return canGoOn(statement.body as PrintedNode);
    case 'ExportNamedDeclaration':
      return canGoOn(statement.declaration as PrintedNode | null);
    case 'ExportDefaultDeclaration': {
      const type = (statement.declaration as PrintedNode).type;
      return type !== 'FunctionDeclaration' && type !== 'ClassDeclaration';
    }
    default:
      return true;
  }
}

/**
 * Replaces a printed placeholder with a `;` at the start of the statement after it. A placeholder on its
 * own line goes away with its line, and blank lines after it move above the statement's comments.
 */
function replacePlaceholder(file: CodemodFile, output: string, name: string): string {
  const index = output.indexOf(name);
  if (index < 0) throw new Error(`Cannot separate the statements in ${file.path}: recast did not print their placeholder.`);
  let end = index + name.length;
  if (output[end] === ';') end += 1;
  const lineStart = findLineStart(output, index);
  const indent = output.slice(lineStart, index);
  const lineBreak = /^[ \t]*(\r?\n)/.exec(output.slice(end));
  if (!/^[ \t]*$/.test(indent) || !lineBreak) {
    return `${output.slice(0, index)};${output.slice(end).replace(/^[ \t]+/, '')}`;
  }

  const afterPlaceholder = skipBlankLines(output, end + lineBreak[0].length);
  const statementLine = skipCommentLines(output, afterPlaceholder);
  const codeStart = statementLine + (/^[ \t]*/.exec(output.slice(statementLine))?.[0].length ?? 0);
  const blankLines = output.slice(end + lineBreak[0].length, afterPlaceholder);
  const before = output.slice(0, lineStart);
  const separation = /(?:^|\n)[ \t]*\r?\n$/.test(before) ? '' : blankLines;
  return `${before}${separation}${output.slice(afterPlaceholder, codeStart)};${output.slice(codeStart)}`;
}
