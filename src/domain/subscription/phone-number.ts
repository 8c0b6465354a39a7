/**
 * Phone numbers to E.164 ("+212612345678") with Google's libphonenumber, default region Morocco.
 *
 * Accepted spellings: 06 12 34 56 78, 0612345678, 612345678, +212 6 12 34 56 78, +212 (0)6…, 00212…,
 * 212612345678 (as WhatsApp reports a sender), with spaces, dots, dashes or parentheses, in Western or
 * Arabic-Indic digits. A number with an extension is refused.
 *
 * Which numbers a channel takes (decided here, shown on the form):
 * - SMS and WhatsApp need a mobile number (libphonenumber type MOBILE, or FIXED_LINE_OR_MOBILE where a
 *   numbering plan does not tell them apart): a Moroccan 05… landline is refused with its own message.
 * - SMS: Moroccan mobiles only (+212 6…, +212 7…). The alerts go out through the Moroccan operators'
 *   SMSC; international SMS is costly, often filtered and not what the service is for.
 * - WhatsApp: every valid mobile number in the world, written with its country code (+33…, 0033…).
 *   Moroccans abroad and their families follow alerts at home, and WhatsApp costs the same whatever
 *   the country. A foreign number typed without its country code reads as Moroccan and is refused as
 *   invalid, which the form's hint explains.
 * - Looking a number up (STOP replies, unsubscribe by address): every valid number, no type check, so
 *   a number that was accepted once is always found again.
 *
 * @example
 *   normalizePhone('06 12 34 56 78', 'sms');    // { ok: true, e164: '+212612345678' }
 *   normalizePhone('0522 12 34 56', 'sms');     // { ok: false, code: 'phone_not_mobile' }
 *   normalizePhone('+33 6 12 34 56 78', 'sms'); // { ok: false, code: 'phone_not_moroccan' }
 *   normalizePhone('+33 6 12 34 56 78', 'whatsapp'); // { ok: true, e164: '+33612345678' }
 */
import lib from 'google-libphonenumber';
import type { SubscriptionProblemCode } from './subscription-problems.ts';

const util = lib.PhoneNumberUtil.getInstance();
const { PhoneNumberType, PhoneNumberFormat } = lib;

export const DEFAULT_PHONE_REGION = 'MA';
/** Longest text read as a phone number (the longest E.164 number is 15 digits; spacing and prefixes add some). */
export const PHONE_INPUT_MAX = 40;

export type PhoneUse = 'sms' | 'whatsapp' | 'lookup';

export type PhoneResult = { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly code: Extract<SubscriptionProblemCode, 'phone_invalid' | 'phone_not_mobile' | 'phone_not_moroccan'> };

type Parsed = ReturnType<typeof util.parse>;

function parse(text: string): Parsed | undefined {
  try {
    const n = util.parse(text, DEFAULT_PHONE_REGION);
    return util.isValidNumber(n) && !n.hasExtension() ? n : undefined;
  } catch {
    return undefined;
  }
}

const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** Western digits for Arabic-Indic and Extended Arabic-Indic ones. */
export function westernDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

export function normalizePhone(input: string, use: PhoneUse): PhoneResult {
  const text = westernDigits(input.normalize('NFKC')).trim();
  // Letters never belong in a number we accept ("ext. 12", vanity numbers, an e-mail typed here).
  if (text === '' || text.length > PHONE_INPUT_MAX || /\p{L}/u.test(text)) return { ok: false, code: 'phone_invalid' };
  // Digits only and not national-looking: an international number without its "+" (WhatsApp wa_id).
  const bare = /^[1-9][0-9]{7,14}$/.test(text) ? `+${text}` : undefined;
  const n = parse(text) ?? (bare === undefined ? undefined : parse(bare));
  if (!n) return { ok: false, code: 'phone_invalid' };
  const e164 = util.format(n, PhoneNumberFormat.E164);
  if (use === 'lookup') return { ok: true, e164 };
  const type = util.getNumberType(n);
  if (type !== PhoneNumberType.MOBILE && type !== PhoneNumberType.FIXED_LINE_OR_MOBILE) return { ok: false, code: 'phone_not_mobile' };
  if (use === 'sms' && n.getCountryCode() !== 212) return { ok: false, code: 'phone_not_moroccan' };
  return { ok: true, e164 };
}
