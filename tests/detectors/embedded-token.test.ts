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
  const text = `import jwt from 'jsonwebtoken';\nimport { SignJWT } from 'jose';\nconst PLAYBACK_ID = process.env.PLAYBACK_ID;\nasync function embed(req, res, user, userId) {\n${body}\n}`;
  const sourceCode = parseSourceCode(text, 'file.js');
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
    "jwt.sign({ sub: process.env.MUX_PLAYBACK_ID, aud: 'v', exp: Math.floor(Date.now() / 1000) + 3600 }, key, { algorithm: 'RS256' });",
    "jwt.sign({ sub: 'demo' }, key);",
    'jwt.sign({ id: 1 }, key);',
    'jwt.sign({ resource: { dashboard: 1 }, params: { customer_id: 42 } }, key);',
    "jwt.sign({ sub: process.env['PLAYBACK_ID'] }, key);",
    'jwt.sign({ sub: PLAYBACK_ID }, key);',
    'jwt.sign({ sub: `video` }, key);',
    'jwt.sign({ scope: 1 }, key, { subject: process.env.PLAYBACK_ID });',
    "await new SignJWT({ scope: 1 }).setSubject('demo').setProtectedHeader({ alg: 'HS256' }).sign(key);",
  ])('accepts %s', (body) => {
    expect(isAnonymous(body)).toBe(true);
  });

  it.each([
    ['a user id claim', 'jwt.sign({ sub: user.id }, key);'],
    ['a request user claim', 'jwt.sign({ sub: req.user.id }, key);'],
    ['a converted id claim', 'jwt.sign({ sub: String(account.id) }, key);'],
    ['a parameter claim', 'jwt.sign({ sub: userId }, key);'],
    ['a looked-up claim', 'const account = await accounts.find(req.query.email);\n  jwt.sign({ sub: account }, key);'],
    ['a nested user claim', 'jwt.sign({ resource: { dashboard: 1 }, params: { customer_id: req.user.customerId } }, key);'],
    ['a time as user claim', 'jwt.sign({ sub: Date.now() }, key);'],
    ['a computed user claim', "jwt.sign({ sub: 'user-' + req.params.id }, key);"],
    ['a value from the request', 'jwt.sign({ resource: { dashboard: Number(req.params.id) } }, key);'],
    ['a spread', 'jwt.sign({ ...defaults }, key);'],
    ['a payload that is changed', "const payload = { resource: {} };\n  payload.params = { region: 'eu' };\n  jwt.sign(payload, key);"],
    ['a payload parameter', 'jwt.sign(claims, key);'],
    ['a subject option', 'jwt.sign({ scope: 1 }, key, { subject: req.user.id });'],
    ['a subject option from a parameter', 'jwt.sign({ scope: 1 }, key, { subject: userId });'],
    ['options in a variable', 'jwt.sign({ scope: 1 }, key, signOptions);'],
    ['a jose subject', "await new SignJWT({ scope: 1 }).setSubject(user.id).setProtectedHeader({ alg: 'HS256' }).sign(key);"],
  ])('rejects %s', (_name, body) => {
    expect(isAnonymous(body)).toBe(false);
  });
});
