/**
 * Finds the uses of npm packages that keep data in storage readable by page scripts: localforage, idb-keyval,
 * store2, the `useLocalStorage`/`useSessionStorage` hooks of usehooks-ts, @uidotdev/usehooks, react-use and
 * @vueuse/core, and redux-persist with a web storage engine. Each use becomes a `StorageAccess` that
 * web-storage.ts judges with the same key and value logic as `localStorage`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CALL, createReferenceTracker } from '../util/reference-tracker.js';
import { getMemberName, getStaticString, skipTypeWrappers } from './credential-key.js';
import { isAuthStateName, isCredentialName } from './credential-name.js';
import { classifyStoredValue } from './credential-value.js';
import { getCalleeName, getPropertyKeyName, isCallee, iterateValueUses } from './value-flow.js';
import type { StorageAccess, StorageApi, StorageArea, StorageKind } from './web-storage.js';

type LibraryRole =
  /** A function or method that takes a key (and a value for writes). */
  | { type: 'entry'; kind: StorageKind; hasValue: boolean }
  /** idb-keyval `setMany([[k, v]])`, `getMany([k])`, `delMany([k])`. */
  | { type: 'entries'; kind: StorageKind }
  /** store2 `store(key)` reads and `store(key, value)` writes. */
  | { type: 'store2-call' }
  /** `localforage.createInstance()`, whose result has the same methods. */
  | { type: 'localforage-instance' }
  /** A hook returning `[value, setValue, removeValue]` (React) or a ref (`@vueuse/core`). */
  | { type: 'hook'; result: 'tuple' | 'ref'; storageArgument?: number }
  | { type: 'persist'; combine: boolean };

interface LibraryTarget {
  storage: StorageApi;
  area: StorageArea;
  method: string;
  role: LibraryRole;
}

interface TraceMapElement {
  [key: string]: TraceMapElement;
  [CALL]?: LibraryTarget;
}

function entry(storage: StorageApi, area: StorageArea, method: string, kind: StorageKind, hasValue: boolean): TraceMapElement {
  return { [CALL]: { storage, area, method, role: { type: 'entry', kind, hasValue } } };
}

const LOCALFORAGE_METHODS: Readonly<Record<string, { kind: StorageKind; hasValue: boolean }>> = {
  setItem: { kind: 'write', hasValue: true },
  getItem: { kind: 'read', hasValue: false },
  removeItem: { kind: 'remove', hasValue: false },
};

const LOCALFORAGE: TraceMapElement = {
  setItem: entry('localforage', 'localforage', 'setItem', 'write', true),
  getItem: entry('localforage', 'localforage', 'getItem', 'read', false),
  removeItem: entry('localforage', 'localforage', 'removeItem', 'remove', false),
  createInstance: {
    [CALL]: { storage: 'localforage', area: 'localforage', method: 'createInstance', role: { type: 'localforage-instance' } },
  },
};

const IDB_KEYVAL: TraceMapElement = {
  set: entry('idb-keyval', 'indexedDB', 'set', 'write', true),
  get: entry('idb-keyval', 'indexedDB', 'get', 'read', false),
  del: entry('idb-keyval', 'indexedDB', 'del', 'remove', false),
  update: entry('idb-keyval', 'indexedDB', 'update', 'write', true),
  setMany: { [CALL]: { storage: 'idb-keyval', area: 'indexedDB', method: 'setMany', role: { type: 'entries', kind: 'write' } } },
  getMany: { [CALL]: { storage: 'idb-keyval', area: 'indexedDB', method: 'getMany', role: { type: 'entries', kind: 'read' } } },
  delMany: { [CALL]: { storage: 'idb-keyval', area: 'indexedDB', method: 'delMany', role: { type: 'entries', kind: 'remove' } } },
};

/** Builds the trace map of a store2 store, which is callable as `store(key, value)` and has `set`, `get`, `remove`, `add` and `transact`. */
function store2Store(area: StorageArea): TraceMapElement {
  return {
    [CALL]: { storage: 'store2', area, method: 'store', role: { type: 'store2-call' } },
    set: entry('store2', area, 'set', 'write', true),
    get: entry('store2', area, 'get', 'read', false),
    remove: entry('store2', area, 'remove', 'remove', false),
    add: entry('store2', area, 'add', 'write', true),
    transact: entry('store2', area, 'transact', 'write', true),
  };
}

const STORE2: TraceMapElement = {
  ...store2Store('localStorage'),
  local: store2Store('localStorage'),
  session: store2Store('sessionStorage'),
};

function hook(storage: StorageApi, area: StorageArea, method: string, result: 'tuple' | 'ref', storageArgument?: number): TraceMapElement {
  const target: LibraryTarget = { storage, area, method, role: { type: 'hook', result, storageArgument } };
  return { [CALL]: target, default: { [CALL]: target } };
}

function reactHooks(storage: StorageApi): TraceMapElement {
  return {
    useLocalStorage: hook(storage, 'localStorage', 'useLocalStorage', 'tuple'),
    useSessionStorage: hook(storage, 'sessionStorage', 'useSessionStorage', 'tuple'),
  };
}

function persist(method: string, combine: boolean): TraceMapElement {
  const target: LibraryTarget = { storage: 'redux-persist', area: 'localStorage', method, role: { type: 'persist', combine } };
  return { [CALL]: target, default: { [CALL]: target } };
}

/** Module IDs and what each exports, for ES module imports and `require()`. */
const MODULE_TRACE_MAP: Record<string, TraceMapElement> = {
  localforage: LOCALFORAGE,
  'idb-keyval': IDB_KEYVAL,
  store2: STORE2,
  'usehooks-ts': reactHooks('usehooks-ts'),
  '@uidotdev/usehooks': reactHooks('@uidotdev/usehooks'),
  'react-use': reactHooks('react-use'),
  'react-use/lib/useLocalStorage': hook('react-use', 'localStorage', 'useLocalStorage', 'tuple'),
  'react-use/esm/useLocalStorage': hook('react-use', 'localStorage', 'useLocalStorage', 'tuple'),
  'react-use/lib/useSessionStorage': hook('react-use', 'sessionStorage', 'useSessionStorage', 'tuple'),
  'react-use/esm/useSessionStorage': hook('react-use', 'sessionStorage', 'useSessionStorage', 'tuple'),
  '@vueuse/core': {
    useStorage: hook('@vueuse/core', 'localStorage', 'useStorage', 'ref', 2),
    useLocalStorage: hook('@vueuse/core', 'localStorage', 'useLocalStorage', 'ref'),
    useSessionStorage: hook('@vueuse/core', 'sessionStorage', 'useSessionStorage', 'ref'),
  },
  'redux-persist': {
    persistReducer: persist('persistReducer', false),
    persistCombineReducers: persist('persistCombineReducers', true),
  },
  'redux-persist/lib/persistReducer': persist('persistReducer', false),
  'redux-persist/es/persistReducer': persist('persistReducer', false),
  'redux-persist/lib/persistCombineReducers': persist('persistCombineReducers', true),
  'redux-persist/es/persistCombineReducers': persist('persistCombineReducers', true),
};

/** Globals that the UMD builds of these libraries define when loaded with a script tag. */
const GLOBAL_TRACE_MAP: Record<string, TraceMapElement> = {
  localforage: LOCALFORAGE,
  idbKeyval: IDB_KEYVAL,
};

/** Collects every use of the storage libraries in a file. */
export function collectLibraryAccesses(sourceCode: TSESLint.SourceCode): StorageAccess[] {
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as never);
  const found = [
    ...tracker.iterateEsmReferences(MODULE_TRACE_MAP),
    ...tracker.iterateCjsReferences(MODULE_TRACE_MAP),
    ...tracker.iterateGlobalReferences(GLOBAL_TRACE_MAP),
  ];
  const accesses: StorageAccess[] = [];
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    accesses.push(...getLibraryAccesses(node, info as LibraryTarget, sourceCode));
  }
  return accesses;
}

function getLibraryAccesses(call: TSESTree.CallExpression, target: LibraryTarget, sourceCode: TSESLint.SourceCode): StorageAccess[] {
  const base = { storage: target.storage, area: target.area, method: target.method, form: 'call' as const };
  const role = target.role;
  switch (role.type) {
    case 'entry':
      return [getEntryAccess(call, base, role.kind, role.hasValue, true)];
    case 'entries':
      return getManyAccesses(call, base, role.kind);
    case 'store2-call': {
      if (call.arguments.length === 0) return [];
      return [getEntryAccess(call, base, call.arguments.length >= 2 ? 'write' : 'read', true, true)];
    }
    case 'localforage-instance':
      return getLocalforageInstanceAccesses(call, target, sourceCode);
    case 'hook':
      return getHookAccesses(call, target, role.result, role.storageArgument, sourceCode);
    case 'persist':
      return getPersistAccesses(call, target, role.combine, sourceCode);
  }
}

function getEntryAccess(
  call: TSESTree.CallExpression,
  base: Pick<StorageAccess, 'storage' | 'area' | 'method' | 'form'>,
  kind: StorageKind,
  hasValue: boolean,
  resultIsObject: boolean,
): StorageAccess {
  const [keyNode, valueNode] = call.arguments;
  return {
    ...base,
    node: call,
    kind,
    keyNode,
    valueNode: hasValue && kind === 'write' ? valueNode : undefined,
    result: kind === 'read' ? call : undefined,
    resultIsObject,
  };
}

/** idb-keyval's batch calls: one access per entry, reported on the entry. */
function getManyAccesses(call: TSESTree.CallExpression, base: Pick<StorageAccess, 'storage' | 'area' | 'method' | 'form'>, kind: StorageKind): StorageAccess[] {
  const list = call.arguments[0] ? skipTypeWrappers(call.arguments[0]) : undefined;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  const accesses: StorageAccess[] = [];
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    if (kind !== 'write') {
      accesses.push({ ...base, node: element, kind, keyNode: element });
      continue;
    }
    const pair = skipTypeWrappers(element);
    if (pair.type !== AST_NODE_TYPES.ArrayExpression) continue;
    const [keyNode, valueNode] = pair.elements;
    if (!keyNode || keyNode.type === AST_NODE_TYPES.SpreadElement || valueNode?.type === AST_NODE_TYPES.SpreadElement) continue;
    accesses.push({ ...base, node: element, kind, keyNode, valueNode: valueNode ?? undefined });
  }
  return accesses;
}

function getLocalforageInstanceAccesses(call: TSESTree.CallExpression, target: LibraryTarget, sourceCode: TSESLint.SourceCode): StorageAccess[] {
  const accesses: StorageAccess[] = [];
  for (const use of iterateValueUses(call, sourceCode)) {
    const member = use.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use || !isCallee(member)) continue;
    const name = getMemberName(member);
    const method = name === undefined ? undefined : LOCALFORAGE_METHODS[name];
    if (!method || name === undefined) continue;
    const base = { storage: target.storage, area: target.area, method: name, form: 'call' as const };
    accesses.push(getEntryAccess(member.parent as TSESTree.CallExpression, base, method.kind, method.hasValue, true));
  }
  return accesses;
}

// ---------------------------------------------------------------------------------------------------------
// Hooks.

/**
 * A hook call reads the entry under its key (or writes it, when the initial value is a credential). The
 * setter and remover it returns, and `.value` writes on a `@vueuse/core` ref, are accesses of the same entry.
 */
function getHookAccesses(
  call: TSESTree.CallExpression,
  target: LibraryTarget,
  result: 'tuple' | 'ref',
  storageArgument: number | undefined,
  sourceCode: TSESLint.SourceCode,
): StorageAccess[] {
  const [keyNode, initialValue] = call.arguments;
  const storageNode = storageArgument === undefined ? undefined : call.arguments[storageArgument];
  const area = storageNode && getStorageName(storageNode) === 'sessionStorage' ? 'sessionStorage' : target.area;
  const base = { storage: target.storage, area, method: target.method, keyNode };

  const declarator = call.parent.type === AST_NODE_TYPES.VariableDeclarator && call.parent.init === call ? call.parent : undefined;
  const writesCredential = initialValue !== undefined && classifyStoredValue(initialValue, sourceCode) === 'credential';
  const hookAccess: StorageAccess = writesCredential
    ? { ...base, node: call, kind: 'write', form: 'hook', valueNode: initialValue }
    : { ...base, node: call, kind: 'read', form: 'hook', result: getHookValueBinding(declarator, result) ?? call, resultIsObject: true };
  const accesses: StorageAccess[] = [hookAccess];
  if (!declarator) return accesses;

  if (result === 'tuple' && declarator.id.type === AST_NODE_TYPES.ArrayPattern) {
    const [, setter, remover] = declarator.id.elements;
    for (const setterCall of getCallsOfBinding(setter, sourceCode)) {
      accesses.push({ ...base, node: setterCall, kind: 'write', form: 'hook-setter', valueNode: setterCall.arguments[0] });
    }
    for (const removerCall of getCallsOfBinding(remover, sourceCode)) {
      accesses.push({ ...base, node: removerCall, kind: 'remove', form: 'hook-remover' });
    }
  }
  if (result === 'ref' && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id);
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || getMemberName(member) !== 'value') continue;
      const assignment = member.parent;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member) continue;
      accesses.push({ ...base, node: assignment, kind: 'write', form: 'hook-ref', valueNode: assignment.right });
    }
  }
  return accesses;
}

function getHookValueBinding(declarator: TSESTree.VariableDeclarator | undefined, result: 'tuple' | 'ref'): TSESTree.Node | undefined {
  if (!declarator) return undefined;
  if (result === 'ref') return declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id : undefined;
  if (declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return undefined;
  const value = declarator.id.elements[0];
  return value?.type === AST_NODE_TYPES.Identifier ? value : undefined;
}

function getCallsOfBinding(binding: TSESTree.Node | null | undefined, sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] {
  if (binding?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(sourceCode.getScope(binding), binding);
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable?.references ?? []) {
    if (isCallee(reference.identifier)) calls.push(reference.identifier.parent as TSESTree.CallExpression);
  }
  return calls;
}

/** Returns `localStorage` or `sessionStorage` for `sessionStorage`, `window.sessionStorage` and the like. */
function getStorageName(node: TSESTree.Node): string | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) return getMemberName(expression);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// redux-persist.

/** Storage engines that keep the persisted state where page scripts can read it, by module ID. */
const PERSIST_STORAGE_MODULES: Readonly<Record<string, StorageArea>> = {
  'redux-persist/lib/storage': 'localStorage',
  'redux-persist/es/storage': 'localStorage',
  'redux-persist/lib/storage/session': 'sessionStorage',
  'redux-persist/es/storage/session': 'sessionStorage',
  localforage: 'localforage',
};

const MAX_RESOLVE_DEPTH = 4;

/**
 * A `persistReducer(config, reducer)` call is a credential write when `config.storage` is a web storage
 * engine and the persisted state contains the login: the config key names an auth or user slice, its whitelist
 * lists one, or (without a whitelist) the root reducer in the same file has such a slice and the blacklist
 * does not exclude it.
 */
function getPersistAccesses(call: TSESTree.CallExpression, target: LibraryTarget, combine: boolean, sourceCode: TSESLint.SourceCode): StorageAccess[] {
  const config = call.arguments[0] ? resolveObject(call.arguments[0], sourceCode, 0) : undefined;
  if (!config) return [];
  const storageValue = getObjectProperty(config, 'storage');
  const area = storageValue ? getPersistStorageArea(storageValue, sourceCode, 0) : undefined;
  if (!area) return [];

  const keyNode = getObjectProperty(config, 'key');
  const key = keyNode ? getStaticString(keyNode, sourceCode) : undefined;
  const keyPrefixNode = getObjectProperty(config, 'keyPrefix');
  const keyPrefix = (keyPrefixNode ? getStaticString(keyPrefixNode, sourceCode) : undefined) ?? 'persist:';
  const whitelist = getStringList(getObjectProperty(config, 'whitelist') ?? getObjectProperty(config, 'allowlist'), sourceCode);
  const blacklist = getStringList(getObjectProperty(config, 'blacklist') ?? getObjectProperty(config, 'denylist'), sourceCode) ?? [];
  const isKept = (name: string): boolean => !blacklist.includes(name);

  let persistedState: string | undefined;
  if (whitelist) {
    persistedState = whitelist.find((name) => isAuthStateName(name) || isCredentialName(name));
  } else if (key !== undefined && isAuthStateName(key) && !blacklist.some((name) => isCredentialName(name))) {
    persistedState = key;
  } else {
    const reducers = call.arguments[1] ? resolveReducerMap(call.arguments[1], combine, sourceCode) : undefined;
    persistedState = reducers?.find((name) => isAuthStateName(name) && isKept(name));
  }
  if (persistedState === undefined) return [];

  return [
    {
      storage: target.storage,
      area,
      method: target.method,
      form: 'persist-config',
      node: call,
      kind: 'write',
      keyNode,
      staticKey: key === undefined ? undefined : `${keyPrefix}${key}`,
      reason: 'persisted-auth-state',
      persistedState,
    },
  ];
}

/** Decides whether a `storage` option is a web storage engine: an import or `require()` of one, or `createWebStorage()`. */
function getPersistStorageArea(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): StorageArea | undefined {
  if (depth > MAX_RESOLVE_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  const moduleId = getRequiredModule(expression);
  if (moduleId !== undefined) return PERSIST_STORAGE_MODULES[moduleId];
  if (expression.type === AST_NODE_TYPES.CallExpression && getCalleeName(expression)?.endsWith('createWebStorage')) {
    const type = expression.arguments[0] ? getStaticString(expression.arguments[0], sourceCode) : undefined;
    if (type === 'session') return 'sessionStorage';
    if (type === 'local') return 'localStorage';
    return undefined;
  }
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;

  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    if (definition.node.type === AST_NODE_TYPES.ImportSpecifier) return undefined;
    return PERSIST_STORAGE_MODULES[declaration.source.value];
  }
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
    return getPersistStorageArea(definition.node.init, sourceCode, depth + 1);
  }
  return undefined;
}

/** Returns the module ID of `require('id')` or `require('id').default`. */
function getRequiredModule(node: TSESTree.Node): string | undefined {
  let expression = node;
  if (expression.type === AST_NODE_TYPES.MemberExpression && getMemberName(expression) === 'default') expression = expression.object;
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.Identifier &&
    expression.callee.name === 'require' &&
    expression.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof expression.arguments[0].value === 'string'
  ) {
    return expression.arguments[0].value;
  }
  return undefined;
}

/** Returns the slice names of a root reducer: `combineReducers({ auth, ui })`, or the object given to `persistCombineReducers`. */
function resolveReducerMap(node: TSESTree.Node, combine: boolean, sourceCode: TSESLint.SourceCode): string[] | undefined {
  const object = combine ? resolveObject(node, sourceCode, 0) : resolveCombineReducersArgument(node, sourceCode, 0);
  if (!object) return undefined;
  const names: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = getPropertyKeyName(property);
    if (name !== undefined) names.push(name);
  }
  return names;
}

function resolveCombineReducersArgument(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): TSESTree.ObjectExpression | undefined {
  if (depth > MAX_RESOLVE_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression && getCalleeName(expression)?.split('.').pop() === 'combineReducers') {
    return expression.arguments[0] ? resolveObject(expression.arguments[0], sourceCode, depth + 1) : undefined;
  }
  const init = getConstInit(expression, sourceCode);
  return init ? resolveCombineReducersArgument(init, sourceCode, depth + 1) : undefined;
}

function resolveObject(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): TSESTree.ObjectExpression | undefined {
  if (depth > MAX_RESOLVE_DEPTH) return undefined;
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression;
  const init = getConstInit(expression, sourceCode);
  return init ? resolveObject(init, sourceCode, depth + 1) : undefined;
}

/** Returns the initializer of a variable that is never reassigned, for an identifier that refers to it. */
function getConstInit(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Expression | undefined {
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  if (definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (variable?.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return definition.node.init ?? undefined;
}

/** Returns the value of a property with a static name in an object literal (the last one wins, as at run time). */
function getObjectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  let value: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getPropertyKeyName(property) === name) value = property.value;
  }
  return value;
}

function getStringList(node: TSESTree.Node | undefined, sourceCode: TSESLint.SourceCode): string[] | undefined {
  if (!node) return undefined;
  const expression = skipTypeWrappers(node);
  const list = expression.type === AST_NODE_TYPES.ArrayExpression ? expression : undefined;
  if (!list) {
    const init = getConstInit(expression, sourceCode);
    return init ? getStringList(init, sourceCode) : undefined;
  }
  const names: string[] = [];
  for (const element of list.elements) {
    const name = element && element.type !== AST_NODE_TYPES.SpreadElement ? getStaticString(element, sourceCode) : undefined;
    if (name !== undefined) names.push(name);
  }
  return names;
}
