import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../rules/no-jwt-session.js';
import { createRuleTester, FILENAMES } from '../rule-tester.js';

const ruleTester = createRuleTester();
/** ESLint's flat config accepts `sourceType`, but typescript-eslint's `TestLanguageOptions` type leaves it out. */
const commonjs = { sourceType: 'commonjs' } as unknown as TestLanguageOptions;
/** Message data of the reports on code whose framework jwt-to-session only marks. */
const KOA = { framework: 'Koa', setup: 'koa-session with an external store' };
const FASTIFY = { framework: 'Fastify', setup: '@fastify/session with a store' };
const NEST = { framework: 'Nest', setup: 'express-session set up in main.ts when Nest runs on Express' };
const NEXT = {
  framework: 'Next.js',
  setup: "a random session id stored with `cookies().set()` and the session data in a database, or Auth.js with `session: { strategy: 'database' }`",
};
/** Server actions of a React Server Components framework other than Next.js. */
const SERVER_ACTION = {
  framework: 'React Server Components',
  setup: 'a random session id in an HttpOnly cookie and the session data in a database',
};
/** Pages Router API routes have no `cookies()`, so their advice sets the cookie on the Node.js response. */
const NEXT_API_ROUTE_DATA = {
  site: 'This is Next.js API route code (Pages Router). ',
  setup:
    ", such as a random session id in an HttpOnly cookie set with `res.setHeader('Set-Cookie', ...)` and the session data in a database, or Auth.js (NextAuth) with `session: { strategy: 'database' }`",
};
/** A file outside pages/api that loads no express, in a project that lists next and express, gets the Pages Router advice too. */
const NEXT_API_HELPER_DATA = {
  site: 'This file loads no express in a project that depends on next, so Next.js API routes (Pages Router) may call it. ',
  setup: NEXT_API_ROUTE_DATA.setup,
};
const NO_ADVICE = { site: '', setup: '' };
/** Message data of the reports on Express sites that jwt-to-session marks for a manual migration, one per reason. */
const MARKED = {
  helper: { reason: 'the token is signed in a helper outside the request handler; store its payload in req.session in the handler by hand' },
  callbackSign: { reason: 'callback-style jwt.sign is not migrated; store the payload in req.session after req.session.regenerate by hand' },
  jose: { reason: 'jose calls are not migrated; replace this JWT with express-session by hand' },
  passport: { reason: 'passport-jwt reads a JWT on every request; replace this strategy with passport.session() and serializeUser/deserializeUser' },
  storedToken: { reason: "the token is read from `req.token`, which earlier code sets from the request. That code still runs after the migration and can fail or reject the request when no token is sent, so replace it and this check with req.session by hand" },
  storedTokenCast: { reason: "the token is read from `(req as AuthRequest).token`, which earlier code sets from the request. That code still runs after the migration and can fail or reject the request when no token is sent, so replace it and this check with req.session by hand" },
  setCookie: { reason: "the token is set as a cookie through a raw Set-Cookie header, which this codemod does not rewrite; remove the token's cookie from that header and store the payload in req.session by hand" },
  embedded: { reason: 'the token is part of a URL or other text in the response body, so it may be meant for another service (a signed embed or download link); if it is a login, store the payload in req.session by hand' },
  redirect: { reason: 'the token leaves through a redirect URL, which the codemod does not rewrite' },
  refresh: { reason: 'refresh-token endpoint: sessions make refresh tokens unnecessary, so remove or rewrite it by hand' },
  loginWithRefresh: {
    reason:
      'this login also hands out a refresh token; with a session neither token is needed, so store the payload in req.session and stop sending the refresh token, by hand',
  },
  destructuredRequest: {
    reason: 'the handler destructures its request parameter, so the codemod has no req to add the session to; give the parameter a name such as req and rerun',
  },
  outgoingRequest: { reason: 'the token is also sent to another service, which would lose it; migrate this login by hand' },
  classMethod: { reason: 'the JWT is handled in a class method, which the codemod does not rewrite; move it to server-side sessions by hand' },
  unregisteredLogin: {
    reason:
      'the app `server` is created inside a function after nextApp.prepare(), where the session setup goes, and this login handler is not registered on it there after its creation, so the setup may not run before it; migrate this login by hand',
  },
  missingSetupLogin: {
    reason:
      'the app of this file gets no session setup from the codemod (the marker on its `express()` call says why), so this login would use req.session without a session middleware; migrate this login by hand',
  },
  missingSetupCheck: {
    reason:
      'the app of this file gets no session setup from the codemod (the marker on its `express()` call says why), so this check would use req.session without a session middleware; migrate this check by hand',
  },
  unregisteredGuard: {
    reason:
      'the app `server` is created inside a function after nextApp.prepare(), where the session setup goes, and this middleware is not registered on it there after its creation, so the setup may not run before it; migrate this check by hand',
  },
};

/** A Next.js project: its package.json lists next and jsonwebtoken, not express. */
const nextProject = mkdtempSync(join(tmpdir(), 'sessions-no-jwt-session-next-'));
writeFileSync(join(nextProject, 'package.json'), JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', jsonwebtoken: '^9.0.0' } }));
/** A project whose package.json lists jsonwebtoken and not next. */
const plainProject = mkdtempSync(join(tmpdir(), 'sessions-no-jwt-session-plain-'));
writeFileSync(join(plainProject, 'package.json'), JSON.stringify({ name: 'api', dependencies: { jsonwebtoken: '^9.0.0' } }));
/** A Next.js project with a custom express server: its package.json lists next, express and jsonwebtoken. */
const nextExpressProject = mkdtempSync(join(tmpdir(), 'sessions-no-jwt-session-next-express-'));
writeFileSync(
  join(nextExpressProject, 'package.json'),
  JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', express: '^5.0.0', jsonwebtoken: '^9.0.0' } }),
);
afterAll(() => {
  rmSync(nextProject, { recursive: true, force: true });
  rmSync(plainProject, { recursive: true, force: true });
  rmSync(nextExpressProject, { recursive: true, force: true });
});
/** An App Router route handler that uses only web APIs, so only its path shows that it runs on Next.js. */
const NEXT_ROUTE_HANDLER = `import jwt from 'jsonwebtoken';
export async function POST(request) {
  const user = await users.check(await request.json());
  return Response.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
}`;
const NEXT_API_ROUTE = `import jwt from 'jsonwebtoken';
export default async function handler(req, res) {
  const user = await users.check(req.body.email, req.body.password);
  res.status(200).json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
}`;

ruleTester.run('no-jwt-session', rule, {
  valid: [
    // A Nest service method that signs a token for another service: an audience and no user.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class BillingClient {
  constructor(private readonly jwt: JwtService) {}
  serviceAssertion(): string {
    return this.jwt.sign({ iss: 'shop', aud: 'billing' }, { expiresIn: '1m' });
  }
  ledgerAssertion(): string {
    return this.jwt.sign({ aud: 'ledger' }, { issuer: process.env.SERVICE_NAME, audience: ['billing', 'ledger'], expiresIn: 60 });
  }
}`,
      filename: FILENAMES.ts,
    },
    // Service tokens whose issuer and audience come from environment variables, templates of them or constants.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SignJWT } from 'jose';
const LEDGER = 'ledger';
@Injectable()
export class LedgerClient {
  constructor(private readonly jwt: JwtService) {}
  issuerTemplate(): string {
    return this.jwt.sign({ aud: 'ledger' }, { issuer: \`\${process.env.SERVICE_NAME}\`, expiresIn: 60 });
  }
  audienceUrl(): string {
    return this.jwt.sign({ aud: 'ledger' }, { audience: \`https://\${process.env.LEDGER_HOST}/api\`, expiresIn: 60 });
  }
  audienceClaimFromEnvironment(): string {
    return this.jwt.sign({ aud: process.env.LEDGER_AUDIENCE }, { expiresIn: 60 });
  }
  issuerClaimTemplate(): string {
    return this.jwt.sign({ aud: 'ledger', iss: \`\${process.env.SERVICE_NAME}\` }, { expiresIn: 60 });
  }
  bracketedName(): string {
    return this.jwt.sign({ aud: 'ledger' }, { issuer: process.env['SERVICE_NAME'], expiresIn: 60 });
  }
  constantAndFallback(): string {
    return this.jwt.sign({ aud: LEDGER }, { issuer: process.env.SERVICE_NAME ?? 'shop', expiresIn: 5 * 60 });
  }
  timeClaims(): string {
    const now = Math.floor(Date.now() / 1000);
    return this.jwt.sign({ aud: 'ledger', iat: now, exp: now + Number(process.env.ASSERTION_TTL) });
  }
  fixedHeader(): string {
    return this.jwt.sign({ aud: 'ledger' }, { header: { alg: 'HS256', kid: process.env.KEY_ID }, keyid: 'ledger-1', algorithm: 'HS256' });
  }
  async joseAssertion(): Promise<string> {
    return new SignJWT({ aud: 'ledger' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(\`\${process.env.SERVICE_NAME}\`)
      .setExpirationTime('1m')
      .sign(this.key);
  }
}`,
      filename: FILENAMES.ts,
    },
    // A token sent to another service as the Authorization header of an outgoing request.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/report', async (req, res) => {
  const assertion = jwt.sign({ iss: 'billing' }, key, { expiresIn: 60 });
  const response = await fetch(url, { headers: { Authorization: \`Bearer \${assertion}\` } });
  res.json(await response.json());
});`,
      filename: FILENAMES.js,
    },
    {
      code: `const jwt = require('jsonwebtoken');
const axios = require('axios');
async function callInventory() {
  const token = jwt.sign({ svc: 'shop' }, key, { expiresIn: 30 });
  return axios.post(url, body, { headers: { Authorization: 'Bearer ' + token } });
}`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // One-shot tokens in email links.
    {
      code: `import jwt from 'jsonwebtoken';
router.post('/forgot-password', async (req, res) => {
  const resetToken = jwt.sign({ id: user.id }, key, { expiresIn: '15m' });
  await mailer.send(user.email, \`\${origin}/reset?token=\${resetToken}\`);
  res.json({ sent: true });
});`,
      filename: FILENAMES.js,
    },
    {
      code: `import jwt from 'jsonwebtoken';
router.get('/verify-email', async (req, res) => {
  const { email } = jwt.verify(req.query.token, key, { algorithms: ['HS256'] });
  await users.markVerified(email);
  res.redirect('/login');
});`,
      filename: FILENAMES.js,
    },
    // A link that grants access to one file.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/files/:id/link', (req, res) => {
  const downloadToken = jwt.sign({ file: req.params.id }, key, { expiresIn: '2m' });
  res.json({ url: \`/files/\${req.params.id}?t=\${downloadToken}\` });
});`,
      filename: FILENAMES.js,
    },
    // Verifying a token that does not come from the request.
    {
      code: `import { jwtVerify } from 'jose';\nexport async function check(token: string) { return jwtVerify(token, key, { algorithms: ['EdDSA'] }); }`,
      filename: FILENAMES.ts,
    },
    // Look-alikes: a local sign function, a decode from another module, a similarly named package.
    {
      code: `function sign(payload, key) { return payload; }\napp.post('/login', (req, res) => res.json({ token: sign({}, key) }));`,
      filename: FILENAMES.js,
    },
    {
      code: `import { sign } from './crypto';\napp.post('/login', (req, res) => res.json({ token: sign({}, key) }));`,
      filename: FILENAMES.js,
    },
    {
      code: `import jwt from 'jsonwebtoken-promisified';\napp.post('/login', (req, res) => res.json({ token: jwt.sign({}, key) }));`,
      filename: FILENAMES.js,
    },
    {
      code: `const jwt = require('jsonwebtoken');\napp.post('/login', (req, res, jwt) => res.json({ token: jwt.sign({}, key) }));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // Access tokens of an identity provider, checked against its remote key set.
    {
      code: `const { expressjwt } = require('express-jwt');
const jwksRsa = require('jwks-rsa');
app.use(expressjwt({
  secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://idp.example/.well-known/jwks.json', cache: true }),
  audience: 'api',
  algorithms: ['RS256'],
}));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    {
      code: `import { createRemoteJWKSet, jwtVerify } from 'jose';
const JWKS = createRemoteJWKSet(new URL('https://idp.example/.well-known/jwks.json'));
export async function requireUser(req: Request, res: Response, next: NextFunction) {
  const { payload } = await jwtVerify(req.headers.authorization!.slice(7), JWKS, { issuer: 'https://idp.example/' });
  req.user = payload;
  next();
}`,
      filename: FILENAMES.ts,
    },
    {
      code: `import { Strategy, ExtractJwt } from 'passport-jwt';
import { passportJwtSecret } from 'jwks-rsa';
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: passportJwtSecret({ jwksUri }) }, verify));`,
      filename: FILENAMES.mjs,
    },
    // Hono's key set verification, with a remote key set and, as a known limitation, with keys the
    // app may have signed its own sessions for.
    {
      code: `import { Hono } from 'hono';
import { verifyWithJwks } from 'hono/jwt';
import { Jwt } from 'hono/utils/jwt';
const app = new Hono();
app.use('/api/*', async (c, next) => {
  const token = c.req.header('Authorization')?.replace('Bearer ', '') ?? '';
  c.set('user', await verifyWithJwks(token, { jwks_uri: 'https://idp.example/.well-known/jwks.json', allowedAlgorithms: ['RS256'] }));
  await next();
});
app.use('/admin/*', async (c, next) => {
  c.set('admin', await Jwt.verifyFromJwks(c.req.header('Authorization')!.slice(7), { keys: await loadKeys() }));
  await next();
});`,
      filename: FILENAMES.ts,
    },
    // Hono's jwk() middleware checks the identity provider's tokens against its key set, from the header or
    // from a signed cookie, and the handler reads the payload from the context.
    {
      code: `import { Hono } from 'hono';
import { jwk } from 'hono/jwk';
const app = new Hono();
app.use('/api/*', jwk({ jwks_uri: (c) => c.env.JWKS_URL, alg: ['RS256'], cookie: { key: 'auth', secret: env.COOKIE_SECRET } }));
app.get('/api/me', (c) => c.json(c.get('jwtPayload')));`,
      filename: FILENAMES.ts,
    },
    // hono/jwt: a query token that a route checks without passing the request on, and one in a link whose
    // parameter name marks it as one-shot.
    {
      code: `import { Hono } from 'hono';
import { verify } from 'hono/jwt';
const app = new Hono();
app.get('/unsubscribe', async (c) => {
  const { sub } = await verify(c.req.query('token') ?? '', c.env.LINK_SECRET, 'HS256');
  await unsubscribe(sub);
  return c.text('You have been unsubscribed.');
});
app.use('/join/*', async (c, next) => {
  c.set('invite', await verify(c.req.query('invite') ?? '', c.env.LINK_SECRET, 'HS256'));
  await next();
});`,
      filename: FILENAMES.ts,
    },
    // A cookie string built by another module's helper is not followed.
    {
      code: `import jwt from 'jsonwebtoken';\nimport { serialize } from './cookies';\nexport default function handler(req, res) {\n  res.setHeader('Set-Cookie', serialize('sid', jwt.sign({ id: 1 }, key)));\n  res.end();\n}`,
      filename: FILENAMES.js,
    },
    // ---- Next.js ----
    // A route file's folders name its route, and a one-shot route hands out no session.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const { email } = await request.json();
  return NextResponse.json({ token: jwt.sign({ email }, process.env.JWT_SECRET, { expiresIn: '15m' }) });
}`,
      filename: join(nextProject, 'src/app/api/forgot-password/route.js'),
    },
    // A variable named for a one-shot purpose.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const resetToken = jwt.sign({ sub: (await request.json()).id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  return NextResponse.json({ resetToken });
}`,
      filename: FILENAMES.js,
    },
    // A token sent in an email link, not to the browser.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const { email } = await request.json();
  const token = jwt.sign({ email }, process.env.JWT_SECRET, { expiresIn: '1d' });
  await mailer.send({ to: email, text: \`Open \${origin}/welcome?token=\${token}\` });
  return NextResponse.json({ ok: true });
}`,
      filename: join(nextProject, 'app/api/signup/route.js'),
    },
    // A service token for another service, sent in an outgoing request.
    {
      code: `import { SignJWT } from 'jose';
import { NextResponse } from 'next/server';
export async function GET() {
  const assertion = await new SignJWT({ aud: 'billing' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('shop').setExpirationTime('1m').sign(key);
  const upstream = await fetch(BILLING_URL, { headers: { Authorization: \`Bearer \${assertion}\` } });
  return NextResponse.json(await upstream.json());
}`,
      filename: join(nextProject, 'app/api/invoices/route.ts'),
    },
    // \`Response.json\` outside Next.js code, such as a Cloudflare Worker, is not followed.
    {
      code: `import jwt from 'jsonwebtoken';
export default {
  async fetch(request) {
    return Response.json({ token: jwt.sign({ sub: 1 }, key) });
  },
};`,
      filename: FILENAMES.js,
    },
    // A route file path counts only in a project whose package.json lists next.
    {
      code: NEXT_ROUTE_HANDLER,
      filename: join(plainProject, 'app/api/login/route.js'),
    },
    // \`request.cookies.set\` changes the request that middleware passes on, not the browser's cookies.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export function middleware(request) {
  request.cookies.set('x-forwarded-user', jwt.sign({ sub: 1 }, key));
  return NextResponse.next({ request });
}`,
      filename: FILENAMES.js,
    },
    // Known limitation: a token read with next/headers' \`cookies().get()\` is not taken for one from the request.
    {
      code: `import { cookies } from 'next/headers';
import { jwtVerify } from 'jose';
export async function GET() {
  const { payload } = await jwtVerify((await cookies()).get('session')?.value, key);
  return Response.json({ user: payload });
}`,
      filename: FILENAMES.ts,
    },
    // Known limitation: a token in a body built with \`JSON.stringify\` is not followed.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST() {
  const token = jwt.sign({ sub: 1 }, key);
  return new NextResponse(JSON.stringify({ token }), { headers: { 'Content-Type': 'application/json' } });
}`,
      filename: FILENAMES.js,
    },
    // A \`cookies\` helper of the project is not next/headers' \`cookies\`.
    {
      code: `import jwt from 'jsonwebtoken';
import { cookies } from './cookies';
export async function save(id) {
  cookies().set('session', jwt.sign({ sub: id }, key));
}`,
      filename: FILENAMES.js,
    },
    // ---- Next.js server actions ----
    // A helper that a server action file keeps to itself returns the token to server code, which stores it.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
async function issueToken(userId: string) {
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '5m' });
}
export async function rememberDevice(formData: FormData) {
  const token = await issueToken(String(formData.get('userId')));
  await db.devices.insert({ token });
  return { ok: true };
}`,
      filename: FILENAMES.ts,
    },
    // A server action named for a one-shot purpose returns an invitation link.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
export async function inviteMember(formData: FormData) {
  const token = jwt.sign({ email: formData.get('email') }, process.env.JWT_SECRET!, { expiresIn: '1d' });
  return { link: \`/join?token=\${token}\` };
}`,
      filename: FILENAMES.ts,
    },
    // A service token with only fixed token claims is no session, also when an action returns it.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
export async function getBillingAssertion() {
  return jwt.sign({ aud: 'billing' }, process.env.SERVICE_KEY!, { issuer: 'shop', expiresIn: 60 });
}`,
      filename: FILENAMES.ts,
    },
    // Without the directive, an exported function's return value stays on the server.
    {
      code: `import jwt from 'jsonwebtoken';
export async function login(formData: FormData) {
  const user = await db.users.check(formData.get('email'), formData.get('password'));
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '5m' });
  return { token };
}`,
      filename: FILENAMES.ts,
    },
    // A directive that is not the first statement of the file is no directive.
    {
      code: `import jwt from 'jsonwebtoken';
'use server';
export async function login(formData: FormData) {
  return { token: jwt.sign({ sub: formData.get('id') }, process.env.JWT_SECRET!) };
}`,
      filename: FILENAMES.ts,
    },
    // ---- Next.js redirects and headers ----
    // An OAuth state signed into a redirect to the identity provider.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET(request) {
  const state = jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' });
  return NextResponse.redirect(\`https://accounts.example.com/authorize?client_id=\${CLIENT_ID}&state=\${state}\`);
}`,
      filename: join(nextProject, 'app/api/auth/route.js'),
    },
    // The same state set on a URL object of the identity provider.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET(request) {
  const url = new URL('https://accounts.example.com/authorize');
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('state', jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' }));
  return NextResponse.redirect(url);
}`,
      filename: join(nextProject, 'app/api/auth/route.js'),
    },
    // Express keeps the OAuth state silent the same way.
    {
      code: `const jwt = require('jsonwebtoken');
app.get('/auth', (req, res) => {
  res.redirect('https://accounts.example.com/authorize?state=' + jwt.sign({ nonce: req.id }, process.env.JWT_SECRET, { expiresIn: '10m' }));
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // A one-shot link in a redirect.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET(request) {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET, { expiresIn: '15m' });
  return NextResponse.redirect(new URL(\`/reset-password?token=\${token}\`, request.url));
}`,
      filename: join(nextProject, 'app/api/forgot/route.js'),
    },
    // A URL for an outgoing request is not a redirect.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET() {
  const upstream = await fetch(new URL(\`/v1/invoices?assertion=\${jwt.sign({ aud: 'billing' }, key)}\`, BILLING_URL));
  return NextResponse.json(await upstream.json());
}`,
      filename: FILENAMES.js,
    },
    // Headers of the request that middleware passes on, not of the response.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export function middleware(request) {
  const headers = new Headers(request.headers);
  headers.set('Authorization', \`Bearer \${jwt.sign({ sub: 1 }, key)}\`);
  return NextResponse.next({ request: { headers } });
}`,
      filename: FILENAMES.js,
    },
    // Known limitation: a URL whose search string is assigned is not followed.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET);
  const url = new URL('/welcome', request.url);
  url.search = new URLSearchParams({ token }).toString();
  return NextResponse.redirect(url);
}`,
      filename: FILENAMES.js,
    },
    // The text of a URL object to an identity provider that carries an OAuth state.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/auth/start', (req, res) => {
  const url = new URL('/authorize', process.env.AUTH_ISSUER);
  url.searchParams.set('state', jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' }));
  res.redirect(url.href);
});`,
      filename: FILENAMES.js,
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/auth/start', (req, res) => {
  const state = jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' });
  res.redirect(\`\${process.env.AUTH_ISSUER}/authorize?\${new URLSearchParams({ client_id: CLIENT_ID, state })}\`);
});`,
      filename: FILENAMES.js,
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/auth/start', (req, res) => {
  const state = jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' });
  res.writeHead(302, { Location: \`https://idp.example.com/authorize?state=\${state}\` });
  res.end();
});`,
      filename: FILENAMES.js,
    },
    // A one-shot link built as a URL object.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/team/members', (req, res) => {
  const url = new URL('/join', process.env.APP_URL);
  url.searchParams.set('invite', jwt.sign({ team: req.body.team }, process.env.JWT_SECRET));
  res.redirect(url.toString());
});`,
      filename: FILENAMES.js,
    },
    // A signed embed URL whose text is sent in the body.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/api/report', (req, res) => {
  const url = new URL('/embed', process.env.METABASE_SITE_URL);
  url.searchParams.set('token', jwt.sign({ resource: { question: 7 }, params: {} }, process.env.METABASE_SECRET_KEY, { expiresIn: '10m' }));
  res.json({ url: url.href });
});`,
      filename: FILENAMES.js,
    },
    // \`href\` of an object that is not a URL is not the token.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const link = { token: jwt.sign({ id: req.user.id }, key), href: '/home' };
  res.redirect(link.href);
});`,
      filename: FILENAMES.js,
    },
    // Known limitation: a header of \`res.writeHead\` other than Set-Cookie and Location is not followed.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Auth-Token': jwt.sign({ id: req.user.id }, key) });
  res.end('ok');
});`,
      filename: FILENAMES.js,
    },
    // Known limitation: the text of a URL object that a helper returns is not followed.
    {
      code: `import jwt from 'jsonwebtoken';
function buildDashboardUrl(token) {
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.set('token', token);
  return url;
}
app.post('/login', (req, res) => {
  const url = buildDashboardUrl(jwt.sign({ id: req.user.id }, key));
  res.redirect(url.href);
});`,
      filename: FILENAMES.js,
    },
    // Known limitation: a token returned from a helper in another module is not followed.
    {
      code: `import { issueToken } from './tokens';\napp.post('/login', (req, res) => res.json({ token: issueToken(req.user) }));`,
      filename: FILENAMES.js,
    },
    // A parameter named c outside a Hono file is not a Hono context.
    {
      code: `import jwt from 'jsonwebtoken';
export function render(c) {
  const token = jwt.sign({ id: 1 }, key);
  return c.json({ token });
}
router.post('/login', async (c) => c.text(jwt.sign({ id: 1 }, key)));`,
      filename: FILENAMES.js,
    },
    // Hono: a token kept in the context with c.set, or sent to another service, is no session.
    {
      code: `import { Hono } from 'hono';
import jwt from 'jsonwebtoken';
const app = new Hono();
app.use(async (c, next) => {
  c.set('serviceToken', jwt.sign({ iss: 'shop' }, key, { expiresIn: 60 }));
  await next();
});
app.get('/report', async (c) => {
  const assertion = jwt.sign({ iss: 'shop' }, key, { expiresIn: 60 });
  const response = await fetch(url, { headers: { Authorization: \`Bearer \${assertion}\` } });
  return c.json(await response.json());
});`,
      filename: FILENAMES.ts,
    },
    // Hono: a function named like a handler but never registered, or passed as a path, is no handler.
    {
      code: `import { Hono } from 'hono';
import { sign } from 'hono/jwt';
const render = async (c) => c.json({ token: await sign({ sub: '1', exp: Math.floor(Date.now() / 1000) + 60 }, key) });
const cache = new Map();
cache.get(render);
export { render };`,
      filename: FILENAMES.js,
    },
    // hono/jwt: a local sign function is no JWT call. A token kept in the context, or verified outside a handler, is no session.
    {
      code: `import { Hono } from 'hono';
import { sign as signJwt, verify } from 'hono/jwt';
const app = new Hono();
async function sign(payload: object, key: string) {
  return btoa(JSON.stringify(payload)) + key;
}
app.post('/receipt', async (c) => c.json({ receipt: await sign({ id: 1 }, 'k') }));
app.use(async (c, next) => {
  c.set('serviceToken', await signJwt({ iss: 'shop', exp: Math.floor(Date.now() / 1000) + 60 }, key));
  await next();
});
export const checkWebhook = (body: string) => verify(body, key, 'HS256');`,
      filename: FILENAMES.ts,
    },
    // A request property that contains a service token from the environment, not a token the client sent.
    {
      code: `const jwt = require('jsonwebtoken');
app.use((req, res, next) => {
  req.token = process.env.SERVICE_TOKEN;
  req.service = jwt.verify(req.token, key);
  next();
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // A request property assigned from a header only below the verify call in the file.
    {
      code: `const jwt = require('jsonwebtoken');
function check(req, res, next) {
  req.user = jwt.verify(req.token, key);
  next();
}
function remember(req, res, next) {
  req.token = req.headers.authorization;
  next();
}`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // A one-shot token from the body, stored on the request before it is verified.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/reset-password', async (req, res) => {
  req.token = req.body.token;
  const { id } = jwt.verify(req.token, key);
  await users.setPassword(id, req.body.password);
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
    },
    // ---- Tokens embedded in a larger string of the response body ----
    // A signed embed URL for a Metabase dashboard: the payload names no user and has no request value.
    {
      code: `const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
app.get('/api/metabase', (req, res) => {
  const payload = { resource: { dashboard: 12 }, params: {}, exp: Math.round(Date.now() / 1000) + 10 * 60 };
  const token = jwt.sign(payload, process.env.METABASE_SECRET_KEY);
  res.json({ iframeUrl: \`\${process.env.METABASE_SITE_URL}/embed/dashboard/\${token}#bordered=true\` });
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // A signed Mux playback URL: \`sub\` is the playback id, the same for every request.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/api/video', (req, res) => {
  const exp = Math.floor(Date.now() / 1000) + 60 * 60;
  const token = jwt.sign({ sub: process.env.MUX_PLAYBACK_ID, aud: 'v', exp }, privateKey, { algorithm: 'RS256' });
  res.json({ src: \`https://stream.mux.com/\${process.env.MUX_PLAYBACK_ID}.m3u8?token=\${token}\` });
});`,
      filename: FILENAMES.js,
    },
    // User-named claims set to a literal or to a constant bound to an environment variable.
    {
      code: `import jwt from 'jsonwebtoken';
const PLAYBACK_ID = process.env.MUX_PLAYBACK_ID;
app.get('/embed', (req, res) => {
  const token = jwt.sign({ username: 'demo', sub: PLAYBACK_ID }, key, { expiresIn: '10m' });
  res.json({ url: SITE_URL + '/embed/' + token });
});`,
      filename: FILENAMES.js,
    },
    // The same with \`+\` concatenation, a URL variable and a rendered page.
    {
      code: `import jwt from 'jsonwebtoken';
const QUESTION = Number(process.env.METABASE_QUESTION);
app.get('/reports', (req, res) => {
  const token = jwt.sign({ resource: { question: QUESTION }, params: {} }, process.env.METABASE_SECRET_KEY, { expiresIn: '10m' });
  const embedUrl = process.env.METABASE_SITE_URL + '/embed/question/' + token + '#theme=night';
  res.render('reports', { embedUrl });
});`,
      filename: FILENAMES.js,
    },
    // A Next.js route handler that returns the embed URL with \`NextResponse.json\`.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET() {
  const token = jwt.sign({ resource: { dashboard: 3 }, params: {}, exp: Math.round(Date.now() / 1000) + 600 }, process.env.METABASE_SECRET_KEY);
  return NextResponse.json({ iframeUrl: \`\${process.env.METABASE_SITE_URL}/embed/dashboard/\${token}#bordered=true\` });
}`,
      filename: join(nextProject, 'app/api/metabase/route.js'),
    },
    // A server action that returns the embed URL.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
export async function getDashboardUrl() {
  const token = jwt.sign({ resource: { dashboard: 3 }, params: {} }, process.env.METABASE_SECRET_KEY, { expiresIn: '10m' });
  return { iframeUrl: \`\${process.env.METABASE_SITE_URL}/embed/dashboard/\${token}\` };
}`,
      filename: FILENAMES.ts,
    },
    // The token set as a parameter of a URL object that the body holds.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/api/report', (req, res) => {
  const token = jwt.sign({ resource: { question: 7 }, params: {} }, process.env.METABASE_SECRET_KEY, { expiresIn: '10m' });
  const url = new URL('/embed', process.env.METABASE_SITE_URL);
  url.searchParams.set('token', token);
  res.json({ url });
});`,
      filename: FILENAMES.js,
    },
    // ---- Webhook signatures ----
    // A JWT in a signature header identifies the sending service, and the handler keeps its payload to itself.
    {
      code: `const jwt = require('jsonwebtoken');
app.post('/webhooks/billing', express.text(), (req, res) => {
  const event = jwt.verify(req.headers['x-signature'], process.env.WEBHOOK_KEY, { algorithms: ['HS256'] });
  handleEvent(event); res.sendStatus(204);
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
    },
    // The header name alone marks the signature, read with req.get() and req.header() in any case.
    {
      code: `import jwt from 'jsonwebtoken';
router.post('/stripe', (req, res) => {
  const event = jwt.verify(req.get('Stripe-Signature'), process.env.STRIPE_KEY);
  queue.push(event);
  res.sendStatus(200);
});
router.post('/github', (req, res) => {
  const delivery = jwt.verify(req.header('X-Hub-Signature-256'), process.env.GITHUB_KEY);
  res.status(202).json({ id: delivery.id });
});`,
      filename: FILENAMES.js,
    },
    // A header named for webhooks, read through a variable, with the callback form.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/events', (req, res) => {
  const signature = req.headers['x-webhook-signature'];
  jwt.verify(signature, process.env.EVENTS_KEY, (err, event) => {
    if (err) return res.sendStatus(401);
    events.record(event);
    res.sendStatus(204);
  });
});`,
      filename: FILENAMES.js,
    },
    // The route path alone marks the webhook, whatever header carries the token.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/webhook', (req, res) => {
  const payload = jwt.verify(req.headers.authorization.split(' ')[1], process.env.PUSH_KEY, { algorithms: ['RS256'] });
  jobs.enqueue(payload.message);
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
    },
    // A Koa route with the signature header read from the context.
    {
      code: `import jwt from 'jsonwebtoken';
router.post('/webhooks/clerk', async (ctx) => {
  const event = jwt.verify(ctx.get('svix-signature'), process.env.CLERK_KEY);
  await users.sync(event.data);
  ctx.status = 204;
});`,
      filename: FILENAMES.js,
    },
    // An App Router route file below a webhooks folder.
    {
      code: `import { jwtVerify } from 'jose';
export async function POST(request: Request) {
  const { payload } = await jwtVerify(request.headers.get('authorization')?.slice(7) ?? '', key);
  await orders.update(payload);
  return new Response(null, { status: 204 });
}`,
      filename: join(nextProject, 'app/api/webhooks/orders/route.ts'),
    },
    // A router mounted below a webhook path in the same file takes that path.
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const router = express.Router();
router.post('/events', async (req, res) => {
  const token = req.headers.authorization?.split(' ')[1];
  const event = jwt.verify(token, process.env.WEBHOOK_KEY, { algorithms: ['HS256'] });
  await handleEvent(event); res.sendStatus(204);
});
const app = express(); app.use('/webhooks', router);`,
      filename: FILENAMES.js,
    },
    // A mount with a list of paths, one of which names a webhook.
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const hooks = express.Router();
hooks.post('/orders', (req, res) => {
  const event = jwt.verify(req.headers.authorization.slice(7), process.env.HOOK_KEY, { algorithms: ['HS256'] });
  queue.push(event); res.sendStatus(202);
});
const app = express(); app.use(['/webhooks', '/hooks'], hooks);`,
      filename: FILENAMES.js,
    },
    // Mounts add up: the route below sits at /api/webhooks/stripe.
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const hooks = express.Router();
hooks.route('/stripe').post((req, res) => {
  const event = jwt.verify(req.get('authorization').slice(7), process.env.STRIPE_KEY);
  billing.apply(event); res.sendStatus(204);
});
const api = express.Router();
api.use('/webhooks', hooks);
app.use('/api', api);`,
      filename: FILENAMES.js,
    },
    // A router file named for webhooks, mounted in another file.
    {
      code: `const router = require('express').Router();
const jwt = require('jsonwebtoken');
router.post('/', (req, res) => {
  const event = jwt.verify(req.headers.authorization.split(' ')[1], process.env.HOOK_KEY);
  queue.push(event); res.sendStatus(202);
});
module.exports = router;`,
      filename: 'src/routes/webhooks.js',
      languageOptions: commonjs,
    },
    // A router file in a folder named for webhooks.
    {
      code: `import { Router } from 'express';
import jwt from 'jsonwebtoken';
export const router = Router();
router.post('/', (req, res) => {
  const event = jwt.verify(req.headers.authorization.slice(7), process.env.GITHUB_KEY);
  builds.trigger(event.repository); res.sendStatus(202);
});`,
      filename: 'src/webhook/github.js',
    },
    // A named handler registered on a webhook path, and one wrapped by an async error helper.
    {
      code: `import jwt from 'jsonwebtoken';
async function receive(req, res) {
  const event = jwt.verify(req.headers.authorization.slice(7), process.env.PUSH_KEY);
  await jobs.enqueue(event); res.sendStatus(204);
}
app.post('/webhooks/push', receive);
router.post('/webhooks/mail', asyncHandler(async (req, res) => {
  const event = jwt.verify(req.headers.authorization.slice(7), process.env.MAIL_KEY);
  await mail.bounce(event.message); res.sendStatus(204);
}));`,
      filename: FILENAMES.js,
    },
    // A handler named for webhooks whose route is registered in another file takes any method.
    {
      code: `import jwt from 'jsonwebtoken';
export async function handleWebhook(req, res) {
  const event = jwt.verify(req.headers.authorization.slice(7), process.env.PUSH_KEY);
  await jobs.enqueue(event); res.sendStatus(204);
}`,
      filename: FILENAMES.js,
    },
    // A Hono sub-app mounted below a webhook path.
    {
      code: `import { Hono } from 'hono';
import { verify } from 'hono/jwt';
const hooks = new Hono();
hooks.post('/orders', async (c) => {
  const event = await verify(c.req.header('authorization').slice(7), c.env.HOOK_KEY);
  await orders.sync(event.order);
  return c.body(null, 204);
});
const app = new Hono();
app.route('/webhooks', hooks);`,
      filename: FILENAMES.js,
    },
    // Known limitation: a session token in a POST route named for webhooks whose code reads no user claim is missed.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/webhooks/test', (req, res) => res.json(jwt.verify(req.headers.authorization.slice(7), key)));`,
      filename: FILENAMES.js,
    },
    // Known limitation: @fastify/jwt decorators in a file that does not import @fastify/jwt.
    {
      code: `export default async function routes(app) {\n  app.post('/login', async (request, reply) => ({ token: app.jwt.sign({ id: 1 }) }));\n}`,
      filename: FILENAMES.js,
    },
  ],
  invalid: [
    // Issuing: CommonJS require, a token variable followed into a nested response.
    {
      code: `const jwt = require('jsonwebtoken');
exports.signin = (req, res) => {
  User.findOne({ where: { username: req.body.username } }).then((user) => {
    const token = jwt.sign({ id: user.id }, config.secret, { expiresIn: 300 });
    res.status(200).send({ id: user.id, accessToken: token });
  });
};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedSession', line: 4, column: 19, endLine: 4, endColumn: 79 }],
    },
    // Destructured require with a rename, HttpOnly cookie.
    {
      code: `const { sign: issue } = require('jsonwebtoken');
router.post('/login', (req, res) => {
  res.cookie('session', issue({ sub: req.user.id }, key), { httpOnly: true, secure: true });
  res.sendStatus(204);
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedSession', line: 3, column: 25 }],
    },
    // ESM default import and the callback form.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  jwt.sign({ sub: 1 }, key, { expiresIn: '5m' }, (err, token) => res.json({ token }));
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.callbackSign, line: 3, column: 3 }],
    },
    // Named import in TypeScript, returned through a same-file helper.
    {
      code: `import { sign } from 'jsonwebtoken';
import type { Request, Response } from 'express';
function createToken(id: string): string {
  return sign({ sub: id }, process.env.JWT_SECRET as string, { expiresIn: '5m' });
}
export function login(req: Request, res: Response) {
  res.json({ token: createToken(req.body.id) });
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.helper, line: 4, column: 10 }],
    },
    // ---- Next.js App Router ----
    // A route file found by its path, in a project that lists next.
    {
      code: NEXT_ROUTE_HANDLER,
      filename: join(nextProject, 'app/api/login/route.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 33 }],
    },
    // A route file found by its next/headers import: jose, with the cookie store awaited.
    {
      code: `import { cookies } from 'next/headers';
import { SignJWT } from 'jose';
export async function POST(request: Request) {
  const token = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  (await cookies()).set('session', token, { httpOnly: true });
  return new Response(null, { status: 204 });
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 23 }],
    },
    // \`NextResponse.json\`, with next/server loaded through require.
    {
      code: `const jwt = require('jsonwebtoken');
const { NextResponse } = require('next/server');
exports.POST = async function (request) {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET);
  return NextResponse.json({ token });
};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // The cookie store in a variable, written the synchronous way of Next.js 14, with an options object.
    {
      code: `import jwt from 'jsonwebtoken';
import { cookies as getCookies } from 'next/headers';
export async function POST() {
  const store = getCookies();
  store.set({ name: 'session', value: jwt.sign({ sub: 1 }, key), httpOnly: true });
  return new Response(null, { status: 204 });
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 39 }],
    },
    // The cookies of a NextResponse.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST() {
  const response = NextResponse.json({ ok: true });
  response.cookies.set('token', jwt.sign({ sub: 1 }, key), { httpOnly: true });
  return response;
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 33 }],
    },
    // A Set-Cookie header in the init argument of \`new NextResponse\`.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST() {
  const token = jwt.sign({ sub: 1 }, key);
  return new NextResponse(null, { status: 204, headers: { 'Set-Cookie': \`session=\${token}; HttpOnly\` } });
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // A session helper that a server action calls: its token reaches \`cookies().set\` through the caller.
    {
      code: `import { SignJWT } from 'jose';
import { cookies } from 'next/headers';
export async function encrypt(payload) {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('7d').sign(key);
}
export async function createSession(userId) {
  const session = await encrypt({ userId });
  (await cookies()).set('session', session, { httpOnly: true, secure: true, sameSite: 'lax' });
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 10 }],
    },
    // Middleware that accepts the session cookie.
    {
      code: `import { NextResponse } from 'next/server';
import { jwtVerify } from 'jose';
export async function middleware(request) {
  await jwtVerify(request.cookies.get('session')?.value, key, { algorithms: ['HS256'] });
  return NextResponse.next();
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedFrameworkSession', data: NEXT, line: 4, column: 9 }],
    },
    // A route handler that accepts a bearer token, found by its path.
    {
      code: `import jwt from 'jsonwebtoken';
export async function GET(request) {
  const user = jwt.verify(request.headers.get('authorization')?.split(' ')[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
  return Response.json({ user });
}`,
      filename: join(nextProject, 'app/api/me/route.js'),
      errors: [{ messageId: 'acceptedFrameworkSession', data: NEXT, line: 3, column: 16 }],
    },
    // A GET route handler below a webhooks folder lists webhooks, so it is no webhook receiver.
    {
      code: `import jwt from 'jsonwebtoken';
export async function GET(request) {
  const token = jwt.verify(request.headers.get('authorization')?.split(' ')[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
  return Response.json(await hooks.forTeam(token.team));
}`,
      filename: join(nextProject, 'app/api/webhooks/route.js'),
      errors: [{ messageId: 'acceptedFrameworkSession', data: NEXT, line: 3, column: 17 }],
    },
    // Hono running inside a route handler keeps the Hono message.
    {
      code: `import { Hono } from 'hono';
import { handle } from 'hono/vercel';
import jwt from 'jsonwebtoken';
const app = new Hono().basePath('/api');
app.post('/login', (c) => c.json({ token: jwt.sign({ sub: 1 }, key) }));
export const POST = handle(app);`,
      filename: join(nextProject, 'app/api/[[...route]]/route.js'),
      errors: [{ messageId: 'issuedHonoSession', line: 5, column: 43 }],
    },
    // A Next.js API route: the project depends on next and not express, so jwt-to-session only marks it.
    {
      code: NEXT_API_ROUTE,
      filename: join(nextProject, 'pages/api/login.js'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 4, column: 33 }],
    },
    // A helper of that project outside pages/api gets the same advice.
    {
      code: `import jwt from 'jsonwebtoken';
export function readUser(req) {
  return jwt.verify(req.cookies.token, process.env.JWT_SECRET);
}`,
      filename: join(nextProject, 'lib/auth.js'),
      errors: [{ messageId: 'acceptedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 3, column: 10 }],
    },
    // The same route outside that project is taken for an Express handler.
    {
      code: NEXT_API_ROUTE,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'issuedSession', line: 4, column: 33 }],
    },
    // A file that loads express in a Next.js project, such as a custom server, keeps the Express message.
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
app.post('/api/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});`,
      filename: join(nextProject, 'server.js'),
      errors: [{ messageId: 'issuedSession', line: 6, column: 21 }],
    },
    // ---- Next.js server actions, in a project whose package.json lists next ----
    // An exported function of a 'use server' file returns its value to the browser.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
export async function login(formData: FormData) {
  const user = await db.users.check(formData.get('email'), formData.get('password'));
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '5m' });
  return { token };
}`,
      filename: join(nextProject, 'app/actions.ts'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 17 }],
    },
    // An arrow function exported by name, returning its token through a helper of the file.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
function issue(id) {
  return jwt.sign({ sub: id }, process.env.JWT_SECRET, { expiresIn: '5m' });
}
const signIn = async (formData) => ({ token: issue(formData.get('id')) });
export { signIn };`,
      filename: join(nextProject, 'app/actions.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 10 }],
    },
    // A default export, with the directive in double quotes after a comment.
    {
      code: `// Login action.
"use server";
import jwt from 'jsonwebtoken';
export default async function (formData) {
  return jwt.sign({ sub: formData.get('id') }, process.env.JWT_SECRET);
}`,
      filename: join(nextProject, 'app/login/action.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 10 }],
    },
    // An inline server action: its own body starts with the directive.
    {
      code: `import jwt from 'jsonwebtoken';
export default function Page() {
  async function login(formData) {
    'use server';
    return { token: jwt.sign({ sub: formData.get('id') }, process.env.JWT_SECRET) };
  }
  return <form action={login} />;
}`,
      filename: join(nextProject, 'app/login/page.jsx'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 21 }],
    },
    // ---- Server actions outside Next.js ----
    // A 'use server' file in a project whose package.json does not list next gets advice for any React
    // Server Components framework.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
export async function login(formData: FormData) {
  const user = await db.users.check(formData.get('email'), formData.get('password'));
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '5m' });
  return { token };
}`,
      filename: join(plainProject, 'src/actions.ts'),
      errors: [{ messageId: 'issuedFrameworkSession', data: SERVER_ACTION, line: 5, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export default function Page() {
  async function login(formData) {
    'use server';
    return { token: jwt.sign({ sub: formData.get('id') }, process.env.JWT_SECRET) };
  }
  return <form action={login} />;
}`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'issuedFrameworkSession', data: SERVER_ACTION, line: 5, column: 21 }],
    },
    // A server action that also imports from next/headers is Next.js code wherever it is.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
import { headers } from 'next/headers';
export async function login(formData) {
  const agent = (await headers()).get('user-agent');
  return { token: jwt.sign({ sub: formData.get('id'), agent }, process.env.JWT_SECRET) };
}`,
      filename: join(plainProject, 'src/actions.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 6, column: 19 }],
    },
    // ---- Next.js redirects and headers ----
    // A token in the URL of a NextResponse redirect.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET, { expiresIn: '1h' });
  return NextResponse.redirect(new URL(\`/welcome?token=\${token}\`, request.url));
}`,
      filename: join(nextProject, 'app/api/login/route.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // A token set on the search parameters of the redirect URL.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const url = new URL('/welcome', request.url);
  url.searchParams.set('token', jwt.sign({ sub: 1 }, process.env.JWT_SECRET));
  return NextResponse.redirect(url);
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 33 }],
    },
    // A token in an OAuth state of a redirect within the app still counts.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  return NextResponse.redirect(new URL('/welcome?state=' + jwt.sign({ sub: 1 }, process.env.JWT_SECRET), request.url));
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 60 }],
    },
    // The same on a copy of the request's URL.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export function middleware(request) {
  const url = request.nextUrl.clone();
  url.searchParams.set('state', jwt.sign({ sub: 1 }, process.env.JWT_SECRET));
  return NextResponse.redirect(url);
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 33 }],
    },
    // Known limitation: a state in a path that \`new URL\` resolves against the identity provider counts as the app's.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET() {
  const state = jwt.sign({ nonce: crypto.randomUUID() }, process.env.JWT_SECRET, { expiresIn: '10m' });
  return NextResponse.redirect(new URL(\`/authorize?state=\${state}\`, process.env.AUTH_ISSUER));
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // \`redirect()\` of next/navigation in a server action.
    {
      code: `'use server';
import jwt from 'jsonwebtoken';
import { redirect } from 'next/navigation';
export async function login(formData) {
  const token = jwt.sign({ sub: formData.get('id') }, process.env.JWT_SECRET);
  redirect(\`/welcome#token=\${token}\`);
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 17 }],
    },
    // An Authorization header set on a NextResponse.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST() {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET);
  const res = NextResponse.json({ ok: true });
  res.headers.set('Authorization', \`Bearer \${token}\`);
  return res;
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // An Authorization header in the init argument of \`new NextResponse\`.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST() {
  const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET);
  return new NextResponse(null, { status: 204, headers: { Authorization: \`Bearer \${token}\` } });
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 4, column: 17 }],
    },
    // ---- Next.js API routes next to a custom express server ----
    // A Pages Router API route is Next.js code even when the project also lists express.
    {
      code: NEXT_API_ROUTE,
      filename: join(nextExpressProject, 'pages/api/login.js'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 4, column: 33 }],
    },
    {
      code: NEXT_API_ROUTE,
      filename: join(nextExpressProject, 'src/pages/api/auth/login.js'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 4, column: 33 }],
    },
    // A token checked in an API route of that project gets the Pages Router advice too.
    {
      code: `import jwt from 'jsonwebtoken';
export default function handler(req, res) {
  const user = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);
  res.json(user);
}`,
      filename: join(nextExpressProject, 'pages/api/me.js'),
      errors: [{ messageId: 'acceptedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 3, column: 16 }],
    },
    // Next.js serves a file below pages/api whatever it loads, so one that loads express gets the Pages Router advice too.
    {
      code: `import express from 'express';\n${NEXT_API_ROUTE}`,
      filename: join(nextExpressProject, 'pages/api/login.js'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 5, column: 33 }],
    },
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
export default function login(req: express.Request, res: express.Response) {
  const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET!, { expiresIn: '5m' });
  res.json({ token });
}`,
      filename: join(nextExpressProject, 'src/pages/api/auth/login.ts'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_ROUTE_DATA, line: 4, column: 17 }],
    },
    // A file elsewhere in that project that loads no express may be called by the API routes, so jwt-to-session only marks it.
    {
      code: NEXT_API_ROUTE,
      filename: join(nextExpressProject, 'routes/login.js'),
      errors: [{ messageId: 'issuedNonExpressSession', data: NEXT_API_HELPER_DATA, line: 4, column: 33 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function withAuth(handler) {
  return (req, res) => {
    req.user = jwt.verify(req.cookies.token, process.env.JWT_SECRET);
    return handler(req, res);
  };
}`,
      filename: join(nextExpressProject, 'lib/with-auth.js'),
      errors: [{ messageId: 'acceptedNonExpressSession', data: NEXT_API_HELPER_DATA, line: 4, column: 16 }],
    },
    // Files of that project that load express, such as the custom server and its routers, keep the Express message.
    {
      code: `const router = require('express').Router();\n${NEXT_API_ROUTE}`,
      filename: join(nextExpressProject, 'routes/login.js'),
      errors: [{ messageId: 'issuedSession', line: 5, column: 33 }],
    },
    // So do files that import the types of express, which Next.js API routes do not receive.
    {
      code: `import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';
export function requireUser(req: Request, res: Response, next: () => void) {
  res.locals.user = jwt.verify(req.cookies.token, process.env.JWT_SECRET);
  next();
}`,
      filename: join(nextExpressProject, 'lib/require-user.ts'),
      errors: [{ messageId: 'acceptedSession', line: 4, column: 21 }],
    },
    // ---- Next.js custom server whose app gets its session setup inside the prepare() callback ----
    // A login registered on that app after its creation is migrated.
    {
      code: `const express = require('express');
const next = require('next');
const jwt = require('jsonwebtoken');
const nextApp = next({ dev: false });
nextApp.prepare().then(() => {
  const server = express();
  server.post('/api/login', (req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  });
});`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'issuedSession', line: 8, column: 23 }],
    },
    // The prepare() call may also be awaited in a try statement before the app's creation.
    {
      code: `const express = require('express');
const next = require('next');
const jwt = require('jsonwebtoken');
const nextApp = next({ dev: false });
function login(req, res) {
  users.check(req.body.email).then((user) => {
    res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '2h' }) });
  });
}
(async () => {
  try {
    await nextApp.prepare();
  } catch (error) {
    process.exit(1);
  }
  const server = express();
  server.post('/api/login', login);
})();`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'issuedSession', line: 7, column: 23 }],
    },
    // ---- Files whose app gets no session setup from jwt-to-session, so it only marks their handlers ----
    // An app that `express().use(...)` creates and a variable stores, in a custom server.
    {
      code: `const express = require('express');
const next = require('next');
const jwt = require('jsonwebtoken');
const nextApp = next({ dev: false });
nextApp.prepare().then(() => {
  const server = express().use(express.json());
  server.post('/api/login', (req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  });
});`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.missingSetupLogin, line: 8, column: 23 }],
    },
    // The same app in a plain Express file, with a token check.
    {
      code: `const express = require('express');
const jwt = require('jsonwebtoken');
const server = express().use(express.json());
server.get('/me', (req, res) => {
  try {
    res.json(jwt.verify(req.headers.authorization, process.env.JWT_SECRET));
  } catch {
    res.status(401).end();
  }
});`,
      filename: join(plainProject, 'server.js'),
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.missingSetupCheck, line: 6, column: 14 }],
    },
    // An app created in a factory function, with a login and an express-jwt guard.
    {
      code: `const express = require('express');
const jwt = require('jsonwebtoken');
const { expressjwt } = require('express-jwt');
function createApp() {
  const app = express();
  app.use('/api', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
  app.post('/login', (req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  });
  return app;
}
module.exports = createApp;`,
      filename: join(plainProject, 'app.js'),
      errors: [
        { messageId: 'acceptedMarkedSession', data: MARKED.missingSetupCheck, line: 6, column: 19 },
        { messageId: 'issuedMarkedSession', data: MARKED.missingSetupLogin, line: 8, column: 23 },
      ],
    },
    // A factory that sets up express-session itself keeps the message of migrated sites.
    {
      code: `const express = require('express');
const session = require('express-session');
const jwt = require('jsonwebtoken');
function createApp() {
  const app = express();
  app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
  app.post('/login', (req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  });
  return app;
}`,
      filename: join(plainProject, 'app.js'),
      errors: [{ messageId: 'issuedSession', line: 8, column: 23 }],
    },
    // A top-level app gets its setup, so its login keeps that message too.
    {
      code: `const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
app.use(express.json());
app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});`,
      filename: join(plainProject, 'server.js'),
      errors: [{ messageId: 'issuedSession', line: 6, column: 21 }],
    },
    // A login wrapped in another call, or registered by a function that gets the app, is only marked.
    {
      code: `const express = require('express');
const next = require('next');
const jwt = require('jsonwebtoken');
const nextApp = next({ dev: false });
nextApp.prepare().then(() => {
  const server = express();
  server.post('/api/login', rateLimited((req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  }));
});`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.unregisteredLogin, line: 8, column: 23 }],
    },
    {
      code: `const express = require('express');
const next = require('next');
const jwt = require('jsonwebtoken');
const nextApp = next({ dev: false });
function routes(app) {
  app.post('/api/login', (req, res) => {
    res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  });
}
nextApp.prepare().then(() => {
  const server = express();
  routes(server);
});`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.unregisteredLogin, line: 7, column: 23 }],
    },
    // An express-jwt guard created before the app, at the top level, is only marked too.
    {
      code: `const express = require('express');
const next = require('next');
const { expressjwt } = require('express-jwt');
const nextApp = next({ dev: false });
const requireUser = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
nextApp.prepare().then(() => {
  const server = express();
  server.use('/api', requireUser);
});`,
      filename: join(nextExpressProject, 'server.js'),
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.unregisteredGuard, line: 5, column: 21 }],
    },
    // A pages/api folder counts only in a project that lists next.
    {
      code: NEXT_API_ROUTE,
      filename: join(plainProject, 'pages/api/login.js'),
      errors: [{ messageId: 'issuedSession', line: 4, column: 33 }],
    },
    // Namespace import, a ctx.body handler in a file that loads no framework: jwt-to-session only marks it.
    {
      code: `import * as jwt from 'jsonwebtoken';\nrouter.post('/login', async (ctx) => {\n  ctx.body = { token: jwt.sign({ id: ctx.state.id }, key) };\n});`,
      filename: FILENAMES.mjs,
      errors: [{ messageId: 'issuedNonExpressSession', data: NO_ADVICE, line: 3, column: 23 }],
    },
    // jose in TSX, returned as access_token.
    {
      code: `import { SignJWT } from 'jose';
export async function createSession(user: { id: string }) {
  const jwt = await new SignJWT({ sub: user.id }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key);
  return { access_token: jwt };
}`,
      filename: FILENAMES.tsx,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.jose, line: 3, column: 21 }],
    },
    // Tokens handed to the client by a route count whatever their claims.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/admin/login', (req, res) => {
  res.cookie('token', jwt.sign({ aud: 'admin', scope: 'admin' }, key, { expiresIn: '7d' }));
  res.end();
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3 }],
    },
    // A Nest service token with a subject set through the options or with a claim computed from the user.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}
  issue(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web' }, { subject: user.id, expiresIn: '7d' });
  }
  issueWithId(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web', jti: user.id });
  }
  issueWithJwtId(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web' }, { jwtid: user.id });
  }
}`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'issuedFrameworkSession', line: 7, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 10, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 13, data: NEST },
      ],
    },
    // A Nest service token whose time claim, header, key id, environment variable name or options can carry the user.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { JwtSignOptions } from '@nestjs/jwt';
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}
  expiryClaim(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web', exp: user.id }, { expiresIn: '30d' });
  }
  headerField(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web' }, { header: { alg: 'HS256', uid: user.id }, expiresIn: '30d' });
  }
  keyId(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web' }, { keyid: user.id, expiresIn: '30d' });
  }
  variableName(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web' }, { audience: process.env[user.id], expiresIn: '30d' });
  }
  templateName(user: { id: string }): string {
    return this.jwt.sign({ aud: 'web', jti: 'x' }, { audience: process.env[\`AUD_\${user.id}\`], expiresIn: '30d' });
  }
  parameterName(name: string): string {
    return this.jwt.sign({ aud: 'ledger' }, { issuer: process.env[name], expiresIn: 60 });
  }
  optionsParameter(options: JwtSignOptions): string {
    return this.jwt.sign({ aud: 'web' }, options);
  }
  lifetime(user: { id: number }): string {
    return this.jwt.sign({ aud: 'web' }, { expiresIn: 60 + user.id });
  }
}`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'issuedFrameworkSession', line: 8, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 11, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 14, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 17, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 20, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 23, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 26, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 29, data: NEST },
      ],
    },
    // jose builder calls that put the user into the header or the issuer, directly or on a builder kept in a variable.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SignJWT } from 'jose';
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}
  serviceAssertion(): string {
    return this.jwt.sign({ aud: 'billing' }, { expiresIn: 60 });
  }
  async headerField(user: { id: string }): Promise<string> {
    return new SignJWT({ aud: 'web' }).setProtectedHeader({ alg: 'HS256', uid: user.id }).sign(this.key);
  }
  async issuer(user: { id: string }): Promise<string> {
    const builder = new SignJWT({ aud: 'web' }).setIssuer(user.id);
    return builder.setProtectedHeader({ alg: 'HS256' }).sign(this.key);
  }
}`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'issuedFrameworkSession', line: 11, data: NEST },
        { messageId: 'issuedFrameworkSession', line: 14, data: NEST },
      ],
    },
    // A subject next to the token claims identifies the user.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ sub: req.user.id, aud: 'web' }, key, { expiresIn: 300 }) });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3 }],
    },
    // @nestjs/jwt service.
    {
      code: `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AuthService {
  constructor(private readonly jwtService: JwtService) {}
  async signIn(user: { id: number }) {
    return { access_token: await this.jwtService.signAsync({ sub: user.id }) };
  }
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedFrameworkSession', line: 7, column: 34, data: NEST }],
    },
    // @fastify/jwt: fastify.jwt.sign returned from a handler, reply.jwtSign, request.jwtVerify.
    {
      code: `const fastify = require('fastify')();
fastify.register(require('@fastify/jwt'), { secret: process.env.SECRET });
fastify.post('/login', async (request, reply) => {
  const token = await reply.jwtSign({ id: request.body.id });
  return { token };
});
fastify.addHook('onRequest', async (request) => {
  await request.jwtVerify();
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [
        { messageId: 'issuedFrameworkSession', line: 4, column: 23, data: FASTIFY },
        { messageId: 'acceptedFrameworkSession', line: 8, column: 9, data: FASTIFY },
      ],
    },
    // Accepting: x-access-token header with a callback.
    {
      code: `const jwt = require('jsonwebtoken');
verifyToken = (req, res, next) => {
  const token = req.headers['x-access-token'];
  if (!token) return res.status(403).send({ message: 'No token provided!' });
  jwt.verify(token, config.secret, (err, decoded) => {
    if (err) return res.status(401).send({ message: 'Unauthorized!' });
    req.userId = decoded.id;
    next();
  });
};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedSession', line: 5, column: 3 }],
    },
    // Accepting: an x-auth-token header in a route that sends the user back, without next().
    {
      code: `const jwt = require('jsonwebtoken');
app.get('/me', (req, res) => {
  const user = jwt.verify(req.headers['x-auth-token'], process.env.JWT_SECRET);
  res.json(user);
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedSession', line: 3, column: 16 }],
    },
    // Accepting: a bearer token in middleware that sets req.user and calls next(), below a webhook path.
    {
      code: `import jwt from 'jsonwebtoken';
app.use('/webhooks', (req, res, next) => {
  req.user = jwt.verify(req.headers.authorization.split(' ')[1], process.env.JWT_SECRET);
  next();
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 3, column: 14 }],
    },
    // Accepting: a signature header whose payload lands in the session, or that middleware passes on with next().
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/webhooks/login', (req, res) => {
  req.session.user = jwt.verify(req.headers['x-signature'], process.env.JWT_SECRET);
  res.sendStatus(204);
});
app.use((req, res, next) => {
  jwt.verify(req.get('x-hub-signature-256'), process.env.JWT_SECRET);
  next();
});`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'acceptedSession', line: 3, column: 22 },
        { messageId: 'acceptedSession', line: 7, column: 3 },
      ],
    },
    // Known limitation: a header name taken by destructuring \`req.headers\` is not read, so this signature is reported.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/events', (req, res) => {
  const { 'x-webhook-signature': signature } = req.headers;
  const event = jwt.verify(signature, process.env.EVENTS_KEY);
  events.record(event);
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 4, column: 17 }],
    },
    // Accepting: dashboard APIs that list or delete webhooks for the user the token names.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/api/projects/:id/webhooks', async (req, res) => {
  const { sub } = jwt.verify(req.headers.authorization.split(' ')[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
  res.json(await db.hooks.list(req.params.id, sub));
});
app.delete('/api/webhooks/:id', async (req, res) => { const claims = jwt.verify(req.headers.authorization.split(' ')[1], process.env.JWT_SECRET); await db.hooks.remove(req.params.id, claims.sub); res.sendStatus(204); });
async function listWebhooks(req, res) { const claims = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET); res.json(await db.hooks.list(claims.sub)); }
app.get('/api/integrations', listWebhooks);`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'acceptedSession', line: 3, column: 19 },
        { messageId: 'acceptedSession', line: 6, column: 70 },
        { messageId: 'acceptedSession', line: 7, column: 56 },
      ],
    },
    // Accepting: a GET route below a webhook path sends the verified token's payload back.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/webhooks/settings', (req, res) => res.json(jwt.verify(req.headers.authorization.slice(7), key)));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 2, column: 54 }],
    },
    // Accepting: a POST webhook route whose handler reads the user from the payload, also through jose's result.
    {
      code: `import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';
app.post('/api/webhooks', async (req, res) => {
  const claims = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);
  const owner = claims;
  res.status(201).json(await db.hooks.create(owner.userId, req.body.url));
});
router.post('/webhooks/test', async (req, res) => {
  const { payload } = await jwtVerify(req.headers.authorization.slice(7), key);
  await mailer.sendTest(payload.email); res.sendStatus(202);
});`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'acceptedSession', line: 4, column: 18 },
        { messageId: 'acceptedMarkedSession', data: MARKED.jose, line: 9, column: 29 },
      ],
    },
    // Accepting: routes of a router mounted below a webhook path that are not POST routes.
    {
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const router = express.Router();
router.get('/', (req, res) => {
  const token = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);
  res.json(hooks.forAccount(token.account));
});
app.use('/webhooks', router);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 5, column: 17 }],
    },
    // Known limitation: a webhook receiver that reads a user claim from the delivered event is reported.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/webhooks/signup', (req, res) => { mailer.welcome(jwt.verify(req.headers.authorization.slice(7), key).email); res.sendStatus(204); });`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 2, column: 61 }],
    },
    // Known limitation: a router mounted below a webhook path in another file, whose own file is not named for webhooks, is reported.
    {
      code: `import jwt from 'jsonwebtoken';
router.post('/', (req, res) => { queue.push(jwt.verify(req.headers.authorization.slice(7), key)); res.sendStatus(202); });`,
      filename: 'src/routes/stripe.js',
      errors: [{ messageId: 'acceptedSession', line: 2, column: 45 }],
    },
    // Accepting: a DELETE route in a router file named for webhooks.
    {
      code: `const router = require('express').Router();
const jwt = require('jsonwebtoken');
router.delete('/:id', (req, res) => {
  const token = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);
  hooks.remove(req.params.id, token.account); res.sendStatus(204);
});
module.exports = router;`,
      filename: 'src/routes/webhooks.js',
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedSession', line: 4, column: 17 }],
    },
    // Accepting: a cookie in a webhook route still carries a browser's session.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/webhooks/replay', (req, res) => {
  const user = jwt.verify(req.cookies.token, process.env.JWT_SECRET);
  res.json({ replayedBy: user.id });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 3, column: 16 }],
    },
    // Accepting: Authorization bearer header in TypeScript middleware.
    {
      code: `import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization') ?? '';
  const token = header.replace('Bearer ', '');
  res.locals.user = jwt.verify(token, key, { algorithms: ['HS256'] });
  next();
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedSession', line: 6, column: 21 }],
    },
    // Accepting: a cookie verified with jose, through a renamed import.
    {
      code: `import { jwtVerify as check } from 'jose';\napp.use(async (req, res, next) => {\n  const { payload } = await check(req.cookies.session, key, { algorithms: ['HS256'] });\n  req.user = payload;\n  next();\n});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.jose, line: 3, column: 29 }],
    },
    // express-jwt in both export styles, koa-jwt and passport-jwt.
    {
      code: `const expressJwt = require('express-jwt');\napp.use(expressJwt({ secret: key, algorithms: ['HS256'] }));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedSession', line: 2, column: 9 }],
    },
    {
      code: `import { expressjwt } from 'express-jwt';\napp.use('/api', expressjwt({ secret: key, algorithms: ['HS256'] }));`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedSession', line: 2, column: 17 }],
    },
    {
      code: `import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: key, algorithms: ['HS256'] }));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedFrameworkSession', line: 2, column: 9, data: KOA }],
    },
    {
      code: `const JwtStrategy = require('passport-jwt').Strategy;
const ExtractJwt = require('passport-jwt').ExtractJwt;
passport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key, algorithms: ['HS256'] }, verify));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.passport, line: 3, column: 14 }],
    },
    // A Set-Cookie header built with the cookie package.
    {
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = jwt.sign({ sub: req.body.id }, key, { expiresIn: '5m' });
  res.setHeader('Set-Cookie', serialize('token', token, { httpOnly: true, secure: true, sameSite: 'lax' }));
  res.status(200).json({ ok: true });
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.setCookie, line: 5, column: 17 }],
    },
    {
      code: `const cookie = require('cookie');\nconst jwt = require('jsonwebtoken');\nmodule.exports = (req, res) => {\n  res.setHeader('Set-Cookie', cookie.serialize('jwt', jwt.sign({ id: 1 }, key)));\n  res.end();\n};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.setCookie, line: 4, column: 55 }],
    },
    // A local function that shares a name with jwks-rsa's provider is not a remote key set.
    {
      code: `import { expressjwt } from 'express-jwt';
const expressJwtSecret = () => process.env.JWT_SECRET;
app.use(expressjwt({ secret: expressJwtSecret(), algorithms: ['HS256'] }));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedSession', line: 3, column: 9 }],
    },
    // Known limitation: a key callback that fetches from a key set is not recognised, so the provider's token counts as a session.
    {
      code: `const jwt = require('jsonwebtoken');
const client = require('jwks-rsa')({ jwksUri });
const getKey = (header, callback) => client.getSigningKey(header.kid, (err, key) => callback(err, key?.getPublicKey()));
app.use((req, res, next) => jwt.verify(req.headers.authorization, getKey, { algorithms: ['RS256'] }, (err, claims) => {
  req.user = claims;
  next(err);
}));`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedSession', line: 4, column: 29 }],
    },
    // Accepting in a Nest guard.
    {
      code: `import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private jwtService: JwtService) {}
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    const token = this.extractToken(request);
    if (!token) throw new UnauthorizedException();
    request['user'] = await this.jwtService.verifyAsync(token, { secret: jwtConstants.secret });
    return true;
  }
  private extractToken(request: Request): string | undefined {
    const [type, token] = request.headers.authorization?.split(' ') ?? [];
    return type === 'Bearer' ? token : undefined;
  }
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedFrameworkSession', line: 10, column: 29, data: NEST }],
    },
    // Hono: a login that returns the token through c.json.
    {
      code: `import { Hono } from 'hono';
import jwt from 'jsonwebtoken';
const app = new Hono();
app.post('/login', async (c) => {
  const body = await c.req.json();
  const token = jwt.sign({ id: body.id }, process.env.JWT_SECRET!, { expiresIn: '2h' });
  return c.json({ token });
});
export default app;`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedHonoSession', line: 6, column: 17 }],
    },
    // Hono: c.text, c.header, c.redirect and setCookie of hono/cookie, with the context under other names.
    {
      code: `const { Hono } = require('hono');
const { setCookie } = require('hono/cookie');
const jwt = require('jsonwebtoken');
const app = new Hono()
  .post('/login/text', (c) => c.text(jwt.sign({ id: 1 }, key)))
  .post('/login/header', (context) => {
    context.header('Authorization', \`Bearer \${jwt.sign({ id: 1 }, key)}\`);
    return context.body(null, 204);
  })
  .get('/sso', (ctx) => ctx.redirect(\`/app#token=\${jwt.sign({ id: 1 }, key)}\`))
  .post('/login/cookie', (c) => {
    setCookie(c, 'session', jwt.sign({ id: 1 }, key), { httpOnly: true });
    return c.body(null, 204);
  });
module.exports = app;`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [
        { messageId: 'issuedHonoSession', line: 5 },
        { messageId: 'issuedHonoSession', line: 7 },
        { messageId: 'issuedHonoSession', line: 10 },
        { messageId: 'issuedHonoSession', line: 12 },
      ],
    },
    // hono/jwt: a login that signs with hono/jwt's sign and returns the token through c.json.
    {
      code: `import { Hono } from 'hono';
import { sign } from 'hono/jwt';
const app = new Hono();
app.post('/login', async (c) => {
  const { id } = await c.req.json();
  const token = await sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 60 * 5 }, c.env.JWT_SECRET);
  return c.json({ token });
});
export default app;`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedHonoSession', line: 6, column: 23 }],
    },
    // hono/jwt: renamed, namespace and hono/utils/jwt bindings, with the token in a cookie and a header.
    {
      code: `import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { sign as signJwt } from 'hono/jwt';
import * as honoJwt from 'hono/jwt';
import { Jwt } from 'hono/utils/jwt';
const app = new Hono()
  .post('/login/cookie', async (c) => {
    setCookie(c, 'session', await signJwt({ sub: 'a' }, key), { httpOnly: true });
    return c.body(null, 204);
  })
  .post('/login/header', async (c) => {
    c.header('Authorization', \`Bearer \${await honoJwt.sign({ sub: 'a' }, key)}\`);
    return c.body(null, 204);
  })
  .post('/login/text', async (c) => c.text(await Jwt.sign({ sub: 'a' }, key)));
export default app;`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'issuedHonoSession', line: 8, column: 35 },
        { messageId: 'issuedHonoSession', line: 12, column: 47 },
        { messageId: 'issuedHonoSession', line: 15, column: 50 },
      ],
    },
    // hono/jwt's sign imported from the module that defines it.
    {
      code: `import { Hono } from 'hono';
import { sign } from 'hono/utils/jwt/jwt';
const app = new Hono();
app.post('/login', async (c) => c.json({ token: await sign({ sub: '1' }, 'k') }));
export default app;`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedHonoSession', line: 4, column: 55 }],
    },
    // Hono: a handler defined apart and registered by name, and an @hono/zod-openapi route.
    {
      code: `import { Hono } from 'hono';
import { sign } from 'hono/jwt';
const login = async (c) => {
  const token = await sign({ sub: '1', exp: Math.floor(Date.now() / 1000) + 60 }, c.env.JWT_SECRET);
  return c.json({ token });
};
async function refresh(c) {
  return c.json({ token: await sign({ sub: '1', exp: Math.floor(Date.now() / 1000) + 60 }, c.env.JWT_SECRET) });
}
const app = new Hono();
app.post('/login', login);
app.post('/session', refresh);
export default app;`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'issuedHonoSession', line: 4, column: 23 },
        { messageId: 'issuedHonoSession', line: 8, column: 32 },
      ],
    },
    {
      code: `import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { sign } from 'hono/jwt';
const app = new OpenAPIHono();
const route = createRoute({ method: 'post', path: '/login', responses: { 200: { description: 'ok' } } });
app.openapi(route, async (c) => {
  const token = await sign({ sub: '1', exp: Math.floor(Date.now() / 1000) + 60 }, c.env.JWT_SECRET);
  return c.json({ token }, 200);
});
export default app;`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedHonoSession', line: 6, column: 23 }],
    },
    // hono/jwt: a required sign in CommonJS.
    {
      code: `const { Hono } = require('hono');
const { sign } = require('hono/jwt');
const app = new Hono();
app.post('/login', async (c) => c.json({ token: await sign({ sub: 'a' }, key) }));
module.exports = app;`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedHonoSession', line: 4, column: 55 }],
    },
    // hono/jwt: the jwt() middleware and a verification of the bearer token accept the JWT as the session.
    {
      code: `import { Hono } from 'hono';
import { jwt, verify } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256' }));
app.use('/admin/*', async (c, next) => {
  const token = c.req.header('Authorization')?.replace('Bearer ', '') ?? '';
  c.set('admin', await verify(token, process.env.JWT_SECRET!, 'HS256'));
  await next();
});
export default app;`,
      filename: FILENAMES.ts,
      errors: [
        { messageId: 'acceptedHonoSession', line: 4, column: 19 },
        { messageId: 'acceptedHonoSession', line: 7, column: 24 },
      ],
    },
    // hono/jwt: a token from the query string that middleware verifies before next() is the session.
    {
      code: `import { Hono } from 'hono';
import { verify } from 'hono/jwt';
const app = new Hono();
app.use('/stream/*', async (c, next) => {
  const token = c.req.query('access_token') ?? '';
  c.set('user', await verify(token, c.env.JWT_SECRET, 'HS256'));
  await next();
});`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedHonoSession', line: 6, column: 23 }],
    },
    // Koa, Fastify and Nest files that load their framework and not express: jwt-to-session only marks them.
    {
      code: `const Koa = require('koa');
const Router = require('@koa/router');
const jwt = require('jsonwebtoken');
const router = new Router();
router.post('/login', async (ctx) => {
  ctx.body = { token: jwt.sign({ id: ctx.request.body.id }, process.env.JWT_SECRET) };
});
new Koa().use(router.routes()).listen(3000);`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedFrameworkSession', line: 6, column: 23, data: KOA }],
    },
    {
      code: `import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
const app = Fastify();
app.get('/me', async (request, reply) => {
  const user = jwt.verify(request.headers.authorization.slice(7), key, { algorithms: ['HS256'] });
  return reply.send(user);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedFrameworkSession', line: 5, column: 16, data: FASTIFY }],
    },
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
@Controller('auth')
export class AuthController {
  @Post('login')
  login(@Body() body: { id: string }) {
    return { token: jwt.sign({ sub: body.id }, process.env.JWT_SECRET as string) };
  }
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedFrameworkSession', line: 7, column: 21, data: NEST }],
    },
    // Known limitation: the path of a Nest controller is not read, so this webhook receiver is reported.
    {
      code: `import { Controller, Post, Req } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
@Controller('webhooks')
export class StripeController {
  @Post()
  receive(@Req() req: Request) {
    return this.billing.apply(jwt.verify(req.headers.authorization.slice(7), process.env.STRIPE_KEY as string));
  }
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedFrameworkSession', line: 7, column: 31, data: NEST }],
    },
    // Nest: the method decorator gives the route method, so a GET method named for webhooks is reported
    // and a POST method below a webhook path is not.
    {
      code: `import { Controller, Get, Post, Req } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
@Controller('hooks')
export class HooksController {
  @Get()
  listWebhooks(@Req() req: Request) {
    const token = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET as string) as { team: string };
    return this.hooks.forTeam(token.team);
  }
  @Post('webhooks/stripe')
  receive(@Req() req: Request) {
    const event = jwt.verify(req.headers.authorization.slice(7), process.env.STRIPE_KEY as string);
    return this.billing.apply(event);
  }
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedFrameworkSession', line: 7, column: 19, data: NEST }],
    },
    // Express: a file that loads express keeps the message that names the codemod, even beside a Koa module.
    {
      code: `const express = require('express');
const koaCompose = require('koa-compose');
const jwt = require('jsonwebtoken');
const app = express();
app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET) });
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedSession', line: 6, column: 21 }],
    },
    // hapi: jwt-to-session only marks the file's handlers, and the message names no framework.
    {
      code: `const Hapi = require('@hapi/hapi');
const jwt = require('jsonwebtoken');
const server = Hapi.server({ port: 3000 });
server.route({
  method: 'POST',
  path: '/login',
  handler: (request, h) => h.response({ token: jwt.sign({ id: request.payload.id }, process.env.JWT_SECRET) }),
});
server.ext('onPreAuth', (request, h) => {
  request.auth.user = jwt.verify(request.headers.authorization.slice(7), process.env.JWT_SECRET, { algorithms: ['HS256'] });
  return h.continue;
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [
        { messageId: 'issuedNonExpressSession', line: 7, column: 48 },
        { messageId: 'acceptedNonExpressSession', line: 10, column: 23 },
      ],
    },
    // A file that loads express and koa: a handler on the express app keeps the message that names the codemod, one
    // on a router from neither module is only marked by jwt-to-session.
    {
      code: `import express from 'express';
import Koa from 'koa';
import jwt from 'jsonwebtoken';
const app = express();
app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET) });
});
router.post('/admin/login', (req, res) => {
  res.json({ token: jwt.sign({ id: req.body.id }, process.env.JWT_SECRET) });
});
new Koa().listen(3001);`,
      filename: FILENAMES.mjs,
      errors: [
        { messageId: 'issuedSession', line: 6, column: 21 },
        { messageId: 'issuedNonExpressSession', line: 9, column: 21 },
      ],
    },
    // Hono: a handler typed with Hono's Context in a routes file that registers it elsewhere.
    {
      code: `import type { Context } from 'hono';
import { SignJWT } from 'jose';
export async function login(c: Context) {
  const token = await new SignJWT({ sub: c.get('userId') }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  return c.json({ token });
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'issuedHonoSession', line: 4, column: 23 }],
    },
    // Accepting: a bearer token stored on the request, then verified.
    {
      code: `const jwt = require('jsonwebtoken');
const verifyToken = (req, res, next) => {
  req.token = req.headers['authorization'].split(' ')[1];
  const decoded = jwt.verify(req.token, process.env.SECRET);
  req.userId = decoded.id;
  next();
};
module.exports = { verifyToken };`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.storedToken, line: 4, column: 19 }],
    },
    // Accepting: the same with a verify callback and a header read into a variable first.
    {
      code: `const jwt = require('jsonwebtoken');
verifyToken = (req, res, next) => {
  const bearerHeader = req.headers['authorization'];
  if (typeof bearerHeader === 'undefined') return res.status(403).send('No token');
  req.token = bearerHeader.split(' ')[1];
  jwt.verify(req.token, process.env.SECRET, (err, decoded) => {
    if (err) return res.status(401).send('Unauthorized!');
    req.userId = decoded.id;
    next();
  });
};`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.storedToken, line: 6, column: 3 }],
    },
    // Accepting: a computed key and a TypeScript cast on the stored property.
    {
      code: `import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
export function auth(req: Request, res: Response, next: NextFunction) {
  const bearer = req.get('authorization')?.replace('Bearer ', '');
  (req as AuthRequest)['token'] = bearer;
  res.locals.user = jwt.verify((req as AuthRequest).token, key, { algorithms: ['HS256'] });
  next();
}`,
      filename: FILENAMES.ts,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.storedTokenCast, line: 6, column: 21 }],
    },
    // Accepting: earlier middleware in the same file stores the cookie on the request.
    {
      code: `import jwt from 'jsonwebtoken';
function readToken(req, res, next) {
  req.token = req.cookies.session;
  next();
}
function requireUser(req, res, next) {
  req.user = jwt.verify(req.token, key, { algorithms: ['HS256'] });
  next();
}
app.use(readToken, requireUser);`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'acceptedMarkedSession', data: MARKED.storedToken, line: 7, column: 14 }],
    },
    // Issuing in JSX files works the same.
    {
      code: `import jwt from 'jsonwebtoken';\nexport default function handler(req, res) {\n  res.status(200).json({ token: jwt.sign({ id: 1 }, key) });\n}`,
      filename: FILENAMES.jsx,
      errors: [{ messageId: 'issuedSession', line: 3, column: 33 }],
    },
    // ---- Express sites that jwt-to-session marks instead of rewriting ----
    // A refresh-token route, which sessions make unnecessary.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/auth/refresh', (req, res) => {
  const claims = jwt.verify(req.cookies.refresh, process.env.JWT_SECRET, { algorithms: ['HS256'] });
  res.json({ token: jwt.sign({ sub: claims.sub }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'acceptedMarkedSession', data: MARKED.refresh, line: 3, column: 18 },
        { messageId: 'issuedMarkedSession', data: MARKED.refresh, line: 4, column: 21 },
      ],
    },
    // A login that also signs a refresh token keeps its login wording in the reason.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  const refreshToken = jwt.sign({ sub: user.id }, process.env.REFRESH_SECRET, { expiresIn: '14d' });
  res.json({ accessToken, refreshToken });
});`,
      filename: FILENAMES.js,
      errors: [
        { messageId: 'issuedMarkedSession', data: MARKED.loginWithRefresh, line: 4, column: 23 },
        { messageId: 'issuedMarkedSession', data: MARKED.loginWithRefresh, line: 5, column: 24 },
      ],
    },
    // The session guard that jwt-to-session puts in place of an inline expressjwt() is an authentication middleware.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/api/keys', (req, res, next) => {
  if (!req.session.user) {
    return next(Object.assign(new Error('Login required: the request has no session.'), { name: 'UnauthorizedError', status: 401 }));
  }
  req.auth = req.session.user;
  next();
}, (req, res) => {
  const key = jwt.sign({ sub: req.body.label }, process.env.JWT_SECRET, { expiresIn: '90d' });
  res.json({ key });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSignedInUserToken', line: 9, column: 15 }],
    },
    // A body validator whose name starts like an authentication middleware does not make a sign-up an API key.
    {
      code: `import jwt from 'jsonwebtoken';
const validateAuth = (req, res, next) => (req.body.email && req.body.password ? next() : res.sendStatus(422));
app.post('/register', validateAuth, async (req, res) => {
  const user = await users.create(req.body);
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 5, column: 21 }],
    },
    // A token for a user whom an earlier middleware of the route has signed in is an API key, not a login.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/api/tokens', requireUser, async (req, res) => {
  const apiKey = jwt.sign({ sub: req.user.id, scope: 'api' }, process.env.JWT_SECRET, { expiresIn: '365d' });
  res.status(201).json({ apiKey });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSignedInUserToken', line: 3, column: 18 }],
    },
    // A payload read from res.locals.user, which an earlier middleware stores, marks the token the same way.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/api/keys', async (req, res) => {
  res.json({ key: jwt.sign({ sub: res.locals.user.id }, process.env.JWT_SECRET, { expiresIn: '90d' }) });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSignedInUserToken', line: 3, column: 19 }],
    },
    // A handler that destructures its request leaves the codemod no req to add the session to.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', async ({ body }, res) => {
  const user = await users.check(body.email, body.password);
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.destructuredRequest, line: 4, column: 21 }],
    },
    // A token that also goes to another service.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '5m' });
  await fetch(AUDIT_URL, { method: 'POST', headers: { Authorization: \`Bearer \${token}\` } });
  res.json({ token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.outgoingRequest, line: 4, column: 17 }],
    },
    // A login signed in a class method.
    {
      code: `import jwt from 'jsonwebtoken';
class AuthController {
  login(req, res) {
    res.json({ token: jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET, { expiresIn: '5m' }) });
  }
}
app.post('/login', (req, res) => new AuthController().login(req, res));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.classMethod, line: 4, column: 23 }],
    },
    // Known limitation: the codemod marks this login because other code also reads the token, which it
    // finds only while it plans the rewrite, so the message still states that the codemod migrates it.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const token = jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET, { expiresIn: '5m' });
  audit.record(token);
  res.json({ token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    // ---- Tokens embedded in a larger string ----
    // Anonymous claims, but the token also goes whole into the body next to the embed URL.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/a', (req, res) => {
  const token = jwt.sign({ resource: { dashboard: 1 }, params: {} }, process.env.K);
  res.json({ url: \`/embed/dashboard/\${token}\`, token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 3, column: 17 }],
    },
    // An embed URL whose payload carries a value from the request.
    {
      code: `const jwt = require('jsonwebtoken');
app.get('/api/metabase', (req, res) => {
  const payload = { resource: { dashboard: 12 }, params: { region: req.query.region } };
  const token = jwt.sign(payload, process.env.METABASE_SECRET_KEY);
  res.json({ iframeUrl: \`\${process.env.METABASE_SITE_URL}/embed/dashboard/\${token}\` });
});`,
      filename: FILENAMES.cjs,
      languageOptions: commonjs,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 4, column: 17 }],
    },
    // An embedded token whose subject is the logged-in user.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/playback', (req, res) => {
  const token = jwt.sign({ sub: req.user.id, aud: 'v' }, privateKey, { algorithm: 'RS256', expiresIn: '1h' });
  res.json({ src: \`https://stream.mux.com/\${process.env.MUX_PLAYBACK_ID}.m3u8?token=\${token}\` });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 3, column: 17 }],
    },
    // The subject comes from a looked-up user, a converted id or a parameter.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/embed', async (req, res) => {
  const user = await users.find(req.session.email);
  const token = jwt.sign({ sub: user.id }, key, { expiresIn: '10m' });
  res.json({ url: SITE_URL + '/embed/' + token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 4, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/embed', async (req, res) => {
  const account = await accounts.find(req.session.email);
  const token = jwt.sign({ sub: String(account.id) }, key, { expiresIn: '10m' });
  res.json({ url: \`\${SITE_URL}/embed/\${token}\` });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 4, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
function sendEmbed(res, userId) {
  const token = jwt.sign({ sub: userId }, key, { expiresIn: '10m' });
  res.json({ url: \`\${SITE_URL}/embed/\${token}\` });
}
app.get('/embed', (req, res) => sendEmbed(res, req.user.id));`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.helper, line: 3, column: 17 }],
    },
    // A token with a fixed subject that goes whole into the body, a cookie or a Bearer header.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/playback', (req, res) => {
  const token = jwt.sign({ sub: process.env.MUX_PLAYBACK_ID, aud: 'v' }, privateKey, { algorithm: 'RS256', expiresIn: '1h' });
  res.json({ token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/playback', (req, res) => {
  const token = jwt.sign({ sub: 'demo' }, key, { expiresIn: '1h' });
  res.cookie('token', token, { httpOnly: true });
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/playback', (req, res) => {
  const token = jwt.sign({ sub: 'demo' }, key, { expiresIn: '1h' });
  res.setHeader('Authorization', \`Bearer \${token}\`);
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    // A subject in the sign options names the user too.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/embed', (req, res) => {
  const token = jwt.sign({ scope: 'embed' }, key, { subject: req.user.id });
  res.json({ url: \`\${SITE_URL}/embed/\${token}\` });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 3, column: 17 }],
    },
    // A payload variable that a later statement changes may carry the user.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/embed', (req, res) => {
  const payload = { resource: { dashboard: 12 } };
  payload.params = { user: req.user.id };
  const token = jwt.sign(payload, key);
  res.json({ url: \`\${SITE_URL}/embed/\${token}\` });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 5, column: 17 }],
    },
    // A redirect URL hands a login over to the browser.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', async (req, res) => {
  const user = await users.check(req.body.email, req.body.password);
  const token = jwt.sign({ id: user.id }, key, { expiresIn: '5m' });
  res.redirect('/welcome?token=' + token);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 4, column: 17 }],
    },
    // A redirect counts even when the payload names no user.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/start', (req, res) => {
  const token = jwt.sign({ scope: 'app' }, key, { expiresIn: '5m' });
  res.redirect(\`/welcome?token=\${token}\`);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    // A response header, a cookie and the whole token in the body count whatever the payload.
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/start', (req, res) => {
  const token = jwt.sign({ scope: 'app' }, key, { expiresIn: '5m' });
  res.setHeader('Authorization', \`Bearer \${token}\`);
  res.sendStatus(204);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/start', (req, res) => {
  const token = jwt.sign({ scope: 'app' }, key, { expiresIn: '5m' });
  res.cookie('session', \`v1.\${token}\`, { httpOnly: true });
  res.json({ link: \`/app?token=\${token}\` });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.embedded, line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/start', (req, res) => {
  const token = jwt.sign({ scope: 'app' }, key, { expiresIn: '5m' });
  res.json({ token });
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedSession', line: 3, column: 17 }],
    },
    // Next.js: an embedded token whose payload names the user.
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function GET(request) {
  const user = await getUser(request);
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  return NextResponse.json({ appUrl: \`\${process.env.APP_URL}/start?token=\${token}\` });
}`,
      filename: join(nextProject, 'app/api/start/route.js'),
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 17 }],
    },
    // The text of a URL object that contains the token, in a redirect.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.set('token', token);
  res.redirect(url.href);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.append('token', token);
  res.redirect(\`\${url}\`);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
import { redirect } from 'next/navigation';
export async function login(formData) {
  'use server';
  const token = jwt.sign({ sub: formData.get('email') }, process.env.JWT_SECRET);
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.set('token', token);
  redirect(url.href);
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
import { redirect } from 'next/navigation';
export async function login(formData) {
  'use server';
  const token = jwt.sign({ sub: formData.get('email') }, process.env.JWT_SECRET);
  const url = new URL('/dashboard', process.env.APP_URL);
  url.searchParams.set('token', token);
  redirect(url.toString());
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';
export async function POST(request) {
  const url = new URL('/welcome', request.url);
  url.searchParams.set('token', jwt.sign({ sub: 1 }, process.env.JWT_SECRET));
  return NextResponse.redirect(String(url));
}`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedFrameworkSession', data: NEXT, line: 5, column: 33 }],
    },
    // The text of a URL built around the token.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.redirect(new URL(\`/dashboard?token=\${token}\`, process.env.APP_URL).toString());
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    // URLSearchParams built from an object that contains the token, turned into text.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.redirect(\`/dashboard?\${new URLSearchParams({ token })}\`);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    // res.writeHead with a Set-Cookie header, alone or in an array, and with a Location header.
    {
      code: `import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.writeHead(200, { 'Set-Cookie': serialize('token', token, { httpOnly: true }) });
  res.end();
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.setCookie, line: 4, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.writeHead(200, { 'Set-Cookie': [serialize('token', token, { httpOnly: true }), 'theme=dark'] });
  res.end();
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.setCookie, line: 4, column: 17 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.writeHead(302, { Location: \`/app?token=\${token}\` });
  res.end();
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
    // res.location sets the URL of a redirect.
    {
      code: `import jwt from 'jsonwebtoken';
app.post('/login', (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET);
  res.location(\`/app?token=\${token}\`).sendStatus(302);
});`,
      filename: FILENAMES.js,
      errors: [{ messageId: 'issuedMarkedSession', data: MARKED.redirect, line: 3, column: 17 }],
    },
  ],
});

describe('no-jwt-session Pages Router advice', () => {
  const lint = (code: string, filename: string): string[] =>
    new Linter({ cwd: '/' })
      .verify(
        code,
        {
          files: ['**/*.{js,mjs}'],
          plugins: { sessions: { rules: { 'no-jwt-session': rule } } } as never,
          rules: { 'sessions/no-jwt-session': 'error' },
        },
        filename,
      )
      .map((message) => message.message);

  it('names res.setHeader in an API route', () => {
    const [message] = lint(NEXT_API_ROUTE, join(nextProject, 'pages/api/login.js'));
    expect(message).toContain('This is Next.js API route code (Pages Router).');
    expect(message).toContain("res.setHeader('Set-Cookie', ...)");
    expect(message).toContain("Auth.js (NextAuth) with `session: { strategy: 'database' }`");
    expect(message).not.toContain('cookies().set()');
    expect(message).toContain('only marks this code');
  });

  it('keeps other mark-only messages unchanged', () => {
    const code = `import * as jwt from 'jsonwebtoken';\nrouter.post('/login', async (ctx) => {\n  ctx.body = { token: jwt.sign({ id: ctx.state.id }, key) };\n});`;
    const [message] = lint(code, FILENAMES.mjs);
    expect(message).toContain('expires. Move this login to a server-side session by hand; `npx');
    expect(message).not.toContain('Next.js');
    expect(message).not.toContain('{{');
  });
});
