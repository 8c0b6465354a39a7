/**
 * `tifli restore <file> [--force] [--without-shred-ledger]`: puts a backup back (app/backup/
 * restore-backup.ts), all or nothing. A database that holds data is replaced only with --force; every
 * key erased since the backup (the shred ledger, SHRED_LEDGER_FILE) is destroyed again before the
 * restore commits, and without a ledger the restore is refused unless --without-shred-ledger. Stop
 * every server and worker first. Exit 0 restored, 1 refused or failed (nothing changed), 64 bad
 * arguments.
 *
 * @example
 *   npx tifli restore /var/backups/tifli/tifli-2026-11-22.bak --force
 */
import { parseArgs } from 'node:util';
import { BackupFileError } from '../../app/backup/backup-file.ts';
import { restoreBackup, RestoreRefused } from '../../app/backup/restore-backup.ts';
import { openBackupContext } from './backup-context.ts';
import type { CliCommand } from './command.ts';

const USAGE = 'Usage: tifli restore <file> [--force] [--without-shred-ledger]\n';

export const restoreCommand: CliCommand = {
  summary: 'restore a backup file (all or nothing; re-applies erasures from the shred ledger)',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], options: { force: { type: 'boolean' }, 'without-shred-ledger': { type: 'boolean' } }, strict: true, allowPositionals: true });
      if (parsed.positionals.length !== 1) throw new Error('name one backup file');
    } catch (e) {
      process.stderr.write(`tifli restore: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
      return 64;
    }
    const file = parsed.positionals[0] ?? '';
    const ctx = await openBackupContext();
    try {
      const r = await restoreBackup(ctx, file, { force: parsed.values.force === true, withoutShredLedger: parsed.values['without-shred-ledger'] === true });
      process.stdout.write(
        `Restored ${file} (taken ${r.backupCreatedAt}): ${r.tables} tables, ${r.rows} rows, ${r.jobs.restored} pending jobs` +
          `${r.jobs.skipped ? ` (${r.jobs.skipped} for queues this release no longer has, dropped)` : ''}.\n` +
          `Erased again from the shred ledger: ${r.reshredded} data key(s). Audit chain verified: ${r.audit.entries} entries, last seq ${r.audit.lastSeq}.\n` +
          (r.migrationsAfter.length ? `Migrations applied after the restore: ${r.migrationsAfter.join(', ')}.\n` : ''),
      );
      if (r.ledgerDamagedLines) process.stderr.write(`The shred ledger has ${r.ledgerDamagedLines} unreadable line(s) (torn by a crash?): an erasure recorded there could not be re-applied. Inspect ${ctx.config.shredLedgerFile}.\n`);
      if (r.missingKeyIds.length) process.stderr.write(`Restored values are sealed under master key(s) missing from MASTER_KEYS: ${r.missingKeyIds.join(', ')}. Add them before starting the server.\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof RestoreRefused) && !(e instanceof BackupFileError)) throw e;
      process.stderr.write(`tifli restore: ${e.message}\nNothing was changed.\n`);
      return 1;
    } finally {
      await ctx.close();
    }
  },
};
