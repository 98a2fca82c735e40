import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ALICE,
  copyLegacyApp,
  getSetCookies,
  linkNodeModules,
  listenOnLoopback,
  loadFresh,
  logInAlice,
  migrateWithCli,
  registerAlice,
  type LoopbackServer,
} from './harness.js';

/** The part of connect-session-knex's store that the tests use to wait for it and to close it. */
interface KnexSessionStore {
  ready: Promise<unknown>;
  nextDbCleanup?: NodeJS.Timeout;
  options: { knex: { destroy(): Promise<void> } };
}

interface RunningApp {
  app: Express;
  server: LoopbackServer;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'connect.sid';

let directory: string;
let migrateOutput: string;
const previousDirectory = process.cwd();
const previousEnvironment = { SESSION_SECRET: process.env.SESSION_SECRET, NODE_ENV: process.env.NODE_ENV };

/** Loads a new instance of the migrated app (a new store and knex pool on the same SQLite file) and serves it. */
async function startMigratedApp(environment: Record<string, string | undefined> = {}): Promise<RunningApp> {
  const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  setEnvironment(environment);
  let app: Express;
  try {
    app = loadFresh<Express>(join(directory, 'server/app.js'), directory);
  } finally {
    setEnvironment(saved);
  }
  const store = app.locals.sessionStore as KnexSessionStore;
  await store.ready;
  const server = await listenOnLoopback(app);
  return {
    app,
    server,
    async close() {
      await server.close();
      clearTimeout(store.nextDbCleanup);
      await store.options.knex.destroy();
      clearTimeout(store.nextDbCleanup);
    },
  };
}

function setEnvironment(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
}

/** Returns the `name=value` pair of the session cookie a response sets, for a later `Cookie` header. */
function getSessionCookie(response: request.Response): string {
  const line = getSetCookies(response).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error(`The response sets no ${SESSION_COOKIE} cookie: ${JSON.stringify(response.headers)}`);
  return line.split(';')[0] as string;
}

beforeAll(async () => {
  directory = copyLegacyApp();
  migrateOutput = await migrateWithCli(directory);
  linkNodeModules(directory);
  // The migrated app keeps its SQLite session file in the working directory.
  process.chdir(directory);
  process.env.SESSION_SECRET = 'e2e-session-secret-that-is-long-enough';
  delete process.env.NODE_ENV;
  // The CLI starts a jscodeshift worker, which takes several seconds on a busy machine.
}, 120_000);

afterAll(() => {
  process.chdir(previousDirectory);
  setEnvironment(previousEnvironment);
  rmSync(directory, { recursive: true, force: true });
});

describe('migrated legacy app', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startMigratedApp();
    await registerAlice(running.server.url);
  });

  afterAll(async () => {
    await running.close();
  });

  it('migrates only the server file', () => {
    expect(migrateOutput).toMatch(/\b1 migrated\b/);
    expect(migrateOutput).toMatch(/\b0 marked only\b/);
    expect(migrateOutput).toMatch(/\b0 sites to migrate by hand\b/);
    expect(migrateOutput).toMatch(/\b0 errors\b/);
    const source = readFileSync(join(directory, 'server/app.js'), 'utf8');
    expect(source).not.toContain('jsonwebtoken');
    expect(source).not.toContain('manual migration needed');
  });

  it('sets an HttpOnly SameSite=Lax cookie at login', async () => {
    const login = await logInAlice(request(running.server.url));

    expect(login.status).toBe(200);
    expect(login.body.token).toBeUndefined();
    expect(login.body.user).toMatchObject({ email: ALICE.email, name: ALICE.name });
    const cookie = getSetCookies(login).find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('guards /api/me with the session cookie', async () => {
    const agent = request.agent(running.server.url);
    await logInAlice(agent);

    const withCookie = await agent.get('/api/me');
    expect(withCookie.status).toBe(200);
    expect(withCookie.body.user).toMatchObject({ email: ALICE.email, name: ALICE.name });

    const withoutCookie = await request(running.server.url).get('/api/me');
    expect(withoutCookie.status).toBe(401);
    expect(withoutCookie.body).toEqual({ error: 'Not logged in' });
  });

  it('ignores a bearer token', async () => {
    const response = await request(running.server.url).get('/api/me').set('Authorization', 'Bearer not-a-session');
    expect(response.status).toBe(401);
  });

  it('issues a new session id at login', async () => {
    const first = getSessionCookie(await logInAlice(request(running.server.url)));

    const second = await logInAlice(request(running.server.url)).set('Cookie', first);
    const secondCookie = getSessionCookie(second);
    expect(secondCookie).not.toBe(first);

    const withOldCookie = await request(running.server.url).get('/api/me').set('Cookie', first);
    expect(withOldCookie.status).toBe(401);
    const withNewCookie = await request(running.server.url).get('/api/me').set('Cookie', secondCookie);
    expect(withNewCookie.status).toBe(200);
  });

  it('rejects the old cookie after logout', async () => {
    const cookie = getSessionCookie(await logInAlice(request(running.server.url)));
    expect((await request(running.server.url).get('/api/me').set('Cookie', cookie)).status).toBe(200);

    const logout = await request(running.server.url).post('/api/logout').set('Cookie', cookie);
    expect(logout.status).toBe(200);
    const cleared = getSetCookies(logout).find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);

    const afterLogout = await request(running.server.url).get('/api/me').set('Cookie', cookie);
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body).toEqual({ error: 'Not logged in' });
  });
});

describe('migrated legacy app across restarts', () => {
  it('keeps a session in the store after a restart', async () => {
    const first = await startMigratedApp();
    let cookie: string;
    try {
      await registerAlice(first.server.url);
      cookie = getSessionCookie(await logInAlice(request(first.server.url)));
    } finally {
      await first.close();
    }

    const second = await startMigratedApp();
    try {
      const me = await request(second.server.url).get('/api/me').set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ email: ALICE.email, name: ALICE.name });
    } finally {
      await second.close();
    }
  });
});

describe('migrated legacy app in production mode', () => {
  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const running = await startMigratedApp({ NODE_ENV: 'production' });
    try {
      running.app.set('trust proxy', 1);
      await registerAlice(running.server.url);
      const login = await logInAlice(request(running.server.url)).set('X-Forwarded-Proto', 'https');
      const cookie = getSetCookies(login).find((line) => line.startsWith(`${SESSION_COOKIE}=`));
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    } finally {
      await running.close();
    }
  });
});

describe('migrated legacy app configuration', () => {
  it('refuses to start without SESSION_SECRET', () => {
    const saved = process.env.SESSION_SECRET;
    setEnvironment({ SESSION_SECRET: undefined });
    try {
      expect(() => loadFresh(join(directory, 'server/app.js'), directory)).toThrow(/SESSION_SECRET is not set/);
    } finally {
      setEnvironment({ SESSION_SECRET: saved });
    }
  });
});
