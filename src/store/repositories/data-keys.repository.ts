/**
 * SQL for the data_keys table: per-owner data keys sealed under a master key, and their tombstones
 * once destroyed. Rows are addressed by owner (type, id); rotation walks live rows by id.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../schema.ts';

export interface DataKeyRow {
  readonly id: string;
  readonly ownerType: string;
  readonly ownerId: string;
  readonly wrappedKey: string | null;
  readonly masterKeyId: string | null;
  readonly createdAt: Date;
  readonly rotatedAt: Date | null;
  readonly destroyedAt: Date | null;
  readonly destroyedReason: string | null;
}

export interface OwnerRef {
  readonly type: string;
  readonly id: string;
}

type Row = {
  id: string;
  owner_type: string;
  owner_id: string;
  wrapped_key: string | null;
  master_key_id: string | null;
  created_at: Date;
  rotated_at: Date | null;
  destroyed_at: Date | null;
  destroyed_reason: string | null;
};

const toRow = (r: Row): DataKeyRow => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  wrappedKey: r.wrapped_key,
  masterKeyId: r.master_key_id,
  createdAt: r.created_at,
  rotatedAt: r.rotated_at,
  destroyedAt: r.destroyed_at,
  destroyedReason: r.destroyed_reason,
});

/** Inserts a live key; returns false (and writes nothing) when the owner already has a row. */
export async function insertDataKey(trx: Transaction<DB>, input: { id: string; owner: OwnerRef; wrappedKey: string; masterKeyId: string; at: Date }): Promise<boolean> {
  const res = await trx
    .insertInto('data_keys')
    .values({ id: input.id, owner_type: input.owner.type, owner_id: input.owner.id, wrapped_key: input.wrappedKey, master_key_id: input.masterKeyId, created_at: input.at })
    .onConflict((oc) => oc.columns(['owner_type', 'owner_id']).doNothing())
    .executeTakeFirst();
  return res.numInsertedOrUpdatedRows === 1n;
}

/** Records an owner as erased without ever having had a key, so no key can be created for it later. */
export async function insertDestroyedDataKey(trx: Transaction<DB>, input: { id: string; owner: OwnerRef; reason: string; at: Date }): Promise<boolean> {
  const res = await trx
    .insertInto('data_keys')
    .values({ id: input.id, owner_type: input.owner.type, owner_id: input.owner.id, wrapped_key: null, master_key_id: null, created_at: input.at, destroyed_at: input.at, destroyed_reason: input.reason })
    .onConflict((oc) => oc.columns(['owner_type', 'owner_id']).doNothing())
    .executeTakeFirst();
  return res.numInsertedOrUpdatedRows === 1n;
}

export async function findDataKey(trx: Transaction<DB> | Kysely<DB>, owner: OwnerRef, options: { forUpdate?: boolean } = {}): Promise<DataKeyRow | undefined> {
  let q = trx.selectFrom('data_keys').selectAll().where('owner_type', '=', owner.type).where('owner_id', '=', owner.id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toRow(row);
}

/** Erases the key material of a live key. Returns false when there was no live key to erase. */
export async function destroyDataKeyRow(trx: Transaction<DB>, owner: OwnerRef, input: { reason: string; at: Date }): Promise<boolean> {
  const res = await trx
    .updateTable('data_keys')
    .set({ wrapped_key: null, master_key_id: null, destroyed_at: input.at, destroyed_reason: input.reason })
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .where('destroyed_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/**
 * The next live keys, by id after `afterId`, that are not wrapped under `keyId`, locked until the
 * transaction ends so a concurrent destroy or rotation cannot interleave with the re-wrap.
 */
export async function lockLiveKeysNotUnder(trx: Transaction<DB>, keyId: string, afterId: string | undefined, limit: number): Promise<DataKeyRow[]> {
  let q = trx.selectFrom('data_keys').selectAll().where('master_key_id', 'is not', null).where('master_key_id', '<>', keyId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  const rows = await q.orderBy('id').limit(limit).forUpdate().execute();
  return rows.map(toRow);
}

/** Replaces a live key's wrapping; false when the row was destroyed meanwhile. */
export async function rewrapDataKey(trx: Transaction<DB>, id: string, input: { wrappedKey: string; masterKeyId: string; at: Date }): Promise<boolean> {
  const res = await trx
    .updateTable('data_keys')
    .set({ wrapped_key: input.wrappedKey, master_key_id: input.masterKeyId, rotated_at: input.at })
    .where('id', '=', id)
    .where('destroyed_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Live keys per master key id, and the number of destroyed keys. */
export async function countDataKeys(db: Kysely<DB> | Transaction<DB>): Promise<{ live: { masterKeyId: string; count: number }[]; destroyed: number }> {
  const rows = await db
    .selectFrom('data_keys')
    .select(['master_key_id', sql<string>`count(*)::int8`.as('n')])
    .groupBy('master_key_id')
    .orderBy('master_key_id')
    .execute();
  let destroyed = 0;
  const live: { masterKeyId: string; count: number }[] = [];
  for (const r of rows) {
    if (r.master_key_id === null) destroyed = Number(r.n);
    else live.push({ masterKeyId: r.master_key_id, count: Number(r.n) });
  }
  return { live, destroyed };
}
