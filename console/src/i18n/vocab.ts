/**
 * Labels for the codes the API speaks (roles, states, steps, channels, and the case form's closed
 * vocabularies) in Arabic and French. The form's vocabularies reuse the alert templates' own words
 * (src/domain/alert-text/vocabulary-*.ts), so the console and the published alert name a garment or
 * a colour the same way.
 *
 * @example
 *   roleLabel('prosecutor_liaison', 'fr'); // 'Liaison parquet'
 *   vocabOptions('garment', 'ar');          // [{ value: 't_shirt', label: 'قميص قصير الأكمام' }, …]
 */
import type { Lang, Role } from '../api/types.ts';
import { BUILDS, COLOURS, EYE_COLOURS, GARMENTS, HAIR_COLOURS, HAIR_LENGTHS, HAIR_TEXTURES, LANGUAGES, MARK_KINDS, ONLINE_PLATFORMS, VEHICLE_KINDS } from '../../../src/domain/case/case-record.ts';
import type { CIRCUMSTANCE_INDICATORS, CLOSURE_OUTCOMES, RELATIONS, SEXES, VULNERABILITY_INDICATORS } from '../../../src/domain/case/case-record.ts';
import { AR_BUILDS, AR_COLOURS, AR_EYE_COLOURS, AR_GARMENTS, AR_HAIR_COLOURS, AR_HAIR_LENGTHS, AR_HAIR_TEXTURES, AR_LANGUAGES, AR_MARKS, AR_VEHICLES } from '../../../src/domain/alert-text/vocabulary-ar.ts';
import { FR_BUILDS, FR_COLOURS, FR_EYE_COLOURS, FR_GARMENTS, FR_HAIR_COLOURS, FR_HAIR_LENGTHS, FR_HAIR_TEXTURES, FR_LANGUAGES, FR_MARKS, FR_VEHICLES } from '../../../src/domain/alert-text/vocabulary-fr.ts';

type Pair = { readonly ar: string; readonly fr: string };
const both = (ar: string, fr: string): Pair => ({ ar, fr });

const ROLES: Readonly<Record<Role, Pair>> = {
  officer: both('ضابط', 'Officier'),
  supervisor: both('مشرف', 'Superviseur'),
  central_command: both('غرفة القيادة المركزية', 'Commandement central'),
  prosecutor_liaison: both('ضابط الاتصال بالنيابة العامة', 'Liaison parquet'),
  communications: both('التواصل', 'Communication'),
  auditor: both('مدقق', 'Auditeur'),
  dpo: both('مسؤول حماية المعطيات', 'Délégué à la protection des données'),
  administrator: both('مسؤول النظام', 'Administrateur'),
};

const CASE_STATUSES: Readonly<Record<string, Pair>> = {
  open: both('مفتوح', 'Ouvert'),
  alert_requested: both('طلب إنذار', 'Alerte demandée'),
  alert_active: both('إنذار نشط', 'Alerte active'),
  closed: both('مغلق', 'Clos'),
};

const ALERT_STATES: Readonly<Record<string, Pair>> = {
  draft: both('مسودة', 'Brouillon'),
  awaiting_decisions: both('في انتظار القرارات', 'En attente de décisions'),
  active: both('نشط', 'Active'),
  ended: both('منتهٍ', 'Terminée'),
  refused: both('مرفوض', 'Refusée'),
};

const STEPS: Readonly<Record<string, Pair>> = {
  supervisor_check: both('تحقق المشرف', 'Contrôle du superviseur'),
  central_validation: both('مصادقة القيادة المركزية', 'Validation du commandement central'),
  prosecutor_decision: both('قرار النيابة العامة', 'Décision du parquet'),
  urgent_publication: both('نشر استعجالي', 'Publication urgente'),
  renewal: both('تمديد', 'Prolongation'),
};

const UPDATE_KINDS: Readonly<Record<string, Pair>> = {
  photo: both('صورة جديدة', 'Nouvelle photo'),
  sighting: both('مشاهدة جديدة', 'Nouveau signalement'),
  zone: both('منطقة أوسع', 'Zone élargie'),
  text: both('نص مصحح', 'Texte corrigé'),
};

const CHANNELS: Readonly<Record<string, Pair>> = {
  facebook: both('فيسبوك', 'Facebook'),
  instagram: both('إنستغرام', 'Instagram'),
  whatsapp: both('واتساب', 'WhatsApp'),
  sms: both('رسائل قصيرة', 'SMS'),
  email: both('بريد إلكتروني', 'E-mail'),
  webpush: both('إشعارات المتصفح', 'Notifications web'),
  webhook: both('شركاء الإعلام', 'Partenaires médias'),
  meta_partner: both('شريك ميتا', 'Partenaire Meta'),
  police_notice: both('إشعار الوحدات الأمنية', 'Avis aux unités de police'),
};

const DISPATCH_STATUSES: Readonly<Record<string, Pair>> = {
  queued: both('في الانتظار', 'En file'),
  sending: both('قيد الإرسال', 'Envoi en cours'),
  sent: both('أرسل', 'Envoyé'),
  partially_failed: both('فشل جزئي', 'Échec partiel'),
  failed: both('فشل', 'Échec'),
  retracted: both('سحب', 'Retiré'),
};

const CLOSURES: Readonly<Record<(typeof CLOSURE_OUTCOMES)[number], Pair>> = {
  found_safe: both('عثر عليه سالما', 'Retrouvé sain et sauf'),
  found_injured: both('عثر عليه مصابا', 'Retrouvé blessé'),
  found_deceased: both('عثر عليه متوفى', 'Retrouvé décédé'),
  returned_on_own: both('عاد من تلقاء نفسه', 'Revenu de lui-même'),
  withdrawn: both('سحب البلاغ', 'Signalement retiré'),
  other: both('أخرى', 'Autre'),
};

const pick = (table: Readonly<Record<string, Pair>>, code: string, lang: Lang) => table[code]?.[lang] ?? code;

export const roleLabel = (role: string, lang: Lang) => pick(ROLES, role, lang);
export const caseStatusLabel = (s: string, lang: Lang) => pick(CASE_STATUSES, s, lang);
export const alertStateLabel = (s: string, lang: Lang) => pick(ALERT_STATES, s, lang);
export const stepLabel = (s: string, lang: Lang) => pick(STEPS, s, lang);
export const channelLabel = (c: string, lang: Lang) => pick(CHANNELS, c, lang);
export const dispatchStatusLabel = (s: string, lang: Lang) => pick(DISPATCH_STATUSES, s, lang);
export const closureLabel = (s: string, lang: Lang) => pick(CLOSURES, s, lang);
export const updateKindLabel = (s: string, lang: Lang) => pick(UPDATE_KINDS, s, lang);
export const FOUND_OUTCOMES = ['found_safe', 'found_injured', 'found_deceased', 'returned_on_own'] as const;

// ── The case form's vocabularies ────────────────────────────────────────────────────────────────

const SEX: Readonly<Record<(typeof SEXES)[number], Pair>> = { female: both('أنثى', 'Fille'), male: both('ذكر', 'Garçon') };

const RELATION: Readonly<Record<(typeof RELATIONS)[number], Pair>> = {
  father: both('الأب', 'Père'),
  mother: both('الأم', 'Mère'),
  testamentary_guardian: both('الوصي', 'Tuteur testamentaire'),
  court_appointed_guardian: both('المقدم', 'Tuteur datif'),
  effective_carer: both('الكافل أو من يتولى الرعاية الفعلية', 'Personne ayant la garde effective'),
  other: both('أخرى', 'Autre'),
};

const CIRCUMSTANCE: Readonly<Record<(typeof CIRCUMSTANCE_INDICATORS)[number], Pair>> = {
  abduction_witnessed: both('اختطاف عاينه شاهد', 'Enlèvement constaté par un témoin'),
  abduction_suspected: both('اشتباه في اختطاف', 'Enlèvement soupçonné'),
  known_person_involved: both('تورط شخص معروف', 'Personne connue impliquée'),
  unknown_person_involved: both('تورط شخص مجهول', 'Personne inconnue impliquée'),
  vehicle_involved: both('تورط مركبة', 'Véhicule impliqué'),
  online_contact: both('تواصل مشبوه عبر الإنترنت', 'Contact suspect en ligne'),
  threat_to_life: both('خطر على الحياة أو السلامة الجسدية', 'Danger pour la vie ou l’intégrité physique'),
  earlier_runaways: both('سوابق مغادرة البيت', 'Fugues antérieures'),
};

const VULNERABILITY: Readonly<Record<(typeof VULNERABILITY_INDICATORS)[number], Pair>> = {
  medical_need: both('حاجة طبية', 'Besoin médical'),
  disability: both('إعاقة', 'Handicap'),
  family_conflict: both('نزاع عائلي', 'Conflit familial'),
  abuse_suspected: both('اشتباه في سوء المعاملة', 'Maltraitance soupçonnée'),
};

const PLATFORM: Readonly<Record<(typeof ONLINE_PLATFORMS)[number], Pair>> = Object.fromEntries(
  ONLINE_PLATFORMS.map((p) => [p, p === 'online_game' ? both('لعبة على الإنترنت', 'Jeu en ligne') : p === 'other' ? both('أخرى', 'Autre') : both(p, p[0]?.toUpperCase() + p.slice(1))]),
) as Record<(typeof ONLINE_PLATFORMS)[number], Pair>;

const fromTemplates = <C extends string>(codes: readonly C[], ar: (c: C) => string, fr: (c: C) => string): Readonly<Record<C, Pair>> =>
  Object.fromEntries(codes.map((c) => [c, both(ar(c), fr(c))])) as Record<C, Pair>;

const capital = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

const VOCABULARIES = {
  sex: SEX,
  relation: RELATION,
  circumstance: CIRCUMSTANCE,
  vulnerability: VULNERABILITY,
  platform: PLATFORM,
  build: fromTemplates(BUILDS, (c) => AR_BUILDS[c], (c) => capital(FR_BUILDS[c])),
  hairColour: fromTemplates(HAIR_COLOURS, (c) => AR_HAIR_COLOURS[c], (c) => capital(FR_HAIR_COLOURS[c])),
  hairLength: fromTemplates(HAIR_LENGTHS, (c) => AR_HAIR_LENGTHS[c], (c) => capital(FR_HAIR_LENGTHS[c])),
  hairTexture: fromTemplates(HAIR_TEXTURES, (c) => AR_HAIR_TEXTURES[c], (c) => capital(FR_HAIR_TEXTURES[c])),
  eyes: fromTemplates(EYE_COLOURS, (c) => AR_EYE_COLOURS[c], (c) => capital(FR_EYE_COLOURS[c])),
  mark: fromTemplates(MARK_KINDS, (c) => AR_MARKS[c], (c) => capital(FR_MARKS[c])),
  language: fromTemplates(LANGUAGES, (c) => AR_LANGUAGES[c], (c) => capital(FR_LANGUAGES[c])),
  garment: fromTemplates(GARMENTS, (c) => [AR_GARMENTS[c].nom, AR_GARMENTS[c].tail].filter(Boolean).join(' '), (c) => capital(FR_GARMENTS[c].noun)),
  colour: fromTemplates(COLOURS, (c) => AR_COLOURS[c].m, (c) => capital(FR_COLOURS[c].m)),
  vehicle: fromTemplates(VEHICLE_KINDS, (c) => [AR_VEHICLES[c].nom, AR_VEHICLES[c].tail].filter(Boolean).join(' '), (c) => capital(FR_VEHICLES[c].noun)),
  closure: CLOSURES,
} as const;

export type VocabularyName = keyof typeof VOCABULARIES;

export function vocabLabel(name: VocabularyName, code: string, lang: Lang): string {
  return pick(VOCABULARIES[name], code, lang);
}

export function vocabOptions(name: VocabularyName, lang: Lang): { value: string; label: string }[] {
  return Object.entries(VOCABULARIES[name] as Readonly<Record<string, Pair>>).map(([value, p]) => ({ value, label: p[lang] }));
}
