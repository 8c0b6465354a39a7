/**
 * API tokens for machine clients: the prefix finds the row, the sha256 of the whole token proves
 * possession. The token itself is never stored.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, DB } from '../schema.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

export type ApiTokenRow = Selectable<ApiTokensTable>;

export interface NewApiToken {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly tokenHash: string;
  readonly scopes: readonly string[];
  readonly jurisdictionCode: string;
  readonly createdBy: string | null;
  readonly at: Date;
  readonly expiresAt: Date | null;
}

export async function insertApiToken(db: Kysely<DB>, t: NewApiToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      token_hash: t.tokenHash,
      scopes: [...t.scopes],
      jurisdiction_code: t.jurisdictionCode,
      created_by: t.createdBy,
      created_at: t.at,
      expires_at: t.expiresAt,
    })
    .execute();
}

export async function findApiTokenByPrefix(db: Kysely<DB>, prefix: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

export async function findApiTokenById(db: Kysely<DB>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function prefixTaken(db: Kysely<DB>, prefix: string): Promise<boolean> {
  return (await db.selectFrom('api_tokens').select('id').where('prefix', '=', prefix).executeTakeFirst()) !== undefined;
}

export async function touchApiToken(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** True when this call revoked it (false when it was already revoked). */
export async function revokeApiToken(db: Kysely<DB>, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listApiTokens(db: Kysely<DB>, within: string, limit: number): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('jurisdiction_code', 'in', jurisdictionSubtree(within)).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}
