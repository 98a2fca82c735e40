/**
 * The text checks of the detectors: cheap tests on a file's source text that tell whether a detector can
 * find anything in it. A rule runs its check when it is created and returns no listeners when the check
 * fails. A codemod runs the same check before it parses a file, and `migrate` runs it before it starts
 * jscodeshift at all. A check may let through a file in which the detector then finds nothing, but it
 * never rejects one in which the detector finds something.
 *
 * This module imports no parser and no AST helpers, so the CLI can load it in a fraction of the time the
 * detectors take.
 */
import { matchNear, quickThenPrecise, rememberLastText } from '../util/text-check.js';

// ---------------------------------------------------------------------------------------------------------
// Browser storage and cookies written from JavaScript.

/**
 * Returns true when the text may use a storage API that web-storage.ts looks for. Every form it finds
 * names `localStorage` or `sessionStorage`, builds that name from strings (`window['local' + 'Storage']`),
 * or imports a storage package by name. A persisted Vue store (persisted-store.ts) imports
 * `vuex-persistedstate`, or calls `defineStore` (imported from `pinia`, or auto-imported by Nuxt) and sets
 * the `persist` option, whose plugin the store file need not name. A persisted zustand store imports
 * `persist` from `zustand/middleware`. The quick test
 * looks for `Storage` (also in `useLocalStorage`), `persist` and the other package names, which V8 scans
 * for faster than the full list, and which also matches names such as `InsufficientStorage`, Node.js's
 * `AsyncLocalStorage` and `persistent`.
 * NOTE: a name written with Unicode escapes (`local\u0053torage`) is not recognised.
 */
export const mayContainStorageAccess: (text: string) => boolean = quickThenPrecise(
  /Storage|localforage|idb-keyval|idbKeyval|store2|persist/,
  /localStorage|sessionStorage|['"`]Storage|localforage|idb-keyval|idbKeyval|store2|usehooks|react-use|@vueuse\/core|redux-persist|persistedstate|pinia|defineStore|zustand/,
);

/** Returns true when the text may write a cookie (`cookie`, `Cookies`, `nookies`), as js-cookie.ts finds it. */
export function mayContainCookieWrite(text: string): boolean {
  return /cookie|nookies/i.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// JWT libraries and server sessions.

/**
 * Returns a pattern for a name in `names` (an alternation source) right after a quote or backtick, with no
 * letter, digit, `_` or `-` after it. The detectors find a library only by its name in a string, so a
 * comment or an identifier (`joseHeader`) does not pass. The loading call is left out because the
 * detectors also follow wrapped calls such as `(0, require)('jsonwebtoken')` and `require!('jsonwebtoken')`.
 * NOTE: a name written with escapes or built from parts (`'json' + 'webtoken'`) is not recognised.
 */
function quotedModuleName(names: string): RegExp {
  return new RegExp(`['"\x60](?:${names})(?![\\w-])`);
}

/**
 * Returns true when the text names, as a string, a module that jwt-library.ts recognises (jose's older
 * subpaths such as `jose/jwt/sign` and Hono's `hono/jwt`, `hono/jwk`, `hono/utils/jwt` and
 * `hono/utils/jwt/jwt` included). Every name contains `jw` (of `jwt` or `jwk`), `jose` or `jsonw`: three
 * anchors, so three `indexOf` scans. At most 12 characters come before that part (a quote and
 * `hono/utils/`, counted to the first `jwt` of `hono/utils/jwt/jwt`), and at most 13 run from its start
 * to the end of the character after the name (`jsonwebtoken` and one more).
 */
export const mayContainJwtCalls: (text: string) => boolean = rememberLastText(
  matchNear(
    ['jw', 'jose', 'jsonw'],
    quotedModuleName(
      String.raw`jsonwebtoken|jose|express-jwt|koa-jwt|passport-jwt|jwt-decode|@nestjs\/jwt|fastify-jwt|@fastify\/jwt|hono\/(?:utils\/jwt\/|utils\/)?jwt|hono\/jwk`,
    ),
    { before: 12, after: 13 },
  ),
);

/**
 * Returns true when the text names express-session, cookie-session or cookie-parser as a string. Each
 * name contains `-sess` or `kie-`. At most 8 characters come before that part (`'express`), and at most
 * 12 run from its start to the end of the character after the name (`kie-session` and one more).
 */
export const mayUseSessionLibrary: (text: string) => boolean = rememberLastText(
  matchNear(['-sess', 'kie-'], quotedModuleName('express-session|cookie-session|cookie-parser'), { before: 8, after: 12 }),
);

/**
 * Returns true when the text could contain a `res.cookie(…)` call, in any form the detector reads:
 * `res.cookie(`, `res['cookie'](`, `res.cookie?.(`, `res.cookie!(`, a comment before `(`, or a type
 * assertion (`(res.cookie as Setter)(`). The word `cookie` alone is in too many files that set no cookie.
 */
export const mayCallResCookie: (text: string) => boolean = quickThenPrecise(
  /cookie/,
  /\bcookie['"`\]!)\s]*(?:\?\.)?\s*(?:\/\*.*?\*\/\s*)?\(|\bcookie\s+as\b/,
);

/** Returns true when the text could contain a session write. */
export function mayWriteSession(text: string): boolean {
  return text.includes('session');
}

/**
 * Returns true when the text may call `req.login` or `req.logIn`, which passport adds to the request. A
 * passport login writes the session in a file that need not name it.
 */
export function mayCallLogin(text: string): boolean {
  return /\blog[iI]n\b/.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// Hard-coded secrets.

/**
 * The parts of a secret name that text search finds first: every name `isSecretName` accepts has one.
 * `key` counts only after a word that makes it a secret (`privateKey`, `API_KEY`, `jwt.key`), with up to
 * four separators between, because `isSecretName` splits names at every character that is not a letter
 * or a digit. The lookbehind tests that word inside the search, so other `key`s (`Object.keys`) do not
 * stop it.
 */
const SECRET_WORD = /secret|passw|passphrase|key(?<=(?:private|signing|api|encryption|hmac|jwt|cookie|secret)[^a-z\d\n]{0,4}key)/gi;
/**
 * The rest of a name: more words, which a quoted key may join with `-` or `.` (`Key`, `_SECRET`,
 * `-access-key`). A name with spaces (`'secret key':`) is found from its last word.
 */
const NAME_REST = /[\w$.-]*/y;
/**
 * The text after a name that receives a value: a closing quote or bracket (`word']=`), then `:` or `=`,
 * with an optional comment before it (`jwtSecret /* dev *\/ =`). It cannot start with a character of
 * `NAME_REST`, so it either matches right where the rest of the name ends or not at all.
 */
const VALUE_AFTER_NAME = /['"`\]]*\s*(?:\/\*.*?\*\/\s*)?[:=]/y;
/** `as` before a name in an export list, quoted or not: `export { value as secret }`, `as "jwtSecret"`. */
const EXPORTED_AS = /\bas\s+['"]?[\w$. -]*$/;

/**
 * Returns the length of the `SECRET_WORD` match that ends with `lastChar`. Each of its words ends with a
 * different letter, in either case.
 */
function secretWordLength(lastChar: string | undefined): number {
  switch (lastChar) {
    case 't':
    case 'T':
      return 'secret'.length;
    case 'w':
    case 'W':
      return 'passw'.length;
    case 'e':
    case 'E':
      return 'passphrase'.length;
    default:
      return 'key'.length;
  }
}

/**
 * Returns true when the text may give a value to a secret-named property or binding, as every
 * configuration export with a secret to report does. The name is then followed by `:` or `=` (`secret:`,
 * `JWT_SECRET =`, `'api-key':`, `exports['password'] =`) or comes after `as` (`export { key as secret }`).
 * A secret mentioned in a comment or a message (`carry secrets`, `Forgot password?`) does not count.
 * It visits each occurrence of `secret`, `passw`, `passphrase` and a secret `key` and looks at the text
 * around it, which is faster than one regular expression with every name in it. The loop reads the end of
 * each match from `lastIndex`, so an occurrence allocates nothing until it needs the text before it.
 * NOTE: a name written with Unicode escapes (`'s\u0065cret'`) is not recognised. A line with many secret
 * names, each followed by a `/*` that the line never closes, takes time that grows with the square of
 * the line's length, because each name searches the rest of the line for the comment's end.
 */
export const mayAssignSecretName: (text: string) => boolean = rememberLastText((text) => {
  // Where the name around the last occurrence ends, and whether a value follows it. Later occurrences
  // inside the same name share both, so a long run of name characters is read once, not once for each.
  let nameEnd = -1;
  let nameReceivesValue = false;
  SECRET_WORD.lastIndex = 0;
  while (SECRET_WORD.test(text)) {
    const end = SECRET_WORD.lastIndex;
    const start = end - secretWordLength(text[end - 1]);
    if (end > nameEnd) {
      NAME_REST.lastIndex = end;
      NAME_REST.test(text);
      nameEnd = NAME_REST.lastIndex;
      VALUE_AFTER_NAME.lastIndex = nameEnd;
      nameReceivesValue = VALUE_AFTER_NAME.test(text);
    }
    if (nameReceivesValue || EXPORTED_AS.test(text.slice(Math.max(0, start - 64), start))) return true;
  }
  return false;
});

/** Returns true when the text could contain anything hardcoded-secret.ts looks for. */
export function mayContainHardcodedSecret(text: string): boolean {
  return mayContainJwtCalls(text) || mayUseSessionLibrary(text) || mayAssignSecretName(text);
}

// ---------------------------------------------------------------------------------------------------------
// Codemods.

/**
 * Returns true when the text may set up an Express app or handle a logout: there the jwt-to-session
 * codemod changes files without a JWT call. It looks for `express` as a whole word (so `expression` does
 * not count), and for `logout`, `log-out` or `signOut` in any letter case.
 */
export function mayContainExpressAppOrLogout(text: string): boolean {
  return /\bexpress\b|(?:log|sign)[-_]?out/i.test(text);
}
