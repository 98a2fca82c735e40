/**
 * Recognises a JWT that one service signs for another, which identifies no user and so is no login
 * session. A token this app signs may contain only values that no request can set. A token it receives
 * is a webhook signature when its header or its route names one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { getConstantInit, getKeyName, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import type { JwtCall } from './jwt-library.js';
import { splitWords } from './credential-name.js';
import { getCalleeMethod, type RequestSource } from './request-handler.js';
import { isGlobalIdentifier } from './same-file-value.js';
import { acceptsPost, type HandlerRoute } from './webhook-route.js';

type SourceCode = TSESLint.SourceCode;

/** Claims that describe a token rather than the user it belongs to: issuer, audience, lifetime and id. */
const TOKEN_ONLY_CLAIMS = new Set(['iss', 'aud', 'iat', 'nbf', 'exp', 'jti']);
/** Sign options that set the issuer, audience, lifetime, algorithm or header, which must have fixed values. */
const TOKEN_OPTIONS = new Set(['issuer', 'audience', 'expiresIn', 'notBefore', 'algorithm', 'header', 'keyid', 'noTimestamp']);
/** Sign options that give the signing key, which signs the token but is not written into it. */
const KEY_OPTIONS = new Set(['secret', 'privateKey']);
/** jose builder methods that set the issuer, audience, lifetime or header, which must get fixed values. */
const TOKEN_BUILDER_METHODS = new Set(['setProtectedHeader', 'setIssuer', 'setAudience', 'setIssuedAt', 'setExpirationTime', 'setNotBefore']);
/** The position of the options argument of a sign call: `jwt.sign(payload, key, options)`, `jwtService.sign(payload, options)`. */
const OPTIONS_ARGUMENT_INDEX: Partial<Record<JwtCall['library'], number>> = { jsonwebtoken: 2, '@nestjs/jwt': 1 };

const ARITHMETIC_OPERATORS = new Set(['+', '-', '*', '/', '%', '**']);
/** `Math` functions that keep a value computed from fixed values fixed: `Math.floor(Date.now() / 1000)`. */
const MATH_FUNCTIONS = new Set(['floor', 'ceil', 'round', 'trunc', 'min', 'max', 'abs']);
/** Global conversion functions: `Number(process.env.TOKEN_TTL)`. */
const CONVERSION_FUNCTIONS = new Set(['Number', 'String', 'parseInt', 'parseFloat']);
const MAX_DEPTH = 8;
/** Words of a header name that mark a webhook signature: `x-hub-signature-256`, `stripe-signature`, `x-webhook-token`. */
const SIGNATURE_HEADER_WORDS = new Set(['signature', 'webhook', 'webhooks']);
/** Words of a route path, handler name or file name that mark a webhook receiver: `/webhooks/billing`, `handleWebhook`. */
const WEBHOOK_ROUTE_WORDS = new Set(['webhook', 'webhooks']);

/**
 * Returns true for a token that another service sends in a request header to sign a webhook call. That is
 * so when the header name contains `signature` or `webhook`. A route counts too when one of its names
 * (route and mount paths, App Router folders, handler and file names, see `HandlerRoute`) contains
 * `webhook`. Webhook deliveries are POST requests, so the route must take POST. `readsUserClaim` must be
 * false too, so a dashboard API that lists or deletes webhooks for its user keeps its report. Only header
 * tokens count: webhook senders sign in a header, and a cookie in a webhook route still comes from a
 * browser. The caller still treats such a token as a session when the handler keeps its payload on the
 * request or in the session, or calls `next()`.
 */
export function isWebhookSignature(source: RequestSource, route: HandlerRoute, readsUserClaim: boolean): boolean {
  if (source.kind !== 'header') return false;
  if (source.name !== undefined && splitWords(source.name).some((word) => SIGNATURE_HEADER_WORDS.has(word))) return true;
  if (readsUserClaim || !acceptsPost(route.methods)) return false;
  return route.names.some((name) => splitWords(name).some((word) => WEBHOOK_ROUTE_WORDS.has(word)));
}

/**
 * Returns true for a token that a service signs for another service, which identifies no user. Its
 * payload is an object literal in the call with an audience and only token claims (`iss`, `aud`, `jti`,
 * `iat`, `nbf`, `exp`) whose values no request can set (see `isFixedValue`). Its options and jose
 * builder calls set only the issuer, audience, lifetime, algorithm, header and signing key, all but the
 * key with such values, so no subject or id. A payload in a variable, a spread, a claim computed from
 * other values or options that cannot be read in the file may carry the user.
 */
export function isServiceAssertion(sourceCode: SourceCode, call: JwtCall): boolean {
  const object = call.payloadNode && skipTypeWrappers(call.payloadNode);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  let hasAudience = false;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = getKeyName(property);
    if (key === undefined || !TOKEN_ONLY_CLAIMS.has(key) || !isFixedValue(sourceCode, property.value)) return false;
    if (key === 'aud') hasAudience = true;
  }
  return hasAudience && hasOnlyTokenOptions(sourceCode, call) && buildsOnlyTokenClaims(sourceCode, call);
}

function hasOnlyTokenOptions(sourceCode: SourceCode, call: JwtCall): boolean {
  if (!call.optionsNode) return !hasUnreadOptions(call);
  return call.optionsNode.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = getKeyName(property);
    if (key === undefined) return false;
    if (KEY_OPTIONS.has(key)) return true;
    return TOKEN_OPTIONS.has(key) && isFixedValue(sourceCode, property.value);
  });
}

/** Returns true when the call passes options that are not an object literal in this file (`sign(payload, options)` with a parameter). */
function hasUnreadOptions(call: JwtCall): boolean {
  const index = OPTIONS_ARGUMENT_INDEX[call.library];
  if (index === undefined || call.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const argument = call.node.arguments[index];
  return argument !== undefined && !isFunctionNode(argument);
}

/** Returns true when every jose builder call before `.sign(key)` sets a token claim or the header to fixed values. */
function buildsOnlyTokenClaims(sourceCode: SourceCode, call: JwtCall): boolean {
  return (call.builderCalls ?? []).every((builder) => {
    const method = getCalleeMethod(builder);
    if (method === undefined || !TOKEN_BUILDER_METHODS.has(method)) return false;
    return builder.arguments.every((argument) => isFixedValue(sourceCode, argument));
  });
}

/**
 * Returns true for a value that no request can set, because it is fixed when the service is built or
 * started. Such values are string, number and boolean literals, environment variables read by a fixed
 * name (`process.env.NAME`, `process.env['NAME']`), the current time (`Date.now()`) and constants bound
 * to one of these. Templates, arithmetic, fallbacks (`??`, `||`), conditionals, `Math.floor()` and
 * `Number()` calls, lists and object literals built only from such values are fixed too.
 */
export function isFixedValue(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const expression = skipTypeWrappers(node);
  const isFixed = (child: TSESTree.Node): boolean => isFixedValue(sourceCode, child, depth + 1);

  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return ['string', 'number', 'boolean'].includes(typeof expression.value);
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.every(isFixed);
    case AST_NODE_TYPES.BinaryExpression:
      return ARITHMETIC_OPERATORS.has(expression.operator) && isFixed(expression.left) && isFixed(expression.right);
    case AST_NODE_TYPES.UnaryExpression:
      return (expression.operator === '-' || expression.operator === '+') && isFixed(expression.argument);
    case AST_NODE_TYPES.LogicalExpression:
      return isFixed(expression.left) && isFixed(expression.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isFixed(expression.test) && isFixed(expression.consequent) && isFixed(expression.alternate);
    case AST_NODE_TYPES.ArrayExpression:
      return expression.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isFixed(element));
    case AST_NODE_TYPES.ObjectExpression:
      return expression.properties.every(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          property.kind === 'init' &&
          (!property.computed || isFixed(property.key)) &&
          isFixed(property.value),
      );
    case AST_NODE_TYPES.Identifier:
      return isFixedConstant(sourceCode, expression, depth);
    case AST_NODE_TYPES.MemberExpression:
      return isEnvironmentRead(sourceCode, expression, depth);
    case AST_NODE_TYPES.CallExpression:
      return isFixedCall(sourceCode, expression, depth);
    default:
      return false;
  }
}

/**
 * Returns true for a value that is the same for every request and every login. Such a value is a string,
 * number or boolean literal, a template without expressions, an environment variable read by a fixed
 * name, or a `const` bound to one of these. Unlike `isFixedValue`, it rejects the current time and
 * computed values, so a value it accepts cannot name the user a token is signed for.
 */
export function isConstantValue(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const expression = skipTypeWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return ['string', 'number', 'boolean'].includes(typeof expression.value);
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 0;
    case AST_NODE_TYPES.MemberExpression:
      return isEnvironmentRead(sourceCode, expression, depth);
    case AST_NODE_TYPES.Identifier: {
      const init = getConstantInit(sourceCode.scopeManager, expression);
      return init !== undefined && isConstantValue(sourceCode, init, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * Returns true for a `const` bound to a fixed value. A constant bound to an object or a list is not
 * followed, because later statements may add properties or elements to it.
 */
function isFixedConstant(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): boolean {
  if (identifier.name === 'undefined' && isGlobalIdentifier(sourceCode, identifier)) return true;
  const init = getConstantInit(sourceCode.scopeManager, identifier);
  if (!init) return false;
  const value = skipTypeWrappers(init);
  if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) return false;
  return isFixedValue(sourceCode, value, depth + 1);
}

/** Returns true for `process.env.NAME`, or `process.env[key]` with a fixed key (`'NAME'`, but not `` `AUD_${user.id}` ``). */
function isEnvironmentRead(sourceCode: SourceCode, member: TSESTree.MemberExpression, depth: number): boolean {
  const environment = skipTypeWrappers(member.object);
  if (environment.type !== AST_NODE_TYPES.MemberExpression || getKeyName(environment) !== 'env') return false;
  const process = skipTypeWrappers(environment.object);
  if (process.type !== AST_NODE_TYPES.Identifier || process.name !== 'process' || !isGlobalIdentifier(sourceCode, process)) return false;
  return !member.computed || isFixedValue(sourceCode, member.property, depth + 1);
}

/** Returns true for `Date.now()`, and `Math.floor(...)` or `Number(...)` of fixed values, where the file does not shadow those globals. */
function isFixedCall(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): boolean {
  const areArgumentsFixed = call.arguments.every(
    (argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isFixedValue(sourceCode, argument, depth + 1),
  );
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return CONVERSION_FUNCTIONS.has(callee.name) && isGlobalIdentifier(sourceCode, callee) && areArgumentsFixed;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTypeWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || !isGlobalIdentifier(sourceCode, object)) return false;
  const method = getKeyName(callee);
  if (object.name === 'Date') return method === 'now' && call.arguments.length === 0;
  return object.name === 'Math' && method !== undefined && MATH_FUNCTIONS.has(method) && areArgumentsFixed;
}
