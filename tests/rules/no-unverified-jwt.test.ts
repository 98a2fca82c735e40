import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../rules/no-unverified-jwt.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
/** ESLint's flat config accepts `sourceType`, but typescript-eslint's `TestLanguageOptions` type leaves it out. */
const commonjs = { sourceType: 'commonjs' } as unknown as TestLanguageOptions;

ruleTester.run('no-unverified-jwt', rule, {
  valid: [
    // Pinned algorithms in every library.
    { code: `import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['HS256'] });`, filename: FILENAMES.js },
    { code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { algorithms: ['EdDSA'] });`, filename: FILENAMES.mjs },
    { code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret, algorithms: ['RS256', 'ES256'] }));`, filename: FILENAMES.cjs, languageOptions: commonjs },
    {
      code: `const { Strategy } = require('passport-jwt');\nnew Strategy({ secretOrKey: key, jsonWebTokenOptions: { algorithms: ['HS512'] } }, verify);`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // Reading the `kid` before verifying the same token.
    {
      code: `import jwt from 'jsonwebtoken';
app.use((req, res, next) => {
  const token = req.headers.authorization.split(' ')[1];
  const { header } = jwt.decode(token, { complete: true });
  req.user = jwt.verify(token, keys[header.kid], { algorithms: ['RS256'] });
  next();
});`,
      filename: FILENAMES.js,
    },
    // Decoding a token that does not come from the request.
    { code: `import { jwtDecode } from 'jwt-decode';\nconst claims = jwtDecode(localToken);`, filename: FILENAMES.ts },
    // Options built elsewhere may pin the algorithms.
    { code: `import jwt from 'jsonwebtoken';\nimport { verifyOptions } from './config';\njwt.verify(token, key, verifyOptions);`, filename: FILENAMES.js },
    { code: `import jwt from 'jsonwebtoken';\njwt.verify(token, key, { ...defaults, issuer: 'me' });`, filename: FILENAMES.js },
    // A parameter may hold the options or the callback.
    { code: `import jwt from 'jsonwebtoken';\nexport function check(token, key, optionsOrCallback) { jwt.verify(token, key, optionsOrCallback); }`, filename: FILENAMES.js },
    // A local binding named `undefined` may hold options.
    { code: `import jwt from 'jsonwebtoken';\nfunction check(token, key, undefined) { jwt.verify(token, key, undefined); }`, filename: FILENAMES.js },
    // Look-alikes: a decode imported from another module, a local verify.
    { code: `import { decode } from './base64';\napp.get('/x', (req, res) => res.json(decode(req.query.data)));`, filename: FILENAMES.js },
    { code: `function verify(token, key) { return true; }\nverify(token, key);`, filename: FILENAMES.js },
    { code: `const jwt = require('jsonwebtoken');\nfunction f(jwt) { jwt.verify(token, key); }`, filename: FILENAMES.cjs, languageOptions: commonjs },
    // hono/jwt verifies with the algorithm the caller passes, never with the one the token header names.
    {
      code: `import { Hono } from 'hono';
import { jwt, verify } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256' }));
app.use('/admin/*', async (c, next) => {
  const token = c.req.header('Authorization')?.split(' ')[1] ?? '';
  c.set('admin', await verify(token, process.env.JWT_SECRET!));
  await next();
});`,
      filename: FILENAMES.ts,
    },
    // hono/jwt: reading the header of a token before verifying it, and decoding a token that the app stored.
    {
      code: `import { Jwt } from 'hono/utils/jwt';
app.use('/api/*', async (c, next) => {
  const token = c.req.header('Authorization')?.split(' ')[1] ?? '';
  const { header } = Jwt.decode(token);
  c.set('user', await Jwt.verify(token, keys[header.kid], 'RS256'));
  await next();
});
export const readOwnToken = (stored: string) => Jwt.decode(stored).payload;`,
      filename: FILENAMES.ts,
    },
    // hono/jwt: reading the `kid` of the bearer token before verifyWithJwks (verifyFromJwks in hono 4.7 and
    // 4.8) checks it against a key set, and a key set verification on its own.
    {
      code: `import { Hono } from 'hono';
import { decode, verifyWithJwks } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', async (c, next) => {
  const token = c.req.header('Authorization')?.split(' ')[1] ?? '';
  if (!decode(token).header.kid) return c.text('Unauthorized', 401);
  c.set('user', await verifyWithJwks(token, { jwks_uri: JWKS_URL, allowedAlgorithms: ['RS256'] }));
  await next();
});`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { Jwt } from 'hono/utils/jwt';
app.use('/api/*', async (c, next) => {
  const { header } = Jwt.decode(c.req.header('Authorization')!.slice(7));
  c.set('kid', header.kid);
  c.set('user', await Jwt.verifyFromJwks(c.req.header('Authorization')!.slice(7), { jwks_uri: JWKS_URL }));
  await next();
});
app.get('/me', async (c) => c.json(await Jwt.verifyWithJwks(c.req.header('Authorization')!.slice(7), { keys, allowedAlgorithms: ['ES256'] })));`,
      filename: FILENAMES.ts,
    },
    // Known limitation: a verifyWithJwks call without allowedAlgorithms is not reported, because hono before
    // 4.11.4 takes no list.
    {
      code: `import { verifyWithJwks } from 'hono/jwt';\nexport const check = (token: string) => verifyWithJwks(token, { jwks_uri: JWKS_URL });`,
      filename: FILENAMES.ts,
    },
    // hono/jwk: jwk() takes its list of algorithms in `alg`. Hono itself rejects a token that names an HMAC
    // algorithm or `none`, so neither entry is reported.
    {
      code: `import { jwk } from 'hono/jwk';
app.use('/a/*', jwk({ jwks_uri: JWKS_URL, alg: ['RS256'] }));
app.use('/b/*', jwk({ jwks_uri: JWKS_URL, alg: ['RS256', 'HS256', 'none'] }));`,
      filename: FILENAMES.ts,
    },
    // hono/jwt: a query token decoded to read its `kid` and then verified in the same middleware.
    {
      code: `import { decode, verify } from 'hono/jwt';
app.use('/stream/*', async (c, next) => {
  const { header } = decode(c.req.query('token') ?? '');
  c.set('user', await verify(c.req.query('token') ?? '', keys[header.kid], 'RS256'));
  await next();
});`,
      filename: FILENAMES.ts,
    },
    // hono/jwt: Hono itself rejects HMAC and `none` tokens in verifyWithJwks, whatever allowedAlgorithms lists.
    {
      code: `import { verifyWithJwks } from 'hono/jwt';
export const check = (token: string) => verifyWithJwks(token, { jwks_uri: JWKS_URL, allowedAlgorithms: ['RS256', 'HS256', 'none'] });`,
      filename: FILENAMES.ts,
    },
    // A local decode in a file that imports hono/jwt.
    {
      code: `import { verify } from 'hono/jwt';
const decode = (text: string) => JSON.parse(atob(text));
app.get('/x', (c) => c.json(decode(c.req.query('data') ?? '')));`,
      filename: FILENAMES.ts,
    },
    // Known limitation: options of an @nestjs/jwt or @fastify/jwt verify are not checked for a missing list.
    {
      code: `import { JwtService } from '@nestjs/jwt';\nclass A { constructor(private jwt: JwtService) {} f(t: string) { return this.jwt.verify(t); } }`,
      filename: FILENAMES.ts,
    },
  ],
  invalid: [
    // hono/jwt: decode of the bearer token, through a renamed import and through Jwt of hono/utils/jwt.
    {
      code: `import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { decode as peek } from 'hono/jwt';
import { Jwt } from 'hono/utils/jwt';
const app = new Hono();
app.use('/api/*', async (c, next) => {
  const { payload } = peek(c.req.header('Authorization')!.split(' ')[1]);
  c.set('user', payload);
  await next();
});
app.get('/me', (c) => c.json(Jwt.decode(getCookie(c, 'session') ?? '').payload));`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'unverifiedHonoDecode', line: 7, column: 23, data: { method: 'decode' } },
        { messageId: 'unverifiedHonoDecode', line: 11, column: 30, data: { method: 'decode' } },
      ],
    },
    // hono/jwt: decode of a token from the query string and from a route parameter.
    {
      code: `import { Hono } from 'hono';
import { decode } from 'hono/jwt';
const app = new Hono();
app.get('/preview', (c) => c.json(decode(c.req.query('token') ?? '').payload));
app.get('/share/:token', (c) => c.json(decode(c.req.param('token')).payload));`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'unverifiedHonoDecode', line: 4, column: 35, data: { method: 'decode' } },
        { messageId: 'unverifiedHonoDecode', line: 5, column: 40, data: { method: 'decode' } },
      ],
    },
    // hono/jwt: verifyWithJwks of the bearer token does not verify the ID token decoded from a cookie.
    {
      code: `import { getCookie } from 'hono/cookie';
import { decode, verifyWithJwks } from 'hono/jwt';
app.use('/api/*', async (c, next) => {
  const profile = decode(getCookie(c, 'id_token') ?? '').payload;
  const access = await verifyWithJwks(c.req.header('Authorization')?.slice(7) ?? '', { jwks_uri: JWKS_URL, allowedAlgorithms: ['RS256'] });
  c.set('user', { ...profile, ...access });
  await next();
});`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'unverifiedHonoDecode', line: 4, column: 19, data: { method: 'decode' } }],
    },
    // hono/jwt's helpers imported from the module that defines them.
    {
      code: `import { Hono } from 'hono';
import { decode } from 'hono/utils/jwt/jwt';
const app = new Hono();
app.get('/me', (c) => c.json(decode(c.req.header('Authorization')?.slice(7) ?? '').payload));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'unverifiedHonoDecode', line: 4, column: 30, data: { method: 'decode' } }],
    },
    // decode of a token from the request, CommonJS.
    {
      code: `const jwt = require('jsonwebtoken');
module.exports = (req, res, next) => {
  const payload = jwt.decode(req.headers.authorization.replace('Bearer ', ''));
  req.user = payload;
  next();
};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 19 }],
    },
    // jose decodeJwt and jwt-decode on a cookie, ESM.
    {
      code: `import { decodeJwt } from 'jose';\napp.get('/me', (req, res) => res.json(decodeJwt(req.cookies.token)));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 39 }],
    },
    {
      code: `import jwtDecode from 'jwt-decode';\nexport function me(req, res) {\n  const { sub } = jwtDecode(req.get('Authorization'));\n  res.json({ sub });\n}`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 19 }],
    },
    // Missing algorithms, with the suggestion taken from sign's algorithm option.
    {
      code: `import jwt from 'jsonwebtoken';\nconst token = jwt.sign(claims, key, { algorithm: 'HS512', expiresIn: 60 });\njwt.verify(token, key);`,
      filename: FILENAMES.js,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: "'HS512'" },
              output: `import jwt from 'jsonwebtoken';\nconst token = jwt.sign(claims, key, { algorithm: 'HS512', expiresIn: 60 });\njwt.verify(token, key, { algorithms: ['HS512'] });`,
            },
          ],
        },
      ],
    },
    // HS256 when sign passes no algorithm, inserted before the callback, in double quotes like the file.
    {
      code: `const { sign, verify } = require("jsonwebtoken");\nsign({ id }, key, { expiresIn: 60 });\nverify(token, key, (err, decoded) => {});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: '"HS256"' },
              output: `const { sign, verify } = require("jsonwebtoken");\nsign({ id }, key, { expiresIn: 60 });\nverify(token, key, { algorithms: ["HS256"] }, (err, decoded) => {});`,
            },
          ],
        },
      ],
    },
    // A callback named by a function declaration or a constant: the options go before it.
    {
      code: `const jwt = require('jsonwebtoken');\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, onVerified);\nfunction onVerified(err, payload) {}`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: "'HS256'" },
              output: `const jwt = require('jsonwebtoken');\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, { algorithms: ['HS256'] }, onVerified);\nfunction onVerified(err, payload) {}`,
            },
          ],
        },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';\nconst done = (err, payload) => {};\njwt.verify(t, key, done);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'missingAlgorithms', line: 3, suggestions: [] }],
    },
    // `undefined` or `null` in place of the options: the options replace it.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, undefined, (err, payload) => {});`,
      filename: FILENAMES.js,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: "'HS256'" },
              output: `import jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, { algorithms: ['HS256'] }, (err, payload) => {});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, null);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingAlgorithms', line: 2, suggestions: [] }],
    },
    // Added as a property of an existing options literal.
    {
      code: `import * as jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, { issuer: 'api' });`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: "'HS256'" },
              output: `import * as jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: 60 });\njwt.verify(t, key, { issuer: 'api', algorithms: ['HS256'] });`,
            },
          ],
        },
      ],
    },
    // No suggestion when sign calls disagree or none sets the algorithm.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign(a, key, { algorithm: 'HS256' });\njwt.sign(b, privateKey, { algorithm: 'RS256' });\njwt.verify(t, publicKey);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'missingAlgorithms', line: 4, column: 1, suggestions: [] }],
    },
    {
      code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, jwks);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 7, suggestions: [] }],
    },
    // The alg of a jose protected header.
    {
      code: `import * as jose from 'jose';\nawait new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);\nawait jose.jwtVerify(token, publicKey);`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 7,
          suggestions: [
            {
              messageId: 'pinAlgorithms',
              data: { algorithm: "'ES256'" },
              output: `import * as jose from 'jose';\nawait new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);\nawait jose.jwtVerify(token, publicKey, { algorithms: ['ES256'] });`,
            },
          ],
        },
      ],
    },
    // express-jwt (old default export) and passport-jwt without algorithms.
    {
      code: `const jwt = require('express-jwt');\napp.use(jwt({ secret: key }));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 9, suggestions: [] }],
    },
    {
      code: `import { Strategy, ExtractJwt } from 'passport-jwt';\npassport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key }, verify));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 14, suggestions: [] }],
    },
    // none and mixed lists, signing with none.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.verify(t, key, { algorithms: ['HS256', 'none'] });`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'noneAlgorithm', line: 2, column: 44 }],
    },
    {
      code: `import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: publicKey, algorithms: ['RS256', 'HS256'] }));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'mixedAlgorithms', line: 2, column: 53, data: { algorithms: 'RS256, HS256' } }],
    },
    {
      code: `const jwt = require('jsonwebtoken');\njwt.sign({ id }, '', { algorithm: 'none' });`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'signWithNone', line: 2, column: 35 }],
    },
  ],
});
