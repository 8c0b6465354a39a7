/**
 * The anonymous statistics that outlive the purge (counts by year of closure, region, age band, outcome,
 * time to find, with or without an alert), for the staff the policy allows (`privacy.statistics`).
 *
 * @example
 *   const rows = await retentionStatistics(ctx, dpo, { year: 2026 });
 */
import type { Actor } from '../../domain/actor.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type StatisticRow, listStatistics } from '../../store/repositories/statistics.repository.ts';
import type { AppContext } from '../context.ts';

export async function retentionStatistics(ctx: AppContext, actor: Actor, filter: { year?: number } = {}): Promise<StatisticRow[]> {
  assertAllowed(actor, 'privacy.statistics');
  return listStatistics(ctx.store.db, filter);
}
