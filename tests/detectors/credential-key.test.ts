import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isAllowedKey, resolveCredentialKey } from '../../src/detectors/credential-key.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `code` and resolves the first argument of its last statement, a call such as `use(<key>)`. */
function resolveLastArgument(code: string, options = {}) {
  const sourceCode = parseSourceCode(code, 'file.ts');
  const last = sourceCode.ast.body[sourceCode.ast.body.length - 1] as TSESTree.ExpressionStatement;
  const call = last.expression as TSESTree.CallExpression;
  expect(call.type).toBe(AST_NODE_TYPES.CallExpression);
  return resolveCredentialKey(call.arguments[0] as TSESTree.Node, sourceCode, options);
}

describe('resolveCredentialKey', () => {
  it('reads a string literal', () => {
    expect(resolveLastArgument(`use('jwt');`)).toEqual({ key: 'jwt', credential: true, source: 'literal' });
  });

  it('reads a template without expressions', () => {
    expect(resolveLastArgument('use(`theme`);')).toEqual({ key: 'theme', credential: false, source: 'literal' });
  });

  it('follows a const in the file', () => {
    expect(resolveLastArgument(`const KEY = 'app' + '_token';\nuse(KEY);`)).toEqual({
      key: 'app_token',
      credential: true,
      source: 'constant',
    });
  });

  it('reads a const object property', () => {
    expect(resolveLastArgument(`const KEYS = { user: 'user' } as const;\nuse(KEYS.user);`)).toEqual({
      key: 'user',
      credential: false,
      source: 'constant',
    });
  });

  it('reads a string enum member', () => {
    expect(resolveLastArgument(`enum Keys { Session = 'session_id' }\nuse(Keys.Session);`)).toEqual({
      key: 'session_id',
      credential: true,
      source: 'constant',
    });
  });

  it('judges an import by its exported name', () => {
    expect(resolveLastArgument(`import { TOKEN_KEY as KEY } from './keys';\nuse(KEY);`)).toEqual({
      key: undefined,
      credential: true,
      source: 'constant-name',
    });
  });

  it('judges an imported namespace member by its name', () => {
    expect(resolveLastArgument(`import * as keys from './keys';\nuse(keys.THEME_KEY);`)).toEqual({
      key: undefined,
      credential: false,
      source: 'constant-name',
    });
  });

  it('judges a required constant by its name', () => {
    expect(resolveLastArgument(`const { JWT_STORAGE_KEY } = require('./keys');\nuse(JWT_STORAGE_KEY);`).credential).toBe(true);
  });

  it('reads the static parts of a template', () => {
    expect(resolveLastArgument('use(`${prefix}:refreshToken`);')).toEqual({
      key: undefined,
      credential: true,
      source: 'partial',
      text: ' prefix :refreshToken',
    });
  });

  it('rejects templates naming a coin', () => {
    expect(resolveLastArgument('use(`token-${chainId}`);')).toEqual({
      key: undefined,
      credential: false,
      source: 'unknown',
      text: 'token- chainId ',
    });
    expect(resolveLastArgument("use('token_' + token.address);").credential).toBe(false);
    expect(resolveLastArgument('use(`token:${chain.id}`);').credential).toBe(false);
  });

  it('keeps login templates near coins', () => {
    expect(resolveLastArgument('use(`access_token_${chainId}`);').credential).toBe(true);
    expect(resolveLastArgument('use(`token_${userId}`);').credential).toBe(true);
  });

  it('leaves a parameter unknown', () => {
    expect(resolveLastArgument(`function f(tokenKey: string) { use(tokenKey); }\nuse(tokenKey);`)).toEqual({
      key: undefined,
      credential: false,
      source: 'unknown',
    });
  });

  it('applies extra patterns and allowed keys', () => {
    expect(resolveLastArgument(`use('sid');`, { extraKeyPatterns: ['^sid$'] }).credential).toBe(true);
    expect(resolveLastArgument(`use('token');`, { allowedKeys: ['TOKEN'] }).credential).toBe(false);
  });
});

describe('isAllowedKey', () => {
  it('allows CSRF keys', () => {
    expect(isAllowedKey('csrftoken')).toBe(true);
    expect(isAllowedKey('XSRF-TOKEN')).toBe(true);
  });

  it('allows configured keys only', () => {
    expect(isAllowedKey(' Token ', { allowedKeys: ['token'] })).toBe(true);
    expect(isAllowedKey('token')).toBe(false);
  });
});
