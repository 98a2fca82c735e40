import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  findCredentialCookieCalls,
  findSessionLibraryUsage,
  getLoadedSessionLibrary,
  isMemoryStoreExpression,
} from '../../src/detectors/session-library.js';
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

  it('records every form of loading', () => {
    const loaded = (text: string, filename = 'file.ts'): string[] =>
      [...findSessionLibraryUsage(parseSourceCode(text, filename)).loadedLibraries].sort();
    expect(loaded(`import cookieSession = require('cookie-session');`)).toEqual(['cookie-session']);
    expect(loaded(`async function f() { await import('cookie-parser'); }`)).toEqual(['cookie-parser']);
    expect(loaded(`function f() { return require('express-session'); }`, 'file.js')).toEqual(['express-session']);
    expect(loaded(`const a = (0, require)('cookie-session');`, 'file.js')).toEqual(['cookie-session']);
    expect(loaded(`const a = require!('cookie-session');`)).toEqual(['cookie-session']);
    expect(loaded('const a = require(`cookie-session`);', 'file.js')).toEqual(['cookie-session']);
    expect(loaded(`export * from 'cookie-session';`)).toEqual(['cookie-session']);
    expect(loaded(`export { default } from 'express-session';`)).toEqual(['express-session']);
    expect(loaded(`function load(require) { return require('cookie-parser'); }`, 'file.js')).toEqual(['cookie-parser']);
    expect(loaded(`import x from 'express-sessions';\nrequire('cookie-session-store');\nrequire(name);`)).toEqual([]);
    expect(loaded('require(`cookie-${kind}`);\n(0, load)(\'cookie-session\');\nexport const a = 1;', 'file.js')).toEqual([]);
  });

  it('names the library one node loads', () => {
    const sourceCode = parseSourceCode(`import a from 'cookie-session';\nrequire('express-session');\nimport('other');`, 'file.js');
    const [importDeclaration, requireStatement, otherStatement] = sourceCode.ast.body as TSESTree.Node[];
    const expressionOf = (statement: TSESTree.Node | undefined): TSESTree.Node => {
      if (statement?.type !== 'ExpressionStatement') throw new Error('expected an expression statement');
      return statement.expression;
    };
    expect(getLoadedSessionLibrary(importDeclaration as TSESTree.Node)).toBe('cookie-session');
    expect(getLoadedSessionLibrary(expressionOf(requireStatement))).toBe('express-session');
    expect(getLoadedSessionLibrary(expressionOf(otherStatement))).toBeUndefined();
    expect(getLoadedSessionLibrary(requireStatement as TSESTree.Node)).toBeUndefined();
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
