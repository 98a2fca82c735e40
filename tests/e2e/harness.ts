import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Express } from 'express';
import request from 'supertest';

export const LEGACY_APP_DIR = fileURLToPath(new URL('../../examples/legacy-app/', import.meta.url));

const requireFromHere = createRequire(import.meta.url);

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
