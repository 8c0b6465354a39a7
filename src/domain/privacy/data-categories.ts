/**
 * Categories of personal data, as the processing register (CNDP declaration) and the guardians' access
 * export group fields, with their names in French and Arabic. Every classified field of the platform
 * (case record, stored tables) names one of these.
 *
 * @example
 *   CATEGORY_LABELS.child_health.fr; // "Santé de l'enfant"
 */

export const DATA_CATEGORIES = [
  'child_identity',
  'child_description',
  'child_photos',
  'child_health',
  'last_seen',
  'circumstances',
  'investigation',
  'guardian',
  'guardian_consents',
  'suspect_vehicle',
  'prosecutor',
  'alert_content',
  'tip_content',
  'tipster_contact',
  'tip_photo',
  'subscriber_address',
  'subscriber_preferences',
  'subscriber_consent',
  'staff_identity',
  'staff_credentials',
  'access_log',
  'legal_hold',
  'rectification',
  'statistics',
  'technical',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface Bilingual {
  readonly fr: string;
  readonly ar: string;
}

export type RegisterLanguage = keyof Bilingual;
export const REGISTER_LANGUAGES: readonly RegisterLanguage[] = ['fr', 'ar'];
export const isRegisterLanguage = (v: string): v is RegisterLanguage => v === 'fr' || v === 'ar';

export const CATEGORY_LABELS: { readonly [C in DataCategory]: Bilingual } = {
  child_identity: { fr: "Identité de l'enfant", ar: 'هوية الطفل' },
  child_description: { fr: "Signalement de l'enfant (description physique, vêtements)", ar: 'أوصاف الطفل (الوصف الجسدي، الملابس)' },
  child_photos: { fr: "Photos de l'enfant", ar: 'صور الطفل' },
  child_health: { fr: "Santé et vulnérabilités de l'enfant", ar: 'صحة الطفل ونقاط ضعفه' },
  last_seen: { fr: 'Dernière fois vu (heure, lieu)', ar: 'آخر مرة شوهد فيها (الوقت، المكان)' },
  circumstances: { fr: 'Circonstances de la disparition', ar: 'ظروف الاختفاء' },
  investigation: { fr: "Profil d'enquête (loisirs, lieux fréquentés, amis, école, comptes en ligne)", ar: 'ملف البحث (الهوايات، الأماكن المرتادة، الأصدقاء، المدرسة، الحسابات على الإنترنت)' },
  guardian: { fr: 'Déclarant ou tuteur (identité, coordonnées, lien avec l’enfant)', ar: 'المبلِّغ أو الولي (الهوية، وسائل الاتصال، الصلة بالطفل)' },
  guardian_consents: { fr: 'Consentements du tuteur à la publication', ar: 'موافقات الولي على النشر' },
  suspect_vehicle: { fr: 'Suspect et véhicule', ar: 'المشتبه فيه والمركبة' },
  prosecutor: { fr: 'Parquet (juridiction, dossier, décision de publication)', ar: 'النيابة العامة (المحكمة، الملف، قرار النشر)' },
  alert_content: { fr: "Contenu public des alertes (versions publiées)", ar: 'المحتوى العمومي للتنبيهات (النسخ المنشورة)' },
  tip_content: { fr: 'Contenu des signalements du public (ce qui a été vu, quand, où)', ar: 'مضمون إشعارات العموم (ما شوهد، متى، أين)' },
  tipster_contact: { fr: 'Coordonnées des auteurs de signalements', ar: 'وسائل الاتصال بأصحاب الإشعارات' },
  tip_photo: { fr: 'Photos jointes aux signalements', ar: 'الصور المرفقة بالإشعارات' },
  subscriber_address: { fr: "Adresse de l'abonné (courriel, numéro, point de notification)", ar: 'عنوان المشترك (البريد الإلكتروني، الرقم، نقطة الإشعار)' },
  subscriber_preferences: { fr: "Préférences de l'abonné (zone, langues, heures calmes)", ar: 'تفضيلات المشترك (المنطقة، اللغات، ساعات الهدوء)' },
  subscriber_consent: { fr: "Consentement de l'abonné", ar: 'موافقة المشترك' },
  staff_identity: { fr: 'Identité des agents (nom, rôle, ressort)', ar: 'هوية الموظفين (الاسم، الدور، الاختصاص)' },
  staff_credentials: { fr: 'Authentifiants des agents (condensat du mot de passe, second facteur)', ar: 'بيانات تحقق الموظفين (بصمة كلمة المرور، العامل الثاني)' },
  access_log: { fr: 'Journal des accès et des actions (traçabilité)', ar: 'سجل الولوج والعمليات (التتبع)' },
  legal_hold: { fr: 'Gels de conservation (motif, auteur, date)', ar: 'تجميد الحذف (السبب، صاحبه، التاريخ)' },
  rectification: { fr: 'Historique des rectifications', ar: 'سجل التصحيحات' },
  statistics: { fr: 'Statistiques anonymes (comptages)', ar: 'إحصائيات مجهولة الهوية (أعداد)' },
  technical: { fr: 'Identifiants techniques, états et horodatages', ar: 'المعرفات التقنية والحالات والتواريخ' },
};
