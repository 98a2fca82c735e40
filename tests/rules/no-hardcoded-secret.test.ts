import rule from '../../rules/no-hardcoded-secret.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options that the typed test cases accept.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

ruleTester.run('no-hardcoded-secret', rule, {
  valid: [
    // ---- secrets from the environment or another module ----
    {
      code: `const jwt = require('jsonwebtoken');\njwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });`,
      languageOptions: cjs,
    },
    {
      code: `const jwt = require('jsonwebtoken');\nconst config = require('../config/auth.config');\njwt.verify(token, config.secret, callback);`,
      languageOptions: cjs,
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, store }));`,
    },
    {
      code: `import session from 'express-session';\nimport { secrets } from './secrets';\napp.use(session({ secret: [secrets.current, secrets.previous], store }));`,
      filename: FILENAMES.ts,
    },
    // hono/jwt with keys from the environment, and a local sign function that takes a literal.
    {
      code: `import { jwt, sign } from 'hono/jwt';
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256' }));
app.post('/login', async (c) => c.json({ token: await sign({ sub: 'a' }, c.env.JWT_SECRET) }));`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { verify } from 'hono/jwt';
function sign(payload: object, key: string) { return JSON.stringify(payload) + key; }
sign({ id: 1 }, 'not-a-jwt-key');`,
      filename: FILENAMES.ts,
    },
    // The token cookie of Hono's jwt(): a cookie name, a cookie secret from the environment, and a cookie
    // object without a secret. The cookie name in `key` is no secret.
    {
      code: `import { jwt } from 'hono/jwt';
app.use('/a/*', jwt({ secret: env.JWT_SECRET, alg: 'HS256', cookie: 'auth' }));
app.use('/b/*', jwt({ secret: env.JWT_SECRET, alg: 'HS256', cookie: { key: 'auth', secret: env.COOKIE_SECRET } }));
app.use('/c/*', jwt({ secret: env.JWT_SECRET, alg: 'HS256', cookie: { key: 'auth-token', prefixOptions: 'host' } }));`,
      filename: FILENAMES.ts,
    },
    // A `cookie.secret` option of another JWT middleware, and of a local function named jwt.
    {
      code: `import { expressjwt } from 'express-jwt';
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'], cookie: { secret: 'not-an-express-jwt-option' } }));`,
    },
    {
      code: `import { verify } from 'hono/jwt';
const jwt = (options: object) => options;
jwt({ secret: process.env.JWT_SECRET, cookie: { key: 'auth', secret: 'local-function' } });`,
      filename: FILENAMES.ts,
    },
    // The token cookie of Hono's jwk(): a cookie name, a cookie secret from the environment, and public
    // JSON Web Keys, which are no secret.
    {
      code: `import { jwk } from 'hono/jwk';
app.use('/a/*', jwk({ jwks_uri, alg: ['RS256'], cookie: 'auth' }));
app.use('/b/*', jwk({ jwks_uri, alg: ['RS256'], cookie: { key: 'auth', secret: env.COOKIE_SECRET } }));
app.use('/c/*', jwk({ keys: [{ kid: 'k1', kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }], alg: ['EdDSA'] }));`,
      filename: FILENAMES.ts,
    },
    // A `cookie.secret` passed to a local function named jwk in a file that imports hono/jwk.
    {
      code: `import * as honoJwk from 'hono/jwk';
const jwk = (options: object) => options;
jwk({ jwks_uri, cookie: { key: 'auth', secret: 'local-function' } });`,
      filename: FILENAMES.ts,
    },
    // The JSON Web Keys that Hono's verifyWithJwks checks against are public keys.
    {
      code: `import { verifyWithJwks } from 'hono/jwt';
export const check = (token: string) =>
  verifyWithJwks(token, { keys: [{ kid: 'k1', kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }], allowedAlgorithms: ['EdDSA'] });`,
      filename: FILENAMES.ts,
    },
    // An empty fallback is not a secret.
    {
      code: `import jwt from 'jsonwebtoken';\njwt.sign(payload, process.env.JWT_SECRET ?? '');`,
      filename: FILENAMES.ts,
    },
    // A public key is public by design.
    {
      code: `import jwt from 'jsonwebtoken';\nconst PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';\njwt.verify(token, PUBLIC_KEY, { algorithms: ['ES256'] });`,
    },
    // ---- look-alikes ----
    {
      code: `function sign(payload, key) { return payload + key; }\nsign('x', 'secret');`,
    },
    {
      code: `const jwt = { sign(payload, key) { return key; } };\njwt.sign(payload, 'secret');`,
    },
    {
      code: `const session = require('./session');\napp.use(session({ secret: 'keyboard cat' }));`,
      languageOptions: cjs,
    },
    {
      code: `function setup(require) {\n  const jwt = require('jsonwebtoken');\n  return jwt.sign(payload, 'secret');\n}`,
      languageOptions: cjs,
    },
    // A secret-named constant that is neither exported nor used as a key.
    {
      code: `const secret = 'not used as a key';\nconsole.log(secret.length);`,
    },
    // Exported names about a secret rather than holding one.
    {
      code: `module.exports = {\n  secretName: 'prod/jwt-signing-key',\n  passwordField: 'password',\n  resetPasswordPath: '/reset',\n  HOST: 'localhost',\n};`,
      languageOptions: cjs,
    },
    // UI text under a password name.
    {
      code: `export default {\n  password: 'Password',\n  passwordPrompt: 'Enter your password',\n  confirmPassword: 'Confirm password',\n};`,
    },
    {
      code: `export const de = { password: 'Passwort', passwordHelp: 'Mindestens acht Zeichen' };\nexport const zh = { password: '密码' };`,
    },
    // UI text under other secret names: a sentence, or the name itself in words.
    {
      code: `export const labels = {\n  secret: 'Secret',\n  apiKey: 'API key',\n  privateKey: 'Private Key',\n  clientSecret: 'Paste the client secret here',\n};`,
      filename: FILENAMES.ts,
    },
    // Known limitation: a capitalised passphrase under a secret name reads like UI text.
    {
      code: `module.exports = { secret: 'Open sesame' };`,
      languageOptions: cjs,
    },
    {
      code: `module.exports = { secret: 'bezkoder-secret-key' };`,
      languageOptions: cjs,
      options: [{ checkConfigExports: false }],
    },
    // A local `module` binding is not CommonJS's.
    {
      code: `const module = {};\nmodule.exports = { secret: 'abc' };`,
    },
    // Known limitation: a secret handed over through a parameter is not followed.
    {
      code: `import jwt from 'jsonwebtoken';\nfunction issue(payload, key) { return jwt.sign(payload, key); }\nissue({ id: 1 }, 'secret');`,
    },
    // Exported values under secret names that are not secrets: routes, key paths, column types, masks,
    // public web API keys, environment variable names and action types.
    {
      code: [
        `export const ROUTES = { CHANGE_PASSWORD: '/account/change-password', SECRETS: '/settings/secrets' };`,
        `export const STORAGE_KEYS = { SECRET_KEY: 'app.secretKey' };`,
        `export const COLUMNS = { password: 'varchar(255)' };`,
        `export const PLACEHOLDERS = { password: '••••••••', secret: '********' };`,
        `export const firebaseConfig = { apiKey: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', authDomain: 'x.firebaseapp.com' };`,
        `export const stripe = { apiKey: 'pk_test_51Habc' };`,
        `export const ENV_NAMES = { JWT_SECRET: 'JWT_SECRET' };`,
        `export const UPDATE_PASSWORD = 'UPDATE_PASSWORD';`,
        `export const SET_SECRET = 'auth/SET_SECRET';`,
        `export const changePassword = 'changePassword';`,
        `export const endpoints = { verifyPassword: 'auth/verify-password', checkPassword: 'auth.checkPassword' };`,
        `export const form = { resetPassword: 'reset', newPassword: 'new', confirmPassword: 'x' };`,
      ].join('\n'),
    },
    // Labels for a check of a secret, each in its own file: an NgRx action type, a Redux action type
    // with a namespace, socket event names, `:`-separated event names and the key of an action type.
    { code: `export const VERIFY_PASSWORD = '[Auth] Verify Password';` },
    { code: `export const CHECK_PASSWORD = '@@auth/CHECK_PASSWORD';` },
    { code: `export const EVENTS = { VERIFY_PASSWORD: 'verify-password', CHANGE_PASSWORD: 'change-password' };` },
    { code: `export const EVENTS = { verifyPassword: 'auth:verifyPassword', CHECK_PASSWORD: 'auth:check_password' };` },
    { code: `export const VERIFY_PASSWORD_KEY = 'VERIFY_PASSWORD';` },
    {
      code: [
        `export const actions = { checkApiKey: 'keys:check-api-key', VERIFY_SECRET: 'webhooks/VERIFY_SECRET' };`,
        `export const messages = { verifyPassword: 'auth.verify_password', CHECK_SECRET: '[Settings] check secret' };`,
      ].join('\n'),
    },
    // Known limitation: names about tokens are not treated as secrets.
    {
      code: `module.exports = { githubToken: 'ghp_0123456789abcdef' };`,
      languageOptions: cjs,
    },
  ],
  invalid: [
    // ---- jsonwebtoken ----
    {
      code: `const jwt = require('jsonwebtoken');\nconst token = jwt.sign({ id: user.id }, 'secret', { expiresIn: 86400 });`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { usage: 'the jsonwebtoken signing key' },
          line: 2,
          column: 41,
          endColumn: 49,
        },
      ],
    },
    {
      code: `const SECRET = 'abc123';\nconst { verify } = require('jsonwebtoken');\nverify(token, SECRET, (err, decoded) => {});`,
      filename: FILENAMES.cjs,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the jsonwebtoken verification key' }, line: 1, column: 16, endColumn: 24 }],
    },
    {
      code: `import { sign as issue } from 'jsonwebtoken';\nexport const login = (user: User) => issue({ sub: user.id }, \`s3cr3t\`);`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 62, endColumn: 70 }],
    },
    {
      code: `import * as jwt from 'jsonwebtoken';\njwt.sign(payload, 'abc' + 'def');`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 19, endColumn: 32 }],
    },
    {
      code: `const { default: jwt } = await import('jsonwebtoken');\nexport const token = jwt.sign(payload, 'dynamic-key');`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 40, endColumn: 53 }],
    },
    // hono/jwt: the key of sign and verify, and the secret of the jwt() middleware.
    {
      code: `import { sign as signJwt, verify } from 'hono/jwt';
export const issue = (sub: string) => signJwt({ sub }, 'hono-signing-key');
export const check = (token: string) => verify(token, 'hono-signing-key', 'HS256');`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt signing key' }, line: 2, column: 56, endColumn: 74 },
        { messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt verification key' }, line: 3, column: 55, endColumn: 73 },
      ],
    },
    {
      code: `import { sign } from 'hono/utils/jwt/jwt';\nexport const issue = (sub: string) => sign({ sub }, 'hono-signing-key');`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt signing key' }, line: 2, column: 53, endColumn: 71 }],
    },
    {
      code: `import * as honoJwt from 'hono/jwt';
app.use('/api/*', honoJwt.jwt({ secret: 'it-is-very-secret', alg: 'HS256' }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt middleware secret' }, line: 2, column: 41, endColumn: 60 }],
    },
    {
      code: `const { jwt } = require('hono/jwt');
const options = { alg: 'HS256' };
options.secret = 'assigned-later';
app.use(jwt(options));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt middleware secret' }, line: 3, column: 18, endColumn: 34 }],
    },
    // hono/jwt: the secret that signs the token cookie of jwt(), written in place, in a constant and as a fallback.
    {
      code: `import { jwt } from 'hono/jwt';
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256', cookie: { key: 'auth', secret: 'cookie-signing-secret' } }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt `cookie.secret`' }, line: 2, column: 103, endColumn: 126 }],
    },
    {
      code: `const { jwt } = require('hono/jwt');
const cookie = { key: 'auth', secret: 'cookie-signing-secret' };
app.use(jwt({ secret: process.env.JWT_SECRET, alg: 'HS256', cookie }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt `cookie.secret`' }, line: 2, column: 39, endColumn: 62 }],
    },
    // hono/jwk: the secret that signs the token cookie of jwk(), written in place and in a constant.
    {
      code: `import { jwk } from 'hono/jwk';
app.use(jwk({ jwks_uri, alg: ['RS256'], cookie: { key: 'auth', secret: 'cookie-signing-secret' } }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwk `cookie.secret`' }, line: 2, column: 72, endColumn: 95 }],
    },
    {
      code: `const { jwk } = require('hono/jwk');
const COOKIE_SECRET = 'cookie-signing-secret';
app.use('/api/*', jwk({ keys, alg: ['ES256'], cookie: { key: 'auth', secret: COOKIE_SECRET } }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the hono/jwk `cookie.secret`' }, line: 2, column: 23, endColumn: 46 }],
    },
    {
      code: `import * as honoJwt from 'hono/jwt';
app.use(honoJwt.jwt({ secret: 'jwt-key', alg: 'HS256', cookie: { key: 'auth', secret: process.env.COOKIE_SECRET || 'dev-cookie' } }));`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'hardcodedSecret', data: { usage: 'the hono/jwt middleware secret' }, line: 2, column: 31, endColumn: 40 },
        {
          messageId: 'hardcodedFallback',
          data: { usage: 'the hono/jwt `cookie.secret`', source: 'process.env.COOKIE_SECRET', condition: 'empty or not set' },
          line: 2,
          column: 116,
          endColumn: 128,
        },
      ],
    },
    {
      code: `import { Jwt } from 'hono/utils/jwt';
export const issue = (sub: string) => Jwt.sign({ sub }, process.env.JWT_SECRET ?? 'dev-secret');`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { usage: 'the hono/jwt signing key', source: 'process.env.JWT_SECRET', condition: 'not set' },
          line: 2,
          column: 83,
        },
      ],
    },
    // Fallbacks.
    {
      code: `const jwt = require('jsonwebtoken');\njwt.sign(payload, process.env.JWT_SECRET || 'dev-secret');`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { usage: 'the jsonwebtoken signing key', source: 'process.env.JWT_SECRET', condition: 'empty or not set' },
          line: 2,
          column: 45,
          endColumn: 57,
        },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';\nconst secret = process.env.JWT_SECRET ?? 'changeme';\nexport const verifyToken = (token: string) => jwt.verify(token, secret);`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { usage: 'the jsonwebtoken verification key', source: 'process.env.JWT_SECRET', condition: 'not set' },
          line: 2,
          column: 42,
        },
      ],
    },
    {
      code: `const jwt = require('jsonwebtoken');\nconst { PORT = 3000, JWT_SECRET = 'changeme' } = process.env;\njwt.sign(payload, JWT_SECRET, { expiresIn: 60 });`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { usage: 'the jsonwebtoken signing key', source: 'JWT_SECRET', condition: 'not set' },
          line: 2,
          column: 35,
          endColumn: 45,
        },
      ],
    },
    // ---- jose ----
    {
      code: [
        `import { SignJWT } from 'jose';`,
        `const key = new TextEncoder().encode('my-jose-secret');`,
        `export const issue = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(key);`,
      ].join('\n'),
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the jose signing key' }, line: 2, column: 38 }],
    },
    {
      code: [
        `import { jwtVerify } from 'jose';`,
        `import { createSecretKey } from 'node:crypto';`,
        `const key = createSecretKey(Buffer.from('another-secret'));`,
        `export const check = (token) => jwtVerify(token, key);`,
      ].join('\n'),
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the jose verification key' }, line: 3, column: 41 }],
    },
    // ---- middleware, strategies and modules ----
    {
      code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the express-jwt middleware secret' }, line: 2, column: 30 }],
    },
    {
      code: [
        `const JwtStrategy = require('passport-jwt').Strategy;`,
        `const opts = {};`,
        `opts.jwtFromRequest = extractor;`,
        `opts.secretOrKey = 'secret';`,
        `passport.use(new JwtStrategy(opts, verify));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the passport-jwt strategy `secretOrKey`' }, line: 4, column: 20 }],
    },
    {
      code: `import { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: 'nest-secret', signOptions: { expiresIn: '60s' } })] })\nexport class AuthModule {}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the @nestjs/jwt module secret' }, line: 2, column: 50 }],
    },
    {
      code: `import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: 'koa-shared-secret' }).unless({ path: [/^\\/public/] }));`,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the koa-jwt middleware secret' }, line: 2, column: 26 }],
    },
    {
      code: `const fastify = require('fastify')();\nfastify.register(require('@fastify/jwt'), { secret: 'supersecret' });`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the @fastify/jwt plugin secret' }, line: 2, column: 53 }],
    },
    // ---- express-session, cookie-session, cookie-parser ----
    {
      code: `const session = require('express-session');\napp.use(session({ secret: 'keyboard cat', resave: false, store }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the express-session `secret`' }, line: 2, column: 27, endColumn: 41 }],
    },
    {
      code: `import session from 'express-session';\nconst sessionConfig = { secret: ['new-secret', process.env.OLD_SECRET], store };\napp.use(session(sessionConfig));`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 34 }],
    },
    {
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'session', keys: ['key1', 'key2'] }));`,
      languageOptions: cjs,
      errors: [
        { messageId: 'hardcodedSecret', data: { usage: 'the cookie-session `keys`' }, line: 2, column: 49 },
        { messageId: 'hardcodedSecret', data: { usage: 'the cookie-session `keys`' }, line: 2, column: 57 },
      ],
    },
    {
      code: `import cookieParser from 'cookie-parser';\napp.use(cookieParser('cookie-signing-secret'));`,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the cookie-parser `secret`' }, line: 2, column: 22 }],
    },
    {
      code: `const cookieParser = require('cookie-parser');\nconst COOKIE_SECRETS = ['current', process.env.PREVIOUS_COOKIE_SECRET];\napp.use(cookieParser(COOKIE_SECRETS));`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the cookie-parser `secret`' }, line: 2, column: 25 }],
    },
    {
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ secret: 'single-key', secure: true }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the cookie-session `secret`' }, line: 2, column: 33 }],
    },
    // A test placeholder is still a secret in the source.
    {
      code: `import session from 'express-session';\napp.use(session({ secret: 'test', store }));`,
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 27 }],
    },
    // ---- exported configuration ----
    {
      code: `module.exports = {\n  secret: "bezkoder-secret-key"\n};`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 2, column: 11, endColumn: 32 }],
    },
    {
      code: `module.exports = {\n  HOST: 'localhost',\n  USER: 'root',\n  PASSWORD: '123456',\n  DB: 'testdb',\n};`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedConfigSecret', data: { property: 'PASSWORD' }, line: 4, column: 13 }],
    },
    // A capitalised single word that is not the name, and a lower-case name, count as secrets.
    {
      code: `export const settings = { secret: 'SuperSecret', apiKey: 'apikey' };`,
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 1, column: 35 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'apiKey' }, line: 1, column: 58 },
      ],
    },
    // Lower-case words and values with digits count as passwords.
    {
      code: `export const database = { user: 'app', password: 'password' };\nexport const mail = { password: 'Hunter2' };`,
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'password' }, line: 1, column: 50 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'password' }, line: 2, column: 33 },
      ],
    },
    // Secrets that resemble those values. Among them are a lower-case name as its own value, URLs that
    // carry a secret, base64 that starts with a slash, and a Google API key outside a Firebase config.
    {
      code: [
        `export const a = { password: 'password' };`,
        `export const b = { jwtSecret: 'my-jwt-secret' };`,
        `export const c = { secret: 'https://user:pass@example.com' };`,
        `export const d = { secret: 'xxxxxxxx' };`,
        `export const e = { SESSION_SECRET: 'app.secret' };`,
        `export const f = { secret: '/k3Jx9+Qw2ZpLm8vT4rYb7NcA1sD0eFgH==' };`,
        `export const g = { secret: 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXX' };`,
        `export const h = { secret: 'super.secret', password: 'admin:password' };`,
        `export const i = { apiKey: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW' };`,
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'password' }, line: 1 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'jwtSecret' }, line: 2 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 3 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 4 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'SESSION_SECRET' }, line: 5 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 6 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 7 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 8 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'password' }, line: 8 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'apiKey' }, line: 9 },
      ],
    },
    // Form-field words qualify a secret away from `password`. A Google key counts outside a Firebase
    // apiKey, and so does a constant-case name in another spelling.
    {
      code: [
        `export const PASSWORD_RESET_SECRET = 'b1';`,
        `export const NEW_JWT_SECRET = 'b2';`,
        `export const OLD_JWT_SECRET = 'b3';`,
        `export const FORGOT_PASSWORD_SECRET = 'b4';`,
        `export const gcp = { projectId: 'p', privateKey: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW' };`,
        `export const db = { DB_PASSWORD: 'db_password' };`,
        `export const tutorial = { jwtSecret: 'jwt-secret', secretKey: 'secret-key', appSecret: 'appSecret', tokenSecret: 'config/token-secret' };`,
        `export const checks = { VERIFY_SECRET: 'hunter2-abc', CHECK_SECRET: 'p4ssw0rd!', verifySecret: 'x9f8a7' };`,
        `export const paths = { TOKEN_SECRET: 'config/token-secret', SESSION_SECRET: 'my.session_secret' };`,
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'PASSWORD_RESET_SECRET' }, line: 1 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'NEW_JWT_SECRET' }, line: 2 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'OLD_JWT_SECRET' }, line: 3 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'FORGOT_PASSWORD_SECRET' }, line: 4 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'privateKey' }, line: 5 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'DB_PASSWORD' }, line: 6 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'jwtSecret' }, line: 7 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'secretKey' }, line: 7 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'appSecret' }, line: 7 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'tokenSecret' }, line: 7 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'VERIFY_SECRET' }, line: 8 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'CHECK_SECRET' }, line: 8 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'verifySecret' }, line: 8 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'TOKEN_SECRET' }, line: 9 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'SESSION_SECRET' }, line: 9 },
      ],
    },
    // Under a check of a secret, a value whose last part is more than the check, or has symbols, is a
    // secret. So is a secret named after a check of something else, as `TOKEN_SECRET` would be.
    {
      code: [
        `export const VERIFY_PASSWORD = 'hunter2';`,
        `export const CHECK_PASSWORD = 'P@ssw0rd!';`,
        `export const VERIFY_SECRET = 'my-verify-secret';`,
        `export const EVENTS = { VERIFY_PASSWORD: 'verify-password-1', CHECK_PASSWORD: 'correct horse battery staple' };`,
        `export const prefixed = { verifyPassword: 'k3J+x9==:verify-password', checkSecret: '[Auth] Check Secret Now' };`,
        `export const checks = { VERIFY_TOKEN_SECRET: 'verify.token.secret', verifyTokenSecret: 'auth/verify-token-secret' };`,
        `export const SECRET = 'my-super-secret-key';`,
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'VERIFY_PASSWORD' }, line: 1 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'CHECK_PASSWORD' }, line: 2 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'VERIFY_SECRET' }, line: 3 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'VERIFY_PASSWORD' }, line: 4 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'CHECK_PASSWORD' }, line: 4 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'verifyPassword' }, line: 5 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'checkSecret' }, line: 5 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'VERIFY_TOKEN_SECRET' }, line: 6 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'verifyTokenSecret' }, line: 6 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'SECRET' }, line: 7 },
      ],
    },
    // A value that names its constant is still a secret when a library uses it as a key.
    {
      code: `import jwt from 'jsonwebtoken';\nexport const JWT_SECRET = 'JWT_SECRET';\nexport const issue = (payload) => jwt.sign(payload, JWT_SECRET);`,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the jsonwebtoken signing key' }, line: 2, column: 27 }],
    },
    // A verb later in the name qualifies the secret.
    {
      code: [
        `export const REQUEST_SIGNING_SECRET = 'a1';`,
        `export const jwtVerifySecret = 'a2';`,
        `export const HEALTH_CHECK_SECRET = 'a3';`,
        `export const FEATURE_TOGGLE_API_KEY = 'a4';`,
        `export const editPassword = 'a5';`,
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'REQUEST_SIGNING_SECRET' }, line: 1 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'jwtVerifySecret' }, line: 2 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'HEALTH_CHECK_SECRET' }, line: 3 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'FEATURE_TOGGLE_API_KEY' }, line: 4 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'editPassword' }, line: 5 },
      ],
    },
    {
      code: `exports.secretKey = 'abc';\nmodule.exports.cookieKey = 'def';`,
      languageOptions: cjs,
      errors: [
        { messageId: 'hardcodedConfigSecret', data: { property: 'secretKey' }, line: 1, column: 21 },
        { messageId: 'hardcodedConfigSecret', data: { property: 'cookieKey' }, line: 2, column: 28 },
      ],
    },
    {
      code: `export default {\n  port: 3000,\n  jwt: { secret: 'nested-secret', expiresIn: '1h' },\n};`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedConfigSecret', data: { property: 'secret' }, line: 3, column: 18 }],
    },
    {
      code: `export const config = { sessionSecret: process.env.SESSION_SECRET || 'fallback-secret' };`,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { usage: '`sessionSecret` in an exported configuration', source: 'process.env.SESSION_SECRET', condition: 'empty or not set' },
          line: 1,
          column: 70,
        },
      ],
    },
    {
      code: `export const JWT_SECRET = 'abc';`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'hardcodedConfigSecret', data: { property: 'JWT_SECRET' }, line: 1, column: 27 }],
    },
    {
      code: `const settings = { apiKey: 'k-123' };\nexport { settings };`,
      errors: [{ messageId: 'hardcodedConfigSecret', data: { property: 'apiKey' }, line: 1, column: 28 }],
    },
    // One report per literal, even when the exported secret is also used as a key.
    {
      code: `const jwt = require('jsonwebtoken');\nconst config = { secret: 'shared' };\nmodule.exports = config;\njwt.sign(payload, config.secret);`,
      languageOptions: cjs,
      errors: [{ messageId: 'hardcodedSecret', data: { usage: 'the jsonwebtoken signing key' }, line: 2, column: 26 }],
    },
  ],
});
