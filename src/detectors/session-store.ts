/**
 * Finds express-session middleware that keeps sessions in the library's built-in `MemoryStore`: options
 * without a `store`, or with `store: new session.MemoryStore()`. Any other store expression counts as a
 * real store, and options that cannot be followed are left alone.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findSessionLibraryUsage, isMemoryStoreExpression } from './session-library.js';

export interface MemoryStoreFinding {
  /** `missing` when no `store` is given, `memory-store` when it is express-session's `MemoryStore`. */
  readonly kind: 'missing' | 'memory-store';
  /** The `store` value for `memory-store`; the options argument (or the call without one) for `missing`. */
  readonly node: TSESTree.Node;
  /** The `session(options)` call. */
  readonly call: TSESTree.CallExpression;
}

/** Finds every express-session setup whose sessions would live in process memory. */
export function findMemoryStoreSessions(sourceCode: TSESLint.SourceCode): MemoryStoreFinding[] {
  const findings: MemoryStoreFinding[] = [];
  for (const setup of findSessionLibraryUsage(sourceCode).setupCalls) {
    if (setup.library !== 'express-session') continue;
    if (!setup.optionsArgument) {
      findings.push({ kind: 'missing', node: setup.node, call: setup.node });
      continue;
    }
    if (!setup.options) continue;

    const store = setup.options.lookup(['store']);
    if (store.unknown) continue;
    if (store.values.length === 0) {
      findings.push({ kind: 'missing', node: setup.optionsArgument, call: setup.node });
      continue;
    }
    // A real store on any path (such as one assigned inside a production check) counts.
    const isMemoryOnly = store.values.every((value) => isMemoryStoreExpression(sourceCode, value.node));
    if (isMemoryOnly && store.values[0]) {
      findings.push({ kind: 'memory-store', node: store.values[0].node, call: setup.node });
    }
  }
  return findings;
}
