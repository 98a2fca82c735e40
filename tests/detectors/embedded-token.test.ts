import { describe, expect, it } from 'vitest';

import { hasAnonymousClaims } from '../../src/detectors/embedded-token.js';
import { findJwtCalls } from '../../src/detectors/jwt-library.js';
import { traceTokenSinks } from '../../src/detectors/jwt-session.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Returns `[kind, embedded]` for each sink of the first sign call in a route that sends `response`. */
function sinksOf(response: string): [string, boolean][] {
  const text = `import jwt from 'jsonwebtoken';\napp.get('/x', (req, res) => {\n  const token = jwt.sign({ a: 1 }, key);\n  ${response}\n});`;
  const sourceCode = parseSourceCode(text, 'file.js');
  const [call] = findJwtCalls(sourceCode);
  if (!call) throw new Error('no sign call found');
  return traceTokenSinks(sourceCode, call, 'file.js').map((sink) => [sink.kind, sink.embedded === true]);
}

/** Returns what `hasAnonymousClaims` decides for the first sign call in `body`, a route body. */
function isAnonymous(body: string): boolean {
  const sourceCode = parseSourceCode(`import jwt from 'jsonwebtoken';\nimport { SignJWT } from 'jose';\napp.get('/x', async (req, res) => {\n${body}\n});`, 'file.js');
  const [call] = findJwtCalls(sourceCode).filter((found) => found.operation === 'sign');
  if (!call) throw new Error('no sign call found');
  return hasAnonymousClaims(sourceCode, call);
}

describe('traceTokenSinks: embedded tokens', () => {
  it.each([
    ['res.json({ url: `${site}/embed/${token}` });', 'response-body'],
    ["res.json({ url: site + '/embed/' + token });", 'response-body'],
    ["const url = `/embed/${token}#bordered=true`;\n  res.render('page', { url });", 'response-body'],
    ['res.redirect(`/welcome?token=${token}`);', 'redirect'],
    ["res.setHeader('Authorization', 'Bearer ' + token);", 'response-header'],
  ])('marks %s as embedded', (response, kind) => {
    expect(sinksOf(response)).toEqual([[kind, true]]);
  });

  it.each([
    'res.json({ token });',
    'res.json({ token: `${token}` });',
    "res.json({ token: '' + token });",
    'res.json({ token: token ?? null });',
  ])('marks %s as the whole token', (response) => {
    expect(sinksOf(response)).toEqual([['response-body', false]]);
  });
});

describe('hasAnonymousClaims', () => {
  it.each([
    'jwt.sign({ resource: { dashboard: 12 }, params: {}, exp: Math.round(Date.now() / 1000) + 600 }, key);',
    "const payload = { resource: { question: 7 } };\n  jwt.sign(payload, key, { expiresIn: '10m' });",
    'jwt.sign({ resource: { dashboard: Number(process.env.DASHBOARD_ID) } }, key);',
    "await new SignJWT({ resource: { dashboard: 1 } }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(key);",
  ])('accepts %s', (body) => {
    expect(isAnonymous(body)).toBe(true);
  });

  it.each([
    ['a user claim', "jwt.sign({ sub: 'demo' }, key);"],
    ['an id claim', 'jwt.sign({ id: 1 }, key);'],
    ['a nested user claim', 'jwt.sign({ resource: { dashboard: 1 }, params: { customer_id: 42 } }, key);'],
    ['a value from the request', 'jwt.sign({ resource: { dashboard: Number(req.params.id) } }, key);'],
    ['a spread', 'jwt.sign({ ...defaults }, key);'],
    ['a payload that is changed', "const payload = { resource: {} };\n  payload.params = { region: 'eu' };\n  jwt.sign(payload, key);"],
    ['a payload parameter', 'jwt.sign(claims, key);'],
    ['a subject option', 'jwt.sign({ scope: 1 }, key, { subject: req.user.id });'],
    ['options in a variable', 'jwt.sign({ scope: 1 }, key, signOptions);'],
    ['a jose subject', "await new SignJWT({ scope: 1 }).setSubject('demo').setProtectedHeader({ alg: 'HS256' }).sign(key);"],
  ])('rejects %s', (_name, body) => {
    expect(isAnonymous(body)).toBe(false);
  });
});
