import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';

import { getMissingSetupReason, planSessionSetup } from '../../src/detectors/session-setup.js';
import { parseSourceCode } from '../../src/source-code.js';

/** A project whose package.json lists express and jsonwebtoken, and no session library. */
const project = mkdtempSync(join(tmpdir(), 'sessions-session-setup-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'api', dependencies: { express: '^5.0.0', jsonwebtoken: '^9.0.0' } }));
/** A Next.js project with a custom express server. */
const nextProject = mkdtempSync(join(tmpdir(), 'sessions-session-setup-next-'));
writeFileSync(join(nextProject, 'package.json'), JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', express: '^5.0.0' } }));
afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(nextProject, { recursive: true, force: true });
});

const SERVER = join(project, 'server.js');
const HEADER = ["const express = require('express');", "const jwt = require('jsonwebtoken');"];

function parse(lines: string[], path = SERVER): TSESLint.SourceCode {
  return parseSourceCode([...HEADER, ...lines].join('\n'), path);
}

function planKind(lines: string[], path = SERVER): string {
  return planSessionSetup(parse(lines, path), path).kind;
}

describe('planSessionSetup', () => {
  it.each([
    ['top-level const', ['const app = express();']],
    ['assignment after let', ['let app;', 'app = express();']],
    ['assignment chain', ['const app = module.exports = express();']],
    ['new express()', ['const app = new express();']],
    ['express.call()', ['const app = express.call(null);']],
    ['require call', ["const app = require('express')();"]],
    ['sequence callee', ['const app = (0, express)();']],
  ])('places the setup after a %s', (_name, lines) => {
    expect(planKind(lines)).toBe('ready');
  });

  it('places the setup in a custom server', () => {
    const lines = ["const next = require('next');", 'const nextApp = next({});', 'nextApp.prepare().then(() => {', '  const server = express();', '});'];
    expect(planKind(lines)).toBe('ready');
  });

  it('places the setup after a compiled import', () => {
    const lines = ['const express_1 = __importDefault(require("express"));', 'const app = (0, express_1.default)();'];
    expect(planKind(lines)).toBe('ready');
  });

  it('adds no setup to a factory app', () => {
    const sourceCode = parse(['function createApp() {', '  const app = express();', '  return app;', '}']);
    const plan = planSessionSetup(sourceCode, SERVER);
    expect(plan.kind).toBe('not-added');
    const reason = plan.kind === 'not-added' ? plan.reason : '';
    expect(reason).toContain('the app `app`, because it is created inside a function');
  });

  it('adds no setup to an unstored app', () => {
    const sourceCode = parse(['const app = express().use(express.json());']);
    const plan = planSessionSetup(sourceCode, SERVER);
    expect(plan.kind).toBe('not-added');
    const reason = plan.kind === 'not-added' ? plan.reason : '';
    expect(reason).toContain('this call is not stored that way');
  });

  it('finds no app without express()', () => {
    expect(planKind(['const router = express.Router();'])).toBe('no-app');
  });

  it('finds a setup in the file', () => {
    const lines = ["const session = require('express-session');", 'function createApp() {', '  const app = express();', '  app.use(session({}));', '}'];
    expect(planKind(lines)).toBe('present');
  });

  it('marks a session-named mount', () => {
    const lines = ["const sessions = require('./sessions');", 'function createApp() {', '  const app = express();', '  app.use(sessions);', '}'];
    expect(planKind(lines)).toBe('uncertain');
  });
});

describe('getMissingSetupReason', () => {
  const FACTORY = ['function createApp() {', '  const app = express();', '  return app;', '}'];

  it('names the kind of site', () => {
    expect(getMissingSetupReason(parse(FACTORY), SERVER, 'logout')).toContain('so this logout would use req.session without a session middleware');
  });

  it('returns undefined for a top-level app', () => {
    expect(getMissingSetupReason(parse(['const app = express();']), SERVER, 'login')).toBeUndefined();
  });

  it('returns undefined in a Next.js API route', () => {
    const path = join(nextProject, 'pages/api/login.js');
    expect(getMissingSetupReason(parse(FACTORY, path), path, 'login')).toBeUndefined();
  });
});
