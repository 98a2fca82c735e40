import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { isCredentialName } from '../../src/detectors/credential-name.js';
import { ALICE, createMigratedCopy, LEGACY_APP_DIR, removeCopy, startExampleServer, type ExampleServer } from './example-app.js';

/** Debian's chromium package; the CI script installs it (scripts/ci-services.sh). */
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SESSION_COOKIE = 'connect.sid';
/** Each test launches Chromium, which takes several seconds on a busy 2-core machine. */
const BROWSER_TEST_TIMEOUT_MS = 60_000;
const JWT_PATTERN = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const hasChromium = existsSync(CHROMIUM_PATH);
const isCi = process.env.CI === 'true';

interface StorageEntry {
  area: 'localStorage' | 'sessionStorage';
  key: string;
  value: string;
}

/** Launches Chromium with a fresh user data dir, so each test starts without cookies or storage. */
async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'sessions-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function readStatus(page: Page): Promise<string> {
  return (await page.textContent('#status')) ?? '';
}

let userCount = 0;

/**
 * Registers a new user through the page's forms and signs in, as a user would, and returns the user. Each
 * call uses a new email address, because the tests of one suite share a server that rejects a second
 * registration of the same address.
 */
async function registerAndSignIn(page: Page, url: string): Promise<typeof ALICE> {
  userCount += 1;
  const user = { ...ALICE, email: `alice${userCount}@example.com` };
  await page.goto(url);
  await page.fill('#register-form input[name="name"]', user.name);
  await page.fill('#register-form input[name="email"]', user.email);
  await page.fill('#register-form input[name="password"]', user.password);
  await page.click('#register-form button[type="submit"]');
  await waitForStatus(page, 'Registered');

  await page.fill('#login-form input[name="email"]', user.email);
  await page.fill('#login-form input[name="password"]', user.password);
  await page.click('#login-form button[type="submit"]');
  await waitForStatus(page, 'Logged in as');
  return user;
}

/**
 * Waits until the page's status line starts with `prefix`. The page functions in this file are strings,
 * because they run in the browser and the project's TypeScript settings have no DOM types.
 */
async function waitForStatus(page: Page, prefix: string): Promise<void> {
  await page.waitForFunction(`document.getElementById('status').textContent.startsWith(${JSON.stringify(prefix)})`);
}

async function readWebStorage(page: Page): Promise<StorageEntry[]> {
  return page.evaluate<StorageEntry[]>(`(() => {
    const entries = [];
    for (const area of ['localStorage', 'sessionStorage']) {
      const storage = window[area];
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        entries.push({ area, key, value: storage.getItem(key) });
      }
    }
    return entries;
  })()`);
}

/** Returns the session id inside an express-session cookie value (`s:<id>.<signature>`, URL-encoded). */
function getSessionId(cookieValue: string): string {
  const decoded = decodeURIComponent(cookieValue);
  if (!decoded.startsWith('s:')) return '';
  return decoded.slice(2, decoded.lastIndexOf('.'));
}

/** Sends `GET /api/me` from the page, with whatever cookies the browser attaches on its own. */
async function fetchMeFromPage(page: Page): Promise<number> {
  return page.evaluate<number>(`fetch('/api/me').then((response) => response.status)`);
}

if (!hasChromium && isCi) {
  describe('legacy app in Chromium', () => {
    it('needs Chromium in CI', () => {
      expect.fail(`${CHROMIUM_PATH} is missing. CI must install it: source scripts/ci-services.sh before npm test.`);
    });
  });
}

const describeWithChromium = describe.skipIf(!hasChromium);
const skipNote = hasChromium ? '' : ` (skipped: ${CHROMIUM_PATH} not found; install it with 'apt-get install chromium')`;

describeWithChromium(`migrated legacy app in Chromium${skipNote}`, { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let appDir: string;
  let server: ExampleServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    appDir = createMigratedCopy();
    server = await startExampleServer(appDir);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (appDir) removeCopy(appDir);
  });

  beforeEach(async () => {
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await browser?.close();
  });

  it('stays signed in after reload', async () => {
    const { page } = browser;
    const user = await registerAndSignIn(page, server.url);
    expect(await readStatus(page)).toBe(`Logged in as ${user.name} (${user.email}).`);

    // networkidle waits for the page's own `GET /api/me`, after which the status line shows its result.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await readStatus(page)).toBe(`Logged in as ${user.name} (${user.email}).`);
  });

  it('keeps no credential in web storage', async () => {
    const { page, context } = browser;
    await registerAndSignIn(page, server.url);
    const sessionCookie = (await context.cookies(server.url)).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(sessionCookie).toBeDefined();

    const sessionId = getSessionId(sessionCookie?.value ?? '');
    expect(sessionId).not.toBe('');

    const entries = await readWebStorage(page);
    const credentialLike = entries.filter(
      (entry) => isCredentialName(entry.key) || JWT_PATTERN.test(entry.value) || entry.value.includes(sessionId),
    );
    expect(credentialLike).toEqual([]);
  });

  it('hides the session cookie from scripts', async () => {
    const { page, context } = browser;
    await registerAndSignIn(page, server.url);

    const sessionCookie = (await context.cookies(server.url)).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(sessionCookie?.httpOnly).toBe(true);
    expect(sessionCookie?.sameSite).toBe('Lax');
    const documentCookie = await page.evaluate<string>('document.cookie');
    expect(documentCookie).not.toContain(SESSION_COOKIE);
  });

  it('rejects protected requests after sign-out', async () => {
    const { page, context } = browser;
    await registerAndSignIn(page, server.url);
    const cookieBeforeLogout = (await context.cookies(server.url)).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(await fetchMeFromPage(page)).toBe(200);

    await page.click('#logout-button');
    await waitForStatus(page, 'Not logged in.');
    expect(await fetchMeFromPage(page)).toBe(401);

    // The old cookie, replayed from outside the browser, no longer names a session on the server.
    const replayed = await fetch(`${server.url}/api/me`, {
      headers: { Cookie: `${SESSION_COOKIE}=${cookieBeforeLogout?.value ?? ''}` },
    });
    expect(replayed.status).toBe(401);
  });
});

describeWithChromium(`unmigrated legacy app in Chromium${skipNote}`, { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let server: ExampleServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startExampleServer(LEGACY_APP_DIR);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await browser?.close();
  });

  it('keeps the JWT in localStorage', async () => {
    const { page, context } = browser;
    await registerAndSignIn(page, server.url);

    const entries = await readWebStorage(page);
    const tokenEntry = entries.find((entry) => entry.area === 'localStorage' && entry.key === 'token');
    expect(tokenEntry?.value).toMatch(JWT_PATTERN);
    expect(isCredentialName('token')).toBe(true);
    expect(await context.cookies(server.url)).toEqual([]);
  });

  it('accepts the stored token after sign-out', async () => {
    const { page } = browser;
    await registerAndSignIn(page, server.url);
    const token = await page.evaluate<string | null>(`localStorage.getItem('token')`);

    await page.click('#logout-button');
    await waitForStatus(page, 'Not logged in.');

    const replayed = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token ?? ''}` } });
    expect(replayed.status).toBe(200);
  });
});
