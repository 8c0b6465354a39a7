/**
 * Reference data run at every start, right after migrations: the jurisdiction tree's fixed part,
 * national "MA" → the 12 regions → the 75 prefectures/provinces, with names in Arabic, French and
 * Tamazight (Tifinagh) and each province under the region derived from the boundaries. Idempotent:
 * rows that are already right are not written, rows inserted earlier by other code (with other
 * names or parents) are corrected, and police units (created by administrators) are left alone.
 *
 * Not audited: like a migration, this deploys versioned data shipped with the release, not an
 * actor's decision; it logs how many rows it changed instead.
 *
 * Boundary names and codes: `morocco-map` npm package, ODbL-1.0 (see src/adapters/geo).
 *
 * @example
 *   const changed = await seedJurisdictions(store.db, await loadMoroccoBoundaries(), clock.now());
 */
import type { Kysely } from 'kysely';
import type { MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import type { PlaceNames } from '../../domain/geo/place-names.ts';
import { type JurisdictionRow, upsertJurisdictions } from '../../store/repositories/jurisdiction-tree.repository.ts';
import type { DB, JurisdictionLevel } from '../../store/schema.ts';

const row = (code: string, level: JurisdictionLevel, parentCode: string | null, names: PlaceNames): JurisdictionRow => ({
  code,
  level,
  parentCode,
  nameAr: names.ar,
  nameFr: names.fr,
  nameZgh: names.zgh,
});

/** The rows the tree must hold, parents first. */
export function referenceJurisdictions(geo: MoroccoGeography): { readonly national: JurisdictionRow; readonly regions: readonly JurisdictionRow[]; readonly provinces: readonly JurisdictionRow[] } {
  return {
    national: row(geo.national.code, 'national', null, geo.national.names),
    regions: geo.regions.map((r) => row(r.code, 'region', geo.national.code, r.names)),
    provinces: geo.provinces.map((p) => row(p.code, 'province', p.regionCode, p.names)),
  };
}

/** Upserts the reference rows in one transaction; returns how many were inserted or corrected. */
export async function seedJurisdictions(db: Kysely<DB>, geo: MoroccoGeography, at: Date): Promise<number> {
  const rows = referenceJurisdictions(geo);
  return db.transaction().execute(async (trx) => {
    // Level by level, so every parent exists before its children reference it.
    let changed = await upsertJurisdictions(trx, [rows.national], at);
    changed += await upsertJurisdictions(trx, rows.regions, at);
    changed += await upsertJurisdictions(trx, rows.provinces, at);
    return changed;
  });
}
