import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPageUrlParameterName, getValueOrigin, isPageUrlValue } from '../../src/detectors/value-origin.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `code` and returns its source code and the first argument of its first `save(<value>)` call. */
function parseSaved(code: string): { sourceCode: ReturnType<typeof parseSourceCode>; value: TSESTree.Node } {
  const sourceCode = parseSourceCode(code, 'file.ts');
  let found: TSESTree.CallExpression | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const candidate = node as TSESTree.Node;
    if (candidate.type === AST_NODE_TYPES.CallExpression && candidate.callee.type === AST_NODE_TYPES.Identifier && candidate.callee.name === 'save') {
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
  const value = found?.arguments[0];
  expect(value, 'the argument of save()').toBeDefined();
  return { sourceCode, value: value as TSESTree.Node };
}

/** Returns the parameter name that the `save(<value>)` call at the end of `code` reads from the page URL. */
function getSavedParameterName(code: string): string | undefined {
  const { sourceCode, value } = parseSaved(code);
  expect(value.type).toBe(AST_NODE_TYPES.CallExpression);
  return getPageUrlParameterName(value as TSESTree.CallExpression, sourceCode);
}

describe('getPageUrlParameterName', () => {
  it.each([
    [`save(new URLSearchParams(location.search).get('token'));`, 'token'],
    [`save(new URLSearchParams(window.location.hash.slice(1)).get('access_token'));`, 'access_token'],
    [`save(new URLSearchParams(globalThis.location.hash.substring(1)).get('id_token'));`, 'id_token'],
    [`save(new URLSearchParams(location.hash.replace('#', '')).get('lang'));`, 'lang'],
    [`save(new URLSearchParams(document.location.search).get('ref'));`, 'ref'],
    [`const hash = window.location.hash.slice(1);\nconst params = new URLSearchParams(hash);\nsave(params.get('token'));`, 'token'],
    [`const { searchParams } = new URL(window.location.href);\nsave(searchParams.get('id_token'));`, 'id_token'],
    [`const { searchParams: query } = new URL(location.href);\nsave(query.get('code'));`, 'code'],
    [`const url = new URL(document.URL);\nsave(url.searchParams.get('access_token'));`, 'access_token'],
    [`save(new URL(window.location).searchParams.get('jwt'));`, 'jwt'],
    [`save(decodeURIComponent(new URLSearchParams(location.search).get('token')));`, 'token'],
    [`save(window.decodeURI(decodeURIComponent(new URLSearchParams(location.search).get('token'))));`, 'token'],
    [`save(new URLSearchParams(decodeURIComponent(location.hash.slice(1))).get('id_token'));`, 'id_token'],
    [`save(new URL(location.toString()).searchParams.get('access_token'));`, 'access_token'],
    [`save(new URL(window.location.toString()).searchParams.get('access_token'));`, 'access_token'],
    [`const url = new URL(document.location.toString());\nsave(url.searchParams.get('token'));`, 'token'],
    [`save(new URL(String(location)).searchParams.get('jwt'));`, 'jwt'],
    ['save(new URL(`${window.location}`).searchParams.get(\'id_token\'));', 'id_token'],
  ])('reads the parameter of %s', (code, name) => {
    expect(getSavedParameterName(code)).toBe(name);
  });

  it.each([
    [`const location = { search: '?token=x' };\nsave(new URLSearchParams(location.search).get('token'));`],
    [`function f(location) {\n  save(new URL(location.href).searchParams.get('token'));\n}`],
    [`class URLSearchParams {}\nsave(new URLSearchParams(location.search).get('token'));`],
    [`const URL = Fake;\nsave(new URL(document.URL).searchParams.get('token'));`],
    [`save(new URLSearchParams(router.location.search).get('token'));`],
    [`save(new URLSearchParams(body).get('token'));`],
    [`save(new URL(link).searchParams.get('token'));`],
    [`save(new URLSearchParams(location.search).get(name));`],
    [`save(new URLSearchParams(location.search).has('token'));`],
    [`save(new URLSearchParams(window[frame].location.search).get('token'));`],
    [`const decodeURIComponent = (value) => value;\nsave(decodeURIComponent(new URLSearchParams(location.search).get('token')));`],
    [`save(decode(new URLSearchParams(location.search).get('token')));`],
    [`const location = { href: 'https://example.com/?token=x' };\nsave(new URL(location.toString()).searchParams.get('token'));`],
    [`function read(location) {\n  save(new URL(String(location)).searchParams.get('token'));\n}`],
    [`const String = (value) => value;\nsave(new URL(String(location)).searchParams.get('token'));`],
    ['save(new URL(`${location}/next`).searchParams.get(\'token\'));'],
    [`save(new URL(link.toString()).searchParams.get('token'));`],
    [`save(new URL(location.toString(16)).searchParams.get('token'));`],
  ])('finds no page URL parameter in %s', (code) => {
    expect(getSavedParameterName(code)).toBeUndefined();
  });
});

describe('getValueOrigin of page URL parameters', () => {
  it('sees a login in a credential parameter', () => {
    const { sourceCode, value } = parseSaved(`save(new URLSearchParams(location.search).get('access_token'));`);
    expect(getValueOrigin(value, sourceCode)).toBe('login');
  });

  it.each(['ref', 'ref_token', 'refToken', 'referral_token', 'referrer'])('sees a referral code in %s', (name) => {
    const { sourceCode, value } = parseSaved(`save(new URLSearchParams(location.search).get('${name}'));`);
    expect(getValueOrigin(value, sourceCode)).toBe('non-credential');
  });

  it('keeps refresh_token a login', () => {
    const { sourceCode, value } = parseSaved(`save(new URLSearchParams(location.hash.slice(1)).get('refresh_token'));`);
    expect(getValueOrigin(value, sourceCode)).toBe('login');
  });

  it('leaves other parameters unknown', () => {
    const { sourceCode, value } = parseSaved(`save(new URLSearchParams(location.search).get('lang'));`);
    expect(getValueOrigin(value, sourceCode)).toBe('unknown');
  });

  it('marks URLSearchParams reads as page URL values', () => {
    const { sourceCode, value } = parseSaved(`const { searchParams } = new URL(window.location.href);\nsave(searchParams.get('id_token'));`);
    expect(isPageUrlValue(value, sourceCode)).toBe(true);
  });

  it.each([
    [`save(new URL(window.location).searchParams.get('jwt'));`],
    [`save(new URL(location.toString()).searchParams.get('access_token'));`],
    [`save(decodeURIComponent(new URL(String(window.location)).searchParams.get('token')));`],
    ['const url = new URL(`${location}`);\nsave(url.searchParams.get(\'token\'));'],
    [`save(String(new URLSearchParams(location.search).get('token')));`],
  ])('marks the page URL read in %s', (code) => {
    const { sourceCode, value } = parseSaved(code);
    expect(isPageUrlValue(value, sourceCode)).toBe(true);
  });

  it.each([[`save(location.pathname);`], [`save(new URL(link.toString()).searchParams.get('token'));`]])(
    'marks no page URL read in %s',
    (code) => {
      const { sourceCode, value } = parseSaved(code);
      expect(isPageUrlValue(value, sourceCode)).toBe(false);
    },
  );

  it('sees a login in a decoded credential parameter', () => {
    const { sourceCode, value } = parseSaved(`save(decodeURIComponent(new URL(location.toString()).searchParams.get('access_token')));`);
    expect(getValueOrigin(value, sourceCode)).toBe('login');
  });
});
