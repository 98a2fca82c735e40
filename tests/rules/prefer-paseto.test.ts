import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../rules/prefer-paseto.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
/** ESLint's flat config accepts `sourceType`, but typescript-eslint's `TestLanguageOptions` type leaves it out. */
const commonjs = { sourceType: 'commonjs' } as unknown as TestLanguageOptions;

ruleTester.run('prefer-paseto', rule, {
  valid: [
    // Sessions are left to no-jwt-session.
    { code: `import jwt from 'jsonwebtoken';\napp.post('/login', (req, res) => res.json({ token: jwt.sign({}, key) }));`, filename: FILENAMES.js },
    { code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret, algorithms: ['HS256'] }));`, filename: FILENAMES.cjs, languageOptions: commonjs },
    // hono/jwt sessions are left to no-jwt-session too, and its decode is no verification.
    {
      code: `import { jwt, sign, decode } from 'hono/jwt';
app.use('/api/*', jwt({ secret: key, alg: 'HS256' }));
app.post('/login', async (c) => c.json({ token: await sign({ sub: 'a' }, key) }));
export const peek = (token: string) => decode(token).payload;`,
      filename: FILENAMES.ts,
    },
    // Decoding and module configuration are not signing or verification.
    { code: `import { jwtDecode } from 'jwt-decode';\njwtDecode(token);`, filename: FILENAMES.ts },
    { code: `import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: key });`, filename: FILENAMES.ts },
    // PASETO itself and look-alikes.
    { code: `import { V4 } from 'paseto';\nawait V4.sign({ sub }, privateKey, { expiresIn: '5m' });`, filename: FILENAMES.mjs },
    { code: `function sign(p, k) {}\nsign({}, key);`, filename: FILENAMES.js },
  ],
  invalid: [
    {
      code: `const jwt = require('jsonwebtoken');\nconst assertion = jwt.sign({ iss: 'svc' }, key, { expiresIn: 60 });\nawait fetch(url, { headers: { Authorization: 'Bearer ' + assertion } });`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 19 }],
    },
    {
      code: `import { jwtVerify } from 'jose';\nexport const check = (token: string) => jwtVerify(token, key, { algorithms: ['EdDSA'] });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 41 }],
    },
    {
      code: `import * as jose from 'jose';\nconst link = await new jose.SignJWT({ email }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key);`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 20 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';\nexport function verifyInvite(token) { return jwt.verify(token, key, { algorithms: ['HS256'] }); }`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 46 }],
    },
    // hono/jwt: a service assertion and the verification of an invitation link.
    {
      code: `import { sign as signJwt } from 'hono/jwt';
import { Jwt } from 'hono/utils/jwt';
const assertion = await signJwt({ iss: 'shop', exp: Math.floor(Date.now() / 1000) + 60 }, key);
await fetch(url, { headers: { Authorization: \`Bearer \${assertion}\` } });
export const verifyInvite = (token: string) => Jwt.verify(token, key, 'HS256');`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'preferPaseto', line: 3, column: 25 },
        { messageId: 'preferPaseto', line: 5, column: 48 },
      ],
    },
    // hono/jwt: key set verification is a verification, like jose's jwtVerify with a remote key set.
    {
      code: `import { verifyWithJwks } from 'hono/jwt';\nexport const checkIdToken = (token: string) => verifyWithJwks(token, { jwks_uri, allowedAlgorithms: ['RS256'] });`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 48 }],
    },
    // hono/jwk: the middleware verifies against a key set, as verifyWithJwks does.
    {
      code: `import { jwk } from 'hono/jwk';\napp.use('/api/*', jwk({ jwks_uri, alg: ['RS256'] }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'preferPaseto', line: 2, column: 19 }],
    },
  ],
});
