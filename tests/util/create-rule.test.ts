import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';

import { createRule, mergeOptions } from '../../src/util/create-rule.js';

describe('mergeOptions', () => {
  const defaults = [{ checkConfigExports: true, nested: { a: 1, b: 2 }, list: ['x'] }] as const;

  it('returns the defaults when nothing is configured', () => {
    expect(mergeOptions(defaults, [])).toBe(defaults);
  });

  it('merges objects and replaces arrays', () => {
    const merged = mergeOptions(defaults, [{ nested: { b: 3 }, list: ['y', 'z'] }]);
    expect(merged).toEqual([{ checkConfigExports: true, nested: { a: 1, b: 3 }, list: ['y', 'z'] }]);
  });

  it('leaves both inputs unchanged', () => {
    const configured = [{ nested: { b: 3 } }];
    mergeOptions(defaults, configured);
    expect(defaults).toEqual([{ checkConfigExports: true, nested: { a: 1, b: 2 }, list: ['x'] }]);
    expect(configured).toEqual([{ nested: { b: 3 } }]);
  });

  it('replaces a default object with a plain value', () => {
    expect(mergeOptions([{ a: 1 }], ['strict'])).toEqual(['strict']);
  });
});

describe('createRule', () => {
  const seen: unknown[] = [];
  const rule = createRule<[{ limit?: number; names?: string[] }], 'found'>({
    name: 'option-probe',
    meta: {
      type: 'problem',
      docs: { description: 'Records its options', recommended: false, family: 'node' },
      messages: { found: 'found' },
      schema: [
        {
          type: 'object',
          properties: { limit: { type: 'number' }, names: { type: 'array', items: { type: 'string' } } },
          additionalProperties: false,
        },
      ],
      defaultOptions: [{ limit: 3, names: ['a'] }],
    },
    defaultOptions: [{ limit: 3, names: ['a'] }],
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });

  const lint = (ruleConfig: unknown): unknown => {
    seen.length = 0;
    new Linter().verify('x;', { plugins: { probe: { rules: { 'option-probe': rule as unknown as Rule.RuleModule } } }, rules: { 'probe/option-probe': ruleConfig as never } });
    return seen[0];
  };

  it('passes the defaults when the rule is enabled without options', () => {
    expect(lint('error')).toEqual([{ limit: 3, names: ['a'] }]);
  });

  it('passes configured options merged over the defaults', () => {
    expect(lint(['error', { names: ['b'] }])).toEqual([{ limit: 3, names: ['b'] }]);
  });

  it('applies options that change between files', () => {
    expect(lint(['error', { limit: 5 }])).toEqual([{ limit: 5, names: ['a'] }]);
    expect(lint(['error', { limit: 6 }])).toEqual([{ limit: 6, names: ['a'] }]);
    expect(lint('error')).toEqual([{ limit: 3, names: ['a'] }]);
  });

  it('builds the documentation URL from the rule name', () => {
    expect(rule.meta.docs?.url).toMatch(/\/docs\/rules\/option-probe\.md$/);
  });
});
