/**
 * The shred ledger's copy (app/backup/shred-ledger.ts): a cron job every minute copies the data keys
 * destroyed in the database to SHRED_LEDGER_FILE, so an erasure reaches the ledger within a minute and
 * a restore of an older backup destroys the key again. pg-boss keeps one schedule for every process;
 * the copy is idempotent, so an overlap or a retry does no harm. With workers on several hosts, the
 * ledger path must be storage they share.
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { syncShredLedger } from '../app/backup/shred-ledger.ts';
import { SHRED_LEDGER_QUEUE } from './queues.ts';

export async function registerShredLedgerJobs(boss: PgBoss, ctx: AppContext): Promise<void> {
  await boss.schedule(SHRED_LEDGER_QUEUE, '* * * * *', {}, { tz: 'UTC' });
  await boss.work(SHRED_LEDGER_QUEUE, async () => {
    const { added, total } = await syncShredLedger(ctx.store.db, ctx.config.shredLedgerFile);
    if (added > 0) ctx.log.info({ added, total }, 'shred ledger updated');
  });
}
