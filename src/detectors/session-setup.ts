/**
 * Plans where jwt-to-session adds the session setup of an Express app, on the ESTree of the file. The
 * plan is made before any handler is rewritten. When it places no setup and the file shows no other
 * session middleware, the codemod marks the file's logins, checks, express-jwt guards and logouts, and
 * no-jwt-session reports them with the same reason.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { dependsOnAny } from '../codemod/manifest.js';
import { findVariable, forEachNode, getRequiredModule, skipTypeWrappers } from '../util/ast-values.js';
import { describeCode } from './jwt-session-migration.js';
import { findNextCustomServerApp } from './next-custom-server.js';
import { isNextApiRouteFile } from './nextjs.js';
import { getOtherFrameworkModule } from './server-framework.js';
import { findSessionLibraryUsage, getLoadedSessionLibrary } from './session-library.js';

type SourceCode = TSESLint.SourceCode;

/**
 * The plan for the session setup. `ready` names the statement that creates the app, which the setup
 * follows. `present` means the file sets up sessions already, and `no-app` that it creates no app.
 * The other kinds name the site to mark. For `not-added` and `cookie-session-missing` it is the
 * `express()` call of an app that gets no setup. For `uncertain` it is a `.use()` call that may set up
 * sessions, and for `unconfirmed` a passport session call in a package without a session library.
 * For `handed-over` it is a call that passes the app to a module of the project, and for `loaded` a
 * load of a session library that the codemod cannot follow.
 */
export type SessionSetupPlan =
  | { kind: 'ready'; appName: string; statement: TSESTree.Node }
  | { kind: 'present' | 'no-app' }
  | { kind: 'not-added'; creation: TSESTree.Node; reason: string }
  | { kind: 'uncertain'; use: TSESTree.CallExpression; mounted: string }
  | { kind: 'unconfirmed'; call: TSESTree.CallExpression; code: string }
  | { kind: 'handed-over'; handover: TSESTree.CallExpression | TSESTree.NewExpression; code: string }
  | { kind: 'loaded'; load: TSESTree.Node; library: string }
  | { kind: 'cookie-session-missing'; creation: TSESTree.Node };

/** The session packages whose presence in package.json confirms the signs of sessions in the code. */
export const SESSION_LIBRARIES = ['express-session', 'cookie-session'];

/** A module path or a variable name that suggests session middleware (`./session`, `sessionMiddleware`). */
const SESSION_NAME = /session/i;

/**
 * The module specifiers of the project's own files: relative and absolute paths, Node.js subpath imports
 * (`#config`) and the `@/` and `~/` path aliases of many TypeScript and bundler setups.
 */
const PROJECT_MODULE = /^(?:\.{1,2}(?:\/|$)|\/|#|[@~]\/)/;

/** Helpers that tsc and Babel emit around `require()` for a default import in CommonJS output. */
const INTEROP_HELPERS = new Set(['__importDefault', '_interopRequireDefault']);

/** Statement lists that the setup can be inserted into, besides the program's body. */
const STATEMENT_LIST_OWNERS = new Set<string>([AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.StaticBlock, AST_NODE_TYPES.SwitchCase, AST_NODE_TYPES.TSModuleBlock]);

/** The reason to mark an `express()` call whose app is not stored in a variable by the statement that calls it. */
const UNSTORED_APP_REASON =
  'no session setup was added for this app, because the codemod adds one only after a statement that stores a new app in a variable (`const app = express();`), and this call is not stored that way; add app.use(session({ ... })) with a store after it by hand';

const plansByProgram = new WeakMap<TSESTree.Program, SessionSetupPlan>();

/**
 * Returns the reason to mark a login, check or logout because the file's app gets no session setup and
 * the file shows no other session middleware, or undefined otherwise. The codemod plans no setup for a
 * file below pages/api or one that loads another server framework, so such files get no reason here.
 */
export function getMissingSetupReason(sourceCode: SourceCode, filePath: string, kind: 'login' | 'check' | 'logout'): string | undefined {
  if (isNextApiRouteFile(filePath) || getOtherFrameworkModule(sourceCode) !== undefined) return undefined;
  if (planSessionSetup(sourceCode, filePath).kind !== 'not-added') return undefined;
  return describeMissingSetup(kind);
}

/** Returns the reason to mark a login, check or logout of a file whose app gets no session setup. */
export function describeMissingSetup(kind: 'login' | 'check' | 'logout'): string {
  return `the app of this file gets no session setup from the codemod (the marker on its \`express()\` call says why), so this ${kind} would use req.session without a session middleware; migrate this ${kind} by hand`;
}

/**
 * Decides where the session middleware goes when the file has no session middleware yet: after the
 * statement that creates the app. The statement is at the top level: `const app = express();`, with
 * `require("express")()` in place of `express()`, or with an assignment chain
 * (`const app = module.exports = express();`), or `app = express();` after `let app;`. The statement may
 * also sit in the function of a Next.js custom server that `findNextCustomServerApp` finds.
 */
export function planSessionSetup(sourceCode: SourceCode, filePath: string): SessionSetupPlan {
  const cached = plansByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const plan = makeSessionSetupPlan(sourceCode, filePath);
  plansByProgram.set(sourceCode.ast, plan);
  return plan;
}

function makeSessionSetupPlan(sourceCode: SourceCode, filePath: string): SessionSetupPlan {
  const existing = findExistingSessions(sourceCode, filePath);
  if (existing && existing.kind !== 'loaded') return existing;
  const calls = findAppCalls(sourceCode);
  // A file without an app gets no setup, so a session library it loads needs no marker.
  const creation = calls[0];
  if (!creation) return { kind: 'no-app' };
  if (existing) return existing;

  let stored: { appName: string; statement: TSESTree.Node } | undefined;
  for (const call of calls) {
    if (call.arguments.length > 0) continue;
    stored = getAppAssignment(call.node);
    if (stored) break;
  }
  const handover = stored ? findHandoverToProjectModule(sourceCode, filePath, stored.appName) : undefined;
  if (handover) return handover;
  // The codemod writes only express-session setups, which cookie-session code cannot use.
  if (usesCookieSession(sourceCode, filePath)) return { kind: 'cookie-session-missing', creation: creation.node };

  let statement = stored?.statement;
  if (statement?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) statement = statement.parent;
  const owner = statement?.parent;
  if (!stored || !statement || !owner || (owner.type !== AST_NODE_TYPES.Program && !STATEMENT_LIST_OWNERS.has(owner.type))) {
    return { kind: 'not-added', creation: creation.node, reason: UNSTORED_APP_REASON };
  }
  const customServerApp = findNextCustomServerApp(sourceCode);
  if (owner.type !== AST_NODE_TYPES.Program && owner !== customServerApp?.statement.parent) {
    return { kind: 'not-added', creation: creation.node, reason: describeNestedAppWithoutSetup(stored.appName) };
  }
  return { kind: 'ready', appName: stored.appName, statement };
}

/** Returns the reason to mark the `express()` call of an app stored inside a function or block the codemod does not set up. */
function describeNestedAppWithoutSetup(appName: string): string {
  return `no session setup was added for the app \`${appName}\`, because it is created inside a function, and the codemod adds a setup there only for a Next.js custom server whose app is created after nextApp.prepare() in that function; add app.use(session({ ... })) with a store after it by hand`;
}

/** True when the migrated code uses cookie-session: the file loads it, or package.json lists it and not express-session. */
export function usesCookieSession(sourceCode: SourceCode, filePath: string): boolean {
  const loaded = findSessionLibraryUsage(sourceCode).loadedLibraries;
  if (loaded.has('cookie-session')) return true;
  if (loaded.has('express-session')) return false;
  return dependsOnAny(filePath, ['cookie-session']) && !dependsOnAny(filePath, ['express-session']);
}

// ---------------------------------------------------------------------------------------------------
// Signs of an existing session setup

/**
 * Looks for signs in the code that the app already has sessions, and returns undefined when there are
 * none. Three sure signs mean no setup is added. The first is a call of express-session or
 * cookie-session in this file. The second is a `passport.session()` or `passport.authenticate("session")`
 * call, which needs a session middleware mounted before it. The third is a mount of a middleware whose
 * name or module path contains "session" (`app.use(require("./session"))`) in code that reads
 * `req.session` (the first parameter of a function with two or more). The last two count only when
 * package.json lists express-session or cookie-session, because without a session package no middleware
 * sets `req.session`. Uncertain signs are returned as sites to mark: a load of a session library that
 * the codemod cannot follow, and a session-named mount in other code. A read of `req.session` alone is
 * no sign, because code such as `req.session && req.session.user` also runs without a session middleware.
 */
function findExistingSessions(sourceCode: SourceCode, filePath: string): SessionSetupPlan | undefined {
  const usage = findSessionLibraryUsage(sourceCode);
  if (usage.setupCalls.some((setup) => setup.library !== 'cookie-parser')) return { kind: 'present' };

  const passportNames = findModuleNames(sourceCode, 'passport');
  let readsSession = false;
  let passportCall: TSESTree.CallExpression | undefined;
  let use: TSESTree.CallExpression | undefined;
  let mounted: TSESTree.Node | undefined;

  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return;
    const object = node.object;
    const call = node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : undefined;
    const name = node.property.name;
    if (name === 'session' && object.type === AST_NODE_TYPES.Identifier && isRequestParameter(object)) readsSession = true;
    if (call && !passportCall && object.type === AST_NODE_TYPES.Identifier && passportNames.has(object.name)) {
      const first = call.arguments[0];
      if (name === 'session' || (name === 'authenticate' && first?.type === AST_NODE_TYPES.Literal && first.value === 'session')) passportCall = call;
    }
    if (call && name === 'use' && !use && !isSessionResourceMount(call)) {
      // passport's own middleware reads the session that another middleware sets up.
      mounted = call.arguments.find((argument) => !isPassportCall(argument, passportNames) && maySetUpSessions(sourceCode, argument));
      if (mounted) use = call;
    }
  });

  const confirmed = dependsOnAny(filePath, SESSION_LIBRARIES);
  if (passportCall && confirmed) return { kind: 'present' };
  if (use && mounted && readsSession && confirmed) return { kind: 'present' };
  if (use && mounted) return { kind: 'uncertain', use, mounted: describeCode(sourceCode, mounted) };
  const load = findUnfollowedSessionLoad(sourceCode);
  if (load) return { kind: 'loaded', load: load.node, library: load.library };

  // passport's session calls need a middleware that the codemod cannot see, so they are marked instead.
  if (passportCall) return { kind: 'unconfirmed', call: passportCall, code: describeCode(sourceCode, passportCall) };
  return undefined;
}

/**
 * Returns the local names bound to a module or one of its exports: `import x from`, `import * as x from`,
 * `import { y as x } from`, `import x = require()`, `const x = require()` and `const { y: x } = require()`.
 */
function findModuleNames(sourceCode: SourceCode, moduleName: string): Set<string> {
  const names = new Set<string>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      if (getBindingModule(sourceCode, variable) === moduleName) names.add(variable.name);
    }
  }
  return names;
}

/** Returns the module that a variable is imported or required from. */
function getBindingModule(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): string | undefined {
  const definition = variable.defs[0];
  if (definition?.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type === AST_NODE_TYPES.ImportDeclaration) return declaration.importKind === 'type' ? undefined : declaration.source.value;
    if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration && declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      return declaration.importKind === 'type' ? undefined : declaration.moduleReference.expression.value;
    }
    return undefined;
  }
  if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
  return getRequiredModule(sourceCode.scopeManager, definition.node.init);
}

/**
 * Returns the first load of express-session or cookie-session that may set up sessions without a setup
 * call in this file. Such a load is a binding that code reads (passed to a store factory or a helper, for
 * example), a re-export or a dynamic `import()`. A load that cannot mount anything does not count: an
 * import or `require()` whose bindings nothing reads, `import "express-session"`, and type-only imports.
 */
function findUnfollowedSessionLoad(sourceCode: SourceCode): { node: TSESTree.Node; library: string } | undefined {
  let found: { node: TSESTree.Node; library: string } | undefined;
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found) return;
    const library = getLoadedSessionLibrary(node);
    if (library === undefined || !SESSION_LIBRARIES.includes(library)) return;
    if (!isUnreadLoad(sourceCode, node)) found = { node, library };
  });
  return found;
}

/** True when a node that loads a module (see `getLoadedSessionLibrary`) binds nothing that code reads at run time. */
function isUnreadLoad(sourceCode: SourceCode, load: TSESTree.Node): boolean {
  let declaration: TSESTree.Node | undefined;
  if (load.type === AST_NODE_TYPES.ImportDeclaration) {
    if (load.importKind === 'type') return true;
    declaration = load;
  } else if (load.type === AST_NODE_TYPES.TSExternalModuleReference && load.parent.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    if (load.parent.importKind === 'type') return true;
    declaration = load.parent;
  } else if (load.type === AST_NODE_TYPES.CallExpression) {
    if (load.parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
    if (load.parent.type === AST_NODE_TYPES.VariableDeclarator && load.parent.init === load) declaration = load.parent;
  }
  const { scopeManager } = sourceCode;
  if (!declaration || !scopeManager) return false;
  return scopeManager
    .getDeclaredVariables(declaration)
    .every((variable) => variable.references.every((reference) => reference.init === true || !reference.isValueReference));
}

/**
 * Looks for a call that passes the app to a function from one of the project's own modules, such as
 * `require("./config/express")(app)`, or `configure(app)` with `configure` imported from "./setup". That
 * function may mount a session middleware in a file the codemod does not read while it migrates this one.
 * The call counts only when package.json lists express-session or cookie-session, since no module can
 * mount one otherwise. Calls of packages (`http.createServer(app)`, `serverless(app)`) do not count.
 */
function findHandoverToProjectModule(sourceCode: SourceCode, filePath: string, appName: string): SessionSetupPlan | undefined {
  if (!dependsOnAny(filePath, SESSION_LIBRARIES)) return undefined;
  const { scopeManager } = sourceCode;
  let handover: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (handover || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)) return;
    const passesApp = node.arguments.some((argument) => {
      if (argument.type !== AST_NODE_TYPES.Identifier || argument.name !== appName) return false;
      const scopeType = findVariable(scopeManager, argument)?.scope.type;
      return scopeType === 'module' || scopeType === 'global';
    });
    if (!passesApp) return;
    const module = findSourceModule(scopeManager, node.callee);
    if (module !== undefined && PROJECT_MODULE.test(module)) handover = node;
  });
  return handover ? { kind: 'handed-over', handover, code: describeCode(sourceCode, handover) } : undefined;
}

/**
 * Returns the module that a callee comes from: `require("./setup")` and `require("./setup").configure`
 * directly, or a variable bound to such an expression or imported (`import configure from "./setup"`).
 * Returns undefined for anything else.
 */
function findSourceModule(scopeManager: TSESLint.Scope.ScopeManager | null, callee: TSESTree.Node): string | undefined {
  let node = skipTypeWrappers(callee);
  // One step through a variable: `const setup = require("./setup")`, then `setup.configure(app)`.
  let followedVariable = false;
  for (;;) {
    const required = getRequiredModule(scopeManager, node);
    if (required !== undefined) return required;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      node = skipTypeWrappers(node.callee);
      continue;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      node = skipTypeWrappers(node.object);
      continue;
    }
    if (node.type !== AST_NODE_TYPES.Identifier || followedVariable) return undefined;
    const definition = findVariable(scopeManager, node)?.defs[0];
    if (definition?.type === 'ImportBinding') {
      const declaration = definition.parent;
      if (declaration.type === AST_NODE_TYPES.ImportDeclaration) return declaration.source.value;
      if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration && declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        return declaration.moduleReference.expression.value;
      }
      return undefined;
    }
    if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
    node = skipTypeWrappers(definition.node.init);
    followedVariable = true;
  }
}

/** True for a call of a passport method, such as `passport.session()`. */
function isPassportCall(node: TSESTree.Node, passportNames: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = node.callee.object;
  return object.type === AST_NODE_TYPES.Identifier && passportNames.has(object.name);
}

/** True when `identifier` is the first parameter of a function around it that takes two or more: a request. */
function isRequestParameter(identifier: TSESTree.Identifier): boolean {
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.FunctionDeclaration && node.type !== AST_NODE_TYPES.FunctionExpression && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const [first] = node.params;
    if (node.params.length >= 2 && first?.type === AST_NODE_TYPES.Identifier && first.name === identifier.name) return true;
  }
  return false;
}

/**
 * True for a `.use()` call that mounts at a path naming sessions (`app.use("/api/sessions", router)`): a
 * REST resource for sessions, whose router is named after it, not a session setup.
 */
function isSessionResourceMount(call: TSESTree.CallExpression): boolean {
  const path = call.arguments[0];
  if (path?.type === AST_NODE_TYPES.Literal) return typeof path.value === 'string' && SESSION_NAME.test(path.value);
  return path?.type === AST_NODE_TYPES.TemplateLiteral && path.quasis.some((quasi) => SESSION_NAME.test(quasi.value.cooked ?? ''));
}

/**
 * True when a middleware passed to `.use()` may set up sessions: a name or module path with "session" in
 * it (`sessionMiddleware`, `sessionMiddleware()`, `require("./session")`, a variable imported from
 * "./session", `middlewares.session`).
 */
function maySetUpSessions(sourceCode: SourceCode, argument: TSESTree.Node): boolean {
  const { scopeManager } = sourceCode;
  let node: TSESTree.Node = argument;
  // `require("./session")`, `require("./session")()`, `createSession()`.
  while (node.type === AST_NODE_TYPES.CallExpression) {
    const required = getRequiredModule(scopeManager, node);
    if (required !== undefined) return SESSION_NAME.test(required);
    node = node.callee;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && SESSION_NAME.test(node.property.name);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (SESSION_NAME.test(node.name)) return true;
  const definition = findVariable(scopeManager, node)?.defs[0];
  if (definition?.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration.type === AST_NODE_TYPES.ImportDeclaration && SESSION_NAME.test(String(declaration.source.value));
  }
  if (definition?.type === 'Variable' && definition.node.init) {
    const init = definition.node.init;
    const required = getRequiredModule(scopeManager, init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.CallExpression ? init.callee : init);
    return required !== undefined && SESSION_NAME.test(required);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Calls that create an Express app

/** A call that creates an Express app, and the arguments it passes to express. */
interface AppCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly arguments: readonly TSESTree.Node[];
}

/**
 * The local names of the express function: `names` are bound to the module itself (`import express`,
 * `const express = require("express")`), and `interopNames` to the wrapper that compiled CommonJS code
 * reads it from as `.default` (`const express_1 = __importDefault(require("express"))`).
 */
interface ExpressBindings {
  readonly names: ReadonlySet<string>;
  readonly interopNames: ReadonlySet<string>;
}

/** Returns the calls that create an Express app (see `getAppCallArguments`), in source order. */
function findAppCalls(sourceCode: SourceCode): AppCall[] {
  const express = findExpressBindings(sourceCode);
  const calls: AppCall[] = [];
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return;
    const args = getAppCallArguments(sourceCode, node, express);
    if (args) calls.push({ node, arguments: args });
  });
  return calls.sort((first, second) => first.node.range[0] - second.node.range[0]);
}

function findExpressBindings(sourceCode: SourceCode): ExpressBindings {
  const names = new Set<string>();
  const interopNames = new Set<string>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      const definition = variable.defs[0];
      if (definition?.type === 'ImportBinding') {
        const specifier = definition.node;
        const isWhole = specifier.type !== AST_NODE_TYPES.ImportSpecifier || getImportedName(specifier) === 'default';
        if (isWhole && getBindingModule(sourceCode, variable) === 'express') names.add(variable.name);
        continue;
      }
      if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) continue;
      const init = skipTypeWrappers(definition.node.init);
      if (getRequiredModule(sourceCode.scopeManager, init) === 'express') names.add(variable.name);
      if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || !INTEROP_HELPERS.has(init.callee.name)) continue;
      const [argument] = init.arguments;
      if (argument && getRequiredModule(sourceCode.scopeManager, argument) === 'express') interopNames.add(variable.name);
    }
  }
  return { names, interopNames };
}

function getImportedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/**
 * True when `node` is the express function: one of its local names, `require("express")` or the
 * `.default` of an interop wrapper. Each may be in a type cast, or last in a sequence such as
 * `(0, express)`, which tsc and Babel emit for a call of an import.
 */
function isExpressFunction(sourceCode: SourceCode, node: TSESTree.Node, express: ExpressBindings): boolean {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.SequenceExpression) {
    const expressions = current.expressions;
    if (!expressions.slice(0, -1).every((expression) => isSideEffectFree(expression))) return false;
    current = skipTypeWrappers(expressions[expressions.length - 1] as TSESTree.Node);
  }
  if (current.type === AST_NODE_TYPES.Identifier) return express.names.has(current.name);
  if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier && current.property.name === 'default') {
    const object = skipTypeWrappers(current.object);
    return object.type === AST_NODE_TYPES.Identifier && express.interopNames.has(object.name);
  }
  return getRequiredModule(sourceCode.scopeManager, current) === 'express' && current.type === AST_NODE_TYPES.CallExpression;
}

/** True for the expressions that compiled code puts before the callee in a sequence: literals, names and member reads. */
function isSideEffectFree(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isSideEffectFree(expression));
    case AST_NODE_TYPES.MemberExpression:
      return isSideEffectFree(node.object) && (!node.computed || isSideEffectFree(node.property));
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return isSideEffectFree(node.left) && isSideEffectFree(node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isSideEffectFree(node.test) && isSideEffectFree(node.consequent) && isSideEffectFree(node.alternate);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return isSideEffectFree(node.expression);
    default:
      return false;
  }
}

/**
 * Returns the arguments that a call creating an Express app passes to express, or undefined for any other
 * call. The forms are `express()`, `new express()`, `express.call(thisArg, ...)` and
 * `express.apply(thisArg, [...])`, with the express function in any form `isExpressFunction` accepts.
 */
function getAppCallArguments(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, express: ExpressBindings): TSESTree.Node[] | undefined {
  const callee = skipTypeWrappers(node.callee);
  const args = node.arguments;
  if (isExpressFunction(sourceCode, callee, express)) return args;
  if (node.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (!isExpressFunction(sourceCode, callee.object, express)) return undefined;
  if (method === 'call') return args.slice(1);
  if (method !== 'apply') return undefined;
  const list = args[1];
  if (!list) return [];
  return list.type === AST_NODE_TYPES.ArrayExpression ? list.elements.filter((element): element is TSESTree.Expression | TSESTree.SpreadElement => element !== null) : [list];
}

/**
 * Returns the variable an `express()` call is stored in and the statement that does it, for
 * `const app = express();`, `const app = module.exports = express();` and `app = express();`.
 */
function getAppAssignment(call: TSESTree.Node): { appName: string; statement: TSESTree.Node } | undefined {
  let current: TSESTree.Node = call;
  let parent = current.parent;
  // Climb through type casts and `module.exports = app = ...` to the outermost assignment.
  while (parent && (skipTypeWrappers(parent) !== parent || isPlainAssignmentOf(parent, current))) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
    return parent.id.type === AST_NODE_TYPES.Identifier ? { appName: parent.id.name, statement: parent.parent } : undefined;
  }
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) {
    // `app = express();` or `app = module.exports = express();`: the first plain variable on the left.
    for (let node: TSESTree.Node = current; node.type === AST_NODE_TYPES.AssignmentExpression; node = node.right) {
      if (node.left.type === AST_NODE_TYPES.Identifier) return { appName: node.left.name, statement: parent };
    }
  }
  return undefined;
}

function isPlainAssignmentOf(node: TSESTree.Node, value: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.right === value;
}
