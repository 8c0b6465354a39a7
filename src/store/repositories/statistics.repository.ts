/**
 * SQL for the anonymous statistics that outlive the purge: one row per combination of year of closure,
 * region, age band, outcome, time to find and whether an alert went out, with counts. No case id is
 * ever written here; a case is counted once because the caller marks it counted in the same transaction.
 */
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { StatisticKey } from '../../domain/privacy/retention-rules.ts';
import type { DB, RetentionStatisticsTable } from '../schema.ts';

export type StatisticRow = Selectable<RetentionStatisticsTable>;

export async function addToStatistics(trx: Transaction<DB>, key: StatisticKey, tips: number): Promise<void> {
  await trx
    .insertInto('retention_statistics')
    .values({
      closed_year: key.closedYear,
      region_code: key.regionCode,
      age_band: key.ageBand,
      outcome: key.outcome,
      time_to_find: key.timeToFind,
      with_alert: key.withAlert,
      cases: 1,
      tips,
    })
    .onConflict((oc) =>
      oc.columns(['closed_year', 'region_code', 'age_band', 'outcome', 'time_to_find', 'with_alert']).doUpdateSet((eb) => ({
        cases: eb('retention_statistics.cases', '+', 1),
        tips: eb('retention_statistics.tips', '+', tips),
      })),
    )
    .execute();
}

export async function listStatistics(db: Kysely<DB> | Transaction<DB>, filter: { year?: number } = {}): Promise<StatisticRow[]> {
  let q = db.selectFrom('retention_statistics').selectAll();
  if (filter.year !== undefined) q = q.where('closed_year', '=', filter.year);
  return q.orderBy('closed_year').orderBy('region_code').orderBy('age_band').orderBy('outcome').orderBy('time_to_find').orderBy('with_alert').execute();
}
