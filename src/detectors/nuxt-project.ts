/**
 * Reads the facts of a Nuxt project's files that decide how its Pinia stores are judged. One is whether the
 * project is a Nuxt app, whose `defineStore` Nuxt imports into every file. The other is where
 * pinia-plugin-persistedstate writes a store that sets `persist` without a `storage`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { listsPackage, readNearestManifest } from '../codemod/manifest.js';
import { getMinimumVersion } from './passport-version.js';

/** The storage of a persisted store whose config names no `storage`. */
export type DefaultPersistStorage = 'localStorage' | 'sessionStorage' | 'cookies';

/** The file names Nuxt loads its config from. */
const NUXT_CONFIG_NAMES = ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs', 'nuxt.config.mts', 'nuxt.config.cjs'];

/** The Nuxt modules of pinia-plugin-persistedstate: `pinia-plugin-persistedstate/nuxt` (4) and `@pinia-plugin-persistedstate/nuxt` (3). */
const PERSISTEDSTATE_NUXT_MODULE = 'pinia-plugin-persistedstate/nuxt';

/**
 * The default storage that the Nuxt module's options set in the Nuxt config: `piniaPluginPersistedstate`
 * (version 4) or `persistedState` (version 3), with `storage: 'localStorage'` or `'sessionStorage'`.
 */
const MODULE_STORAGE_OPTION = /\b(?:piniaPluginPersistedstate|persistedState)\s*:\s*\{[^{}]*?\bstorage\s*:\s*['"`](localStorage|sessionStorage)['"`]/;
/**
 * The options object given with the module's entry in `modules`, which Nuxt also accepts:
 * `['pinia-plugin-persistedstate/nuxt', { storage: 'localStorage' }]`. Nuxt merges these over the options
 * under the module's config key, so a `storage` here wins.
 */
const MODULE_ENTRY_OPTIONS = /pinia-plugin-persistedstate\/nuxt['"`]\s*,\s*(\{[^{}]*\})/;
/** A `storage` option with a string value, in the text of an options object. */
const STORAGE_OPTION = /\bstorage\s*:\s*['"`](\w+)['"`]/;

const nuxtConfigs = new Map<string, string | undefined>();

/** Returns true when the nearest package.json of `filePath` lists `nuxt` or `@pinia/nuxt`, which auto-import `defineStore`. */
export function isNuxtProject(filePath: string): boolean {
  return listsPackage(filePath, 'nuxt') || listsPackage(filePath, '@pinia/nuxt');
}

/**
 * Returns where pinia-plugin-persistedstate writes a store of a Nuxt project whose `persist` config names
 * no `storage`. With the plugin's Nuxt module, listed in the Nuxt config or as `@pinia-plugin-persistedstate/nuxt`
 * in package.json, that is a cookie. The module's options in the Nuxt config may choose web storage instead,
 * under the module's config key or with its entry in `modules`, which wins when both name a storage.
 * NOTE: options held in a constant (`['pinia-plugin-persistedstate/nuxt', persistOptions]`) are not read.
 * Without the module, the app installs the plugin itself, which writes to `localStorage` from version 3
 * on. Returns undefined when the project lists no version of the plugin, or a range that allows versions
 * before 3 or names none. Version 2 was set up in Nuxt with `createNuxtPersistedState(useCookie)`, which
 * writes to a cookie.
 */
export function getDefaultPersistStorage(filePath: string): DefaultPersistStorage | undefined {
  const manifest = readNearestManifest(filePath);
  if (!manifest) return undefined;
  const config = readNuxtConfig(filePath) ?? '';
  if (listsPackage(filePath, '@pinia-plugin-persistedstate/nuxt') || config.includes(PERSISTEDSTATE_NUXT_MODULE)) {
    const entryOptions = MODULE_ENTRY_OPTIONS.exec(config)?.[1];
    const area = (entryOptions === undefined ? undefined : STORAGE_OPTION.exec(entryOptions)?.[1]) ?? MODULE_STORAGE_OPTION.exec(config)?.[1];
    return area === 'localStorage' || area === 'sessionStorage' ? area : 'cookies';
  }
  const range = manifest.dependencies['pinia-plugin-persistedstate'] ?? manifest.devDependencies['pinia-plugin-persistedstate'];
  const major = typeof range === 'string' ? getMinimumVersion(range)?.[0] : undefined;
  return major !== undefined && major >= 3 ? 'localStorage' : undefined;
}

/**
 * Returns the text of the Nuxt config nearest above `filePath`, looking in each folder up to the first one
 * with a package.json. Returns undefined when there is none or it cannot be read.
 */
function readNuxtConfig(filePath: string): string | undefined {
  let directory = dirname(resolve(filePath));
  const visited: string[] = [];
  let text: string | undefined;
  for (;;) {
    if (nuxtConfigs.has(directory)) {
      text = nuxtConfigs.get(directory);
      break;
    }
    visited.push(directory);
    const configPath = NUXT_CONFIG_NAMES.map((name) => join(directory, name)).find((path) => existsSync(path));
    if (configPath) {
      text = readText(configPath);
      break;
    }
    const parent = dirname(directory);
    if (existsSync(join(directory, 'package.json')) || parent === directory) break;
    directory = parent;
  }
  for (const folder of visited) nuxtConfigs.set(folder, text);
  return text;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
