/**
 * Decides whether a value that code stores contains a login credential, and whether a value that code reads
 * back is used as one. The evidence is local to one file: names (`accessToken`, `response.data.jwt`), the
 * shape of the value (`{ token }`, `` `Bearer ${t}` ``), a credential property read from the same object
 * anywhere in the file (`if (data.accessToken) save(data)`), and where a read value goes (an
 * `Authorization` header, a `.accessToken` read from the parsed value).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getMemberName, getStaticString, skipTypeWrappers } from './credential-key.js';
import {
  isAnalyticsStoreName,
  isAuthContainerName,
  isBareTokensName,
  isCredentialHeaderName,
  isCredentialName,
  isCredentialPropertyName,
  hasLoginWordOverCoins,
  isCryptoAssetFieldList,
  isCryptoAssetKey,
  isCryptoAssetName,
  isLoginResultName,
  isSessionIdName,
  splitWords,
} from './credential-name.js';
import {
  getCalleeName,
  getCallsOfEnclosingFunction,
  getPropertyKeyName,
  getThisOwner,
  isCallee,
  isCallTo,
  isFunctionNode,
  walk,
  type FunctionNode,
} from './value-flow.js';
import {
  getMethodName,
  getUrlDecoderArgument,
  getValueOrigin,
  isNonCredentialOrigin,
  isPageUrlCredentialParameter,
  skipValueWrappers,
  type ValueOrigin,
} from './value-origin.js';

type Variable = TSESLint.Scope.Variable;

/**
 * What a stored value is:
 * - `credential`: it contains one.
 * - `flag`: a literal boolean, number or flag word such as `"1"`, never a credential even under an
 *   auth-sounding key.
 * - `crypto-asset`: data about a crypto-currency coin under a key that names a token (`token.symbol` under
 *   `currentToken`), never a credential either.
 * - `empty`: `''`, `null` or `undefined`, which clears the entry.
 * - `other`: anything else.
 */
export type StoredValueKind = 'credential' | 'flag' | 'crypto-asset' | 'empty' | 'other';

/** The use that makes a value read from storage a credential. */
export type CredentialUse = 'authorization-header' | 'credential-property';

/** The storage location of a value, as far as it changes what counts as a credential in the value. */
export interface StoredValueContext {
  /** The storage key or cookie name, when known. Under an analytics key (`analytics`, `_ga`) session ids do not count. */
  readonly key?: string;
  /**
   * The words of a key or cookie name that is only partly known, with the names of its unknown parts
   * (`selectedToken- chainId` for `` `selectedToken-${chainId}` ``). It is used like `key` to find coin data.
   */
  readonly keyText?: string;
}

/** Classifies a stored value; a missing value (`setItem(key)`) counts as empty. */
export function classifyStoredValue(
  node: TSESTree.Node | undefined,
  sourceCode: TSESLint.SourceCode,
  context: StoredValueContext = {},
): StoredValueKind {
  if (!node) return 'empty';
  if (isEmptyValue(node, sourceCode)) return 'empty';
  if (isLiteralFlag(node, sourceCode)) return 'flag';
  const keyText = context.key ?? context.keyText;
  if (isCoinNamedToken(node, sourceCode, keyText !== undefined && isCryptoAssetKey(keyText))) return 'crypto-asset';
  if (isCredentialValue(node, sourceCode, context)) return 'credential';
  if (isCryptoAssetValue(node, keyText, sourceCode)) return 'crypto-asset';
  return 'other';
}

/** Returns true for `''`, `null`, `undefined` and `void 0`, the values that clear an entry or a cookie. */
export function isEmptyValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined') {
    return isGlobalVariable(expression, sourceCode);
  }
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
    return expression.argument.type === AST_NODE_TYPES.Literal;
  }
  if (expression.type === AST_NODE_TYPES.Literal) return expression.value === null || expression.value === '';
  return getStaticString(expression, sourceCode) === '';
}

/** Flag words that apps store to remember a state, never a credential. */
const FLAG_STRING = /^(?:[+-]?\d+(?:\.\d+)?|true|false|yes|no|on|off|y|n|enabled|disabled|done|pending|attempted|skipped)$/i;

/**
 * Returns true for a literal flag: a boolean, a number, a flag word (`'1'`, `'true'`, `'done'`), or one of
 * these passed through `String()` or `JSON.stringify()`.
 */
export function isLiteralFlag(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal) {
    if (typeof expression.value === 'boolean' || typeof expression.value === 'number' || typeof expression.value === 'bigint') {
      return true;
    }
    return typeof expression.value === 'string' && FLAG_STRING.test(expression.value.trim());
  }
  if (expression.type === AST_NODE_TYPES.UnaryExpression && (expression.operator === '-' || expression.operator === '+')) {
    return expression.argument.type === AST_NODE_TYPES.Literal && typeof expression.argument.value === 'number';
  }
  if (expression.type === AST_NODE_TYPES.CallExpression && isCallTo(expression, ['String', 'JSON.stringify'])) {
    const argument = expression.arguments[0];
    return argument !== undefined && isLiteralFlag(argument, sourceCode);
  }
  const text = getStaticString(expression, sourceCode);
  return text !== undefined && FLAG_STRING.test(text.trim());
}

/** Calls that keep the credential in their result: serializers and encoders of their first argument. */
const PASS_THROUGH_CALLS = [
  'JSON.stringify',
  'String',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'btoa',
  'window.btoa',
  'Buffer.from',
];

/**
 * Returns true when a stored value contains a login credential. Under a bare `tokens` key, any value from a
 * clear login origin counts (`{ access, refresh }` from `/auth/refresh`). A request of unknown purpose is
 * not enough there, because wallets keep coin lists under that key.
 */
export function isCredentialValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, context: StoredValueContext = {}): boolean {
  if (context.key !== undefined && isBareTokensName(context.key) && hasLoginOrigin(node, sourceCode, 0)) return true;
  const ignoreSessionIds = context.key !== undefined && isAnalyticsStoreName(context.key);
  return isCredentialExpression(node, sourceCode, { depth: 0, variables: new Set(), ignoreSessionIds });
}

/** Returns true when a value, or a property or element of an object or array literal in it, comes from a login. */
function hasLoginOrigin(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_VALUE_DEPTH) return false;
  const expression = skipPassThrough(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) {
    return expression.properties.some((property) =>
      hasLoginOrigin(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value, sourceCode, depth + 1),
    );
  }
  if (expression.type === AST_NODE_TYPES.ArrayExpression) {
    return expression.elements.some((element) => element !== null && hasLoginOrigin(element, sourceCode, depth + 1));
  }
  return getValueOrigin(expression, sourceCode) === 'login';
}

/**
 * Returns true when a stored value is data about a crypto-currency coin. That is a value from a request or
 * call for coin data (`getTokenBalances(address)`, `fetch(coinUrl)`, see `getValueOrigin`), or an object
 * literal made of a coin's fields (`{ id, symbol, name }`, see `isCryptoAssetFieldList`). It is also a
 * variable whose type annotation is a coin type (see `isCryptoAssetTypeNode`), or, under a known key, a
 * value whose name read together with the key names a coin (`token.symbol` or `prices` under
 * `currentToken`, see `isCryptoAssetName`). A login word in the key (`accessToken`, `jwt`) or a value that comes from a login, in
 * whole or in part, rules this out.
 */
function isCryptoAssetValue(node: TSESTree.Node, key: string | undefined, sourceCode: TSESLint.SourceCode): boolean {
  const expression = skipPassThrough(node);
  if ((key !== undefined && hasLoginWordOverCoins(key)) || hasLoginOrigin(expression, sourceCode, 0)) return false;
  if (getValueOrigin(expression, sourceCode) === 'crypto-asset') return true;
  if (isCryptoAssetObject(expression, sourceCode) || hasCryptoAssetType(expression, sourceCode)) return true;
  const names = getValueNames(expression);
  if (names.length === 0 || key === undefined) return false;
  return names.every((name) => !isCredentialName(name) && isCryptoAssetName(`${key} ${name}`));
}

/**
 * Returns true when a value named `token` or `tokens` is a coin. That is so when it is stored under a key
 * that names a coin (`isCoinKey`, see `isCryptoAssetKey`), as in
 * `localStorage.setItem('selectedToken', JSON.stringify(token))`, or when its type annotation is a coin type
 * (`token: Token` for a `Token` with a coin's fields). The value must
 * be a variable or a property of an object not named like a response: `res.data.token` keeps counting, and
 * so does a variable destructured from a response (`const { token } = await res.json()`, see
 * `isDestructuredFromResponse`). It must not come from a login, and the file must not read a credential
 * property from it (`token.jwt`).
 */
function isCoinNamedToken(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, isCoinKey: boolean): boolean {
  const expression = skipPassThrough(node);
  const isVariable = expression.type === AST_NODE_TYPES.Identifier && !isDestructuredFromResponse(expression, sourceCode);
  const isCoinProperty = expression.type === AST_NODE_TYPES.MemberExpression && !isResponseObject(expression.object);
  const names = getValueNames(expression);
  if (!(isVariable || isCoinProperty) || names.length !== 1) return false;
  const [name = ''] = names;
  const isBareToken = isBareTokensName(name) || splitWords(name).join(' ') === 'token';
  if (!isBareToken && !isCryptoAssetName(name)) return false;
  if (!isCoinKey && !hasCryptoAssetType(expression, sourceCode)) return false;
  return !hasLoginOrigin(expression, sourceCode, 0) && !hasCredentialEvidence(expression, sourceCode);
}

/**
 * Returns true when a property is read from an object named like a response or login result (`data`,
 * `res`, `json`), or from an object without a name, such as the result of a call (`(await res.json()).token`).
 */
function isResponseObject(object: TSESTree.Node): boolean {
  return isLoginResultName(getObjectName(object) ?? 'data');
}

/**
 * Returns true when a variable is destructured from a response, which counts like reading the property from
 * it (see `isResponseObject`). `const { token } = await res.json()` reads `token` from an object without a
 * name, and `const { data: { token } } = await axios.post(url)` reads it from `data`. The first parameter of
 * a `.then()` callback (`.then(({ token }) => …)`) reads it from what the promise resolves to, while
 * `const { token } = wallet` reads it from `wallet`, which is no response.
 */
function isDestructuredFromResponse(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  let pattern: TSESTree.Node | undefined;
  let source: TSESTree.Node | undefined;
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
    pattern = definition.node.id;
    source = definition.node.init ?? undefined;
    if (!source) return false;
  } else if (definition.type === 'Parameter' && isThenCallback(definition.node)) {
    pattern = definition.node.params[0];
  }
  const keys = pattern ? getPatternKeys(pattern, definition.name) : undefined;
  if (!keys || keys.length === 0) return false;
  if (keys.length > 1) return isLoginResultName(keys.at(-2) ?? '');
  return source === undefined || isResponseObject(source);
}

/** Returns true for the callback passed first to a `.then()` call. */
function isThenCallback(node: TSESTree.Node): node is FunctionNode {
  const call = node.parent;
  return (
    isFunctionNode(node) &&
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === node &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(call.callee) === 'then'
  );
}

/**
 * Returns the property keys that lead from the value a pattern destructures to `target`, such as
 * `['data', 'token']` for `token` in `{ data: { token } }`. The list is empty when the pattern is `target`
 * itself, and undefined when `target` is not in the pattern or is bound through a computed key, an array or
 * a rest element.
 */
function getPatternKeys(pattern: TSESTree.Node, target: TSESTree.Node): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return getPatternKeys(pattern.left, target);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const keys = getPatternKeys(property.value, target);
    if (keys === undefined) continue;
    const key = property.computed ? undefined : getPropertyKeyName(property);
    return key === undefined ? undefined : [key, ...keys];
  }
  return undefined;
}

/** Returns true for an object literal made of a coin's fields whose values contain no credential. */
function isCryptoAssetObject(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const names = getValueNames(expression);
  return (
    names.length > 0 &&
    isCryptoAssetFieldList(names) &&
    !isCredentialExpression(expression, sourceCode, { depth: 0, variables: new Set(), ignoreSessionIds: false })
  );
}

// ---------------------------------------------------------------------------------------------------------
// Coin types: a TypeScript annotation that shows that a variable contains a coin.

/**
 * Package names whose types describe coins (`@uniswap/sdk-core`'s `Token`, `@uniswap/token-lists`'s
 * `TokenInfo`, viem, ethers, wagmi, Solana's libraries).
 */
const CRYPTO_PACKAGE = /(?:^|[/@-])(?:uniswap|token-lists|ethers|viem|wagmi|web3|solana|pancakeswap|sushiswap|coingecko)(?:$|[/-])/i;

const MAX_TYPE_DEPTH = 4;

/**
 * Returns true when the variable or parameter that a value reads, or the `as` expression it is, has a type
 * annotation that names a coin type: `token: Token` where the file declares `Token` with a coin's fields,
 * `tokens: TokenInfo[]` imported from a crypto-currency package, or `token: ERC20Token | null`.
 */
export function hasCryptoAssetType(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.TSAsExpression) return isCryptoAssetTypeNode(node.typeAnnotation, sourceCode, 0);
  const expression = skipValueWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition || definition.name.type !== AST_NODE_TYPES.Identifier) return false;
  const annotation = definition.name.typeAnnotation?.typeAnnotation;
  return annotation !== undefined && isCryptoAssetTypeNode(annotation, sourceCode, 0);
}

/**
 * Returns true when a type describes a coin, a list or map of coins, or a coin or nothing (`Token | null`).
 * A named type counts when the file declares it with a coin's fields (see `isCryptoAssetFieldList`), when it
 * is imported from a crypto-currency package, or when its name names a coin (`ERC20Token`, `TokenMetadata`).
 */
export function isCryptoAssetTypeNode(type: TSESTree.TypeNode, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_TYPE_DEPTH) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSUnionType: {
      const members = type.types.filter(
        (member) => member.type !== AST_NODE_TYPES.TSNullKeyword && member.type !== AST_NODE_TYPES.TSUndefinedKeyword,
      );
      return members.length > 0 && members.every((member) => isCryptoAssetTypeNode(member, sourceCode, depth + 1));
    }
    case AST_NODE_TYPES.TSArrayType:
      return isCryptoAssetTypeNode(type.elementType, sourceCode, depth + 1);
    case AST_NODE_TYPES.TSTypeLiteral:
      return isCryptoAssetMembers(type.members);
    case AST_NODE_TYPES.TSTypeReference:
      return isCryptoAssetTypeReference(type, sourceCode, depth);
    default:
      return false;
  }
}

function isCryptoAssetTypeReference(type: TSESTree.TSTypeReference, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  const name = type.typeName.name;
  const last = type.typeArguments?.params.at(-1);
  if (['Array', 'ReadonlyArray', 'Record', 'Map', 'Set', 'Partial', 'Readonly'].includes(name)) {
    return last !== undefined && isCryptoAssetTypeNode(last, sourceCode, depth + 1);
  }
  const variable = ASTUtils.findVariable(sourceCode.getScope(type), type.typeName);
  for (const definition of variable?.defs ?? []) {
    const declaration = definition.node;
    if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
      return isCryptoAssetTypeNode(declaration.typeAnnotation, sourceCode, depth + 1);
    }
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) return isCryptoAssetMembers(declaration.body.body);
    if (definition.type === 'ImportBinding' && definition.parent?.type === AST_NODE_TYPES.ImportDeclaration) {
      if (CRYPTO_PACKAGE.test(definition.parent.source.value)) return true;
    }
  }
  return isCryptoAssetName(name);
}

/** Returns true when the members of an object type or interface are a coin's fields. */
function isCryptoAssetMembers(members: readonly TSESTree.TypeElement[]): boolean {
  const names: string[] = [];
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) continue;
    if (member.key.type === AST_NODE_TYPES.Identifier) names.push(member.key.name);
    else if (member.key.type === AST_NODE_TYPES.Literal) names.push(String(member.key.value));
  }
  return names.length > 0 && isCryptoAssetFieldList(names);
}

/** Returns the name of a variable or property read, or all keys of an object literal, else nothing. */
function getValueNames(expression: TSESTree.Node): string[] {
  if (expression.type === AST_NODE_TYPES.Identifier) return [expression.name];
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(expression);
    return name === undefined ? [] : [name];
  }
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const keys = expression.properties.map((property) =>
    property.type === AST_NODE_TYPES.Property ? getPropertyKeyName(property) : undefined,
  );
  return keys.every((key) => key !== undefined) ? (keys as string[]) : [];
}

/** Skips the value wrappers and serializers (`JSON.stringify(x)`) around a stored value. */
function skipPassThrough(node: TSESTree.Node): TSESTree.Node {
  let expression = skipValueWrappers(node);
  while (expression.type === AST_NODE_TYPES.CallExpression && isCallTo(expression, PASS_THROUGH_CALLS)) {
    const argument = expression.arguments[0];
    if (argument === undefined) break;
    expression = skipValueWrappers(argument);
  }
  return expression;
}

interface ValueSearch {
  depth: number;
  variables: Set<Variable>;
  /** Session id names do not count, because the value goes to an analytics store. */
  ignoreSessionIds: boolean;
}

/**
 * Returns true when a variable, property or object key name marks its value as a credential in this search.
 * Under an analytics key a session id name counts only for a value from a login or a request.
 */
function namesCredential(name: string, search: ValueSearch, origin: ValueOrigin): boolean {
  const isFromLoginOrRequest = origin === 'login' || origin === 'request';
  return isCredentialName(name) && !(search.ignoreSessionIds && !isFromLoginOrRequest && isSessionIdName(name));
}

const MAX_VALUE_DEPTH = 6;

function isCredentialExpression(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, search: ValueSearch): boolean {
  if (search.depth > MAX_VALUE_DEPTH) return false;
  const next: ValueSearch = { ...search, depth: search.depth + 1 };
  const expression = skipValueWrappers(node);

  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      // The origin decides before the name: `const token = getCssVar('--brand')` is a colour, while
      // `const tokens = await r.json()` after a login request contains login tokens.
      const origin = getValueOrigin(expression, sourceCode);
      if (isNonCredentialOrigin(origin)) return false;
      return (
        namesCredential(expression.name, search, origin) ||
        isBareTokensName(expression.name) ||
        hasCredentialEvidence(expression, sourceCode) ||
        isCredentialVariable(expression, sourceCode, next)
      );
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(expression);
      if (name === undefined) return hasCredentialEvidence(expression, sourceCode);
      const origin = getValueOrigin(expression, sourceCode);
      const isNamedCredential = isBareTokensName(name)
        ? !isNonCredentialOrigin(origin)
        : isCredentialPropertyName(name, getObjectName(expression.object)) && namesCredential(name, search, origin);
      return isNamedCredential || hasCredentialEvidence(expression, sourceCode);
    }
    case AST_NODE_TYPES.CallExpression: {
      if (isCallTo(expression, PASS_THROUGH_CALLS)) {
        const argument = expression.arguments[0];
        return argument !== undefined && isCredentialExpression(argument, sourceCode, next);
      }
      // `params.get('access_token')` on the page URL's parameters is a credential whatever key it is stored under.
      if (isPageUrlCredentialParameter(expression, sourceCode)) return true;
      // The global `decodeURIComponent` and `decodeURI` keep the credential they decode, while a local of that name may not.
      const decoded = getUrlDecoderArgument(expression, sourceCode);
      if (decoded !== undefined) return isCredentialExpression(decoded, sourceCode, next);
      const calleeName = getCalleeName(expression);
      return calleeName !== undefined && isCredentialName(calleeName);
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return (
        /^\s*bearer\s/i.test(expression.quasis[0]?.value.cooked ?? '') ||
        expression.expressions.some((part) => isCredentialExpression(part, sourceCode, next))
      );
    case AST_NODE_TYPES.BinaryExpression:
      if (expression.operator !== '+') return false;
      return (
        isBearerPrefix(expression.left, sourceCode) ||
        isCredentialExpression(expression.left, sourceCode, next) ||
        isCredentialExpression(expression.right, sourceCode, next)
      );
    case AST_NODE_TYPES.LogicalExpression:
      return isCredentialExpression(expression.left, sourceCode, next) || isCredentialExpression(expression.right, sourceCode, next);
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isCredentialExpression(expression.consequent, sourceCode, next) ||
        isCredentialExpression(expression.alternate, sourceCode, next)
      );
    case AST_NODE_TYPES.ObjectExpression:
      return expression.properties.some((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement) return isCredentialExpression(property.argument, sourceCode, next);
        const key = getPropertyKeyName(property);
        const origin = key === undefined ? 'unknown' : getValueOrigin(property.value, sourceCode);
        if (
          key !== undefined &&
          !isNonCredentialOrigin(origin) &&
          namesCredential(key, search, origin) &&
          !isLiteralFlag(property.value, sourceCode) &&
          !isEmptyValue(property.value, sourceCode)
        ) {
          return true;
        }
        return isCredentialExpression(property.value, sourceCode, next);
      });
    case AST_NODE_TYPES.ArrayExpression:
      return expression.elements.some((element) => element !== null && isCredentialExpression(element, sourceCode, next));
    default:
      return false;
  }
}

/** Returns the name an object is read through: `theme` in `theme.tokens`, `data` in `response.data.token`. */
function getObjectName(object: TSESTree.Node): string | undefined {
  const node = skipValueWrappers(object);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return getMemberName(node);
  return undefined;
}

/** Follows a `const` (or never reassigned `let`) to its initializer, and a destructured credential property. */
function isCredentialVariable(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode, search: ValueSearch): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || search.variables.has(variable) || variable.defs.length !== 1) return false;
  search.variables.add(variable);
  const definition = variable.defs[0];
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;

  const declarator = definition.node;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    return declarator.init !== null && isCredentialExpression(declarator.init, sourceCode, search);
  }
  const property = findPatternProperty(declarator.id, identifier.name);
  const key = property ? getPropertyKeyName(property) : undefined;
  if (key === undefined) return false;
  const origin = declarator.init ? getValueOrigin(declarator.init, sourceCode) : 'unknown';
  if (isNonCredentialOrigin(origin)) return false;
  return isBareTokensName(key) || namesCredential(key, search, origin);
}

/** Finds the property of a destructuring pattern that binds `name` (`{ accessToken: name }`). */
function findPatternProperty(pattern: TSESTree.Node, name: string): TSESTree.Property | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    let value: TSESTree.Node = property.value;
    if (value.type === AST_NODE_TYPES.AssignmentPattern) value = value.left;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return property;
    const nested = findPatternProperty(value, name);
    if (nested) return nested;
  }
  return undefined;
}

function isBearerPrefix(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const text = getStaticString(node, sourceCode);
  return text !== undefined && /^\s*bearer\s/i.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// Evidence: a credential property read from the same object somewhere in the file.

/** The root of a reference path: a variable, an unresolved global's name, or the class that `this` is in. */
type ReferenceRoot = Variable | string | TSESTree.Node;

interface ReferencePath {
  root: ReferenceRoot;
  path: string[];
}

/** Per file: for each root, the property paths of objects from which a credential property is read. */
const evidenceCache = new WeakMap<TSESTree.Program, Map<ReferenceRoot, string[][]>>();

/**
 * Returns true when the file reads a credential property from the object that `expression` refers to, or
 * from an object inside it: `data.accessToken` makes `data` a credential, and `response.data.user.token`
 * makes both `response.data` and `response` credentials. Reads of the same variable count wherever they are,
 * so a check such as `if (data.accessToken)` or a guard that returns early both count.
 */
export function hasCredentialEvidence(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const reference = getReferencePath(expression, sourceCode);
  if (!reference) return false;
  const paths = getEvidenceIndex(sourceCode).get(reference.root) ?? [];
  return paths.some(
    (path) => path.length >= reference.path.length && reference.path.every((name, index) => path[index] === name),
  );
}

function getEvidenceIndex(sourceCode: TSESLint.SourceCode): Map<ReferenceRoot, string[][]> {
  const cached = evidenceCache.get(sourceCode.ast);
  if (cached) return cached;
  const index = new Map<ReferenceRoot, string[][]>();
  const add = (objectNode: TSESTree.Node): void => {
    const reference = getReferencePath(objectNode, sourceCode);
    if (!reference) return;
    const paths = index.get(reference.root) ?? [];
    paths.push(reference.path);
    index.set(reference.root, paths);
  };

  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getMemberName(node);
      if (name !== undefined && isCredentialReadName(name, getObjectName(node.object)) && !isCallee(node)) add(node.object);
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && hasCredentialPatternKey(node.id)) {
      add(node.init);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && hasCredentialPatternKey(node.left)) {
      add(node.right);
    } else if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'in') {
      const key = node.left.type === AST_NODE_TYPES.Literal ? node.left.value : undefined;
      if (typeof key === 'string' && isCredentialReadName(key, undefined)) add(node.right);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const checked = getHasOwnPropertyTarget(node, sourceCode);
      if (checked) add(checked);
    }
  });
  evidenceCache.set(sourceCode.ast, index);
  return index;
}


function hasCredentialPatternKey(pattern: TSESTree.Node): boolean {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return pattern.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = getPropertyKeyName(property);
    return key !== undefined && isCredentialReadName(key, undefined);
  });
}

/**
 * Returns true when reading a property of this name shows that the object contains a credential. An `auth`
 * or `authData` object does not on its own (`config.auth.enabled`), only a credential read from it does
 * (`config.auth.token`).
 */
function isCredentialReadName(property: string, objectName: string | undefined): boolean {
  return isCredentialPropertyName(property, objectName) && !isAuthContainerName(property);
}

/** Returns `x` for `x.hasOwnProperty('token')`, `Object.hasOwn(x, 'token')` and `Object.prototype.hasOwnProperty.call(x, 'token')`. */
function getHasOwnPropertyTarget(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = getMemberName(callee);
  const [first, second] = call.arguments;
  const isCredentialArgument = (argument: TSESTree.Node | undefined): boolean => {
    const text = argument ? getStaticString(argument, sourceCode) : undefined;
    return text !== undefined && isCredentialReadName(text, undefined);
  };
  if (method === 'hasOwnProperty' && isCredentialArgument(first)) return callee.object;
  if (method === 'hasOwn' && isCredentialArgument(second)) return first;
  if (method === 'call' && getCalleeName(call) === 'Object.prototype.hasOwnProperty.call' && isCredentialArgument(second)) {
    return first;
  }
  return undefined;
}

/** Describes `a.b.c` as the variable `a` with path `['b', 'c']`; undefined for computed or call chains. */
function getReferencePath(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): ReferencePath | undefined {
  const path: string[] = [];
  let current = skipValueWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = skipValueWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
    return { root: variable ?? current.name, path };
  }
  if (current.type === AST_NODE_TYPES.ThisExpression) {
    return { root: getThisOwner(current), path };
  }
  return undefined;
}


// ---------------------------------------------------------------------------------------------------------
// Reads: where a value read from storage goes.

/** Methods that set a request header from a name and a value (`xhr.setRequestHeader`, `headers.set`, superagent `.set`). */
const HEADER_SETTERS = new Set(['setRequestHeader', 'set', 'append', 'setHeader', 'header']);

/** Calls whose result still carries their first argument's data (decoders and parsers of a stored string). */
const READ_PASS_THROUGH_CALLS = ['String', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'window.atob'];

/** A limit on the flow search, so that a file with many aliases cannot make it slow. */
const MAX_FLOW_STEPS = 200;

interface Carrier {
  node: TSESTree.Node;
  /** The carried value is an object (after `JSON.parse`, or from a library that stores objects). */
  parsed: boolean;
}

/**
 * Follows a value read from storage through `JSON.parse`, `await`, `??`/`||`, variables, destructuring,
 * `.then()` callbacks, properties and the return value of a function in the same file, and returns how it is
 * used as a credential: sent in an `Authorization` (or other credential) header, or a credential-named
 * property read from the parsed object. `parsed` says whether the read already returns an object.
 */
export function findCredentialUse(
  read: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  options: { parsed: boolean },
): CredentialUse | undefined {
  const queue: Carrier[] = [{ node: read, parsed: options.parsed }];
  const seen = new Set<TSESTree.Node>();
  const seenVariables = new Set<Variable>();
  let result: CredentialUse | undefined;

  const followVariable = (identifier: TSESTree.Node, parsed: boolean): void => {
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    if (!variable || seenVariables.has(variable)) return;
    seenVariables.add(variable);
    for (const reference of variable.references) {
      if (reference.isRead()) queue.push({ node: reference.identifier, parsed });
    }
  };

  // A binding such as the `user` in `const [user] = useLocalStorage('user')` stands for its references.
  if (read.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(read), read);
    if (variable?.identifiers.includes(read)) {
      queue.length = 0;
      followVariable(read, options.parsed);
    }
  }

  for (let steps = 0; queue.length > 0 && steps < MAX_FLOW_STEPS; steps++) {
    const carrier = queue.shift();
    if (!carrier || seen.has(carrier.node)) continue;
    seen.add(carrier.node);

    const { node: current, parsed } = climbPassThrough(carrier.node, carrier.parsed);
    if (isCredentialHeaderSink(current, sourceCode)) return 'authorization-header';
    const parent = current.parent;
    if (!parent) continue;

    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== current) break;
        const name = getMemberName(parent);
        if (name === 'then' && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
          const callback = parent.parent.arguments[0];
          if (callback && isFunctionNode(callback)) {
            const parameter = callback.params[0];
            if (parameter) {
              followPattern(parameter, parsed, queue, followVariable, () => {
                if (parsed) result ??= 'credential-property';
              });
            }
          }
          break;
        }
        if (isCallee(parent)) break;
        if (parsed && name !== undefined && isCredentialReadName(name, getObjectName(current))) result ??= 'credential-property';
        queue.push({ node: parent, parsed });
        break;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === current) {
          followPattern(parent.id, parsed, queue, followVariable, () => {
            if (parsed) result ??= 'credential-property';
          });
        }
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === current) {
          followPattern(parent.left, parsed, queue, followVariable, () => {
            if (parsed) result ??= 'credential-property';
          });
        }
        break;
      case AST_NODE_TYPES.ReturnStatement:
        for (const call of getCallsOfEnclosingFunction(parent, sourceCode)) queue.push({ node: call, parsed });
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === current) {
          for (const call of getCallsOfEnclosingFunction(current, sourceCode)) queue.push({ node: call, parsed });
        }
        break;
      default:
        break;
    }
  }
  return result;
}

/** Climbs over wrappers that pass a carried value on: `await`, `??`, `||`, `?:`, `JSON.parse()`, decoders. */
function climbPassThrough(node: TSESTree.Node, parsed: boolean): Carrier {
  let current = node;
  let isParsed = parsed;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current)
    ) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
      if (isCallTo(parent, ['JSON.parse'])) {
        isParsed = true;
        current = parent;
        continue;
      }
      if (isCallTo(parent, READ_PASS_THROUGH_CALLS)) {
        current = parent;
        continue;
      }
    }
    break;
  }
  return { node: current, parsed: isParsed };
}

/** Queues the variables bound by a pattern, and calls `onCredentialKey` for a credential property in it. */
function followPattern(
  pattern: TSESTree.Node,
  parsed: boolean,
  queue: Carrier[],
  followVariable: (identifier: TSESTree.Node, parsed: boolean) => void,
  onCredentialKey: () => void,
): void {
  if (pattern.type === AST_NODE_TYPES.Identifier) {
    followVariable(pattern, parsed);
  } else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) {
    followPattern(pattern.left, parsed, queue, followVariable, onCredentialKey);
  } else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = getPropertyKeyName(property);
      if (key !== undefined && isCredentialReadName(key, undefined)) onCredentialKey();
      followPattern(property.value, true, queue, followVariable, onCredentialKey);
    }
  }
}

/**
 * Returns true when a carried value (alone, in a template or concatenated) becomes the value of a
 * credential header: `{ Authorization: 'Bearer ' + t }`, `headers['x-access-token'] = t`,
 * `xhr.setRequestHeader('Authorization', t)`, `{ headers: { token: t } }`, or the `auth` option of an
 * HTTP client such as axios (`axios.get(url, { auth: t })`), which sends it as an `Authorization` header.
 */
function isCredentialHeaderSink(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let current = node;
  while (
    current.parent &&
    ((current.parent.type === AST_NODE_TYPES.BinaryExpression && current.parent.operator === '+') ||
      current.parent.type === AST_NODE_TYPES.TemplateLiteral ||
      (current.parent.type === AST_NODE_TYPES.CallExpression &&
        current.parent.arguments[0] === current &&
        isCallTo(current.parent, ['String'])))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (!parent) return false;

  if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = getPropertyKeyName(parent);
    if (key === 'auth' && isRequestOptions(parent.parent)) return true;
    return key !== undefined && (isCredentialHeaderName(key) || (isCredentialName(key) && isHeaderMap(parent.parent)));
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const key = getMemberName(parent.left);
    if (key === undefined) return false;
    return isCredentialHeaderName(key) || (isCredentialName(key) && getMemberName(asMember(parent.left.object)) === 'headers');
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === current && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = getMemberName(parent.callee);
    const header = parent.arguments[0] ? getStaticString(parent.arguments[0], sourceCode) : undefined;
    return method !== undefined && HEADER_SETTERS.has(method) && header !== undefined && isCredentialHeaderName(header);
  }
  return false;
}

function asMember(node: TSESTree.Node): TSESTree.MemberExpression {
  return node as TSESTree.MemberExpression;
}

/** Methods of an HTTP client that take request options after the URL (`axios.get(url, options)`). */
const REQUEST_OPTION_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/**
 * Returns true for an object literal passed as the options of a request: to `axios(options)`,
 * `axios.create(options)` or a request method of a client (`api.get('/me', options)`).
 */
function isRequestOptions(object: TSESTree.ObjectExpression): boolean {
  const call = object.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(object)) return false;
  const calleeName = getCalleeName(call);
  if (calleeName === 'axios' || calleeName?.startsWith('axios.')) return true;
  const method = getMethodName(call);
  return method !== undefined && REQUEST_OPTION_METHODS.has(method) && call.arguments[0] !== object;
}

/** Returns true for an object literal that is a request's header map: `{ headers: {...} }` or `new Headers({...})`. */
function isHeaderMap(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === object) return getPropertyKeyName(parent) === 'headers';
  return (
    parent.type === AST_NODE_TYPES.NewExpression &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'Headers'
  );
}



function isGlobalVariable(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable === null || variable.defs.length === 0;
}
