/**
 * Finds login credentials that JavaScript writes to cookies: `document.cookie = "token=..."`, js-cookie,
 * universal-cookie, react-cookie and nookies in browser code. `document` may be reached through `window.`
 * or an alias, and the write may sit in a helper function of the same file that takes the cookie name as a
 * parameter. A cookie written by a script can never be HttpOnly, so any script on the page can read it back.
 * A Vuex or Pinia store whose persisted-state plugin gets a storage object that writes through one of these
 * APIs (`storage: { setItem: (key, value) => Cookies.set(key, value) }`) counts when its persisted state
 * contains a credential, as persisted-store.ts judges it.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CALL, CONSTRUCT, createReferenceTracker, READ } from '../util/reference-tracker.js';
import {
  getMemberName,
  getPartialKeyText,
  getStaticString,
  isAllowedKey,
  isCredentialKey,
  isCredentialPartialKey,
  resolveCredentialKey,
  skipTypeWrappers,
} from './credential-key.js';
import { classifyStoredValue, isEmptyValue, isLiteralFlag, type StoredValueContext, type StoredValueKind } from './credential-value.js';
import { collectCustomStoragePersistedStores } from './persisted-store.js';
import {
  getCallsOfFunction,
  getCalleeName,
  isCallee,
  isFunctionNode,
  iterateValueUses,
  walk,
  type FunctionNode,
} from './value-flow.js';

export type CookieApi = 'document.cookie' | 'js-cookie' | 'universal-cookie' | 'react-cookie' | 'nookies';

/** `remove` is a write that deletes the cookie: an empty value, `max-age=0`, an expiry in the past, or a remove call. */
export type CookieKind = 'write' | 'remove';

/**
 * Why a cookie write counts: `name` (the cookie name names a credential), `value` (the value is a
 * credential), `same-name-as-credential-write` (the file writes a credential value under the same name),
 * `persisted-store-state` (a persisted Vue store writes a state with a credential through it).
 */
export type CookieFindingReason = 'name' | 'value' | 'same-name-as-credential-write' | 'persisted-store-state';

export interface CookieFinding {
  /** The node to report: the assignment to `document.cookie`, the library call, or the call of a cookie helper. */
  readonly node: TSESTree.Node;
  /** The assignment or library call that writes the cookie (inside the helper when `node` is a helper call). */
  readonly accessNode: TSESTree.Node;
  readonly kind: CookieKind;
  readonly api: CookieApi;
  /** `cookie` for `document.cookie`, otherwise the function or method name (`set`, `setCookie`, a helper's name). */
  readonly method: string;
  /** The expression that gives the cookie name, when the name is not part of a literal cookie string. */
  readonly nameNode?: TSESTree.Node;
  /** The cookie name when it is known. */
  readonly name?: string;
  /** The expression written as the value (the credential part of a `document.cookie` string). */
  readonly valueNode?: TSESTree.Node;
  readonly reason: CookieFindingReason;
  /** For `persisted-store-state`: the plugin and the first state entry that contains a credential. */
  readonly persistedStore?: { readonly plugin: string; readonly state: string };
}

export interface JsCookieOptions {
  /** Extra regular expressions (source strings, case-insensitive) for cookie names that hold credentials. */
  readonly extraNamePatterns?: readonly string[];
  /** Cookie names that are never reported, compared case-insensitively after trimming. */
  readonly allowedNames?: readonly string[];
}

/** Finds every credential written to a cookie from JavaScript in a file, in source order. */
export function findJsCookieCredentials(sourceCode: TSESLint.SourceCode, options: JsCookieOptions = {}): CookieFinding[] {
  const accesses = [...collectDocumentCookieWrites(sourceCode), ...collectLibraryWrites(sourceCode)];
  const findings = [
    ...judgeCookieWrites(expandHelperCalls(accesses, sourceCode), sourceCode, options),
    ...findPersistedStoreWrites(accesses, sourceCode),
  ];
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * Finds the persisted Vue stores whose storage object's `setItem(key, value)` writes its `value` parameter
 * to a cookie. The plugin calls `setItem`, so the write has no call in the file for `expandHelperCalls` to
 * follow. Each store is reported at its `createPersistedState(…)` call or `persist` property.
 */
function findPersistedStoreWrites(writes: readonly CookieWrite[], sourceCode: TSESLint.SourceCode): CookieFinding[] {
  if (writes.length === 0) return [];
  const findings: CookieFinding[] = [];
  for (const store of collectCustomStoragePersistedStores(sourceCode)) {
    const write = writes.find(
      (candidate) =>
        candidate.kind === 'write' &&
        candidate.valueNodes.some((valueNode) => {
          const parameter = getParameterInfo(unwrapEncoding(valueNode), sourceCode);
          return parameter?.fn === store.setItem && parameter.index === 1;
        }),
    );
    if (!write) continue;
    findings.push({
      node: store.node,
      accessNode: write.accessNode,
      kind: 'write',
      api: write.api,
      method: write.method,
      reason: 'persisted-store-state',
      persistedStore: { plugin: store.plugin, state: store.persistedState },
    });
  }
  return findings;
}

/** One cookie write before it is judged. */
interface CookieWrite {
  node: TSESTree.Node;
  accessNode: TSESTree.Node;
  kind: CookieKind;
  api: CookieApi;
  method: string;
  nameNode?: TSESTree.Node;
  staticName?: string;
  /** For `document.cookie` strings whose name is only partly known: its known text and unknown expressions, in order. */
  partialName?: readonly (string | TSESTree.Node)[];
  valueNodes: TSESTree.Node[];
  /** A literal value from a cookie string, judged as a literal would be. */
  literalValue?: string;
}

// ---------------------------------------------------------------------------------------------------------
// document.cookie

const DOCUMENT_TRACE_MAP = { document: { cookie: { [READ]: true } } };

function collectDocumentCookieWrites(sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as never);
  const writes: CookieWrite[] = [];
  for (const { node } of tracker.iterateGlobalReferences(DOCUMENT_TRACE_MAP)) {
    let target: TSESTree.Node = node as TSESTree.Node;
    while (target.parent?.type === AST_NODE_TYPES.TSNonNullExpression || target.parent?.type === AST_NODE_TYPES.TSAsExpression) {
      target = target.parent;
    }
    const assignment = target.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== target) continue;
    const write = parseCookieAssignment(assignment, sourceCode);
    if (write) writes.push(write);
  }
  return writes;
}

type CookiePart = { text: string } | { node: TSESTree.Node };

/** Splits `document.cookie = <string>` into the cookie name, the value and the attributes. */
function parseCookieAssignment(assignment: TSESTree.AssignmentExpression, sourceCode: TSESLint.SourceCode): CookieWrite | undefined {
  const parts = flattenString(assignment.right, sourceCode, 0);
  const nameParts: CookiePart[] = [];
  const valueParts: CookiePart[] = [];
  const attributeParts: CookiePart[] = [];
  const sections = { name: nameParts, value: valueParts, attributes: attributeParts };
  let section: keyof typeof sections = 'name';

  for (const part of parts) {
    if (!('text' in part)) {
      sections[section].push(part);
      continue;
    }
    let text = part.text;
    if (section === 'name') {
      const equals = text.indexOf('=');
      if (equals === -1) {
        nameParts.push({ text });
        continue;
      }
      nameParts.push({ text: text.slice(0, equals) });
      text = text.slice(equals + 1);
      section = 'value';
    }
    if (section === 'value') {
      const semicolon = text.indexOf(';');
      if (semicolon === -1) {
        valueParts.push({ text });
        continue;
      }
      valueParts.push({ text: text.slice(0, semicolon) });
      text = text.slice(semicolon);
      section = 'attributes';
    }
    attributeParts.push({ text });
  }
  // Without a literal `=` the whole cookie string comes from elsewhere (`document.cookie = cookieString`).
  if (section === 'name') return undefined;

  const write: CookieWrite = {
    node: assignment,
    accessNode: assignment,
    kind: isDeletingCookie(attributeParts, sourceCode) ? 'remove' : 'write',
    api: 'document.cookie',
    method: 'cookie',
    valueNodes: [],
  };

  const nameNodes = nameParts.filter((part): part is { node: TSESTree.Node } => 'node' in part);
  const nameText = nameParts.map((part) => ('text' in part ? part.text : ' ')).join('');
  if (nameNodes.length === 0) {
    write.staticName = nameText.trim();
  } else if (nameNodes.length === 1 && nameText.trim() === '') {
    write.nameNode = nameNodes[0]?.node;
  } else {
    write.partialName = nameParts.map((part) => ('text' in part ? part.text : part.node));
  }

  write.valueNodes = valueParts.filter((part): part is { node: TSESTree.Node } => 'node' in part).map((part) => part.node);
  if (write.valueNodes.length === 0) {
    write.literalValue = valueParts.map((part) => ('text' in part ? part.text : '')).join('').trim();
  }
  return write;
}

/** Returns true when the attributes expire the cookie: `max-age=0`, a negative max-age, or an expiry in 1970. */
function isDeletingCookie(attributeParts: CookiePart[], sourceCode: TSESLint.SourceCode): boolean {
  const text = attributeParts.map((part) => ('text' in part ? part.text : sourceCode.getText(part.node))).join('');
  return /max-age\s*=\s*(?:0|-\d+)\b/i.test(text) || /expires\s*=[^;]*(?:1970|Date\(\s*0\s*\)|Date\(\s*-\d+\s*\))/i.test(text);
}

const MAX_STRING_DEPTH = 4;

/** Flattens a string expression into literal text and dynamic parts: templates, `+`, `const`s, `[...].join(sep)`. */
function flattenString(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): CookiePart[] {
  const expression = skipTypeWrappers(node);
  const text = getStaticString(expression, sourceCode);
  if (text !== undefined) return [{ text }];
  if (depth > MAX_STRING_DEPTH) return [{ node: expression }];

  if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: CookiePart[] = [];
    expression.quasis.forEach((quasi, index) => {
      parts.push({ text: quasi.value.cooked ?? '' });
      const part = expression.expressions[index];
      if (part) parts.push(...flattenString(part, sourceCode, depth + 1));
    });
    return parts;
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    return [...flattenString(expression.left, sourceCode, depth + 1), ...flattenString(expression.right, sourceCode, depth + 1)];
  }
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(expression.callee) === 'join' &&
    expression.callee.object.type === AST_NODE_TYPES.ArrayExpression
  ) {
    const separatorNode = expression.arguments[0];
    const separator = separatorNode ? getStaticString(separatorNode, sourceCode) : ',';
    if (separator !== undefined) {
      const parts: CookiePart[] = [];
      expression.callee.object.elements.forEach((element, index) => {
        if (index > 0) parts.push({ text: separator });
        if (element && element.type !== AST_NODE_TYPES.SpreadElement) parts.push(...flattenString(element, sourceCode, depth + 1));
      });
      return parts;
    }
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = getStringVariableInit(expression, sourceCode);
    if (init) return flattenString(init, sourceCode, depth + 1);
  }
  return [{ node: expression }];
}

/** Returns the initializer of a never-reassigned variable when it builds a string (a template or a `+`). */
function getStringVariableInit(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  if (variable?.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const init = definition.node.init ? skipTypeWrappers(definition.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.TemplateLiteral || (init?.type === AST_NODE_TYPES.BinaryExpression && init.operator === '+')) {
    return init;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Cookie libraries.

type LibraryRole =
  | { type: 'set'; nameIndex: number }
  | { type: 'remove'; nameIndex: number }
  | { type: 'instance' }
  | { type: 'use-cookies' }
  | { type: 'with-cookies' };

interface LibraryTarget {
  api: CookieApi;
  method: string;
  role: LibraryRole;
  /** nookies: the first argument is a server context, and only `null`, `undefined` or `{}` mean browser code. */
  needsBrowserContext?: boolean;
}

interface TraceMapElement {
  [key: string]: TraceMapElement;
  [CALL]?: LibraryTarget;
  [CONSTRUCT]?: LibraryTarget;
  [READ]?: LibraryTarget;
}

const JS_COOKIE: TraceMapElement = {
  set: { [CALL]: { api: 'js-cookie', method: 'set', role: { type: 'set', nameIndex: 0 } } },
  remove: { [CALL]: { api: 'js-cookie', method: 'remove', role: { type: 'remove', nameIndex: 0 } } },
  withAttributes: { [CALL]: { api: 'js-cookie', method: 'withAttributes', role: { type: 'instance' } } },
  withConverter: { [CALL]: { api: 'js-cookie', method: 'withConverter', role: { type: 'instance' } } },
};

function cookiesClass(api: CookieApi): TraceMapElement {
  return { [CONSTRUCT]: { api, method: 'Cookies', role: { type: 'instance' } } };
}

function nookiesFunction(method: string, role: LibraryRole): TraceMapElement {
  return { [CALL]: { api: 'nookies', method, role, needsBrowserContext: true } };
}

const MODULE_TRACE_MAP: Record<string, TraceMapElement> = {
  'js-cookie': JS_COOKIE,
  'universal-cookie': { ...cookiesClass('universal-cookie'), default: cookiesClass('universal-cookie'), Cookies: cookiesClass('universal-cookie') },
  'react-cookie': {
    Cookies: cookiesClass('react-cookie'),
    useCookies: { [CALL]: { api: 'react-cookie', method: 'useCookies', role: { type: 'use-cookies' } } },
    withCookies: { [READ]: { api: 'react-cookie', method: 'withCookies', role: { type: 'with-cookies' } } },
  },
  nookies: {
    setCookie: nookiesFunction('setCookie', { type: 'set', nameIndex: 1 }),
    destroyCookie: nookiesFunction('destroyCookie', { type: 'remove', nameIndex: 1 }),
    set: nookiesFunction('set', { type: 'set', nameIndex: 1 }),
    destroy: nookiesFunction('destroy', { type: 'remove', nameIndex: 1 }),
  },
};

/** js-cookie's browser build defines the global `Cookies`. */
const GLOBAL_TRACE_MAP: Record<string, TraceMapElement> = { Cookies: JS_COOKIE };

/** Methods of js-cookie, universal-cookie and react-cookie objects that write or delete a cookie. */
const INSTANCE_METHODS: Readonly<Record<string, LibraryRole>> = {
  set: { type: 'set', nameIndex: 0 },
  remove: { type: 'remove', nameIndex: 0 },
  withAttributes: { type: 'instance' },
  withConverter: { type: 'instance' },
};

function collectLibraryWrites(sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as never);
  const found = [
    ...tracker.iterateEsmReferences(MODULE_TRACE_MAP),
    ...tracker.iterateCjsReferences(MODULE_TRACE_MAP),
    ...tracker.iterateGlobalReferences(GLOBAL_TRACE_MAP),
  ];
  const writes: CookieWrite[] = [];
  for (const { node, info } of found) {
    writes.push(...getLibraryWrites(node as TSESTree.Node, info as LibraryTarget, sourceCode));
  }
  return writes;
}

function getLibraryWrites(node: TSESTree.Node, target: LibraryTarget, sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const role = target.role;
  switch (role.type) {
    case 'set':
    case 'remove': {
      if (node.type !== AST_NODE_TYPES.CallExpression) return [];
      if (target.needsBrowserContext && !isBrowserContext(node.arguments[0], sourceCode)) return [];
      return [getCallWrite(node, target.api, target.method, role)];
    }
    case 'instance':
      return getInstanceWrites(node, target.api, sourceCode);
    case 'use-cookies':
      return node.type === AST_NODE_TYPES.CallExpression ? getUseCookiesWrites(node, sourceCode) : [];
    case 'with-cookies':
      return getWithCookiesWrites(sourceCode);
  }
}

function getCallWrite(call: TSESTree.CallExpression, api: CookieApi, method: string, role: { type: 'set' | 'remove'; nameIndex: number }): CookieWrite {
  const valueNode = role.type === 'set' ? call.arguments[role.nameIndex + 1] : undefined;
  return {
    node: call,
    accessNode: call,
    kind: role.type === 'set' ? 'write' : 'remove',
    api,
    method,
    nameNode: call.arguments[role.nameIndex],
    valueNodes: valueNode ? [valueNode] : [],
    literalValue: role.type === 'set' && !valueNode ? '' : undefined,
  };
}

/** nookies runs in the browser when its context argument is missing, `null`, `undefined` or `{}`. */
function isBrowserContext(node: TSESTree.Node | undefined, sourceCode: TSESLint.SourceCode): boolean {
  if (!node) return true;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression.properties.length === 0;
  return isEmptyValue(expression, sourceCode) && getStaticString(expression, sourceCode) !== '';
}

/** Follows a cookie object (`new Cookies()`, `Cookies.withAttributes()`) to its `set` and `remove` calls. */
function getInstanceWrites(start: TSESTree.Node, api: CookieApi, sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const writes: CookieWrite[] = [];
  for (const use of iterateValueUses(start, sourceCode)) {
    const member = use.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use || !isCallee(member)) continue;
    const name = getMemberName(member);
    const role = name === undefined ? undefined : INSTANCE_METHODS[name];
    if (!role || name === undefined) continue;
    const call = member.parent as TSESTree.CallExpression;
    if (role.type === 'instance') {
      writes.push(...getInstanceWrites(call, api, sourceCode));
    } else if (role.type === 'set' || role.type === 'remove') {
      writes.push(getCallWrite(call, api, name, role));
    }
  }
  return writes;
}

/** `const [cookies, setCookie, removeCookie] = useCookies([...])`: the calls of the setter and the remover. */
function getUseCookiesWrites(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const declarator = call.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return [];
  const [, setter, remover] = declarator.id.elements;
  const writes: CookieWrite[] = [];
  const bindings: [TSESTree.Node | null | undefined, 'set' | 'remove'][] = [
    [setter, 'set'],
    [remover, 'remove'],
  ];
  for (const [binding, type] of bindings) {
    if (binding?.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = ASTUtils.findVariable(sourceCode.getScope(binding), binding);
    for (const reference of variable?.references ?? []) {
      if (!isCallee(reference.identifier)) continue;
      writes.push(getCallWrite(reference.identifier.parent as TSESTree.CallExpression, 'react-cookie', binding.name, { type, nameIndex: 0 }));
    }
  }
  return writes;
}

/**
 * In a file that imports `withCookies` from react-cookie, the wrapped component receives a `Cookies` object as
 * its `cookies` prop: `props.cookies.set(...)` and `this.props.cookies.set(...)` write cookies.
 */
function getWithCookiesWrites(sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const writes: CookieWrite[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = getCalleeName(node);
      const method = getMemberName(node.callee);
      if (name !== undefined && /(?:^|\.)props\.cookies\.(?:set|remove)$/.test(name) && (method === 'set' || method === 'remove')) {
        writes.push(getCallWrite(node, 'react-cookie', method, { type: method, nameIndex: 0 }));
      }
    }
  };
  walk(sourceCode.ast, sourceCode.visitorKeys, visit);
  return writes;
}


// ---------------------------------------------------------------------------------------------------------
// Cookie helpers: `function setCookie(name, value) { document.cookie = name + '=' + value }`.

/**
 * Replaces a write whose cookie name is a parameter of the enclosing function with one write per call of that
 * function in the file, taking the name (and the value, when it is a parameter too) from the call's arguments.
 * The reported node is the call.
 */
function expandHelperCalls(writes: CookieWrite[], sourceCode: TSESLint.SourceCode): CookieWrite[] {
  const expanded: CookieWrite[] = [];
  for (const write of writes) {
    const nameParameter = write.nameNode ? getParameterInfo(write.nameNode, sourceCode) : undefined;
    if (!nameParameter) {
      expanded.push(write);
      continue;
    }
    for (const call of getCallsOfFunction(nameParameter.fn, sourceCode)) {
      const nameArgument = call.arguments[nameParameter.index];
      if (!nameArgument) continue;
      const valueNodes = write.valueNodes.map((valueNode) => {
        const valueParameter = getParameterInfo(valueNode, sourceCode);
        return valueParameter?.fn === nameParameter.fn ? call.arguments[valueParameter.index] : valueNode;
      });
      expanded.push({
        ...write,
        node: call,
        method: getCalleeName(call) ?? write.method,
        nameNode: nameArgument,
        valueNodes: valueNodes.filter((node): node is TSESTree.Node => node !== undefined),
        literalValue: valueNodes.some((node) => node === undefined) ? '' : write.literalValue,
      });
    }
  }
  return expanded;
}

/** Returns the function and position when `node` is a plain parameter of the function it is used in, never reassigned. */
function getParameterInfo(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): { fn: FunctionNode; index: number } | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Parameter' || !isFunctionNode(definition.node)) return undefined;
  if (variable?.references.some((reference) => reference.isWrite())) return undefined;
  const index = definition.node.params.findIndex((parameter) => parameter === definition.name);
  return index === -1 ? undefined : { fn: definition.node, index };
}

// ---------------------------------------------------------------------------------------------------------
// Judging.

interface JudgedWrite {
  write: CookieWrite;
  kind: CookieKind;
  name: string | undefined;
  reason: CookieFindingReason | undefined;
  valueNode: TSESTree.Node | undefined;
}

function judgeCookieWrites(writes: CookieWrite[], sourceCode: TSESLint.SourceCode, options: JsCookieOptions): CookieFinding[] {
  const keyOptions = { extraKeyPatterns: options.extraNamePatterns, allowedKeys: options.allowedNames };
  const judged: JudgedWrite[] = [];
  // Names of cookies that the file writes coin data to (`token.symbol` under `token`), and other data to.
  const assetNames = new Set<string>();
  const otherNames = new Set<string>();

  for (const write of writes) {
    let name = write.staticName;
    let nameText: string | undefined;
    let credentialName = name !== undefined && isCredentialKey(name, keyOptions);
    if (write.nameNode) {
      const resolved = resolveCredentialKey(write.nameNode, sourceCode, keyOptions);
      name = resolved.key;
      nameText = resolved.text;
      credentialName = resolved.credential;
    } else if (write.partialName !== undefined) {
      nameText = getPartialKeyText(write.partialName);
      credentialName = isCredentialPartialKey(write.partialName, { extraKeyPatterns: options.extraNamePatterns });
    }
    if (name !== undefined && isAllowedKey(name, keyOptions)) continue;

    const value = classifyCookieValue(write, { key: name, keyText: nameText }, sourceCode);
    if (name !== undefined && write.kind === 'write' && value.kind !== 'empty' && value.kind !== 'flag') {
      (value.kind === 'crypto-asset' ? assetNames : otherNames).add(name);
    }
    if ((value.kind === 'flag' || value.kind === 'crypto-asset') && write.kind === 'write') continue;
    const kind: CookieKind = value.kind === 'empty' ? 'remove' : write.kind;
    let reason: CookieFindingReason | undefined;
    if (credentialName) reason = 'name';
    else if (value.kind === 'credential') reason = 'value';
    judged.push({ write, kind, name, reason, valueNode: value.node });
  }

  const credentialNames = new Set<string>();
  for (const item of judged) {
    if (item.reason === 'value' && item.name !== undefined) credentialNames.add(item.name);
  }
  // A cookie that the file only ever fills with coin data contains no credential, so deleting it is no logout.
  for (const item of judged) {
    if (item.reason === 'name' && item.name !== undefined && assetNames.has(item.name) && !otherNames.has(item.name)) {
      item.reason = undefined;
    }
  }
  const findings: CookieFinding[] = [];
  const reported = new Set<TSESTree.Node>();
  for (const item of judged) {
    const reason = item.reason ?? (item.name !== undefined && credentialNames.has(item.name) ? 'same-name-as-credential-write' : undefined);
    if (reason === undefined || reported.has(item.write.node)) continue;
    reported.add(item.write.node);
    findings.push({
      node: item.write.node,
      accessNode: item.write.accessNode,
      kind: item.kind,
      api: item.write.api,
      method: item.write.method,
      nameNode: item.write.nameNode,
      name: item.name,
      valueNode: item.valueNode,
      reason,
    });
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Classifies the written value: the credential part if any, else whether it is empty or a literal flag. */
function classifyCookieValue(
  write: CookieWrite,
  context: StoredValueContext,
  sourceCode: TSESLint.SourceCode,
): { kind: StoredValueKind; node?: TSESTree.Node } {
  if (write.kind === 'remove') return { kind: 'empty' };
  if (write.valueNodes.length === 0) {
    const literal = write.literalValue ?? '';
    if (literal === '') return { kind: 'empty' };
    return /^(?:[+-]?\d+|true|false|yes|no|on|off)$/i.test(literal) ? { kind: 'flag' } : { kind: 'other' };
  }
  let result: { kind: StoredValueKind; node?: TSESTree.Node } = { kind: 'other' };
  for (const node of write.valueNodes) {
    const kind = classifyStoredValue(unwrapEncoding(node), sourceCode, context);
    if (kind === 'credential') return { kind, node };
    if (write.valueNodes.length === 1) result = { kind, node };
  }
  if (result.kind === 'flag' && write.valueNodes.length === 1 && !isLiteralFlag(write.valueNodes[0] as TSESTree.Node, sourceCode)) {
    return { kind: 'other', node: result.node };
  }
  return result;
}

/** Looks through `encodeURIComponent(x)` and `escape(x)`, which leave the value's meaning unchanged. */
function unwrapEncoding(node: TSESTree.Node): TSESTree.Node {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression && ['encodeURIComponent', 'escape', 'encodeURI'].includes(getCalleeName(expression) ?? '')) {
    const argument = expression.arguments[0];
    return argument ? unwrapEncoding(argument) : expression;
  }
  return expression;
}
