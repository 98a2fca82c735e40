/**
 * Migrates a small Express app with the built CLI and the default store (connect-session-knex on a SQLite
 * file), serves it on 127.0.0.1 and checks logins whose own error handling covers the code after the
 * sign call. The logins that the codemod marks must respond as before and create no session when that
 * code throws. The login whose callback runs after its try statement has finished is migrated and logs
 * in with a session.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getSetCookies, linkNodeModules, listenOnLoopback, loadFresh, migrateWithCli, type LoopbackServer } from './harness.js';

/** The part of connect-session-knex's store that the test uses to wait for it, count sessions and close it. */
interface KnexSessionStore {
  ready: Promise<unknown>;
  nextDbCleanup?: NodeJS.Timeout;
  options: { knex: { (table: string): { count(column: string): Promise<Record<string, number | string>[]> }; destroy(): Promise<void> } };
}

const jwt = createRequire(import.meta.url)('jsonwebtoken') as { sign(payload: object, key: string, options?: object): string };

const JWT_SECRET = 'login-error-handling-jwt-secret';
const TRY_REASON =
  'the sign call is inside a try statement whose catch or finally clause would not cover the code that the codemod moves into the req.session.regenerate callback';
const CHAIN_REASON =
  'the sign call is in a promise callback whose chain goes on to .catch() or a rejection handler, which would not cover the code that the codemod moves into the req.session.regenerate callback';

// ann has a profile and bob has none, so reading `user.profile.name` after the sign call throws for bob.
const APP = `const express = require("express");
const jwt = require("jsonwebtoken");

const app = express();
app.use(express.json());

const usersById = { 1: { id: 1, profile: { name: "Ann" } }, 2: { id: 2 } };
const usersByName = { ann: usersById[1], bob: usersById[2] };
const db = {
  find: async (name) => usersByName[name],
  findOne: (id, callback) => setImmediate(() => callback(null, usersById[id])),
};

// Second step of a two-step login. jsonwebtoken runs this callback before verify returns.
app.post("/login/otp", (req, res) => {
  try {
    jwt.verify(req.body.challenge, process.env.JWT_SECRET, { algorithms: ["HS256"] }, (err, challenge) => {
      if (err) return res.status(401).json({ error: "challenge expired" });
      const user = usersById[challenge.uid];
      const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
      res.json({ token, name: user.profile.name });
    });
  } catch (e) {
    res.status(400).json({ error: "incomplete profile" });
  }
});

// The then() chain is stored and caught in the next statement.
app.post("/login", (req, res) => {
  const pending = db.find(req.body.name).then((user) => {
    const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
    res.json({ token, name: user.profile.name });
  });
  pending.catch(() => res.status(401).json({ error: "login failed" }));
});

// A Node.js callback runs after the try statement has finished, so the catch clause never covered it.
app.post("/login/id", (req, res) => {
  try {
    db.findOne(req.body.id, (e, user) => {
      if (e) return res.status(500).end();
      const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
      res.json({ token, name: user.profile.name });
    });
  } catch (e) {
    res.status(400).end();
  }
});

app.get("/me", (req, res) => res.json({ user: req.session.user ?? null }));
app.use((err, req, res, next) => res.status(500).json({ error: err.name }));
module.exports = app;
`;

let directory: string;
let firstRun: string;
let secondRun: string;
let migrated: string;
let afterSecondRun: string;
let app: Express;
let store: KnexSessionStore;
let server: LoopbackServer;
const previousDirectory = process.cwd();
const previousEnvironment = { SESSION_SECRET: process.env.SESSION_SECRET, JWT_SECRET: process.env.JWT_SECRET, NODE_ENV: process.env.NODE_ENV };

function setEnvironment(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
}

/** Returns the number of rows in the store's session table. */
async function countSessions(): Promise<number> {
  const [row] = await store.options.knex('sessions').count('* as total');
  return Number(row?.total);
}

function hasSessionCookie(response: request.Response): boolean {
  return getSetCookies(response).some((line) => line.startsWith('connect.sid='));
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'login-error-handling-'));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'login-error-handling', private: true, dependencies: { express: '*', jsonwebtoken: '*' } }));
  writeFileSync(join(directory, 'app.js'), APP);
  firstRun = await migrateWithCli(directory);
  migrated = readFileSync(join(directory, 'app.js'), 'utf8');
  secondRun = await migrateWithCli(directory);
  afterSecondRun = readFileSync(join(directory, 'app.js'), 'utf8');

  linkNodeModules(directory);
  // The migrated app keeps its SQLite session file in the working directory.
  process.chdir(directory);
  setEnvironment({ SESSION_SECRET: 'login-error-handling-session-secret', JWT_SECRET, NODE_ENV: undefined });
  app = loadFresh<Express>(join(directory, 'app.js'), directory);
  store = app.locals.sessionStore as KnexSessionStore;
  await store.ready;
  server = await listenOnLoopback(app);
  // The CLI starts a jscodeshift worker twice, which takes several seconds each on a busy machine.
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (store) {
    clearTimeout(store.nextDbCleanup);
    await store.options.knex.destroy();
    clearTimeout(store.nextDbCleanup);
  }
  process.chdir(previousDirectory);
  setEnvironment(previousEnvironment);
  rmSync(directory, { recursive: true, force: true });
});

describe('login error handling after migrate', () => {
  it('marks two logins and migrates one', () => {
    expect(firstRun).toMatch(/\b1 migrated\b/);
    expect(firstRun).toMatch(/\b0 marked only\b/);
    expect(firstRun).toMatch(/\b2 sites to migrate by hand\b/);
    expect(firstRun).toMatch(/\b0 errors\b/);
    expect(firstRun).toContain(TRY_REASON);
    expect(firstRun).toContain(CHAIN_REASON);
    expect(migrated.split(TRY_REASON)).toHaveLength(2);
    expect(migrated.split(CHAIN_REASON)).toHaveLength(2);
    expect(migrated.match(/req\.session\.regenerate\(/g)).toHaveLength(1);
  });

  it('changes nothing on a second run', () => {
    expect(secondRun).toMatch(/\b0 migrated\b/);
    expect(secondRun).toMatch(/\b0 marked only\b/);
    expect(secondRun).toMatch(/\b2 sites to migrate by hand\b/);
    expect(secondRun).toMatch(/\b0 errors\b/);
    expect(afterSecondRun).toBe(migrated);
  });

  it('answers a failed verify-callback login from its catch', async () => {
    const before = await countSessions();
    const failed = await request(server.url).post('/login/otp').send({ challenge: jwt.sign({ uid: 2 }, JWT_SECRET) });
    expect(failed.status).toBe(400);
    expect(failed.body).toEqual({ error: 'incomplete profile' });
    expect(hasSessionCookie(failed)).toBe(false);
    expect(await countSessions()).toBe(before);

    const expired = await request(server.url).post('/login/otp').send({ challenge: 'not-a-token' });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'challenge expired' });

    const passed = await request(server.url).post('/login/otp').send({ challenge: jwt.sign({ uid: 1 }, JWT_SECRET) });
    expect(passed.status).toBe(200);
    expect(passed.body.name).toBe('Ann');
    expect(typeof passed.body.token).toBe('string');
  });

  it('answers a failed split-chain login from its catch', async () => {
    const before = await countSessions();
    const failed = await request(server.url).post('/login').send({ name: 'bob' });
    expect(failed.status).toBe(401);
    expect(failed.body).toEqual({ error: 'login failed' });
    expect(hasSessionCookie(failed)).toBe(false);
    expect(await countSessions()).toBe(before);

    const passed = await request(server.url).post('/login').send({ name: 'ann' });
    expect(passed.status).toBe(200);
    expect(passed.body.name).toBe('Ann');
    expect(typeof passed.body.token).toBe('string');
  });

  it('logs in with a session in a Node.js callback', async () => {
    const before = await countSessions();
    const login = await request(server.url).post('/login/id').send({ id: 1 });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ name: 'Ann' });
    expect(await countSessions()).toBe(before + 1);
    const cookie = getSetCookies(login).find((line) => line.startsWith('connect.sid='))?.split(';')[0];
    expect(cookie).toBeDefined();

    const me = await request(server.url)
      .get('/me')
      .set('Cookie', cookie ?? '');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: { id: 1 } });
  });

  it('passes a Node.js callback error to the error handler', async () => {
    // Before the migration this error was thrown after the try statement had finished, outside any handler.
    const failed = await request(server.url).post('/login/id').send({ id: 2 });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'TypeError' });
  });
});
