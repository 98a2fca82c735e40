/**
 * Finds signing and encryption secrets written into the source. A secret is a string literal (directly,
 * through a same-file constant, or as the fallback of `process.env.X || "…"`) used as a JWT key or as the
 * secret of express-session, cookie-session or cookie-parser. A literal exported as a configuration
 * property named like a secret (`module.exports = { secret: "…" }`) counts too. Each finding points at the
 * literal, because that text is what has to leave the source.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConstantInit, getKeyName, skipTypeWrappers } from '../util/ast-values.js';
import { splitWords } from './credential-name.js';
import { findJwtCalls, type JwtCall, type JwtLibrary } from './jwt-library.js';
import { followObject, isGlobalIdentifier } from './same-file-value.js';
import { findSessionLibraryUsage, type SessionLibrary } from './session-library.js';
import { findHardcodedStrings, type HardcodedString } from './static-string.js';
import { mayAssignSecretName, mayContainJwtCalls, mayUseSessionLibrary } from './text-checks.js';

type SourceCode = TSESLint.SourceCode;

/** The library option or exported property that receives a hard-coded secret. */
export type SecretUsage =
  | {
      readonly kind: 'jwt';
      readonly library: JwtLibrary;
      readonly operation: JwtCall['operation'];
      /** The option path (`cookie.secret`) of a secret that is not the JWT key itself. */
      readonly option?: string;
    }
  | { readonly kind: 'session'; readonly library: SessionLibrary; readonly option: string }
  | { readonly kind: 'config'; readonly property: string };

export interface HardcodedSecretFinding {
  /** The literal (or expression-free template, or concatenation of literals) holding the secret. */
  readonly node: TSESTree.Expression;
  readonly value: string;
  readonly usage: SecretUsage;
  /** `fallback` when the text is used only if another value (`process.env.SECRET`) is missing. */
  readonly role: HardcodedString['role'];
  /** For a fallback, the expression whose missing value it replaces. */
  readonly fallbackFor?: TSESTree.Expression;
}

export interface HardcodedSecretOptions {
  /** Also check exported configuration objects for properties named like a secret. Default true. */
  readonly checkConfigExports?: boolean;
}

/** Option keys that hold the key of a JWT middleware, strategy or module, and the argument the options are in. */
const JWT_OPTION_KEYS: Partial<Record<JwtLibrary, { readonly argument: number; readonly keys: readonly string[] }>> = {
  'express-jwt': { argument: 0, keys: ['secret'] },
  'koa-jwt': { argument: 0, keys: ['secret'] },
  'passport-jwt': { argument: 0, keys: ['secretOrKey'] },
  '@nestjs/jwt': { argument: 0, keys: ['secret', 'privateKey', 'secretOrPrivateKey'] },
  '@fastify/jwt': { argument: 1, keys: ['secret'] },
  'hono/jwt': { argument: 0, keys: ['secret'] },
  // The keys of Hono's jwk() are public keys, but its options may hold a cookie secret.
  'hono/jwk': { argument: 0, keys: [] },
};

/**
 * Option paths of a JWT middleware that hold a secret other than the JWT key. Hono's `jwt()` (hono 4.5
 * and later) and `jwk()` read the token from a signed cookie when their `cookie` option is an object with
 * a `secret`.
 */
const JWT_OTHER_SECRET_OPTIONS: Partial<Record<JwtLibrary, readonly (readonly string[])[]>> = {
  'hono/jwt': [['cookie', 'secret']],
  'hono/jwk': [['cookie', 'secret']],
};

/** PEM blocks that are public by design: a hard-coded verification key or certificate is not a secret. */
const PUBLIC_PEM = /-----BEGIN (?:RSA )?(?:PUBLIC KEY|CERTIFICATE)-----/;

/** Finds the hard-coded secrets in the file, reporting each literal once however many uses reach it. */
export function findHardcodedSecrets(sourceCode: SourceCode, options: HardcodedSecretOptions = {}): HardcodedSecretFinding[] {
  const findings = new Map<TSESTree.Node, HardcodedSecretFinding>();
  const add = (expression: TSESTree.Node | undefined, usage: SecretUsage): void => {
    if (!expression) return;
    for (const found of findHardcodedStrings(sourceCode, expression)) {
      if (!isSecretText(found.value) || findings.has(found.node)) continue;
      findings.set(found.node, {
        node: found.node,
        value: found.value,
        usage,
        role: found.role,
        ...(found.fallbackFor ? { fallbackFor: found.fallbackFor } : {}),
      });
    }
  };

  // Each part runs only on text that can hold what it looks for, so a large file that merely mentions
  // `session` or `secret` costs a few regular-expression tests.
  const text = sourceCode.text;
  const jwtCalls = mayContainJwtCalls(text) ? findJwtCalls(sourceCode) : [];
  for (const call of jwtCalls) {
    for (const { node, option } of getJwtSecretExpressions(sourceCode, call)) {
      add(node, { kind: 'jwt', library: call.library, operation: call.operation, ...(option === undefined ? {} : { option }) });
    }
  }

  const setupCalls = mayUseSessionLibrary(text) ? findSessionLibraryUsage(sourceCode).setupCalls : [];
  for (const setup of setupCalls) {
    if (setup.library === 'cookie-parser') {
      add(setup.secretArgument, { kind: 'session', library: setup.library, option: 'secret' });
      continue;
    }
    const keys = setup.library === 'express-session' ? ['secret'] : ['keys', 'secret'];
    for (const key of keys) {
      for (const value of setup.options?.lookup([key]).values ?? []) {
        add(value.node, { kind: 'session', library: setup.library, option: key });
      }
    }
  }

  if (options.checkConfigExports !== false && mayAssignSecretName(text)) {
    for (const entry of findExportedSecretEntries(sourceCode)) {
      add(entry.value, { kind: 'config', property: entry.name });
    }
  }

  return [...findings.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Returns false for text that is not a secret even when it sits where one belongs. */
function isSecretText(value: string): boolean {
  return value.length > 0 && !PUBLIC_PEM.test(value);
}

interface JwtSecretExpression {
  readonly node: TSESTree.Node;
  /** The option path, for a secret that is not the JWT key. */
  readonly option?: string;
}

/**
 * Returns the secret expressions of a JWT call: the detector's own `secretNode` and the secret options of
 * a middleware, strategy or module. Options are followed through a same-file options object and its later
 * writes (`opts.secretOrKey = "…"`).
 */
function getJwtSecretExpressions(sourceCode: SourceCode, call: JwtCall): JwtSecretExpression[] {
  const expressions: JwtSecretExpression[] = [];
  if (call.secretNode) expressions.push({ node: call.secretNode });

  const optionKeys = JWT_OPTION_KEYS[call.library];
  const isConfiguration = call.operation === 'middleware' || call.operation === 'strategy' ||
    call.operation === 'module-config' || call.operation === 'plugin-register';
  if (!optionKeys || !isConfiguration) return expressions;
  const argument = call.node.arguments[optionKeys.argument];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return expressions;
  const options = followObject(sourceCode, argument, { isConsumer: (consumer) => consumer === call.node });
  if (!options) return expressions;
  for (const key of optionKeys.keys) {
    for (const value of options.lookup([key]).values) expressions.push({ node: value.node });
  }
  for (const path of JWT_OTHER_SECRET_OPTIONS[call.library] ?? []) {
    for (const value of options.lookup(path).values) expressions.push({ node: value.node, option: path.join('.') });
  }
  return expressions;
}

/** A part of every name that `isSecretName` accepts, in any letter case. */
const SECRET_NAME_PART = /secret|passw|passphrase|key/i;

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set(['secret', 'secrets', 'passphrase', 'password', 'passwd', 'apikey', 'privatekey']);

/** Word pairs that name a secret together (`privateKey`, `signing_key`, `cookieKey`). */
const SECRET_PAIRS: readonly (readonly [string, string])[] = [
  ['private', 'key'],
  ['signing', 'key'],
  ['api', 'key'],
  ['encryption', 'key'],
  ['hmac', 'key'],
  ['jwt', 'key'],
  ['cookie', 'key'],
  ['cookie', 'keys'],
];

/**
 * Words that may follow the secret word without changing what the name refers to (`secretKey`,
 * `secretOrPrivateKey`, `secretAccessKey`).
 */
const SECRET_TRAILING_WORDS = new Set(['key', 'keys', 'value', 'string', 'str', 'base64', 'hex', 'or', 'private', 'public', 'access']);

/** Words anywhere in a name that make it about a secret rather than one (`hasSecret`, `minPasswordLength`). */
const SECRET_DISQUALIFYING_WORDS = new Set(['is', 'has', 'use', 'show', 'hide', 'min', 'max']);

/**
 * Words that, right before `password`, name a form field or an action (`resetPassword`, `newPassword`,
 * `confirmPassword`). Elsewhere they qualify a secret (`PASSWORD_RESET_SECRET`, `NEW_JWT_SECRET`).
 */
const PASSWORD_FIELD_WORDS = new Set(['forgot', 'reset', 'confirm', 'new', 'old']);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase']);

/**
 * Verbs that, as the first word of a name, make it an action rather than a secret: action types and
 * routes (`UPDATE_PASSWORD`, `changePassword`, `getApiKey`). Only the first word counts, because a verb
 * later in a name may qualify a secret.
 */
const SECRET_ACTION_VERBS = new Set([
  'change',
  'update',
  'set',
  'save',
  'submit',
  'validate',
  'fetch',
  'get',
  'remove',
  'delete',
  'clear',
  'generate',
  'rotate',
  'create',
  'enter',
]);

/**
 * Returns true when a property or constant name says it contains a secret: `secret`, `jwtSecret`,
 * `SESSION_SECRET`, `secretKey`, `privateKey`, `cookieKey`, `password`, `DB_PASSWORD`. Names about a
 * secret rather than of one (`secretName`, `passwordField`, `resetPassword`) do not count.
 */
export function isSecretName(name: string): boolean {
  // Every secret word and word pair contains one of these, and most property names contain none.
  if (!SECRET_NAME_PART.test(name)) return false;
  const words = splitWords(name);
  if (words.some((word) => SECRET_DISQUALIFYING_WORDS.has(word)) || SECRET_ACTION_VERBS.has(words[0] ?? '')) return false;
  for (let index = 0; index < words.length; index++) {
    if (PASSWORD_WORDS.has(words[index] ?? '') && PASSWORD_FIELD_WORDS.has(words[index - 1] ?? '')) continue;
    const length = countSecretWords(words, index);
    if (length > 0 && words.slice(index + length).every((after) => SECRET_TRAILING_WORDS.has(after))) return true;
  }
  return false;
}

/** Returns how many words at `index` form a secret word (1) or word pair (2), or 0 when none starts there. */
function countSecretWords(words: readonly string[], index: number): number {
  const word = words[index] ?? '';
  const next = words[index + 1];
  if (next !== undefined && SECRET_PAIRS.some(([first, second]) => first === word && second === next)) return 2;
  return SECRET_WORDS.has(word) ? 1 : 0;
}

/** True for the password family of names, whose values may also be form labels in exported UI text. */
function isPasswordName(name: string): boolean {
  return splitWords(name).some((word) => word === 'password' || word === 'passwd');
}

interface ExportedSecretEntry {
  readonly name: string;
  readonly value: TSESTree.Node;
}

/**
 * Finds the values of secret-named properties in what a module exports as configuration:
 * `module.exports = {...}`, `module.exports.secret = …`, `exports.secret = …`, `export default {...}`,
 * `export const config = {...}`, `export const JWT_SECRET = …` and `export { config }`, following
 * same-file constants and nested object literals.
 */
function findExportedSecretEntries(sourceCode: SourceCode): ExportedSecretEntry[] {
  const entries: ExportedSecretEntry[] = [];
  const visited = new Set<TSESTree.Node>();

  const visitValue = (name: string | undefined, value: TSESTree.Node): void => {
    const node = skipTypeWrappers(value);
    if (name !== undefined && isSecretName(name)) {
      const isLabel = isPasswordName(name) ? isLabelLike(sourceCode, node) : isNameLabel(sourceCode, name, node);
      if (!isLabel && !isOtherThanSecret(sourceCode, name, node)) entries.push({ name, value: node });
      return;
    }
    const object = followObject(sourceCode, node);
    if (!object || visited.has(object.literal)) return;
    visited.add(object.literal);
    for (const property of object.literal.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
      const key = getKeyName(property);
      if (key !== undefined) visitValue(key, property.value);
    }
  };

  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type !== AST_NODE_TYPES.FunctionDeclaration && declaration.type !== AST_NODE_TYPES.ClassDeclaration) {
        visitValue(undefined, declaration);
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
            visitValue(declarator.id.name, declarator.init);
          }
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          if (specifier.local.type !== AST_NODE_TYPES.Identifier) continue;
          const init = getConstantInit(sourceCode.scopeManager, specifier.local);
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          if (init) visitValue(exported, init);
        }
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const target = getCommonJsExportTarget(sourceCode, statement.expression);
      if (target) visitValue(target.name, target.value);
    }
  }
  return entries;
}

/**
 * Returns the export of `module.exports = value` (no name), `module.exports.name = value` or
 * `exports.name = value`, where `module` and `exports` are CommonJS's own bindings.
 */
function getCommonJsExportTarget(
  sourceCode: SourceCode,
  expression: TSESTree.Expression,
): { name: string | undefined; value: TSESTree.Expression } | undefined {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
  const left = expression.left;
  if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (isModuleExports(sourceCode, left)) return { name: undefined, value: expression.right };
  const object = skipTypeWrappers(left.object);
  const name = getKeyName(left);
  if (name === undefined) return undefined;
  const isExportsObject =
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports' && isGlobalIdentifier(sourceCode, object)) ||
    (object.type === AST_NODE_TYPES.MemberExpression && isModuleExports(sourceCode, object));
  return isExportsObject ? { name, value: expression.right } : undefined;
}

function isModuleExports(sourceCode: SourceCode, node: TSESTree.MemberExpression): boolean {
  const object = skipTypeWrappers(node.object);
  return (
    getKeyName(node) === 'exports' &&
    object.type === AST_NODE_TYPES.Identifier &&
    object.name === 'module' &&
    isGlobalIdentifier(sourceCode, object)
  );
}

/**
 * Returns true when the value of another secret name reads like UI text: a capitalised text that is a
 * sentence (`"Enter your API key"`) or the name itself in words (`secret: "Secret"`, `apiKey: "API key"`).
 * A capitalised single word such as `"SuperSecret"` and any lower-case text (`secret: "secret"`) count as
 * secrets.
 */
function isNameLabel(sourceCode: SourceCode, name: string, value: TSESTree.Node): boolean {
  const strings = findHardcodedStrings(sourceCode, value);
  const text = strings.length === 1 ? strings[0]?.value.trim() : undefined;
  if (text === undefined || !/^\p{Lu}/u.test(text)) return false;
  return /\s/.test(text) || splitWords(text).join(' ') === splitWords(name).join(' ');
}

/** Stripe's publishable keys, which Stripe.js puts in every page that takes a payment. */
const PUBLISHABLE_KEY = /^pk_(?:live|test)_\w+$/;
/** A Google API key (`AIza…`), public in a Firebase web config and secret in other uses. */
const GOOGLE_API_KEY = /^AIza[\w-]{35}$/;
/** Keys of a Firebase web config besides its `apiKey`. */
const FIREBASE_CONFIG_KEYS = new Set(['authDomain', 'projectId', 'messagingSenderId', 'appId']);
/**
 * A route in lower case (`/account/change-password`, `/users/:id`). Random secrets in base64 may start
 * with `/` too, but they nearly always contain upper-case letters, `+` or `=`.
 */
const ROUTE = /^\.{0,2}\/(?:(?:[a-z\d._~%-]+|:[a-z]\w*)(?:\/(?:[a-z\d._~%-]+|:[a-z]\w*))*\/?)?$/;
/** A column type with its size (`varchar(255)`, `decimal(10, 2)`). */
const COLUMN_TYPE = /^[A-Za-z][A-Za-z ]*\(\d+(?:,\s*\d+)?\)$/;
/** A mask shown in place of a hidden value (`********`, `••••••••`). */
const MASK = /^([^\p{L}\p{N}\s])\1{2,}$/u;
/** A key path of dotted or slashed parts (`app.secretKey`, `auth/password`). */
const KEY_PATH = /^[\w$-]+(?:[./][\w$-]+)+$/;
/** A constant-case name (`SECRET_KEY`), as constants that map to other names have. */
const CONSTANT_CASE = /^[A-Z][A-Z\d_]*$/;
/** A camelCase name of two or more words (`secretKey`), as storage keys and message keys have. */
const CAMEL_CASE = /^[a-z][a-z\d]*(?:[A-Z][a-z\d]*)+$/;
/**
 * First words of names that may be a check (`verifyPassword`) or a secret (`VERIFY_SECRET`). The rest of
 * the name and the value decide which (see `isCheckLabel`).
 */
const CHECK_VERBS = new Set(['verify', 'check']);
/** Characters of action types, event names, routes and message keys: letters, digits, spaces and `_-./:@[]`. */
const LABEL_TEXT = /^[\p{L}\d\s_./:@[\]-]+$/u;
/** Ends of the namespace parts of a label (`[Auth] `, `@@auth/`, `auth:`, `auth.`). */
const LABEL_NAMESPACE_END = /[\]/:.]/;
/** Words joined by single `-`, `_` or spaces, or in camelCase (`verify-password`, `Verify Password`). */
const LABEL_WORDS = /^[\p{L}\d]+(?:[-_ ][\p{L}\d]+)*$/u;

/**
 * Returns true when the single text under a secret name in an exported configuration is not a secret.
 * Such texts are a Stripe publishable key, the `apiKey` of a Firebase web config, a route, a column type,
 * a mask, and a value that repeats the name (see `namesItself`).
 */
function isOtherThanSecret(sourceCode: SourceCode, name: string, value: TSESTree.Node): boolean {
  const strings = findHardcodedStrings(sourceCode, value);
  const text = strings.length === 1 ? strings[0]?.value.trim() : undefined;
  if (text === undefined) return false;
  if (PUBLISHABLE_KEY.test(text) || ROUTE.test(text) || COLUMN_TYPE.test(text) || MASK.test(text)) return true;
  if (GOOGLE_API_KEY.test(text)) return name === 'apiKey' && isInFirebaseConfig(value);
  return namesItself(name, text);
}

/**
 * Returns true when the value repeats the name, as maps of action types, environment variable names,
 * routes and message keys do. Under a constant-case name that is the name itself (`JWT_SECRET:
 * 'JWT_SECRET'`) or a key path ending with it, spelled the same or in camelCase (`SECRET_KEY:
 * 'app.secretKey'`). Under a check of a secret it is a label for that check (see `isCheckLabel`). Other
 * names do not count, because tutorial secrets often spell out their own name (`jwtSecret: 'jwt-secret'`).
 */
function namesItself(name: string, text: string): boolean {
  if (isCheckLabel(name, text)) return true;
  if (!CONSTANT_CASE.test(name)) return false;
  if (text === name) return true;
  if (!KEY_PATH.test(text)) return false;
  const lastPart = text.split(/[./]/).at(-1) ?? '';
  return lastPart === name || (CAMEL_CASE.test(lastPart) && splitWords(lastPart).join(' ') === splitWords(name).join(' '));
}

/**
 * Returns true when the name is `verify` or `check` followed by the secret it checks (`VERIFY_PASSWORD`,
 * `checkApiKey`, `VERIFY_PASSWORD_KEY`) and the value is a label for that check. Such labels are action
 * types, event names, routes and message keys whose last part spells the check in any letter case and
 * separator (`'[Auth] Verify Password'`, `'@@auth/CHECK_PASSWORD'`, `'auth:verify_password'`,
 * `'verify-password'`). The name's trailing words may be left out (`VERIFY_PASSWORD_KEY: 'VERIFY_PASSWORD'`).
 *
 * A secret named after a check of something else (`VERIFY_TOKEN_SECRET`) is not such a name. A last part
 * with more words or with symbols (`'my-verify-secret'`, `'verify-password-1'`, `'P@ssw0rd!'`) is not such
 * a label, so passwords and random text stay reported.
 */
function isCheckLabel(name: string, text: string): boolean {
  const nameWords = splitWords(name);
  if (!CHECK_VERBS.has(nameWords[0] ?? '')) return false;
  const secretLength = countSecretWords(nameWords, 1);
  const checkWords = nameWords.slice(0, 1 + secretLength);
  const trailingWords = nameWords.slice(1 + secretLength);
  if (secretLength === 0 || !trailingWords.every((word) => SECRET_TRAILING_WORDS.has(word))) return false;

  if (!LABEL_TEXT.test(text)) return false;
  const lastPart = text.split(LABEL_NAMESPACE_END).at(-1)?.trim() ?? '';
  if (!LABEL_WORDS.test(lastPart)) return false;
  const spelled = splitWords(lastPart).join(' ');
  return spelled === checkWords.join(' ') || spelled === nameWords.join(' ');
}

/** Returns true when `value` is a property value in an object literal that also has Firebase's own keys. */
function isInFirebaseConfig(value: TSESTree.Node): boolean {
  const object = value.parent?.type === AST_NODE_TYPES.Property ? value.parent.parent : undefined;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.some((property) => {
    const key = property.type === AST_NODE_TYPES.Property ? getKeyName(property) : undefined;
    return key !== undefined && FIREBASE_CONFIG_KEYS.has(key);
  });
}

/**
 * Returns true when a password-named value reads like UI text rather than a password: a capitalised
 * sentence (`"Enter your password"`) or a single word in letters only that is not plain lower-case ASCII
 * (`"Password"`, `"Passwort"`, `"Пароль"`, `"密码"`), as locale files have. Lower-case words and values with
 * digits or symbols count as passwords.
 */
function isLabelLike(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  const strings = findHardcodedStrings(sourceCode, value);
  const only = strings.length === 1 ? strings[0] : undefined;
  if (!only) return false;
  const text = only.value.trim();
  if (/\s/.test(text)) return /^\p{Lu}/u.test(text);
  return /^[\p{L}\p{M}]+$/u.test(text) && !/^[a-z]+$/.test(text);
}
