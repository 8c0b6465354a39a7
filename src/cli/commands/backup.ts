/**
 * `tifli backup <file> [--force]`: writes the whole database to <file>, sealed under the active master
 * key (app/backup/take-backup.ts), and brings the shred ledger up to date. Refuses to replace an
 * existing file unless --force. Exit 0 on success, 1 when the backup could not be written, 64 on bad
 * arguments.
 *
 * Keep backups and the shred ledger (SHRED_LEDGER_FILE) together but apart from the database, and the
 * master keys apart from both: a backup opens only with the master key it names.
 *
 * @example
 *   npx tifli backup /var/backups/tifli/tifli-$(date +%F).bak
 */
import { parseArgs } from 'node:util';
import { BackupFileError } from '../../app/backup/backup-file.ts';
import { takeBackup } from '../../app/backup/take-backup.ts';
import { openBackupContext } from './backup-context.ts';
import type { CliCommand } from './command.ts';

const USAGE = 'Usage: tifli backup <file> [--force]\n';

export const backupCommand: CliCommand = {
  summary: 'write the whole database to a sealed backup file (and update the shred ledger)',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], options: { force: { type: 'boolean' } }, strict: true, allowPositionals: true });
      if (parsed.positionals.length !== 1) throw new Error('name one backup file');
    } catch (e) {
      process.stderr.write(`tifli backup: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
      return 64;
    }
    const file = parsed.positionals[0] ?? '';
    const force = parsed.values.force === true;
    const ctx = await openBackupContext();
    try {
      const r = await takeBackup(ctx, file, { overwrite: force });
      process.stdout.write(
        `Backup written to ${r.file} (${r.bytes} bytes): ${r.tables} tables, ${r.rows} rows, ${r.jobs} pending jobs, sealed under master key "${r.masterKeyId}".\n` +
          `Shred ledger ${ctx.config.shredLedgerFile}: ${r.ledger.total} erased key(s), ${r.ledger.added} new. Keep it with the backups; a restore needs it.\n`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof BackupFileError)) throw e;
      process.stderr.write(`tifli backup: ${e.message}\n`);
      return 1;
    } finally {
      await ctx.close();
    }
  },
};
