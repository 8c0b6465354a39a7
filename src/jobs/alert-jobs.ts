/**
 * The alerts' background work on pg-boss: a cron job every minute runs the alert tick (expiry, zone
 * growth). pg-boss keeps one schedule for all processes, so with several servers the tick still runs
 * once a minute; the tick itself is idempotent, so an overlap or a retry does no harm.
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { runAlertTick } from '../app/alerts/alert-tick.ts';

import { ALERT_TICK_QUEUE } from './queues.ts';

export { ALERT_TICK_QUEUE };

export async function registerAlertJobs(boss: PgBoss, ctx: AppContext): Promise<void> {
  await boss.schedule(ALERT_TICK_QUEUE, '* * * * *', {}, { tz: 'UTC' });
  await boss.work(ALERT_TICK_QUEUE, async () => {
    await runAlertTick(ctx);
  });
}
