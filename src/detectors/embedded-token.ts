/**
 * Recognises a JWT that a route puts into a larger string of its response body, such as the signed embed
 * URL of a Metabase dashboard, and whose claims name no user. Such a token grants access to a resource of
 * another service and is no login session. A claim named like a user (`sub`, `id`) whose value is the
 * same for every request, such as a Mux playback id in `sub`, names a resource and not the logged-in user.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, getConstantInit, getKeyName, isFunctionNode, skipTypeWrappers } from '../util/ast-values.js';
import { splitWords } from './credential-name.js';
import type { JwtCall } from './jwt-library.js';
import { getCalleeMethod } from './request-handler.js';
import { isConstantValue, isFixedValue } from './service-token.js';

type SourceCode = TSESLint.SourceCode;

/** Sink kinds that send a response body: `res.json()`, `ctx.body = …`, `NextResponse.json()`, a returned body. */
const BODY_SINK_KINDS = new Set(['response-body', 'context-body', 'handler-return']);
/** Words of a claim name that identify a user: `sub`, `userId`, `user_email`, `customerId`, `account`. */
const USER_WORDS = new Set([
  'sub',
  'subject',
  'uid',
  'user',
  'username',
  'userid',
  'email',
  'mail',
  'login',
  'account',
  'customer',
  'member',
  'owner',
  'person',
  'profile',
  'principal',
  'phone',
]);
/**
 * Sign options and jose builder methods that set the token's subject, which names a user unless its value
 * is the same for every request.
 */
const SUBJECT_OPTIONS = new Set(['subject', 'setSubject']);
/** The position of jsonwebtoken's options argument: `jwt.sign(payload, key, options)`. */
const JSONWEBTOKEN_OPTIONS_INDEX = 2;

/**
 * Returns true when `parent`, a template literal or a binary expression around `child`, adds text to the
 * value of `child`: a template with any text or another expression, or a `+` with an operand other than an
 * empty string.
 */
export function addsText(parent: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, child: TSESTree.Node): boolean {
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) {
    return parent.expressions.length > 1 || parent.quasis.some((quasi) => quasi.value.cooked !== '');
  }
  if (parent.operator !== '+') return false;
  const other = skipTypeWrappers(parent.left === child ? parent.right : parent.left);
  return !(other.type === AST_NODE_TYPES.Literal && other.value === '');
}

/** Returns true for a sink that sends the token inside a larger string of a response body. */
export function isEmbeddedInBody(sink: { kind: string; embedded?: boolean }): boolean {
  return sink.embedded === true && BODY_SINK_KINDS.has(sink.kind);
}

/**
 * Returns true when the claims of a sign call name no user and hold only values that no request can set
 * (see `isFixedValue`). The payload must be an object literal, written in the call or bound to a `const`
 * that nothing else reads or changes. A claim at any depth whose name contains a user word (`sub`, `id`,
 * `userId`, `email`, `customer_id`), a subject option and a jose `setSubject()` call must hold a value that
 * is the same for every request (see `isConstantValue`). So `sub: user.id` and `sub: Date.now()` name a user.
 */
export function hasAnonymousClaims(sourceCode: SourceCode, call: JwtCall): boolean {
  const payload = call.payloadNode && resolvePayloadObject(sourceCode, call.payloadNode);
  if (!payload || !isAnonymousObject(sourceCode, payload)) return false;
  if (call.signDefaultsNode && !hasAnonymousOptions(sourceCode, call.signDefaultsNode)) return false;
  if (call.optionsNode) {
    if (!hasAnonymousOptions(sourceCode, call.optionsNode)) return false;
  } else if (call.library === 'jsonwebtoken' && hasUnreadOptions(call)) {
    return false;
  }
  return (call.builderCalls ?? []).every((builder) => {
    const method = getCalleeMethod(builder);
    if (method === undefined) return false;
    const isAcceptedValue = SUBJECT_OPTIONS.has(method) ? isConstantValue : isFixedValue;
    return builder.arguments.every((argument) => isAcceptedValue(sourceCode, argument));
  });
}

/** Returns the object literal of the payload, following a `const` whose only read is the payload argument. */
function resolvePayloadObject(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression;
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;

  const init = getConstantInit(sourceCode.scopeManager, expression);
  const object = init && skipTypeWrappers(init);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  // `payload.params = { user: req.user.id }` before the call would add a claim the literal does not show.
  const reads = (findVariable(sourceCode.scopeManager, expression)?.references ?? []).filter((reference) => reference.isRead());
  return reads.length === 1 && reads[0]?.identifier === expression ? object : undefined;
}

function isAnonymousObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  return object.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || property.computed) return false;
    const key = getKeyName(property);
    if (key === undefined) return false;
    if (namesUser(key)) return isConstantValue(sourceCode, property.value);
    const value = skipTypeWrappers(property.value);
    if (value.type === AST_NODE_TYPES.ObjectExpression) return isAnonymousObject(sourceCode, value);
    return isFixedValue(sourceCode, value);
  });
}

function hasAnonymousOptions(sourceCode: SourceCode, options: TSESTree.ObjectExpression): boolean {
  return options.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    const key = getKeyName(property);
    if (key === undefined) return false;
    return SUBJECT_OPTIONS.has(key) ? isConstantValue(sourceCode, property.value) : isFixedValue(sourceCode, property.value);
  });
}

/** Returns true when jsonwebtoken gets options that are not an object literal: `jwt.sign(payload, key, options)`. */
function hasUnreadOptions(call: JwtCall): boolean {
  if (call.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const argument = call.node.arguments[JSONWEBTOKEN_OPTIONS_INDEX];
  return argument !== undefined && !isFunctionNode(argument);
}

/** Returns true for a claim name that identifies a user: `id`, `sub`, `userId`, `user_email`, `customerId`. */
function namesUser(name: string): boolean {
  const words = splitWords(name);
  if (words.length === 1 && words[0] === 'id') return true;
  return words.some((word) => USER_WORDS.has(word));
}
