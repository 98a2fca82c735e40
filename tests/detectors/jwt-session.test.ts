import { describe, expect, it } from 'vitest';

import { findJwtSessions, type JwtSessionAccept, type JwtSessionIssue, traceTokenSinks } from '../../src/detectors/jwt-session.js';
import { findJwtCalls } from '../../src/detectors/jwt-library.js';
import { parseSourceCode } from '../../src/source-code.js';

function sessions(text: string, path = 'file.js') {
  return findJwtSessions(parseSourceCode(text, path), path);
}

function textOf(text: string, node: { range: [number, number] } | undefined): string | undefined {
  return node && text.slice(node.range[0], node.range[1]);
}

describe('findJwtSessions: issuing', () => {
  it('follows a token variable into a nested response call', () => {
    const text = `const jwt = require('jsonwebtoken');
exports.signin = (req, res) => {
  User.findOne({}).then((user) => {
    const token = jwt.sign({ id: user.id }, config.secret, { expiresIn: 86400 });
    user.getRoles().then(() => {
      res.status(200).send({ id: user.id, accessToken: token });
    });
  });
};`;
    const [finding] = sessions(text) as JwtSessionIssue[];
    expect(finding?.kind).toBe('issue');
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['response-body']);
    expect(textOf(text, finding?.sinks[0]?.node)).toBe('res.status(200).send({ id: user.id, accessToken: token })');
    expect(finding?.sinks[0]?.keys).toEqual(['accessToken']);
    expect(textOf(text, finding?.handler)).toMatch(/^\(req, res\) =>/);
  });

  it('follows the callback form into res.json', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/login', (req, res) => {\n  jwt.sign({ sub: 1 }, key, { expiresIn: '5m' }, (err, token) => res.json({ token }));\n});`;
    const [finding] = sessions(text) as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['response-body']);
  });

  it('finds a cookie, ctx.body and a Fastify return', () => {
    expect(sessions(`import jwt from 'jsonwebtoken';\napp.post('/l', (req, res) => { res.cookie('jwt', jwt.sign({}, k), { httpOnly: true }); });`)[0]?.kind).toBe('issue');
    expect(sessions(`import jwt from 'jsonwebtoken';\nrouter.post('/l', async (ctx) => { ctx.body = { token: jwt.sign({}, k) }; });`)[0]?.kind).toBe('issue');
    const fastify = `import fastifyJwt from '@fastify/jwt';\napp.register(fastifyJwt, { secret });\napp.post('/l', async (request, reply) => {\n  const token = app.jwt.sign({ id: 1 });\n  return { token };\n});`;
    const found = sessions(fastify);
    expect(found.map((finding) => finding.kind)).toEqual(['issue']);
    expect((found[0] as JwtSessionIssue).sinks[0]?.kind).toBe('handler-return');
  });

  it('finds a Nest service returning access_token', () => {
    const text = `import { JwtService } from '@nestjs/jwt';
class AuthService {
  constructor(private jwtService: JwtService) {}
  async signIn(user) {
    const payload = { sub: user.id };
    return { access_token: await this.jwtService.signAsync(payload) };
  }
}`;
    const [finding] = sessions(text, 'file.ts') as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['access-token-return']);
  });

  it('follows a same-file helper to its caller', () => {
    const text = `const jwt = require('jsonwebtoken');\nfunction generateToken(user) { return jwt.sign({ id: user.id }, key); }\napp.post('/login', (req, res) => { res.json({ token: generateToken(req.user) }); });`;
    expect(sessions(text).map((finding) => finding.kind)).toEqual(['issue']);
  });

  it('ignores a token sent to another service', () => {
    const text = `import jwt from 'jsonwebtoken';\nimport axios from 'axios';\napp.get('/x', async (req, res) => {\n  const assertion = jwt.sign({ iss: 'svc' }, key, { expiresIn: 60 });\n  const r = await axios.get(url, { headers: { Authorization: \`Bearer \${assertion}\` } });\n  res.json(r.data);\n});`;
    expect(sessions(text)).toEqual([]);
    const code = parseSourceCode(text, 'file.js');
    const call = findJwtCalls(code)[0];
    expect(call && traceTokenSinks(code, call, 'file.js').map((sink) => sink.kind)).toEqual(['outgoing-request']);
  });

  it('follows URL object text into redirects', () => {
    const forms = ['url.href', 'url.toString()', 'String(url)', '`${url}`'];
    for (const form of forms) {
      const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.set('token', jwt.sign({ id: req.user.id }, key));
  res.redirect(${form});
});`;
      const [finding] = sessions(text) as JwtSessionIssue[];
      expect(finding?.sinks.map((sink) => sink.kind), form).toEqual(['redirect']);
      expect(finding?.sinks[0]?.keys, form).toEqual(['?token']);
      expect(finding?.sinks[0]?.embedded, form).toBe(true);
    }
  });

  it('follows a URL built around the token', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, key);
  res.redirect(new URL(\`/app?token=\${token}\`, process.env.APP_URL).toString());
});`;
    const [finding] = sessions(text) as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['redirect']);
    expect(finding?.sinks[0]?.keys).toEqual(['?token']);
    expect(finding?.sinks[0]?.embedded).toBe(true);
  });

  it('follows URLSearchParams of a token object', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, key);
  res.redirect(\`/dashboard?\${new URLSearchParams({ token })}\`);
});`;
    const [finding] = sessions(text) as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['redirect']);
    expect(finding?.sinks[0]?.keys).toEqual(['?token']);
    expect(finding?.sinks[0]?.embedded).toBe(true);
  });

  it('ignores href of a non-URL object', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const link = { token: jwt.sign({ id: req.user.id }, key), href: '/home' };
  res.redirect(link.href);
});`;
    expect(sessions(text)).toEqual([]);
  });

  it('finds writeHead Set-Cookie and Location', () => {
    const cookie = `import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
app.post('/login', (req, res) => {
  res.writeHead(200, { 'Set-Cookie': [serialize('token', jwt.sign({ id: 1 }, key), { httpOnly: true }), 'theme=dark'] });
  res.end();
});`;
    const [cookieFinding] = sessions(cookie) as JwtSessionIssue[];
    expect(cookieFinding?.sinks.map((sink) => sink.kind)).toEqual(['response-header']);
    expect(cookieFinding?.sinks[0]?.keys).toEqual(['Set-Cookie']);

    const location = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  res.writeHead(302, { Location: \`/app?token=\${jwt.sign({ id: 1 }, key)}\` });
  res.end();
});`;
    const [locationFinding] = sessions(location) as JwtSessionIssue[];
    expect(locationFinding?.sinks.map((sink) => sink.kind)).toEqual(['redirect']);
    expect(locationFinding?.sinks[0]?.keys).toEqual(['?token', 'Location']);
  });

  it('finds the URL of res.location', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  res.location(\`/app?token=\${jwt.sign({ id: 1 }, key)}\`).sendStatus(302);
});`;
    const [finding] = sessions(text) as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => sink.kind)).toEqual(['redirect']);
  });

  it('marks Hono responses and cookies', () => {
    const text = `import { Hono } from 'hono';
import { setSignedCookie } from 'hono/cookie';
import jwt from 'jsonwebtoken';
const app = new Hono();
app.post('/login', async (c) => {
  const token = jwt.sign({ id: 1 }, key);
  await setSignedCookie(c, 'session', token, cookieSecret);
  c.set('token', token);
  return c.json({ token });
});`;
    const [finding] = sessions(text, 'file.ts') as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => [sink.kind, sink.framework])).toEqual([
      ['cookie', 'hono'],
      ['response-body', 'hono'],
    ]);
    expect(textOf(text, finding?.sinks[1]?.node)).toBe('c.json({ token })');
    expect(finding?.sinks[1]?.keys).toEqual(['token']);
  });

  it('marks Next.js responses and cookies', () => {
    const text = `import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
export async function POST() {
  const token = jwt.sign({ id: 1 }, key);
  (await cookies()).set('session', token);
  const response = NextResponse.json({ token });
  response.cookies.set({ name: 'token', value: token });
  return response;
}`;
    const [finding] = sessions(text, 'file.ts') as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => [sink.kind, sink.framework])).toEqual([
      ['cookie', 'next'],
      ['response-body', 'next'],
      ['cookie', 'next'],
    ]);
    expect(textOf(text, finding?.sinks[1]?.node)).toBe('NextResponse.json({ token })');
    expect(finding?.sinks[2]?.keys).toEqual(['value']);
  });

  it('follows Response.json only in Next.js code', () => {
    const text = `import jwt from 'jsonwebtoken';\nexport async function POST() {\n  return Response.json({ token: jwt.sign({ id: 1 }, key) });\n}`;
    expect(sessions(text, 'file.js')).toEqual([]);
    const withImport = `import type { NextRequest } from 'next/server';\n${text}`;
    const [finding] = sessions(withImport, 'file.ts') as JwtSessionIssue[];
    expect(finding?.sinks.map((sink) => [sink.kind, sink.framework])).toEqual([['response-body', 'next']]);
  });

  it('ignores one-shot tokens', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.post('/forgot-password', async (req, res) => {\n  const resetToken = jwt.sign({ id }, key, { expiresIn: '15m' });\n  await sendMail(link + resetToken);\n  res.json({ ok: true });\n});`;
    expect(sessions(text)).toEqual([]);
    const echoed = `import jwt from 'jsonwebtoken';\napp.post('/reset-password', (req, res) => { res.json({ token: jwt.sign({ id }, key) }); });`;
    expect(sessions(echoed)).toEqual([]);
  });
});

describe('findJwtSessions: accepting', () => {
  it('describes a verification middleware', () => {
    const text = `const jwt = require('jsonwebtoken');
verifyToken = (req, res, next) => {
  let token = req.headers['x-access-token'];
  if (!token) return res.status(403).send({ message: 'No token provided!' });
  jwt.verify(token, config.secret, (err, decoded) => {
    if (err) return res.status(401).send({ message: 'Unauthorized!' });
    req.userId = decoded.id;
    next();
  });
};`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.kind).toBe('accept');
    expect(finding?.requestSource?.kind).toBe('header');
    expect(finding?.requestSource?.name).toBe('x-access-token');
    expect(textOf(text, finding?.userAssignment)).toBe('req.userId = decoded.id');
    expect(finding?.userProperty).toBe('userId');
    expect(textOf(text, finding?.unauthorizedResponse)).toBe("res.status(403).send({ message: 'No token provided!' })");
    expect(textOf(text, finding?.nextCall)).toBe('next()');
  });

  it('reads a bearer token split from the Authorization header', () => {
    const text = `import jwt from 'jsonwebtoken';
export function auth(req, res, next) {
  const header = req.get('Authorization');
  const [, token] = header.split(' ');
  req.user = jwt.verify(token, key, { algorithms: ['HS256'] });
  next();
}`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.requestSource).toMatchObject({ kind: 'header', name: 'authorization' });
    expect(finding?.userProperty).toBe('user');
  });

  it('reads a token from a cookie with jose', () => {
    const text = `import { jwtVerify } from 'jose';\napp.use(async (req, res, next) => {\n  const { payload } = await jwtVerify(req.cookies.session, key);\n  res.locals.user = payload;\n  next();\n});`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.requestSource).toMatchObject({ kind: 'cookie', name: 'session' });
    expect(finding?.userProperty).toBe('user');
  });

  it('finds express-jwt, koa-jwt, passport-jwt and request.jwtVerify', () => {
    expect(sessions(`const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret, algorithms: ['HS256'] }));`)[0]).toMatchObject({ kind: 'accept', userProperty: 'auth' });
    expect(sessions(`import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret, key: 'jwtdata' }));`)[0]).toMatchObject({ userProperty: 'jwtdata' });
    expect(
      sessions(`const { Strategy, ExtractJwt } = require('passport-jwt');\npassport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: k }, cb));`)[0],
    ).toMatchObject({ kind: 'accept', requestSource: { kind: 'header', name: 'authorization' } });
    expect(sessions(`import fastifyJwt from '@fastify/jwt';\napp.register(fastifyJwt, { secret });\napp.addHook('onRequest', async (request) => { await request.jwtVerify(); });`).map((finding) => finding.kind)).toEqual(['accept']);
  });

  it('finds the hono/jwt middleware without a request property', () => {
    const [finding] = sessions(`import { jwt } from 'hono/jwt';\napp.use('/api/*', jwt({ secret, alg: 'HS256' }));`) as JwtSessionAccept[];
    expect(finding?.kind).toBe('accept');
    expect(finding?.call.library).toBe('hono/jwt');
    // Hono keeps the payload in the context (`c.get('jwtPayload')`), not on the request.
    expect(finding?.userProperty).toBeUndefined();
  });

  it('ignores a one-shot token in the query', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.get('/verify-email', async (req, res) => {\n  const { email } = jwt.verify(req.query.token, key);\n  await markVerified(email);\n  res.redirect('/');\n});`;
    expect(sessions(text)).toEqual([]);
  });

  it('accepts a query token that authenticates the request', () => {
    const text = `import jwt from 'jsonwebtoken';\napp.use((req, res, next) => {\n  req.user = jwt.verify(req.headers['x-token'] || req.query.token, key);\n  next();\n});`;
    expect(sessions(text).map((finding) => finding.kind)).toEqual(['accept']);
  });

  it('follows a token stored on the request', () => {
    const text = `const jwt = require('jsonwebtoken');
const verifyToken = (req, res, next) => {
  req.token = req.headers['authorization'].split(' ')[1];
  const decoded = jwt.verify(req.token, process.env.SECRET);
  req.userId = decoded.id;
  next();
};`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.kind).toBe('accept');
    expect(finding?.requestSource).toMatchObject({ kind: 'header', name: 'authorization' });
    expect(textOf(text, finding?.requestSource?.node)).toBe("req.headers['authorization']");
    expect(finding?.userProperty).toBe('userId');
  });

  it('follows a stored token into a verify callback', () => {
    const text = `const jwt = require('jsonwebtoken');
verifyToken = (req, res, next) => {
  const bearerHeader = req.headers['authorization'];
  if (typeof bearerHeader === 'undefined') return res.status(403).send('No token');
  const bearer = bearerHeader.split(' ')[1];
  req['token'] = bearer;
  jwt.verify(req['token'], process.env.SECRET, (err, decoded) => {
    if (err) return res.status(401).send('Unauthorized!');
    req.userId = decoded.id;
    next();
  });
};`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.requestSource).toMatchObject({ kind: 'header', name: 'authorization' });
    expect(textOf(text, finding?.userAssignment)).toBe('req.userId = decoded.id');
    expect(textOf(text, finding?.nextCall)).toBe('next()');
  });

  it('follows a token stored by earlier middleware', () => {
    const text = `import jwt from 'jsonwebtoken';
function readToken(req, res, next) {
  req.token = req.cookies.session;
  next();
}
function requireUser(req, res, next) {
  req.user = jwt.verify(req.token, key, { algorithms: ['HS256'] });
  next();
}
app.use(readToken, requireUser);`;
    const [finding] = sessions(text) as JwtSessionAccept[];
    expect(finding?.requestSource).toMatchObject({ kind: 'cookie', name: 'session' });
  });

  it('ignores a stored token not from the request', () => {
    const fromEnvironment = `const jwt = require('jsonwebtoken');
app.use((req, res, next) => {
  req.token = process.env.SERVICE_TOKEN;
  req.service = jwt.verify(req.token, key);
  next();
});`;
    expect(sessions(fromEnvironment)).toEqual([]);
  });

  it('ignores a request property stored after the verify', () => {
    const text = `const jwt = require('jsonwebtoken');
function check(req, res, next) {
  req.user = jwt.verify(req.token, key);
  next();
}
function remember(req, res, next) {
  req.token = req.headers.authorization;
  next();
}`;
    expect(sessions(text)).toEqual([]);
  });

  it('ignores a one-shot body token stored on the request', () => {
    const text = `import jwt from 'jsonwebtoken';
app.post('/reset-password', async (req, res) => {
  req.token = req.body.token;
  const { id } = jwt.verify(req.token, key);
  await users.setPassword(id, req.body.password);
  res.sendStatus(204);
});`;
    expect(sessions(text)).toEqual([]);
  });

  it('ignores a token that does not come from the request', () => {
    expect(sessions(`import jwt from 'jsonwebtoken';\nfunction check(token) { return jwt.verify(token, key); }`)).toEqual([]);
  });
});
