/** The CLI's commands, by name. One line per command. */
import type { CliCommand } from './command.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';

export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  serve: serveCommand,
  migrate: migrateCommand,
};
