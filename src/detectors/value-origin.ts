/**
 * Finds where a stored value comes from, so that the origin decides before the name of the variable or
 * key that carries it. The search walks from the value to its nearest origin: through variables,
 * destructuring, `for…of` loops, `.then()` callbacks, property reads and string methods. The first origin
 * that is clearly one kind decides.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConstantInit } from '../util/ast-values.js';
import { getMemberName, getStaticString, skipTypeWrappers } from './credential-key.js';
import {
  isAuthStateName,
  isCredentialHeaderName,
  isCredentialName,
  isCryptoAssetName,
  isCryptoAssetUrl,
  isLoginOriginName,
  splitWords,
} from './credential-name.js';
import { getCalleeName, isCallTo, isFunctionNode } from './value-flow.js';

/**
 * The kind of place a value comes from:
 * - `login`: a login call, a request whose URL names a login (`/auth/refresh`), a credential response
 *   header, the URL fragment or query, a cookie string, or a state slice named like login data.
 * - `request`: any other request or response (`fetch(url)`, `res.json()`).
 * - `non-credential`: CSS, rendered text, a theme or lexer object, a part split from user input, an id
 *   or time the page makes itself, or a referral code from the page URL. Such a value is no credential
 *   whatever its name.
 * - `crypto-asset`: crypto-currency coin data (`getTokenBalances()`, a request for a token list or to a
 *   coin market API). Such a value is no credential either, and it is coin data under any key.
 * - `unknown`: anything else (parameters, globals, other calls). The name alone decides.
 *
 * A credential name on a `login` or `request` value always counts.
 */
export type ValueOrigin = 'login' | 'request' | 'non-credential' | 'crypto-asset' | 'unknown';

/** Returns true for an origin whose value is no credential whatever its name: `non-credential` or `crypto-asset`. */
export function isNonCredentialOrigin(origin: ValueOrigin): boolean {
  return origin === 'non-credential' || origin === 'crypto-asset';
}

/** Calls whose result the page makes itself, so it is never a login the server issued. */
const CLIENT_GENERATED_CALLS = [
  'crypto.randomUUID',
  'window.crypto.randomUUID',
  'self.crypto.randomUUID',
  'globalThis.crypto.randomUUID',
  'Date.now',
  'Math.random',
  'performance.now',
  'uuid',
  'uuidv4',
  'nanoid',
];

/** Calls that send a request and return its response (`fetch('/login')`, `axios.post(url)`). */
const REQUEST_CALLS = ['fetch', 'window.fetch', 'globalThis.fetch', 'self.fetch', 'axios', 'ky', 'got', '$.ajax', '$.post', '$.get'];

/** Methods that read a response: its body (`res.json()`, `res.text()`) or a response header. */
const RESPONSE_READ_METHODS = new Set(['json', 'text', 'getResponseHeader', 'getAllResponseHeaders']);

/** Methods of an HTTP client that send a request when their first argument is a URL (`client.post('/login')`). */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'request', 'fetch']);

/** Properties of a request object that hold the response text (`xhr.responseText`). */
const RESPONSE_PROPERTIES = new Set(['responseText', 'responseJSON']);

/** Properties of `location` (or `window.location`, `document.location`) that contain the URL of a login redirect. */
const URL_PROPERTIES = new Set(['hash', 'search', 'href']);

/** Methods that read CSS from the page (`getComputedStyle(el).getPropertyValue('--brand')`). */
const CSS_READ_METHODS = new Set(['getComputedStyle', 'getPropertyValue']);

/** Properties that hold text rendered in the page. */
const PAGE_TEXT_PROPERTIES = new Set(['textContent', 'innerText']);

/**
 * Words in a function or object name that mark CSS, theme or lexer values (`getCssVar`, `theme.tokens`,
 * `lexer.tokenize`, `tokenize(source)`).
 */
const STYLE_WORDS = new Set([
  'css',
  'style',
  'styles',
  'theme',
  'design',
  'palette',
  'color',
  'colors',
  'colour',
  'colours',
  'font',
  'fonts',
  'spacing',
  'typography',
  'lexer',
  'syntax',
  'tokenize',
  'tokenizer',
]);

/**
 * Words in the name of a string that may carry a credential, so that a part split from it may be one: an
 * `Authorization` header, a cookie string, a URL fragment or query from a login redirect, a response.
 */
const CREDENTIAL_SOURCE_WORDS = new Set([
  'auth',
  'authorization',
  'bearer',
  'header',
  'headers',
  'cookie',
  'cookies',
  'jwt',
  'token',
  'tokens',
  'credential',
  'credentials',
  'session',
  'hash',
  'fragment',
  'search',
  'href',
  'url',
  'query',
  'location',
  'response',
  'res',
  'data',
  'body',
]);

/** Words in the name of a string that the user typed or the page shows (`input`, `commandText`, `src`). */
const USER_TEXT_WORDS = new Set([
  'input',
  'text',
  'command',
  'cmd',
  'src',
  'source',
  'line',
  'keyword',
  'keywords',
  'term',
  'word',
  'words',
  'sentence',
  'message',
  'prompt',
  'expression',
  'formula',
]);

/** Methods that split or match a string, whose result is a part of the string they are called on. */
const STRING_SPLIT_METHODS = new Set(['split', 'match', 'matchAll']);

/** Methods whose result is the text, or a part of the text, of the value they are called on. */
const STRING_PART_METHODS = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'slice',
  'substring',
  'substr',
  'at',
  'replace',
  'replaceAll',
]);

/** Calls whose result still contains their first argument's text: encoders, decoders and parsers. */
const PASS_THROUGH_CALLS = [
  'JSON.stringify',
  'JSON.parse',
  'String',
  'encodeURIComponent',
  'encodeURI',
  'decodeURIComponent',
  'decodeURI',
  'escape',
  'unescape',
  'btoa',
  'atob',
  'window.btoa',
  'window.atob',
  'Buffer.from',
];

/** Promise methods whose callbacks receive, and whose result carries, what the promise they are called on resolves to. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

const MAX_ORIGIN_DEPTH = 10;

/**
 * Returns the nearest origin of a value that is clearly one kind (see `ValueOrigin`). A login origin wins
 * over style, analytics and crypto asset words around it (`designApi.auth.login(form)` is a login), and a
 * value whose origin is unknown gets `unknown`, so that its name decides.
 */
export function getValueOrigin(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth = 0): ValueOrigin {
  if (depth > MAX_ORIGIN_DEPTH) return 'unknown';
  const expression = skipValueWrappers(node);

  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return getIdentifierOrigin(expression, sourceCode, depth);
    case AST_NODE_TYPES.MemberExpression:
      return getMemberOrigin(expression, sourceCode, depth);
    case AST_NODE_TYPES.CallExpression:
      return getCallOrigin(expression, sourceCode, depth);
    default:
      return 'unknown';
  }
}

function getIdentifierOrigin(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode, depth: number): ValueOrigin {
  const declarator = getSingleDeclarator(identifier, sourceCode);
  let origin: ValueOrigin = 'unknown';
  if (declarator?.init) {
    // A destructured variable (`const { token } = await res.json()`) comes from the destructured value.
    origin = getValueOrigin(declarator.init, sourceCode, depth + 1);
  } else if (declarator?.parent.parent?.type === AST_NODE_TYPES.ForOfStatement) {
    // The loop variable of `for (const token of lexer.tokenize(src))` comes from what the loop iterates.
    origin = getValueOrigin(declarator.parent.parent.right, sourceCode, depth + 1);
  } else {
    const promise = getPromiseOfCallbackParameter(identifier, sourceCode);
    if (promise) origin = getValueOrigin(promise, sourceCode, depth + 1);
  }
  if (origin !== 'unknown') return origin;
  if (hasAnyWord(identifier.name, STYLE_WORDS)) return 'non-credential';
  return isCryptoAssetName(identifier.name) ? 'crypto-asset' : 'unknown';
}

function getMemberOrigin(member: TSESTree.MemberExpression, sourceCode: TSESLint.SourceCode, depth: number): ValueOrigin {
  const property = getMemberName(member);
  const objectNames = getReferenceNames(member.object);
  if (property !== undefined) {
    if (PAGE_TEXT_PROPERTIES.has(property)) return 'non-credential';
    if (RESPONSE_PROPERTIES.has(property)) return 'login';
    if (URL_PROPERTIES.has(property) && objectNames.at(-1) === 'location') return 'login';
    if (property === 'cookie' && objectNames.join('.') === 'document') return 'login';
    if (property === 'URL' && objectNames.join('.') === 'document') return 'login';
    if (isStateRead(member.object) && isAuthStateName(property)) return 'login';
  }
  const origin = getValueOrigin(member.object, sourceCode, depth + 1);
  if (origin !== 'unknown') return origin;
  if (objectNames.some((name) => hasAnyWord(name, STYLE_WORDS))) return 'non-credential';
  // `tokenList.tokens` and `chain.tokens` are coins, and so is `tokens` read from `list`.
  return isCryptoAssetName([...objectNames, property ?? ''].join(' ')) ? 'crypto-asset' : 'unknown';
}

function getCallOrigin(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode, depth: number): ValueOrigin {
  if (isCallTo(call, CLIENT_GENERATED_CALLS)) return 'non-credential';
  if (isPageUrlCredentialParameter(call, sourceCode)) return 'login';
  if (isPageUrlReferralParameter(call, sourceCode)) return 'non-credential';
  if (isCallTo(call, PASS_THROUGH_CALLS)) {
    const argument = call.arguments[0];
    return argument === undefined ? 'unknown' : getValueOrigin(argument, sourceCode, depth + 1);
  }
  const requestOrigin = getRequestOrigin(call, sourceCode, depth);
  if (requestOrigin !== undefined) return requestOrigin;

  const method = getMethodName(call);
  const calleeName = getCalleeName(call) ?? method;
  // `getTokenBalances(address)` returns coins, although `token` alone in a call name marks a login.
  if (calleeName !== undefined && isCryptoAssetName(calleeName)) return 'crypto-asset';
  if (calleeName !== undefined && isLoginOriginName(calleeName)) return 'login';

  const callee = skipTypeWrappers(call.callee);
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
  if (receiver && method !== undefined && PROMISE_METHODS.has(method)) return getValueOrigin(receiver, sourceCode, depth + 1);

  if (calleeName !== undefined && (CSS_READ_METHODS.has(calleeName) || hasAnyWord(calleeName, STYLE_WORDS))) return 'non-credential';
  if (method !== undefined && CSS_READ_METHODS.has(method)) return 'non-credential';
  if (!receiver || method === undefined) return 'unknown';

  if (STRING_SPLIT_METHODS.has(method)) {
    const origin = getValueOrigin(receiver, sourceCode, depth + 1);
    if (origin !== 'unknown') return origin;
    const names = getReferenceNames(skipStringParts(receiver));
    if (names.some((name) => hasAnyWord(name, CREDENTIAL_SOURCE_WORDS))) return 'unknown';
    return names.some((name) => hasAnyWord(name, USER_TEXT_WORDS)) ? 'non-credential' : 'unknown';
  }
  if (STRING_PART_METHODS.has(method)) return getValueOrigin(receiver, sourceCode, depth + 1);
  return 'unknown';
}

/**
 * Returns the origin of a call that sends a request or reads its response, or undefined for any other call.
 * A request is sent by `fetch`, axios or an HTTP client method called with a URL (`client.post('/login')`),
 * and its origin follows from the URL (see `getUrlOrigin`). A response is read by `res.json()`, `res.text()`,
 * `xhr.getResponseHeader(name)` or `res.headers.get(name)`, whose origin is that of the response, and `login`
 * for a credential header (`Authorization`).
 */
function getRequestOrigin(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode, depth: number): ValueOrigin | undefined {
  const url = call.arguments[0];
  const calleeName = getCalleeName(call);
  if (isCallTo(call, REQUEST_CALLS) || calleeName?.startsWith('axios.')) {
    return url === undefined ? 'request' : getUrlOrigin(url, sourceCode);
  }

  const method = getMethodName(call);
  if (method === undefined) return undefined;
  const callee = skipTypeWrappers(call.callee) as TSESTree.MemberExpression;
  const isHeaderRead = method === 'get' && getReferenceNames(callee.object).at(-1) === 'headers';
  if (RESPONSE_READ_METHODS.has(method) || isHeaderRead) {
    const header = url === undefined ? undefined : getStaticString(url, sourceCode);
    if (header !== undefined && isCredentialHeaderName(header)) return 'login';
    const response = isHeaderRead && callee.object.type === AST_NODE_TYPES.MemberExpression ? callee.object.object : callee.object;
    const origin = getValueOrigin(response, sourceCode, depth + 1);
    return origin === 'unknown' ? 'request' : origin;
  }

  if (!REQUEST_METHODS.has(method) || url === undefined) return undefined;
  const start = getUrlStart(url, sourceCode);
  return start !== undefined && /^(?:\/|https?:)/i.test(start) ? getUrlOrigin(url, sourceCode) : undefined;
}

/**
 * Judges a request by the words of its URL: crypto asset data (`https://tokens.example/list.json`,
 * `/api/prices`, `/api/v3/coins/${id}`) is `crypto-asset`, a login URL (`/auth/refresh`, `/oauth/token`) is `login`, and any
 * other URL, or one whose text is unknown, is `request`. The URL is read from its string, the static parts
 * and the names in a template (`${API}/auth/refresh`), or the name of the constant that contains it
 * (`TOKEN_LIST_URL`).
 */
function getUrlOrigin(url: TSESTree.Node, sourceCode: TSESLint.SourceCode): ValueOrigin {
  const text = getUrlText(url, sourceCode);
  if (text === undefined) return 'request';
  if (isCryptoAssetUrl(text)) return 'crypto-asset';
  return isLoginOriginName(text) ? 'login' : 'request';
}

function getUrlText(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth = 0): string | undefined {
  if (depth > MAX_ORIGIN_DEPTH) return undefined;
  const expression = skipValueWrappers(node);
  const known = getStaticString(expression, sourceCode);
  if (known !== undefined) return known;
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts = expression.quasis.map((quasi, index) => {
      const part = expression.expressions[index];
      return [quasi.value.cooked ?? '', part ? (getUrlText(part, sourceCode, depth + 1) ?? '') : ''].join(' ');
    });
    return parts.join(' ');
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    const left = getUrlText(expression.left, sourceCode, depth + 1) ?? '';
    return `${left} ${getUrlText(expression.right, sourceCode, depth + 1) ?? ''}`;
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    // A `const` is judged by its initializer (a template such as `${API}/auth/refresh`), an opaque one by its name.
    const init = getSingleDeclarator(expression, sourceCode)?.init;
    if (init) return getUrlText(init, sourceCode, depth + 1) ?? expression.name;
  }
  const names = getReferenceNames(expression);
  return names.length > 0 ? names.join(' ') : undefined;
}

/** Returns the static start of a URL argument: the whole string, or the text before a template's first `${}`. */
function getUrlStart(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked ?? undefined;
  return getStaticString(node, sourceCode);
}

/** Returns true for the state of a store: `store.getState()`, `getState()`, `useStore.getState()`. */
function isStateRead(node: TSESTree.Node): boolean {
  const expression = skipValueWrappers(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(expression) ?? getMethodName(expression);
  return name !== undefined && splitWords(name).join(' ').endsWith('get state');
}

/**
 * Returns the promise that a callback parameter receives the result of: `fetch(url).then((r) => r.json())`
 * for `tokens` in `fetch(url).then((r) => r.json()).then((tokens) => …)`.
 */
function getPromiseOfCallbackParameter(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Parameter' || !isFunctionNode(definition.node)) return undefined;
  const callback = definition.node;
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== callback || callback.params[0] !== definition.name) {
    return undefined;
  }
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getMemberName(callee) !== 'then') return undefined;
  return callee.object;
}

/** Calls that return a value derived from their first argument (`decodeURIComponent(location.hash)`). */
const URL_DECODING_CALLS = ['decodeURIComponent', 'decodeURI', 'Object.fromEntries'];

/** Constructors that parse a URL or a query string (`new URLSearchParams(location.hash.slice(1))`). */
const URL_PARSERS = new Set(['URL', 'URLSearchParams']);

/**
 * Returns true when a value is read from the page's own URL: `location.hash`, `location.search`,
 * `location.href` or `document.URL`, directly or through `const` variables, methods called on it
 * (`.slice(1)`, `.get('access_token')`), `URL`, `URLSearchParams`, `decodeURIComponent` and the other calls of
 * `PASS_THROUGH_CALLS` (`String(…)`). `new URL(…)` may also take the location object or its text. Such a token
 * came with a redirect (an OAuth implicit flow, a magic link), not with a response that could set a cookie.
 */
export function isPageUrlValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth = 0): boolean {
  if (depth > MAX_ORIGIN_DEPTH) return false;
  const expression = skipValueWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const init = getSingleDeclarator(expression, sourceCode)?.init;
      return init ? isPageUrlValue(init, sourceCode, depth + 1) : false;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const property = getMemberName(expression);
      const objectNames = getReferenceNames(expression.object);
      if (property !== undefined && URL_PROPERTIES.has(property) && objectNames.at(-1) === 'location') return true;
      if (property === 'URL' && objectNames.join('.') === 'document') return true;
      return isPageUrlValue(expression.object, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.CallExpression: {
      const argument = expression.arguments[0];
      if (isCallTo(expression, URL_DECODING_CALLS) || isCallTo(expression, PASS_THROUGH_CALLS)) {
        return argument !== undefined && isPageUrlValue(argument, sourceCode, depth + 1);
      }
      const callee = skipTypeWrappers(expression.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && isPageUrlValue(callee.object, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.NewExpression: {
      const argument = expression.arguments[0];
      const isParser = expression.callee.type === AST_NODE_TYPES.Identifier && URL_PARSERS.has(expression.callee.name);
      if (!isParser || argument === undefined) return false;
      // `new URL(location)` and `new URL(location.toString())` read the URL from the location object itself.
      return isPageLocation(argument, sourceCode) || isPageUrlText(argument, sourceCode, depth + 1) || isPageUrlValue(argument, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

/** Paths of the page's global `location` object. */
const PAGE_LOCATION_PATHS = new Set([
  'location',
  'window.location',
  'globalThis.location',
  'self.location',
  'document.location',
  'window.document.location',
]);

/** Paths of the page's global `document` object, whose `URL` property is the page URL. */
const PAGE_DOCUMENT_PATHS = new Set(['document', 'window.document', 'globalThis.document']);

/** String methods that cut the leading `#` or `?` off a part of the page URL (`location.hash.slice(1)`). */
const URL_TRIM_METHODS = new Set(['slice', 'substring', 'substr', 'replace']);

/** Paths of the global functions that decode a URL or a part of it, whose result still contains the parameters. */
const URL_DECODER_PATHS = new Set(
  ['', 'window.', 'globalThis.', 'self.'].flatMap((prefix) => [`${prefix}decodeURIComponent`, `${prefix}decodeURI`]),
);

/**
 * First words of the page URL parameters that carry a referral code (`ref`, `ref_token`, `referral_code`,
 * `referrer`). Shared and affiliate links add them, while OAuth redirects name their tokens in full
 * (`access_token`, `id_token`).
 */
const REFERRAL_PARAMETER_WORDS = new Set(['ref', 'referral', 'referrer']);

/**
 * Returns true for a read of a page URL parameter whose name is a credential name (see `isCredentialName`):
 * `new URLSearchParams(location.hash.slice(1)).get('access_token')`, `new URL(document.URL).searchParams.get('token')`.
 * Such a value arrived with a login redirect or a sign-in link, so it is a credential whatever it is stored under.
 * An OAuth `code` does not count: it is a one-time grant that the server exchanges, and the same name is common
 * for promotion, country and error codes. A referral parameter (`ref_token`) does not count either.
 */
export function isPageUrlCredentialParameter(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const name = getPageUrlParameterName(call, sourceCode);
  return name !== undefined && isCredentialName(name) && !isReferralParameterName(name);
}

/** Returns true for a read of a page URL parameter that carries a referral code (`params.get('ref_token')`). */
function isPageUrlReferralParameter(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const name = getPageUrlParameterName(call, sourceCode);
  return name !== undefined && isReferralParameterName(name);
}

/**
 * Returns true when a value is a page URL parameter that carries a referral code: the read itself
 * (`params.get('ref_token')`, also decoded) or a same-file constant that contains it. Such a value is a
 * referral code under any storage key, `refToken` included.
 */
export function isPageUrlReferralValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let current = skipValueWrappers(node);
  for (let depth = 0; depth < MAX_ORIGIN_DEPTH && current.type === AST_NODE_TYPES.Identifier; depth++) {
    const init = getConstantInit(sourceCode.scopeManager, current);
    if (!init) return false;
    current = skipValueWrappers(init);
  }
  return current.type === AST_NODE_TYPES.CallExpression && isPageUrlReferralParameter(current, sourceCode);
}

function isReferralParameterName(name: string): boolean {
  return REFERRAL_PARAMETER_WORDS.has(splitWords(name)[0] ?? '');
}

/**
 * Returns the parameter name of a `.get(name)` call on the search parameters of the page URL, or undefined for
 * any other call. The parameters come from `new URLSearchParams(<page URL part>)` or `new URL(<page URL>).searchParams`,
 * directly, through a `const` or destructured (`const { searchParams } = new URL(location.href)`). The page URL
 * is read from the global `location` (also through `window`, `globalThis`, `self` or `document`) or `document.URL`,
 * and `URL` and `URLSearchParams` must be the globals too, so a local that shadows one of them does not count.
 * The call may be wrapped in the global `decodeURIComponent` or `decodeURI`, which keep the parameter's value.
 */
export function getPageUrlParameterName(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): string | undefined {
  const read = skipUrlDecoders(call, sourceCode);
  if (read.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipTypeWrappers(read.callee);
  const argument = read.arguments[0];
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getMemberName(callee) !== 'get' || argument === undefined) return undefined;
  const name = getStaticString(argument, sourceCode);
  return name !== undefined && isPageUrlSearchParams(callee.object, sourceCode, 0) ? name : undefined;
}

/** Returns what calls of the global `decodeURIComponent` and `decodeURI` decode: `x` for `decodeURIComponent(x)`. */
function skipUrlDecoders(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Node {
  let current = skipValueWrappers(node);
  for (let depth = 0; depth <= MAX_ORIGIN_DEPTH; depth++) {
    const decoded = current.type === AST_NODE_TYPES.CallExpression ? getUrlDecoderArgument(current, sourceCode) : undefined;
    if (decoded === undefined) break;
    current = skipValueWrappers(decoded);
  }
  return current;
}

/**
 * Returns the argument of a call of the global `decodeURIComponent` or `decodeURI` (also through `window`,
 * `globalThis` or `self`), or undefined for any other call, a call of a local of that name included.
 */
export function getUrlDecoderArgument(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const path = getGlobalPath(call.callee, sourceCode);
  return path !== undefined && URL_DECODER_PATHS.has(path) ? call.arguments[0] : undefined;
}

function isPageUrlSearchParams(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_ORIGIN_DEPTH) return false;
  const expression = skipValueWrappers(node);
  if (expression.type === AST_NODE_TYPES.NewExpression) {
    const argument = expression.arguments[0];
    return isGlobalConstructor(expression, 'URLSearchParams', sourceCode) && argument !== undefined && isPageUrlText(argument, sourceCode, depth + 1);
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    return getMemberName(expression) === 'searchParams' && isPageUrlObject(expression.object, sourceCode, depth + 1);
  }
  if (expression.type !== AST_NODE_TYPES.Identifier) return false;
  const declarator = getSingleDeclarator(expression, sourceCode);
  if (!declarator?.init) return false;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return isPageUrlSearchParams(declarator.init, sourceCode, depth + 1);
  // `const { searchParams } = new URL(window.location.href)`
  return getDestructuredKey(declarator.id, expression.name) === 'searchParams' && isPageUrlObject(declarator.init, sourceCode, depth + 1);
}

/** Returns true for `new URL(<page URL>)`, directly or through a `const`. */
function isPageUrlObject(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_ORIGIN_DEPTH) return false;
  const expression = skipValueWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const declarator = getSingleDeclarator(expression, sourceCode);
    return declarator?.id.type === AST_NODE_TYPES.Identifier && declarator.init !== null && isPageUrlObject(declarator.init, sourceCode, depth + 1);
  }
  if (expression.type !== AST_NODE_TYPES.NewExpression || !isGlobalConstructor(expression, 'URL', sourceCode)) return false;
  const argument = expression.arguments[0];
  if (argument === undefined) return false;
  // `new URL(location)` reads the URL from the location object itself.
  return isPageLocation(argument, sourceCode) || isPageUrlText(argument, sourceCode, depth + 1);
}

/** Returns true for the page's global `location` object (`location`, `window.location`, `document.location`). */
function isPageLocation(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const path = getGlobalPath(node, sourceCode);
  return path !== undefined && PAGE_LOCATION_PATHS.has(path);
}

/**
 * Returns true for the text of the page URL or of its query or fragment: `location.href`, `location.search`,
 * `window.location.hash.slice(1)`, `document.URL`, `location.hash.replace('#', '')`, or a `const` holding one.
 * The location object turned into text counts as its `href` (`location.toString()`, `String(location)`,
 * `` `${location}` ``), and so does any of these passed to the global `decodeURIComponent` or `decodeURI`.
 */
function isPageUrlText(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_ORIGIN_DEPTH) return false;
  const expression = skipValueWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const declarator = getSingleDeclarator(expression, sourceCode);
      return declarator?.id.type === AST_NODE_TYPES.Identifier && declarator.init !== null && isPageUrlText(declarator.init, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const path = getGlobalPath(expression, sourceCode);
      if (path === undefined) return false;
      const separator = path.lastIndexOf('.');
      const object = path.slice(0, separator);
      const property = path.slice(separator + 1);
      return (PAGE_LOCATION_PATHS.has(object) && URL_PROPERTIES.has(property)) || (PAGE_DOCUMENT_PATHS.has(object) && property === 'URL');
    }
    case AST_NODE_TYPES.CallExpression: {
      const argument = expression.arguments[0];
      const decoded = getUrlDecoderArgument(expression, sourceCode);
      if (decoded !== undefined) return isPageUrlTextOrLocation(decoded, sourceCode, depth + 1);
      if (isGlobalStringCall(expression, sourceCode)) return argument !== undefined && isPageUrlTextOrLocation(argument, sourceCode, depth + 1);
      const callee = skipTypeWrappers(expression.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getMemberName(callee);
      if (method === 'toString' && argument === undefined) return isPageUrlTextOrLocation(callee.object, sourceCode, depth + 1);
      return method !== undefined && URL_TRIM_METHODS.has(method) && isPageUrlText(callee.object, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      // A template with no text around its one expression (`${location}`) is that expression's text.
      const [part] = expression.expressions;
      const isBare = expression.expressions.length === 1 && expression.quasis.every((quasi) => quasi.value.cooked === '');
      return isBare && part !== undefined && isPageUrlTextOrLocation(part, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

function isPageUrlTextOrLocation(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  return isPageLocation(node, sourceCode) || isPageUrlText(node, sourceCode, depth);
}

/** Returns true for a call of the global `String`, not of a local of that name. */
function isGlobalStringCall(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && isGlobalIdentifier(callee, sourceCode);
}

/**
 * Returns the dotted path of a chain of named property reads that starts at a global variable the file does
 * not declare (`window.location.hash`), or undefined for any other expression.
 */
function getGlobalPath(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  const names: string[] = [];
  let current = skipValueWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(current);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = skipValueWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier || !isGlobalIdentifier(current, sourceCode)) return undefined;
  return [current.name, ...names].join('.');
}

/** Returns true for `new <name>(…)` where `name` is the global constructor, not a local of that name. */
function isGlobalConstructor(expression: TSESTree.NewExpression, name: string, sourceCode: TSESLint.SourceCode): boolean {
  const callee = skipTypeWrappers(expression.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === name && isGlobalIdentifier(callee, sourceCode);
}

/** Returns true when an identifier refers to a global that the file does not declare, import or take as a parameter. */
function isGlobalIdentifier(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable === null || variable.defs.length === 0;
}

/** Returns the key that an object pattern binds `name` under: `searchParams` for `{ searchParams: name }`. */
function getDestructuredKey(pattern: TSESTree.Node, name: string): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type !== AST_NODE_TYPES.Identifier || value.name !== name) continue;
    if (property.key.type === AST_NODE_TYPES.Identifier && !property.computed) return property.key.name;
    return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
  }
  return undefined;
}

/**
 * Returns the declarator of a variable that is bound once and never reassigned (`const`, or a `let` without
 * later writes), including the loop variable of a `for…of`.
 */
export function getSingleDeclarator(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESTree.VariableDeclarator | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0];
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return definition.node;
}

/** Returns the name of the method a call invokes (`split` in `input.split(' ')`), or undefined. */
export function getMethodName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : undefined;
}

/** Returns the string that string-part calls are made on: `input` for `input.trim().toLowerCase()`. */
function skipStringParts(node: TSESTree.Node): TSESTree.Node {
  let current = skipValueWrappers(node);
  for (;;) {
    if (current.type !== AST_NODE_TYPES.CallExpression) return current;
    const method = getMethodName(current);
    const callee = skipTypeWrappers(current.callee);
    if (method === undefined || !STRING_PART_METHODS.has(method) || callee.type !== AST_NODE_TYPES.MemberExpression) return current;
    current = skipValueWrappers(callee.object);
  }
}

/** Returns the names along a reference chain: `['window', 'location', 'hash']` for `window.location.hash`. */
function getReferenceNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current = skipValueWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(current);
    if (name !== undefined) names.unshift(name);
    current = skipValueWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.unshift(current.name);
  return names;
}

function hasAnyWord(name: string, words: ReadonlySet<string>): boolean {
  return splitWords(name).some((word) => words.has(word));
}

/** Skips type wrappers, `await` and optional chains, which leave the value as it is. */
export function skipValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = skipTypeWrappers(current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression);
  }
  return current;
}
