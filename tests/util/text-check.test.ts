import { describe, expect, it } from 'vitest';

import { quickThenPrecise, rememberLastText } from '../../src/util/text-check.js';

describe('rememberLastText', () => {
  it('runs the check once for the same text in a row', () => {
    const texts: string[] = [];
    const check = rememberLastText((text) => {
      texts.push(text);
      return text.includes('jwt');
    });
    expect(check('a jwt')).toBe(true);
    expect(check('a jwt')).toBe(true);
    expect(check('plain')).toBe(false);
    expect(check('a jwt')).toBe(true);
    expect(texts).toEqual(['a jwt', 'plain', 'a jwt']);
  });
});

describe('quickThenPrecise', () => {
  const check = quickThenPrecise(/Storage/, /localStorage|sessionStorage/);

  it('passes text that both expressions match', () => {
    expect(check('window.localStorage')).toBe(true);
  });

  it('rejects text that only the quick expression matches', () => {
    expect(check('InsufficientStorage')).toBe(false);
  });

  it('rejects text that the quick expression does not match', () => {
    expect(check('const cache = new Map();')).toBe(false);
  });
});
