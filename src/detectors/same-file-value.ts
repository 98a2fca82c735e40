/**
 * Follows values that are written in the same file: `const` bindings (and `let`/`var` bindings that are
 * never reassigned), object literals, and the property writes made to such an object later on
 * (`sessionConfig.cookie.secure = true`, `Object.assign(sessionConfig, {...})`). Anything that comes from
 * a parameter, an import or a call is reported as unknown, so callers can stay silent about it.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, getConstantInit, getKeyName, skipTypeWrappers } from '../util/ast-values.js';

type SourceCode = TSESLint.SourceCode;
type Variable = TSESLint.Scope.Variable;

/** Returns true when `identifier` is the global of that name: not imported, declared or shadowed in the file. */
export function isGlobalIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode.scopeManager, identifier);
  return variable === undefined || variable.defs.length === 0;
}

/** One expression a property may hold. */
export interface PropertyValue {
  readonly node: TSESTree.Expression;
  /** The `key: value` property of an object literal, absent for an assignment `object.key = value`. */
  readonly property?: TSESTree.Property;
}

/** The values found for one property of a followed object. */
export interface PropertyLookup {
  /** Every expression the property may hold: its value in the literal and each later assignment. */
  readonly values: readonly PropertyValue[];
  /** True when the property may also hold something that cannot be followed (a spread of a parameter, a write through an alias). */
  readonly unknown: boolean;
}

/** An object whose literal and later property writes are all in this file. */
export interface FollowedObject {
  /** The object literal that creates the value. */
  readonly literal: TSESTree.ObjectExpression;
  /** Looks up a property path (`['cookie', 'secure']`) across the literal, spreads and later writes. */
  lookup(path: readonly string[]): PropertyLookup;
}

export interface FollowObjectOptions {
  /**
   * Calls that may receive the object without making it unknown, such as the `session(options)` call
   * being checked. Passing the object to any other call makes every property unknown, because that
   * call could change it.
   */
  readonly isConsumer?: (call: TSESTree.CallExpression | TSESTree.NewExpression) => boolean;
}

interface PropertyWrite {
  readonly path: readonly string[];
  /** `assign` replaces the value at `path`; `merge` copies the properties of `value` into it (`Object.assign`). */
  readonly kind: 'assign' | 'merge';
  /** Undefined when the write cannot be followed (`x.a += 1`). */
  readonly value: TSESTree.Expression | undefined;
  /**
   * True when the write is a statement of the same block as the declaration, so it always runs and
   * replaces what came before it. False inside an `if`, a loop or a function.
   */
  readonly unconditional: boolean;
}

const NOTHING: PropertyLookup = { values: [], unknown: false };
const UNKNOWN: PropertyLookup = { values: [], unknown: true };

/**
 * Follows an expression to the object literal that creates it, through same-file constants, and collects
 * the property writes made to that constant anywhere in the file. Returns undefined when the expression
 * is not an object created in this file.
 */
export function followObject(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
  options: FollowObjectOptions = {},
): FollowedObject | undefined {
  return followObjectGuarded(sourceCode, expression, options, new Set());
}

function followObjectGuarded(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
  options: FollowObjectOptions,
  seen: Set<TSESTree.Node>,
): FollowedObject | undefined {
  const node = skipTypeWrappers(expression);
  if (seen.has(node)) return undefined;
  seen.add(node);

  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return createFollowedObject(sourceCode, node, [], false, options, seen);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;

  const variable = findVariable(sourceCode.scopeManager, node);
  const init = getConstantInit(sourceCode.scopeManager, node);
  if (!variable || !init) return undefined;
  const literal = skipTypeWrappers(init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;

  const { writes, escaped } = collectWrites(sourceCode, variable, options, node);
  return createFollowedObject(sourceCode, literal, writes, escaped, options, seen);
}

function createFollowedObject(
  sourceCode: SourceCode,
  literal: TSESTree.ObjectExpression,
  writes: readonly PropertyWrite[],
  escaped: boolean,
  options: FollowObjectOptions,
  seen: Set<TSESTree.Node>,
): FollowedObject {
  const followNested = (value: TSESTree.Node): FollowedObject | undefined =>
    followObjectGuarded(sourceCode, value, options, new Set(seen));

  return {
    literal,
    lookup(path) {
      let results = [lookupInLiteral(literal, path, followNested)];
      for (const write of writes) {
        const found = lookupInWrite(write, path, followNested);
        const replaces = write.unconditional && !found.unknown && found.values.length > 0;
        results = replaces ? [found] : [...results, found];
      }
      const merged = mergeLookups(results);
      return escaped ? { values: merged.values, unknown: true } : merged;
    },
  };
}

function lookupInLiteral(
  literal: TSESTree.ObjectExpression,
  path: readonly string[],
  followNested: (value: TSESTree.Node) => FollowedObject | undefined,
): PropertyLookup {
  const [head, ...rest] = path;
  if (head === undefined) return NOTHING;

  // A later property or spread replaces an earlier one, so the last source that defines the key wins.
  let current = NOTHING;
  for (const property of literal.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = followNested(property.argument);
      if (!spread) {
        current = { values: current.values, unknown: true };
        continue;
      }
      const found = spread.lookup(path);
      if (found.values.length > 0) current = found;
      else if (found.unknown) current = { values: current.values, unknown: true };
      continue;
    }
    const key = getKeyName(property);
    if (key === undefined) {
      current = { values: current.values, unknown: true };
      continue;
    }
    if (key !== head) continue;
    if (property.kind !== 'init') {
      current = UNKNOWN;
      continue;
    }
    const value = property.value as TSESTree.Expression;
    if (rest.length === 0) {
      current = { values: [{ node: value, property }], unknown: false };
      continue;
    }
    const nested = followNested(value);
    current = nested ? nested.lookup(rest) : UNKNOWN;
  }
  return current;
}

function lookupInWrite(
  write: PropertyWrite,
  path: readonly string[],
  followNested: (value: TSESTree.Node) => FollowedObject | undefined,
): PropertyLookup {
  if (!startsWith(path, write.path)) return NOTHING;
  const rest = path.slice(write.path.length);
  if (write.kind === 'assign' && rest.length === 0) {
    return write.value ? { values: [{ node: write.value }], unknown: false } : UNKNOWN;
  }
  if (write.kind === 'merge' && rest.length === 0) return NOTHING;
  if (!write.value) return UNKNOWN;
  const nested = followNested(write.value);
  return nested ? nested.lookup(rest) : UNKNOWN;
}

function mergeLookups(lookups: readonly PropertyLookup[]): PropertyLookup {
  return {
    values: lookups.flatMap((lookup) => lookup.values),
    unknown: lookups.some((lookup) => lookup.unknown),
  };
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

/** Parents through which reading a property of the object cannot change it. */
const HARMLESS_READ_PARENTS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.SpreadElement,
]);

/**
 * Collects the property writes to a constant object (`config.cookie.secure = true`,
 * `Object.assign(config.cookie, {...})`). `escaped` is true when the object is used in a way that could
 * change it out of sight: passed to a call that is not a consumer, aliased, exported or written through a
 * computed key. The reference `followed`, through which the lookup reached the object as a property value
 * of an enclosing object, does not count.
 */
function collectWrites(
  sourceCode: SourceCode,
  variable: Variable,
  options: FollowObjectOptions,
  followed: TSESTree.Identifier,
): { writes: PropertyWrite[]; escaped: boolean } {
  const writes: PropertyWrite[] = [];
  let escaped = false;
  const declaration = variable.defs[0]?.parent;
  const declarationBlock =
    declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent.parent : declaration?.parent;
  const isUnconditional = (expression: TSESTree.Node): boolean =>
    expression.parent?.type === AST_NODE_TYPES.ExpressionStatement && expression.parent.parent === declarationBlock;

  for (const reference of variable.references) {
    if (reference.init || !reference.isRead()) continue;
    let node: TSESTree.Node = reference.identifier;
    const path: string[] = [];
    let isStaticChain = true;
    while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
      const key = getKeyName(node.parent);
      if (key === undefined) {
        isStaticChain = false;
        break;
      }
      path.push(key);
      node = node.parent;
    }
    while (node.parent && skipTypeWrappers(node.parent) !== node.parent) node = node.parent;
    const parent = node.parent;

    if (!isStaticChain || !parent) {
      escaped = true;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      if (path.length === 0) escaped = true;
      else {
        writes.push({
          path,
          kind: 'assign',
          value: parent.operator === '=' ? parent.right : undefined,
          unconditional: isUnconditional(parent),
        });
      }
      continue;
    }
    const isArgument =
      (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(node as TSESTree.CallExpressionArgument);
    if (isArgument) {
      if (parent.type === AST_NODE_TYPES.CallExpression && isObjectAssignCall(sourceCode, parent) && parent.arguments[0] === node) {
        for (const argument of parent.arguments.slice(1)) {
          writes.push({
            path,
            kind: 'merge',
            value: argument.type === AST_NODE_TYPES.SpreadElement ? undefined : argument,
            unconditional: isUnconditional(parent),
          });
        }
        continue;
      }
      if (path.length === 0 && options.isConsumer?.(parent)) continue;
      escaped = true;
      continue;
    }
    // The property value that led here (`{ cookie: cookieOptions }`) belongs to the object being looked up.
    if (reference.identifier === followed && parent.type === AST_NODE_TYPES.Property && parent.value === node) continue;
    if (path.length > 0 && HARMLESS_READ_PARENTS.has(parent.type)) continue;
    if (path.length === 0 && parent.type === AST_NODE_TYPES.SpreadElement) continue;
    escaped = true;
  }
  return { writes, escaped };
}

/** Returns true for a call of the global `Object.assign`. */
export function isObjectAssignCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getKeyName(callee) === 'assign' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Object' &&
    isGlobalIdentifier(sourceCode, callee.object)
  );
}
