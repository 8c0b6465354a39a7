/**
 * SQL for the retention purge: which closed cases are candidates, what each still holds (counts and ids
 * only, for the dry run and the audit entry), the per-case progress marks, and the statements that purge
 * a case's restricted data across the tables that hold it. The use case (app/privacy/retention-run.ts)
 * decides and runs them in one transaction per case, under the case's row lock.
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { AlertsTable, DB } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RetentionCandidate {
  readonly id: string;
  readonly reference: string;
  readonly closedAt: Date;
  readonly countedAt: Date | null;
  readonly tipsPurgedAt: Date | null;
  /** Ids of the legal holds in force when the list was read (re-checked under the lock before any purge). */
  readonly activeHoldIds: readonly string[];
}

export interface CandidateQuery {
  /** Cases closed at or before this are due for the tips purge (unless done). */
  readonly tipsClosedBefore: Date;
  /** Cases closed at or before this are due for the full purge. */
  readonly purgeClosedBefore: Date;
  /** Keyset: cases after this (closure time, id). */
  readonly after?: { readonly closedAt: Date; readonly id: string };
  readonly limit: number;
}

/** Closed cases with a retention step still to do, oldest closure first. */
export async function listRetentionCandidates(db: Db, q: CandidateQuery): Promise<RetentionCandidate[]> {
  let query = db
    .selectFrom('cases as c')
    .leftJoin('retention_progress as p', 'p.case_id', 'c.id')
    .select(['c.id', 'c.reference', 'c.closed_at', 'p.counted_at', 'p.tips_purged_at'])
    .select(sql<string[] | null>`(select array_agg(h.id::text order by h.placed_at) from legal_holds h where h.case_id = c.id and h.lifted_at is null)`.as('hold_ids'))
    .where('c.status', '=', 'closed')
    .where('c.closed_at', 'is not', null)
    .where('p.purged_at', 'is', null)
    .where((eb) => eb.or([eb('c.closed_at', '<=', q.purgeClosedBefore), eb.and([eb('c.closed_at', '<=', q.tipsClosedBefore), eb.or([eb('p.tips_purged_at', 'is', null), eb('p.tips_purged_at', '<', eb.ref('c.closed_at'))])])]));
  if (q.after) {
    const a = q.after;
    query = query.where((eb) => eb.or([eb('c.closed_at', '>', a.closedAt), eb.and([eb('c.closed_at', '=', a.closedAt), eb('c.id', '>', a.id)])]));
  }
  const rows = await query.orderBy('c.closed_at').orderBy('c.id').limit(q.limit).execute();
  return rows.flatMap((r) =>
    r.closed_at ? [{ id: r.id, reference: r.reference, closedAt: r.closed_at, countedAt: r.counted_at ?? null, tipsPurgedAt: r.tips_purged_at ?? null, activeHoldIds: r.hold_ids ?? [] }] : [],
  );
}

/** What a case still holds, by category: counts only (and the photo and alert ids the audit entry names). */
export interface CaseHoldings {
  readonly photoIds: readonly string[];
  readonly alertIds: readonly string[];
  readonly versionsToRedact: number;
  readonly policeNotices: number;
  readonly decisions: number;
  readonly caseEventReasons: number;
  readonly tips: number;
  readonly tipPhotos: number;
  readonly rectifications: number;
  readonly liveDataKey: boolean;
  readonly hasSensitive: boolean;
}

const count = (q: { n: string | number | bigint } | undefined) => Number(q?.n ?? 0);

export async function caseHoldings(db: Db, caseId: string): Promise<CaseHoldings> {
  const photoIds = (await db.selectFrom('photos').select('id').where('case_id', '=', caseId).where('deleted_at', 'is', null).orderBy('id').execute()).map((r) => r.id);
  const alertIds = (await db.selectFrom('alerts').select('id').where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute()).map((r) => r.id);
  const inAlerts = alertIds.length > 0 ? alertIds : ['00000000-0000-0000-0000-000000000000'];
  const versions = await db.selectFrom('alert_versions').select(sql<string>`count(*)`.as('n')).where('alert_id', 'in', inAlerts).where('redacted_at', 'is', null).executeTakeFirst();
  const notices = await db.selectFrom('police_notices').select(sql<string>`count(*)`.as('n')).where('alert_id', 'in', inAlerts).where(sql<boolean>`content->'headline' <> 'null'::jsonb`).executeTakeFirst();
  const decisions = await db.selectFrom('alert_decisions').select(sql<string>`count(*)`.as('n')).where('alert_id', 'in', inAlerts).where(sql<boolean>`(record->'reason' <> 'null'::jsonb or record->'prosecutor' <> 'null'::jsonb)`).executeTakeFirst();
  const reasons = await db.selectFrom('case_events').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).where('reason', 'is not', null).executeTakeFirst();
  const tips = await db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).executeTakeFirst();
  const tipPhotos = await db.selectFrom('tip_photos').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).executeTakeFirst();
  const rect = await db.selectFrom('rectifications').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).where('purged_at', 'is', null).executeTakeFirst();
  const key = await db.selectFrom('data_keys').select('destroyed_at').where('owner_type', '=', 'case').where('owner_id', '=', caseId).executeTakeFirst();
  const sensitive = await db.selectFrom('cases').select('sensitive').where('id', '=', caseId).executeTakeFirst();
  return {
    photoIds,
    alertIds,
    versionsToRedact: count(versions),
    policeNotices: count(notices),
    decisions: count(decisions),
    caseEventReasons: count(reasons),
    tips: count(tips),
    tipPhotos: count(tipPhotos),
    rectifications: count(rect),
    liveDataKey: key !== undefined && key.destroyed_at === null,
    hasSensitive: (sensitive?.sensitive ?? null) !== null,
  };
}

// ── Progress ───────────────────────────────────────────────────────────────────────────────────

export interface RetentionProgress {
  readonly countedAt: Date | null;
  readonly tipsPurgedAt: Date | null;
  readonly purgedAt: Date | null;
}

/** The case's marks, locked until the transaction ends (the row is created when missing). */
export async function lockProgress(trx: Transaction<DB>, caseId: string): Promise<RetentionProgress> {
  await trx.insertInto('retention_progress').values({ case_id: caseId }).onConflict((oc) => oc.column('case_id').doNothing()).execute();
  const row = await trx.selectFrom('retention_progress').selectAll().where('case_id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
  return { countedAt: row.counted_at, tipsPurgedAt: row.tips_purged_at, purgedAt: row.purged_at };
}

export async function markProgress(trx: Transaction<DB>, caseId: string, step: 'counted_at' | 'tips_purged_at' | 'purged_at', at: Date): Promise<void> {
  await trx.updateTable('retention_progress').set({ [step]: at }).where('case_id', '=', caseId).execute();
}

export async function findProgress(db: Db, caseId: string): Promise<RetentionProgress | undefined> {
  const row = await db.selectFrom('retention_progress').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row && { countedAt: row.counted_at, tipsPurgedAt: row.tips_purged_at, purgedAt: row.purged_at };
}

// ── Facts for the statistics ───────────────────────────────────────────────────────────────────

export async function caseHadPublishedAlert(db: Db, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('alerts').select('id').where('case_id', '=', caseId).where('published_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function countCaseTips(db: Db, caseId: string): Promise<number> {
  return count(await db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).where('case_id', '=', caseId).executeTakeFirst());
}

// ── The purge statements ───────────────────────────────────────────────────────────────────────

/** Tips go whole: their photos first, then the tips (their triage history and notifications cascade). */
export async function deleteCaseTips(trx: Transaction<DB>, caseId: string): Promise<{ tipIds: string[]; tipPhotos: number }> {
  const photos = await trx.deleteFrom('tip_photos').where('case_id', '=', caseId).executeTakeFirst();
  const tips = await trx.deleteFrom('tips').where('case_id', '=', caseId).returning('id').execute();
  return { tipIds: tips.map((t) => t.id).sort(), tipPhotos: Number(photos.numDeletedRows) };
}

/**
 * What stays of a purged case: its id, reference, status, jurisdiction, region and province, dates,
 * sex and outcome (the tombstone the audit trail and the statistics point at). The record, the sealed
 * part, the name keys, the birth date and age, the exact point, the assessment and the closure reason go.
 */
export async function purgeCaseRow(trx: Transaction<DB>, caseId: string, at: Date, record: Record<string, unknown>): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({
      record: JSON.stringify(record),
      sensitive: null,
      name_keys: [],
      child_birth_date: null,
      child_age_years: null,
      last_seen_lat: 0,
      last_seen_lon: 0,
      assessment: null,
      assessment_override: null,
      closure_reason: null,
      possible_duplicates: '[]',
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', caseId)
    .execute();
}

export async function clearCaseEventReasons(trx: Transaction<DB>, caseId: string): Promise<number> {
  const r = await trx.updateTable('case_events').set({ reason: null }).where('case_id', '=', caseId).where('reason', 'is not', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes every live photo of the case (both renditions cleared, the row kept as a tombstone). */
export async function deleteCasePhotos(trx: Transaction<DB>, caseId: string, at: Date): Promise<string[]> {
  const rows = await trx.updateTable('photos').set({ deleted_at: at, bytes: null, thumb: null }).where('case_id', '=', caseId).where('deleted_at', 'is', null).returning('id').execute();
  return rows.map((r) => r.id).sort();
}

export type CaseAlertRow = Pick<Selectable<AlertsTable>, 'id' | 'public_id' | 'is_exercise' | 'state' | 'ended_at' | 'end_outcome' | 'draft' | 'chain'>;

export async function alertsOfCase(trx: Db, caseId: string): Promise<CaseAlertRow[]> {
  return trx.selectFrom('alerts').select(['id', 'public_id', 'is_exercise', 'state', 'ended_at', 'end_outcome', 'draft', 'chain']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').forUpdate().execute();
}

export async function replaceAlertContent(trx: Transaction<DB>, alertId: string, at: Date, draft: Record<string, unknown>, chain: Record<string, unknown>): Promise<void> {
  await trx
    .updateTable('alerts')
    .set((eb) => ({ draft: JSON.stringify(draft), chain: JSON.stringify(chain), updated_at: at, revision: eb('revision', '+', 1) }))
    .where('id', '=', alertId)
    .execute();
}

export async function listDecisionRecords(trx: Db, alertId: string): Promise<{ seq: number; record: Record<string, unknown> }[]> {
  return trx.selectFrom('alert_decisions').select(['seq', 'record']).where('alert_id', '=', alertId).orderBy('seq').execute();
}

export async function replaceDecisionRecord(trx: Transaction<DB>, alertId: string, seq: number, record: Record<string, unknown>): Promise<void> {
  await trx.updateTable('alert_decisions').set({ record: JSON.stringify(record) }).where('alert_id', '=', alertId).where('seq', '=', seq).execute();
}

export async function unredactedVersions(trx: Db, alertId: string): Promise<{ version: number; msg_type: 'Alert' | 'Update' | 'Cancel'; public_content: Record<string, unknown>; cap_xml: string }[]> {
  return trx.selectFrom('alert_versions').select(['version', 'msg_type', 'public_content', 'cap_xml']).where('alert_id', '=', alertId).where('redacted_at', 'is', null).orderBy('version').execute();
}

/** The one-way redaction the alert_versions guard accepts (redacted_at set once, identity untouched). */
export async function redactVersion(trx: Transaction<DB>, alertId: string, version: number, at: Date, v: { publicContent: Record<string, unknown>; capXml: string }): Promise<boolean> {
  // Raw SQL: zone_cells is insert-only in the Kysely types (the guard lets the redaction clear it).
  const r = await sql`
    update alert_versions
    set public_content = ${JSON.stringify(v.publicContent)}::jsonb, cap_xml = ${v.capXml}, zone_cells = '{}'::text[], photo_id = null, redacted_at = ${at}
    where alert_id = ${alertId} and version = ${version} and redacted_at is null`.execute(trx);
  return r.numAffectedRows === 1n;
}

export async function clearPoliceNoticeHeadlines(trx: Transaction<DB>, alertId: string): Promise<number> {
  const r = await trx
    .updateTable('police_notices')
    .set({ content: sql<string>`jsonb_set(content, '{headline}', 'null'::jsonb)` })
    .where('alert_id', '=', alertId)
    .where(sql<boolean>`content->'headline' <> 'null'::jsonb`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function purgeCaseRectifications(trx: Transaction<DB>, caseId: string, at: Date): Promise<number> {
  const r = await trx.updateTable('rectifications').set({ old_value: null, new_value: null, reason: null, purged_at: at }).where('case_id', '=', caseId).where('purged_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
