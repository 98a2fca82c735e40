import { describe, expect, it } from 'vitest';

import { findSessionFixation, isIdentityKey } from '../../src/detectors/session-fixation.js';
import { parseSourceCode } from '../../src/source-code.js';

describe('isIdentityKey', () => {
  it.each(['user', 'userId', 'uid', 'accountId', 'account', 'username', 'userName', 'email', 'role', 'roles', 'isAdmin', 'authenticated', 'loggedIn', 'passport', 'current_user', 'user_ids'])(
    '%s is an identity key',
    (key) => {
      expect(isIdentityKey(key)).toBe(true);
    },
  );

  it.each(['views', 'cart', 'returnTo', 'id', 'name', 'theme', 'userPreferences', 'flash', 'csrfSecret'])('%s is not', (key) => {
    expect(isIdentityKey(key)).toBe(false);
  });

  it('accepts extra keys case-insensitively', () => {
    expect(isIdentityKey('Tenant', ['tenant'])).toBe(true);
  });
});

describe('findSessionFixation', () => {
  it('returns the key, the request name and the handler', () => {
    const text = `app.post('/login', function login(req, res) {\n  req.session.userId = 1;\n  req.session.views = 2;\n});`;
    const sourceCode = parseSourceCode(text, 'file.js');
    const findings = findSessionFixation(sourceCode);
    expect(findings.map((finding) => [finding.key, finding.requestName, sourceCode.getText(finding.node)])).toEqual([
      ['userId', 'req', 'req.session.userId'],
    ]);
    expect(findings[0]?.handler.type).toBe('FunctionExpression');
  });
});
