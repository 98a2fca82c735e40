import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  formatSeconds,
  getDurationSeconds,
  getExpClaimSeconds,
  isMillisecondExpClaim,
  parseJoseDuration,
  parseMsDuration,
} from '../../src/detectors/duration.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `const value = <expression>;` (after any setup lines) and returns the scope manager and the expression. */
function parseValue(expression: string, setup = '') {
  const sourceCode = parseSourceCode(`${setup}\nconst value = ${expression};`, 'file.ts');
  const declaration = sourceCode.ast.body.at(-1) as TSESTree.VariableDeclaration;
  return { scopeManager: sourceCode.scopeManager, node: declaration.declarations[0]?.init as TSESTree.Expression };
}

describe('parseMsDuration', () => {
  it.each([
    ['15m', 900],
    ['7d', 604800],
    ['30 days', 2592000],
    ['1.5h', 5400],
    ['2 weeks', 1209600],
    ['120', 0.12],
    ['90s', 90],
  ])('reads %s', (text, seconds) => {
    expect(parseMsDuration(text)).toBeCloseTo(seconds);
  });

  it('rejects unknown units and text', () => {
    expect(parseMsDuration('5 fortnights')).toBeUndefined();
    expect(parseMsDuration('soon')).toBeUndefined();
  });
});

describe('parseJoseDuration', () => {
  it('reads spans with a unit', () => {
    expect(parseJoseDuration('2h')).toBe(7200);
    expect(parseJoseDuration('30 minutes')).toBe(1800);
    expect(parseJoseDuration('+1d')).toBe(86400);
    expect(parseJoseDuration('1 day from now')).toBe(86400);
  });

  it('rejects a bare number', () => {
    expect(parseJoseDuration('120')).toBeUndefined();
  });
});

describe('getDurationSeconds', () => {
  it('reads numbers in the unit given', () => {
    const { scopeManager, node } = parseValue('60 * 60');
    expect(getDurationSeconds(scopeManager, node)).toBe(3600);
    expect(getDurationSeconds(scopeManager, node, 'milliseconds')).toBe(3.6);
  });

  it('follows constants', () => {
    const { scopeManager, node } = parseValue('TTL', "const TTL = '10m';");
    expect(getDurationSeconds(scopeManager, node)).toBe(600);
  });

  it('leaves values from the environment alone', () => {
    const { scopeManager, node } = parseValue('process.env.JWT_TTL');
    expect(getDurationSeconds(scopeManager, node)).toBeUndefined();
  });
});

describe('isMillisecondExpClaim', () => {
  it.each(['Date.now() + 300000', 'new Date().getTime() + 60 * 1000', 'Date.now()'])('accepts %s', (expression) => {
    const { scopeManager, node } = parseValue(expression);
    expect(isMillisecondExpClaim(scopeManager, node)).toBe(true);
  });

  it.each(['Math.floor(Date.now() / 1000) + 300', 'new Date(Date.now() + 300000)', '1700000000', 'expiry'])('rejects %s', (expression) => {
    const { scopeManager, node } = parseValue(expression);
    expect(isMillisecondExpClaim(scopeManager, node)).toBe(false);
  });
});

describe('getExpClaimSeconds', () => {
  it.each([
    ['Math.floor(Date.now() / 1000) + 3600', 3600],
    ['Math.floor((Date.now() + 15 * 60 * 1000) / 1000)', 900],
    ['((Date.now() / 1000) | 0) + 60', 60],
    ['Math.round(new Date().getTime() / 1000) + 120', 120],
    ['Math.floor(+new Date() / 1000) + 30', 30],
  ])('reads %s', (expression, seconds) => {
    const { scopeManager, node } = parseValue(expression);
    expect(getExpClaimSeconds(scopeManager, node)).toBeCloseTo(seconds);
  });

  it('follows a constant for the current time', () => {
    const { scopeManager, node } = parseValue('now + 300', 'const now = Math.floor(Date.now() / 1000);');
    expect(getExpClaimSeconds(scopeManager, node)).toBe(300);
  });

  it('leaves absolute and millisecond times alone', () => {
    const absolute = parseValue('1700000000');
    expect(getExpClaimSeconds(absolute.scopeManager, absolute.node)).toBeUndefined();
    const milliseconds = parseValue('Date.now() + 3600');
    expect(getExpClaimSeconds(milliseconds.scopeManager, milliseconds.node)).toBeUndefined();
  });
});

describe('formatSeconds', () => {
  it('uses the largest whole unit', () => {
    expect(formatSeconds(86400)).toBe('1 day');
    expect(formatSeconds(300)).toBe('5 minutes');
    expect(formatSeconds(5400)).toBe('90 minutes');
    expect(formatSeconds(45)).toBe('45 seconds');
  });
});
