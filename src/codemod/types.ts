/**
 * The metadata a codemod module exports besides its transform, for the registry and the `migrate` command.
 *
 * ```ts
 * export const meta: CodemodMeta = {
 *   name: 'jwt-to-session',
 *   summary: 'Replace JWT login sessions in Express with express-session and a knex store.',
 *   pairedRules: ['no-jwt-session'],
 *   dependencies: [{ name: 'express-session', purpose: 'session middleware' }],
 * };
 * export default function transform(file: FileInfo, api: API): string | undefined { ... }
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
  readonly dependencies: readonly CodemodDependency[];
  /**
   * The packages for the transform options of a run (`migrate --option store=redis`), when they depend on
   * them. Without it, `dependencies` applies to every run.
   */
  readonly dependenciesFor?: (options: Readonly<Record<string, string>>) => readonly CodemodDependency[];
}
