import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { followObject, type FollowedObject } from '../../src/detectors/same-file-value.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Follows the first argument of the last statement, a call `use(options)`, which counts as the consumer. */
function follow(text: string): { object: FollowedObject | undefined; textOf: (node: TSESTree.Node) => string } {
  const sourceCode = parseSourceCode(text, 'file.ts');
  const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
  const call = statement.expression as TSESTree.CallExpression;
  const object = followObject(sourceCode, call.arguments[0] as TSESTree.Node, { isConsumer: (consumer) => consumer === call });
  return { object, textOf: (node) => sourceCode.getText(node) };
}

function lookupTexts(text: string, path: string[]): { values: string[]; unknown: boolean } {
  const { object, textOf } = follow(text);
  if (!object) throw new Error('The options were not followed.');
  const found = object.lookup(path);
  return { values: found.values.map((value) => textOf(value.node)), unknown: found.unknown };
}

describe('followObject', () => {
  it('follows an inline literal', () => {
    expect(lookupTexts(`use({ a: 1, cookie: { secure: true } });`, ['cookie', 'secure'])).toEqual({ values: ['true'], unknown: false });
  });

  it('reports a missing property as no values', () => {
    expect(lookupTexts(`use({ a: 1 });`, ['store'])).toEqual({ values: [], unknown: false });
  });

  it('follows a constant and its later writes, conditional or not', () => {
    const text = `const sess = { cookie: { secure: false } };\nif (production) {\n  sess.cookie.secure = true;\n}\nuse(sess);`;
    expect(lookupTexts(text, ['cookie', 'secure'])).toEqual({ values: ['false', 'true'], unknown: false });
  });

  it('lets an unconditional write replace the earlier value', () => {
    const text = `const sess = { cookie: { sameSite: 'lax' } };\nsess.cookie.sameSite = 'none';\nuse(sess);`;
    expect(lookupTexts(text, ['cookie', 'sameSite'])).toEqual({ values: [`'none'`], unknown: false });
  });

  it('follows a replaced sub-object', () => {
    const text = `const sess = { cookie: {} };\nsess.cookie = { httpOnly: false };\nuse(sess);`;
    expect(lookupTexts(text, ['cookie', 'httpOnly'])).toEqual({ values: ['false'], unknown: false });
  });

  it('follows Object.assign into the object', () => {
    const text = `const sess = {};\nObject.assign(sess, { store: redisStore });\nuse(sess);`;
    expect(lookupTexts(text, ['store'])).toEqual({ values: ['redisStore'], unknown: false });
  });

  it('follows spreads of constants, later keys winning', () => {
    const text = `const base = { secret: 'a', store: s };\nuse({ ...base, secret: 'b' });`;
    expect(lookupTexts(text, ['secret'])).toEqual({ values: [`'b'`], unknown: false });
    expect(lookupTexts(text, ['store'])).toEqual({ values: ['s'], unknown: false });
  });

  it('marks a spread of something unknown', () => {
    expect(lookupTexts(`use({ ...options, secret: 'b' });`, ['store'])).toEqual({ values: [], unknown: true });
    expect(lookupTexts(`use({ ...options, secret: 'b' });`, ['secret'])).toEqual({ values: [`'b'`], unknown: false });
  });

  it('marks a nested value that cannot be followed', () => {
    expect(lookupTexts(`use({ cookie: cookieOptions });`, ['cookie', 'secure'])).toEqual({ values: [], unknown: true });
  });

  it('marks an object handed to another function', () => {
    expect(lookupTexts(`const sess = {};\nconfigure(sess);\nuse(sess);`, ['store'])).toEqual({ values: [], unknown: true });
  });

  it('marks a write through a computed key', () => {
    expect(lookupTexts(`const sess = {};\nsess[key] = value;\nuse(sess);`, ['store'])).toEqual({ values: [], unknown: true });
  });

  it('returns undefined for a parameter, an import or a call', () => {
    expect(follow(`function f(options) {\n  use(options);\n}\nuse(options);`).object).toBeUndefined();
    expect(follow(`import options from './options';\nuse(options);`).object).toBeUndefined();
    expect(follow(`use(build());`).object).toBeUndefined();
  });
});
