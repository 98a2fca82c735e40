import { describe, expect, it } from 'vitest';

import { findCredentialCookieCalls, findSessionLibraryUsage, isMemoryStoreExpression } from '../../src/detectors/session-library.js';
import { parseSourceCode } from '../../src/source-code.js';

function summarize(text: string, path = 'file.ts'): string[] {
  const sourceCode = parseSourceCode(text, path);
  return findSessionLibraryUsage(sourceCode).setupCalls.map((call) => {
    const options = call.optionsArgument ? sourceCode.getText(call.optionsArgument) : '-';
    const followed = call.options ? 'followed' : 'not followed';
    return `${call.library} @${call.node.loc.start.line} ${options} ${followed}`;
  });
}

describe('findSessionLibraryUsage', () => {
  it('finds express-session through require, imports and aliases', () => {
    expect(summarize(`const session = require('express-session');\napp.use(session({ secret }));`, 'file.js')).toEqual([
      'express-session @2 { secret } followed',
    ]);
    expect(summarize(`import session from 'express-session';\nconst alias = session;\nalias(opts);`)).toEqual([
      'express-session @3 opts not followed',
    ]);
    expect(summarize(`import * as session from 'express-session';\nsession.default({});`)).toEqual(['express-session @2 {} followed']);
    expect(summarize(`import session = require('express-session');\nsession();`)).toEqual(['express-session @2 - not followed']);
  });

  it('finds cookie-session and cookie-parser with its secret', () => {
    const sourceCode = parseSourceCode(
      `const cookieSession = require('cookie-session');\nconst parse = require('cookie-parser');\napp.use(cookieSession({ keys }));\napp.use(parse('s', { decode }));`,
      'file.js',
    );
    const calls = findSessionLibraryUsage(sourceCode).setupCalls;
    expect(calls.map((call) => call.library)).toEqual(['cookie-session', 'cookie-parser']);
    const parser = calls[1];
    expect(parser?.secretArgument).toBeDefined();
    expect(parser?.optionsArgument).toBeDefined();
    expect(sourceCode.getText(parser?.secretArgument)).toBe(`'s'`);
    expect(sourceCode.getText(parser?.optionsArgument)).toBe('{ decode }');
  });

  it('ignores local functions and other packages with similar names', () => {
    expect(summarize(`function session(o) { return o; }\nsession({});`)).toEqual([]);
    expect(summarize(`import session from 'express-sessions';\nsession({});`)).toEqual([]);
    expect(summarize(`function f(require) { require('express-session')({}); }`, 'file.js')).toEqual([]);
  });

  it('records which libraries the file loads', () => {
    const sourceCode = parseSourceCode(`import 'cookie-session';\nconst x = require('express-session');`, 'file.js');
    expect([...findSessionLibraryUsage(sourceCode).loadedLibraries].sort()).toEqual(['cookie-session', 'express-session']);
  });
});

describe('isMemoryStoreExpression', () => {
  it('is true only for express-session MemoryStore, undefined and null', () => {
    const text = [
      `import session, { MemoryStore } from 'express-session';`,
      `import OtherStore from 'memorystore';`,
      `const shared = new session.MemoryStore();`,
      `use(new MemoryStore(), shared, undefined, null, new OtherStore(), redisStore);`,
    ].join('\n');
    const sourceCode = parseSourceCode(text, 'file.ts');
    const statement = sourceCode.ast.body.at(-1);
    if (statement?.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') throw new Error('Unexpected AST.');
    const results = statement.expression.arguments.map((argument) => isMemoryStoreExpression(sourceCode, argument));
    expect(results).toEqual([true, true, true, true, false, false]);
  });
});

describe('findCredentialCookieCalls', () => {
  function cookieNames(text: string): (string | undefined)[] {
    return findCredentialCookieCalls(parseSourceCode(text, 'file.js')).map((call) => call.cookieName ?? '?');
  }

  it('finds cookies named like credentials or holding one', () => {
    expect(cookieNames(`res.cookie('token', t);\nres.cookie('theme', 'dark');\nres.cookie('x', accessToken);`)).toEqual(['token', 'x']);
    expect(cookieNames(`res.cookie(TOKEN_COOKIE, value, {});`)).toEqual(['?']);
  });

  it('skips CSRF tokens and calls of another shape', () => {
    expect(cookieNames(`res.cookie('XSRF-TOKEN', csrfToken);\nres.cookie('token');\nres.cookie(...args);`)).toEqual([]);
  });

  it('applies the credential name options', () => {
    const sourceCode = parseSourceCode(`res.cookie('token', t);\nres.cookie('sid', s);`, 'file.js');
    const calls = findCredentialCookieCalls(sourceCode, { allowedNames: ['token'], extraPatterns: ['^sid$'] });
    expect(calls.map((call) => call.cookieName)).toEqual(['sid']);
  });
});
