import { describe, expect, it } from 'vitest';

import { findJwtCalls, type JwtCall } from '../../src/detectors/jwt-library.js';
import { parseSourceCode } from '../../src/source-code.js';

function summarize(text: string, path = 'file.ts'): string[] {
  const sourceCode = parseSourceCode(text, path);
  return findJwtCalls(sourceCode).map((call: JwtCall) => `${call.library} ${call.operation} ${call.method} @${call.node.loc.start.line}`);
}

function findOne(text: string, path = 'file.ts'): JwtCall {
  const calls = findJwtCalls(parseSourceCode(text, path));
  expect(calls).toHaveLength(1);
  return calls[0] as JwtCall;
}

function textOf(text: string, node: { range: [number, number] } | undefined): string | undefined {
  return node && text.slice(node.range[0], node.range[1]);
}

describe('findJwtCalls: jsonwebtoken', () => {
  it('finds calls through a CommonJS require', () => {
    const text = `const jwt = require('jsonwebtoken');\njwt.sign({ id }, secret, { expiresIn: '1h' });\njwt.verify(token, secret);\njwt.decode(token);`;
    expect(summarize(text, 'file.cjs')).toEqual([
      'jsonwebtoken sign sign @2',
      'jsonwebtoken verify verify @3',
      'jsonwebtoken decode decode @4',
    ]);
  });

  it('finds calls through a destructured require with a rename', () => {
    expect(summarize(`const { sign: issue } = require('jsonwebtoken');\nissue(payload, key);`, 'file.js')).toEqual([
      'jsonwebtoken sign sign @2',
    ]);
  });

  it('finds calls through default, named, renamed and namespace imports', () => {
    expect(summarize(`import jwt from 'jsonwebtoken';\njwt.sign(p, k);`)).toEqual(['jsonwebtoken sign sign @2']);
    expect(summarize(`import { verify } from 'jsonwebtoken';\nverify(t, k);`)).toEqual(['jsonwebtoken verify verify @2']);
    expect(summarize(`import { decode as peek } from 'jsonwebtoken';\npeek(t);`)).toEqual(['jsonwebtoken decode decode @2']);
    expect(summarize(`import * as jwt from 'jsonwebtoken';\njwt.sign(p, k);`)).toEqual(['jsonwebtoken sign sign @2']);
  });

  it('finds calls through import-equals and local aliases', () => {
    expect(summarize(`import jwt = require('jsonwebtoken');\njwt.sign(p, k);`)).toEqual(['jsonwebtoken sign sign @2']);
    expect(summarize(`import jwt from 'jsonwebtoken';\nconst sign = jwt.sign;\nfunction f() { return sign(p, k); }`)).toEqual([
      'jsonwebtoken sign sign @3',
    ]);
  });

  it('finds calls through await import()', () => {
    expect(summarize(`async function f() {\n  const { verify } = await import('jsonwebtoken');\n  verify(t, k);\n}`)).toEqual([
      'jsonwebtoken verify verify @3',
    ]);
  });

  it('finds calls through the default of await import()', () => {
    expect(summarize(`const jwt = (await import('jsonwebtoken')).default;\njwt.sign(p, k);`, 'file.mjs')).toEqual([
      'jsonwebtoken sign sign @2',
    ]);
    expect(summarize(`const { default: jwt } = await import('jsonwebtoken');\njwt.verify(t, k);`, 'file.mjs')).toEqual([
      'jsonwebtoken verify verify @2',
    ]);
  });

  it('keeps the default export of jwt-decode through await import()', () => {
    expect(summarize(`const { default: jwtDecode } = await import('jwt-decode');\njwtDecode(t);`, 'file.mjs')).toEqual([
      'jwt-decode decode jwtDecode @2',
    ]);
  });

  it('returns the payload, secret, options and callback of sign', () => {
    const text = `const jwt = require('jsonwebtoken');\nconst opts = { expiresIn: 60 };\njwt.sign({ sub: id }, process.env.KEY, opts, (err, token) => res.json({ token }));`;
    const call = findOne(text, 'file.js');
    expect(textOf(text, call.payloadNode)).toBe('{ sub: id }');
    expect(textOf(text, call.secretNode)).toBe('process.env.KEY');
    expect(textOf(text, call.optionsNode)).toBe('{ expiresIn: 60 }');
    expect(call.callbackNode?.type).toBe('ArrowFunctionExpression');
  });

  it('takes a function in third position as the callback', () => {
    const text = `import jwt from 'jsonwebtoken';\njwt.verify(token, key, (err, decoded) => {});`;
    const call = findOne(text);
    expect(textOf(text, call.tokenNode)).toBe('token');
    expect(call.optionsNode).toBeUndefined();
    expect(call.callbackNode?.type).toBe('ArrowFunctionExpression');
  });

  it('ignores look-alikes', () => {
    expect(summarize(`function sign(a, b) {}\nsign(p, k);`)).toEqual([]);
    expect(summarize(`import { decode } from './codec';\ndecode(t);`)).toEqual([]);
    expect(summarize(`import jwt from 'jsonwebtoken-lite';\njwt.sign(p, k);`)).toEqual([]);
    expect(summarize(`const jwt = require('jsonwebtoken');\nfunction f(jwt) { jwt.sign(p, k); }`, 'file.js')).toEqual([]);
    expect(summarize(`function f(require) { require('jsonwebtoken').sign(p, k); }`, 'file.js')).toEqual([]);
  });
});

describe('findJwtCalls: jose', () => {
  it('follows a SignJWT builder chain to its sign call', () => {
    const text = `import { SignJWT } from 'jose';\nconst token = await new SignJWT({ sub })\n  .setProtectedHeader({ alg: 'HS256' })\n  .setExpirationTime('2h')\n  .sign(key);`;
    const call = findOne(text);
    expect(call.operation).toBe('sign');
    expect(call.node.type).toBe('CallExpression');
    expect(textOf(text, call.secretNode)).toBe('key');
    expect(textOf(text, call.payloadNode)).toBe('{ sub }');
    expect(call.builderCalls?.map((builder) => textOf(text, builder.arguments[0]))).toEqual(["{ alg: 'HS256' }", "'2h'"]);
  });

  it('follows a SignJWT builder kept in a constant', () => {
    const text = `import * as jose from 'jose';\nconst builder = new jose.SignJWT(claims).setProtectedHeader({ alg });\nbuilder.setExpirationTime('5m');\nawait builder.sign(secret);`;
    const call = findOne(text);
    expect(call.node.loc.start.line).toBe(4);
    expect(call.builderCalls).toHaveLength(2);
  });

  it('finds jwtVerify and decodeJwt', () => {
    const text = `const { jwtVerify, decodeJwt } = require('jose');\njwtVerify(t, key, { algorithms: ['ES256'] });\ndecodeJwt(t);`;
    expect(summarize(text, 'file.cjs')).toEqual(['jose verify jwtVerify @2', 'jose decode decodeJwt @3']);
  });
});

describe('findJwtCalls: middleware and strategies', () => {
  it('finds express-jwt in both export styles', () => {
    expect(summarize(`const jwt = require('express-jwt');\napp.use(jwt({ secret, algorithms: ['HS256'] }));`, 'file.js')).toEqual([
      'express-jwt middleware expressJwt @2',
    ]);
    const text = `import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: key, algorithms: ['HS256'] }));`;
    const call = findOne(text);
    expect(call.method).toBe('expressjwt');
    expect(textOf(text, call.secretNode)).toBe('key');
  });

  it('finds koa-jwt', () => {
    expect(summarize(`import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret }));`)).toEqual(['koa-jwt middleware koaJwt @2']);
  });

  it('finds a passport-jwt strategy with its extractor and key', () => {
    const text = `const { Strategy, ExtractJwt } = require('passport-jwt');\npassport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key }, verify));`;
    const call = findOne(text, 'file.js');
    expect(call.operation).toBe('strategy');
    expect(textOf(text, call.tokenNode)).toBe('ExtractJwt.fromAuthHeaderAsBearerToken()');
    expect(textOf(text, call.secretNode)).toBe('key');
    expect(textOf(text, call.callbackNode)).toBe('verify');
  });

  it('finds jwt-decode in both export styles', () => {
    expect(summarize(`import jwt_decode from 'jwt-decode';\njwt_decode(t);`)).toEqual(['jwt-decode decode jwtDecode @2']);
    expect(summarize(`import { jwtDecode } from 'jwt-decode';\njwtDecode(t);`)).toEqual(['jwt-decode decode jwtDecode @2']);
    expect(summarize(`const jwtDecode = require('jwt-decode');\njwtDecode(t);`, 'file.js')).toEqual(['jwt-decode decode jwtDecode @2']);
  });
});

describe('findJwtCalls: @nestjs/jwt', () => {
  it('finds JwtModule.register with its sign defaults', () => {
    const text = `import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: 'k', signOptions: { expiresIn: '60s' } });`;
    const call = findOne(text);
    expect(call.operation).toBe('module-config');
    expect(textOf(text, call.secretNode)).toBe("'k'");
    expect(textOf(text, call.signDefaultsNode)).toBe("{ expiresIn: '60s' }");
  });

  it('reads the options registerAsync gets from its factory', () => {
    const text = `import { JwtModule } from '@nestjs/jwt';\nJwtModule.registerAsync({ useFactory: (config) => ({ secret: config.get('KEY') }) });`;
    expect(textOf(text, findOne(text).secretNode)).toBe("config.get('KEY')");
  });

  it('finds calls on a JwtService constructor parameter property', () => {
    const text = `import { JwtService } from '@nestjs/jwt';
class AuthService {
  constructor(private readonly jwtService: JwtService, private users: UsersService) {}
  async login(user) {
    return { access_token: await this.jwtService.signAsync({ sub: user.id }) };
  }
  check(token) { return this.jwtService.verify(token); }
  other() { return this.users.sign(1); }
}`;
    expect(summarize(text)).toEqual(['@nestjs/jwt sign signAsync @5', '@nestjs/jwt verify verify @7']);
  });

  it('finds a namespace-typed service stored on this', () => {
    const text = `import * as nestJwt from '@nestjs/jwt';
class A {
  private readonly tokens;
  constructor(tokens: nestJwt.JwtService) { this.tokens = tokens; }
  f() { return this.tokens.sign({}); }
}`;
    expect(summarize(text)).toEqual(['@nestjs/jwt sign sign @5']);
  });

  it('ignores a JwtService from another module', () => {
    const text = `import { JwtService } from './jwt.service';\nclass A { constructor(private jwtService: JwtService) {} f() { this.jwtService.sign({}); } }`;
    expect(summarize(text)).toEqual([]);
  });
});

describe('findJwtCalls: @fastify/jwt', () => {
  it('finds the plugin registration and its decorators', () => {
    const text = `const fastify = require('fastify')();
fastify.register(require('@fastify/jwt'), { secret: 'k', sign: { expiresIn: '5m' } });
fastify.post('/login', async (request, reply) => {
  const token = fastify.jwt.sign({ user: 'a' });
  const other = await reply.jwtSign({ user: 'a' }, { expiresIn: '1m' });
  return { token };
});
fastify.addHook('onRequest', (request) => request.jwtVerify());`;
    expect(summarize(text, 'file.js')).toEqual([
      '@fastify/jwt plugin-register register @2',
      '@fastify/jwt sign sign @4',
      '@fastify/jwt sign jwtSign @5',
      '@fastify/jwt verify jwtVerify @8',
    ]);
  });

  it('finds a registration through an imported binding', () => {
    const text = `import fastifyJwt from '@fastify/jwt';\napp.register(fastifyJwt, { secret: key });`;
    const call = findOne(text);
    expect(call.operation).toBe('plugin-register');
    expect(textOf(text, call.secretNode)).toBe('key');
  });

  it('ignores the decorator names in a file without @fastify/jwt', () => {
    expect(summarize(`app.jwt.sign({});\nrequest.jwtVerify();`)).toEqual([]);
  });
});

describe('findJwtCalls: hono/jwt', () => {
  it('finds sign, verify, decode and the middleware of hono/jwt', () => {
    const text = `import { Hono } from 'hono';
import { decode, jwt, sign, verify } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: key, alg: 'HS256' }));
const token = await sign({ sub: 'a' }, key);
const payload = await verify(token, key, 'HS256');
const { header } = decode(token);`;
    expect(summarize(text)).toEqual([
      'hono/jwt middleware jwt @4',
      'hono/jwt sign sign @5',
      'hono/jwt verify verify @6',
      'hono/jwt decode decode @7',
    ]);
  });

  it('finds calls through renamed, namespace and required bindings', () => {
    expect(summarize(`import { sign as signJwt } from 'hono/jwt';\nawait signJwt(p, k);`)).toEqual(['hono/jwt sign sign @2']);
    expect(summarize(`import * as honoJwt from 'hono/jwt';\nawait honoJwt.verify(t, k, 'HS256');`)).toEqual(['hono/jwt verify verify @2']);
    expect(summarize(`const { decode } = require('hono/jwt');\ndecode(t);`, 'file.cjs')).toEqual(['hono/jwt decode decode @2']);
    expect(summarize(`async function f() {\n  const { sign } = await import('hono/jwt');\n  return sign(p, k);\n}`)).toEqual([
      'hono/jwt sign sign @3',
    ]);
  });

  it('finds the members of Jwt from hono/utils/jwt', () => {
    const text = `import { Jwt } from 'hono/utils/jwt';\nawait Jwt.sign(p, k);\nawait Jwt.verify(t, k, 'HS256');\nJwt.decode(t);`;
    expect(summarize(text)).toEqual(['hono/jwt sign sign @2', 'hono/jwt verify verify @3', 'hono/jwt decode decode @4']);
  });

  it('finds the helpers of hono/utils/jwt/jwt', () => {
    const text = `import { decode, sign, verify } from 'hono/utils/jwt/jwt';\nawait sign(p, k);\nawait verify(t, k, 'HS256');\ndecode(t);`;
    expect(summarize(text)).toEqual(['hono/jwt sign sign @2', 'hono/jwt verify verify @3', 'hono/jwt decode decode @4']);
  });

  it('returns the payload and key of sign', () => {
    const text = `import { sign } from 'hono/jwt';\nawait sign({ sub: id, exp }, env.JWT_SECRET, 'HS512');`;
    const call = findOne(text);
    expect(textOf(text, call.payloadNode)).toBe('{ sub: id, exp }');
    expect(textOf(text, call.secretNode)).toBe('env.JWT_SECRET');
    expect(call.optionsNode).toBeUndefined();
  });

  it('returns the token, key and options object of verify', () => {
    const text = `import { verify } from 'hono/jwt';\nawait verify(token, key, { alg: 'HS256', exp: false });`;
    const call = findOne(text);
    expect(textOf(text, call.tokenNode)).toBe('token');
    expect(textOf(text, call.secretNode)).toBe('key');
    expect(textOf(text, call.optionsNode)).toBe("{ alg: 'HS256', exp: false }");
  });

  it('returns the secret and verification options of the middleware', () => {
    const text = `import { jwt } from 'hono/jwt';\napp.use(jwt({ secret: 'k', alg: 'HS256', verification: { exp: false } }));`;
    const call = findOne(text);
    expect(textOf(text, call.secretNode)).toBe("'k'");
    expect(textOf(text, call.verifyDefaultsNode)).toBe('{ exp: false }');
  });

  it('finds verifyWithJwks as a verify', () => {
    expect(summarize(`import { verifyWithJwks } from 'hono/jwt';\nawait verifyWithJwks(t, o);`)).toEqual(['hono/jwt verify verifyWithJwks @2']);
    expect(summarize(`import { Jwt } from 'hono/utils/jwt';\nawait Jwt.verifyWithJwks(t, o);`)).toEqual(['hono/jwt verify verifyWithJwks @2']);
    expect(summarize(`const { verifyWithJwks } = require('hono/utils/jwt/jwt');\nverifyWithJwks(t, o);`, 'file.cjs')).toEqual([
      'hono/jwt verify verifyWithJwks @2',
    ]);
  });

  it('finds verifyFromJwks of hono 4.7 and 4.8', () => {
    expect(summarize(`import { verifyFromJwks } from 'hono/utils/jwt/jwt';\nawait verifyFromJwks(t, o);`)).toEqual([
      'hono/jwt verify verifyFromJwks @2',
    ]);
    expect(summarize(`import { Jwt } from 'hono/utils/jwt';\nawait Jwt.verifyFromJwks(t, o);`)).toEqual(['hono/jwt verify verifyFromJwks @2']);
  });

  it('returns the token and options of verifyWithJwks', () => {
    const text = `import { verifyWithJwks } from 'hono/jwt';\nawait verifyWithJwks(token, { jwks_uri: url, allowedAlgorithms: ['RS256'], verification: { exp: false } });`;
    const call = findOne(text);
    expect(textOf(text, call.tokenNode)).toBe('token');
    expect(textOf(text, call.optionsNode)).toBe("{ jwks_uri: url, allowedAlgorithms: ['RS256'], verification: { exp: false } }");
    expect(textOf(text, call.verifyDefaultsNode)).toBe('{ exp: false }');
    expect(call.secretNode).toBeUndefined();
    expect(call.verifiesWithKeySet).toBe(true);
  });

  it('leaves a plain verify unmarked', () => {
    const text = `import { verify } from 'hono/jwt';\nawait verify(token, key, 'HS256');`;
    expect(findOne(text).verifiesWithKeySet).toBeUndefined();
  });

  it('ignores look-alikes of the hono/jwt helpers', () => {
    expect(summarize(`function sign(payload, key) {}\nsign(p, k);`)).toEqual([]);
    expect(summarize(`import { sign } from 'hono/jwt';\nfunction f(sign) { return sign(p, k); }`)).toEqual([]);
    expect(summarize(`import { sign } from 'hono/jwt-utils';\nsign(p, k);`)).toEqual([]);
    expect(summarize(`import { sign } from 'hono';\nsign(p, k);`)).toEqual([]);
    expect(summarize(`import { sign } from 'hono/utils/jwt';\nsign(p, k);`)).toEqual([]);
    expect(summarize(`import { verifyWithJwks } from 'hono/jwk';\nverifyWithJwks(t, o);`)).toEqual([]);
    expect(summarize(`import { verify } from 'hono/jwt';\nconst verifyWithJwks = (t, o) => verify(t, o.key, 'RS256');\nverifyWithJwks(t, o);`)).toEqual([
      'hono/jwt verify verify @2',
    ]);
  });
});

describe('findJwtCalls: hono/jwk', () => {
  it('finds the jwk middleware through each import form', () => {
    expect(summarize(`import { jwk } from 'hono/jwk';\napp.use(jwk({ jwks_uri, alg: ['RS256'] }));`)).toEqual(['hono/jwk middleware jwk @2']);
    expect(summarize(`import { jwk as jwkAuth } from 'hono/jwk';\napp.use(jwkAuth({ keys, alg: ['ES256'] }));`)).toEqual([
      'hono/jwk middleware jwk @2',
    ]);
    expect(summarize(`import * as honoJwk from 'hono/jwk';\napp.use(honoJwk.jwk({ keys, alg: ['ES256'] }));`)).toEqual([
      'hono/jwk middleware jwk @2',
    ]);
    expect(summarize(`const { jwk } = require('hono/jwk');\napp.use(jwk({ jwks_uri, alg: ['RS256'] }));`, 'file.cjs')).toEqual([
      'hono/jwk middleware jwk @2',
    ]);
  });

  it('returns the jwk middleware options', () => {
    const text = `import { jwk } from 'hono/jwk';\napp.use(jwk({ jwks_uri: url, alg: ['RS256'], verification: { exp: false } }));`;
    const call = findOne(text);
    expect(textOf(text, call.optionsNode)).toBe("{ jwks_uri: url, alg: ['RS256'], verification: { exp: false } }");
    expect(textOf(text, call.verifyDefaultsNode)).toBe('{ exp: false }');
    expect(call.secretNode).toBeUndefined();
    expect(call.verifiesWithKeySet).toBe(true);
  });

  it('ignores look-alikes of the jwk middleware', () => {
    expect(summarize(`import { jwk } from 'hono/jwt';\napp.use(jwk({ jwks_uri }));`)).toEqual([]);
    expect(summarize(`import { jwk } from 'hono/jwks';\napp.use(jwk({ jwks_uri }));`)).toEqual([]);
    expect(summarize(`import { verify } from 'hono/jwk';\nverify(t, k, 'RS256');`)).toEqual([]);
    expect(summarize(`import { jwt } from 'hono/jwk';\napp.use(jwt({ secret }));`)).toEqual([]);
    expect(summarize(`import { jwk } from 'hono/jwk';\nfunction f(jwk) { return jwk({ keys }); }`)).toEqual([]);
  });
});
