/**
 * Recognising browser HTTP requests (fetch and axios) in ESLint's AST, for codemods that change how a
 * request carries credentials.
 *
 * ```ts
 * const clients = findHttpClients(sourceCode);
 * const request = findRequestForConfig(configObject, clients);   // fetch(url, config), axios.get(url, config)…
 * if (request?.client === 'fetch' && mayLeaveOrigin(request.url, sourceCode)) { ... }
 * ```
 *
 * `fetch` is the global (also through `window.`, `self.`, `globalThis.`) unless a local binding shadows it.
 * axios is every local name bound to the `axios` package (default, namespace or `require`), and an
 * instance is a variable initialised with `<axios>.create(config?)` in the same file. These functions
 * only read the AST: the codemod decides what to change.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The HTTP client bindings of one file. */
export interface HttpClients {
  readonly sourceCode: TSESLint.SourceCode;
  /** Local names bound to the axios package. */
  readonly axiosNames: ReadonlySet<string>;
  /** Variables initialised with `<axios>.create(...)`, by the declaring identifier's variable. */
  readonly axiosInstances: ReadonlyMap<TSESLint.Scope.Variable, TSESTree.CallExpression>;
}

/** The axios object a request or setting goes through: the package itself or an instance. */
export type AxiosTarget =
  | { readonly kind: 'axios'; readonly node: TSESTree.Node }
  | { readonly kind: 'instance'; readonly node: TSESTree.Node; readonly createCall?: TSESTree.CallExpression };

/** A request whose options object is known. */
export type HttpRequest =
  | {
      readonly client: 'fetch';
      readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
      readonly url: TSESTree.Node | undefined;
      readonly config: TSESTree.ObjectExpression;
    }
  | {
      readonly client: 'axios';
      readonly call: TSESTree.CallExpression;
      readonly target: AxiosTarget;
      readonly config: TSESTree.ObjectExpression;
    }
  | {
      readonly client: 'axios-create';
      readonly call: TSESTree.CallExpression;
      readonly config: TSESTree.ObjectExpression;
    };

/** axios methods and the index of their config argument. */
const AXIOS_CONFIG_INDEX: Readonly<Record<string, number>> = {
  request: 0,
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  postForm: 2,
  putForm: 2,
  patchForm: 2,
};

const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis']);

/** Finds the axios bindings and instances of a file. */
export function findHttpClients(sourceCode: TSESLint.SourceCode): HttpClients {
  const axiosNames = new Set<string>();
  const program = sourceCode.ast;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === 'axios') {
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) axiosNames.add(specifier.local.name);
      }
    }
  }
  const instances = new Map<TSESLint.Scope.Variable, TSESTree.CallExpression>();
  const declarators: TSESTree.VariableDeclarator[] = [];
  collectDeclarators(program, sourceCode, declarators);
  for (const declarator of declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
    const init = skipWrappers(declarator.init);
    if (isRequireOf(init, 'axios')) axiosNames.add(declarator.id.name);
  }
  const clients = { sourceCode, axiosNames, axiosInstances: instances };
  for (const declarator of declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
    const init = skipWrappers(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (getMemberName(init.callee) !== 'create' || !isAxiosPackage(init.callee.object, clients)) continue;
    const variable = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id);
    if (variable) instances.set(variable, init);
  }
  return clients;
}

/** Returns what an expression is in axios terms: the package, an instance from the file, or neither. */
export function getAxiosTarget(node: TSESTree.Node, clients: HttpClients): AxiosTarget | undefined {
  const target = skipWrappers(node);
  if (isAxiosPackage(target, clients)) return { kind: 'axios', node: target };
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(clients.sourceCode.getScope(target), target);
  const createCall = variable ? clients.axiosInstances.get(variable) : undefined;
  return createCall ? { kind: 'instance', node: target, createCall } : undefined;
}

/** Returns true for a call of the global `fetch` that no local binding shadows. */
export function isFetchCall(node: TSESTree.Node, clients: HttpClients): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'fetch' && isGlobal(callee, clients.sourceCode);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(callee) === 'fetch' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    GLOBAL_OBJECTS.has(callee.object.name) &&
    isGlobal(callee.object, clients.sourceCode)
  );
}

/**
 * Returns the request that an object literal configures: the `init` of `fetch(url, init)` or
 * `new Request(url, init)`, the config of an axios call (`axios(config)`, `axios.get(url, config)`,
 * `api.post(url, data, config)`), or the defaults of `axios.create(config)`.
 */
export function findRequestForConfig(config: TSESTree.ObjectExpression, clients: HttpClients): HttpRequest | undefined {
  const argument = climbTypeWrappers(config);
  const parent = argument.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) {
    const index = parent.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    return findRequestForArgument(parent, index, config, clients);
  }
  return undefined;
}

/** Returns the request that receives `config` as the argument at `index` of `call`. */
export function findRequestForArgument(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  config: TSESTree.ObjectExpression,
  clients: HttpClients,
): HttpRequest | undefined {
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Request' && index === 1 && isGlobal(callee, clients.sourceCode)) {
      return { client: 'fetch', call, url: call.arguments[0], config };
    }
    return undefined;
  }
  if (isFetchCall(call, clients)) {
    return index === 1 ? { client: 'fetch', call, url: call.arguments[0], config } : undefined;
  }

  const callee = skipWrappers(call.callee);
  const direct = getAxiosTarget(callee, clients);
  if (direct) return index === 0 ? { client: 'axios', call, target: direct, config } : undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = getMemberName(callee);
  const target = getAxiosTarget(callee.object, clients);
  if (!target || method === undefined) return undefined;
  if (method === 'create' && target.kind === 'axios') return index === 0 ? { client: 'axios-create', call, config } : undefined;
  return AXIOS_CONFIG_INDEX[method] === index ? { client: 'axios', call, target, config } : undefined;
}

/** A fetch or axios call, whether or not its options object is given. */
export type RequestCall =
  | { readonly client: 'fetch'; readonly call: TSESTree.CallExpression; readonly url: TSESTree.Node | undefined; readonly configIndex: number }
  | { readonly client: 'axios'; readonly call: TSESTree.CallExpression; readonly target: AxiosTarget; readonly configIndex: number };

/**
 * Returns the request that a call sends, with the index of the argument that is (or would be) its options:
 * `fetch(url, init)`, `axios(config)`, `axios(url, config)`, `axios.post(url, data, config)` and the same
 * methods of an instance from the file. Returns undefined for any other call.
 */
export function findRequestCall(node: TSESTree.Node, clients: HttpClients): RequestCall | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (isFetchCall(node, clients)) return { client: 'fetch', call: node, url: node.arguments[0], configIndex: 1 };

  const callee = skipWrappers(node.callee);
  const direct = getAxiosTarget(callee, clients);
  if (direct) {
    const first = node.arguments[0];
    const configIndex = first === undefined || skipWrappers(first).type === AST_NODE_TYPES.ObjectExpression ? 0 : 1;
    return { client: 'axios', call: node, target: direct, configIndex };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = getMemberName(callee);
  const target = getAxiosTarget(callee.object, clients);
  const configIndex = method !== undefined && Object.hasOwn(AXIOS_CONFIG_INDEX, method) ? AXIOS_CONFIG_INDEX[method] : undefined;
  if (!target || configIndex === undefined) return undefined;
  return { client: 'axios', call: node, target, configIndex };
}

/**
 * Returns true when a request URL may point outside the page's origin: an absolute or protocol-relative
 * URL, or a URL built from a variable, a parameter or configuration. A relative URL written in the code
 * (`'/api/items'`, `` `/api/items/${id}` ``, `'/api/' + id`), also through a `const` in the same file,
 * stays on the page's origin.
 */
export function mayLeaveOrigin(url: TSESTree.Node | undefined, sourceCode: TSESLint.SourceCode, depth = 0): boolean {
  if (!url || depth > 5) return true;
  const node = skipWrappers(url);
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return !isRelativeUrl(node.value);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = node.quasis[0]?.value.cooked ?? '';
    if (head === '' && node.expressions[0]) return mayLeaveOrigin(node.expressions[0], sourceCode, depth + 1);
    return !isRelativeUrl(head);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    return mayLeaveOrigin(node.left, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const definition = variable?.defs[0];
    if (
      variable?.defs.length === 1 &&
      definition?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      definition.node.id.type === AST_NODE_TYPES.Identifier &&
      definition.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
      definition.parent.kind === 'const' &&
      definition.node.init
    ) {
      return mayLeaveOrigin(definition.node.init, sourceCode, depth + 1);
    }
  }
  return true;
}

/** Returns the value of a static property key (`a`, `'a'`, `['a']`) or member name (`x.a`, `x['a']`). */
export function getStaticKey(node: TSESTree.Property | TSESTree.MemberExpression): string | undefined {
  const key = node.type === AST_NODE_TYPES.Property ? node.key : node.property;
  if (!node.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Returns the property of an object literal with a static key, or undefined. */
export function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === key) return property;
  }
  return undefined;
}

/** Skips the wrappers that leave a value unchanged: `as`, `!`, `satisfies`, `<T>x` and optional chains. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** Climbs from a value to the outermost TypeScript wrapper around it: `{ ... } as RequestInit`, `x!`, `<T>x`. */
export function climbTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    current = current.parent;
  }
  return current;
}

function isRelativeUrl(url: string): boolean {
  return !/^[a-z][a-z\d+.-]*:/i.test(url) && !url.startsWith('//');
}

function getMemberName(member: TSESTree.MemberExpression): string | undefined {
  return getStaticKey(member);
}

function isAxiosPackage(node: TSESTree.Node, clients: HttpClients): boolean {
  const target = skipWrappers(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (!clients.axiosNames.has(target.name)) return false;
    const variable = ASTUtils.findVariable(clients.sourceCode.getScope(target), target);
    return variable?.scope.type === 'module' || variable?.scope.type === 'global';
  }
  // `axios.default` is what some bundlers and CommonJS interop expose.
  return (
    target.type === AST_NODE_TYPES.MemberExpression && getMemberName(target) === 'default' && isAxiosPackage(target.object, clients)
  );
}

function isRequireOf(node: TSESTree.Node, module: string): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression && getMemberName(node) === 'default') return isRequireOf(node.object, module);
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    node.arguments[0].value === module
  );
}

function isGlobal(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return !variable || variable.defs.length === 0;
}

function collectDeclarators(root: TSESTree.Node, sourceCode: TSESLint.SourceCode, found: TSESTree.VariableDeclarator[]): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (node.type === AST_NODE_TYPES.VariableDeclarator) found.push(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) stack.push(item);
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
