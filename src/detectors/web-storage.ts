/**
 * Finds login credentials written to, read from or removed from storage that any script on the page can
 * read: `localStorage` and `sessionStorage` (bare, through `window.`, `self.`, `globalThis.` or an alias),
 * the storage libraries and hooks in storage-libraries.ts, and the persisted Vue stores in
 * persisted-store.ts. The rule `no-token-in-storage` reports the
 * findings and the `storage-token-to-cookie` codemod rewrites them, so each finding carries what both need.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createReferenceTracker, READ } from '../util/reference-tracker.js';
import { type CredentialKeyOptions, getMemberName, isAllowedKey, isCredentialKey, resolveCredentialKey } from './credential-key.js';
import { classifyStoredValue, findCredentialUse } from './credential-value.js';
import { collectPersistedStoreAccesses } from './persisted-store.js';
import { collectLibraryAccesses } from './storage-libraries.js';
import { findOverwrites } from './storage-overwrite.js';
import { isCallee, iterateValueUses } from './value-flow.js';
import { isPageUrlReferralValue } from './value-origin.js';

export type StorageKind = 'write' | 'read' | 'remove';

/** The API a finding goes through: a Web Storage object or the npm package that wraps storage. */
export type StorageApi =
  | 'localStorage'
  | 'sessionStorage'
  | 'localforage'
  | 'idb-keyval'
  | 'store2'
  | 'usehooks-ts'
  | '@uidotdev/usehooks'
  | 'react-use'
  | '@vueuse/core'
  | 'redux-persist'
  | 'vuex-persistedstate'
  | 'pinia-plugin-persistedstate'
  | 'zustand';

/** The storage area of an entry. Accesses in the same area under the same key reach the same entry. */
export type StorageArea = 'localStorage' | 'sessionStorage' | 'localforage' | 'indexedDB';

/**
 * The code form of an access, for a codemod: `call` (`setItem(k, v)`, `set(k, v)`, `store(k, v)`),
 * `property` (`localStorage.token`, read or assigned), `delete` (`delete localStorage.token`),
 * `destructuring` (`const { token } = localStorage`), `hook` (the `useLocalStorage(key)` call),
 * `hook-setter` and `hook-remover` (calls of the functions a hook returns), `hook-ref` (`ref.value = v` on
 * a `@vueuse/core` ref) and `persist-config` (a redux-persist `persistReducer` call, a vuex-persistedstate
 * `createPersistedState` call, the `persist` option of a Pinia store or zustand's `persist` middleware call).
 */
export type StorageAccessForm =
  | 'call'
  | 'property'
  | 'delete'
  | 'destructuring'
  | 'hook'
  | 'hook-setter'
  | 'hook-remover'
  | 'hook-ref'
  | 'persist-config';

/**
 * Why an access counts as a credential access:
 * - `key`: the key names a credential;
 * - `value`: the written value is a credential;
 * - `authorization-header`: the value read is sent in an `Authorization` or other credential header;
 * - `credential-property`: a credential property is read from the parsed value;
 * - `same-key-as-credential-write` / `same-key-as-credential-read`: the file writes a credential value
 *   under the same key, or reads one as above;
 * - `persisted-auth-state`: redux-persist saves an auth or user state slice;
 * - `persisted-store-state`: vuex-persistedstate, pinia-plugin-persistedstate or zustand's `persist`
 *   middleware copies a store state that contains a credential.
 */
export type StorageFindingReason =
  | 'key'
  | 'value'
  | 'authorization-header'
  | 'credential-property'
  | 'same-key-as-credential-write'
  | 'same-key-as-credential-read'
  | 'persisted-auth-state'
  | 'persisted-store-state';

export interface StorageFinding {
  /** The node to report: the call, assignment, member expression, `delete` or destructured property. */
  readonly node: TSESTree.Node;
  readonly kind: StorageKind;
  readonly storage: StorageApi;
  readonly area: StorageArea;
  /** The method, hook or function name (`setItem`, `useLocalStorage`, `persistReducer`), or the form for property access. */
  readonly method: string;
  readonly form: StorageAccessForm;
  /** The key expression, when the key is given in the code. */
  readonly keyNode?: TSESTree.Node;
  /** The key when it is known (for redux-persist: the storage key, `persist:<key>`; for a Vue store: its storage key). */
  readonly key?: string;
  /** The written value, for writes. */
  readonly valueNode?: TSESTree.Node;
  readonly reason: StorageFindingReason;
  /** For a persisted store: the state slice, property or dot path that makes the persisted state a credential. */
  readonly persistedState?: string;
  /**
   * For a removal that only clears the entry before the same block writes it again: the node of that
   * write. Such a removal is part of the write, not a logout (see storage-overwrite.ts).
   */
  readonly overwrittenBy?: TSESTree.Node;
}

export type WebStorageOptions = CredentialKeyOptions;

/** One use of a storage API before it is judged, as the collectors find it. */
export interface StorageAccess {
  node: TSESTree.Node;
  kind: StorageKind;
  storage: StorageApi;
  area: StorageArea;
  method: string;
  form: StorageAccessForm;
  keyNode?: TSESTree.Node;
  /** A key known from the syntax itself (`localStorage.token`, `const { token } = localStorage`). */
  staticKey?: string;
  valueNode?: TSESTree.Node;
  /** For reads: the expression whose value is what was read, and whether that value is already an object. */
  result?: TSESTree.Node;
  resultIsObject?: boolean;
  /** Set by collectors that decide on their own (redux-persist, persisted Vue and zustand stores). */
  reason?: StorageFindingReason;
  persistedState?: string;
}

/**
 * Finds every credential write, read and removal in browser storage in a file, in source order. With
 * `filePath`, the project files around it (package.json, the Nuxt config) tell whether the file belongs to
 * a Nuxt app, whose auto-imported `defineStore` then counts.
 */
export function findStorageCredentials(
  sourceCode: TSESLint.SourceCode,
  options: WebStorageOptions = {},
  filePath?: string,
): StorageFinding[] {
  const accesses = [
    ...collectWebStorageAccesses(sourceCode),
    ...collectLibraryAccesses(sourceCode),
    ...collectPersistedStoreAccesses(sourceCode, filePath),
  ];
  return judgeAccesses(accesses, sourceCode, options);
}

// ---------------------------------------------------------------------------------------------------------
// Web Storage: localStorage and sessionStorage.

const WEB_STORAGE_TRACE_MAP = {
  localStorage: { [READ]: 'localStorage' as const },
  sessionStorage: { [READ]: 'sessionStorage' as const },
};

/** The `Storage` methods that take a key, and what each does. */
export const WEB_STORAGE_METHODS: Readonly<Record<string, { kind: StorageKind; hasValue: boolean }>> = {
  setItem: { kind: 'write', hasValue: true },
  getItem: { kind: 'read', hasValue: false },
  removeItem: { kind: 'remove', hasValue: false },
};

/** Members of `Storage` and `Object.prototype` that are not stored entries. */
const NON_ENTRY_MEMBERS = new Set([
  'length',
  'key',
  'clear',
  'setItem',
  'getItem',
  'removeItem',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  '__proto__',
]);

function collectWebStorageAccesses(sourceCode: TSESLint.SourceCode): StorageAccess[] {
  const tracker = createReferenceTracker(sourceCode.scopeManager?.globalScope as never);
  const accesses: StorageAccess[] = [];
  for (const { node, info } of tracker.iterateGlobalReferences(WEB_STORAGE_TRACE_MAP)) {
    for (const use of iterateValueUses(node as TSESTree.Node, sourceCode)) {
      const access = getWebStorageAccess(use, info as 'localStorage' | 'sessionStorage');
      if (access) accesses.push(...access);
    }
  }
  return accesses;
}

/** Reads what a use of a Storage object does with it: a method call, a property access, a destructuring. */
function getWebStorageAccess(use: TSESTree.Node, storage: 'localStorage' | 'sessionStorage'): StorageAccess[] | undefined {
  const parent = use.parent;
  if (!parent) return undefined;
  const base = { storage, area: storage } as const;

  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === use && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    return getDestructuredReads(parent.id, base);
  }
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return undefined;

  const name = getMemberName(parent);
  if (isCallee(parent)) {
    const call = parent.parent as TSESTree.CallExpression;
    const method = name === undefined ? undefined : WEB_STORAGE_METHODS[name];
    if (!method || name === undefined) return undefined;
    const [keyNode, valueNode] = call.arguments;
    return [
      {
        ...base,
        node: call,
        kind: method.kind,
        method: name,
        form: 'call',
        keyNode,
        valueNode: method.hasValue ? valueNode : undefined,
        result: method.kind === 'read' ? call : undefined,
        resultIsObject: false,
      },
    ];
  }
  if (name !== undefined && NON_ENTRY_MEMBERS.has(name)) return undefined;
  return [getPropertyAccess(parent, name, base)];
}

function getPropertyAccess(
  member: TSESTree.MemberExpression,
  name: string | undefined,
  base: { storage: StorageApi; area: StorageArea },
): StorageAccess {
  const key = member.computed ? { keyNode: member.property } : { keyNode: member.property, staticKey: name };
  let outer: TSESTree.Node = member;
  while (
    outer.parent &&
    (outer.parent.type === AST_NODE_TYPES.TSNonNullExpression || outer.parent.type === AST_NODE_TYPES.TSAsExpression)
  ) {
    outer = outer.parent;
  }
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer) {
    return { ...base, ...key, node: parent, kind: 'write', method: 'property', form: 'property', valueNode: parent.right };
  }
  if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') {
    return { ...base, ...key, node: parent, kind: 'remove', method: 'delete', form: 'delete' };
  }
  return { ...base, ...key, node: member, kind: 'read', method: 'property', form: 'property', result: member, resultIsObject: false };
}

function getDestructuredReads(pattern: TSESTree.ObjectPattern, base: { storage: StorageApi; area: StorageArea }): StorageAccess[] {
  const reads: StorageAccess[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name =
      !property.computed && property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal
          ? String(property.key.value)
          : undefined;
    if (name !== undefined && NON_ENTRY_MEMBERS.has(name)) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    reads.push({
      ...base,
      node: property,
      kind: 'read',
      method: 'destructuring',
      form: 'destructuring',
      keyNode: property.key,
      staticKey: property.computed && property.key.type !== AST_NODE_TYPES.Literal ? undefined : name,
      result: value,
      resultIsObject: false,
    });
  }
  return reads;
}

// ---------------------------------------------------------------------------------------------------------
// Judging: which accesses are credential accesses.

interface Judged {
  access: StorageAccess;
  kind: StorageKind;
  key: string | undefined;
  reason: StorageFindingReason | undefined;
  /**
   * The write stores data that is no credential under any key: a crypto-currency coin (`token.symbol` under
   * `currentToken`) or a referral code from the page URL (`params.get('ref_token')` under `refToken`).
   */
  nonCredential?: boolean;
}

function judgeAccesses(accesses: StorageAccess[], sourceCode: TSESLint.SourceCode, options: WebStorageOptions): StorageFinding[] {
  const judged: Judged[] = [];
  for (const access of accesses) {
    const verdict = judgeAccess(access, sourceCode, options);
    if (verdict) judged.push(verdict);
  }

  // Entries proven to hold a credential by their value or by how their value is used.
  const credentialEntries = new Map<string, 'same-key-as-credential-write' | 'same-key-as-credential-read'>();
  for (const item of judged) {
    if (item.key === undefined || item.reason === undefined) continue;
    const entry = getEntryId(item.access.area, item.key);
    if (item.reason === 'value' || item.reason === 'persisted-auth-state' || item.reason === 'persisted-store-state') {
      credentialEntries.set(entry, 'same-key-as-credential-write');
    } else if ((item.reason === 'authorization-header' || item.reason === 'credential-property') && !credentialEntries.has(entry)) {
      credentialEntries.set(entry, 'same-key-as-credential-read');
    }
  }
  for (const item of judged) {
    if (item.reason !== undefined || item.key === undefined) continue;
    item.reason = credentialEntries.get(getEntryId(item.access.area, item.key));
  }

  // An entry that the file only ever fills with coin data or referral codes contains no credential, whatever its key.
  const nonCredentialEntries = getNonCredentialEntries(judged);
  for (const item of judged) {
    if (item.reason === 'key' && item.key !== undefined && nonCredentialEntries.has(getEntryId(item.access.area, item.key))) {
      item.reason = undefined;
    }
  }

  const findings: StorageFinding[] = [];
  const reported = new Set<TSESTree.Node>();
  for (const item of judged) {
    if (item.reason === undefined || reported.has(item.access.node)) continue;
    reported.add(item.access.node);
    const { access } = item;
    findings.push({
      node: access.node,
      kind: item.kind,
      storage: access.storage,
      area: access.area,
      method: access.method,
      form: access.form,
      keyNode: access.keyNode,
      key: item.key,
      valueNode: access.valueNode,
      reason: item.reason,
      persistedState: access.persistedState,
    });
  }
  findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const overwrites = findOverwrites(findings, sourceCode);
  return findings.map((finding) => {
    const write = overwrites.get(finding);
    return write ? { ...finding, overwrittenBy: write.node } : finding;
  });
}

/** Returns the entries that the file writes coin data or referral codes to and nothing else (see `Judged.nonCredential`). */
function getNonCredentialEntries(judged: readonly Judged[]): Set<string> {
  const nonCredentialEntries = new Set<string>();
  const otherEntries = new Set<string>();
  for (const item of judged) {
    if (item.kind !== 'write' || item.key === undefined) continue;
    (item.nonCredential ? nonCredentialEntries : otherEntries).add(getEntryId(item.access.area, item.key));
  }
  for (const entry of otherEntries) nonCredentialEntries.delete(entry);
  return nonCredentialEntries;
}

function getEntryId(area: StorageArea, key: string): string {
  return `${area}\u0000${key}`;
}

/**
 * Judges one access on its own. Returns undefined when it can never be a credential access (an allowed key,
 * a literal flag), and a verdict without a reason when only another access under the same key can make it
 * one.
 */
function judgeAccess(access: StorageAccess, sourceCode: TSESLint.SourceCode, options: WebStorageOptions): Judged | undefined {
  let key: string | undefined;
  let keyText: string | undefined;
  let credentialKey = false;
  if (access.staticKey !== undefined) {
    key = access.staticKey;
    credentialKey = isCredentialKey(key, options);
  } else if (access.keyNode) {
    const resolved = resolveCredentialKey(access.keyNode, sourceCode, options);
    key = resolved.key;
    keyText = resolved.text;
    credentialKey = resolved.credential;
  } else {
    key = access.staticKey;
  }
  if (key !== undefined && isAllowedKey(key, options)) return undefined;
  if (access.reason) return { access, kind: access.kind, key, reason: access.reason };

  const keyReason = credentialKey ? ('key' as const) : undefined;
  switch (access.kind) {
    case 'write': {
      // A referral code from a shared link counts as one under any key, `refToken` included.
      if (access.valueNode && isPageUrlReferralValue(access.valueNode, sourceCode)) {
        return { access, kind: 'write', key, reason: undefined, nonCredential: true };
      }
      const value = classifyStoredValue(access.valueNode, sourceCode, { key, keyText });
      if (value === 'flag') return undefined;
      if (value === 'crypto-asset') return { access, kind: 'write', key, reason: undefined, nonCredential: true };
      if (value === 'empty') return { access, kind: 'remove', key, reason: keyReason };
      if (value === 'credential') return { access, kind: 'write', key, reason: keyReason ?? 'value' };
      return { access, kind: 'write', key, reason: keyReason };
    }
    case 'read': {
      if (keyReason) return { access, kind: 'read', key, reason: keyReason };
      const use = access.result ? findCredentialUse(access.result, sourceCode, { parsed: access.resultIsObject ?? false }) : undefined;
      return { access, kind: 'read', key, reason: use };
    }
    case 'remove':
      return { access, kind: 'remove', key, reason: keyReason };
  }
}
