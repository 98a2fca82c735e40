// Command-line parsing for the bench scripts. An unknown option or an invalid count stops the script before
// any work starts, with a one-line message and the list of options.
import { parseArgs } from 'node:util';

/**
 * Parses `process.argv` with `node:util` `parseArgs`. `usage` lists the options for the error message
 * and for `--help`. On an unknown option or a missing value the script prints the reason and the usage
 * and exits with 2.
 */
export function parseBenchArgs(script, options, usage) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', default: false } } });
    if (values.help) {
      process.stdout.write(`Usage: node ${script} [options]\n${usage}\n`);
      process.exit(0);
    }
    return values;
  } catch (error) {
    failUsage(script, error.message, usage);
  }
}

/** Returns `value` as a whole number of at least 1, or `fallback` when the option was not given. */
export function positiveCount(script, name, value, fallback, usage) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    failUsage(script, `Invalid --${name} '${value}': expected a whole number of at least 1.`, usage);
  }
  return Number(value);
}

/** Prints `reason` and the usage to stderr and exits with 2. */
export function failUsage(script, reason, usage) {
  fail(script, `${reason}\nUsage: node ${script} [options]\n${usage}`);
}

/** Prints `reason` to stderr and exits with 2. */
export function fail(script, reason) {
  process.stderr.write(`${script}: ${reason}\n`);
  process.exit(2);
}
