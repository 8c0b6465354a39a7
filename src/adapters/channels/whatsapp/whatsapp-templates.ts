/**
 * The WhatsApp Cloud API template messages Tifli sends (shared/specs/channels.md §3): the alert (image
 * header = the square poster, body = the short text, the case reference, the page and how to stop),
 * the closing message of a Cancel (no image: the reference and the outcome, never a name), and the
 * subscription's confirmation code. Only public content goes in: the version's public view, its URLs
 * and the recipient's own unsubscribe link.
 *
 * Languages: templates are approved per language and WhatsApp has no Tamazight template language, so
 * a recipient who chose 'zgh-Tfng' gets the Arabic template ('ar') whose parameters (the short text,
 * the closing words) are still in Tamazight; the stop instruction names both ⵃⴱⵙ and STOP.
 *
 * The approved templates are expected to read, for example (fr):
 *   tifli_alert            header IMAGE; body "{{1}} Réf. {{2}} — {{3}} — {{4}}"
 *   tifli_alert_closed     body "Alerte {{1}} : {{2}}"
 *   tifli_confirmation_code AUTHENTICATION, body "{{1}} est votre code", copy-code button (its url parameter is the code)
 *
 * @example
 *   const payload = alertTemplateMessage(config, { message, recipient, idempotencyKey });
 *   // { messaging_product: 'whatsapp', to: '+2126…', type: 'template', template: { name: 'tifli_alert', language: { code: 'fr' } … } }
 */
import { createHash } from 'node:crypto';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { EndedPublicAlert } from '../../../domain/alert/public-alert.ts';
import type { OutboundAlert, Recipient } from '../../../app/distribution/channel-port.ts';

/** The template languages Tifli's templates are approved in. */
export const TEMPLATE_LANGUAGES = ['ar', 'fr'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** 'ar-MA' → 'ar', 'fr-MA' → 'fr'; 'zgh-Tfng' → 'ar' (no Tamazight template language exists). */
export function templateLanguage(lang: AlertLanguage): TemplateLanguage {
  switch (lang) {
    case 'ar-MA':
      return 'ar';
    case 'fr-MA':
      return 'fr';
    case 'zgh-Tfng':
      return 'ar';
  }
}

export interface TextParameter {
  readonly type: 'text';
  readonly text: string;
}
export interface ImageParameter {
  readonly type: 'image';
  readonly image: { readonly link: string };
}
export type TemplateComponent =
  | { readonly type: 'header'; readonly parameters: readonly ImageParameter[] }
  | { readonly type: 'body'; readonly parameters: readonly TextParameter[] }
  | { readonly type: 'button'; readonly sub_type: 'url'; readonly index: '0'; readonly parameters: readonly TextParameter[] };

/** The body of `POST /{phone-number-id}/messages` for a template message. */
export interface TemplateMessage {
  readonly messaging_product: 'whatsapp';
  readonly recipient_type: 'individual';
  readonly to: string;
  readonly type: 'template';
  readonly template: {
    readonly name: string;
    readonly language: { readonly policy: 'deterministic'; readonly code: TemplateLanguage };
    readonly components: readonly TemplateComponent[];
  };
  /** Echoed in the status webhooks (≤ 512 characters): our idempotency key. */
  readonly biz_opaque_callback_data?: string;
}

/** Template names, from configuration. */
export interface TemplateNames {
  readonly alertTemplate: string;
  readonly closingTemplate: string;
  readonly codeTemplate: string;
}

const EXERCISE_MARK: { readonly [L in AlertLanguage]: string } = {
  'ar-MA': 'تمرين —',
  'fr-MA': 'EXERCICE —',
  // As on the public site: EXERCICE in Latin letters too, unmistakable whatever the Tamazight review finds.
  'zgh-Tfng': 'EXERCICE · ⵜⴰⵔⵎⵉⵜ —',
};

/**
 * How to stop, with the words the inbound webhook accepts (routes/webhooks/whatsapp). Tamazight shares
 * the Arabic template, so its line is the Arabic one naming the Tifinagh word as well.
 */
function stopInstruction(lang: AlertLanguage, unsubscribeUrl: string | null): string {
  switch (lang) {
    case 'fr-MA':
      return unsubscribeUrl ? `Pour ne plus recevoir ces alertes, répondez STOP ou ouvrez ${unsubscribeUrl}` : 'Pour ne plus recevoir ces alertes, répondez STOP';
    case 'ar-MA':
      return unsubscribeUrl ? `لإيقاف هذه التنبيهات أرسلوا توقف أو STOP، أو افتحوا ${unsubscribeUrl}` : 'لإيقاف هذه التنبيهات أرسلوا توقف أو STOP';
    case 'zgh-Tfng':
      return unsubscribeUrl ? `لإيقاف هذه التنبيهات أرسلوا ⵃⴱⵙ أو توقف أو STOP، أو افتحوا ${unsubscribeUrl}` : 'لإيقاف هذه التنبيهات أرسلوا ⵃⴱⵙ أو توقف أو STOP';
  }
}

/**
 * The closing words of a Cancel: thanks when the child was found (never a name), a neutral notice
 * otherwise; both ask to delete shares. Same wording as the public site's end cards
 * (http/public/site-texts.ts); the Tamazight lines share its NATIVE-SPEAKER REVIEW flag.
 */
const OUTCOME_TEXT: { readonly [L in AlertLanguage]: { readonly [O in EndedPublicAlert['outcome']]: string } } = {
  'ar-MA': {
    found: 'تم العثور على الطفل — شكرا على مساعدتكم. المرجو حذف مشاركاتكم لهذا التنبيه.',
    withdrawn: 'انتهى هذا التنبيه. شكرا على اهتمامكم. المرجو حذف مشاركاتكم لهذا التنبيه.',
    expired: 'انتهى هذا التنبيه. شكرا على اهتمامكم. المرجو حذف مشاركاتكم لهذا التنبيه.',
  },
  'fr-MA': {
    found: 'Enfant retrouvé — merci pour votre aide. Supprimez vos partages de cette alerte.',
    withdrawn: 'Cette alerte est terminée. Merci de votre attention. Supprimez vos partages de cette alerte.',
    expired: 'Cette alerte est terminée. Merci de votre attention. Supprimez vos partages de cette alerte.',
  },
  'zgh-Tfng': {
    found: 'ⵉⵜⵜⵓⴰⴼⴰ ⵓⵔⴱⴰ — ⵜⴰⵏⵎⵎⵉⵔⵜ ⵅⴼ ⵜⵡⵉⵙⵉ ⵏⵏⵓⵏ. ⴽⴽⵙⴰⵜ ⵜⵉⴱⵟⵟⵓⵜⵉⵏ ⵏⵏⵓⵏ ⵏ ⵓⵍⵖⵓ ⴰⴷ.',
    withdrawn: 'ⵉⴽⵎⵎⵍ ⵓⵍⵖⵓ ⴰⴷ. ⵜⴰⵏⵎⵎⵉⵔⵜ. ⴽⴽⵙⴰⵜ ⵜⵉⴱⵟⵟⵓⵜⵉⵏ ⵏⵏⵓⵏ ⵏ ⵓⵍⵖⵓ ⴰⴷ.',
    expired: 'ⵉⴽⵎⵎⵍ ⵓⵍⵖⵓ ⴰⴷ. ⵜⴰⵏⵎⵎⵉⵔⵜ. ⴽⴽⵙⴰⵜ ⵜⵉⴱⵟⵟⵓⵜⵉⵏ ⵏⵏⵓⵏ ⵏ ⵓⵍⵖⵓ ⴰⴷ.',
  },
};

/**
 * WhatsApp refuses parameters with line breaks, tabs or more than four spaces in a row (error 132018):
 * every run of white space becomes one space.
 */
export function templateText(text: string): TextParameter {
  return { type: 'text', text: text.replace(/\s+/gu, ' ').trim() };
}

/** biz_opaque_callback_data holds at most 512 characters: longer keys travel as their SHA-256. */
export function callbackData(idempotencyKey: string): string {
  return idempotencyKey.length <= 512 ? idempotencyKey : createHash('sha256').update(idempotencyKey).digest('hex');
}

function envelope(to: string, name: string, lang: AlertLanguage, components: readonly TemplateComponent[], idempotencyKey: string): TemplateMessage {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: { name, language: { policy: 'deterministic', code: templateLanguage(lang) }, components },
    biz_opaque_callback_data: callbackData(idempotencyKey),
  };
}

const marked = (message: OutboundAlert, lang: AlertLanguage, text: string): string => (message.exercise ? `${EXERCISE_MARK[lang]} ${text}` : text);

/** The alert (Alert or Update): square poster, short text, reference, page, how to stop. Null for an ended view. */
export function alertTemplateMessage(names: TemplateNames, message: OutboundAlert, recipient: Recipient, idempotencyKey: string): TemplateMessage | null {
  const view = message.view;
  if (view.state !== 'active') return null;
  const lang = recipient.language;
  return envelope(recipient.address, names.alertTemplate, lang, [
    { type: 'header', parameters: [{ type: 'image', image: { link: message.posterUrl(lang, 'square') } }] },
    {
      type: 'body',
      parameters: [templateText(marked(message, lang, view.texts[lang].sms70)), templateText(view.reference), templateText(message.pageUrl), templateText(stopInstruction(lang, recipient.unsubscribeUrl))],
    },
  ], idempotencyKey);
}

/** The closing message of a Cancel: the reference and the outcome (thanks when found), no image, no name. */
export function closingTemplateMessage(names: TemplateNames, message: OutboundAlert, recipient: Recipient, idempotencyKey: string): TemplateMessage {
  const lang = recipient.language;
  const view = message.view;
  // A retract normally carries the ended view; should it carry an active one, the neutral notice fits.
  const outcome = view.state === 'ended' ? view.outcome : 'withdrawn';
  return envelope(recipient.address, names.closingTemplate, lang, [
    { type: 'body', parameters: [templateText(view.reference), templateText(marked(message, lang, OUTCOME_TEXT[lang][outcome]))] },
  ], idempotencyKey);
}

/**
 * The confirmation code (an AUTHENTICATION template with a copy-code button: Meta wants the code both
 * as the body parameter and as the button's url parameter).
 */
export function codeTemplateMessage(names: TemplateNames, recipient: Recipient, code: string, idempotencyKey: string): TemplateMessage {
  return envelope(recipient.address, names.codeTemplate, recipient.language, [
    { type: 'body', parameters: [templateText(code)] },
    { type: 'button', sub_type: 'url', index: '0', parameters: [templateText(code)] },
  ], idempotencyKey);
}
