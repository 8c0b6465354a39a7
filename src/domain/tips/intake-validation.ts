/**
 * Checks a tip as the web form, an API client or a WhatsApp message sends it, and turns it into the
 * draft the intake stores. Pure: `now` is given. Every field is bounded (TIP_FIELD_LIMITS, counted in
 * characters), text is NFC-normalised, must be well-formed Unicode and carry no control character but
 * line breaks and tabs (single-line fields get spaces for those); a phone number becomes E.164 (any
 * valid number: a landline is fine for a call back); name or phone needs the call-back consent; the
 * seen-at time is Morocco's wall-clock time (or an instant with its offset), not in the future beyond
 * CLOCK_SKEW_MS and at most a year ago; a point needs both coordinates.
 *
 * Form values are strings (an empty string is "not given"); JSON values may also be numbers and
 * booleans where that is natural (lat, lon, version, contactConsent).
 *
 * @example
 *   const r = validateTipInput({ seen: 'A girl in a red tracksuit at the bus station', seenAt: '2026-11-23T14:30' }, now);
 *   if (r.ok) r.draft.seenAt; // Date, 13:30 UTC
 *   else r.problems;          // [{ field: 'seen', code: 'seen_required' }, …]
 */
import { CLOCK_SKEW_MS } from '../case/case-time.ts';
import { normalizePhone } from '../subscription/phone-number.ts';
import type { TipContact } from './tip-contact.ts';
import { isTipLanguage, SEEN_AT_MAX, TIP_FIELD_LIMITS, type TipLanguage } from './tip-fields.ts';
import type { TipField, TipProblem, TipProblemCode } from './tip-problems.ts';
import { parseSeenAt } from './tip-time.ts';

export interface TipInput {
  readonly seen?: unknown;
  readonly seenAt?: unknown;
  readonly place?: unknown;
  readonly lat?: unknown;
  readonly lon?: unknown;
  readonly name?: unknown;
  readonly phone?: unknown;
  readonly contactConsent?: unknown;
  readonly lang?: unknown;
  readonly version?: unknown;
}

export interface TipPoint {
  readonly lat: number;
  readonly lon: number;
}

/** A checked tip, ready to store. */
export interface TipDraft {
  readonly seen: string;
  readonly seenAt: Date | null;
  readonly place: string | null;
  readonly point: TipPoint | null;
  readonly contact: TipContact | null;
  readonly language: TipLanguage | null;
  /** The alert version the tipster was looking at (the form's hidden field), when known. */
  readonly alertVersion: number | null;
}

export type TipValidation = { readonly ok: true; readonly draft: TipDraft } | { readonly ok: false; readonly problems: readonly TipProblem[] };

/** How far back a sighting may be dated: alerts last days, a year is a typo. */
export const SEEN_AT_MAX_AGE_MS = 366 * 24 * 3_600_000;
const MAX_VERSION = 1_000_000;

// C0 and C1 controls except tab, line feed and carriage return; DEL; the non-characters U+FFFE/FFFF.
const CONTROL = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]/u;
/** A lone UTF-16 surrogate (paired ones are one code point in Unicode mode): not well-formed text. */
export const LONE_SURROGATE = /\p{Cs}/u;
const NUMBER = /^[+-]?\d{1,3}(?:\.\d{1,12})?$/;

type Text = { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly code: TipProblemCode };

const absent = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * Cleans one text value: undefined/null/'' → null. `singleLine` turns line breaks and tabs into spaces.
 * Exported for the WhatsApp intake, which cleans rather than refuses (there is no form to send back).
 */
export function cleanTipText(v: unknown, max: number, singleLine: boolean): Text {
  if (absent(v)) return { ok: true, value: null };
  if (typeof v !== 'string' || LONE_SURROGATE.test(v)) return { ok: false, code: 'text_invalid' };
  // A bound before normalising: NFC never more than triples a string, and this keeps hostile input cheap.
  if (v.length > max * 4 + 64) return { ok: false, code: 'too_long' };
  let text = v.normalize('NFC').replace(/\r\n?/g, '\n');
  if (CONTROL.test(text)) return { ok: false, code: 'text_invalid' };
  if (singleLine) text = text.replace(/[\n\t]+/g, ' ');
  text = text.trim();
  if (text === '') return { ok: true, value: null };
  let count = 0;
  for (const _ of text) if (++count > max) return { ok: false, code: 'too_long' };
  return { ok: true, value: text };
}

function coordinate(v: unknown, limit: number): number | null | undefined {
  if (absent(v)) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && NUMBER.test(v.trim())) n = Number(v.trim());
  else return undefined;
  if (!Number.isFinite(n) || Math.abs(n) > limit) return undefined;
  return Math.round(n * 1e6) / 1e6;
}

function consentOf(v: unknown): boolean | undefined {
  if (absent(v) || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'string' && ['yes', 'on', 'true', '1'].includes(v.trim().toLowerCase())) return true;
  if (typeof v === 'string' && ['no', 'off', 'false', '0'].includes(v.trim().toLowerCase())) return false;
  return undefined;
}

function versionOf(v: unknown): number | null | undefined {
  if (absent(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_VERSION ? n : undefined;
}

export function validateTipInput(input: TipInput, now: Date): TipValidation {
  const problems: TipProblem[] = [];
  const refuse = (field: TipField, code: TipProblemCode): null => {
    problems.push({ field, code });
    return null;
  };
  const text = (field: TipField, v: unknown, max: number, singleLine: boolean): string | null => {
    const r = cleanTipText(v, max, singleLine);
    return r.ok ? r.value : refuse(field, r.code);
  };

  const seenText = cleanTipText(input.seen, TIP_FIELD_LIMITS.seen, false);
  const seen = seenText.ok ? seenText.value : refuse('seen', seenText.code);
  if (seenText.ok && seen === null) refuse('seen', 'seen_required');

  let seenAt: Date | null = null;
  if (!absent(input.seenAt)) {
    const raw = typeof input.seenAt === 'string' && input.seenAt.length <= SEEN_AT_MAX ? parseSeenAt(input.seenAt.trim()) : undefined;
    if (!raw) refuse('seenAt', 'seen_at_invalid');
    else if (raw.getTime() > now.getTime() + CLOCK_SKEW_MS) refuse('seenAt', 'seen_at_future');
    else if (raw.getTime() < now.getTime() - SEEN_AT_MAX_AGE_MS) refuse('seenAt', 'seen_at_too_old');
    else seenAt = raw;
  }

  const place = text('place', input.place, TIP_FIELD_LIMITS.place, true);

  let point: TipPoint | null = null;
  const lat = coordinate(input.lat, 90);
  const lon = coordinate(input.lon, 180);
  if (lat === undefined || lon === undefined || (lat === null) !== (lon === null)) refuse('point', 'point_invalid');
  else if (lat !== null && lon !== null) point = { lat, lon };

  const name = text('name', input.name, TIP_FIELD_LIMITS.name, true);
  let phone: string | null = null;
  const phoneText = text('phone', input.phone, TIP_FIELD_LIMITS.phone, true);
  if (phoneText !== null) {
    const n = normalizePhone(phoneText, 'lookup');
    if (n.ok) phone = n.e164;
    else refuse('phone', 'phone_invalid');
  }
  const consent = consentOf(input.contactConsent);
  if (consent === undefined) refuse('contactConsent', 'consent_invalid');
  const wantsContact = name !== null || phone !== null || (!absent(input.phone) && phone === null);
  if (wantsContact && consent === false) refuse('contactConsent', 'consent_required');

  let language: TipLanguage | null = null;
  if (!absent(input.lang)) {
    if (isTipLanguage(input.lang)) language = input.lang;
    else refuse('lang', 'lang_invalid');
  }
  const version = versionOf(input.version);
  if (version === undefined) refuse('version', 'version_invalid');

  if (problems.length > 0 || seen === null) return { ok: false, problems };
  const contact: TipContact | null = name !== null || phone !== null ? { name, phone, callbackConsent: true, whatsappSender: false } : null;
  return { ok: true, draft: { seen, seenAt, place, point, contact, language, alertVersion: version ?? null } };
}
