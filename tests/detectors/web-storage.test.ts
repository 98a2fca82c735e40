import { describe, expect, it } from 'vitest';

import { findStorageCredentials, type StorageFinding } from '../../src/detectors/web-storage.js';
import { parseSourceCode } from '../../src/source-code.js';
import { mayContainStorageAccess } from '../../src/detectors/text-checks.js';

/** Runs the detector and returns each finding with its nodes as source text, for readable comparisons. */
function detect(code: string, filename = 'file.js', options = {}) {
  const sourceCode = parseSourceCode(code, filename);
  const text = (node: StorageFinding['node'] | undefined) => (node ? sourceCode.getText(node) : undefined);
  return findStorageCredentials(sourceCode, options).map((finding) => ({
    node: text(finding.node),
    kind: finding.kind,
    storage: finding.storage,
    area: finding.area,
    method: finding.method,
    form: finding.form,
    keyNode: text(finding.keyNode),
    key: finding.key,
    valueNode: text(finding.valueNode),
    reason: finding.reason,
    persistedState: finding.persistedState,
    overwrittenBy: text(finding.overwrittenBy),
  }));
}

describe('findStorageCredentials', () => {
  it('describes a setItem write', () => {
    expect(detect(`window.localStorage.setItem('jwt', res.jwt);`)).toEqual([
      {
        node: `window.localStorage.setItem('jwt', res.jwt)`,
        kind: 'write',
        storage: 'localStorage',
        area: 'localStorage',
        method: 'setItem',
        form: 'call',
        keyNode: `'jwt'`,
        key: 'jwt',
        valueNode: 'res.jwt',
        reason: 'key',
        persistedState: undefined,
      },
    ]);
  });

  it('describes property writes, reads and deletes', () => {
    const findings = detect(`sessionStorage.token = t;\nconst saved = sessionStorage['token'];\ndelete sessionStorage.token;`);
    expect(findings.map(({ node, kind, form, key }) => ({ node, kind, form, key }))).toEqual([
      { node: 'sessionStorage.token = t', kind: 'write', form: 'property', key: 'token' },
      { node: `sessionStorage['token']`, kind: 'read', form: 'property', key: 'token' },
      { node: 'delete sessionStorage.token', kind: 'remove', form: 'delete', key: 'token' },
    ]);
  });

  it('turns an empty write into a removal', () => {
    expect(detect(`localStorage.setItem('token', null);`)[0]).toMatchObject({ kind: 'remove', valueNode: 'null', reason: 'key' });
  });

  it('links reads and removals to a credential write', () => {
    const findings = detect(
      `if (data.accessToken) localStorage.setItem('user', JSON.stringify(data));\nconst user = localStorage.getItem('user');\nlocalStorage.removeItem('user');\nlocalStorage.getItem('other');`,
    );
    expect(findings.map(({ kind, key, reason }) => ({ kind, key, reason }))).toEqual([
      { kind: 'write', key: 'user', reason: 'value' },
      { kind: 'read', key: 'user', reason: 'same-key-as-credential-write' },
      { kind: 'remove', key: 'user', reason: 'same-key-as-credential-write' },
    ]);
  });

  it('links a removal to a credential read', () => {
    const findings = detect(`const u = JSON.parse(localStorage.getItem('profile'));\nsend(u.idToken);\nlocalStorage.removeItem('profile');`);
    expect(findings.map(({ kind, reason }) => ({ kind, reason }))).toEqual([
      { kind: 'read', reason: 'credential-property' },
      { kind: 'remove', reason: 'same-key-as-credential-read' },
    ]);
  });

  it('keeps local and session storage apart', () => {
    const findings = detect(`localStorage.setItem('user', JSON.stringify({ token }));\nsessionStorage.getItem('user');`);
    expect(findings.map(({ area, kind }) => ({ area, kind }))).toEqual([{ area: 'localStorage', kind: 'write' }]);
  });

  it('describes a hook and its setter', () => {
    const findings = detect(
      `import { useLocalStorage } from 'usehooks-ts';\nconst [token, setToken] = useLocalStorage('token', '');\nsetToken(next);`,
      'file.jsx',
    );
    expect(findings.map(({ node, kind, storage, area, method, form, keyNode, valueNode }) => ({ node, kind, storage, area, method, form, keyNode, valueNode }))).toEqual([
      {
        node: `useLocalStorage('token', '')`,
        kind: 'read',
        storage: 'usehooks-ts',
        area: 'localStorage',
        method: 'useLocalStorage',
        form: 'hook',
        keyNode: `'token'`,
        valueNode: undefined,
      },
      {
        node: 'setToken(next)',
        kind: 'write',
        storage: 'usehooks-ts',
        area: 'localStorage',
        method: 'useLocalStorage',
        form: 'hook-setter',
        keyNode: `'token'`,
        valueNode: 'next',
      },
    ]);
  });

  it('reads the storage argument of useStorage', () => {
    const findings = detect(`import { useStorage } from '@vueuse/core';\nconst jwt = useStorage('jwt', '', sessionStorage);`);
    expect(findings[0]).toMatchObject({ storage: '@vueuse/core', area: 'sessionStorage', kind: 'read' });
  });

  it('describes a redux-persist config', () => {
    const findings = detect(
      `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage/session';\nexport default persistReducer({ key: 'root', keyPrefix: 'app:', storage, whitelist: ['auth'] }, reducer);`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'write',
        storage: 'redux-persist',
        area: 'sessionStorage',
        method: 'persistReducer',
        form: 'persist-config',
        keyNode: `'root'`,
        key: 'app:root',
        reason: 'persisted-auth-state',
        persistedState: 'auth',
      }),
    ]);
  });

  it('describes a vuex-persistedstate plugin', () => {
    const findings = detect(
      `import createPersistedState from 'vuex-persistedstate';\nexport default new Vuex.Store({ state: { token: '' }, plugins: [createPersistedState({ key: 'app' })] });`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        node: `createPersistedState({ key: 'app' })`,
        kind: 'write',
        storage: 'vuex-persistedstate',
        area: 'localStorage',
        method: 'createPersistedState',
        form: 'persist-config',
        keyNode: `'app'`,
        key: 'app',
        reason: 'persisted-store-state',
        persistedState: 'token',
      }),
    ]);
  });

  it('keys vuex-persistedstate under vuex by default', () => {
    const findings = detect(
      `import createPersistedState from 'vuex-persistedstate';\nexport default new Vuex.Store({ state: { token: '' }, plugins: [createPersistedState()] });`,
    );
    expect(findings[0]).toMatchObject({ key: 'vuex', keyNode: undefined });
  });

  it('describes a persisted Pinia store', () => {
    const findings = detect(
      `import { defineStore } from 'pinia';\nexport const useAuth = defineStore('auth', { state: () => ({ jwt: null }), persist: { storage: sessionStorage } });`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        node: 'persist: { storage: sessionStorage }',
        kind: 'write',
        storage: 'pinia-plugin-persistedstate',
        area: 'sessionStorage',
        method: 'defineStore',
        form: 'persist-config',
        keyNode: `'auth'`,
        key: 'auth',
        reason: 'persisted-store-state',
        persistedState: 'jwt',
      }),
    ]);
  });

  it('keys a Pinia store by its persist key', () => {
    const findings = detect(
      `import { defineStore } from 'pinia';\nexport const useAuth = defineStore('auth', { state: () => ({ jwt: null }), persist: { key: 'session-v2' } });`,
    );
    expect(findings[0]).toMatchObject({ keyNode: `'session-v2'`, key: 'session-v2' });
  });

  it('reads a zustand state through spreads', () => {
    const findings = detect(
      `import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nconst base = { jwt: null };\nconst initialState = { ...base, user: null };\nexport const useAuth = create(persist((set) => ({ ...initialState }), { name: 'auth' }));`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        node: `persist((set) => ({ ...initialState }), { name: 'auth' })`,
        storage: 'zustand',
        area: 'localStorage',
        method: 'persist',
        keyNode: `'auth'`,
        key: 'auth',
        reason: 'persisted-store-state',
        persistedState: 'jwt',
      }),
    ]);
  });

  it('stops following spreads at a cycle', () => {
    const code = `import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nconst a = { ...a };\nexport const useStore = create(persist(() => ({ ...a, theme: 'dark' }), { name: 'prefs' }));`;
    expect(detect(code)).toEqual([]);
  });

  it('drops the names before a partialize rest', () => {
    const store = (partialize: string) =>
      `import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nexport const useAuth = create(persist(() => ({ token: null, refreshToken: null, theme: 'dark' }), { name: 'auth', partialize: ${partialize} }));`;
    expect(detect(store('({ token, ...rest }) => rest')).map((finding) => finding.persistedState)).toEqual(['refreshToken']);
    expect(detect(store('({ token, refreshToken, ...rest }) => rest'))).toEqual([]);
    expect(detect(store('({ theme, ...rest }) => rest')).map((finding) => finding.persistedState)).toEqual(['token']);
    // Returning anything but the rest, or leaving out a computed name, keeps the whole state.
    expect(detect(store('({ token, ...rest }) => other')).map((finding) => finding.persistedState)).toEqual(['token']);
    expect(detect(store('({ [key]: omitted, ...rest }) => rest')).map((finding) => finding.persistedState)).toEqual(['token']);
  });

  it('skips a shadowed localStorage as Pinia storage', () => {
    const code = `import { defineStore } from 'pinia';\nconst localStorage = createMemoryStorage();\nexport const useAuth = defineStore('auth', { state: () => ({ jwt: null }), persist: { storage: localStorage } });`;
    expect(detect(code)).toEqual([]);
  });

  it('reports each idb-keyval batch entry', () => {
    const findings = detect(`import { getMany } from 'idb-keyval';\ngetMany(['theme', 'token', 'jwt']);`);
    expect(findings.map(({ node, kind, key }) => ({ node, kind, key }))).toEqual([
      { node: `'token'`, kind: 'read', key: 'token' },
      { node: `'jwt'`, kind: 'read', key: 'jwt' },
    ]);
  });

  it('drops allowed keys and literal flags', () => {
    expect(detect(`localStorage.setItem('token', t);`, 'file.js', { allowedKeys: ['token'] })).toEqual([]);
    expect(detect(`localStorage.setItem('auth', 'yes');`)).toEqual([]);
  });
});

describe('mayContainStorageAccess', () => {
  it('matches the APIs the detector looks for', () => {
    expect(mayContainStorageAccess('window.localStorage')).toBe(true);
    expect(mayContainStorageAccess(`import { set } from 'idb-keyval'`)).toBe(true);
    expect(mayContainStorageAccess(`import store from 'store2'`)).toBe(true);
    expect(mayContainStorageAccess(`import { useLocalStorage } from 'usehooks-ts'`)).toBe(true);
    expect(mayContainStorageAccess(`import { useStorage } from '@vueuse/core'`)).toBe(true);
    expect(mayContainStorageAccess('const cache = new Map();')).toBe(false);
  });

  it('matches persisted Vue stores', () => {
    expect(mayContainStorageAccess(`import createPersistedState from 'vuex-persistedstate'`)).toBe(true);
    expect(mayContainStorageAccess(`const createPersistedState = require('vuex-persistedstate');`)).toBe(true);
    // The store file of pinia-plugin-persistedstate names Pinia and the option, not the plugin.
    expect(mayContainStorageAccess(`import { defineStore } from 'pinia';\ndefineStore('auth', { state, persist: true });`)).toBe(true);
    expect(mayContainStorageAccess(`import { defineStore } from 'pinia';\ndefineStore('auth', { state });`)).toBe(false);
    expect(mayContainStorageAccess('const persistent = true;')).toBe(false);
  });

  it('skips other names that end in Storage', () => {
    expect(mayContainStorageAccess('const status = { InsufficientStorage: 507 };')).toBe(false);
    expect(mayContainStorageAccess(`import { AsyncLocalStorage } from 'node:async_hooks'`)).toBe(false);
  });
});

describe('findStorageCredentials overwrites', () => {
  /** Returns the removals that the detector links to a following write, with that write. */
  function overwrites(code: string) {
    return detect(code, 'file.mjs')
      .filter((finding) => finding.overwrittenBy !== undefined)
      .map(({ node, overwrittenBy }) => [node, overwrittenBy]);
  }

  it('links removal to following write', () => {
    expect(overwrites(`localStorage.removeItem('token');\nlocalStorage.setItem('token', t);`)).toEqual([
      [`localStorage.removeItem('token')`, `localStorage.setItem('token', t)`],
    ]);
  });

  it('links across plain statements', () => {
    const code = `function save(t) {\n  localStorage.setItem('token', '');\n  const saved = Date.now();\n  function later() { return 1; }\n  localStorage.token = t;\n}`;
    expect(overwrites(code)).toEqual([[`localStorage.setItem('token', '')`, 'localStorage.token = t']]);
  });

  it.each([
    ['an await', `async function f(t) {\n  localStorage.removeItem('token');\n  await ready;\n  localStorage.setItem('token', t);\n}`],
    ['a return', `function f(t) {\n  localStorage.removeItem('token');\n  if (!t) return;\n  localStorage.setItem('token', t);\n}`],
    ['a throw', `function f(t) {\n  localStorage.removeItem('token');\n  if (!t) throw new Error('no token');\n  localStorage.setItem('token', t);\n}`],
    ['a break', `for (const t of list) {\n  localStorage.removeItem('token');\n  if (!t) break;\n  localStorage.setItem('token', t);\n}`],
    ['a read of the entry', `localStorage.removeItem('token');\nsend(localStorage.getItem('token'));\nlocalStorage.setItem('token', t);`],
    ['a conditional write', `localStorage.removeItem('token');\nif (t) localStorage.setItem('token', t);`],
    ['a write in another block', `localStorage.removeItem('token');\n{\n  localStorage.setItem('token', t);\n}`],
    ['a write of another key', `localStorage.removeItem('token');\nlocalStorage.setItem('jwt', t);`],
    ['a write to another storage', `localStorage.removeItem('token');\nsessionStorage.setItem('token', t);`],
    ['a write before the removal', `localStorage.setItem('token', t);\nlocalStorage.removeItem('token');`],
  ])('links nothing with %s', (_name, code) => {
    expect(overwrites(code)).toEqual([]);
  });
});
