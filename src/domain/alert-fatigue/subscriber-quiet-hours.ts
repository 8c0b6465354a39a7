/**
 * A subscriber's own quiet hours (chosen when subscribing): a non-critical push waits until they end.
 * The platform-wide rules (push-decision.ts) apply first; this only ever defers further, never drops.
 * A critical alert still goes at once: the subscriber's consent text says so.
 *
 * @example
 *   const until = subscriberQuietUntil(now, { start: '23:00', end: '06:30' }, 'high'); // Date or null
 */
import { isQuietMinute, type QuietHours, quietHoursMinutes, type Tier } from './fatigue-rules.ts';
import { localMinuteOfDay, nextLocalTime } from './local-clock.ts';

export function subscriberQuietUntil(now: Date, quiet: QuietHours | null, tier: Tier, timeZone = 'Africa/Casablanca'): Date | null {
  if (quiet === null || tier === 'critical') return null;
  const q = quietHoursMinutes(quiet);
  if (!isQuietMinute(localMinuteOfDay(now, timeZone), q)) return null;
  return nextLocalTime(now, q.end, timeZone);
}
