/**
 * Helpers that follow an object through one file: through aliases (`const store = window.localStorage`),
 * class fields (`this.storage`), destructuring and function calls. The storage and cookie detectors use them
 * to find every place where an API object is used.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getMemberName, skipTypeWrappers } from './credential-key.js';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Returns the static name of an object literal or pattern property key (`a`, `'a'`, `['a']`). */
export function getPropertyKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Returns the dotted name of a call's callee (`getToken`, `auth.getAccessToken`, `JSON.stringify`), or undefined. */
export function getCalleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const names: string[] = [];
  let current: TSESTree.Node = skipTypeWrappers(call.callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(current);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = skipTypeWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    names.unshift(current.name);
    return names.join('.');
  }
  if (current.type === AST_NODE_TYPES.ThisExpression && names.length > 0) return names.join('.');
  return undefined;
}

/** Returns true when a call's callee is one of the given dotted names, e.g. `JSON.stringify`. */
export function isCallTo(call: TSESTree.CallExpression, names: readonly string[]): boolean {
  const name = getCalleeName(call);
  return name !== undefined && names.includes(name);
}

/** Returns true when `member` is the callee of a call (`member(...)`). */
export function isCallee(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node;
}

/** Calls `visit` on `root` and every node below it, in source order. */
export function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    visit(node);
    const children: TSESTree.Node[] = [];
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) children.push(item);
      } else if (isNode(child)) {
        children.push(child);
      }
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as TSESTree.Node);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Returns true for the TypeScript wrappers and optional chains that leave a value unchanged. */
export function isTransparentWrapper(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.ChainExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    default:
      return false;
  }
}

/** The class body whose instance `this` refers to, or the function or program that `this` belongs to. */
export function getThisOwner(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.Program) return current;
    if (
      (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) &&
      current.parent.type !== AST_NODE_TYPES.MethodDefinition &&
      current.parent.type !== AST_NODE_TYPES.PropertyDefinition
    ) {
      return current;
    }
    current = current.parent;
  }
  return node;
}

/**
 * Yields every place where the value of `start` ends up being used, following it through `const` and
 * never-reassigned `let` aliases, plain assignments to a variable, and class fields (`this.storage =
 * localStorage`, `storage = localStorage`, read back as `this.storage`). Each yielded node is an
 * expression whose parent shows the use (a member access, a call, a destructuring pattern).
 */
export function* iterateValueUses(start: TSESTree.Node, sourceCode: TSESLint.SourceCode): Generator<TSESTree.Node> {
  const seen = new Set<unknown>();
  const pending: TSESTree.Node[] = [start];
  while (pending.length > 0) {
    let node = pending.pop();
    if (!node || seen.has(node)) continue;
    seen.add(node);

    if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
      // `const { localStorage: store } = window` binds the property value.
      let value: TSESTree.Node = node.value;
      if (value.type === AST_NODE_TYPES.AssignmentPattern) value = value.left;
      if (value.type === AST_NODE_TYPES.Identifier) pending.push(...getReadReferences(value, sourceCode, seen));
      continue;
    }

    while (node.parent && isTransparentWrapper(node.parent, node)) node = node.parent;
    const parent: TSESTree.Node | undefined = node.parent;

    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
      pending.push(...getReadReferences(parent.id, sourceCode, seen));
    } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') {
      if (parent.left.type === AST_NODE_TYPES.Identifier) {
        pending.push(...getReadReferences(parent.left, sourceCode, seen));
      } else if (isThisMember(parent.left)) {
        pending.push(...getThisMemberReads(parent.left, sourceCode));
      } else {
        yield node;
      }
    } else if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.static && !parent.computed) {
      const name = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
      if (name !== undefined) pending.push(...findThisMemberReads(parent.parent, name, sourceCode));
    } else {
      yield node;
    }
  }
}

/** Returns the read references of the variable that `identifier` declares or refers to. */
function getReadReferences(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode, seen: Set<unknown>): TSESTree.Node[] {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || seen.has(variable)) return [];
  seen.add(variable);
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
}

function isThisMember(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed;
}

function getThisMemberReads(member: TSESTree.MemberExpression, sourceCode: TSESLint.SourceCode): TSESTree.Node[] {
  const name = getMemberName(member);
  const owner = getThisOwner(member.object);
  return name === undefined ? [] : findThisMemberReads(owner, name, sourceCode);
}

/** Finds the reads of `this.<name>` inside `owner` (a class body or a function) that refer to that owner's `this`. */
function findThisMemberReads(owner: TSESTree.Node, name: string, sourceCode: TSESLint.SourceCode): TSESTree.Node[] {
  const reads: TSESTree.Node[] = [];
  walk(owner, sourceCode.visitorKeys, (node) => {
    if (!isThisMember(node) || getMemberName(node) !== name || getThisOwner(node.object) !== owner) return;
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return;
    reads.push(node);
  });
  return reads;
}

/**
 * Returns the calls, in the same file, of the function that contains `node`: a function declaration or a
 * function assigned to a variable, called by name, or a class method or field called as `this.method()`.
 */
export function getCallsOfEnclosingFunction(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  return current ? getCallsOfFunction(current, sourceCode) : [];
}

/** Returns the calls of a function in the same file (see `getCallsOfEnclosingFunction`). */
export function getCallsOfFunction(fn: FunctionNode, sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let nameNode: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) nameNode = fn.id;
  if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) nameNode = fn.parent.id;
  if (nameNode) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(nameNode), nameNode);
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
    }
    return calls;
  }

  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition && method.type !== AST_NODE_TYPES.PropertyDefinition) return calls;
  const methodName = getPropertyKeyName(method);
  if (methodName === undefined || method.computed) return calls;
  for (const read of findThisMemberReads(method.parent, methodName, sourceCode)) {
    if (isCallee(read)) calls.push(read.parent as TSESTree.CallExpression);
  }
  return calls;
}
