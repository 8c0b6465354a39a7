/**
 * The tip intake's words on the public site, in Arabic, French and Tamazight: the photo and location
 * parts of the form, the receipt, the refusals (a wrong field, too many tips from one network, a busy
 * server, an ended alert) and every tip problem (domain/tips/tip-problems.ts codes). The form's own
 * labels are in site-texts.ts.
 *
 * NATIVE-SPEAKER REVIEW NEEDED for the Tamazight (zgh) strings before production, as for
 * site-texts.ts, whose words they reuse (ⵜⴰⵡⵍⴰⴼⵜ, ⴰⵍⵖⵓ, ⵉⵙⴰⵍⵍⵏ, ⵜⴰⵏⵎⵎⵉⵔⵜ…); numbers stay in Western digits.
 *
 * @example
 *   TIP_TEXTS.fr.receiptTitle;             // 'Merci, votre information est bien reçue'
 *   TIP_PROBLEM_TEXTS.ar.consent_required; // 'ضعوا علامة في خانة الموافقة …'
 *   waitText('fr', 540);                   // '9 minutes'
 */
import type { TipProblemCode } from '../../domain/tips/tip-problems.ts';
import type { SiteLanguage } from './site-language.ts';

export interface TipTexts {
  readonly photoLabel: string;
  readonly photoNote: string;
  readonly useLocation: string;
  readonly locationAdded: string;
  readonly locationFailed: string;
  readonly proofWorking: string;
  readonly receiptTitle: string;
  readonly receiptBody: string;
  readonly receiptReference: string;
  readonly receiptKeep: string;
  readonly backToAlert: string;
  readonly errorsHeading: string;
  readonly formTitle: string;
  readonly tooManyTitle: string;
  /** Followed by waitText(). */
  readonly tooManyBody: string;
  readonly tooManyScript: string;
  readonly busyTitle: string;
  readonly busyBody: string;
  readonly endedTitle: string;
  readonly endedBody: string;
}

export const TIP_TEXTS: { readonly [L in SiteLanguage]: TipTexts } = {
  ar: {
    photoLabel: 'صورة (اختياري)',
    photoNote: 'تُحفظ الصورة من جديد دون بياناتها المرفقة (المكان، الجهاز).',
    useLocation: 'استعمال موقعي الحالي',
    locationAdded: 'تمت إضافة موقعكم.',
    locationFailed: 'تعذر تحديد موقعكم. اكتبوا المكان.',
    proofWorking: 'جار التحقق، المرجو الانتظار…',
    receiptTitle: 'شكرا، توصلنا بمعلومتكم',
    receiptBody: 'سيطلع عليها المحققون المكلفون بالقضية.',
    receiptReference: 'مرجع إرسالكم',
    receiptKeep: 'احتفظوا بهذا المرجع: اذكروه إذا اتصلتم بالشرطة بخصوص هذه المعلومة.',
    backToAlert: 'العودة إلى الإنذار',
    errorsHeading: 'لم تُرسل معلومتكم. المرجو التحقق مما يلي:',
    formTitle: 'إرسال معلومة',
    tooManyTitle: 'إرسالات كثيرة من شبكتكم',
    tooManyBody: 'لحماية الخدمة، تُبطأ الإرسالات المتكررة من نفس الشبكة. أعيدوا المحاولة بعد',
    tooManyScript: 'إذا كان JavaScript مفعلا في متصفحكم، أعيدوا الإرسال الآن: سيتحقق المتصفح تلقائيا.',
    busyTitle: 'الخدمة مشغولة جدا',
    busyBody: 'أعيدوا الإرسال بعد لحظات. إذا كان الطفل أمامكم الآن، اتصلوا فورا بالرقم 19.',
    endedTitle: 'انتهى هذا الإنذار',
    endedBody: 'لم تعد المعلومات تُستقبل عبر هذا الإنذار. شكرا لكم. في حالة الاستعجال اتصلوا بالرقم 19.',
  },
  fr: {
    photoLabel: 'Une photo (facultatif)',
    photoNote: 'La photo est réenregistrée sans ses métadonnées (lieu, appareil).',
    useLocation: 'Utiliser ma position',
    locationAdded: 'Votre position a été ajoutée.',
    locationFailed: 'Votre position n’a pas pu être trouvée. Écrivez le lieu.',
    proofWorking: 'Vérification en cours, patientez…',
    receiptTitle: 'Merci, votre information est bien reçue',
    receiptBody: 'Les enquêteurs chargés de l’affaire vont la lire.',
    receiptReference: 'Référence de votre envoi',
    receiptKeep: 'Gardez cette référence\u00a0: citez-la si vous appelez la police au sujet de cette information.',
    backToAlert: 'Retour à l’alerte',
    errorsHeading: 'Votre information n’a pas été envoyée. Vérifiez\u00a0:',
    formTitle: 'Envoyer une information',
    tooManyTitle: 'Trop d’envois depuis votre réseau',
    tooManyBody: 'Pour protéger le service, les envois répétés depuis un même réseau sont ralentis. Réessayez dans',
    tooManyScript: 'Si JavaScript est activé dans votre navigateur, renvoyez maintenant\u00a0: il fera la vérification tout seul.',
    busyTitle: 'Le service est très sollicité',
    busyBody: 'Renvoyez dans quelques instants. Si l’enfant est devant vous maintenant, appelez immédiatement le 19.',
    endedTitle: 'Cette alerte est terminée',
    endedBody: 'Elle ne reçoit plus d’informations. Merci. En cas d’urgence, appelez le 19.',
  },
  zgh: {
    photoLabel: 'ⵜⴰⵡⵍⴰⴼⵜ (ⵎⴽ ⵜⵔⵉⴷ)',
    photoNote: 'ⵜⴰⵡⵍⴰⴼⵜ ⵜⵜⵓⵙⵊⵊⵍ ⵙ ⵓⵔ ⵉⵙⴰⵍⵍⵏ ⵏⵏⵙ (ⴰⴷⵖⴰⵔ, ⴰⵍⵍⴰⵍ).',
    useLocation: 'ⵙⵙⵎⵔⵙ ⴰⴷⵖⴰⵔ ⵉⵏⵓ',
    locationAdded: 'ⵉⵜⵜⵓⵔⵏⵓ ⵓⴷⵖⴰⵔ ⵏⵏⴽ.',
    locationFailed: 'ⵓⵔ ⵏⵓⴼⵉ ⴰⴷⵖⴰⵔ ⵏⵏⴽ. ⴰⵔⵓ ⴰⴷⵖⴰⵔ.',
    proofWorking: 'ⴰⵙⵙⵏⵇⴷ, ⵔⴰⵊⵓ…',
    receiptTitle: 'ⵜⴰⵏⵎⵎⵉⵔⵜ, ⵏⵍⴽⵎ ⵉⵙⴰⵍⵍⵏ ⵏⵏⴽ',
    receiptBody: 'ⴰⴷ ⵜⵏ ⵖⵔⵏ ⵉⴱⵓⵍⵉⵙⵏ ⵏ ⵜⵎⵙⴰⵍⵜ.',
    receiptReference: 'ⴰⵙⵖⵏ ⵏ ⵓⵣⵏ ⵏⵏⴽ',
    receiptKeep: 'ⵃⴹⵓ ⴰⵙⵖⵏ ⴰⴷ: ⵉⵏⵉ ⵜ ⵎⴰⵔⴰ ⵜⵖⵔⵉⴷ ⵉ ⵉⴱⵓⵍⵉⵙⵏ ⵅⴼ ⵉⵙⴰⵍⵍⵏ ⴰⴷ.',
    backToAlert: 'ⵓⵖⵓⵍ ⵖⵔ ⵓⵍⵖⵓ',
    errorsHeading: 'ⵓⵔ ⵉⵜⵜⵓⵣⵏ ⵉⵙⴰⵍⵍⵏ ⵏⵏⴽ. ⵥⵕ:',
    formTitle: 'ⴰⵣⵏ ⵏ ⵉⵙⴰⵍⵍⵏ',
    tooManyTitle: 'ⵜⵓⵜⵔⴰ ⴳⴳⵓⵜⵏⵉⵏ ⵙⴳ ⵓⵥⵟⵟⴰ ⵏⵏⴽ',
    tooManyBody: 'ⵉ ⵓⵃⵟⵟⵓ ⵏ ⵜⵏⴰⴼⵓⵜ, ⵜⵜⵓⵙⵏⵏⵓⵎⵎⵓⵍⵏⵜ ⵜⵓⵣⵏⵉⵏ ⵉⵜⵜⵓⵍⵙⵏ ⵙⴳ ⵢⴰⵏ ⵓⵥⵟⵟⴰ. ⴰⵍⵙ ⴷⵖⵉ ⴷⴰⵔ',
    tooManyScript: 'ⵎⴰⵔⴰ ⵉⵍⵍⴰ JavaScript ⴳ ⵓⵎⵙⵙⴰⵔⴰⵢ ⵏⵏⴽ, ⴰⵣⵏ ⴷⵖⵉ: ⴰⴷ ⵉⵙⵙⵏⵇⴷ ⵏⵉⵜⵏⵜ.',
    busyTitle: 'ⵜⴰⵏⴰⴼⵓⵜ ⵜⵙⵡⵓⵔ ⴱⵣⵣⴰⴼ',
    busyBody: 'ⴰⵍⵙ ⴷⵖⵉ ⵖⵉⵍⴰⴷ. ⵎⴰⵔⴰ ⵉⵍⵍⴰ ⵓⵔⴱⴰ ⴷⴰⵜ ⵏⵏⴽ ⵖⵉⵍⴰⴷ, ⵖⵔ 19.',
    endedTitle: 'ⵉⴽⵎⵎⵍ ⵓⵍⵖⵓ ⴰⴷ',
    endedBody: 'ⵓⵔ ⵉⵜⵜⴰⵎⵥ ⴰⵔ ⵉⵙⴰⵍⵍⵏ. ⵜⴰⵏⵎⵎⵉⵔⵜ. ⵎⴰⵔⴰ ⵉⵍⵍⴰ ⵓⵣⵔⴱ, ⵖⵔ 19.',
  },
};

export const TIP_PROBLEM_TEXTS: { readonly [L in SiteLanguage]: { readonly [C in TipProblemCode]: string } } = {
  ar: {
    seen_required: 'اكتبوا ما رأيتم.',
    too_long: 'هذا النص طويل جدا.',
    text_invalid: 'يحتوي هذا النص على رموز غير مقبولة.',
    seen_at_invalid: 'أدخلوا تاريخا ووقتا صحيحين.',
    seen_at_future: 'هذا الوقت في المستقبل.',
    seen_at_too_old: 'هذا التاريخ قديم جدا.',
    point_invalid: 'الموقع غير صالح. اكتبوا المكان بدلا منه.',
    phone_invalid: 'رقم الهاتف غير صالح.',
    consent_required: 'ضعوا علامة في خانة الموافقة على الاتصال بكم، أو احذفوا الاسم والهاتف.',
    consent_invalid: 'خانة الموافقة غير صالحة.',
    lang_invalid: 'اللغة غير معروفة.',
    version_invalid: 'أعيدوا تحميل صفحة الإنذار ثم أعيدوا الإرسال.',
    photo_invalid: 'تعذرت قراءة الصورة. أرسلوا صورة JPEG أو PNG أو WebP أو HEIC.',
    photo_too_large: 'الصورة كبيرة جدا.',
    honeypot_filled: 'اتركوا الحقل الأخير فارغا.',
    form_invalid: 'الاستمارة غير صالحة. أعيدوا تحميل الصفحة.',
  },
  fr: {
    seen_required: 'Écrivez ce que vous avez vu.',
    too_long: 'Ce texte est trop long.',
    text_invalid: 'Ce texte contient des caractères non acceptés.',
    seen_at_invalid: 'Indiquez une date et une heure valides.',
    seen_at_future: 'Cette heure est dans le futur.',
    seen_at_too_old: 'Cette date est trop ancienne.',
    point_invalid: 'La position n’est pas valide. Écrivez le lieu à la place.',
    phone_invalid: 'Ce numéro de téléphone n’est pas valide.',
    consent_required: 'Cochez la case pour accepter d’être rappelé, ou retirez le nom et le téléphone.',
    consent_invalid: 'La case d’accord n’est pas valide.',
    lang_invalid: 'Langue inconnue.',
    version_invalid: 'Rechargez la page de l’alerte, puis renvoyez.',
    photo_invalid: 'La photo n’a pas pu être lue. Envoyez une photo JPEG, PNG, WebP ou HEIC.',
    photo_too_large: 'La photo est trop grande.',
    honeypot_filled: 'Laissez le dernier champ vide.',
    form_invalid: 'Le formulaire n’est pas valide. Rechargez la page.',
  },
  zgh: {
    seen_required: 'ⴰⵔⵓ ⵎⴰⴷ ⵜⵥⵕⵉⴷ.',
    too_long: 'ⵉⵖⵣⵣⵉⴼ ⵓⴹⵕⵉⵙ ⴰⴷ ⴱⵣⵣⴰⴼ.',
    text_invalid: 'ⵍⵍⴰⵏ ⴳ ⵓⴹⵕⵉⵙ ⴰⴷ ⵉⵙⴽⴽⵉⵍⵏ ⵓⵔ ⵉⵜⵜⵓⵎⵥⵏ.',
    seen_at_invalid: 'ⴰⵔⵓ ⴰⵣⵎⵣ ⵉⵚⵃⴰⵏ.',
    seen_at_future: 'ⴰⴽⵓⴷ ⴰⴷ ⵉⵍⵍⴰ ⴳ ⵓⵏⴳⴳⴰⵔⵓ.',
    seen_at_too_old: 'ⴰⵣⵎⵣ ⴰⴷ ⵉⵇⴷⵎ ⴱⵣⵣⴰⴼ.',
    point_invalid: 'ⴰⴷⵖⴰⵔ ⵓⵔ ⵉⵚⵃⵉ. ⴰⵔⵓ ⴰⴷⵖⴰⵔ.',
    phone_invalid: 'ⵓⵟⵟⵓⵏ ⴰⴷ ⵓⵔ ⵉⵚⵃⵉ.',
    consent_required: 'ⵔⵛⵎ ⵜⴰⵙⵏⴷⵓⵇⵜ ⵏ ⵓⵔⴹⴰ, ⵏⵖ ⴽⴽⵙ ⵉⵙⵎ ⴷ ⵓⵟⵟⵓⵏ.',
    consent_invalid: 'ⵜⴰⵙⵏⴷⵓⵇⵜ ⵏ ⵓⵔⴹⴰ ⵓⵔ ⵜⵚⵃⵉ.',
    lang_invalid: 'ⵜⵓⵜⵍⴰⵢⵜ ⵓⵔ ⵜⵜⵡⴰⵙⵙⵏ.',
    version_invalid: 'ⵙⴰⵍⵉ ⴷⵖⵉ ⵜⴰⵙⵏⴰ ⵏ ⵓⵍⵖⵓ, ⴰⵣⵏ ⴷⵖⵉ.',
    photo_invalid: 'ⵓⵔ ⵜⵜⵡⴰⵖⵔ ⵜⵡⵍⴰⴼⵜ. ⴰⵣⵏ JPEG, PNG, WebP ⵏⵖ HEIC.',
    photo_too_large: 'ⵜⴰⵡⵍⴰⴼⵜ ⵜⵎⵇⵇⵓⵔ ⴱⵣⵣⴰⴼ.',
    honeypot_filled: 'ⴰⵊⵊ ⴰⵏⵙⴰ ⴰⵎⴳⴳⴰⵔⵓ ⵉⵅⵡⴰ.',
    form_invalid: 'ⵜⴰⴼⵔⵉⵡⵜ ⵓⵔ ⵜⵚⵃⵉ. ⵙⴰⵍⵉ ⴷⵖⵉ ⵜⴰⵙⵏⴰ.',
  },
};

/** "9 minutes", "9 دقائق"…: how long to wait, rounded up to the minute. */
export function waitText(lang: SiteLanguage, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  switch (lang) {
    case 'ar':
      if (minutes === 1) return 'دقيقة واحدة.';
      if (minutes === 2) return 'دقيقتين.';
      return minutes <= 10 ? `${minutes} دقائق.` : `${minutes} دقيقة.`;
    case 'fr':
      return minutes === 1 ? '1 minute.' : `${minutes} minutes.`;
    case 'zgh':
      return minutes === 1 ? 'ⵢⴰⵜ ⵜⵓⵙⴷⵉⴷⵜ.' : `${minutes} ⵜⵓⵙⴷⵉⴷⵉⵏ.`;
  }
}
