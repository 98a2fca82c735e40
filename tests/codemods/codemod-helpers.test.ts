import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';

import {
  CodemodOutputError,
  CodemodParseError,
  detectIndentation,
  detectQuote,
  ensureImport,
  findInnermostPathContaining,
  findMarkers,
  findModuleBindings,
  findPathForNode,
  formatMarkerReport,
  getDetectorSourceCode,
  getFileParser,
  getModuleSystem,
  getParserName,
  getStatementPath,
  markForManualMigration,
  openSourceFile,
  parseMarkerReport,
  printSourceFile,
  removeStatement,
  removeUnusedBindings,
  toParsedOffset,
  type CodemodFile,
} from '../../src/codemod/index.js';

/** Returns `value`, failing the test when it is missing. */
function defined<T>(value: T | undefined | null): T {
  expect(value).toBeDefined();
  expect(value).not.toBeNull();
  return value as T;
}

function open(path: string, source: string): { file: CodemodFile; reports: string[] } {
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  return { file: openSourceFile({ path, source }, api as never), reports };
}

/** Returns the ESLint node of the first call of `name` (`localStorage.setItem` → `setItem`). */
function findCall(file: CodemodFile, method: string): { type: string; range: [number, number] } {
  const sourceCode = getDetectorSourceCode(file);
  let found: { type: string; range: [number, number] } | undefined;
  const visit = (node: { type: string; range: [number, number]; [key: string]: unknown }): void => {
    const callee = node.callee as { property?: { name?: string } } | undefined;
    if (!found && node.type === 'CallExpression' && callee?.property?.name === method) found = node;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = node[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') visit(item as never);
      }
    }
  };
  visit(sourceCode.ast as never);
  if (!found) throw new Error(`no call of ${method}`);
  return found;
}

describe('parser choice', () => {
  it('uses ts for TypeScript files without JSX', () => {
    expect(getParserName('a.ts')).toBe('ts');
    expect(getParserName('a.mts')).toBe('ts');
    expect(getParserName('a.cts')).toBe('ts');
  });

  it('uses tsx for everything else', () => {
    expect(getParserName('a.tsx')).toBe('tsx');
    expect(getParserName('a.js')).toBe('tsx');
    expect(getParserName('a.jsx')).toBe('tsx');
    expect(getParserName('a.cjs')).toBe('tsx');
  });

  it('parses a .cjs file as a script', () => {
    const script = 'with (settings) { log(theme); }\nreturn <b>{theme}</b>;\n';
    expect(() => getFileParser('a.cjs').parse(script)).not.toThrow();
    expect(() => getFileParser('a.js').parse(script)).toThrow(/strict mode/);
    expect(() => getFileParser('a.cjs').parse("import x from 'x';\n")).toThrow(/sourceType: "module"|'import' and 'export'/);
  });

  it('opens and prints a sloppy-mode .cjs file', () => {
    const source = "with (settings) { localStorage.setItem('theme', theme); }\n";
    const file = openSourceFile({ path: 'settings.cjs', source }, { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined } as never);
    expect(printSourceFile(file, true)).toBeUndefined();
  });

  it('parses a type assertion in a .ts file', () => {
    expect(() => open('a.ts', 'const n = <number>value;\n')).not.toThrow();
  });

  it('parses JSX in a .js file', () => {
    expect(() => open('a.js', 'export const A = () => <div />;\n')).not.toThrow();
  });
});

describe('openSourceFile and printSourceFile', () => {
  it('throws CodemodParseError with the position', () => {
    let error: unknown;
    try {
      open('src/bad.js', 'const a = 1;\nconst = 2;\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodemodParseError);
    expect((error as CodemodParseError).line).toBe(2);
    expect((error as CodemodParseError).message).toMatch(/^Cannot parse src\/bad\.js:2:7: /);
    expect((error as CodemodParseError).message).not.toMatch(/\(\d+:\d+\)$/);
  });

  it('returns undefined when nothing changed', () => {
    const { file } = open('a.js', 'a()\n');
    expect(printSourceFile(file, false)).toBeUndefined();
    expect(printSourceFile(file, true)).toBeUndefined();
  });

  it('throws CodemodOutputError instead of returning code that does not parse', () => {
    const { file } = open('src/a.js', 'a();\n');
    file.root.find(file.j.Identifier, { name: 'a' }).replaceWith(file.j.identifier('not valid'));
    expect(() => printSourceFile(file, true)).toThrow(CodemodOutputError);
    expect(() => printSourceFile(file, true)).toThrow(/for src\/a\.js/);
  });

  it('keeps CRLF line endings', () => {
    const { file } = open('a.js', "a();\r\nb();\r\nc();\r\n");
    removeStatement(defined(file.root.find(file.j.ExpressionStatement).paths()[1]));
    expect(printSourceFile(file, true)).toBe('a();\r\nc();\r\n');
  });

  it('detects the dominant quote', () => {
    expect(detectQuote(open('a.js', "import a from 'a';\nconst b = 'b' + \"c\";\n").file.root, jscodeshift)).toBe('single');
    expect(detectQuote(open('a.js', 'const b = "b";\n').file.root, jscodeshift)).toBe('double');
  });

  it('ignores whitespace-only lines when it detects the indentation', () => {
    const source = 'function a() {\n  if (b) {\n    c();\n \n  }\n    \n}\n';
    expect(detectIndentation(source)).toEqual({ useTabs: false, tabWidth: 2 });
    expect(detectIndentation('function a() {\n\t\n\t\n  b();\n}\n')).toEqual({ useTabs: false, tabWidth: 2 });
  });

  it('keeps a 2-space indent when a blank line holds a single space', () => {
    const { file } = open('a.js', "const express = require('express');\nfunction a() {\n  if (b) {\n    c();\n  }\n}\n \nexpress();\n");
    expect(file.printOptions.tabWidth).toBe(2);
  });

  it('prints new strings in the file quote style', () => {
    const { file } = open('a.js', "import a from 'a';\n");
    ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' });
    expect(printSourceFile(file, true)).toBe("import a from 'a';\nimport session from 'express-session';\n");
  });

  it('prints a single use strict after new statements', () => {
    const { file } = open('a.cjs', "'use strict';\nconst a = require('a');\na();\n");
    ensureImport(file, { module: 'b', imported: 'default', local: 'b' });
    expect(printSourceFile(file, true)).toBe("'use strict';\nconst a = require('a');\nconst b = require('b');\na();\n");
  });
});

describe('positions', () => {
  it('maps offsets across expanded tabs and CRLF', () => {
    const source = 'function f() {\r\n\tlocalStorage.setItem("t", v);\r\n}\r\n';
    const { file } = open('a.js', source);
    const call = findCall(file, 'setItem');
    expect(source.slice(call.range[0], call.range[0] + 12)).toBe('localStorage');
    const start = toParsedOffset(file, call.range[0]);
    expect(file.parsedText.slice(start, start + 12)).toBe('localStorage');
    expect(findPathForNode(file, call)?.node.type).toBe('CallExpression');
  });

  it('finds the innermost node around a range', () => {
    const { file } = open('a.js', 'const x = [1, foo(2)];\n');
    const offset = 'const x = [1, '.length;
    const path = findInnermostPathContaining(file, [offset, offset + 'foo(2)'.length]);
    expect(path.node.type).toBe('CallExpression');
  });
});

describe('markers', () => {
  const source = "export function save(data) {\n  localStorage.setItem('token', data.token);\n}\n";

  it('inserts the marker once and reports the site', () => {
    const { file, reports } = open('src/save.js', source);
    const path = findPathForNode(file, findCall(file, 'setItem'));
    expect(markForManualMigration(file, defined(path), 'a reason')).toBe(true);
    const output = defined(printSourceFile(file, true));
    expect(output).toBe(
      "export function save(data) {\n  /* eslint-plugin-sessions: manual migration needed: a reason */\n  localStorage.setItem('token', data.token);\n}\n",
    );
    expect(reports).toEqual(['src/save.js:2:3: manual migration needed: a reason']);

    const second = open('src/save.js', output);
    const again = findPathForNode(second.file, findCall(second.file, 'setItem'));
    expect(markForManualMigration(second.file, defined(again), 'a reason')).toBe(false);
    expect(second.reports).toEqual(['src/save.js:3:3: manual migration needed: a reason']);
  });

  it.each([
    ['a built node', (file: CodemodFile) => file.j.identifier('replacement')],
    ['a node parsed from a snippet', (file: CodemodFile) => file.j('(session.user);').find(file.j.MemberExpression).paths()[0]?.node],
  ])('reports a site replaced by %s at its statement', (_name, build) => {
    const { file, reports } = open('src/save.js', source);
    const path = defined(findPathForNode(file, findCall(file, 'setItem')));
    path.replace(defined(build(file)));
    markForManualMigration(file, path, 'a reason');
    expect(reports).toEqual(['src/save.js:2:3: manual migration needed: a reason']);
  });

  it('keeps comment delimiters out of the reason', () => {
    const { file } = open('a.js', source);
    markForManualMigration(file, defined(findPathForNode(file, findCall(file, 'setItem'))), 'ends */ here');
    const output = defined(printSourceFile(file, true));
    expect(() => open('a.js', output)).not.toThrow();
    expect(findMarkers(output)).toEqual([{ line: 2, reason: 'ends * / here' }]);
  });

  it('keeps a statement without semicolons as it is', () => {
    const input = "export function save(data) {\n  localStorage.setItem('token', data.token)\n  return data\n}\n";
    const { file } = open('src/save.js', input);
    markForManualMigration(file, defined(findPathForNode(file, findCall(file, 'setItem'))), 'a reason');
    expect(printSourceFile(file, true)).toBe(
      "export function save(data) {\n  /* eslint-plugin-sessions: manual migration needed: a reason */\n  localStorage.setItem('token', data.token)\n  return data\n}\n",
    );
  });

  it('puts a marker inline when its statement shares a line', () => {
    const input = "if (data) { track(data); localStorage.setItem('token', data.token) }\n";
    const { file } = open('src/save.js', input);
    markForManualMigration(file, defined(findPathForNode(file, findCall(file, 'setItem'))), 'a reason');
    const output = defined(printSourceFile(file, true));
    expect(output).toBe(
      "if (data) { track(data); /* eslint-plugin-sessions: manual migration needed: a reason */ localStorage.setItem('token', data.token) }\n",
    );

    const second = open('src/save.js', output);
    expect(markForManualMigration(second.file, defined(findPathForNode(second.file, findCall(second.file, 'setItem'))), 'a reason')).toBe(false);
  });

  it('stacks two markers of one statement in order', () => {
    const { file } = open('src/save.js', source);
    const path = defined(findPathForNode(file, findCall(file, 'setItem')));
    markForManualMigration(file, path, 'first reason');
    markForManualMigration(file, path, 'second reason');
    const output = defined(printSourceFile(file, true));
    expect(findMarkers(output)).toEqual([
      { line: 2, reason: 'first reason' },
      { line: 3, reason: 'second reason' },
    ]);
    expect(output).toContain("second reason */\n  localStorage.setItem('token', data.token);\n");
  });

  it('keeps a marked statement intact beside other edits', () => {
    const input = "track()\n\n// Keeps the token for the next visit.\nlocalStorage.setItem('token', data.token)\nlocalStorage.setItem('theme', theme)\n";
    const { file } = open('src/save.js', input);
    markForManualMigration(file, defined(findPathForNode(file, findCall(file, 'setItem'))), 'a reason');
    const theme = file.root.find(file.j.StringLiteral, { value: 'theme' }).paths()[0];
    defined(theme).replace(file.j.stringLiteral('colour-scheme'));
    expect(printSourceFile(file, true)).toBe(
      "track()\n\n// Keeps the token for the next visit.\n/* eslint-plugin-sessions: manual migration needed: a reason */\nlocalStorage.setItem('token', data.token)\nlocalStorage.setItem('colour-scheme', theme)\n",
    );
  });

  it('moves the marker of a removed statement with its comments', () => {
    const input = "save()\nlocalStorage.setItem('token', data.token)\nnext()\n";
    const { file } = open('src/save.js', input);
    const path = defined(findPathForNode(file, findCall(file, 'setItem')));
    markForManualMigration(file, path, 'a reason');
    removeStatement(defined(getStatementPath(path)));
    const output = defined(printSourceFile(file, true));
    expect(findMarkers(output)).toEqual([{ line: 2, reason: 'a reason' }]);
    expect(output).not.toContain('setItem');
  });

  it('round-trips a report', () => {
    const site = { file: 'src/a b.js', line: 3, column: 7, reason: 'x: y' };
    expect(parseMarkerReport(formatMarkerReport(site))).toEqual(site);
    expect(parseMarkerReport('something else')).toBeUndefined();
  });
});

describe('statements', () => {
  it('moves the comments of a removed statement to the next one', () => {
    const { file } = open('a.js', 'a();\n// why b\nb();\nc();\n');
    const b = defined(file.root.find(file.j.Identifier, { name: 'b' }).paths()[0]);
    removeStatement(defined(getStatementPath(b)));
    expect(printSourceFile(file, true)).toBe('a();\n// why b\nc();\n');
  });

  it('keeps the comment of the last statement in a block', () => {
    const { file } = open('a.js', 'function f() {\n  a();\n  // why b\n  b();\n}\n');
    const b = defined(file.root.find(file.j.Identifier, { name: 'b' }).paths()[0]);
    removeStatement(defined(getStatementPath(b)));
    expect(printSourceFile(file, true)).toContain('// why b');
  });
});

describe('imports', () => {
  it('finds every import form', () => {
    const source = [
      "import jwt from 'jsonwebtoken';",
      "import { sign as signToken } from 'jsonwebtoken';",
      "import * as jose from 'jsonwebtoken';",
      "const verify = require('jsonwebtoken').verify;",
      "const { decode: decodeToken } = require('jsonwebtoken');",
      "const whole = require('jsonwebtoken');",
      '',
    ].join('\n');
    const { file } = open('a.js', source);
    const bindings = findModuleBindings(file, ['jsonwebtoken']).map((binding) => [binding.imported, binding.local]);
    expect(bindings).toEqual([
      ['default', 'jwt'],
      ['sign', 'signToken'],
      ['*', 'jose'],
      ['verify', 'verify'],
      ['decode', 'decodeToken'],
      ['*', 'whole'],
    ]);
  });

  it('tells the module system', () => {
    expect(getModuleSystem(open('a.js', "const a = require('a');\n").file)).toBe('commonjs');
    expect(getModuleSystem(open('a.js', "import a from 'a';\n").file)).toBe('esm');
    expect(getModuleSystem(open('a.cjs', 'a();\n').file)).toBe('commonjs');
    expect(getModuleSystem(open('a.mjs', 'a();\n').file)).toBe('esm');
  });

  it('adds a require in CommonJS and reuses an existing binding', () => {
    const { file } = open('a.js', "const express = require('express');\nexpress();\n");
    expect(ensureImport(file, { module: 'express', imported: 'default', local: 'app' })).toEqual({ local: 'express', changed: false });
    expect(ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' })).toEqual({ local: 'session', changed: true });
    expect(printSourceFile(file, true)).toBe(
      "const express = require('express');\nconst session = require('express-session');\nexpress();\n",
    );
  });

  it('ensureImport: CommonJS require after leading requires', () => {
    const { file } = open('a.js', "const express = require('express');\nconst app = express();\nconst users = require('./users');\nmodule.exports = app;\n");
    ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' });
    expect(printSourceFile(file, true)).toBe(
      "const express = require('express');\nconst session = require('express-session');\nconst app = express();\nconst users = require('./users');\nmodule.exports = app;\n",
    );
  });

  it('ensureImport: CommonJS require above its first use', () => {
    const source = "const a = require('a');\na.init();\nconst b = require('b');\nconst app = b();\nconst c = require('c');\n";
    const { file } = open('a.js', source);
    const appStatement = defined(file.root.find(file.j.VariableDeclaration).paths()[2]).node;
    ensureImport(file, { module: 'session', imported: 'default', local: 'session', before: appStatement });
    expect(printSourceFile(file, true)).toBe(
      "const a = require('a');\na.init();\nconst b = require('b');\nconst session = require('session');\nconst app = b();\nconst c = require('c');\n",
    );
  });

  it('ensureImport: CommonJS require below directives', () => {
    const { file } = open('a.cjs', "'use strict';\n// Server.\nconst app = makeApp();\nconst a = require('a');\n");
    const appStatement = defined(file.root.find(file.j.VariableDeclaration).paths()[0]).node;
    ensureImport(file, { module: 'session', imported: 'default', local: 'session', before: appStatement });
    expect(printSourceFile(file, true)).toBe("'use strict';\n// Server.\nconst session = require('session');\n\nconst app = makeApp();\nconst a = require('a');\n");
  });

  it('picks a free local name', () => {
    const { file } = open('a.mjs', 'const session = 1;\n');
    expect(ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' }).local).toBe('session2');
  });

  it('getFreeName ignores members, keys and labels', () => {
    const { file } = open(
      'a.tsx',
      [
        "import { session as s } from 'other';",
        'interface Req { session: unknown }',
        'const o = { session: 1 };',
        'class A { session = 1; }',
        'session: for (;;) break session;',
        'export function f(req: Req) { return [req.session, <div session={s} />, o, A]; }',
        '',
      ].join('\n'),
    );
    expect(ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' }).local).toBe('session');
  });

  it('counts bindings and references in any scope as used names', () => {
    expect(ensureImport(open('a.mjs', 'function f() { const session = 1; return session; }\n').file, { module: 'm', imported: 'default', local: 'session' }).local).toBe('session2');
    expect(ensureImport(open('a.mjs', 'f({ session });\n').file, { module: 'm', imported: 'default', local: 'session' }).local).toBe('session2');
    expect(ensureImport(open('a.jsx', 'f(<session.A />);\n').file, { module: 'm', imported: 'default', local: 'session' }).local).toBe('session2');
    expect(ensureImport(open('a.mjs', 'const session = 1, session2 = 2;\n').file, { module: 'm', imported: 'default', local: 'session' }).local).toBe('session3');
  });

  it('removes bindings nothing uses', () => {
    const { file } = open('a.js', "import jwt, { sign } from 'jsonwebtoken';\nimport a from 'a';\nsign();\na();\n");
    expect(removeUnusedBindings(file, ['jsonwebtoken'])).toBe(true);
    expect(printSourceFile(file, true)).toBe("import { sign } from 'jsonwebtoken';\nimport a from 'a';\nsign();\na();\n");
  });
});
