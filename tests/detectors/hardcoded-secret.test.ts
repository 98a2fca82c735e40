import { describe, expect, it } from 'vitest';

import { findHardcodedSecrets, isSecretName } from '../../src/detectors/hardcoded-secret.js';
import { parseSourceCode } from '../../src/source-code.js';

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

  it('leaves exported configuration alone when asked', () => {
    const sourceCode = parseSourceCode(`module.exports = { secret: 'x' };`, 'file.js');
    expect(findHardcodedSecrets(sourceCode, { checkConfigExports: false })).toEqual([]);
  });
});
