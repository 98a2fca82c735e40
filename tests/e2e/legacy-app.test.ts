import { join } from 'node:path';

import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALICE, LEGACY_APP_DIR, listenOnLoopback, loadFresh, logInAlice, registerAlice, type LoopbackServer } from './harness.js';

describe('legacy app before migration', () => {
  let server: LoopbackServer;

  beforeAll(async () => {
    const app = loadFresh<Express>(join(LEGACY_APP_DIR, 'server/app.js'), LEGACY_APP_DIR);
    server = await listenOnLoopback(app);
    await registerAlice(server.url);
  });

  afterAll(async () => {
    await server.close();
  });

  it('returns a JWT in the login body', async () => {
    const login = await logInAlice(request(server.url));

    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(login.body.user).toMatchObject({ email: ALICE.email, name: ALICE.name });
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('guards /api/me with the bearer token', async () => {
    const login = await logInAlice(request(server.url));
    const token = login.body.token as string;

    const withToken = await request(server.url).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.body.user.email).toBe(ALICE.email);

    const withoutToken = await request(server.url).get('/api/me');
    expect(withoutToken.status).toBe(401);
    expect(withoutToken.body).toEqual({ error: 'Not logged in' });
  });

  it('rejects a wrong password', async () => {
    const login = await request(server.url).post('/api/login').send({ email: ALICE.email, password: 'wrong password' });
    expect(login.status).toBe(401);
    expect(login.body.token).toBeUndefined();
  });

  it('still accepts the token after logout', async () => {
    const login = await logInAlice(request(server.url));
    const token = login.body.token as string;

    const logout = await request(server.url).post('/api/logout').set('Authorization', `Bearer ${token}`);
    expect(logout.status).toBe(200);

    const afterLogout = await request(server.url).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(afterLogout.status).toBe(200);
    expect(afterLogout.body.user.email).toBe(ALICE.email);
  });
});
