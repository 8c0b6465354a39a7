/**
 * Account lockout after repeated wrong passwords or second-factor codes, as pure decisions over the
 * counters stored on the user row. A lock lasts a fixed time; once it has passed the count starts
 * again from zero.
 *
 * @example
 *   const next = afterFailedAttempt({ failedLogins: 4, lockedUntil: null }, now, { maxAttempts: 5, lockoutMinutes: 15 });
 *   // → { failedLogins: 5, lockedUntil: now + 15 min, lockedNow: true }
 */
export interface LoginCounters {
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

export interface LockoutPolicy {
  readonly maxAttempts: number;
  readonly lockoutMinutes: number;
}

/** Seconds until the lock ends (at least 1), or undefined when the account is not locked at `now`. */
export function lockSecondsRemaining(lockedUntil: Date | null, now: Date): number | undefined {
  if (!lockedUntil) return undefined;
  const ms = lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : undefined;
}

export function afterFailedAttempt(counters: LoginCounters, now: Date, policy: LockoutPolicy): LoginCounters & { readonly lockedNow: boolean } {
  const lockExpired = counters.lockedUntil !== null && counters.lockedUntil.getTime() <= now.getTime();
  const failedLogins = (lockExpired ? 0 : counters.failedLogins) + 1;
  if (failedLogins >= policy.maxAttempts) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000), lockedNow: true };
  }
  return { failedLogins, lockedUntil: lockExpired ? null : counters.lockedUntil, lockedNow: false };
}

/** Counters after a successful sign-in. */
export const afterSuccessfulAttempt = (): LoginCounters => ({ failedLogins: 0, lockedUntil: null });
