/**
 * The languages and text fields of an alert, and the length each field is fitted to. An alert carries,
 * per language, a headline, a description, an instruction (do not intervene, call 19, quote the
 * reference) and three short forms: 90 and 360 characters for cell broadcast pages, and one SMS segment
 * of 70 UCS-2 characters.
 *
 * @example
 *   for (const lang of ALERT_LANGUAGES) texts[lang].sms70; // 'ar-MA' | 'fr-MA' | 'zgh-Tfng'
 */

/** BCP 47 tags: Arabic and French as written in Morocco, Standard Moroccan Amazigh in Tifinagh. */
export const ALERT_LANGUAGES = ['ar-MA', 'fr-MA', 'zgh-Tfng'] as const;
export type AlertLanguage = (typeof ALERT_LANGUAGES)[number];

/** The short key of each language, as used for per-language free text (`freeText.ar` …). */
export const LANGUAGE_KEYS = { 'ar-MA': 'ar', 'fr-MA': 'fr', 'zgh-Tfng': 'zgh' } as const satisfies Record<AlertLanguage, string>;
export type LanguageKey = (typeof LANGUAGE_KEYS)[AlertLanguage];

export const ALERT_TEXT_FIELDS = ['headline', 'description', 'instruction', 'short90', 'short360', 'sms70'] as const;
export type AlertTextField = (typeof ALERT_TEXT_FIELDS)[number];

export type AlertTextSet = { readonly [F in AlertTextField]: string };
export type AlertTexts = { readonly [L in AlertLanguage]: AlertTextSet };

/** Free text the officer typed for one language; added to that language's description only. */
export type FreeText = { readonly [K in LanguageKey]?: string };

/**
 * Maximum length of each field. headline, description and instruction count Unicode code points (as
 * JSON Schema `maxLength` does); the short forms count UTF-16 units, which is what SMS and cell
 * broadcast pages carry. sms70 must also be one SMS segment (checked with smsEncoding).
 */
export const ALERT_TEXT_LIMITS: { readonly [F in AlertTextField]: number } = {
  headline: 120,
  description: 2000,
  instruction: 500,
  short90: 90,
  short360: 360,
  sms70: 70,
};

/** Unicode code points, as JSON Schema maxLength counts (headline, description, instruction, free text). */
export const codePoints = (text: string): number => [...text].length;

/** Longest free text per language, so that a generated description plus free text stays under its limit. */
export const FREE_TEXT_MAX = 1000;

/** Fields that may hold line breaks (paragraphs); the short forms and the headline are one line. */
export const MULTILINE_FIELDS: readonly AlertTextField[] = ['description', 'instruction'];
