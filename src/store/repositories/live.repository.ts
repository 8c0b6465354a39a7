/**
 * SQL behind the officers' dashboard and its live feed: what is open in a jurisdiction scope (cases,
 * alerts, channels in trouble), change fingerprints per place (so one poll per process tells every
 * connected console whether its own jurisdiction changed), and the sessions behind open streams.
 *
 * A scope is a jurisdiction code: "MA" (everything), a region ("MA-06") or a province ("MA-CAS"); a
 * case belongs to the scope when its region, province or own jurisdiction is that code.
 *
 * @example
 *   const rows = await openCasesInScope(db, 'MA-CAS', 50);
 *   const prints = await changeFingerprints(db); // [{ topic: 'cases', regionCode: 'MA-06', place: 'MA-CAS', fingerprint: '3:1234' }, …]
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { AlertState, DB } from '../schema.ts';
import type { AlertRow } from './alerts.repository.ts';
import type { CaseRow } from './cases.repository.ts';
import type { DispatchRow } from './dispatches.repository.ts';

export const NATIONAL_SCOPE = 'MA';

/** The case lies in `scope` (cases aliased `c`). */
function inScope(scope: string) {
  return (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>) =>
    scope === NATIONAL_SCOPE ? eb.val(true) : eb.or([eb('c.region_code', '=', scope), eb('c.province_code', '=', scope), eb('c.jurisdiction_code', '=', scope)]);
}

/** Cases not closed in the scope, most recently last seen first, and how many there are. */
export async function openCasesInScope(db: Kysely<DB>, scope: string, limit: number): Promise<{ rows: CaseRow[]; total: number }> {
  const base = db.selectFrom('cases as c').where('c.status', '<>', 'closed').where(inScope(scope));
  const [rows, count] = await Promise.all([
    base.selectAll('c').orderBy('c.last_seen_at', 'desc').orderBy('c.id').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export interface ScopedAlertRow extends AlertRow {
  readonly case_reference: string;
  readonly case_region_code: string | null;
  readonly case_province_code: string | null;
  readonly case_jurisdiction_code: string;
}

/** Alerts of the scope's cases in the given states, most recently changed first. */
export async function alertsInScope(db: Kysely<DB>, scope: string, states: readonly AlertState[], limit: number): Promise<ScopedAlertRow[]> {
  return db
    .selectFrom('alerts as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .selectAll('a')
    .select(['c.reference as case_reference', 'c.region_code as case_region_code', 'c.province_code as case_province_code', 'c.jurisdiction_code as case_jurisdiction_code'])
    .where('a.state', 'in', [...states])
    .where(inScope(scope))
    .orderBy('a.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** How many alerts of the scope's cases are in each state. */
export async function alertCountsInScope(db: Kysely<DB>, scope: string): Promise<{ state: AlertState; n: number }[]> {
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.state', (eb) => eb.fn.countAll<string>().as('n')])
    .where(inScope(scope))
    .groupBy('a.state')
    .execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

export interface TroubledDispatchRow extends DispatchRow {
  readonly public_id: string;
  readonly alert_state: AlertState;
  readonly case_id: string;
  readonly case_reference: string;
  readonly case_region_code: string | null;
  readonly case_province_code: string | null;
  readonly case_jurisdiction_code: string;
}

/**
 * Dispatches that failed in part or whole (or hold dead letters) for alerts still running or ended
 * after `endedSince` (a retraction that failed matters as much as a publication).
 */
export async function troubledDispatchesInScope(db: Kysely<DB>, scope: string, endedSince: Date, limit: number): Promise<TroubledDispatchRow[]> {
  return db
    .selectFrom('dispatches as d')
    .innerJoin('alerts as a', 'a.id', 'd.alert_id')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .selectAll('d')
    .select(['a.public_id', 'a.state as alert_state', 'c.id as case_id', 'c.reference as case_reference', 'c.region_code as case_region_code', 'c.province_code as case_province_code', 'c.jurisdiction_code as case_jurisdiction_code'])
    .where((eb) => eb.or([eb('d.status', 'in', ['failed', 'partially_failed']), eb('d.dead', '>', 0)]))
    .where((eb) => eb.or([eb('a.state', '<>', 'ended'), eb('a.ended_at', '>=', endedSince)]))
    .where(inScope(scope))
    .orderBy('d.updated_at', 'desc')
    .limit(limit)
    .execute();
}

export interface TipsWaitingRow {
  readonly case_id: string;
  readonly case_reference: string;
  readonly case_region_code: string | null;
  readonly case_province_code: string | null;
  readonly case_jurisdiction_code: string;
  /** Tips still 'new' (not yet looked at). */
  readonly waiting: number;
  readonly best_score: number | null;
  readonly last_received_at: Date;
}

/** Open cases of the scope with tips waiting for triage, best-scored waiting tip first. */
export async function tipsWaitingInScope(db: Kysely<DB>, scope: string, limit: number): Promise<TipsWaitingRow[]> {
  const rows = await db
    .selectFrom('tips as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .select([
      'c.id as case_id',
      'c.reference as case_reference',
      'c.region_code as case_region_code',
      'c.province_code as case_province_code',
      'c.jurisdiction_code as case_jurisdiction_code',
      sql<string>`count(*)`.as('waiting'),
      sql<number | null>`max(t.score)`.as('best_score'),
      sql<Date>`max(t.received_at)`.as('last_received_at'),
    ])
    .where('t.status', '=', 'new')
    .where('c.status', '<>', 'closed')
    .where(inScope(scope))
    .groupBy(['c.id', 'c.reference', 'c.region_code', 'c.province_code', 'c.jurisdiction_code'])
    .orderBy(sql`max(t.score)`, (ob) => ob.desc().nullsLast())
    .orderBy(sql`max(t.received_at)`, 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, waiting: Number(r.waiting), best_score: r.best_score === null ? null : Number(r.best_score) }));
}

export type LiveTopic = 'cases' | 'alerts' | 'distribution' | 'tips';

export interface ChangeFingerprint {
  readonly topic: LiveTopic;
  readonly regionCode: string | null;
  /** The case's province, or its own jurisdiction when it has none. */
  readonly place: string;
  /** Row count and highest row version (xmin) of the topic's rows for that place, which every write changes. */
  readonly fingerprint: string;
}

/**
 * One fingerprint per (topic, region, place). A row's xmin changes with every write to it, in
 * PostgreSQL and PGlite alike, and the count catches deletions and rows leaving the filter (a case
 * closed), so comparing two polls tells where something changed without reading any content.
 */
export async function changeFingerprints(db: Kysely<DB>): Promise<ChangeFingerprint[]> {
  const result = await sql<{ topic: LiveTopic; region_code: string | null; place: string; n: string; x: string }>`
    select 'cases' as topic, c.region_code, coalesce(c.province_code, c.jurisdiction_code) as place,
           count(*)::text as n, coalesce(max(c.xmin::text::bigint), 0)::text as x
      from cases c where c.status <> 'closed' group by 1, 2, 3
    union all
    select 'alerts', c.region_code, coalesce(c.province_code, c.jurisdiction_code),
           count(*)::text, coalesce(max(a.xmin::text::bigint), 0)::text
      from alerts a join cases c on c.id = a.case_id group by 1, 2, 3
    union all
    select 'distribution', c.region_code, coalesce(c.province_code, c.jurisdiction_code),
           count(*)::text, coalesce(max(d.xmin::text::bigint), 0)::text
      from dispatches d join alerts a on a.id = d.alert_id join cases c on c.id = a.case_id group by 1, 2, 3
    union all
    select 'tips', c.region_code, coalesce(c.province_code, c.jurisdiction_code),
           count(*)::text, coalesce(max(t.xmin::text::bigint), 0)::text
      from tips t join cases c on c.id = t.case_id where c.status <> 'closed' group by 1, 2, 3`.execute(db);
  return result.rows.map((r) => ({ topic: r.topic, regionCode: r.region_code, place: r.place, fingerprint: `${r.n}:${r.x}` }));
}

export interface StreamSessionRow {
  readonly id_hash: string;
  readonly expires_at: Date;
  readonly last_seen_at: Date;
  readonly revoked_at: Date | null;
  readonly user_disabled_at: Date | null;
}

/** The sessions behind open streams, read without touching them (a stream must not keep a session alive). */
export async function streamSessions(db: Kysely<DB>, idHashes: readonly string[]): Promise<StreamSessionRow[]> {
  if (idHashes.length === 0) return [];
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.expires_at', 's.last_seen_at', 's.revoked_at', 'u.disabled_at as user_disabled_at'])
    .where('s.id_hash', 'in', [...idHashes])
    .execute();
}
