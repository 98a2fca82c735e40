/**
 * Runs small Express apps migrated by jwt-to-session (with the memory store) on 127.0.0.1 and checks that
 * they load, log in with a session cookie and keep serving their other routes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Migrates `source` as `<name>.js` with the memory store, writes the result and returns it with the reports. */
function migrate(name: string, source: string): { output: string; reports: string[] } {
  const path = join(directory, `${name}.js`);
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path, source }, api as never, { store: 'memory' });
  if (output === undefined) throw new Error(`${name}.js was not migrated`);
  writeFileSync(path, output);
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
