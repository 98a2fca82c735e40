import rule from '../../rules/no-memory-store.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
// CommonJS, set through the parser options that the typed test cases accept.
const cjs = { parserOptions: { sourceType: 'commonjs' } } as const;

ruleTester.run('no-memory-store', rule, {
  valid: [
    // ---- a real store ----
    {
      code: `const session = require('express-session');\nconst { ConnectSessionKnexStore } = require('connect-session-knex');\napp.use(session({ secret, store: new ConnectSessionKnexStore({ knex }) }));`,
      languageOptions: cjs,
    },
    {
      code: `import session from 'express-session';\nimport { RedisStore } from 'connect-redis';\napp.use(session({ store: new RedisStore({ client }), secret }));`,
      filename: FILENAMES.ts,
    },
    // Any store expression counts, including one built elsewhere.
    {
      code: `import session from 'express-session';\nimport { store } from './store';\napp.use(session({ store, secret }));`,
    },
    // The memorystore package is a pruning store of its own, not express-session's MemoryStore.
    {
      code: `const session = require('express-session');\nconst MemoryStore = require('memorystore')(session);\napp.use(session({ secret, store: new MemoryStore({ checkPeriod: 86400000 }) }));`,
      languageOptions: cjs,
    },
    // A store added to a constant later on.
    {
      code: `const session = require('express-session');\nconst options = { secret };\noptions.store = createStore();\napp.use(session(options));`,
      languageOptions: cjs,
    },
    // A real store on one path is a deliberate choice.
    {
      code: `import session from 'express-session';\nconst options = { secret, store: new session.MemoryStore() };\nif (process.env.NODE_ENV === 'production') options.store = new PgStore();\napp.use(session(options));`,
    },
    // ---- options that cannot be followed ----
    {
      code: `import session from 'express-session';\nconst args = [{ store, secret }];\napp.use(session(...args));`,
    },
    {
      code: `const session = require('express-session');\nmodule.exports = (options) => session(options);`,
      languageOptions: cjs,
    },
    {
      code: `import session from 'express-session';\nimport config from './config';\napp.use(session(config.session));`,
    },
    {
      code: `import session from 'express-session';\napp.use(session({ ...sharedOptions, secret }));`,
    },
    // ---- look-alikes ----
    // A dynamic import of another module.
    {
      code: `const { default: session } = await import('./session.js');\napp.use(session({ secret }));`,
      filename: FILENAMES.mjs,
    },
    {
      code: `function session(options) { return options; }\napp.use(session({ secret }));`,
    },
    {
      code: `const session = require('cookie-session');\napp.use(session({ keys }));`,
      languageOptions: cjs,
    },
    {
      code: `function setup(require) {\n  const session = require('express-session');\n  return session({ secret });\n}`,
      languageOptions: cjs,
    },
    // A class called MemoryStore that is not express-session's.
    {
      code: `import session from 'express-session';\nimport { MemoryStore } from './test-store';\napp.use(session({ secret, store: new MemoryStore() }));`,
    },
    // Known limitation: options built by a function call are not followed.
    {
      code: `import session from 'express-session';\napp.use(session(sessionOptions()));`,
    },
  ],
  invalid: [
    // ---- missing store, per import form ----
    {
      code: `const session = require('express-session');\napp.use(session({ secret: process.env.SECRET }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'missingStore', line: 2, column: 17, endColumn: 47 }],
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.SECRET, resave: false }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingStore', line: 2, column: 17 }],
    },
    {
      code: `import * as session from 'express-session';\napp.use(session({ secret }));`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'missingStore', line: 2, column: 17 }],
    },
    {
      code: `import { default as expressSession } from 'express-session';\napp.use(expressSession({ secret }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingStore', line: 2, column: 24 }],
    },
    {
      code: `import session = require('express-session');\napp.use(session({ secret }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'missingStore', line: 2, column: 17 }],
    },
    {
      code: `const createSession = require('express-session');\nconst middleware = createSession;\napp.use(middleware({ secret }));`,
      filename: FILENAMES.cjs,
      languageOptions: cjs,
      errors: [{ messageId: 'missingStore', line: 3, column: 20 }],
    },
    {
      code: `app.use(require('express-session')({ secret }));`,
      filename: FILENAMES.jsx,
      languageOptions: cjs,
      errors: [{ messageId: 'missingStore', line: 1, column: 36 }],
    },
    {
      code: `const { default: session } = await import('express-session');\napp.use(session({ secret }));`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'missingStore', line: 2, column: 17 }],
    },
    {
      code: `import session from 'express-session';\napp.use(session());`,
      errors: [{ messageId: 'missingStore', line: 2, column: 9, endColumn: 18 }],
    },
    // The options live in a constant that is changed later, but never gets a store.
    {
      code: [
        `const session = require('express-session');`,
        `const sess = { secret: process.env.SECRET, cookie: {} };`,
        `if (app.get('env') === 'production') {`,
        `  sess.cookie.secure = true;`,
        `}`,
        `app.use(session(sess));`,
      ].join('\n'),
      languageOptions: cjs,
      errors: [{ messageId: 'missingStore', line: 6, column: 17, endColumn: 21 }],
    },
    // `store: undefined` makes express-session create a MemoryStore.
    {
      code: `import session from 'express-session';\napp.use(session({ secret, store: undefined }));`,
      errors: [{ messageId: 'memoryStore', line: 2, column: 34 }],
    },
    // ---- MemoryStore itself ----
    {
      code: `const session = require('express-session');\napp.use(session({ secret, store: new session.MemoryStore() }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'memoryStore', line: 2, column: 34, endColumn: 59 }],
    },
    {
      code: `const session = require('express-session');\nconst { MemoryStore } = session;\nconst store = new MemoryStore();\napp.use(session({ secret, store }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'memoryStore', line: 4, column: 27 }],
    },
    {
      code: `const { MemoryStore: Store } = require('express-session');\nconst session = require('express-session');\napp.use(session({ secret, store: new Store() }));`,
      languageOptions: cjs,
      errors: [{ messageId: 'memoryStore', line: 3, column: 34 }],
    },
    {
      code: `import session, { MemoryStore } from 'express-session';\napp.use(session({ secret, store: new MemoryStore() }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'memoryStore', line: 2, column: 34 }],
    },
  ],
});
