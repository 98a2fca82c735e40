import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import type { MigrateReport } from '../../src/cli/migrate.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/index.js', import.meta.url));
const JSCODESHIFT = fileURLToPath(new URL('../../node_modules/jscodeshift/bin/jscodeshift.js', import.meta.url));
const BUILT_TRANSFORM = fileURLToPath(new URL('../../dist/codemods/storage-token-to-cookie.js', import.meta.url));
const MARKER = 'eslint-plugin-sessions: manual migration needed:';

/** Stores the token at login and sends it from storage: both are migrated. */
const API_CLIENT = `const API_URL = 'https://api.example.com';

export async function login(body) {
  const response = await fetch(API_URL + '/login', { method: 'POST', body });
  const data = await response.json();
  localStorage.setItem('token', data.token);
  return data.user;
}

export function loadOrders() {
  const token = localStorage.getItem('token');
  return fetch(API_URL + '/orders', { headers: { Authorization: \`Bearer \${token}\` } });
}
`;
const MIGRATED_LOAD_ORDERS = "return fetch(API_URL + '/orders', { credentials: 'include' });";

/** Reads the token only to decide whether the user is signed in: marked on line 2. */
const SIGN_IN_CHECK = `export function isSignedIn() {
  return localStorage.getItem('token') !== null;
}
`;
/** A Vuex store that vuex-persistedstate saves with its token: marked on line 5. */
const VUEX_STORE = `import Vuex from 'vuex';
import createPersistedState from 'vuex-persistedstate';
export default new Vuex.Store({
  state: { token: '' },
  plugins: [createPersistedState()],
});
`;
/** A Pinia store that pinia-plugin-persistedstate saves with its token: marked on line 4. */
const PINIA_STORE = `import { defineStore } from 'pinia';
export const useAuthStore = defineStore('auth', {
  state: () => ({ token: '' }),
  persist: true,
});
`;
const CLEAN = `export function add(a, b) {
  return a + b;
}
`;
/** Mentions storage, so the codemod parses it, and does not parse. */
const BROKEN = "localStorage.setItem('token', ;\n";

/** An Express login that signs a JWT and returns it, which jwt-to-session migrates. */
const JWT_SERVER = `const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());

app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

module.exports = app;
`;

/** Verifies a JWT in an arrow function in a class field, with no response for a missing token: marked on line 5. */
const CLASS_FIELD_GUARD = `const jwt = require('jsonwebtoken');

class Auth {
  check = (req, res, next) => {
    jwt.verify(req.headers.authorization, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  };
}

module.exports = new Auth();
`;

/** A Hono login that signs a JWT and returns it, which jwt-to-session marks on line 7. */
const HONO_SERVER = `import { Hono } from 'hono';
import jwt from 'jsonwebtoken';

const app = new Hono();
app.post('/login', async (c) => {
  const body = await c.req.json();
  const token = jwt.sign({ id: body.id }, process.env.JWT_SECRET!, { expiresIn: '2h' });
  return c.json({ token });
});
export default app;
`;

/** A Hono login that signs with Jwt of hono/utils/jwt, which jwt-to-session marks on line 7. */
const HONO_JWT_SERVER = `import { Hono } from 'hono';
import { Jwt } from 'hono/utils/jwt';

const app = new Hono();
app.post('/login', async (c) => {
  const body = await c.req.json();
  const token = await Jwt.sign({ sub: body.id, exp: Math.floor(Date.now() / 1000) + 300 }, c.env.JWT_SECRET);
  return c.json({ token });
});
export default app;
`;
/** A Hono login written without semicolons, where recast adds one to the statement it marks. */
const HONO_SERVER_WITHOUT_SEMICOLONS = `import { Hono } from 'hono'
import { sign } from 'hono/jwt'

const app = new Hono()

app.post('/login', async (c) => {
  const { name } = await c.req.json()
  const token = await sign({ sub: name, exp: Math.floor(Date.now() / 1000) + 300 }, c.env.JWT_SECRET)
  return c.json({ token })
})

export default app
`;

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(cwd: string, args: string[]): RunResult {
  const result = spawnSync(process.execPath, [CLI, 'migrate', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporaryFolders: string[] = [];

function createProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sessions-migrate-test-'));
  temporaryFolders.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

function createCommittedProject(files: Record<string, string>): string {
  const root = createProject(files);
  git(root, ['init', '-q']);
  git(root, ['add', '.']);
  git(root, ['commit', '-q', '-m', 'initial']);
  return root;
}

afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describe('migrate command', () => {
  it('lists the codemods in its help', () => {
    const result = runCli(process.cwd(), ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('storage-token-to-cookie');
    expect(result.stdout).toContain('jwt-to-session');
  });

  it('rejects an unknown codemod with the valid names', () => {
    const result = runCli(process.cwd(), ['tokens-to-sessions', 'src']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown codemod 'tokens-to-sessions'. Valid codemods: jwt-to-session, storage-token-to-cookie.");
  });

  it('rejects a path that does not exist', () => {
    const root = createProject({ 'src/a.js': CLEAN });
    const result = runCli(root, ['storage-token-to-cookie', 'lib']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Path not found: lib');
  });

  it('rejects paths with no file to migrate', () => {
    const root = createProject({ 'docs/readme.md': '# Docs\n', 'node_modules/pkg/index.js': API_CLIENT });
    const result = runCli(root, ['storage-token-to-cookie', '.']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No files to migrate in .');
  });

  it('migrates files and lists marked sites', () => {
    const root = createProject({ 'src/api.js': API_CLIENT, 'src/session.js': SIGN_IN_CHECK, 'src/math.js': CLEAN });
    const result = runCli(root, ['storage-token-to-cookie', 'src']);
    expect(result.stderr).toContain('Migrating 3 files with storage-token-to-cookie');
    expect(result.status).toBe(0);

    const api = readFileSync(path.join(root, 'src/api.js'), 'utf8');
    expect(api).not.toContain('localStorage');
    expect(api).toContain(MIGRATED_LOAD_ORDERS);
    expect(readFileSync(path.join(root, 'src/session.js'), 'utf8')).toContain(MARKER);
    expect(readFileSync(path.join(root, 'src/math.js'), 'utf8')).toBe(CLEAN);
    expect(result.stdout).toContain('src/session.js:2:10');
    expect(result.stdout).toContain('1 migrated, 1 marked only, 1 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
  });

  it('counts a marker-only file as marked only', () => {
    const root = createProject({ 'src/session.js': SIGN_IN_CHECK });
    const first = runCli(root, ['storage-token-to-cookie', 'src', '--verbose', '--report', 'report.json']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('marked    src/session.js');
    expect(first.stdout).toContain('0 migrated, 1 marked only, 0 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as MigrateReport;
    expect(report.summary).toMatchObject({ migrated: 1, markedOnly: 1, marked: 1 });
    expect(report.changedFiles).toEqual(['src/session.js']);
    expect(report.markedOnlyFiles).toEqual(['src/session.js']);

    // The marker is in place, so a second run changes nothing and still counts the site.
    const second = runCli(root, ['storage-token-to-cookie', 'src', '--verbose']);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('unchanged src/session.js');
    expect(second.stdout).toContain('0 migrated, 0 marked only, 1 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
  });

  it('counts persisted Vue stores as marked only', () => {
    const root = createProject({ 'src/store/index.js': VUEX_STORE, 'src/stores/auth.js': PINIA_STORE });
    const result = runCli(root, ['storage-token-to-cookie', 'src']);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(root, 'src/store/index.js'), 'utf8')).toContain(MARKER);
    expect(readFileSync(path.join(root, 'src/stores/auth.js'), 'utf8')).toContain(MARKER);
    expect(result.stdout).toContain('src/store/index.js:5:13');
    expect(result.stdout).toContain('src/stores/auth.js:4:3');
    expect(result.stdout).toContain('0 migrated, 2 marked only, 0 unchanged, 0 skipped, 0 errors; 2 sites to migrate by hand.');
  });

  it('counts rewrite with marker as migrated', () => {
    const root = createProject({ 'src/api.js': `${API_CLIENT}\n${SIGN_IN_CHECK}` });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--verbose', '--report', 'report.json']);
    expect(result.status).toBe(0);
    const migrated = readFileSync(path.join(root, 'src/api.js'), 'utf8');
    expect(migrated).toContain(MIGRATED_LOAD_ORDERS);
    expect(migrated).toContain(MARKER);
    expect(result.stdout).toContain('migrated  src/api.js');
    expect(result.stdout).toContain('1 migrated, 0 marked only, 0 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as MigrateReport;
    expect(report.summary).toMatchObject({ migrated: 1, markedOnly: 0, marked: 1 });
    expect(report.changedFiles).toEqual(['src/api.js']);
    expect(report.markedOnlyFiles).toEqual([]);
  });

  it('parses only files passing the text check', () => {
    const root = createProject({ 'src/api.js': API_CLIENT, 'src/math.js': CLEAN, 'src/more.js': CLEAN });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--dry', '--verbose']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('1 file may need changes and go to jscodeshift (1 worker); the text of the other 2 rules out any change.');
    expect(result.stdout).toContain('migrated  src/api.js');
    expect(result.stdout).toContain('unchanged src/math.js');
    expect(result.stdout).toContain('Dry run: 1 migrated, 0 marked only, 2 unchanged, 0 skipped, 0 errors; 0 sites to migrate by hand.');
  });

  it('ends quietly on a closed pipe', () => {
    const files = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`src/api${index}.js`, API_CLIENT]));
    const root = createProject(files);
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" migrate storage-token-to-cookie src --dry --print | head -c 200`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout).toHaveLength(200);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('Error');
  });

  it('skips jscodeshift when no file passes', () => {
    const root = createProject({ 'src/math.js': CLEAN, 'src/more.ts': 'export const two: number = 2;\n' });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--report', 'report.json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('No file contains what the codemod migrates, so none is parsed.');
    expect(result.stderr).not.toContain('jscodeshift');
    expect(result.stdout).toContain('0 migrated, 0 marked only, 2 unchanged, 0 skipped, 0 errors; 0 sites to migrate by hand.');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as MigrateReport;
    expect(report.summary).toEqual({ files: 2, migrated: 0, markedOnly: 0, unchanged: 2, skipped: 0, marked: 0, errors: 0 });
  });

  it('skips node_modules and build output', () => {
    const root = createProject({
      'src/api.js': API_CLIENT,
      'node_modules/pkg/index.js': API_CLIENT,
      'dist/api.js': API_CLIENT,
      'build/api.js': API_CLIENT,
      'coverage/api.js': API_CLIENT,
      '.next/api.js': API_CLIENT,
      'out/api.js': API_CLIENT,
    });
    const result = runCli(root, ['storage-token-to-cookie']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 migrated, 0 marked only, 0 unchanged');
    for (const folder of ['node_modules/pkg/index.js', 'dist/api.js', 'build/api.js', 'coverage/api.js', '.next/api.js', 'out/api.js']) {
      expect(readFileSync(path.join(root, folder), 'utf8')).toBe(API_CLIENT);
    }
  });

  it('prints a unified diff in a dry run and writes nothing', () => {
    const root = createProject({ 'src/api.js': API_CLIENT });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--dry', '--print']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--- a/src/api.js');
    expect(result.stdout).toContain('+++ b/src/api.js');
    expect(result.stdout).toContain("-  localStorage.setItem('token', data.token);");
    expect(result.stdout).toContain(`+  ${MIGRATED_LOAD_ORDERS}`);
    expect(result.stderr).toContain('Dry run: 1 migrated');
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toBe(API_CLIENT);
  });

  it('rejects --print without --dry', () => {
    const root = createProject({ 'src/api.js': API_CLIENT });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--print']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--print needs --dry');
  });

  it('writes a JSON report with changes, marks and skipped files', () => {
    const root = createProject({ 'src/api.js': API_CLIENT, 'src/session.js': SIGN_IN_CHECK, 'src/broken.js': BROKEN });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--report', 'migration.json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(root, 'migration.json'), 'utf8')) as MigrateReport;
    expect(report.summary).toEqual({ files: 3, migrated: 2, markedOnly: 1, unchanged: 0, skipped: 1, marked: 1, errors: 0 });
    expect(report.changedFiles).toEqual(['src/api.js', 'src/session.js']);
    expect(report.markedOnlyFiles).toEqual(['src/session.js']);
    expect(report.markedSites).toHaveLength(1);
    expect(report.markedSites[0]).toMatchObject({ file: 'src/session.js', line: 2, column: 10 });
    expect(report.markedSites[0]?.reason).toContain('decides whether the user is signed in');
    expect(report.skippedFiles).toHaveLength(1);
    expect(report.skippedFiles[0]).toMatchObject({ file: 'src/broken.js', line: 1 });
    expect(report.errors).toEqual([]);
  });

  it('reports a file that does not parse and goes on', () => {
    const root = createProject({ 'src/api.js': API_CLIENT, 'src/broken.js': BROKEN });
    const result = runCli(root, ['storage-token-to-cookie', 'src']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Skipped because they do not parse:');
    expect(result.stdout).toMatch(/src\/broken\.js {2}Cannot parse src\/broken\.js:1:\d+: [^(\n]+\n/);
    expect(readFileSync(path.join(root, 'src/broken.js'), 'utf8')).toBe(BROKEN);
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toContain(MIGRATED_LOAD_ORDERS);
  });

  it('rejects a report path without a folder', () => {
    const root = createProject({ 'src/api.js': API_CLIENT });
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--report', 'reports/migration.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the folder');
    expect(result.stderr).toContain('does not exist');
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toBe(API_CLIENT);
  });

  it.each([
    ['the file itself', ['server.js'], 'server.js'],
    ['a file in a migrated folder', ['.'], './server.js'],
    ['a symbolic link to a migrated file', ['.'], 'link.js'],
    ['a hard link to a migrated file', ['server.js'], 'hard.json'],
  ])('rejects a report path that is %s', (_name, paths, reportPath) => {
    const root = createProject({ 'server.js': JWT_SERVER });
    if (reportPath === 'link.js') symlinkSync(path.join(root, 'server.js'), path.join(root, 'link.js'));
    if (reportPath === 'hard.json') linkSync(path.join(root, 'server.js'), path.join(root, 'hard.json'));
    const result = runCli(root, ['jwt-to-session', ...paths, '--force', '--report', reportPath]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('it is one of the files to migrate, and the report would replace its code.');
    expect(result.stderr).not.toContain('Migrating');
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toBe(JWT_SERVER);
  });

  it('rejects a report path that names another existing file', () => {
    const root = createProject({ 'server.js': JWT_SERVER, 'package.json': '{ "name": "app" }\n' });
    const result = runCli(root, ['jwt-to-session', 'server.js', '--force', '--report', 'package.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not a report of an earlier migrate run');
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toBe('{ "name": "app" }\n');
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toBe(JWT_SERVER);
  });

  it('replaces the report of an earlier run', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    expect(runCli(root, ['jwt-to-session', 'server.js', '--dry', '--report', 'report.json']).status).toBe(0);
    const result = runCli(root, ['jwt-to-session', 'server.js', '--dry', '--report', 'report.json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8'))).toMatchObject({ codemod: 'jwt-to-session' });
  });

  it('writes the report next to the migrated files', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', 'server.js', '--report', 'server.report.json']);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toContain('req.session.regenerate(');
    expect(JSON.parse(readFileSync(path.join(root, 'server.report.json'), 'utf8'))).toMatchObject({ changedFiles: ['server.js'] });
  });

  it('refuses a git work tree with uncommitted changes', () => {
    const root = createCommittedProject({ 'src/api.js': API_CLIENT });
    writeFileSync(path.join(root, 'src/extra.js'), CLEAN);
    const result = runCli(root, ['storage-token-to-cookie', 'src']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the git work tree has uncommitted changes');
    expect(result.stderr).toContain('?? src/extra.js');
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toBe(API_CLIENT);
  });

  it('runs on a dirty work tree with --force', () => {
    const root = createCommittedProject({ 'src/api.js': API_CLIENT });
    writeFileSync(path.join(root, 'src/extra.js'), CLEAN);
    const result = runCli(root, ['storage-token-to-cookie', 'src', '--force']);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toContain(MIGRATED_LOAD_ORDERS);
  });

  it('runs on a clean work tree', () => {
    const root = createCommittedProject({ 'src/api.js': API_CLIENT });
    const result = runCli(root, ['storage-token-to-cookie', 'src']);
    expect(result.status).toBe(0);
    expect(git(root, ['status', '--porcelain'])).toBe(' M src/api.js\n');
  });

  it('lists a marker in a class field at its line', () => {
    const root = createProject({ 'src/auth.js': CLASS_FIELD_GUARD });
    const result = runCli(root, ['jwt-to-session', 'src', '--report', 'report.json']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Marked for manual migration:\n  src/auth.js:5:5  no response for a request without a valid token was found');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as MigrateReport;
    expect(report.markedSites).toEqual([expect.objectContaining({ file: 'src/auth.js', line: 5, column: 5 })]);
    const migrated = readFileSync(path.join(root, 'src/auth.js'), 'utf8');
    expect(migrated.split('\n')[4]).toContain(MARKER);
    expect(migrated).toContain("jwt.verify(req.headers.authorization, process.env.JWT_SECRET, { algorithms: ['HS256'] });");
  });

  it('lists the packages the jwt-to-session migration needs', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', '.', '--report', 'report.json']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 migrated');
    expect(result.stdout).toMatch(/npm install express-session connect-session-knex knex \S+/);
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as { dependencies: { name: string }[] };
    expect(report.dependencies.map((dependency) => dependency.name)).toEqual(
      expect.arrayContaining(['express-session', 'connect-session-knex', 'knex']),
    );
  });

  it('marks a Hono login with its reason', () => {
    const root = createProject({ 'src/app.ts': HONO_SERVER });
    const result = runCli(root, ['jwt-to-session', 'src']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'src/app.ts:7:17  the file loads hono and not express, so its handlers are not Express handlers, which are the only ones this codemod migrates',
    );
    expect(result.stdout).toContain('0 migrated, 1 marked only, 0 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
    expect(result.stdout).not.toContain('npm install');
    const migrated = readFileSync(path.join(root, 'src/app.ts'), 'utf8');
    expect(migrated).toContain(MARKER);
    expect(migrated).not.toContain('req.session');
    expect(migrated.replace(/^.*manual migration needed.*\n/m, '')).toBe(HONO_SERVER);
  });

  it('counts a reprinted marked statement as marked only', () => {
    const root = createProject({ 'src/index.js': HONO_SERVER_WITHOUT_SEMICOLONS });
    const result = runCli(root, ['jwt-to-session', 'src', '--report', 'report.json']);
    expect(result.status).toBe(0);
    const migrated = readFileSync(path.join(root, 'src/index.js'), 'utf8');
    expect(migrated).toContain(MARKER);
    expect(result.stdout).toContain('0 migrated, 1 marked only, 0 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
    expect(result.stdout).not.toContain('The migrated code needs these packages');
    expect(result.stdout).not.toContain('npm install');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as MigrateReport;
    expect(report.summary).toMatchObject({ migrated: 1, markedOnly: 1, marked: 1 });
    expect(report.markedOnlyFiles).toEqual(['src/index.js']);
    expect(report.dependencies).toEqual([]);
  });

  it('marks a hono/utils/jwt login with its reason', () => {
    const root = createProject({ 'src/app.ts': HONO_JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', 'src']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'src/app.ts:7:23  hono/jwt is not migrated (only Express servers are); move this app to server-side sessions by hand',
    );
    expect(result.stdout).toContain('0 migrated, 1 marked only, 0 unchanged, 0 skipped, 0 errors; 1 site to migrate by hand.');
    const migrated = readFileSync(path.join(root, 'src/app.ts'), 'utf8');
    expect(migrated).toContain(MARKER);
    expect(migrated.replace(/^.*manual migration needed.*\n/m, '')).toBe(HONO_JWT_SERVER);
  });
});

describe('migrate --option', () => {
  it('lists the packages of the store chosen with --option store', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', '.', '--option', 'store=redis', '--report', 'report.json']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/npm install express-session connect-redis redis\n/);
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as { dependencies: { name: string }[] };
    const names = report.dependencies.map((dependency) => dependency.name);
    expect(names).toEqual(['express-session', '@types/express-session', 'connect-redis', 'redis']);
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toContain('new RedisStore(');
  });

  it('lists no store package with --option store=memory', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', '.', '--option', 'store=memory', '--report', 'report.json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as { dependencies: { name: string }[] };
    expect(report.dependencies.map((dependency) => dependency.name)).toEqual(['express-session', '@types/express-session']);
  });

  it('rejects an invalid option value early', () => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', '.', '--option', 'store=nosuch']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid store option 'nosuch': use one of knex, redis, memory.");
    expect(result.stderr).not.toContain('Migrating');
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toBe(JWT_SERVER);
  });

  it.each(['constructor', 'toString', '__proto__', 'cookie', 'regenerate'])('rejects the session key %s', (key) => {
    const root = createProject({ 'server.js': JWT_SERVER });
    const result = runCli(root, ['jwt-to-session', '.', '--option', `sessionKey=${key}`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `Invalid sessionKey option '${key}': the session object already has a property or method of that name; use another name such as 'user'.`,
    );
    expect(readFileSync(path.join(root, 'server.js'), 'utf8')).toBe(JWT_SERVER);
  });

  it('rejects an unknown option name', () => {
    const misspelt = runCli(process.cwd(), ['jwt-to-session', '.', '--option', 'stroe=redis']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain("Unknown --option 'stroe' for jwt-to-session: valid options are store, sessionKey.");
    const none = runCli(process.cwd(), ['storage-token-to-cookie', '.', '--option', 'store=redis']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("Unknown --option 'store' for storage-token-to-cookie: it takes no options.");
  });

  it('rejects an option without a value', () => {
    const result = runCli(process.cwd(), ['jwt-to-session', '.', '--option', 'store']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid --option 'store': expected name=value");
  });

  it('rejects an option that migrate sets itself', () => {
    const result = runCli(process.cwd(), ['jwt-to-session', '.', '--option', 'dry=false']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("'dry' is set by migrate itself");
  });
});

describe('transform under plain jscodeshift', () => {
  it('runs the built transform with --no-babel', () => {
    const root = createProject({ 'src/api.js': API_CLIENT });
    const result = spawnSync(process.execPath, [JSCODESHIFT, '--no-babel', '-t', BUILT_TRANSFORM, 'src/api.js'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 ok');
    expect(readFileSync(path.join(root, 'src/api.js'), 'utf8')).toContain(MIGRATED_LOAD_ORDERS);
  });
});
