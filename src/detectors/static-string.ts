/**
 * Decides whether an expression is a string written into the source: a literal, a template without
 * expressions, a same-file constant bound to one, the fallback of `process.env.X || "…"`, the text inside
 * `Buffer.from("…")`, `new TextEncoder().encode("…")` or `crypto.createSecretKey("…")`, and arrays of
 * those. Each finding points at the literal itself, so a report lands on the text to remove.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, getConstantInit, getKeyName, skipTypeWrappers } from '../util/ast-values.js';
import { CALL, CONSTRUCT, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';
import { followObject } from './same-file-value.js';

type SourceCode = TSESLint.SourceCode;

/** A string written into the source that an expression evaluates to. */
export interface HardcodedString {
  /** The literal, expression-free template or concatenation holding the text. */
  readonly node: TSESTree.Expression;
  readonly value: string;
  /**
   * `value` when the expression evaluates to this text whenever that branch runs; `fallback` when the text
   * is only used if another value is missing (`process.env.SECRET || "dev"`).
   */
  readonly role: 'value' | 'fallback';
  /** For a fallback, the expression whose missing value it replaces (`process.env.SECRET`). */
  readonly fallbackFor?: TSESTree.Expression;
}

type WrapperKind = 'buffer-from' | 'text-encoder' | 'create-secret-key';

const GLOBAL_WRAPPERS: TraceMap<WrapperKind> = {
  Buffer: { from: { [CALL]: 'buffer-from' } },
  TextEncoder: { [CONSTRUCT]: 'text-encoder' },
};

const BUFFER_MODULE: TraceMap<WrapperKind> = { Buffer: { from: { [CALL]: 'buffer-from' } } };
const UTIL_MODULE: TraceMap<WrapperKind> = { TextEncoder: { [CONSTRUCT]: 'text-encoder' } };
const CRYPTO_MODULE: TraceMap<WrapperKind> = { createSecretKey: { [CALL]: 'create-secret-key' } };

const MODULE_WRAPPERS: TraceMap<WrapperKind> = {
  buffer: BUFFER_MODULE,
  'node:buffer': BUFFER_MODULE,
  util: UTIL_MODULE,
  'node:util': UTIL_MODULE,
  crypto: CRYPTO_MODULE,
  'node:crypto': CRYPTO_MODULE,
};

/** Calls whose first argument becomes the key bytes, found once per file. */
const wrapperCallsByProgram = new WeakMap<TSESTree.Program, ReadonlySet<TSESTree.CallExpression>>();

/**
 * Returns the calls that turn their first argument into key material unchanged: `Buffer.from(text)`,
 * `new TextEncoder().encode(text)` (also through a constant encoder) and `createSecretKey(text)`.
 */
export function findKeyWrapperCalls(sourceCode: SourceCode): ReadonlySet<TSESTree.CallExpression> {
  const cached = wrapperCallsByProgram.get(sourceCode.ast);
  if (cached) return cached;

  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as TSESLint.Scope.Scope);
  const calls = new Set<TSESTree.CallExpression>();
  const found = [
    ...tracker.iterateGlobalReferences(GLOBAL_WRAPPERS),
    ...tracker.iterateCjsReferences(MODULE_WRAPPERS),
    ...tracker.iterateEsmReferences(MODULE_WRAPPERS),
  ];
  for (const { node, info } of found) {
    if (info === 'text-encoder') {
      for (const call of findEncodeCalls(sourceCode, node as TSESTree.NewExpression)) calls.add(call);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      calls.add(node);
    }
  }
  wrapperCallsByProgram.set(sourceCode.ast, calls);
  return calls;
}

/** Finds `encoder.encode(…)` calls on a `new TextEncoder()`, used directly or through a constant. */
function findEncodeCalls(sourceCode: SourceCode, construction: TSESTree.NewExpression): TSESTree.CallExpression[] {
  const encodeCallOn = (receiver: TSESTree.Node): TSESTree.CallExpression | undefined => {
    const member = receiver.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) return undefined;
    if (getKeyName(member) !== 'encode') return undefined;
    const call = member.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
  };

  const direct = encodeCallOn(construction);
  if (direct) return [direct];

  const declarator = construction.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return [];
  }
  const variable = findVariable(sourceCode.scopeManager, declarator.id);
  if (!variable || getConstantInit(sourceCode.scopeManager, declarator.id) !== construction) return [];
  return variable.references.flatMap((reference) => {
    const call = reference.init ? undefined : encodeCallOn(reference.identifier);
    return call ? [call] : [];
  });
}

/**
 * Returns the hard-coded strings an expression may evaluate to. An empty result means the value does not
 * come from a string in this file (a parameter, an import, a call, an environment variable with no
 * fallback). Empty strings are included; callers decide whether they matter.
 */
export function findHardcodedStrings(sourceCode: SourceCode, expression: TSESTree.Node): HardcodedString[] {
  const found: HardcodedString[] = [];
  collect(sourceCode, expression, 'value', undefined, new Set(), found);
  const unique = new Map<TSESTree.Node, HardcodedString>();
  for (const item of found) {
    if (!unique.has(item.node)) unique.set(item.node, item);
  }
  return [...unique.values()];
}

/** Returns true when an expression evaluates to a string written in this file, in full or as a fallback. */
export function isHardcodedString(sourceCode: SourceCode, expression: TSESTree.Node): boolean {
  return findHardcodedStrings(sourceCode, expression).length > 0;
}

/** Returns the text of a literal or an expression-free template, or undefined for anything else. */
export function getLiteralString(node: TSESTree.Node): string | undefined {
  const unwrapped = skipTypeWrappers(node);
  if (unwrapped.type === AST_NODE_TYPES.Literal && typeof unwrapped.value === 'string') return unwrapped.value;
  if (unwrapped.type === AST_NODE_TYPES.TemplateLiteral && unwrapped.expressions.length === 0) {
    return unwrapped.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

function collect(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
  role: HardcodedString['role'],
  fallbackFor: TSESTree.Expression | undefined,
  seen: Set<TSESTree.Node>,
  found: HardcodedString[],
): void {
  const node = skipTypeWrappers(expression);
  if (seen.has(node)) return;
  seen.add(node);

  const text = getLiteralString(node);
  if (text !== undefined) {
    found.push({ node: node as TSESTree.Expression, value: text, role, ...(fallbackFor ? { fallbackFor } : {}) });
    return;
  }

  switch (node.type) {
    case AST_NODE_TYPES.BinaryExpression: {
      const concatenated = getConcatenatedString(sourceCode, node);
      if (concatenated !== undefined) {
        found.push({ node, value: concatenated, role, ...(fallbackFor ? { fallbackFor } : {}) });
      }
      return;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      if (node.operator === '&&') return;
      // `a || "text"`: the text is used whenever `a` is missing, so it ships as a secret of its own.
      collect(sourceCode, node.left, role, fallbackFor, seen, found);
      collect(sourceCode, node.right, 'fallback', node.left, seen, found);
      return;
    }
    case AST_NODE_TYPES.ConditionalExpression:
      collect(sourceCode, node.consequent, role, fallbackFor, seen, found);
      collect(sourceCode, node.alternate, role, fallbackFor, seen, found);
      return;
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of node.elements) {
        if (!element) continue;
        collect(
          sourceCode,
          element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element,
          role,
          fallbackFor,
          seen,
          found,
        );
      }
      return;
    case AST_NODE_TYPES.Identifier: {
      const init = getConstantInit(sourceCode.scopeManager, node);
      if (init) {
        collect(sourceCode, init, role, fallbackFor, seen, found);
        return;
      }
      // `const { SECRET = "dev" } = process.env`: the default is used whenever the property is missing.
      const destructured = getDestructuredDefault(sourceCode, node);
      if (destructured) collect(sourceCode, destructured.value, 'fallback', destructured.property, seen, found);
      return;
    }
    case AST_NODE_TYPES.MemberExpression: {
      collectFromConstantObject(sourceCode, node, role, fallbackFor, seen, found);
      return;
    }
    case AST_NODE_TYPES.CallExpression: {
      const argument = node.arguments[0];
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement && findKeyWrapperCalls(sourceCode).has(node)) {
        collect(sourceCode, argument, role, fallbackFor, seen, found);
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Returns the default of a binding declared by object destructuring (`const { KEY = "dev" } = source`) and
 * the property it replaces, when the binding is never reassigned.
 */
function getDestructuredDefault(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): { value: TSESTree.Expression; property: TSESTree.Expression } | undefined {
  const variable = findVariable(sourceCode.scopeManager, identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const pattern = definition.name.parent;
  const property = pattern?.parent;
  if (
    pattern?.type !== AST_NODE_TYPES.AssignmentPattern ||
    pattern.left !== definition.name ||
    property?.type !== AST_NODE_TYPES.Property ||
    property.parent !== definition.node.id ||
    property.computed
  ) {
    return undefined;
  }
  const isWritten = variable.references.some((reference) => reference.isWrite() && !reference.init);
  return isWritten ? undefined : { value: pattern.right, property: property.key as TSESTree.Expression };
}

/** Follows `config.jwt.secret` when `config` is an object literal bound to a constant in this file. */
function collectFromConstantObject(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  role: HardcodedString['role'],
  fallbackFor: TSESTree.Expression | undefined,
  seen: Set<TSESTree.Node>,
  found: HardcodedString[],
): void {
  const path: string[] = [];
  let current: TSESTree.Node = member;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const key = getKeyName(current);
    if (key === undefined) return;
    path.unshift(key);
    current = skipTypeWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return;
  const root = followObject(sourceCode, current);
  if (!root) return;
  for (const value of root.lookup(path).values) {
    collect(sourceCode, value.node, role, fallbackFor, seen, found);
  }
}

/**
 * Returns the text of `"a" + "b"` when every operand is a hard-coded string in full. The operands of nested
 * `+` are gathered with a loop rather than by recursion, because generated and minified files chain
 * thousands of them and one stack frame per operand would overflow the stack.
 */
function getConcatenatedString(sourceCode: SourceCode, node: TSESTree.BinaryExpression): string | undefined {
  if (node.operator !== '+') return undefined;
  const parts: string[] = [];
  for (const operand of getConcatenationOperands(node)) {
    const strings = findHardcodedStrings(sourceCode, operand);
    const single = strings.length === 1 ? strings[0] : undefined;
    if (!single || single.role !== 'value') return undefined;
    parts.push(single.value);
  }
  return parts.join('');
}

/** Returns the operands of a chain of `+` in source order, looking through TypeScript wrappers. */
function getConcatenationOperands(node: TSESTree.BinaryExpression): TSESTree.Node[] {
  const operands: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [node];
  while (pending.length > 0) {
    const current = skipTypeWrappers(pending.pop() as TSESTree.Node);
    if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') {
      pending.push(current.right, current.left);
    } else {
      operands.push(current);
    }
  }
  return operands;
}
