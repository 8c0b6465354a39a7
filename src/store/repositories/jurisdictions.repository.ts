/**
 * Jurisdictions as a tree (national → region → prefecture/province → police unit): the path from
 * the root to a code, and the subtree under a code, for policy checks and jurisdiction-scoped lists.
 *
 * @example
 *   await jurisdictionPath(db, 'MA-CAS') // ['MA', 'MA-06', 'MA-CAS']
 *   db.selectFrom('users').selectAll().where('jurisdiction_code', 'in', jurisdictionSubtree('MA-06'))
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../schema.ts';

/** Deeper than any real tree: stops a corrupt parent cycle from looping. */
const MAX_DEPTH = 16;

export const NATIONAL_JURISDICTION = { code: 'MA', name_ar: 'المملكة المغربية', name_fr: 'Royaume du Maroc' } as const;

/** From the national root down to `code`, or undefined when the code is unknown. */
export async function jurisdictionPath(db: Kysely<DB>, code: string): Promise<string[] | undefined> {
  const r = await sql<{ code: string }>`
    WITH RECURSIVE up(code, parent_code, depth) AS (
      SELECT code, parent_code, 0 FROM jurisdictions WHERE code = ${code}
      UNION ALL
      SELECT j.code, j.parent_code, up.depth + 1 FROM jurisdictions j JOIN up ON j.code = up.parent_code WHERE up.depth < ${MAX_DEPTH}
    )
    SELECT code FROM up ORDER BY depth DESC`.execute(db);
  return r.rows.length ? r.rows.map((row) => row.code) : undefined;
}

/** A subquery yielding `code` and every jurisdiction below it, for `where(column, 'in', …)`. */
export function jurisdictionSubtree(code: string): RawBuilder<string> {
  return sql<string>`(
    WITH RECURSIVE down(code, depth) AS (
      SELECT code, 0 FROM jurisdictions WHERE code = ${code}
      UNION ALL
      SELECT j.code, down.depth + 1 FROM jurisdictions j JOIN down ON j.parent_code = down.code WHERE down.depth < ${MAX_DEPTH}
    )
    SELECT code FROM down)`;
}

/** The national root, which the first administrator belongs to; a no-op when it is already there. */
export async function ensureNationalJurisdiction(db: Kysely<DB>, at: Date): Promise<void> {
  await db
    .insertInto('jurisdictions')
    .values({ code: NATIONAL_JURISDICTION.code, level: 'national', parent_code: null, name_ar: NATIONAL_JURISDICTION.name_ar, name_fr: NATIONAL_JURISDICTION.name_fr, created_at: at })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
