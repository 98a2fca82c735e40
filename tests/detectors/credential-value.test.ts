import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { classifyStoredValue, findCredentialUse } from '../../src/detectors/credential-value.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Returns the first call of the function called `name` in the file. */
function findCall(sourceCode: ReturnType<typeof parseSourceCode>, name: string): TSESTree.CallExpression {
  let found: TSESTree.CallExpression | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const candidate = node as TSESTree.Node;
    if (
      candidate.type === AST_NODE_TYPES.CallExpression &&
      candidate.callee.type === AST_NODE_TYPES.Identifier &&
      candidate.callee.name === name
    ) {
      found = candidate;
      return;
    }
    for (const [key, child] of Object.entries(candidate)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(sourceCode.ast);
  expect(found, `a call of ${name}()`).toBeDefined();
  return found as TSESTree.CallExpression;
}

/** Parses `code` and classifies the second argument of its first `save(key, <value>)` call, stored under `key`. */
function classifySavedValue(code: string, key?: string) {
  const sourceCode = parseSourceCode(code, 'file.ts');
  return classifyStoredValue(findCall(sourceCode, 'save').arguments[1], sourceCode, { key });
}

/** Parses `code` and follows the value of its first `read()` call. */
function findUseOfRead(code: string, parsed = false) {
  const sourceCode = parseSourceCode(code, 'file.ts');
  return findCredentialUse(findCall(sourceCode, 'read'), sourceCode, { parsed });
}

describe('classifyStoredValue', () => {
  it.each([
    [`save(k, response.data.accessToken);`],
    [`save(k, jwt);`],
    [`save(k, JSON.stringify({ user, token }));`],
    ['save(k, `Bearer ${value}`);'],
    [`save(k, 'Bearer ' + value);`],
    [`save(k, await auth.getIdToken());`],
    [`const value = res.refresh_token;\nsave(k, value);`],
    [`const { accessToken: value } = res;\nsave(k, value);`],
    [`if (data.token) save(k, JSON.stringify(data));`],
    [`const ok = 'token' in data;\nsave(k, data);`],
    [`save(k, JSON.stringify(response.data));\nconsole.log(response.data.user.jwt);`],
    [`save(k, token);`],
    [`const { token } = await res.json();\nsave(k, token);`],
    [`const [, token] = location.hash.split('access_token=');\nsave(k, token);`],
    [`save(k, JSON.stringify(res.data.tokens));`],
    [`const { tokens } = await api.login(form);\nsave(k, tokens);`],
    [`const tokens = await auth.signIn(form);\nsave(k, tokens);`],
    [`const { tokens } = await response.json();\nsave(k, tokens);`],
    [`const params = new URLSearchParams(window.location.hash.slice(1));\nconst t = params.get('access_token');\nsave(k, t);`],
    [`const { searchParams } = new URL(window.location.href);\nsave(k, searchParams.get('id_token'));`],
    [`const url = new URL(document.URL);\nsave(k, url.searchParams.get('token'));`],
    [`save(k, new URLSearchParams(location.hash.slice(1)).get('refresh_token'));`],
    [`save(k, decodeURIComponent(new URLSearchParams(location.search).get('token')));`],
    [`const token = new URL(location.toString()).searchParams.get('access_token');\nsave(k, decodeURI(token));`],
    [`save(k, JSON.stringify({ value: window.decodeURIComponent(new URL(String(location)).searchParams.get('jwt')) }));`],
  ])('finds a credential in %s', (code) => {
    expect(classifySavedValue(code)).toBe('credential');
  });

  it.each([[`save(k, '1');`], [`save(k, true);`], [`save(k, 42);`], [`save(k, 'done');`], [`save(k, String(false));`]])(
    'sees a flag in %s',
    (code) => {
      expect(classifySavedValue(code)).toBe('flag');
    },
  );

  it.each([[`save(k, '');`], [`save(k, null);`], [`save(k, undefined);`], [`save(k, void 0);`], [`save(k);`]])(
    'sees an empty value in %s',
    (code) => {
      expect(classifySavedValue(code)).toBe('empty');
    },
  );

  it.each([
    [`save(k, JSON.stringify(user));`],
    [`save(k, tokenizer);`],
    [`save(k, settings.theme);`],
    [`save(k, csrfToken);`],
    [`function f(data) { if (data.token) {} }\nfunction g(data) { save(k, data); }\ng();`],
    [`const token = getComputedStyle(document.documentElement).getPropertyValue('--brand');\nsave(k, token);`],
    [`const token = theme.tokens.primary;\nsave(k, token);`],
    [`const { primary: token } = theme;\nsave(k, token);`],
    [`const [token] = input.split(' ');\nsave(k, token);`],
    [`const token = input.trim().split(' ')[0].toLowerCase();\nsave(k, token);`],
    [`const token = el.textContent;\nsave(k, token);`],
    [`const sessionId = crypto.randomUUID();\nsave(k, sessionId);`],
    [`save(k, JSON.stringify({ sessionId: Date.now() }));`],
    [`save(k, JSON.stringify(lexer.tokens));`],
    [`const tokens = tokenize(source);\nsave(k, JSON.stringify(tokens));`],
    [`save(k, JSON.stringify(cart.token));`],
    [`if (cfg.auth.enabled) save(k, cfg);`],
    [`save(k, new URLSearchParams(location.search).get('lang'));`],
    [`const params = new URLSearchParams(location.search);\nsave(k, params.get('ref'));`],
    [`save(k, new URL(location.href).searchParams.get('code'));`],
    [`save(k, new URLSearchParams(location.search).get('ref_token'));`],
    [`save(k, decodeURIComponent(new URLSearchParams(location.search).get('ref_token')));`],
    [`function decodeURIComponent(value) {\n  return value;\n}\nsave(k, decodeURIComponent(new URLSearchParams(location.search).get('token')));`],
    [`const location = { search: '?token=x' };\nsave(k, decodeURIComponent(new URLSearchParams(location.search).get('token')));`],
    [`const location = new URL(link);\nsave(k, new URL(location.toString()).searchParams.get('access_token'));`],
    [`const refToken = new URLSearchParams(location.search).get('ref_token');\nsave(k, refToken);`],
    [`const { searchParams } = new URL(location.href);\nconst token = searchParams.get('referral_token');\nsave(k, JSON.stringify({ token }));`],
    [`const location = { hash: '#access_token=x' };\nsave(k, new URLSearchParams(location.hash.slice(1)).get('access_token'));`],
  ])('finds nothing in %s', (code) => {
    expect(classifySavedValue(code)).toBe('other');
  });
});

describe('classifyStoredValue of crypto-currency coins', () => {
  it.each([
    [`save(k, token.symbol);`, 'token'],
    [`save(k, JSON.stringify(prices));`, 'currentToken'],
    [`save(k, JSON.stringify({ address: t.address, symbol: t.symbol, decimals: t.decimals }));`, 'lastToken'],
  ])('sees coin data in %s under %s', (code, key) => {
    expect(classifySavedValue(code, key)).toBe('crypto-asset');
  });

  it.each([
    [`save(k, token.symbol);`, 'accessToken'],
    [`save(k, token.symbol);`, 'jwt'],
    [`save(k, JSON.stringify({ address, note }));`, 'token'],
    [`const { data } = await axios.post('/api/login', form);\nsave(k, data.address);`, 'token'],
    [`const { data } = await axios.post('/api/login', form);\nsave(k, JSON.stringify({ address: data.address }));`, 'token'],
  ])('sees no coin data in %s under %s', (code, key) => {
    expect(classifySavedValue(code, key)).toBe('other');
  });

  it('finds login data under tokens', () => {
    const refreshCode = `const response = await fetch('/auth/refresh');\nconst { access, refresh } = await response.json();\n`;
    expect(classifySavedValue(`${refreshCode}save(k, JSON.stringify({ access, refresh }));`, 'tokens')).toBe('credential');
    expect(classifySavedValue(`const { data } = await axios.post(\`\${API}/auth/refresh\`);\nsave(k, data);`, 'tokens')).toBe('credential');
    expect(classifySavedValue(`const result = await api.login(form);\nsave(k, [result.data]);`, 'tokens')).toBe('credential');
  });

  it('finds a page URL token under a coin key', () => {
    const code = `const token = new URLSearchParams(location.search).get('token');\nsave(k, token);`;
    expect(classifySavedValue(code, 'selectedToken')).toBe('credential');
  });

  it('ignores plain requests under tokens', () => {
    expect(classifySavedValue(`const { data } = await axios.get('/api/wallet');\nsave(k, data);`, 'tokens')).toBe('other');
    expect(classifySavedValue(`const { data } = await axios.post('/auth/refresh');\nsave(k, data);`, 'cache')).toBe('other');
  });

  it('sees coin data in values from coin requests, under any key', () => {
    expect(classifySavedValue(`const tokens = await getTokenBalances(address);\nsave(k, tokens);`)).toBe('crypto-asset');
    expect(classifySavedValue(`const tokens = await fetch(TOKEN_LIST_URL).then((r) => r.json());\nsave(k, tokens);`)).toBe('crypto-asset');
    expect(classifySavedValue(`const list = await (await fetch('/api/tokenlist.json')).json();\nsave(k, list.tokens);`)).toBe('crypto-asset');
    expect(classifySavedValue(`save(k, token.symbol);`)).toBe('crypto-asset');
    expect(classifySavedValue(`const tokens = await getTokenBalances(address);\nsave(k, tokens);`, 'token')).toBe('crypto-asset');
  });

  it('sees coin data in coin API responses and coin records', () => {
    const coin = `const res = await fetch(\`https://api.coingecko.com/api/v3/coins/\${id}\`);\nconst data = await res.json();\n`;
    expect(classifySavedValue(`${coin}save(k, JSON.stringify(data));`, 'token')).toBe('crypto-asset');
    const pair = `const res = await fetch(\`https://api.dexscreener.com/latest/dex/pairs/bsc/\${id}\`);\nconst { pair } = await res.json();\n`;
    expect(classifySavedValue(`${pair}save(k, JSON.stringify(pair.baseToken));`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`save(k, JSON.stringify({ id: c.id, symbol: c.symbol, name: c.name }));`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`save(k, JSON.stringify({ id: c.id, name: c.name }));`, 'token')).toBe('other');
    expect(classifySavedValue(`save(k, JSON.stringify({ symbol: c.symbol, token: c.token }));`, 'token')).toBe('credential');
  });

  it('lets a key naming a coin outweigh a value named token', () => {
    expect(classifySavedValue(`function f(token) { save(k, JSON.stringify(token)); }`, 'selectedToken')).toBe('crypto-asset');
    expect(classifySavedValue(`function f(tokens) { save(k, tokens); }`, 'favoriteTokens')).toBe('crypto-asset');
    expect(classifySavedValue(`function f(token) { save(k, token); }`, 'baseToken')).toBe('crypto-asset');
    expect(classifySavedValue(`function f(token) { save(k, token); }`, 'currentToken')).toBe('credential');
    expect(classifySavedValue(`save(k, res.data.token);`, 'selectedToken')).toBe('credential');
    expect(classifySavedValue(`function f(token) { if (token.jwt) save(k, token); }`, 'selectedToken')).toBe('credential');
    expect(classifySavedValue(`const { token } = await login(form);\nsave(k, token);`, 'selectedToken')).toBe('credential');
  });

  it('reads coin types from annotations', () => {
    const declared = `type Token = { address: string; symbol: string; decimals: number };\n`;
    expect(classifySavedValue(`${declared}function f(token: Token) { save(k, JSON.stringify(token)); }`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`${declared}function f(t: Token[] | null) { save(k, JSON.stringify(t)); }`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`interface Token { address: string; symbol: string }\nconst t: Token = pick();\nsave(k, t);`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`import type { Token } from '@uniswap/sdk-core';\nfunction f(token: Token) { save(k, token); }`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`function f(token: ERC20Token) { save(k, token); }`, 'token')).toBe('crypto-asset');
    expect(classifySavedValue(`type Token = { accessToken: string; expiresIn: number };\nfunction f(token: Token) { save(k, token); }`, 'token')).toBe('credential');
    expect(classifySavedValue(`import type { Token } from './types';\nfunction f(token: Token) { save(k, token); }`, 'token')).toBe('credential');
    expect(classifySavedValue(`function f(token: string) { save(k, token); }`, 'token')).toBe('credential');
  });

  it('keeps login tokens near coin words', () => {
    expect(classifySavedValue(`const tokens = await fetch('/auth/token').then((r) => r.json());\nsave(k, tokens);`)).toBe('credential');
    expect(classifySavedValue(`const { tokens } = await api.getAccessTokenList();\nsave(k, tokens);`)).toBe('credential');
  });
});

describe('classifyStoredValue under an analytics key', () => {
  it('ignores session ids', () => {
    expect(classifySavedValue(`save(k, sessionId);`, 'analytics')).toBe('other');
    expect(classifySavedValue(`save(k, JSON.stringify({ sessionId: session.id }));`, '_ga')).toBe('other');
    expect(classifySavedValue(`save(k, res.data.sessionId);`, 'amplitude')).toBe('other');
  });

  it('still finds a token', () => {
    expect(classifySavedValue(`save(k, JSON.stringify({ sessionId, token }));`, 'analytics')).toBe('credential');
  });

  it('finds session ids under other keys', () => {
    expect(classifySavedValue(`save(k, sessionId);`, 'cache')).toBe('credential');
  });
});

describe('findCredentialUse', () => {
  it('follows a value into an Authorization header', () => {
    expect(findUseOfRead(`const t = read();\nfetch(u, { headers: { Authorization: 'Bearer ' + t } });`)).toBe('authorization-header');
  });

  it('follows a value into a dashed credential header', () => {
    expect(findUseOfRead(`const u = JSON.parse(read());\nreturn { 'x-access-token': u.accessToken };`)).toBe('authorization-header');
  });

  it('follows a value into setRequestHeader', () => {
    expect(findUseOfRead(`xhr.setRequestHeader('Authorization', read() ?? '');`)).toBe('authorization-header');
  });

  it('accepts a plain key inside a headers object', () => {
    expect(findUseOfRead(`axios.get(u, { headers: { token: read() } });`)).toBe('authorization-header');
  });

  it('finds a credential property of the parsed value', () => {
    expect(findUseOfRead(`const user = JSON.parse(read());\nif (user) decode(user.accessToken);`)).toBe('credential-property');
  });

  it('finds a destructured credential property', () => {
    expect(findUseOfRead(`const { refreshToken } = JSON.parse(read() || '{}');`)).toBe('credential-property');
  });

  it('follows a then callback of an object read', () => {
    expect(findUseOfRead(`read().then((session) => use(session.jwt));`, true)).toBe('credential-property');
  });

  it('follows the return value of a function', () => {
    expect(findUseOfRead(`function load() { return JSON.parse(read()); }\nconst t = load().token;`)).toBe('credential-property');
  });

  it('ignores an auth object without a credential read', () => {
    expect(findUseOfRead(`const cfg = JSON.parse(read());\nif (cfg.auth.enabled) showLogin();`)).toBeUndefined();
    expect(findUseOfRead(`const { auth } = JSON.parse(read());\nif (auth) showLogin();`)).toBeUndefined();
  });

  it('finds a token read from an auth object', () => {
    expect(findUseOfRead(`const cfg = JSON.parse(read());\nuse(cfg.auth.token);`)).toBe('credential-property');
    expect(findUseOfRead(`const { auth } = JSON.parse(read());\nuse(auth.accessToken);`)).toBe('credential-property');
  });

  it('ignores a property of an unparsed string', () => {
    expect(findUseOfRead(`const n = read().token;`)).toBeUndefined();
  });

  it('ignores a CSRF header', () => {
    expect(findUseOfRead(`fetch(u, { headers: { 'X-CSRF-Token': read() } });`)).toBeUndefined();
  });

  it('ignores a truthiness check', () => {
    expect(findUseOfRead(`const user = JSON.parse(read());\nconst state = user ? { isLoggedIn: true, user } : {};`)).toBeUndefined();
  });
});
