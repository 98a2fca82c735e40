import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Helpers shared by the browser and PostgreSQL end-to-end tests: a migrated copy of examples/legacy-app
 * made with the built CLI, and the example's server started as a child process on 127.0.0.1.
 */

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LEGACY_APP_DIR = path.join(REPOSITORY_ROOT, 'examples/legacy-app');
const CLI_PATH = path.join(REPOSITORY_ROOT, 'dist/src/cli/index.js');
const CODEMODS = ['storage-token-to-cookie', 'jwt-to-session'] as const;

/** A fixed secret for the servers under test; express-session signs the session cookie with it. */
export const TEST_SESSION_SECRET = 'e2e-session-secret-0123456789abcdef0123456789abcdef';

export const ALICE = { name: 'Alice', email: 'alice@example.com', password: 'correct horse battery' };

/**
 * Copies examples/legacy-app into a new temporary folder, migrates the copy with both codemods through the
 * built `migrate` command, and links the repository's node_modules into it so that its
 * `require('express')` and the other packages resolve. The link comes after the migration, so the
 * codemods see only the app's own files. Returns the copy's path.
 */
export function createMigratedCopy(): string {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run 'npm run build' before these tests.`);
  const workDir = mkdtempSync(path.join(tmpdir(), 'sessions-e2e-'));
  const appDir = path.join(workDir, 'legacy-app');
  cpSync(LEGACY_APP_DIR, appDir, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });

  for (const codemod of CODEMODS) {
    const result = spawnSync(process.execPath, [CLI_PATH, 'migrate', codemod, 'legacy-app'], { cwd: workDir, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`migrate ${codemod} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
    }
  }

  symlinkSync(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  return appDir;
}

/** Deletes the temporary folder that `createMigratedCopy` created around `appDir`. */
export function removeCopy(appDir: string): void {
  rmSync(path.dirname(appDir), { recursive: true, force: true });
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('The port probe server has no TCP address.');
  return address.port;
}

export interface ExampleServer {
  url: string;
  /** Everything the server wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node server/index.js` in `appDir` on 127.0.0.1 and resolves once it responds to HTTP requests.
 * `env` is added to a copy of this process's environment without DATABASE_URL, so a test that wants
 * PostgreSQL passes it on purpose.
 */
export async function startExampleServer(appDir: string, env: Record<string, string> = {}, port?: number): Promise<ExampleServer> {
  const listenPort = port ?? (await findFreePort());
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', SESSION_SECRET: TEST_SESSION_SECRET };
  delete childEnv.DATABASE_URL;
  Object.assign(childEnv, env, { PORT: String(listenPort), HOST: '127.0.0.1' });

  const child = spawn(process.execPath, ['server/index.js'], { cwd: appDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${listenPort}`;

  try {
    await waitForHttp(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, output: () => output, stop: () => stopChild(child) };
}

async function waitForHttp(url: string, child: ChildProcess, getOutput: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The example server exited with ${child.exitCode ?? child.signalCode} before listening:\n${getOutput()}`);
    }
    try {
      await fetch(`${url}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The example server did not answer on ${url} within 20 s:\n${getOutput()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
