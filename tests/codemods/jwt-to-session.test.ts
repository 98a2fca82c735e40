import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';

import transform, { formatDuration, meta } from '../../codemods/jwt-to-session.js';
import { getJwtToSessionDependencies } from '../../src/codemod/registry.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/jwt-to-session/', import.meta.url));

interface Run {
  output: string | undefined;
  reports: string[];
}

function run(path: string, source: string, options: Record<string, unknown> = {}): Run {
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transform({ path, source }, api as never, options);
  return { output, reports };
}

/** Drops the file name from a report, which starts with `<file>:<line>:<column>: `. */
function withoutFile(report: string): string {
  return report.slice(report.indexOf(':') + 1);
}

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const cases = readdirSync(FIXTURES)
  .map((name) => /^(?<name>.+)\.input\.(?<extension>\w+)$/.exec(name)?.groups)
  .filter((groups): groups is { name: string; extension: string } => groups !== undefined)
  .map(({ name, extension }) => ({
    name,
    inputPath: join(FIXTURES, `${name}.input.${extension}`),
    outputPath: join(FIXTURES, `${name}.output.${extension}`),
    options: JSON.parse(readOptional(join(FIXTURES, `${name}.options.json`)) ?? '{}') as Record<string, unknown>,
    expectedReports: JSON.parse(readOptional(join(FIXTURES, `${name}.reports.json`)) ?? '[]') as string[],
  }));

describe('jwt-to-session fixtures', () => {
  it('finds the fixture pairs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(cases)('$name', ({ name, inputPath, outputPath, options, expectedReports }) => {
    const input = readFileSync(inputPath, 'utf8');
    const expected = readFileSync(outputPath, 'utf8');

    it('transforms the input into the output', () => {
      const { output } = run(inputPath, input, options);
      if (expected === input) expect(output).toBeUndefined();
      else expect(output).toBe(expected);
    });

    it('reports each marked site', () => {
      const { reports } = run(inputPath, input, options);
      expect(reports.map(withoutFile)).toEqual(expectedReports);
      for (const report of reports) expect(report.startsWith(`${inputPath}:`)).toBe(true);
    });

    it('inserts one marker per marked site', () => {
      const reasons = expectedReports.map((report) => report.slice(report.indexOf('manual migration needed: ') + 'manual migration needed: '.length));
      for (const reason of new Set(reasons)) {
        const marker = `/* eslint-plugin-sessions: manual migration needed: ${reason} */`;
        const sites = reasons.filter((other) => other === reason).length;
        expect(expected.split(marker).length - 1, `marker in ${name}`).toBe(sites);
      }
    });

    it('leaves its own output unchanged', () => {
      const { output } = run(outputPath, expected, options);
      expect(output).toBeUndefined();
    });
  });
});

describe('jwt-to-session line endings', () => {
  it('keeps CRLF line endings', () => {
    const input = readFileSync(join(FIXTURES, 'login-variable.input.js'), 'utf8').replace(/\n/g, '\r\n');
    const expected = readFileSync(join(FIXTURES, 'login-variable.output.js'), 'utf8').replace(/\n/g, '\r\n');
    expect(run(join(FIXTURES, 'login.js'), input).output).toBe(expected);
  });
});

describe('jwt-to-session session setup', () => {
  const APP = ['const express = require("express");', '', 'const app = express();', '', 'module.exports = app;', ''].join('\n');

  function runInPackage(dependencies: Record<string, string>, source = APP): Run {
    const directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-'));
    try {
      writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'app', dependencies }));
      return run(join(directory, 'server.js'), source);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it('marks logout and guard without setup', () => {
    const source = [
      'const express = require("express");',
      'const { expressjwt } = require("express-jwt");',
      'module.exports = function createApp() {',
      '  const app = express();',
      '  app.use("/api", expressjwt({ secret: process.env.JWT_SECRET, algorithms: ["HS256"] }));',
      '  app.post("/logout", (req, res) => {',
      '    res.json({ ok: true });',
      '  });',
      '  return app;',
      '};',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', 'express-jwt': '^8.0.0' }, source);
    expect(output).not.toContain('req.session.');
    expect(reports.map(withoutFile)).toEqual([
      expect.stringMatching(/^5:\d+: manual migration needed: the app of this file gets no session setup from the codemod .*; migrate this check by hand$/),
      expect.stringMatching(/^6:\d+: manual migration needed: the app of this file gets no session setup from the codemod .*; migrate this logout by hand$/),
      expect.stringMatching(/^4:\d+: manual migration needed: no session setup was added for the app `app`, because it is created inside a function/),
    ]);
    expect(run('server.js', output ?? source).output).toBeUndefined();
  });

  it('sets up sessions in a package that depends on jsonwebtoken', () => {
    const { output } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' });
    expect(output).toContain('const session = require("express-session");');
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(output).toContain('maxAge: 8 * 60 * 60 * 1000,');
  });

  it('takes maxAge from a migrated login before a marked one', () => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/refresh', (req, res) => {",
      "  res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '7d' }) });",
      '});',
      "app.post('/login', async (req, res) => {",
      '  const user = await users.check(req.body.email, req.body.password);',
      "  res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' }) });",
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(reports.map(withoutFile)).toEqual([expect.stringMatching(/^5:\d+: manual migration needed: refresh-token endpoint/)]);
    expect(output).toContain('maxAge: 15 * 60 * 1000,');
  });

  it('marks an API key issued to a signed-in user', () => {
    const source = [
      "const express = require('express'); const jwt = require('jsonwebtoken'); const app = express();",
      "app.post('/api/tokens', requireUser, async (req, res) => {",
      "  const apiKey = jwt.sign({ sub: req.user.id, scope: 'api' }, process.env.JWT_SECRET, { expiresIn: '365d' });",
      '  res.status(201).json({ apiKey });',
      '});',
      "app.post('/login', async ({ body }, res) => {",
      '  const user = await users.check(body.email, body.password);',
      "  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '12h' }) });",
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(reports.map(withoutFile)).toEqual([
      expect.stringMatching(/^3:\d+: manual migration needed: the token is issued to a user who is already signed in, e.g. an API key;/),
      expect.stringMatching(/^8:\d+: manual migration needed: the handler destructures its request parameter/),
    ]);
    expect(output).not.toContain('req.session.regenerate');
    expect(output).toContain('res.status(201).json({ apiKey });');
    expect(output).toContain('maxAge: 12 * 60 * 60 * 1000,');
  });

  it('takes no maxAge from a refresh endpoint', () => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/auth/refresh', (req, res) => {",
      "  const claims = jwt.verify(req.cookies.refresh, process.env.JWT_SECRET, { algorithms: ['HS256'] });",
      "  res.json({ token: jwt.sign({ sub: claims.sub }, process.env.JWT_SECRET, { expiresIn: '30m' }) });",
      '});',
      "app.post('/login', async ({ body }, res) => {",
      '  const user = await users.check(body.email, body.password);',
      "  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '12h' }) });",
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(reports.map(withoutFile)).toEqual([
      expect.stringMatching(/^5:\d+: manual migration needed: refresh-token endpoint/),
      expect.stringMatching(/^6:\d+: manual migration needed: refresh-token endpoint/),
      expect.stringMatching(/^10:\d+: manual migration needed: the handler destructures its request parameter/),
    ]);
    expect(output).toContain('maxAge: 12 * 60 * 60 * 1000,');
  });

  it('takes the longest lifetime of a login', () => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/login', async (req, res) => {",
      '  const user = await users.check(req.body.email, req.body.password);',
      "  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });",
      "  const refreshToken = jwt.sign({ sub: user.id }, process.env.REFRESH_SECRET, { expiresIn: '7d' });",
      "  res.cookie('refresh_token', refreshToken, { httpOnly: true });",
      '  res.json({ accessToken });',
      '});',
      '',
    ].join('\n');
    const { output } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output).toContain('maxAge: 7 * 24 * 60 * 60 * 1000,');
  });

  it('takes no maxAge from a sign call that is no session', () => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/password-reset', async (req, res) => {",
      "  const resetToken = jwt.sign({ id: req.body.id }, process.env.RESET_SECRET, { expiresIn: '15m' });",
      '  await sendMail(req.body.email, `https://example.test/reset?token=${resetToken}`);',
      '  res.sendStatus(204);',
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(reports).toEqual([]);
    expect(output).toContain('maxAge: 8 * 60 * 60 * 1000,');
  });

  it('keeps a signed embed URL in the response body', () => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.get('/api/metabase', (req, res) => {",
      '  const payload = { resource: { dashboard: 12 }, params: {}, exp: Math.round(Date.now() / 1000) + 10 * 60 };',
      '  const token = jwt.sign(payload, process.env.METABASE_SECRET_KEY);',
      '  res.json({ iframeUrl: `${process.env.METABASE_SITE_URL}/embed/dashboard/${token}#bordered=true` });',
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output ?? source).toContain('  const token = jwt.sign(payload, process.env.METABASE_SECRET_KEY);\n');
    expect(output ?? source).toContain('res.json({ iframeUrl: `${process.env.METABASE_SITE_URL}/embed/dashboard/${token}#bordered=true` });');
    expect(output ?? source).not.toContain('req.session.user');
    expect(reports).toEqual([]);
  });

  it.each([
    ['a URL', 'res.json({ user, token, reportUrl: `${process.env.METABASE_SITE_URL}/embed/dashboard/${token}` });'],
    ['a header string', "res.json({ token, header: 'Bearer ' + token });"],
  ])('marks a login whose token is also in %s of the body', (_label, response) => {
    const source = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/login', async (req, res) => {",
      '  const user = await users.check(req.body.email, req.body.password);',
      "  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' });",
      `  ${response}`,
      '});',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output).toContain(`  ${response}\n`);
    expect(output).not.toContain('req.session.user');
    expect(reports.map(withoutFile)).toEqual([
      '6:17: manual migration needed: the token is part of a URL or other text in the response body, so it may be meant for another service (a signed embed or download link); if it is a login, store the payload in req.session by hand',
    ]);
  });

  it('skips the setup when req.session is used', () => {
    const source = [
      'const express = require("express");',
      'const sessionMiddleware = require("./session");',
      'const app = express();',
      'app.use(sessionMiddleware);',
      'app.post("/logout", (req, res) => {',
      '  req.session.destroy(() => res.sendStatus(204));',
      '});',
      'module.exports = app;',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^4.19.0', 'express-session': '^1.18.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output).toBeUndefined();
    expect(reports).toEqual([]);
  });

  const PASSPORT_APP = [
    'const express = require("express");',
    'const passport = require("passport");',
    'const jwt = require("jsonwebtoken");',
    'const app = express();',
    'app.use(passport.initialize());',
    'app.use(passport.session());',
    'app.post("/verify-email", async (req, res) => {',
    '  const token = jwt.sign({ email: req.user.email }, process.env.MAIL_SECRET, { expiresIn: "1d" });',
    '  await mailer.send(req.user.email, `https://example.test/verify?token=${token}`);',
    '  res.sendStatus(204);',
    '});',
    'module.exports = app;',
    '',
  ].join('\n');

  it('skips the setup with passport sessions', () => {
    const dependencies = { express: '^4.19.0', 'express-session': '^1.18.0', passport: '^0.7.0', jsonwebtoken: '^9.0.0' };
    const { output, reports } = runInPackage(dependencies, PASSPORT_APP);
    expect(output).toBeUndefined();
    expect(reports).toEqual([]);
  });

  it('marks passport without session packages', () => {
    const { output, reports } = runInPackage({ express: '^4.19.0', passport: '^0.7.0', jsonwebtoken: '^9.0.0' }, PASSPORT_APP);
    const reason =
      '`passport.session()` needs a session middleware, but package.json lists neither express-session nor cookie-session, so no session setup was added; add express-session to package.json and rerun, or add app.use(session({ ... })) before this call by hand';
    expect(output).not.toContain('require("express-session")');
    expect(output).toContain(`/* eslint-plugin-sessions: manual migration needed: ${reason} */\napp.use(passport.session());`);
    expect(reports.map(withoutFile)).toEqual([`6:9: manual migration needed: ${reason}`]);
  });

  const RETURN_TO_APP = [
    'const express = require("express");',
    'const jwt = require("jsonwebtoken");',
    'const app = express();',
    'app.use((req, res, next) => {',
    '  res.locals.returnTo = req.session?.returnTo;',
    '  next();',
    '});',
    'app.post("/login", (req, res) => {',
    '  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET);',
    '  res.json({ token });',
    '});',
    'module.exports = app;',
    '',
  ].join('\n');

  it('ignores req.session without session packages', () => {
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, RETURN_TO_APP);
    expect(output).toContain('const session = require("express-session");');
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(reports).toEqual([]);
  });

  it('ignores req.session without package.json', () => {
    const directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-'));
    try {
      const { output, reports } = run(join(directory, 'server.js'), RETURN_TO_APP);
      expect(output).toMatch(/app\.use\(\s+session\(\{/);
      expect(reports).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('sets up express-session despite req.session reads', () => {
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0', 'express-session': '^1.18.0' }, RETURN_TO_APP);
    expect(output).toContain('req.session.user = { id: req.body.id };');
    expect(output).toContain('const session = require("express-session");');
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(reports).toEqual([]);
  });

  it('marks an app without cookie-session middleware', () => {
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0', 'cookie-session': '^2.0.0' }, RETURN_TO_APP);
    const reason =
      'the migrated code uses cookie-session, the session library in package.json, but no cookie-session middleware was found for this app and the codemod sets up only express-session; add app.use(cookieSession({ ... })) after the app is created by hand';
    expect(output).toContain('req.session.user = { id: req.body.id };');
    expect(output).not.toContain('require("express-session")');
    expect(output).toContain(`/* eslint-plugin-sessions: manual migration needed: ${reason} */\nconst app = express();`);
    expect(reports.map(withoutFile)).toEqual([`3:13: manual migration needed: ${reason}`]);
  });

  const EXPRESS_SESSION = { express: '^5.0.0', jsonwebtoken: '^9.0.0', 'express-session': '^1.18.0' };

  /** RETURN_TO_APP with `lines` after the app's creation. */
  function withLines(...lines: string[]): string {
    return RETURN_TO_APP.replace('const app = express();\n', ['const app = express();', ...lines, ''].join('\n'));
  }

  it('keeps a setup built in a variable', () => {
    const source = withLines(
      'const session = require("express-session");',
      'const sessionParser = session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false });',
      'app.use(sessionParser);',
    );
    const { output, reports } = runInPackage(EXPRESS_SESSION, source);
    expect(output).toContain('req.session.user = { id: req.body.id };');
    expect(output?.match(/session\(\{/g)).toHaveLength(1);
    expect(reports).toEqual([]);
  });

  it('replaces an unused express-session require', () => {
    const { output, reports } = runInPackage(EXPRESS_SESSION, withLines('const expressSession = require("express-session");'));
    expect(output).not.toContain('expressSession');
    expect(output?.match(/require\("express-session"\)/g)).toHaveLength(1);
    expect(output?.indexOf('require("express-session")')).toBeLessThan(output?.indexOf('const app = express();') ?? -1);
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(reports).toEqual([]);
  });

  it('ignores a type-only express-session import', () => {
    const source = [
      'import express from "express";',
      'import type { SessionData } from "express-session";',
      'import jwt from "jsonwebtoken";',
      'const app = express();',
      'export function userOf(data: SessionData) {',
      '  return data.cookie;',
      '}',
      'app.post("/login", (req, res) => {',
      '  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET as string);',
      '  res.json({ token });',
      '});',
      'export default app;',
      '',
    ].join('\n');
    const directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-'));
    try {
      writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'app', dependencies: EXPRESS_SESSION }));
      const { output, reports } = run(join(directory, 'server.ts'), source);
      expect(output).toContain('import session from "express-session";');
      expect(output).toMatch(/app\.use\(\s+session\(\{/);
      expect(reports).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('marks express-session passed to other code', () => {
    const source = withLines(
      'const session = require("express-session");',
      'const KnexStore = require("connect-session-knex")(session);',
      'app.locals.store = new KnexStore();',
    );
    const { output, reports } = runInPackage(EXPRESS_SESSION, source);
    const reason =
      'this file loads express-session but sets up no session middleware that the codemod recognises, so no session setup was added; check that the app mounts express-session, or add one after the app is created by hand';
    expect(output).not.toMatch(/session\(\{/);
    expect(output).toContain(`/* eslint-plugin-sessions: manual migration needed: ${reason} */\nconst session = require("express-session");`);
    expect(reports.map(withoutFile)).toEqual([`4:17: manual migration needed: ${reason}`]);
  });

  it('leaves session loads in route files', () => {
    const source = [
      'const session = require("express-session");',
      'const jwt = require("jsonwebtoken");',
      'exports.Store = class extends session.Store {};',
      'exports.login = (req, res) => {',
      '  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET);',
      '  res.json({ token });',
      '};',
      '',
    ].join('\n');
    const { output, reports } = runInPackage(EXPRESS_SESSION, source);
    expect(output).toContain('req.session.regenerate(');
    expect(output).not.toContain('manual migration needed');
    expect(reports).toEqual([]);
  });

  it.each([
    ['require("./config/express")(app);', '`require("./config/express")(app)`'],
    ['setup.configure(app);', '`setup.configure(app)`'],
    ['configure(app);', '`configure(app)`'],
  ])('marks the app passed to %s', (line, code) => {
    const source = withLines('const setup = require("./setup");', 'const { configure } = require("../lib/configure");', line);
    const { output, reports } = runInPackage(EXPRESS_SESSION, source);
    const reason = `the app is passed to ${code}, which may mount a session middleware from another file, so no session setup was added; check that the app mounts express-session, or add one after the app is created by hand`;
    expect(output).not.toMatch(/session\(\{/);
    expect(output).toContain(`/* eslint-plugin-sessions: manual migration needed: ${reason} */\n${line}`);
    expect(reports.map(withoutFile)).toEqual([`6:1: manual migration needed: ${reason}`]);
  });

  it('sets up sessions for an app passed to a package', () => {
    const source = withLines('const http = require("node:http");', 'const server = http.createServer(app);', 'module.exports.server = server;');
    const { output, reports } = runInPackage(EXPRESS_SESSION, source);
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(reports).toEqual([]);
  });

  it('ignores app handover without session packages', () => {
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, withLines('require("./config/express")(app);'));
    expect(output).toMatch(/app\.use\(\s+session\(\{/);
    expect(reports).toEqual([]);
  });

  it('marks a mounted session middleware', () => {
    const source = ['import express from "express";', 'import configure from "./config/sessions.js";', 'const app = express();', 'app.use(configure());', 'export default app;', ''].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output).not.toContain('from "express-session"');
    expect(reports.map(withoutFile)).toEqual([
      '4:1: manual migration needed: the app mounts `configure()`, which may set up sessions already, so no session setup was added; check that it runs express-session, or add one by hand',
    ]);
  });

  it.each(['"/api/sessions"', '`${API}/sessions`'])('sets up sessions next to a sessions resource at %s', (mountPath) => {
    const source = [
      'import express from "express";',
      'import sessionsRouter from "./routes/sessions.js";',
      'const API = "/api";',
      'const app = express();',
      `app.use(${mountPath}, sessionsRouter);`,
      'export default app;',
      '',
    ].join('\n');
    const { output, reports } = runInPackage({ express: '^5.0.0', jsonwebtoken: '^9.0.0' }, source);
    expect(output).toContain('from "express-session"');
    expect(reports).toEqual([]);
  });

  it('leaves an app without JWT dependencies alone', () => {
    expect(runInPackage({ express: '^5.0.0' }).output).toBeUndefined();
  });

  const ROUTES = [
    'const jwt = require("jsonwebtoken");',
    '',
    'exports.login = (req, res) => {',
    '  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET);',
    '  res.json({ token });',
    '};',
    '',
  ].join('\n');

  function runRoutes(manifest: Record<string, unknown> | undefined): Run {
    const directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-'));
    try {
      if (manifest) writeFileSync(join(directory, 'package.json'), JSON.stringify(manifest));
      return run(join(directory, 'routes.js'), ROUTES);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it('marks logins without any session setup', () => {
    const { output, reports } = runRoutes(undefined);
    expect(output).toContain('req.session.regenerate(');
    expect(output).toMatch(/manual migration needed: this code now uses req\.session, but no session setup was found/);
    expect(reports.map(withoutFile)).toEqual([expect.stringMatching(/^3:17: manual migration needed: this code now uses req\.session/)]);
  });

  it('leaves logins unmarked in session packages', () => {
    for (const dependencies of [{ jsonwebtoken: '^9.0.0' }, { 'express-session': '^1.18.0' }]) {
      const { output, reports } = runRoutes({ name: 'app', dependencies });
      expect(output).toContain('req.session.regenerate(');
      expect(output).not.toContain('manual migration needed');
      expect(reports).toEqual([]);
    }
  });

  const LOGIN = [
    'const jwt = require("jsonwebtoken");',
    'app.post("/login", (req, res) => {',
    '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET);',
    '  res.json({ token });',
    '});',
    '',
  ].join('\n');

  const RESERVED_KEYS = ['cookie', 'id', 'req', 'regenerate', 'destroy', 'reload', 'save', 'touch', 'resetMaxAge'];

  it.each([...RESERVED_KEYS, 'constructor', 'toString', '__proto__', 'hasOwnProperty'])('rejects the session key %s', (key) => {
    const problem = `Invalid sessionKey option '${key}': the session object already has a property or method of that name; use another name such as 'user'.`;
    expect(meta.checkOptions?.({ sessionKey: key })).toBe(problem);
    expect(() => run(join(FIXTURES, 'login.js'), LOGIN, { sessionKey: key })).toThrow(problem);
  });

  it('stores the payload under sessionKey', () => {
    const { output } = run(join(FIXTURES, 'login.js'), LOGIN, { sessionKey: 'account' });
    expect(output).toContain('req.session.account = { id: 1 };');
  });

  it('rejects an unknown store', () => {
    expect(() => run('app.js', 'const jwt = require("jsonwebtoken");\n', { store: 'mongo' })).toThrow(/Invalid store option 'mongo'/);
  });
});

describe('jwt-to-session in other frameworks', () => {
  const FRAMEWORK_REASON =
    'manual migration needed: the file loads fastify and not express, so its handlers are not Express handlers, which are the only ones this codemod migrates';

  it.each([
    ['destructured', 'async ({ body }, res) => { const token = jwt.sign({ id: body.id }, key); return { token }; }'],
    ['named like Express', 'async (req, res) => { const token = jwt.sign({ id: req.body.id }, key); res.send({ token }); }'],
  ])('marks a Fastify handler %s', (_name, handler) => {
    const source = ['const fastify = require("fastify")({ logger: true });', 'const jwt = require("jsonwebtoken");', `fastify.post("/login", ${handler});`, ''].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).not.toContain('req.session');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(FRAMEWORK_REASON);
  });

  it('marks a Nest controller that signs with jsonwebtoken', () => {
    const source = [
      "import { Body, Controller, Post, Res } from '@nestjs/common';",
      "import * as jwt from 'jsonwebtoken';",
      "@Controller('auth')",
      'export class AuthController {',
      "  @Post('login')",
      '  login(@Body() body: { id: string }, @Res() res: any) {',
      "    const token = jwt.sign({ id: body.id }, process.env.JWT_SECRET as string, { expiresIn: '1h' });",
      '    res.json({ token });',
      '  }',
      '}',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'auth.controller.ts'), source);
    expect(output).not.toContain('req.session');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('the file loads @nestjs/common and not express');
  });

  it('marks a compiled Fastify server and leaves its logout alone', () => {
    const source = [
      'const fastify_1 = __importDefault(require("fastify"));',
      'const jwt = require("jsonwebtoken");',
      'const app = (0, fastify_1.default)();',
      'app.post("/login", async (req, res) => { const token = jwt.sign({ id: 1 }, key); res.send({ token }); });',
      'app.post("/logout", async (req, res) => { res.send({ ok: true }); });',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('clearCookie');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(FRAMEWORK_REASON);
  });

  it.each([
    ['an assigned app', 'let app;\napp = require("express")();'],
    ['compiled code', 'const express_1 = __importDefault(require("express"));\nconst app = (0, express_1.default)();'],
  ])('migrates an Express app next to koa in %s', (_name, appSource) => {
    const source = ['const Koa = require("koa");', 'const jwt = require("jsonwebtoken");', appSource, 'app.post("/login", (req, res) => { const token = jwt.sign({ id: 1 }, key); res.json({ token }); });', ''].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).toContain('req.session.regenerate(');
    expect(reports).toEqual([]);
  });

  it('marks a Hono login', () => {
    const source = [
      "import { Hono } from 'hono';",
      "import jwt from 'jsonwebtoken';",
      'const app = new Hono();',
      "app.post('/login', async (c) => {",
      '  const body = await c.req.json();',
      "  const token = jwt.sign({ id: body.id }, process.env.JWT_SECRET!, { expiresIn: '2h' });",
      '  return c.json({ token });',
      '});',
      'export default app;',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'app.ts'), source);
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('import session');
    expect(reports.map(withoutFile)).toEqual([
      '6:17: manual migration needed: the file loads hono and not express, so its handlers are not Express handlers, which are the only ones this codemod migrates',
    ]);
  });

  it('marks Hono handlers in a file that imports only Hono types', () => {
    const HONO_REASON =
      'manual migration needed: the token is sent through a Hono context (c.json, c.header), and this codemod migrates only Express handlers, so move this login to server-side sessions by hand';
    const source = [
      "import type { Context } from 'hono';",
      "import jwt from 'jsonwebtoken';",
      'export async function login(c: Context, next: () => Promise<void>) {',
      '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET!);',
      '  return c.json({ token });',
      '}',
      'export const loginWithHeader = async (ctx: Context) => {',
      '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET!);',
      "  ctx.header('Authorization', token);",
      '  return ctx.body(null, 204);',
      '};',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'routes.ts'), source);
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('import session');
    expect(reports.map(withoutFile)).toEqual([`4:17: ${HONO_REASON}`, `8:17: ${HONO_REASON}`]);
  });

  it('marks Hono handlers in a file that loads hono/cookie', () => {
    const source = [
      "import type { Context } from 'hono';",
      "import { setCookie } from 'hono/cookie';",
      "import jwt from 'jsonwebtoken';",
      'export const loginWithCookie = async (ctx: Context) => {',
      '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET!);',
      "  setCookie(ctx, 'session', token, { httpOnly: true });",
      '  return ctx.body(null, 204);',
      '};',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'routes.ts'), source);
    expect(output).not.toContain('req.session');
    expect(reports.map(withoutFile)).toEqual([
      '5:17: manual migration needed: the file loads hono/cookie and not express, so its handlers are not Express handlers, which are the only ones this codemod migrates',
    ]);
  });

  it('marks the hono/jwt middleware and a verification of a request token', () => {
    const HONO_JWT_REASON =
      'manual migration needed: hono/jwt is not migrated (only Express servers are); move this app to server-side sessions by hand';
    const source = [
      "import { Hono } from 'hono';",
      "import * as honoJwt from 'hono/jwt';",
      'const app = new Hono();',
      "app.use('/api/*', honoJwt.jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256' }));",
      "app.use('/admin/*', async (c, next) => {",
      "  const token = c.req.header('Authorization')?.replace('Bearer ', '') ?? '';",
      "  c.set('admin', await honoJwt.verify(token, process.env.JWT_SECRET!, 'HS256'));",
      '  await next();',
      '});',
      'export default app;',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'app.ts'), source);
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('import session');
    expect(output?.split(`/* eslint-plugin-sessions: ${HONO_JWT_REASON} */`)).toHaveLength(3);
    expect(reports.map(withoutFile)).toEqual([`4:19: ${HONO_JWT_REASON}`, `7:24: ${HONO_JWT_REASON}`]);
  });
});

describe('jwt-to-session in a Next.js project', () => {
  const API_ROUTE = [
    "import jwt from 'jsonwebtoken';",
    'export default async function handler(req, res) {',
    '  const user = await users.check(req.body.email, req.body.password);',
    "  res.status(200).json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });",
    '}',
    '',
  ].join('\n');
  const CUSTOM_SERVER = [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    'const app = express();',
    "app.post('/api/login', async (req, res) => {",
    '  const user = await users.check(req.body.email, req.body.password);',
    "  res.status(200).json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });",
    '});',
    '',
  ].join('\n');

  const ROUTE_HANDLER = [
    "import jwt from 'jsonwebtoken';",
    'export async function POST(request) {',
    '  const user = await users.check(await request.json());',
    "  return Response.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });",
    '}',
    '',
  ].join('\n');
  const NEXT_ROUTE_REASON =
    'manual migration needed: Next.js route handlers and server actions have no express-session, and this codemod migrates only Express handlers; move this login to a server-side session by hand';
  const NEXT_LOGOUT_REASON =
    'manual migration needed: Next.js API routes and route handlers have no express-session, so the codemod does not rewrite this logout; end the server-side session here by hand once the login uses one';
  const NEXT_HELPER_LOGOUT_REASON =
    'manual migration needed: the project depends on next and express, and this file does not load express, so Next.js API routes may call this logout, and those have no req.session; end the server-side session here by hand once the login uses one';
  const NEXT_PROJECT = { name: 'web', dependencies: { next: '^15.0.0', jsonwebtoken: '^9.0.0' } };
  /** A Next.js project with a custom server that runs Next through express. */
  const NEXT_EXPRESS_PROJECT = { name: 'web', dependencies: { next: '^15.0.0', express: '^5.0.0', jsonwebtoken: '^9.0.0' } };
  const API_ROUTE_REASON =
    'manual migration needed: the file is below pages/api in a project that depends on next, so it is a Next.js API route, and those have no express-session';

  function runInProject(manifest: Record<string, unknown>, source: string, file = 'login.js'): Run & { rerun: Run } {
    const directory = mkdtempSync(join(tmpdir(), 'jwt-to-session-next-'));
    try {
      writeFileSync(join(directory, 'package.json'), JSON.stringify(manifest));
      const path = join(directory, file);
      const first = run(path, source);
      return { ...first, rerun: run(path, first.output ?? source) };
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it.each([
    ['dependencies', { name: 'web', dependencies: { next: '^15.0.0', jsonwebtoken: '^9.0.0' } }],
    ['devDependencies', { name: 'web', dependencies: { jsonwebtoken: '^9.0.0' }, devDependencies: { next: '^15.0.0' } }],
  ])('marks an API route when next is in %s', (_field, manifest) => {
    const { output, reports, rerun } = runInProject(manifest, API_ROUTE);
    expect(output).not.toContain('req.session');
    expect(output).toContain('manual migration needed: the project depends on next and not express, and Next.js API routes have no express-session');
    expect(reports.map(withoutFile)).toEqual([
      expect.stringMatching(/^4:\d+: manual migration needed: the project depends on next and not express, and Next\.js API routes have no express-session; move this login to a server-side session by hand$/),
    ]);
    expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
    // A second run leaves the marked file alone.
    expect(rerun.output).toBeUndefined();
  });

  it('migrates the API route when the project depends on express and not next', () => {
    const { output } = runInProject({ name: 'api', dependencies: { express: '^5.0.0', jsonwebtoken: '^9.0.0' } }, API_ROUTE);
    expect(output).toContain('req.session.regenerate(');
  });

  describe('helpers outside pages/api when the project also depends on express', () => {
    const WITH_AUTH = [
      "import jwt from 'jsonwebtoken';",
      'export function withAuth(handler) {',
      '  return (req, res) => {',
      '    const header = req.headers.authorization;',
      '    if (!header) {',
      "      return res.status(401).json({ message: 'Missing token' });",
      '    }',
      '    try {',
      '      req.user = jwt.verify(header.slice(7), process.env.JWT_SECRET);',
      '    } catch (error) {',
      "      return res.status(401).json({ message: 'Invalid token' });",
      '    }',
      '    return handler(req, res);',
      '  };',
      '}',
      '',
    ].join('\n');
    const LOGIN_HELPER = [
      "import jwt from 'jsonwebtoken';",
      'export async function logIn(req, res) {',
      '  const user = await users.check(req.body.email, req.body.password);',
      "  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });",
      "  res.setHeader('Authorization', `Bearer ${token}`);",
      '  res.json({ user });',
      '}',
      '',
    ].join('\n');
    const HELPER_REASON =
      'manual migration needed: the project depends on next and express, and this file does not load express, so Next.js API routes may call it, and those have no req.session';

    it('marks a withAuth wrapper in lib', () => {
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, WITH_AUTH, 'lib/with-auth.js');
      expect(output).not.toContain('req.session.');
      expect(output).toContain(`/* eslint-plugin-sessions: ${HELPER_REASON}; move this check to a server-side session by hand together with the routes that call it */`);
      expect(reports.map(withoutFile)).toEqual([`9:18: ${HELPER_REASON}; move this check to a server-side session by hand together with the routes that call it`]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks a login helper that sets a header', () => {
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, LOGIN_HELPER, 'lib/log-in.js');
      expect(output).not.toContain('req.session.');
      expect(reports.map(withoutFile)).toEqual([`4:17: ${HELPER_REASON}; move this login to a server-side session by hand together with the routes that call it`]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks an API route outside pages/api', () => {
      const { output, reports } = runInProject(NEXT_EXPRESS_PROJECT, API_ROUTE);
      expect(output).not.toContain('req.session.');
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^4:\\d+: ${HELPER_REASON}; move this login`))]);
    });

    it.each([
      ['express.Router()', "import express from 'express';\nconst router = express.Router();\nrouter.use(withAuth);\n"],
      ['require("express")', "const { Router } = require('express');\n"],
    ])('migrates a wrapper in a file that loads %s', (_name, prefix) => {
      const { output, reports } = runInProject(NEXT_EXPRESS_PROJECT, `${prefix}${WITH_AUTH}`, 'lib/with-auth.js');
      expect(output).toContain('req.session.user');
      expect(reports).toEqual([]);
    });

    it('migrates a wrapper typed with the types of express', () => {
      const typed = WITH_AUTH.replace('export function withAuth(handler) {', "import type { Request, Response } from 'express';\nexport function withAuth(handler) {").replace(
        '(req, res) => {',
        '(req: Request, res: Response) => {',
      );
      const { output, reports } = runInProject(NEXT_EXPRESS_PROJECT, typed, 'lib/with-auth.ts');
      expect(output).toContain('req.session.user');
      expect(reports).toEqual([]);
    });

    it('migrates the same wrapper in a project without next', () => {
      const { output, reports } = runInProject({ name: 'api', dependencies: { express: '^5.0.0', jsonwebtoken: '^9.0.0' } }, WITH_AUTH, 'lib/with-auth.js');
      expect(output).toContain('req.session.user');
      expect(reports).toEqual([]);
    });
  });

  it.each(['pages/api/login.js', 'src/pages/api/auth/login.js'])('marks %s when the project also depends on express', (file) => {
    const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, API_ROUTE, file);
    expect(output).not.toContain('req.session');
    expect(output).toContain(`/* eslint-plugin-sessions: ${API_ROUTE_REASON}; move this login to a server-side session by hand */`);
    expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^4:\\d+: ${API_ROUTE_REASON}; move this login to a server-side session by hand$`))]);
    expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
    expect(rerun.output).toBeUndefined();
  });

  it('marks a check below pages/api when the project also depends on express', () => {
    const source = [
      "import jwt from 'jsonwebtoken';",
      'export default function handler(req, res) {',
      "  const user = jwt.verify(req.headers.authorization?.split(' ')[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });",
      '  res.json({ user });',
      '}',
      '',
    ].join('\n');
    const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'pages/api/me.js');
    expect(output).not.toContain('req.session');
    expect(reports.map(withoutFile)).toEqual([`3:16: ${API_ROUTE_REASON}; move this check to a server-side session by hand`]);
    expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
    expect(rerun.output).toBeUndefined();
  });

  it('marks a file below pages/api that loads express itself', () => {
    const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, `import express from 'express';\n${API_ROUTE}`, 'pages/api/login.js');
    expect(output).not.toContain('req.session');
    expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^5:\\d+: ${API_ROUTE_REASON}; move this login to a server-side session by hand$`))]);
    expect(rerun.output).toBeUndefined();
  });

  it('marks a route below src/pages/api typed with express', () => {
    const source = [
      "import express from 'express';",
      "import jwt from 'jsonwebtoken';",
      'export default function login(req: express.Request, res: express.Response) {',
      "  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET!, { expiresIn: '5m' });",
      '  res.json({ token });',
      '}',
      '',
    ].join('\n');
    const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'src/pages/api/auth/login.ts');
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('import session');
    expect(output).toContain(`/* eslint-plugin-sessions: ${API_ROUTE_REASON}; move this login to a server-side session by hand */\n  const token = jwt.sign(`);
    expect(reports.map(withoutFile)).toEqual([`4:17: ${API_ROUTE_REASON}; move this login to a server-side session by hand`]);
    expect(() => jscodeshift.withParser('ts')(output ?? '')).not.toThrow();
    expect(rerun.output).toBeUndefined();
  });

  it('adds no session setup to an app below pages/api', () => {
    const { output, reports } = runInProject(NEXT_EXPRESS_PROJECT, CUSTOM_SERVER, 'pages/api/[...path].js');
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('import session');
    expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^6:\\d+: ${API_ROUTE_REASON}; move this login to a server-side session by hand$`))]);
  });

  it('migrates a custom express server', () => {
    const { output } = runInProject({ name: 'web', dependencies: { next: '^15.0.0', jsonwebtoken: '^9.0.0' } }, CUSTOM_SERVER);
    expect(output).toContain('req.session.regenerate(');
    expect(output).not.toContain('Next.js');
  });

  describe('custom server after prepare()', () => {
    const SERVER = [
      "import express from 'express';",
      "import next from 'next';",
      "import jwt from 'jsonwebtoken';",
      'const nextApp = next({ dev: false });',
      'const handle = nextApp.getRequestHandler();',
      'nextApp.prepare().then(async () => {',
      '  const server = express();',
      "  server.post('/api/login', async (req, res) => {",
      "    res.json({ token: jwt.sign({ sub: req.body.id }, process.env.JWT_SECRET, { expiresIn: '2h' }) });",
      '  });',
      "  server.all('*', (req, res) => handle(req, res));",
      '  server.listen(3000);',
      '});',
      '',
    ].join('\n');

    it('adds the setup after express() in the callback', () => {
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, SERVER, 'server.mjs');
      expect(reports).toEqual([]);
      expect(output).toContain("import session from 'express-session';");
      expect(output).toMatch(/nextApp\.prepare\(\)\.then\(async \(\) => \{\n {2}const server = express\(\);\n {2}const sessionSecret = process\.env\.SESSION_SECRET;/);
      expect(output?.indexOf('server.use(\n    session({')).toBeLessThan(output?.indexOf("server.post('/api/login'") ?? -1);
      expect(output).toContain('maxAge: 2 * 60 * 60 * 1000,');
      expect(output).toContain('req.session.regenerate(');
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks express() and the login in another callback', () => {
      const source = SERVER.replace('nextApp.prepare().then(', 'database.connect().then(');
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(output).not.toContain('const sessionSecret');
      expect(output).not.toContain('req.session.');
      expect(reports.map(withoutFile)).toEqual([
        expect.stringMatching(/^9:\d+: manual migration needed: the app of this file gets no session setup from the codemod .*; migrate this login by hand$/),
        expect.stringMatching(/^7:\d+: manual migration needed: no session setup was added for the app `server`, because it is created inside a function/),
      ]);
      expect(rerun.output).toBeUndefined();
    });

    it('migrates a login declared before express() and registered after it', () => {
      const source = SERVER.replace("  const server = express();\n  server.post('/api/login', async (req, res) => {", '  const login = async (req, res) => {').replace(
        '  });\n  server.all',
        "  };\n  const server = express();\n  server.post('/api/login', login);\n  server.all",
      );
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(reports).toEqual([]);
      expect(output).toContain('req.session.regenerate(');
      expect(output).toMatch(/const server = express\(\);\n {2}const sessionSecret/);
      expect(rerun.output).toBeUndefined();
    });

    it('adds the setup after express() following await prepare()', () => {
      const source = SERVER.replace('nextApp.prepare().then(async () => {', 'async function start() {\n  await nextApp.prepare();').replace(/\}\);\n$/, '}\nstart();\n');
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(reports).toEqual([]);
      expect(output).toMatch(/await nextApp\.prepare\(\);\n {2}const server = express\(\);\n {2}const sessionSecret = process\.env\.SESSION_SECRET;/);
      expect(output).toContain('req.session.regenerate(');
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('migrates an express-jwt guard created after express()', () => {
      const source = SERVER.replace(
        "  server.post('/api/login'",
        "  server.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/api/login'] }));\n  server.post('/api/login'",
      ).replace("import jwt from 'jsonwebtoken';", "import jwt from 'jsonwebtoken';\nimport { expressjwt } from 'express-jwt';");
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(reports).toEqual([]);
      expect(output).not.toContain('expressjwt(');
      expect(output).toMatch(/const server = express\(\);\n {2}const sessionSecret/);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks an express-jwt guard created before express()', () => {
      const source = SERVER.replace(
        'nextApp.prepare().then(async () => {',
        "const guard = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });\nnextApp.prepare().then(async () => {",
      )
        .replace("  server.post('/api/login'", "  server.use(guard);\n  server.post('/api/login'")
        .replace("import jwt from 'jsonwebtoken';", "import jwt from 'jsonwebtoken';\nimport { expressjwt } from 'express-jwt';");
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(output).toContain('expressjwt(');
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(/^7:\d+: manual migration needed: the app `server` is created inside a function after nextApp\.prepare\(\), .* migrate this check by hand$/)]);
      expect(rerun.output).toBeUndefined();
    });

    it('marks a login passed through a wrapper', () => {
      const source = SERVER.replace("server.post('/api/login', async (req, res) => {", "server.post('/api/login', rateLimited(async (req, res) => {").replace(
        '  });\n  server.all',
        '  }));\n  server.all',
      );
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'server.mjs');
      expect(output).not.toContain('req.session.');
      expect(reports.map(withoutFile)).toEqual([
        expect.stringMatching(/^9:\d+: manual migration needed: the app `server` is created inside a function after nextApp\.prepare\(\), .* migrate this login by hand$/),
      ]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });
  });

  it('marks an App Router route handler found by its path', () => {
    const { output, reports, rerun } = runInProject(NEXT_PROJECT, ROUTE_HANDLER, 'app/api/login/route.js');
    expect(output).toContain(`/* eslint-plugin-sessions: ${NEXT_ROUTE_REASON} */\n  return Response.json(`);
    expect(reports.map(withoutFile)).toEqual([`4:33: ${NEXT_ROUTE_REASON}`]);
    expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
    expect(rerun.output).toBeUndefined();
  });

  it('marks a server action with the Next.js reason', () => {
    const fixture = join(FIXTURES, 'server-action-marked.input.ts');
    const { output, reports, rerun } = runInProject(NEXT_PROJECT, readFileSync(fixture, 'utf8'), 'app/actions.ts');
    expect(output).toContain(`/* eslint-plugin-sessions: ${NEXT_ROUTE_REASON} */\n  const token = jwt.sign(`);
    expect(reports.map(withoutFile)).toEqual([`6:17: ${NEXT_ROUTE_REASON}`]);
    expect(rerun.output).toBeUndefined();
  });

  it('leaves the same handler alone outside a route file', () => {
    const { output, reports } = runInProject(NEXT_PROJECT, ROUTE_HANDLER, 'lib/login.js');
    expect(output).toBeUndefined();
    expect(reports).toEqual([]);
  });

  describe('logout', () => {
    const LOGOUT = [
      'export default function logout(req, res) {',
      "  res.setHeader('Set-Cookie', 'token=; Path=/; Max-Age=0');",
      '  res.status(204).end();',
      '}',
      '',
    ].join('\n');
    const ASYNC_LOGOUT = LOGOUT.replace('export default function', 'export default async function');

    it.each([
      ['a logout', LOGOUT],
      ['an async logout', ASYNC_LOGOUT],
    ])('marks %s instead of destroying a session', (_name, source) => {
      const { output, reports, rerun } = runInProject(NEXT_PROJECT, source, 'pages/api/logout.js');
      expect(output).toBe(`/* eslint-plugin-sessions: ${NEXT_LOGOUT_REASON} */\n${source}`);
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^1:\\d+: ${NEXT_LOGOUT_REASON}$`))]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it.each([
      ['a logout', LOGOUT],
      ['an async logout', ASYNC_LOGOUT],
    ])('marks %s below pages/api when the project also depends on express', (_name, source) => {
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'pages/api/logout.js');
      expect(output).toBe(`/* eslint-plugin-sessions: ${NEXT_LOGOUT_REASON} */\n${source}`);
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^1:\\d+: ${NEXT_LOGOUT_REASON}$`))]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks a logout that loads no express next to express', () => {
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, LOGOUT, 'routes/logout.js');
      expect(output).toBe(`/* eslint-plugin-sessions: ${NEXT_HELPER_LOGOUT_REASON} */\n${LOGOUT}`);
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^1:\\d+: ${NEXT_HELPER_LOGOUT_REASON}$`))]);
      expect(() => jscodeshift.withParser('tsx')(output ?? '')).not.toThrow();
      expect(rerun.output).toBeUndefined();
    });

    it('marks a logout below pages/api that loads express', () => {
      const source = `import express from 'express';\n${LOGOUT}`;
      const { output, reports, rerun } = runInProject(NEXT_EXPRESS_PROJECT, source, 'pages/api/logout.js');
      expect(output).toBe(`import express from 'express';\n/* eslint-plugin-sessions: ${NEXT_LOGOUT_REASON} */\n${LOGOUT}`);
      expect(reports.map(withoutFile)).toEqual([expect.stringMatching(new RegExp(`^2:\\d+: ${NEXT_LOGOUT_REASON}$`))]);
      expect(rerun.output).toBeUndefined();
    });

    it('rewrites a logout that loads express next to express', () => {
      const { output } = runInProject(NEXT_EXPRESS_PROJECT, `import express from 'express';\n${LOGOUT}`, 'routes/logout.js');
      expect(output).toContain('req.session.destroy(');
    });
  });
});

describe('jwt-to-session routes of a Fastify or Express object', () => {
  const LOGIN = 'async (req, res) => { const token = jwt.sign({ id: req.body.id }, key); res.send({ token }); }';
  const LOGOUT = 'async (req, res) => { res.send({ ok: true }); }';
  const NOT_EXPRESS = ', so this is not taken for an Express handler, the only kind this codemod migrates';
  const UNDECIDED = ', so the codemod cannot tell whether this is an Express handler. If it is one, migrate it by hand';

  function runRoutes(lines: string[], path = 'routes.js'): Run & { rerun: Run } {
    const source = ['const jwt = require("jsonwebtoken");', ...lines, ''].join('\n');
    const first = run(join(FIXTURES, path), source);
    return { ...first, rerun: run(join(FIXTURES, path), first.output ?? source) };
  }

  /** Returns the marker reasons of the reports, without their positions. */
  function reasonsOf(reports: string[]): string[] {
    return reports.map((report) => report.slice(report.indexOf('manual migration needed: ') + 'manual migration needed: '.length));
  }

  it.each([
    [
      'a plugin parameter named fastify',
      ['module.exports = async function (fastify) {', `  fastify.post("/login", ${LOGIN});`, `  fastify.post("/logout", ${LOGOUT});`, '};'],
      'the route is registered on `fastify`, a parameter with the name that Fastify plugins give their instance',
    ],
    [
      'a register() call',
      ['module.exports = async function (app) {', '  app.register(require("./cookies"));', `  app.post("/login", ${LOGIN});`, `  app.post("/logout", ${LOGOUT});`, '};'],
      '`app` has the method register(), as Fastify and hapi servers do and Express apps and routers do not',
    ],
    [
      'a decorate() call',
      ['module.exports = async function (app) {', '  app.decorate("db", db);', `  app.post("/login", ${LOGIN});`, `  app.post("/logout", ${LOGOUT});`, '};'],
      '`app` has the method decorate(), as Fastify and hapi servers do and Express apps and routers do not',
    ],
    [
      'another handler with a reply',
      ['module.exports = async function (app) {', '  app.get("/health", async (request, reply) => reply.send("ok"));', `  app.post("/login", ${LOGIN});`, `  app.post("/logout", ${LOGOUT});`, '};'],
      'another handler registered on `app` takes a Fastify reply (`reply`)',
    ],
    [
      'another handler that returns its body',
      ['module.exports = async function (app) {', '  app.get("/health", async (req, res) => ({ ok: true }));', `  app.post("/login", ${LOGIN});`, `  app.post("/logout", ${LOGOUT});`, '};'],
      'another handler registered on `app` returns its response body, as Fastify and Hono handlers do',
    ],
    [
      'a Fastify instance in another variable',
      ['const server = require("fastify")();', `server.post("/login", ${LOGIN});`, `server.post("/logout", ${LOGOUT});`],
      'the file loads fastify and not express',
    ],
  ])('marks the login and keeps the logout with %s', (_name, lines, evidence) => {
    const { output, reports, rerun } = runRoutes(lines);
    expect(reasonsOf(reports)).toEqual([expect.stringContaining(evidence)]);
    expect(output).not.toContain('req.session');
    expect(output).not.toContain('clearCookie');
    expect(output).toContain('res.send({ ok: true });');
    expect(rerun.output).toBeUndefined();
  });

  it('marks a login that returns its body', () => {
    const { output, reports } = runRoutes([
      'module.exports = async function (app) {',
      '  app.post("/login", async (req, res) => { const token = jwt.sign({ id: req.body.id }, key); return { token }; });',
      '  app.post("/logout", async (req, res) => ({ ok: true }));',
      '};',
    ]);
    expect(reasonsOf(reports)).toEqual([
      `the handler returns its response body, as Fastify and Hono handlers do, and Express ignores what a handler returns${NOT_EXPRESS}`,
    ]);
    expect(output).not.toContain('req.session');
  });

  it('marks a route on an instance typed FastifyInstance', () => {
    const { reports } = runRoutes(
      [
        'import type { FastifyInstance } from "fastify";',
        'export default async function routes(server: FastifyInstance) {',
        `  server.post("/login", ${LOGIN});`,
        '}',
      ],
      'routes.ts',
    );
    expect(reasonsOf(reports)).toEqual([`the route is registered on \`server\`, which is typed FastifyInstance${NOT_EXPRESS}`]);
  });

  it('tells an Express app from a Fastify one in one file', () => {
    const { output, reports, rerun } = runRoutes([
      'const express = require("express");',
      'const Fastify = require("fastify");',
      'const app = express();',
      `app.post("/login", ${LOGIN.replace('res.send', 'res.json')});`,
      `app.post("/logout", ${LOGOUT});`,
      'const metrics = Fastify();',
      `metrics.post("/admin/login", ${LOGIN});`,
      'metrics.post("/admin/logout", async (req, res) => { res.send({ admin: false }); });',
      'module.exports = { app, metrics };',
    ]);
    expect(reasonsOf(reports)).toEqual([`the route is registered on \`metrics\`, which comes from fastify${NOT_EXPRESS}`]);
    expect(output).toContain('req.session.user = { id: req.body.id };');
    expect(output).toContain('req.session.destroy(');
    expect(output).toContain('res.clearCookie("connect.sid");');
    expect(output).toContain('metrics.post("/admin/logout", async (req, res) => { res.send({ admin: false }); });');
    expect(rerun.output).toBeUndefined();
  });

  it('marks the routes of an app from neither framework', () => {
    const { output, reports, rerun } = runRoutes([
      'const express = require("express");',
      'const fastify = require("fastify");',
      'module.exports = function (app) {',
      `  app.post("/login", ${LOGIN});`,
      `  app.post("/logout", ${LOGOUT});`,
      '};',
    ]);
    const reason = `the file loads both express and fastify, and the handler is not registered on an app or router that this file creates with express${UNDECIDED}`;
    expect(reasonsOf(reports)).toEqual([reason, reason]);
    expect(output).not.toContain('req.session');
    expect(rerun.output).toBeUndefined();
    expect(rerun.reports).toHaveLength(2);
  });

  it('marks the routes of an Express app with a Fastify-style handler', () => {
    const { output, reports } = runRoutes([
      'const express = require("express");',
      'const app = express();',
      'app.get("/health", async (req, res) => ({ ok: true }));',
      `app.post("/login", ${LOGIN});`,
      `app.post("/logout", ${LOGOUT});`,
      'module.exports = app;',
    ]);
    const reason = `\`app\` comes from express, but another handler registered on \`app\` returns its response body, as Fastify and Hono handlers do${UNDECIDED}`;
    expect(reasonsOf(reports)).toEqual([reason, reason]);
    expect(output).not.toContain('session.user');
    expect(output).not.toContain('session.destroy');
  });

  it.each([
    ['a parameter', ['module.exports = function registerAuth(app) {', `  app.post("/login", ${LOGIN});`, `  app.post("/logout", ${LOGOUT});`, '};']],
    ['an import of ./app', ['const app = require("./app");', `app.post("/login", ${LOGIN});`, `app.post("/logout", ${LOGOUT});`]],
    ['an Express router', ['const { Router } = require("express");', 'const router = Router();', `router.post("/login", ${LOGIN});`, `router.post("/logout", ${LOGOUT});`]],
    ['a router with a route chain', ['const router = require("express").Router();', `router.route("/login").post(${LOGIN});`, `router.post("/logout", ${LOGOUT});`]],
  ])('migrates the routes of %s', (_name, lines) => {
    const { output, reports, rerun } = runRoutes(lines);
    expect(reports).toEqual([]);
    expect(output).toContain('req.session.user = { id: req.body.id };');
    expect(output).toContain('req.session.destroy(');
    expect(rerun.output).toBeUndefined();
  });
});

describe('jwt-to-session error handling around a login', () => {
  const TRY_REASON =
    'manual migration needed: the sign call is inside a try statement whose catch or finally clause would not cover the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the function async and rerun';
  const CHAIN_REASON =
    'manual migration needed: the sign call is in a promise callback whose chain goes on to .catch() or a rejection handler, which would not cover the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the callback async and rerun';
  const PASSED_ON_REASON =
    'manual migration needed: the errors of the callback around the sign call reject a promise that is awaited, returned or passed to other code, where a catch may handle them but not the errors of the code that the codemod moves into the req.session.regenerate callback; migrate this login by hand, or make the callback async and rerun';
  const SIGN = 'const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET); res.json({ token });';

  function runHandler(body: string[], path = 'login.js'): Run {
    const source = ['const jwt = require("jsonwebtoken");', 'app.post("/login", (req, res) => {', ...body, '});', ''].join('\n');
    return run(join(FIXTURES, path), source);
  }

  it.each([
    ['a try with finally', [`  try { ${SIGN} } finally { audit(); }`], TRY_REASON],
    ['a catch clause under a finally', [`  try { check(); } catch (e) { ${SIGN} } finally { audit(); }`], TRY_REASON],
    ['a block inside a try', [`  try { if (ok) { ${SIGN} } } catch (e) { res.sendStatus(400); }`], TRY_REASON],
    ['a then() rejection handler later', [`  find().then(() => { ${SIGN} }).then(undefined, () => res.sendStatus(404));`], CHAIN_REASON],
    ['a catch() after finally()', [`  find().then(() => { ${SIGN} }).finally(done).catch(() => res.sendStatus(404));`], CHAIN_REASON],
    ['a catch() after a catch() callback', [`  find().catch(() => { ${SIGN} }).catch(() => res.sendStatus(500));`], CHAIN_REASON],
    [
      'a Promise executor whose chain has catch()',
      [`  find().then((user) => new Promise((resolve) => { ${SIGN} resolve(); })).catch(() => res.sendStatus(401));`],
      CHAIN_REASON,
    ],
    ['a forEach() callback inside a try', [`  try { [1].forEach(() => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`], TRY_REASON],
    ['a forEach() callback with a parameter named e', [`  try { [req.body].forEach((e) => { ${SIGN} }); } catch (err) { res.sendStatus(401); }`], TRY_REASON],
    ['a forEach() callback with a parameter named err', [`  try { [req.body].forEach((err) => { ${SIGN} }); } catch (e) { res.sendStatus(401); }`], TRY_REASON],
    [
      'a nested then() whose outer chain has catch()',
      [`  find().then((user) => check(user).then(() => { ${SIGN} })).catch(() => res.sendStatus(400));`],
      CHAIN_REASON,
    ],
    [
      'a jwt.verify() callback inside a try',
      [`  try { jwt.verify(req.body.challenge, process.env.JWT_SECRET, { algorithms: ["HS256"] }, (err, claims) => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`],
      TRY_REASON,
    ],
    [
      'a jwt.verify() callback without options inside a try',
      [`  try { jwt.verify(req.body.link, process.env.MAGIC_SECRET, (err, claims) => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`],
      TRY_REASON,
    ],
    [
      'a passport.authenticate() callback inside a try',
      [`  try { passport.authenticate("local", (err, user) => { ${SIGN} })(req, res); } catch (e) { res.sendStatus(400); }`],
      TRY_REASON,
    ],
    [
      'a Mongoose find() callback with a parameter named e',
      [`  try { User.find({ email: req.body.email }, (e, users) => { ${SIGN} }); } catch (err) { res.sendStatus(400); }`],
      TRY_REASON,
    ],
    ['a lodash forEach() callback', [`  try { _.forEach(req.body.ids, (err) => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`], TRY_REASON],
    ['a setTimeout() callback inside a try', [`  try { setTimeout(() => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`], TRY_REASON],
    ['a then() chain caught through a variable', [`  const pending = find().then(() => { ${SIGN} });`, '  pending.catch(() => res.sendStatus(401));'], CHAIN_REASON],
    [
      'a then() chain reassigned before catch()',
      [`  let pending = find().then(() => { ${SIGN} });`, '  pending = pending.finally(audit);', '  pending.catch(() => res.sendStatus(401));'],
      CHAIN_REASON,
    ],
    ['a then() chain passed to a function', [`  track(find().then(() => { ${SIGN} }));`], PASSED_ON_REASON],
    ['a then() chain stored in an object', [`  res.locals.pending = find().then(() => { ${SIGN} });`], PASSED_ON_REASON],
    [
      'a then() chain returned from a helper',
      [`  const run = () => find().then(() => { ${SIGN} });`, '  run().catch(() => res.sendStatus(401));'],
      PASSED_ON_REASON,
    ],
    ['a callback whose caller returns a caught promise', [`  retry(() => { ${SIGN} }).catch(() => res.sendStatus(503));`], PASSED_ON_REASON],
  ])('marks a login inside %s', (_name, body, reason) => {
    const { output, reports } = runHandler(body);
    expect(output).not.toContain('req.session.user');
    expect(output).toContain(`/* eslint-plugin-sessions: ${reason} */`);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(reason);
  });

  it.each([
    ['a then() without catch()', [`  find().then(() => { ${SIGN} });`]],
    ['a then() with its own rejection handler', [`  find().then(() => { ${SIGN} }, () => res.sendStatus(404));`]],
    ['a try around the promise chain', ['  try {', `    find().then(() => { ${SIGN} });`, '  } catch (e) {', '    res.sendStatus(500);', '  }']],
    ['a try that ends before the sign call', ['  try { check(); } catch (e) { return res.sendStatus(400); }', `  ${SIGN}`]],
    ['a callback inside a try', ['  try {', `    users.findOne(req.body.email, (err, user) => { ${SIGN} });`, '  } catch (e) {', '    res.sendStatus(500);', '  }']],
    ['a callback with a parameter named e', [`  try { User.findOne({ email: req.body.email }, (e, user) => { ${SIGN} }); } catch (err) { res.sendStatus(400); }`]],
    ['a Mongoose find() callback', [`  try { User.find({ email: req.body.email }, (err, users) => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`]],
    ['a then() chain stored and never caught', [`  const pending = find().then(() => { ${SIGN} });`, '  pending.then(() => audit());']],
    ['a then() chain returned by the handler', [`  return find().then(() => { ${SIGN} });`]],
    ['a then() chain discarded with void', [`  void find().then(() => { ${SIGN} });`]],
  ])('migrates a login in %s', (_name, body) => {
    const { output, reports } = runHandler(body);
    expect(output).toContain('req.session.regenerate(');
    expect(reports).toEqual([]);
  });

  it.each([
    ['awaited inside a try', ['  try {', `    await find().then((user) => { ${SIGN} });`, '  } catch (e) {', '    res.sendStatus(401);', '  }'], PASSED_ON_REASON],
    [
      'stored and awaited inside a try',
      [`  const pending = find().then((user) => { ${SIGN} });`, '  try {', '    await pending;', '  } catch (e) {', '    res.sendStatus(401);', '  }'],
      PASSED_ON_REASON,
    ],
  ])('marks a then() chain in an async handler %s', (_name, body, reason) => {
    const source = ['const jwt = require("jsonwebtoken");', 'app.post("/login", async (req, res) => {', ...body, '});', ''].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).not.toContain('req.session.user');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(reason);
  });

  it('migrates a then() chain outside any await', () => {
    const source = [
      'const jwt = require("jsonwebtoken");',
      'app.post("/login", async (req, res) => {',
      `  try { find().then(() => { ${SIGN} }); } catch (e) { res.sendStatus(400); }`,
      '});',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).toContain('req.session.regenerate(');
    expect(reports).toEqual([]);
  });

  it('marks a callback of a renamed jsonwebtoken verify', () => {
    const source = [
      'const { sign, verify: checkToken } = require("jsonwebtoken");',
      'app.post("/login", (req, res) => {',
      '  try {',
      '    checkToken(req.body.challenge, process.env.JWT_SECRET, (err, claims) => {',
      '      const token = sign({ id: claims.uid }, process.env.JWT_SECRET);',
      '      res.json({ token });',
      '    });',
      '  } catch (e) {',
      '    res.sendStatus(400);',
      '  }',
      '});',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).not.toContain('req.session.user');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(TRY_REASON);
  });

  it('migrates an async login inside try', () => {
    const { output, reports } = run(
      join(FIXTURES, 'login.js'),
      ['const jwt = require("jsonwebtoken");', 'app.post("/login", async (req, res) => {', `  try { ${SIGN} } catch (e) { res.sendStatus(400); }`, '});', ''].join('\n'),
    );
    expect(output).toContain('await new Promise(');
    expect(reports).toEqual([]);
  });

  it('migrates a cookie-session login inside try', () => {
    const source = [
      'const cookieSession = require("cookie-session");',
      'const jwt = require("jsonwebtoken");',
      'app.post("/login", (req, res) => {',
      `  try { ${SIGN} } catch (e) { res.sendStatus(400); }`,
      '});',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).toContain('req.session.user = { id: 1 };');
    expect(output).not.toContain('regenerate');
    expect(reports).toEqual([]);
  });
});

describe('jwt-to-session side effects of sign arguments', () => {
  function runLogin(handler: string, path = 'login.js'): Run & { rerun: Run } {
    const source = ['const jwt = require("jsonwebtoken");', `app.post("/login", ${handler});`, ''].join('\n');
    const result = run(join(FIXTURES, path), source);
    const rerun = run(join(FIXTURES, path), result.output ?? source);
    return { ...result, rerun };
  }

  it('keeps them in an arrow expression body', () => {
    const { output, reports, rerun } = runLogin('(req, res) => res.json({ token: jwt.sign({ id: 1 }, keys.next(), { jwtid: String(counter++) }) })');
    expect(reports).toEqual([]);
    expect(output).toMatch(/\{\s*keys\.next\(\);\s*counter\+\+;\s*return req\.session\.regenerate\(/);
    expect(output).toContain('return res.json({});');
    expect(rerun.output).toBeUndefined();
  });

  it('keeps a call under a non-null assertion', () => {
    const { output, reports, rerun } = runLogin('(req: Request, res: Response) => { const token = jwt.sign({ id: 1 }, loadKey()!); res.json({ token }); }', 'login.ts');
    expect(reports).toEqual([]);
    expect(output).toMatch(/\{\s*loadKey\(\);\s*req\.session\.regenerate\(/);
    expect(output).not.toContain('loadKey()!');
    expect(rerun.output).toBeUndefined();
  });

  it('drops reads of process.env', () => {
    const { output, reports } = runLogin('(req, res) => { const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET!, { expiresIn: process.env.TTL }); res.json({ token }); }', 'login.ts');
    expect(reports).toEqual([]);
    expect(output).not.toContain('process.env.JWT_SECRET');
    expect(output).not.toContain('process.env.TTL');
  });

  it('keeps them before a response setup', () => {
    const { output, reports, rerun } = runLogin('async (req, res) => { res.status(201).json({ token: jwt.sign({ id: 1 }, await keys.next()) }); }');
    expect(reports).toEqual([]);
    expect(output).toMatch(/\{\s*await keys\.next\(\);\s*await new Promise\(/);
    expect(output).toContain('res.status(201).json({});');
    expect(rerun.output).toBeUndefined();
  });
});

describe('jwt-to-session in Node.js callbacks', () => {
  function runCallback(method: string, payload: string): Run {
    const source = [
      'const jwt = require("jsonwebtoken");',
      'app.post("/login", (req, res) => {',
      `  db.${method}("SELECT id FROM users WHERE email = ?", [req.body.email], (err, user) => {`,
      `    const token = jwt.sign(${payload}, process.env.JWT_SECRET);`,
      '    res.json({ token });',
      '  });',
      '});',
      '',
    ].join('\n');
    return run(join(FIXTURES, 'login.js'), source);
  }

  it.each(['get', 'all', 'query', 'findUser'])('migrates a login inside db.%s()', (method) => {
    const { output, reports } = runCallback(method, '{ id: user.id }');
    expect(output).toContain('app.post("/login", (req, res, next) => {');
    expect(output).toContain('req.session.regenerate((err) => {');
    expect(output).toContain('req.session.user = { id: user.id };');
    expect(output).not.toContain('manual migration needed');
    expect(reports).toEqual([]);
  });

  it('names the regenerate error apart from the payload', () => {
    const { output, reports } = runCallback('get', '{ id: user.id, degraded: Boolean(err) }');
    expect(output).toContain('req.session.regenerate((err2) => {');
    expect(output).toContain('return next(err2);');
    expect(output).toContain('req.session.user = { id: user.id, degraded: Boolean(err) };');
    expect(reports).toEqual([]);
  });
});

describe('jwt-to-session app creation', () => {
  const UNRECOGNISED =
    'manual migration needed: express is used here in a form the codemod does not recognise as creating the app (it recognises express(), new express(), express.call(...) and (0, express)()), so no session setup was added; if this creates the app, add app.use(session({ ... })) with a store after it by hand';

  function runApp(lines: string[], path = 'server.js'): Run {
    const source = [
      ...lines,
      'app.post("/login", (req, res) => {',
      '  const token = jwt.sign({ id: 1 }, process.env.JWT_SECRET);',
      '  res.json({ token });',
      '});',
      '',
    ].join('\n');
    return run(join(FIXTURES, path), source);
  }

  it.each([
    ['a copy', 'const create = express;'],
    ['a factory argument', 'const app = createApp(express);'],
    ['a bound function', 'const app = express.bind(null)();'],
  ])('marks express passed on as %s', (_name, line) => {
    const { output, reports } = runApp(['const express = require("express");', 'const jwt = require("jsonwebtoken");', line]);
    expect(output).toContain(`/* eslint-plugin-sessions: ${UNRECOGNISED} */\n${line}`);
    expect(reports).toHaveLength(1);
    expect(withoutFile(reports[0] ?? '')).toMatch(/^3:\d+: /);
    expect(reports[0]).toContain(UNRECOGNISED);
  });

  it('ignores members and types of express', () => {
    const { output, reports } = runApp(
      [
        'import express from "express";',
        'import jwt from "jsonwebtoken";',
        'const router: express.Router = express.Router();',
        'const parse: typeof express.json = express.json;',
        'const { static: serveStatic } = express;',
        'router.use(parse(), serveStatic("public"));',
      ],
      'routes.ts',
    );
    expect(output).toContain('req.session.regenerate(');
    expect(output).not.toContain('manual migration needed');
    expect(reports).toEqual([]);
  });
});

describe('jwt-to-session verification without a rejection', () => {
  const REASON = 'manual migration needed: no response for a request without a valid token was found, so the session check cannot be written';
  const VERIFY = 'jwt.verify(req.headers.authorization, process.env.JWT_SECRET, { algorithms: ["HS256"] });';

  // Each source verifies the token on line 4 and has no response for a request without a valid token.
  it.each([
    ['a route callback', 'server.js', ['const jwt = require("jsonwebtoken");', '', 'app.use((req, res, next) => {', `  ${VERIFY}`, '  next();', '});']],
    ['a function declaration', 'auth.js', ['const jwt = require("jsonwebtoken");', '', 'function requireUser(req, res, next) {', `  ${VERIFY}`, '  next();', '}']],
    [
      'a try whose catch passes the error on',
      'auth.js',
      ['const jwt = require("jsonwebtoken");', 'function requireUser(req, res, next) {', '  try {', `    ${VERIFY}`, '    next();', '  } catch (error) {', '    next(error);', '  }', '}'],
    ],
    ['a private class field', 'auth.js', ['const jwt = require("jsonwebtoken");', 'class Auth {', '  #requireUser = (req, res, next) => {', `    ${VERIFY}`, '    next();', '  };', '}']],
    ['a static class field', 'auth.js', ['const jwt = require("jsonwebtoken");', 'class Auth {', '  static requireUser = (req, res, next) => {', `    ${VERIFY}`, '    next();', '  };', '}']],
    ['a tab-indented class field', 'auth.js', ['const jwt = require("jsonwebtoken");', 'class Auth {', '\trequireUser = (req, res, next) => {', `\t\t${VERIFY}`, '\t\tnext();', '\t};', '}']],
    [
      'a TypeScript property with modifiers',
      'auth.ts',
      [
        'import jwt from "jsonwebtoken";',
        '@Injectable()',
        'export class Auth {',
        `  @Bound() private readonly requireUser = (req: Request, res: Response, next: NextFunction): void => { ${VERIFY} next(); };`,
        '}',
      ],
    ],
  ])('marks a verification in %s at its line', (_name, path, lines) => {
    const source = [...lines, ''].join('\n');
    const verifyLine = lines[3] ?? '';
    const column = verifyLine.indexOf('jwt.verify') + 1;
    const { output, reports } = run(join(FIXTURES, path), source);
    expect(reports.map(withoutFile)).toEqual([`4:${column}: ${REASON}`]);
    expect(output).toContain(`/* eslint-plugin-sessions: ${REASON} */`);
    expect(output).toContain(VERIFY);
    expect(output).not.toContain('req.session');
  });
});

describe('jwt-to-session sites outside a rewritable function', () => {
  const SIGN = 'jwt.sign({ id: 1 }, process.env.JWT_SECRET)';
  const SEND = 'function send(token) { app.get("/token", (req, res) => res.json({ token })); return token; }';

  // The JWT call is on the third line of each case, which is line 4 of the file after the require.
  it.each([
    ['a class method', 'auth.js', 'in a class method, which the codemod does not rewrite', ['class Auth {', '  login(req, res) {', `    res.json({ token: ${SIGN} });`, '  }', '}']],
    ['a private class method', 'auth.js', 'in a class method, which the codemod does not rewrite', ['class Auth {', '  #login(req, res) {', `    res.json({ token: ${SIGN} });`, '  }', '}']],
    [
      'a static class method',
      'auth.js',
      'in a class method, which the codemod does not rewrite',
      ['class Auth {', '  static check(req, res, next) {', '    jwt.verify(req.headers.authorization, process.env.JWT_SECRET);', '    next();', '  }', '}'],
    ],
    ['an object-literal method', 'auth.js', 'in an object-literal method, which the codemod does not rewrite', ['const auth = {', '  login(req, res) {', `    res.json({ token: ${SIGN} });`, '  },', '};']],
    ['top-level code', 'auth.js', 'at the top level of the file, outside any function', ['', '', `const token = ${SIGN};`, 'app.get("/token", (req, res) => res.json({ token }));']],
    ['a class static block', 'auth.js', 'in a class static block, outside any function', ['class Auth {', '  static {', `    const token = ${SIGN};`, '    app.get("/token", (req, res) => res.json({ token }));', '  }', '}']],
    ['a class field initializer', 'auth.js', 'in a class field initializer, outside any function', [SEND, 'class Auth {', `  token = send(${SIGN});`, '}']],
    ['a class decorator', 'auth.ts', 'in a decorator, outside any function', [SEND, '', `@Use(send(${SIGN}))`, 'class Auth {}']],
    ['a method decorator', 'auth.ts', 'in a decorator, outside any function', [SEND, 'class Auth {', `  @Use(send(${SIGN})) login() {}`, '}']],
  ])('names %s in the reason', (_name, path, place, lines) => {
    const source = ['const jwt = require("jsonwebtoken");', ...lines, ''].join('\n');
    const siteLine = lines[2] ?? '';
    const column = siteLine.indexOf('jwt.') + 1;
    const reason = `manual migration needed: the JWT is handled ${place}; move it to server-side sessions by hand`;
    const { output, reports } = run(join(FIXTURES, path), source);
    expect(reports.map(withoutFile)).toEqual([`4:${column}: ${reason}`]);
    expect(output).toContain(`/* eslint-plugin-sessions: ${reason} */`);
    expect(output).not.toContain('req.session');
  });
});

describe('jwt-to-session destructured parameters', () => {
  const NOT_EXPRESS_REASON = 'the handler does not take an Express request and response (req, res), and this codemod migrates only Express handlers';

  it.each([
    ['a Fastify reply', 'async ({ body }, reply) => {', 'body.id', 'return reply.send({ token });'],
    ['a hapi toolkit', 'async ({ payload }, h) => {', 'payload.id', 'return h.response({ token });'],
  ])('keeps the framework reason beside %s', (_name, head, id, send) => {
    const source = [
      'const jwt = require("jsonwebtoken");',
      `router.post("/login", ${head}`,
      `  const token = jwt.sign({ id: ${id} }, process.env.JWT_SECRET);`,
      `  ${send}`,
      '});',
      '',
    ].join('\n');
    const { reports } = run(join(FIXTURES, 'login.js'), source);
    expect(reports.map(withoutFile)).toEqual([`3:17: manual migration needed: ${NOT_EXPRESS_REASON}`]);
  });

  it('names a destructured Express request', () => {
    const source = [
      'const jwt = require("jsonwebtoken");',
      'app.post("/signup", async function ({ body: { name } } = {}, response) {',
      '  const user = await createUser(name);',
      '  response.status(201).json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET) });',
      '});',
      '',
    ].join('\n');
    const { output, reports } = run(join(FIXTURES, 'login.js'), source);
    expect(output).toContain('manual migration needed: the handler destructures its request parameter');
    expect(reports.map(withoutFile)).toEqual([
      '4:38: manual migration needed: the handler destructures its request parameter, so the codemod has no req to add the session to; give the parameter a name such as req and rerun',
    ]);
  });
});

describe('jwt-to-session metadata', () => {
  it('names the paired rule', () => {
    expect(meta.name).toBe('jwt-to-session');
    expect(meta.pairedRules).toEqual(['no-jwt-session']);
  });

  it('accepts JWT library files in any package', () => {
    const folder = mkdtempSync(join(tmpdir(), 'jwt-to-session-check-'));
    try {
      writeFileSync(join(folder, 'package.json'), '{"dependencies":{}}');
      expect(meta.mayChange(`import { SignJWT } from 'jose';`, join(folder, 'login.js'))).toBe(true);
      expect(meta.mayChange(`const jwt = require('jsonwebtoken');`, join(folder, 'login.js'))).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('accepts Express and logout files in JWT packages', () => {
    const withJwt = mkdtempSync(join(tmpdir(), 'jwt-to-session-check-'));
    const withoutJwt = mkdtempSync(join(tmpdir(), 'jwt-to-session-check-'));
    try {
      writeFileSync(join(withJwt, 'package.json'), '{"dependencies":{"jsonwebtoken":"9"}}');
      writeFileSync(join(withoutJwt, 'package.json'), '{"dependencies":{"express":"5"}}');
      for (const text of [`const app = require('express')();`, `router.post('/log-out', handler);`]) {
        expect(meta.mayChange(text, join(withJwt, 'server.js'))).toBe(true);
        expect(meta.mayChange(text, join(withoutJwt, 'server.js'))).toBe(false);
      }
      expect(meta.mayChange('const expression = parse(source);', join(withJwt, 'parse.js'))).toBe(false);
    } finally {
      rmSync(withJwt, { recursive: true, force: true });
      rmSync(withoutJwt, { recursive: true, force: true });
    }
  });

  it('lists dependencies per store', () => {
    const names = (store: Parameters<typeof getJwtToSessionDependencies>[0]): string[] =>
      getJwtToSessionDependencies(store).map((dependency) => dependency.name);
    expect(names('knex')).toEqual(expect.arrayContaining(['express-session', 'connect-session-knex', 'knex', 'better-sqlite3']));
    expect(names('redis')).toEqual(expect.arrayContaining(['express-session', 'connect-redis', 'redis']));
    expect(names('memory')).not.toContain('knex');
  });

  it('formats durations as products', () => {
    expect(formatDuration(7 * 24 * 60 * 60 * 1000)).toBe('7 * 24 * 60 * 60 * 1000');
    expect(formatDuration(60 * 60 * 1000)).toBe('60 * 60 * 1000');
    expect(formatDuration(90 * 1000)).toBe('90 * 1000');
    expect(formatDuration(1500)).toBe('1500');
  });
});

describe('jwt-to-session in code without semicolons', () => {
  it('keeps separate statements after removal', () => {
    const input = readFileSync(join(FIXTURES, 'no-semicolons-next-line.input.js'), 'utf8');
    const output = run(join(FIXTURES, 'app.js'), input).output ?? '';
    const j = jscodeshift.withParser('tsx');
    const root = j(output);
    // `require('express-session')` followed by `[1, 2]` would read an element of the module.
    const session = root.find(j.VariableDeclarator, { id: { name: 'session' } }).nodes()[0];
    expect(session?.init?.type).toBe('CallExpression');
    // `user.name` followed by `(req.log || console)` would call `user.name`.
    const names = root.find(j.VariableDeclarator, { id: { name: 'name' } }).nodes();
    expect(names.map((node) => node.init?.type)).toEqual(['MemberExpression', 'MemberExpression']);
    expect(root.find(j.TaggedTemplateExpression).length).toBe(0);
    expect(output).toContain('\n  ;(req.log || console).info');
    expect(output).toContain('\n  ;`${name}`.trim()');
  });
});
