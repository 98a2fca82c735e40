import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

import { REPOSITORY_URL } from '../meta.js';

/** Extra `meta.docs` fields that the configs are built from. */
export interface SessionsRuleDocs {
  /** The rule is silent on ordinary code and belongs in `recommended`. */
  recommended: boolean;
  /** Which config family the rule belongs to: front-end code or server code. */
  family: 'browser' | 'node';
  /** The rule uses type information when the project provides it, and works without it. */
  requiresTypeChecking?: boolean;
}

const createDocumentedRule = ESLintUtils.RuleCreator<SessionsRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

/**
 * Creates a rule as typescript-eslint's `RuleCreator` does (docs URL, typed options and messages), with a
 * cheaper way to apply the default options. `RuleCreator` copies the defaults with `structuredClone` each
 * time the rule is created, which is once per file and rule. Over a few thousand files, that copy cost more
 * than the rules' own text checks. Here the configured options are merged over the defaults into new
 * objects only when they differ from those of the previous file, and the defaults themselves are passed
 * when nothing is configured. Rules never modify options. They take the options list as it is and read
 * its first entry after their text check, so the files the check skips do not pay for destructuring it.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, SessionsRuleDocs>>,
): ReturnType<typeof createDocumentedRule<Options, MessageIds>> {
  const documented = createDocumentedRule(rule);
  const defaults = rule.meta.defaultOptions ?? rule.defaultOptions ?? ([] as unknown as Options);
  // ESLint builds a new options array for every file, mostly with equal content, so the last merge is
  // kept and reused while the content stays the same.
  let lastConfigured: readonly unknown[] = [];
  let lastMerged = defaults;
  return {
    ...documented,
    create(context) {
      if (!isEqualValue(context.options, lastConfigured)) {
        lastConfigured = context.options;
        lastMerged = mergeOptions(defaults, context.options);
      }
      return rule.create(context, lastMerged);
    },
  };
}

/** Applies configured options over the defaults: objects merge key by key, anything else replaces. */
export function mergeOptions<Options extends readonly unknown[]>(defaults: Options, configured: readonly unknown[]): Options {
  if (configured.length === 0) return defaults;
  const length = Math.max(defaults.length, configured.length);
  const merged: unknown[] = [];
  for (let index = 0; index < length; index++) merged.push(mergeValue(defaults[index], configured[index]));
  return merged as unknown as Options;
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) result[key] = mergeValue(base[key], override[key]);
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compares option values by content: plain values, arrays and plain objects. This runs once per file and
 * rule, so it uses plain loops. For a rule left at its defaults, ESLint passes a new array with the same
 * objects as for the last file, and the first loop settles that by identity.
 */
function isEqualValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
      if (a[index] !== b[index] && !isEqualValue(a[index], b[index])) return false;
    }
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !isEqualValue(a[key], b[key])) return false;
  }
  return true;
}
