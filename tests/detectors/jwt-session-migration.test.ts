import { describe, expect, it } from 'vitest';

import { findJwtSessions } from '../../src/detectors/jwt-session.js';
import {
  getManualMigrationReason,
  LOGIN_WITH_REFRESH_TOKEN_REASON,
  SIGNED_IN_USER_REASON,
  statesSessionLifetime,
} from '../../src/detectors/jwt-session-migration.js';
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
    ['a check-style middleware', "app.post('/tokens', checkAuthorization, (req, res) => {"],
    ['a two-word verify-style middleware', "app.post('/tokens', verifyAccessToken, (req, res) => {"],
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

  it.each([
    ['a session check with 401', '(req, res, next) => {\n  if (!req.session.user) return res.sendStatus(401);\n  next();\n}'],
    ['a codemod session guard', '(req, res, next) => {\n  if (!req.session.user) {\n    return next(Object.assign(new Error("Login required"), { status: 401 }));\n  }\n  next();\n}'],
    ['an isAuthenticated check', '(req, res, next) => (req.isAuthenticated() ? next() : res.status(403).end())'],
    ['a req.user check', 'function (req, res, next) {\n  if (req.user) next();\n  else res.status(401).json({ error: "login required" });\n}'],
  ])('marks a token behind inline %s', (_name, middleware) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/api/keys', ${middleware}, (req, res) => {\n  res.json({ key: jwt.sign({ sub: req.body.label }, key, { expiresIn: '90d' }) });\n});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it('marks a token behind a same-file session check', () => {
    const text = `import jwt from 'jsonwebtoken';
const mustHaveSession = (req, res, next) => (req.session.userId ? next() : res.sendStatus(401));
app.post('/api/keys', mustHaveSession, (req, res) => {
  res.json({ key: jwt.sign({ sub: req.body.label }, key, { expiresIn: '90d' }) });
});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it.each([
    ['a logger that reads the session', '(req, res, next) => {\n  if (req.session.user) console.log(req.session.user.id);\n  next();\n}'],
    ['a body check', '(req, res, next) => (req.body.email ? next() : res.sendStatus(400))'],
    ['a guest-only check', "(req, res, next) => (req.session.user ? res.redirect('/') : next())"],
  ])('passes a login behind inline %s', (_name, middleware) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/api/token', ${middleware}, (req, res) => {\n  const user = users.check(req.body);\n  res.json({ token: jwt.sign({ sub: user.id }, key, { expiresIn: '1h' }) });\n});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it.each([
    ['validateAuth before /register', 'validateAuth', '/register'],
    ['validateAuthBody before /api/token', 'validateAuthBody', '/api/token'],
    ['checkAuthFields before /api/token', 'checkAuthFields', '/api/token'],
    ['verifyAuthPayload before /api/token', 'verifyAuthPayload', '/api/token'],
  ])('passes a sign-up behind body validator %s', (_name, validator, path) => {
    const text = `import jwt from 'jsonwebtoken';
const ${validator} = (req, res, next) => (req.body.email && req.body.password ? next() : res.sendStatus(422));
app.post('${path}', ${validator}, async (req, res) => {
  const user = await users.create(req.body);
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it.each([['checkAuthFields'], ['validateAuthBody'], ['verifyAuthPayload']])('passes a login behind imported %s', (validator) => {
    const text = `import jwt from 'jsonwebtoken';\nimport { ${validator} } from './validators';\napp.post('/api/token', ${validator}, (req, res) => {\n  const user = users.check(req.body);\n  res.json({ token: jwt.sign({ sub: user.id }, key, { expiresIn: '1h' }) });\n});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it.each([['/signup'], ['/auth/sign-up'], ['/api/users/sign_up'], ['/join'], ['/api/v1/register']])('passes a sign-up at %s behind a required-fields check', (path) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('${path}', requireUserFields, (req, res) => {\n  const user = users.create(req.body);\n  res.json({ token: jwt.sign({ sub: user.id }, key, { expiresIn: '1h' }) });\n});`;
    expect(reasonsOf(text)).toEqual([undefined]);
  });

  it.each([['/devices/register'], ['/teams/:id/join']])('marks a token at %s behind requireUser', (path) => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('${path}', requireUser, (req, res) => {\n  res.json({ key: jwt.sign({ sub: req.body.name }, key, { expiresIn: '365d' }) });\n});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it('marks a token behind a header-reading validateAuth', () => {
    const text = `import jwt from 'jsonwebtoken';
const validateAuth = (req, res, next) => (req.headers.authorization && req.body.label ? next() : res.sendStatus(401));
app.post('/api/keys', validateAuth, (req, res) => {
  res.json({ key: jwt.sign({ sub: req.body.label }, key, { expiresIn: '90d' }) });
});`;
    expect(reasonsOf(text)).toEqual([SIGNED_IN_USER_REASON]);
  });

  it('gives a login that also signs a refresh token its own reason', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  const accessToken = jwt.sign({ sub: user.id }, key, { expiresIn: '15m' });
  const refreshToken = jwt.sign({ sub: user.id }, refreshKey, { expiresIn: '14d' });
  res.json({ accessToken, refreshToken });
});`;
    expect(reasonsOf(text)).toEqual([LOGIN_WITH_REFRESH_TOKEN_REASON, LOGIN_WITH_REFRESH_TOKEN_REASON]);
  });

  it('keeps the refresh-endpoint reason for a refresh route', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/token', (req, res) => {
  const claims = jwt.verify(req.cookies.refreshToken, key, { algorithms: ['HS256'] });
  res.json({ token: jwt.sign({ sub: claims.sub }, key, { expiresIn: '30m' }) });
});`;
    const reasons = reasonsOf(text);
    expect(reasons).toHaveLength(2);
    for (const reason of reasons) expect(reason?.startsWith('refresh-token endpoint')).toBe(true);
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
