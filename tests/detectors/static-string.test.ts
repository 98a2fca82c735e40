import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { findHardcodedStrings, isHardcodedString } from '../../src/detectors/static-string.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `text` and returns the strings found for the first argument of the last call `probe(...)`. */
function probe(text: string, path = 'file.ts'): { value: string; role: string; text: string }[] {
  const sourceCode = parseSourceCode(text, path);
  const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
  const call = statement.expression as TSESTree.CallExpression;
  const argument = call.arguments[0] as TSESTree.Expression;
  return findHardcodedStrings(sourceCode, argument).map((found) => ({
    value: found.value,
    role: found.role,
    text: sourceCode.getText(found.node),
  }));
}

/**
 * Runs the detector on the first argument of the last `probe(...)` call of a file parsed by ESLint's default
 * parser, espree, which accepts much deeper expressions than typescript-estree.
 */
function probeWithEspree(text: string): string[] {
  let values: string[] = [];
  const rule = {
    create(context: { sourceCode: unknown }) {
      return {
        'Program:exit'() {
          const sourceCode = context.sourceCode as TSESLint.SourceCode;
          const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
          const call = statement.expression as TSESTree.CallExpression;
          values = findHardcodedStrings(sourceCode, call.arguments[0] as TSESTree.Node).map((found) => found.value);
        },
      };
    },
  };
  const messages = new Linter().verify(text, {
    plugins: { test: { rules: { probe: rule } } } as never,
    rules: { 'test/probe': 'error' },
  });
  expect(messages).toEqual([]);
  return values;
}

describe('findHardcodedStrings', () => {
  it('finds a literal and an expression-free template', () => {
    expect(probe(`probe('abc');`)).toEqual([{ value: 'abc', role: 'value', text: `'abc'` }]);
    expect(probe('probe(`abc`);')).toEqual([{ value: 'abc', role: 'value', text: '`abc`' }]);
  });

  it('ignores a template with expressions', () => {
    expect(probe('probe(`a${b}`);')).toEqual([]);
  });

  it('follows a const and a never-reassigned let', () => {
    expect(probe(`const key = 'k1';\nprobe(key);`)).toEqual([{ value: 'k1', role: 'value', text: `'k1'` }]);
    expect(probe(`let key = 'k2';\nprobe(key);`)).toEqual([{ value: 'k2', role: 'value', text: `'k2'` }]);
  });

  it('does not follow a reassigned let', () => {
    expect(probe(`let key = 'k';\nkey = load();\nprobe(key);`)).toEqual([]);
  });

  it('finds the fallback of an environment variable', () => {
    expect(probe(`probe(process.env.SECRET || 'dev');`)).toEqual([{ value: 'dev', role: 'fallback', text: `'dev'` }]);
    expect(probe(`probe(process.env.SECRET ?? 'dev');`)).toEqual([{ value: 'dev', role: 'fallback', text: `'dev'` }]);
  });

  it('finds the default of a destructured binding', () => {
    expect(probe(`const { SECRET = 'dev' } = process.env;\nprobe(SECRET);`)).toEqual([
      { value: 'dev', role: 'fallback', text: `'dev'` },
    ]);
    expect(probe(`const { secret: key = 'k' } = options;\nprobe(key);`)).toEqual([{ value: 'k', role: 'fallback', text: `'k'` }]);
  });

  it('ignores a reassigned destructured binding', () => {
    expect(probe(`let { SECRET = 'dev' } = process.env;\nSECRET = load();\nprobe(SECRET);`)).toEqual([]);
  });

  it('finds both branches of a conditional', () => {
    expect(probe(`probe(isProduction ? process.env.SECRET : 'dev');`)).toEqual([{ value: 'dev', role: 'value', text: `'dev'` }]);
  });

  it('finds the elements of an array, through spreads of constants', () => {
    const base = `const old = ['o1'];\nprobe(['n1', process.env.KEY, ...old]);`;
    expect(probe(base).map((found) => found.value)).toEqual(['n1', 'o1']);
  });

  it('unwraps TypeScript assertions', () => {
    expect(probe(`probe('abc' as string);`)).toEqual([{ value: 'abc', role: 'value', text: `'abc'` }]);
    expect(probe(`const key = <string>'abc';\nprobe(key!);`)).toEqual([{ value: 'abc', role: 'value', text: `'abc'` }]);
  });

  it('finds the text inside Buffer.from, TextEncoder and createSecretKey', () => {
    expect(probe(`probe(Buffer.from('b64', 'base64'));`)).toEqual([{ value: 'b64', role: 'value', text: `'b64'` }]);
    expect(probe(`probe(new TextEncoder().encode('te'));`)).toEqual([{ value: 'te', role: 'value', text: `'te'` }]);
    expect(probe(`const encoder = new TextEncoder();\nprobe(encoder.encode('te2'));`)).toEqual([
      { value: 'te2', role: 'value', text: `'te2'` },
    ]);
    expect(probe(`import { createSecretKey } from 'node:crypto';\nprobe(createSecretKey(Buffer.from('sk')));`)).toEqual([
      { value: 'sk', role: 'value', text: `'sk'` },
    ]);
    expect(probe(`const crypto = require('crypto');\nprobe(crypto.createSecretKey('sk2'));`, 'file.js')).toEqual([
      { value: 'sk2', role: 'value', text: `'sk2'` },
    ]);
  });

  it('ignores a local Buffer or TextEncoder', () => {
    expect(probe(`const Buffer = { from: (x) => x };\nprobe(Buffer.from('b'));`)).toEqual([]);
    expect(probe(`class TextEncoder { encode(x) { return x; } }\nprobe(new TextEncoder().encode('t'));`)).toEqual([]);
  });

  it('joins a concatenation of literals', () => {
    expect(probe(`probe('ab' + 'cd');`)).toEqual([{ value: 'abcd', role: 'value', text: `'ab' + 'cd'` }]);
    expect(probe(`probe('ab' + suffix);`)).toEqual([]);
  });

  it('joins a concatenation of thousands of operands', () => {
    const operands = Array.from({ length: 3000 }, (_, index) => `'p${index}'`);
    const joined = operands.map((operand) => operand.slice(1, -1)).join('');
    expect(probeWithEspree(`probe(${operands.join(' + ')});`)).toEqual([joined]);
    expect(probeWithEspree(`probe(${operands.join(' + ')} + suffix);`)).toEqual([]);
  });

  it('follows a property of a same-file constant object and its later writes', () => {
    expect(probe(`const config = { jwt: { secret: 's1' } };\nprobe(config.jwt.secret);`)).toEqual([
      { value: 's1', role: 'value', text: `'s1'` },
    ]);
    expect(probe(`const config = {};\nconfig.secret = 's2';\nprobe(config.secret);`)).toEqual([
      { value: 's2', role: 'value', text: `'s2'` },
    ]);
  });

  it('keeps empty strings for the caller to judge', () => {
    expect(probe(`probe(process.env.KEY || '');`)).toEqual([{ value: '', role: 'fallback', text: `''` }]);
  });

  it('finds nothing in parameters, imports and calls', () => {
    expect(probe(`import { key } from './key';\nprobe(key);`)).toEqual([]);
    expect(probe(`probe(loadKey());`)).toEqual([]);
    expect(probe(`probe(process.env.KEY);`)).toEqual([]);
  });
});

describe('isHardcodedString', () => {
  it('is true for a literal and false for an environment read', () => {
    const sourceCode = parseSourceCode(`a('x');\nb(process.env.X);`, 'file.js');
    const [first, second] = sourceCode.ast.body as TSESTree.ExpressionStatement[];
    const argumentOf = (statement: TSESTree.ExpressionStatement | undefined): TSESTree.Node =>
      (statement?.expression as TSESTree.CallExpression).arguments[0] as TSESTree.Node;
    expect(isHardcodedString(sourceCode, argumentOf(first))).toBe(true);
    expect(isHardcodedString(sourceCode, argumentOf(second))).toBe(false);
  });
});
