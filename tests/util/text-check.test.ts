import { describe, expect, it } from 'vitest';

import { matchNear, quickThenPrecise, rememberLastText } from '../../src/util/text-check.js';

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

describe('matchNear', () => {
  // The quote is one character before `jwt` or `jos`. The character after the name, which the
  // lookahead reads, is at most four characters after their start.
  const check = matchNear(['jwt', 'jos'], /['"](?:jwt|jose)(?!\w)/, { before: 1, after: 5 });

  it('passes a match around an anchor', () => {
    expect(check(`require('jose');`)).toBe(true);
    expect(check(`import 'jwt'`)).toBe(true);
  });

  it('checks every anchor occurrence', () => {
    expect(check(`${'jwtHeader, '.repeat(20)}require('jwt')`)).toBe(true);
  });

  it('rejects anchors without a match', () => {
    expect(check('const jwtHeader = joseHeader;')).toBe(false);
  });

  it('reads the lookahead character in the window', () => {
    expect(check(`require('joseph')`)).toBe(false);
  });

  it('keeps results after many anchors', () => {
    const decoys = 'jwtHeader; '.repeat(100);
    expect(check(`${decoys}require('jose')`)).toBe(true);
    expect(check(`${decoys}require('joseph')`)).toBe(false);
  });

  it('tests the whole text past 32 anchors', () => {
    // `y` matches away from every anchor, so only a scan of the whole text finds it.
    const distant = matchNear(['x'], /y/, { before: 0, after: 1 });
    expect(distant(`${'x'.repeat(32)} y`)).toBe(false);
    expect(distant(`${'x'.repeat(33)} y`)).toBe(true);
  });

  it('handles anchors at both text ends', () => {
    expect(check(`jwt'`)).toBe(false);
    expect(check(`'jwt`)).toBe(true);
  });
});
