/**
 * The public site's words for subscribing and unsubscribing, in Arabic, French and Tamazight, and the
 * wording of every sign-up problem (domain/subscription/subscription-problems.ts codes). The consent
 * texts themselves are versioned in domain/subscription/consent-wording.ts.
 *
 * The answers after a sign-up never say whether the address was already subscribed ("if this number
 * can receive our messages, a code has been sent"), so the pages cannot be used to test addresses.
 *
 * NATIVE-SPEAKER REVIEW NEEDED for the Tamazight (zgh) strings before production, as for
 * site-texts.ts; they reuse its words (ⴰⵍⵖⵓ, ⵜⴰⵎⵏⴰⴹⵜ, ⴰⵙⵖⵏ…) and keep numbers, "SMS", "WhatsApp"
 * and "STOP" in Latin letters.
 *
 * @example
 *   SUBSCRIPTION_TEXTS.fr.subscribeTitle;        // 'Recevoir les alertes'
 *   PROBLEM_TEXTS.ar.phone_not_mobile;           // 'أدخلوا رقم هاتف محمول: ...'
 */
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import type { SubscriptionChannel } from '../../domain/distribution/channels.ts';
import type { SubscriptionProblemCode } from '../../domain/subscription/subscription-problems.ts';
import type { SiteLanguage } from './site-language.ts';

export interface SubscriptionTexts {
  readonly subscribeTitle: string;
  readonly subscribeIntro: string;
  readonly subscribeLink: string;
  readonly noChannel: string;
  readonly channelLegend: string;
  readonly channelNames: { readonly [C in SubscriptionChannel]: string };
  readonly addressLegend: string;
  readonly emailLabel: string;
  readonly phoneLabel: string;
  readonly phoneHint: string;
  readonly pushHint: string;
  readonly areaLegend: string;
  readonly areaCircle: string;
  readonly latLabel: string;
  readonly lonLabel: string;
  readonly radiusLabel: string;
  readonly pointHint: string;
  readonly useLocation: string;
  readonly areaProvinces: string;
  readonly languagesLegend: string;
  readonly languageNames: { readonly [L in AlertLanguage]: string };
  readonly quietLegend: string;
  readonly quietStart: string;
  readonly quietEnd: string;
  readonly quietHint: string;
  readonly consentLegend: string;
  readonly consentCheck: string;
  readonly alreadyNote: string;
  readonly privacy: string;
  readonly submit: string;
  readonly errorsHeading: string;
  readonly pushUnsupported: string;
  readonly pushDenied: string;
  readonly pushFailed: string;
  readonly pushWorking: string;
  readonly pushActive: string;
  readonly codeTitle: string;
  readonly codeIntro: string;
  readonly codeLabel: string;
  readonly codeSubmit: string;
  readonly codeWrong: string;
  readonly codeExpired: string;
  readonly codeLocked: string;
  readonly codeResend: string;
  readonly emailSentTitle: string;
  readonly emailSentBody: string;
  readonly confirmLinkTitle: string;
  readonly confirmLinkBody: string;
  readonly confirmButton: string;
  readonly confirmedTitle: string;
  readonly confirmedBody: string;
  readonly linkExpiredTitle: string;
  readonly linkExpiredBody: string;
  readonly linkInvalidTitle: string;
  readonly linkInvalidBody: string;
  readonly unsubscribeTitle: string;
  readonly unsubscribeBody: string;
  readonly unsubscribeButton: string;
  readonly unsubscribedTitle: string;
  readonly unsubscribedBody: string;
  readonly tooManyTitle: string;
  readonly tooManyBody: string;
  readonly badRequestTitle: string;
  readonly badRequestBody: string;
}

const LANGUAGE_NAMES = { 'ar-MA': 'العربية', 'fr-MA': 'Français', 'zgh-Tfng': 'ⵜⴰⵎⴰⵣⵉⵖⵜ' } as const;

export const SUBSCRIPTION_TEXTS: { readonly [L in SiteLanguage]: SubscriptionTexts } = {
  ar: {
    subscribeTitle: 'تلقي التنبيهات',
    subscribeIntro: 'توصلوا بتنبيهات الأطفال المختفين في منطقتكم. الخدمة مجانية، ويمكنكم إلغاء الاشتراك في أي وقت بخطوة واحدة.',
    subscribeLink: 'تلقي التنبيهات في منطقتكم',
    noChannel: 'الاشتراك غير متاح حاليا.',
    channelLegend: 'كيف تريدون التوصل بالتنبيهات؟',
    channelNames: { email: 'البريد الإلكتروني', sms: 'رسالة قصيرة (SMS)', whatsapp: 'واتساب (WhatsApp)', webpush: 'إشعارات في هذا المتصفح' },
    addressLegend: 'عنوانكم',
    emailLabel: 'البريد الإلكتروني (للتنبيهات عبر البريد الإلكتروني)',
    phoneLabel: 'رقم الهاتف المحمول (للرسائل القصيرة أو واتساب)',
    phoneHint: 'مثال: \u206606 12 34 56 78\u2069 أو \u2066+212 6 12 34 56 78\u2069. الرسائل القصيرة: الأرقام المغربية فقط. واتساب: الأرقام الأجنبية مع رمز البلد (\u2066+33…\u2069).',
    pushHint: 'لا حاجة لعنوان: المتصفح سيطلب إذنكم.',
    areaLegend: 'لأي منطقة؟',
    areaCircle: 'حول نقطة',
    latLabel: 'خط العرض',
    lonLabel: 'خط الطول',
    radiusLabel: 'الشعاع (كلم، من 1 إلى 50)',
    pointHint: 'مثال: \u206633.5731\u2069 و \u2066-7.5898\u2069 للدار البيضاء. لا حاجة لموقع دقيق: يتم تقريبه إلى حوالي 100 متر.',
    useLocation: 'استعمال موقعي',
    areaProvinces: 'العمالات والأقاليم (12 على الأكثر)',
    languagesLegend: 'بأي لغة؟',
    languageNames: LANGUAGE_NAMES,
    quietLegend: 'ساعات الهدوء (اختياري)',
    quietStart: 'البداية',
    quietEnd: 'النهاية',
    quietHint: 'بتوقيت المغرب. خلال هذه الساعات تنتظر التنبيهات الأقل استعجالا نهاية الفترة؛ أما التنبيه الخاص بطفل في خطر داهم فقد يصل في أي ساعة.',
    consentLegend: 'الموافقة',
    consentCheck: 'قرأت النص الخاص بالوسيلة التي اخترتها وأوافق عليه.',
    alreadyNote: 'إذا كان هذا الرقم أو العنوان مشتركا من قبل، فلن يتغير شيء ولن يرسل رمز جديد. لتغيير المنطقة، ألغوا الاشتراك (الرابط في كل رسالة، أو STOP) ثم اشتركوا من جديد.',
    privacy: 'لا يستعمل عنوانكم أو رقمكم إلا لإرسال التنبيهات إليكم، ويمحى عند إلغاء الاشتراك.',
    submit: 'اشتراك',
    errorsHeading: 'المرجو تصحيح ما يلي:',
    pushUnsupported: 'هذا المتصفح لا يدعم الإشعارات.',
    pushDenied: 'الإشعارات محظورة لهذا الموقع في متصفحكم.',
    pushFailed: 'تعذر تسجيل الاشتراك. حاولوا مرة أخرى.',
    pushWorking: 'جار تفعيل الإشعارات…',
    pushActive: 'تم تفعيل الإشعارات في هذا المتصفح.',
    codeTitle: 'أدخلوا الرمز الذي توصلتم به',
    codeIntro: 'إذا كان هذا الرقم يستطيع التوصل برسائلنا، فقد أرسل إليه للتو رمز من 6 أرقام عبر رسالة قصيرة أو واتساب. الرمز صالح لمدة 15 دقيقة.',
    codeLabel: 'الرمز (6 أرقام)',
    codeSubmit: 'تأكيد',
    codeWrong: 'هذا الرمز غير صحيح. بعد 5 محاولات، يجب إعادة التسجيل.',
    codeExpired: 'انتهت صلاحية هذا الرمز. أعيدوا التسجيل للتوصل برمز جديد.',
    codeLocked: 'محاولات كثيرة. أعيدوا التسجيل للتوصل برمز جديد.',
    codeResend: 'لم تتوصلوا بالرمز؟ انتظروا دقيقة ثم أعيدوا التسجيل.',
    emailSentTitle: 'تفقدوا بريدكم الإلكتروني',
    emailSentBody: 'إذا كان هذا العنوان يستطيع التوصل برسائلنا، فقد أرسل إليه للتو رابط للتأكيد، صالح لمدة 24 ساعة. لا يبدأ الاشتراك إلا بعد التأكيد.',
    confirmLinkTitle: 'تأكيد الاشتراك',
    confirmLinkBody: 'اضغطوا على الزر لتأكيد اشتراككم في التنبيهات عبر البريد الإلكتروني.',
    confirmButton: 'تأكيد اشتراكي',
    confirmedTitle: 'تم تأكيد الاشتراك',
    confirmedBody: 'ستتوصلون بتنبيهات الأطفال المختفين في منطقتكم. تتضمن كل رسالة رابطا لإلغاء الاشتراك.',
    linkExpiredTitle: 'انتهت صلاحية الرابط',
    linkExpiredBody: 'انتهت صلاحية رابط التأكيد هذا. اشتركوا من جديد للتوصل برابط جديد.',
    linkInvalidTitle: 'الرابط غير صالح',
    linkInvalidBody: 'هذا الرابط غير صالح. تأكدوا من نسخه كاملا، أو افتحوه من الرسالة التي توصلتم بها.',
    unsubscribeTitle: 'إلغاء الاشتراك',
    unsubscribeBody: 'اضغطوا على الزر لإيقاف التنبيهات على هذا العنوان أو الرقم.',
    unsubscribeButton: 'إلغاء اشتراكي',
    unsubscribedTitle: 'تم إلغاء اشتراككم',
    unsubscribedBody: 'لن تتوصلوا بعد الآن بالتنبيهات عبر هذه الوسيلة. يمكنكم الاشتراك من جديد في أي وقت.',
    tooManyTitle: 'طلبات كثيرة',
    tooManyBody: 'انتظروا دقيقة ثم حاولوا مرة أخرى.',
    badRequestTitle: 'طلب غير صالح',
    badRequestBody: 'تعذرت قراءة الاستمارة. أعيدوا تحميل الصفحة وحاولوا مرة أخرى.',
  },
  fr: {
    subscribeTitle: 'Recevoir les alertes',
    subscribeIntro: 'Recevez les alertes enfant disparu pour votre zone. Le service est gratuit et vous pouvez vous désabonner à tout moment en une seule action.',
    subscribeLink: 'Recevoir les alertes de votre zone',
    noChannel: 'Les abonnements ne sont pas ouverts pour le moment.',
    channelLegend: 'Comment recevoir les alertes\u00a0?',
    channelNames: { email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp', webpush: 'Notifications dans ce navigateur' },
    addressLegend: 'Vos coordonnées',
    emailLabel: 'Adresse e-mail (pour les alertes par e-mail)',
    phoneLabel: 'Numéro de mobile (pour SMS ou WhatsApp)',
    phoneHint: 'Exemple\u00a0: 06 12 34 56 78 ou +212 6 12 34 56 78. SMS\u00a0: mobiles marocains seulement. WhatsApp\u00a0: numéros étrangers avec l’indicatif (+33…).',
    pushHint: 'Aucune adresse à donner\u00a0: le navigateur vous demandera l’autorisation.',
    areaLegend: 'Pour quelle zone\u00a0?',
    areaCircle: 'Autour d’un point',
    latLabel: 'Latitude',
    lonLabel: 'Longitude',
    radiusLabel: 'Rayon (km, de 1 à 50)',
    pointHint: 'Exemple\u00a0: 33.5731 et -7.5898 pour Casablanca. Inutile d’être précis\u00a0: le point est arrondi à environ 100 m.',
    useLocation: 'Utiliser ma position',
    areaProvinces: 'Préfectures et provinces (12 au plus)',
    languagesLegend: 'En quelles langues\u00a0?',
    languageNames: LANGUAGE_NAMES,
    quietLegend: 'Heures calmes (facultatif)',
    quietStart: 'Début',
    quietEnd: 'Fin',
    quietHint: 'Heure du Maroc. Pendant ces heures, les alertes les moins urgentes attendent la fin de la période\u00a0; une alerte pour un enfant en danger immédiat peut arriver à toute heure.',
    consentLegend: 'Consentement',
    consentCheck: 'J’ai lu le texte correspondant au canal choisi et je l’accepte.',
    alreadyNote: 'Si ce numéro ou cette adresse est déjà abonné, rien ne change et aucun nouveau code n’est envoyé. Pour changer de zone, désabonnez-vous (lien dans chaque message, ou STOP) puis abonnez-vous à nouveau.',
    privacy: 'Votre adresse ou votre numéro ne sert qu’à vous envoyer les alertes\u00a0; il est effacé quand vous vous désabonnez.',
    submit: 'M’abonner',
    errorsHeading: 'Corrigez les points suivants\u00a0:',
    pushUnsupported: 'Ce navigateur ne permet pas les notifications.',
    pushDenied: 'Les notifications sont bloquées pour ce site dans votre navigateur.',
    pushFailed: 'L’abonnement n’a pas pu être enregistré. Réessayez.',
    pushWorking: 'Activation des notifications…',
    pushActive: 'Les notifications sont activées dans ce navigateur.',
    codeTitle: 'Saisissez le code reçu',
    codeIntro: 'Si ce numéro peut recevoir nos messages, un code à 6 chiffres vient de lui être envoyé par SMS ou WhatsApp. Il est valable 15 minutes.',
    codeLabel: 'Code (6 chiffres)',
    codeSubmit: 'Confirmer',
    codeWrong: 'Ce code est incorrect. Après 5 essais, il faut recommencer l’inscription.',
    codeExpired: 'Ce code a expiré. Recommencez l’inscription pour en recevoir un nouveau.',
    codeLocked: 'Trop d’essais. Recommencez l’inscription pour recevoir un nouveau code.',
    codeResend: 'Pas de code reçu\u00a0? Attendez une minute puis recommencez l’inscription.',
    emailSentTitle: 'Consultez vos e-mails',
    emailSentBody: 'Si cette adresse peut recevoir nos messages, un lien de confirmation vient de lui être envoyé\u00a0; il est valable 24 heures. L’abonnement ne commence qu’après confirmation.',
    confirmLinkTitle: 'Confirmer l’abonnement',
    confirmLinkBody: 'Appuyez sur le bouton pour confirmer votre abonnement aux alertes par e-mail.',
    confirmButton: 'Confirmer mon abonnement',
    confirmedTitle: 'Abonnement confirmé',
    confirmedBody: 'Vous recevrez les alertes enfant disparu de votre zone. Chaque message contient un lien pour vous désabonner.',
    linkExpiredTitle: 'Lien expiré',
    linkExpiredBody: 'Ce lien de confirmation a expiré. Abonnez-vous à nouveau pour en recevoir un nouveau.',
    linkInvalidTitle: 'Lien non valide',
    linkInvalidBody: 'Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier, ou ouvrez-le depuis le message reçu.',
    unsubscribeTitle: 'Se désabonner',
    unsubscribeBody: 'Appuyez sur le bouton pour ne plus recevoir les alertes à cette adresse ou à ce numéro.',
    unsubscribeButton: 'Me désabonner',
    unsubscribedTitle: 'Vous êtes désabonné',
    unsubscribedBody: 'Vous ne recevrez plus d’alertes par ce canal. Vous pouvez vous abonner à nouveau à tout moment.',
    tooManyTitle: 'Trop de demandes',
    tooManyBody: 'Patientez une minute puis réessayez.',
    badRequestTitle: 'Demande non valide',
    badRequestBody: 'Le formulaire n’a pas pu être lu. Rechargez la page et réessayez.',
  },
  zgh: {
    subscribeTitle: 'ⴰⴷ ⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ',
    subscribeIntro: 'ⴰⵡⵉ ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵉ ⵜⵎⵏⴰⴹⵜ ⵏⵏⴽ. ⵜⴰⵏⴰⴼⵓⵜ ⴰⴷ ⵜⵍⵍⴰ ⵙ ⵓⴱⵍⴰ ⴰⵣⵔⴼ, ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵙⴱⴷⴷⴷ ⵎⵍⵎⵉ ⵜⵔⵉⴷ.',
    subscribeLink: 'ⴰⵡⵉ ⵉⵍⵖⵓⵜⵏ ⵏ ⵜⵎⵏⴰⴹⵜ ⵏⵏⴽ',
    noChannel: 'ⵓⵔ ⵉⵍⵍⵉ ⵓⵣⵎⵎⴻⵎ ⵖⵉⵍⴰⴷ.',
    channelLegend: 'ⵎⴰⵎⴽ ⴰⵔ ⵜⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ?',
    channelNames: { email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp', webpush: 'ⵜⴰⵙⵏⵙⵉⵜ ⴳ ⵓⵎⵙⵉⴳⵍ ⴰ' },
    addressLegend: 'ⴰⵏⵙⴰ ⵏⵏⴽ',
    emailLabel: 'E-mail (ⵉ ⵉⵍⵖⵓⵜⵏ ⵙ e-mail)',
    phoneLabel: 'ⵓⵟⵟⵓⵏ ⵏ ⵓⵏⵇⵇⴰⵍ (SMS ⵏⵖ WhatsApp)',
    phoneHint: '06 12 34 56 78 ⵏⵖ +212 6 12 34 56 78. SMS: ⵉⵎⴹⴰⵏ ⵏ ⵍⵎⵖⵔⵉⴱ ⵖⴰⵙ. WhatsApp: ⵉⵎⴹⴰⵏ ⵏ ⴱⵕⵕⴰ ⵙ +33…',
    pushHint: 'ⵓⵔ ⵜⵃⵜⴰⵊⴷ ⴰⵏⵙⴰ: ⴰⵎⵙⵉⴳⵍ ⴰⴷ ⴽ ⵉⵙⵇⵙⴰ.',
    areaLegend: 'ⵉ ⵎⴰⵜⵜⴰ ⵜⴰⵎⵏⴰⴹⵜ?',
    areaCircle: 'ⵖⵔ ⵜⵙⴳⴰ ⵏ ⵢⴰⵜ ⵜⵏⵇⵇⵉⴹⵜ',
    latLabel: 'Latitude',
    lonLabel: 'Longitude',
    radiusLabel: 'ⴰⵣⴳⵏ ⵏ ⵓⵎⵓⵔⴰⵢ (km, 1 – 50)',
    pointHint: '33.5731 ⴷ -7.5898: ⵜⴰⴷⴷⴰⵔⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ. ⵜⴰⵏⵇⵇⵉⴹⵜ ⴰⴷ ⵜⵜⵓⵙⵎⵓⵇⵇⵍ ⵙ 100 m.',
    useLocation: 'ⵙⵎⵔⵙ ⴰⴷⵖⴰⵔ ⵉⵏⵓ',
    areaProvinces: 'ⵜⵉⵎⵏⴰⴹⵉⵏ ⴷ ⵉⵇⵍⵉⵎⵏ (12 ⵖⴰⵙ)',
    languagesLegend: 'ⵙ ⵎⴰⵜⵜⴰ ⵜⵓⵜⵍⴰⵢⵜ?',
    languageNames: LANGUAGE_NAMES,
    quietLegend: 'ⵜⵉⵙⵔⴰⴳⵉⵏ ⵏ ⵜⵓⵙⵓⵏⵜ (ⵎⴽ ⵜⵔⵉⴷ)',
    quietStart: 'ⴰⵙⵏⵜⵉ',
    quietEnd: 'ⵜⵉⴳⵉⵔⴰ',
    quietHint: 'ⴰⴽⵓⴷ ⵏ ⵍⵎⵖⵔⵉⴱ. ⴳ ⵜⵉⵙⵔⴰⴳⵉⵏ ⴰⴷ, ⵉⵍⵖⵓⵜⵏ ⵓⵔ ⵉⵣⵔⵉⴱⵏ ⴰⴷ ⵔⵊⵓⵏ; ⴰⵍⵖⵓ ⵏ ⵓⵔⴱⴰ ⴳ ⵓⵙⴽⵙⵓ ⵉⵣⵎⵔ ⴰⴷ ⴷ ⵢⴰⵡⴹ ⴳ ⴽⵓ ⴰⴽⵓⴷ.',
    consentLegend: 'ⴰⵔⴹⵓ',
    consentCheck: 'ⵖⵔⵉⵖ ⴰⴹⵕⵉⵚ ⵏ ⵓⴱⵔⵉⴷ ⵍⵍⵉ ⵙⵜⵉⵖ, ⵔⴹⵉⵖ ⵙⵔⵙ.',
    alreadyNote: 'ⵎⴰⵔⴰ ⵉⴳⴰ ⵓⵟⵟⵓⵏ ⴰⴷ ⵏⵖ ⴰⵏⵙⴰ ⴰⴷ ⵉⵎⵢⴰⵔⴰⵏ, ⵓⵔ ⵉⵜⵜⴱⴷⴷⴰⵍ ⴽⵔⴰ. ⵉ ⵓⵙⵏⴼⵍ ⵏ ⵜⵎⵏⴰⴹⵜ, ⵙⴱⴷⴷ (ⴰⵙⵖⵏ ⴳ ⴽⵓ ⵜⵓⵣⵉⵏⵜ, ⵏⵖ STOP) ⵜⵓⵍⵙⴷ.',
    privacy: 'ⴰⵏⵙⴰ ⵏⵏⴽ ⵉⵜⵜⵓⵙⵎⵔⴰⵙ ⵖⴰⵙ ⵉ ⵉⵍⵖⵓⵜⵏ; ⵉⵜⵜⵓⴽⴽⴰⵙ ⵎⴰⵔⴰ ⵜⵙⴱⴷⴷⴷ.',
    submit: 'ⵣⵎⵎⴻⵎ',
    errorsHeading: 'ⵙⵖⵓⴷⵓ ⵜⵉⵣⴳⵍⵉⵏ ⴰ:',
    pushUnsupported: 'ⴰⵎⵙⵉⴳⵍ ⴰ ⵓⵔ ⵉⵙⵙⵓⵎⴰⵔ ⵜⴰⵙⵏⵙⵉⵜ.',
    pushDenied: 'ⵜⴰⵙⵏⵙⵉⵜ ⵜⵜⵓⴳⴷⵍ ⵉ ⵓⵙⵉⵜ ⴰ ⴳ ⵓⵎⵙⵉⴳⵍ ⵏⵏⴽ.',
    pushFailed: 'ⵓⵔ ⵉⵜⵜⵓⵣⵎⵎⴻⵎ. ⴰⵍⵙ ⴷⵖⵉ.',
    pushWorking: '…',
    pushActive: 'ⵜⴰⵙⵏⵙⵉⵜ ⵜⵔⵥⵎ ⴳ ⵓⵎⵙⵉⴳⵍ ⴰ.',
    codeTitle: 'ⴰⵔⵓ ⵜⴰⵏⴳⴰⵍⵜ',
    codeIntro: 'ⵎⴰⵔⴰ ⵉⵣⵎⵔ ⵓⵟⵟⵓⵏ ⴰⴷ ⴰⴷ ⵢⴰⵡⵉ ⵜⵓⵣⵉⵏⵉⵏ ⵏⵏⵖ, ⵜⵜⵓⵣⵏ ⴰⵙ ⵜⴰⵏⴳⴰⵍⵜ ⵏ 6 ⵉⵎⴹⴰⵏ ⵙ SMS ⵏⵖ WhatsApp (15 min).',
    codeLabel: 'ⵜⴰⵏⴳⴰⵍⵜ (6 ⵉⵎⴹⴰⵏ)',
    codeSubmit: 'ⵙⵏⵜⵎ',
    codeWrong: 'ⵜⴰⵏⴳⴰⵍⵜ ⴰⴷ ⵓⵔ ⵜⵖⵓⴷ. ⴷⴼⴼⵉⵔ 5 ⵜⵉⵔⵎⵉⵜⵉⵏ, ⴰⵍⵙ ⴰⵣⵎⵎⴻⵎ.',
    codeExpired: 'ⵜⴰⵏⴳⴰⵍⵜ ⴰⴷ ⵜⵎⵎⵓⵜ. ⴰⵍⵙ ⴰⵣⵎⵎⴻⵎ.',
    codeLocked: 'ⵜⵉⵔⵎⵉⵜⵉⵏ ⴳⴳⵓⵜⵏⵉⵏ. ⴰⵍⵙ ⴰⵣⵎⵎⴻⵎ.',
    codeResend: 'ⵓⵔ ⴷ ⵜⵓⵡⵉⴷ ⵜⴰⵏⴳⴰⵍⵜ? ⵔⴰⵊⵓ ⵢⴰⵜ ⵜⵓⵙⴷⵉⴷⵜ ⵜⴰⵍⵙⴷ ⴰⵣⵎⵎⴻⵎ.',
    emailSentTitle: 'ⵥⵕ e-mail ⵏⵏⴽ',
    emailSentBody: 'ⵎⴰⵔⴰ ⵉⵣⵎⵔ ⵓⵏⵙⴰ ⴰⴷ ⴰⴷ ⵢⴰⵡⵉ ⵜⵓⵣⵉⵏⵉⵏ ⵏⵏⵖ, ⵜⵜⵓⵣⵏ ⴰⵙ ⵢⴰⵏ ⵓⵙⵖⵏ ⵏ ⵓⵙⵏⵜⵎ (24 h).',
    confirmLinkTitle: 'ⵙⵏⵜⵎ ⴰⵣⵎⵎⴻⵎ',
    confirmLinkBody: 'ⵙⵏⴷ ⵖⴼ ⵜⴳⵎⵔⵜ ⵉ ⵓⵙⵏⵜⵎ ⵏ ⵓⵣⵎⵎⴻⵎ ⵏⵏⴽ ⵙ e-mail.',
    confirmButton: 'ⵙⵏⵜⵎ',
    confirmedTitle: 'ⵉⵜⵜⵓⵙⵏⵜⵎ ⵓⵣⵎⵎⴻⵎ',
    confirmedBody: 'ⴰⴷ ⴷ ⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ ⵏ ⵉⵔⴱⴰ ⵉⵊⵍⴰⵏ ⵏ ⵜⵎⵏⴰⴹⵜ ⵏⵏⴽ. ⴽⵓ ⵜⵓⵣⵉⵏⵜ ⴷⴰⵔⵙ ⴰⵙⵖⵏ ⵏ ⵓⵙⴱⴷⴷ.',
    linkExpiredTitle: 'ⴰⵙⵖⵏ ⵉⵎⵎⵓⵜ',
    linkExpiredBody: 'ⴰⵙⵖⵏ ⴰⴷ ⵉⵎⵎⵓⵜ. ⴰⵍⵙ ⴰⵣⵎⵎⴻⵎ.',
    linkInvalidTitle: 'ⴰⵙⵖⵏ ⵓⵔ ⵉⵖⵓⴷ',
    linkInvalidBody: 'ⴰⵙⵖⵏ ⴰⴷ ⵓⵔ ⵉⵖⵓⴷ. ⵕⵥⵎ ⵜ ⵙⴳ ⵜⵓⵣⵉⵏⵜ ⵍⵍⵉ ⴷ ⵜⵓⵡⵉⴷ.',
    unsubscribeTitle: 'ⴰⵙⴱⴷⴷ',
    unsubscribeBody: 'ⵙⵏⴷ ⵖⴼ ⵜⴳⵎⵔⵜ ⴰⴷ ⵓⵔ ⴷ ⵜⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ.',
    unsubscribeButton: 'ⵙⴱⴷⴷ',
    unsubscribedTitle: 'ⵜⵙⴱⴷⴷⴷ',
    unsubscribedBody: 'ⵓⵔ ⴷ ⵙⵓⵍ ⵜⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ ⵙ ⵓⴱⵔⵉⴷ ⴰ. ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⴰⵍⵙⴷ ⴰⵣⵎⵎⴻⵎ ⵎⵍⵎⵉ ⵜⵔⵉⴷ.',
    tooManyTitle: 'ⵜⵓⵜⵔⴰ ⴳⴳⵓⵜⵏⵉⵏ',
    tooManyBody: 'ⵔⴰⵊⵓ ⵢⴰⵜ ⵜⵓⵙⴷⵉⴷⵜ ⵜⴰⵍⵙⴷ.',
    badRequestTitle: 'ⵜⵓⵜⵔⴰ ⵓⵔ ⵉⵖⵓⴷⵏ',
    badRequestBody: 'ⵓⵔ ⵜⵜⵓⵖⵔⴰ ⵜⵍⵖⴰ. ⴰⵍⵙ ⴰⵙⴰⵍⴰⵢ ⵏ ⵜⴰⵙⵏⴰ.',
  },
};

export const PROBLEM_TEXTS: { readonly [L in SiteLanguage]: { readonly [C in SubscriptionProblemCode]: string } } = {
  ar: {
    channel_unknown: 'اختاروا وسيلة لتلقي التنبيهات.',
    channel_unavailable: 'هذه الوسيلة غير متاحة حاليا. اختاروا وسيلة أخرى.',
    email_invalid: 'عنوان البريد الإلكتروني غير صالح. مثال: amina@example.ma',
    phone_invalid: 'رقم الهاتف غير صالح. مثال: \u206606 12 34 56 78\u2069 أو \u2066+212 6 12 34 56 78\u2069.',
    phone_not_mobile: 'أدخلوا رقم هاتف محمول: الهاتف الثابت لا يستقبل الرسائل القصيرة ولا واتساب.',
    phone_not_moroccan: 'الرسائل القصيرة تصل إلى الأرقام المغربية فقط (06… أو 07…). للرقم الأجنبي، اختاروا واتساب.',
    push_invalid: 'لم يقدم المتصفح اشتراكا صالحا. أعيدوا المحاولة.',
    push_needs_script: 'الإشعارات في المتصفح تحتاج إلى تفعيل JavaScript. اختاروا وسيلة أخرى أو فعّلوا JavaScript.',
    area_kind: 'اختاروا المنطقة: نقطة مع شعاع، أو أقاليم.',
    lat_invalid: 'خط العرض يجب أن يكون عددا بين -90 و90.',
    lon_invalid: 'خط الطول يجب أن يكون عددا بين -180 و180.',
    point_outside_morocco: 'يجب أن تكون النقطة داخل المغرب.',
    radius_out_of_range: 'يجب أن يكون الشعاع بين 1 و50 كلم.',
    provinces_none: 'اختاروا عمالة أو إقليما واحدا على الأقل.',
    provinces_too_many: 'اختاروا 12 عمالة أو إقليما على الأكثر.',
    province_unknown: 'أحد الأقاليم المختارة غير معروف.',
    area_too_large: 'المنطقة واسعة جدا. اختاروا أقاليم أقل.',
    languages_none: 'اختاروا لغة واحدة على الأقل.',
    language_unknown: 'اللغات المتاحة: العربية، الفرنسية، الأمازيغية.',
    quiet_hours_incomplete: 'أدخلوا بداية ساعات الهدوء ونهايتها معا، أو اتركوهما فارغتين.',
    quiet_hours_invalid: 'ساعات الهدوء تكتب بصيغة HH:MM ولا تتجاوز 12 ساعة (مثال: 22:00 إلى 07:00).',
    consent_missing: 'ضعوا علامة في خانة الموافقة للاشتراك.',
    consent_outdated: 'تغير نص الموافقة. اقرؤوه من جديد ثم ضعوا العلامة.',
    form_invalid: 'تعذرت قراءة الاستمارة. أعيدوا تحميل الصفحة.',
  },
  fr: {
    channel_unknown: 'Choisissez comment recevoir les alertes.',
    channel_unavailable: 'Ce canal n’est pas disponible pour le moment. Choisissez-en un autre.',
    email_invalid: 'Cette adresse e-mail n’est pas valide. Exemple\u00a0: amina@example.ma',
    phone_invalid: 'Ce numéro n’est pas valide. Exemple\u00a0: 06 12 34 56 78 ou +212 6 12 34 56 78.',
    phone_not_mobile: 'Indiquez un numéro de mobile\u00a0: un fixe ne reçoit ni SMS ni WhatsApp.',
    phone_not_moroccan: 'Les SMS ne vont qu’aux mobiles marocains (06… ou 07…). Pour un numéro étranger, choisissez WhatsApp.',
    push_invalid: 'Le navigateur n’a pas fourni d’abonnement valide. Réessayez.',
    push_needs_script: 'Les notifications du navigateur demandent JavaScript. Choisissez un autre canal ou activez JavaScript.',
    area_kind: 'Choisissez la zone\u00a0: un point avec un rayon, ou des provinces.',
    lat_invalid: 'La latitude doit être un nombre entre -90 et 90.',
    lon_invalid: 'La longitude doit être un nombre entre -180 et 180.',
    point_outside_morocco: 'Le point doit se trouver au Maroc.',
    radius_out_of_range: 'Le rayon doit être compris entre 1 et 50 km.',
    provinces_none: 'Choisissez au moins une préfecture ou province.',
    provinces_too_many: 'Choisissez au plus 12 préfectures ou provinces.',
    province_unknown: 'Une des provinces choisies est inconnue.',
    area_too_large: 'La zone est trop grande. Choisissez moins de provinces.',
    languages_none: 'Choisissez au moins une langue.',
    language_unknown: 'Langues possibles\u00a0: arabe, français, tamazight.',
    quiet_hours_incomplete: 'Indiquez le début et la fin des heures calmes, ou laissez les deux vides.',
    quiet_hours_invalid: 'Les heures calmes s’écrivent HH:MM et durent 12 heures au plus (exemple\u00a0: 22:00 à 07:00).',
    consent_missing: 'Cochez la case de consentement pour vous abonner.',
    consent_outdated: 'Le texte de consentement a changé. Relisez-le puis cochez la case.',
    form_invalid: 'Le formulaire n’a pas pu être lu. Rechargez la page.',
  },
  zgh: {
    channel_unknown: 'ⵙⵜⵉ ⴰⴱⵔⵉⴷ ⵏ ⵉⵍⵖⵓⵜⵏ.',
    channel_unavailable: 'ⴰⴱⵔⵉⴷ ⴰⴷ ⵓⵔ ⵉⵍⵍⵉ ⵖⵉⵍⴰⴷ. ⵙⵜⵉ ⵡⴰⵢⵢⴰⴹ.',
    email_invalid: 'ⴰⵏⵙⴰ ⵏ e-mail ⵓⵔ ⵉⵖⵓⴷ. amina@example.ma',
    phone_invalid: 'ⵓⵟⵟⵓⵏ ⵓⵔ ⵉⵖⵓⴷ. 06 12 34 56 78 ⵏⵖ +212 6 12 34 56 78.',
    phone_not_mobile: 'ⴰⵔⵓ ⵓⵟⵟⵓⵏ ⵏ ⵓⵏⵇⵇⴰⵍ: ⵜⵉⵍⵉⴼⵓⵏ ⵉⵙⴱⴷⴷⵏ ⵓⵔ ⴷ ⵜⴰⵡⵉ SMS ⵏⵖ WhatsApp.',
    phone_not_moroccan: 'SMS ⵖⴰⵙ ⵉ ⵉⵎⴹⴰⵏ ⵏ ⵍⵎⵖⵔⵉⴱ (06… ⵏⵖ 07…). ⵉ ⵓⵟⵟⵓⵏ ⵏ ⴱⵕⵕⴰ, ⵙⵜⵉ WhatsApp.',
    push_invalid: 'ⴰⵎⵙⵉⴳⵍ ⵓⵔ ⴷ ⵢⵓⴼⴽⵉ ⴰⵣⵎⵎⴻⵎ ⵉⵖⵓⴷⵏ. ⴰⵍⵙ.',
    push_needs_script: 'ⵜⴰⵙⵏⵙⵉⵜ ⵏ ⵓⵎⵙⵉⴳⵍ ⵜⵔⴰ JavaScript. ⵙⵜⵉ ⴰⴱⵔⵉⴷ ⵢⴰⴹⵏ.',
    area_kind: 'ⵙⵜⵉ ⵜⴰⵎⵏⴰⴹⵜ: ⵜⴰⵏⵇⵇⵉⴹⵜ ⴷ ⵓⵣⴳⵏ ⵏ ⵓⵎⵓⵔⴰⵢ, ⵏⵖ ⵉⵇⵍⵉⵎⵏ.',
    lat_invalid: 'Latitude: ⴰⵎⴹⴰⵏ ⴳⵔ -90 ⴷ 90.',
    lon_invalid: 'Longitude: ⴰⵎⴹⴰⵏ ⴳⵔ -180 ⴷ 180.',
    point_outside_morocco: 'ⵜⴰⵏⵇⵇⵉⴹⵜ ⵉⵍⴰⵇ ⴰⴷ ⵜⵉⵍⵉ ⴳ ⵍⵎⵖⵔⵉⴱ.',
    radius_out_of_range: 'ⴰⵣⴳⵏ ⵏ ⵓⵎⵓⵔⴰⵢ: ⴳⵔ 1 ⴷ 50 km.',
    provinces_none: 'ⵙⵜⵉ ⵢⴰⵏ ⵓⵇⵍⵉⵎ ⵖ ⵓⴷⵔⵓⵙ.',
    provinces_too_many: 'ⵙⵜⵉ 12 ⵉⵇⵍⵉⵎⵏ ⵖⴰⵙ.',
    province_unknown: 'ⵢⴰⵏ ⵓⵇⵍⵉⵎ ⵓⵔ ⵜ ⵏⵙⵙⵉⵏ.',
    area_too_large: 'ⵜⴰⵎⵏⴰⴹⵜ ⵜⵎⵇⵇⵓⵔ ⴱⵣⵣⴰⴼ. ⵙⵜⵉ ⵉⵇⵍⵉⵎⵏ ⵉⴷⵔⵓⵙⵏ.',
    languages_none: 'ⵙⵜⵉ ⵢⴰⵜ ⵜⵓⵜⵍⴰⵢⵜ ⵖ ⵓⴷⵔⵓⵙ.',
    language_unknown: 'ⵜⵓⵜⵍⴰⵢⵉⵏ: ⵜⴰⵄⵕⴰⴱⵜ, ⵜⴰⴼⵔⴰⵏⵙⵉⵙⵜ, ⵜⴰⵎⴰⵣⵉⵖⵜ.',
    quiet_hours_incomplete: 'ⴰⵔⵓ ⴰⵙⵏⵜⵉ ⴷ ⵜⵉⴳⵉⵔⴰ, ⵏⵖ ⴰⵊⵊ ⵜⵏ ⵅⵡⴰⵏ.',
    quiet_hours_invalid: 'HH:MM, 12 h ⵖⴰⵙ (22:00 – 07:00).',
    consent_missing: 'ⵙⵎⵔⵙ ⵜⴰⴼⵔⴽⵉⵜ ⵏ ⵓⵔⴹⵓ.',
    consent_outdated: 'ⴰⴹⵕⵉⵚ ⵏ ⵓⵔⴹⵓ ⵉⵜⵜⵓⵙⵏⴼⵍ. ⵖⵔ ⵜ ⴷⵖⵉ.',
    form_invalid: 'ⵓⵔ ⵜⵜⵓⵖⵔⴰ ⵜⵍⵖⴰ. ⴰⵍⵙ ⴰⵙⴰⵍⴰⵢ ⵏ ⵜⴰⵙⵏⴰ.',
  },
};
