/**
 * The tip triage worker: one `tips.triage` job per committed tip ({ tipId }), sent by intake in the
 * tip's own transaction. The use case (app/tips/triage-tip.ts) is idempotent, so a retried or
 * duplicated job does nothing twice; a job that throws is retried by pg-boss (queues.ts).
 *
 * @example
 *   await registerTipJobs(boss, ctx);
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { triageTip } from '../app/tips/triage-tip.ts';
import { TIP_TRIAGE_QUEUE } from './queues.ts';

export interface TipWorkerOptions {
  /** Seconds between polls when idle (NOTIFY wakes the worker sooner on PostgreSQL). */
  readonly pollingIntervalSeconds?: number;
  /** Tips triaged at once in this process (tips of one case group one at a time anyway). */
  readonly concurrency?: number;
}

export async function registerTipJobs(boss: PgBoss, ctx: AppContext, options: TipWorkerOptions = {}): Promise<void> {
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, notifyPollingIntervalSeconds: 2 };
  await boss.work<{ tipId?: unknown }>(TIP_TRIAGE_QUEUE, { ...polling, localConcurrency: options.concurrency ?? 4 }, async ([job]) => {
    const tipId = job?.data.tipId;
    if (typeof tipId !== 'string') return;
    const outcome = await triageTip(ctx, tipId);
    // Ids and numbers only: the tip's content never reaches a log line.
    if (outcome.kind === 'triaged') ctx.log.info({ tipId, score: outcome.score, joinedGroup: outcome.joinedGroup, notified: outcome.notified }, 'tip triaged');
  });
}
