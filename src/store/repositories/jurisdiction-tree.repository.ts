/**
 * The jurisdiction tree's rows: upserting the reference areas (national, regions, provinces),
 * creating police units, and listing the tree. Path lookups for policy checks live in
 * jurisdictions.repository.ts.
 *
 * @example
 *   await upsertJurisdictions(trx, [{ code: 'MA', level: 'national', parentCode: null, nameAr: '…', nameFr: '…', nameZgh: '…' }], now);
 *   await listJurisdictionRows(db, { under: 'MA-06' });
 */
import { type Kysely, sql } from 'kysely';
import type { DB, JurisdictionLevel } from '../schema.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

export interface JurisdictionRow {
  readonly code: string;
  readonly level: JurisdictionLevel;
  readonly parentCode: string | null;
  readonly nameAr: string;
  readonly nameFr: string;
  readonly nameZgh: string | null;
}

const LEVEL_ORDER = sql<number>`CASE level WHEN 'national' THEN 0 WHEN 'region' THEN 1 WHEN 'province' THEN 2 ELSE 3 END`;

/**
 * Inserts the rows or brings existing ones up to date (level, parent and names), touching only rows
 * that differ, so an unchanged tree costs no writes. Give parents before their children. Returns
 * how many rows were inserted or changed.
 */
export async function upsertJurisdictions(db: Kysely<DB>, rows: readonly JurisdictionRow[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const changed = await db
    .insertInto('jurisdictions')
    .values(rows.map((r) => ({ code: r.code, level: r.level, parent_code: r.parentCode, name_ar: r.nameAr, name_fr: r.nameFr, name_zgh: r.nameZgh, created_at: at })))
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
          name_ar: eb.ref('excluded.name_ar'),
          name_fr: eb.ref('excluded.name_fr'),
          name_zgh: eb.ref('excluded.name_zgh'),
        }))
        .where(
          sql<boolean>`(jurisdictions.level, jurisdictions.parent_code, jurisdictions.name_ar, jurisdictions.name_fr, jurisdictions.name_zgh)
            IS DISTINCT FROM (excluded.level, excluded.parent_code, excluded.name_ar, excluded.name_fr, excluded.name_zgh)`,
        ),
    )
    .returning('code')
    .execute();
  return changed.length;
}

/** Inserts one row; false when the code is already taken (nothing is changed then). */
export async function insertJurisdiction(db: Kysely<DB>, row: JurisdictionRow, at: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('jurisdictions')
    .values({ code: row.code, level: row.level, parent_code: row.parentCode, name_ar: row.nameAr, name_fr: row.nameFr, name_zgh: row.nameZgh, created_at: at })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

const COLUMNS = ['code', 'level', 'parent_code', 'name_ar', 'name_fr', 'name_zgh'] as const;

function toRow(r: { code: string; level: JurisdictionLevel; parent_code: string | null; name_ar: string; name_fr: string; name_zgh: string | null }): JurisdictionRow {
  return { code: r.code, level: r.level, parentCode: r.parent_code, nameAr: r.name_ar, nameFr: r.name_fr, nameZgh: r.name_zgh };
}

export async function findJurisdiction(db: Kysely<DB>, code: string): Promise<JurisdictionRow | undefined> {
  const r = await db.selectFrom('jurisdictions').select(COLUMNS).where('code', '=', code).executeTakeFirst();
  return r && toRow(r);
}

export interface JurisdictionFilter {
  /** Only this jurisdiction and everything below it. */
  readonly under?: string | undefined;
  readonly level?: JurisdictionLevel | undefined;
}

/** Parents before children (national, regions, provinces, units), then by code. */
export async function listJurisdictionRows(db: Kysely<DB>, filter: JurisdictionFilter = {}): Promise<JurisdictionRow[]> {
  let q = db.selectFrom('jurisdictions').select(COLUMNS);
  if (filter.under !== undefined) q = q.where('code', 'in', jurisdictionSubtree(filter.under));
  if (filter.level !== undefined) q = q.where('level', '=', filter.level);
  const rows = await q.orderBy(LEVEL_ORDER).orderBy('code').execute();
  return rows.map(toRow);
}
