/**
 * Reads token lifetimes written in source code as seconds: numbers, time spans in the format of the `ms`
 * package that jsonwebtoken uses (`"15m"`, `"7d"`, `"30 days"`), jose's time spans, and `exp` claims
 * computed from the current time (`Math.floor(Date.now() / 1000) + 3600`). Every function returns
 * undefined for a value it cannot compute, such as one read from `process.env` or a config object.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, getKeyName, getStaticValue, skipTypeWrappers } from '../util/ast-values.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The `ms` package and jose both count a year as 365.25 days. */
const YEAR = 365.25 * DAY;

/** Unit names accepted by the `ms` package (version 2), in seconds. */
const MS_UNITS: Readonly<Record<string, number>> = {
  years: YEAR,
  year: YEAR,
  yrs: YEAR,
  yr: YEAR,
  y: YEAR,
  weeks: WEEK,
  week: WEEK,
  w: WEEK,
  days: DAY,
  day: DAY,
  d: DAY,
  hours: HOUR,
  hour: HOUR,
  hrs: HOUR,
  hr: HOUR,
  h: HOUR,
  minutes: MINUTE,
  minute: MINUTE,
  mins: MINUTE,
  min: MINUTE,
  m: MINUTE,
  seconds: SECOND,
  second: SECOND,
  secs: SECOND,
  sec: SECOND,
  s: SECOND,
  milliseconds: SECOND / 1000,
  millisecond: SECOND / 1000,
  msecs: SECOND / 1000,
  msec: SECOND / 1000,
  ms: SECOND / 1000,
};

/**
 * Parses a time span in the format of the `ms` package into seconds: `"2h"`, `"1.5 days"`, `"90s"`.
 * A number without a unit counts as milliseconds, as in jsonwebtoken (`"120"` is 120 ms). Returns
 * undefined for text that `ms` would reject.
 */
export function parseMsDuration(text: string): number | undefined {
  const match = /^(-?(?:\d+)?\.?\d+) *([a-z]+)?$/i.exec(text.trim());
  if (!match || text.length > 100) return undefined;
  const amount = Number.parseFloat(match[1] ?? '');
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor = MS_UNITS[unit];
  return factor === undefined || Number.isNaN(amount) ? undefined : amount * factor;
}

/**
 * Parses a relative time span as jose's `setExpirationTime` and `maxTokenAge` read it into seconds:
 * `"2h"`, `"30 minutes"`, `"+1d"`, `"1 day from now"`. jose requires a unit, so a bare number is rejected.
 */
export function parseJoseDuration(text: string): number | undefined {
  const match = /^(\+|-)? ?(\d+|\d+\.\d+) ?([a-z]+)(?: (ago|from now))?$/i.exec(text.trim());
  if (!match) return undefined;
  const amount = Number.parseFloat(match[2] ?? '');
  const factor = MS_UNITS[(match[3] ?? '').toLowerCase()];
  if (factor === undefined || factor < SECOND) return undefined;
  const isPast = match[1] === '-' || match[4] === 'ago';
  return isPast ? -amount * factor : amount * factor;
}

/** The unit a library reads a numeric lifetime in. */
export type NumberUnit = 'seconds' | 'milliseconds';

/**
 * Returns the lifetime in seconds of an `expiresIn`-style value: a number in `numberUnit`, or a string in
 * the `ms` format. Returns undefined when the value is not known before run time.
 */
export function getDurationSeconds(scopeManager: ScopeManager, node: TSESTree.Node | undefined, numberUnit: NumberUnit = 'seconds'): number | undefined {
  const value = getStaticValue(scopeManager, node);
  if (typeof value === 'number') return numberUnit === 'seconds' ? value : value / 1000;
  if (typeof value === 'string') return parseMsDuration(value);
  return undefined;
}

/**
 * Returns the lifetime in seconds of the argument of jose's `setExpirationTime`: a time span string, or a
 * number or expression that is the current time in seconds plus a constant.
 */
export function getJoseExpirationSeconds(scopeManager: ScopeManager, node: TSESTree.Node | undefined): number | undefined {
  const value = getStaticValue(scopeManager, node);
  if (typeof value === 'string') return parseJoseDuration(value);
  // A number is an absolute NumericDate, meaningful only relative to the current time.
  return node ? getExpClaimSeconds(scopeManager, node) : undefined;
}

/**
 * An expression as `nowCoefficient × Date.now() + constant`, where `Date.now()` is in milliseconds. Only
 * sums, differences and scaling by constants are kept, so the result is exact up to rounding.
 */
interface LinearTime {
  nowCoefficient: number;
  constant: number;
}

const MAX_DEPTH = 8;

/**
 * Returns the lifetime in seconds of an `exp` claim written as the current time in seconds plus a constant:
 * `Math.floor(Date.now() / 1000) + 3600`, `Math.floor((Date.now() + 60 * 60 * 1000) / 1000)`,
 * `now + 900` where `const now = Math.floor(Date.now() / 1000)`. Returns undefined for an absolute
 * time or anything not computable from the source.
 */
export function getExpClaimSeconds(scopeManager: ScopeManager, node: TSESTree.Node): number | undefined {
  const linear = toLinearTime(scopeManager, node, 0);
  if (!linear) return undefined;
  // exp is in seconds, so the expression must be Date.now() / 1000 + lifetime.
  if (Math.abs(linear.nowCoefficient - 1 / 1000) > 1e-12) return undefined;
  return linear.constant;
}

/**
 * Returns true for an `exp` claim written as the current time in milliseconds plus a constant
 * (`Date.now() + 300000`). A verifier reads `exp` as seconds, so such a token expires thousands of years
 * from now. A `Date` object (`new Date(…)`) is left out, because jose's `setExpirationTime` converts it.
 */
export function isMillisecondExpClaim(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  if (skipTypeWrappers(node).type === AST_NODE_TYPES.NewExpression) return false;
  const linear = toLinearTime(scopeManager, node, 0);
  return linear !== undefined && Math.abs(linear.nowCoefficient - 1) < 1e-12;
}

function toLinearTime(scopeManager: ScopeManager, node: TSESTree.Node, depth: number): LinearTime | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  const next = depth + 1;

  if (isCurrentTimeMilliseconds(expression)) return { nowCoefficient: 1, constant: 0 };

  // eslint-utils evaluates `new Date()` to the time of linting, so anything that mentions `Date` is
  // taken apart here instead.
  const value = mentionsDate(expression) ? undefined : getStaticValue(scopeManager, expression);
  if (typeof value === 'number') return { nowCoefficient: 0, constant: value };

  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scopeManager, expression);
      const definition = variable?.defs[0];
      if (variable?.defs.length !== 1 || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const isReassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
      const init = definition.node.init;
      return init && !isReassigned ? toLinearTime(scopeManager, init, next) : undefined;
    }
    case AST_NODE_TYPES.UnaryExpression:
      // `+new Date()` is the current time in milliseconds.
      if (expression.operator === '+') return toLinearTime(scopeManager, expression.argument, next);
      return undefined;
    case AST_NODE_TYPES.BinaryExpression: {
      if (expression.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
      const left = toLinearTime(scopeManager, expression.left, next);
      const right = toLinearTime(scopeManager, expression.right, next);
      if (!left || !right) return undefined;
      return combine(expression.operator, left, right);
    }
    case AST_NODE_TYPES.CallExpression:
      // Math.floor, Math.round, Math.ceil and Math.trunc change the value by less than a second.
      if (isMathRounding(expression) && expression.arguments[0]) return toLinearTime(scopeManager, expression.arguments[0], next);
      return undefined;
    default:
      return undefined;
  }
}

function combine(operator: string, left: LinearTime, right: LinearTime): LinearTime | undefined {
  switch (operator) {
    case '+':
      return { nowCoefficient: left.nowCoefficient + right.nowCoefficient, constant: left.constant + right.constant };
    case '-':
      return { nowCoefficient: left.nowCoefficient - right.nowCoefficient, constant: left.constant - right.constant };
    case '*':
      if (left.nowCoefficient === 0) return { nowCoefficient: right.nowCoefficient * left.constant, constant: right.constant * left.constant };
      if (right.nowCoefficient === 0) return { nowCoefficient: left.nowCoefficient * right.constant, constant: left.constant * right.constant };
      return undefined;
    case '/':
      if (right.nowCoefficient !== 0 || right.constant === 0) return undefined;
      return { nowCoefficient: left.nowCoefficient / right.constant, constant: left.constant / right.constant };
    case '|':
      // `x | 0` truncates like Math.trunc.
      return right.nowCoefficient === 0 && right.constant === 0 ? left : undefined;
    default:
      return undefined;
  }
}

/** Matches `Date.now()`, `new Date().getTime()`, `new Date().valueOf()` and `new Date()` used as a number. */
function isCurrentTimeMilliseconds(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return isGlobalName(node.callee, 'Date') && node.arguments.length === 0;
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return false;
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getKeyName(callee);
  if (method === 'now') return isGlobalName(callee.object, 'Date');
  if (method === 'getTime' || method === 'valueOf') {
    const object = skipTypeWrappers(callee.object);
    return object.type === AST_NODE_TYPES.NewExpression && isGlobalName(object.callee, 'Date') && object.arguments.length === 0;
  }
  return false;
}

function mentionsDate(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'Date';
  for (const [key, child] of Object.entries(node)) {
    if (key === 'parent' || !child || typeof child !== 'object') continue;
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (item && typeof (item as TSESTree.Node).type === 'string' && mentionsDate(item as TSESTree.Node)) return true;
    }
  }
  return false;
}

function isMathRounding(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isGlobalName(callee.object, 'Math')) return false;
  return ['floor', 'round', 'ceil', 'trunc'].includes(getKeyName(callee) ?? '');
}

function isGlobalName(node: TSESTree.Node, name: string): boolean {
  const expression = skipTypeWrappers(node);
  return expression.type === AST_NODE_TYPES.Identifier && expression.name === name;
}

/** Formats a number of seconds for a message: `90 seconds`, `15 minutes`, `24 hours`, `7 days`. */
export function formatSeconds(seconds: number): string {
  const units: [number, string][] = [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const count = seconds / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  const rounded = Math.round(seconds * 1000) / 1000;
  return `${rounded} second${rounded === 1 ? '' : 's'}`;
}
