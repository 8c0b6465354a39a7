/**
 * SQL for the internal disappearance notices (`police_notices`): one row per (alert, version, police
 * unit), written by the police_notice channel and read by the units' officers. The unique key makes a
 * retried delivery a no-op that returns the row already there; the inbox reads a jurisdiction subtree
 * newest first, paging on (created_at, id) so rows written in the same instant are neither skipped nor
 * repeated.
 *
 * @example
 *   const { id, created } = await insertPoliceNotice(db, { id: randomUUID(), alertId, version: 1, jurisdictionId: 'MA-CAS-U01', content, at });
 *   const rows = await listPoliceNoticeRows(db, { within: 'MA-CAS', limit: 51 });
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { DB, PoliceNoticesTable } from '../schema.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type PoliceNoticeRow = Selectable<PoliceNoticesTable>;

export interface NewPoliceNotice {
  readonly id: string;
  readonly alertId: string;
  readonly version: number;
  /** The police unit's jurisdiction code, e.g. "MA-CAS-U01". */
  readonly jurisdictionId: string;
  readonly content: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/** Inserts the notice unless this unit already has one for this version; returns the row's id either way. */
export async function insertPoliceNotice(db: Db, n: NewPoliceNotice): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('police_notices')
    .values({ id: n.id, alert_id: n.alertId, version: n.version, jurisdiction_id: n.jurisdictionId, content: JSON.stringify(n.content), created_at: n.at })
    .onConflict((oc) => oc.columns(['alert_id', 'version', 'jurisdiction_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('police_notices')
    .select('id')
    .where('alert_id', '=', n.alertId)
    .where('version', '=', n.version)
    .where('jurisdiction_id', '=', n.jurisdictionId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** True when `code` is a police unit (the level the notices go to). */
export async function isPoliceUnit(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('jurisdictions').select('code').where('code', '=', code).where('level', '=', 'unit').executeTakeFirst();
  return row !== undefined;
}

/** Codes of every police unit, ordered (the police_notice channel's targets). */
export async function listPoliceUnitCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('jurisdictions').select('code').where('level', '=', 'unit').orderBy('code').execute();
  return rows.map((r) => r.code);
}

export interface PoliceNoticeFilter {
  /** This jurisdiction and everything below it. */
  readonly within: string;
  readonly limit: number;
  /** Rows strictly older than this position (the previous page's last row). */
  readonly before?: { readonly createdAt: Date; readonly id: string };
  readonly unreadOnly?: boolean;
}

export async function listPoliceNoticeRows(db: Db, f: PoliceNoticeFilter): Promise<PoliceNoticeRow[]> {
  let q = db.selectFrom('police_notices').selectAll().where('jurisdiction_id', 'in', jurisdictionSubtree(f.within));
  if (f.before) q = q.where(sql<boolean>`(created_at, id) < (${f.before.createdAt}, ${f.before.id}::uuid)`);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findPoliceNotice(db: Db, id: string): Promise<PoliceNoticeRow | undefined> {
  return db.selectFrom('police_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks the notice read by `userId` unless someone already did; returns the row as it now stands (undefined if missing). */
export async function markPoliceNoticeRead(db: Db, id: string, userId: string, at: Date): Promise<{ row: PoliceNoticeRow; marked: boolean } | undefined> {
  const updated = await db.updateTable('police_notices').set({ read_at: at, read_by: userId }).where('id', '=', id).where('read_at', 'is', null).returningAll().executeTakeFirst();
  if (updated) return { row: updated, marked: true };
  const row = await findPoliceNotice(db, id);
  return row && { row, marked: false };
}
