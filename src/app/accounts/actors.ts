/**
 * Builds the Actor a use case acts as, from a user row: its role checked against the catalogue and
 * its jurisdiction path read from the jurisdictions tree.
 *
 * @example
 *   const actor = await userActorOf(ctx.store.db, row, request.ip);
 */
import type { Kysely } from 'kysely';
import { isRole, type Role, type SystemActor, type UserActor } from '../../domain/actor.ts';
import type { DB } from '../../store/schema.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';

/** The role stored on a row; a value outside the catalogue is corrupt data, not a client error. */
export function roleOf(row: { readonly role: string }): Role {
  if (!isRole(row.role)) throw new Error('a user row carries a role outside the catalogue');
  return row.role;
}

export async function userActorOf(db: Kysely<DB>, row: { readonly id: string; readonly username: string; readonly role: string; readonly jurisdiction_code: string }, ip: string | null): Promise<UserActor> {
  const path = (await jurisdictionPath(db, row.jurisdiction_code)) ?? [row.jurisdiction_code];
  return { kind: 'user', id: row.id, username: row.username, role: roleOf(row), jurisdiction: row.jurisdiction_code, jurisdictionPath: path, ip };
}

/** The actor for operator commands, e.g. `systemActor('cli:users')`. */
export const systemActor = (process: string): SystemActor => ({ kind: 'system', process });
