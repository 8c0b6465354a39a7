/**
 * What an SMS says, in the recipient's language. An alert (or an Update) is the version's one-segment
 * short form (sms70), the public page's URL and the unsubscribe instruction (reply STOP), one per line:
 * typically two or three segments. A Cancel is a closing line that names only the public reference
 * (found → thank you; withdrawn or expired → the alert has ended), never the child's name. Exercises
 * start with the exercise marker. The subscription's confirmation is a short line with the code.
 *
 * French fixed texts keep to the GSM 7-bit alphabet (é, à are in it; â, ê, î, ô, û and ’ are not), so
 * a French alert whose short form is GSM-7 stays GSM-7. The keyword is STOP in every language: it is
 * what operators and the subscriptions module recognise.
 *
 * NATIVE-SPEAKER REVIEW NEEDED for the Tamazight (zgh-Tfng) lines, as for the other Tamazight texts
 * (domain/alert-text/vocabulary-zgh.ts): ⴰⵣⵏ "send", ⵃⴱⵙ "stop", ⵉⵜⵜⵓⴰⴼ "was found", ⵉⴽⵎⵎⵍ "ended",
 * ⴽⵓⴷ "code" are best-known forms; ⵓⵟⵟⵓⵏ, ⴰⵍⵖⵓ, ⵜⴰⵏⵎⵎⵉⵔⵜ, ⵜⴰⵔⵎⵉⵜ are those of the public site.
 *
 * @example
 *   alertSmsText(message, 'fr-MA');
 *   // "Yasmine, 8 ans, disparue à Rabat. Appelez le 19. TM-2026-000123\nhttps://tifli.ma/alerts/K7QX2M\nRépondez STOP pour ne plus recevoir ces alertes"
 */
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { OutboundAlert } from '../../../app/distribution/channel-port.ts';

interface SmsWords {
  readonly exercise: string;
  readonly stop: string;
  found(reference: string): string;
  ended(reference: string): string;
  confirmation(code: string): string;
}

export const SMS_WORDS: { readonly [L in AlertLanguage]: SmsWords } = {
  'ar-MA': {
    exercise: 'تمرين: ',
    stop: 'لإلغاء الاشتراك أرسلوا STOP',
    found: (ref) => `تم العثور على الطفل (المرجع ${ref}). شكرا على مساعدتكم.`,
    ended: (ref) => `انتهى التنبيه (المرجع ${ref}). شكرا على اهتمامكم.`,
    confirmation: (code) => `طفلي: رمز التأكيد ${code}. لا تشاركوه مع أحد.`,
  },
  'fr-MA': {
    exercise: 'EXERCICE: ',
    stop: 'Répondez STOP pour ne plus recevoir ces alertes',
    found: (ref) => `Enfant retrouvé (réf. ${ref}). Merci pour votre aide.`,
    ended: (ref) => `Alerte ${ref} terminée. Merci de votre attention.`,
    confirmation: (code) => `Tifli: votre code de confirmation est ${code}. Ne le donnez à personne.`,
  },
  'zgh-Tfng': {
    exercise: 'ⵜⴰⵔⵎⵉⵜ · EXERCICE: ',
    stop: 'ⴰⵣⵏ STOP ⴰⴷ ⵜⵃⴱⵙⴷ ⵉⵍⵖⵓⵜⵏ',
    found: (ref) => `ⵉⵜⵜⵓⴰⴼ ⵓⵔⴱⴰ (ⵓⵟⵟⵓⵏ ${ref}). ⵜⴰⵏⵎⵎⵉⵔⵜ.`,
    ended: (ref) => `ⵉⴽⵎⵎⵍ ⵓⵍⵖⵓ (ⵓⵟⵟⵓⵏ ${ref}). ⵜⴰⵏⵎⵎⵉⵔⵜ.`,
    confirmation: (code) => `Tifli: ⴽⵓⴷ (code) ${code}`,
  },
};

/** The SMS for a delivery: the alert text for an active version, the closing line for a Cancel. */
export function alertSmsText(message: OutboundAlert, language: AlertLanguage): string {
  const words = SMS_WORDS[language];
  const view = message.view;
  const marker = message.exercise || view.exercise ? words.exercise : '';
  if (message.action === 'retract' || view.state === 'ended') {
    const found = view.state === 'ended' && view.outcome === 'found';
    return `${marker}${found ? words.found(view.reference) : words.ended(view.reference)}\n${words.stop}`;
  }
  return `${marker}${view.texts[language].sms70}\n${message.pageUrl}\n${words.stop}`;
}

export const confirmationSmsText = (code: string, language: AlertLanguage): string => SMS_WORDS[language].confirmation(code);
