import { describe, expect, it } from 'vitest';

import { findHardcodedSecrets, isSecretName } from '../../src/detectors/hardcoded-secret.js';
import { parseSourceCode } from '../../src/source-code.js';
import { mayAssignSecretName, mayContainHardcodedSecret } from '../../src/detectors/text-checks.js';

describe('isSecretName', () => {
  it.each(['secret', 'jwtSecret', 'SESSION_SECRET', 'secretKey', 'secretOrPrivateKey', 'secretAccessKey', 'privateKey', 'apiKey', 'API_KEY', 'cookieKey', 'password', 'DB_PASSWORD', 'passphrase', 'clientSecret'])(
    '%s names a secret',
    (name) => {
      expect(isSecretName(name)).toBe(true);
    },
  );

  it.each(['secretName', 'secretArn', 'passwordField', 'passwordHash', 'resetPassword', 'hasSecret', 'publicKey', 'keys', 'token', 'minPasswordLength'])(
    '%s does not',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );
});

describe('findHardcodedSecrets', () => {
  it('describes each usage and role', () => {
    const text = [
      `const jwt = require('jsonwebtoken');`,
      `const session = require('express-session');`,
      `jwt.sign(p, 'k1');`,
      `app.use(session({ secret: process.env.S || 'k2' }));`,
      `module.exports = { db: { password: 'k3' } };`,
    ].join('\n');
    const sourceCode = parseSourceCode(text, 'file.js');
    const findings = findHardcodedSecrets(sourceCode).map((finding) => ({
      value: finding.value,
      usage: finding.usage,
      role: finding.role,
      fallbackFor: finding.fallbackFor && sourceCode.getText(finding.fallbackFor),
    }));
    expect(findings).toEqual([
      { value: 'k1', usage: { kind: 'jwt', library: 'jsonwebtoken', operation: 'sign' }, role: 'value', fallbackFor: undefined },
      {
        value: 'k2',
        usage: { kind: 'session', library: 'express-session', option: 'secret' },
        role: 'fallback',
        fallbackFor: 'process.env.S',
      },
      { value: 'k3', usage: { kind: 'config', property: 'password' }, role: 'value', fallbackFor: undefined },
    ]);
  });

  it('names the option of a secret that is not the JWT key', () => {
    const text = `import { jwt } from 'hono/jwt';\napp.use(jwt({ secret: 'k1', alg: 'HS256', cookie: { key: 'auth', secret: 'k2' } }));`;
    const findings = findHardcodedSecrets(parseSourceCode(text, 'file.ts')).map((finding) => ({ value: finding.value, usage: finding.usage }));
    expect(findings).toEqual([
      { value: 'k1', usage: { kind: 'jwt', library: 'hono/jwt', operation: 'middleware' } },
      { value: 'k2', usage: { kind: 'jwt', library: 'hono/jwt', operation: 'middleware', option: 'cookie.secret' } },
    ]);
  });

  it('leaves exported configuration alone when asked', () => {
    const sourceCode = parseSourceCode(`module.exports = { secret: 'x' };`, 'file.js');
    expect(findHardcodedSecrets(sourceCode, { checkConfigExports: false })).toEqual([]);
  });
});

describe('mayContainHardcodedSecret', () => {
  it.each([
    `const jwt = require('jsonwebtoken');`,
    `import session from 'express-session';`,
    `module.exports = { secret: x };`,
    `export const JWT_SECRET = x;`,
    `exports['api-key'] = x;`,
    `export { value as privateKey };`,
  ])('lets %s through', (text) => {
    expect(mayContainHardcodedSecret(text)).toBe(true);
  });

  it.each([
    '// Redact the parts of a URL that can carry secrets.',
    `const label = 'Forgot password?';`,
    'const session = getSession(); cookie.parse(header);',
    'Object.keys(object).forEach((key) => key);',
  ])('skips %s', (text) => {
    expect(mayContainHardcodedSecret(text)).toBe(false);
  });
});

describe('mayAssignSecretName', () => {
  it.each([
    'secret: x',
    'const JWT_SECRET = x',
    'password=x',
    `exports['password'] = x`,
    `{ 'api-key': x }`,
    'privateKey: x',
    'cookieKeys = [x]',
    'secretOrPrivateKey: x',
    'export { value as secret }',
    'export { value as sessionPassword, other }',
    'passphrase : x',
    'SIGNING_KEY=x',
    `{ 'secret-key': x }`,
    `{ aws: { 'secret-access-key': x } }`,
    `{ 'jwt.key': x }`,
    '{ PRIVATE__KEY: x }',
    `{ 'private   key': x }`,
    'export { value as "jwtSecret" };',
    'export const jwtSecret /* development only */ = x;',
    'ClientSecret: x',
    '{ PASSPHRASE: x }',
    'Passphrase = x',
    'DB_PASSWORD = x',
    'jwt_Key: x',
    'PrivateKey: x',
    'apiKey: x',
    'encryption -_.key = x',
    'HMAC.KEY: x',
    'module.exports = { SeCrEt: x }',
    'x.secretKey = y',
  ])('lets %s through', (text) => {
    expect(mayAssignSecretName(text)).toBe(true);
  });

  it.each([
    '// carry secrets',
    `const label = 'Forgot password?';`,
    'Object.keys(value)',
    'for (const key in object) run(key);',
    'keyof T',
    'monkey: 1',
    'apikeys',
    'isSecret(value)',
    'function secret() {}',
    'key: x',
    'encryption -_.-key = x',
    'hmac\nkey = x',
    'passwords.length',
  ])('skips %s', (text) => {
    expect(mayAssignSecretName(text)).toBe(false);
  });

  it('reads a long name with many secret words once', () => {
    const name = 'config.secret'.repeat(50);
    expect(mayAssignSecretName(`${name} = x`)).toBe(true);
    expect(mayAssignSecretName(`${name};`)).toBe(false);
    expect(mayAssignSecretName(`${name};\nconst apiKey = x`)).toBe(true);
  });

  it('finds a name after many other occurrences of key', () => {
    const text = `${'Object.keys(a); '.repeat(500)}module.exports = { jwtSecret: x };`;
    expect(mayAssignSecretName(text)).toBe(true);
    expect(mayAssignSecretName(text.replace('jwtSecret', 'jwtIssuer'))).toBe(false);
  });
});
