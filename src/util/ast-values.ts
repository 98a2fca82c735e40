import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** Helpers that read literal values, object properties and `const` bindings out of the AST. */

/** Strips the TypeScript wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) around an expression. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** Returns the static name of a property key (`a`, `'a'`, `['a']`), or undefined for computed keys. */
export function getKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MemberExpression): string | undefined {
  if (property.type === AST_NODE_TYPES.MemberExpression) {
    if (!property.computed && property.property.type === AST_NODE_TYPES.Identifier) return property.property.name;
    if (property.computed && property.property.type === AST_NODE_TYPES.Literal && typeof property.property.value === 'string') {
      return property.property.value;
    }
    return undefined;
  }
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/** Finds the last property called `name` in an object literal (a later key wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getKeyName(property) === name) found = property;
  }
  return found;
}

/** Returns the value of property `name` in an object literal, without TypeScript wrappers. */
export function getPropertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  const property = findProperty(object, name);
  if (!property) return undefined;
  if (property.shorthand && property.value.type === AST_NODE_TYPES.Identifier) return property.value;
  return skipTypeWrappers(property.value);
}

/** Returns true when the object literal has a spread element, so properties may come from elsewhere. */
export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
}

/** Finds the variable an identifier refers to, starting from the innermost scope around it. */
export function findVariable(scopeManager: TSESLint.Scope.ScopeManager | null, identifier: TSESTree.Identifier): Variable | undefined {
  const globalScope = scopeManager?.globalScope;
  if (!globalScope) return undefined;
  return ASTUtils.findVariable(globalScope as Scope, identifier) ?? undefined;
}

/**
 * Returns the initial value of a `const` binding (or a `let`/`var` that is never reassigned) that the
 * identifier refers to, or undefined when it is not a plain variable declared with an initialiser.
 */
export function getConstantInit(
  scopeManager: TSESLint.Scope.ScopeManager | null,
  identifier: TSESTree.Identifier,
): TSESTree.Expression | undefined {
  const variable = findVariable(scopeManager, identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0];
  if (!definition || definition.type !== 'Variable') return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  const isWritten = variable.references.some((reference) => reference.isWrite() && reference.identifier !== declarator.id);
  if (isWritten) return undefined;
  return declarator.init;
}

/**
 * Resolves an expression to an object literal: the literal itself, or the initial value of the constant
 * an identifier names (followed through at most four constants).
 */
export function resolveObjectExpression(
  scopeManager: TSESLint.Scope.ScopeManager | null,
  node: TSESTree.Node | undefined,
): TSESTree.ObjectExpression | undefined {
  let current = node && skipTypeWrappers(node);
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.type === AST_NODE_TYPES.ObjectExpression) return current;
    if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = getConstantInit(scopeManager, current);
    current = init && skipTypeWrappers(init);
  }
  return undefined;
}

/**
 * Returns the value of an expression that can be computed without running the program (literals,
 * constants, arithmetic and concatenation on them) when it is a string, number, boolean or null.
 */
export function getStaticValue(
  scopeManager: TSESLint.Scope.ScopeManager | null,
  node: TSESTree.Node | undefined,
): string | number | boolean | null | undefined {
  if (!node) return undefined;
  const initialScope = scopeManager?.globalScope;
  if (!initialScope) return undefined;
  const unwrapped = skipTypeWrappers(node);
  const result = ASTUtils.getStaticValue(unwrapped, initialScope as Scope);
  if (!result) return undefined;
  const value = result.value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return undefined;
}

/** Returns true when `node` is a function expression or arrow function. */
export function isFunctionNode(
  node: TSESTree.Node | undefined,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/**
 * Returns the module name of `require('x')` or `import('x')`, or undefined for any other expression and
 * for a `require` that is a local binding rather than Node's.
 */
export function getRequiredModule(scopeManager: TSESLint.Scope.ScopeManager | null, node: TSESTree.Node): string | undefined {
  const unwrapped = skipTypeWrappers(node);
  if (unwrapped.type === AST_NODE_TYPES.ImportExpression) {
    return unwrapped.source.type === AST_NODE_TYPES.Literal && typeof unwrapped.source.value === 'string'
      ? unwrapped.source.value
      : undefined;
  }
  if (
    unwrapped.type === AST_NODE_TYPES.CallExpression &&
    unwrapped.callee.type === AST_NODE_TYPES.Identifier &&
    unwrapped.callee.name === 'require' &&
    unwrapped.arguments.length === 1 &&
    (findVariable(scopeManager, unwrapped.callee)?.defs.length ?? 0) === 0
  ) {
    const argument = unwrapped.arguments[0];
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  }
  return undefined;
}

/** Calls `visit` on `root` and every node below it, in source order. */
export function forEachNode(
  root: TSESTree.Node,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
  visit: (node: TSESTree.Node) => void,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    const keys = visitorKeys[node.type] ?? [];
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex] ?? ''];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item = child[index] as TSESTree.Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** Returns the name of the method a call invokes (`b` in `a.b()`), or of the function for a plain call. */
export function getCalleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getKeyName(callee);
  return undefined;
}

/**
 * Returns the expression that a statement or an arrow body contains around `node`, climbing through
 * `await x`, `void x`, `x?.()`, `x!` and `x as T`.
 */
export function climbStatementWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      (current.parent.type === AST_NODE_TYPES.UnaryExpression && current.parent.operator === 'void') ||
      current.parent.type === AST_NODE_TYPES.ChainExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression)
  ) {
    current = current.parent;
  }
  return current;
}
