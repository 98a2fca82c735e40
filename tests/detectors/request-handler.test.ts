import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getRequestSource, isRequestHandler, type FunctionNode, type RequestSource } from '../../src/detectors/request-handler.js';
import { parseSourceCode } from '../../src/source-code.js';
import { forEachNode, isFunctionNode } from '../../src/util/ast-values.js';

/** Parses `text` and returns whether the function whose code starts with `start` handles requests. */
function handles(text: string, start: string): boolean {
  const sourceCode = parseSourceCode(text, 'file.js');
  const functions: FunctionNode[] = [];
  forEachNode(sourceCode.ast as TSESTree.Node, sourceCode.visitorKeys, (node) => {
    if (isFunctionNode(node) && sourceCode.text.slice(node.range[0]).startsWith(start)) functions.push(node);
  });
  const [fn] = functions;
  if (!fn || functions.length > 1) throw new Error(`Expected one function starting with ${start}, found ${functions.length}`);
  return isRequestHandler(fn);
}

describe('isRequestHandler: route methods', () => {
  it.each([
    ['a path', `app.get('/users', (a, b) => b.send([]));`],
    ['a wildcard path', `app.all('*', (a, b) => b.sendStatus(404));`],
    ['a template path', 'app.get(`/users`, (a, b) => b.send([]));'],
    ['a regular expression', `app.get(/^\\/users/, (a, b) => b.send([]));`],
    ['a path in a variable', `app.get(USERS, (a, b) => b.send([]));`],
    ['a named koa-router route', `router.get('user', '/users/:id', (a, b) => b());`],
    ['an array of handlers', `app.post('/login', [check, (a, b) => b.send('ok')]);`],
  ])('accepts a route with %s', (_name, text) => {
    expect(handles(text, '(a, b)')).toBe(true);
  });

  it.each([
    ['sqlite3 get', `db.get('SELECT * FROM users WHERE id = ?', [id], (a, b) => done(b));`],
    ['sqlite3 all', `db.all('SELECT * FROM users', (a, b) => done(b));`],
    ['a redis del', `client.del('session:1', (a, b) => done(b));`],
    ['a numeric key', `cache.get(42, (a, b) => done(b));`],
    ['a URL', `request.post('https://example.test/hook', (a, b) => done(b));`],
  ])('rejects a %s callback', (_name, text) => {
    expect(handles(text, '(a, b)')).toBe(false);
  });

  it('rejects a callback inside a handler', () => {
    const text = `app.post('/login', (req, res) => {\n  db.get(sql, [req.body.email], (a, b) => res.json(b));\n});`;
    expect(handles(text, '(a, b)')).toBe(false);
    expect(handles(text, '(req, res)')).toBe(true);
  });

  it('accepts an unknown first argument outside handlers', () => {
    // A path constant and an SQL constant look the same, so only a literal or an enclosing handler decides.
    expect(handles(`db.get(sql, (a, b) => done(b));`, '(a, b)')).toBe(true);
  });

  it('accepts middleware with any first argument', () => {
    expect(handles(`app.use('api', (a, b) => b());`, '(a, b)')).toBe(true);
  });
});

/** Parses `text` and returns the request source of the value that initialises `token`. */
function tokenSource(text: string): RequestSource | undefined {
  const sourceCode = parseSourceCode(text, 'file.ts');
  let init: TSESTree.Expression | undefined;
  forEachNode(sourceCode.ast as TSESTree.Node, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && sourceCode.getText(node.id) === 'token') init = node.init;
  });
  if (!init) throw new Error('Expected a declaration of token');
  return getRequestSource(sourceCode.scopeManager, init);
}

describe('getRequestSource: Hono request getters', () => {
  it('follows query, queries and param', () => {
    const wrap = (body: string) => `app.use('/api/*', async (c, next) => {\n  ${body}\n  await next();\n});`;
    expect(tokenSource(wrap(`const token = c.req.query('Token');`))).toMatchObject({ kind: 'query', name: 'token' });
    expect(tokenSource(wrap(`const token = c.req.queries('token')?.[0];`))).toMatchObject({ kind: 'query', name: 'token' });
    expect(tokenSource(wrap(`const token = c.req.param('token');`))).toMatchObject({ kind: 'params', name: 'token' });
    expect(tokenSource(wrap(`const token = c.req.query().token;`))).toMatchObject({ kind: 'query' });
    expect(tokenSource(wrap(`const token = c.req.query('token') ?? c.req.header('Authorization');`))).toMatchObject({ kind: 'query' });
  });

  it('follows the request through a variable and a typed context', () => {
    expect(tokenSource(`app.use(async (c, next) => {\n  const req = c.req;\n  const token = req.query('token');\n});`)).toMatchObject({
      kind: 'query',
      name: 'token',
    });
    expect(tokenSource(`export const auth = async (context: Context) => {\n  const token = context.req.query('token');\n};`)).toMatchObject({
      kind: 'query',
      name: 'token',
    });
  });

  it('ignores query methods of other objects', () => {
    expect(tokenSource(`app.get('/x', async (c) => {\n  const token = db.query('token');\n});`)).toBeUndefined();
    expect(tokenSource(`app.get('/x', async (c) => {\n  const token = c.query('token');\n});`)).toBeUndefined();
    expect(tokenSource(`app.get('/x', (req, res) => {\n  const token = req.query('token');\n});`)).toBeUndefined();
    expect(tokenSource(`async function run(request) {\n  const token = await request.query('SELECT token FROM sessions');\n}`)).toBeUndefined();
  });
});
