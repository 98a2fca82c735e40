/**
 * The codemods that `eslint-plugin-sessions migrate` runs, by name: what the CLI shows of each, the
 * packages the migrated code needs, the text check that decides before any parsing whether a file can
 * change, and the path of the transform.
 *
 * This module imports no codemod, because a codemod loads the detectors and a parser, which takes most
 * of a second. `migrate` loads a codemod only in jscodeshift's workers, and only when some file passes the
 * text check. Each codemod module exports its entry here as `meta`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { mayContainExpressAppOrLogout, mayContainJwtCalls, mayContainStorageAccess } from '../detectors/text-checks.js';
import { dependsOnAny } from './manifest.js';
import type { CodemodDependency, CodemodMeta } from './types.js';

/** A codemod with the path of its transform, as the CLI runs it. */
export interface CodemodEntry extends CodemodMeta {
  /** Absolute path of the transform module, for `jscodeshift -t`. */
  readonly transformPath: string;
}

/** The session stores jwt-to-session can set up (`--option store=redis`). */
export type SessionStoreKind = 'knex' | 'redis' | 'memory';

export const SESSION_STORES: readonly SessionStoreKind[] = ['knex', 'redis', 'memory'];

const STORE_DEPENDENCIES: Readonly<Record<SessionStoreKind, readonly CodemodDependency[]>> = {
  knex: [
    { name: 'connect-session-knex', purpose: 'session store in an SQL database' },
    { name: 'knex', purpose: 'database connection of the session store' },
    { name: 'better-sqlite3', purpose: 'SQLite file for sessions in development', alternatives: ['pg'] },
    { name: 'pg', purpose: 'PostgreSQL driver when DATABASE_URL is set', alternatives: ['better-sqlite3'] },
  ],
  redis: [
    { name: 'connect-redis', purpose: 'session store in Redis' },
    { name: 'redis', purpose: 'Redis client of the session store' },
  ],
  memory: [],
};

const SESSION_DEPENDENCIES: readonly CodemodDependency[] = [
  { name: 'express-session', purpose: 'session middleware' },
  { name: '@types/express-session', purpose: 'types of req.session in TypeScript', dev: true },
];

export function isSessionStoreKind(value: string | undefined): value is SessionStoreKind {
  return (SESSION_STORES as readonly (string | undefined)[]).includes(value);
}

/** Returns the packages code migrated by jwt-to-session needs with the given store. */
export function getJwtToSessionDependencies(store: SessionStoreKind = 'knex'): CodemodDependency[] {
  return [...SESSION_DEPENDENCIES, ...STORE_DEPENDENCIES[store]];
}

/**
 * Names a session key cannot take, because the session object already has them: express-session's own
 * properties and methods, and those every object inherits (`constructor`, `toString`, `__proto__`).
 */
const RESERVED_SESSION_KEYS: ReadonlySet<string> = new Set([
  'cookie',
  'id',
  'req',
  'regenerate',
  'destroy',
  'reload',
  'save',
  'touch',
  'resetMaxAge',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Returns the problem with jwt-to-session's options (`store`, `sessionKey`), or undefined when they are valid. */
function checkJwtToSessionOptions(options: Readonly<Record<string, unknown>>): string | undefined {
  const { store, sessionKey } = options;
  if (store !== undefined && !isSessionStoreKind(String(store))) {
    return `Invalid store option '${String(store)}': use one of ${SESSION_STORES.join(', ')}.`;
  }
  if (sessionKey !== undefined && !/^[A-Za-z_$][\w$]*$/.test(String(sessionKey))) {
    return `Invalid sessionKey option '${String(sessionKey)}': use a JavaScript identifier such as 'user'.`;
  }
  if (sessionKey !== undefined && RESERVED_SESSION_KEYS.has(String(sessionKey))) {
    return `Invalid sessionKey option '${String(sessionKey)}': the session object already has a property or method of that name; use another name such as 'user'.`;
  }
  return undefined;
}

/** The packages whose presence in package.json makes jwt-to-session set up sessions and rewrite logouts. */
export const JWT_SESSION_MODULES: readonly string[] = ['jsonwebtoken', 'express-jwt'];

/**
 * Returns true when jwt-to-session may change the file: it calls a JWT library, or it sets up an Express
 * app or handles a logout in a project that depends on one. The codemod adds the session setup and the
 * session destruction there.
 */
function mayNeedJwtToSession(text: string, filePath: string): boolean {
  return mayContainJwtCalls(text) || (mayContainExpressAppOrLogout(text) && dependsOnAny(filePath, JWT_SESSION_MODULES));
}

const OWN_EXTENSION = path.extname(fileURLToPath(import.meta.url));

/**
 * Adds the transform path: the built `.js` file next to this module's own build, or the `.ts` source when
 * this module itself runs from source (in the tests).
 */
function createEntry(meta: CodemodMeta): CodemodEntry {
  const transformPath = fileURLToPath(new URL(`../../codemods/${meta.name}${OWN_EXTENSION}`, import.meta.url));
  return { ...meta, transformPath };
}

export const JWT_TO_SESSION: CodemodEntry = createEntry({
  name: 'jwt-to-session',
  summary: 'Replace JWT login sessions in Express servers with express-session and a connect-session-knex store.',
  pairedRules: ['no-jwt-session'],
  markOnlyMessageIds: [
    'issuedHonoSession',
    'acceptedHonoSession',
    'issuedFrameworkSession',
    'acceptedFrameworkSession',
    'issuedNonExpressSession',
    'acceptedNonExpressSession',
    'issuedMarkedSession',
    'acceptedMarkedSession',
    'issuedSignedInUserToken',
  ],
  dependencies: getJwtToSessionDependencies('knex'),
  // An unknown store fails every file in the transform, so the default list is as good as any there.
  dependenciesFor: (options) => getJwtToSessionDependencies(isSessionStoreKind(options.store) ? options.store : 'knex'),
  mayChange: mayNeedJwtToSession,
  options: ['store', 'sessionKey'],
  checkOptions: checkJwtToSessionOptions,
});

export const STORAGE_TOKEN_TO_COOKIE: CodemodEntry = createEntry({
  name: 'storage-token-to-cookie',
  summary: 'Remove login credentials from web storage and send requests with the session cookie instead.',
  pairedRules: ['no-token-in-storage'],
  dependencies: [],
  mayChange: mayContainStorageAccess,
  options: [],
});

/** Every codemod, in alphabetical order. */
export const CODEMODS: readonly CodemodEntry[] = [JWT_TO_SESSION, STORAGE_TOKEN_TO_COOKIE];

/** Returns the codemod with this name, or undefined. */
export function getCodemod(name: string): CodemodEntry | undefined {
  return CODEMODS.find((codemod) => codemod.name === name);
}

/**
 * Returns the codemods that migrate reports of a rule (ID without the plugin prefix). With a messageId,
 * codemods that only mark reports with that messageId are left out.
 */
export function getCodemodsForRule(ruleId: string, messageId?: string): CodemodEntry[] {
  return CODEMODS.filter(
    (codemod) => codemod.pairedRules.includes(ruleId) && (messageId === undefined || !codemod.markOnlyMessageIds?.includes(messageId)),
  );
}
