/**
 * The fixed wording of the processing register and of the access export, in French and Arabic: class
 * and role names, purposes and legal bases, headings. Everything that can change with the code (fields,
 * classes, recipients, periods, measures) is generated elsewhere from the code and the configuration;
 * only the sentences around it live here.
 *
 * @example
 *   CLASS_LABELS.sensitive.ar; // "حساس"
 */
import type { Role } from '../actor.ts';
import type { DataClass, PublicationCondition } from '../case/field-classes.ts';
import type { Bilingual } from './data-categories.ts';

export const CLASS_LABELS: { readonly [C in DataClass]: Bilingual } = {
  public: { fr: 'public', ar: 'عمومي' },
  restricted: { fr: 'restreint', ar: 'مقيد' },
  sensitive: { fr: 'sensible', ar: 'حساس' },
};

export const CLASS_MEANINGS: { readonly [C in DataClass]: Bilingual } = {
  public: { fr: 'diffusé seulement pendant une alerte active, sur les surfaces publiques et les canaux', ar: 'يُنشر فقط خلال تنبيه نشط، على الواجهات العمومية والقنوات' },
  restricted: { fr: "consulté par les agents du ressort et la salle centrale, chaque lecture journalisée avec sa finalité", ar: 'يطلع عليه موظفو الاختصاص والقاعة المركزية، مع تسجيل كل اطلاع وغايته' },
  sensitive: { fr: 'chiffré au repos avec une clé propre au dossier ; détruire la clé efface la donnée partout, sauvegardes comprises', ar: 'مشفر عند التخزين بمفتاح خاص بالملف؛ إتلاف المفتاح يمحو المعطى في كل مكان، بما فيه النسخ الاحتياطية' },
};

export const CONDITION_LABELS: { readonly [C in PublicationCondition]: Bilingual } = {
  name_consent: { fr: 'public avec le consentement du tuteur ou une décision du parquet', ar: 'عمومي بموافقة الولي أو بقرار من النيابة العامة' },
  photo_published: { fr: "public si la photo est choisie pour publication, avec consentement ou décision", ar: 'عمومية إذا اختيرت الصورة للنشر، بموافقة أو بقرار' },
  suspect_authorised: { fr: 'public sur décision autorisant la diffusion du signalement du suspect', ar: 'عمومي بقرار يأذن بنشر أوصاف المشتبه فيه' },
};

export const ROLE_LABELS: { readonly [R in Role]: Bilingual } = {
  officer: { fr: 'officiers de police chargés du dossier', ar: 'ضباط الشرطة المكلفون بالملف' },
  supervisor: { fr: 'superviseurs', ar: 'المشرفون' },
  central_command: { fr: 'salle de commandement centrale', ar: 'قاعة القيادة المركزية' },
  prosecutor_liaison: { fr: 'liaison avec le parquet', ar: 'الاتصال بالنيابة العامة' },
  communications: { fr: 'service de communication', ar: 'مصلحة التواصل' },
  auditor: { fr: 'auditeurs', ar: 'المدققون' },
  dpo: { fr: 'délégué à la protection des données', ar: 'المسؤول عن حماية المعطيات' },
  administrator: { fr: 'administrateurs', ar: 'المشرفون التقنيون' },
};

export const REGISTER_HEADINGS = {
  title: { fr: 'Registre des traitements — Tifli (« Mon enfant a disparu »)', ar: 'سجل المعالجات — طفلي مختفي' },
  intro: {
    fr: 'Registre établi pour la déclaration à la CNDP (loi 09-08). Il est généré à partir de la classification des champs dans le code et de la configuration en vigueur : il ne peut pas s’en écarter.',
    ar: 'سجل معد للتصريح لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (القانون 09-08). يُولَّد من تصنيف الحقول في الشيفرة ومن الإعدادات المعمول بها، فلا يمكن أن يحيد عنهما.',
  },
  generatedAt: { fr: 'Généré le', ar: 'تاريخ الإنشاء' },
  controller: { fr: 'Responsable du traitement', ar: 'المسؤول عن المعالجة' },
  controllerName: { fr: 'Direction générale de la sûreté nationale (DGSN), Royaume du Maroc', ar: 'المديرية العامة للأمن الوطني، المملكة المغربية' },
  classes: { fr: 'Classes de données', ar: 'أصناف المعطيات' },
  processings: { fr: 'Traitements', ar: 'المعالجات' },
  purpose: { fr: 'Finalité', ar: 'الغاية' },
  legalBasis: { fr: 'Base légale', ar: 'الأساس القانوني' },
  people: { fr: 'Personnes concernées', ar: 'الأشخاص المعنيون' },
  datasets: { fr: 'Données traitées', ar: 'المعطيات المعالجة' },
  category: { fr: 'Catégorie', ar: 'الفئة' },
  field: { fr: 'Champ', ar: 'الحقل' },
  class: { fr: 'Classe', ar: 'الصنف' },
  recipients: { fr: 'Destinataires', ar: 'المرسل إليهم' },
  internalRecipients: { fr: 'Destinataires internes (selon les règles d’accès du code)', ar: 'المرسل إليهم داخليا (حسب قواعد الولوج في الشيفرة)' },
  channelRecipients: { fr: 'Canaux de diffusion et leurs destinataires', ar: 'قنوات النشر والمرسل إليهم' },
  channel: { fr: 'Canal', ar: 'القناة' },
  recipient: { fr: 'Destinataire', ar: 'المرسل إليه' },
  country: { fr: 'Pays', ar: 'البلد' },
  receives: { fr: 'Données reçues', ar: 'المعطيات المتلقاة' },
  transfers: { fr: 'Transferts hors du Maroc (art. 43)', ar: 'النقل خارج المغرب (المادة 43)' },
  transfersNote: {
    fr: 'Les destinataires situés hors du Maroc ne reçoivent du dossier que des données de classe « public » : le contenu de la version publiée de l’alerte, jamais le dossier lui-même. Pour les canaux d’abonnement (WhatsApp, notifications du navigateur), le fournisseur reçoit en outre l’adresse que l’abonné lui a lui-même confiée pour la remise.',
    ar: 'لا يتلقى المرسل إليهم خارج المغرب من الملف إلا معطيات من صنف «عمومي»: محتوى النسخة المنشورة من التنبيه، وليس الملف نفسه أبدا. وفي قنوات الاشتراك (واتساب، إشعارات المتصفح) يتلقى المزود أيضا العنوان الذي سلمه له المشترك بنفسه من أجل التوصيل.',
  },
  retention: { fr: 'Durées de conservation', ar: 'مدد الحفظ' },
  security: { fr: 'Mesures de sécurité', ar: 'تدابير الأمن' },
  rights: { fr: 'Droits des personnes', ar: 'حقوق الأشخاص' },
  yes: { fr: 'oui', ar: 'نعم' },
  no: { fr: 'non', ar: 'لا' },
  foreign: { fr: 'Hors Maroc', ar: 'خارج المغرب' },
} as const satisfies Record<string, Bilingual>;
