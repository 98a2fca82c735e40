import { describe, expect, it } from 'vitest';

import { findJwtSessions } from '../../src/detectors/jwt-session.js';
import { getManualMigrationReason } from '../../src/detectors/jwt-session-migration.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Returns the reason for each JWT session finding of `text`, in source order. */
function reasonsOf(text: string): (string | undefined)[] {
  const sourceCode = parseSourceCode(text, 'file.js');
  return findJwtSessions(sourceCode, 'file.js').map((finding) => getManualMigrationReason(sourceCode, finding, 'file.js'));
}

describe('getManualMigrationReason', () => {
  it('passes a login the codemod rewrites', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it('passes a check the codemod rewrites', () => {
    const text = `import jwt from 'jsonwebtoken';
function requireUser(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization?.split(' ')[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it.each([
    [
      'a callback-style sign',
      "jwt.sign({ sub: req.user.id }, key, { expiresIn: '5m' }, (err, token) => res.json({ token }));",
      'callback-style jwt.sign is not migrated',
    ],
    ['a spread payload', "res.json({ token: jwt.sign(...args) });", 'the signed payload is not a plain argument'],
    ['a redirect', "res.redirect(`/welcome?token=${jwt.sign({ sub: req.user.id }, key, { expiresIn: '5m' })}`);", 'the token leaves through a redirect URL'],
    [
      'a raw Set-Cookie header',
      "res.setHeader('Set-Cookie', `token=${jwt.sign({ sub: req.user.id }, key, { expiresIn: '5m' })}; HttpOnly`);",
      'the token is set as a cookie through a raw Set-Cookie header',
    ],
  ])('marks %s', (_name, statement, reason) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/login', (req, res) => {\n  ${statement}\n});`;
    const [found] = reasonsOf(text);
    expect(found?.startsWith(reason), found).toBe(true);
  });

  it('marks a login in a helper', () => {
    const text = `import jwt from 'jsonwebtoken';
function issue(res, user) {
  res.json({ token: jwt.sign({ sub: user.id }, key, { expiresIn: '5m' }) });
}
app.post('/login', (req, res) => issue(res, req.user));`;
    expect(reasonsOf(text)).toEqual([
      'the token is signed in a helper outside the request handler; store its payload in req.session in the handler by hand',
    ]);
  });
});
