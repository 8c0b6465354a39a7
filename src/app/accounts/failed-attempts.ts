/**
 * Records a wrong password or second-factor code against an account, and locks the account when
 * the configured number is reached: the lock, the failure and the ended sessions are written in one
 * transaction with their audit entries.
 */
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { afterFailedAttempt } from '../../domain/accounts/lockout.ts';
import { findUserById, updateUser } from '../../store/repositories/users.repository.ts';
import { revokeUserSessions } from '../../store/repositories/sessions.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';

export type FailedAttemptKind = 'session.login_failed' | 'session.second_factor_failed';

/** Returns the lock's length in seconds when this failure locked the account. */
export async function recordFailedAttempt(ctx: AppContext, userId: string, kind: FailedAttemptKind, reason: string, actor: Actor): Promise<number | undefined> {
  const policy = ctx.config.login;
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const user = await findUserById(trx, userId, { forUpdate: true });
    if (!user) return undefined;
    const next = afterFailedAttempt({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now, policy);
    await updateUser(trx, userId, { failed_logins: next.failedLogins, locked_until: next.lockedUntil, updated_at: now });
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: userId, action: kind, details: { reason, failedAttempts: next.failedLogins } });
    if (!next.lockedNow) return undefined;
    const ended = await revokeUserSessions(trx, userId, now);
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: userId, action: 'user.locked', details: { minutes: policy.lockoutMinutes, sessionsEnded: ended } });
    return policy.lockoutMinutes * 60;
  });
}

export const accountLocked = (retryAfter: number): AppError =>
  new AppError('account_locked', 'Too many failed attempts: this account is locked for a while. Try again later.', { retryAfter });
