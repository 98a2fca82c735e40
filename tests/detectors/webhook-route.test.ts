import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { findJwtCalls, type JwtCall } from '../../src/detectors/jwt-library.js';
import { getEnclosingFunction, getEnclosingRequestHandler } from '../../src/detectors/request-handler.js';
import { acceptsPost, getHandlerRoute, type HandlerRoute, readsUserClaim } from '../../src/detectors/webhook-route.js';
import { parseSourceCode } from '../../src/source-code.js';

const project = mkdtempSync(join(tmpdir(), 'sessions-webhook-route-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'hooks', dependencies: { next: '^15.0.0', express: '^5.0.0' } }));
mkdirSync(join(project, 'webhooks'));

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

/** Parses `text` and returns the route of the handler around its first JWT verification, found as no-jwt-session finds it. */
function routeOf(text: string, filePath = 'file.js'): HandlerRoute {
  const sourceCode = parseSourceCode(text, filePath);
  const call = findJwtCalls(sourceCode).find((candidate) => candidate.operation === 'verify') as JwtCall;
  return getHandlerRoute(sourceCode, getEnclosingRequestHandler(call.node) ?? getEnclosingFunction(call.node), filePath);
}

/** Parses `text` and tests whether it reads a user claim from its first JWT verification. */
function readsUser(text: string, filePath = 'file.js'): boolean {
  const sourceCode = parseSourceCode(text, filePath);
  const call = findJwtCalls(sourceCode).find((candidate) => candidate.operation === 'verify') as JwtCall;
  return readsUserClaim(sourceCode, call);
}

const VERIFY = `const event = jwt.verify(req.headers.authorization, key);`;

describe('getHandlerRoute', () => {
  it('reads the method and path of an inline route', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\napp.post('/webhooks/stripe', (req, res) => { ${VERIFY} });`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toContain('/webhooks/stripe');
  });

  it('reads the route of a handler registered by name', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\nasync function listWebhooks(req, res) { ${VERIFY} }\napp.get('/api/integrations', listWebhooks);`);
    expect(route.methods).toEqual(['get']);
    expect(route.names).toEqual(expect.arrayContaining(['listWebhooks', '/api/integrations']));
  });

  it('reads the route through a list and a wrapper call', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\nrouter.delete('/hooks/:id', [auth, wrap(async (req, res) => { ${VERIFY} })]);`);
    expect(route.methods).toEqual(['delete']);
    expect(route.names).toContain('/hooks/:id');
  });

  it('adds the paths a router is mounted at in the file', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
const hooks = express.Router();
hooks.route('/stripe').post((req, res) => { ${VERIFY} });
const api = express.Router();
api.use('/webhooks', express.raw(), hooks);
app.use('/api', api);`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toEqual(expect.arrayContaining(['/stripe', '/webhooks', '/api']));
  });

  it('ignores a call with the router that mounts nothing', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
const hooks = express.Router();
hooks.post('/stripe', (req, res) => { ${VERIFY} });
registry.add('/webhooks', hooks);`);
    expect(route.names).not.toContain('/webhooks');
  });

  it('reads the route path of a chain of route calls', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
const hooks = express.Router();
hooks.route('/stripe').get(list).post((req, res) => { ${VERIFY} });
app.use('/webhooks', hooks);`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toEqual(expect.arrayContaining(['/stripe', '/webhooks']));
  });

  it('reads a Hono route registered with on()', () => {
    const route = routeOf(`import { verify } from 'hono/jwt';
app.on(['PUT', 'POST'], '/webhooks', async (c) => { await verify(c.req.header('authorization'), key); });`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toContain('/webhooks');
  });

  it('ignores an event listener registered with on()', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
server.on('request', (req, res) => { ${VERIFY} });`);
    expect(route.methods).toEqual([]);
    expect(route.names).not.toContain('request');
  });

  it('reads a koa-router route name before its path', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\nrouter.post('stripe', '/webhooks/stripe', async (ctx) => { const event = jwt.verify(ctx.get('authorization'), key); });`);
    expect(route.names).toEqual(expect.arrayContaining(['stripe', '/webhooks/stripe']));
  });

  it('reads a Fastify route object', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
fastify.route({ method: ['GET', 'POST'], url: '/webhooks', handler: async (request, reply) => { jwt.verify(request.headers.authorization, key); } });`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toContain('/webhooks');
  });

  it('reads Nest method decorators', () => {
    const route = routeOf(
      `import * as jwt from 'jsonwebtoken';
class HooksController {
  @Get('webhooks')
  list(@Req() req: Request) { return jwt.verify(req.headers.authorization, key); }
}`,
      'hooks.controller.ts',
    );
    expect(route.methods).toEqual(['get']);
    expect(route.names).toEqual(expect.arrayContaining(['list', 'webhooks']));
  });

  it('reads the method of an App Router export and its folders', () => {
    const filePath = join(project, 'app/api/webhooks/route.js');
    const route = routeOf(`import jwt from 'jsonwebtoken';\nexport async function GET(request) { jwt.verify(request.headers.get('authorization'), key); }`, filePath);
    expect(route.methods).toEqual(['get']);
    expect(route.names).toEqual(expect.arrayContaining(['GET', 'api', 'webhooks']));
    expect(route.names).not.toContain('route');
  });

  it('takes the method from the first function with a registration', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';
export function mount(app) {
  app.post('/webhooks', (req, res) => { ${VERIFY} });
}
app.get('/setup', mount);`);
    expect(route.methods).toEqual(['post']);
    expect(route.names).toEqual(expect.arrayContaining(['/webhooks', 'mount', '/setup']));
  });

  it('leaves the methods empty for a handler registered in another file', () => {
    expect(routeOf(`import jwt from 'jsonwebtoken';\nexport async function handleWebhook(req, res) { ${VERIFY} }`).methods).toEqual([]);
  });

  it('adds the file name and its folder', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\nrouter.post('/', (req, res) => { ${VERIFY} });`, 'src/webhook/github.js');
    expect(route.names).toEqual(expect.arrayContaining(['github', 'webhook']));
  });

  it('leaves out a folder with a package.json', () => {
    const route = routeOf(`import jwt from 'jsonwebtoken';\napp.post('/', (req, res) => { ${VERIFY} });`, join(project, 'server.js'));
    expect(route.names).toContain('server');
    expect(route.names.some((name) => name.startsWith('sessions-webhook-route'))).toBe(false);
  });
});

describe('acceptsPost', () => {
  it.each([[[]], [['post']], [['use']], [['all']], [['get', 'post']]])('accepts %j', (methods) => {
    expect(acceptsPost(methods)).toBe(true);
  });

  it.each([[['get']], [['delete']], [['put', 'patch']]])('rejects %j', (methods) => {
    expect(acceptsPost(methods)).toBe(false);
  });
});

describe('readsUserClaim', () => {
  it.each(['sub', 'userId', 'user_id', 'uid', 'email', 'username', 'user'])('finds the claim %s by member access and destructuring', (claim) => {
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst claims = jwt.verify(token, key);\nuse(claims.${claim});`)).toBe(true);
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst { ${claim}: value } = jwt.verify(token, key);\nuse(value);`)).toBe(true);
  });

  it('finds a claim through an awaited call, another variable and a rest element', () => {
    expect(readsUser(`import jwt from 'jsonwebtoken';\nasync function f() { const claims = await jwt.verify(token, key); const owner = claims; use(owner['sub']); }`)).toBe(true);
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst { iat, ...rest } = jwt.verify(token, key);\nuse(rest.email);`)).toBe(true);
    expect(readsUser(`import jwt from 'jsonwebtoken';\nuse(jwt.verify(token, key).sub);`)).toBe(true);
  });

  it('finds a claim in the callback form', () => {
    expect(readsUser(`import jwt from 'jsonwebtoken';\njwt.verify(token, key, (err, decoded) => use(decoded.uid));`)).toBe(true);
    expect(readsUser(`import jwt from 'jsonwebtoken';\njwt.verify(token, key, (err, { username }) => use(username));`)).toBe(true);
  });

  it('finds a claim below the payload of a jose result', () => {
    expect(readsUser(`import { jwtVerify } from 'jose';\nasync function f() { const { payload } = await jwtVerify(token, key); use(payload.sub); }`)).toBe(true);
    expect(readsUser(`import { jwtVerify } from 'jose';\nasync function f() { const result = await jwtVerify(token, key); use(result.payload.email); }`)).toBe(true);
  });

  it('rejects claims that name no user', () => {
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst event = jwt.verify(token, key);\nuse(event.type, event.data, event.id);`)).toBe(false);
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst { type, data } = jwt.verify(token, key);\nuse(type, data);`)).toBe(false);
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst event = jwt.verify(token, key);\nhandle(event);`)).toBe(false);
  });

  it('rejects a user claim of something other than the payload', () => {
    expect(readsUser(`import jwt from 'jsonwebtoken';\nconst event = jwt.verify(token, key);\nuse(event.data.user, req.user.sub);`)).toBe(false);
    expect(readsUser(`import { jwtVerify } from 'jose';\nasync function f() { const { payload, protectedHeader } = await jwtVerify(token, key); use(protectedHeader.sub, payload.type); }`)).toBe(false);
  });
});
