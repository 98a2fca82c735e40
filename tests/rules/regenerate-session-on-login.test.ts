import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

import rule from '../../rules/regenerate-session-on-login.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options that the typed test cases accept.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

// Projects whose package.json decides whether passport regenerates the session at login.
const projectsRoot = mkdtempSync(join(tmpdir(), 'sessions-regenerate-test-'));
afterAll(() => {
  rmSync(projectsRoot, { recursive: true, force: true });
});

/** Writes a package.json that lists passport `range` and returns the path of a file in that project. */
function fileWithPassport(name: string, range: string): string {
  const folder = join(projectsRoot, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, dependencies: { passport: range, 'express-session': '^1.17.2' } }));
  return join(folder, 'routes.js');
}

const oldPassport = fileWithPassport('old-passport', '^0.4.1');
const newPassport = fileWithPassport('new-passport', '^0.6.0');
const taggedPassport = fileWithPassport('tagged-passport', 'latest');

/** A login through passport's `req.logIn` inside a custom `passport.authenticate` callback. */
const customCallbackLogin = [
  `const passport = require('passport');`,
  `const session = require('express-session');`,
  `module.exports.login = (req, res, next) => {`,
  `  passport.authenticate('local', (err, user) => {`,
  `    if (err || !user) return res.sendStatus(401);`,
  `    req.logIn(user, (err) => {`,
  `      if (err) return next(err);`,
  `      req.session.user = { id: user.id };`,
  `      res.send(req.session.user);`,
  `    });`,
  `  })(req, res, next);`,
  `};`,
].join('\n');

/** A route that runs after `passport.authenticate` logs the user in. */
const routeAfterAuthenticate = `const passport = require('passport');\napp.post('/login', passport.authenticate('local'), (req, res) => {\n  req.session.user = req.user;\n  res.redirect('/');\n});`;

ruleTester.run('regenerate-session-on-login', rule, {
  valid: [
    // ---- regenerated first ----
    {
      code: [
        `app.post('/login', (req, res, next) => {`,
        `  req.session.regenerate((err) => {`,
        `    if (err) return next(err);`,
        `    req.session.userId = user.id;`,
        `    req.session.save(() => res.redirect('/'));`,
        `  });`,
        `});`,
      ].join('\n'),
    },
    {
      code: [
        `router.post('/login', async (req, res) => {`,
        `  const user = await authenticate(req.body);`,
        `  await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));`,
        `  req.session.user = { id: user.id, role: user.role };`,
        `  res.sendStatus(204);`,
        `});`,
      ].join('\n'),
      filename: FILENAMES.ts,
    },
    {
      code: [
        `const { promisify } = require('node:util');`,
        `exports.login = async (req, res) => {`,
        `  await promisify(req.session.regenerate.bind(req.session))();`,
        `  req.session.userId = res.locals.user.id;`,
        `  res.end();`,
        `};`,
      ].join('\n'),
      languageOptions: cjs,
    },
    // A helper named after regeneration runs first.
    {
      code: `app.post('/login', async (req, res) => {\n  await regenerateSession(req);\n  req.session.userId = user.id;\n  res.end();\n});`,
    },
    // ---- passport's login regenerates the session ----
    {
      code: `app.post('/login', (req, res, next) => {\n  req.login(user, (err) => {\n    if (err) return next(err);\n    req.session.role = user.role;\n    res.redirect('/');\n  });\n});`,
    },
    {
      code: `export async function login(req: Request, res: Response) {\n  req.logIn(user, () => res.end());\n  req.session.email = user.email;\n}`,
      filename: FILENAMES.ts,
    },
    // A route handler that runs after passport.authenticate, which logs in through req.logIn.
    {
      code: `const passport = require('passport');\napp.get('/auth/google/callback', passport.authenticate('google', { failureRedirect: '/login' }), (req, res) => {\n  req.session.user = req.user;\n  res.redirect('/');\n});`,
      languageOptions: cjs,
    },
    {
      code: `import passport from 'passport';\nrouter.post('/login', passport.authenticate('local'), function (req: Request, res: Response) {\n  req.session.username = req.user!.username;\n  res.json({ ok: true });\n});`,
      filename: FILENAMES.ts,
    },
    // A passport instance the file receives as a parameter or from a project file.
    {
      code: `module.exports = (app, passport) => {\n  app.post('/login', passport.authenticate('local'), (req, res) => {\n    req.session.user = req.user;\n    res.redirect('/');\n  });\n};`,
      languageOptions: cjs,
    },
    {
      code: `const passport = require('./config/passport');\napp.post('/login', passport.authenticate('local'), (req, res) => {\n  req.session.user = req.user;\n  res.redirect('/');\n});`,
      languageOptions: cjs,
    },
    {
      code: `import passport from '../auth/passport';\napp.post('/login', passport.authenticate('local'), (req, res) => {\n  req.session.user = req.user;\n  res.redirect('/');\n});`,
    },
    // ---- passport 0.6 and later regenerate the session at login ----
    { code: customCallbackLogin, filename: newPassport, languageOptions: cjs },
    { code: routeAfterAuthenticate, filename: newPassport, languageOptions: cjs },
    // A version that cannot be read keeps passport's login accepted.
    { code: customCallbackLogin, filename: taggedPassport, languageOptions: cjs },
    { code: routeAfterAuthenticate, filename: taggedPassport, languageOptions: cjs },
    // Regenerating before an old passport's login protects it.
    {
      code: [
        `app.post('/login', (req, res, next) => {`,
        `  req.session.regenerate((err) => {`,
        `    if (err) return next(err);`,
        `    req.login(user, () => res.end());`,
        `  });`,
        `});`,
      ].join('\n'),
      filename: oldPassport,
    },
    // passport.authenticate without a session does not log in to it.
    {
      code: `const passport = require('passport');\napp.get('/api', passport.authenticate('bearer', { session: false }), (req, res) => {\n  res.json(req.user);\n});`,
      filename: oldPassport,
      languageOptions: cjs,
    },
    // ---- writes that are not an identity ----
    {
      code: `app.get('/', (req, res) => {\n  req.session.views = (req.session.views ?? 0) + 1;\n  req.session.cart = [];\n  req.session.returnTo = req.originalUrl;\n  res.end();\n});`,
    },
    // Logging out clears the identity.
    {
      code: `app.post('/logout', (req, res) => {\n  req.session.user = null;\n  req.session.loggedIn = false;\n  req.session.userId = undefined;\n  res.end();\n});`,
    },
    // ---- updates of the user a session already holds ----
    {
      code: [
        `app.put('/profile', async (req, res) => {`,
        `  const user = await users.update(req.session.userId, req.body);`,
        `  req.session.user = { ...req.session.user, name: user.name };`,
        `  req.session.username = user.username;`,
        `  res.json(user);`,
        `});`,
      ].join('\n'),
    },
    {
      code: [
        `import type { Request, Response } from 'express';`,
        `export function changeEmail(req: Request, res: Response) {`,
        `  if (!req.session.user) {`,
        `    return res.sendStatus(401);`,
        `  }`,
        `  req.session.email = req.body.email;`,
        `  res.end();`,
        `}`,
      ].join('\n'),
      filename: FILENAMES.ts,
    },
    // ---- writes for a user that passport has already authenticated ----
    {
      code: [
        `const session = require('express-session');`,
        `app.get('/me', (req, res) => {`,
        `  if (!req.isAuthenticated()) return res.sendStatus(401);`,
        `  req.session.user = { id: req.user.id, name: req.user.name };`,
        `  res.json(req.session.user);`,
        `});`,
      ].join('\n'),
      languageOptions: cjs,
    },
    {
      code: [
        `const session = require('express-session');`,
        `module.exports = {`,
        `  async getUser(req, res) {`,
        `    if (req.user) {`,
        `      req.session.user = { id: req.user.id, name: req.user.name };`,
        `      res.send(req.session.user);`,
        `    } else {`,
        `      res.sendStatus(401);`,
        `    }`,
        `  },`,
        `};`,
      ].join('\n'),
      languageOptions: cjs,
    },
    // Linking a Google account to the user who is already logged in.
    {
      code: [
        `const passport = require('passport');`,
        `const GoogleStrategy = require('passport-google-oauth20').Strategy;`,
        `passport.use(new GoogleStrategy({ passReqToCallback: true }, (req, accessToken, refreshToken, profile, done) => {`,
        `  if (req.user) {`,
        `    User.findById(req.user.id).then((user) => {`,
        `      user.googleId = profile.id;`,
        `      req.session.user = { id: user.id, name: user.name };`,
        `      done(null, user);`,
        `    });`,
        `  } else {`,
        `    done(null, false);`,
        `  }`,
        `}));`,
      ].join('\n'),
      languageOptions: cjs,
    },
    {
      code: [
        `import type { Request, Response } from 'express';`,
        `export function refresh(req: Request, res: Response) {`,
        `  if (req.isUnauthenticated() || !req.body) {`,
        `    throw new Error('Not logged in');`,
        `  }`,
        `  req.session.username = req.user!.username;`,
        `  res.end();`,
        `}`,
      ].join('\n'),
      filename: FILENAMES.ts,
    },
    {
      code: `app.get('/me', (req, res) => {
  if (!req.user) {
    res.sendStatus(401);
  } else {
    req.session.email = req.user.email;
    res.end();
  }
});`,
    },
    // ---- not a request ----
    {
      code: `function remember(store, user) {\n  store.session.userId = user.id;\n}`,
    },
    // Koa's context is not an Express request.
    {
      code: `router.post('/login', async (ctx, next) => {\n  ctx.session.userId = ctx.state.user.id;\n  await next();\n});`,
    },
    // cookie-session keeps the data in the signed cookie, with no server-side id to fix.
    {
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys }));\napp.post('/login', (req, res) => {\n  req.session.user = user;\n  res.end();\n});`,
      languageOptions: cjs,
    },
    {
      code: `import cookieSession = require('cookie-session');\napp.use(cookieSession({ keys }));\napp.post('/login', (req, res) => {\n  req.session.user = user;\n  res.end();\n});`,
      filename: FILENAMES.ts,
    },
    // Bundlers call `require` through a sequence expression.
    {
      code: `const cookieSession = (0, require)('cookie-session');\napp.use(cookieSession({ keys }));\napp.post('/login', (req, res) => {\n  req.session.user = user;\n  res.end();\n});`,
      languageOptions: cjs,
    },
    // The library is found wherever the file loads it, here after the handler.
    {
      code: `app.post('/login', (req, res) => {\n  req.session.user = user;\n  res.end();\n});\nasync function setup() {\n  const { default: cookieSession } = await import('cookie-session');\n  app.use(cookieSession({ keys }));\n}`,
    },
    // A helper that the file only calls inside the regenerate callback.
    {
      code: [
        `function establishSession(req, user) {`,
        `  req.session.userId = user.id;`,
        `}`,
        `app.post('/login', (req, res) => {`,
        `  req.session.regenerate(() => {`,
        `    establishSession(req, user);`,
        `    res.end();`,
        `  });`,
        `});`,
      ].join('\n'),
    },
    // Known limitation: switching a session that holds a user to another user under a data key looks like an update.
    {
      code: `app.post('/impersonate/:id', async (req, res) => {\n  if (!req.session.user?.isAdmin) return res.sendStatus(403);\n  req.session.user = await users.find(req.params.id);\n  res.end();\n});`,
    },
    // Known limitation: a write through an alias of the session object is not followed.
    {
      code: `app.post('/login', (req, res) => {\n  const session = req.session;\n  session.userId = user.id;\n  res.end();\n});`,
    },
    // Known limitation: a destructured request is not followed.
    {
      code: `app.post('/login', ({ session, body }, res) => {\n  session.userId = body.id;\n  res.end();\n});`,
    },
  ],
  invalid: [
    // ---- passport before 0.6 keeps the session id at login ----
    {
      code: customCallbackLogin,
      filename: oldPassport,
      languageOptions: cjs,
      errors: [{ messageId: 'passportKeepsSessionId', data: { request: 'req', range: '^0.4.1' }, line: 6, column: 5, endColumn: 14 }],
    },
    {
      code: routeAfterAuthenticate,
      filename: oldPassport,
      languageOptions: cjs,
      errors: [{ messageId: 'passportKeepsSessionId', data: { request: 'req', range: '^0.4.1' }, line: 3, column: 3, endColumn: 19 }],
    },
    // A login that writes nothing else to the session, in a file that never names the session.
    {
      code: `app.post('/login', (req, res, next) => {\n  req.login(req.body.user, (err) => (err ? next(err) : res.sendStatus(204)));\n});`,
      filename: oldPassport,
      errors: [{ messageId: 'passportKeepsSessionId', data: { request: 'req', range: '^0.4.1' }, line: 2, column: 3 }],
    },
    // The report on the login call covers the other identity writes of the handler.
    {
      code: `app.post('/login', (req, res) => {\n  req.session.userId = user.id;\n  req.logIn(user, () => res.end());\n});`,
      filename: oldPassport,
      errors: [{ messageId: 'passportKeepsSessionId', data: { request: 'req', range: '^0.4.1' }, line: 3, column: 3 }],
    },
    {
      code: [
        `exports.signin = (req, res) => {`,
        `  User.findOne({ username: req.body.username }).then((user) => {`,
        `    req.session.userId = user.id;`,
        `    res.send({ id: user.id });`,
        `  });`,
        `};`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [
        {
          messageId: 'regenerateBeforeLogin',
          data: { request: 'req', key: 'userId' },
          line: 3,
          column: 5,
          endColumn: 23,
        },
      ],
    },
    {
      code: `const express = require('express');\nconst router = express.Router();\nrouter.post('/login', function (req, res) {\n  req.session.user = authenticate(req.body);\n  res.redirect('/');\n});`,
      filename: FILENAMES.cjs,
      languageOptions: cjs,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 4, column: 3, endColumn: 19 }],
    },
    {
      code: `import type { Request, Response } from 'express';\nexport async function login(req: Request, res: Response) {\n  const account = await findAccount(req.body);\n  req.session.accountId = account.id;\n  res.sendStatus(204);\n}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'accountId' }, line: 4, column: 3 }],
    },
    {
      code: `app.post('/login', (request, reply) => {\n  request.session['isAdmin'] = true;\n  reply.send();\n});`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'request', key: 'isAdmin' }, line: 2, column: 3 }],
    },
    // Writes through TypeScript wrappers.
    {
      code: `import type { Request, Response } from 'express';\napp.post('/login', (req: Request, res: Response) => {\n  (req.session as any).user = { id: 1 };\n  req.session!.userId = 1;\n  Object.assign(req.session as Record<string, unknown>, { role: 'member' });\n  res.end();\n});`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 3 },
        { messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 4, column: 3 },
        { messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'role' }, line: 5, column: 59 },
      ],
    },
    // Object.assign: the report lands on the identity property.
    {
      code: `app.post('/login', (req, res) => {\n  Object.assign(req.session, { theme: 'dark', userId: user.id });\n  res.end();\n});`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 2, column: 47, endColumn: 62 }],
    },
    {
      code: `app.post('/login', (req, res) => {\n  req.session.passport = { user: user.id };\n  res.end();\n});`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'passport' }, line: 2, column: 3 }],
    },
    // Regenerating after the write does not help: the write is lost or the old id stays.
    {
      code: `app.post('/login', (req, res) => {\n  req.session.loggedIn = true;\n  req.session.regenerate(() => res.end());\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'loggedIn' }, line: 2, column: 3 }],
    },
    // A regenerate in another handler does not protect this one.
    {
      code: [
        `app.post('/refresh', (req, res) => {`,
        `  req.session.regenerate(() => res.end());`,
        `});`,
        `app.post('/login', (req, res) => {`,
        `  req.session.current_user = user;`,
        `  res.end();`,
        `});`,
      ].join('\n'),
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'current_user' }, line: 5, column: 3 }],
    },
    // A helper called outside any regeneration.
    {
      code: [
        `function establishSession(req, user) {`,
        `  req.session.username = user.name;`,
        `}`,
        `app.post('/login', (req, res) => {`,
        `  establishSession(req, user);`,
        `  res.end();`,
        `});`,
      ].join('\n'),
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'username' }, line: 2, column: 3 }],
    },
    // A key the project names itself.
    {
      code: `app.post('/login', (req, res) => {\n  req.session.tenant = tenant.id;\n  res.end();\n});`,
      options: [{ extraIdentityKeys: ['tenant'] }],
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'tenant' }, line: 2, column: 3 }],
    },
    // A route that returns early for a logged-in session logs in anonymous ones.
    {
      code: `app.post('/login', async (req, res) => {\n  if (req.session.user) return res.redirect('/');\n  req.session.user = await authenticate(req.body);\n  res.redirect('/');\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 3 }],
    },
    // Changing the id or the role of a logged-in session is a privilege change that needs a new id.
    {
      code: [
        `app.post('/impersonate/:id', (req, res) => {`,
        `  if (!req.session.isAdmin) return res.sendStatus(403);`,
        `  req.session.originalUser = req.session.user;`,
        `  req.session.userId = req.params.id;`,
        `  req.session.role = 'support';`,
        `  res.end();`,
        `});`,
      ].join('\n'),
      errors: [
        { messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 4, column: 3 },
        { messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'role' }, line: 5, column: 3 },
      ],
    },
    // A guard in a condition with other operands tells nothing about the session.
    {
      code: `app.post('/login', (req, res) => {\n  if (!req.session.user && req.body.name) {\n    req.session.user = { name: req.body.name };\n  }\n  res.end();\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 5 }],
    },
    // A write in the branch for a user who is not logged in yet is a login.
    {
      code: [
        `app.post('/login', async (req, res) => {`,
        `  if (!req.user) {`,
        `    req.session.user = await authenticate(req.body);`,
        `  }`,
        `  res.redirect('/');`,
        `});`,
      ].join('\n'),
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 5 }],
    },
    {
      code: `app.post('/login', (req, res) => {
  if (req.isAuthenticated()) return res.redirect('/');
  req.session.user = checkPassword(req.body);
  res.end();
});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 3 }],
    },
    // A strategy callback that creates the session for a new login.
    {
      code: [
        `const passport = require('passport');`,
        `const session = require('express-session');`,
        `passport.use(new GoogleStrategy({ passReqToCallback: true }, (req, accessToken, refreshToken, profile, done) => {`,
        `  if (req.user) return done(null, req.user);`,
        `  User.findOrCreate({ googleId: profile.id }).then((user) => {`,
        `    req.session.user = { id: user.id, name: user.name };`,
        `    done(null, user);`,
        `  });`,
        `}));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 6, column: 5 }],
    },
    // A check with another operand does not prove that a user is logged in.
    {
      code: `app.post('/login', (req, res) => {
  if (req.user || req.body.guest) {
    req.session.user = { name: req.body.name };
  }
  res.end();
});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 3, column: 5 }],
    },
    // An authenticated user still needs a new id when the session changes who they are.
    {
      code: `app.post('/switch', (req, res) => {
  if (!req.isAuthenticated()) return res.sendStatus(401);
  req.session.userId = req.body.id;
  res.end();
});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 3, column: 3 }],
    },
    // The check must be on the same request.
    {
      code: `app.post('/login', (req, res) => {
  const other = getRequest();
  if (!other.user) return res.sendStatus(401);
  req.session.user = checkPassword(req.body);
  res.end();
});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'user' }, line: 4, column: 3 }],
    },
    // passport.authenticate without sessions does not log in to the session.
    {
      code: `import passport from 'passport';\napp.post('/token', passport.authenticate('local', { session: false }), (req, res) => {\n  req.session.userId = req.user.id;\n  res.end();\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 3, column: 3 }],
    },
    // A received passport used without sessions does not log in to the session.
    {
      code: `const passport = require('./config/passport');\napp.post('/token', passport.authenticate('jwt', { session: false }), (req, res) => {\n  req.session.userId = req.user.id;\n  res.end();\n});`,
      languageOptions: cjs,
      errors: [{ messageId: 'regenerateBeforeLogin', line: 3 }],
    },
    // A local object named passport is not the library.
    {
      code: `const passport = { authenticate: () => (req, res, next) => next() };\napp.post('/login', passport.authenticate('local'), (req, res) => {\n  req.session.userId = req.body.id;\n  res.end();\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'userId' }, line: 3, column: 3 }],
    },
    // express-session next to cookie-session still has ids to fix.
    {
      code: `import session from 'express-session';\nimport cookieSession from 'cookie-session';\napp.post('/login', (req, res) => {\n  req.session.roles = user.roles;\n  res.end();\n});`,
      errors: [{ messageId: 'regenerateBeforeLogin', data: { request: 'req', key: 'roles' }, line: 4, column: 3 }],
    },
  ],
});
