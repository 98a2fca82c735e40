/**
 * Tells Express route handlers from those of Fastify, Koa, Hono, hapi, Nest and Restify. Handlers of these
 * frameworks can look alike (`async (req, res) => …`). So the decision rests on the modules the file loads
 * and on the object a route is registered on: where it comes from, which methods it has and how the other
 * handlers registered on it behave.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, forEachNode, getKeyName, getRequiredModule, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { getReturnedExpressions, getTypeName, type FunctionNode } from './request-handler.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;
type Variable = TSESLint.Scope.Variable;

/**
 * The framework of a route handler as far as the file shows it. `express` means nothing points to another
 * framework. `other` means something does and nothing ties the handler to express. `mixed` means the file
 * points both ways. `evidence` states the strongest fact as a clause, such as "the route is registered on
 * `router`, which comes from @koa/router".
 */
export type HandlerFramework = { readonly kind: 'express' } | { readonly kind: 'other' | 'mixed'; readonly evidence: string };

interface ModuleFamily {
  readonly framework: string;
  /** Package names of the framework itself. */
  readonly names: readonly string[];
  /** Starts of the names of its subpath exports, plugins and routers. */
  readonly prefixes: readonly string[];
}

const EXPRESS_FAMILY: ModuleFamily = { framework: 'Express', names: ['express'], prefixes: [] };

/** Server frameworks other than Express, with the modules that only their apps load. */
const OTHER_FAMILIES: readonly ModuleFamily[] = [
  { framework: 'Fastify', names: ['fastify'], prefixes: ['fastify/', 'fastify-', '@fastify/'] },
  { framework: 'Koa', names: ['koa'], prefixes: ['koa/', 'koa-', '@koa/'] },
  { framework: 'Hono', names: ['hono'], prefixes: ['hono/', '@hono/'] },
  // Express apps load @hapi/joi, @hapi/boom and other @hapi packages too, so only the server counts.
  { framework: 'hapi', names: ['hapi', '@hapi/hapi'], prefixes: [] },
  { framework: 'Nest', names: [], prefixes: ['@nestjs/'] },
  { framework: 'Restify', names: ['restify'], prefixes: ['restify-'] },
];

/**
 * Returns the server framework a module belongs to: `Express` for express, `Koa` for koa, koa-router and
 * @koa/router, `Fastify` for fastify, fastify-plugin and @fastify/cookie, and so on. Returns undefined for
 * modules of no framework, local modules included.
 */
export function getFrameworkOfModule(name: string): string | undefined {
  for (const family of [EXPRESS_FAMILY, ...OTHER_FAMILIES]) {
    if (family.names.includes(name) || family.prefixes.some((prefix) => name.startsWith(prefix))) return family.framework;
  }
  return undefined;
}

function isOtherFrameworkModule(name: string): boolean {
  const framework = getFrameworkOfModule(name);
  return framework !== undefined && framework !== EXPRESS_FAMILY.framework;
}

const loadedModulesByProgram = new WeakMap<TSESTree.Program, readonly string[]>();

/**
 * Returns the modules the file loads at run time, in source order: every `require("…")` call, `import`
 * (not `import type`), `import x = require()` and `import("…")`. Compiled forms such as
 * `__importDefault(require("fastify"))` count too.
 */
export function getLoadedModules(sourceCode: TSESLint.SourceCode): readonly string[] {
  const cached = loadedModulesByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const modules: string[] = [];
  const addLiteral = (node: TSESTree.Node | undefined): void => {
    if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && !modules.includes(node.value)) modules.push(node.value);
  };
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        if (node.importKind !== 'type') addLiteral(node.source);
        break;
      case AST_NODE_TYPES.ImportExpression:
        addLiteral(node.source);
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        if (node.importKind !== 'type' && node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
          addLiteral(node.moduleReference.expression);
        }
        break;
      case AST_NODE_TYPES.CallExpression:
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require') addLiteral(node.arguments[0]);
        break;
    }
  });
  loadedModulesByProgram.set(sourceCode.ast, modules);
  return modules;
}

/**
 * Returns the first module of another server framework that the file loads when it does not load
 * express, or undefined. Handlers in such a file are not Express handlers, even when their parameters are
 * named `req` and `res`.
 */
export function getOtherFrameworkModule(sourceCode: TSESLint.SourceCode): string | undefined {
  const modules = getLoadedModules(sourceCode);
  if (modules.includes('express')) return undefined;
  return modules.find((name) => isOtherFrameworkModule(name));
}

/** Methods that register a route or middleware, whose function arguments are handlers. */
const REGISTRATION_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route']);

/** Keys of a route object (`fastify.route({ handler })`, hapi's `server.route({ handler })`) that hold a handler. */
const ROUTE_OBJECT_HANDLER_KEYS = new Set(['handler', 'preHandler', 'onRequest', 'preValidation']);

/** Methods that apps and routers of other frameworks have and Express apps and routers do not, with their owners. */
const FRAMEWORK_METHODS: Readonly<Record<string, string>> = {
  register: 'Fastify and hapi servers',
  decorate: 'Fastify and hapi servers',
  inject: 'Fastify and hapi servers',
  decorateRequest: 'Fastify servers',
  decorateReply: 'Fastify servers',
  addHook: 'Fastify servers',
  setErrorHandler: 'Fastify servers',
  setNotFoundHandler: 'Fastify servers',
  addContentTypeParser: 'Fastify servers',
  addSchema: 'Fastify servers',
  withTypeProvider: 'Fastify servers',
  routes: 'koa-router routers',
  allowedMethods: 'koa-router routers',
  basePath: 'Hono apps',
  notFound: 'Hono apps',
  onError: 'Hono apps',
};

/** Names that Koa and Hono code gives the context that carries the request and the response. */
const CONTEXT_NAMES = new Set(['ctx', 'context', 'c']);
const CONTEXT_TYPE_NAMES = new Set(['Context', 'ParameterizedContext', 'RouterContext', 'DefaultContext']);

/** Helpers that tsc and Babel emit around `require()` in CommonJS output. */
const INTEROP_HELPERS = new Set(['__importDefault', '__importStar', '_interopRequireDefault', '_interopRequireWildcard']);

const MAX_DEPTH = 8;

/** The object a route is registered on: `app` in `app.post(…)` and in `app.route("/x").post(…)`. */
interface Receiver {
  readonly name: string;
  readonly identifier: TSESTree.Identifier;
  /** The variable it refers to; undefined for a global the file does not declare. */
  readonly variable?: Variable;
}

const frameworksByHandler = new WeakMap<FunctionNode, HandlerFramework>();

/**
 * Decides whether `fn`, a request handler, belongs to Express or to another framework. Evidence of another
 * framework is, in this order:
 * - the object the route is registered on is a parameter named `fastify` or typed `FastifyInstance`,
 *   `Koa` or `Hono`, or comes from the module of another framework (`new Router()` of @koa/router),
 * - the handler returns its response body (`return { ok: true }`), which Express ignores,
 * - that object has a method Express lacks (`fastify.register(…)`, `router.routes()`) or takes a route object,
 * - a route on that object has an options object between its path and its handler,
 * - another handler on that object takes `reply`, `h` or a context, or returns its response body.
 * Evidence of Express is an object created from express (`express()`, `express.Router()`).
 * Both kinds together make the result `mixed`. So does a file that loads express and another framework,
 * when the handler is not registered on an object created from either.
 */
export function getHandlerFramework(sourceCode: TSESLint.SourceCode, fn: FunctionNode): HandlerFramework {
  let framework = frameworksByHandler.get(fn);
  if (!framework) {
    framework = decideHandlerFramework(sourceCode, fn);
    frameworksByHandler.set(fn, framework);
  }
  return framework;
}

function decideHandlerFramework(sourceCode: TSESLint.SourceCode, fn: FunctionNode): HandlerFramework {
  const scopeManager = sourceCode.scopeManager;
  const receivers = findRegistrationCalls(scopeManager, fn)
    .map((call) => getReceiver(scopeManager, call))
    .filter((receiver): receiver is Receiver => receiver !== undefined);

  const evidence: string[] = [];
  let expressReceiver: string | undefined;
  for (const receiver of receivers) {
    const origin = getReceiverOrigin(scopeManager, receiver);
    if (origin === EXPRESS_FAMILY.framework) expressReceiver ??= receiver.name;
    else if (origin !== undefined) evidence.push(origin);
  }
  if (returnsResponseBody(fn)) {
    evidence.push('the handler returns its response body, as Fastify and Hono handlers do, and Express ignores what a handler returns');
  }
  for (const receiver of receivers) evidence.push(...describeReceiverUses(sourceCode, receiver, fn));

  const [first] = evidence;
  if (first !== undefined) {
    if (expressReceiver === undefined) return { kind: 'other', evidence: first };
    return { kind: 'mixed', evidence: `\`${expressReceiver}\` comes from express, but ${first}` };
  }
  if (expressReceiver !== undefined) return { kind: 'express' };

  const modules = getLoadedModules(sourceCode);
  const other = modules.find((name) => isOtherFrameworkModule(name));
  if (other === undefined) return { kind: 'express' };
  if (!modules.includes('express')) return { kind: 'other', evidence: `the file loads ${other} and not express` };
  return {
    kind: 'mixed',
    evidence: `the file loads both express and ${other}, and the handler is not registered on an app or router that this file creates with express`,
  };
}

/**
 * Finds the calls that register `fn`: the call it is an argument of, directly, in an array or as the
 * handler of a route object, and the calls that receive it by the name it is declared under.
 */
function findRegistrationCalls(scopeManager: ScopeManager, fn: FunctionNode): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const add = (node: TSESTree.Node): void => {
    const call = getRegistrationCall(node);
    if (call) calls.push(call);
  };
  add(fn);
  const name = getDeclaredName(fn);
  for (const reference of name ? (findVariable(scopeManager, name)?.references ?? []) : []) {
    if (reference.identifier !== name) add(reference.identifier);
  }
  return calls;
}

/** Returns the identifier a function is declared under: `function logout() {}` or `const logout = () => {}`. */
function getDeclaredName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

/** Returns the `x.post(…)`-style call that receives `node` as a handler, or undefined. */
function getRegistrationCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let argument: TSESTree.Node = node;
  if (argument.parent?.type === AST_NODE_TYPES.ArrayExpression) argument = argument.parent;
  const property = argument.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.value === argument && ROUTE_OBJECT_HANDLER_KEYS.has(getKeyName(property) ?? '')) {
    argument = property.parent;
  }
  const call = argument.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(argument as TSESTree.CallExpressionArgument)) return undefined;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return REGISTRATION_METHODS.has(getKeyName(callee) ?? '') ? call : undefined;
}

/** Returns the object at the start of the callee chain (`app` in `app.route("/x").post(…)`), when it is a name. */
function getReceiver(scopeManager: ScopeManager, call: TSESTree.CallExpression): Receiver | undefined {
  let object = skipTypeWrappers((skipTypeWrappers(call.callee) as TSESTree.MemberExpression).object);
  while (object.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(object.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    object = skipTypeWrappers(callee.object);
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(scopeManager, object);
  return { name: object.name, identifier: object, ...(variable ? { variable } : {}) };
}

/**
 * Returns `Express` when the receiver was created from express, or a clause with the evidence when it
 * comes from another framework. Returns undefined when the file does not show where it comes from, as for
 * a parameter named `app`, a value imported from `./app` or a global.
 */
function getReceiverOrigin(scopeManager: ScopeManager, receiver: Receiver): string | undefined {
  const definition = receiver.variable?.defs[0];
  const subject = `the route is registered on \`${receiver.name}\``;
  if (definition?.type === 'Parameter') {
    if (receiver.name === 'fastify') return `${subject}, a parameter with the name that Fastify plugins give their instance`;
    const parameter = definition.name as TSESTree.Identifier;
    const typeName = getTypeName(parameter.typeAnnotation) ?? getTypeName(getVariableTypeOfFunction(definition.node));
    if (typeName !== undefined && /^(?:Fastify|Hono$|Koa$)/.test(typeName)) return `${subject}, which is typed ${typeName}`;
    return undefined;
  }
  const module = getCreatingModule(scopeManager, receiver.identifier, 0);
  const framework = module === undefined ? undefined : getFrameworkOfModule(module);
  if (framework === undefined || framework === EXPRESS_FAMILY.framework) return framework;
  return `${subject}, which comes from ${module}`;
}

/** Returns the type annotation of the variable a function is stored in (`const plugin: FastifyPluginAsync = async (fastify) => …`). */
function getVariableTypeOfFunction(node: TSESTree.Node): TSESTree.TSTypeAnnotation | undefined {
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.id.typeAnnotation;
}

/**
 * Returns the module a value is made from: `express` for `express()`, `express.Router()` and
 * `const { Router } = require("express")`, `@koa/router` for `new Router()` after `import Router from
 * "@koa/router"`, `fastify` for `(0, fastify_1.default)()`. Returns undefined when the file does not show it.
 */
function getCreatingModule(scopeManager: ScopeManager, node: TSESTree.Node, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  const required = getRequiredModule(scopeManager, expression);
  if (required !== undefined) return required;
  const next = depth + 1;

  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return getModuleOfBinding(scopeManager, expression, next);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipTypeWrappers(expression.callee);
      const [argument] = expression.arguments;
      if (callee.type === AST_NODE_TYPES.Identifier && INTEROP_HELPERS.has(callee.name) && argument) return getCreatingModule(scopeManager, argument, next);
      return getCreatingModule(scopeManager, callee, next);
    }
    case AST_NODE_TYPES.MemberExpression:
      return getCreatingModule(scopeManager, expression.object, next);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = expression.expressions[expression.expressions.length - 1];
      return last ? getCreatingModule(scopeManager, last, next) : undefined;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return getCreatingModule(scopeManager, expression.argument, next);
    default:
      return undefined;
  }
}

function getModuleOfBinding(scopeManager: ScopeManager, identifier: TSESTree.Identifier, depth: number): string | undefined {
  const variable = findVariable(scopeManager, identifier);
  const definition = variable?.defs[0];
  if (definition?.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration?.type === AST_NODE_TYPES.ImportDeclaration) return declaration.source.value;
    if (declaration?.type === AST_NODE_TYPES.TSImportEqualsDeclaration && declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const source = declaration.moduleReference.expression;
      return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? source.value : undefined;
    }
    return undefined;
  }
  if (definition?.type !== 'Variable') return undefined;
  // `const app = express()`, `const { Router } = require("express")`, where the pattern reads the module,
  // and `let app; app = express();`.
  const values = (variable?.references ?? []).map((reference) => reference.writeExpr).filter((value) => value !== null && value !== undefined);
  for (const value of values) {
    const module = getCreatingModule(scopeManager, value, depth);
    if (module !== undefined) return module;
  }
  return undefined;
}

/**
 * Returns clauses for what the file does with the receiver that Express code does not. That is a call of
 * a method of other frameworks, a route object, a route options object before a handler, or another
 * handler that takes `reply`, `h` or a context, or that returns its response body.
 */
function describeReceiverUses(sourceCode: TSESLint.SourceCode, receiver: Receiver, fn: FunctionNode): string[] {
  const clauses: string[] = [];
  const name = `\`${receiver.name}\``;
  for (const use of findReceiverUses(sourceCode, receiver)) {
    for (const { method, call } of getChainedCalls(use)) {
      const owners = FRAMEWORK_METHODS[method];
      if (owners !== undefined) clauses.push(`${name} has the method ${method}(), as ${owners} do and Express apps and routers do not`);
      if (method === 'route' && call.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression) {
        clauses.push(`${name} takes a route object in \`${receiver.name}.route({ … })\`, as Fastify and hapi servers do and Express apps do not`);
      }
      if (!REGISTRATION_METHODS.has(method)) continue;
      if (hasRouteOptionsObject(call)) {
        clauses.push(`${name} takes an options object between a route's path and its handler, as Fastify servers do and Express apps and routers do not`);
      }
      for (const handler of getHandlerArguments(call)) {
        if (handler === fn) continue;
        const shape = describeOtherHandlerShape(handler);
        if (shape !== undefined) clauses.push(`another handler registered on ${name} ${shape}`);
      }
    }
  }
  return clauses;
}

/** Returns the identifiers that refer to the receiver, its declaration excluded. */
function findReceiverUses(sourceCode: TSESLint.SourceCode, receiver: Receiver): TSESTree.Identifier[] {
  // A global such as `router` in a route file that receives it from elsewhere: every unresolved use of the name.
  const references = receiver.variable?.references ?? sourceCode.scopeManager?.globalScope?.through.filter((reference) => reference.identifier.name === receiver.name) ?? [];
  return references.map((reference) => reference.identifier).filter((identifier): identifier is TSESTree.Identifier => identifier.type === AST_NODE_TYPES.Identifier);
}

/** Returns the method calls chained on `object`: `post` and `get` for `app.post(…).get(…)`. */
function getChainedCalls(object: TSESTree.Node): { method: string; call: TSESTree.CallExpression }[] {
  const calls: { method: string; call: TSESTree.CallExpression }[] = [];
  let current = object;
  for (;;) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return calls;
    const call = member.parent;
    const method = getKeyName(member);
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || method === undefined) return calls;
    calls.push({ method, call });
    current = call;
  }
}

/**
 * True for `app.get("/me", { preHandler: [app.authenticate] }, handler)`: an object literal after the first
 * argument and before another one. Express 5.3 throws "argument handler must be a function" on it.
 */
function hasRouteOptionsObject(call: TSESTree.CallExpression): boolean {
  const last = call.arguments.length - 1;
  return call.arguments.some((argument, index) => index > 0 && index < last && skipTypeWrappers(argument).type === AST_NODE_TYPES.ObjectExpression);
}

/** Returns the functions a registration call passes: as arguments, in an array argument, or in a route object. */
function getHandlerArguments(call: TSESTree.CallExpression): FunctionNode[] {
  const handlers: FunctionNode[] = [];
  for (const argument of call.arguments) {
    if (isFunctionNode(argument)) handlers.push(argument);
    if (argument.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of argument.elements) if (isFunctionNode(element ?? undefined)) handlers.push(element as FunctionNode);
    }
    if (argument.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of argument.properties) {
        if (property.type === AST_NODE_TYPES.Property && ROUTE_OBJECT_HANDLER_KEYS.has(getKeyName(property) ?? '') && isFunctionNode(property.value)) {
          handlers.push(property.value);
        }
      }
    }
  }
  return handlers;
}

/** Returns how a handler shows another framework, as the end of a clause, or undefined when it does not. */
function describeOtherHandlerShape(fn: FunctionNode): string | undefined {
  const [first, second] = fn.params;
  if (first?.type === AST_NODE_TYPES.Identifier && (CONTEXT_NAMES.has(first.name) || CONTEXT_TYPE_NAMES.has(getTypeName(first.typeAnnotation) ?? ''))) {
    return `takes a context (\`${first.name}\`), as Koa and Hono handlers do`;
  }
  if (second?.type === AST_NODE_TYPES.Identifier) {
    if (second.name === 'reply' || second.name === 'rep' || /^Fastify|Reply$/.test(getTypeName(second.typeAnnotation) ?? '')) {
      return `takes a Fastify reply (\`${second.name}\`)`;
    }
    if (second.name === 'h') return 'takes a hapi response toolkit (`h`)';
  }
  if (returnsResponseBody(fn)) return 'returns its response body, as Fastify and Hono handlers do';
  return undefined;
}

/**
 * True when the function returns a response body, which Fastify and Hono send and Express ignores while it
 * waits for `res.send()`. A `return` statement counts when it returns an object, array, string or template
 * literal. An arrow function with an expression body (`async (req) => req.user`) counts when that body is
 * a plain value as well: a name, a member read or any literal. An expression body that reads the response
 * parameter or calls anything (`(req, res) => res.json(user)`) does not count.
 */
function returnsResponseBody(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isPlainValue(fn, fn.body);
  return getReturnedExpressions(fn).some((returned) => {
    const value = skipTypeWrappers(returned);
    return (
      value.type === AST_NODE_TYPES.ObjectExpression ||
      value.type === AST_NODE_TYPES.ArrayExpression ||
      value.type === AST_NODE_TYPES.TemplateLiteral ||
      (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string')
    );
  });
}

/** True when `body`, the expression body of `fn`, is a name, a member read without calls, or a literal. */
function isPlainValue(fn: FunctionNode, body: TSESTree.Expression): boolean {
  let value = skipTypeWrappers(body);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  switch (value.type) {
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.Identifier:
      return value.name !== 'undefined' && !isResponseParameter(fn, value);
    case AST_NODE_TYPES.MemberExpression:
      return isMemberRead(fn, value);
    default:
      return false;
  }
}

/** True for a member read such as `req.user` or `this.cache[key]` that calls nothing and does not start at the response parameter. */
function isMemberRead(fn: FunctionNode, member: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = member;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const property = current.property;
    if (current.computed && property.type !== AST_NODE_TYPES.Literal && property.type !== AST_NODE_TYPES.Identifier) return false;
    current = skipTypeWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.ThisExpression) return true;
  return current.type === AST_NODE_TYPES.Identifier && !isResponseParameter(fn, current);
}

/** True when `identifier` has the name of the second parameter of `fn`, which Express calls `res`. */
function isResponseParameter(fn: FunctionNode, identifier: TSESTree.Identifier): boolean {
  const response = fn.params[1];
  return response?.type === AST_NODE_TYPES.Identifier && response.name === identifier.name;
}

/**
 * Returns the reason the jwt-to-session codemod gives when it marks a handler that belongs, or may belong,
 * to another framework than Express, or undefined for an Express handler.
 */
export function describeFrameworkProblem(framework: HandlerFramework): string | undefined {
  if (framework.kind === 'other') return `${framework.evidence}, so this is not taken for an Express handler, the only kind this codemod migrates`;
  if (framework.kind === 'mixed') return `${framework.evidence}, so the codemod cannot tell whether this is an Express handler. If it is one, migrate it by hand`;
  return undefined;
}

/**
 * True for an Express-style handler whose request parameter is a pattern (`({ body }, res) => ...`). The
 * response must be a plain name that Koa (`next`), Fastify (`reply`) and hapi (`h`) code does not use there.
 */
export function hasDestructuredRequest(fn: FunctionNode): boolean {
  const [request, response] = fn.params;
  if (fn.parent?.type === 'MethodDefinition' || response?.type !== 'Identifier') return false;
  const pattern = request?.type === 'AssignmentPattern' ? request.left : request;
  if (pattern?.type !== 'ObjectPattern' && pattern?.type !== 'ArrayPattern') return false;
  if (['next', 'reply', 'rep', 'h'].includes(response.name)) return false;
  const typeName = getTypeAnnotationName(response);
  return typeName === undefined || !/^Fastify|Reply$/.test(typeName);
}

/** Express handlers take `(req, res)` or `(req, res, next)` as plain identifiers; Koa takes `ctx`, Fastify `reply`. */
export function isExpressHandler(fn: FunctionNode): boolean {
  return fn.parent?.type !== 'MethodDefinition' && hasExpressParameters(fn);
}

/** True when the first two parameters are plain names that are not a Koa context, a Fastify reply or a hapi toolkit. */
export function hasExpressParameters(fn: FunctionNode): boolean {
  const [request, response] = fn.params;
  if (request?.type !== 'Identifier' || response?.type !== 'Identifier') return false;
  if (['ctx', 'context', 'c'].includes(request.name)) return false;
  if (['reply', 'rep', 'h'].includes(response.name)) return false;
  const typeName = getTypeAnnotationName(response);
  return typeName === undefined || !/^Fastify|Reply$/.test(typeName);
}

function getTypeAnnotationName(parameter: TSESTree.Identifier): string | undefined {
  const annotation = parameter.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== 'TSTypeReference') return undefined;
  const name = annotation.typeName;
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'TSQualifiedName') return name.right.name;
  return undefined;
}
