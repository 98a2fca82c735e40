import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { SourceCode } from 'eslint';

/**
 * Parses a file the way the rules see it (typescript-eslint's parser, ESLint's scope manager) and returns
 * ESLint's `SourceCode`, so the codemods run the very same detectors as the rules. JSX is enabled for
 * every extension but `.ts`, `.mts` and `.cts`, where `<T>x` is a type assertion. Throws the parser's
 * `SyntaxError` (with `lineNumber` and `column`) when the text does not parse.
 */
export function parseSourceCode(text: string, filePath: string): TSESLint.SourceCode {
  const isPlainTypeScript = /\.[mc]?ts$/.test(filePath);
  const result = parseForESLint(text, {
    filePath,
    sourceType: 'module',
    ecmaVersion: 'latest',
    range: true,
    loc: true,
    tokens: true,
    comment: true,
    ecmaFeatures: { jsx: !isPlainTypeScript },
  });
  setParents(result.ast as unknown as AstNode, undefined, result.visitorKeys);
  const sourceCode = new SourceCode({
    text,
    ast: result.ast as never,
    scopeManager: result.scopeManager as never,
    visitorKeys: result.visitorKeys as never,
    parserServices: result.services,
  });
  return sourceCode as unknown as TSESLint.SourceCode;
}

interface AstNode {
  type: string;
  parent?: AstNode;
  [key: string]: unknown;
}

/** Sets `parent` on every node, as ESLint does while it traverses a file for the rules. */
function setParents(node: AstNode, parent: AstNode | undefined, visitorKeys: Record<string, readonly string[] | undefined>): void {
  node.parent = parent;
  for (const key of visitorKeys[node.type] ?? []) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child as (AstNode | null)[]) {
        if (item) setParents(item, node, visitorKeys);
      }
    } else if (child && typeof child === 'object' && typeof (child as AstNode).type === 'string') {
      setParents(child as AstNode, node, visitorKeys);
    }
  }
}
