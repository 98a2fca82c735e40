import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { findNextCustomServerApp, isAfterCreation, isRegisteredAfterCreation, type NextCustomServerApp } from '../../src/detectors/next-custom-server.js';
import type { FunctionNode } from '../../src/detectors/request-handler.js';
import { parseSourceCode } from '../../src/source-code.js';
import { forEachNode, isFunctionNode } from '../../src/util/ast-values.js';

const PATH = '/project/server.js';
const HEADER = ["const express = require('express');", "const next = require('next');", 'const nextApp = next({ dev: false });'];

function parse(...lines: string[]): TSESLint.SourceCode {
  return parseSourceCode([...HEADER, ...lines].join('\n'), PATH);
}

function findApp(sourceCode: TSESLint.SourceCode): NextCustomServerApp {
  const app = findNextCustomServerApp(sourceCode);
  if (!app) throw new Error('no custom server app found');
  return app;
}

/** Returns the function declared under `name`, or the function registered for the route path `name`. */
function findHandler(sourceCode: TSESLint.SourceCode, name: string): FunctionNode {
  let found: FunctionNode | undefined;
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (!isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === name) found = node;
    // The nearest route call around the function, past a wrapper call or an array.
    for (let parent: TSESTree.Node | undefined = node.parent; parent; parent = parent.parent) {
      const route = parent.type === AST_NODE_TYPES.CallExpression ? parent.arguments[0] : undefined;
      if (route?.type !== AST_NODE_TYPES.Literal) continue;
      if (route.value === name) found = node;
      break;
    }
  });
  if (!found) throw new Error(`handler ${name} not found`);
  return found;
}

describe('findNextCustomServerApp', () => {
  it('finds an app in the prepare().then() callback', () => {
    const sourceCode = parse('nextApp.prepare().then(() => {', '  const server = express();', '});');
    expect(findApp(sourceCode).variable.name).toBe('server');
  });

  it('finds an app in a callback passed by name', () => {
    const sourceCode = parse('function start() {', '  const server = express();', '}', 'nextApp.prepare().then(start);');
    expect(findApp(sourceCode).variable.name).toBe('server');
  });

  it('finds an app in a try block after await prepare()', () => {
    const sourceCode = parse('(async () => {', '  try {', '    await nextApp.prepare();', '    const server = express();', '  } catch (error) {}', '})();');
    expect(findApp(sourceCode).variable.name).toBe('server');
  });

  it('finds an app in a try block below await prepare()', () => {
    const sourceCode = parse('async function main() {', '  await nextApp.prepare();', '  try {', '    const server = express();', '  } finally {}', '}');
    expect(findApp(sourceCode).variable.name).toBe('server');
  });

  it('finds an app after a try block that awaits prepare()', () => {
    const sourceCode = parse('(async () => {', '  try {', '    await nextApp.prepare();', '  } catch (error) {', '    process.exit(1);', '  }', '  const server = express();', '})();');
    expect(findApp(sourceCode).variable.name).toBe('server');
  });

  it('ignores prepare() awaited in a catch block', () => {
    const sourceCode = parse('(async () => {', '  try {} catch (error) {', '    await nextApp.prepare();', '  }', '  const server = express();', '})();');
    expect(findNextCustomServerApp(sourceCode)).toBeUndefined();
  });

  it('ignores prepare() awaited in an if branch', () => {
    const sourceCode = parse('(async () => {', '  if (production) {', '    await nextApp.prepare();', '  }', '  const server = express();', '})();');
    expect(findNextCustomServerApp(sourceCode)).toBeUndefined();
  });

  it('ignores an app created before prepare()', () => {
    const sourceCode = parse('async function main() {', '  const server = express();', '  await nextApp.prepare();', '}');
    expect(findNextCustomServerApp(sourceCode)).toBeUndefined();
  });

  it('ignores an app in another promise callback', () => {
    const sourceCode = parse('database.connect().then(() => {', '  const server = express();', '});');
    expect(findNextCustomServerApp(sourceCode)).toBeUndefined();
  });

  it('ignores an app in a catch block', () => {
    const sourceCode = parse('async function main() {', '  await nextApp.prepare();', '  try {} catch (error) {', '    const server = express();', '  }', '}');
    expect(findNextCustomServerApp(sourceCode)).toBeUndefined();
  });

  it('ignores a top-level app', () => {
    expect(findNextCustomServerApp(parse('const app = express();'))).toBeUndefined();
  });
});

describe('isRegisteredAfterCreation', () => {
  const SERVER = [
    'function login(req, res) {}',
    'function early(req, res) {}',
    'nextApp.prepare().then(() => {',
    "  other.post('/early', early);",
    '  const server = express();',
    "  server.post('/login', login);",
    "  server.post('/inline', (req, res) => {});",
    "  server.post('/wrapped', rateLimited((req, res) => {}));",
    "  server.post('/listed', [(req, res) => {}]);",
    '});',
  ];

  it.each(['login', '/inline', '/listed'])('accepts %s', (name) => {
    const sourceCode = parse(...SERVER);
    expect(isRegisteredAfterCreation(sourceCode, findApp(sourceCode), findHandler(sourceCode, name))).toBe(true);
  });

  it.each(['early', '/wrapped'])('rejects %s', (name) => {
    const sourceCode = parse(...SERVER);
    expect(isRegisteredAfterCreation(sourceCode, findApp(sourceCode), findHandler(sourceCode, name))).toBe(false);
  });

  it('rejects a handler registered by a routes function', () => {
    const sourceCode = parse('function routes(app) {', "  app.post('/login', (req, res) => {});", '}', 'nextApp.prepare().then(() => {', '  const server = express();', '  routes(server);', '});');
    expect(isRegisteredAfterCreation(sourceCode, findApp(sourceCode), findHandler(sourceCode, '/login'))).toBe(false);
  });

  it('rejects a handler registered before the creation', () => {
    const sourceCode = parse('nextApp.prepare().then(() => {', '  let server;', "  server.post('/login', (req, res) => {});", '  server = express();', '});');
    expect(isRegisteredAfterCreation(sourceCode, findApp(sourceCode), findHandler(sourceCode, '/login'))).toBe(false);
  });
});

describe('isAfterCreation', () => {
  /** Returns the `const` declaration of `name`. */
  function findDeclaration(sourceCode: TSESLint.SourceCode, name: string): TSESTree.Node {
    let found: TSESTree.Node | undefined;
    forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name) found = node;
    });
    if (!found) throw new Error(`declaration ${name} not found`);
    return found;
  }

  const SOURCE = ['const guard = makeGuard();', 'nextApp.prepare().then(() => {', '  const server = express();', '  const later = makeGuard();', '});'];

  it('accepts a node after the creation', () => {
    const sourceCode = parse(...SOURCE);
    expect(isAfterCreation(findApp(sourceCode), findDeclaration(sourceCode, 'later'))).toBe(true);
  });

  it('rejects a node outside the block', () => {
    const sourceCode = parse(...SOURCE);
    expect(isAfterCreation(findApp(sourceCode), findDeclaration(sourceCode, 'guard'))).toBe(false);
  });
});
