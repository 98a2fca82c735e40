import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { Express } from 'express';
import request from 'supertest';

export const LEGACY_APP_DIR = fileURLToPath(new URL('../../examples/legacy-app/', import.meta.url));
const REPOSITORY_NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

const requireFromHere = createRequire(import.meta.url);
const execFileAsync = promisify(execFile);

/**
 * Loads a CommonJS module with Node's own `require`, after dropping every cached module under `dir`, so
 * each call builds a new app instance with its own in-memory state.
 */
export function loadFresh<T>(modulePath: string, dir: string): T {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const cached of Object.keys(requireFromHere.cache)) {
    if (cached.startsWith(prefix)) Reflect.deleteProperty(requireFromHere.cache, cached);
  }
  return requireFromHere(modulePath) as T;
}

/** An HTTP server bound to the loopback interface only, with its base URL. */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(app: Express): Promise<LoopbackServer> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const ALICE = { email: 'alice@example.com', password: 'correct horse battery', name: 'Alice' };

/** Registers ALICE on the server at `url`; throws when the server rejects the registration. */
export async function registerAlice(url: string): Promise<void> {
  const registered = await request(url).post('/api/register').send(ALICE);
  if (registered.status !== 201) {
    throw new Error(`POST /api/register returned ${registered.status}: ${registered.text}`);
  }
}

/** Logs ALICE in through `client` (an agent keeps the cookies it receives). */
export function logInAlice(client: request.Agent | ReturnType<typeof request>): request.Test {
  return client.post('/api/login').send({ email: ALICE.email, password: ALICE.password });
}

/** Returns the `Set-Cookie` header lines of a response (an empty array when there are none). */
export function getSetCookies(response: request.Response): string[] {
  const header: unknown = response.headers['set-cookie'];
  if (header === undefined) return [];
  return Array.isArray(header) ? (header as string[]) : [String(header)];
}

/** Copies the legacy app into a new temporary folder and returns its path. */
export function copyLegacyApp(): string {
  const directory = mkdtempSync(join(tmpdir(), 'legacy-app-'));
  cpSync(LEGACY_APP_DIR, directory, { recursive: true });
  return directory;
}

/**
 * Makes the repository's packages resolvable from a copied app, after the migration so that no
 * migration run sees them.
 */
export function linkNodeModules(directory: string): void {
  symlinkSync(REPOSITORY_NODE_MODULES, join(directory, 'node_modules'), 'dir');
}

const CLI = fileURLToPath(new URL('../../dist/src/cli/index.js', import.meta.url));

/**
 * Runs `eslint-plugin-sessions migrate jwt-to-session <directory> --force` with the built CLI and returns
 * what it printed. The CLI comes from `npm run build`, which `npm test` runs first.
 */
export async function migrateWithCli(directory: string): Promise<string> {
  if (!existsSync(CLI)) {
    throw new Error(`The built CLI ${CLI} is missing: run 'npm run build' before the end-to-end tests.`);
  }
  const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, 'migrate', 'jwt-to-session', directory, '--force'], {
    cwd: directory,
  });
  return stdout + stderr;
}
