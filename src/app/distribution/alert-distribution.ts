/**
 * The alert board's data: per version and channel, the dispatch's status and counts; the dead-letter
 * list (deliveries that failed after their last attempt, with the provider's code, never the address);
 * and the officer's retry of dead letters, which gives them a fresh set of attempts.
 *
 * @example
 *   const board = await alertDistribution(ctx, actor, alertId);
 *   await retryDeadLetters(ctx, actor, alertId, { channel: 'whatsapp' });
 */
import type { UserActor } from '../../domain/actor.ts';
import { type ChannelName, isChannelName } from '../../domain/distribution/channels.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type DispatchRow, listDispatches, moveDeliveries } from '../../store/repositories/dispatches.repository.ts';
import { deliverQueue } from '../../jobs/queues.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { loadAlertRow } from '../alerts/alert-store.ts';
import { refreshDispatchStatus } from './deliver-batch.ts';
import { FAN_OUT_BATCH } from './plan-dispatch.ts';

export interface DeadLetter {
  readonly dispatchId: string;
  readonly version: number;
  readonly channel: string;
  /** Subscription id or broadcast target: never the address itself. */
  readonly recipient: string;
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly failedAt: Date;
}

async function authorise(ctx: AppContext, actor: UserActor, alertId: string, action: 'alert.read' | 'alert.retry_delivery'): Promise<void> {
  const row = await loadAlertRow(ctx.store.db, alertId);
  assertAllowed(actor, action, { jurisdictionPath: caseJurisdictionPath(await loadCaseRow(ctx.store.db, row.case_id)) });
}

export async function alertDistribution(ctx: AppContext, actor: UserActor, alertId: string): Promise<DispatchRow[]> {
  await authorise(ctx, actor, alertId, 'alert.read');
  return listDispatches(ctx.store.db, alertId);
}

export async function listDeadLetters(ctx: AppContext, actor: UserActor, alertId: string, limit: number, channel?: ChannelName): Promise<DeadLetter[]> {
  await authorise(ctx, actor, alertId, 'alert.read');
  let q = ctx.store.db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select(['d.dispatch_id', 'p.version', 'p.channel', 'd.recipient', 'd.attempts', 'd.error_code', 'd.updated_at'])
    .where('p.alert_id', '=', alertId)
    .where('d.status', '=', 'dead')
    .orderBy('d.updated_at', 'desc')
    .limit(limit);
  if (channel) q = q.where('p.channel', '=', channel);
  const rows = await q.execute();
  return rows.map((r) => ({ dispatchId: r.dispatch_id, version: r.version, channel: r.channel, recipient: r.recipient, attempts: r.attempts, errorCode: r.error_code, failedAt: r.updated_at }));
}

/** Puts dead letters back in the queue with a fresh set of attempts. Returns how many were requeued. */
export async function retryDeadLetters(ctx: AppContext, actor: UserActor, alertId: string, options: { channel?: ChannelName } = {}): Promise<number> {
  await authorise(ctx, actor, alertId, 'alert.retry_delivery');
  const dispatches = (await listDispatches(ctx.store.db, alertId)).filter((d) => d.dead > 0 && (!options.channel || d.channel === options.channel));
  let requeued = 0;
  for (const d of dispatches) {
    if (!isChannelName(d.channel)) continue;
    const channel = d.channel;
    await ctx.store.db.transaction().execute(async (trx) => {
      const dead = await trx.selectFrom('deliveries').select('recipient').where('dispatch_id', '=', d.id).where('status', '=', 'dead').orderBy('recipient').execute();
      const recipients = dead.map((r) => r.recipient);
      const returned = new Set(await moveDeliveries(trx, d.id, recipients, ['dead'], 'pending', ctx.clock.now(), { next_attempt_at: null, error_code: null }));
      // Jobs own closed ranges [from, to] compared by the database's collation: keep the database's own
      // order (the SELECT's), never the UPDATE … RETURNING's, which PostgreSQL does not promise.
      const moved = recipients.filter((r) => returned.has(r));
      if (moved.length === 0) return;
      await trx.updateTable('deliveries').set({ attempts: 0 }).where('dispatch_id', '=', d.id).where('recipient', 'in', moved).execute();
      for (let i = 0; i < moved.length; i += FAN_OUT_BATCH) {
        const chunk = moved.slice(i, i + FAN_OUT_BATCH);
        await ctx.jobs.send(trx, deliverQueue(channel), { dispatchId: d.id, from: chunk[0] ?? '', to: chunk[chunk.length - 1] ?? '' });
      }
      await audit(trx, ctx.clock, actor, { objectType: 'alert', objectId: alertId, action: 'alert.delivery.retry', details: { channel, version: d.version, deliveries: moved.length } });
      requeued += moved.length;
    });
    await refreshDispatchStatus(ctx, d.id);
  }
  return requeued;
}
