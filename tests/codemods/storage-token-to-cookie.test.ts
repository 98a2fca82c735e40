import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';

import transform, { meta, REASONS } from '../../codemods/storage-token-to-cookie.js';
import { findMarkers, getFileParser, MARKER_PREFIX } from '../../src/codemod/index.js';
import { parseSourceCode } from '../../src/source-code.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/storage-token-to-cookie/', import.meta.url));

interface Run {
  output: string | undefined;
  reports: string[];
}

function run(path: string, source: string): Run {
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path, source }, api as never);
  return { output, reports };
}

const cases = readdirSync(FIXTURES)
  .map((name) => /^(?<name>.+)\.input\.(?<extension>\w+)$/.exec(name)?.groups)
  .filter((groups): groups is { name: string; extension: string } => groups !== undefined)
  .map(({ name, extension }) => {
    const reportPath = join(FIXTURES, `${name}.report.txt`);
    return {
      name,
      inputName: `${name}.input.${extension}`,
      outputName: `${name}.output.${extension}`,
      input: readFileSync(join(FIXTURES, `${name}.input.${extension}`), 'utf8'),
      expected: readFileSync(join(FIXTURES, `${name}.output.${extension}`), 'utf8'),
      expectedReports: existsSync(reportPath) ? readFileSync(reportPath, 'utf8').split('\n').filter((line) => line !== '') : [],
    };
  });

describe('storage-token-to-cookie fixtures', () => {
  it('finds the fixture pairs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.some((item) => item.input === item.expected)).toBe(true);
    expect(cases.some((item) => item.name.endsWith('-marked'))).toBe(true);
  });

  describe.each(cases)('$name', ({ inputName, outputName, input, expected, expectedReports }) => {
    it('transforms the input into the output', () => {
      const { output } = run(inputName, input);
      if (expected === input) expect(output).toBeUndefined();
      else expect(output).toBe(expected);
    });

    it('reports exactly the marked sites', () => {
      const { reports } = run(inputName, input);
      expect(reports).toEqual(expectedReports);
      const markers = findMarkers(expected).length - findMarkers(input).length;
      expect(markers).toBe(expectedReports.length);
    });

    it('writes an output that parses', () => {
      expect(() => parseSourceCode(expected, outputName)).not.toThrow();
      expect(() => jscodeshift.withParser(getFileParser(outputName) as never)(expected)).not.toThrow();
    });

    it('leaves its own output unchanged', () => {
      const second = run(outputName, expected);
      expect(second.output).toBeUndefined();
      expect(second.reports.map((report) => report.slice(report.indexOf(': ') + 2))).toEqual(
        expectedReports.map((report) => report.slice(report.indexOf(': ') + 2)),
      );
    });

    it('keeps the line terminators', () => {
      if (input.includes('\r\n')) expect(expected.replace(/\r\n/g, '')).not.toContain('\n');
      else expect(expected).not.toContain('\r');
    });
  });
});

describe('storage-token-to-cookie transform', () => {
  it('skips a file without storage at once', () => {
    expect(run('plain.js', 'export const answer = 42;\n').output).toBeUndefined();
  });

  it('skips a file without storage even when it does not parse', () => {
    expect(run('broken.js', 'const = ;\n').output).toBeUndefined();
  });

  it('throws a parse error that names the file', () => {
    expect(() => run('src/broken.js', "localStorage.setItem('token', ;\n")).toThrow(/Cannot parse src\/broken\.js:1:/);
  });

  it('marks a credential kept by a hook', () => {
    const source = [
      "import { useLocalStorage } from 'usehooks-ts';",
      '',
      'export function useToken() {',
      "  const [token] = useLocalStorage('token', '');",
      '  return token;',
      '}',
      '',
    ].join('\n');
    const { output, reports } = run('hooks.js', source);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^hooks\.js:4:\d+: manual migration needed: the credential is kept in storage-backed state/);
    expect(output).toContain(`/* ${MARKER_PREFIX} the credential is kept in storage-backed state`);
  });

  it('uses the file quote style for new code', () => {
    const source = [
      'const LOGOUT = "/api/logout";',
      'export function leave() {',
      '  localStorage.removeItem("token");',
      '}',
      'export { LOGOUT };',
      '',
    ].join('\n');
    expect(run('leave.js', source).output).toContain('void fetch(LOGOUT, { method: "POST", keepalive: true }).catch(() => {});');
  });

  it('awaits the logout request in an async function', () => {
    const source = [
      "const LOGOUT_URL = '/api/logout';",
      'export async function leave() {',
      "  localStorage.removeItem('token');",
      '}',
      'export { LOGOUT_URL };',
      '',
    ].join('\n');
    expect(run('leave.js', source).output).toContain("  await fetch(LOGOUT_URL, { method: 'POST', keepalive: true }).catch(() => {});\n");
  });

  it('removes a removal when the file already requests the logout route', () => {
    const source = [
      'export async function leave() {',
      "  localStorage.removeItem('token');",
      "  await fetch('/api/sign-out', { method: 'POST' });",
      '}',
      '',
    ].join('\n');
    const { output } = run('leave.js', source);
    expect(output).toBe(["export async function leave() {", "  await fetch('/api/sign-out', { method: 'POST' });", '}', ''].join('\n'));
  });

  it('marks a header sent by a request it cannot see', () => {
    const source = [
      'export function send(client) {',
      "  const token = localStorage.getItem('token');",
      "  return client.send({ headers: { Authorization: 'Bearer ' + token } });",
      '}',
      '',
    ].join('\n');
    const { output, reports } = run('send.js', source);
    expect(reports).toEqual([`send.js:2:17: manual migration needed: ${REASONS.untracedHeader}`]);
    expect(output).toContain("Authorization: 'Bearer ' + token");
  });

  it('marks a stored credential that other modules import', () => {
    const direct = "export const token = localStorage.getItem('token');\n";
    expect(run('direct.js', direct).reports).toEqual([`direct.js:1:22: manual migration needed: ${REASONS.exportedValue}`]);
    const listed = "const token = localStorage.getItem('token');\nexport { token };\n";
    expect(run('listed.js', listed).reports).toEqual([`listed.js:1:15: manual migration needed: ${REASONS.exportedValue}`]);
  });

  it('removes a stored credential that nothing reads', () => {
    const source = "export function warm() {\n  const token = localStorage.getItem('token');\n  return 1;\n}\n";
    expect(run('warm.js', source).output).toBe('export function warm() {\n  return 1;\n}\n');
  });

  it('marks a write in a branch without braces', () => {
    const source = "export function save(data, remember) {\n  if (remember) localStorage.setItem('token', data.token);\n}\n";
    const { output, reports } = run('save.js', source);
    expect(reports).toEqual([`save.js:2:17: manual migration needed: ${REASONS.writeInExpression}`]);
    expect(output).toContain("localStorage.setItem('token', data.token);");
  });

  it('removes a lost trail to same-origin requests', () => {
    const source = [
      'export async function login(body) {',
      "  let response = await fetch('/api/login', { method: 'POST', body });",
      '  const data = await response.json();',
      "  response = await fetch('/api/track', { method: 'POST' });",
      "  localStorage.setItem('token', data.token);",
      '}',
      '',
    ].join('\n');
    const { output, reports } = run('login.js', source);
    expect(reports).toEqual([]);
    expect(output).not.toContain('localStorage');
  });

  it('marks a lost trail in a file with axios', () => {
    const source = [
      "import axios from 'axios';",
      'export async function login(body) {',
      "  const [response] = await Promise.all([axios.post('/api/login', body), axios.get('/api/config')]);",
      "  localStorage.setItem('token', response.data.token);",
      '}',
      '',
    ].join('\n');
    const { output, reports } = run('login.js', source);
    expect(reports).toEqual([`login.js:4:3: manual migration needed: ${REASONS.loginRequestLost}`]);
    expect(output).toContain("localStorage.setItem('token', response.data.token);");
  });

  it('does not touch a shadowed localStorage', () => {
    const source = [
      'export function save(localStorage, data) {',
      "  localStorage.setItem('token', data.token);",
      '}',
      '',
    ].join('\n');
    expect(run('shadow.js', source).output).toBeUndefined();
  });

  it('exports its metadata', () => {
    expect(meta.name).toBe('storage-token-to-cookie');
    expect(meta.pairedRules).toEqual(['no-token-in-storage']);
    expect(meta.dependencies).toEqual([]);
  });
});

describe('storage-token-to-cookie in code without semicolons', () => {
  const login = [
    'async function login(creds) {',
    "  const res = await fetch('/api/login', { method: 'POST', body: JSON.stringify(creds) })",
    '  const data = await res.json()',
    "  localStorage.setItem('token', data.token)",
    "  ;(window.dataLayer || []).push({ event: 'login' })",
    '}',
    '',
  ].join('\n');

  async function callLogin(code: string): Promise<unknown[]> {
    const window = { dataLayer: [] as unknown[] };
    const localStorage = { setItem: () => undefined };
    const fetch = () => Promise.resolve({ json: () => Promise.resolve({ token: 'secret' }) });
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
    await new AsyncFunction('fetch', 'localStorage', 'window', `${code}\nreturn login({})`)(fetch, localStorage, window);
    return window.dataLayer;
  }

  it('keeps a protective leading semicolon', async () => {
    const { output } = run('login.js', login);
    expect(output).toContain("\n  const data = await res.json()\n  ;(window.dataLayer || []).push({ event: 'login' })\n");
    expect(await callLogin(login)).toEqual([{ event: 'login' }]);
    expect(await callLogin(output ?? '')).toEqual([{ event: 'login' }]);
  });

  it('adds no ; when the statement above ends with one', () => {
    const input = login.replace('await res.json()', 'await res.json();');
    expect(run('login.js', input).output).toContain("await res.json();\n  (window.dataLayer || []).push");
  });

  it('adds no ; after a function declaration', () => {
    const input = ['function a() {}', "localStorage.setItem('token', token)", ';(b || c).run()', ''].join('\n');
    expect(run('a.js', input).output).toBe(['function a() {}', '(b || c).run()', ''].join('\n'));
  });
});
