/**
 * Reads which passport versions a project allows. From 0.6.0 on, passport regenerates the session in
 * `req.login`, which `passport.authenticate` calls too. Older versions keep the session id from before login.
 */
import { readNearestManifest } from '../codemod/manifest.js';

type Version = readonly [major: number, minor: number, patch: number];

/** The first passport release that regenerates the session at login. */
const FIRST_REGENERATING_VERSION: Version = [0, 6, 0];

/**
 * Returns the passport range from the nearest package.json of `filePath` when the lowest version it allows
 * is below 0.6.0 (`^0.4.1`, `0.5.x`, `<0.7`). Returns undefined when the project does not list passport or
 * the range names no version: a tag, a URL, a file path, `*`.
 */
export function getPassportRangeBeforeRegeneration(filePath: string): string | undefined {
  const range = readNearestManifest(filePath)?.dependencies.passport;
  if (typeof range !== 'string') return undefined;
  const minimum = getMinimumVersion(range);
  return minimum && compareVersions(minimum, FIRST_REGENERATING_VERSION) < 0 ? range : undefined;
}

/**
 * Returns the lowest version that an npm range allows, or undefined when the range is not made of
 * versions and comparators. Prerelease tags are ignored, so `0.6.0-beta` counts as 0.6.0.
 */
export function getMinimumVersion(range: string): Version | undefined {
  let minimum: Version | undefined;
  for (const alternative of range.split('||')) {
    const lower = getAlternativeMinimum(alternative.trim());
    if (!lower) return undefined;
    if (!minimum || compareVersions(lower, minimum) < 0) minimum = lower;
  }
  return minimum;
}

const COMPARATOR = /^(\^|~|>=|<=|>|<|=)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[\w.-]+)?(?:\+[\w.-]+)?$/;

/** Returns the lowest version of one `||` alternative (`^0.4.1`, `>=0.5.0 <0.7.0`, `0.4.0 - 0.5.0`). */
function getAlternativeMinimum(alternative: string): Version | undefined {
  const hyphen = /^(\S+)\s+-\s+\S+$/.exec(alternative);
  const comparators = hyphen?.[1] ? [hyphen[1]] : alternative.replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/);
  let minimum: Version = [0, 0, 0];
  for (const comparator of comparators) {
    const match = COMPARATOR.exec(comparator);
    if (!match) return undefined;
    const operator = match[1] ?? '';
    const numbers = getLeadingNumbers([match[2], match[3], match[4]]);
    // A bare `*` or `x` allows every version, so the installed version is unknown.
    if (numbers.length === 0 && operator === '') return undefined;
    if (operator === '<' || operator === '<=') continue;

    if (operator === '>') {
      // `>0.5` allows 0.6.0 and later, and `>0.5.2` allows 0.5.3 and later.
      const last = numbers.length - 1;
      if (last >= 0) numbers[last] = (numbers[last] ?? 0) + 1;
    }
    const lower: Version = [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
    if (compareVersions(lower, minimum) > 0) minimum = lower;
  }
  return minimum;
}

/** Returns the numeric parts before the first wildcard or missing part, so `0.x.5` gives `[0]`. */
function getLeadingNumbers(parts: readonly (string | undefined)[]): number[] {
  const numbers: number[] = [];
  for (const part of parts) {
    if (part === undefined || !/^\d+$/.test(part)) break;
    numbers.push(Number(part));
  }
  return numbers;
}

function compareVersions(left: Version, right: Version): number {
  return left[0] - right[0] || left[1] - right[1] || left[2] - right[2];
}
