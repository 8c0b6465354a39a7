/**
 * When a tipster saw something, read from what a form or an API client sends: a browser's
 * datetime-local value ("2026-11-23T14:30", no zone) is Morocco's wall-clock time (Africa/Casablanca,
 * UTC+1 or UTC+0 around Ramadan and as the law decides); an ISO instant with its offset or "Z" is
 * taken as it is. Pure: the offsets come from the runtime's time-zone data, not from the clock.
 *
 * @example
 *   moroccoWallTime('2026-01-10T14:30');            // 2026-01-10T13:30:00.000Z (Morocco at UTC+1 then)
 *   parseSeenAt('2026-11-23T14:30:00+01:00');       // 2026-11-23T13:30:00.000Z
 *   parseSeenAt('yesterday');                        // undefined
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Africa/Casablanca',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Morocco's offset from UTC at an instant, in milliseconds (+3 600 000 most of the year). */
function moroccoOffsetMs(at: number): number {
  const parts = PARTS.formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant of a Morocco wall-clock time written YYYY-MM-DDTHH:MM[:SS], or undefined if it is no real time. */
export function moroccoWallTime(text: string): Date | undefined {
  const m = LOCAL.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  // Two passes settle the offset on either side of a change; a time skipped by a change lands an hour on.
  let at = wall - moroccoOffsetMs(wall);
  at = wall - moroccoOffsetMs(at);
  return new Date(at);
}

/** A seen-at value from a form (Morocco wall time) or an API client (instant with offset). */
export function parseSeenAt(text: string): Date | undefined {
  if (WITH_ZONE.test(text)) {
    const ms = Date.parse(text);
    const day = text.slice(0, 10);
    // Date.parse rolls 31 February over into March: a real calendar day must survive the round trip.
    if (Number.isNaN(ms) || moroccoWallTime(`${day}T12:00`) === undefined) return undefined;
    return new Date(ms);
  }
  return moroccoWallTime(text);
}
