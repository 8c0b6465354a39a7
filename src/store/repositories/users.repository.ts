/**
 * Staff accounts. Usernames are stored lower-cased and matched case-insensitively (unique index
 * on lower(username)). Secrets on the row (password hash, sealed TOTP seed) never leave the
 * use cases: presenters receive only what they show.
 */
import { type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { DB, UsersTable } from '../schema.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly jurisdictionCode: string;
  readonly locale: 'ar' | 'fr';
  readonly passwordHash: string | null;
  readonly at: Date;
}

export async function insertUser(db: Kysely<DB>, u: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      jurisdiction_code: u.jurisdictionCode,
      locale: u.locale,
      password_hash: u.passwordHash,
      created_at: u.at,
      updated_at: u.at,
    })
    .execute();
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return r !== undefined;
}

/** With `forUpdate`, locks the row until the transaction ends (counters, TOTP step). */
export async function findUserById(db: Kysely<DB>, id: string, options: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const q = db.selectFrom('users').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateUser(db: Kysely<DB>, id: string, patch: Updateable<UsersTable> & { updated_at: Date }): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export interface UserListQuery {
  readonly within: string;
  readonly role?: string;
  readonly limit: number;
  readonly offset: number;
}

export async function listUsers(db: Kysely<DB>, q: UserListQuery): Promise<{ rows: UserRow[]; total: number }> {
  let base = db.selectFrom('users').where('jurisdiction_code', 'in', jurisdictionSubtree(q.within));
  if (q.role) base = base.where('role', '=', q.role);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('username').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Staff who can sign in (not disabled, a password set) in one of `roles`, by display name; at most `limit`. */
export async function listActiveStaff(db: Kysely<DB>, roles: readonly string[], limit: number): Promise<Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'jurisdiction_code'>[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'jurisdiction_code'])
    .where('role', 'in', [...roles])
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .orderBy('display_name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Administrators who can sign in: not disabled, with a password set. */
export async function countActiveAdministrators(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'administrator')
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** TOTP seeds not sealed under `keyId` (master-key rotation), after `afterId` in id order, locked. */
export async function lockTotpSeedsNotUnder(db: Kysely<DB>, keyId: string, afterId: string | undefined, limit: number): Promise<{ id: string; sealed: string }[]> {
  let q = db
    .selectFrom('users')
    .select(['id', 'totp_secret_enc'])
    .where('totp_secret_enc', 'is not', null)
    .where(sql<string>`split_part(totp_secret_enc, '.', 2)`, '<>', keyId);
  if (afterId) q = q.where('id', '>', afterId);
  const rows = await q.orderBy('id').limit(limit).forUpdate().execute();
  return rows.flatMap((r) => (r.totp_secret_enc === null ? [] : [{ id: r.id, sealed: r.totp_secret_enc }]));
}

/** Stores a re-sealed TOTP seed; false when the seed was removed meanwhile. */
export async function replaceTotpSeed(db: Kysely<DB>, id: string, sealed: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('users').set({ totp_secret_enc: sealed, updated_at: at }).where('id', '=', id).where('totp_secret_enc', 'is not', null).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function countTotpSeedsByMasterKey(db: Kysely<DB>): Promise<{ masterKeyId: string; count: number }[]> {
  const rows = await db
    .selectFrom('users')
    .select([sql<string>`split_part(totp_secret_enc, '.', 2)`.as('key_id'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('totp_secret_enc', 'is not', null)
    .groupBy(sql`split_part(totp_secret_enc, '.', 2)`)
    .execute();
  return rows.map((r) => ({ masterKeyId: r.key_id, count: Number(r.n) }));
}
