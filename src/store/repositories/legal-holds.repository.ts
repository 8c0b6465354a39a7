/**
 * SQL for legal holds: a recorded reason why a case must not be purged yet. A hold is active while
 * `lifted_at` is null; lifting keeps the row. Callers lock the case row first (as the purge does), so
 * a hold and a purge of one case are serialised.
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { DB, LegalHoldsTable } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type LegalHoldRow = Selectable<LegalHoldsTable>;

export async function insertLegalHold(trx: Transaction<DB>, h: { id: string; caseId: string; reason: string; placedBy: string; at: Date }): Promise<LegalHoldRow> {
  return trx.insertInto('legal_holds').values({ id: h.id, case_id: h.caseId, reason: h.reason, placed_by: h.placedBy, placed_at: h.at }).returningAll().executeTakeFirstOrThrow();
}

export async function findLegalHold(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<LegalHoldRow | undefined> {
  let q = db.selectFrom('legal_holds').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Lifts an active hold; undefined when it was lifted meanwhile. */
export async function liftLegalHold(trx: Transaction<DB>, id: string, l: { by: string; at: Date; reason: string }): Promise<LegalHoldRow | undefined> {
  return trx.updateTable('legal_holds').set({ lifted_by: l.by, lifted_at: l.at, lift_reason: l.reason }).where('id', '=', id).where('lifted_at', 'is', null).returningAll().executeTakeFirst();
}

export async function listLegalHolds(db: Db, caseId: string): Promise<LegalHoldRow[]> {
  return db.selectFrom('legal_holds').selectAll().where('case_id', '=', caseId).orderBy('placed_at').orderBy('id').execute();
}

/** Ids of the case's holds in force; read under the caller's lock on the case row. */
export async function activeLegalHoldIds(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('legal_holds').select('id').where('case_id', '=', caseId).where('lifted_at', 'is', null).orderBy('placed_at').execute();
  return rows.map((r) => r.id);
}

/** Every hold in force, with its case's reference, oldest first (the DPO's overview). */
export async function listActiveLegalHolds(db: Db, limit: number): Promise<(LegalHoldRow & { reference: string })[]> {
  return db
    .selectFrom('legal_holds as h')
    .innerJoin('cases as c', 'c.id', 'h.case_id')
    .selectAll('h')
    .select(sql<string>`c.reference`.as('reference'))
    .where('h.lifted_at', 'is', null)
    .orderBy('h.placed_at')
    .limit(limit)
    .execute();
}
