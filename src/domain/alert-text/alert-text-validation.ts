/**
 * Checks of the texts an officer edits before the decision, and of the free text typed per language.
 * Each problem is a FieldError with a JSON pointer ("/texts/fr-MA/short90", "/freeText/ar") and a
 * message that never repeats the text. The HTTP layer serves them as a validation_failed problem+json.
 *
 * Rules, per field: present and not blank; no control characters (line breaks only in the description
 * and the instruction; bidi embeddings and overrides are refused, marks and isolates allowed); within
 * its length (sms70: one SMS segment even as UCS-2); written in the language's script (Arabic letters
 * for ar-MA, Latin for fr-MA, Tifinagh for zgh-Tfng), where digits, punctuation, the case reference,
 * "cm" and the proper names of the case (alertProperNames) may appear in any script; Western digits
 * only; the number to call in the instruction and every short form; the reference in the instruction.
 *
 * @example
 *   const errors = validateEditedTexts(body.texts, { properNames: alertProperNames(input), reference });
 *   assertValidAlertTexts(body.texts, { properNames: alertProperNames(input), reference }); // throws validation_failed
 */
import { AppError, type FieldError } from '../errors.ts';
import {
  ALERT_LANGUAGES,
  ALERT_TEXT_FIELDS,
  ALERT_TEXT_LIMITS,
  codePoints,
  FREE_TEXT_MAX,
  LANGUAGE_KEYS,
  MULTILINE_FIELDS,
  type AlertLanguage,
  type AlertTextField,
  type AlertTexts,
  type FreeText,
} from './alert-languages.ts';
import { fitsOneUcs2Segment, UCS2_SINGLE } from './sms-encoding.ts';

export interface TextCheckOptions {
  /** Names that may appear in another script (child, places, vehicle make and plate): alertProperNames(input). */
  readonly properNames?: readonly string[];
  /** When given, the instruction must quote it. */
  readonly reference?: string;
  /** The number every instruction and short form must give; '19' unless told. */
  readonly callNumber?: string;
}

const SCRIPTS: { readonly [L in AlertLanguage]: { readonly letter: RegExp; readonly name: string } } = {
  'ar-MA': { letter: /\p{Script=Arabic}/u, name: 'Arabic script' },
  'fr-MA': { letter: /\p{Script=Latin}/u, name: 'Latin script' },
  'zgh-Tfng': { letter: /\p{Script=Tifinagh}/u, name: 'Tifinagh' },
};

const LETTER = /\p{L}/u;
const NEUTRAL_LETTER = /[\p{Script=Common}\p{Script=Inherited}]/u;
const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E]/u;
const CONTROL_BUT_LINE_BREAK = /[^\P{Cc}\n]|[\u2028\u2029\u202A-\u202E]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/u;
const REFERENCE_LIKE = /TM-\d{4}-\d{1,9}/giu;
const UNIT = /(?<=\d ?)cm(?![\p{L}\p{M}])/giu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The text without the parts that may be in any script: references, units and the case's proper names. */
function withoutProperNames(text: string, properNames: readonly string[]): string {
  const pieces = [...new Set(properNames.flatMap((n) => [n.trim(), ...n.trim().split(/\s+/u)]).filter((n) => n !== ''))].sort((a, b) => b.length - a.length);
  let out = text.replace(REFERENCE_LIKE, ' ').replace(UNIT, ' ');
  for (const piece of pieces) out = out.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(piece)}(?![\\p{L}\\p{M}])`, 'giu'), ' ');
  return out;
}

/** True when every letter (proper names aside) is in the language's script, and there is at least one. */
export function isInScriptOf(lang: AlertLanguage, text: string, properNames: readonly string[] = []): boolean {
  const { letter } = SCRIPTS[lang];
  let own = 0;
  for (const ch of withoutProperNames(text, properNames)) {
    if (!LETTER.test(ch) || NEUTRAL_LETTER.test(ch)) continue;
    if (!letter.test(ch)) return false;
    own++;
  }
  return own > 0;
}

const containsNumber = (text: string, number: string) => new RegExp(`(?<!\\d)${escapeRegExp(number)}(?!\\d)`, 'u').test(text);

/** Problems common to edited texts and free text: control characters, digits, script. */
function contentErrors(field: string, lang: AlertLanguage, value: string, multiline: boolean, properNames: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if ((multiline ? CONTROL_BUT_LINE_BREAK : CONTROL).test(value) || LONE_SURROGATE.test(value)) {
    errors.push({ field, message: multiline ? 'must not contain control characters (line breaks are allowed)' : 'must not contain control characters or line breaks' });
  }
  if (OTHER_DIGIT.test(value)) errors.push({ field, message: 'must use Western digits (0-9)' });
  if (!isInScriptOf(lang, value, properNames)) errors.push({ field, message: `must be written in ${SCRIPTS[lang].name}` });
  return errors;
}

function lengthError(field: string, name: AlertTextField, value: string): FieldError | null {
  const limit = ALERT_TEXT_LIMITS[name];
  switch (name) {
    case 'headline':
    case 'description':
    case 'instruction':
      return codePoints(value) > limit ? { field, message: `must be at most ${limit} characters` } : null;
    case 'short90':
    case 'short360':
      return value.length > limit ? { field, message: `must be at most ${limit} characters` } : null;
    case 'sms70':
      return fitsOneUcs2Segment(value) ? null : { field, message: `must fit in one SMS segment of ${UCS2_SINGLE} UCS-2 characters` };
  }
}

const MUST_GIVE_NUMBER: readonly AlertTextField[] = ['instruction', 'short90', 'short360', 'sms70'];

/** Every problem in a set of edited alert texts; empty when all are fine. */
export function validateEditedTexts(texts: AlertTexts, options: TextCheckOptions = {}): FieldError[] {
  const properNames = options.properNames ?? [];
  const callNumber = options.callNumber ?? '19';
  const errors: FieldError[] = [];
  const byLanguage: unknown = texts;
  for (const lang of ALERT_LANGUAGES) {
    const set: unknown = typeof byLanguage === 'object' && byLanguage !== null ? (byLanguage as Readonly<Record<string, unknown>>)[lang] : undefined;
    for (const name of ALERT_TEXT_FIELDS) {
      const field = `/texts/${lang}/${name}`;
      const value: unknown = typeof set === 'object' && set !== null ? (set as Readonly<Record<string, unknown>>)[name] : undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        errors.push({ field, message: 'is required' });
        continue;
      }
      const tooLong = lengthError(field, name, value);
      if (tooLong) errors.push(tooLong);
      errors.push(...contentErrors(field, lang, value, MULTILINE_FIELDS.includes(name), properNames));
      if (MUST_GIVE_NUMBER.includes(name) && !containsNumber(value, callNumber)) errors.push({ field, message: `must give the number ${callNumber}` });
      if (name === 'instruction' && options.reference !== undefined && !value.includes(options.reference)) errors.push({ field, message: 'must quote the case reference' });
    }
  }
  return errors;
}

/** Problems in the per-language free text (absent or blank is fine: that language then has none). */
export function validateFreeText(freeText: FreeText | undefined, properNames: readonly string[] = []): FieldError[] {
  if (freeText === undefined) return [];
  const errors: FieldError[] = [];
  for (const lang of ALERT_LANGUAGES) {
    const key = LANGUAGE_KEYS[lang];
    const value: unknown = freeText[key];
    const field = `/freeText/${key}`;
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (typeof value !== 'string') {
      errors.push({ field, message: 'must be a string' });
      continue;
    }
    if (codePoints(value) > FREE_TEXT_MAX) errors.push({ field, message: `must be at most ${FREE_TEXT_MAX} characters` });
    errors.push(...contentErrors(field, lang, value, true, properNames));
  }
  return errors;
}

/** Throws a validation_failed AppError (problem+json 400 with `errors`) when the edited texts have problems. */
export function assertValidAlertTexts(texts: AlertTexts, options: TextCheckOptions = {}): void {
  const errors = validateEditedTexts(texts, options);
  if (errors.length > 0) throw new AppError('validation_failed', 'Some alert texts are not valid.', { errors });
}
