import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint } from '@typescript-eslint/utils';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
type ReferenceTracker = InstanceType<typeof ASTUtils.ReferenceTracker>;

export const { READ, CALL, CONSTRUCT } = ASTUtils.ReferenceTracker;
export type FoundReference<T> = ReturnType<ReferenceTracker['iterateGlobalReferences']> extends IterableIterator<infer R>
  ? Omit<R, 'info'> & { info: T }
  : never;
/** A nested map from global, module or property name to the `READ`/`CALL`/`CONSTRUCT` leaves to report. */
export interface TraceMap<T> {
  [key: string]: TraceMap<T>;
  [READ]?: T;
  [CALL]?: T;
  [CONSTRUCT]?: T;
}

/**
 * Creates a `ReferenceTracker` in legacy mode (so named and namespace imports of CommonJS packages are
 * followed) that also sees globals the user's config never declared.
 *
 * ESLint creates global variables only for names the config lists in `languageOptions.globals`. Any
 * other global (`localStorage`, `window`, `require`) stays an unresolved reference in
 * `globalScope.through`, which `ReferenceTracker` ignores. Detection must not depend on that config, so
 * the tracker gets a view of the global scope in which every unresolved name has a variable with no
 * definitions. A name bound anywhere in the file (a parameter or local called `localStorage`) never
 * reaches `through`, so a shadowing binding is still left alone.
 */
export function createReferenceTracker(globalScope: Scope): ReferenceTracker {
  const implicit = new Map<string, Variable>();
  for (const reference of globalScope.through) {
    const name = reference.identifier.name;
    if (globalScope.set.has(name)) continue;
    let variable = implicit.get(name);
    if (!variable) {
      variable = { name, defs: [], references: [], identifiers: [], scope: globalScope } as unknown as Variable;
      implicit.set(name, variable);
    }
    variable.references.push(reference);
  }
  if (implicit.size === 0) {
    return new ASTUtils.ReferenceTracker(globalScope, { mode: 'legacy' });
  }

  const set = new Map<string, Variable>(globalScope.set);
  for (const [name, variable] of implicit) set.set(name, variable);
  const view = Object.create(globalScope, { set: { value: set } }) as Scope;
  return new ASTUtils.ReferenceTracker(view, { mode: 'legacy' });
}
