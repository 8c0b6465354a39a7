/**
 * When a failed delivery is tried again: exponential backoff with full jitter ("AWS full jitter":
 * uniformly between 0 and the exponential cap, so a burst of throttled sends does not come back as the
 * same burst), never sooner than the provider asked (Retry-After), and after the last attempt the
 * delivery goes to the dead-letter list, where an officer may retry it. A throttled attempt is never the
 * last: the provider asked us to wait, not to give up.
 *
 * The random draw is a parameter so the rule stays pure and testable.
 *
 * @example
 *   const next = nextAttempt(policy, failure, attempts, now, Math.random());
 *   if (next.dead) moveToDeadLetters(); else scheduleAt(next.at);
 */
import type { DeliveryFailure } from './delivery-failure.ts';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 });

export type NextAttempt = { readonly dead: false; readonly at: Date } | { readonly dead: true; readonly at: null };

/** `attempts`: how many attempts were made, the failed one included (≥ 1). `random` in [0, 1). */
export function nextAttempt(policy: RetryPolicy, failure: DeliveryFailure, attempts: number, now: Date, random: number): NextAttempt {
  if (failure.kind === 'permanent' || failure.kind === 'gone') return { dead: true, at: null };
  // A throttle is the provider pacing the whole channel, not a fault of this message: it never spends the
  // last attempt. What bounds it is the alert: a publication still queued when the alert ends is skipped.
  if (failure.kind !== 'throttled' && attempts >= policy.maxAttempts) return { dead: true, at: null };
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor(Math.max(0, Math.min(random, 0.999_999)) * cap);
  // A throttled provider gets at least one base delay even without a Retry-After: it asked us to slow down.
  const floor = failure.retryAfterMs ?? (failure.kind === 'throttled' ? policy.baseDelayMs : 0);
  return { dead: false, at: new Date(now.getTime() + Math.max(floor, jittered)) };
}
