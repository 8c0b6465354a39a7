/**
 * The parts of the processing register that follow from the code's rules and the configuration rather
 * than from field classes: the processings (purposes and the datasets serving each), the internal
 * recipients (who may read what, from the policy rules), the retention periods and the security
 * measures (from the configured values), and the people's rights with how they are exercised.
 *
 * @example
 *   registerRetention({ restrictedMonths: 12, tipsMonths: 6, pendingSubscriptionDays: 7 });
 *   internalRecipients(); // roles from POLICY_RULES['case.read_full'], ['audit.read'], …
 */
import type { Role } from '../actor.ts';
import { POLICY_RULES, type PolicyRule } from '../policy/rules.ts';
import type { Bilingual } from './data-categories.ts';
import type { InternalRecipientInput, ProcessingInput } from './processing-register.ts';
import { effectiveTipsMonths } from './retention-rules.ts';
import { ROLE_LABELS } from './register-texts.ts';

const LEGAL_MISSION: Bilingual = {
  fr: "Mission de service public de la DGSN (recherche des mineurs disparus, sous le contrôle du parquet) ; loi 09-08, art. 4",
  ar: 'مهمة المرفق العام للمديرية العامة للأمن الوطني (البحث عن القاصرين المختفين تحت إشراف النيابة العامة)؛ القانون 09-08، المادة 4',
};
const CONSENT: Bilingual = { fr: 'Consentement de la personne (loi 09-08, art. 4)', ar: 'موافقة الشخص المعني (القانون 09-08، المادة 4)' };

export const PROCESSINGS: readonly ProcessingInput[] = [
  {
    id: 'missing_child_search',
    purpose: {
      fr: "Rechercher un mineur disparu dans des circonstances inquiétantes : dossier, évaluation, décisions d'alerte, photos, gels et rectifications",
      ar: 'البحث عن قاصر اختفى في ظروف مقلقة: الملف، التقييم، قرارات التنبيه، الصور، التجميد والتصحيحات',
    },
    legalBasis: LEGAL_MISSION,
    people: { fr: "L'enfant disparu, son tuteur ou le déclarant, ses proches cités, un éventuel suspect", ar: 'الطفل المختفي، وليه أو المبلِّغ، أقاربه المذكورون، ومشتبه فيه محتمل' },
    datasets: ['case_record', 'cases', 'case_events', 'photos', 'data_keys', 'alerts', 'alert_decisions', 'legal_holds', 'rectifications'],
  },
  {
    id: 'public_alerts',
    purpose: { fr: 'Alerter le public dans la zone de la disparition, pendant une durée limitée', ar: 'تنبيه العموم في منطقة الاختفاء لمدة محدودة' },
    legalBasis: LEGAL_MISSION,
    people: { fr: "L'enfant disparu (données publiques seulement)", ar: 'الطفل المختفي (المعطيات العمومية فقط)' },
    datasets: ['alert_versions', 'police_notices', 'dispatches', 'deliveries'],
  },
  {
    id: 'tips',
    purpose: { fr: 'Recevoir et trier les signalements du public, des médias partenaires et des unités de police', ar: 'تلقي وفرز إشعارات العموم ووسائل الإعلام الشريكة ووحدات الشرطة' },
    legalBasis: LEGAL_MISSION,
    people: { fr: 'Auteurs de signalements (coordonnées facultatives, avec leur accord)', ar: 'أصحاب الإشعارات (وسائل اتصال اختيارية، بموافقتهم)' },
    datasets: ['tips', 'tip_photos', 'tip_status_history', 'officer_notifications'],
  },
  {
    id: 'subscriptions',
    purpose: { fr: 'Envoyer les alertes aux citoyens abonnés pour une zone', ar: 'إرسال التنبيهات إلى المواطنين المشتركين في منطقة' },
    legalBasis: CONSENT,
    people: { fr: 'Citoyens abonnés', ar: 'المواطنون المشتركون' },
    datasets: ['subscriptions', 'subscription_cells'],
  },
  {
    id: 'staff_access',
    purpose: { fr: 'Gérer les accès des agents et tracer chaque action et chaque lecture de données restreintes', ar: 'تدبير ولوج الموظفين وتتبع كل عملية وكل اطلاع على معطيات مقيدة' },
    legalBasis: { fr: 'Obligation de sécurité (loi 09-08, art. 23)', ar: 'واجب الأمن (القانون 09-08، المادة 23)' },
    people: { fr: 'Agents habilités', ar: 'الموظفون المؤهلون' },
    datasets: ['users', 'sessions', 'api_tokens', 'enrolments', 'audit_log'],
  },
  {
    id: 'statistics',
    purpose: { fr: 'Statistiques anonymes après la purge (région, tranche d’âge, issue, délai de découverte)', ar: 'إحصائيات مجهولة الهوية بعد الحذف (الجهة، الفئة العمرية، المآل، مدة العثور)' },
    legalBasis: { fr: 'Données anonymes (hors du champ de la loi 09-08) ; conservation soumise à autorisation', ar: 'معطيات مجهولة الهوية (خارج نطاق القانون 09-08)؛ الحفظ رهين بالإذن' },
    people: { fr: 'Aucune (comptages sans identifiant)', ar: 'لا أحد (أعداد بدون معرف)' },
    datasets: ['retention_statistics', 'retention_progress'],
  },
];

const rules = POLICY_RULES as Readonly<Record<string, PolicyRule>>;
const rolesOf = (...actions: string[]): Role[] => [...new Set(actions.flatMap((a) => rules[a]?.roles ?? []))];
const rolesWithPrefix = (prefix: string): Role[] => rolesOf(...Object.keys(rules).filter((a) => a.startsWith(prefix) && rules[a]?.public !== true));

/** Who inside may read what: the roles the policy rules grant, so the register follows the code's access rules. */
export function internalRecipients(): InternalRecipientInput[] {
  const entries: InternalRecipientInput[] = [
    { data: { fr: 'Dossier complet (classes restreint et sensible), chaque lecture journalisée avec sa finalité', ar: 'الملف كاملا (الصنفان المقيد والحساس)، مع تسجيل كل اطلاع وغايته' }, roles: rolesOf('case.read_full', 'privacy.access_export') },
    { data: { fr: 'Résumé public du dossier', ar: 'الملخص العمومي للملف' }, roles: rolesOf('case.read_summary') },
    { data: { fr: 'Signalements du public', ar: 'إشعارات العموم' }, roles: rolesWithPrefix('tip.') },
    { data: { fr: 'Gels de conservation', ar: 'تجميد الحذف' }, roles: rolesOf('privacy.legal_hold') },
    { data: { fr: "Journal d'audit", ar: 'سجل التدقيق' }, roles: rolesOf('audit.read') },
    { data: { fr: 'Comptes des agents', ar: 'حسابات الموظفين' }, roles: rolesOf('user.list') },
    { data: { fr: 'Statistiques anonymes', ar: 'الإحصائيات المجهولة' }, roles: rolesOf('privacy.statistics') },
  ];
  return entries.filter((e) => e.roles.length > 0);
}

export interface RetentionFacts {
  readonly restrictedMonths: number;
  readonly tipsMonths: number;
  /** Unconfirmed sign-ups are deleted after this many days (app/subscriptions/subscription-maintenance.ts). */
  readonly pendingSubscriptionDays: number;
}

const months = (n: number): Bilingual => ({ fr: `${n} mois après la clôture du dossier`, ar: `${n} شهرا بعد إغلاق الملف` });

export function registerRetention(f: RetentionFacts): { readonly what: Bilingual; readonly period: Bilingual }[] {
  const tips = effectiveTipsMonths(f);
  return [
    {
      what: { fr: 'Données publiques (surfaces publiques, canaux)', ar: 'المعطيات العمومية (الواجهات العمومية، القنوات)' },
      period: {
        fr: "Pendant l'alerte active seulement ; retirées à la fin de l'alerte (annulation diffusée sur chaque canal), versions publiées expurgées à la purge du dossier",
        ar: 'خلال التنبيه النشط فقط؛ تُسحب عند انتهاء التنبيه (إلغاء يُبث على كل قناة)، وتُنقح النسخ المنشورة عند حذف الملف',
      },
    },
    { what: { fr: 'Données restreintes du dossier, photos, historique, décisions (motifs)', ar: 'المعطيات المقيدة للملف، الصور، السجل، القرارات (الأسباب)' }, period: { fr: `${months(f.restrictedMonths).fr}, sauf gel de conservation enregistré (motif, auteur, date)`, ar: `${months(f.restrictedMonths).ar}، ما لم يُسجل تجميد للحذف (السبب، صاحبه، التاريخ)` } },
    {
      what: { fr: 'Données sensibles du dossier', ar: 'المعطيات الحساسة للملف' },
      period: { fr: `${months(f.restrictedMonths).fr} : destruction de la clé du dossier (effacement cryptographique, sauvegardes comprises)`, ar: `${months(f.restrictedMonths).ar}: إتلاف مفتاح الملف (محو تشفيري، بما فيه النسخ الاحتياطية)` },
    },
    { what: { fr: 'Signalements du public et coordonnées de leurs auteurs', ar: 'إشعارات العموم ووسائل الاتصال بأصحابها' }, period: months(tips) },
    { what: { fr: 'Inscriptions non confirmées', ar: 'الاشتراكات غير المؤكدة' }, period: { fr: `${f.pendingSubscriptionDays} jours`, ar: `${f.pendingSubscriptionDays} أيام` } },
    {
      what: { fr: 'Abonnements', ar: 'الاشتراكات' },
      period: { fr: "Jusqu'au désabonnement ; l'adresse est alors effacée aussitôt, seule la preuve du consentement reste", ar: 'إلى حين إلغاء الاشتراك؛ يُمحى العنوان حينها فورا ولا يبقى إلا إثبات الموافقة' },
    },
    { what: { fr: "Comptes des agents", ar: 'حسابات الموظفين' }, period: { fr: "Pendant l'habilitation ; compte désactivé conservé pour la traçabilité", ar: 'طوال مدة التأهيل؛ يُحتفظ بالحساب المعطل لأغراض التتبع' } },
    {
      what: { fr: "Journal d'audit", ar: 'سجل التدقيق' },
      period: { fr: 'Conservé en ajout seul (identifiants et noms de champs, jamais de valeur du dossier)', ar: 'يُحفظ بالإضافة فقط (معرفات وأسماء حقول، دون أي قيمة من الملف)' },
    },
    { what: { fr: 'Statistiques anonymes', ar: 'الإحصائيات المجهولة' }, period: { fr: 'Sans limite (aucune donnée personnelle)', ar: 'بدون حد (لا معطيات شخصية)' } },
  ];
}

export interface SecurityFacts {
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly loginMaxAttempts: number;
  readonly lockoutMinutes: number;
  readonly secondFactorRoles: readonly Role[];
}

export function registerSecurity(f: SecurityFacts): Bilingual[] {
  return [
    { fr: 'Données sensibles chiffrées au repos (AES-256-GCM) sous une clé par dossier, elle-même scellée sous une clé maîtresse ; rotation des clés maîtresses (`tifli keys rotate`)', ar: 'تشفير المعطيات الحساسة عند التخزين (AES-256-GCM) بمفتاح لكل ملف، مختوم بدوره بمفتاح رئيسي؛ تدوير المفاتيح الرئيسية' },
    { fr: 'Effacement cryptographique : détruire la clé du dossier rend ses données sensibles illisibles partout, sauvegardes comprises', ar: 'المحو التشفيري: إتلاف مفتاح الملف يجعل معطياته الحساسة غير مقروءة في كل مكان، بما فيه النسخ الاحتياطية' },
    { fr: 'Photos non publiables stockées chiffrées sous la clé du dossier', ar: 'الصور غير القابلة للنشر مخزنة مشفرة بمفتاح الملف' },
    { fr: "Contrôle d'accès par rôle et par ressort territorial ; chaque lecture de données restreintes journalisée avec sa finalité", ar: 'مراقبة الولوج حسب الدور والاختصاص الترابي؛ تسجيل كل اطلاع على معطيات مقيدة مع غايته' },
    {
      fr: `Second facteur (TOTP) obligatoire pour : ${f.secondFactorRoles.map((r) => ROLE_LABELS[r].fr).join(', ')} ; verrouillage après ${f.loginMaxAttempts} échecs pendant ${f.lockoutMinutes} min`,
      ar: `العامل الثاني (TOTP) إلزامي لـ: ${f.secondFactorRoles.map((r) => ROLE_LABELS[r].ar).join('، ')}؛ القفل بعد ${f.loginMaxAttempts} محاولات فاشلة لمدة ${f.lockoutMinutes} دقيقة`,
    },
    { fr: `Sessions expirées après ${f.sessionIdleMinutes} min d'inactivité et ${f.sessionMaxHours} h au plus`, ar: `انتهاء الجلسات بعد ${f.sessionIdleMinutes} دقيقة من عدم النشاط و${f.sessionMaxHours} ساعة على الأكثر` },
    { fr: "Journal d'audit en ajout seul, chaîné par empreintes (refus des modifications par la base elle-même)", ar: 'سجل تدقيق بالإضافة فقط، مسلسل بالبصمات (ترفض قاعدة المعطيات نفسها أي تعديل)' },
    { fr: 'Versions publiées des alertes immuables, sauf expurgation à sens unique lors de la purge', ar: 'النسخ المنشورة من التنبيهات غير قابلة للتعديل، باستثناء التنقيح في اتجاه واحد عند الحذف' },
    { fr: 'Canaux de diffusion alimentés par le seul contenu public de la version publiée', ar: 'قنوات النشر تتغذى فقط من المحتوى العمومي للنسخة المنشورة' },
    { fr: 'Aucune valeur restreinte ou sensible dans les journaux techniques ni dans les messages d’erreur', ar: 'لا قيمة مقيدة أو حساسة في السجلات التقنية ولا في رسائل الخطأ' },
  ];
}

export const REGISTER_RIGHTS: readonly Bilingual[] = [
  {
    fr: "Accès : sur demande du tuteur, le délégué à la protection des données ou l'officier du dossier produit l'export de tout ce qui est détenu sur l'enfant et sur le tuteur (`tifli requests access`, `POST /api/cases/{id}/access-export`), journalisé",
    ar: 'الولوج: بطلب من الولي، يُعِد المسؤول عن حماية المعطيات أو ضابط الملف تصديرا لكل ما هو محفوظ عن الطفل والولي، مع التسجيل في السجل',
  },
  {
    fr: 'Rectification : chaque correction est enregistrée avec son historique (ancienne et nouvelle valeur, auteur, date, motif) (`tifli requests rectify`, `POST /api/cases/{id}/rectifications`)',
    ar: 'التصحيح: يُسجل كل تصحيح مع تاريخه (القيمة القديمة والجديدة، صاحبه، التاريخ، السبب)',
  },
  { fr: "Opposition et retrait : le tuteur peut retirer son consentement à la publication ; l'alerte est alors mise à jour ou retirée", ar: 'الاعتراض والسحب: يمكن للولي سحب موافقته على النشر؛ فيُحيَّن التنبيه أو يُسحب' },
  { fr: 'Abonnés : désabonnement en une action (lien, STOP), adresse effacée aussitôt', ar: 'المشتركون: إلغاء الاشتراك بخطوة واحدة (رابط، STOP)، ويُمحى العنوان فورا' },
];
