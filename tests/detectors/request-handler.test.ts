import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isRequestHandler, type FunctionNode } from '../../src/detectors/request-handler.js';
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
