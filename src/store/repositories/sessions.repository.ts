/**
 * Browser sessions. The row is keyed by sha256 of the cookie value, so a database leak yields no
 * usable session; the CSRF synchronizer token lives on the same row.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, SessionsTable } from '../schema.ts';

export type SessionRow = Selectable<SessionsTable>;

export interface NewSession {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly secondFactorDone: boolean;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly at: Date;
  readonly expiresAt: Date;
}

export async function insertSession(db: Kysely<DB>, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      second_factor_done: s.secondFactorDone,
      ip: s.ip,
      user_agent: s.userAgent,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSessionByHash(db: Kysely<DB>, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Kysely<DB>, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

/** Ends every open session of a user (disable, second-factor reset, lockout). Returns how many. */
export async function revokeUserSessions(db: Kysely<DB>, userId: string, at: Date): Promise<number> {
  const r = await db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
