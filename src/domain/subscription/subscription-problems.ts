/**
 * Why a citizen's sign-up was refused: one stable code per reason, with the form field it belongs to.
 * The public site shows each code in the visitor's language (http/public/subscription-texts.ts); the
 * English messages here are for the problem+json answer and for logs, and, like every error of the
 * application, they never quote what was typed (an address or a number is personal data).
 *
 * @example
 *   const p: SubscriptionProblem = { field: 'phone', code: 'phone_not_mobile' };
 *   SUBSCRIPTION_PROBLEM_MESSAGES[p.code]; // 'must be a mobile number: SMS and WhatsApp cannot reach a landline'
 */

export const SUBSCRIPTION_PROBLEM_MESSAGES = {
  channel_unknown: 'must be one of webpush, email, sms, whatsapp',
  channel_unavailable: 'is not offered on this server',
  email_invalid: 'is not a valid e-mail address',
  phone_invalid: 'is not a valid phone number',
  phone_not_mobile: 'must be a mobile number: SMS and WhatsApp cannot reach a landline',
  phone_not_moroccan: 'SMS alerts go to Moroccan mobile numbers only (+212 6… or +212 7…)',
  push_invalid: 'is not a valid browser push subscription',
  push_needs_script: 'browser notifications are set up by the page script, which did not run',
  area_kind: 'choose a point with a radius, or provinces',
  lat_invalid: 'latitude must be a number between -90 and 90',
  lon_invalid: 'longitude must be a number between -180 and 180',
  point_outside_morocco: 'the point must be in Morocco',
  radius_out_of_range: 'the radius must be between 1 and 50 km',
  provinces_none: 'choose at least one province',
  provinces_too_many: 'choose at most 12 provinces',
  province_unknown: 'is not a Moroccan province or prefecture code',
  area_too_large: 'the area is too large',
  languages_none: 'choose at least one language',
  language_unknown: 'must be ar-MA, fr-MA or zgh-Tfng',
  quiet_hours_incomplete: 'give both the start and the end of the quiet hours, or neither',
  quiet_hours_invalid: 'quiet hours must be HH:MM times, at most 12 hours apart',
  consent_missing: 'the consent box must be ticked',
  consent_outdated: 'the consent wording has changed: read it again',
  form_invalid: 'the form has fields it should not have, or repeats a single field',
} as const satisfies Record<string, string>;

export type SubscriptionProblemCode = keyof typeof SUBSCRIPTION_PROBLEM_MESSAGES;

/** The form fields a problem can point at. */
export type SubscriptionField = 'channel' | 'email' | 'phone' | 'push' | 'areaKind' | 'lat' | 'lon' | 'radiusKm' | 'provinces' | 'languages' | 'quietHours' | 'consent' | 'form';

export interface SubscriptionProblem {
  readonly field: SubscriptionField;
  readonly code: SubscriptionProblemCode;
}

export const problem = (field: SubscriptionField, code: SubscriptionProblemCode): SubscriptionProblem => ({ field, code });
