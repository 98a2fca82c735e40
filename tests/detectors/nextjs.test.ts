import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

import {
  getNextPagesFile,
  getRouteSegments,
  isNextApiRouteFile,
  isNextCode,
  isNextRouteFile,
  isNextServerFile,
  isServerAction,
} from '../../src/detectors/nextjs.js';
import type { FunctionNode } from '../../src/detectors/request-handler.js';
import { parseSourceCode } from '../../src/source-code.js';
import { forEachNode, isFunctionNode } from '../../src/util/ast-values.js';

const nextProject = mkdtempSync(join(tmpdir(), 'sessions-nextjs-'));
writeFileSync(join(nextProject, 'package.json'), JSON.stringify({ name: 'web', devDependencies: { next: '^15.0.0' } }));
const plainProject = mkdtempSync(join(tmpdir(), 'sessions-nextjs-plain-'));
writeFileSync(join(plainProject, 'package.json'), JSON.stringify({ name: 'api', dependencies: { express: '^5.0.0' } }));
const nextExpressProject = mkdtempSync(join(tmpdir(), 'sessions-nextjs-express-'));
writeFileSync(join(nextExpressProject, 'package.json'), JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', express: '^5.0.0' } }));
afterAll(() => {
  rmSync(nextProject, { recursive: true, force: true });
  rmSync(plainProject, { recursive: true, force: true });
  rmSync(nextExpressProject, { recursive: true, force: true });
});

/** Returns the function declared or assigned under `name`. */
function findFunction(sourceCode: TSESLint.SourceCode, name: string): FunctionNode {
  let found: FunctionNode | undefined;
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (!isFunctionNode(node)) return;
    const declarator = node.parent;
    const isNamed =
      (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === name) ||
      (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name);
    if (isNamed) found = node;
  });
  if (!found) throw new Error(`function ${name} not found`);
  return found;
}

describe('getRouteSegments', () => {
  it.each([
    ['app/route.ts', []],
    ['app/api/login/route.js', ['api', 'login']],
    ['/home/dev/app/web/src/app/api/reset-password/route.tsx', ['api', 'reset-password']],
    ['C:\\web\\app\\(auth)\\login\\route.jsx', ['(auth)', 'login']],
  ])('reads the route of %s', (path, segments) => {
    expect(getRouteSegments(path)).toEqual(segments);
  });

  it.each(['app/api/login/route.mjs', 'app/api/login/page.tsx', 'src/api/login/route.ts', 'route.ts', 'app/api/routes.ts'])(
    'rejects %s',
    (path) => {
      expect(getRouteSegments(path)).toBeUndefined();
    },
  );
});

describe('isNextRouteFile', () => {
  it('accepts a route file of a project that lists next', () => {
    expect(isNextRouteFile(join(nextProject, 'app/api/login/route.ts'))).toBe(true);
  });

  it('rejects a route file of a project without next', () => {
    expect(isNextRouteFile(join(plainProject, 'app/api/login/route.ts'))).toBe(false);
  });

  it('rejects another file of a Next.js project', () => {
    expect(isNextRouteFile(join(nextProject, 'lib/session.ts'))).toBe(false);
  });
});

describe('isNextServerFile', () => {
  const outside = join(plainProject, 'lib.ts');

  it.each([
    ["import { NextResponse } from 'next/server';", 'a named import'],
    ["import type { NextRequest } from 'next/server';", 'a type import'],
    ["import { cookies } from 'next/headers';", 'next/headers'],
    ["const { NextResponse } = require('next/server');", 'a require call'],
  ])('accepts %s (%s)', (text) => {
    expect(isNextServerFile(parseSourceCode(text, outside), outside)).toBe(true);
  });

  it.each([
    ["import Link from 'next/link';", 'another next module'],
    ["import type { NextApiRequest } from 'next';", 'the next package itself'],
    ["export { NextResponse } from 'next/server';", 'a re-export'],
  ])('rejects %s (%s)', (text) => {
    expect(isNextServerFile(parseSourceCode(text, outside), outside)).toBe(false);
  });

  it('accepts a route file by its path alone', () => {
    const path = join(nextProject, 'app/api/login/route.js');
    expect(isNextServerFile(parseSourceCode('export async function POST() {}', path), path)).toBe(true);
  });
});

describe('isNextCode', () => {
  it('accepts any file of a project that lists next and not express', () => {
    const path = join(nextProject, 'pages/api/logout.js');
    expect(isNextCode(parseSourceCode('export default function logout(req, res) {}', path), path)).toBe(true);
  });

  it('rejects a file that loads express', () => {
    const path = join(nextProject, 'server.js');
    expect(isNextCode(parseSourceCode("import express from 'express';", path), path)).toBe(false);
  });

  it('rejects a file of a project without next', () => {
    const path = join(plainProject, 'routes.js');
    expect(isNextCode(parseSourceCode('export function logout(req, res) {}', path), path)).toBe(false);
  });
});

describe('isNextApiRouteFile', () => {
  it.each(['pages/api/login.js', 'src/pages/api/auth/[...nextauth].ts', 'pages/api/admin/users/index.ts'])('accepts %s', (path) => {
    expect(isNextApiRouteFile(join(nextExpressProject, path))).toBe(true);
  });

  it.each(['pages/login.js', 'api/login.js', 'pages/apis/login.js', 'app/api/login/route.ts'])('rejects %s', (path) => {
    expect(isNextApiRouteFile(join(nextExpressProject, path))).toBe(false);
  });

  it('rejects an API route of a project without next', () => {
    expect(isNextApiRouteFile(join(plainProject, 'pages/api/login.js'))).toBe(false);
  });
});

describe('isNextCode in a project that lists next and express', () => {
  it('accepts a file below pages/api', () => {
    const path = join(nextExpressProject, 'pages/api/logout.js');
    expect(isNextCode(parseSourceCode('export default function logout(req, res) {}', path), path)).toBe(true);
  });

  it('accepts a file below pages/api that loads express', () => {
    const path = join(nextExpressProject, 'pages/api/logout.js');
    const text = "const express = require('express');\nmodule.exports = function logout(req, res) {};";
    expect(isNextCode(parseSourceCode(text, path), path)).toBe(true);
  });

  it('accepts a file elsewhere that loads no express', () => {
    const path = join(nextExpressProject, 'routes/logout.js');
    expect(isNextCode(parseSourceCode('export default function logout(req, res) {}', path), path)).toBe(true);
  });

  it('rejects a file elsewhere that loads express', () => {
    const path = join(nextExpressProject, 'routes/logout.js');
    const text = "import { Router } from 'express';\nexport default function logout(req, res) {}";
    expect(isNextCode(parseSourceCode(text, path), path)).toBe(false);
  });
});

describe('getNextPagesFile', () => {
  const HANDLER = 'export default function logout(req, res) {}';

  it('returns next-only in a project without express', () => {
    const path = join(nextProject, 'lib/logout.js');
    expect(getNextPagesFile(parseSourceCode(HANDLER, path), path)).toBe('next-only');
  });

  it('returns api-route below pages/api next to express', () => {
    const path = join(nextExpressProject, 'pages/api/logout.js');
    expect(getNextPagesFile(parseSourceCode(HANDLER, path), path)).toBe('api-route');
  });

  it.each([
    ['import', "import express from 'express';"],
    ['require', "const express = require('express');"],
  ])('returns api-route below pages/api for an express %s', (_name, load) => {
    const path = join(nextExpressProject, 'src/pages/api/logout.js');
    expect(getNextPagesFile(parseSourceCode(`${load}\n${HANDLER}`, path), path)).toBe('api-route');
  });

  it('returns maybe-api-helper elsewhere next to express', () => {
    const path = join(nextExpressProject, 'lib/logout.js');
    expect(getNextPagesFile(parseSourceCode(HANDLER, path), path)).toBe('maybe-api-helper');
  });

  it('returns undefined for a file importing express types', () => {
    const path = join(nextExpressProject, 'lib/logout.ts');
    const text = `import type { Request, Response } from 'express';\nexport default function logout(req: Request, res: Response) {}`;
    expect(getNextPagesFile(parseSourceCode(text, path), path)).toBeUndefined();
  });

  it.each([
    ['require', "const express = require('express');"],
    ['dynamic import', "const express = await import('express');"],
  ])('returns undefined for a file that loads express by %s', (_name, load) => {
    const path = join(nextExpressProject, 'lib/logout.js');
    expect(getNextPagesFile(parseSourceCode(`${load}\n${HANDLER}`, path), path)).toBeUndefined();
  });

  it('returns undefined in a project without next', () => {
    const path = join(plainProject, 'lib/logout.js');
    expect(getNextPagesFile(parseSourceCode(HANDLER, path), path)).toBeUndefined();
  });
});

describe('isServerAction', () => {
  const path = join(plainProject, 'actions.ts');
  const ACTIONS = [
    "'use strict';",
    "'use server';",
    'export async function login() {}',
    'export const logout = async () => {};',
    'async function refresh() {}',
    'const rename = async () => {};',
    'async function helper() {}',
    'export { refresh, rename as renameAccount };',
  ].join('\n');

  it.each(['login', 'logout', 'refresh', 'rename'])('accepts %s, exported from a use server file', (name) => {
    const sourceCode = parseSourceCode(ACTIONS, path);
    expect(isServerAction(sourceCode, findFunction(sourceCode, name))).toBe(true);
  });

  it('rejects a function the file does not export', () => {
    const sourceCode = parseSourceCode(ACTIONS, path);
    expect(isServerAction(sourceCode, findFunction(sourceCode, 'helper'))).toBe(false);
  });

  it('rejects an exported function of a file without the directive', () => {
    const sourceCode = parseSourceCode(ACTIONS.replace("'use server';", "'use client';"), path);
    expect(isServerAction(sourceCode, findFunction(sourceCode, 'login'))).toBe(false);
  });

  it('accepts a function whose body starts with the directive', () => {
    const sourceCode = parseSourceCode("function Page() {\n  async function save() {\n    'use server';\n  }\n}", path);
    expect(isServerAction(sourceCode, findFunction(sourceCode, 'save'))).toBe(true);
  });

  it('rejects a function whose directive comes after a statement', () => {
    const sourceCode = parseSourceCode("async function save() {\n  await audit();\n  'use server';\n}", path);
    expect(isServerAction(sourceCode, findFunction(sourceCode, 'save'))).toBe(false);
  });
});
