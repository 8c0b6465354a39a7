/**
 * What `tifli backup` and `tifli restore` open: the database as configured and the master keys, and
 * nothing else (no migration, no seeding, no job queue), so a backup reads the database as it is and a
 * restore starts from what is there.
 *
 * In embedded mode only one process may open DATA_DIR: stop `tifli serve` first. On PostgreSQL a
 * backup runs beside the servers (one consistent snapshot); a restore refuses while any of them is
 * connected.
 *
 * @example
 *   const ctx = await openBackupContext();
 *   try { await takeBackup(ctx, file); } finally { await ctx.close(); }
 */
import type { AppContext } from '../../app/context.ts';
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { systemClock } from '../../platform/clock.ts';
import { loadMasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { createLogger } from '../../platform/logger.ts';
import { VERSION } from '../../platform/version.ts';
import { openDatabase } from '../../store/database.ts';

export type BackupContext = Pick<AppContext, 'store' | 'keys' | 'clock' | 'config' | 'log' | 'version'> & { close(): Promise<void> };

export async function openBackupContext(): Promise<BackupContext> {
  const config = loadConfigFromEnvironment();
  // Progress goes to stdout; routine log lines stay out of the way on stderr.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  const keys = await loadMasterKeyRing(config);
  const store = await openDatabase(config.database);
  return { store, keys, clock: systemClock, config, log, version: VERSION, close: () => store.close() };
}
