import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../rules/require-jwt-expiry.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
/** ESLint's flat config accepts `sourceType`, but typescript-eslint's `TestLanguageOptions` type leaves it out. */
const commonjs = { sourceType: 'commonjs' } as unknown as TestLanguageOptions;

ruleTester.run('require-jwt-expiry', rule, {
  valid: [
    { code: `import jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: '5m' });`, filename: FILENAMES.js },
    { code: `const jwt = require('jsonwebtoken');\njwt.sign(p, key, { expiresIn: 120 });`, filename: FILENAMES.cjs, languageOptions: commonjs },
    // A bare numeric string is milliseconds in jsonwebtoken.
    { code: `import { sign } from 'jsonwebtoken';\nsign(p, key, { expiresIn: '120000' });`, filename: FILENAMES.ts },
    { code: `import jwt from 'jsonwebtoken';\njwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 60 }, key);`, filename: FILENAMES.js },
    { code: `import jwt from 'jsonwebtoken';\nconst now = Math.floor(Date.now() / 1000);\njwt.sign({ sub, iat: now, exp: now + 300 }, key);`, filename: FILENAMES.js },
    { code: `import { SignJWT } from 'jose';\nawait new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2 minutes').sign(key);`, filename: FILENAMES.mjs },
    // Values computed at run time are left alone.
    { code: `import jwt from 'jsonwebtoken';\njwt.sign(p, key, { expiresIn: process.env.JWT_TTL });`, filename: FILENAMES.js },
    { code: `import jwt from 'jsonwebtoken';\nimport { signOptions } from './config';\njwt.sign(p, key, signOptions);`, filename: FILENAMES.js },
    { code: `import jwt from 'jsonwebtoken';\njwt.sign({ ...claims }, key);`, filename: FILENAMES.js },
    // Arguments spread from an array may hold the options.
    { code: `import jwt from 'jsonwebtoken';\nconst args = [payload, key, { expiresIn: '5m' }];\njwt.sign(...args);`, filename: FILENAMES.js },
    { code: `import { sign } from 'jsonwebtoken';\nexport const issue = (payload: object, ...rest: [string, object]) => sign(payload, ...rest);`, filename: FILENAMES.ts },
    // A module default in the same file.
    {
      code: `import { JwtModule, JwtService } from '@nestjs/jwt';
JwtModule.register({ secret: key, signOptions: { expiresIn: '60s' } });
class A { constructor(private jwt: JwtService) {} f() { return this.jwt.sign({ sub: 1 }); } }`,
      filename: FILENAMES.ts,
    },
    {
      code: `import fastifyJwt from '@fastify/jwt';\napp.register(fastifyJwt, { secret, sign: { expiresIn: '5m' } });\napp.get('/t', async () => app.jwt.sign({ id: 1 }));`,
      filename: FILENAMES.js,
    },
    // Verification within the limit.
    { code: `import jwt from 'jsonwebtoken';\njwt.verify(t, key, { algorithms: ['HS256'], maxAge: '5m', ignoreExpiration: false });`, filename: FILENAMES.js },
    // jose converts a Date object to seconds itself.
    {
      code: `import { SignJWT } from 'jose';\nawait new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(new Date(Date.now() + 60_000)).sign(key);`,
      filename: FILENAMES.mjs,
    },
    // hono/jwt: an `exp` claim within the limit, and verification that keeps the expiry check.
    { code: `import { sign } from 'hono/jwt';\nawait sign({ sub, exp: Math.floor(Date.now() / 1000) + 60 * 5 }, key);`, filename: FILENAMES.ts },
    { code: `import { Jwt } from 'hono/utils/jwt';\nconst now = Math.floor(Date.now() / 1000);\nawait Jwt.sign({ sub, iat: now, exp: now + 120 }, key, 'HS256');`, filename: FILENAMES.ts },
    { code: `import { sign } from 'hono/jwt';\nawait sign({ ...claims }, key);`, filename: FILENAMES.ts },
    { code: `import { verify } from 'hono/jwt';\nawait verify(t, key, { alg: 'HS256', exp: true, iat: false });`, filename: FILENAMES.ts },
    // hono/jwk: `exp` outside `verification` is no verify option of jwk(), and verification that keeps the expiry check.
    { code: `import { jwk } from 'hono/jwk';\napp.use(jwk({ jwks_uri, alg: ['RS256'], exp: false, verification: { iat: false } }));`, filename: FILENAMES.ts },
    { code: `import { verifyWithJwks } from 'hono/jwt';\nawait verifyWithJwks(t, { keys, allowedAlgorithms: ['RS256'], verification: { iat: false } });`, filename: FILENAMES.ts },
    // hono/jwt's sign takes no options, so a payload that is not an object literal in this file may carry `exp`.
    {
      code: `import { sign } from 'hono/jwt';\nimport type { JWTPayload } from 'hono/utils/jwt/types';\nexport const signToken = (payload: JWTPayload, secret: string) => sign(payload, secret, 'HS256');`,
      filename: FILENAMES.ts,
    },
    { code: `import { sign } from 'hono/jwt';\nconst payload = buildClaims(user);\nawait sign(payload, key);`, filename: FILENAMES.ts },
    // A payload that gains `exp` after it is created, for any library.
    {
      code: `import { sign } from 'hono/jwt';\nconst payload = { sub: user.id };\npayload.exp = Math.floor(Date.now() / 1000) + 60;\nawait sign(payload, key);`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { Jwt } from 'hono/utils/jwt';\nconst claims = { sub };\nconst payload = claims;\n(payload as Record<string, number>)['exp'] = now + 60;\nawait Jwt.sign(payload, key);`,
      filename: FILENAMES.ts,
    },
    { code: `import jwt from 'jsonwebtoken';\nconst payload = { id };\nObject.assign(payload, { exp: now + 60 });\njwt.sign(payload, key);`, filename: FILENAMES.js },
    // The middleware reads `exp` only inside `verification`.
    { code: `import { jwt } from 'hono/jwt';\napp.use(jwt({ secret, alg: 'HS256', exp: false, verification: { iss: 'shop' } }));`, filename: FILENAMES.ts },
    // Look-alikes.
    { code: `function sign(p, k) {}\nsign({}, key);`, filename: FILENAMES.js },
    { code: `import { verify } from 'hono/jwt';\nconst sign = async (payload: object, key: string) => JSON.stringify(payload) + key;\nawait sign({}, key);`, filename: FILENAMES.ts },
    { code: `import jwt from './jwt';\njwt.sign({}, key);`, filename: FILENAMES.js },
  ],
  invalid: [
    {
      code: `const jwt = require('jsonwebtoken');\nconst token = jwt.sign({ id: user.id }, secret);`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'missingExpiry', line: 2, column: 15, data: { max: '5 minutes' } }],
    },
    {
      code: `import { sign as issue } from 'jsonwebtoken';\nissue(user, secret, { algorithm: 'HS256' });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingExpiry', line: 2, column: 1 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign({ id }, secret, { expiresIn: 86400 });`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 39, data: { lifetime: '1 day', max: '5 minutes' } }],
    },
    {
      code: `import * as jwt from 'jsonwebtoken';\njwt.sign({ id }, secret, { expiresIn: '30 days' });`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 39, data: { lifetime: '30 days', max: '5 minutes' } }],
    },
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign({ id, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, secret);`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 21, data: { lifetime: '1 hour', max: '5 minutes' } }],
    },
    {
      code: `import { SignJWT } from 'jose';\nawait new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(key);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingExpiry', line: 2, column: 7 }],
    },
    {
      code: `import { SignJWT } from 'jose';\nawait new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 83, data: { lifetime: '2 hours', max: '5 minutes' } }],
    },
    // `exp` in milliseconds: verifiers read seconds, so the token lives for thousands of years.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign({ id, exp: Date.now() + 5 * 60 * 1000 }, secret);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'expInMilliseconds', line: 2, column: 21, endColumn: 47, data: { max: '5 minutes' } }],
    },
    {
      code: `import { SignJWT } from 'jose';\nconst expires = new Date().getTime() + 60_000;\nawait new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expires).sign(key);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expInMilliseconds', line: 3, column: 83 }],
    },
    // A higher limit through the option.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign({ id }, secret, { expiresIn: '2h' });`,
      filename: FILENAMES.js,
      options: [{ maxSeconds: 3600 }],
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 39, data: { lifetime: '2 hours', max: '1 hour' } }],
    },
    // Module defaults above the limit, and a Nest sign without any default in the file.
    {
      code: `import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: key, signOptions: { expiresIn: '7d' } });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 61, data: { lifetime: '7 days', max: '5 minutes' } }],
    },
    {
      code: `import { JwtService } from '@nestjs/jwt';\nclass A { constructor(private jwt: JwtService) {} f() { return this.jwt.sign({ sub: 1 }); } }`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingExpiry', line: 2, column: 64 }],
    },
    // @fastify/jwt reads numbers as milliseconds.
    {
      code: `const fastifyJwt = require('@fastify/jwt');\napp.register(fastifyJwt, { secret, sign: { expiresIn: 3600000 } });`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 55, data: { lifetime: '1 hour', max: '5 minutes' } }],
    },
    // hono/jwt takes the expiry only as an `exp` claim in seconds.
    {
      code: `import { sign as signJwt } from 'hono/jwt';\nconst token = await signJwt({ sub: user.id }, c.env.JWT_SECRET);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingExpClaim', line: 2, column: 21, data: { max: '5 minutes' } }],
    },
    // An object-literal payload without `exp`, through a constant that only reads are made from.
    {
      code: `import { sign } from 'hono/jwt';\nconst payload = { sub: user.id };\nlog(payload.sub);\nawait sign(payload, key, 'HS256');`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingExpClaim', line: 4, column: 7 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';\nconst payload = { id };\njwt.sign(payload, key);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'missingExpiry', line: 3, column: 1 }],
    },
    {
      code: `import { SignJWT } from 'jose';\nconst payload = { sub };\nawait new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingExpiry', line: 3, column: 7 }],
    },
    {
      code: `import { sign } from 'hono/utils/jwt/jwt';\nawait sign({ sub: '1' }, key);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingExpClaim', line: 2, column: 7 }],
    },
    {
      code: `const { Jwt } = require('hono/utils/jwt');\nJwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, key);`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'lifetimeTooLong', line: 2, column: 22, data: { lifetime: '1 hour', max: '5 minutes' } }],
    },
    {
      code: `import * as honoJwt from 'hono/jwt';\nawait honoJwt.sign({ sub, exp: Date.now() + 5 * 60 * 1000 }, key);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expClaimInMilliseconds', line: 2, column: 32, data: { max: '5 minutes' } }],
    },
    // hono/jwt: `exp: false` turns off the expiry check of verify and of the middleware.
    {
      code: `import { verify } from 'hono/jwt';\nawait verify(t, key, { alg: 'HS256', exp: false });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expCheckDisabled', line: 2, column: 38 }],
    },
    {
      code: `import { jwt } from 'hono/jwt';\nconst verification = { exp: false };\napp.use(jwt({ secret, alg: 'HS256', verification }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expCheckDisabled', line: 2, column: 24 }],
    },
    {
      code: `import { Jwt } from 'hono/utils/jwt';\nawait Jwt.verifyWithJwks(t, { jwks_uri, allowedAlgorithms: ['RS256'], verification: { exp: false } });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expCheckDisabled', line: 2, column: 87 }],
    },
    {
      code: `import { jwk } from 'hono/jwk';\napp.use(jwk({ jwks_uri, alg: ['RS256'], verification: { exp: false } }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'expCheckDisabled', line: 2, column: 57 }],
    },
    // Verification that ignores expiry or accepts old tokens.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.verify(t, key, { algorithms: ['HS256'], ignoreExpiration: true });`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'ignoreExpiration', line: 2, column: 45 }],
    },
    {
      code: `const { Strategy } = require('passport-jwt');\nnew Strategy({ secretOrKey: key, ignoreExpiration: true }, verify);`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'ignoreExpiration', line: 2, column: 34 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';\njwt.verify(t, key, { algorithms: ['HS256'], maxAge: '1d' });`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'maxAgeTooLong', line: 2, column: 53, data: { lifetime: '1 day', max: '5 minutes' } }],
    },
    {
      code: `import { jwtVerify } from 'jose';\nawait jwtVerify(t, key, { algorithms: ['HS256'], maxTokenAge: '12h' });`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'maxAgeTooLong', line: 2, column: 63, data: { lifetime: '12 hours', max: '5 minutes' } }],
    },
  ],
});
