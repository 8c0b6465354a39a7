/**
 * Session rules as pure decisions: which stage a signed-in session is at (password only, second
 * factor pending, complete), and whether it has expired by idleness or by its absolute limit.
 *
 * @example
 *   sessionStage({ role: 'officer', totpEnrolled: false, secondFactorDone: false }) // 'enrol_second_factor'
 *   isSessionExpired({ expiresAt, lastSeenAt, revokedAt: null }, now, 30) // false while used within 30 min
 */
import { ROLES_WITH_RESTRICTED_ACCESS, type Role } from '../actor.ts';

export type SessionStage = 'complete' | 'second_factor' | 'enrol_second_factor';

export const requiresSecondFactor = (role: Role): boolean => ROLES_WITH_RESTRICTED_ACCESS.includes(role);

export function sessionStage(s: { readonly role: Role; readonly totpEnrolled: boolean; readonly secondFactorDone: boolean }): SessionStage {
  if (!requiresSecondFactor(s.role) || s.secondFactorDone) return 'complete';
  return s.totpEnrolled ? 'second_factor' : 'enrol_second_factor';
}

export interface SessionTimes {
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
}

export function isSessionExpired(s: SessionTimes, now: Date, idleMinutes: number): boolean {
  if (s.revokedAt !== null) return true;
  if (s.expiresAt.getTime() <= now.getTime()) return true;
  return s.lastSeenAt.getTime() + idleMinutes * 60_000 <= now.getTime();
}

/** When an active session will expire if left idle from `now` (the earlier of idle and absolute limits). */
export function sessionIdleDeadline(expiresAt: Date, now: Date, idleMinutes: number): Date {
  return new Date(Math.min(expiresAt.getTime(), now.getTime() + idleMinutes * 60_000));
}

/** A TOTP time step is accepted only if it is later than the last one accepted for the user (no replay). */
export const isFreshTotpStep = (lastStep: number | null, step: number): boolean => lastStep === null || step > lastStep;
