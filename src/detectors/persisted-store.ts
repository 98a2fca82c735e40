/**
 * Finds Vue and zustand stores whose state a persisted-state plugin copies to web storage while it contains a login
 * credential: Vuex stores with the `createPersistedState()` plugin of vuex-persistedstate, and Pinia stores
 * with the `persist` option of pinia-plugin-persistedstate, and zustand stores wrapped in the `persist`
 * middleware of `zustand/middleware`. Only the file of the store is read, so a store is judged by the state,
 * modules, `paths`, `pick`, `omit` and `partialize` written there. Each finding becomes a
 * `StorageAccess` with the reason `persisted-store-state`, which web-storage.ts reports as it is. Stores
 * whose `storage` is an object of the file's own with a `setItem` function are collected apart
 * (`collectCustomStoragePersistedStores`), so that js-cookie.ts can report those that write to a cookie.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConstantInit, hasSpread } from '../util/ast-values.js';
import { CALL, createReferenceTracker, READ, type TraceMap } from '../util/reference-tracker.js';
import { getMemberName, getStaticString, skipTypeWrappers } from './credential-key.js';
import { isAuthContainerName, isAuthStateName, isCredentialName, isCryptoAssetSiblingName, splitWords } from './credential-name.js';
import { hasCryptoAssetType, isCryptoAssetTypeNode } from './credential-value.js';
import { type DefaultPersistStorage, getDefaultPersistStorage, isNuxtProject } from './nuxt-project.js';
import { followObject } from './same-file-value.js';
import { getCalleeName, getPropertyKeyName, isFunctionNode, type FunctionNode } from './value-flow.js';
import type { StorageAccess, StorageArea } from './web-storage.js';

type SourceCode = TSESLint.SourceCode;

/** How many constants, plugin variables, nested modules and spread objects are followed before giving up. */
const MAX_DEPTH = 4;

/**
 * The state of a store or of part of it, as far as the file shows it. `complete` is false when entries may
 * come from elsewhere: a state from an import or a call, a spread of anything but an object literal of the
 * file, modules from another file.
 */
interface StateShape {
  readonly entries: readonly StateEntry[];
  readonly complete: boolean;
}

/** A state property or a Vuex module. `shape` is undefined when its contents are not written in the file. */
interface StateEntry {
  readonly name: string;
  readonly isModule: boolean;
  readonly shape: StateShape | undefined;
  /** True when the initial value is `true` or `false`, because a flag such as `auth: false` is no credential. */
  readonly isFlag: boolean;
  /** True when a state property named `token` or `tokens` contains a crypto-currency coin (see `isCoinEntry`). */
  readonly isCoin?: boolean;
}

/** The part of the state that a persisted-state config keeps: all of it or the listed paths, less the omitted ones. */
interface PersistedPart {
  /** The dot paths that `paths` or `pick` list, or undefined for the whole state. */
  readonly include: readonly string[] | undefined;
  readonly omit: readonly string[];
}

const UNKNOWN_SHAPE: StateShape = { entries: [], complete: false };
const WHOLE_STATE: PersistedPart = { include: undefined, omit: [] };

/** A persisted store whose written state contains a credential, before it becomes a finding. */
interface PersistedStore {
  /** The `createPersistedState(…)` call, the `persist` property or zustand's `persist(…)` call. */
  readonly node: TSESTree.Node;
  readonly plugin: 'vuex-persistedstate' | 'pinia-plugin-persistedstate' | 'zustand';
  readonly method: 'createPersistedState' | 'defineStore' | 'persist';
  /** A web storage area, or the `setItem` function of a storage object of the file's own. */
  readonly storage: StorageArea | FunctionNode;
  readonly keyNode: TSESTree.Node | undefined;
  readonly staticKey: string | undefined;
  readonly persistedState: string;
}

/** A persisted store whose `storage` option is an object of the file's own, written through its `setItem`. */
export interface CustomStoragePersistedStore {
  /** The `createPersistedState(…)` call or the `persist` property, where the store is reported. */
  readonly node: TSESTree.Node;
  readonly plugin: 'vuex-persistedstate' | 'pinia-plugin-persistedstate';
  /** The `setItem(key, value)` function of the storage object. */
  readonly setItem: FunctionNode;
  /** The first state entry that contains a credential (`token`, `auth.token`). */
  readonly persistedState: string;
}

// ---------------------------------------------------------------------------------------------------------
// Finding the plugin and the stores.

const VUEX_PERSISTEDSTATE = { [CALL]: 'vuex' as const, default: { [CALL]: 'vuex' as const } };

/**
 * The kind of call found through `MODULE_TRACE_MAP`: a store, zustand's `createJSONStorage`, or a zustand
 * middleware that a state creator given to `persist` may be wrapped in.
 */
type ModuleCall = 'vuex' | 'pinia' | 'zustand' | 'zustand-json-storage' | ZustandMiddleware | 'pinia-auto-import';

/**
 * zustand middlewares that keep the state of the creator they wrap: `immer(creator)`, `devtools(creator,
 * options)` and `subscribeWithSelector(creator)` add no state, and `combine(initialState, creator)`
 * merges the object `initialState` with what the creator returns.
 */
type ZustandMiddleware = 'zustand-wrapper' | 'zustand-combine';

const MODULE_TRACE_MAP: Record<string, TraceMap<ModuleCall>> = {
  'vuex-persistedstate': VUEX_PERSISTEDSTATE,
  pinia: { defineStore: { [CALL]: 'pinia' } },
  'zustand/middleware': {
    persist: { [CALL]: 'zustand' },
    createJSONStorage: { [CALL]: 'zustand-json-storage' },
    devtools: { [CALL]: 'zustand-wrapper' },
    subscribeWithSelector: { [CALL]: 'zustand-wrapper' },
    combine: { [CALL]: 'zustand-combine' },
  },
  'zustand/middleware/immer': { immer: { [CALL]: 'zustand-wrapper' } },
};

/** `defineStore` as the global that Nuxt's `@pinia/nuxt` module imports into every file of a Nuxt project. */
const NUXT_GLOBAL_TRACE_MAP: Record<string, TraceMap<ModuleCall>> = {
  defineStore: { [CALL]: 'pinia-auto-import' },
};

/**
 * The web storage objects a `storage` option can name: `localStorage` and `sessionStorage`, bare or through
 * `window.`, `self.`, `globalThis.` or an alias. The Nuxt module of pinia-plugin-persistedstate adds its
 * own, as methods of the auto-imported `piniaPluginPersistedstate` (version 4) or properties of
 * `persistedState` (version 3).
 */
const WEB_STORAGE_TRACE_MAP: Record<string, TraceMap<StorageArea>> = {
  localStorage: { [READ]: 'localStorage' },
  sessionStorage: { [READ]: 'sessionStorage' },
  piniaPluginPersistedstate: { localStorage: { [CALL]: 'localStorage' }, sessionStorage: { [CALL]: 'sessionStorage' } },
  persistedState: { localStorage: { [READ]: 'localStorage' }, sessionStorage: { [READ]: 'sessionStorage' } },
};

/**
 * Globals that Nuxt auto-imports, and the modules it resolves itself. In a Nuxt app the Nuxt module of
 * pinia-plugin-persistedstate keeps a store in a cookie unless `storage` names another storage, so a store
 * file that uses one of them is not taken to default to `localStorage`.
 */
const NUXT_GLOBALS = new Set([
  'useNuxtApp',
  'useRuntimeConfig',
  'useCookie',
  'useFetch',
  'useAsyncData',
  'useLazyFetch',
  'useState',
  'useRequestHeaders',
  'navigateTo',
  'defineNuxtPlugin',
  'definePageMeta',
  '$fetch',
  'piniaPluginPersistedstate',
  'persistedState',
]);
const NUXT_MODULES = /^(?:#app|#imports|nuxt\/app)(?:\/|$)/;

/**
 * Finds every persisted Vuex, Pinia or zustand store in a file whose state, persisted to web storage,
 * contains a login credential. With `filePath`, the Nuxt project around the file is read too, so a store
 * made with Nuxt's auto-imported `defineStore` counts.
 */
export function collectPersistedStoreAccesses(sourceCode: SourceCode, filePath?: string): StorageAccess[] {
  const accesses: StorageAccess[] = [];
  for (const store of collectPersistedStores(sourceCode, 'web', filePath)) {
    if (typeof store.storage !== 'string') continue;
    accesses.push({
      storage: store.plugin,
      area: store.storage,
      method: store.method,
      form: 'persist-config',
      node: store.node,
      kind: 'write',
      keyNode: store.keyNode,
      staticKey: store.staticKey,
      reason: 'persisted-store-state',
      persistedState: store.persistedState,
    });
  }
  return accesses;
}

/**
 * Finds every persisted Vuex or Pinia store whose `storage` option is an object literal of the file (or a
 * constant that contains one) with a `setItem` function, and whose persisted state contains a credential.
 * Where `setItem` writes is for the caller to judge.
 */
export function collectCustomStoragePersistedStores(sourceCode: SourceCode): CustomStoragePersistedStore[] {
  const stores: CustomStoragePersistedStore[] = [];
  for (const store of collectPersistedStores(sourceCode, 'custom')) {
    if (typeof store.storage === 'string' || store.plugin === 'zustand') continue;
    stores.push({ node: store.node, plugin: store.plugin, setItem: store.storage, persistedState: store.persistedState });
  }
  return stores;
}

/** The `storage` option a search accepts: web storage (with the default) or a storage object of the file's own. */
type StorageMode = 'web' | 'custom';

function collectPersistedStores(sourceCode: SourceCode, mode: StorageMode, filePath?: string): PersistedStore[] {
  // Every plugin needs the word: in the module ID `vuex-persistedstate`, in Pinia's `persist` option or in
  // zustand's `persist` middleware.
  if (!sourceCode.text.includes('persist')) return [];
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as never);
  const found = [...tracker.iterateEsmReferences(MODULE_TRACE_MAP), ...tracker.iterateCjsReferences(MODULE_TRACE_MAP)];
  if (filePath !== undefined && sourceCode.text.includes('defineStore') && isNuxtProject(filePath)) {
    found.push(...tracker.iterateGlobalReferences(NUXT_GLOBAL_TRACE_MAP));
  }
  if (found.length === 0) return [];
  // In source order, so that a store with several plugin calls is reported at the first.
  found.sort((a, b) => (a.node as TSESTree.Node).range[0] - (b.node as TSESTree.Node).range[0]);

  const context = new PersistContext(sourceCode, mode, filePath);
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    if (info === 'zustand-json-storage') context.jsonStorageCalls.add(node);
    else if (info === 'zustand-wrapper' || info === 'zustand-combine') context.middlewareCalls.set(node, info);
  }
  const stores: PersistedStore[] = [];
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    let store: PersistedStore | undefined;
    if (info === 'vuex') store = getVuexStore(node, context);
    else if (info === 'pinia' || info === 'pinia-auto-import') store = getPiniaStore(node, context, info === 'pinia-auto-import');
    else if (info === 'zustand') store = getZustandStore(node, context);
    if (store) stores.push(store);
  }
  return stores;
}

/** File facts that the stores of one file share, computed on first use. */
class PersistContext {
  readonly sourceCode: SourceCode;
  /**
   * The options of the Vuex stores reported so far. A store is reported once, even when several
   * `createPersistedState()` calls persist it (`plugins: ssr ? [createPersistedState(a)] : [createPersistedState(b)]`).
   */
  readonly reportedVuexStores = new Set<TSESTree.ObjectExpression>();
  /** The `createJSONStorage(…)` calls of `zustand/middleware` in the file. */
  readonly jsonStorageCalls = new Set<TSESTree.CallExpression>();
  /** The calls of zustand middlewares that keep the state of the creator they wrap (see `ZustandMiddleware`). */
  readonly middlewareCalls = new Map<TSESTree.CallExpression, ZustandMiddleware>();
  private storageNodes: Map<TSESTree.Node, StorageArea> | undefined;
  private nuxt: boolean | undefined;

  readonly mode: StorageMode;
  private readonly filePath: string | undefined;
  private nuxtDefaultStorage: DefaultPersistStorage | undefined | null = null;

  constructor(sourceCode: SourceCode, mode: StorageMode, filePath: string | undefined) {
    this.sourceCode = sourceCode;
    this.mode = mode;
    this.filePath = filePath;
  }

  /**
   * Returns the web storage area that pinia-plugin-persistedstate writes a store to when its config names
   * no `storage`, or undefined when that is a cookie or unknown. A store of Nuxt's auto-imported
   * `defineStore` goes where the project's setup of the plugin sends it (see `getDefaultPersistStorage`).
   * A store of an imported `defineStore` goes to `localStorage`, unless the file shows Nuxt signs, because
   * the plugin's Nuxt module writes to a cookie.
   */
  getDefaultPiniaStorage(autoImported: boolean): StorageArea | undefined {
    if (!autoImported) return this.usesNuxt() ? undefined : 'localStorage';
    if (this.nuxtDefaultStorage === null) {
      this.nuxtDefaultStorage = this.filePath === undefined ? undefined : getDefaultPersistStorage(this.filePath);
    }
    return this.nuxtDefaultStorage === 'cookies' ? undefined : this.nuxtDefaultStorage;
  }

  /**
   * Returns where a `storage` option writes, in this search's mode: a web storage area (`localStorage` when
   * the option is missing), or the `setItem` function of a storage object. Returns undefined for anything else.
   */
  getStorage(storageNode: TSESTree.Property | undefined): StorageArea | FunctionNode | undefined {
    if (this.mode === 'web') return storageNode ? this.getStorageArea(storageNode.value) : 'localStorage';
    const storage = storageNode ? resolveObject(storageNode.value, this.sourceCode) : undefined;
    const setItem = storage ? getProperty(storage, 'setItem') : undefined;
    const setItemValue = setItem ? resolveValue(setItem.value, this.sourceCode) : undefined;
    return setItemValue && isFunctionNode(setItemValue) ? setItemValue : undefined;
  }

  /** Returns the web storage area an expression names, or undefined for anything else. */
  getStorageArea(node: TSESTree.Node, depth = 0): StorageArea | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (!this.storageNodes) {
      const tracker = createReferenceTracker(this.sourceCode.scopeManager?.globalScope as never);
      this.storageNodes = new Map();
      for (const { node: found, info } of tracker.iterateGlobalReferences(WEB_STORAGE_TRACE_MAP)) {
        this.storageNodes.set(found as TSESTree.Node, info as StorageArea);
      }
    }
    const expression = skipTypeWrappers(node);
    const area = this.storageNodes.get(expression);
    if (area) return area;
    const init = expression.type === AST_NODE_TYPES.Identifier ? getConstantInit(this.sourceCode.scopeManager, expression) : undefined;
    return init ? this.getStorageArea(init, depth + 1) : undefined;
  }

  /** Returns true when the file uses Nuxt's auto-imports or imports from Nuxt's own modules. */
  usesNuxt(): boolean {
    this.nuxt ??= hasNuxtSigns(this.sourceCode);
    return this.nuxt;
  }
}

/** Looks for a Nuxt global, undeclared or declared in the ESLint config, that the file uses. */
function hasNuxtSigns(sourceCode: SourceCode): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope?.through.some((reference) => NUXT_GLOBALS.has(reference.identifier.name))) return true;
  for (const name of NUXT_GLOBALS) {
    const variable = globalScope?.set.get(name);
    if (variable && variable.defs.length === 0 && variable.references.length > 0) return true;
  }
  return sourceCode.ast.body.some(
    (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && NUXT_MODULES.test(statement.source.value),
  );
}

// ---------------------------------------------------------------------------------------------------------
// vuex-persistedstate.

/** The options of `createPersistedState()` that change what is written, so the file no longer shows it. */
const VUEX_CUSTOM_WRITE_OPTIONS = ['reducer', 'setState'];

/**
 * Judges a `createPersistedState(options)` call, which writes the store state to `options.storage` (by
 * default `localStorage`) under `options.key` (by default `vuex`): all of it, or the `paths` listed. The
 * store is the object whose `plugins` list contains the call.
 */
function getVuexStore(call: TSESTree.CallExpression, context: PersistContext): PersistedStore | undefined {
  const { sourceCode } = context;
  const argument = call.arguments[0];
  const options = argument ? resolveObject(argument, sourceCode) : undefined;
  if (argument && (!options || hasSpread(options))) return undefined;
  if (options && VUEX_CUSTOM_WRITE_OPTIONS.some((name) => getProperty(options, name))) return undefined;

  const storage = context.getStorage(options ? getProperty(options, 'storage') : undefined);
  if (!storage) return undefined;

  // A path that is not static may name anything, but the static ones still show what they keep.
  const pathsNode = options ? getProperty(options, 'paths') : undefined;
  const include = pathsNode ? getStringList(pathsNode.value, sourceCode)?.names : undefined;
  if (pathsNode && !include) return undefined;

  const storeOptions = findVuexStoreOptions(call, sourceCode, 0);
  const shape = storeOptions ? getVuexShape(storeOptions, sourceCode, 0) : UNKNOWN_SHAPE;
  const persistedState = findPersistedCredential(shape, { include, omit: [] }, true);
  if (persistedState === undefined) return undefined;
  if (storeOptions) {
    if (context.reportedVuexStores.has(storeOptions)) return undefined;
    context.reportedVuexStores.add(storeOptions);
  }

  const keyNode = options ? getProperty(options, 'key')?.value : undefined;
  const key = keyNode ? getStaticString(keyNode, sourceCode) : 'vuex';
  return { node: call, plugin: 'vuex-persistedstate', method: 'createPersistedState', storage, keyNode, staticKey: key, persistedState };
}

/**
 * Returns the options object of the Vuex store whose `plugins` list contains `node`. The list may be
 * written in place, or the plugin or the list may sit in a variable first (`const plugins = [...]`).
 */
function findVuexStoreOptions(node: TSESTree.Node, sourceCode: SourceCode, depth: number): TSESTree.ObjectExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.ArrayExpression ||
      (current.parent.type === AST_NODE_TYPES.ConditionalExpression && current.parent.test !== current) ||
      current.parent.type === AST_NODE_TYPES.LogicalExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && getPropertyKeyName(parent) === 'plugins') {
    return parent.parent.type === AST_NODE_TYPES.ObjectExpression ? parent.parent : undefined;
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== current || parent.id.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  for (const reference of variable?.references ?? []) {
    if (reference.init || reference.isWrite()) continue;
    const found = findVuexStoreOptions(reference.identifier, sourceCode, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Reads the state and the modules of Vuex store or module options. */
function getVuexShape(options: TSESTree.ObjectExpression, sourceCode: SourceCode, depth: number): StateShape {
  const stateNode = getProperty(options, 'state');
  const state = stateNode ? getStateObject(stateNode.value, sourceCode) : undefined;
  const entries: StateEntry[] = [];
  let complete = !hasSpread(options);
  if (stateNode && !state) complete = false;
  if (state) {
    const shape = getObjectShape(state, sourceCode, 0);
    entries.push(...shape.entries);
    complete &&= shape.complete;
  }

  const modulesNode = getProperty(options, 'modules');
  const modules = modulesNode ? resolveObject(modulesNode.value, sourceCode) : undefined;
  if (modulesNode && (!modules || hasSpread(modules))) complete = false;
  for (const property of modules?.properties ?? []) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = getPropertyKeyName(property);
    if (name === undefined) {
      complete = false;
      continue;
    }
    const module = depth < MAX_DEPTH ? resolveObject(property.value, sourceCode) : undefined;
    entries.push({ name, isModule: true, shape: module ? getVuexShape(module, sourceCode, depth + 1) : undefined, isFlag: false });
  }
  return { entries, complete };
}

// ---------------------------------------------------------------------------------------------------------
// pinia-plugin-persistedstate.

/**
 * The options of a `persist` object in pinia-plugin-persistedstate 3 and 4. An object with any other key
 * belongs to another plugin (pinia-plugin-persist has `enabled` and `strategies`) and is not judged.
 */
const PINIA_PERSIST_OPTIONS = new Set([
  'key',
  'storage',
  'serializer',
  'pick',
  'omit',
  'paths',
  'debug',
  'beforeHydrate',
  'afterHydrate',
  'beforeRestore',
  'afterRestore',
]);

/**
 * Judges a `defineStore(id, options)`, `defineStore({ id, ... })` or `defineStore(id, setup, options)` call
 * whose `persist` option is `true`, a config object or a list of them. Each config writes the store state
 * (all of it, the `pick` or `paths` listed, less `omit`) to its `storage`, by default `localStorage`, under
 * its `key`, by default the store id. The access is reported at the `persist` property.
 */
function getPiniaStore(call: TSESTree.CallExpression, context: PersistContext, autoImported: boolean): PersistedStore | undefined {
  const { sourceCode } = context;
  const [first, second, third] = call.arguments;
  const setup = second ? resolveValue(second, sourceCode) : undefined;
  const isSetupStore = setup !== undefined && isFunctionNode(setup);
  const optionsNode = isSetupStore ? third : (second ?? first);
  const options = optionsNode ? resolveObject(optionsNode, sourceCode) : undefined;
  const persistProperty = options ? getProperty(options, 'persist') : undefined;
  if (!options || !persistProperty) return undefined;

  const configs = getPersistConfigs(persistProperty.value, sourceCode);
  if (!configs || configs.length === 0) return undefined;

  const firstValue = first && skipTypeWrappers(first);
  const idNode = firstValue?.type === AST_NODE_TYPES.ObjectExpression ? getProperty(firstValue, 'id')?.value : first;
  const id = idNode ? getStaticString(idNode, sourceCode) : undefined;
  const shape = isSetupStore ? getSetupStoreShape(setup, sourceCode) : getPiniaOptionsShape(options, sourceCode);

  for (const config of configs) {
    const judged = judgePiniaConfig(config, shape, context, autoImported);
    if (!judged) continue;
    return {
      node: persistProperty,
      plugin: 'pinia-plugin-persistedstate',
      method: 'defineStore',
      storage: judged.storage,
      keyNode: judged.keyNode ?? idNode,
      staticKey: judged.keyNode ? getStaticString(judged.keyNode, sourceCode) : id,
      persistedState: judged.persistedState,
    };
  }
  return undefined;
}

/** Returns the persistence configs of a `persist` value: `true` is one with every default, `false` none. */
function getPersistConfigs(node: TSESTree.Node, sourceCode: SourceCode): (TSESTree.ObjectExpression | 'defaults')[] | undefined {
  const value = resolveValue(node, sourceCode);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') return value.value ? ['defaults'] : [];
  if (value.type === AST_NODE_TYPES.ObjectExpression) return [value];
  if (value.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const configs: TSESTree.ObjectExpression[] = [];
  for (const element of value.elements) {
    const config = element && element.type !== AST_NODE_TYPES.SpreadElement ? resolveObject(element, sourceCode) : undefined;
    if (config) configs.push(config);
  }
  return configs;
}

function judgePiniaConfig(
  config: TSESTree.ObjectExpression | 'defaults',
  shape: StateShape,
  context: PersistContext,
  autoImported: boolean,
): { storage: StorageArea | FunctionNode; keyNode: TSESTree.Node | undefined; persistedState: string } | undefined {
  const { sourceCode } = context;
  if (config === 'defaults') {
    const storage = context.mode === 'web' ? context.getDefaultPiniaStorage(autoImported) : undefined;
    if (!storage) return undefined;
    const persistedState = findPersistedCredential(shape, { include: undefined, omit: [] }, false);
    return persistedState === undefined ? undefined : { storage, keyNode: undefined, persistedState };
  }
  if (hasSpread(config)) return undefined;
  for (const property of config.properties) {
    const name = property.type === AST_NODE_TYPES.Property ? getPropertyKeyName(property) : undefined;
    if (name === undefined || !PINIA_PERSIST_OPTIONS.has(name)) return undefined;
  }

  const storageNode = getProperty(config, 'storage');
  const storage =
    storageNode || context.mode !== 'web' ? context.getStorage(storageNode) : context.getDefaultPiniaStorage(autoImported);
  if (!storage) return undefined;

  const includeNode = getProperty(config, 'pick') ?? getProperty(config, 'paths');
  const include = includeNode ? getStringList(includeNode.value, sourceCode)?.names : undefined;
  const omitNode = getProperty(config, 'omit');
  const omitList = omitNode ? getStringList(omitNode.value, sourceCode) : { names: [], complete: true };
  if ((includeNode && !include) || !omitList?.complete) return undefined;
  const omit = omitList.names;

  const persistedState = findPersistedCredential(shape, { include, omit }, false);
  if (persistedState === undefined) return undefined;
  return { storage, keyNode: getProperty(config, 'key')?.value, persistedState };
}

/** Reads the state of an options store: `state: () => ({ ... })` or `state() { return { ... } }`. */
function getPiniaOptionsShape(options: TSESTree.ObjectExpression, sourceCode: SourceCode): StateShape {
  const stateNode = getProperty(options, 'state');
  const state = stateNode ? getStateObject(stateNode.value, sourceCode) : undefined;
  return state ? getObjectShape(state, sourceCode, 0) : UNKNOWN_SHAPE;
}

/**
 * Reads the state of a setup store: the properties of the object its function returns, spreads included
 * (see `getStateProperties`), without the functions (actions) and `computed()` values (getters), which
 * are not part of the state.
 */
function getSetupStoreShape(setup: TSESTree.Node, sourceCode: SourceCode): StateShape {
  const returned = isFunctionNode(setup) ? getReturnedObject(setup, sourceCode) : undefined;
  if (!returned) return UNKNOWN_SHAPE;
  const { properties, complete } = getStateProperties(returned, sourceCode);
  const state = properties.filter((property) => !isActionOrGetter(property.value, sourceCode));
  return { entries: getStateEntries(state, sourceCode, 0), complete };
}

/** Returns true for a function, a variable bound to one, or a `computed()` value. */
function isActionOrGetter(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const expression = skipTypeWrappers(node);
  if (isFunctionNode(expression)) return true;
  if (expression.type === AST_NODE_TYPES.CallExpression) return getCalleeName(expression)?.split('.').pop() === 'computed';
  if (expression.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === 'FunctionName') return true;
  const init = getConstantInit(sourceCode.scopeManager, expression);
  return init !== undefined && isActionOrGetter(init, sourceCode);
}

// ---------------------------------------------------------------------------------------------------------
// zustand's persist middleware.

/**
 * Judges a `persist(stateCreator, options)` call of `zustand/middleware`, which writes the store state (all
 * of it, or what `options.partialize` returns) to `options.storage`, by default `localStorage`, under
 * `options.name`. Only web storage counts: no `storage` option, or `createJSONStorage(() => localStorage)`
 * and `createJSONStorage(() => sessionStorage)`. The state is the object the state creator returns, less
 * its functions (actions). The access is reported at the `persist(…)` call.
 */
function getZustandStore(call: TSESTree.CallExpression, context: PersistContext): PersistedStore | undefined {
  const { sourceCode } = context;
  if (context.mode !== 'web') return undefined;
  const [creatorNode, optionsNode] = call.arguments;
  if (!creatorNode || creatorNode.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const options = optionsNode ? resolveObject(optionsNode, sourceCode) : undefined;
  if (!options || hasSpread(options)) return undefined;

  // zustand 4 also reads the older `getStorage: () => sessionStorage` option when `storage` is missing.
  const storageNode = getProperty(options, 'storage');
  const getStorageNode = getProperty(options, 'getStorage');
  let storage: StorageArea | undefined = 'localStorage';
  if (storageNode) storage = getZustandStorageArea(storageNode.value, context);
  else if (getStorageNode) storage = getReturnedStorageArea(getStorageNode.value, context);
  if (!storage) return undefined;

  const shape = getZustandShape(creatorNode, context, 0);
  const partializeNode = getProperty(options, 'partialize');
  const part = partializeNode ? getPartializedPart(partializeNode.value, sourceCode) : WHOLE_STATE;
  const persistedState = findPersistedCredential(shape, part, false);
  if (persistedState === undefined) return undefined;

  const keyNode = getProperty(options, 'name')?.value;
  return {
    node: call,
    plugin: 'zustand',
    method: 'persist',
    storage,
    keyNode,
    staticKey: keyNode ? getStaticString(keyNode, sourceCode) : undefined,
    persistedState,
  };
}

/**
 * Reads the state of a zustand state creator: the object its function returns, less the functions, also
 * through the middlewares of `ZustandMiddleware` (`immer((set) => ({ ... }))`). A call of any other
 * function, such as a local `immer`, may return any state, so its shape is unknown.
 */
function getZustandShape(node: TSESTree.Node, context: PersistContext, depth: number): StateShape {
  const { sourceCode } = context;
  const creator = resolveValue(node, sourceCode);
  if (isFunctionNode(creator)) return getSetupStoreShape(creator, sourceCode);
  const middleware = creator.type === AST_NODE_TYPES.CallExpression ? context.middlewareCalls.get(creator) : undefined;
  if (!middleware || depth >= MAX_DEPTH) return UNKNOWN_SHAPE;
  const [first, second] = (creator as TSESTree.CallExpression).arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN_SHAPE;
  if (middleware === 'zustand-wrapper') return getZustandShape(first, context, depth + 1);

  // `combine(initialState, creator)`: the state is the object, overlaid by what the creator returns.
  const initialState = resolveObject(first, sourceCode);
  const initialShape = initialState ? getObjectShape(initialState, sourceCode, 0) : UNKNOWN_SHAPE;
  if (!second || second.type === AST_NODE_TYPES.SpreadElement) return { entries: initialShape.entries, complete: false };
  const added = getZustandShape(second, context, depth + 1);
  const names = new Set(added.entries.map((entry) => entry.name));
  return {
    entries: [...initialShape.entries.filter((entry) => !names.has(entry.name)), ...added.entries],
    complete: initialShape.complete && added.complete,
  };
}

/** Returns the web storage area of a `createJSONStorage(() => localStorage)` call, or undefined for any other storage. */
function getZustandStorageArea(node: TSESTree.Node, context: PersistContext): StorageArea | undefined {
  const call = resolveValue(node, context.sourceCode);
  if (call.type !== AST_NODE_TYPES.CallExpression || !context.jsonStorageCalls.has(call) || !call.arguments[0]) return undefined;
  return getReturnedStorageArea(call.arguments[0], context);
}

/** Returns the web storage area that a function such as `() => sessionStorage` returns, or undefined. */
function getReturnedStorageArea(node: TSESTree.Node, context: PersistContext): StorageArea | undefined {
  const getter = resolveValue(node, context.sourceCode);
  if (!isFunctionNode(getter)) return undefined;
  let returned: TSESTree.Node | undefined;
  if (getter.body.type !== AST_NODE_TYPES.BlockStatement) returned = getter.body;
  else {
    const last = getter.body.body.at(-1);
    returned = last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? last.argument : undefined;
  }
  return returned ? context.getStorageArea(returned) : undefined;
}

/**
 * Returns the part of the state that a `partialize` function keeps: the paths it reads into an object
 * literal (see `getPartializedPaths`), or the whole state less the names it leaves out of a rest pattern
 * (see `getRestOmittedNames`). A function written any other way keeps the whole state.
 */
function getPartializedPart(node: TSESTree.Node, sourceCode: SourceCode): PersistedPart {
  const partialize = resolveValue(node, sourceCode);
  if (!isFunctionNode(partialize)) return WHOLE_STATE;
  const omit = getRestOmittedNames(partialize);
  if (omit) return { include: undefined, omit };
  const include = getPartializedPaths(partialize, sourceCode);
  return include ? { include, omit: [] } : WHOLE_STATE;
}

/**
 * Returns the state names that a `partialize` function leaves out when it returns the rest of the state:
 * `({ token, ...rest }) => rest`, or `(state) => { const { token, ...rest } = state; return rest; }`, also
 * with `{ ...rest }` returned. Returns undefined for a function written any other way, and for a rest
 * pattern with a computed name, which may leave out anything.
 */
function getRestOmittedNames(partialize: FunctionNode): string[] | undefined {
  const [param] = partialize.params;
  let pattern: TSESTree.Node | undefined = param;
  let returned: TSESTree.Node = partialize.body;
  if (partialize.body.type === AST_NODE_TYPES.BlockStatement) {
    const statements = partialize.body.body;
    const last = statements.at(-1);
    if (last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return undefined;
    returned = last.argument;
    if (statements.length === 2) pattern = getDestructuredParameter(statements[0], param);
    else if (statements.length !== 1) return undefined;
  }
  if (pattern?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;

  const rest = pattern.properties.at(-1);
  if (rest?.type !== AST_NODE_TYPES.RestElement || rest.argument.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (getReturnedIdentifier(returned)?.name !== rest.argument.name) return undefined;
  const names: string[] = [];
  for (const property of pattern.properties) {
    if (property === rest) continue;
    const name = property.type === AST_NODE_TYPES.Property ? getPropertyKeyName(property) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

/** Returns the pattern of a declaration such as `const { token, ...rest } = state` that destructures `param`. */
function getDestructuredParameter(
  statement: TSESTree.Statement | undefined,
  param: TSESTree.Parameter | undefined,
): TSESTree.Node | undefined {
  if (statement?.type !== AST_NODE_TYPES.VariableDeclaration || param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const [declarator, ...others] = statement.declarations;
  const init = declarator?.init ? skipTypeWrappers(declarator.init) : undefined;
  if (others.length > 0 || init?.type !== AST_NODE_TYPES.Identifier || init.name !== param.name) return undefined;
  return declarator?.id;
}

/** Returns the variable that a function returns as it is (`rest`) or spread into a new object (`{ ...rest }`). */
function getReturnedIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const [only, ...others] = value.properties;
    if (only?.type !== AST_NODE_TYPES.SpreadElement || others.length > 0) return undefined;
    value = skipTypeWrappers(only.argument);
  }
  return value.type === AST_NODE_TYPES.Identifier ? value : undefined;
}

/**
 * Returns the state paths a `partialize` function keeps when it is an arrow function that returns an object
 * literal: the state it reads for each property (`token: state.token`, `({ token }) => ({ token })`, or
 * `auth: state.auth.token` as `auth.token`). Returns undefined, for the whole state, when the function
 * is written any other way.
 */
function getPartializedPaths(partialize: FunctionNode, sourceCode: SourceCode): string[] | undefined {
  if (partialize.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const body = skipTypeWrappers(partialize.body);
  const param = partialize.params[0];
  if (body.type !== AST_NODE_TYPES.ObjectExpression || hasSpread(body) || !param) return undefined;
  const reads = new Map<string, string>();
  let stateName: string | undefined;
  if (param.type === AST_NODE_TYPES.Identifier) stateName = param.name;
  else if (param.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of param.properties) {
      if (property.type !== AST_NODE_TYPES.Property) return undefined;
      const name = getPropertyKeyName(property);
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (name === undefined || value.type !== AST_NODE_TYPES.Identifier) return undefined;
      reads.set(value.name, name);
    }
  } else return undefined;

  const paths: string[] = [];
  // A use of the whole state other than a property read (`all: state`, `state[key]`) may keep anything.
  let readsWholeState = false;
  const visit = (current: TSESTree.Node): void => {
    const path = getStatePath(current, stateName, reads);
    if (path !== undefined) {
      paths.push(path);
      return;
    }
    if (current.type === AST_NODE_TYPES.Identifier && current.name === stateName) readsWholeState = true;
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  for (const property of body.properties) {
    if (property.type !== AST_NODE_TYPES.Property || getPropertyKeyName(property) === undefined) return undefined;
    visit(property.value);
  }
  return readsWholeState ? undefined : paths;
}

/**
 * Returns the state path an expression reads in a `partialize` function: `state.auth.token` as `auth.token`,
 * or a destructured parameter by its state name (`token`, `auth.token`).
 */
function getStatePath(node: TSESTree.Node, stateName: string | undefined, reads: ReadonlyMap<string, string>): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return reads.get(node.name);
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const names: string[] = [node.property.name];
  let object: TSESTree.Node = node.object;
  while (object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier) {
    names.unshift(object.property.name);
    object = object.object;
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (object.name === stateName) return names.join('.');
  const destructured = reads.get(object.name);
  return destructured === undefined ? undefined : [destructured, ...names].join('.');
}

// ---------------------------------------------------------------------------------------------------------
// Judging the persisted state.

/**
 * Returns the dot path of the first credential in the persisted part of the state, or undefined. A state
 * property counts when its name names a credential (`token`, `accessToken`). A Vuex module whose contents
 * the file does not show counts when its name names the login state (`auth`, `user`, `session`). An `auth`
 * container whose contents the file shows counts only through them. `rootMayBeModules` is true when a
 * top-level name in `paths` may name a Vuex module from another file.
 */
function findPersistedCredential(shape: StateShape, part: PersistedPart, rootMayBeModules: boolean): string | undefined {
  if (!part.include) return findCredentialEntry(shape, '', part.omit);
  for (const path of part.include) {
    const found = findCredentialOnPath(shape, path.split('.'), '', rootMayBeModules, part.omit);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findCredentialEntry(shape: StateShape, prefix: string, omit: readonly string[]): string | undefined {
  for (const entry of shape.entries) {
    const path = prefix === '' ? entry.name : `${prefix}.${entry.name}`;
    const found = judgeEntry(entry, path, omit);
    if (found !== undefined) return found;
  }
  return undefined;
}

function judgeEntry(entry: StateEntry, path: string, omit: readonly string[]): string | undefined {
  if (omit.includes(path) || entry.isFlag) return undefined;
  const partlyOmitted = omit.some((omitted) => omitted.startsWith(`${path}.`));
  const isCredential =
    !partlyOmitted && !entry.isCoin && (entry.isModule ? isAuthStateName(entry.name) : isCredentialName(entry.name));
  if (!entry.shape) return isCredential ? path : undefined;
  // A credential name such as `token` counts whatever it contains. An `auth` container or a module counts
  // through what the file shows inside it, and by its name only when the file does not show all of it.
  if (!entry.isModule && isCredential && !isAuthContainerName(entry.name)) return path;
  const inside = findCredentialEntry(entry.shape, path, omit);
  if (inside !== undefined) return inside;
  return isCredential && !entry.shape.complete ? path : undefined;
}

function findCredentialOnPath(
  shape: StateShape | undefined,
  segments: readonly string[],
  prefix: string,
  mayBeModule: boolean,
  omit: readonly string[],
): string | undefined {
  const [name, ...rest] = segments;
  if (name === undefined || name === '') return undefined;
  const path = prefix === '' ? name : `${prefix}.${name}`;
  const entry = shape?.entries.find((candidate) => candidate.name === name);
  if (!entry) {
    if (shape?.complete) return undefined;
    // The file does not show this part of the state, so only the names on the path can tell.
    const last = segments.at(-1) ?? name;
    const isCredential = rest.length === 0 && mayBeModule ? isAuthStateName(last) : isCredentialName(last);
    const fullPath = [path, ...rest].join('.');
    return isCredential && !omit.includes(fullPath) ? fullPath : undefined;
  }
  if (rest.length === 0) return judgeEntry(entry, path, omit);
  if (!entry.shape) {
    const fullPath = [path, ...rest].join('.');
    return isCredentialName(rest.at(-1) ?? '') && !omit.includes(fullPath) ? fullPath : undefined;
  }
  return findCredentialOnPath(entry.shape, rest, path, entry.isModule, omit);
}

// ---------------------------------------------------------------------------------------------------------
// Reading values written in the file.

/** Reads the properties of a state object, following spreads and nested object literals. */
function getObjectShape(object: TSESTree.ObjectExpression, sourceCode: SourceCode, depth: number): StateShape {
  const { properties, complete } = getStateProperties(object, sourceCode);
  return { entries: getStateEntries(properties, sourceCode, depth + 1), complete };
}

/** A property of a state object literal with a static name, and the value it gets. */
interface StateProperty {
  readonly name: string;
  readonly value: TSESTree.Node;
}

/**
 * Reads the properties of a state object literal with static names. A spread of an object literal of the
 * file (`...initialState` after `const initialState = { token: null }`) adds that object's properties, and
 * so do the spreads inside it, up to `MAX_DEPTH` objects deep. A property keeps the position of its first
 * definition and the value of its last, as at run time. `complete` is false when a spread of anything else
 * (a parameter, an import, a call) may add properties that the file does not show.
 */
function getStateProperties(
  object: TSESTree.ObjectExpression,
  sourceCode: SourceCode,
): { properties: StateProperty[]; complete: boolean } {
  const values = new Map<string, TSESTree.Node>();
  let complete = true;
  const read = (current: TSESTree.ObjectExpression, depth: number): void => {
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = depth < MAX_DEPTH ? resolveObject(property.argument, sourceCode) : undefined;
        if (spread) read(spread, depth + 1);
        else complete = false;
        continue;
      }
      const name = getPropertyKeyName(property);
      if (name !== undefined) values.set(name, property.value);
    }
  };
  read(object, 0);
  return { properties: [...values].map(([name, value]) => ({ name, value })), complete };
}

/** Returns the entry of each state property, marking coins by the names of the others (see `isCoinEntry`). */
function getStateEntries(properties: readonly StateProperty[], sourceCode: SourceCode, depth: number): StateEntry[] {
  return properties.map(({ name, value }) => {
    const entry = getStateEntry(name, value, sourceCode, depth);
    const siblings = properties.map((other) => other.name).filter((sibling) => sibling !== name);
    return isCoinEntry(name, value, siblings, sourceCode) ? { ...entry, isCoin: true } : entry;
  });
}

/**
 * Returns true when a state property named `token` or `tokens` contains a crypto-currency coin, as in a swap
 * or bridge store. Its type is then a coin type (`null as Token | null`, `ref<TokenInfo[]>([])`, see
 * `isCryptoAssetTypeNode`), or it starts as no string (`null`, `[]`) next to properties such as `amount`,
 * `slippage` or `symbol` (see `isCryptoAssetSiblingName`). A token that starts as a string (`token: ''`) is
 * judged by its name alone.
 */
function isCoinEntry(name: string, value: TSESTree.Node, siblings: readonly string[], sourceCode: SourceCode): boolean {
  const words = splitWords(name);
  if (words.length !== 1 || (words[0] !== 'token' && words[0] !== 'tokens')) return false;
  if (hasCoinType(value, sourceCode, 0)) return true;
  return !startsAsString(value, sourceCode, 0) && siblings.some((sibling) => isCryptoAssetSiblingName(sibling));
}

/** Returns true for a state value that starts as a string: `''`, `'' as string`, `ref<string>()`, `ref('')`. */
function startsAsString(node: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (hasStringType(node)) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(sourceCode.scopeManager, node);
    return init !== undefined && startsAsString(init, sourceCode, depth + 1);
  }
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.CallExpression && isReactiveWrapper(value)) {
    const argument = value.arguments[0];
    return argument !== undefined && startsAsString(argument, sourceCode, depth + 1);
  }
  if (value !== node) return startsAsString(value, sourceCode, depth + 1);
  return (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') || value.type === AST_NODE_TYPES.TemplateLiteral;
}

/** Returns true when a state value carries a coin type: `x as Token`, `ref<Token>()`, or an annotated constant. */
function hasCoinType(node: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    return isCryptoAssetTypeNode(node.typeAnnotation, sourceCode, 0) || hasCoinType(node.expression, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (hasCryptoAssetType(node, sourceCode)) return true;
    const init = getConstantInit(sourceCode.scopeManager, node);
    return init !== undefined && hasCoinType(init, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && isReactiveWrapper(node)) {
    const typeArgument = node.typeArguments?.params[0];
    if (typeArgument && isCryptoAssetTypeNode(typeArgument, sourceCode, 0)) return true;
    const argument = node.arguments[0];
    return argument !== undefined && hasCoinType(argument, sourceCode, depth + 1);
  }
  return false;
}

/** Returns true for a value written as a string: `'' as string`, `ref<string>('')`. */
function hasStringType(node: TSESTree.Node): boolean {
  let type: TSESTree.TypeNode | undefined;
  if (node.type === AST_NODE_TYPES.TSAsExpression) type = node.typeAnnotation;
  else if (node.type === AST_NODE_TYPES.CallExpression) type = node.typeArguments?.params[0];
  if (type === undefined) return false;
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  return members.some((member) => member.type === AST_NODE_TYPES.TSStringKeyword);
}

/** Reads a state value, also inside `ref()`, `reactive()` or a constant, and the object literal it may be. */
function getStateEntry(name: string, node: TSESTree.Node, sourceCode: SourceCode, depth: number): StateEntry {
  let value = resolveValue(node, sourceCode);
  if (value.type === AST_NODE_TYPES.CallExpression && isReactiveWrapper(value) && value.arguments[0]) {
    value = resolveValue(value.arguments[0], sourceCode);
  }
  const object = value.type === AST_NODE_TYPES.ObjectExpression && depth <= MAX_DEPTH ? value : undefined;
  return {
    name,
    isModule: false,
    shape: object ? getObjectShape(object, sourceCode, depth) : undefined,
    isFlag: value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean',
  };
}

/** Vue's functions that wrap a state value without changing its properties. */
function isReactiveWrapper(call: TSESTree.CallExpression): boolean {
  const name = getCalleeName(call)?.split('.').pop();
  return name === 'ref' || name === 'reactive' || name === 'shallowRef' || name === 'shallowReactive';
}

/** Returns the object a `state` option gives: an object literal or a function that returns one. */
function getStateObject(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  const value = resolveValue(node, sourceCode);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  return isFunctionNode(value) ? getReturnedObject(value, sourceCode) : undefined;
}

/** Returns the object literal that a function returns from its body (an arrow body or the last `return`). */
function getReturnedObject(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
  sourceCode: SourceCode,
): TSESTree.ObjectExpression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return resolveObject(fn.body, sourceCode);
  const last = fn.body.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? resolveObject(last.argument, sourceCode) : undefined;
}

/** Follows constants (and the declarations of functions) to the value written in the file. */
function resolveValue(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node {
  let current = skipTypeWrappers(node);
  for (let depth = 0; depth < MAX_DEPTH && current.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
    const init = getConstantInit(sourceCode.scopeManager, current);
    if (!init) break;
    current = skipTypeWrappers(init);
  }
  return current;
}

function resolveObject(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  const value = resolveValue(node, sourceCode);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
}

/** Returns the last property with a static name in an object literal, as the last one wins at run time. */
function getProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getPropertyKeyName(property) === name) found = property;
  }
  return found;
}

/**
 * Returns the static strings of an array literal, and whether every element is one. The array may sit in
 * a same-file constant or in a property of a same-file object (`PERSIST.paths`), and a spread of another
 * such array adds its strings (`[...BASE_PATHS, 'theme']`). Returns undefined when the value is no array literal.
 */
function getStringList(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): { names: string[]; complete: boolean } | undefined {
  const list = resolveListValue(node, sourceCode);
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const names: string[] = [];
  let complete = true;
  for (const element of list.elements) {
    if (element?.type === AST_NODE_TYPES.SpreadElement) {
      const spread = depth < MAX_DEPTH ? getStringList(element.argument, sourceCode, depth + 1) : undefined;
      if (spread) names.push(...spread.names);
      complete &&= spread?.complete ?? false;
      continue;
    }
    const name = element ? getStaticString(element, sourceCode) : undefined;
    if (name === undefined) complete = false;
    else names.push(name);
  }
  return { names, complete };
}

/**
 * Follows constants, and a property read of a same-file object whose property has one known value
 * (`PERSIST.paths` after `const PERSIST = { paths: [...] }`), to the value written in the file.
 */
function resolveListValue(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node {
  const value = resolveValue(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return value;
  const name = getMemberName(value);
  const lookup = name === undefined ? undefined : followObject(sourceCode, value.object)?.lookup([name]);
  const only = lookup && !lookup.unknown && lookup.values.length === 1 ? lookup.values[0] : undefined;
  return only ? resolveValue(only.node, sourceCode) : value;
}
