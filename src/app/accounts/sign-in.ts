/**
 * Sign-in with username and password. An unknown username, a wrong password and a disabled account
 * all answer the same `invalid_credentials` after the same argon2 work; wrong passwords count
 * towards the account's lockout. Success opens a session that still needs the second factor when
 * the role requires one.
 *
 * @example
 *   const issued = await signInWithPassword(ctx, { username, password }, { ip, userAgent });
 *   // issued.stage: 'complete' | 'second_factor' | 'enrol_second_factor'
 */
import type { PublicActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { afterSuccessfulAttempt, lockSecondsRemaining } from '../../domain/accounts/lockout.ts';
import { isValidUsername, normalizeUsername } from '../../domain/accounts/username.ts';
import { requiresSecondFactor } from '../../domain/accounts/session-rules.ts';
import { findUserById, findUserByUsername, updateUser } from '../../store/repositories/users.repository.ts';
import type { AppContext } from '../context.ts';
import { audit, type AuditEvent } from '../audit/audit.ts';
import { roleOf, userActorOf } from './actors.ts';
import { accountLocked, recordFailedAttempt } from './failed-attempts.ts';
import { hashPassword, passwordNeedsRehash, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { issueSession, type ClientInfo, type IssuedSession } from './sessions.ts';

const invalidCredentials = (): AppError => new AppError('invalid_credentials', 'The username or the password is wrong.');

async function auditAlone(ctx: AppContext, actor: PublicActor, event: AuditEvent): Promise<void> {
  await ctx.store.db.transaction().execute((trx) => audit(trx, ctx.clock, actor, event));
}

export async function signInWithPassword(ctx: AppContext, input: { readonly username: string; readonly password: string }, client: ClientInfo): Promise<IssuedSession> {
  const db = ctx.store.db;
  const anonymous: PublicActor = { kind: 'public', ip: client.ip };
  const username = normalizeUsername(input.username);
  const user = isValidUsername(username) ? await findUserByUsername(db, username) : undefined;

  if (!user || user.password_hash === null) {
    await verifyAgainstDummy(input.password);
    await auditAlone(ctx, anonymous, { objectType: 'user', objectId: user?.id ?? null, action: 'session.login_failed', details: { reason: user ? 'no_password' : 'unknown_user' } });
    throw invalidCredentials();
  }

  const lockedFor = lockSecondsRemaining(user.locked_until, ctx.clock.now());
  if (lockedFor !== undefined) {
    await auditAlone(ctx, anonymous, { objectType: 'user', objectId: user.id, action: 'session.login_failed', details: { reason: 'locked' } });
    throw accountLocked(lockedFor);
  }

  const ok = await verifyPassword(user.password_hash, input.password);
  if (user.disabled_at !== null) {
    await auditAlone(ctx, anonymous, { objectType: 'user', objectId: user.id, action: 'session.login_failed', details: { reason: 'disabled' } });
    throw invalidCredentials();
  }
  if (!ok) {
    const locked = await recordFailedAttempt(ctx, user.id, 'session.login_failed', 'wrong_password', anonymous);
    throw locked === undefined ? invalidCredentials() : accountLocked(locked);
  }

  const rehashed = passwordNeedsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const current = await findUserById(trx, user.id, { forUpdate: true });
    if (!current || current.disabled_at !== null) throw invalidCredentials();
    // A concurrent run of failures may have locked the account while the password was being checked.
    const lockedNow = lockSecondsRemaining(current.locked_until, now);
    if (lockedNow !== undefined) throw accountLocked(lockedNow);
    const counters = afterSuccessfulAttempt();
    await updateUser(trx, current.id, { failed_logins: counters.failedLogins, locked_until: counters.lockedUntil, ...(rehashed ? { password_hash: rehashed } : {}), updated_at: now });
    // Roles without restricted access need no second factor: their session is complete at once.
    const issued = await issueSession(trx, ctx, current, !requiresSecondFactor(roleOf(current)), client);
    const actor = await userActorOf(trx, current, client.ip);
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: current.id, action: 'session.login', details: { stage: issued.stage } });
    return issued;
  });
}
