/**
 * The metadata of a codemod, written in registry.ts, which each codemod module exports as `meta` besides
 * its transform, and which the `migrate` command reads without loading the codemod.
 *
 * ```ts
 * export const JWT_TO_SESSION: CodemodEntry = createEntry({
 *   name: 'jwt-to-session',
 *   summary: 'Replace JWT login sessions in Express with express-session and a knex store.',
 *   pairedRules: ['no-jwt-session'],
 *   dependencies: [{ name: 'express-session', purpose: 'session middleware' }],
 *   mayChange: mayNeedJwtToSession,
 * });
 * ```
 */

/** A package that code migrated by a codemod needs. `migrate` lists them after a run. */
export interface CodemodDependency {
  readonly name: string;
  /** The package's use in the migrated code, in a few words. */
  readonly purpose: string;
  /** True for packages needed only at build time, such as type definitions. */
  readonly dev?: boolean;
  /** Packages that can take this one's place (another database driver, for example). */
  readonly alternatives?: readonly string[];
}

/** Facts about a codemod that the registry and the CLI show. */
export interface CodemodMeta {
  /** The name used on the command line; equals the module's file name without extension. */
  readonly name: string;
  /** One sentence on what the codemod changes. */
  readonly summary: string;
  /** IDs (without the plugin prefix) of the rules whose reports this codemod migrates or marks. */
  readonly pairedRules: readonly string[];
  /**
   * The messageIds of the paired rules whose reports the codemod only marks for manual migration, such as
   * no-jwt-session's reports on Hono code. `check` does not suggest the codemod for them.
   */
  readonly markOnlyMessageIds?: readonly string[];
  readonly dependencies: readonly CodemodDependency[];
  /**
   * The packages for the transform options of a run (`migrate --option store=redis`), when they depend on
   * them. Without it, `dependencies` applies to every run.
   */
  readonly dependenciesFor?: (options: Readonly<Record<string, string>>) => readonly CodemodDependency[];
  /**
   * The check the codemod runs before it parses a file, on its text (with the checks of
   * src/detectors/text-checks.ts) and, where that matters, on its package.json: false means the codemod
   * leaves the file as it is. `migrate` runs it first and starts jscodeshift only for the files it lets
   * through.
   */
  readonly mayChange: (text: string, filePath: string) => boolean;
  /** The names of the transform's options (`store` for `--option store=redis`); migrate rejects others. */
  readonly options: readonly string[];
  /**
   * Returns the problem with the transform options, or undefined when they are valid. `migrate` checks
   * them before it reads any file, and the transform throws the problem as an error.
   */
  readonly checkOptions?: (options: Readonly<Record<string, unknown>>) => string | undefined;
}
