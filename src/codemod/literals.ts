/**
 * String literals shared by the codemods.
 *
 * Parsers disagree on string literals: babel (the `ts` and `tsx` parsers) produces `StringLiteral`,
 * ESTree parsers produce `Literal` with a string `value`. Every codemod matches both through
 * `isStringLiteral` and `getStaticString` (which also accepts a template literal without expressions).
 */
import type { ASTNode } from 'jscodeshift';

/** A string literal of either shape. */
export interface StringLiteralNode {
  type: 'StringLiteral' | 'Literal';
  value: string;
}

/** Returns true for a `StringLiteral`, or a `Literal` whose value is a string. */
export function isStringLiteral(node: unknown): node is StringLiteralNode {
  const candidate = node as { type?: unknown; value?: unknown } | null | undefined;
  return (
    (candidate?.type === 'StringLiteral' || candidate?.type === 'Literal') && typeof candidate.value === 'string'
  );
}

/**
 * Returns the value of a string literal, or of a template literal with no expressions (`\`/logout\``);
 * `undefined` for anything else.
 */
export function getStaticString(node: ASTNode | null | undefined): string | undefined {
  if (isStringLiteral(node)) return node.value;
  const template = node as { type?: string; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[] };
  if (template?.type === 'TemplateLiteral' && template.expressions?.length === 0 && template.quasis?.length === 1) {
    return template.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}
