#!/usr/bin/env node
import { parseArgs } from 'node:util';

/** A subcommand of `eslint-plugin-sessions`: its one-line summary and its entry point. */
export interface Command {
  summary: string;
  /** Runs the command with the arguments after its name and returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Subcommands by name. Each module registers itself here with one line. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).checkCommand,
  migrate: async () => (await import('./migrate.js')).migrateCommand,
};

const USAGE = `Usage: eslint-plugin-sessions <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name]) => `  ${name}`)
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
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(
      `eslint-plugin-sessions: unknown command '${name}'. Valid commands: ${Object.keys(COMMANDS).join(', ')}.\n`,
    );
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

export { parseArgs };

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/eslint-plugin-sessions')) {
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
