/**
 * Each rule returns no listeners when its text check rejects a file. A check that rejects text its
 * detector would report therefore hides the report. These sources spell an API or a name in ways other than the
 * plain spelling the checks look for first. Each must still be reported.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { STORAGE_TOKEN_TO_COOKIE } from '../../src/codemod/registry.js';
import {
  mayCallResCookie,
  mayContainJwtCalls,
  mayContainStorageAccess,
  mayUseSessionLibrary,
} from '../../src/detectors/text-checks.js';
import plugin from '../../src/index.js';

function lint(ruleId: string, code: string, fileName: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const isTypeScript = /\.[mc]?tsx?$/.test(fileName);
  return linter.verify(
    code,
    [
      {
        files: ['**/*.*'],
        plugins: { sessions: plugin },
        languageOptions: {
          sourceType: fileName.endsWith('.cjs') ? 'commonjs' : 'module',
          ...(isTypeScript ? { parser: tsParser as Linter.Parser } : {}),
        },
        rules: { [`sessions/${ruleId}`]: 'error' },
      },
    ],
    { filename: fileName },
  );
}

describe('text checks and unusual spellings', () => {
  it.each([
    ['no-hardcoded-secret', 'config.cjs', `module.exports = { 'secret-key': 'k8s9d7f6g5h4j3' };`],
    ['no-hardcoded-secret', 'config.cjs', `module.exports = { aws: { 'secret-access-key': 'k8s9d7f6g5h4j3' } };`],
    ['no-hardcoded-secret', 'config.cjs', `module.exports = { 'jwt.key': 'k8s9d7f6g5h4j3' };`],
    ['no-hardcoded-secret', 'config.cjs', `module.exports = { PRIVATE__KEY: 'k8s9d7f6g5h4j3' };`],
    ['no-hardcoded-secret', 'config.cjs', `module.exports = { 'private   key': 'k8s9d7f6g5h4j3' };`],
    ['no-hardcoded-secret', 'config.mjs', `const value = 'k8s9d7f6g5h4j3';\nexport { value as "jwtSecret" };`],
    ['no-hardcoded-secret', 'config.mjs', `export const jwtSecret /* development only */ = 'k8s9d7f6g5h4j3';`],
    ['no-hardcoded-secret', 'auth.js', "const jwt = require(`jsonwebtoken`);\nmodule.exports = (id) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.js', "const jwt = require( /* signing */ 'jsonwebtoken');\nmodule.exports = (id) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.js', "const jwt = require(\n  // signing\n  'jsonwebtoken'\n);\nmodule.exports = (id) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.ts', "import jwt = require('jsonwebtoken');\nexport const issue = (id: string) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.mjs', "import { SignJWT } from 'jose/jwt/sign';\nexport const issue = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k8s9d7f6g5h4j3'));"],
    ['no-hardcoded-secret', 'auth.ts', "import { jwk } from 'hono/jwk';\napp.use(jwk({ jwks_uri, alg: ['RS256'], cookie: { key: 'auth', secret: 'k8s9d7f6g5h4j3' } }));"],
    ['no-hardcoded-secret', 'server.js', "const cookieParser = require?.('cookie-parser');\napp.use(cookieParser('k8s9d7f6g5h4j3'));"],
    ['no-hardcoded-secret', 'server.mjs', "const { default: cookieParser } = await import('cookie-parser');\napp.use(cookieParser('k8s9d7f6g5h4j3'));"],
    ['no-hardcoded-secret', 'auth.cjs', "const jwt = (0, require)('jsonwebtoken');\nmodule.exports = (id) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.ts', "const jwt = require!('jsonwebtoken');\nexport const issue = (id: string) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'auth.js', "const jwt = require( // signing\r'jsonwebtoken');\nmodule.exports = (id) => jwt.sign({ sub: id }, 'k8s9d7f6g5h4j3');"],
    ['no-hardcoded-secret', 'server.cjs', "const cookieParser = (require)('cookie-parser');\napp.use(cookieParser('k8s9d7f6g5h4j3'));"],
    ['no-hardcoded-secret', 'auth.ts', "import { Jwt } from 'hono/utils/jwt';\nexport const issue = (sub: string) => Jwt.sign({ sub }, 'k8s9d7f6g5h4j3');"],
    ['require-jwt-expiry', 'auth.ts', "import { verifyWithJwks } from 'hono/utils/jwt/jwt';\nawait verifyWithJwks(t, { keys, allowedAlgorithms: ['RS256'], verification: { exp: false } });"],
    ['secure-session-cookie', 'login.js', `app.post('/login', (req, res) => { res['cookie']('token', req.body.accessToken); });`],
    ['secure-session-cookie', 'login.js', `app.post('/login', (req, res) => { res.cookie?.('token', req.body.accessToken); });`],
    ['secure-session-cookie', 'login.ts', `app.post('/login', (req, res) => { res.cookie!('token', accessToken); });`],
    ['secure-session-cookie', 'login.js', `app.post('/login', (req, res) => { res.cookie /* credentials */ ('token', accessToken); });`],
    ['secure-session-cookie', 'login.ts', `app.post('/login', (req, res) => { (res.cookie as Response['cookie'])('token', accessToken); });`],
    ['no-token-in-storage', 'auth.js', `window['local' + 'Storage'].setItem('token', token);`],
    ['no-token-in-storage', 'auth.js', "import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nexport const useAuth = create(persist(() => ({ token: null }), { name: 'auth' }));"],
    ['no-token-in-storage', 'auth.js', 'globalThis[`session${\'Storage\'}`].setItem(\'authToken\', token);'],
  ])('%s reports %s: %s', (ruleId, fileName, code) => {
    const messages = lint(ruleId, code, fileName);
    expect(messages.map((message) => message.ruleId)).toContain(`sessions/${ruleId}`);
  });

  it('passes a store of Nuxt\'s auto-imported defineStore', () => {
    const code = "export const useAuth = defineStore('auth', { state: () => ({ token: '' }), persist: true });";
    expect(mayContainStorageAccess(code)).toBe(true);
    expect(STORAGE_TOKEN_TO_COOKIE.mayChange(code, 'stores/auth.ts')).toBe(true);
  });

  it('passes computed storage names to storage-token-to-cookie', () => {
    const code = `window['local' + 'Storage'].setItem('token', token);`;
    expect(mayContainStorageAccess(code)).toBe(true);
    expect(STORAGE_TOKEN_TO_COOKIE.mayChange(code, 'auth.js')).toBe(true);
  });

  it.each([
    ...[
      'jsonwebtoken',
      'jose',
      'jose/jwt/sign',
      'express-jwt',
      'koa-jwt',
      'passport-jwt',
      'jwt-decode',
      '@nestjs/jwt',
      'fastify-jwt',
      '@fastify/jwt',
      'hono/jwt',
      'hono/utils/jwt',
      'hono/utils/jwt/jwt',
      'hono/jwk',
    ].map((name) => ['mayContainJwtCalls', name] as const),
    ...['express-session', 'cookie-session', 'cookie-parser'].map((name) => ['mayUseSessionLibrary', name] as const),
  ])('%s passes %s in each kind of quote', (check, name) => {
    const checks = { mayContainJwtCalls, mayUseSessionLibrary };
    for (const quote of [`'`, '"', '`']) {
      // Long text on both sides keeps the name away from the ends of the text.
      const text = `${'x'.repeat(40)} require(${quote}${name}${quote}); ${'x'.repeat(40)}`;
      expect(checks[check](text)).toBe(true);
    }
    expect(checks[check](`const value = ${name.replace(/[-/@]/g, '_')};`)).toBe(false);
  });

  it('skips library names outside strings', () => {
    expect(mayContainJwtCalls('// Tokens follow the format jsonwebtoken produces.')).toBe(false);
    expect(mayContainJwtCalls('function validateZip(joseHeader) { return joseHeader.zip; }')).toBe(false);
    expect(mayUseSessionLibrary('// Mount express-session before passport.')).toBe(false);
    expect(mayUseSessionLibrary('/*! cookie-parser | MIT Licensed */')).toBe(false);
  });

  it('skips longer names that start with a library name', () => {
    expect(mayUseSessionLibrary(`require('cookie-sessions');`)).toBe(false);
    expect(mayUseSessionLibrary(`require('cookie-session-store');`)).toBe(false);
    expect(mayUseSessionLibrary(`require('express-sessions');`)).toBe(false);
    expect(mayContainJwtCalls(`require('jsonwebtokens');`)).toBe(false);
    expect(mayContainJwtCalls(`import { sign } from 'hono/jwt-helpers';`)).toBe(false);
    expect(mayContainJwtCalls(`import { jwk } from 'hono/jwks';`)).toBe(false);
    expect(mayContainJwtCalls(`import { jwk } from 'hono/jwk-cache';`)).toBe(false);
  });

  it('skips names that merely end in Storage or contain cookie', () => {
    expect(mayContainStorageAccess('const status = { InsufficientStorage: 507 };')).toBe(false);
    expect(mayCallResCookie('const cookies = parse(header); setCookieHeader(cookies);')).toBe(false);
    expect(mayCallResCookie('// Reads the cookie header of the request.')).toBe(false);
  });
});
