import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { FunctionNode } from '../../src/detectors/request-handler.js';
import { getFrameworkOfModule, getHandlerFramework, getLoadedModules, getOtherFrameworkModule } from '../../src/detectors/server-framework.js';
import { parseSourceCode } from '../../src/source-code.js';
import { forEachNode, isFunctionNode } from '../../src/util/ast-values.js';

/** Parses `text` and returns the framework of the handler whose code starts with `start`. */
function frameworkOf(text: string, start = '(req, res)', path = 'routes.js') {
  const sourceCode = parseSourceCode(text, path);
  const functions: FunctionNode[] = [];
  forEachNode(sourceCode.ast as TSESTree.Node, sourceCode.visitorKeys, (node) => {
    if (isFunctionNode(node) && sourceCode.text.slice(node.range[0]).startsWith(start)) functions.push(node);
  });
  const [fn] = functions;
  if (!fn || functions.length > 1) throw new Error(`Expected one function starting with ${start}, found ${functions.length}`);
  return getHandlerFramework(sourceCode, fn);
}

describe('getFrameworkOfModule', () => {
  it.each([
    ['express', 'Express'],
    ['fastify', 'Fastify'],
    ['fastify-plugin', 'Fastify'],
    ['@fastify/cookie', 'Fastify'],
    ['koa', 'Koa'],
    ['koa-router', 'Koa'],
    ['@koa/router', 'Koa'],
    ['hono', 'Hono'],
    ['hono/cookie', 'Hono'],
    ['@hono/node-server', 'Hono'],
    ['@hapi/hapi', 'hapi'],
    ['@nestjs/common', 'Nest'],
    ['restify', 'Restify'],
  ])('puts %s in %s', (name, framework) => {
    expect(getFrameworkOfModule(name)).toBe(framework);
  });

  it.each(['express-session', '@hapi/joi', '@hapi/boom', 'honox-like', 'koala', './fastify', 'sqlite3'])('puts %s in none', (name) => {
    expect(getFrameworkOfModule(name)).toBeUndefined();
  });
});

describe('getOtherFrameworkModule', () => {
  it('returns a router module', () => {
    const sourceCode = parseSourceCode('const Router = require("@koa/router");\nconst router = new Router();', 'routes.js');
    expect(getOtherFrameworkModule(sourceCode)).toBe('@koa/router');
  });

  it('ignores a file that loads express', () => {
    const sourceCode = parseSourceCode('import express from "express";\nimport Fastify from "fastify";', 'server.js');
    expect(getOtherFrameworkModule(sourceCode)).toBeUndefined();
  });

  it('ignores type imports', () => {
    const sourceCode = parseSourceCode('import type { FastifyInstance } from "fastify";\nimport { hash } from "./hash";', 'routes.ts');
    expect(getLoadedModules(sourceCode)).toEqual(['./hash']);
    expect(getOtherFrameworkModule(sourceCode)).toBeUndefined();
  });
});

describe('getHandlerFramework', () => {
  const HANDLER = '(req, res) => { res.send("ok"); }';

  it.each([
    ['an app created by express', `const express = require("express");\nconst app = express();\napp.post("/login", ${HANDLER});`],
    ['an express.Router()', `import express from "express";\nconst router = express.Router();\nrouter.post("/login", ${HANDLER});`],
    ['an app assigned later', `let app;\napp = require("express")();\napp.post("/login", ${HANDLER});`],
    ['a compiled express import', `const express_1 = __importDefault(require("express"));\nconst app = (0, express_1.default)();\napp.post("/login", ${HANDLER});`],
    ['a parameter named app', `module.exports = (app) => {\n  app.post("/login", ${HANDLER});\n};`],
    ['an app from ./app', `const app = require("./app");\napp.post("/login", ${HANDLER});`],
    ['a global router', `router.post("/login", ${HANDLER});`],
    ['no registration', `exports.login = ${HANDLER};`],
    ['a response call as expression body', `module.exports = (app) => {\n  app.get("/me", async (req, res) => res.json(req.user));\n  app.post("/login", ${HANDLER});\n};`],
    ['a chained response call as expression body', `module.exports = (app) => {\n  app.get("/me", async (req, res) => res.status(200).send(req.user));\n  app.post("/login", ${HANDLER});\n};`],
    ['a read of the response as expression body', `module.exports = (app) => {\n  app.get("/me", async (req, res) => res.locals.user);\n  app.post("/login", ${HANDLER});\n};`],
    ['a next() call as expression body', `module.exports = (app) => {\n  app.use(async (req, res, next) => next());\n  app.post("/login", ${HANDLER});\n};`],
    ['a middleware array', `module.exports = (app) => {\n  app.get("/me", [auth, limit], async (req, res) => { res.json(req.user); });\n  app.post("/login", [limit], ${HANDLER});\n};`],
    ['an express-validator chain', `const { body } = require("express-validator");\nmodule.exports = (app) => {\n  app.post("/login", body("email").isEmail(), ${HANDLER});\n};`],
    ['an asyncHandler() wrapper', `module.exports = (app) => {\n  app.get("/me", asyncHandler(async (req, res) => res.json(req.user)));\n  app.post("/login", asyncHandler(${HANDLER}));\n};`],
    ['middleware built from options', `module.exports = (app) => {\n  app.use("/api", rateLimit({ max: 10 }), cors({ origin: true }));\n  app.post("/login", ${HANDLER});\n};`],
  ])('accepts %s', (_name, text) => {
    expect(frameworkOf(text)).toEqual({ kind: 'express' });
  });

  it.each([
    ['a parameter named fastify', `module.exports = async (fastify) => {\n  fastify.post("/login", ${HANDLER});\n};`, '`fastify`, a parameter'],
    ['a Fastify app', `import Fastify from "fastify";\nconst app = Fastify();\napp.post("/login", ${HANDLER});`, 'which comes from fastify'],
    ['a compiled Fastify import', `const fastify_1 = __importDefault(require("fastify"));\nconst app = (0, fastify_1.default)();\napp.post("/login", ${HANDLER});`, 'which comes from fastify'],
    ['a koa-router router', `const Router = require("koa-router");\nconst router = new Router();\nrouter.post("/login", ${HANDLER});`, 'which comes from koa-router'],
    ['a Hono app', `import { Hono } from "hono";\nconst app = new Hono();\napp.post("/login", ${HANDLER});`, 'which comes from hono'],
    ['a routes() call', `module.exports = (router) => {\n  router.post("/login", ${HANDLER});\n  return router.routes();\n};`, 'has the method routes()'],
    ['an addHook() call', `module.exports = async (app) => {\n  app.addHook("onRequest", check);\n  app.post("/login", ${HANDLER});\n};`, 'has the method addHook()'],
    ['a route object', `module.exports = async (app) => {\n  app.route({ method: "GET", url: "/", handler: home });\n  app.post("/login", ${HANDLER});\n};`, 'takes a route object'],
    ['a context handler', `module.exports = (router) => {\n  router.get("/", (ctx) => { ctx.body = "ok"; });\n  router.post("/login", ${HANDLER});\n};`, 'takes a context (`ctx`)'],
    ['a hapi toolkit', `module.exports = (server) => {\n  server.get("/", (request, h) => h.response("ok"));\n  server.post("/login", ${HANDLER});\n};`, 'takes a hapi response toolkit'],
    ['an expression body reading the request', `module.exports = async (app) => {\n  app.get("/me", async (req) => req.user);\n  app.post("/login", ${HANDLER});\n};`, 'another handler registered on `app` returns its response body'],
    ['an expression body naming a value', `module.exports = async (app) => {\n  app.get("/version", async () => version);\n  app.post("/login", ${HANDLER});\n};`, 'another handler registered on `app` returns its response body'],
    ['an optional read as expression body', `module.exports = async (app) => {\n  app.get("/me", async (req) => req.user?.profile);\n  app.post("/login", ${HANDLER});\n};`, 'another handler registered on `app` returns its response body'],
    ['a route options object', `module.exports = async (app) => {\n  app.get("/me", { preHandler: [app.authenticate] }, async (req, res) => { res.send(req.user); });\n  app.post("/login", ${HANDLER});\n};`, 'takes an options object between a route\'s path and its handler'],
    ['its own route options object', `module.exports = async (app) => {\n  app.post("/login", { schema: loginSchema }, ${HANDLER});\n};`, 'takes an options object between a route\'s path and its handler'],
    ['its own returned body', `module.exports = (app) => {\n  app.post("/login", (req, res) => ({ ok: true }));\n};`, 'the handler returns its response body'],
  ])('rejects %s', (_name, text, evidence) => {
    const framework = frameworkOf(text);
    expect(framework.kind).toBe('other');
    expect(framework.kind === 'express' ? '' : framework.evidence).toContain(evidence);
  });

  it('follows a named handler to its route', () => {
    const text = `module.exports = async (fastify) => {\n  async function logout(req, res) { res.send("bye"); }\n  fastify.post("/logout", logout);\n};`;
    expect(frameworkOf(text, 'async function logout').kind).toBe('other');
  });

  it('follows a route chain to its object', () => {
    const text = `const Router = require("@koa/router");\nconst router = new Router();\nrouter.get("/", home).post("/login", ${HANDLER});`;
    expect(frameworkOf(text).kind).toBe('other');
  });

  it('finds a mixed file', () => {
    const text = `const express = require("express");\nrequire("fastify");\nmodule.exports = (app) => {\n  app.post("/login", ${HANDLER});\n};`;
    expect(frameworkOf(text)).toEqual({
      kind: 'mixed',
      evidence: 'the file loads both express and fastify, and the handler is not registered on an app or router that this file creates with express',
    });
  });

  it('finds a mixed app', () => {
    const text = `const express = require("express");\nconst app = express();\napp.decorate("db", db);\napp.post("/login", ${HANDLER});`;
    const framework = frameworkOf(text);
    expect(framework.kind).toBe('mixed');
    expect(framework.kind === 'express' ? '' : framework.evidence).toBe(
      '`app` comes from express, but `app` has the method decorate(), as Fastify and hapi servers do and Express apps and routers do not',
    );
  });

  it('reads a FastifyInstance type', () => {
    const text = `import type { FastifyInstance } from "fastify";\nexport default async function (server: FastifyInstance) {\n  server.post("/login", ${HANDLER});\n}`;
    const framework = frameworkOf(text, '(req, res)', 'routes.ts');
    expect(framework).toEqual({ kind: 'other', evidence: 'the route is registered on `server`, which is typed FastifyInstance' });
  });

  it('reads a plugin type', () => {
    const text = `import type { FastifyPluginAsync } from "fastify";\nconst routes: FastifyPluginAsync = async (server) => {\n  server.post("/login", ${HANDLER});\n};`;
    const framework = frameworkOf(text, '(req, res)', 'routes.ts');
    expect(framework).toEqual({ kind: 'other', evidence: 'the route is registered on `server`, which is typed FastifyPluginAsync' });
  });
});
