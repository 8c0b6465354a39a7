/**
 * Staff account administration: create (with no password: the new user sets one through a one-time
 * invitation link), list within a jurisdiction, re-invite, disable, and reset the second factor.
 * Each use case checks the policy against the target's jurisdiction and audits the change in the
 * same transaction.
 *
 * @example
 *   const { user, enrolment } = await createUser(ctx, actor, { username: 'a.tazi', displayName: 'A. Tazi', role: 'officer', jurisdiction: 'MA-CAS' });
 */
import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../domain/actor.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import type { Action } from '../../domain/policy/rules.ts';
import { isValidUsername, normalizeUsername } from '../../domain/accounts/username.ts';
import { expireOpenEnrolments } from '../../store/repositories/enrolments.repository.ts';
import { jurisdictionPath, NATIONAL_JURISDICTION } from '../../store/repositories/jurisdictions.repository.ts';
import { revokeUserSessions } from '../../store/repositories/sessions.repository.ts';
import { findUserById, findUserByUsername, insertUser, listUsers as listUserRows, updateUser, usernameTaken, type UserRow } from '../../store/repositories/users.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';
import { roleOf } from './actors.ts';
import { createEnrolment, type EnrolmentLink } from './enrolments.ts';

export interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly locale?: 'ar' | 'fr' | undefined;
}

/** The jurisdiction an actor's lists default to (the whole country for system processes). */
export function homeJurisdiction(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
    case 'api_token':
      return actor.jurisdiction;
    case 'system':
    case 'public':
      return NATIONAL_JURISDICTION.code;
  }
}

async function pathOrFail(ctx: AppContext, code: string, field: string): Promise<string[]> {
  const path = await jurisdictionPath(ctx.store.db, code);
  if (!path) throw new AppError('validation_failed', 'The jurisdiction is unknown.', { errors: [{ field, message: 'is not a known jurisdiction code' }] });
  return path;
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUserInput): Promise<{ readonly user: UserRow; readonly enrolment: EnrolmentLink }> {
  const errors: FieldError[] = [];
  const username = normalizeUsername(input.username);
  const displayName = input.displayName.trim();
  if (!isValidUsername(username)) errors.push({ field: 'username', message: 'must be 3 to 64 letters, digits, dots, dashes or underscores' });
  if (!displayName) errors.push({ field: 'displayName', message: 'must not be blank' });
  if (errors.length) throw new AppError('validation_failed', 'The account details are not valid.', { errors });
  const path = await pathOrFail(ctx, input.jurisdiction, 'jurisdiction');
  assertAllowed(actor, 'user.create', { jurisdictionPath: path });

  return ctx.store.db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, username)) throw new AppError('conflict', 'This username is taken.', { errors: [{ field: 'username', message: 'is taken' }] });
    const now = ctx.clock.now();
    const id = randomUUID();
    await insertUser(trx, { id, username, displayName, role: input.role, jurisdictionCode: input.jurisdiction, locale: input.locale ?? 'ar', passwordHash: null, at: now });
    const link = await createEnrolment(trx, ctx, { purpose: 'invite', userId: id, role: input.role, jurisdictionCode: input.jurisdiction, createdBy: actor.kind === 'user' ? actor.id : null });
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: id, action: 'user.create', details: { role: input.role, jurisdiction: input.jurisdiction } });
    await audit(trx, ctx.clock, actor, { objectType: 'enrolment', objectId: link.id, action: 'enrolment.create', details: { purpose: 'invite', userId: id } });
    const user = await findUserById(trx, id);
    if (!user) throw new Error('created user not found in its own transaction');
    return { user, enrolment: { url: link.url, token: link.token, expiresAt: link.expiresAt } };
  });
}

export interface UserListInput {
  readonly role?: Role | undefined;
  readonly jurisdiction?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listUsers(ctx: AppContext, actor: Actor, q: UserListInput): Promise<{ readonly rows: UserRow[]; readonly total: number }> {
  const within = q.jurisdiction ?? homeJurisdiction(actor);
  assertAllowed(actor, 'user.list', { jurisdictionPath: await pathOrFail(ctx, within, 'jurisdiction') });
  return listUserRows(ctx.store.db, { within, ...(q.role ? { role: q.role } : {}), limit: q.limit, offset: q.offset });
}

/** The user row a command names by username (CLI), or a 404. */
export async function userByUsername(ctx: AppContext, username: string): Promise<UserRow> {
  const row = await findUserByUsername(ctx.store.db, normalizeUsername(username));
  if (!row) throw new AppError('not_found', 'No user with this username.');
  return row;
}

/** Loads the target and checks the actor may act on it. */
async function targetUser(ctx: AppContext, actor: Actor, userId: string, action: Action): Promise<UserRow> {
  const row = await findUserById(ctx.store.db, userId);
  if (!row) throw new AppError('not_found', 'No user with this id.');
  assertAllowed(actor, action, { jurisdictionPath: (await jurisdictionPath(ctx.store.db, row.jurisdiction_code)) ?? [row.jurisdiction_code] });
  return row;
}

/** Disables the account and ends its sessions. Disabling an already disabled account changes nothing. */
export async function disableUser(ctx: AppContext, actor: Actor, userId: string): Promise<UserRow> {
  const target = await targetUser(ctx, actor, userId, 'user.disable');
  if (actor.kind === 'user' && actor.id === target.id) throw new AppError('conflict', 'You cannot disable your own account.');
  if (target.disabled_at !== null) return target;
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await updateUser(trx, target.id, { disabled_at: now, updated_at: now });
    const sessionsEnded = await revokeUserSessions(trx, target.id, now);
    const invitesClosed = await expireOpenEnrolments(trx, 'invite', now, target.id);
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: target.id, action: 'user.disable', details: { sessionsEnded, invitesClosed } });
    return { ...target, disabled_at: now, updated_at: now };
  });
}

/** Removes the TOTP seed and ends the sessions: the user enrols a new second factor at the next sign-in. */
export async function resetSecondFactor(ctx: AppContext, actor: Actor, userId: string): Promise<UserRow> {
  const target = await targetUser(ctx, actor, userId, 'user.reset_second_factor');
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await updateUser(trx, target.id, { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, updated_at: now });
    const sessionsEnded = await revokeUserSessions(trx, target.id, now);
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: target.id, action: 'user.reset_second_factor', details: { sessionsEnded, wasEnrolled: target.totp_enabled_at !== null } });
    return { ...target, totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, updated_at: now };
  });
}

/** A new invitation link for an account that has not set its password yet (the earlier link stops working). */
export async function reinviteUser(ctx: AppContext, actor: Actor, userId: string): Promise<EnrolmentLink> {
  const target = await targetUser(ctx, actor, userId, 'user.update');
  if (target.disabled_at !== null) throw new AppError('conflict', 'This account is disabled.');
  if (target.password_hash !== null) throw new AppError('conflict', 'This account has already set its password.');
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const closed = await expireOpenEnrolments(trx, 'invite', now, target.id);
    const link = await createEnrolment(trx, ctx, { purpose: 'invite', userId: target.id, role: roleOf(target), jurisdictionCode: target.jurisdiction_code, createdBy: actor.kind === 'user' ? actor.id : null });
    await audit(trx, ctx.clock, actor, { objectType: 'enrolment', objectId: link.id, action: 'enrolment.create', details: { purpose: 'invite', userId: target.id, closedEarlier: closed } });
    return { url: link.url, token: link.token, expiresAt: link.expiresAt };
  });
}
