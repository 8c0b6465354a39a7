/**
 * The cluster's figures for /metrics, read in one round of cheap aggregate queries: pg-boss jobs not
 * yet done (its own table, by queue and state), deliveries by channel and status from the dispatches'
 * counters (never a scan of the deliveries themselves, which may be millions), alerts by state, tips
 * still new. Counts only: no row, and so no personal data, leaves this module.
 */
import { type Kysely, sql } from 'kysely';
import type { ClusterFigures } from '../../platform/metrics.ts';
import type { DB } from '../schema.ts';

export async function readClusterFigures(db: Kysely<DB>): Promise<ClusterFigures> {
  const [queues, deliveries, alerts, tips] = await Promise.all([
    sql<{ queue: string; state: string; count: string }>`
      SELECT name AS queue, state::text AS state, count(*)::text AS count FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2 ORDER BY 1, 2`.execute(db),
    sql<{ channel: string; sent: string; skipped: string; dead: string; deferred: string; pending: string }>`
      SELECT channel,
             sum(sent)::text AS sent, sum(skipped)::text AS skipped, sum(dead)::text AS dead, sum(deferred)::text AS deferred,
             sum(greatest(total - sent - skipped - dead - deferred, 0))::text AS pending
      FROM dispatches GROUP BY channel ORDER BY channel`.execute(db),
    db.selectFrom('alerts').select(['state', sql<string>`count(*)::text`.as('count')]).groupBy('state').orderBy('state').execute(),
    db.selectFrom('tips').select(sql<string>`count(*)::text`.as('count')).where('status', '=', 'new').executeTakeFirst(),
  ]);
  const statuses = ['sent', 'skipped', 'dead', 'deferred', 'pending'] as const;
  return {
    queues: queues.rows.map((r) => ({ queue: r.queue, state: r.state, count: Number(r.count) })),
    deliveries: deliveries.rows.flatMap((r) => statuses.map((status) => ({ channel: r.channel, status, count: Number(r[status]) }))),
    alerts: alerts.map((a) => ({ state: a.state, count: Number(a.count) })),
    tipsAwaitingTriage: Number(tips?.count ?? 0),
  };
}
