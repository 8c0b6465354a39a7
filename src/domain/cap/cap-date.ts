/**
 * CAP 1.2 date-times. The schema's pattern `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d` allows
 * neither "Z" nor fractions of a second, so instants are written in UTC as "+00:00", cut to the second.
 * Writing the same Date always gives the same text, which matters: a `references` triple must repeat
 * the referenced message's `sent` exactly.
 *
 * @example
 *   capDateTime(new Date('2026-03-11T14:30:05.123Z')); // "2026-03-11T14:30:05+00:00"
 */

export const CAP_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;

/** Years the four-digit pattern can hold. */
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Whether `d` is a Date CAP can carry. */
export const isCapDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime()) && d.getTime() >= MIN_MS && d.getTime() <= MAX_MS;

/** The CAP form of an instant; a date CAP cannot carry is a programming error (RangeError). */
export function capDateTime(d: Date): string {
  if (!isCapDate(d)) throw new RangeError('CAP date-time must be a valid Date between the years 1000 and 9999.');
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

/** The instant cut to whole seconds, as CAP stores it (for comparisons that must match the text). */
export const capSecond = (d: Date): number => Math.floor(d.getTime() / 1000);
