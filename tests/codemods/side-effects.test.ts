import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { collectSideEffects, hasSideEffects } from '../../src/codemod/side-effects.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `async function* f() { x = <expression>; }` and returns the expression. */
function parseExpression(expression: string): { node: TSESTree.Expression; text: (node: TSESTree.Node) => string } {
  const sourceCode = parseSourceCode(`async function* f() { x = ${expression}; }`, 'value.ts');
  const fn = sourceCode.ast.body[0] as TSESTree.FunctionDeclaration;
  const statement = fn.body.body[0] as TSESTree.ExpressionStatement;
  const assignment = statement.expression as TSESTree.AssignmentExpression;
  return { node: assignment.right, text: (node) => sourceCode.getText(node) };
}

describe('hasSideEffects', () => {
  const pure = [
    'token',
    'data.token',
    "data['token']",
    "'Bearer ' + data.token",
    '`Bearer ${data.token}`',
    'data?.token ?? null',
    '!data',
    '() => issue()',
    'JSON.stringify({ token })',
    'new Date(Date.now() + 1000)',
    'data.token as string',
  ];
  const effects = [
    'issue()',
    'new Token()',
    'await load()',
    'yield token',
    'counter++',
    '(a = b)',
    'delete data.token',
    'tag`x`',
    "import('./token')",
    'JSON.stringify(issue())',
    'data[next()]',
    'class {}',
  ];

  it.each(pure)('treats %s as pure', (expression) => {
    expect(hasSideEffects(parseExpression(expression).node)).toBe(false);
  });

  it.each(effects)('treats %s as a side effect', (expression) => {
    expect(hasSideEffects(parseExpression(expression).node)).toBe(true);
  });
});

describe('collectSideEffects', () => {
  it.each([
    ['data.token', []],
    ['(await api.post(url, body)).data.token', ['await api.post(url, body)']],
    ['(counter++, issue())', ['counter++', 'issue()']],
    ["'Bearer ' + (await refresh()).token", ['await refresh()']],
    ['`${a()}:${b()}`', ['a()', 'b()']],
    ['JSON.stringify({ token: issue(), [key()]: 1, ...rest() })', ['issue()', 'key()', 'rest()']],
    ['(await load())?.token', ['await load()']],
    ['cached || issue()', ['cached || issue()']],
    ['ready ? issue() : null', ['ready ? issue() : null']],
    ['data[next()]', ['data[next()]']],
    ['issue() as string', ['issue()']],
  ])('keeps the effects of %s', (expression, expected) => {
    const { node, text } = parseExpression(expression);
    expect(collectSideEffects(node).map(text)).toEqual(expected);
  });
});
