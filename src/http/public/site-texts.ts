/**
 * The public site's own words (labels, headings, the tip form, the end-of-alert cards) in Arabic,
 * French and Tamazight, and the formatting of ages, times and elapsed time. The alert itself (headline,
 * description, instruction) comes from the published alert texts, not from here. Numbers use Western
 * digits in every language; times are Morocco's (Africa/Casablanca).
 *
 * NATIVE-SPEAKER REVIEW NEEDED for the Tamazight (zgh) strings before production, as for
 * src/domain/alert-text/vocabulary-zgh.ts: the words shared with the alert templates (ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ,
 * ⵖⵔ, ⵙⴳ ⵓⵏⵇⵇⴰⵍ, ⵉⵏⵉ ⵓⵟⵟⵓⵏ, ⴰⴽⵓⴷ, ⵉⵙⴳⴳⵯⴰⵙⵏ) are used as there; the others (ⴰⵍⵖⵓ "alert", ⵜⴰⵔⵎⵉⵜ
 * "exercise", ⵜⴰⵡⵍⴰⴼⵜ "photo", ⵜⴰⴽⴰⵔⴹⴰ "map", ⵜⴰⵎⵏⴰⴹⵜ "zone", ⴰⴳⵍⴰⵎ "description", ⵜⴰⵏⵎⵎⵉⵔⵜ
 * "thank you", ⵓⵙⵙⴰⵏ "days", the form labels) are best-known IRCAM forms. The exercise badge also
 * says EXERCICE in Latin letters in Tamazight, so it stays unmistakable whatever the review finds.
 *
 * @example
 *   SITE_TEXTS.fr.activeAlerts;          // 'Alertes en cours'
 *   ageText('ar', 8);                     // '8 سنوات'
 *   elapsedText('fr', seenAt, now);       // 'il y a 3 heures'
 */
import { localTime } from '../../domain/alert-text/alert-facts.ts';
import { SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';

export interface SiteTexts {
  readonly siteName: string;
  readonly tagline: string;
  readonly languageName: string;
  readonly languageSwitch: string;
  /** Between a label and its value: ': ', or ' : ' in French (with a no-break space). */
  readonly colon: string;
  readonly emergency: string;
  readonly activeAlerts: string;
  readonly noActiveAlert: string;
  readonly exercise: string;
  readonly exerciseNote: string;
  readonly name: string;
  readonly age: string;
  readonly lastSeen: string;
  readonly zone: string;
  readonly reference: string;
  readonly description: string;
  readonly actionSteps: string;
  readonly doNotIntervene: string;
  readonly callPolice: string;
  readonly fromMobile: string;
  readonly quoteReference: string;
  readonly map: string;
  readonly mapCredit: string;
  readonly noPhoto: string;
  readonly photoOf: string;
  readonly moroccoTime: string;
  readonly tipHeading: string;
  readonly tipUrgent: string;
  readonly tipSeen: string;
  readonly tipWhen: string;
  readonly tipWhere: string;
  readonly tipName: string;
  readonly tipPhone: string;
  readonly tipConsent: string;
  readonly tipPrivacy: string;
  readonly tipSend: string;
  readonly honeypot: string;
  readonly foundTitle: string;
  readonly foundBody: string;
  readonly endedTitle: string;
  readonly endedBody: string;
  readonly notFoundTitle: string;
  readonly notFoundBody: string;
  readonly errorTitle: string;
  readonly errorBody: string;
  readonly allAlerts: string;
}

export const SITE_TEXTS: { readonly [L in SiteLanguage]: SiteTexts } = {
  ar: {
    siteName: 'طفلي مختفي',
    tagline: 'تنبيهات الأطفال المختفين',
    languageName: 'العربية',
    languageSwitch: 'اللغة',
    colon: ': ',
    emergency: 'رأيتم طفلا مختفيا؟ اتصلوا بالرقم 19 (112 من الهاتف المحمول).',
    activeAlerts: 'التنبيهات الجارية',
    noActiveAlert: 'لا يوجد أي تنبيه جار في الوقت الحالي.',
    exercise: 'تمرين',
    exerciseNote: 'هذا تمرين ببيانات وهمية، وليس تنبيها حقيقيا.',
    name: 'الاسم',
    age: 'السن',
    lastSeen: 'آخر ظهور',
    zone: 'منطقة التنبيه',
    reference: 'المرجع',
    description: 'الأوصاف',
    actionSteps: 'ماذا تفعلون؟',
    doNotIntervene: 'لا تتدخلوا بأنفسكم.',
    callPolice: 'اتصلوا بالرقم',
    fromMobile: 'من الهاتف المحمول',
    quoteReference: 'اذكروا المرجع',
    map: 'خريطة منطقة التنبيه',
    mapCredit: 'الحدود: morocco-map (ODbL)',
    noPhoto: 'لا توجد صورة',
    photoOf: 'صورة الطفل',
    moroccoTime: 'بتوقيت المغرب',
    tipHeading: 'هل لديكم معلومة؟',
    tipUrgent: 'إذا كان الطفل أمامكم الآن، اتصلوا فورا بالرقم 19.',
    tipSeen: 'ماذا رأيتم؟',
    tipWhen: 'متى؟',
    tipWhere: 'أين؟',
    tipName: 'اسمكم (اختياري)',
    tipPhone: 'رقم هاتفكم (اختياري)',
    tipConsent: 'أوافق على أن تتصل بي الشرطة بخصوص هذه المعلومة.',
    tipPrivacy: 'لا يطلع على هذه المعلومات إلا المحققون المكلفون بالقضية.',
    tipSend: 'إرسال',
    honeypot: 'اتركوا هذا الحقل فارغا',
    foundTitle: 'تم العثور على الطفل — شكرا لكم',
    foundBody: 'شكرا على مساعدتكم. المرجو حذف مشاركاتكم لهذا التنبيه.',
    endedTitle: 'انتهى هذا التنبيه',
    endedBody: 'شكرا على اهتمامكم. المرجو حذف مشاركاتكم لهذا التنبيه.',
    notFoundTitle: 'هذا التنبيه غير موجود',
    notFoundBody: 'تحققوا من الرابط أو اطلعوا على التنبيهات الجارية.',
    errorTitle: 'حدث خطأ',
    errorBody: 'حاولوا مرة أخرى بعد قليل. إذا رأيتم طفلا مختفيا، اتصلوا بالرقم 19.',
    allAlerts: 'كل التنبيهات الجارية',
  },
  fr: {
    siteName: 'Tifli Moukhtafi',
    tagline: 'Alertes enfants disparus',
    languageName: 'Français',
    languageSwitch: 'Langue',
    colon: '\u00a0: ',
    emergency: 'Vous voyez un enfant disparu\u00a0? Appelez le 19 (112 depuis un mobile).',
    activeAlerts: 'Alertes en cours',
    noActiveAlert: 'Aucune alerte en cours pour le moment.',
    exercise: 'EXERCICE',
    exerciseNote: 'Ceci est un exercice avec des données fictives, pas une vraie alerte.',
    name: 'Nom',
    age: 'Âge',
    lastSeen: 'Dernière apparition',
    zone: 'Zone de l’alerte',
    reference: 'Référence',
    description: 'Signalement',
    actionSteps: 'Que faire\u00a0?',
    doNotIntervene: 'N’intervenez pas vous-même.',
    callPolice: 'Appelez le',
    fromMobile: 'depuis un mobile',
    quoteReference: 'Citez la référence',
    map: 'Carte de la zone de l’alerte',
    mapCredit: 'Limites\u00a0: morocco-map (ODbL)',
    noPhoto: 'Pas de photo',
    photoOf: 'Photo de l’enfant',
    moroccoTime: 'heure du Maroc',
    tipHeading: 'Vous avez une information\u00a0?',
    tipUrgent: 'Si l’enfant est devant vous maintenant, appelez immédiatement le 19.',
    tipSeen: 'Qu’avez-vous vu\u00a0?',
    tipWhen: 'Quand\u00a0?',
    tipWhere: 'Où\u00a0?',
    tipName: 'Votre nom (facultatif)',
    tipPhone: 'Votre téléphone (facultatif)',
    tipConsent: 'J’accepte que la police me contacte au sujet de cette information.',
    tipPrivacy: 'Seuls les enquêteurs chargés de l’affaire lisent ces informations.',
    tipSend: 'Envoyer',
    honeypot: 'Laissez ce champ vide',
    foundTitle: 'Enfant retrouvé — merci',
    foundBody: 'Merci pour votre aide. Supprimez vos partages de cette alerte.',
    endedTitle: 'Cette alerte est terminée',
    endedBody: 'Merci de votre attention. Supprimez vos partages de cette alerte.',
    notFoundTitle: 'Alerte introuvable',
    notFoundBody: 'Vérifiez le lien ou consultez les alertes en cours.',
    errorTitle: 'Une erreur est survenue',
    errorBody: 'Réessayez dans un instant. Si vous voyez un enfant disparu, appelez le 19.',
    allAlerts: 'Toutes les alertes en cours',
  },
  zgh: {
    siteName: 'Tifli Moukhtafi',
    tagline: 'ⵉⵍⵖⵓⵜⵏ ⵏ ⵓⵔⴱⴰ ⵉⵊⵍⴰⵏ',
    languageName: 'ⵜⴰⵎⴰⵣⵉⵖⵜ',
    languageSwitch: 'ⵜⵓⵜⵍⴰⵢⵜ',
    colon: ': ',
    emergency: 'ⵜⵥⵕⵉⴷ ⴰⵔⴱⴰ ⵉⵊⵍⴰⵏ? ⵖⵔ 19 (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ).',
    activeAlerts: 'ⵉⵍⵖⵓⵜⵏ ⵏ ⵖⵉⵍⴰⴷ',
    noActiveAlert: 'ⵓⵔ ⵉⵍⵍⵉ ⴽⵔⴰ ⵏ ⵓⵍⵖⵓ ⵖⵉⵍⴰⴷ.',
    exercise: 'ⵜⴰⵔⵎⵉⵜ · EXERCICE',
    exerciseNote: 'ⵜⴰⵔⵎⵉⵜ ⴰⵢⴰ, ⵙ ⵉⵙⴰⵍⵍⵏ ⵓⵔ ⵉⵍⵍⵉⵏ. ⵓⵔ ⵉⴳⵉ ⴰⵍⵖⵓ ⵏ ⵜⵉⴷⵜ.',
    name: 'ⵉⵙⵎ',
    age: 'ⵉⵙⴳⴳⵯⴰⵙⵏ',
    lastSeen: 'ⴰⴽⵓⴷ',
    zone: 'ⵜⴰⵎⵏⴰⴹⵜ',
    reference: 'ⵓⵟⵟⵓⵏ',
    description: 'ⴰⴳⵍⴰⵎ',
    actionSteps: 'ⵎⴰⴷ ⴰⴷ ⵜⴳⴳⵎ?',
    doNotIntervene: 'ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ.',
    callPolice: 'ⵖⵔ',
    fromMobile: 'ⵙⴳ ⵓⵏⵇⵇⴰⵍ',
    quoteReference: 'ⵉⵏⵉ ⵓⵟⵟⵓⵏ',
    map: 'ⵜⴰⴽⴰⵔⴹⴰ ⵏ ⵜⵎⵏⴰⴹⵜ',
    mapCredit: 'morocco-map (ODbL)',
    noPhoto: 'ⵓⵔ ⵜⵍⵍⵉ ⵜⵡⵍⴰⴼⵜ',
    photoOf: 'ⵜⴰⵡⵍⴰⴼⵜ ⵏ ⵓⵔⴱⴰ',
    moroccoTime: 'ⴰⴽⵓⴷ ⵏ ⵍⵎⵖⵔⵉⴱ',
    tipHeading: 'ⵜⵍⵍⴰ ⵖⵓⵔⴽ ⴽⵔⴰ ⵏ ⵜⵉⵙⵉⵏⵜ?',
    tipUrgent: 'ⵎⴰⵔⴰ ⵉⵍⵍⴰ ⵓⵔⴱⴰ ⴷⴰⵜ ⵏⵏⴽ ⵖⵉⵍⴰⴷ, ⵖⵔ 19.',
    tipSeen: 'ⵎⴰⴷ ⵜⵥⵕⵉⴷ?',
    tipWhen: 'ⵎⵍⵎⵉ?',
    tipWhere: 'ⵎⴰⵏⵉ?',
    tipName: 'ⵉⵙⵎ ⵏⵏⴽ (ⵎⴽ ⵜⵔⵉⴷ)',
    tipPhone: 'ⵓⵟⵟⵓⵏ ⵏ ⵜⵉⵍⵉⴼⵓⵏ (ⵎⴽ ⵜⵔⵉⴷ)',
    tipConsent: 'ⵔⴹⵉⵖ ⴰⴷ ⵉⵢⵉ ⵙⵙⵉⵡⵍⵏ ⵉⴱⵓⵍⵉⵙⵏ ⵅⴼ ⵉⵙⴰⵍⵍⵏ ⴰⴷ.',
    tipPrivacy: 'ⵉⵙⴰⵍⵍⵏ ⴰⴷ ⵓⵔ ⵜⵏ ⵉⵜⵜⵖⵔ ⴰⵍⴰ ⵉⴱⵓⵍⵉⵙⵏ ⵏ ⵜⵎⵙⴰⵍⵜ.',
    tipSend: 'ⴰⵣⵏ',
    honeypot: 'ⴰⵊⵊ ⴰⵢⴰ ⵉⵅⵡⴰ',
    foundTitle: 'ⵉⵜⵜⵓⴰⴼⴰ ⵓⵔⴱⴰ — ⵜⴰⵏⵎⵎⵉⵔⵜ',
    foundBody: 'ⵜⴰⵏⵎⵎⵉⵔⵜ ⵅⴼ ⵜⵡⵉⵙⵉ ⵏⵏⵓⵏ. ⴽⴽⵙⴰⵜ ⵜⵉⴱⵟⵟⵓⵜⵉⵏ ⵏⵏⵓⵏ ⵏ ⵓⵍⵖⵓ ⴰⴷ.',
    endedTitle: 'ⵉⴽⵎⵎⵍ ⵓⵍⵖⵓ ⴰⴷ',
    endedBody: 'ⵜⴰⵏⵎⵎⵉⵔⵜ. ⴽⴽⵙⴰⵜ ⵜⵉⴱⵟⵟⵓⵜⵉⵏ ⵏⵏⵓⵏ ⵏ ⵓⵍⵖⵓ ⴰⴷ.',
    notFoundTitle: 'ⵓⵔ ⵏⵓⴼⵉ ⴰⵍⵖⵓ ⴰⴷ',
    notFoundBody: 'ⵙⵙⵓⴷⵙ ⴰⵙⵖⵏ ⵏⵖ ⵥⵕ ⵉⵍⵖⵓⵜⵏ ⵏ ⵖⵉⵍⴰⴷ.',
    errorTitle: 'ⵜⵍⵍⴰ ⵜⵓⵣⴳⵍⵜ',
    errorBody: 'ⴰⵍⵙ ⴷⵖⵉ. ⵎⴰⵔⴰ ⵜⵥⵕⵉⴷ ⴰⵔⴱⴰ ⵉⵊⵍⴰⵏ, ⵖⵔ 19.',
    allAlerts: 'ⴰⴽⴽ ⵉⵍⵖⵓⵜⵏ ⵏ ⵖⵉⵍⴰⴷ',
  },
};

/** "8 سنوات", "8 ans", "8 ⵉⵙⴳⴳⵯⴰⵙⵏ" (as the alert templates write ages). */
export function ageText(lang: SiteLanguage, years: number): string {
  switch (lang) {
    case 'ar':
      if (years === 0) return 'أقل من سنة';
      if (years === 1) return 'سنة واحدة';
      if (years === 2) return 'سنتان';
      return years <= 10 ? `${years} سنوات` : `${years} سنة`;
    case 'fr':
      if (years === 0) return 'moins d’un an';
      return years === 1 ? '1 an' : `${years} ans`;
    case 'zgh':
      if (years === 0) return 'ⴷⴷⴰⵡ ⵏ ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ';
      return years === 1 ? 'ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ' : `${years} ⵉⵙⴳⴳⵯⴰⵙⵏ`;
  }
}

/** "11/03 10:40" in Morocco, with the year when it is not the current one. */
export function moroccoDateTime(at: Date, now: Date): string {
  const t = localTime(at, now);
  return `${t.date} ${String(t.hour).padStart(2, '0')}:${t.minute}`;
}

const relativeFormats = new Map<SiteLanguage, Intl.RelativeTimeFormat>();
function relativeFormat(lang: 'ar' | 'fr'): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(lang);
  if (!f) {
    // -u-nu-latn: Western digits whatever the platform's default for the locale.
    f = new Intl.RelativeTimeFormat(`${SITE_LANGUAGES[lang].tag}-u-nu-latn`, { numeric: 'always', style: 'long' });
    relativeFormats.set(lang, f);
  }
  return f;
}

/**
 * Time since a moment, coarse enough to stay right while a page is cached: minutes under an hour,
 * hours under two days, then days. ICU has no Tamazight wording, so Tamazight shows "3 h", "25 min",
 * "4 ⵓⵙⵙⴰⵏ".
 */
export function elapsedText(lang: SiteLanguage, since: Date, now: Date): string {
  const minutes = Math.max(1, Math.floor((now.getTime() - since.getTime()) / 60_000));
  const [value, unit] = minutes < 60 ? [minutes, 'minute' as const] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour' as const] : [Math.floor(minutes / 1440), 'day' as const];
  switch (lang) {
    case 'ar':
    case 'fr':
      return relativeFormat(lang).format(-value, unit);
    case 'zgh':
      return unit === 'minute' ? `${value} min` : unit === 'hour' ? `${value} h` : `${value} ⵓⵙⵙⴰⵏ`;
  }
}
