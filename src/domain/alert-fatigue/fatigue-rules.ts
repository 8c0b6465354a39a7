/**
 * The alert fatigue rules as configuration: how many pushes a citizen may receive per area in a rolling
 * 24 h, and the quiet hours (Moroccan local time) during which the non-critical tiers wait. People who
 * get alerts at 4 a.m. for places far away switch alerts off (specs/morocco.md); a critical alert still
 * pushes at night, because the first hours decide.
 *
 * The parsers read the environment variables' text and return problems naming the variable (never its
 * value), for src/config/config.ts to report with the other configuration errors.
 *
 * @example
 *   const r = parseFatigueConfig({ ALERT_PUSH_LIMIT_PER_DAY: '3', ALERT_QUIET_HOURS: '22:00-07:00', ALERT_QUIET_TIERS: 'normal' });
 *   if (!r.ok) problems.push(...r.problems.map((p) => `${p.field}: ${p.message}`));
 *   parseQuietHours('23:30-06:00'); // { ok: true, value: { start: '23:30', end: '06:00' } } — wraps midnight
 *   parseQuietHours('off');         // { ok: true, value: null } — no quiet hours
 */
import { PRIORITIES, type Priority } from '../case/assessment.ts';
import type { FieldError } from '../errors.ts';
import { isKnownTimeZone, MINUTES_PER_DAY } from './local-clock.ts';

/** An alert's tier is the urgency of its case (assessment.ts). */
export const TIERS = PRIORITIES;
export type Tier = Priority;

/** The tiers quiet hours may hold back: never 'critical'. */
export const QUIETABLE_TIERS = ['high', 'normal'] as const satisfies readonly Exclude<Tier, 'critical'>[];

/** Local wall-clock times, 24-hour "HH:MM". `end` before `start` wraps midnight ("22:00"–"07:00"). */
export interface QuietHours {
  /** First quiet minute. */
  readonly start: string;
  /** First minute that is no longer quiet. */
  readonly end: string;
}

export interface FatigueConfig {
  /** Pushes one subscriber may receive for one area in any 24 h (rolling, not per calendar day). */
  readonly maxPushesPerDayPerArea: number;
  /** null: no quiet hours. */
  readonly quietHours: QuietHours | null;
  readonly timeZone: 'Africa/Casablanca';
  /** The tiers that wait for the end of quiet hours ('critical' is never one of them). */
  readonly quietTiers: readonly Tier[];
}

export const FATIGUE_LIMITS = {
  minPushesPerDay: 1,
  maxPushesPerDay: 100,
  /** Longer quiet periods are refused: "07:00-22:00" typed for "22:00-07:00" would silence the day. */
  maxQuietMinutes: 12 * 60,
} as const;

/**
 * Three pushes per area per rolling 24 h; 'normal' alerts wait between 22:00 and 07:00 Moroccan time,
 * 'high' and 'critical' push at any hour.
 */
export const DEFAULT_FATIGUE_CONFIG: FatigueConfig = Object.freeze({
  maxPushesPerDayPerArea: 3,
  quietHours: Object.freeze({ start: '22:00', end: '07:00' }),
  timeZone: 'Africa/Casablanca',
  quietTiers: Object.freeze(['normal'] as const),
});

/** The environment variables the parsers read (unset or blank: the default). */
export const FATIGUE_ENV_VARIABLES = ['ALERT_PUSH_LIMIT_PER_DAY', 'ALERT_QUIET_HOURS', 'ALERT_QUIET_TIERS'] as const;
export type FatigueEnvVariable = (typeof FATIGUE_ENV_VARIABLES)[number];

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly FieldError[] };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(field: string, message: string): ParseResult<T> => ({ ok: false, problems: [{ field, message }] });
const blank = (text: string | undefined): text is undefined => text === undefined || text.trim() === '';

const CLOCK = /^([0-9]{1,2}):([0-9]{2})$/;

/** Minutes since midnight of an "HH:MM" (or "H:MM") time, or a message saying what is wrong. */
function clockMinutes(text: string, which: 'start' | 'end'): number | string {
  const m = CLOCK.exec(text.trim());
  if (!m) return `the ${which} time must be written HH:MM (24-hour)`;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23) return `the ${which} hour must be between 00 and 23`;
  if (min > 59) return `the ${which} minutes must be between 00 and 59`;
  return h * 60 + min;
}

const clockText = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Minutes from start to end, going forward through midnight when needed. */
export function quietMinutes(startMinute: number, endMinute: number): number {
  return (endMinute - startMinute + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** Start and end as minutes since midnight; for hours that passed quietHoursProblems (throws otherwise). */
export function quietHoursMinutes(q: QuietHours): { readonly start: number; readonly end: number } {
  const start = clockMinutes(q.start, 'start');
  const end = clockMinutes(q.end, 'end');
  if (typeof start === 'string' || typeof end === 'string') throw new RangeError('Quiet hours must be HH:MM times.');
  return { start, end };
}

/** True when the local minute of day (0–1439) falls in [start, end), wrapping midnight when end < start. */
export function isQuietMinute(minuteOfDay: number, q: { readonly start: number; readonly end: number }): boolean {
  return q.start < q.end ? minuteOfDay >= q.start && minuteOfDay < q.end : minuteOfDay >= q.start || minuteOfDay < q.end;
}

function checkQuietMinutes(start: number, end: number): string | null {
  if (start === end) return 'start and end must differ (write "off" for no quiet hours)';
  if (quietMinutes(start, end) > FATIGUE_LIMITS.maxQuietMinutes) return `quiet hours may last at most ${FATIGUE_LIMITS.maxQuietMinutes / 60} hours (did you swap start and end? e.g. 22:00-07:00)`;
  return null;
}

/**
 * Reads "HH:MM-HH:MM" in Moroccan local time; an end earlier than the start wraps midnight.
 * "off" or "none" means no quiet hours; blank or unset gives the default (22:00-07:00).
 */
export function parseQuietHours(text: string | undefined, field: string = 'ALERT_QUIET_HOURS'): ParseResult<QuietHours | null> {
  if (blank(text)) return ok(DEFAULT_FATIGUE_CONFIG.quietHours);
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none') return ok(null);
  const halves = t.split('-');
  if (halves.length !== 2) return fail(field, 'must be HH:MM-HH:MM in Moroccan local time (e.g. 22:00-07:00), or "off"');
  const start = clockMinutes(halves[0] ?? '', 'start');
  if (typeof start === 'string') return fail(field, start);
  const end = clockMinutes(halves[1] ?? '', 'end');
  if (typeof end === 'string') return fail(field, end);
  const wrong = checkQuietMinutes(start, end);
  return wrong === null ? ok({ start: clockText(start), end: clockText(end) }) : fail(field, wrong);
}

/** Reads a whole number of pushes per area per rolling 24 h; blank or unset gives the default (3). */
export function parsePushLimit(text: string | undefined, field: string = 'ALERT_PUSH_LIMIT_PER_DAY'): ParseResult<number> {
  if (blank(text)) return ok(DEFAULT_FATIGUE_CONFIG.maxPushesPerDayPerArea);
  const { minPushesPerDay: min, maxPushesPerDay: max } = FATIGUE_LIMITS;
  if (!/^[0-9]+$/.test(text.trim())) return fail(field, `must be a whole number between ${min} and ${max}`);
  const n = Number(text.trim());
  if (n < min) return fail(field, `must be at least ${min} (a limit of 0 would silence every alert but critical ones)`);
  if (n > max) return fail(field, `must be at most ${max}`);
  return ok(n);
}

/**
 * Reads a comma-separated list of the tiers quiet hours hold back ("normal", "high,normal"); "none"
 * for none; blank or unset gives the default ("normal"). "critical" is refused: it always pushes.
 */
export function parseQuietTiers(text: string | undefined, field: string = 'ALERT_QUIET_TIERS'): ParseResult<readonly Tier[]> {
  if (blank(text)) return ok(DEFAULT_FATIGUE_CONFIG.quietTiers);
  const t = text.trim().toLowerCase();
  if (t === 'none') return ok([]);
  const names = t.split(',').map((s) => s.trim());
  if (names.includes('critical')) return fail(field, 'critical alerts always push, at any hour (the first hours decide); list only high and/or normal');
  if (names.some((n) => !(QUIETABLE_TIERS as readonly string[]).includes(n))) return fail(field, 'must be a comma-separated list of high, normal, or "none"');
  return ok(QUIETABLE_TIERS.filter((tier) => names.includes(tier)));
}

/**
 * Reads the three variables together; every problem is returned, each naming its variable.
 *
 * @example
 *   const r = parseFatigueConfig(env);
 *   const fatigue = r.ok ? r.value : DEFAULT_FATIGUE_CONFIG; // after reporting r.problems
 */
export function parseFatigueConfig(env: Readonly<Partial<Record<FatigueEnvVariable, string | undefined>>>): ParseResult<FatigueConfig> {
  const limit = parsePushLimit(env.ALERT_PUSH_LIMIT_PER_DAY);
  const quietHours = parseQuietHours(env.ALERT_QUIET_HOURS);
  const quietTiers = parseQuietTiers(env.ALERT_QUIET_TIERS);
  if (limit.ok && quietHours.ok && quietTiers.ok) {
    return ok(Object.freeze({ maxPushesPerDayPerArea: limit.value, quietHours: quietHours.value, timeZone: 'Africa/Casablanca', quietTiers: Object.freeze([...quietTiers.value]) }));
  }
  return { ok: false, problems: [limit, quietHours, quietTiers].flatMap((r) => (r.ok ? [] : r.problems)) };
}

/**
 * What is wrong with a FatigueConfig built by hand (fields named as in the interface); empty when
 * valid. Configurations from parseFatigueConfig always pass.
 */
export function fatigueConfigProblems(config: FatigueConfig): FieldError[] {
  const problems: FieldError[] = [];
  const { minPushesPerDay: min, maxPushesPerDay: max } = FATIGUE_LIMITS;
  const limit = config.maxPushesPerDayPerArea;
  if (!Number.isInteger(limit) || limit < min || limit > max) problems.push({ field: 'maxPushesPerDayPerArea', message: `must be a whole number between ${min} and ${max}` });
  if (config.quietHours !== null) {
    const start = clockMinutes(config.quietHours.start, 'start');
    const end = clockMinutes(config.quietHours.end, 'end');
    const wrong = typeof start === 'string' ? start : typeof end === 'string' ? end : checkQuietMinutes(start, end);
    if (wrong !== null) problems.push({ field: 'quietHours', message: wrong });
  }
  if (!isKnownTimeZone(config.timeZone)) problems.push({ field: 'timeZone', message: 'must be a time zone the runtime knows' });
  if (config.quietTiers.some((t) => !(QUIETABLE_TIERS as readonly string[]).includes(t))) problems.push({ field: 'quietTiers', message: 'may hold only high and normal (critical always pushes)' });
  return problems;
}
