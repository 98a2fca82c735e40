/**
 * Runs small Express apps migrated by jwt-to-session on 127.0.0.1 and checks that they load, log in with a
 * session cookie and keep serving their other routes. Most use the memory store. The login through
 * sqlite3-style callbacks uses the default store, connect-session-knex on an SQLite file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Express } from 'express';
import jscodeshift from 'jscodeshift';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import transform from '../../codemods/jwt-to-session.js';
import { getSetCookies, linkNodeModules, listenOnLoopback, loadFresh } from '../e2e/harness.js';

let directory: string;
const previousSecret = process.env.SESSION_SECRET;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-server-'));
  linkNodeModules(directory);
  process.env.SESSION_SECRET = 'codemod-test-session-secret';
});

afterAll(() => {
  if (previousSecret === undefined) Reflect.deleteProperty(process.env, 'SESSION_SECRET');
  else process.env.SESSION_SECRET = previousSecret;
  rmSync(directory, { recursive: true, force: true });
});

/** Runs the transform on `source` as `<name>.js` and returns its output (undefined when unchanged) with the reports. */
function runTransform(name: string, source: string, store: string): { output: string | undefined; reports: string[] } {
  const path = join(directory, `${name}.js`);
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path, source }, api as never, { store });
  return { output, reports };
}

/** Migrates `source` as `<name>.js` (with the memory store by default), writes the result and returns it with the reports. */
function migrate(name: string, source: string, store = 'memory'): { output: string; reports: string[] } {
  const { output, reports } = runTransform(name, source, store);
  if (output === undefined) throw new Error(`${name}.js was not migrated`);
  writeFileSync(join(directory, `${name}.js`), output);
  return { output, reports };
}

/** Loads a migrated app, logs in at POST /login and returns the response, then checks GET /health. */
async function logIn(name: string): Promise<request.Response> {
  const app = loadFresh<Express>(join(directory, `${name}.js`), directory);
  const server = await listenOnLoopback(app);
  try {
    const login = await request(server.url).post('/login').send({ name: 'ann' });
    const health = await request(server.url).get('/health');
    expect(health.status).toBe(200);
    return login;
  } finally {
    await server.close();
  }
}

function expectSessionLogin(login: request.Response): void {
  expect(login.status).toBe(200);
  expect(login.body.token).toBeUndefined();
  expect(getSetCookies(login).some((line) => line.startsWith('connect.sid='))).toBe(true);
}

const HEADER = ['const express = require("express");', 'const jwt = require("jsonwebtoken");', ''];
const FOOTER = ['app.use(express.json());', 'app.get("/health", (req, res) => res.send("ok"));', 'module.exports = app;', ''];

describe('jwt-to-session on a running server', () => {
  it('migrates an expression-bodied login', async () => {
    const { output, reports } = migrate(
      'arrow-body',
      [
        ...HEADER,
        'const app = express();',
        'app.post("/login", (req, res) => res.json({ token: jwt.sign({ id: 1 }, process.env.JWT_SECRET, { expiresIn: "5m" }), name: "Ann" }));',
        ...FOOTER,
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    expect(output).toContain('app.post("/login", (req, res, next) => {');
    const login = await logIn('arrow-body');
    expectSessionLogin(login);
    expect(login.body).toEqual({ name: 'Ann' });
  });

  it.each([
    ['module-exports', ['const app = module.exports = express();']],
    ['require-call', ['const app = require("express")();']],
    ['assigned-later', ['let app;', 'app = express();']],
    ['new-express', ['const app = new express();']],
    ['call-method', ['const app = express.call(null);']],
    ['sequence-call', ['const app = (0, express)();']],
  ])('sets up sessions for the %s form', async (name, creation) => {
    const { output, reports } = migrate(name, [
      ...HEADER,
      ...creation,
      'app.post("/login", (req, res) => {',
      '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET);',
      '  res.json({ token, name: "Ann" });',
      '});',
      ...FOOTER,
    ].join('\n'));
    expect(reports).toEqual([]);
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    const login = await logIn(name);
    expectSessionLogin(login);
    expect(login.body).toEqual({ name: 'Ann' });
  });

  it('sets up sessions despite req.session reads', async () => {
    const { output, reports } = migrate(
      'reads-session',
      [
        ...HEADER,
        'const app = express();',
        'app.use((req, res, next) => {',
        '  res.locals.returnTo = req.session?.returnTo;',
        '  next();',
        '});',
        'app.post("/login", (req, res) => {',
        '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET);',
        '  res.json({ token, name: "Ann" });',
        '});',
        ...FOOTER,
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    const login = await logIn('reads-session');
    expectSessionLogin(login);
    expect(login.body).toEqual({ name: 'Ann' });
  });

  it('passes callback errors to next', async () => {
    const { reports } = migrate(
      'throwing-response',
      [
        ...HEADER,
        'const app = express();',
        'const users = { ann: { id: 1, roles: null } };',
        'app.post("/login", (req, res) => {',
        '  const user = users.ann;',
        '  const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET);',
        '  res.json({ token, roles: user.roles.join(",") });',
        '});',
        'app.post("/logout", (req, res) => {',
        '  res.json({ bye: users.nobody.name });',
        '});',
        'app.get("/health", (req, res) => res.send("ok"));',
        'app.use((err, req, res, next) => res.status(500).json({ error: err.name }));',
        'module.exports = app;',
        '',
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    const login = await logIn('throwing-response');
    expect(login.status).toBe(500);
    expect(login.body).toEqual({ error: 'TypeError' });
    const app = loadFresh<Express>(join(directory, 'throwing-response.js'), directory);
    const server = await listenOnLoopback(app);
    try {
      const logout = await request(server.url).post('/logout');
      expect(logout.status).toBe(500);
      expect(logout.body).toEqual({ error: 'TypeError' });
    } finally {
      await server.close();
    }
  });

  it('keeps logins with own error handling', async () => {
    const { reports } = migrate(
      'own-error-handling',
      [
        ...HEADER,
        'const app = express();',
        'app.use(express.json());',
        'function profileOf(body) {',
        '  if (!body.name) throw new Error("name is required");',
        '  return { name: body.name };',
        '}',
        'app.post("/login", (req, res) => {',
        '  try {',
        '    const token = jwt.sign({ id: 1 }, "test-secret");',
        '    res.json({ token, profile: profileOf(req.body) });',
        '  } catch (e) {',
        '    res.status(400).json({ error: e.message });',
        '  }',
        '});',
        'app.post("/login-promise", (req, res) => {',
        '  Promise.resolve(req.body)',
        '    .then((body) => {',
        '      const token = jwt.sign({ id: 2 }, "test-secret");',
        '      res.json({ token, profile: profileOf(body) });',
        '    })',
        '    .catch((e) => res.status(400).json({ error: e.message }));',
        '});',
        'app.post("/login-async", async (req, res) => {',
        '  try {',
        '    const token = jwt.sign({ id: 3 }, "test-secret");',
        '    res.json({ token, profile: profileOf(req.body) });',
        '  } catch (e) {',
        '    res.status(400).json({ error: e.message });',
        '  }',
        '});',
        'module.exports = app;',
        '',
      ].join('\n'),
    );
    expect(reports).toHaveLength(2);
    const app = loadFresh<Express>(join(directory, 'own-error-handling.js'), directory);
    const server = await listenOnLoopback(app);
    try {
      for (const path of ['/login', '/login-promise']) {
        const failed = await request(server.url).post(path).send({});
        expect(failed.status).toBe(400);
        expect(failed.body).toEqual({ error: 'name is required' });
        expect(getSetCookies(failed)).toEqual([]);
        const passed = await request(server.url).post(path).send({ name: 'Ann' });
        expect(passed.status).toBe(200);
        expect(typeof passed.body.token).toBe('string');
      }
      const failed = await request(server.url).post('/login-async').send({});
      expect(failed.status).toBe(400);
      expect(failed.body).toEqual({ error: 'name is required' });
      const passed = await request(server.url).post('/login-async').send({ name: 'Ann' });
      expectSessionLogin(passed);
      expect(passed.body).toEqual({ profile: { name: 'Ann' } });
    } finally {
      await server.close();
    }
  });

  it('migrates a login inside then()', async () => {
    const { reports } = migrate(
      'then-callback',
      [
        ...HEADER,
        'const app = express();',
        'const Users = { find: async (name) => ({ id: 1, name }) };',
        'app.post("/login", (req, res) => {',
        '  Users.find("ann").then((user) => res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET), name: user.name }));',
        '});',
        ...FOOTER,
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    const login = await logIn('then-callback');
    expectSessionLogin(login);
    expect(login.body).toEqual({ name: 'ann' });
  });
});

/** The part of connect-session-knex's store that the test reads sessions from and closes. */
interface KnexSessionStore {
  ready: Promise<unknown>;
  nextDbCleanup?: NodeJS.Timeout;
  options: { tableName: string; knex: { (table: string): { select(column: string): Promise<{ sess: string }[]> }; destroy(): Promise<void> } };
}

describe('jwt-to-session on a Next.js custom server', () => {
  it('sets up sessions inside prepare().then()', async () => {
    // A stand-in for the next package: prepare() resolves at once, and other requests get a 404.
    writeFileSync(
      join(directory, 'fake-next.js'),
      'module.exports = () => ({ prepare: () => Promise.resolve(), getRequestHandler: () => (req, res) => res.status(404).end() });\n',
    );
    const { output, reports } = migrate(
      'next-custom-server',
      [
        ...HEADER,
        'const next = require("./fake-next");',
        'const nextApp = next({ dev: false });',
        'const handle = nextApp.getRequestHandler();',
        'module.exports = nextApp.prepare().then(() => {',
        '  const server = express();',
        '  server.use(express.json());',
        '  server.post("/login", (req, res) => {',
        '    const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET, { expiresIn: "5m" });',
        '    res.json({ token, name: "Ann" });',
        '  });',
        '  server.get("/health", (req, res) => res.send("ok"));',
        '  server.use((req, res) => handle(req, res));',
        '  return server;',
        '});',
        '',
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    expect(output).toMatch(/const server = express\(\);\n {2}const sessionSecret = process\.env\.SESSION_SECRET;/);

    const app = await loadFresh<Promise<Express>>(join(directory, 'next-custom-server.js'), directory);
    const server = await listenOnLoopback(app);
    try {
      const login = await request(server.url).post('/login').send({ name: 'ann' });
      expectSessionLogin(login);
      expect(login.body).toEqual({ name: 'Ann' });
      expect((await request(server.url).get('/health')).status).toBe(200);
      expect((await request(server.url).get('/page')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('sets up sessions inside a try block after await prepare()', async () => {
    writeFileSync(
      join(directory, 'fake-next.js'),
      'module.exports = () => ({ prepare: () => Promise.resolve(), getRequestHandler: () => (req, res) => res.status(404).end() });\n',
    );
    const { output, reports } = migrate(
      'next-custom-server-try',
      [
        ...HEADER,
        'const next = require("./fake-next");',
        'const nextApp = next({ dev: false });',
        'const handle = nextApp.getRequestHandler();',
        'module.exports = (async () => {',
        '  try {',
        '    await nextApp.prepare();',
        '    const server = express();',
        '    server.use(express.json());',
        '    server.post("/login", (req, res) => {',
        '      const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET, { expiresIn: "5m" });',
        '      res.json({ token, name: "Ann" });',
        '    });',
        '    server.use((req, res) => handle(req, res));',
        '    return server;',
        '  } catch (error) {',
        '    console.error(error);',
        '    throw error;',
        '  }',
        '})();',
        '',
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    expect(output).toMatch(/ {4}const server = express\(\);\n {4}const sessionSecret = process\.env\.SESSION_SECRET;/);

    const app = await loadFresh<Promise<Express>>(join(directory, 'next-custom-server-try.js'), directory);
    const server = await listenOnLoopback(app);
    try {
      const login = await request(server.url).post('/login').send({ name: 'ann' });
      expectSessionLogin(login);
      expect(login.body).toEqual({ name: 'Ann' });
      expect((await request(server.url).get('/page')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
  it('sets up sessions after a try that awaits prepare()', async () => {
    writeFileSync(
      join(directory, 'fake-next.js'),
      'module.exports = () => ({ prepare: () => Promise.resolve(), getRequestHandler: () => (req, res) => res.status(404).end() });\n',
    );
    const { output, reports } = migrate(
      'next-custom-server-try-before',
      [
        ...HEADER,
        'const next = require("./fake-next");',
        'const nextApp = next({ dev: false });',
        'const handle = nextApp.getRequestHandler();',
        'function login(req, res) {',
        '  Promise.resolve({ id: 1 }).then((user) => {',
        '    res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: "5m" }), name: "Ann" });',
        '  });',
        '}',
        'module.exports = (async () => {',
        '  try {',
        '    await nextApp.prepare();',
        '  } catch (error) {',
        '    console.error(error);',
        '    process.exit(1);',
        '  }',
        '  const server = express();',
        '  server.use(express.json());',
        '  server.post("/login", login);',
        '  server.use((req, res) => handle(req, res));',
        '  return server;',
        '})();',
        '',
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    expect(output).toMatch(/\n {2}const server = express\(\);\n {2}const sessionSecret = process\.env\.SESSION_SECRET;/);

    const app = await loadFresh<Promise<Express>>(join(directory, 'next-custom-server-try-before.js'), directory);
    const server = await listenOnLoopback(app);
    try {
      const login = await request(server.url).post('/login').send({ name: 'ann' });
      expectSessionLogin(login);
      expect(login.body).toEqual({ name: 'Ann' });
      expect((await request(server.url).get('/page')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('jwt-to-session login in sqlite3-style callbacks', () => {
  // sqlite3 is not installed, so `db` wraps better-sqlite3 in sqlite3's callback API. The callback runs on
  // a later turn of the event loop with (err, row) for get() and (err, rows) for all().
  const SOURCE = [
    ...HEADER,
    'const Database = require("better-sqlite3");',
    'const sqlite = new Database(":memory:");',
    'sqlite.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, team TEXT)");',
    'sqlite.prepare("INSERT INTO users (id, email, team) VALUES (?, ?, ?)").run(7, "ann@example.test", "blue");',
    'function runQuery(method, sql, params, callback) {',
    '  let result;',
    '  try {',
    '    result = sqlite.prepare(sql)[method](...params);',
    '  } catch (error) {',
    '    setImmediate(callback, error);',
    '    return;',
    '  }',
    '  setImmediate(callback, null, result);',
    '}',
    'const db = {',
    '  get: (sql, params, callback) => runQuery("get", sql, params, callback),',
    '  all: (sql, params, callback) => runQuery("all", sql, params, callback),',
    '};',
    'const app = express();',
    'app.use(express.json());',
    'app.post("/login", (req, res) => {',
    '  db.get("SELECT id FROM users WHERE email = ?", [req.body.email], (err, user) => {',
    '    if (err || !user) return res.status(401).json({ error: "invalid credentials" });',
    '    const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });',
    '    res.json({ token });',
    '  });',
    '});',
    'app.post("/login/team", (req, res) => {',
    '  db.all("SELECT id FROM users WHERE team = ?", [req.body.team], (err, rows) => {',
    '    if (err || rows.length === 0) return res.status(401).json({ error: "invalid credentials" });',
    '    res.json({ token: jwt.sign({ id: rows[0].id }, process.env.JWT_SECRET, { expiresIn: "1h" }), members: rows.length });',
    '  });',
    '});',
    'app.get("/me", (req, res) => res.json({ user: req.session.user ?? null }));',
    'module.exports = app;',
    '',
  ].join('\n');

  const previousDirectory = process.cwd();
  let output: string;
  let reports: string[];
  let app: Express;
  let store: KnexSessionStore;
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;

  const previousDatabaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    ({ output, reports } = migrate('sqlite-callbacks', SOURCE, 'knex'));
    // The knex store keeps its SQLite file, sessions.sqlite, in the working directory. The migrated setup
    // uses PostgreSQL when DATABASE_URL is set, as it is in CI, so the variable is unset while the app loads.
    process.chdir(directory);
    Reflect.deleteProperty(process.env, 'DATABASE_URL');
    try {
      app = loadFresh<Express>(join(directory, 'sqlite-callbacks.js'), directory);
    } finally {
      if (previousDatabaseUrl !== undefined) process.env.DATABASE_URL = previousDatabaseUrl;
    }
    store = app.locals.sessionStore as KnexSessionStore;
    await store.ready;
    server = await listenOnLoopback(app);
  });

  afterAll(async () => {
    await server.close();
    clearTimeout(store.nextDbCleanup);
    await store.options.knex.destroy();
    process.chdir(previousDirectory);
  });

  it('migrates both logins without markers', () => {
    expect(reports).toEqual([]);
    expect(output).not.toContain('jsonwebtoken');
    expect(output).toContain('new ConnectSessionKnexStore(');
    expect(output.match(/req\.session\.regenerate\(/g)).toHaveLength(2);
  });

  it('leaves its own output unchanged', () => {
    const migrated = readFileSync(join(directory, 'sqlite-callbacks.js'), 'utf8');
    expect(runTransform('sqlite-callbacks', migrated, 'knex')).toEqual({ output: undefined, reports: [] });
  });

  it('logs in through db.get()', async () => {
    const agent = request.agent(server.url);
    const login = await agent.post('/login').send({ email: 'ann@example.test' });
    expectSessionLogin(login);
    expect(login.body).toEqual({});
    const me = await agent.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: { id: 7 } });
  });

  it('keeps the session in SQLite', async () => {
    await request(server.url).post('/login').send({ email: 'ann@example.test' });
    const rows = await store.options.knex(store.options.tableName).select('sess');
    const users = rows.map((row) => (JSON.parse(row.sess) as { user?: unknown }).user);
    expect(users).toContainEqual({ id: 7 });
  });

  it('rejects an unknown email', async () => {
    const login = await request(server.url).post('/login').send({ email: 'bob@example.test' });
    expect(login.status).toBe(401);
    expect(login.body).toEqual({ error: 'invalid credentials' });
    expect(getSetCookies(login)).toEqual([]);
  });

  it('logs in through db.all()', async () => {
    const agent = request.agent(server.url);
    const login = await agent.post('/login/team').send({ team: 'blue' });
    expectSessionLogin(login);
    expect(login.body).toEqual({ members: 1 });
    const me = await agent.get('/me');
    expect(me.body).toEqual({ user: { id: 7 } });
  });
});
