import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { RequestSource } from '../../src/detectors/request-handler.js';
import { isFixedValue, isWebhookSignature } from '../../src/detectors/service-token.js';
import type { HandlerRoute } from '../../src/detectors/webhook-route.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Creates a request source with a placeholder node, which `isWebhookSignature` does not read. */
function createSource(kind: RequestSource['kind'], name?: string): RequestSource {
  const node = parseSourceCode('token;', 'file.js').ast.body[0] as TSESTree.Node;
  return { kind, node, ...(name === undefined ? {} : { name }) };
}

/** Parses `value` as the initial value of `probe` inside a function with a `user` parameter, and tests it. */
function isFixed(value: string, prelude = ''): boolean {
  const text = `${prelude}\nfunction handler(user, name) {\n  const probe = ${value};\n}`;
  const sourceCode = parseSourceCode(text, 'file.ts');
  const handler = sourceCode.ast.body.at(-1) as TSESTree.FunctionDeclaration;
  const declaration = handler.body.body[0] as TSESTree.VariableDeclaration;
  const init = declaration.declarations[0]?.init;
  if (!init) throw new Error(`the probe has no value: ${text}`);
  return isFixedValue(sourceCode, init);
}

describe('isFixedValue', () => {
  it.each([
    "'ledger'",
    '60',
    'true',
    '`ledger`',
    'process.env.SERVICE_NAME',
    "process.env['SERVICE_NAME']",
    '`${process.env.SERVICE_NAME}`',
    '`https://${process.env.LEDGER_HOST}/api`',
    "'https://' + process.env.LEDGER_HOST",
    "process.env.SERVICE_NAME ?? 'shop'",
    "process.env.SERVICE_NAME!",
    "['billing', process.env.AUDIENCE]",
    "{ alg: 'HS256', kid: process.env.KEY_ID }",
    'Math.floor(Date.now() / 1000) + 60',
    'Number(process.env.TOKEN_TTL) * 60',
    'process.env[`AUD_${process.env.REGION}`]',
  ])('accepts %s', (value) => {
    expect(isFixed(value)).toBe(true);
  });

  it.each([
    'user.id',
    'name',
    '`${user.id}`',
    "'web-' + user.id",
    'process.env[user.id]',
    'process.env[`AUD_${user.id}`]',
    'process.env[name]',
    "process.env.SERVICE_NAME ?? user.id",
    "['billing', user.id]",
    "{ alg: 'HS256', uid: user.id }",
    '{ ...user }',
    'Math.floor(user.createdAt / 1000)',
    'Date.parse(user.createdAt)',
    'new Date().getTime()',
    'String(user)',
  ])('rejects %s', (value) => {
    expect(isFixed(value)).toBe(false);
  });

  it('follows a constant bound to a fixed value', () => {
    expect(isFixed('AUDIENCE', "const AUDIENCE = 'ledger';")).toBe(true);
    expect(isFixed('AUDIENCE', 'let AUDIENCE = process.env.AUDIENCE;')).toBe(true);
  });

  it('rejects a constant bound to an object or a reassigned variable', () => {
    expect(isFixed('HEADER', "const HEADER = { alg: 'HS256' };")).toBe(false);
    expect(isFixed('AUDIENCE', "let AUDIENCE = 'ledger';\nAUDIENCE = readAudience();")).toBe(false);
  });

  it('rejects shadowed globals', () => {
    expect(isFixed('process.env.NAME', 'const process = { env: {} };')).toBe(false);
    expect(isFixed('Date.now()', 'import { Date } from "./clock";')).toBe(false);
  });
});

/** Creates a route description with the given names and methods. */
function createRoute(names: string[], methods: string[] = []): HandlerRoute {
  return { names, methods };
}

describe('isWebhookSignature', () => {
  it.each(['x-signature', 'x-hub-signature-256', 'stripe-signature', 'svix-signature', 'webhook-signature', 'x-webhook-token'])(
    'accepts the header %s on any route',
    (name) => {
      expect(isWebhookSignature(createSource('header', name), createRoute(['/api/orders']), false)).toBe(true);
    },
  );

  it.each(['x-signature', 'stripe-signature'])('accepts the header %s on a GET route that reads the user', (name) => {
    expect(isWebhookSignature(createSource('header', name), createRoute(['/api/orders'], ['get']), true)).toBe(true);
  });

  it.each([['/webhooks/billing'], ['/webhook'], ['handleStripeWebhook'], ['webhooks', 'orders']])('accepts any header on the route %s', (...names) => {
    expect(isWebhookSignature(createSource('header', 'authorization'), createRoute(names), false)).toBe(true);
    expect(isWebhookSignature(createSource('header'), createRoute(names), false)).toBe(true);
  });

  it.each([[['post']], [['use']], [['all']], [['get', 'post']], [[]]])('accepts a webhook route with the methods %j', (methods) => {
    expect(isWebhookSignature(createSource('header', 'authorization'), createRoute(['/webhooks'], methods), false)).toBe(true);
  });

  it.each([[['get']], [['delete']], [['put', 'patch']]])('rejects a webhook route with the methods %j', (methods) => {
    expect(isWebhookSignature(createSource('header', 'authorization'), createRoute(['/webhooks'], methods), false)).toBe(false);
  });

  it('rejects a webhook route whose handler reads a user claim', () => {
    expect(isWebhookSignature(createSource('header', 'authorization'), createRoute(['/webhooks'], ['post']), true)).toBe(false);
  });

  it.each(['authorization', 'x-access-token', 'x-auth-token', 'x-signed-in-user'])('rejects the header %s outside webhook routes', (name) => {
    expect(isWebhookSignature(createSource('header', name), createRoute(['/api/me', 'requireUser']), false)).toBe(false);
  });

  it.each(['cookie', 'query', 'body', 'params', 'request'] as const)('rejects a %s token on a webhook route', (kind) => {
    expect(isWebhookSignature(createSource(kind, 'signature'), createRoute(['/webhooks/billing']), false)).toBe(false);
  });

  it('rejects a route that only contains the letters of webhook', () => {
    expect(isWebhookSignature(createSource('header', 'authorization'), createRoute(['/hooks/webhookless', '/web/hooks']), false)).toBe(false);
  });
});
