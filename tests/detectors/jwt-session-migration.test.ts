import { describe, expect, it } from 'vitest';

import { findJwtSessions } from '../../src/detectors/jwt-session.js';
import { getManualMigrationReason, SIGNED_IN_USER_REASON, statesSessionLifetime } from '../../src/detectors/jwt-session-migration.js';
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

  it.each([
    ['a require-style middleware', "app.post('/api/tokens', requireUser, (req, res) => {"],
    ['an ensure-style middleware', "app.post('/api/tokens', ensureLoggedIn(), (req, res) => {"],
    ['an is-style middleware', "router.post('/tokens', isAuthenticated, (req, res) => {"],
    ['a verify-style middleware', "app.post('/tokens', verifyToken, (req, res) => {"],
    ['a middleware in an array', "app.post('/tokens', [rateLimit, authMiddleware], (req, res) => {"],
    ['an object and property', "router.post('/tokens', auth.required, (req, res) => {"],
    ['a passport token strategy', "app.post('/tokens', passport.authenticate('jwt', { session: false }), (req, res) => {"],
  ])('marks a token behind %s', (_name, route) => {
    const text = `import jwt from 'jsonwebtoken';\n${route}\n  res.json({ key: jwt.sign({ sub: 'service', scope: 'api' }, key, { expiresIn: '365d' }) });\n});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it.each([
    ['req.user', 'req.user.id'],
    ['req.auth', 'req.auth.sub'],
    ['res.locals.user', 'res.locals.user.id'],
  ])('marks a token signed from %s', (_name, subject) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/api/keys', (req, res) => {\n  res.json({ key: jwt.sign({ sub: ${subject} }, key, { expiresIn: '90d' }) });\n});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it.each([
    ['a login route signed from req.user', "app.post('/auth/login', requireBody, (req, res) => {", 'req.user.id'],
    ['a passport local login', "app.post('/session', passport.authenticate('local', { session: false }), (req, res) => {", 'req.user.id'],
    ['an OAuth callback', "app.get('/auth/github/callback', passport.authenticate('github'), (req, res) => {", 'req.user.id'],
    ['a login behind a rate limiter', "app.post('/api/auth', loginLimiter, validateUser, (req, res) => {", 'user.id'],
    ['a sign-up', "app.post('/register', validateBody, (req, res) => {", 'user.id'],
  ])('passes %s', (_name, route, subject) => {
    const text = `import jwt from 'jsonwebtoken';\n${route}\n  const user = users.create(req.body);\n  res.json({ token: jwt.sign({ sub: ${subject} }, key, { expiresIn: '1h' }) });\n});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });
});

describe('statesSessionLifetime', () => {
  function lifetimesOf(text: string): boolean[] {
    const sourceCode = parseSourceCode(text, 'file.js');
    return findJwtSessions(sourceCode, 'file.js')
      .filter((finding) => finding.call.operation === 'sign')
      .map((finding) => statesSessionLifetime(sourceCode, finding));
  }

  it('counts a login', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/login', (req, res) => {\n  res.json({ token: jwt.sign({ sub: 1 }, key, { expiresIn: '12h' }) });\n});`;
    expect(lifetimesOf(text)).toEqual([true]);
  });

  it('counts both tokens of a login', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const user = users.check(req.body);
  res.cookie('refresh_token', jwt.sign({ sub: user.id }, key, { expiresIn: '7d' }), { httpOnly: true });
  res.json({ accessToken: jwt.sign({ sub: user.id }, key, { expiresIn: '15m' }) });
});`;
    expect(lifetimesOf(text)).toEqual([true, true]);
  });

  it('skips a refresh endpoint', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/token', (req, res) => {
  const claims = jwt.verify(req.cookies.refreshToken, key, { algorithms: ['HS256'] });
  res.json({ token: jwt.sign({ sub: claims.sub }, key, { expiresIn: '30m' }) });
});`;
    expect(lifetimesOf(text)).toEqual([false]);
  });

  it('skips a token for a signed-in user', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/api/tokens', requireUser, (req, res) => {\n  res.json({ key: jwt.sign({ sub: 1 }, key, { expiresIn: '365d' }) });\n});`;
    expect(lifetimesOf(text)).toEqual([false]);
  });
});
