/**
 * The consent a citizen gives when subscribing, word for word, per channel and language, with a
 * version id. The form shows the wording of the chosen channel next to the consent box and posts its
 * version back; the stored consent record names that version, so what the person agreed to can be
 * shown later. Change a text → give it a new version (never edit a published one in place): a form
 * loaded before the change then posts the old version and is shown the new wording to read again.
 *
 * WhatsApp's Business Messaging Policy requires that the opt-in say the person agrees to receive
 * messages from the business on WhatsApp and name the business: every WhatsApp wording names the
 * DGSN and its «Tifli» service. Every wording also says how to stop (the link in each message; STOP
 * for SMS and WhatsApp).
 *
 * NATIVE-SPEAKER REVIEW NEEDED for the Tamazight (zgh) texts before production, as for
 * http/public/site-texts.ts; they keep "Tifli", "DGSN" and "STOP" in Latin letters so the service and
 * the stop word stay unmistakable whatever the review finds.
 *
 * @example
 *   CONSENT_WORDINGS.whatsapp.version;   // 'whatsapp-2026-11-v1'
 *   CONSENT_WORDINGS.whatsapp.texts.fr;  // 'J’accepte de recevoir sur WhatsApp des messages du service « Tifli » de la DGSN…'
 *   const record = consentRecord('sms', 'ar-MA', now); // stored in subscriptions.consent
 */
import type { AlertLanguage, LanguageKey } from '../alert-text/alert-languages.ts';
import type { SubscriptionChannel } from '../distribution/channels.ts';

export interface ConsentWording {
  readonly version: string;
  readonly texts: { readonly [K in LanguageKey]: string };
}

export const CONSENT_WORDINGS: { readonly [C in SubscriptionChannel]: ConsentWording } = {
  webpush: {
    version: 'webpush-2026-11-v1',
    texts: {
      ar: 'أوافق على تلقي إشعارات تنبيهات الأطفال المختفين في هذا المتصفح من خدمة «طفلي» (Tifli) التابعة للمديرية العامة للأمن الوطني (DGSN)، للمنطقة التي اخترتها. يمكنني إيقافها في أي وقت عبر رابط إلغاء الاشتراك الموجود في كل إشعار أو من إعدادات المتصفح.',
      fr: 'J’accepte de recevoir dans ce navigateur les notifications d’alerte enfant disparu du service « Tifli » de la DGSN (Direction générale de la sûreté nationale) pour la zone choisie. Je peux les arrêter à tout moment par le lien de désabonnement présent dans chaque notification ou dans les réglages du navigateur.',
      zgh: 'ⵔⴹⵉⵖ ⴰⴷ ⵉⵢⵉ ⴷ ⵜⴰⵡⵉ ⵜⴰⵙⵏⵙⵉⵜ ⴰ ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵙⴳ ⵜⵏⴰⴼⵓⵜ «Tifli» ⵏ DGSN, ⵉ ⵜⵎⵏⴰⴹⵜ ⵏⵏⵓ. ⵣⵎⵔⵖ ⴰⴷ ⵜⵏ ⵙⴱⴷⴷⵖ ⵎⵍⵎⵉ ⵔⵉⵖ ⵙ ⵓⵙⵖⵏ ⵍⵍⵉ ⵉⵍⵍⴰⵏ ⴳ ⴽⵓ ⵜⵓⵣⵉⵏⵜ.',
    },
  },
  email: {
    version: 'email-2026-11-v1',
    texts: {
      ar: 'أوافق على تلقي تنبيهات الأطفال المختفين عبر البريد الإلكتروني من خدمة «طفلي» (Tifli) التابعة للمديرية العامة للأمن الوطني (DGSN)، للمنطقة التي اخترتها. يمكنني إلغاء الاشتراك في أي وقت عبر الرابط الموجود في كل رسالة.',
      fr: 'J’accepte de recevoir par e-mail les alertes enfant disparu du service « Tifli » de la DGSN (Direction générale de la sûreté nationale) pour la zone choisie. Je peux me désabonner à tout moment par le lien présent dans chaque message.',
      zgh: 'ⵔⴹⵉⵖ ⴰⴷ ⵉⵢⵉ ⴷ ⵜⴰⵡⵉ ⵜⵓⵣⵉⵏⵜ ⵜⴰⵍⵉⴽⵜⵔⵓⵏⵉⵜ ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵙⴳ ⵜⵏⴰⴼⵓⵜ «Tifli» ⵏ DGSN, ⵉ ⵜⵎⵏⴰⴹⵜ ⵏⵏⵓ. ⵣⵎⵔⵖ ⴰⴷ ⵙⴱⴷⴷⵖ ⵎⵍⵎⵉ ⵔⵉⵖ ⵙ ⵓⵙⵖⵏ ⵍⵍⵉ ⵉⵍⵍⴰⵏ ⴳ ⴽⵓ ⵜⵓⵣⵉⵏⵜ.',
    },
  },
  sms: {
    version: 'sms-2026-11-v1',
    texts: {
      ar: 'أوافق على تلقي تنبيهات الأطفال المختفين عبر الرسائل القصيرة من خدمة «طفلي» (Tifli) التابعة للمديرية العامة للأمن الوطني (DGSN)، للمنطقة التي اخترتها. يمكنني إلغاء الاشتراك في أي وقت بالرد بكلمة STOP أو عبر الرابط الموجود في كل رسالة.',
      fr: 'J’accepte de recevoir par SMS les alertes enfant disparu du service « Tifli » de la DGSN (Direction générale de la sûreté nationale) pour la zone choisie. Je peux me désabonner à tout moment en répondant STOP ou par le lien présent dans chaque message.',
      zgh: 'ⵔⴹⵉⵖ ⴰⴷ ⵉⵢⵉ ⴷ ⵜⴰⵡⵉ SMS ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵙⴳ ⵜⵏⴰⴼⵓⵜ «Tifli» ⵏ DGSN, ⵉ ⵜⵎⵏⴰⴹⵜ ⵏⵏⵓ. ⵣⵎⵔⵖ ⴰⴷ ⵙⴱⴷⴷⵖ ⵎⵍⵎⵉ ⵔⵉⵖ ⵙ STOP ⵏⵖ ⵙ ⵓⵙⵖⵏ ⵍⵍⵉ ⵉⵍⵍⴰⵏ ⴳ ⴽⵓ ⵜⵓⵣⵉⵏⵜ.',
    },
  },
  whatsapp: {
    version: 'whatsapp-2026-11-v1',
    texts: {
      ar: 'أوافق على تلقي رسائل على واتساب (WhatsApp) من خدمة «طفلي» (Tifli) التابعة للمديرية العامة للأمن الوطني (DGSN): تنبيهات الأطفال المختفين للمنطقة التي اخترتها ورموز التأكيد. يمكنني إلغاء الاشتراك في أي وقت بالرد بكلمة STOP أو عبر الرابط الموجود في كل رسالة.',
      fr: 'J’accepte de recevoir sur WhatsApp des messages du service « Tifli » de la DGSN (Direction générale de la sûreté nationale) : les alertes enfant disparu pour la zone choisie et les codes de confirmation. Je peux me désabonner à tout moment en répondant STOP ou par le lien présent dans chaque message.',
      zgh: 'ⵔⴹⵉⵖ ⴰⴷ ⴷ ⵜⵜⴰⵡⵉⵖ ⴳ WhatsApp ⵜⵓⵣⵉⵏⵉⵏ ⵙⴳ ⵜⵏⴰⴼⵓⵜ «Tifli» ⵏ DGSN: ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵉ ⵜⵎⵏⴰⴹⵜ ⵏⵏⵓ ⴷ ⵉⵏⴰⵎⴰⵍⵏ ⵏ ⵓⵙⵏⵜⵎ. ⵣⵎⵔⵖ ⴰⴷ ⵙⴱⴷⴷⵖ ⵎⵍⵎⵉ ⵔⵉⵖ ⵙ STOP ⵏⵖ ⵙ ⵓⵙⵖⵏ ⵍⵍⵉ ⵉⵍⵍⴰⵏ ⴳ ⴽⵓ ⵜⵓⵣⵉⵏⵜ.',
    },
  },
};

/** What subscriptions.consent holds: when, on which channel, which wording, in which language it was read. */
export interface ConsentRecord {
  /** ISO 8601 instant. */
  readonly at: string;
  readonly channel: SubscriptionChannel;
  readonly wordingVersion: string;
  readonly language: AlertLanguage;
}

export function consentRecord(channel: SubscriptionChannel, language: AlertLanguage, at: Date): ConsentRecord {
  return { at: at.toISOString(), channel, wordingVersion: CONSENT_WORDINGS[channel].version, language };
}

/** True when the version the form showed is the channel's current wording. */
export const isCurrentWording = (channel: SubscriptionChannel, version: string | undefined): boolean => version === CONSENT_WORDINGS[channel].version;
