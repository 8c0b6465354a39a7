/**
 * The fields of a tip as the public form and the API name them, and their limits. The form's HTML
 * `maxlength` attributes, the intake validation and the API schema all read these, so they cannot
 * drift apart. A WhatsApp message is stored whole (WhatsApp's own limit, 4,096 characters).
 *
 * @example
 *   TIP_FIELD_LIMITS.seen;  // 2000
 *   TIP_FIELDS.honeypot;    // 'website'
 */

/** Maximum lengths of the text fields, in characters (HTML maxlength counts UTF-16 units). */
export const TIP_FIELD_LIMITS = { seen: 2000, place: 200, name: 100, phone: 20 } as const;
/** WhatsApp's own limit on a text message: such a tip is kept whole. */
export const WHATSAPP_TIP_MAX = 4096;
/** Longest seen-at text read (an ISO instant with nanoseconds and an offset is 35). */
export const SEEN_AT_MAX = 40;

/** Form field names. `website` is the honeypot: a value there means a robot. */
export const TIP_FIELDS = {
  seen: 'seen',
  seenAt: 'seenAt',
  place: 'place',
  lat: 'lat',
  lon: 'lon',
  name: 'name',
  phone: 'phone',
  contactConsent: 'contactConsent',
  honeypot: 'website',
  lang: 'lang',
  version: 'version',
  photo: 'photo',
} as const;

export type TipLanguage = 'ar' | 'fr' | 'zgh';
export const TIP_LANGUAGES: readonly TipLanguage[] = ['ar', 'fr', 'zgh'];
export const isTipLanguage = (v: unknown): v is TipLanguage => v === 'ar' || v === 'fr' || v === 'zgh';
