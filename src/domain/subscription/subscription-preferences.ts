/**
 * A subscriber's languages and personal quiet hours.
 *
 * Languages: a non-empty subset of the alert languages (ar-MA, fr-MA, zgh-Tfng), kept in that order
 * without repeats; alerts reach the subscriber in these languages.
 *
 * Quiet hours are optional: both times blank means none of one's own (the platform-wide fatigue rules
 * still apply); otherwise the same rules as the platform's ALERT_QUIET_HOURS (fatigue-rules.ts
 * parseQuietHours: HH:MM in Moroccan time, an end before the start wraps midnight, at most 12 hours).
 *
 * @example
 *   parseLanguages(['fr-MA', 'ar-MA', 'fr-MA']);  // { ok: true, value: ['ar-MA', 'fr-MA'] }
 *   parseSubscriberQuietHours('22:30', '07:00');   // { ok: true, value: { start: '22:30', end: '07:00' } }
 *   parseSubscriberQuietHours('', '');             // { ok: true, value: null }
 */
import { ALERT_LANGUAGES, type AlertLanguage } from '../alert-text/alert-languages.ts';
import { parseQuietHours, type QuietHours } from '../alert-fatigue/fatigue-rules.ts';
import { problem, type SubscriptionProblem } from './subscription-problems.ts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: SubscriptionProblem };

const isAlertLanguage = (v: string): v is AlertLanguage => (ALERT_LANGUAGES as readonly string[]).includes(v);

export function parseLanguages(values: readonly string[]): Parsed<readonly AlertLanguage[]> {
  const wanted = values.map((v) => v.trim()).filter((v) => v !== '');
  if (wanted.length === 0) return { ok: false, problem: problem('languages', 'languages_none') };
  if (!wanted.every(isAlertLanguage)) return { ok: false, problem: problem('languages', 'language_unknown') };
  return { ok: true, value: ALERT_LANGUAGES.filter((l) => wanted.includes(l)) };
}

export function parseSubscriberQuietHours(start: string | undefined, end: string | undefined): Parsed<QuietHours | null> {
  const s = (start ?? '').trim();
  const e = (end ?? '').trim();
  if (s === '' && e === '') return { ok: true, value: null };
  if (s === '' || e === '') return { ok: false, problem: problem('quietHours', 'quiet_hours_incomplete') };
  // parseQuietHours reads "off" as none and a blank as the platform default: neither can reach here.
  const parsed = parseQuietHours(`${s}-${e}`, 'quietHours');
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, problem: problem('quietHours', 'quiet_hours_invalid') };
}
