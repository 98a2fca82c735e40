import { describe, expect, it } from 'vitest';

import { type CookieFinding, findJsCookieCredentials } from '../../src/detectors/js-cookie.js';
import { parseSourceCode } from '../../src/source-code.js';
import { mayContainCookieWrite } from '../../src/detectors/text-checks.js';

/** Runs the detector and returns each finding with its nodes as source text. */
function detect(code: string, options = {}) {
  const sourceCode = parseSourceCode(code, 'file.js');
  const text = (node: CookieFinding['node'] | undefined) => (node ? sourceCode.getText(node) : undefined);
  return findJsCookieCredentials(sourceCode, options).map((finding) => ({
    node: text(finding.node),
    accessNode: text(finding.accessNode),
    kind: finding.kind,
    api: finding.api,
    method: finding.method,
    nameNode: text(finding.nameNode),
    name: finding.name,
    valueNode: text(finding.valueNode),
    reason: finding.reason,
  }));
}

describe('findJsCookieCredentials', () => {
  it('splits a cookie string into name and value', () => {
    expect(detect('document.cookie = `session=${encodeURIComponent(res.accessToken)}; path=/; secure`;')).toEqual([
      {
        node: 'document.cookie = `session=${encodeURIComponent(res.accessToken)}; path=/; secure`',
        accessNode: 'document.cookie = `session=${encodeURIComponent(res.accessToken)}; path=/; secure`',
        kind: 'write',
        api: 'document.cookie',
        method: 'cookie',
        nameNode: undefined,
        name: 'session',
        valueNode: 'encodeURIComponent(res.accessToken)',
        reason: 'value',
      },
    ]);
  });

  it('resolves a const name into the cookie text', () => {
    expect(detect(`const NAME = 'jwt';\ndocument.cookie = NAME + '=' + value;`)[0]).toMatchObject({
      nameNode: undefined,
      name: 'jwt',
      reason: 'name',
    });
  });

  it('keeps a name expression it cannot resolve', () => {
    expect(detect(`import { JWT_COOKIE } from './names';\ndocument.cookie = JWT_COOKIE + '=' + value;`)[0]).toMatchObject({
      nameNode: 'JWT_COOKIE',
      name: undefined,
      reason: 'name',
    });
  });

  it('sees expiring writes as removals', () => {
    const findings = detect(`document.cookie = 'token=x; Max-Age=-1';\ndocument.cookie = 'jwt=' + '; expires=Thu, 01 Jan 1970 00:00:01 GMT';`);
    expect(findings.map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: 'remove', name: 'token' },
      { kind: 'remove', name: 'jwt' },
    ]);
  });

  it('reports a helper at its call', () => {
    const findings = detect(`function put(name, value) {\n  document.cookie = name + '=' + value;\n}\nput('theme', 'dark');\nput('auth_token', t);`);
    expect(findings).toEqual([
      {
        node: `put('auth_token', t)`,
        accessNode: `document.cookie = name + '=' + value`,
        kind: 'write',
        api: 'document.cookie',
        method: 'put',
        nameNode: `'auth_token'`,
        name: 'auth_token',
        valueNode: 't',
        reason: 'name',
      },
    ]);
  });

  it('describes a library call', () => {
    expect(detect(`const Cookies = require('js-cookie');\nCookies.set('jwt', jwt, { secure: true });`)).toEqual([
      {
        node: `Cookies.set('jwt', jwt, { secure: true })`,
        accessNode: `Cookies.set('jwt', jwt, { secure: true })`,
        kind: 'write',
        api: 'js-cookie',
        method: 'set',
        nameNode: `'jwt'`,
        name: 'jwt',
        valueNode: 'jwt',
        reason: 'name',
      },
    ]);
  });

  it('links a removal to a credential write', () => {
    const findings = detect(`import Cookies from 'js-cookie';\nCookies.set('u', JSON.stringify({ token }));\nCookies.remove('u');\nCookies.remove('theme');`);
    expect(findings.map(({ kind, reason }) => ({ kind, reason }))).toEqual([
      { kind: 'write', reason: 'value' },
      { kind: 'remove', reason: 'same-name-as-credential-write' },
    ]);
  });

  it('reports nookies only in browser code', () => {
    const findings = detect(`import { setCookie } from 'nookies';\nsetCookie(null, 'token', t);\nsetCookie(ctx, 'token', t);\nsetCookie({ res }, 'token', t);`);
    expect(findings.map(({ node }) => node)).toEqual([`setCookie(null, 'token', t)`]);
  });

  it('drops allowed names and CSRF cookies', () => {
    expect(detect(`document.cookie = 'token=' + t;`, { allowedNames: ['token'] })).toEqual([]);
    expect(detect(`document.cookie = 'csrftoken=' + token;`)).toEqual([]);
  });
});

describe('mayContainCookieWrite', () => {
  it('matches cookie APIs', () => {
    expect(mayContainCookieWrite('document.cookie = x')).toBe(true);
    expect(mayContainCookieWrite(`import nookies from 'nookies'`)).toBe(true);
    expect(mayContainCookieWrite('localStorage.setItem(k, v)')).toBe(false);
  });
});
