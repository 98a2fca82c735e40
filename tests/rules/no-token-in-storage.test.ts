import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../rules/no-token-in-storage.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options, which the typed RuleTester accepts.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

ruleTester.run('no-token-in-storage', rule, {
  valid: [
    // ---- look-alikes: shadowed globals and other objects with the same methods ----
    {
      code: `function save(localStorage, token) {\n  localStorage.setItem('token', token);\n}`,
    },
    {
      code: `const localStorage = createMemoryStorage();\nlocalStorage.setItem('token', token);`,
      filename: FILENAMES.ts,
    },
    {
      code: `class Cache { run(sessionStorage) { sessionStorage.setItem('jwt', jwt); } }`,
    },
    {
      code: `const cache = new Map();\ncache.set('token', token);\ncache.get('accessToken');`,
    },
    {
      code: `const db = openDatabase();\ndb.setItem('token', token);\ndb.getItem('jwt');`,
    },
    {
      code: `const window = { localStorage: fakeStorage };\nwindow.localStorage.setItem('token', token);`,
    },
    {
      code: `import { set } from 'lodash';\nset(state, 'token', token);`,
    },
    {
      code: `const store = (key, value) => cache.set(key, value);\nstore('token', token);`,
    },
    {
      code: `import { useLocalStorage } from './hooks';\nconst [token, setToken] = useLocalStorage('token', '');`,
      filename: FILENAMES.jsx,
    },
    // ---- keys that do not name a credential ----
    {
      code: `localStorage.setItem('maxTokens', String(maxTokens));\nlocalStorage.setItem('usage', JSON.stringify({ promptTokens: usage.prompt_tokens, totalTokens: usage.total_tokens }));`,
    },
    {
      code: `localStorage.setItem('nextPageToken', response.nextPageToken);\nlocalStorage.setItem('designTokens', JSON.stringify(theme.tokens));\nsessionStorage.setItem('recaptchaToken', captchaToken);\nlocalStorage.setItem('fcmToken', messagingToken);`,
    },
    {
      code: `localStorage.setItem('theme', 'dark');\nlocalStorage.setItem('locale', navigator.language);\nsessionStorage.setItem('sidebarOpen', JSON.stringify(open));`,
    },
    {
      code: `localStorage.setItem('tokenizer', JSON.stringify(settings));\nlocalStorage.setItem('authorName', author.name);\nlocalStorage.getItem('tokenExpiresAt');`,
    },
    {
      code: `localStorage.theme = 'dark';\nconst locale = localStorage['locale'];\ndelete localStorage.cart;`,
    },
    {
      code: `const key = 'preferences';\nlocalStorage.setItem(key, JSON.stringify(preferences));`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { USER_PREFERENCES_KEY } from './keys';\nlocalStorage.setItem(USER_PREFERENCES_KEY, JSON.stringify(preferences));`,
      filename: FILENAMES.ts,
    },
    // ---- token names that are not logins: design, lexer and wallet tokens, shop carts ----
    {
      code: `localStorage.setItem('colorTokens', JSON.stringify(theme.colors));\nlocalStorage.setItem('spacingTokens', JSON.stringify(theme.spacing));\nlocalStorage.setItem('figmaTokens', x);\nconst colors = JSON.parse(localStorage.getItem('colorTokens'));`,
    },
    {
      code: `localStorage.setItem('tokens', JSON.stringify(lexer.tokens));\nconst tokens = tokenize(source);\nlocalStorage.setItem('lastTokens', JSON.stringify(tokens));\nlocalStorage.setItem('highlight.tokens', JSON.stringify(tokens));`,
    },
    {
      code: `localStorage.setItem('selectedToken', 'ETH');\nlocalStorage.setItem('customTokens', JSON.stringify(list));\nlocalStorage.setItem('watchlistTokens', x);\nlocalStorage.setItem('recentTokens', x);\nlocalStorage.setItem('savedTokens', JSON.stringify(savedTokens));\nlocalStorage.removeItem('selectedToken');`,
    },
    {
      code: `localStorage.setItem('cartToken', cart.token);\nlocalStorage.setItem('checkoutToken', checkout.token);`,
    },
    // Codes a shop hands out: coupons, vouchers, promotions, gift cards and referrals.
    {
      code: `localStorage.setItem('couponToken', coupon.token);\nlocalStorage.setItem('voucher_token', code);\nsessionStorage.setItem('PROMO_TOKEN', promo);\nlocalStorage.setItem('giftToken', x);\nlocalStorage.setItem('giftCardToken', giftCard.token);\nlocalStorage.setItem('referralToken', x);\nlocalStorage.getItem('couponToken');\nlocalStorage.removeItem('couponToken');`,
    },
    {
      code: `export function applyCoupon(couponToken, giftCardToken, referralToken) {\n  localStorage.setItem('checkout', JSON.stringify({ couponToken, giftCardToken, referralToken }));\n  localStorage.setItem('promo', promoToken);\n}`,
    },
    // A bare `tokens` key counts only when its value contains login tokens, and these do not.
    {
      code: `localStorage.setItem('tokens', JSON.stringify(designTokens));\nlocalStorage.getItem('tokens');\nlocalStorage.removeItem('tokens');`,
    },
    // ---- crypto-currency coins in wallet and exchange front ends, where `token` names a coin ----
    {
      code: `export async function loadBalances(address) {\n  const tokens = await getTokenBalances(address);\n  localStorage.setItem('tokens', JSON.stringify(tokens));\n}`,
    },
    {
      code: `export async function loadTokenList() {\n  const list = await fetch('https://tokens.example/list.json').then((r) => r.json());\n  localStorage.setItem('tokenList', JSON.stringify(list));\n  localStorage.setItem('tokens', JSON.stringify(list.tokens));\n}`,
    },
    {
      code: `localStorage.setItem('selectedToken', token.symbol);\nlocalStorage.setItem('tokenPrices', JSON.stringify(prices));`,
    },
    {
      code: `localStorage.setItem(\`token-\${chainId}\`, JSON.stringify(tokenMeta));\nlocalStorage.setItem('importedTokens', JSON.stringify(custom));`,
    },
    // A request for coin data, judged by its URL or by the name of the constant that contains the URL.
    {
      code: `const tokens = await fetch(TOKEN_LIST_URL).then((r) => r.json());\nlocalStorage.setItem('tokens', JSON.stringify(tokens));\nconst { data } = await axios.get(\`\${API}/tokens/prices\`);\nconst { tokens: priced } = data;\nsessionStorage.setItem('tokens', JSON.stringify(priced));`,
      filename: FILENAMES.mjs,
    },
    // `refresh` also means reloading data, and `user` before `token` is no login token kind.
    {
      code: `const tokens = await refreshTokenBalances(account);\nlocalStorage.setItem('tokens', JSON.stringify(tokens));\nconst { tokens: held } = await api.getUserTokenBalances(account);\nlocalStorage.setItem('held', JSON.stringify(held));`,
      filename: FILENAMES.mjs,
    },
    // Asset words right before `token` name a coin.
    {
      code: `localStorage.setItem('swapToken', JSON.stringify(inputCurrency));\nlocalStorage.setItem('nativeToken', chain.nativeCurrency.symbol);\nlocalStorage.setItem('erc20Token', address);`,
    },
    // Coin data under a key that names a bare token, and the reads and removals of such an entry.
    {
      code: `localStorage.setItem('token', token.address);\nlocalStorage.setItem('currentToken', JSON.stringify({ address: t.address, symbol: t.symbol, decimals: t.decimals }));\nconst saved = localStorage.getItem('token');\nlocalStorage.removeItem('currentToken');`,
    },
    // A key that names a coin outweighs a variable or parameter that is only named `token` or `tokens`.
    {
      code: `type Token = { address: string; symbol: string; decimals: number };\nexport function onSelect(token: Token, chainId: number) {\n  localStorage.setItem(\`selectedToken-\${chainId}\`, JSON.stringify(token));\n}\nexport function cacheTokenList(tokens: Token[], chainId: number) {\n  localStorage.setItem(\`tokenList:\${chainId}\`, JSON.stringify(tokens));\n}`,
      filename: FILENAMES.ts,
    },
    {
      code: `export function remember(token, tokens, chainId) {\n  localStorage.setItem('importedTokens', JSON.stringify(tokens));\n  localStorage.setItem('favoriteTokens', JSON.stringify(tokens));\n  localStorage.setItem('tokenBalances', JSON.stringify(tokens));\n  localStorage.setItem(\`token-\${chainId}\`, JSON.stringify(token));\n  localStorage.setItem('swapToken', JSON.stringify(token));\n  localStorage.setItem('erc20Token', token);\n  localStorage.setItem('lastSelectedToken', JSON.stringify(token));\n  localStorage.setItem('watchedTokens', JSON.stringify(tokens));\n  localStorage.setItem('walletTokens', JSON.stringify(tokens));\n  localStorage.setItem('baseToken', token);\n  localStorage.setItem('fromToken', token);\n}`,
    },
    // DeFi words before `token` name a coin, so these keys are no credential keys.
    {
      code: `export function savePair(base, quote, v) {\n  localStorage.setItem('baseToken', base);\n  localStorage.setItem('quoteToken', quote);\n  for (const key of ['fromToken', 'toToken']) localStorage.setItem(key, v);\n  localStorage.setItem('fromToken', v);\n  localStorage.setItem('toToken', v);\n  localStorage.setItem('sellToken', v);\n  localStorage.setItem('buyToken', v);\n  localStorage.setItem('payToken', v);\n  localStorage.setItem('receiveToken', v);\n  localStorage.setItem('lpToken', v);\n  localStorage.setItem('rewardToken', v);\n  localStorage.setItem('stakingToken', v);\n  localStorage.setItem('collateralToken', v);\n  localStorage.setItem('depositToken', v);\n  localStorage.setItem('bridgeToken', v);\n  localStorage.setItem('gasToken', v);\n  localStorage.setItem('feeToken', v);\n}`,
    },
    // Under a plain key such as `currentToken`, a coin type, a request for coin data or an object made of a
    // coin's fields shows a coin.
    {
      code: `interface Coin { address: string; symbol: string; decimals: number }
export function select(token: Coin) {
  localStorage.setItem('currentToken', JSON.stringify(token));
}
export async function loadActive(address: string) {
  const token = await getTokenBalances(address);
  localStorage.setItem('activeToken', JSON.stringify(token));
  localStorage.setItem('defaultToken', JSON.stringify({ symbol: 'ETH', decimals: 18 }));
}`,
      filename: FILENAMES.ts,
    },
    // A \`token\` destructured from an object that is not named like a response is a coin under a coin key.
    {
      code: `export function pick(wallet, state) {
  const { token } = wallet;
  localStorage.setItem('baseToken', token);
}
export function pickSelected(state) {
  const { selection: { token } } = state;
  localStorage.setItem('walletToken', token);
}`,
    },
    // A coin type on the stored variable marks a coin under any key.
    {
      code: `import type { TokenInfo } from '@uniswap/token-lists';\ninterface Coin { address: string; symbol: string; decimals: number; logoURI?: string }\nexport function save(token: Coin, tokens: TokenInfo[]) {\n  localStorage.setItem('token', JSON.stringify(token));\n  localStorage.setItem('tokens', JSON.stringify(tokens));\n}`,
      filename: FILENAMES.ts,
    },
    // A coin market API's response, a record made of coin fields and coins from a coin call, under `token`,
    // and reads of an entry that the file only fills with coin data.
    {
      code: `export async function loadCoin(id) {\n  const res = await fetch(\`https://api.coingecko.com/api/v3/coins/\${id}\`);\n  const data = await res.json();\n  localStorage.setItem('token', JSON.stringify({ id: data.id, symbol: data.symbol, name: data.name }));\n  return JSON.parse(localStorage.getItem('token')).symbol;\n}\nexport async function loadPair(chain, address) {\n  const res = await fetch(\`https://api.dexscreener.com/latest/dex/pairs/\${chain}/\${address}\`);\n  const { pair } = await res.json();\n  sessionStorage.setItem('token', JSON.stringify(pair.baseToken));\n}\nexport async function loadBalances(address) {\n  const token = await getTokenBalances(address);\n  localStorage.setItem('token', JSON.stringify(token));\n}`,
    },
    // A persisted `token` state property that is a coin: a coin type, or no string next to `amount`.
    {
      code: `import { defineStore } from 'pinia';\ntype Token = { address: string; symbol: string; decimals: number };\nexport const useBridgeStore = defineStore('bridge', {\n  state: () => ({ chainId: 1, token: null as Token | null, amount: '' }),\n  persist: true,\n});\nexport const useSwapStore = defineStore('swap', {\n  state: () => ({ token: null, tokens: [], slippage: 0.5 }),\n  persist: true,\n});`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { defineStore } from 'pinia';\nimport { ref } from 'vue';\nimport type { TokenInfo } from '@uniswap/token-lists';\nexport const useSwap = defineStore('swap', () => {\n  const token = ref<TokenInfo | null>(null);\n  const amount = ref('');\n  return { token, amount };\n}, { persist: true });`,
      filename: FILENAMES.ts,
    },
    // ---- a credential-named variable whose value comes from CSS, a theme, split input or the page ----
    {
      code: `const token = getComputedStyle(document.documentElement).getPropertyValue('--brand');\nlocalStorage.setItem('theme', token);`,
    },
    {
      code: `const token = theme.tokens.primary;\nlocalStorage.setItem('primaryColor', token);`,
    },
    {
      code: `const [token] = input.split(' ');\nlocalStorage.setItem('lastCommand', token);`,
    },
    {
      code: `for (const token of lexer.tokenize(source)) {\n  sessionStorage.setItem('lastKeyword', JSON.stringify({ token }));\n}`,
    },
    // ---- page URL parameters whose names are not credential names, and a local `location` ----
    {
      code: `localStorage.setItem('lang', new URLSearchParams(location.search).get('lang'));`,
    },
    {
      code: `const params = new URLSearchParams(window.location.search);\nlocalStorage.setItem('ref', params.get('ref'));\nsessionStorage.setItem('page', params.get('page'));\nlocalStorage.setItem('campaign', params.get('utm_source'));`,
    },
    {
      code: `const { searchParams } = new URL(window.location.href);\nsessionStorage.setItem('returnCode', searchParams.get('code'));`,
    },
    // A `ref` parameter carries a referral code, whatever the variable that takes it is named.
    {
      code: `const params = new URLSearchParams(location.search);\nlocalStorage.setItem('referral', params.get('ref_token'));\nconst refToken = params.get('ref_token');\nlocalStorage.setItem('invitedBy', refToken);\nconst token = params.get('referral_token');\nsessionStorage.setItem('signup', JSON.stringify({ token }));`,
    },
    // A referral code from the page URL is one under a credential key too, and so are the reads of that entry.
    {
      code: `const params = new URLSearchParams(location.search);\nlocalStorage.setItem('refToken', params.get('ref_token'));\nlocalStorage.setItem('refreshToken', decodeURIComponent(params.get('ref')));\nconst referralCode = params.get('referral_code');\nsessionStorage.setItem('token', referralCode);\nconst saved = localStorage.getItem('refToken');`,
    },
    {
      code: `const location = { search: '?token=abc' };\nlocalStorage.setItem('profile', new URLSearchParams(location.search).get('token'));`,
    },
    {
      code: `function remember(location) {\n  const url = new URL(location.href);\n  localStorage.setItem('last', url.searchParams.get('access_token'));\n}`,
    },
    // A local `decodeURIComponent`, `String` or `location` is not the browser's.
    {
      code: `import { decodeURIComponent } from './codec.js';\nlocalStorage.setItem('profile', decodeURIComponent(new URLSearchParams(location.search).get('token')));`,
    },
    {
      code: `function remember(location, String) {\n  localStorage.setItem('a', new URL(location.toString()).searchParams.get('access_token'));\n  localStorage.setItem('b', new URL(String(window.location)).searchParams.get('access_token'));\n  localStorage.setItem('c', new URL(\`\${location}\`).searchParams.get('access_token'));\n}`,
    },
    {
      code: `localStorage.setItem('next', new URL(\`\${location}/next\`).searchParams.get('access_token'));\nlocalStorage.setItem('link', new URL(link.toString()).searchParams.get('token'));`,
    },
    {
      code: `import { URLSearchParams } from './query.js';\nlocalStorage.setItem('profile', new URLSearchParams(location.search).get('token'));`,
    },
    // ---- analytics sessions, which log no one in ----
    {
      code: `localStorage.setItem('amplitude_sessionId', String(Date.now()));\nlocalStorage.setItem('lastSessionId', analyticsSessionId);`,
    },
    {
      code: `const sessionId = crypto.randomUUID();\nsessionStorage.setItem('analytics_session', sessionId);`,
    },
    {
      code: `function onAnalyticsReady(session) {\n  sessionStorage.setItem('analytics', JSON.stringify({ sessionId: session.id, start: session.start }));\n}`,
    },
    // ---- an `auth` object read back from storage without a credential read from it ----
    {
      code: `const cfg = JSON.parse(localStorage.getItem('config'));\nif (cfg.auth.enabled) showLogin();\nconst p = JSON.parse(localStorage.getItem('prefs'));\np.auth;\nconst { auth } = JSON.parse(localStorage.getItem('settings'));`,
    },
    // ---- literal flags under an auth-sounding key ----
    {
      code: `sessionStorage.setItem("ssoAttempted", "1");`,
    },
    {
      code: `localStorage.setItem('auth', 'true');\nlocalStorage.setItem('auth', true);\nlocalStorage.setItem('auth', 1);\nlocalStorage.auth = false;`,
    },
    // ---- CSRF tokens are meant to be readable by scripts ----
    {
      code: `localStorage.setItem('csrfToken', csrfToken);\nsessionStorage.setItem('XSRF-TOKEN', response.headers['x-xsrf-token']);`,
    },
    // ---- a stored object that is not checked for a credential ----
    {
      code: `localStorage.setItem('user', JSON.stringify(user));\nconst saved = JSON.parse(localStorage.getItem('user'));\nrender(saved.name);`,
    },
    // ---- allowedKeys ----
    {
      code: `localStorage.setItem('token', token);\nlocalStorage.getItem('token');`,
      options: [{ allowedKeys: ['token'] }],
    },
    // ---- redux-persist that keeps no login state in web storage ----
    {
      code: `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage';\nexport default persistReducer({ key: 'root', storage, whitelist: ['theme', 'cart'] }, rootReducer);`,
    },
    {
      code: `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage';\nimport { combineReducers } from 'redux';\nconst rootReducer = combineReducers({ auth: authReducer, ui: uiReducer });\nexport default persistReducer({ key: 'root', storage, blacklist: ['auth'] }, rootReducer);`,
    },
    {
      code: `import { persistReducer } from 'redux-persist';\nimport AsyncStorage from '@react-native-async-storage/async-storage';\nexport default persistReducer({ key: 'auth', storage: AsyncStorage }, authReducer);`,
    },
    // ---- persisted Vue stores that keep no credential in web storage ----
    // The state has no credential.
    {
      code: `import Vuex from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default new Vuex.Store({
  state: { theme: 'light', cart: [], tokenExpiresAt: 0 },
  plugins: [createPersistedState()],
});`,
    },
    // `paths` keeps only the theme.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default createStore({
  state: () => ({ token: '', theme: 'light' }),
  plugins: [createPersistedState({ paths: ['theme'] })],
});`,
    },
    // A module whose state the file shows contains no credential, and only its `name` is kept.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default createStore({
  modules: { user: { namespaced: true, state: () => ({ name: '', locale: 'en' }) }, session: sessionModule },
  plugins: [createPersistedState({ paths: ['user', 'session.lastPage'] })],
});`,
    },
    // A custom storage object built on js-cookie is not web storage.
    {
      code: `import Cookies from 'js-cookie';
import createPersistedState from 'vuex-persistedstate';
export default new Vuex.Store({
  state: { token: '' },
  plugins: [
    createPersistedState({
      storage: {
        getItem: (key) => Cookies.get(key),
        setItem: (key, value) => Cookies.set(key, value, { secure: true }),
        removeItem: (key) => Cookies.remove(key),
      },
    }),
  ],
});`,
    },
    // A `setState` of its own may write anywhere.
    {
      code: `import createPersistedState from 'vuex-persistedstate';
export default new Vuex.Store({
  state: { token: '' },
  plugins: [createPersistedState({ setState: (key, state) => saveEncrypted(key, state) })],
});`,
    },
    // A local function named createPersistedState is not the package.
    {
      code: `import { createStore } from 'vuex';
function createPersistedState() {
  return (store) => store.subscribe((mutation, state) => localStorage.setItem('theme', state.theme));
}
export default createStore({
  state: { token: '', theme: 'light' },
  plugins: [createPersistedState()],
});`,
    },
    {
      code: `import { defineStore } from 'pinia';
export const usePreferences = defineStore('preferences', {
  state: () => ({ theme: 'dark', pageSize: 20 }),
  persist: true,
});`,
    },
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '', locale: 'en' }),
  persist: { pick: ['locale'] },
});`,
    },
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '', locale: 'en' }),
  persist: { omit: ['token'] },
});`,
    },
    // A \`pick\`, \`paths\` or \`omit\` list from same-file constants and spreads that leaves the token out.
    {
      code: `import { defineStore } from 'pinia';
const UI_PATHS = ['locale'];
const SECRET_PATHS = ['token'];
const PERSIST = { pick: [...UI_PATHS, 'theme'] };
export const useAuth = defineStore('auth', { state: () => ({ token: '', locale: 'en', theme: '' }), persist: { pick: PERSIST.pick } });
export const useSession = defineStore('session', { state: () => ({ token: '', locale: 'en' }), persist: { paths: [...UI_PATHS] } });
export const useUser = defineStore('user', { state: () => ({ token: '', locale: 'en' }), persist: { omit: [...SECRET_PATHS] } });`,
    },
    // A list property that is replaced later with an unknown value may name anything, so it is not judged.
    {
      code: `import { defineStore } from 'pinia';
const PERSIST = { pick: ['token'] };
PERSIST.pick = loadPersistedPaths();
export const useAuth = defineStore('auth', { state: () => ({ token: '', locale: 'en' }), persist: { pick: PERSIST.pick } });`,
    },
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ accessToken: '' }),
  persist: false,
});`,
    },
    // An `auth` object whose contents hold no credential, and a flag.
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ auth: { loggedIn: false, user: null }, authData: false }),
  persist: true,
});`,
    },
    // A getter and an action of a setup store are not state.
    {
      code: `import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
export const useSession = defineStore('session', () => {
  const profile = ref(null);
  const token = computed(() => profile.value?.token);
  function setToken(value) { profile.value = { ...profile.value, token: value }; }
  return { profile, token, setToken };
}, { persist: true });`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { defineStore } from 'pinia';
import { reactive } from 'vue';
export const useSession = defineStore('session', () => {
  const auth = reactive({ token: '', expiresAt: 0 });
  return { auth };
}, { persist: { omit: ['auth.token'] } });`,
    },
    // A storage imported from another file cannot be identified.
    {
      code: `import { defineStore } from 'pinia';
import { encryptedStorage } from './encrypted-storage';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '' }),
  persist: { storage: encryptedStorage },
});`,
    },
    // In a Nuxt app the module keeps stores in cookies unless `storage` names another storage.
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '' }),
  actions: {
    async login(form) { this.token = (await $fetch('/api/login', { method: 'POST', body: form })).token; },
  },
  persist: true,
});`,
    },
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '' }),
  persist: { storage: piniaPluginPersistedstate.cookies() },
});`,
    },
    // A local function named defineStore is not Pinia's.
    {
      code: `import { createPinia } from 'pinia';
export const pinia = createPinia();
const defineStore = (id, options) => ({ id, ...options });
export const useAuth = defineStore('auth', { state: () => ({ token: '' }), persist: true });`,
    },
    // Known limitation: pinia-plugin-persist's `enabled` and `strategies` options are not read.
    {
      code: `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', {
  state: () => ({ token: '' }),
  persist: { enabled: true, strategies: [{ storage: localStorage, paths: ['token'] }] },
});`,
    },
    // ---- zustand's persist middleware ----
    // A `partialize` that leaves the token out persists no credential.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, theme: 'light', setToken: (token) => set({ token }) }), {
  name: 'auth-storage',
  partialize: (state) => ({ theme: state.theme }),
}));`,
    },
    // A persisted state with no credential in it.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const usePreferences = create(persist((set) => ({ theme: 'dark', setTheme: (theme) => set({ theme }) }), { name: 'preferences' }));`,
    },
    // A storage that is not web storage, or cannot be identified as such, is not judged.
    {
      code: `import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import { secureStorage } from './secure-storage';
export const useAuth = create(persist((set) => ({ token: null }), { name: 'auth', storage: createJSONStorage(() => secureStorage) }));`,
    },
    // A local function named persist is not zustand's.
    {
      code: `import { create } from 'zustand';
const persist = (creator, options) => creator;
export const useAuth = create(persist((set) => ({ token: null }), { name: 'auth' }));`,
    },
    // A local middleware may return any state, so the creator it wraps is not read.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const immer = (creator) => (set, get, api) => ({ theme: 'dark' });
export const useAuth = create(persist(immer((set) => ({ token: null })), { name: 'auth' }));`,
    },
    // zustand's own middlewares wrapping a state without a credential, or whose token partialize leaves out.
    {
      code: `import { create } from 'zustand';
import { persist, devtools, combine } from 'zustand/middleware';
import { immer } from 'zustand/middleware/immer';
export const usePreferences = create(persist(devtools(immer((set) => ({ theme: 'dark' }))), { name: 'preferences' }));
export const useAuth = create(persist(combine({ token: null, theme: 'dark' }, (set) => ({ setTheme: (theme) => set({ theme }) })), {
  name: 'auth',
  partialize: (state) => ({ theme: state.theme }),
}));`,
    },
    // A coin named token in a swap store is no credential.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useSwap = create(persist((set) => ({ token: null, amount: '', slippage: 0.5 }), { name: 'swap' }));`,
    },
    // The coin test also checks the properties that a spread of a constant adds.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const initialSwap = { token: null, amount: '', slippage: 0.5 };
export const useSwap = create(persist((set) => ({ ...initialSwap, reset: () => set(initialSwap) }), { name: 'swap' }));`,
    },
    // A spread constant without a credential.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const defaults = { theme: 'dark', pageSize: 20 };
export const usePreferences = create(persist((set) => ({ ...defaults, setTheme: (theme) => set({ theme }) }), { name: 'preferences' }));`,
    },
    // A `partialize` that returns the rest of the state without the token persists no credential.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, theme: 'light', setToken: (token) => set({ token }) }), {
  name: 'auth-storage',
  partialize: ({ token, ...rest }) => rest,
}));`,
    },
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
interface AuthState { accessToken: string | null; refreshToken: string | null; locale: string }
export const useAuth = create<AuthState>()(persist((set) => ({ accessToken: null, refreshToken: null, locale: 'en' }), {
  name: 'auth-storage',
  partialize: ({ accessToken, refreshToken, ...preferences }: AuthState) => preferences,
}));`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const initialState = { token: null, user: null, theme: 'light' };
export const useAuth = create(persist((set) => ({ ...initialState, logout: () => set(initialState) }), {
  name: 'auth-storage',
  partialize: (state) => {
    const { token, ...rest } = state;
    return rest;
  },
}));`,
    },
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ jwt: null, theme: 'light' }), {
  name: 'auth-storage',
  partialize({ jwt, ...rest }) {
    return { ...rest };
  },
}));`,
    },
    // `omit` and `pick` apply to the properties that a spread adds.
    {
      code: `import { defineStore } from 'pinia';
const initialState = { token: '', locale: 'en' };
export const useAuth = defineStore('auth', { state: () => ({ ...initialState }), persist: { omit: ['token'] } });
export const useSettings = defineStore('settings', { state: () => ({ ...initialState }), persist: { pick: ['locale'] } });`,
    },
    // Known limitation: a credential in a spread whose contents the file does not show is missed.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { initialAuthState } from './initial-state';
export const useAuth = create(persist((set) => ({ ...initialAuthState, ...createSession(), setUser: (user) => set({ user }) }), { name: 'auth' }));`,
    },
    // Known limitation: a `reducer` that picks the persisted state is not read.
    {
      code: `import createPersistedState from 'vuex-persistedstate';
export default new Vuex.Store({
  state: { token: '', theme: 'light' },
  plugins: [createPersistedState({ reducer: (state) => ({ token: state.token }) })],
});`,
    },
    // ---- class fields that do not hold a fixed key ----
    {
      code: `class Prefs {\n  key = 'token';\n  use(name) { this.key = name; }\n  save(value) { localStorage.setItem(this.key, value); }\n}`,
    },
    {
      code: `class Prefs {\n  key = 'token';\n  saveAll(values) {\n    values.forEach(function (value) { localStorage.setItem(this.key, value); });\n  }\n}`,
    },
    {
      code: `class Prefs {\n  static readonly KEY = 'theme';\n  key = 'token';\n}\nlocalStorage.setItem(Prefs.KEY, value);\nlocalStorage.setItem(Prefs.key, value);`,
      filename: FILENAMES.ts,
    },
    // ---- known limitations ----
    // Known limitation: a read in another file than the credential write is not connected to it.
    {
      code: `const user = JSON.parse(localStorage.getItem('user'));\nconst initialState = user ? { isLoggedIn: true, user } : { isLoggedIn: false, user: null };`,
    },
    // Known limitation: a key passed through a helper function's parameter is not followed to the callers.
    {
      code: `function save(key, value) {\n  localStorage.setItem(key, value);\n}\nsave('token', token);`,
    },
    // Known limitation: clear() removes every entry, and nothing shows that a credential is among them.
    {
      code: `localStorage.clear();`,
    },
    // Known limitation: a storage method called indirectly is not followed.
    {
      code: `localStorage.setItem.call(localStorage, 'token', token);\nconst save = localStorage.setItem.bind(localStorage);\nsave('jwt', jwt);\nObject.assign(localStorage, { token });`,
    },
    // Known limitation: a storage object reached through a dynamic property name is not followed.
    {
      code: `window[area + 'Storage'].setItem('token', token);`,
    },
  ],
  invalid: [
    // ---- a removal right before a write of the same entry is part of the write ----
    {
      code: `const TOKEN_KEY = 'auth-token';\nexport function saveToken(token) {\n  window.sessionStorage.removeItem(TOKEN_KEY);\n  window.sessionStorage.setItem(TOKEN_KEY, token);\n}`,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 3 }],
    },
    {
      code: `function save(token) {\n  delete localStorage.jwt;\n  track('token-saved');\n  localStorage.jwt = token;\n}`,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 3 }],
    },
    {
      code: `async function refresh(api) {\n  localStorage.removeItem('token');\n  const { data } = await api.refresh();\n  localStorage.setItem('token', data.token);\n}`,
      errors: [
        { messageId: 'credentialRemoval', line: 2, column: 3 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `function save(token) {\n  localStorage.removeItem('token');\n  if (!token) return;\n  localStorage.setItem('token', token);\n}`,
      errors: [
        { messageId: 'credentialRemoval', line: 2, column: 3 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `function save(token) {\n  localStorage.removeItem('token');\n  if (token) localStorage.setItem('token', token);\n}`,
      errors: [
        { messageId: 'credentialRemoval', line: 2, column: 3 },
        { messageId: 'credentialWrite', line: 3, column: 14 },
      ],
    },
    {
      code: `function save(token) {\n  localStorage.removeItem('token');\n  notify(localStorage.getItem('token'));\n  localStorage.setItem('token', token);\n}`,
      errors: [
        { messageId: 'credentialRemoval', line: 2, column: 3 },
        { messageId: 'credentialRead', line: 3, column: 10 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `function save(token) {\n  sessionStorage.removeItem('token');\n  localStorage.setItem('token', token);\n}`,
      errors: [
        { messageId: 'credentialRemoval', line: 2, column: 3 },
        { messageId: 'credentialWrite', line: 3, column: 3 },
      ],
    },
    // ---- keys, in each language ----
    {
      code: `localStorage.setItem('token', token);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1, endColumn: 37 }],
    },
    {
      code: `const value: string = localStorage.getItem('accessToken') ?? '';`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRead', line: 1, column: 23 }],
    },
    {
      code: `export function Logout() {\n  return <button onClick={() => sessionStorage.removeItem('jwt')}>Log out</button>;\n}`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'credentialRemoval', line: 2, column: 33 }],
    },
    {
      code: `export function Login({ token }: { token: string }) {\n  useEffect(() => localStorage.setItem('refresh_token', token), [token]);\n  return <div />;\n}`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 19 }],
    },
    {
      code: `module.exports = function save(res) {\n  localStorage.setItem('id_token', res.idToken);\n};`,
      filename: FILENAMES.cjs,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 3 }],
    },
    {
      code: `export const save = (t) => localStorage.setItem('bearer', t);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 28 }],
    },
    // ---- key words ----
    {
      code: `localStorage.setItem('auth_token', t);\nlocalStorage.setItem('api-key', k);\nlocalStorage.setItem('sessionId', s);\nlocalStorage.setItem('credentials', c);`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    // ---- ways to reach the storage object ----
    {
      code: `window.localStorage.setItem('jwt', jwt);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `self.sessionStorage.setItem('jwt', jwt);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `globalThis.localStorage.getItem('jwt');`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 1 }],
    },
    {
      code: `window['localStorage'].setItem('jwt', jwt);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `const store = window.localStorage;\nstore.setItem('token', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const storage = remember ? localStorage : sessionStorage;\nstorage.setItem('token', token);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { localStorage: store } = window;\nstore.setItem('token', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const w = window;\nw.localStorage.setItem('token', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `class TokenStore {\n  storage = window.localStorage;\n  save(token: string) {\n    this.storage.setItem('token', token);\n  }\n}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 5 }],
    },
    {
      code: `class TokenStore {\n  constructor() {\n    this.storage = sessionStorage;\n  }\n  load() {\n    return this.storage.getItem('jwt');\n  }\n}`,
      errors: [{ messageId: 'credentialRead', line: 6, column: 12 }],
    },
    {
      code: `(localStorage as Storage).setItem('token', token);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    // ---- property access ----
    {
      code: `localStorage.token = response.token;`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `const jwt = localStorage["jwt"];`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 13 }],
    },
    {
      code: `delete localStorage.token;`,
      errors: [{ messageId: 'credentialRemoval', line: 1, column: 1 }],
    },
    {
      code: `const { accessToken } = localStorage;`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 9 }],
    },
    {
      code: `localStorage.jwt = '';`,
      errors: [{ messageId: 'credentialRemoval', line: 1, column: 1 }],
    },
    // ---- key forms ----
    {
      code: `localStorage.setItem(\`access_token\`, token);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: 'localStorage.setItem(`${APP_PREFIX}_token`, token);',
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `const TOKEN = 'app.jwt';\nlocalStorage.setItem(TOKEN, value);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const KEYS = { session: 'session_id' } as const;\nsessionStorage.getItem(KEYS.session);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRead', line: 2, column: 1 }],
    },
    {
      code: `enum StorageKey { Auth = 'authToken' }\nlocalStorage.removeItem(StorageKey.Auth);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRemoval', line: 2, column: 1 }],
    },
    {
      code: `import { TOKEN_KEY } from './constants';\nlocalStorage.setItem(TOKEN_KEY, value);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `import { AUTH_STORAGE_KEY as KEY } from './constants';\nlocalStorage.getItem(KEY);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRead', line: 2, column: 1 }],
    },
    {
      code: `import { StorageKeys } from './constants';\nlocalStorage.setItem(StorageKeys.ACCESS_TOKEN, value);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { JWT_KEY } = require('./constants');\nlocalStorage.setItem(JWT_KEY, value);`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `localStorage.setItem('my_app_session', value);`,
      options: [{ extraKeyPatterns: ['_session$'] }],
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `export class TokenStorage {\n  private readonly tokenKey = 'auth-token';\n  getToken(): string | null {\n    return window.sessionStorage.getItem(this.tokenKey);\n  }\n}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRead', line: 4, column: 12 }],
    },
    {
      code: `class Session {\n  #key = 'jwt';\n  clear = () => localStorage.removeItem(this.#key);\n}`,
      errors: [{ messageId: 'credentialRemoval', line: 3, column: 17 }],
    },
    {
      code: `class AuthService {\n  static readonly REFRESH_KEY = 'refresh';\n  static save(value: string) {\n    localStorage.setItem(this.REFRESH_KEY, value);\n  }\n}\nconst saved = localStorage.getItem(AuthService.REFRESH_KEY);\nfetch('/api', { headers: { Authorization: saved } });`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 5 },
        { messageId: 'credentialRead', line: 7, column: 15 },
      ],
    },
    {
      code: `namespace Keys {\n  export const TOKEN = 'access_token';\n}\nsessionStorage.setItem(Keys.TOKEN, value);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 1 }],
    },
    // ---- credential values under innocent keys ----
    {
      code: `localStorage.setItem('data', response.data.accessToken);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `function save(jwt) {\n  localStorage.setItem('app', jwt);\n}`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 3 }],
    },
    {
      code: `localStorage.setItem('user', JSON.stringify({ name, token }));`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `localStorage.setItem('header', \`Bearer \${value}\`);`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `const { accessToken: value } = await login();\nlocalStorage.setItem('v', value);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `localStorage.setItem('current', await auth.getAccessToken());`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    // An object the same code checked for a token, then the reads and the removal of the same key.
    {
      code: [
        `function login(username, password) {`,
        `  return axios.post(API_URL + 'signin', { username, password }).then((response) => {`,
        `    if (response.data.accessToken) {`,
        `      localStorage.setItem('user', JSON.stringify(response.data));`,
        `    }`,
        `    return response.data;`,
        `  });`,
        `}`,
        `function logout() {`,
        `  localStorage.removeItem('user');`,
        `}`,
        `function getCurrentUser() {`,
        `  return JSON.parse(localStorage.getItem('user'));`,
        `}`,
      ].join('\n'),
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 7 },
        { messageId: 'credentialRemoval', line: 10, column: 3 },
        { messageId: 'credentialRead', line: 13, column: 21 },
      ],
    },
    {
      code: `const { data } = await api.login(form);\nif (!data.token) throw new Error('login failed');\nsessionStorage.setItem('session', JSON.stringify(data));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 1 }],
    },
    // The first write stores `user`, whose `token` this file reads below.
    {
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }, { messageId: 'credentialRemoval', line: 2, column: 1 }],
      code: `localStorage.setItem('user', JSON.stringify(user));\nlocalStorage.setItem('user', '');\napi.defaults.headers.common.Authorization = user.token;`,
    },
    // ---- near misses of names that are not credentials ----
    // A login word before `token` still counts next to a shop word, and `refToken` is a shortened refresh token.
    {
      code: `localStorage.setItem('userToken', x);\nlocalStorage.setItem('sessionToken', x);\nlocalStorage.setItem('checkout', JSON.stringify({ coupon, idToken }));\nlocalStorage.setItem('refToken', x);`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    {
      code: `localStorage.setItem('authTokens', JSON.stringify(tokens));\nlocalStorage.setItem('oauth_tokens', x);\nlocalStorage.setItem('cart', JSON.stringify({ items, token }));`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    // A bare `tokens` key holding the tokens of a login response, then its read and removal.
    {
      code: `const res = await axios.post('/api/login', form);\nlocalStorage.setItem('tokens', JSON.stringify(res.data.tokens));\nconst saved = localStorage.getItem('tokens');\nlocalStorage.removeItem('tokens');`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialRead', line: 3, column: 15 },
        { messageId: 'credentialRemoval', line: 4, column: 1 },
      ],
    },
    {
      code: `const { tokens } = await api.login(form);\nlocalStorage.setItem('tokens', JSON.stringify(tokens));\nconst result = await auth.signIn(form);\nsessionStorage.setItem('session', JSON.stringify(result.tokens));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    {
      code: `const tokens = await api.login(form);\nlocalStorage.setItem('app', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    // A token under an innocent key, from an unknown origin or a login response.
    {
      code: `localStorage.setItem('user', JSON.stringify({ ...user, token }));`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    {
      code: `const { token } = await res.json();\nlocalStorage.setItem('auth', token);\nlocalStorage.setItem('data', token);`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    // A part split from a login redirect's URL fragment or from a header is still a credential.
    {
      code: `const [, token] = window.location.hash.split('access_token=');\nlocalStorage.setItem('t', token);\nconst [, bearer] = authHeader.split(' ');\nlocalStorage.setItem('h', bearer);`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    // A credential key decides whatever the origin of the value.
    {
      code: `const token = getCssVar('--brand');\nlocalStorage.setItem('token', token);\nlocalStorage.setItem('sessionId', crypto.randomUUID());`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    // An analytics key ignores session ids only, and a login session id elsewhere still counts.
    {
      code: `sessionStorage.setItem('analytics', JSON.stringify({ sessionId, token }));\nlocalStorage.setItem('app_session_id', res.sessionId);\nlocalStorage.setItem('cache', JSON.stringify({ sessionId: res.data.sessionId }));`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    // A token read from an `auth` object, or from the stored object itself.
    {
      code: `const cfg = JSON.parse(localStorage.getItem('config'));\nuse(cfg.auth.token);\nconst p = JSON.parse(localStorage.getItem('prefs'));\nuse(p.accessToken);\nconst s = JSON.parse(localStorage.getItem('s'));\nuse(s.authData.jwt);`,
      errors: [
        { messageId: 'credentialRead', line: 1, column: 24 },
        { messageId: 'credentialRead', line: 3, column: 22 },
        { messageId: 'credentialRead', line: 5, column: 22 },
      ],
    },
    // ---- where the value comes from decides before its name: login tokens near look-alike words ----
    // A part split or matched from a URL fragment, a response header or a response body.
    {
      code: `const fragment = window.location.hash.substring(1);\nconst [, token] = fragment.split('=');\nlocalStorage.setItem('user', token);`,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 1 }],
    },
    {
      code: `const token = window.location.hash.substring(1).split('=')[1];\nlocalStorage.setItem('user', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const token = decodeURIComponent(location.hash).match(/access_token=([^&]+)/)[1];\nlocalStorage.setItem('profile', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `for (const part of window.location.hash.slice(1).split('&')) {\n  const [name, token] = part.split('=');\n  if (name === 'access_token') localStorage.setItem('data', token);\n}`,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 32 }],
    },
    // A page URL parameter with a credential name, read through URLSearchParams or URL, under any key.
    {
      code: `const params = new URLSearchParams(window.location.hash.slice(1));\nconst t = params.get('access_token');\nlocalStorage.setItem('baseToken', t);`,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 1, data: { storage: '`localStorage`', evidence: 'the stored value is a credential' } }],
    },
    // The key still counts for a credential parameter, for another value written to an entry that also
    // receives a referral code, and for a `ref_token` read from an object that is not the page URL.
    {
      code: `const params = new URLSearchParams(location.search);\nlocalStorage.setItem('refreshToken', params.get('token'));\nlocalStorage.setItem('refToken', params.get('ref_token'));\nlocalStorage.setItem('refToken', response.data.refresh);\nlocalStorage.removeItem('refToken');`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
        { messageId: 'credentialRemoval', line: 5, column: 1 },
      ],
    },
    {
      code: `function remember(location) {\n  localStorage.setItem('refToken', new URLSearchParams(location.search).get('ref_token'));\n}`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 3 }],
    },
    {
      code: `const token = new URLSearchParams(location.search).get('token');\nlocalStorage.setItem('auth', token);\nlocalStorage.setItem('profile', new URLSearchParams(location.search).get('token'));`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1, data: { storage: '`localStorage`', evidence: 'the stored value is a credential' } },
      ],
    },
    {
      code: `const { searchParams } = new URL(window.location.href);\nlocalStorage.setItem('x', searchParams.get('id_token'));`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1, data: { storage: '`localStorage`', evidence: 'the stored value is a credential' } }],
    },
    {
      code: `const url = new URL(document.URL);\nsessionStorage.setItem('k', url.searchParams.get('access_token'));`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1, data: { storage: '`sessionStorage`', evidence: 'the stored value is a credential' } }],
    },
    // The same parameters decoded, or read from a URL built from the location object's text.
    {
      code: `localStorage.setItem('profile', decodeURIComponent(new URLSearchParams(location.search).get('token')));\nconst t = window.decodeURI(new URL(location.href).searchParams.get('id_token'));\nsessionStorage.setItem('k', t);`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1, data: { storage: '`localStorage`', evidence: 'the stored value is a credential' } },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    {
      code: `localStorage.setItem('a', new URL(location.toString()).searchParams.get('access_token'));\nlocalStorage.setItem('b', new URL(window.location.toString()).searchParams.get('access_token'));\nlocalStorage.setItem('c', new URL(String(location)).searchParams.get('access_token'));\nlocalStorage.setItem('d', new URL(\`\${location}\`).searchParams.get('access_token'));\nconst { searchParams } = new URL(document.location.toString());\nlocalStorage.setItem('e', decodeURIComponent(searchParams.get('jwt')));`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
        { messageId: 'credentialWrite', line: 6, column: 1 },
      ],
    },
    {
      code: `const hash = globalThis.location.hash.replace('#', '');\nconst params = new URLSearchParams(hash);\nlocalStorage.setItem('u', params.get('refresh_token'));\nlocalStorage.setItem('v', new URL(window.location).searchParams.get('jwt'));\nlocalStorage.setItem('w', new URLSearchParams(document.location.search.substring(1)).get('id_token'));`,
      errors: [
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
        { messageId: 'credentialWrite', line: 5, column: 1 },
      ],
    },
    {
      code: `const [, token] = xhr.getResponseHeader('Authorization').split(' ');\nlocalStorage.setItem('user', token);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const res = await fetch('/login', { method: 'POST', body: form });\nconst token = (await res.text()).split('\\n')[0];\nlocalStorage.setItem('u', token);\nlocalStorage.setItem('u2', JSON.stringify({ token }));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    // A login call or request whose client is named with a design or theme word.
    {
      code: `const { token } = await designApi.auth.login(form);\nlocalStorage.setItem('u', token);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const res = await themeStoreClient.post('/customer/login', form);\nconst token = res.data.token;\nlocalStorage.setItem('u', token);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 1 }],
    },
    // Login tokens held in a bare `tokens` variable or key.
    {
      code: `const tokens = await exchangeCodeForTokens(code);\nlocalStorage.setItem('tokens', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `fetch('/api/login', { method: 'POST', body: form })\n  .then((r) => r.json())\n  .then((tokens) => localStorage.setItem('tokens', JSON.stringify(tokens)));`,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 21 }],
    },
    {
      code: `const r = await fetch('/api/login', { method: 'POST', body: form });\nconst tokens = await r.json();\nlocalStorage.setItem('t', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 1 }],
    },
    {
      code: `const tokens = await authClient.refresh();\nlocalStorage.setItem('t', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { data: tokens } = await axios.post('/auth/login', form);\nlocalStorage.setItem('t', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { tokens } = await (await fetch('/api/sessions', { method: 'POST', body: form })).json();\nlocalStorage.setItem('t', JSON.stringify(tokens));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `localStorage.setItem('t', JSON.stringify(store.getState().tokens));`,
      errors: [{ messageId: 'credentialWrite', line: 1, column: 1 }],
    },
    // Login tokens next to coin words: a clear login origin, a login word or a login token kind wins.
    {
      code: `export async function refreshSession() {\n  const response = await fetch('/auth/refresh', { method: 'POST' });\n  const { access, refresh } = await response.json();\n  localStorage.setItem('tokens', JSON.stringify({ access, refresh }));\n  localStorage.setItem('tokenPrices', JSON.stringify(prices));\n}`,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 3 }],
    },
    {
      code: `const { data } = await axios.post(\`\${API_URL}/auth/refresh\`, { refresh });\nlocalStorage.setItem('tokens', JSON.stringify(data));\nconst { access } = await login(form);\nsessionStorage.setItem('tokens', JSON.stringify([access]));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    {
      code: `const tokenData = await login(form);\nlocalStorage.setItem('tokenData', JSON.stringify(tokenData));\nlocalStorage.setItem('tokenPrices', JSON.stringify(prices));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    // `accessTokenList` names a list of login tokens, and `authApi` a login client, so neither is coin data.
    {
      code: `const { tokens } = await api.getAccessTokenList();\nlocalStorage.setItem('accessTokenList', JSON.stringify(tokens));\nconst tokens2 = await authApi.getTokenList();\nlocalStorage.setItem('tokens', JSON.stringify(tokens2));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    {
      code: `localStorage.setItem(\`access_token_\${chainId}\`, value);\nlocalStorage.setItem(\`token_\${userId}\`, value);\nlocalStorage.setItem(\`token-\${chainId}\`, res.data.token);`,
      errors: [
        { messageId: 'credentialWrite', line: 1, column: 1 },
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    {
      code: `const [, token] = location.hash.split('access_token=');\nlocalStorage.setItem('selectedToken', token);\nconst { data } = await axios.post('/api/login', form);\nlocalStorage.setItem('token', data.token);\nlocalStorage.setItem('token', selected.address);\nlocalStorage.getItem('token');`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
        { messageId: 'credentialRead', line: 6, column: 1 },
      ],
    },
    {
      code: `const res = await fetch('/api/login', { method: 'POST', body: form });\nconst data = await res.json();\nif (data.user.token) localStorage.setItem('user', JSON.stringify(data.user));\nlocalStorage.setItem('tokenPrices', JSON.stringify(data.prices));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 22 }],
    },
    {
      code: `const { address } = await login(form);\nlocalStorage.setItem('token', address);\nconst tokens = await getTokenForAddress(address);\nlocalStorage.setItem('token', tokens.jwt);`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 4, column: 1 },
      ],
    },
    // A `token` destructured from a response counts like `data.token` read from it, under keys that look
    // like coin keys too.
    {
      code: `export async function walletLogin(body, chainId, address) {
  const res = await fetch('/api/verify', { method: 'POST', body });
  const { token } = await res.json();
  localStorage.setItem('baseToken', token);
  localStorage.setItem('walletToken', token);
  localStorage.setItem(\`token-\${chainId}\`, token);
  localStorage.setItem(\`token:\${chainId}:\${address}\`, token);
}
export function authHeader(chainId, address) {
  return { Authorization: \`Bearer \${localStorage.getItem(\`token:\${chainId}:\${address}\`)}\` };
}`,
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 3 },
        { messageId: 'credentialWrite', line: 5, column: 3 },
        { messageId: 'credentialWrite', line: 6, column: 3 },
        { messageId: 'credentialWrite', line: 7, column: 3 },
        { messageId: 'credentialRead', line: 10, column: 37 },
      ],
    },
    {
      code: `import axios from 'axios';
export async function verify(body) {
  const { data: { token } } = await axios.post('/api/verify', body);
  localStorage.setItem('walletToken', token);
}
export function verifyThen(body) {
  return fetch('/api/verify', { method: 'POST', body })
    .then((res) => res.json())
    .then(({ token }) => localStorage.setItem('baseToken', token));
}`,
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 3 },
        { messageId: 'credentialWrite', line: 9, column: 26 },
      ],
    },
    // `current`, `active` and `default` before `token` name the login token of ordinary apps.
    {
      code: `export function setToken(t) {
  localStorage.setItem('currentToken', t);
  localStorage.setItem('activeToken', t);
  localStorage.setItem('defaultToken', t);
}`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 3 },
        { messageId: 'credentialWrite', line: 3, column: 3 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `import { createStore } from 'vuex';
export default createStore({
  state: { currentToken: localStorage.getItem('currentToken') || '' },
  mutations: { setToken(state, t) { state.currentToken = t; localStorage.setItem('currentToken', t); } },
});`,
      errors: [
        { messageId: 'credentialRead', line: 3, column: 26 },
        { messageId: 'credentialWrite', line: 4, column: 61 },
      ],
    },
    // A login stays reported under keys and next to values that look like coins.
    {
      code: `export async function signInWithEthereum(address, message, signature) {\n  const { token } = await verifySiwe(message, signature);\n  localStorage.setItem(\`auth_\${address}\`, token);\n  localStorage.setItem(\`token_\${address}\`, token);\n}\nexport function rememberSiwe(address, token) {\n  localStorage.setItem(\`token_\${address}\`, token);\n}`,
      errors: [
        { messageId: 'credentialWrite', line: 3, column: 3 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
        { messageId: 'credentialWrite', line: 7, column: 3 },
      ],
    },
    {
      code: `export async function signIn(form) {\n  const res = await fetch('/api/login', { method: 'POST', body: form });\n  const data = await res.json();\n  localStorage.setItem('token', data.token);\n  localStorage.setItem('selectedToken', data.token);\n  const { userToken } = await api.login(form);\n  localStorage.setItem('userToken', userToken);\n  localStorage.setItem('userTokens', JSON.stringify([userToken]));\n}\nconst [, token] = location.hash.split('access_token=');\nlocalStorage.setItem('baseToken', token);\nexport function keep(token) {\n  localStorage.setItem('currentToken', token);\n  localStorage.setItem('userToken', token);\n}`,
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 3 },
        { messageId: 'credentialWrite', line: 5, column: 3 },
        { messageId: 'credentialWrite', line: 7, column: 3 },
        { messageId: 'credentialWrite', line: 8, column: 3 },
        { messageId: 'credentialWrite', line: 11, column: 1 },
        { messageId: 'credentialWrite', line: 13, column: 3 },
        { messageId: 'credentialWrite', line: 14, column: 3 },
      ],
    },
    {
      code: `import axios from 'axios';\naxios.interceptors.response.use(undefined, async (error) => {\n  const { data } = await axios.post('/auth/refresh');\n  localStorage.setItem('accessToken', data.accessToken);\n  return axios(error.config);\n});\nexport function saveCoin(token: Token) {\n  localStorage.setItem('token', JSON.stringify(token));\n}`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'credentialWrite', line: 4, column: 3 },
        { messageId: 'credentialWrite', line: 8, column: 3 },
      ],
    },
    // A `token` state property that starts as a string, or sits next to a wallet address only, is a login.
    {
      code: `import { defineStore } from 'pinia';\nexport const useAuthStore = defineStore('auth', {\n  state: () => ({ token: '' as string, user: null, amount: 0 }),\n  persist: true,\n});\nexport const useSiweStore = defineStore('wallet', {\n  state: () => ({ token: null, address: '', chainId: 1 }),\n  persist: true,\n});`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 4, column: 3 },
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 8, column: 3 },
      ],
    },
    // ---- zustand's persist middleware ----
    // With no `storage` option, zustand persists the whole state to localStorage.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, user: null, setToken: (token) => set({ token }) }), { name: 'auth-storage' }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 3, column: 31 }],
    },
    // The state creator is read through zustand's middlewares, also nested and through a namespace import.
    {
      code: `import { create } from 'zustand';
import { persist, devtools, subscribeWithSelector } from 'zustand/middleware';
import { immer } from 'zustand/middleware/immer';
import * as middleware from 'zustand/middleware';
export const useAuth = create(persist(immer((set) => ({ token: null, setToken: (token) => set((state) => { state.token = token; }) })), { name: 'auth' }));
export const useSession = create(persist(devtools(subscribeWithSelector((set) => ({ accessToken: '' })), { name: 'session' }), { name: 'session' }));
export const useUser = create(middleware.persist(middleware.devtools(() => ({ jwt: null })), { name: 'user' }));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 5, column: 31 },
        { messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'zustand', storage: 'localStorage' }, line: 6, column: 34 },
        { messageId: 'persistedStoreState', data: { state: 'jwt', plugin: 'zustand', storage: 'localStorage' }, line: 7, column: 31 },
      ],
    },
    // `combine` merges its initial state with what its creator returns.
    {
      code: `const { create } = require('zustand');
const { persist, combine } = require('zustand/middleware');
const initialState = { token: null, theme: 'dark' };
exports.useAuth = create(persist(combine(initialState, (set) => ({ setToken: (token) => set({ token }) })), { name: 'auth' }));
exports.useSession = create(persist(combine({ theme: 'dark' }, () => ({ refreshToken: '' })), { name: 'session' }));`,
      languageOptions: cjs,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 4, column: 26 },
        { messageId: 'persistedStoreState', data: { state: 'refreshToken', plugin: 'zustand', storage: 'localStorage' }, line: 5, column: 29 },
      ],
    },
    // createJSONStorage picks sessionStorage; a renamed import and a namespace import are followed.
    {
      code: `import { create } from 'zustand';
import { persist as persistStore, createJSONStorage as jsonStorage } from 'zustand/middleware';
import * as middleware from 'zustand/middleware';
export const useAuth = create(persistStore((set) => ({ accessToken: '' }), { name: 'auth', storage: jsonStorage(() => window.sessionStorage) }));
export const useSession = create(middleware.persist(() => ({ jwt: null }), { name: 'session', storage: middleware.createJSONStorage(() => localStorage) }));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'zustand', storage: 'sessionStorage' }, line: 4, column: 31 },
        { messageId: 'persistedStoreState', data: { state: 'jwt', plugin: 'zustand', storage: 'localStorage' }, line: 5, column: 34 },
      ],
    },
    // A \`partialize\` that keeps the token, and a typed \`create<T>()(persist(...))\`.
    {
      code: `import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
interface AuthState { token: string | null; theme: string; setToken: (token: string) => void }
export const useAuth = create<AuthState>()(
  persist(
    (set) => ({ token: null, theme: 'light', setToken: (token) => set({ token }) }),
    { name: 'auth', storage: createJSONStorage(() => sessionStorage), partialize: (state) => ({ token: state.token }) },
  ),
);
export const useSession = create<AuthState>()(persist((set) => ({ token: null, theme: 'light', setToken: (token) => set({ token }) }), { name: 'session', partialize: ({ token, theme }) => ({ token, theme }) }));`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'sessionStorage' }, line: 5, column: 3 },
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 10, column: 47 },
      ],
    },
    // A \`partialize\` whose result cannot be read keeps the whole state, as far as the file shows.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, theme: 'light' }), { name: 'auth', partialize: (state) => pick(state, keys) }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 3, column: 31 }],
    },
    // A spread of a constant of the file counts like the same properties written in place.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const initialState = { token: null as string | null, user: null };
export const useAuth = create(persist((set) => ({ ...initialState, setToken: (token: string) => set({ token }) }), { name: 'auth' }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 4, column: 31 }],
    },
    // Spreads inside the constant, a constant inside the state creator, and a nested object.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const sessionDefaults = { refreshToken: '' };
const authDefaults = { ...sessionDefaults, user: null };
export const useAuth = create(persist((set) => ({ ...authDefaults, theme: 'light' }), { name: 'auth' }));
export const useSession = create(persist((set) => {
  const initial = { session: { ...sessionDefaults } };
  return { ...initial, clear: () => set(initial) };
}, { name: 'session' }));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'refreshToken', plugin: 'zustand', storage: 'localStorage' }, line: 5, column: 31 },
        { messageId: 'persistedStoreState', data: { state: 'session.refreshToken', plugin: 'zustand', storage: 'localStorage' }, line: 6, column: 34 },
      ],
    },
    // Next to a spread that the file does not show, a credential that `partialize` reads counts by its name.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ ...createInitialState(), theme: 'light' }), { name: 'auth', partialize: (state) => ({ token: state.token }) }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 3, column: 31 }],
    },
    // A `partialize` rest pattern keeps every credential it does not name.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, theme: 'light' }), { name: 'auth', partialize: ({ theme, ...rest }) => rest }));
export const useSession = create(persist((set) => ({ accessToken: null, refreshToken: null, theme: 'light' }), {
  name: 'session',
  partialize: (state) => {
    const { accessToken, ...rest } = state;
    return rest;
  },
}));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 3, column: 31 },
        { messageId: 'persistedStoreState', data: { state: 'refreshToken', plugin: 'zustand', storage: 'localStorage' }, line: 4, column: 34 },
      ],
    },
    // A rest pattern drops only the names it lists, so a spread credential stays.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
const initialState = { token: null, jwt: null, theme: 'light' };
export const useAuth = create(persist((set) => ({ ...initialState }), { name: 'auth', partialize: ({ token, ...rest }) => rest }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'jwt', plugin: 'zustand', storage: 'localStorage' }, line: 4, column: 31 }],
    },
    // A `partialize` that does more than return the rest counts as keeping the whole state.
    {
      code: `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
export const useAuth = create(persist((set) => ({ token: null, theme: 'light' }), {
  name: 'auth',
  partialize: (state) => {
    const { token, ...rest } = state;
    save(token);
    return rest;
  },
}));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'zustand', storage: 'localStorage' }, line: 3, column: 31 }],
    },
    // A Pinia state that spreads a constant of the file.
    {
      code: `import { defineStore } from 'pinia';
const initialState = { accessToken: '', user: null };
export const useAuthStore = defineStore('auth', {
  state: () => ({ ...initialState }),
  persist: { omit: ['user'] },
});`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 5, column: 3 }],
    },
    {
      code: `import createPersistedState from 'vuex-persistedstate';
const defaultState = { token: '' };
export default new Vuex.Store({ state: { ...defaultState, theme: 'light' }, plugins: [createPersistedState()] });`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'vuex-persistedstate', storage: 'localStorage' }, line: 3, column: 87 }],
    },
    // A session id from a login call under a key with an analytics word.
    {
      code: `const { sessionId } = await api.login(form);\nlocalStorage.setItem('tracker_state', JSON.stringify({ sessionId }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { session_id } = await api.signIn(form);\nsessionStorage.setItem('recording-studio', session_id);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { data } = await axios.post('/login', form);\nlocalStorage.setItem('metrics', JSON.stringify({ user: data.user, sessionId: data.sessionId }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { sessionId } = await api.login(form);\nlocalStorage.setItem('analytics_3', sessionId);\nlocalStorage.setItem('segment_user', JSON.stringify({ sessionId }));`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
      ],
    },
    {
      code: `const res = await api.login(form);\nlocalStorage.setItem('heap', res.data.sessionId);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    // Stored data whose `auth` or `authData` is sent as a request header or as axios's `auth` option.
    {
      code: `const stored = JSON.parse(localStorage.getItem('app'));\naxios.get('/api/me', { auth: stored.auth });`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 27 }],
    },
    {
      code: `const { auth } = JSON.parse(localStorage.getItem('app'));\nfetch('/api/me', { headers: { 'X-Auth': auth } });`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 29 }],
    },
    {
      code: `const s = JSON.parse(localStorage.getItem('app'));\nfetch('/api/me', { headers: { 'X-Api-Auth': s.authData } });`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 22 }],
    },
    {
      code: `const saved = JSON.parse(localStorage.getItem('app'));\nfetch('/api/me', { headers: { 'X-Auth': saved.auth } });`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 26 }],
    },
    {
      code: `const saved = JSON.parse(localStorage.getItem('app'));\naxios.defaults.headers.common['X-Auth'] = saved.auth;`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 26 }],
    },
    // ---- reads that are used as credentials ----
    {
      code: `const user = JSON.parse(localStorage.getItem('user'));\nif (user && user.accessToken) {\n  headers['x-access-token'] = user.accessToken;\n}`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 25 }],
    },
    {
      code: `fetch(url, { headers: { Authorization: 'Bearer ' + localStorage.getItem('profile') } });`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 52 }],
    },
    {
      code: `const stored = localStorage.getItem('state');\naxios.defaults.headers.common['Authorization'] = \`Bearer \${stored}\`;`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 16 }],
    },
    {
      code: `xhr.setRequestHeader('Authorization', sessionStorage.getItem('s'));`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 39 }],
    },
    {
      code: `const session = JSON.parse(localStorage.getItem('session') || '{}');\nconst { refreshToken } = session;`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 28 }],
    },
    {
      code: `const decoded = parseJwt(JSON.parse(localStorage.getItem('user')).accessToken);`,
      errors: [{ messageId: 'credentialRead', line: 1, column: 37 }],
    },
    {
      code: `function getUser() {\n  return JSON.parse(localStorage.getItem('user'));\n}\nconst header = { Authorization: 'Bearer ' + getUser().token };`,
      errors: [{ messageId: 'credentialRead', line: 2, column: 21 }],
    },
    // ---- storage libraries ----
    {
      code: `import localforage from 'localforage';\nawait localforage.setItem('token', token);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 7 }],
    },
    {
      code: `const localforage = require('localforage');\nlocalforage.removeItem('jwt');`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialRemoval', line: 2, column: 1 }],
    },
    {
      code: `import localforage from 'localforage';\nconst authStore = localforage.createInstance({ name: 'auth' });\nauthStore.getItem('refreshToken');`,
      errors: [{ messageId: 'credentialRead', line: 3, column: 1 }],
    },
    {
      code: `import localforage from 'localforage';\nconst user = await localforage.getItem('user');\nconst headers = { Authorization: \`Bearer \${user.token}\` };`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialRead', line: 2, column: 20 }],
    },
    {
      code: `import { set, get, del } from 'idb-keyval';\nawait set('token', token);\nconst t = await get('token');\nawait del('token');`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 7 },
        { messageId: 'credentialRead', line: 3, column: 17 },
        { messageId: 'credentialRemoval', line: 4, column: 7 },
      ],
    },
    {
      code: `import * as idb from 'idb-keyval';\nidb.set('data', { accessToken });`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1 }],
    },
    {
      code: `const { setMany } = require('idb-keyval');\nsetMany([['theme', 'dark'], ['jwt', jwt]]);`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 29 }],
    },
    {
      code: `import store from 'store2';\nstore('token', token);\nstore.set('jwt', jwt);\nstore.get('jwt');\nstore.session('auth', auth);\nstore.local.remove('token');`,
      errors: [
        { messageId: 'credentialWrite', line: 2, column: 1 },
        { messageId: 'credentialWrite', line: 3, column: 1 },
        { messageId: 'credentialRead', line: 4, column: 1 },
        { messageId: 'credentialWrite', line: 5, column: 1 },
        { messageId: 'credentialRemoval', line: 6, column: 1 },
      ],
    },
    {
      code: `const store = require('store2');\nconst token = store('token');`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialRead', line: 2, column: 15 }],
    },
    // ---- hooks ----
    {
      code: `import { useLocalStorage } from 'usehooks-ts';\nexport function useAuth() {\n  const [token, setToken, removeToken] = useLocalStorage('token', '');\n  return { token, login: (t) => setToken(t), logout: () => removeToken() };\n}`,
      filename: FILENAMES.jsx,
      errors: [
        { messageId: 'credentialRead', line: 3, column: 42 },
        { messageId: 'credentialWrite', line: 4, column: 33 },
        { messageId: 'credentialRemoval', line: 4, column: 60 },
      ],
    },
    {
      code: `import { useSessionStorage } from '@uidotdev/usehooks';\nexport function Profile() {\n  const [user, setUser] = useSessionStorage('user', null);\n  const onLogin = (data: { accessToken: string }) => setUser(data.accessToken);\n  return <p>{user}</p>;\n}`,
      filename: FILENAMES.tsx,
      errors: [
        { messageId: 'credentialRead', line: 3, column: 27 },
        { messageId: 'credentialWrite', line: 4, column: 54 },
      ],
    },
    {
      code: `import { useLocalStorage } from 'react-use';\nconst [jwt] = useLocalStorage('jwt');`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'credentialRead', line: 2, column: 15 }],
    },
    {
      code: `import useLocalStorage from 'react-use/lib/useLocalStorage';\nconst [auth] = useLocalStorage('auth');`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'credentialRead', line: 2, column: 16 }],
    },
    {
      code: `import { useStorage } from '@vueuse/core';\nconst token = useStorage('access-token', '');\nfunction onLogin(result) {\n  token.value = result.token;\n}`,
      errors: [
        { messageId: 'credentialRead', line: 2, column: 15 },
        { messageId: 'credentialWrite', line: 4, column: 3 },
      ],
    },
    {
      code: `import { useLocalStorage } from '@vueuse/core';\nconst session = useLocalStorage('session', {});\nconst headers = () => ({ Authorization: \`Bearer \${session.value.accessToken}\` });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialRead', line: 2, column: 17 }],
    },
    // ---- persisted Vue stores ----
    // vuex-persistedstate saves the whole state to localStorage by default.
    {
      code: `import Vue from 'vue';
import Vuex from 'vuex';
import createPersistedState from 'vuex-persistedstate';
Vue.use(Vuex);
export default new Vuex.Store({
  state: { token: '', theme: 'light' },
  plugins: [createPersistedState()],
});`,
      errors: [
        {
          messageId: 'persistedStoreState',
          data: { state: 'token', plugin: 'vuex-persistedstate', storage: 'localStorage' },
          line: 7,
          column: 13,
          endColumn: 35,
        },
      ],
    },
    // Two plugin calls in a conditional persist the same store, which is reported once, at the first.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default createStore({
  state: { accessToken: null, locale: 'en' },
  plugins: import.meta.env.SSR
    ? [createPersistedState({ storage: sessionStorage })]
    : [createPersistedState({ storage: localStorage })],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'vuex-persistedstate', storage: 'sessionStorage' }, line: 6, column: 8 }],
    },
    // Two plugin calls in one list, the first keeping only a preference, report the one that keeps the token.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default createStore({
  state: { accessToken: null, locale: 'en' },
  plugins: [createPersistedState({ key: 'prefs', paths: ['locale'] }), createPersistedState({ key: 'auth', paths: ['accessToken'] })],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'vuex-persistedstate', storage: 'localStorage' }, line: 5, column: 72 }],
    },
    // A module from another file, kept through `paths`.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import auth from './modules/auth';
export const store = createStore({
  modules: { auth },
  plugins: [createPersistedState({ key: 'app', paths: ['auth.token', 'ui'] })],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'auth.token', plugin: 'vuex-persistedstate', storage: 'localStorage' }, line: 6, column: 13 }],
    },
    // The module state in the same file contains the token, and the whole state is kept.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
const session = { namespaced: true, state: () => ({ user: null, accessToken: null }) };
export default createStore({
  modules: { session },
  plugins: [createPersistedState({ storage: window.sessionStorage })],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'session.accessToken', plugin: 'vuex-persistedstate', storage: 'sessionStorage' }, line: 6, column: 13 }],
    },
    // A module whose state comes from another file counts by its name.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import { state } from './auth-state';
export default createStore({
  modules: { auth: { namespaced: true, state } },
  plugins: [createPersistedState()],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'auth', plugin: 'vuex-persistedstate', storage: 'localStorage' }, line: 6, column: 13 }],
    },
    // A module named for the login state, whose contents the file does not show.
    {
      code: `import Vuex from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import user from './user';
export default new Vuex.Store({ modules: { user }, plugins: [createPersistedState()] });`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'user', plugin: 'vuex-persistedstate', storage: 'localStorage' }, line: 4, column: 62 }],
    },
    // A renamed import, with the plugin list in a variable and a read of the same entry.
    {
      code: `import persist from 'vuex-persistedstate';
const plugins = [persist({ storage: sessionStorage })];
export const store = new Vuex.Store({ state: { jwt: null }, plugins });
export const saved = JSON.parse(sessionStorage.getItem('vuex'));`,
      errors: [
        { messageId: 'persistedStoreState', line: 2, column: 18 },
        { messageId: 'credentialRead', line: 4, column: 33 },
      ],
    },
    {
      code: `const createPersistedState = require('vuex-persistedstate');
module.exports = new Vuex.Store({
  state: { authToken: null },
  plugins: [createPersistedState({ paths: ['authToken'] })],
});`,
      languageOptions: cjs,
      errors: [{ messageId: 'persistedStoreState', line: 4, column: 13 }],
    },
    // pinia-plugin-persistedstate saves the whole state to localStorage with `persist: true`.
    {
      code: `import { defineStore } from 'pinia';
export const useAuthStore = defineStore('auth', {
  state: () => ({ token: '', user: null }),
  persist: true,
});`,
      errors: [
        {
          messageId: 'persistedStoreState',
          data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' },
          line: 4,
          column: 3,
          endColumn: 16,
        },
      ],
    },
    {
      code: `import { defineStore } from 'pinia';
export const useAuthStore = defineStore('auth', {
  state() {
    return { token: '', locale: 'en' };
  },
  persist: { storage: sessionStorage, pick: ['token'] },
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'sessionStorage' }, line: 6, column: 3 }],
    },
    // The lists are read from same-file constants, object properties and spreads of them.
    {
      code: `import { defineStore } from 'pinia';
const AUTH_PATHS = ['token'] as const;
const PERSIST = { pick: [...AUTH_PATHS, 'locale'] };
const PUBLIC_PATHS = ['locale'];
export const useAuth = defineStore('auth', { state: () => ({ token: '', locale: 'en' }), persist: { pick: PERSIST.pick } });
export const useSession = defineStore('session', { state: () => ({ token: '', locale: 'en' }), persist: { paths: [...PUBLIC_PATHS, ...AUTH_PATHS] } });
export const useUser = defineStore('user', { state: () => ({ jwt: '', locale: 'en' }), persist: { omit: [...PUBLIC_PATHS] } });`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 5, column: 90 },
        { messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 6, column: 96 },
        { messageId: 'persistedStoreState', data: { state: 'jwt', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 7, column: 88 },
      ],
    },
    // pinia-plugin-persistedstate 3 names the list `paths`.
    {
      code: `import { defineStore } from 'pinia';
export const useAuthStore = defineStore({
  id: 'auth',
  state: () => ({ auth: { token: '', user: null }, locale: 'en' }),
  persist: { paths: ['auth.token'] },
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'auth.token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 5, column: 3 }],
    },
    // A setup store with the persist option.
    {
      code: `import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(null);
  const isSignedIn = computed(() => accessToken.value !== null);
  function signOut() {
    accessToken.value = null;
  }
  return { accessToken, isSignedIn, signOut };
}, { persist: true });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 10, column: 6 }],
    },
    // A reactive() object of a setup store, less an omitted path.
    {
      code: `import { defineStore } from 'pinia';
import { reactive } from 'vue';
export const useSession = defineStore('session', () => {
  const auth = reactive({ token: '', expiresAt: 0 });
  return { auth };
}, { persist: { omit: ['auth.expiresAt'] } });`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'auth.token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 6, column: 6 }],
    },
    // The storages of the Nuxt module, and a list of configs.
    {
      code: `import { defineStore } from 'pinia';
export const useAuthStore = defineStore('auth', {
  state: () => ({ refreshToken: '', theme: 'dark' }),
  persist: [{ pick: ['theme'] }, { pick: ['refreshToken'], storage: piniaPluginPersistedstate.sessionStorage() }],
});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'refreshToken', plugin: 'pinia-plugin-persistedstate', storage: 'sessionStorage' }, line: 4, column: 3 }],
    },
    // ---- redux-persist ----
    {
      code: `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage';\nexport default persistReducer({ key: 'auth', storage }, authReducer);`,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 16 }],
    },
    {
      code: `import { persistReducer } from 'redux-persist';\nimport storageSession from 'redux-persist/lib/storage/session';\nconst config = { key: 'root', storage: storageSession, whitelist: ['user'] };\nexport const persisted = persistReducer(config, rootReducer);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 4, column: 26 }],
    },
    {
      code: `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage';\nimport { combineReducers } from '@reduxjs/toolkit';\nconst rootReducer = combineReducers({ auth: authSlice.reducer, ui: uiSlice.reducer });\nexport default persistReducer({ key: 'root', storage }, rootReducer);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialWrite', line: 5, column: 16 }],
    },
    {
      code: `const { persistCombineReducers } = require('redux-persist');\nconst storage = require('redux-persist/lib/storage').default;\nmodule.exports = persistCombineReducers({ key: 'root', storage }, { auth, settings });`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialWrite', line: 3, column: 18 }],
    },
    // The root reducer is declared in the same file with an `auth` slice, and logout removes its entry.
    {
      errors: [{ messageId: 'credentialWrite', line: 4, column: 16 }, { messageId: 'credentialRemoval', line: 6, column: 3 }],
      code: `import { persistReducer } from 'redux-persist';\nimport storage from 'redux-persist/lib/storage';\nconst rootReducer = combineReducers({ auth });\nexport default persistReducer({ key: 'root', storage }, rootReducer);\nexport function logout() {\n  localStorage.removeItem('persist:root');\n}`,
    },
  ],
});

// Nuxt imports `defineStore` into every file, and the project files decide where `persist: true` writes.
const nuxtRoot = mkdtempSync(join(tmpdir(), 'sessions-nuxt-store-'));
afterAll(() => rmSync(nuxtRoot, { recursive: true, force: true }));

/** Writes a project with the given dependencies and Nuxt config, and returns the path of a store file in it. */
function createNuxtProject(name: string, dependencies: Record<string, string>, nuxtConfig?: string): string {
  const project = join(nuxtRoot, name);
  mkdirSync(join(project, 'stores'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, dependencies }));
  if (nuxtConfig !== undefined) writeFileSync(join(project, 'nuxt.config.ts'), nuxtConfig);
  return join(project, 'stores', 'auth.ts');
}

const NUXT_DEPENDENCIES = { nuxt: '^3.13.0', '@pinia/nuxt': '^0.5.0', pinia: '^2.2.0' };
const nuxtWithPlugin = createNuxtProject('plugin', { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' });
const nuxtWithModule = createNuxtProject(
  'module',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({ modules: ['@pinia/nuxt', 'pinia-plugin-persistedstate/nuxt'] });",
);
const nuxtWithModuleInLocalStorage = createNuxtProject(
  'module-local',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({\n  modules: ['@pinia/nuxt', 'pinia-plugin-persistedstate/nuxt'],\n  piniaPluginPersistedstate: { storage: 'localStorage' },\n});",
);
const nuxtWithModuleTupleInSessionStorage = createNuxtProject(
  'module-tuple',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({\n  modules: ['@pinia/nuxt', ['pinia-plugin-persistedstate/nuxt', { storage: 'sessionStorage' }]],\n});",
);
const nuxtWithModuleTupleInCookies = createNuxtProject(
  'module-tuple-cookies',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({\n  modules: [['pinia-plugin-persistedstate/nuxt', { storage: 'cookies' }], '@pinia/nuxt'],\n});",
);
const nuxtWithModuleTupleOverConfigKey = createNuxtProject(
  'module-tuple-over-key',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({\n  modules: ['@pinia/nuxt', ['pinia-plugin-persistedstate/nuxt', { storage: 'cookies' }]],\n  piniaPluginPersistedstate: { storage: 'localStorage' },\n});",
);
const nuxtWithConfigKeyUnderEmptyTuple = createNuxtProject(
  'config-key-under-tuple',
  { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^4.1.0' },
  "export default defineNuxtConfig({\n  modules: ['@pinia/nuxt', ['pinia-plugin-persistedstate/nuxt', { debug: true }]],\n  piniaPluginPersistedstate: { storage: 'localStorage' },\n});",
);
const nuxtWithVersion3Module = createNuxtProject('module-3', { ...NUXT_DEPENDENCIES, '@pinia-plugin-persistedstate/nuxt': '^1.2.0' });
const nuxtWithVersion2 = createNuxtProject('version-2', { ...NUXT_DEPENDENCIES, 'pinia-plugin-persistedstate': '^2.4.0' });
const nuxtWithoutPlugin = createNuxtProject('no-plugin', NUXT_DEPENDENCIES);
const vueWithPlugin = createNuxtProject('vue', { vue: '^3.4.0', pinia: '^2.2.0', 'pinia-plugin-persistedstate': '^4.1.0' });

const AUTO_IMPORTED_STORE = `export const useAuth = defineStore('auth', {
  state: () => ({ token: '', locale: 'en' }),
  persist: true,
});`;

ruleTester.run('no-token-in-storage with Nuxt auto-imports', rule, {
  valid: [
    // The Nuxt module of the plugin writes to a cookie unless its options choose web storage.
    { filename: nuxtWithModule, code: AUTO_IMPORTED_STORE },
    { filename: nuxtWithVersion3Module, code: AUTO_IMPORTED_STORE },
    { filename: nuxtWithModuleTupleInCookies, code: AUTO_IMPORTED_STORE },
    // Nuxt merges the options of the `modules` entry over those under the module's key.
    { filename: nuxtWithModuleTupleOverConfigKey, code: AUTO_IMPORTED_STORE },
    // Version 2 persisted Nuxt stores through `createNuxtPersistedState(useCookie)`, and without the
    // plugin the `persist` option does nothing.
    { filename: nuxtWithVersion2, code: AUTO_IMPORTED_STORE },
    { filename: nuxtWithoutPlugin, code: AUTO_IMPORTED_STORE },
    // Outside a Nuxt project, an unbound `defineStore` is nobody's.
    { filename: vueWithPlugin, code: AUTO_IMPORTED_STORE },
    // A local binding named defineStore is not the auto-imported one.
    {
      filename: nuxtWithPlugin,
      code: `import { defineStore } from './local-store';\n${AUTO_IMPORTED_STORE}`,
    },
    {
      filename: nuxtWithPlugin,
      code: `const defineStore = (id, options) => ({ id, ...options });\n${AUTO_IMPORTED_STORE}`,
    },
    // The state persisted without the token.
    {
      filename: nuxtWithPlugin,
      code: `export const useAuth = defineStore('auth', { state: () => ({ token: '', locale: 'en' }), persist: { pick: ['locale'] } });`,
    },
  ],
  invalid: [
    // The plugin installed by the app writes to localStorage.
    {
      filename: nuxtWithPlugin,
      code: AUTO_IMPORTED_STORE,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 3, column: 3 }],
    },
    {
      filename: nuxtWithPlugin,
      code: `export const useSession = defineStore('session', () => {\n  const accessToken = ref('');\n  return { accessToken };\n}, { persist: { pick: ['accessToken'] } });`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'accessToken', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 4, column: 6 }],
    },
    // The module's options in the Nuxt config choose localStorage.
    {
      filename: nuxtWithModuleInLocalStorage,
      code: AUTO_IMPORTED_STORE,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 3, column: 3 }],
    },
    // The same options given with the module's entry in `modules`.
    {
      filename: nuxtWithModuleTupleInSessionStorage,
      code: AUTO_IMPORTED_STORE,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'sessionStorage' }, line: 3, column: 3 }],
    },
    // An entry whose options name no storage leaves the one under the module's key.
    {
      filename: nuxtWithConfigKeyUnderEmptyTuple,
      code: AUTO_IMPORTED_STORE,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'localStorage' }, line: 3, column: 3 }],
    },
    // A store that names web storage itself.
    {
      filename: nuxtWithModule,
      code: `export const useAuth = defineStore('auth', {\n  state: () => ({ token: '' }),\n  persist: { storage: piniaPluginPersistedstate.sessionStorage() },\n});`,
      errors: [{ messageId: 'persistedStoreState', data: { state: 'token', plugin: 'pinia-plugin-persistedstate', storage: 'sessionStorage' }, line: 3, column: 3 }],
    },
  ],
});

// With type information, an imported key resolves through its string literal type, whatever its name.
const typedRoot = fileURLToPath(new URL('../detectors/fixtures/typed/', import.meta.url));
const typedRuleTester = new RuleTester({
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: typedRoot },
  },
});

typedRuleTester.run('no-token-in-storage with type information', rule, {
  valid: [
    {
      filename: `${typedRoot}file.ts`,
      code: `import { PREFERENCES_KEY } from './keys.js';\nlocalStorage.setItem(PREFERENCES_KEY, JSON.stringify(preferences));`,
    },
  ],
  invalid: [
    {
      filename: `${typedRoot}file.ts`,
      code: `import { USER_KEY } from './keys.js';\nlocalStorage.setItem(USER_KEY, value);`,
      errors: [{ messageId: 'credentialWrite', line: 2, column: 1, endLine: 2, endColumn: 38 }],
    },
    {
      filename: `${typedRoot}file.ts`,
      code: `import * as keys from './keys.js';\nconst saved = sessionStorage.getItem(keys.USER_KEY);`,
      errors: [{ messageId: 'credentialRead', line: 2, column: 15, endLine: 2, endColumn: 52 }],
    },
  ],
});

describe('no-token-in-storage options', () => {
  const lint = (patterns: string[]): Linter.LintMessage[] =>
    new Linter().verify("localStorage.setItem('app-sid', value);", {
      plugins: { sessions: { rules: { 'no-token-in-storage': rule } } } as never,
      rules: { 'sessions/no-token-in-storage': ['error', { extraKeyPatterns: patterns }] },
    });

  it('rejects a pattern that does not compile', () => {
    expect(() => lint(['('])).toThrow(/should match format "regex"/);
  });

  it('names a pattern invalid with the u flag', () => {
    expect(() => lint(['a\\_b'])).toThrow(/Invalid pattern "a\\\\_b" in the rule options/);
  });

  it('matches with a Unicode property escape', () => {
    expect(lint([]).map((message) => message.ruleId)).toEqual([]);
    expect(lint(['^\\p{L}+-sid$']).map((message) => message.ruleId)).toEqual(['sessions/no-token-in-storage']);
  });
});
