/** The CLI's commands, by name. One line per command. */
import type { CliCommand } from './command.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { auditCommand } from './audit.ts';
import { keysCommand } from './keys.ts';
import { usersCommand } from './users.ts';
import { jurisdictionsCommand } from './jurisdictions.ts';
import { demoCommand } from './demo.ts';
import { workerCommand } from './worker.ts';
import { retentionCommand } from './retention.ts';
import { registerCommand } from './register.ts';
import { requestsCommand } from './requests.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';

export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  audit: auditCommand,
  keys: keysCommand,
  users: usersCommand,
  jurisdictions: jurisdictionsCommand,
  demo: demoCommand,
  worker: workerCommand,
  retention: retentionCommand,
  register: registerCommand,
  requests: requestsCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
