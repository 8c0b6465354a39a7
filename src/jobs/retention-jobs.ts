/**
 * The retention purge on pg-boss: a cron job once a day (02:41, Morocco time, away from the alert tick's
 * busy minutes) runs app/privacy/retention-run.ts. pg-boss keeps one schedule for all processes; two
 * runs at once would still purge each case once (each case is purged under its row lock and marked).
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { systemActor } from '../app/accounts/actors.ts';
import { runRetention } from '../app/privacy/retention-run.ts';
import { RETENTION_QUEUE } from './queues.ts';

export { RETENTION_QUEUE };
export const RETENTION_CRON = '41 2 * * *';

export async function registerRetentionJobs(boss: PgBoss, ctx: AppContext): Promise<void> {
  await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'Africa/Casablanca' });
  await boss.work(RETENTION_QUEUE, async () => {
    const report = await runRetention(ctx, systemActor('retention'));
    const failed = report.results.filter((r) => r.outcome === 'failed').length;
    // Cases that failed are retried by tomorrow's run; the job itself completes (nothing is gained by re-running at once).
    if (failed) ctx.log.warn({ failed }, 'retention: some cases could not be purged');
  });
}
