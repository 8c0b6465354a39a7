/**
 * Wall-clock time in a named time zone, computed from instants through Intl (Node's full ICU carries
 * the tz database, Morocco's Ramadan clock changes included). Nothing here reads the clock: every
 * function takes the instant it reasons about.
 *
 * Morocco keeps UTC+1 most of the year and goes back to UTC+0 for Ramadan (tzdata 2026 also records
 * a permanent return to UTC+0); the changes fall in the night (02:00/03:00 local), which is exactly
 * where quiet hours live, so "07:00 tomorrow" is never "now + N hours" without asking the tz database.
 *
 * @example
 *   localMinuteOfDay(new Date('2025-03-01T21:30:00Z'), 'Africa/Casablanca'); // 1290 (21:30, Ramadan: UTC+0)
 *   nextLocalTime(new Date('2025-02-22T22:00:00Z'), 7 * 60, 'Africa/Casablanca'); // 2025-02-23T07:00:00Z
 */

const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 24 * 60;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Throws a RangeError for a zone ICU does not know: configuration is checked before use.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when ICU knows the zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const mod = (n: number, m: number) => ((n % m) + m) % m;

/** The local wall clock at a UTC minute, as minutes since 1970-01-01T00:00 of that wall clock. */
function localEpochMinute(utcMinute: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(utcMinute * MINUTE_MS);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) / MINUTE_MS;
}

/** Local wall clock minus UTC, in minutes, at a UTC minute (60 for Morocco's usual UTC+1). */
function offsetAt(utcMinute: number, timeZone: string): number {
  return localEpochMinute(utcMinute, timeZone) - utcMinute;
}

/** Minutes since local midnight at `at` (0–1439); seconds are ignored. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  return mod(localEpochMinute(Math.floor(at.getTime() / MINUTE_MS), timeZone), MINUTES_PER_DAY);
}

/**
 * The next `minuteOfDay` (0–1439) on the local calendar after the wall time at `from` (later the same
 * local day, else the next day), as the first instant whose local date and time has reached it. When
 * a clock change skips that wall time (clocks go forward across it), that is the instant of the
 * change; when a change repeats it (clocks go back), the first reading.
 */
export function nextLocalTime(from: Date, minuteOfDay: number, timeZone: string): Date {
  const start = Math.floor(from.getTime() / MINUTE_MS);
  const off0 = offsetAt(start, timeZone);
  const localStart = start + off0;
  const ahead = mod(minuteOfDay - mod(localStart, MINUTES_PER_DAY), MINUTES_PER_DAY) || MINUTES_PER_DAY;
  const target = localStart + ahead;
  const guess = target - off0;
  const off1 = offsetAt(guess, timeZone);
  if (off1 === off0) return new Date(guess * MINUTE_MS);
  // The clock changed in between (at most once in a day: Morocco's changes are weeks apart). Find the
  // first minute on the new offset, then read the target on that offset, never before the change.
  let lo = start;
  let hi = guess;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === off0) lo = mid;
    else hi = mid;
  }
  return new Date(Math.max(hi, target - off1) * MINUTE_MS);
}
