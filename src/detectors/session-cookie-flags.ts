/**
 * Checks the flags of session and credential cookies: express-session's `cookie` options, cookie-session's
 * options and `res.cookie(name, value, options)` for a credential cookie. A cookie needs `secure` (sent
 * over HTTPS only), `httpOnly` (out of reach of scripts) and a `sameSite` other than `"none"` (not sent
 * with cross-site requests). Each finding carries the text edits that add or fix the flags.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, forEachNode, getKeyName, skipTypeWrappers } from '../util/ast-values.js';
import type { CredentialNameOptions } from './credential-name.js';
import { followObject, type FollowedObject, type PropertyLookup } from './same-file-value.js';
import { findCredentialCookieCalls, findSessionLibraryUsage } from './session-library.js';
import { getLiteralString } from './static-string.js';

type SourceCode = TSESLint.SourceCode;

export type CookieFlag = 'secure' | 'httpOnly' | 'sameSite';
export type CookieSource = 'express-session' | 'cookie-session' | 'res.cookie';

/** One flag that is missing or set to an unsafe value. */
export interface CookieFlagProblem {
  readonly flag: CookieFlag;
  readonly kind: 'missing' | 'unsafe';
  /** The unsafe values written for the flag (`false`, `"none"`), empty when the flag is missing. */
  readonly values: readonly TSESTree.Expression[];
}

/** A replacement of the source range `[start, end)` with `text`, which is an insertion when start equals end. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface InsecureCookieFinding {
  readonly source: CookieSource;
  /** The options argument, or the call when it has none. */
  readonly node: TSESTree.Node;
  readonly call: TSESTree.CallExpression;
  /** For `res.cookie`, the cookie name when it is written in this file. */
  readonly cookieName?: string;
  readonly problems: readonly CookieFlagProblem[];
  /** Edits that set every flag to a safe value, or undefined when there is no literal to edit. */
  readonly edits?: readonly TextEdit[];
}

export interface CookieFlagOptions {
  /** Accept `sameSite: "none"`, for cookies that must be sent with cross-site requests. */
  readonly allowSameSiteNone?: boolean;
  /** Widens or narrows the names that make a `res.cookie` call a credential cookie. */
  readonly credentialNames?: CredentialNameOptions;
}

const FLAG_ORDER: readonly CookieFlag[] = ['secure', 'httpOnly', 'sameSite'];
const DEFAULT_SECURE_TEXT = 'process.env.NODE_ENV === "production"';
const SAFE_SAME_SITE_TEXT = '"lax"';

interface CookieTarget {
  readonly source: CookieSource;
  readonly call: TSESTree.CallExpression;
  readonly optionsArgument?: TSESTree.Expression;
  readonly options?: FollowedObject;
  /** Path of the flags inside the options: `['cookie']` for express-session, `[]` otherwise. */
  readonly flagsPath: readonly string[];
  /** The library sets HttpOnly when the option is missing. */
  readonly httpOnlyByDefault: boolean;
  readonly cookieName?: string;
}

/** Finds session and credential cookies that lack `secure`, `httpOnly` or a safe `sameSite`. */
export function findInsecureCookies(sourceCode: SourceCode, options: CookieFlagOptions = {}): InsecureCookieFinding[] {
  const targets: CookieTarget[] = [];
  for (const setup of findSessionLibraryUsage(sourceCode).setupCalls) {
    if (setup.library === 'cookie-parser') continue;
    targets.push({
      source: setup.library,
      call: setup.node,
      ...(setup.optionsArgument ? { optionsArgument: setup.optionsArgument } : {}),
      ...(setup.options ? { options: setup.options } : {}),
      flagsPath: setup.library === 'express-session' ? ['cookie'] : [],
      httpOnlyByDefault: true,
    });
  }
  for (const cookie of findCredentialCookieCalls(sourceCode, options.credentialNames)) {
    targets.push({
      source: 'res.cookie',
      call: cookie.node,
      ...(cookie.optionsArgument ? { optionsArgument: cookie.optionsArgument } : {}),
      ...(cookie.options ? { options: cookie.options } : {}),
      ...(cookie.cookieName !== undefined ? { cookieName: cookie.cookieName } : {}),
      flagsPath: [],
      httpOnlyByDefault: false,
    });
  }

  const findings: InsecureCookieFinding[] = [];
  for (const target of targets) {
    // Options that come from a parameter, an import or a call cannot be checked.
    if (target.optionsArgument && !target.options) continue;
    const problems = findProblems(target, options);
    if (problems.length === 0) continue;
    const edits = buildEdits(sourceCode, target, problems);
    findings.push({
      source: target.source,
      node: target.optionsArgument ?? target.call,
      call: target.call,
      ...(target.cookieName !== undefined ? { cookieName: target.cookieName } : {}),
      problems,
      ...(edits ? { edits } : {}),
    });
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function findProblems(target: CookieTarget, options: CookieFlagOptions): CookieFlagProblem[] {
  const problems: CookieFlagProblem[] = [];
  for (const flag of FLAG_ORDER) {
    const lookup: PropertyLookup = target.options
      ? target.options.lookup([...target.flagsPath, flag])
      : { values: [], unknown: false };
    if (lookup.unknown) continue;
    if (lookup.values.length === 0) {
      if (flag === 'httpOnly' && target.httpOnlyByDefault) continue;
      problems.push({ flag, kind: 'missing', values: [] });
      continue;
    }
    const values = lookup.values.map((value) => value.node);
    // A value that is safe on any path (such as `secure = true` inside a production check) is enough.
    if (values.every((value) => isUnsafeValue(flag, value, options))) {
      problems.push({ flag, kind: 'unsafe', values });
    }
  }
  return problems;
}

function isUnsafeValue(flag: CookieFlag, value: TSESTree.Expression, options: CookieFlagOptions): boolean {
  const node = skipTypeWrappers(value);
  const isFalse = node.type === AST_NODE_TYPES.Literal && node.value === false;
  if (flag !== 'sameSite') return isFalse;
  if (isFalse) return true;
  const text = getLiteralString(node);
  return text !== undefined && text.toLowerCase() === 'none' && options.allowSameSiteNone !== true;
}

function buildEdits(sourceCode: SourceCode, target: CookieTarget, problems: readonly CookieFlagProblem[]): TextEdit[] | undefined {
  const anchor = target.options?.literal ?? target.call;
  const safeText: Record<CookieFlag, string> = {
    secure: getSecureExpressionText(sourceCode, anchor),
    httpOnly: 'true',
    sameSite: SAFE_SAME_SITE_TEXT,
  };

  const edits: TextEdit[] = [];
  for (const problem of problems) {
    for (const value of problem.values) {
      edits.push({ range: value.range, text: safeText[problem.flag] });
    }
  }

  const missing = problems
    .filter((problem) => problem.kind === 'missing')
    .map((problem) => `${problem.flag}: ${safeText[problem.flag]}`);
  if (missing.length === 0) return edits;

  if (!target.options) {
    const insertion = buildMissingOptionsArgument(sourceCode, target, missing);
    if (!insertion) return undefined;
    edits.push(insertion);
    return edits;
  }

  const literal = findFlagsLiteral(sourceCode, target.options, target.flagsPath);
  if (literal) {
    edits.push(insertProperties(sourceCode, literal, missing));
    return edits;
  }
  if (target.flagsPath.length === 1 && target.options.lookup(target.flagsPath).values.length === 0) {
    // express-session without a `cookie` option: add one holding the flags.
    edits.push(insertProperties(sourceCode, target.options.literal, [`${target.flagsPath[0]}: { ${missing.join(', ')} }`]));
    return edits;
  }
  return undefined;
}

/** Returns the object literal that contains the cookie flags, when there is exactly one to edit. */
function findFlagsLiteral(
  sourceCode: SourceCode,
  options: FollowedObject,
  flagsPath: readonly string[],
): TSESTree.ObjectExpression | undefined {
  if (flagsPath.length === 0) return options.literal;
  const values = options.lookup(flagsPath).values;
  const only = values.length === 1 ? values[0] : undefined;
  return only ? followObject(sourceCode, only.node)?.literal : undefined;
}

/** Adds an options argument to `session()` or `res.cookie(name, value)`. */
function buildMissingOptionsArgument(
  sourceCode: SourceCode,
  target: CookieTarget,
  missing: readonly string[],
): TextEdit | undefined {
  const flags = `{ ${missing.join(', ')} }`;
  const text = target.flagsPath.length === 0 ? flags : `{ ${target.flagsPath[0]}: ${flags} }`;
  const closing = sourceCode.getLastToken(target.call);
  if (!closing || closing.value !== ')') return undefined;
  const lastArgument = target.call.arguments.at(-1);
  if (!lastArgument) return { range: [closing.range[0], closing.range[0]], text };
  const afterLast = sourceCode.getTokenAfter(lastArgument);
  const hasTrailingComma = afterLast?.value === ',';
  return hasTrailingComma && afterLast
    ? { range: [afterLast.range[1], afterLast.range[1]], text: ` ${text}` }
    : { range: [lastArgument.range[1], lastArgument.range[1]], text: `, ${text}` };
}

/** Inserts `key: value` entries at the end of an object literal, following its layout and trailing comma. */
function insertProperties(sourceCode: SourceCode, literal: TSESTree.ObjectExpression, entries: readonly string[]): TextEdit {
  const last = literal.properties.at(-1);
  if (!last) {
    return { range: literal.range, text: `{ ${entries.join(', ')} }` };
  }
  const afterLast = sourceCode.getTokenAfter(last);
  const hasTrailingComma = afterLast?.value === ',';
  const insertAt = hasTrailingComma && afterLast ? afterLast.range[1] : last.range[1];
  const isMultiline = last.loc.end.line < literal.loc.end.line;

  if (isMultiline) {
    const lineText = sourceCode.lines[last.loc.start.line - 1] ?? '';
    const indent = /^\s*/.exec(lineText)?.[0] ?? '';
    const lines = entries.map((entry) => `\n${indent}${entry}`);
    const text = hasTrailingComma ? `${lines.join(',')},` : `,${lines.join(',')}`;
    return { range: [insertAt, insertAt], text };
  }
  const text = hasTrailingComma ? ` ${entries.join(', ')},` : `, ${entries.join(', ')}`;
  return { range: [insertAt, insertAt], text };
}

/**
 * Returns the expression to use for `secure`: a production check the file already makes and that can be
 * read at `anchor` (a `const isProduction = …` binding, an `app.get("env") === "production"` or
 * `process.env.NODE_ENV === "production"` comparison), else `process.env.NODE_ENV === "production"`.
 */
export function getSecureExpressionText(sourceCode: SourceCode, anchor: TSESTree.Node): string {
  let bindingText: string | undefined;
  let appCheckText: string | undefined;
  let environmentCheckText: string | undefined;

  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.BinaryExpression) return;
    const subject = getProductionCheckSubject(node);
    if (!subject) return;
    const declarator = node.parent;
    if (
      bindingText === undefined &&
      declarator.type === AST_NODE_TYPES.VariableDeclarator &&
      declarator.init === node &&
      declarator.id.type === AST_NODE_TYPES.Identifier &&
      isReadableAt(sourceCode, declarator.id, anchor)
    ) {
      bindingText = declarator.id.name;
    }
    if (subject.type === AST_NODE_TYPES.CallExpression) {
      const callee = subject.callee as TSESTree.MemberExpression;
      const root = callee.object;
      if (appCheckText === undefined && root.type === AST_NODE_TYPES.Identifier && isReadableAt(sourceCode, root, anchor)) {
        appCheckText = sourceCode.getText(node);
      }
    } else {
      environmentCheckText ??= sourceCode.getText(node);
    }
  });
  return bindingText ?? appCheckText ?? environmentCheckText ?? DEFAULT_SECURE_TEXT;
}

/**
 * Returns `app.get("env")` or `process.env.NODE_ENV` when the comparison tests it against
 * `"production"` with `===` or `==`.
 */
function getProductionCheckSubject(node: TSESTree.BinaryExpression): TSESTree.Node | undefined {
  if (node.operator !== '===' && node.operator !== '==') return undefined;
  const [subject, other] = getLiteralString(node.right) === 'production' ? [node.left, node.right] : [node.right, node.left];
  if (getLiteralString(other) !== 'production') return undefined;
  const unwrapped = skipTypeWrappers(subject);

  if (unwrapped.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapped.callee;
    const argument = unwrapped.arguments[0];
    const isEnvGet =
      callee.type === AST_NODE_TYPES.MemberExpression &&
      getKeyName(callee) === 'get' &&
      unwrapped.arguments.length === 1 &&
      argument !== undefined &&
      getLiteralString(argument) === 'env';
    return isEnvGet ? unwrapped : undefined;
  }
  if (unwrapped.type === AST_NODE_TYPES.MemberExpression && getKeyName(unwrapped) === 'NODE_ENV') {
    const env = skipTypeWrappers(unwrapped.object);
    if (
      env.type === AST_NODE_TYPES.MemberExpression &&
      getKeyName(env) === 'env' &&
      env.object.type === AST_NODE_TYPES.Identifier &&
      env.object.name === 'process'
    ) {
      return unwrapped;
    }
  }
  return undefined;
}

/**
 * Returns true when the variable `identifier` refers to is also what its name means at `anchor`, and its
 * declaration comes first, so using the name there cannot hit a different binding or the temporal dead zone.
 */
function isReadableAt(sourceCode: SourceCode, identifier: TSESTree.Identifier, anchor: TSESTree.Node): boolean {
  const variable = findVariable(sourceCode.scopeManager, identifier);
  const declaration = variable?.defs[0]?.name;
  if (!variable || !declaration || declaration.range[1] > anchor.range[0]) return false;
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(anchor);
  while (scope) {
    const found = scope.set.get(identifier.name);
    if (found) return found === variable;
    scope = scope.upper;
  }
  return false;
}
