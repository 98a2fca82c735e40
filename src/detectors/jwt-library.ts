/**
 * Finds the calls of JWT libraries in a file: signing, verification and decoding with jsonwebtoken, jose,
 * jwt-decode, @nestjs/jwt, @fastify/jwt and Hono's JWT helpers, and the middleware, strategies and module
 * configurations of express-jwt, koa-jwt, passport-jwt, @nestjs/jwt, @fastify/jwt, `hono/jwt` and
 * `hono/jwk`. APIs are recognised by the module they are imported or required from, so a local function
 * that merely shares a name is never a JWT call.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  findVariable,
  forEachNode,
  getKeyName,
  getPropertyValue,
  getRequiredModule,
  isFunctionNode,
  resolveObjectExpression,
  skipTypeWrappers,
} from '../util/ast-values.js';
import { CALL, CONSTRUCT, createReferenceTracker, type TraceMap } from '../util/reference-tracker.js';

export type JwtLibrary =
  | 'jsonwebtoken'
  | 'jose'
  | 'express-jwt'
  | 'passport-jwt'
  | '@nestjs/jwt'
  | 'koa-jwt'
  | '@fastify/jwt'
  | 'jwt-decode'
  /** Hono's JWT helpers and middleware, from `hono/jwt` or `hono/utils/jwt/jwt`, or as members of `Jwt` from `hono/utils/jwt`. */
  | 'hono/jwt'
  /** Hono's `jwk()` middleware, which verifies tokens against a JSON Web Key Set. */
  | 'hono/jwk';

export type JwtOperation = 'sign' | 'verify' | 'decode' | 'middleware' | 'strategy' | 'module-config' | 'plugin-register';

export interface JwtCall {
  library: JwtLibrary;
  operation: JwtOperation;
  /**
   * The call that performs the operation. For jose's `SignJWT` builder it is the final `.sign(key)` call
   * (or the `new SignJWT(...)` expression when no `.sign` call is found).
   */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The API's own name as the library exports it: `sign`, `signAsync`, `jwtVerify`, `SignJWT`, `expressjwt`, `jwtSign`, `register` … */
  method: string;
  /** The expression giving the signing or verification key, when there is one. */
  secretNode?: TSESTree.Node;
  /** The options object literal (sign/verify options, middleware options, strategy options, module options). */
  optionsNode?: TSESTree.ObjectExpression;
  /** The claims passed to a sign operation. */
  payloadNode?: TSESTree.Node;
  /** The token passed to verify/decode; for express-jwt and koa-jwt the `getToken` option, for passport-jwt `jwtFromRequest`. */
  tokenNode?: TSESTree.Node;
  /** The callback that receives the result: jsonwebtoken's last argument, or passport-jwt's verify function. */
  callbackNode?: TSESTree.Node;
  /** jose's `new SignJWT(payload)` expression. */
  constructNode?: TSESTree.NewExpression;
  /** The builder calls made on a jose `SignJWT` before `.sign`: `setProtectedHeader`, `setExpirationTime` … */
  builderCalls?: TSESTree.CallExpression[];
  /** Sign options every later sign call inherits: `signOptions` of `JwtModule.register`, `sign` of `@fastify/jwt`. */
  signDefaultsNode?: TSESTree.ObjectExpression;
  /**
   * Verify options every later verify call inherits (`verifyOptions`, `verify`), or those a middleware or
   * strategy verifies with (passport-jwt's `jsonWebTokenOptions`, the `verification` of Hono's `jwt()`).
   */
  verifyDefaultsNode?: TSESTree.ObjectExpression;
  /**
   * True for a verification against a JSON Web Key Set rather than one key (Hono's `verifyWithJwks` and
   * `jwk()`). Such a set is the form in which identity providers publish their keys.
   */
  verifiesWithKeySet?: true;
}

interface TraceInfo {
  library: JwtLibrary;
  operation: JwtOperation;
  method: string;
}

const info = (library: JwtLibrary, operation: JwtOperation, method: string): TraceInfo => ({ library, operation, method });

const JSONWEBTOKEN: TraceMap<TraceInfo> = {
  sign: { [CALL]: info('jsonwebtoken', 'sign', 'sign') },
  verify: { [CALL]: info('jsonwebtoken', 'verify', 'verify') },
  decode: { [CALL]: info('jsonwebtoken', 'decode', 'decode') },
};

const JOSE: TraceMap<TraceInfo> = {
  SignJWT: { [CONSTRUCT]: info('jose', 'sign', 'SignJWT') },
  jwtVerify: { [CALL]: info('jose', 'verify', 'jwtVerify') },
  decodeJwt: { [CALL]: info('jose', 'decode', 'decodeJwt') },
};

const EXPRESS_JWT: TraceMap<TraceInfo> = {
  // express-jwt up to version 6 exported the middleware factory itself; version 7 and later export `expressjwt`.
  [CALL]: info('express-jwt', 'middleware', 'expressJwt'),
  expressjwt: { [CALL]: info('express-jwt', 'middleware', 'expressjwt') },
};

const JWT_DECODE: TraceMap<TraceInfo> = {
  // jwt-decode up to version 3 exported the function itself (and as `default`); version 4 exports `jwtDecode`.
  [CALL]: info('jwt-decode', 'decode', 'jwtDecode'),
  default: { [CALL]: info('jwt-decode', 'decode', 'jwtDecode') },
  jwtDecode: { [CALL]: info('jwt-decode', 'decode', 'jwtDecode') },
};

/**
 * Hono's JWT helpers, which `hono/jwt` and `hono/utils/jwt/jwt` export by name and `hono/utils/jwt` as
 * members of its `Jwt` object. Hono maps `hono/utils/*` to its `dist/utils/*.js` files (checked with hono
 * 4.13), so `hono/utils/jwt/jwt` is the module the other two re-export the helpers from. `verifyWithJwks`
 * exists from hono 4.9 on.
 */
const HONO_JWT_HELPERS: TraceMap<TraceInfo> = {
  sign: { [CALL]: info('hono/jwt', 'sign', 'sign') },
  verify: { [CALL]: info('hono/jwt', 'verify', 'verify') },
  decode: { [CALL]: info('hono/jwt', 'decode', 'decode') },
  verifyWithJwks: { [CALL]: info('hono/jwt', 'verify', 'verifyWithJwks') },
};

/** The helpers of the `hono/utils/jwt` modules, where hono 4.7 and 4.8 exported `verifyWithJwks` as `verifyFromJwks`. */
const HONO_JWT_UTILS: TraceMap<TraceInfo> = {
  ...HONO_JWT_HELPERS,
  verifyFromJwks: { [CALL]: info('hono/jwt', 'verify', 'verifyFromJwks') },
};

/** The methods of Hono's key set verification under both of its names. */
const HONO_KEY_SET_METHODS = new Set(['verifyWithJwks', 'verifyFromJwks']);

/** Module ids (including the subpaths older versions exported) mapped to what each exports. */
const TRACE_MAP: TraceMap<TraceInfo> = {
  jsonwebtoken: JSONWEBTOKEN,
  jose: JOSE,
  'jose/jwt/sign': { SignJWT: JOSE.SignJWT ?? {} },
  'jose/jwt/verify': { jwtVerify: JOSE.jwtVerify ?? {} },
  'jose/jwt/decode': { decodeJwt: JOSE.decodeJwt ?? {} },
  'jose/util/decode_jwt': { decodeJwt: JOSE.decodeJwt ?? {} },
  'express-jwt': EXPRESS_JWT,
  'koa-jwt': { [CALL]: info('koa-jwt', 'middleware', 'koaJwt') },
  'passport-jwt': { Strategy: { [CONSTRUCT]: info('passport-jwt', 'strategy', 'Strategy') } },
  'jwt-decode': JWT_DECODE,
  '@nestjs/jwt': {
    JwtModule: {
      register: { [CALL]: info('@nestjs/jwt', 'module-config', 'register') },
      registerAsync: { [CALL]: info('@nestjs/jwt', 'module-config', 'registerAsync') },
    },
  },
  'hono/jwt': { ...HONO_JWT_HELPERS, jwt: { [CALL]: info('hono/jwt', 'middleware', 'jwt') } },
  'hono/utils/jwt': { Jwt: HONO_JWT_UTILS },
  'hono/utils/jwt/jwt': HONO_JWT_UTILS,
  // hono/jwk exists from hono 4.7 on and exports only the middleware.
  'hono/jwk': { jwk: { [CALL]: info('hono/jwk', 'middleware', 'jwk') } },
};

/** The names @fastify/jwt was published under. */
const FASTIFY_JWT_MODULES = new Set(['@fastify/jwt', 'fastify-jwt']);
const NEST_JWT_MODULE = '@nestjs/jwt';

const NEST_SERVICE_METHODS: Readonly<Record<string, JwtOperation>> = {
  sign: 'sign',
  signAsync: 'sign',
  verify: 'verify',
  verifyAsync: 'verify',
  decode: 'decode',
};
/** Methods of the `jwt` namespace @fastify/jwt decorates the instance with (`fastify.jwt.sign`). */
const FASTIFY_INSTANCE_METHODS: Readonly<Record<string, JwtOperation>> = { sign: 'sign', verify: 'verify', decode: 'decode' };
/** Methods @fastify/jwt decorates replies and requests with. */
const FASTIFY_DECORATOR_METHODS: Readonly<Record<string, JwtOperation>> = {
  jwtSign: 'sign',
  jwtVerify: 'verify',
  jwtDecode: 'decode',
};

const cache = new WeakMap<TSESTree.Program, readonly JwtCall[]>();

/** Returns every JWT library call in the file, in source order. The result is cached per AST and must not be modified. */
export function findJwtCalls(sourceCode: TSESLint.SourceCode): JwtCall[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached as JwtCall[];

  const calls = new Map<TSESTree.Node, JwtCall>();
  const add = (call: JwtCall | undefined): void => {
    if (call && !calls.has(call.node)) calls.set(call.node, call);
  };

  for (const found of findTrackedReferences(sourceCode)) {
    add(buildTrackedCall(sourceCode, found.node, found.info));
  }
  for (const call of findNestServiceCalls(sourceCode)) add(call);
  for (const call of findFastifyCalls(sourceCode)) add(call);

  const result = [...calls.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(sourceCode.ast, result);
  return result;
}

/** `ReferenceTracker.iteratePropertyReferences` exists at run time (eslint-utils 4) but typescript-eslint's types omit it. */
interface PropertyTracker {
  iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMap<TraceInfo>): Iterable<TrackedReference>;
}

interface TrackedReference {
  node: TSESTree.Node;
  info: TraceInfo;
}

/** Follows ESM imports, `require`, `import x = require()` and `await import()` of the modules in TRACE_MAP. */
function* findTrackedReferences(sourceCode: TSESLint.SourceCode): Generator<TrackedReference> {
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager?.globalScope) return;
  const tracker = createReferenceTracker(scopeManager.globalScope) as ReturnType<typeof createReferenceTracker> & PropertyTracker;
  yield* tracker.iterateEsmReferences(TRACE_MAP) as Iterable<TrackedReference>;
  yield* tracker.iterateCjsReferences(TRACE_MAP) as Iterable<TrackedReference>;

  for (const statement of sourceCode.ast.body) {
    // TypeScript's `import jwt = require('jsonwebtoken')`, which the reference tracker does not follow.
    if (
      statement.type !== AST_NODE_TYPES.TSImportEqualsDeclaration ||
      statement.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference
    ) {
      continue;
    }
    const expression = statement.moduleReference.expression;
    const map = typeof expression.value === 'string' ? TRACE_MAP[expression.value] : undefined;
    if (!map) continue;
    for (const variable of scopeManager.getDeclaredVariables(statement)) {
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        yield* tracker.iteratePropertyReferences(reference.identifier, map);
      }
    }
  }

  // `const { jwtVerify } = await import('jose')`.
  const importExpressions: TSESTree.ImportExpression[] = [];
  if (sourceCode.text.includes('import(')) {
    forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ImportExpression) importExpressions.push(node);
    });
  }
  for (const expression of importExpressions) {
    const moduleId = getRequiredModule(scopeManager, expression);
    const map = moduleId === undefined ? undefined : TRACE_MAP[moduleId];
    if (!map || expression.parent.type !== AST_NODE_TYPES.AwaitExpression) continue;
    // Node gives a CommonJS module's `module.exports` to `import()` as `default` (`(await import('jsonwebtoken')).default`).
    yield* tracker.iteratePropertyReferences(expression.parent, { default: map, ...map });
  }
}

type ArgumentList = TSESTree.CallExpressionArgument[];

/** Returns argument `index` unless it is missing or a spread, after which positions are unknown. */
function getArgument(args: ArgumentList, index: number): TSESTree.Expression | undefined {
  for (let position = 0; position <= index; position++) {
    if (args[position]?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  }
  const argument = args[index];
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : undefined;
}

function getSecretFromOptions(options: TSESTree.ObjectExpression | undefined, names: readonly string[]): TSESTree.Node | undefined {
  if (!options) return undefined;
  for (const name of names) {
    const value = getPropertyValue(options, name);
    if (value) return value;
  }
  return undefined;
}

function buildTrackedCall(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, trace: TraceInfo): JwtCall | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const scopeManager = sourceCode.scopeManager;
  const args = node.arguments;
  const base = { library: trace.library, operation: trace.operation, method: trace.method };
  const options = (index: number): TSESTree.ObjectExpression | undefined => resolveObjectExpression(scopeManager, getArgument(args, index));

  switch (trace.library) {
    case 'jsonwebtoken':
      return buildJsonwebtokenCall(sourceCode, node, trace);
    case 'jose':
      if (trace.operation === 'sign' && node.type === AST_NODE_TYPES.NewExpression) return buildSignJwtCall(sourceCode, node);
      if (trace.operation === 'verify') {
        return { ...base, node, tokenNode: getArgument(args, 0), secretNode: getArgument(args, 1), optionsNode: options(2) };
      }
      return { ...base, node, tokenNode: getArgument(args, 0) };
    case 'jwt-decode':
      return { ...base, node, tokenNode: getArgument(args, 0), optionsNode: options(1) };
    case 'express-jwt':
    case 'koa-jwt': {
      const optionsNode = options(0);
      return {
        ...base,
        node,
        optionsNode,
        secretNode: getSecretFromOptions(optionsNode, ['secret']),
        tokenNode: optionsNode && getPropertyValue(optionsNode, 'getToken'),
      };
    }
    case 'passport-jwt': {
      const optionsNode = options(0);
      return {
        ...base,
        node,
        optionsNode,
        secretNode: getSecretFromOptions(optionsNode, ['secretOrKey', 'secretOrKeyProvider']),
        tokenNode: optionsNode && getPropertyValue(optionsNode, 'jwtFromRequest'),
        callbackNode: getArgument(args, 1),
        verifyDefaultsNode: optionsNode && resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, 'jsonWebTokenOptions')),
      };
    }
    case '@nestjs/jwt': {
      const optionsNode = trace.method === 'registerAsync' ? getFactoryResult(scopeManager, options(0)) : options(0);
      return { ...base, node, ...describeModuleOptions(scopeManager, optionsNode, 'signOptions', 'verifyOptions') };
    }
    case 'hono/jwt':
      return buildHonoJwtCall(sourceCode, node, trace);
    case 'hono/jwk': {
      // jwk({ keys, jwks_uri, alg, cookie, verification }) has no secret node, because its keys are public keys.
      const optionsNode = options(0);
      return {
        ...base,
        node,
        optionsNode,
        verifyDefaultsNode: optionsNode && resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, 'verification')),
        verifiesWithKeySet: true,
      };
    }
    default:
      return undefined;
  }
}

function buildJsonwebtokenCall(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  trace: TraceInfo,
): JwtCall {
  const scopeManager = sourceCode.scopeManager;
  const args = node.arguments;
  const base = { library: trace.library, operation: trace.operation, method: trace.method, node };
  if (trace.operation === 'decode') {
    return { ...base, tokenNode: getArgument(args, 0), optionsNode: resolveObjectExpression(scopeManager, getArgument(args, 1)) };
  }
  // sign(payload, secret, [options], [callback]) and verify(token, secret, [options], [callback]).
  const third = getArgument(args, 2);
  const fourth = getArgument(args, 3);
  const callbackNode = isFunctionNode(third) ? third : isFunctionNode(fourth) ? fourth : undefined;
  const optionsNode = isFunctionNode(third) ? undefined : resolveObjectExpression(scopeManager, third);
  const first = getArgument(args, 0);
  return {
    ...base,
    ...(trace.operation === 'sign' ? { payloadNode: first } : { tokenNode: first }),
    secretNode: getArgument(args, 1),
    optionsNode,
    callbackNode,
  };
}

/**
 * Describes a call of Hono's `sign(payload, key, [alg])`, `verify(token, key, [alg or options])`,
 * `verifyWithJwks(token, { keys, jwks_uri, allowedAlgorithms, verification }, [init])`, `decode(token)` or
 * `jwt({ secret, alg, cookie, verification })`. A sign call has no options node, because `sign` takes
 * none: the token expires only by the `exp` claim of its payload.
 */
function buildHonoJwtCall(sourceCode: TSESLint.SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, trace: TraceInfo): JwtCall {
  const scopeManager = sourceCode.scopeManager;
  const args = node.arguments;
  const base = { library: trace.library, operation: trace.operation, method: trace.method, node };
  switch (trace.operation) {
    case 'sign':
      return { ...base, payloadNode: getArgument(args, 0), secretNode: getArgument(args, 1) };
    case 'verify':
      if (HONO_KEY_SET_METHODS.has(trace.method)) return buildHonoKeySetVerify(sourceCode, node, trace);
      // The third argument is an algorithm name or an options object with `alg`, `exp`, `iss` and `aud`.
      return {
        ...base,
        tokenNode: getArgument(args, 0),
        secretNode: getArgument(args, 1),
        optionsNode: resolveObjectExpression(scopeManager, getArgument(args, 2)),
      };
    case 'middleware': {
      const optionsNode = resolveObjectExpression(scopeManager, getArgument(args, 0));
      return {
        ...base,
        optionsNode,
        secretNode: getSecretFromOptions(optionsNode, ['secret']),
        verifyDefaultsNode: optionsNode && resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, 'verification')),
      };
    }
    default:
      return { ...base, tokenNode: getArgument(args, 0) };
  }
}

/**
 * Describes `verifyWithJwks(token, options, [init])`. It has no secret node, because the keys of a key set
 * are public keys, and its verify options are in `verification`.
 */
function buildHonoKeySetVerify(sourceCode: TSESLint.SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, trace: TraceInfo): JwtCall {
  const scopeManager = sourceCode.scopeManager;
  const optionsNode = resolveObjectExpression(scopeManager, getArgument(node.arguments, 1));
  return {
    library: trace.library,
    operation: trace.operation,
    method: trace.method,
    node,
    tokenNode: getArgument(node.arguments, 0),
    optionsNode,
    verifyDefaultsNode: optionsNode && resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, 'verification')),
    verifiesWithKeySet: true,
  };
}

/** Follows `new SignJWT(payload).setProtectedHeader(...)...sign(key)`, directly chained or through a `const`. */
function buildSignJwtCall(sourceCode: TSESLint.SourceCode, construct: TSESTree.NewExpression): JwtCall {
  const builderCalls: TSESTree.CallExpression[] = [];
  let signCall: TSESTree.CallExpression | undefined;

  const followChain = (start: TSESTree.Node): TSESTree.Node => {
    let current = start;
    for (;;) {
      const member = current.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return current;
      const call = member.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return current;
      if (getKeyName(member) === 'sign') {
        signCall ??= call;
        return call;
      }
      builderCalls.push(call);
      current = call;
    }
  };

  const end = followChain(construct);
  const declarator = end.parent;
  if (!signCall && declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === end && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.scopeManager, declarator.id);
    for (const reference of variable?.references ?? []) {
      if (reference.isRead()) followChain(reference.identifier);
    }
  }

  return {
    library: 'jose',
    operation: 'sign',
    method: 'SignJWT',
    node: signCall ?? construct,
    constructNode: construct,
    payloadNode: getArgument(construct.arguments, 0),
    secretNode: signCall && getArgument(signCall.arguments, 0),
    builderCalls,
  };
}

/** Returns the object literal that `registerAsync({ useFactory })` resolves to, when the factory returns one. */
function getFactoryResult(
  scopeManager: TSESLint.Scope.ScopeManager | null,
  options: TSESTree.ObjectExpression | undefined,
): TSESTree.ObjectExpression | undefined {
  const factory = options && getPropertyValue(options, 'useFactory');
  if (!isFunctionNode(factory)) return undefined;
  if (factory.body.type !== AST_NODE_TYPES.BlockStatement) return resolveObjectExpression(scopeManager, factory.body);
  for (const statement of factory.body.body) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) {
      return resolveObjectExpression(scopeManager, statement.argument);
    }
  }
  return undefined;
}

function describeModuleOptions(
  scopeManager: TSESLint.Scope.ScopeManager | null,
  optionsNode: TSESTree.ObjectExpression | undefined,
  signKey: string,
  verifyKey: string,
): Pick<JwtCall, 'optionsNode' | 'secretNode' | 'signDefaultsNode' | 'verifyDefaultsNode'> {
  if (!optionsNode) return {};
  return {
    optionsNode,
    secretNode: getSecretFromOptions(optionsNode, ['secret', 'privateKey', 'secretOrPrivateKey', 'secretOrKeyProvider']),
    signDefaultsNode: resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, signKey)),
    verifyDefaultsNode: resolveObjectExpression(scopeManager, getPropertyValue(optionsNode, verifyKey)),
  };
}

/**
 * Finds calls on an @nestjs/jwt `JwtService`: `this.jwtService.sign(...)` on a class member typed
 * `JwtService` (a constructor parameter property, a property, or a constructor parameter stored on
 * `this`), and `service.sign(...)` on a parameter or variable typed `JwtService` or created with
 * `new JwtService(...)`.
 */
function findNestServiceCalls(sourceCode: TSESLint.SourceCode): JwtCall[] {
  if (!sourceCode.text.includes(NEST_JWT_MODULE)) return [];
  const { typeNames, namespaceNames } = collectNestImports(sourceCode.ast);
  if (typeNames.size === 0 && namespaceNames.size === 0) return [];

  const isJwtServiceType = (annotation: TSESTree.TSTypeAnnotation | undefined): boolean => {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
    const name = type.typeName;
    if (name.type === AST_NODE_TYPES.Identifier) return typeNames.has(name.name);
    return (
      name.type === AST_NODE_TYPES.TSQualifiedName &&
      name.left.type === AST_NODE_TYPES.Identifier &&
      namespaceNames.has(name.left.name) &&
      name.right.name === 'JwtService'
    );
  };
  const isJwtServiceConstruct = (node: TSESTree.Node | null | undefined): boolean => {
    if (node?.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Identifier) return typeNames.has(callee.name);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      namespaceNames.has(callee.object.name) &&
      getKeyName(callee) === 'JwtService'
    );
  };

  const serviceIdentifiers: TSESTree.Identifier[] = [];
  const memberNamesByClass = new Map<TSESTree.ClassBody, Set<string>>();
  const addMember = (classBody: TSESTree.ClassBody | undefined, name: string | undefined): void => {
    if (!classBody || name === undefined) return;
    const names = memberNamesByClass.get(classBody) ?? new Set<string>();
    names.add(name);
    memberNamesByClass.set(classBody, names);
  };

  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.TSParameterProperty && node.parameter.type === AST_NODE_TYPES.Identifier) {
      if (isJwtServiceType(node.parameter.typeAnnotation)) addMember(getEnclosingClassBody(node), node.parameter.name);
    } else if (node.type === AST_NODE_TYPES.PropertyDefinition) {
      if (isJwtServiceType(node.typeAnnotation) || isJwtServiceConstruct(node.value)) {
        addMember(getEnclosingClassBody(node), getKeyName(node));
      }
    } else if (node.type === AST_NODE_TYPES.Identifier && node.parent.type !== AST_NODE_TYPES.TSParameterProperty) {
      const isBinding =
        isFunctionNode(node.parent) || (node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id === node);
      if (!isBinding) return;
      const initialised = node.parent.type === AST_NODE_TYPES.VariableDeclarator && isJwtServiceConstruct(node.parent.init);
      if (isJwtServiceType(node.typeAnnotation) || initialised) serviceIdentifiers.push(node);
    }
  });

  const calls: JwtCall[] = [];
  for (const identifier of serviceIdentifiers) {
    const variable = findVariable(sourceCode.scopeManager, identifier);
    for (const reference of variable?.references ?? []) {
      if (!reference.isRead()) continue;
      const referenceNode = reference.identifier as TSESTree.Identifier;
      const parent = referenceNode.parent;
      // `this.jwtService = jwtService` in a constructor makes the member a service too.
      if (
        parent?.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.right === referenceNode &&
        parent.left.type === AST_NODE_TYPES.MemberExpression &&
        parent.left.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        addMember(getEnclosingClassBody(parent), getKeyName(parent.left));
        continue;
      }
      const call = buildNestServiceCall(sourceCode, referenceNode);
      if (call) calls.push(call);
    }
  }

  for (const [classBody, names] of memberNamesByClass) {
    forEachNode(classBody, sourceCode.visitorKeys, (node) => {
      if (
        node.type === AST_NODE_TYPES.MemberExpression &&
        node.object.type === AST_NODE_TYPES.ThisExpression &&
        names.has(getKeyName(node) ?? '') &&
        getEnclosingClassBody(node) === classBody
      ) {
        const call = buildNestServiceCall(sourceCode, node);
        if (call) calls.push(call);
      }
    });
  }
  return calls;
}

/** Builds the call when `service` is the object of `service.sign(...)` or another JwtService method call. */
function buildNestServiceCall(sourceCode: TSESLint.SourceCode, service: TSESTree.Expression): JwtCall | undefined {
  const member = service.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== service) return undefined;
  const call = member.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const method = getKeyName(member);
  const operation = method === undefined ? undefined : NEST_SERVICE_METHODS[method];
  if (!operation || method === undefined) return undefined;

  const first = getArgument(call.arguments, 0);
  const optionsNode = resolveObjectExpression(sourceCode.scopeManager, getArgument(call.arguments, 1));
  const secretNames = operation === 'sign' ? ['secret', 'privateKey'] : ['secret', 'publicKey'];
  return {
    library: '@nestjs/jwt',
    operation,
    method,
    node: call,
    ...(operation === 'sign' ? { payloadNode: first } : { tokenNode: first }),
    optionsNode,
    secretNode: getSecretFromOptions(optionsNode, secretNames),
  };
}

function collectNestImports(program: TSESTree.Program): { typeNames: Set<string>; namespaceNames: Set<string> } {
  const typeNames = new Set<string>();
  const namespaceNames = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== NEST_JWT_MODULE) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
        namespaceNames.add(specifier.local.name);
      } else if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (imported === 'JwtService') typeNames.add(specifier.local.name);
      }
    }
  }
  return { typeNames, namespaceNames };
}

function getEnclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/**
 * Finds @fastify/jwt in a file that imports or requires it: the `register(fastifyJwt, options)` call, and
 * the decorators it adds (`fastify.jwt.sign`, `app.jwt.verify`, `reply.jwtSign`, `request.jwtVerify`).
 * The decorators are matched by name, because the instance, reply and request objects reach a route
 * through parameters that carry no trace of the import.
 */
function findFastifyCalls(sourceCode: TSESLint.SourceCode): JwtCall[] {
  if (!/fastify-jwt|@fastify\/jwt/.test(sourceCode.text)) return [];
  const scopeManager = sourceCode.scopeManager;
  const calls: JwtCall[] = [];
  let registersPlugin = false;

  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && FASTIFY_JWT_MODULES.has(String(statement.source.value))) {
      registersPlugin = true;
    }
  }

  const candidates: TSESTree.CallExpression[] = [];
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const moduleId = getRequiredModule(scopeManager, node);
    if (moduleId !== undefined && FASTIFY_JWT_MODULES.has(moduleId)) registersPlugin = true;
    candidates.push(node);
  });
  if (!registersPlugin) return [];

  for (const call of candidates) {
    const callee = skipTypeWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = getKeyName(callee);
    if (method === undefined) continue;

    if (method === 'register' && isFastifyJwtPlugin(sourceCode, getArgument(call.arguments, 0))) {
      const optionsNode = resolveObjectExpression(scopeManager, getArgument(call.arguments, 1));
      calls.push({
        library: '@fastify/jwt',
        operation: 'plugin-register',
        method,
        node: call,
        ...describeModuleOptions(scopeManager, optionsNode, 'sign', 'verify'),
      });
      continue;
    }

    const object = skipTypeWrappers(callee.object);
    const instanceOperation = Object.hasOwn(FASTIFY_INSTANCE_METHODS, method) ? FASTIFY_INSTANCE_METHODS[method] : undefined;
    const isInstanceCall = object.type === AST_NODE_TYPES.MemberExpression && getKeyName(object) === 'jwt';
    if (instanceOperation && isInstanceCall) {
      const first = getArgument(call.arguments, 0);
      const second = getArgument(call.arguments, 1);
      calls.push({
        library: '@fastify/jwt',
        operation: instanceOperation,
        method,
        node: call,
        ...(instanceOperation === 'sign' ? { payloadNode: first } : { tokenNode: first }),
        optionsNode: isFunctionNode(second) ? undefined : resolveObjectExpression(scopeManager, second),
        callbackNode: [second, getArgument(call.arguments, 2)].find(isFunctionNode),
      });
      continue;
    }

    const decoratorOperation = Object.hasOwn(FASTIFY_DECORATOR_METHODS, method) ? FASTIFY_DECORATOR_METHODS[method] : undefined;
    if (decoratorOperation) {
      // reply.jwtSign(payload, [options], [callback]); request.jwtVerify([options], [callback]).
      const optionsIndex = decoratorOperation === 'sign' ? 1 : 0;
      const optionsArgument = getArgument(call.arguments, optionsIndex);
      calls.push({
        library: '@fastify/jwt',
        operation: decoratorOperation,
        method,
        node: call,
        ...(decoratorOperation === 'sign' ? { payloadNode: getArgument(call.arguments, 0) } : {}),
        optionsNode: isFunctionNode(optionsArgument) ? undefined : resolveObjectExpression(scopeManager, optionsArgument),
        callbackNode: call.arguments.find((argument): argument is TSESTree.Expression => isFunctionNode(argument)),
      });
    }
  }
  return calls;
}

/** Returns true when `node` is @fastify/jwt itself: `require('@fastify/jwt')`, `import(...)`, or a binding imported from it. */
function isFastifyJwtPlugin(sourceCode: TSESLint.SourceCode, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const scopeManager = sourceCode.scopeManager;
  let expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipTypeWrappers(expression.argument);
  // `require('@fastify/jwt').default` and `require('@fastify/jwt').fastifyJwt` are the same plugin.
  if (expression.type === AST_NODE_TYPES.MemberExpression) expression = skipTypeWrappers(expression.object);
  const direct = getRequiredModule(scopeManager, expression);
  if (direct !== undefined) return FASTIFY_JWT_MODULES.has(direct);
  if (expression.type !== AST_NODE_TYPES.Identifier) return false;

  const definition = findVariable(scopeManager, expression)?.defs[0];
  if (!definition) return false;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration.type === AST_NODE_TYPES.ImportDeclaration && FASTIFY_JWT_MODULES.has(String(declaration.source.value));
  }
  if (definition.type === 'Variable' && definition.node.init) {
    let init = skipTypeWrappers(definition.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTypeWrappers(init.argument);
    if (init.type === AST_NODE_TYPES.MemberExpression) init = skipTypeWrappers(init.object);
    const moduleId = getRequiredModule(scopeManager, init);
    return moduleId !== undefined && FASTIFY_JWT_MODULES.has(moduleId);
  }
  return false;
}

