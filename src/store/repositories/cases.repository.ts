/**
 * SQL for cases and their lifecycle history. The use cases decide; this file only reads and writes.
 * Updates are optimistic: they name the version they started from and change nothing if another
 * officer saved first.
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { CaseEventsTable, CasesTable, CaseStatus, DB } from '../schema.ts';

export type CaseRow = Selectable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export async function nextCaseSequence(trx: Db): Promise<number> {
  const r = await sql<{ n: string }>`select nextval('case_reference_seq')::int8 as n`.execute(trx);
  return Number(r.rows[0]?.n ?? '0');
}

/** The columns derived from the record, for listing and search; written on intake and on every edit. */
export interface CaseIndexColumns {
  readonly jurisdictionCode: string;
  readonly regionCode: string | null;
  readonly provinceCode: string | null;
  readonly lastSeenAt: Date;
  readonly lastSeenLat: number;
  readonly lastSeenLon: number;
  readonly childSex: string;
  readonly childAgeYears: number | null;
  readonly childBirthDate: string | null;
  readonly nameKeys: readonly string[];
}

/** The stored content: the clear part, the sealed part and the assessment. */
export interface CaseContent {
  readonly record: Record<string, unknown>;
  readonly sensitive: string | null;
  readonly assessment: Record<string, unknown> | null;
}

export interface NewCaseRow extends CaseIndexColumns, CaseContent {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly openedBy: string | null;
  readonly at: Date;
  readonly isExercise: boolean;
  readonly possibleDuplicates: readonly Record<string, unknown>[];
}

export async function insertCase(trx: Db, c: NewCaseRow): Promise<void> {
  await trx
    .insertInto('cases')
    .values({
      id: c.id,
      reference: c.reference,
      status: c.status,
      jurisdiction_code: c.jurisdictionCode,
      region_code: c.regionCode,
      province_code: c.provinceCode,
      opened_by: c.openedBy,
      opened_at: c.at,
      updated_at: c.at,
      last_seen_at: c.lastSeenAt,
      last_seen_lat: c.lastSeenLat,
      last_seen_lon: c.lastSeenLon,
      child_sex: c.childSex,
      child_age_years: c.childAgeYears,
      child_birth_date: c.childBirthDate,
      is_exercise: c.isExercise,
      record: JSON.stringify(c.record),
      sensitive: c.sensitive,
      name_keys: [...c.nameKeys],
      assessment: c.assessment ? JSON.stringify(c.assessment) : null,
      possible_duplicates: JSON.stringify(c.possibleDuplicates),
    })
    .execute();
}

export async function findCase(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | undefined> {
  let q = db.selectFrom('cases').selectAll().where('id', '=', id);
  // FOR NO KEY UPDATE: writers of this case still queue behind each other, but rows that only reference
  // it (tips, deliveries, photos: their foreign-key checks take KEY SHARE) are not held up by a long
  // case transaction. Cases are never deleted nor re-keyed, so nothing needs the stronger lock.
  if (opts.forUpdate) q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export async function findCaseByReference(db: Db, reference: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export type CaseContentUpdate = CaseIndexColumns & CaseContent;

/** Returns false when `expectedVersion` is stale (someone else saved first). */
export async function updateCaseContent(trx: Db, id: string, expectedVersion: number, at: Date, u: CaseContentUpdate): Promise<boolean> {
  const r = await trx
    .updateTable('cases')
    .set((eb) => ({
      region_code: u.regionCode,
      province_code: u.provinceCode,
      jurisdiction_code: u.jurisdictionCode,
      last_seen_at: u.lastSeenAt,
      last_seen_lat: u.lastSeenLat,
      last_seen_lon: u.lastSeenLon,
      child_sex: u.childSex,
      child_age_years: u.childAgeYears,
      child_birth_date: u.childBirthDate,
      record: JSON.stringify(u.record),
      sensitive: u.sensitive,
      name_keys: [...u.nameKeys],
      assessment: u.assessment ? JSON.stringify(u.assessment) : null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function setPossibleDuplicates(trx: Db, id: string, duplicates: readonly Record<string, unknown>[]): Promise<void> {
  await trx.updateTable('cases').set({ possible_duplicates: JSON.stringify(duplicates) }).where('id', '=', id).execute();
}

export async function updateCaseAssessment(trx: Db, id: string, at: Date, assessment: Record<string, unknown>): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ assessment: JSON.stringify(assessment), updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export interface CaseStatusUpdate {
  readonly status: CaseStatus;
  readonly closedAt: Date | null;
  readonly closureOutcome: string | null;
  readonly closureReason: string | null;
}

export async function updateCaseStatus(trx: Db, id: string, at: Date, u: CaseStatusUpdate): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ status: u.status, closed_at: u.closedAt, closure_outcome: u.closureOutcome, closure_reason: u.closureReason, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function insertCaseEvent(trx: Db, e: Omit<CaseEventRow, 'at' | 'seq'> & { at: Date }): Promise<void> {
  await trx.insertInto('case_events').values(e).execute();
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export interface CaseSearch {
  /** Any of these keys (an indexed set lookup), when searching by name. */
  readonly nameKeys?: readonly string[];
  readonly ageMin?: number;
  readonly ageMax?: number;
  readonly statuses?: readonly CaseStatus[];
  /** A region or province code: matches either column. */
  readonly place?: string;
  readonly lastSeenFrom?: Date;
  readonly lastSeenTo?: Date;
  readonly birthDate?: string;
  readonly excludeId?: string;
  readonly limit: number;
  /** Keyset pagination: cases last seen before this (and by id). */
  readonly before?: { readonly lastSeenAt: Date; readonly id: string };
}

export async function searchCases(db: Db, s: CaseSearch): Promise<CaseRow[]> {
  let q = db.selectFrom('cases').selectAll();
  if (s.nameKeys && s.nameKeys.length > 0) q = q.where(sql<boolean>`name_keys && ${sql.val([...s.nameKeys])}::text[]`);
  if (s.ageMin !== undefined) q = q.where('child_age_years', '>=', s.ageMin);
  if (s.ageMax !== undefined) q = q.where('child_age_years', '<=', s.ageMax);
  if (s.statuses && s.statuses.length > 0) q = q.where('status', 'in', [...s.statuses]);
  if (s.place) {
    const place = s.place;
    q = q.where((eb) => eb.or([eb('province_code', '=', place), eb('region_code', '=', place)]));
  }
  if (s.lastSeenFrom) q = q.where('last_seen_at', '>=', s.lastSeenFrom);
  if (s.lastSeenTo) q = q.where('last_seen_at', '<=', s.lastSeenTo);
  if (s.birthDate) q = q.where('child_birth_date', '=', s.birthDate);
  if (s.excludeId) q = q.where('id', '<>', s.excludeId);
  if (s.before) {
    const b = s.before;
    q = q.where((eb) => eb.or([eb('last_seen_at', '<', b.lastSeenAt), eb.and([eb('last_seen_at', '=', b.lastSeenAt), eb('id', '<', b.id)])]));
  }
  if (s.nameKeys && s.nameKeys.length > 0) {
    // Most keys in common first: the closest spellings are scored even when a common name has many candidates.
    const keys = [...s.nameKeys];
    q = q.orderBy(sql`(select count(*) from unnest(name_keys) k where k = any(${sql.val(keys)}::text[]))`, 'desc');
  }
  return q.orderBy('last_seen_at', 'desc').orderBy('id', 'desc').limit(s.limit).execute();
}
