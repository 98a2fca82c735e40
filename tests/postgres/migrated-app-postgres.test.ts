import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALICE, createMigratedCopy, removeCopy, startExampleServer, type ExampleServer } from '../browser/example-app.js';

/**
 * The migrated example app against a real PostgreSQL server, through express-session, connect-session-knex
 * and the `pg` driver, with DATABASE_URL set as in production. scripts/ci-services.sh starts a server on
 * 127.0.0.1 and exports DATABASE_URL. Each run works in a schema of its own, which it drops at the end, so
 * the test never touches existing tables in that database.
 */

const DATABASE_URL = process.env.DATABASE_URL;
const isCi = process.env.CI === 'true';
const SESSION_COOKIE = 'connect.sid';

if (!DATABASE_URL && isCi) {
  describe('migrated legacy app on PostgreSQL', () => {
    it('needs DATABASE_URL in CI', () => {
      expect.fail('DATABASE_URL is not set. CI must start PostgreSQL: source scripts/ci-services.sh before npm test.');
    });
  });
}

const skipNote = DATABASE_URL ? '' : ' (skipped: DATABASE_URL is not set; source scripts/ci-services.sh to start PostgreSQL)';

/** Returns `url` with a `search_path` that puts the app's tables into `schema`. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.href;
}

/** Returns the `name=value` pair of the session cookie from a response, or undefined. */
function getSessionCookie(response: Response): string | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  return header?.split(';')[0];
}

/** Returns the session id inside an express-session cookie pair (`connect.sid=s%3A<id>.<signature>`). */
function getSessionId(cookiePair: string): string {
  const decoded = decodeURIComponent(cookiePair.slice(SESSION_COOKIE.length + 1));
  return decoded.slice(2, decoded.lastIndexOf('.'));
}

async function postJson(url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie === undefined ? {} : { Cookie: cookie }) },
    body: JSON.stringify(body),
  });
}

async function getMe(url: string, cookie?: string): Promise<Response> {
  return fetch(`${url}/api/me`, { headers: cookie === undefined ? {} : { Cookie: cookie } });
}

describe.skipIf(!DATABASE_URL)(`migrated legacy app on PostgreSQL${skipNote}`, () => {
  const schema = `sessions_e2e_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let appDir: string;
  let appDatabaseUrl: string;
  let server: ExampleServer;
  let cookie: string;

  /** Reads the session rows that connect-session-knex keeps in the run's schema. */
  async function readSessionRows(): Promise<{ sid: string; sess: { user?: { email?: string } } }[]> {
    const result = await admin.query<{ sid: string; sess: { user?: { email?: string } } }>(
      `SELECT sid, sess FROM "${schema}".sessions ORDER BY sid`,
    );
    return result.rows;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    appDatabaseUrl = withSearchPath(DATABASE_URL ?? '', schema);

    appDir = createMigratedCopy();
    server = await startExampleServer(appDir, { DATABASE_URL: appDatabaseUrl });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (appDir) removeCopy(appDir);
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });

  it('logs in with a session cookie', async () => {
    const registered = await postJson(`${server.url}/api/register`, ALICE);
    expect(registered.status).toBe(201);

    const login = await postJson(`${server.url}/api/login`, { email: ALICE.email, password: ALICE.password });
    expect(login.status).toBe(200);
    const body = (await login.json()) as { token?: unknown; user?: { email?: string } };
    expect(body.token).toBeUndefined();
    expect(body.user?.email).toBe(ALICE.email);

    const setCookie = login.headers.getSetCookie().find((header) => header.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    cookie = getSessionCookie(login) ?? '';
    expect(cookie).not.toBe('');
  });

  it('stores the session in PostgreSQL', async () => {
    const rows = await readSessionRows();
    expect(rows.map((row) => row.sid)).toEqual([getSessionId(cookie)]);
    expect(rows[0]?.sess.user?.email).toBe(ALICE.email);
  });

  it('guards the protected route', async () => {
    const withCookie = await getMe(server.url, cookie);
    expect(withCookie.status).toBe(200);
    expect(((await withCookie.json()) as { user: { email: string } }).user.email).toBe(ALICE.email);

    const withoutCookie = await getMe(server.url);
    expect(withoutCookie.status).toBe(401);
  });

  it('keeps the session across a restart', async () => {
    const port = Number(new URL(server.url).port);
    await server.stop();
    server = await startExampleServer(appDir, { DATABASE_URL: appDatabaseUrl }, port);

    const afterRestart = await getMe(server.url, cookie);
    expect(afterRestart.status).toBe(200);
    expect(((await afterRestart.json()) as { user: { email: string } }).user.email).toBe(ALICE.email);
  });

  it('ends the session at logout', async () => {
    const logout = await postJson(`${server.url}/api/logout`, {}, cookie);
    expect(logout.status).toBe(200);

    expect(await readSessionRows()).toEqual([]);
    const afterLogout = await getMe(server.url, cookie);
    expect(afterLogout.status).toBe(401);
  });
});
