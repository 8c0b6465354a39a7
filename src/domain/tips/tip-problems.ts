/**
 * Why a tip was refused: one stable code per reason, with the field it belongs to. The public site
 * shows each code in the tipster's language (http/public/tip-texts.ts); the English messages here are
 * for problem+json answers. Like every error of the application they never quote what was typed.
 *
 * @example
 *   const p: TipProblem = { field: 'phone', code: 'phone_invalid' };
 *   TIP_PROBLEM_MESSAGES[p.code]; // 'is not a valid phone number'
 */

export const TIP_PROBLEM_MESSAGES = {
  seen_required: 'say what you saw',
  too_long: 'is too long',
  text_invalid: 'contains control characters or is not valid text',
  seen_at_invalid: 'must be a date and time (YYYY-MM-DDTHH:MM, Morocco time, or an ISO instant with its offset)',
  seen_at_future: 'is in the future',
  seen_at_too_old: 'is more than a year ago',
  point_invalid: 'latitude must be between -90 and 90 and longitude between -180 and 180, both or neither',
  phone_invalid: 'is not a valid phone number',
  consent_required: 'tick the box to let the police call you back, or leave your name and phone out',
  consent_invalid: 'must be a yes or no',
  lang_invalid: 'must be ar, fr or zgh',
  version_invalid: 'must be a positive whole number',
  photo_invalid: 'is not a photo that could be read (JPEG, PNG, WebP or HEIC)',
  photo_too_large: 'is too large',
  honeypot_filled: 'leave the last field (for robots) empty',
  form_invalid: 'the form has fields it should not have, or repeats a field',
} as const satisfies Record<string, string>;

export type TipProblemCode = keyof typeof TIP_PROBLEM_MESSAGES;

/** The form fields a problem can belong to. */
export type TipField = 'seen' | 'seenAt' | 'place' | 'point' | 'name' | 'phone' | 'contactConsent' | 'lang' | 'version' | 'photo' | 'website' | 'form';

export interface TipProblem {
  readonly field: TipField;
  readonly code: TipProblemCode;
}
