import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../rules/no-token-in-js-cookie.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options, which the typed RuleTester accepts.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

ruleTester.run('no-token-in-js-cookie', rule, {
  valid: [
    // ---- cookies that hold no credential ----
    {
      code: `document.cookie = "consent=yes; path=/; max-age=31536000";\ndocument.cookie = \`locale=\${locale}; path=/\`;`,
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('theme', theme);\nCookies.set('cookie_consent', 'accepted');`,
    },
    {
      code: `document.cookie = "tokenizer=" + name;\ndocument.cookie = "authorName=" + author;`,
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('pageToken', nextPageToken);\ndocument.cookie = \`fcm_token=\${pushToken}\`;`,
    },
    // A page URL parameter whose name is not a credential name.
    {
      code: `import Cookies from 'js-cookie';\nconst params = new URLSearchParams(location.search);\nCookies.set('lang', params.get('lang'));\nCookies.set('ref', params.get('ref'));`,
    },
    // A local `decodeURIComponent` or `location` is not the browser's.
    {
      code: `import Cookies from 'js-cookie';\nconst decodeURIComponent = (value) => value;\nCookies.set('user', decodeURIComponent(new URLSearchParams(location.search).get('token')));\nexport function keep(location) {\n  Cookies.set('user', new URL(location.toString()).searchParams.get('access_token'));\n}`,
    },
    // A `ref` parameter carries a referral code, whatever the variable that takes it is named.
    {
      code: `import Cookies from 'js-cookie';\nconst refToken = new URL(location.href).searchParams.get('ref_token');\nCookies.set('referral', refToken);\nCookies.set('affiliate', new URLSearchParams(location.search).get('ref_token'));`,
    },
    // Shop cart ids and design tokens are not logins.
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('cartToken', cart.token);\ndocument.cookie = 'tokens=' + JSON.stringify(designTokens);`,
    },
    // Nor are the codes a shop hands out: coupons, vouchers, promotions, gift cards and referrals.
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('couponToken', coupon.token);\nCookies.set('voucher_token', code);\ndocument.cookie = \`promoToken=\${promo}\`;\nCookies.set('gift-card-token', giftCard.token);\nCookies.set('referral', referralToken);`,
    },
    // Crypto-currency coins in wallet and exchange front ends, where `token` names a coin.
    {
      code: `import Cookies from 'js-cookie';\nexport async function loadBalances(address) {\n  const tokens = await getTokenBalances(address);\n  Cookies.set('tokens', JSON.stringify(tokens));\n}`,
    },
    {
      code: `import Cookies from 'js-cookie';\nconst list = await fetch('https://tokens.example/list.json').then((r) => r.json());\nCookies.set('tokenList', JSON.stringify(list));\nCookies.set('tokens', JSON.stringify(list.tokens));`,
      filename: FILENAMES.mjs,
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('selectedToken', token.symbol);\nCookies.set('tokenPrices', JSON.stringify(prices));`,
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set(\`token-\${chainId}\`, JSON.stringify(tokenMeta));\nCookies.set('importedTokens', JSON.stringify(custom));\ndocument.cookie = \`token-\${chainId}=\${tokenMeta.symbol}; path=/\`;`,
    },
    // A cookie name that names a coin outweighs a parameter named `token`, and so does a coin type.
    {
      code: `import Cookies from 'js-cookie';\ntype Token = { address: string; symbol: string; decimals: number };\nexport const saveSelected = (token: Token) => Cookies.set('selectedToken', JSON.stringify(token), { expires: 365 });\nexport const saveBase = (token) => Cookies.set('baseToken', token);\nexport const saveChain = (token, chainId) => Cookies.set(\`token-\${chainId}\`, JSON.stringify(token));\nexport const saveCoin = (token: Token) => Cookies.set('token', JSON.stringify(token));`,
      filename: FILENAMES.ts,
    },
    // Under a plain cookie name such as `currentToken`, a coin type or a request for coin data shows a coin.
    {
      code: `import Cookies from 'js-cookie';
type Coin = { address: string; symbol: string; decimals: number };
export const select = (token: Coin) => Cookies.set('currentToken', JSON.stringify(token));
export async function loadActive(address: string) {
  const token = await getTokenBalances(address);
  Cookies.set('activeToken', JSON.stringify(token));
}`,
      filename: FILENAMES.ts,
    },
    // A `token` destructured from an object that is not named like a response is a coin under a coin name.
    {
      code: `import Cookies from 'js-cookie';
export function pick(wallet) {
  const { token } = wallet;
  Cookies.set('walletToken', token);
}`,
    },
    // Coin data under a cookie name that names a bare token, and the removal of such a cookie.
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('token', token.address);\ndocument.cookie = \`currentToken=\${selected.symbol}; path=/\`;\nCookies.remove('token');`,
    },
    // A credential-named variable holding a CSS value or an analytics id the page made itself.
    {
      code: `import Cookies from 'js-cookie';\nconst token = getCssVar('--brand');\nCookies.set('brand', token);\nconst sessionId = crypto.randomUUID();\nCookies.set('_analytics', sessionId);`,
    },
    {
      code: `document.cookie = '_ga_session=' + sessionId;\nimport Cookies from 'js-cookie';\nCookies.set('mixpanel', JSON.stringify({ sessionId }));`,
    },
    // A flag under an auth-sounding name.
    {
      code: `document.cookie = "auth=1; path=/";\nimport Cookies from 'js-cookie';\nCookies.set('auth', true);`,
    },
    // CSRF tokens are meant to be readable by scripts.
    {
      code: `document.cookie = "XSRF-TOKEN=" + csrfToken;\nimport Cookies from 'js-cookie';\nCookies.set('csrftoken', token);`,
    },
    // Reading a cookie is not writing one.
    {
      code: `import Cookies from 'js-cookie';\nconst token = Cookies.get('token');\nconst all = document.cookie;`,
    },
    // ---- look-alikes ----
    {
      code: `const Cookies = createCookieJar();\nCookies.set('token', token);`,
    },
    {
      code: `function write(document, token) {\n  document.cookie = 'token=' + token;\n}`,
    },
    {
      code: `const headers = new Map();\nheaders.set('token', token);`,
    },
    {
      code: `import { setCookie } from './cookies';\nsetCookie('token', token);`,
    },
    // nookies with a server context writes a response header, which the server can mark HttpOnly.
    {
      code: `import { setCookie } from 'nookies';\nexport async function getServerSideProps(ctx) {\n  setCookie(ctx, 'token', token, { httpOnly: true });\n  return { props: {} };\n}`,
    },
    {
      code: `const nookies = require('nookies');\nmodule.exports = (ctx) => nookies.set(ctx, 'jwt', jwt);`,
      languageOptions: cjs,
    },
    // ---- persisted Vue stores with a cookie storage ----
    // The persisted state contains no credential.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import Cookies from 'js-cookie';
export default createStore({
  state: { locale: 'en', sidebarOpen: true },
  plugins: [createPersistedState({ storage: { getItem: (key) => Cookies.get(key), setItem: (key, value) => Cookies.set(key, value), removeItem: (key) => Cookies.remove(key) } })],
});`,
    },
    // The storage object writes to the app's own store, not to a cookie.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import { vault } from './vault';
export default createStore({
  state: { token: '' },
  plugins: [createPersistedState({ storage: { getItem: (key) => vault.read(key), setItem: (key, value) => vault.write(key, value), removeItem: (key) => vault.drop(key) } })],
});`,
    },
    // A local object named Cookies is no cookie library.
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
const Cookies = new Map();
export default createStore({
  state: { token: '' },
  plugins: [createPersistedState({ storage: { getItem: (key) => Cookies.get(key), setItem: (key, value) => Cookies.set(key, value), removeItem: (key) => Cookies.delete(key) } })],
});`,
    },
    // ---- allowedNames ----
    {
      code: `document.cookie = 'token=' + token;`,
      options: [{ allowedNames: ['token'] }],
    },
    // ---- known limitations ----
    // Known limitation: a cookie string built elsewhere and assigned whole is not parsed.
    {
      code: `document.cookie = buildCookie('token', token);`,
    },
    // Known limitation: cookie libraries other than js-cookie, universal-cookie, react-cookie and nookies are not examined.
    {
      code: `import { setCookie } from 'cookies-next';\nsetCookie('token', token);\n$.cookie('jwt', response.jwt);`,
    },
    // Known limitation: a cookie helper called from another module is not followed.
    {
      code: `export function setCookie(name, value) {\n  document.cookie = name + '=' + value + '; path=/';\n}`,
    },
  ],
  invalid: [
    // ---- a cookie name in a static class field ----
    {
      code: `import Cookies from 'js-cookie';\nclass Auth {\n  static readonly COOKIE = 'jwt';\n  save(value: string) { Cookies.set(Auth.COOKIE, value); }\n}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieWrite', line: 4, column: 25 }],
    },
    // ---- document.cookie in each language ----
    {
      code: `document.cookie = "token=" + token + "; path=/";`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1, endColumn: 48 }],
    },
    {
      code: `export function save(jwt: string): void {\n  document.cookie = \`jwt=\${jwt}; Secure; SameSite=Strict\`;\n}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 3 }],
    },
    {
      code: `export const Login = () => <button onClick={() => { document.cookie = 'access_token=' + t; }}>Log in</button>;`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 53 }],
    },
    {
      code: `export function Logout() {\n  const onClick = (): void => { document.cookie = 'token=; max-age=0; path=/'; };\n  return <button onClick={onClick} />;\n}`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'credentialCookieRemoval', line: 2, column: 33 }],
    },
    {
      code: `module.exports = function remember(res) {\n  document.cookie = 'session=' + res.data.accessToken;\n};`,
      filename: FILENAMES.cjs,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 3 }],
    },
    // ---- ways to reach document ----
    {
      code: `window.document.cookie = 'auth_token=' + token;`,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1 }],
    },
    {
      code: `const doc = document;\ndoc.cookie = 'auth_token=' + token;`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `globalThis.document.cookie = \`bearer=\${token}\`;`,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1 }],
    },
    // ---- cookie string forms ----
    {
      code: `const TOKEN_COOKIE = 'jwt';\ndocument.cookie = \`\${TOKEN_COOKIE}=\${encodeURIComponent(value)}; path=/\`;`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `const cookie = 'refresh_token=' + refresh + '; Secure';\ndocument.cookie = cookie;`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `document.cookie = ['id_token=' + idToken, 'path=/', 'secure'].join('; ');`,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1 }],
    },
    {
      code: `document.cookie = 'user=' + JSON.stringify({ name, token }) + ';path=/';`,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1 }],
    },
    {
      code: `document.cookie = 'token=; expires=Thu, 01 Jan 1970 00:00:00 GMT';`,
      errors: [{ messageId: 'credentialCookieRemoval', line: 1, column: 1 }],
    },
    {
      code: `document.cookie = \`jwt=; expires=\${new Date(0).toUTCString()}\`;`,
      errors: [{ messageId: 'credentialCookieRemoval', line: 1, column: 1 }],
    },
    // A cookie helper in the same file is reported at each call with a credential name.
    {
      code: [
        `function setCookie(cname, cvalue, exdays) {`,
        `  const d = new Date();`,
        `  d.setTime(d.getTime() + exdays * 24 * 60 * 60 * 1000);`,
        `  document.cookie = cname + '=' + cvalue + ';expires=' + d.toUTCString() + ';path=/';`,
        `}`,
        `setCookie('lang', 'en', 30);`,
        `setCookie('token', response.token, 7);`,
      ].join('\n'),
      errors: [{ messageId: 'credentialCookieWrite', line: 7, column: 1 }],
    },
    // ---- js-cookie ----
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('token', token, { expires: 7 });`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import { set } from 'js-cookie';\nset('jwt', jwt);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import * as Cookies from 'js-cookie';\nCookies.remove('access_token');`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieRemoval', line: 2, column: 1 }],
    },
    {
      code: `const Cookies = require('js-cookie');\nCookies.set('auth', auth);`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `const { set: setCookie } = require('js-cookie');\nsetCookie('token', token);`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst secureCookies = Cookies.withAttributes({ secure: true, sameSite: 'strict' });\nsecureCookies.set('session_id', sid);`,
      errors: [{ messageId: 'credentialCookieWrite', line: 3, column: 1 }],
    },
    {
      code: `Cookies.set('jwt', jwt);`,
      errors: [{ messageId: 'credentialCookieWrite', line: 1, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('user', JSON.stringify(data));\nif (!data.accessToken) throw new Error('no token');`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('profile', res.token);\nCookies.remove('profile');`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 2, column: 1 },
        { messageId: 'credentialCookieRemoval', line: 3, column: 1 },
      ],
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('my_sid', sid);`,
      options: [{ extraNamePatterns: ['^my_sid$'] }],
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    // Near misses: a login token under an innocent or analytics cookie name, and login tokens in `tokens`.
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('brand', token);\nCookies.set('_analytics', JSON.stringify({ sessionId, token }));\nCookies.set('tokens', JSON.stringify(response.data.tokens));\nCookies.set('authTokens', value);`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 2, column: 1 },
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 4, column: 1 },
        { messageId: 'credentialCookieWrite', line: 5, column: 1 },
      ],
    },
    // Login tokens next to coin words: a clear login origin, a login word or a login token kind wins.
    {
      code: `import Cookies from 'js-cookie';\nconst response = await fetch('/auth/refresh', { method: 'POST' });\nconst { access, refresh } = await response.json();\nCookies.set('tokens', JSON.stringify({ access, refresh }));\nCookies.set('tokenPrices', JSON.stringify(prices));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 4, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst tokenData = await login(form);\nCookies.set('tokenData', JSON.stringify(tokenData));\ndocument.cookie = \`access_token_\${chainId}=\${value}\`;\ndocument.cookie = \`token_\${userId}=\${value}\`;`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 4, column: 1 },
        { messageId: 'credentialCookieWrite', line: 5, column: 1 },
      ],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst [, token] = location.hash.split('access_token=');\nCookies.set(\`token-\${chainId}\`, token);\nCookies.set('token', selected.address);\nCookies.set('token', jwt);\nCookies.remove('token');`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 5, column: 1 },
        { messageId: 'credentialCookieRemoval', line: 6, column: 1 },
      ],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst { token } = await api.login(form);\nCookies.set('selectedToken', token);\nexport const keep = (token) => Cookies.set('currentToken', token);\nexport const siwe = (address, token) => Cookies.set(\`token_\${address}\`, token);`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 4, column: 32 },
        { messageId: 'credentialCookieWrite', line: 5, column: 41 },
      ],
    },
    // A `token` destructured from a response counts like `data.token` read from it.
    {
      code: `import Cookies from 'js-cookie';
export async function verify(body) {
  const res = await fetch('/api/verify', { method: 'POST', body });
  const { token } = await res.json();
  Cookies.set('walletToken', token);
  Cookies.set('baseToken', token);
}`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 5, column: 3 },
        { messageId: 'credentialCookieWrite', line: 6, column: 3 },
      ],
    },
    // A login word before `token` counts next to a shop word, and `refToken` is a shortened refresh token.
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('userToken', t);\nCookies.set('coupon', idToken);\nCookies.set('REF_TOKEN', t);`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 2, column: 1 },
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 4, column: 1 },
      ],
    },
    // `current`, `active` and `default` before `token` name the login token of ordinary apps.
    {
      code: `import Cookies from 'js-cookie';
export function setToken(t) {
  Cookies.set('currentToken', t, { expires: 7 });
  Cookies.set('activeToken', t);
  Cookies.set('defaultToken', t);
}`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 3, column: 3 },
        { messageId: 'credentialCookieWrite', line: 4, column: 3 },
        { messageId: 'credentialCookieWrite', line: 5, column: 3 },
      ],
    },
    // Where the value comes from decides before its name: a token split from the URL fragment, a login
    // result from a client named with a design word, and login session ids under analytics cookie names.
    {
      code: `import Cookies from 'js-cookie';\nconst token = window.location.hash.substring(1).split('=')[1];\nCookies.set('user', token);`,
      errors: [{ messageId: 'credentialCookieWrite', line: 3, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst params = new URLSearchParams(window.location.hash.slice(1));\nCookies.set('user', params.get('access_token'));`,
      errors: [{ messageId: 'credentialCookieWrite', line: 3, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('user', decodeURIComponent(new URLSearchParams(location.search).get('token')));\nCookies.set('profile', new URL(window.location.toString()).searchParams.get('access_token'));\ndocument.cookie = \`u=\${new URL(String(location)).searchParams.get('jwt')}\`;`,
      errors: [
        { messageId: 'credentialCookieWrite', line: 2, column: 1 },
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
        { messageId: 'credentialCookieWrite', line: 4, column: 1 },
      ],
    },
    {
      code: `const { token } = await designApi.login(form);\ndocument.cookie = \`u=\${token}; path=/\`;`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nconst { sessionId } = await api.login(form);\nCookies.set('tracker', sessionId, { expires: 7 });`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 3, column: 1 }],
    },
    {
      code: `const res = await api.login(form);\ndocument.cookie = 'segment=' + res.sessionId + '; path=/';\ndocument.cookie = \`tracking_session=\${res.sessionId}\`;`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'credentialCookieWrite', line: 2, column: 1 },
        { messageId: 'credentialCookieWrite', line: 3, column: 1 },
      ],
    },
    // ---- universal-cookie and react-cookie ----
    {
      code: `import Cookies from 'universal-cookie';\nconst cookies = new Cookies();\ncookies.set('token', token, { path: '/' });`,
      errors: [{ messageId: 'credentialCookieWrite', line: 3, column: 1 }],
    },
    {
      code: `import Cookies from 'universal-cookie';\nnew Cookies().set('jwt', jwt);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `const Cookies = require('universal-cookie');\nconst cookies = new Cookies(null, { path: '/' });\ncookies.remove('access_token');`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialCookieRemoval', line: 3, column: 1 }],
    },
    {
      code: `import { Cookies } from 'react-cookie';\nclass Session {\n  cookies = new Cookies();\n  save(token) {\n    this.cookies.set('token', token);\n  }\n}`,
      errors: [{ messageId: 'credentialCookieWrite', line: 5, column: 5 }],
    },
    {
      code: `import { useCookies } from 'react-cookie';\nexport function Login() {\n  const [cookies, setCookie, removeCookie] = useCookies(['token']);\n  const onLogin = (data: { token: string }) => setCookie('token', data.token, { path: '/' });\n  const onLogout = () => removeCookie('token');\n  return <Form onLogin={onLogin} onLogout={onLogout} />;\n}`,
      filename: FILENAMES.tsx,
      errors: [
        { messageId: 'credentialCookieWrite', line: 4, column: 48 },
        { messageId: 'credentialCookieRemoval', line: 5, column: 26 },
      ],
    },
    {
      code: `import { withCookies } from 'react-cookie';\nclass Login extends React.Component {\n  onLogin(token) {\n    this.props.cookies.set('token', token);\n  }\n}\nexport default withCookies(Login);`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'credentialCookieWrite', line: 4, column: 5 }],
    },
    // ---- persisted Vue stores with a cookie storage ----
    {
      code: `import { createStore } from 'vuex';
import createPersistedState from 'vuex-persistedstate';
import Cookies from 'js-cookie';
export default createStore({
  state: { token: '' },
  plugins: [createPersistedState({
    storage: {
      getItem: (key) => Cookies.get(key),
      setItem: (key, value) => Cookies.set(key, value, { expires: 3, secure: true }),
      removeItem: (key) => Cookies.remove(key),
    },
  })],
});`,
      errors: [
        {
          messageId: 'credentialCookieWrite',
          data: {
            api: 'js-cookie',
            evidence: '`vuex-persistedstate` writes the store state `token` through the `setItem` of its storage object',
          },
          line: 6,
          column: 13,
        },
      ],
    },
    // A Pinia store with the storage object in a constant and a `setItem` method that encodes the value.
    {
      code: `import { defineStore } from 'pinia';
import Cookies from 'js-cookie';
const cookieStorage = {
  getItem(key) { return Cookies.get(key); },
  setItem(key, value) { Cookies.set(key, encodeURIComponent(value), { sameSite: 'strict' }); },
};
export const useAuthStore = defineStore('auth', {
  state: () => ({ user: null, refreshToken: null }),
  persist: { storage: cookieStorage, pick: ['refreshToken'] },
});`,
      errors: [
        {
          messageId: 'credentialCookieWrite',
          data: {
            api: 'js-cookie',
            evidence: '`pinia-plugin-persistedstate` writes the store state `refreshToken` through the `setItem` of its storage object',
          },
          line: 9,
          column: 3,
        },
      ],
    },
    // ---- nookies in browser code ----
    {
      code: `import { setCookie } from 'nookies';\nsetCookie(null, 'token', token, { path: '/' });`,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import nookies from 'nookies';\nnookies.set(undefined, 'jwt', jwt);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
    {
      code: `import { destroyCookie } from 'nookies';\ndestroyCookie({}, 'token');`,
      errors: [{ messageId: 'credentialCookieRemoval', line: 2, column: 1 }],
    },
    {
      code: `const { setCookie } = require('nookies');\nsetCookie(null, 'session', res.accessToken);`,
      languageOptions: cjs,
      errors: [{ messageId: 'credentialCookieWrite', line: 2, column: 1 }],
    },
  ],
});

describe('no-token-in-js-cookie options', () => {
  const lint = (patterns: string[]): Linter.LintMessage[] =>
    new Linter().verify("document.cookie = 'app-sid=' + value;", {
      plugins: { sessions: { rules: { 'no-token-in-js-cookie': rule } } } as never,
      rules: { 'sessions/no-token-in-js-cookie': ['error', { extraNamePatterns: patterns }] },
    });

  it('rejects a pattern that does not compile', () => {
    expect(() => lint(['('])).toThrow(/should match format "regex"/);
  });

  it('names a pattern invalid with the u flag', () => {
    expect(() => lint(['a\\_b'])).toThrow(/Invalid pattern "a\\\\_b" in the rule options/);
  });

  it('matches with a Unicode property escape', () => {
    expect(lint([]).map((message) => message.ruleId)).toEqual([]);
    expect(lint(['^\\p{L}+-sid$']).map((message) => message.ruleId)).toEqual(['sessions/no-token-in-js-cookie']);
  });
});
