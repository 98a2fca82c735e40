/**
 * A conservative side-effect test on ESLint's AST, for codemods that delete an expression.
 *
 * ```ts
 * hasSideEffects(valueNode);     // false for `data.token`, true for `(await api.post(url)).data.token`
 * collectSideEffects(valueNode); // [`await api.post(url)`]: what to keep as statements once the value goes
 * ```
 *
 * Calls, `new`, `await`, `yield`, assignments, updates, `delete`, tagged templates, dynamic `import()`,
 * classes and JSX count as side effects. Member reads, operators, literals and function expressions do
 * not. A getter, a `valueOf` or an iterator could still run code, but one file cannot show that.
 * A few global functions that only compute a value (`JSON.stringify`, `String`, `encodeURIComponent`,
 * `new Date(…)`…) count as pure, for the same reason. They are matched by name, so a local function
 * called `String` counts as pure too.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

/** Node types that do something when evaluated, whatever their children are. */
const EFFECT_TYPES = new Set<string>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.JSXElement,
  AST_NODE_TYPES.JSXFragment,
]);

/** Global functions, as `object.method` or a bare name, that return a value computed from their arguments. */
const PURE_GLOBAL_CALLS = new Set([
  'JSON.stringify',
  'JSON.parse',
  'String',
  'Number',
  'Boolean',
  'encodeURIComponent',
  'encodeURI',
  'btoa',
  'Date.now',
]);

/** Returns true when evaluating `node` may change state, by the conservative rules of this module. */
export function hasSideEffects(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      // Creating a function runs none of its code.
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === 'delete' || hasSideEffects(node.argument);
    case AST_NODE_TYPES.CallExpression:
      return !isPureGlobalCall(node) || node.arguments.some((argument) => hasSideEffects(argument));
    case AST_NODE_TYPES.NewExpression:
      return !isNewDate(node) || node.arguments.some((argument) => hasSideEffects(argument));
    default:
      if (EFFECT_TYPES.has(node.type)) return true;
      return getChildNodes(node).some((child) => hasSideEffects(child));
  }
}

/**
 * Returns the parts of `node` to keep, in evaluation order, when the value itself is no longer needed:
 * an empty list for a value without side effects, `[call]` for `call().data.token`, `[a++, b()]` for
 * `(a++, b())`. A part that cannot be split further (a call, an `await`, a conditional) is kept whole, so
 * each part can become an expression statement with the same effects.
 */
export function collectSideEffects(node: TSESTree.Node): TSESTree.Expression[] {
  if (!hasSideEffects(node)) return [];
  switch (node.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.ChainExpression:
      return collectSideEffects(node.expression);
    case AST_NODE_TYPES.MemberExpression:
      // `(await load()).token`: the read after the call is dropped with the value.
      return node.computed && hasSideEffects(node.property) ? [node] : collectSideEffects(node.object);
    case AST_NODE_TYPES.SequenceExpression:
      return node.expressions.flatMap((expression) => collectSideEffects(expression));
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.flatMap((expression) => collectSideEffects(expression));
    case AST_NODE_TYPES.BinaryExpression:
      return [...collectSideEffects(node.left), ...collectSideEffects(node.right)];
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === 'delete' ? [node] : collectSideEffects(node.argument);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.flatMap((element) => (element ? collectSideEffects(element) : []));
    case AST_NODE_TYPES.SpreadElement:
      return collectSideEffects(node.argument);
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? collectSideEffects(property.argument)
          : [...(property.computed ? collectSideEffects(property.key) : []), ...collectSideEffects(property.value)],
      );
    case AST_NODE_TYPES.CallExpression:
      // Only a pure global call gets here with side effects, and those are in its arguments.
      return isPureGlobalCall(node) ? node.arguments.flatMap((argument) => collectSideEffects(argument)) : [node];
    default:
      return isExpression(node) ? [node] : [];
  }
}

function isPureGlobalCall(call: TSESTree.CallExpression): boolean {
  if (call.optional) return false;
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return PURE_GLOBAL_CALLS.has(callee.name);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    PURE_GLOBAL_CALLS.has(`${callee.object.name}.${callee.property.name}`)
  );
}

function isNewDate(node: TSESTree.NewExpression): boolean {
  return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date';
}

function isExpression(node: TSESTree.Node): node is TSESTree.Expression {
  return !(
    node.type === AST_NODE_TYPES.Property ||
    node.type === AST_NODE_TYPES.SpreadElement ||
    node.type === AST_NODE_TYPES.PrivateIdentifier ||
    node.type === AST_NODE_TYPES.TemplateElement
  );
}

function getChildNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments' || key === 'typeParameters') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
