import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../rules/secure-session-cookie.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options that the typed test cases accept.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

ruleTester.run('secure-session-cookie', rule, {
  valid: [
    // Cookie options in a constant that a call may change are not checked.
    {
      code: `const session = require('express-session');\nconst cookie = { secure: false };\nconfigure(cookie);\napp.use(session({ secret: process.env.SECRET, store, cookie }));`,
      languageOptions: cjs,
    },
    // ---- express-session with safe flags ----
    {
      code: `const session = require('express-session');\napp.use(session({ secret: process.env.SECRET, cookie: { secure: true, sameSite: 'lax' } }));`,
      languageOptions: cjs,
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { secure: 'auto', sameSite: 'strict', httpOnly: true } }));`,
      filename: FILENAMES.ts,
    },
    // secure set only in production, the pattern express-session documents.
    {
      code: [
        `const session = require('express-session');`,
        `const sess = { secret: process.env.SECRET, cookie: { sameSite: 'lax' } };`,
        `if (app.get('env') === 'production') {`,
        `  app.set('trust proxy', 1);`,
        `  sess.cookie.secure = true;`,
        `}`,
        `app.use(session(sess));`,
      ].join('\n'),
      languageOptions: cjs,
    },
    // secure: false in the literal, switched on by a later write.
    {
      code: `import session from 'express-session';\nconst options = { cookie: { secure: false, sameSite: 'lax' } };\nif (isProduction) options.cookie.secure = true;\napp.use(session(options));`,
    },
    // Options from a parameter or an import cannot be followed.
    {
      code: `const session = require('express-session');\nmodule.exports = (options) => session(options);`,
      languageOptions: cjs,
    },
    {
      code: `import session from 'express-session';\nimport { sessionOptions } from './config';\napp.use(session(sessionOptions));`,
    },
    {
      code: `import session from 'express-session';\nimport { cookieOptions } from './config';\napp.use(session({ secret: key, cookie: cookieOptions }));`,
    },
    // The options object is handed to another function that may set the flags.
    {
      code: `import session from 'express-session';\nconst options = { secret: key };\napplyProductionSettings(options);\napp.use(session(options));`,
    },
    // A spread of unknown options may carry the flags.
    {
      code: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { ...baseCookie } }));`,
    },
    // ---- cookie-session: httpOnly defaults to true ----
    {
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'session', keys, secure: true, sameSite: 'lax' }));`,
      languageOptions: cjs,
    },
    // ---- res.cookie ----
    {
      code: `app.post('/login', (req, res) => { res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'strict' }); });`,
    },
    // Not a credential cookie.
    {
      code: `app.get('/', (req, res) => { res.cookie('theme', 'dark'); });`,
    },
    {
      code: `app.get('/', (req, res) => { res.cookie('csrfToken', csrfToken); });`,
    },
    // Options from elsewhere.
    {
      code: `app.post('/login', (req, res) => { res.cookie('jwt', token, cookieOptions); });`,
    },
    // Deleting a cookie with an empty value.
    {
      code: `app.post('/logout', (req, res) => {\n  res.cookie('token', '', { expires: new Date(0) });\n  res.cookie('jwt', null, { maxAge: 0 });\n  res.cookie('refresh_token', undefined);\n  res.end();\n});`,
    },
    // ---- options ----
    {
      code: `app.post('/login', (req, res) => { res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'none' }); });`,
      options: [{ allowSameSiteNone: true }],
    },
    {
      code: `app.post('/login', (req, res) => { res.cookie('token', token); });`,
      options: [{ allowedCookieNames: ['token'] }],
    },
    // ---- look-alikes ----
    // A local function called `session`.
    {
      code: `function session(options) { return options; }\napp.use(session({ secret: 'x' }));`,
    },
    // A package with a similar name.
    {
      code: `const session = require('express-sessions');\napp.use(session({ secret: key }));`,
      languageOptions: cjs,
    },
    // A shadowed `require`.
    {
      code: `function load(require) {\n  const session = require('express-session');\n  return session({ secret: key });\n}`,
      languageOptions: cjs,
    },
    // jquery-cookie writes in the browser, where no script can set `httpOnly`.
    {
      code: `$.cookie('token', token);\njQuery.cookie('jwt', response.jwt, { path: '/' });`,
    },
    // cookie-parser has no cookie of its own.
    {
      code: `const cookieParser = require('cookie-parser');\napp.use(cookieParser(process.env.COOKIE_SECRET));`,
      languageOptions: cjs,
    },
    // Known limitation: options built by a function call are not followed.
    {
      code: `import session from 'express-session';\napp.use(session(buildSessionOptions()));`,
    },
    // Known limitation: a response cookie whose name and value are not named like a credential.
    {
      code: `app.post('/login', (req, res) => { res.cookie('sid', createToken(user)); });`,
    },
  ],
  invalid: [
    // Cookie options in a same-file constant, named or shorthand.
    {
      code: `const session = require('express-session');\nconst cookieOptions = { secure: false, httpOnly: false, sameSite: 'none' };\napp.use(session({ secret: process.env.SECRET, store, cookie: cookieOptions }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: {
            cookie: 'the express-session cookie',
            problems: '`secure` is false, `httpOnly` is false, `sameSite` allows cross-site requests',
            risks: 'travel over plain HTTP, be read by scripts or be sent with cross-site requests',
          },
          line: 3,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              data: { flags: '`secure`, `httpOnly`, `sameSite`' },
              output: `const session = require('express-session');\nconst cookieOptions = { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" };\napp.use(session({ secret: process.env.SECRET, store, cookie: cookieOptions }));`,
            },
          ],
        },
      ],
    },
    {
      code: `const session = require('express-session');\nconst cookie = { httpOnly: true, secure: true, sameSite: 'none' };\napp.use(session({ secret: process.env.SECRET, store, cookie }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the express-session cookie', problems: '`sameSite` allows cross-site requests', risks: 'be sent with cross-site requests' },
          line: 3,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              data: { flags: '`sameSite`' },
              output: `const session = require('express-session');\nconst cookie = { httpOnly: true, secure: true, sameSite: "lax" };\napp.use(session({ secret: process.env.SECRET, store, cookie }));`,
            },
          ],
        },
      ],
    },
    // ---- express-session import forms ----
    {
      code: `const session = require('express-session');\napp.use(session({ secret: process.env.SECRET }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the express-session cookie', problems: '`secure` is not set, `sameSite` is not set', risks: 'travel over plain HTTP or be sent with cross-site requests' },
          line: 2,
          column: 17,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              data: { flags: '`secure`, `sameSite`' },
              output: `const session = require('express-session');\napp.use(session({ secret: process.env.SECRET, cookie: { secure: process.env.NODE_ENV === "production", sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { maxAge: 60000 } }));`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { maxAge: 60000, secure: process.env.NODE_ENV === "production", sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import { default as createSession } from 'express-session';\napp.use(createSession({ cookie: { secure: true } }));`,
      filename: FILENAMES.mjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the express-session cookie', problems: '`sameSite` is not set', risks: 'be sent with cross-site requests' },
          line: 2,
          column: 23,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import { default as createSession } from 'express-session';\napp.use(createSession({ cookie: { secure: true, sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as session from 'express-session';\napp.use(session({ cookie: { secure: true } }));`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import * as session from 'express-session';\napp.use(session({ cookie: { secure: true, sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import session = require('express-session');\napp.use(session({ cookie: { sameSite: 'lax' } }));`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the express-session cookie', problems: '`secure` is not set', risks: 'travel over plain HTTP' },
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import session = require('express-session');\napp.use(session({ cookie: { sameSite: 'lax', secure: process.env.NODE_ENV === "production" } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `const { default: makeSession } = require('express-session');\napp.use(makeSession({ cookie: { sameSite: 'lax' } }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 2,
          column: 21,
          suggestions: [{ messageId: 'setSafeFlags', output: `const { default: makeSession } = require('express-session');\napp.use(makeSession({ cookie: { sameSite: 'lax', secure: process.env.NODE_ENV === "production" } }));` }],
        },
      ],
    },
    // A local alias of the imported function.
    {
      code: `import session from 'express-session';\nconst middleware = session;\napp.use(middleware({ cookie: { sameSite: 'lax' } }));`,
      filename: FILENAMES.jsx,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 3,
          column: 20,
          suggestions: [{ messageId: 'setSafeFlags', output: `import session from 'express-session';\nconst middleware = session;\napp.use(middleware({ cookie: { sameSite: 'lax', secure: process.env.NODE_ENV === "production" } }));` }],
        },
      ],
    },
    // require() called in place.
    {
      code: `app.use(require('express-session')({ secret: key, cookie: { sameSite: 'lax' } }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 1,
          column: 36,
          suggestions: [{ messageId: 'setSafeFlags', output: `app.use(require('express-session')({ secret: key, cookie: { sameSite: 'lax', secure: process.env.NODE_ENV === "production" } }));` }],
        },
      ],
    },
    // No options at all.
    {
      code: `import session from 'express-session';\napp.use(session());`,
      filename: FILENAMES.tsx,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 2,
          column: 9,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import session from 'express-session';\napp.use(session({ cookie: { secure: process.env.NODE_ENV === "production", sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    // ---- unsafe values, one report per options object ----
    {
      code: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { secure: false, httpOnly: false, sameSite: 'none' } }));`,
      errors: [
        {
          messageId: 'insecureCookie',
          data: {
            cookie: 'the express-session cookie',
            problems: '`secure` is false, `httpOnly` is false, `sameSite` allows cross-site requests', risks: 'travel over plain HTTP, be read by scripts or be sent with cross-site requests',
          },
          line: 2,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              data: { flags: '`secure`, `httpOnly`, `sameSite`' },
              output: `import session from 'express-session';\napp.use(session({ secret: key, cookie: { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" } }));`,
            },
          ],
        },
      ],
    },
    // The suggestion reuses the production check the file already makes.
    {
      code: [
        `const express = require('express');`,
        `const session = require('express-session');`,
        `const app = express();`,
        `const isProduction = app.get('env') === 'production';`,
        `app.use(session({`,
        `  secret: process.env.SECRET,`,
        `  resave: false,`,
        `}));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: [
                `const express = require('express');`,
                `const session = require('express-session');`,
                `const app = express();`,
                `const isProduction = app.get('env') === 'production';`,
                `app.use(session({`,
                `  secret: process.env.SECRET,`,
                `  resave: false,`,
                `  cookie: { secure: isProduction, sameSite: "lax" },`,
                `}));`,
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      code: [
        `const session = require('express-session');`,
        `const app = require('express')();`,
        `if (app.get('env') === 'production') app.set('trust proxy', 1);`,
        `app.use(session({`,
        `  secret: process.env.SECRET,`,
        `  cookie: { sameSite: 'lax' }`,
        `}));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 4,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: [
                `const session = require('express-session');`,
                `const app = require('express')();`,
                `if (app.get('env') === 'production') app.set('trust proxy', 1);`,
                `app.use(session({`,
                `  secret: process.env.SECRET,`,
                `  cookie: { sameSite: 'lax', secure: app.get('env') === 'production' }`,
                `}));`,
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // The options live in a constant, and a later write does not touch the missing flag.
    {
      code: [
        `const session = require('express-session');`,
        `const sess = {`,
        `  secret: process.env.SECRET,`,
        `  cookie: {},`,
        `};`,
        `if (app.get('env') === 'production') {`,
        `  sess.cookie.secure = true;`,
        `}`,
        `app.use(session(sess));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the express-session cookie', problems: '`sameSite` is not set', risks: 'be sent with cross-site requests' },
          line: 9,
          column: 17,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: [
                `const session = require('express-session');`,
                `const sess = {`,
                `  secret: process.env.SECRET,`,
                `  cookie: { sameSite: "lax" },`,
                `};`,
                `if (app.get('env') === 'production') {`,
                `  sess.cookie.secure = true;`,
                `}`,
                `app.use(session(sess));`,
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // A later write that sets an unsafe value.
    {
      code: `import session from 'express-session';\nconst options = { cookie: { secure: true, sameSite: 'lax' } };\noptions.cookie.sameSite = 'none';\napp.use(session(options));`,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 4,
          column: 17,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import session from 'express-session';\nconst options = { cookie: { secure: true, sameSite: 'lax' } };\noptions.cookie.sameSite = "lax";\napp.use(session(options));`,
            },
          ],
        },
      ],
    },
    // ---- cookie-session ----
    {
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'session', keys: [process.env.KEY] }));`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the cookie-session cookie', problems: '`secure` is not set, `sameSite` is not set', risks: 'travel over plain HTTP or be sent with cross-site requests' },
          line: 2,
          column: 23,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'session', keys: [process.env.KEY], secure: process.env.NODE_ENV === "production", sameSite: "lax" }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ keys, secure: true, sameSite: 'lax', httpOnly: false }));`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the cookie-session cookie', problems: '`httpOnly` is false', risks: 'be read by scripts' },
          line: 2,
          column: 23,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ keys, secure: true, sameSite: 'lax', httpOnly: true }));`,
            },
          ],
        },
      ],
    },
    // ---- res.cookie ----
    // A local `$` is not jQuery.
    {
      code: `function login(req, $) {\n  $.cookie('token', token);\n}`,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `function login(req, $) {\n  $.cookie('token', token, { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" });\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `app.post('/login', (req, res) => {\n  res.cookie('token', token);\n});`,
      errors: [
        {
          messageId: 'insecureCookie',
          data: {
            cookie: 'the `token` cookie',
            problems: '`secure` is not set, `httpOnly` is not set, `sameSite` is not set', risks: 'travel over plain HTTP, be read by scripts or be sent with cross-site requests',
          },
          line: 2,
          column: 3,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              data: { flags: '`secure`, `httpOnly`, `sameSite`' },
              output: `app.post('/login', (req, res) => {\n  res.cookie('token', token, { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" });\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `export function login(req, res) {\n  res.cookie('jwt', signed, { httpOnly: true });\n}`,
      filename: FILENAMES.ts,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the `jwt` cookie', problems: '`secure` is not set, `sameSite` is not set', risks: 'travel over plain HTTP or be sent with cross-site requests' },
          line: 2,
          column: 29,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `export function login(req, res) {\n  res.cookie('jwt', signed, { httpOnly: true, secure: process.env.NODE_ENV === "production", sameSite: "lax" });\n}`,
            },
          ],
        },
      ],
    },
    // The value is named like a credential.
    {
      code: `router.post('/refresh', (req, res) => {\n  res.cookie('rt', tokens.refreshToken, { httpOnly: true, secure: true });\n});`,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the `rt` cookie', problems: '`sameSite` is not set', risks: 'be sent with cross-site requests' },
          line: 2,
          column: 41,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `router.post('/refresh', (req, res) => {\n  res.cookie('rt', tokens.refreshToken, { httpOnly: true, secure: true, sameSite: "lax" });\n});`,
            },
          ],
        },
      ],
    },
    // The value is a signed JWT.
    {
      code: `const jwt = require('jsonwebtoken');
app.post('/login', (req, res) => {
  const signed = jwt.sign({ sub: user.id }, process.env.KEY);
  res.cookie('sid', signed, { httpOnly: true, sameSite: 'lax' });
});`,
      languageOptions: cjs,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the `sid` cookie', problems: '`secure` is not set', risks: 'travel over plain HTTP' },
          line: 4,
          column: 29,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `const jwt = require('jsonwebtoken');
app.post('/login', (req, res) => {
  const signed = jwt.sign({ sub: user.id }, process.env.KEY);
  res.cookie('sid', signed, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === "production" });
});`,
            },
          ],
        },
      ],
    },
    // The name is a constant.
    {
      code: `const cookieName = 'access_token';\nconst cookieOptions = { httpOnly: true, secure: true, sameSite: 'none' };\nfunction login(req, res) { res.cookie(cookieName, value, cookieOptions); }`,
      errors: [
        {
          messageId: 'insecureCookie',
          data: { cookie: 'the `access_token` cookie', problems: '`sameSite` allows cross-site requests', risks: 'be sent with cross-site requests' },
          line: 3,
          column: 58,
          suggestions: [
            {
              messageId: 'setSafeFlags',
              output: `const cookieName = 'access_token';\nconst cookieOptions = { httpOnly: true, secure: true, sameSite: "lax" };\nfunction login(req, res) { res.cookie(cookieName, value, cookieOptions); }`,
            },
          ],
        },
      ],
    },
    {
      code: `function login(req, res) { res.cookie(AUTH_TOKEN_COOKIE, value); }`,
      filename: FILENAMES.tsx,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 1,
          column: 28,
          suggestions: [{ messageId: 'setSafeFlags', output: `function login(req, res) { res.cookie(AUTH_TOKEN_COOKIE, value, { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" }); }` }],
        },
      ],
    },
    {
      code: `app.post('/login', (req, res) => { res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'None' }); });`,
      errors: [
        {
          messageId: 'insecureCookie',
          line: 1,
          column: 63,
          suggestions: [{ messageId: 'setSafeFlags', output: `app.post('/login', (req, res) => { res.cookie('token', token, { httpOnly: true, secure: true, sameSite: "lax" }); });` }],
        },
      ],
    },
    {
      code: `app.post('/login', (req, res) => { res.cookie('session', value); });`,
      options: [{ extraCredentialPatterns: ['^session$'] }],
      errors: [
        {
          messageId: 'insecureCookie',
          line: 1,
          column: 36,
          suggestions: [{ messageId: 'setSafeFlags', output: `app.post('/login', (req, res) => { res.cookie('session', value, { secure: process.env.NODE_ENV === "production", httpOnly: true, sameSite: "lax" }); });` }],
        },
      ],
    },
  ],
});

describe('secure-session-cookie options', () => {
  const lint = (patterns: string[]): Linter.LintMessage[] =>
    new Linter().verify("res.cookie('app-sid', value);", {
      plugins: { sessions: { rules: { 'secure-session-cookie': rule } } } as never,
      rules: { 'sessions/secure-session-cookie': ['error', { extraCredentialPatterns: patterns }] },
    });

  it('rejects a pattern that does not compile', () => {
    expect(() => lint(['('])).toThrow(/should match format "regex"/);
  });

  it('names a pattern invalid with the u flag', () => {
    expect(() => lint(['a\\_b'])).toThrow(/Invalid pattern "a\\\\_b" in the rule options/);
  });

  it('matches with a Unicode property escape', () => {
    expect(lint([]).map((message) => message.ruleId)).toEqual([]);
    expect(lint(['^\\p{L}+-sid$']).map((message) => message.ruleId)).toEqual(['sessions/secure-session-cookie']);
  });
});
