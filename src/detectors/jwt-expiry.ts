/**
 * Finds JWT lifetimes that are missing or too long: tokens signed without any expiry, expiries above a
 * limit (`expiresIn`, an `exp` claim, jose's `setExpirationTime`, module defaults), verification that
 * ignores expiry (`ignoreExpiration: true`, Hono's `exp: false`), and a verify `maxAge` above the limit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  findProperty,
  findVariable,
  getConstantInit,
  getKeyName,
  getStaticValue,
  hasSpread,
  isFunctionNode,
  resolveObjectExpression,
  skipTypeWrappers,
} from '../util/ast-values.js';
import {
  getDurationSeconds,
  getExpClaimSeconds,
  getJoseExpirationSeconds,
  isMillisecondExpClaim,
  type NumberUnit,
  parseJoseDuration,
} from './duration.js';
import { findJwtCalls, type JwtCall } from './jwt-library.js';

type ScopeManager = TSESLint.Scope.ScopeManager | null;

export interface JwtExpiryOptions {
  /** The maximum lifetime of a token, in seconds. */
  maxSeconds: number;
}

export type JwtExpiryFinding =
  /** A sign call with no expiry anywhere: `node` is the sign call. */
  | { kind: 'missingExpiry'; call: JwtCall; node: TSESTree.Node }
  /** An `exp` claim or `setExpirationTime` number in milliseconds (`Date.now() + 300000`): `node` is the value. */
  | { kind: 'expInMilliseconds'; call: JwtCall; node: TSESTree.Node }
  /** A lifetime above the limit: `node` is the value (`'7d'`, the `exp` expression, the `setExpirationTime` argument). */
  | { kind: 'lifetimeTooLong'; call: JwtCall; node: TSESTree.Node; seconds: number }
  /** `ignoreExpiration: true`: `node` is the property. */
  | { kind: 'ignoreExpiration'; call: JwtCall; node: TSESTree.Node }
  /** `exp: false` in the verify options of Hono's `verify` or `jwt()`, which skips the expiry check: `node` is the property. */
  | { kind: 'expCheckDisabled'; call: JwtCall; node: TSESTree.Node }
  /** A verify `maxAge` or `maxTokenAge` above the limit: `node` is the value. */
  | { kind: 'maxAgeTooLong'; call: JwtCall; node: TSESTree.Node; seconds: number };

/** The expiry a sign call sets, as far as the source shows it. */
export interface SignExpiry {
  /** The value that sets the expiry: the `expiresIn` value, the `exp` claim, the `setExpirationTime` argument or the module default. */
  node: TSESTree.Node;
  /** The lifetime in seconds, when it can be computed. */
  seconds?: number;
  source: 'expiresIn' | 'exp' | 'setExpirationTime' | 'module-default';
}

/** Returns every expiry problem in the file, in source order. */
export function findJwtExpiryProblems(sourceCode: TSESLint.SourceCode, options: JwtExpiryOptions): JwtExpiryFinding[] {
  const scopeManager = sourceCode.scopeManager;
  const calls = findJwtCalls(sourceCode);
  const findings: JwtExpiryFinding[] = [];

  for (const call of calls) {
    const unit = getNumberUnit(call);
    if (call.operation === 'sign') {
      const expiry = getSignExpiry(sourceCode, call, calls);
      if (expiry === 'unknown') continue;
      if (!expiry) findings.push({ kind: 'missingExpiry', call, node: call.node });
      else if (expiry.source !== 'expiresIn' && expiry.source !== 'module-default' && isMillisecondExpClaim(scopeManager, expiry.node)) {
        findings.push({ kind: 'expInMilliseconds', call, node: expiry.node });
      } else if (expiry.source !== 'module-default' && expiry.seconds !== undefined && expiry.seconds > options.maxSeconds) {
        findings.push({ kind: 'lifetimeTooLong', call, node: expiry.node, seconds: expiry.seconds });
      }
      continue;
    }
    if (call.operation === 'module-config' || call.operation === 'plugin-register') {
      const defaultExpiry = call.signDefaultsNode && getOptionValue(call.signDefaultsNode, 'expiresIn');
      const seconds = getDurationSeconds(scopeManager, defaultExpiry, unit);
      if (defaultExpiry && seconds !== undefined && seconds > options.maxSeconds) {
        findings.push({ kind: 'lifetimeTooLong', call, node: defaultExpiry, seconds });
      }
    }
    for (const verifyOptions of getVerifyOptionObjects(call)) {
      findings.push(...checkVerifyOptions(scopeManager, call, verifyOptions, unit, options.maxSeconds));
    }
    const expCheck = findDisabledHonoExpCheck(scopeManager, call);
    if (expCheck) findings.push({ kind: 'expCheckDisabled', call, node: expCheck });
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * Returns true when a sign call can set the expiry only with an `exp` claim in the payload. Hono's `sign`
 * is such a call, because it takes no options such as `expiresIn`.
 */
export function setsExpiryOnlyByClaim(call: JwtCall): boolean {
  return call.library === 'hono/jwt';
}

/** @fastify/jwt signs with fast-jwt, which reads numbers as milliseconds; the others use jsonwebtoken's seconds. */
function getNumberUnit(call: JwtCall): NumberUnit {
  return call.library === '@fastify/jwt' ? 'milliseconds' : 'seconds';
}

function getOptionValue(options: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  return findProperty(options, name)?.value;
}

/**
 * Returns the expiry of a sign call, undefined when it sets none, or `'unknown'` when the options or the
 * payload come from somewhere the source does not show (a variable from another module, a spread).
 */
export function getSignExpiry(sourceCode: TSESLint.SourceCode, call: JwtCall, calls: readonly JwtCall[] = findJwtCalls(sourceCode)): SignExpiry | undefined | 'unknown' {
  const scopeManager = sourceCode.scopeManager;
  const unit = getNumberUnit(call);

  const options = call.optionsNode;
  if (options) {
    const expiresIn = getOptionValue(options, 'expiresIn');
    if (expiresIn) return { node: expiresIn, source: 'expiresIn', ...seconds(getDurationSeconds(scopeManager, expiresIn, unit)) };
  }

  if (call.builderCalls) {
    for (const builder of call.builderCalls) {
      const argument = builder.arguments[0];
      if (getBuilderMethod(builder) === 'setExpirationTime' && argument) {
        return { node: argument, source: 'setExpirationTime', ...seconds(getJoseExpirationSeconds(scopeManager, argument)) };
      }
    }
  }

  const payload = resolveObjectExpression(scopeManager, call.payloadNode);
  if (payload) {
    const exp = getOptionValue(payload, 'exp');
    if (exp) return { node: exp, source: 'exp', ...seconds(getExpClaimSeconds(scopeManager, exp)) };
  }

  const moduleDefault = findModuleDefaultExpiry(call, calls);
  if (moduleDefault) return { node: moduleDefault, source: 'module-default' };

  // A call that takes the expiry only from the payload cannot be judged when the payload is not an object
  // literal in this file. A payload that code changes after creating it (`payload.exp = ...`) may gain
  // an `exp` claim for any library.
  if (!payload && setsExpiryOnlyByClaim(call)) return 'unknown';
  if (payload && isPayloadChanged(sourceCode, call)) return 'unknown';

  if (hasUnknownOptions(call) || (options && hasSpread(options)) || (payload && hasSpread(payload))) return 'unknown';
  // A jose builder passed around or finished elsewhere may still set the expiry.
  if (call.library === 'jose' && call.node === call.constructNode) return 'unknown';
  return undefined;
}

/**
 * Returns true when code anywhere in scope may change a constant the payload argument goes through
 * (`const payload = { sub }`). It does so by writing or deleting a property (`payload.exp = ...`), or by
 * passing the object to a call other than the sign call (`Object.assign(payload, { exp })`).
 */
function isPayloadChanged(sourceCode: TSESLint.SourceCode, call: JwtCall): boolean {
  const scopeManager = sourceCode.scopeManager;
  let current = call.payloadNode && skipTypeWrappers(call.payloadNode);
  for (let depth = 0; current?.type === AST_NODE_TYPES.Identifier && depth < 4; depth++) {
    const variable = findVariable(scopeManager, current);
    if (variable?.references.some((reference) => isChangingReference(reference.identifier, call))) return true;
    const init = getConstantInit(scopeManager, current);
    current = init && skipTypeWrappers(init);
  }
  return false;
}

/**
 * Returns true when a reference to an object writes or deletes one of its properties, or hands it to a
 * call other than the sign call itself (or jose's `new SignJWT(payload)`).
 */
function isChangingReference(identifier: TSESTree.Node, call: JwtCall): boolean {
  let reference: TSESTree.Node = identifier;
  while (reference.parent && skipTypeWrappers(reference.parent) !== reference.parent) reference = reference.parent;
  const parent = reference.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
    return parent !== call.node && parent !== call.constructNode && parent.arguments.includes(reference as TSESTree.CallExpressionArgument);
  }
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference) return false;
  const user = parent.parent;
  switch (user?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return user.left === parent;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return user.operator === 'delete';
    default:
      return false;
  }
}

function seconds(value: number | undefined): { seconds?: number } {
  return value === undefined ? {} : { seconds: value };
}

function getBuilderMethod(call: TSESTree.CallExpression): string | undefined {
  return call.callee.type === AST_NODE_TYPES.MemberExpression ? getKeyName(call.callee) : undefined;
}

/**
 * Returns true when the call passes options that are not an object literal in this file, including
 * arguments spread from an array (`jwt.sign(...args)`), which may hold the options.
 */
function hasUnknownOptions(call: JwtCall): boolean {
  if (call.optionsNode || call.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const optionsIndex = getOptionsIndex(call);
  if (optionsIndex === undefined) return false;
  const leading = call.node.arguments.slice(0, optionsIndex + 1);
  if (leading.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return true;
  const argument = call.node.arguments[optionsIndex];
  return argument !== undefined && !isFunctionNode(argument);
}

/** The position of the options argument of a sign call, by library and method. */
function getOptionsIndex(call: JwtCall): number | undefined {
  switch (call.library) {
    case 'jsonwebtoken':
      return 2;
    case '@nestjs/jwt':
    case '@fastify/jwt':
      return 1;
    default:
      return undefined;
  }
}

/** The call that sets module-wide sign defaults, for each library that has one. */
const CONFIG_OPERATIONS: Partial<Record<JwtCall['library'], JwtCall['operation']>> = {
  '@nestjs/jwt': 'module-config',
  '@fastify/jwt': 'plugin-register',
};

/** Returns the `expiresIn` every sign call in this file inherits from `JwtModule.register` or `register(fastifyJwt)`. */
function findModuleDefaultExpiry(call: JwtCall, calls: readonly JwtCall[]): TSESTree.Node | undefined {
  const configOperation = CONFIG_OPERATIONS[call.library];
  if (!configOperation) return undefined;
  for (const config of calls) {
    if (config.library !== call.library || config.operation !== configOperation || !config.signDefaultsNode) continue;
    const expiresIn = getOptionValue(config.signDefaultsNode, 'expiresIn');
    if (expiresIn) return expiresIn;
  }
  return undefined;
}

/** Returns the verify option objects a call sets: its own options, module `verifyOptions`, passport-jwt's `jsonWebTokenOptions`. */
function getVerifyOptionObjects(call: JwtCall): TSESTree.ObjectExpression[] {
  const objects: TSESTree.ObjectExpression[] = [];
  const isVerifying = call.operation === 'verify' || call.operation === 'middleware' || call.operation === 'strategy';
  if (isVerifying && call.optionsNode) objects.push(call.optionsNode);
  if (call.verifyDefaultsNode) objects.push(call.verifyDefaultsNode);
  return objects;
}

/**
 * Returns the `exp: false` property that turns off the expiry check of Hono's `verify` (in its options
 * argument), `verifyWithJwks`, `jwt()` or `jwk()` (in their `verification` option). Other keys of the
 * `verifyWithJwks` and middleware options are not verify options, so an `exp` there changes nothing.
 */
function findDisabledHonoExpCheck(scopeManager: ScopeManager, call: JwtCall): TSESTree.Property | undefined {
  if (call.library !== 'hono/jwt' && call.library !== 'hono/jwk') return undefined;
  let options: TSESTree.ObjectExpression | undefined;
  if (call.operation === 'verify') options = call.verifiesWithKeySet ? call.verifyDefaultsNode : call.optionsNode;
  if (call.operation === 'middleware') options = call.verifyDefaultsNode;
  const exp = options && findProperty(options, 'exp');
  return exp && getStaticValue(scopeManager, exp.value) === false ? exp : undefined;
}

function checkVerifyOptions(
  scopeManager: ScopeManager,
  call: JwtCall,
  options: TSESTree.ObjectExpression,
  unit: NumberUnit,
  maxSeconds: number,
): JwtExpiryFinding[] {
  const findings: JwtExpiryFinding[] = [];
  const ignoreExpiration = findProperty(options, 'ignoreExpiration');
  if (ignoreExpiration && getStaticValue(scopeManager, ignoreExpiration.value) === true) {
    findings.push({ kind: 'ignoreExpiration', call, node: ignoreExpiration });
  }

  const maxAge = getOptionValue(options, 'maxAge');
  const maxAgeSeconds = getDurationSeconds(scopeManager, maxAge, unit);
  if (maxAge && maxAgeSeconds !== undefined && maxAgeSeconds > maxSeconds) {
    findings.push({ kind: 'maxAgeTooLong', call, node: maxAge, seconds: maxAgeSeconds });
  }

  // jose's `maxTokenAge`: a number of seconds or a time span such as "1h".
  const maxTokenAge = getOptionValue(options, 'maxTokenAge');
  const maxTokenAgeValue = getStaticValue(scopeManager, maxTokenAge);
  let maxTokenAgeSeconds: number | undefined;
  if (typeof maxTokenAgeValue === 'number') maxTokenAgeSeconds = maxTokenAgeValue;
  if (typeof maxTokenAgeValue === 'string') maxTokenAgeSeconds = parseJoseDuration(maxTokenAgeValue);
  if (maxTokenAge && maxTokenAgeSeconds !== undefined && maxTokenAgeSeconds > maxSeconds) {
    findings.push({ kind: 'maxAgeTooLong', call, node: maxTokenAge, seconds: maxTokenAgeSeconds });
  }
  return findings;
}
