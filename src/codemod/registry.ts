/**
 * The codemods that `eslint-plugin-sessions migrate` runs, by name.
 *
 * Each entry combines the `meta` a codemod module exports (summary, paired rule IDs, the packages the
 * migrated code needs) with the path of its transform file, which jscodeshift loads with `require()`.
 * The path points at the built `.js` file next to this module's own build, or at the `.ts` source when
 * this module itself runs from source (in the tests).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { meta as jwtToSession } from '../../codemods/jwt-to-session.js';
import { meta as storageTokenToCookie } from '../../codemods/storage-token-to-cookie.js';
import type { CodemodMeta } from './types.js';

/** A codemod with the path of its transform, as the CLI runs it. */
export interface CodemodEntry extends CodemodMeta {
  /** Absolute path of the transform module, for `jscodeshift -t`. */
  readonly transformPath: string;
}

const OWN_EXTENSION = path.extname(fileURLToPath(import.meta.url));

function createEntry(meta: CodemodMeta): CodemodEntry {
  const transformPath = fileURLToPath(new URL(`../../codemods/${meta.name}${OWN_EXTENSION}`, import.meta.url));
  return { ...meta, transformPath };
}

/** Every codemod, in alphabetical order. */
export const CODEMODS: readonly CodemodEntry[] = [jwtToSession, storageTokenToCookie].map(createEntry);

/** Returns the codemod with this name, or undefined. */
export function getCodemod(name: string): CodemodEntry | undefined {
  return CODEMODS.find((codemod) => codemod.name === name);
}

/** Returns the codemods that migrate reports of a rule (ID without the plugin prefix). */
export function getCodemodsForRule(ruleId: string): CodemodEntry[] {
  return CODEMODS.filter((codemod) => codemod.pairedRules.includes(ruleId));
}
