/**
 * Decides which functions handle HTTP requests (Express, Koa, Fastify and Nest handlers and middleware),
 * which expressions are the request and response objects, and which values were read from the request
 * (a header, cookie, query parameter, body field or route parameter).
 *
 * Frameworks pass the request and response as plain parameters, so these decisions rest on how the
 * function is registered (`app.get('/x', fn)`, `@Post()`), on the parameter types of TypeScript code
 * (`Request`, `FastifyReply`) and on the parameter names the frameworks' own documentation uses
 * (`req`, `res`, `request`, `reply`, `ctx`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, getKeyName, getStaticValue, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** The part of the request a value was read from. `request` means a helper received the whole request object. */
export type RequestSourceKind = 'header' | 'cookie' | 'query' | 'body' | 'params' | 'request';

export interface RequestSource {
  kind: RequestSourceKind;
  /** The expression that reads the request: `req.headers['x-access-token']`, `req.cookies.token`, `extractToken(req)`. */
  node: TSESTree.Node;
  /** The header, cookie or parameter name in lower case, when it is written out. */
  name?: string;
}

type ScopeManager = TSESLint.Scope.ScopeManager | null;

const REQUEST_PARAMETER_NAMES = new Set(['req', 'request']);
const RESPONSE_PARAMETER_NAMES = new Set(['res', 'response', 'reply', 'rep', 'h']);
/** Names Koa (and Hono) code gives the context that carries both the request and the response. */
const CONTEXT_PARAMETER_NAMES = new Set(['ctx', 'context', 'c']);
const REQUEST_TYPE_NAMES = new Set(['Request', 'FastifyRequest', 'IncomingMessage', 'NextRequest', 'NextApiRequest']);
const RESPONSE_TYPE_NAMES = new Set(['Response', 'FastifyReply', 'ServerResponse', 'NextApiResponse']);
const CONTEXT_TYPE_NAMES = new Set(['Context', 'ParameterizedContext', 'RouterContext', 'DefaultContext']);
const HANDLER_TYPE_NAMES = new Set(['RequestHandler', 'Handler', 'Middleware', 'RouteHandler', 'RouteHandlerMethod', 'NextFunction']);

/** Methods that register a route or middleware on an Express, Koa, Fastify or router object. */
const ROUTE_REGISTRATION_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'options',
  'head',
  'route',
  'addHook',
]);
/** Keys of a Fastify route object whose value is a handler or hook. */
const ROUTE_OBJECT_HANDLER_KEYS = new Set(['handler', 'preHandler', 'onRequest', 'preValidation']);
const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);

/** Request members that lead to each part of the request, for Express, Koa, Fastify and Node's `IncomingMessage`. */
const REQUEST_PARTS: Readonly<Record<string, RequestSourceKind>> = {
  headers: 'header',
  header: 'header',
  cookies: 'cookie',
  signedCookies: 'cookie',
  query: 'query',
  body: 'body',
  params: 'params',
};
/** Methods that read one header or cookie by name: `req.get('authorization')`, `ctx.cookies.get('token')`. */
const REQUEST_GETTERS: Readonly<Record<string, RequestSourceKind>> = { get: 'header', header: 'header', cookie: 'cookie' };
/**
 * Methods of Hono's request (`c.req`) that read one query or route parameter by name, or all of them when
 * called without one. In Express, Koa and Fastify the query is an object, so a `query` method there
 * belongs to something else, such as a database request.
 */
const HONO_REQUEST_GETTERS: Readonly<Record<string, RequestSourceKind>> = { query: 'query', queries: 'query', param: 'params' };
/** String methods that keep the value derived from the request (`header.split(' ')[1]`). */
const STRING_METHODS = new Set(['split', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'trim', 'toString', 'at', 'pop', 'shift']);

const MAX_DEPTH = 8;

/** Returns the innermost function around `node` (not `node` itself). */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** Returns the innermost function around `node`, `node` included, that handles requests. */
export function getEnclosingRequestHandler(node: TSESTree.Node): FunctionNode | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (isFunctionNode(current) && isRequestHandler(current)) return current;
  }
  return undefined;
}

/**
 * Returns true when the function handles a request: it is registered as a route or middleware, it is a
 * Nest controller route or guard, it is typed as a handler, or its parameters are `(req, res)`,
 * `(request, reply)` or `(ctx, next)`.
 */
export function isRequestHandler(fn: FunctionNode): boolean {
  // Cached, because the route test of a nested callback checks every function around it.
  let handles = requestHandlers.get(fn);
  if (handles === undefined) {
    handles = decideRequestHandler(fn);
    requestHandlers.set(fn, handles);
  }
  return handles;
}

const requestHandlers = new WeakMap<FunctionNode, boolean>();

function decideRequestHandler(fn: FunctionNode): boolean {
  if (isRegisteredAsRoute(fn) || isNestRouteOrGuard(fn) || hasHandlerTypeAnnotation(fn)) return true;
  const [first, second] = fn.params;
  if (!first) return false;
  if (isRequestParameter(first)) return second !== undefined || fn.params.length === 1;
  if (isContextParameter(first)) return second !== undefined && getParameterName(second) === 'next';
  return false;
}

function isRegisteredAsRoute(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.Expression)) {
    return isRouteRegistration(parent);
  }
  // `app.post('/login', [validate, handler])`
  if (parent?.type === AST_NODE_TYPES.ArrayExpression && parent.parent.type === AST_NODE_TYPES.CallExpression) {
    return isRouteRegistration(parent.parent);
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn && ROUTE_OBJECT_HANDLER_KEYS.has(getKeyName(parent) ?? '')) {
    return true;
  }
  return false;
}

function isRouteRegistration(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getKeyName(callee);
  if (method === undefined || !ROUTE_REGISTRATION_METHODS.has(method)) return false;
  if (method === 'use' || method === 'addHook') return true;
  // `map.get(key)` and `headers.get(name)` are not routes: a route has a path or a function argument.
  const [first, second] = call.arguments;
  if (!call.arguments.some((argument) => isFunctionNode(argument)) && !isPathLiteral(first)) return false;
  if (!ROUTE_PATH_METHODS.has(method)) return true;
  // sqlite3's `db.get(sql, params, callback)` and redis's `client.del(key, callback)` take a query or key
  // where a route takes its path. koa-router may put a route name first: `router.get('user', '/users/:id', fn)`.
  if (isKnownNonPath(first) && !isPathLiteral(second)) return false;
  // Routes are registered once at startup, so a call made while a request is handled is some other API.
  return getEnclosingRequestHandler(call) === undefined;
}

/** Route methods whose first argument is the route path. */
const ROUTE_PATH_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);

/** True for a string literal that starts like a route path: `'/login'`, `'*'`. */
function isPathLiteral(node: TSESTree.Node | undefined): boolean {
  const value = node && getLiteralString(node);
  return value !== undefined && (value.startsWith('/') || value.startsWith('*'));
}

/**
 * True when `node` is written out in the call as a value that cannot be a route path: a string or template
 * without expressions that does not start with `/` or `*`, or a number, boolean or null literal. A path held
 * in a variable or built at run time is not known, so it returns false for those.
 */
function isKnownNonPath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal) {
    if ('regex' in expression && expression.regex) return false;
    return typeof expression.value !== 'string' || !isPathLiteral(expression);
  }
  const value = getLiteralString(expression);
  return value !== undefined && !isPathLiteral(expression);
}

/** Returns the text of a string literal or of a template literal without expressions. */
function getLiteralString(node: TSESTree.Node): string | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') return expression.value;
  if (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length === 0) return expression.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function isNestRouteOrGuard(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition) return false;
  // espree, which ESLint uses for plain JavaScript, leaves `decorators` undefined.
  if ((method.decorators ?? []).some((decorator) => NEST_ROUTE_DECORATORS.has(getDecoratorName(decorator) ?? ''))) return true;
  // A guard's `canActivate(context)` and a Nest middleware's `use(req, res, next)` run for every request.
  const name = getKeyName(method as unknown as TSESTree.PropertyDefinition);
  return name === 'canActivate';
}

function hasHandlerTypeAnnotation(fn: FunctionNode): boolean {
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  return HANDLER_TYPE_NAMES.has(getTypeName(declarator.id.typeAnnotation) ?? '');
}

/** Returns the name of a decorator: `Post` for `@Post('login')`, `Controller` for `@Controller`. */
export function getDecoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) return getKeyName(expression);
  return undefined;
}

/** Returns the name of a referenced type (`Request`, `express.Request`), or undefined for any other type. */
export function getTypeName(annotation: TSESTree.TSTypeAnnotation | undefined): string | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}

function getParameterIdentifier(parameter: TSESTree.Parameter): TSESTree.Identifier | undefined {
  if (parameter.type === AST_NODE_TYPES.Identifier) return parameter;
  if (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left.type === AST_NODE_TYPES.Identifier) return parameter.left;
  if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier) {
    return parameter.parameter;
  }
  return undefined;
}

function getParameterName(parameter: TSESTree.Parameter): string | undefined {
  return getParameterIdentifier(parameter)?.name;
}

function getParameterDecorators(identifier: TSESTree.Identifier): TSESTree.Decorator[] {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.TSParameterProperty) return parent.decorators ?? [];
  return identifier.decorators ?? [];
}

function isRequestParameter(parameter: TSESTree.Parameter): boolean {
  const identifier = getParameterIdentifier(parameter);
  if (!identifier) return false;
  if (getParameterDecorators(identifier).some((decorator) => ['Req', 'Request'].includes(getDecoratorName(decorator) ?? ''))) {
    return true;
  }
  return REQUEST_PARAMETER_NAMES.has(identifier.name) || REQUEST_TYPE_NAMES.has(getTypeName(identifier.typeAnnotation) ?? '');
}

function isContextParameter(parameter: TSESTree.Parameter): boolean {
  const identifier = getParameterIdentifier(parameter);
  if (!identifier) return false;
  return CONTEXT_PARAMETER_NAMES.has(identifier.name) || CONTEXT_TYPE_NAMES.has(getTypeName(identifier.typeAnnotation) ?? '');
}

function isResponseParameter(parameter: TSESTree.Parameter): boolean {
  const identifier = getParameterIdentifier(parameter);
  if (!identifier) return false;
  if (getParameterDecorators(identifier).some((decorator) => ['Res', 'Response'].includes(getDecoratorName(decorator) ?? ''))) {
    return true;
  }
  return RESPONSE_PARAMETER_NAMES.has(identifier.name) || RESPONSE_TYPE_NAMES.has(getTypeName(identifier.typeAnnotation) ?? '');
}

/** Finds the parameter that declares `identifier`, with its function and position. */
function getParameterOf(
  scopeManager: ScopeManager,
  identifier: TSESTree.Identifier,
): { fn: FunctionNode; index: number; parameter: TSESTree.Parameter } | undefined {
  const definition = findVariable(scopeManager, identifier)?.defs[0];
  if (definition?.type !== 'Parameter') return undefined;
  const fn = definition.node;
  if (!isFunctionNode(fn)) return undefined;
  const index = fn.params.findIndex((parameter) => getParameterIdentifier(parameter)?.name === identifier.name);
  const parameter = fn.params[index];
  return parameter ? { fn, index, parameter } : undefined;
}

/**
 * Returns how `node` stands for the incoming request: `request` for the request object itself
 * (`req`, `request`, `context.switchToHttp().getRequest()`), `context` for a Koa-style context, or
 * undefined for anything else.
 */
export function getRequestObjectKind(scopeManager: ScopeManager, node: TSESTree.Node, depth = 0): 'request' | 'context' | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const parameter = getParameterOf(scopeManager, expression);
    if (parameter) {
      if (isRequestParameter(parameter.parameter)) return 'request';
      if (isContextParameter(parameter.parameter)) return 'context';
      // The first parameter of a registered route is its request whatever it is called.
      return parameter.index === 0 && isRegisteredAsRoute(parameter.fn) ? 'request' : undefined;
    }
    const init = getVariableInit(scopeManager, expression);
    return init ? getRequestObjectKind(scopeManager, init, depth + 1) : undefined;
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const key = getKeyName(expression);
    if ((key === 'request' || key === 'req') && getRequestObjectKind(scopeManager, expression.object, depth + 1) === 'context') {
      return 'request';
    }
    return undefined;
  }
  if (expression.type === AST_NODE_TYPES.CallExpression && getCalleeMethod(expression) === 'getRequest') return 'request';
  return undefined;
}

/** Returns true when `node` is the response object of a handler (`res`, `reply`, `res.status(401)`). */
export function isResponseObject(scopeManager: ScopeManager, node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const parameter = getParameterOf(scopeManager, expression);
    if (!parameter) return false;
    if (isResponseParameter(parameter.parameter)) return true;
    return parameter.index === 1 && isRequestHandler(parameter.fn) && !isContextParameter(parameter.fn.params[0] as TSESTree.Parameter);
  }
  // Chained setters return the response: `res.status(200).json(...)`, `reply.code(201).send(...)`.
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(expression.callee);
    const method = getCalleeMethod(expression);
    if (callee.type === AST_NODE_TYPES.MemberExpression && method !== undefined && CHAINABLE_RESPONSE_METHODS.has(method)) {
      return isResponseObject(scopeManager, callee.object);
    }
  }
  return false;
}

/** Response methods that return the response itself. */
const CHAINABLE_RESPONSE_METHODS = new Set(['status', 'code', 'type', 'set', 'header', 'cookie', 'setCookie', 'append', 'vary', 'headers']);

/** Returns the method name of `a.b(...)`, or undefined for other calls. */
export function getCalleeMethod(call: TSESTree.CallExpression): string | undefined {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? getKeyName(callee) : undefined;
}

/** Returns the initial value of a variable that is never reassigned, or the single value it is assigned later. */
function getVariableInit(scopeManager: ScopeManager, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = findVariable(scopeManager, identifier);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable') return undefined;
  if (definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) return definition.node.init;
  return undefined;
}

/**
 * Returns where in the request the value of `node` comes from, following variables (`const token =
 * req.headers.authorization`), destructuring (`const { token } = req.cookies`), string methods
 * (`header.split(' ')[1]`), fallbacks (`a || b`) and helpers in the same file that take the request
 * (`extractToken(req)`). Returns undefined when the value does not come from the request.
 */
export function getRequestSource(scopeManager: ScopeManager, node: TSESTree.Node | undefined, depth = 0): RequestSource | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  const next = depth + 1;

  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return getIdentifierSource(scopeManager, expression, next);
    case AST_NODE_TYPES.AwaitExpression:
      return getRequestSource(scopeManager, expression.argument, next);
    case AST_NODE_TYPES.ChainExpression:
      return getRequestSource(scopeManager, expression.expression, next);
    case AST_NODE_TYPES.LogicalExpression:
      if (expression.operator === '&&') return getRequestSource(scopeManager, expression.right, next);
      return getRequestSource(scopeManager, expression.left, next) ?? getRequestSource(scopeManager, expression.right, next);
    case AST_NODE_TYPES.ConditionalExpression:
      return getRequestSource(scopeManager, expression.consequent, next) ?? getRequestSource(scopeManager, expression.alternate, next);
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 1 ? getRequestSource(scopeManager, expression.expressions[0], next) : undefined;
    case AST_NODE_TYPES.MemberExpression:
      return getMemberSource(scopeManager, expression, next);
    case AST_NODE_TYPES.CallExpression:
      return getCallSource(scopeManager, expression, next);
    default:
      return undefined;
  }
}

function getIdentifierSource(scopeManager: ScopeManager, identifier: TSESTree.Identifier, depth: number): RequestSource | undefined {
  const parameter = getParameterOf(scopeManager, identifier);
  if (parameter) return getDecoratedParameterSource(parameter.parameter);

  const variable = findVariable(scopeManager, identifier);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable') return undefined;
  const declarator = definition.node;

  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    const values: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
    // `let token; if (header) token = header.split(' ')[1];`
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (reference.isWrite() && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
        values.push(parent.right);
      }
    }
    for (const value of values) {
      const source = getRequestSource(scopeManager, value, depth);
      if (source) return source;
    }
    return undefined;
  }

  // `const { authorization } = req.headers` or `const [, token] = header.split(' ')`.
  if (!declarator.init) return undefined;
  const source = getRequestSource(scopeManager, declarator.init, depth);
  if (source) return source;
  const objectKind = getRequestObjectKind(scopeManager, declarator.init);
  if (objectKind && declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = getKeyName(property);
      const kind = key === undefined ? undefined : REQUEST_PARTS[key];
      if (kind && patternContains(property.value, identifier.name)) return { kind, node: declarator.init };
    }
  }
  return undefined;
}

function patternContains(pattern: TSESTree.Node, name: string): boolean {
  if (pattern.type === AST_NODE_TYPES.Identifier) return pattern.name === name;
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    return pattern.properties.some((property) =>
      property.type === AST_NODE_TYPES.Property ? patternContains(property.value, name) : patternContains(property.argument, name),
    );
  }
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) return pattern.elements.some((element) => element !== null && patternContains(element, name));
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternContains(pattern.left, name);
  return false;
}

/** Nest's `@Headers('authorization') header`, `@Query('token') token`, `@Body() body`, `@Req() req` parameters. */
function getDecoratedParameterSource(parameter: TSESTree.Parameter): RequestSource | undefined {
  const identifier = getParameterIdentifier(parameter);
  if (!identifier) return undefined;
  for (const decorator of getParameterDecorators(identifier)) {
    const kind = NEST_PARAMETER_DECORATORS[getDecoratorName(decorator) ?? ''];
    if (!kind) continue;
    const argument = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.arguments[0] : undefined;
    const name = argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value.toLowerCase() : undefined;
    return { kind, node: parameter, ...(name === undefined ? {} : { name }) };
  }
  return undefined;
}

const NEST_PARAMETER_DECORATORS: Readonly<Record<string, RequestSourceKind>> = {
  Headers: 'header',
  Query: 'query',
  Body: 'body',
  Param: 'params',
  Cookies: 'cookie',
};

function getMemberSource(scopeManager: ScopeManager, member: TSESTree.MemberExpression, depth: number): RequestSource | undefined {
  const key = getKeyName(member);
  const objectKind = getRequestObjectKind(scopeManager, member.object);
  if (objectKind && key !== undefined && REQUEST_PARTS[key]) {
    // The part itself (`req.cookies`): the name is read later, if at all.
    return { kind: REQUEST_PARTS[key], node: member };
  }

  if (objectKind === 'request') {
    const stored = getStoredPropertySource(scopeManager, member, depth);
    if (stored) return stored;
  }

  const object = skipTypeWrappers(member.object);
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    const partKey = getKeyName(object);
    const partKind = partKey === undefined ? undefined : REQUEST_PARTS[partKey];
    if (partKind && getRequestObjectKind(scopeManager, object.object)) {
      const name = getMemberName(scopeManager, member);
      return { kind: partKind, node: member, ...(name === undefined ? {} : { name: name.toLowerCase() }) };
    }
    // Koa: `ctx.request.headers.authorization`.
  }
  // `header.split(' ')[1]`, `parts[1]`, `req.headers.authorization.length` stays derived from the request.
  return getRequestSource(scopeManager, member.object, depth);
}

/**
 * Returns the source of a value that code stored on the request before `member` reads it, as in
 * `req.token = req.headers.authorization.split(' ')[1]` followed by `jwt.verify(req.token, key)`.
 * The assignment may sit in the same function or in other middleware of the file.
 * NOTE: source order is taken for the order middleware runs, so only assignments that end before
 * `member` starts count, and middleware declared below the code that reads the property is missed.
 */
function getStoredPropertySource(scopeManager: ScopeManager, member: TSESTree.MemberExpression, depth: number): RequestSource | undefined {
  const name = getMemberName(scopeManager, member);
  if (!scopeManager || name === undefined) return undefined;
  for (const assignment of getRequestPropertyAssignments(scopeManager).get(name) ?? []) {
    if (assignment.range[1] > member.range[0]) continue;
    const target = assignment.left as TSESTree.MemberExpression;
    if (getRequestObjectKind(scopeManager, target.object) !== 'request') continue;
    const source = getRequestSource(scopeManager, assignment.right, depth);
    if (source) return source;
  }
  return undefined;
}

const propertyAssignmentsCache = new WeakMap<TSESLint.Scope.ScopeManager, Map<string, TSESTree.AssignmentExpression[]>>();

/**
 * Returns every `=` assignment to a property of a variable (`req.token = ...`, `req['token'] = ...`,
 * `(req as AuthRequest).token = ...`), grouped by property name. The caller checks that the variable
 * is a request.
 */
function getRequestPropertyAssignments(scopeManager: TSESLint.Scope.ScopeManager): Map<string, TSESTree.AssignmentExpression[]> {
  const cached = propertyAssignmentsCache.get(scopeManager);
  if (cached) return cached;

  const assignments = new Map<string, TSESTree.AssignmentExpression[]>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) {
      let object: TSESTree.Node = reference.identifier;
      while (object.parent && isTypeWrapperOf(object.parent, object)) object = object.parent;
      const member = object.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== object) continue;
      const assignment = member.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member || assignment.operator !== '=') continue;
      const name = getMemberName(scopeManager, member);
      if (name === undefined) continue;
      const list = assignments.get(name) ?? [];
      list.push(assignment);
      assignments.set(name, list);
    }
  }
  propertyAssignmentsCache.set(scopeManager, assignments);
  return assignments;
}

function isTypeWrapperOf(wrapper: TSESTree.Node, inner: TSESTree.Node): boolean {
  return (
    (wrapper.type === AST_NODE_TYPES.TSAsExpression ||
      wrapper.type === AST_NODE_TYPES.TSNonNullExpression ||
      wrapper.type === AST_NODE_TYPES.TSTypeAssertion ||
      wrapper.type === AST_NODE_TYPES.TSSatisfiesExpression) &&
    wrapper.expression === inner
  );
}

function getMemberName(scopeManager: ScopeManager, member: TSESTree.MemberExpression): string | undefined {
  const key = getKeyName(member);
  if (key !== undefined) return key;
  const value = member.computed ? getStaticValue(scopeManager, member.property) : undefined;
  return typeof value === 'string' ? value : undefined;
}

function getCallSource(scopeManager: ScopeManager, call: TSESTree.CallExpression, depth: number): RequestSource | undefined {
  const callee = skipTypeWrappers(call.callee);
  const method = getCalleeMethod(call);

  if (callee.type === AST_NODE_TYPES.MemberExpression && method !== undefined) {
    const nameArgument = call.arguments[0];
    const nameValue = nameArgument ? getStaticValue(scopeManager, nameArgument) : undefined;
    const name = typeof nameValue === 'string' ? nameValue.toLowerCase() : undefined;
    const named = name === undefined ? {} : { name };

    // `req.get('authorization')`, `req.header('x-access-token')`, `ctx.get('authorization')`.
    if (REQUEST_GETTERS[method] && getRequestObjectKind(scopeManager, callee.object)) {
      return { kind: REQUEST_GETTERS[method], node: call, ...named };
    }
    // `c.req.query('token')`, `c.req.param('token')`.
    if (HONO_REQUEST_GETTERS[method] && isContextRequest(scopeManager, callee.object)) {
      return { kind: HONO_REQUEST_GETTERS[method], node: call, ...named };
    }
    // `ctx.cookies.get('token')`, `request.headers.get('authorization')` (Fetch API requests).
    if (method === 'get') {
      const part = skipTypeWrappers(callee.object);
      if (part.type === AST_NODE_TYPES.MemberExpression) {
        const partKey = getKeyName(part);
        const partKind = partKey === undefined ? undefined : REQUEST_PARTS[partKey];
        if (partKind && getRequestObjectKind(scopeManager, part.object)) return { kind: partKind, node: call, ...named };
      }
    }
    if (STRING_METHODS.has(method)) return getRequestSource(scopeManager, callee.object, depth);
  }

  // A helper that receives the whole request: `extractToken(req)`, `ExtractJwt.fromAuthHeaderAsBearerToken()(req)`.
  const requestArgument = call.arguments.find((argument) => getRequestObjectKind(scopeManager, argument) !== undefined);
  if (!requestArgument) return undefined;
  const helperSource = getHelperReturnSource(scopeManager, call, depth);
  return helperSource ?? { kind: 'request', node: call };
}

/**
 * Returns true when `node` is the request that a context carries (`c.req`, `ctx.req`), written in place or
 * through a variable (`const req = c.req`).
 */
function isContextRequest(scopeManager: ScopeManager, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getVariableInit(scopeManager, expression);
    return init !== undefined && isContextRequest(scopeManager, init, depth + 1);
  }
  return (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    getKeyName(expression) === 'req' &&
    getRequestObjectKind(scopeManager, expression.object) === 'context'
  );
}

/** Looks into a helper declared in the same file (a function or a method of the same class) to see what it returns. */
function getHelperReturnSource(scopeManager: ScopeManager, call: TSESTree.CallExpression, depth: number): RequestSource | undefined {
  const helper = resolveCalledFunction(scopeManager, call);
  if (!helper) return undefined;
  for (const returned of getReturnedExpressions(helper)) {
    const source = getRequestSource(scopeManager, returned, depth + 1);
    if (source) return source;
  }
  return undefined;
}

/** Resolves the callee of `name(...)` or `this.name(...)` to a function declared in the same file. */
export function resolveCalledFunction(scopeManager: ScopeManager, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(scopeManager, callee)?.defs[0];
    if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
    if (definition?.type === 'Variable' && isFunctionNode(definition.node.init ?? undefined)) return definition.node.init as FunctionNode;
    return undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = getKeyName(callee);
    for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.ClassBody) continue;
      for (const member of current.body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && getKeyName(member as unknown as TSESTree.PropertyDefinition) === name) {
          return member.value as FunctionNode;
        }
        if (member.type === AST_NODE_TYPES.PropertyDefinition && getKeyName(member) === name && isFunctionNode(member.value ?? undefined)) {
          return member.value as FunctionNode;
        }
      }
      return undefined;
    }
  }
  return undefined;
}

/** Returns the expressions a function returns (its expression body, or each `return` argument not inside a nested function). */
export function getReturnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Expression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) returned.push(node.argument);
      return;
    }
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    for (const value of Object.values(node)) {
      if (value === node.parent) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
      } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
        visit(value as TSESTree.Node);
      }
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return returned;
}
