/**
 * The e-mail channel's own words (the link to the alert, the unsubscribe footer, the double opt-in
 * message). Words the public site already has (the exercise note, "zone", "reference", the found and
 * ended cards) come from http/public/site-texts.ts, so every surface says the same thing.
 *
 * Tamazight: there is no reviewed Tifinagh wording yet for the footer and the confirmation, so a
 * Tamazight reader gets those phrases in Arabic and in French, as the posters do for their ended notice
 * (poster-labels.ts). `phrase()` hides that: it returns one line per language to show.
 *
 * @example
 *   phrase('zgh-Tfng', 'unsubscribe'); // [{ lang: 'ar-MA', dir: 'rtl', text: 'إلغاء الاشتراك' }, { lang: 'fr-MA', … }]
 */
import { LANGUAGE_KEYS, type AlertLanguage, type LanguageKey } from '../../../domain/alert-text/alert-languages.ts';

export interface EmailWords {
  readonly viewAlert: string;
  readonly unsubscribe: string;
  readonly whyReceived: string;
  readonly confirmSubject: string;
  readonly confirmIntro: string;
  readonly confirmButton: string;
  readonly confirmIgnore: string;
}

export const EMAIL_TEXTS: { readonly ar: EmailWords; readonly fr: EmailWords; readonly zgh: Partial<EmailWords> } = {
  ar: {
    viewAlert: 'الاطلاع على التنبيه كاملا',
    unsubscribe: 'إلغاء الاشتراك',
    whyReceived: 'تتوصلون بهذه الرسالة لأنكم اشتركتم في تنبيهات الأطفال المختفين (طفلي مختفي) في منطقتكم.',
    confirmSubject: 'أكدوا اشتراككم في تنبيهات الأطفال المختفين',
    confirmIntro: 'طُلب اشتراك هذا العنوان في تنبيهات الأطفال المختفين (طفلي مختفي). لتأكيد الاشتراك، افتحوا الرابط التالي:',
    confirmButton: 'تأكيد الاشتراك',
    confirmIgnore: 'إذا لم تطلبوا هذا الاشتراك، تجاهلوا هذه الرسالة ولن تتوصلوا بأي تنبيه.',
  },
  fr: {
    viewAlert: 'Voir l’alerte complète',
    unsubscribe: 'Se désabonner',
    whyReceived: 'Vous recevez ce message parce que vous êtes abonné(e) aux alertes enfants disparus (Tifli) de votre zone.',
    confirmSubject: 'Confirmez votre abonnement aux alertes enfants disparus',
    confirmIntro: 'L’abonnement de cette adresse aux alertes enfants disparus (Tifli) a été demandé. Pour le confirmer, ouvrez ce lien :',
    confirmButton: 'Confirmer mon abonnement',
    confirmIgnore: 'Si vous n’avez pas fait cette demande, ignorez ce message : vous ne recevrez aucune alerte.',
  },
  zgh: {
    // ⵥⵕ "see" and ⴰⵍⵖⵓ "alert" as on the public site (site-texts.ts); awaiting the same review.
    viewAlert: 'ⵥⵕ ⴰⵍⵖⵓ',
  },
};

export interface Line {
  readonly lang: AlertLanguage;
  readonly dir: 'rtl' | 'ltr';
  readonly text: string;
}

export const directionOf = (lang: AlertLanguage): 'rtl' | 'ltr' => (lang === 'ar-MA' ? 'rtl' : 'ltr');

export const keyOf = (lang: AlertLanguage): LanguageKey => LANGUAGE_KEYS[lang];

/** A phrase in the reader's language, or in Arabic and French where Tamazight has no wording yet. */
export function phrase(lang: AlertLanguage, word: keyof EmailWords): readonly Line[] {
  const key = keyOf(lang);
  const own = key === 'zgh' ? EMAIL_TEXTS.zgh[word] : EMAIL_TEXTS[key][word];
  if (own !== undefined) return [{ lang, dir: directionOf(lang), text: own }];
  return [
    { lang: 'ar-MA', dir: 'rtl', text: EMAIL_TEXTS.ar[word] },
    { lang: 'fr-MA', dir: 'ltr', text: EMAIL_TEXTS.fr[word] },
  ];
}

/** The phrase on one line (subjects, link labels): " / " between languages. */
export const phraseText = (lang: AlertLanguage, word: keyof EmailWords): string =>
  phrase(lang, word)
    .map((l) => l.text)
    .join(' / ');

/** Every e-mail about an exercise starts so, whatever the language: it must never pass for a real alert. */
export const EXERCISE_SUBJECT_PREFIX = '[تمرين/EXERCICE]';
