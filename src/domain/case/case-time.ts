/**
 * Dates and ages for case intake, computed without reading the clock: instants and calendar dates
 * as they appear in a CaseRecord, the Moroccan calendar day of an instant, and the child's age at the
 * last-seen time.
 *
 * @example
 *   ageOn('2015-06-01', '2026-05-31'); // 10
 *   moroccoDate(new Date('2026-02-10T23:30:00Z')); // "2026-02-11" (UTC+1 that night)
 */
import type { CaseRecord, IsoDate, IsoInstant } from './case-record.ts';

/** Tolerated difference between the officer's device clock and ours before a time counts as "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch of an ISO instant with a zone, or null when it is not one. */
export function instantMs(value: unknown): number | null {
  if (typeof value !== 'string' || !INSTANT_RE.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls "02-30" over to March; a real calendar day must survive the round trip.
  return isIsoDate(value.slice(0, 10)) ? ms : null;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const MOROCCO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Morocco (Africa/Casablanca, which moves between UTC+1 and UTC+0) of an instant. */
export function moroccoDate(at: Date): IsoDate {
  const parts = MOROCCO_DAY.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole years from a birth date to a later calendar day (a 29 February birthday falls on 1 March). */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = onDate.split('-').map(Number) as [number, number, number];
  const beforeBirthday = om < bm || (om === bm && od < bd);
  return oy - by - (beforeBirthday ? 1 : 0);
}

/** The age in whole years at the last-seen time: from the birth date when valid, else the recorded estimate. */
export function ageAtLastSeen(record: Pick<CaseRecord, 'child' | 'lastSeen'>): number | null {
  const seen = instantMs(record.lastSeen.at);
  if (isIsoDate(record.child.birthDate) && seen !== null) return ageOn(record.child.birthDate, moroccoDate(new Date(seen)));
  const age = record.child.ageYears;
  return typeof age === 'number' && Number.isFinite(age) ? age : null;
}

/** The record with child.ageYears computed from the birth date (unchanged when the birth date is unknown). */
export function withDerivedAge(record: CaseRecord): CaseRecord {
  if (!isIsoDate(record.child.birthDate) || instantMs(record.lastSeen.at) === null) return record;
  return { ...record, child: { ...record.child, ageYears: ageAtLastSeen(record) } };
}

/** Parses an instant the caller has already validated; throws on a malformed one (a programming error). */
export function toDate(value: Date | IsoInstant): Date {
  if (value instanceof Date) return value;
  const ms = instantMs(value);
  if (ms === null) throw new RangeError('Not an ISO 8601 instant with a zone.');
  return new Date(ms);
}
