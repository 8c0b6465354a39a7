/**
 * Planning one (version, channel) dispatch: list its recipients as delivery rows and split them into
 * batches, each a delivery job, all in one transaction — so a crash leaves either nothing (the job is
 * retried) or the complete plan. Recipients:
 * - fan-out publish: the channel's active subscriptions inside the version's zone (an indexed H3 lookup
 *   run inside the database: the recipients never pass through this process's memory all at once);
 * - broadcast publish: the adapter's targets (the Page, each partner, each police unit);
 * - retract (a Cancel): whoever an earlier version of the alert reached (or was being sent to) on the
 *   channel, so the closing message goes to the same people and the posts to delete are known.
 *
 * @example
 *   await planDispatch(ctx, registry, dispatchId); // idempotent: a planned dispatch is left alone
 */
import { sql } from 'kysely';
import { channelKind, isChannelName } from '../../domain/distribution/channels.ts';
import { dispatchStatus } from '../../domain/distribution/dispatch-status.ts';
import { findDispatch } from '../../store/repositories/dispatches.repository.ts';
import { whoIsInside } from '../../store/repositories/who-is-inside.ts';
import { deliverQueue } from '../../jobs/queues.ts';
import type { AppContext } from '../context.ts';
import type { ChannelRegistry } from './channel-registry.ts';

/** Recipients per delivery job: small enough to retry cheaply, large enough to keep the queue short. */
export const FAN_OUT_BATCH = 500;
const BROADCAST_BATCH = 25;
const PAGE = 10_000;

export async function planDispatch(ctx: AppContext, registry: ChannelRegistry, dispatchId: string, onVersion?: (alertId: string, version: number) => void): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const d = await findDispatch(trx, dispatchId, { forUpdate: true });
    if (!d || d.planned) return;
    onVersion?.(d.alert_id, d.version);
    if (!isChannelName(d.channel)) throw new Error(`unknown channel ${d.channel}`);
    const channel = d.channel;
    const now = ctx.clock.now();
    const version = await trx.selectFrom('alert_versions').select(['zone_cells']).where('alert_id', '=', d.alert_id).where('version', '=', d.version).executeTakeFirstOrThrow();
    const fanOut = channelKind(channel) === 'fan_out';

    if (d.action === 'retract') {
      await sql`
        INSERT INTO deliveries (dispatch_id, recipient, status, updated_at)
        SELECT DISTINCT ${d.id}::uuid, e.recipient, 'pending', ${now}::timestamptz
          FROM deliveries e JOIN dispatches p ON p.id = e.dispatch_id
         WHERE p.alert_id = ${d.alert_id} AND p.channel = ${channel} AND p.action = 'publish' AND e.status IN ('sent', 'sending')
        ON CONFLICT DO NOTHING`.execute(trx);
    } else if (fanOut) {
      // JIT compiling this statement (its cost estimate crosses jit_above_cost at national scale) takes
      // longer than running it: the bench measured ~200 ms of compiling for a sub-second lookup.
      await sql`SET LOCAL jit = off`.execute(trx);
      await sql`
        INSERT INTO deliveries (dispatch_id, recipient, status, updated_at)
        SELECT ${d.id}::uuid, i.subscription_id::text, 'pending', ${now}::timestamptz
          FROM (${whoIsInside(version.zone_cells, channel)}) i
        ON CONFLICT DO NOTHING`.execute(trx);
    } else {
      const adapter = registry.adapter(channel);
      // Without its adapter this process cannot know the targets: fail, so pg-boss retries on a worker that has it.
      if (!adapter?.targets) throw new Error(`no adapter for the ${channel} channel in this worker`);
      const targets = adapter.targets();
      if (targets.length) {
        await trx
          .insertInto('deliveries')
          .values(targets.map((t) => ({ dispatch_id: d.id, recipient: t, status: 'pending' as const, updated_at: now })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }

    // Batches by recipient order: each job owns a closed range [from, to].
    const batch = fanOut ? FAN_OUT_BATCH : BROADCAST_BATCH;
    let after = '';
    let total = 0;
    for (;;) {
      const keys = await trx.selectFrom('deliveries').select('recipient').where('dispatch_id', '=', d.id).where('recipient', '>', after).orderBy('recipient').limit(PAGE).execute();
      for (let i = 0; i < keys.length; i += batch) {
        const chunk = keys.slice(i, i + batch);
        const from = chunk[0]?.recipient ?? '';
        const to = chunk[chunk.length - 1]?.recipient ?? '';
        await ctx.jobs.send(trx, deliverQueue(channel), { dispatchId: d.id, from, to });
      }
      total += keys.length;
      if (keys.length < PAGE) break;
      after = keys[keys.length - 1]?.recipient ?? after;
    }
    const status = dispatchStatus({ planned: true, total, sent: 0, skipped: 0, dead: 0, deferred: 0 }, false);
    await trx.updateTable('dispatches').set({ planned: true, total, status, updated_at: now }).where('id', '=', d.id).execute();
  });
}
