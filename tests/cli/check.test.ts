import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/src/cli/index.js', import.meta.url));

/** A file that stores a login token in web storage, which `sessions/no-token-in-storage` reports. */
const STORES_TOKEN = `export function saveLogin(response) {
  localStorage.setItem('token', response.token);
}
`;
/** An Express handler that signs a JWT at login and returns it, which `sessions/no-jwt-session` reports. */
const SIGNS_JWT = `const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '7d' });
  res.json({ token });
});
module.exports = app;
`;
/** A Hono login that signs a JWT with hono/jwt, which `sessions/no-jwt-session` reports and jwt-to-session only marks. */
const HONO_SIGNS_JWT = `import { Hono } from 'hono';
import { sign } from 'hono/jwt';

const app = new Hono();
app.post('/login', async (c) => {
  const { id } = await c.req.json();
  return c.json({ token: await sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 60 }, c.env.JWT_SECRET) });
});
export default app;
`;
/** A Koa login that signs a JWT with jsonwebtoken, which `sessions/no-jwt-session` reports and jwt-to-session only marks. */
const KOA_SIGNS_JWT = `const Koa = require('koa');
const jwt = require('jsonwebtoken');

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = { token: jwt.sign({ id: ctx.request.body.id }, process.env.JWT_SECRET) };
});
module.exports = app;
`;
const CLEAN = `export function add(a, b) {
  return a + b;
}
`;
/** A syntax error, so a file shows up among the unparsed files whichever rules exist. */
const BROKEN = 'const = ;\n';

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCheck(cwd: string, args: string[]): RunResult {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  filesChecked: number;
  findings: { ruleId: string; file: string; line: number; column: number; message: string; codemods: string[] }[];
  parseFailures: { file: string; line: number; column: number; message: string }[];
  suppressedCount: number;
  summary: { ruleId: string; count: number; codemods: string[] }[];
  nextCommands: string[];
}

function runJson(cwd: string, args: string[] = []): { status: number | null; report: JsonReport } {
  const result = runCheck(cwd, ['--format', 'json', ...args]);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
}

const temporaryFolders: string[] = [];

/** Creates a folder under the system temp directory with the given files (paths relative to it). */
function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sessions-check-'));
  temporaryFolders.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before these tests.`);
});

afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describe('check usage', () => {
  it('prints help with exit 0', () => {
    const result = runCheck(tmpdir(), ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: eslint-plugin-sessions check');
    expect(result.stdout).toContain('--format <text|json|sarif>');
  });

  it('runs from a symlinked spaced path', () => {
    // pnpm starts the CLI through its symlinked package folder, and the real path of the file differs.
    const root = makeProject({});
    const packageFolder = path.join(root, 'my project', 'node_modules', 'eslint-plugin-sessions');
    mkdirSync(path.dirname(packageFolder), { recursive: true });
    symlinkSync(path.resolve(path.dirname(CLI), '../../..'), packageFolder, 'dir');
    const linkedCli = path.join(packageFolder, 'dist', 'src', 'cli', 'index.js');
    const result = spawnSync(process.execPath, [linkedCli, 'check', '--help'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: eslint-plugin-sessions check');
  });

  it('runs through a bin symlink', () => {
    // npm links node_modules/.bin/eslint-plugin-sessions to the script itself.
    const root = makeProject({ 'src/a.js': STORES_TOKEN });
    const link = path.join(root, 'bin dir', 'eslint-plugin-sessions');
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(CLI, link);
    const result = spawnSync(process.execPath, [link, 'check', 'src'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no-token-in-storage');
  });

  it('rejects an unknown option', () => {
    const result = runCheck(tmpdir(), ['--fix']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--fix'");
  });

  it('rejects an invalid format', () => {
    const result = runCheck(tmpdir(), ['--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Invalid --format 'xml'. Valid formats: text, json, sarif.");
  });

  it('rejects a missing path', () => {
    const root = makeProject({ 'a.js': CLEAN });
    const result = runCheck(root, ['no-such-folder']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Path not found: no-such-folder');
  });

  it('rejects a file that is not JavaScript', () => {
    const root = makeProject({ 'notes.md': '# notes\n' });
    const result = runCheck(root, ['notes.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Not a JavaScript or TypeScript file: notes.md');
  });

  it('rejects a path that is neither a file nor a folder', () => {
    const root = makeProject({ 'src/a.js': 'export const a = 1;\n' });
    expect(spawnSync('mkfifo', [path.join(root, 'pipe.js')]).status).toBe(0);
    const result = runCheck(root, ['pipe.js']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Not a file or folder: pipe.js');
  });
});

describe('check findings', () => {
  it('exits 0 on clean code', () => {
    const root = makeProject({ 'src/add.js': CLEAN });
    const result = runCheck(root, []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No problems found in 1 file.');
  });

  it('groups findings by rule with locations', () => {
    const root = makeProject({ 'public/app.js': STORES_TOKEN, 'server/app.js': SIGNS_JWT });
    const result = runCheck(root, []);

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^sessions\/no-token-in-storage \(1\)\n {2}public\/app\.js:2:3 {2}\S/m);
    expect(result.stdout).toMatch(/^sessions\/no-jwt-session \(\d+\)\n {2}server\/app\.js:\d+:\d+ {2}\S/m);
  });

  it('prints a summary table with codemods', () => {
    const root = makeProject({ 'public/app.js': STORES_TOKEN, 'server/app.js': SIGNS_JWT });
    const result = runCheck(root, []);

    expect(result.stdout).toMatch(/^Rule +Count +Codemod$/m);
    expect(result.stdout).toMatch(/^sessions\/no-token-in-storage +1 +storage-token-to-cookie$/m);
    expect(result.stdout).toMatch(/^sessions\/no-jwt-session +\d+ +jwt-to-session$/m);
  });

  it('prints the next commands', () => {
    const root = makeProject({ 'public/app.js': STORES_TOKEN, 'server/app.js': SIGNS_JWT });
    const result = runCheck(root, []);

    expect(result.stdout).toContain('npx eslint-plugin-sessions migrate jwt-to-session .\n');
    expect(result.stdout).toContain('npx eslint-plugin-sessions migrate storage-token-to-cookie .\n');
  });

  it('suggests no codemod for Hono sessions', () => {
    const root = makeProject({ 'src/index.js': HONO_SIGNS_JWT });
    const result = runCheck(root, []);

    expect(result.stdout).toMatch(/^sessions\/no-jwt-session +1 +\(none, fix by hand\)$/m);
    expect(result.stdout).not.toContain('Next, migrate');
    expect(result.stdout).not.toContain('migrate jwt-to-session .');
    expect(result.stdout).toMatch(/^No codemod covers these rules\..*\n {2}sessions\/no-jwt-session +\S+no-jwt-session\.md$/m);
  });

  it('suggests no codemod for Koa sessions', () => {
    const root = makeProject({ 'src/index.js': KOA_SIGNS_JWT });
    const { report } = runJson(root);

    const sessionFindings = report.findings.filter((finding) => finding.ruleId === 'sessions/no-jwt-session');
    expect(sessionFindings.map((finding) => [finding.file, finding.codemods])).toEqual([['src/index.js', []]]);
    expect(report.nextCommands).toEqual([]);
  });

  it('suggests no codemod without session setup', () => {
    const root = makeProject({
      'package.json': JSON.stringify({ dependencies: { express: '5.0.0', jsonwebtoken: '9.0.0' } }),
      'server.js': `const express = require('express');
const jwt = require('jsonwebtoken');
const server = express().use(express.json());
server.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});
`,
    });
    const { report } = runJson(root);

    const sessionFindings = report.findings.filter((finding) => finding.ruleId === 'sessions/no-jwt-session');
    expect(sessionFindings.map((finding) => [finding.file, finding.codemods])).toEqual([['server.js', []]]);
    expect(sessionFindings[0]?.message).toContain('gets no session setup from the codemod');
    expect(report.nextCommands).toEqual([]);
  });

  it('suggests no codemod for an API key of a signed-in user', () => {
    const root = makeProject({
      'package.json': JSON.stringify({ dependencies: { express: '5.0.0', jsonwebtoken: '9.0.0' } }),
      'server.js': `const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
app.post('/api/keys', requireUser, (req, res) => {
  res.json({ key: jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});
`,
    });
    const { report } = runJson(root);

    const sessionFindings = report.findings.filter((finding) => finding.ruleId === 'sessions/no-jwt-session');
    expect(sessionFindings.map((finding) => [finding.file, finding.codemods])).toEqual([['server.js', []]]);
    expect(sessionFindings[0]?.message).toContain('already signed in');
    expect(report.nextCommands).toEqual([]);
  });

  it('suggests no codemod for a Pages Router API route', () => {
    const root = makeProject({
      'package.json': JSON.stringify({ dependencies: { next: '15.0.0', jsonwebtoken: '9.0.0' } }),
      'pages/api/login.js': `import jwt from 'jsonwebtoken';
export default function handler(req, res) {
  res.status(200).json({ token: jwt.sign({ sub: req.body.id }, process.env.JWT_SECRET) });
}
`,
    });
    const { report } = runJson(root);

    const sessionFindings = report.findings.filter((finding) => finding.ruleId === 'sessions/no-jwt-session');
    expect(sessionFindings.map((finding) => [finding.file, finding.codemods])).toEqual([['pages/api/login.js', []]]);
    expect(sessionFindings[0]?.message).toContain("res.setHeader('Set-Cookie', ...)");
    expect(report.nextCommands).toEqual([]);
  });

  it('suggests jwt-to-session beside Hono for Express', () => {
    const root = makeProject({ 'hono/index.js': HONO_SIGNS_JWT, 'server/app.js': SIGNS_JWT });
    const { report } = runJson(root);

    const sessionFindings = report.findings.filter((finding) => finding.ruleId === 'sessions/no-jwt-session');
    expect(sessionFindings.map((finding) => [finding.file, finding.codemods])).toEqual([
      ['hono/index.js', []],
      ['server/app.js', ['jwt-to-session']],
    ]);
    expect(report.summary.find((entry) => entry.ruleId === 'sessions/no-jwt-session')?.codemods).toEqual(['jwt-to-session']);
    expect(report.nextCommands).toEqual(['npx eslint-plugin-sessions migrate jwt-to-session .']);
  });

  it('repeats the named paths in next commands', () => {
    const root = makeProject({ 'my app/public/app.js': STORES_TOKEN });
    const result = runCheck(root, ['my app/public']);
    expect(result.stdout).toContain("npx eslint-plugin-sessions migrate storage-token-to-cookie 'my app/public'\n");
  });

  it('lints TypeScript, TSX and JSX', () => {
    const root = makeProject({
      'src/store.ts': `const key = 'token';\nexport function save(value: string): void {\n  localStorage.setItem(key, value as string);\n}\n`,
      'src/legacy-cast.ts': 'const size = <number>JSON.parse("1");\nexport default size;\n',
      'src/view.tsx': 'export const View = (props: { name: string }) => <p>{props.name}</p>;\n',
      'src/view.jsx': 'export const View = ({ name }) => <p>{name}</p>;\n',
      'src/config.cjs': 'module.exports = { port: 3000 };\n',
      'src/module.mts': 'export const answer: number = 42;\n',
    });
    const { status, report } = runJson(root);

    expect(report.parseFailures).toEqual([]);
    expect(report.filesChecked).toBe(6);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([
      'sessions/no-token-in-storage src/store.ts:3',
    ]);
    expect(status).toBe(1);
  });

  it('needs no ESLint config of the project', () => {
    const root = makeProject({
      'eslint.config.js': "throw new Error('the project config must not be loaded');\n",
      'app.js': STORES_TOKEN,
    });
    const { status, report } = runJson(root, ['app.js']);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
  });

  it('ignores directives for other plugins', () => {
    const root = makeProject({
      'app.js': `/* eslint-env browser */\n// eslint-disable-next-line react/no-danger\nfoo();\n${STORES_TOKEN}`,
    });
    const { report } = runJson(root);
    expect(report.parseFailures).toEqual([]);
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['sessions/no-token-in-storage']);
  });

  it('counts findings disabled by comments', () => {
    const root = makeProject({
      'app.js': `export function save(token) {\n  // eslint-disable-next-line sessions/no-token-in-storage\n  localStorage.setItem('token', token);\n}\n`,
    });
    const result = runCheck(root, []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 more finding is disabled by eslint-disable comments.');
  });
});

describe('check parse errors', () => {
  it('lists unparsed files and goes on', () => {
    const root = makeProject({ 'broken.js': BROKEN, 'types.ts': 'let x: = 1;\n', 'app.js': STORES_TOKEN });
    const result = runCheck(root, []);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Files not checked because they do not parse (2):');
    expect(result.stdout).toMatch(/^ {2}broken\.js:1:7 {2}Parsing error: /m);
    expect(result.stdout).toMatch(/^ {2}types\.ts:1:\d+ {2}Parsing error: /m);
    expect(result.stdout).toMatch(/^ {2}app\.js:2:3 {2}/m);
    expect(result.stdout).toContain('1 problem in 1 checked file.');
  });

  it('says when no files are found', () => {
    const root = makeProject({ 'README.md': '# readme\n' });
    const result = runCheck(root, []);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('No JavaScript or TypeScript files found.\n');
  });

  it('exits 1 on a parse error alone', () => {
    const root = makeProject({ 'broken.js': BROKEN });
    const { status, report } = runJson(root);
    expect(status).toBe(1);
    expect(report.parseFailures).toEqual([{ file: 'broken.js', line: 1, column: 7, message: expect.stringMatching(/^Parsing error: /) }]);
    expect(report.filesChecked).toBe(0);
  });
});

describe('check source type', () => {
  /**
   * A classic script that is valid only in sloppy mode: a `with` statement, a legacy octal literal and a
   * repeated function declaration. It also stores a token, so a finding shows that it was linted.
   */
  const SLOPPY_SCRIPT = `function saveLogin(response) {
  with (response) {
    localStorage.setItem('token', token);
  }
}
function saveLogin(response) {
  localStorage.setItem('token', response.token);
}
var mode = 0644;
`;
  /** A script that is valid in sloppy mode, clean for every rule. */
  const CLEAN_SCRIPT = 'function f() {}\nfunction f() {}\nwith (Math) { f(PI); }\n';

  it('lints a sloppy script without package.json', () => {
    const root = makeProject({ 'legacy.js': SLOPPY_SCRIPT });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.parseFailures).toEqual([]);
    expect(report.filesChecked).toBe(1);
    expect(report.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ['sessions/no-token-in-storage', 3],
      ['sessions/no-token-in-storage', 7],
    ]);
  });

  it('exits 0 on a clean sloppy script', () => {
    const root = makeProject({ 'package.json': '{"name": "app"}\n', 'vendor/lib.js': CLEAN_SCRIPT, 'vendor/lib.jsx': CLEAN_SCRIPT });
    const { status, report } = runJson(root);

    expect(status).toBe(0);
    expect(report.parseFailures).toEqual([]);
    expect(report.filesChecked).toBe(2);
  });

  it('rejects a sloppy script in a module package', () => {
    const root = makeProject({ 'package.json': '{"type": "module"}\n', 'legacy.js': CLEAN_SCRIPT });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.parseFailures).toEqual([{ file: 'legacy.js', line: 2, column: 10, message: expect.stringMatching(/^Parsing error: /) }]);
    expect(report.filesChecked).toBe(0);
  });

  it('uses the nearest package.json', () => {
    const root = makeProject({
      'package.json': '{"name": "app", "type": "module"}\n',
      'src/package.json': '{"type": "commonjs"}\n',
      'src/legacy.js': CLEAN_SCRIPT,
      'lib/package.json': '{}\n',
      'lib/legacy.js': CLEAN_SCRIPT,
      'legacy.cjs': CLEAN_SCRIPT,
      'legacy.mjs': CLEAN_SCRIPT,
    });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.parseFailures.map((failure) => failure.file)).toEqual(['legacy.mjs']);
    expect(report.filesChecked).toBe(3);
  });

  it('parses ES module syntax in a CommonJS package', () => {
    const root = makeProject({
      'package.json': '{"name": "app", "dependencies": {"react": "^18.0.0"}}\n',
      'src/clean.js': CLEAN,
      'src/login.jsx': STORES_TOKEN,
      'src/await.js': 'const response = await fetch("/config");\nconsole.log(response.status);\n',
    });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.parseFailures).toEqual([]);
    expect(report.filesChecked).toBe(3);
    expect(report.findings.map((finding) => [finding.ruleId, finding.file])).toEqual([['sessions/no-token-in-storage', 'src/login.jsx']]);
  });

  it('reports the script error when both parses fail', () => {
    const root = makeProject({ 'mixed.js': "import fs from 'node:fs';\nwith (fs) {}\n" });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.parseFailures).toEqual([
      { file: 'mixed.js', line: 1, column: 1, message: expect.stringMatching(/^Parsing error: 'import' and 'export' may appear only with 'sourceType: module'/) },
    ]);
  });
});

describe('check file selection', () => {
  /** Lists the files `check` linted in `root`, using a syntax error in every candidate file. */
  function listLintedFiles(root: string, args: string[] = []): string[] {
    return runJson(root, args).report.parseFailures.map((failure) => failure.file).sort();
  }

  it('honours .gitignore files', () => {
    const root = makeProject({
      '.gitignore': 'generated/\n*.gen.js\n!keep.gen.js\n/only-root.js\n',
      'src/a.js': BROKEN,
      'src/b.gen.js': BROKEN,
      'src/keep.gen.js': BROKEN,
      'src/only-root.js': BROKEN,
      'only-root.js': BROKEN,
      'generated/c.js': BROKEN,
      'src/generated/d.js': BROKEN,
      'nested/.gitignore': 'local.js\n',
      'nested/local.js': BROKEN,
      'nested/other.js': BROKEN,
    });
    expect(listLintedFiles(root)).toEqual(['nested/other.js', 'src/a.js', 'src/keep.gen.js', 'src/only-root.js']);
  });

  it('applies parent .gitignore inside git', () => {
    const root = makeProject({
      '.git/info/exclude': 'excluded.js\n',
      '.gitignore': 'web/legacy/\n',
      'web/app.js': BROKEN,
      'web/excluded.js': BROKEN,
      'web/legacy/old.js': BROKEN,
    });
    expect(listLintedFiles(path.join(root, 'web'))).toEqual(['app.js']);
  });

  it('skips node_modules and build output', () => {
    const root = makeProject({
      'src/a.js': BROKEN,
      'node_modules/pkg/index.js': BROKEN,
      'src/node_modules/pkg/index.js': BROKEN,
      'dist/bundle.js': BROKEN,
      'build/out.js': BROKEN,
      'coverage/lcov-report/prettify.js': BROKEN,
      '.next/server.js': BROKEN,
      'public/vendor.min.js': BROKEN,
      'README.md': '# readme\n',
    });
    expect(listLintedFiles(root)).toEqual(['src/a.js']);
  });

  it('checks named paths even when ignored', () => {
    const root = makeProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'dist/\n*.gen.js\n',
      'dist/a.js': BROKEN,
      'src/b.gen.js': BROKEN,
    });
    expect(listLintedFiles(root, ['dist', 'src/b.gen.js'])).toEqual(['dist/a.js', 'src/b.gen.js']);
  });

  it('checks paths outside the current folder', () => {
    const elsewhere = makeProject({ 'lib/a.js': BROKEN });
    const root = makeProject({ 'b.js': BROKEN });
    const linted = listLintedFiles(root, ['.', path.join(elsewhere, 'lib')]);
    expect(linted).toEqual([path.join(elsewhere, 'lib/a.js').split(path.sep).join('/'), 'b.js'].sort());
  });
});

describe('check output formats', () => {
  it('writes JSON with the summary', () => {
    const root = makeProject({ 'public/app.js': STORES_TOKEN, 'clean.js': CLEAN });
    const { status, report } = runJson(root);

    expect(status).toBe(1);
    expect(report.filesChecked).toBe(2);
    expect(report.findings).toEqual([
      {
        ruleId: 'sessions/no-token-in-storage',
        file: 'public/app.js',
        line: 2,
        column: 3,
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
        message: expect.stringMatching(/\.$/),
        codemods: ['storage-token-to-cookie'],
      },
    ]);
    expect(report.summary).toEqual([
      {
        ruleId: 'sessions/no-token-in-storage',
        count: 1,
        codemods: ['storage-token-to-cookie'],
        docsUrl: expect.stringMatching(/\/docs\/rules\/no-token-in-storage\.md$/),
      },
    ]);
    expect(report.nextCommands).toEqual(['npx eslint-plugin-sessions migrate storage-token-to-cookie .']);
  });

  it('writes to --output', () => {
    const root = makeProject({ 'app.js': STORES_TOKEN });
    const result = runCheck(root, ['--format', 'json', '--output', 'report.json']);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('wrote json to report.json');
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')) as JsonReport;
    expect(report.findings).toHaveLength(1);
  });

  it('writes SARIF 2.1.0', () => {
    const root = makeProject({ 'public/app.js': STORES_TOKEN, 'broken.js': BROKEN });
    const result = runCheck(root, ['--format', 'sarif']);
    expect(result.status).toBe(1);

    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('ESLint');
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'sessions/no-token-in-storage',
        helpUri: expect.stringMatching(/\/docs\/rules\/no-token-in-storage\.md$/),
        shortDescription: { text: expect.stringMatching(/^Disallow /) },
      }),
    ]);
    expect(run.tool.extensions).toEqual([expect.objectContaining({ name: 'eslint-plugin-sessions' })]);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${root}/`);
    expect(run.results).toHaveLength(1);
    expect(run.results[0].ruleId).toBe('sessions/no-token-in-storage');
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'public/app.js', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 3 },
    });
  });

  it('reports parse errors in SARIF', () => {
    const root = makeProject({ 'broken.js': BROKEN });
    const log = JSON.parse(runCheck(root, ['--format', 'sarif']).stdout);
    const [invocation] = log.runs[0].invocations;

    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolConfigurationNotifications).toHaveLength(1);
    expect(invocation.toolConfigurationNotifications[0].message.text).toMatch(/^Parsing error: /);
    expect(invocation.toolConfigurationNotifications[0].locations[0].physicalLocation.artifactLocation).toMatchObject({
      uri: 'broken.js',
      uriBaseId: '%SRCROOT%',
    });
  });
});
