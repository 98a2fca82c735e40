#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A subcommand of `eslint-plugin-sessions`. */
export interface Command {
  /** Runs the command with the arguments after its name and returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/**
 * Subcommands by name, with the summary the help text prints. A command's module is loaded only when it
 * runs, so `--help` does not load ESLint or jscodeshift.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary: 'Lint files with every rule, no ESLint config needed, and list what the codemods migrate',
    load: async () => (await import('./check.js')).checkCommand,
  },
  migrate: {
    summary: 'Run a codemod over files and folders, and report the sites left for manual migration',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
};

const USAGE = `Usage: eslint-plugin-sessions <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(9)}${summary}`)
  .join('\n')}

Run 'eslint-plugin-sessions <command> --help' for the options of one command.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { PLUGIN_VERSION } = await import('../meta.js');
    process.stdout.write(`${PLUGIN_VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(
      `eslint-plugin-sessions: unknown command '${name}'. Valid commands: ${Object.keys(COMMANDS).join(', ')}.\n`,
    );
    return 2;
  }
  const command = await entry.load();
  return command.run(rest);
}

export { parseArgs };

/**
 * Returns true when Node.js runs this file as its main script, and false when another module imports it.
 * The script path that Node.js receives may lead here through a symlink: npm's and pnpm's `bin` links, or a
 * pnpm store. It may also hold characters that a file URL escapes (a space is `%20` there). Both sides are
 * therefore compared as resolved file system paths.
 */
function isMainScript(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainScript()) {
  // A reader that stops early (`migrate --dry --print | head`) closes the pipe; the rest of the output is
  // not wanted then, so the process ends quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`eslint-plugin-sessions: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
