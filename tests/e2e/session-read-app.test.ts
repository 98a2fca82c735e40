/**
 * Migrates, with the built CLI, an app whose package.json lists express-session but which never mounts it
 * and only reads `req.session` in passing. Then serves the migrated app with its connect-session-knex store
 * on SQLite and logs in over HTTP on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getSetCookies, linkNodeModules, listenOnLoopback, loadFresh, migrateWithCli, type LoopbackServer } from './harness.js';

/** The part of connect-session-knex's store that the test uses to wait for it and to close it. */
interface KnexSessionStore {
  ready: Promise<unknown>;
  nextDbCleanup?: NodeJS.Timeout;
  options: { knex: { destroy(): Promise<void> } };
}

const PACKAGE = {
  name: 'session-read-app',
  private: true,
  dependencies: { express: '^5.0.0', 'express-session': '^1.18.0', jsonwebtoken: '^9.0.0' },
};

const SERVER = [
  'const express = require("express");',
  'const jwt = require("jsonwebtoken");',
  '',
  'const app = express();',
  'app.use(express.json());',
  '',
  'app.use((req, res, next) => {',
  '  res.locals.user = req.session && req.session.user;',
  '  next();',
  '});',
  '',
  'function requireAuth(req, res, next) {',
  '  const header = req.headers.authorization;',
  '  if (!header) return res.status(401).json({ error: "Not logged in" });',
  '  try {',
  '    const payload = jwt.verify(header.replace("Bearer ", ""), process.env.JWT_SECRET);',
  '    req.user = payload;',
  '    next();',
  '  } catch (err) {',
  '    return res.status(401).json({ error: "Invalid token" });',
  '  }',
  '}',
  '',
  'app.post("/login", (req, res) => {',
  '  const token = jwt.sign({ name: req.body.name }, process.env.JWT_SECRET, { expiresIn: "1h" });',
  '  res.json({ token });',
  '});',
  '',
  'app.get("/me", requireAuth, (req, res) => {',
  '  res.json({ user: req.user });',
  '});',
  '',
  'app.post("/logout", (req, res) => {',
  '  res.json({ ok: true });',
  '});',
  '',
  'module.exports = app;',
  '',
].join('\n');

let directory: string;
let migrateOutput: string;
const previousDirectory = process.cwd();
const previousEnvironment = { SESSION_SECRET: process.env.SESSION_SECRET, DATABASE_URL: process.env.DATABASE_URL };

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'session-read-app-'));
  writeFileSync(join(directory, 'package.json'), JSON.stringify(PACKAGE, null, 2));
  writeFileSync(join(directory, 'server.js'), SERVER);
  migrateOutput = await migrateWithCli(directory);
  linkNodeModules(directory);
  // The migrated app keeps its SQLite session file in the working directory.
  process.chdir(directory);
  process.env.SESSION_SECRET = 'session-read-app-secret-that-is-long-enough';
  delete process.env.DATABASE_URL;
  // The CLI starts a jscodeshift worker, which takes several seconds on a busy machine.
}, 120_000);

afterAll(() => {
  process.chdir(previousDirectory);
  for (const [name, value] of Object.entries(previousEnvironment)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  rmSync(directory, { recursive: true, force: true });
});

describe('app that reads req.session without mounting it', () => {
  // Undefined when the migration added no session setup, so that the tests below show what fails.
  let store: KnexSessionStore | undefined;
  let server: LoopbackServer;

  beforeAll(async () => {
    const app = loadFresh<Express>(join(directory, 'server.js'), directory);
    store = app.locals.sessionStore as KnexSessionStore | undefined;
    await store?.ready;
    server = await listenOnLoopback(app);
  });

  afterAll(async () => {
    await server?.close();
    if (store) {
      clearTimeout(store.nextDbCleanup);
      await store.options.knex.destroy();
      clearTimeout(store.nextDbCleanup);
    }
  });

  it('gets a session setup with a knex store', () => {
    expect(migrateOutput).toMatch(/\b1 migrated\b/);
    expect(migrateOutput).toMatch(/\b0 marked only\b/);
    expect(migrateOutput).toMatch(/\b0 sites to migrate by hand\b/);
    const source = readFileSync(join(directory, 'server.js'), 'utf8');
    expect(source).toContain('const session = require("express-session");');
    expect(source).toContain('new ConnectSessionKnexStore(');
    expect(source).toMatch(/app\.use\(\s+session\(\{/);
  });

  it('logs in and reads /me with the cookie', async () => {
    const agent = request.agent(server.url);
    const login = await agent.post('/login').send({ name: 'ann' });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({});
    expect(getSetCookies(login).some((line) => line.startsWith('connect.sid='))).toBe(true);

    const me = await agent.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: { name: 'ann' } });
  });

  it('rejects /me without a session', async () => {
    const me = await request(server.url).get('/me');
    expect(me.status).toBe(401);
    expect(me.body).toEqual({ error: 'Not logged in' });
  });

  it('ends the session at logout', async () => {
    const agent = request.agent(server.url);
    expect((await agent.post('/login').send({ name: 'ann' })).status).toBe(200);

    const logout = await agent.post('/logout');
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ ok: true });
    expect((await agent.get('/me')).status).toBe(401);
  });
});
