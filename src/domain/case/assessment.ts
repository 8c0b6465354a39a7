/**
 * The activation assessment: from the facts of a case, whether it meets each criterion for a public
 * alert (a minor; worrying or suspicious circumstances; enough description; consent or a prosecutor's
 * decision; publishing does not endanger the child), why, and how urgent the case is. An officer may
 * override the outcome with a written reason; the computed result is kept next to the override.
 *
 * Reason texts carry no personal value, so an assessment may be stored in the audit log as is.
 *
 * @example
 *   const a = assessCase(record, now, { publishingEndangersChild: false });
 *   if (!a.eligible) a.criteria.description.reason.fr; // "Signalement insuffisant : …"
 *   const o = overrideAssessment(a, { by: actor.id, reason: 'Témoin direct entendu par téléphone.' }, now);
 */
import { AppError } from '../errors.ts';
import { consentState, publicationPermissions } from './case-consent.ts';
import { isOneOf, SEXES, type CaseRecord, type CircumstanceIndicator, type ConsoleText, type IsoInstant } from './case-record.ts';
import { ageAtLastSeen, instantMs } from './case-time.ts';

export const CRITERIA = ['minor', 'worrying', 'description', 'consent', 'safety'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const PRIORITIES = ['critical', 'high', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Ages and times the rules turn on. */
export const ASSESSMENT_THRESHOLDS = {
  adultAge: 18,
  /** Younger children are vulnerable by age alone. */
  youngChildAge: 12,
  /** Younger children make a case critical by age alone. */
  veryYoungChildAge: 6,
  /** The first hours after the disappearance are decisive (most abducted children harmed are harmed within 3 hours). */
  decisiveMinutes: 180,
  /** Descriptive elements needed, besides age and sex, when no photo can be published. */
  descriptiveElements: 2,
  overrideReasonMinLength: 10,
  overrideReasonMaxLength: 2000,
} as const;

const T = ASSESSMENT_THRESHOLDS;

const REASONS = {
  'minor.under_18': { fr: "L'enfant avait moins de 18 ans au moment de sa disparition.", ar: 'كان سن الطفل أقل من 18 سنة عند اختفائه.' },
  'minor.adult': { fr: 'La personne avait 18 ans ou plus : le dispositif concerne les mineurs.', ar: 'كان سن الشخص 18 سنة أو أكثر، والآلية تخص القاصرين.' },
  'minor.age_unknown': { fr: 'Ni date de naissance ni âge estimé.', ar: 'لا تاريخ الازدياد ولا السن التقريبي معروفان.' },
  'worrying.threat_to_life': { fr: "La vie ou l'intégrité physique de l'enfant est en danger.", ar: 'حياة الطفل أو سلامته الجسدية في خطر.' },
  'worrying.abduction_witnessed': { fr: 'Un enlèvement a été constaté par un témoin.', ar: 'عاين شاهد عملية الاختطاف.' },
  'worrying.abduction_suspected': { fr: 'Un enlèvement est soupçonné.', ar: 'يشتبه في وقوع اختطاف.' },
  'worrying.unknown_person_involved': { fr: 'Une personne inconnue est impliquée.', ar: 'شخص مجهول متورط.' },
  'worrying.vehicle_involved': { fr: 'Un véhicule est impliqué.', ar: 'مركبة متورطة.' },
  'worrying.online_contact': { fr: 'Un contact suspect en ligne a précédé la disparition.', ar: 'سبق الاختفاء تواصل مشبوه عبر الإنترنت.' },
  'worrying.medical_need': { fr: "L'enfant a un besoin médical.", ar: 'الطفل في حاجة إلى رعاية طبية.' },
  'worrying.disability': { fr: "L'enfant est en situation de handicap.", ar: 'الطفل في وضعية إعاقة.' },
  'worrying.young_child': { fr: "Enfant de moins de 12 ans, vulnérable du fait de son âge.", ar: 'طفل دون 12 سنة، في وضعية هشاشة بسبب سنه.' },
  'worrying.none': { fr: "Aucune circonstance inquiétante ou suspecte n'est relevée.", ar: 'لم تسجل أي ظروف مقلقة أو مشبوهة.' },
  'description.photo': { fr: 'Une photo peut être publiée.', ar: 'توجد صورة قابلة للنشر.' },
  'description.physical': { fr: 'Âge, sexe et au moins deux éléments de signalement sont connus.', ar: 'السن والجنس وعنصران على الأقل من الأوصاف معروفة.' },
  'description.insufficient': {
    fr: 'Signalement insuffisant : il faut une photo publiable, ou l’âge, le sexe et deux éléments parmi taille, corpulence, cheveux, vêtements, signes visibles.',
    ar: 'الأوصاف غير كافية: يلزم صورة قابلة للنشر، أو السن والجنس وعنصران من بين القامة والبنية والشعر والملابس والعلامات الظاهرة.',
  },
  'consent.guardian': { fr: 'Le représentant légal a consenti à la publication.', ar: 'وافق النائب الشرعي على النشر.' },
  'consent.prosecutor_decision': { fr: 'Le parquet a décidé la publication.', ar: 'قررت النيابة العامة النشر.' },
  'consent.refused': { fr: "Le représentant légal a refusé la publication et aucune décision du parquet n'est enregistrée.", ar: 'رفض النائب الشرعي النشر ولم يسجل أي قرار للنيابة العامة.' },
  'consent.withdrawn': { fr: "Le consentement a été retiré et aucune décision du parquet n'est enregistrée.", ar: 'سحبت الموافقة ولم يسجل أي قرار للنيابة العامة.' },
  'consent.not_from_guardian': {
    fr: "Le consentement ne vient ni d'un représentant légal ni de la personne qui a la garde effective.",
    ar: 'الموافقة لم تصدر عن النائب الشرعي ولا عن الشخص الذي يتولى الرعاية الفعلية.',
  },
  'consent.not_recorded': { fr: "Aucun consentement ni décision du parquet n'est enregistré.", ar: 'لم تسجل أي موافقة ولا أي قرار للنيابة العامة.' },
  'safety.no_danger': { fr: "L'officier estime que la publication ne met pas l'enfant en danger.", ar: 'يرى الضابط أن النشر لا يعرض الطفل للخطر.' },
  'safety.endangers': { fr: "L'officier estime que la publication mettrait l'enfant en danger.", ar: 'يرى الضابط أن النشر قد يعرض الطفل للخطر.' },
  'safety.not_assessed': { fr: "L'officier n'a pas encore évalué si la publication met l'enfant en danger.", ar: 'لم يقيّم الضابط بعد ما إذا كان النشر يعرض الطفل للخطر.' },
  'priority.threat_to_life': { fr: 'Danger pour la vie ou l’intégrité physique.', ar: 'خطر على الحياة أو السلامة الجسدية.' },
  'priority.abduction_witnessed': { fr: 'Enlèvement constaté par un témoin.', ar: 'اختطاف عاينه شاهد.' },
  'priority.very_young_child': { fr: 'Enfant de moins de 6 ans.', ar: 'طفل دون 6 سنوات.' },
  'priority.young_child': { fr: 'Enfant de moins de 12 ans.', ar: 'طفل دون 12 سنة.' },
  'priority.first_hours': { fr: 'Disparu depuis moins de 3 heures : les premières heures sont décisives.', ar: 'مختف منذ أقل من 3 ساعات: الساعات الأولى حاسمة.' },
  'priority.abduction_suspected': { fr: 'Enlèvement soupçonné.', ar: 'اشتباه في اختطاف.' },
  'priority.unknown_person_involved': { fr: 'Personne inconnue impliquée.', ar: 'تورط شخص مجهول.' },
  'priority.vehicle_involved': { fr: 'Véhicule impliqué.', ar: 'تورط مركبة.' },
  'priority.online_contact': { fr: 'Contact suspect en ligne.', ar: 'تواصل مشبوه عبر الإنترنت.' },
  'priority.medical_need': { fr: 'Besoin médical.', ar: 'حاجة إلى رعاية طبية.' },
  'priority.disability': { fr: 'Situation de handicap.', ar: 'وضعية إعاقة.' },
  'priority.combined': { fr: 'Plusieurs facteurs aggravants réunis.', ar: 'اجتماع عدة عوامل مشددة.' },
} as const satisfies Record<string, ConsoleText>;

export type AssessmentReasonCode = keyof typeof REASONS;

/** The console text for a reason code (for redisplaying a stored assessment). */
export const reasonText = (code: AssessmentReasonCode): ConsoleText => REASONS[code];

export interface CriterionResult {
  readonly met: boolean | 'unknown';
  readonly reasonCode: AssessmentReasonCode;
  readonly reason: ConsoleText;
  /** Codes of the facts that count toward the criterion (indicators, description elements, consents). */
  readonly evidence: readonly string[];
}

export interface PriorityReason {
  readonly code: AssessmentReasonCode;
  readonly level: 'critical' | 'high';
  readonly reason: ConsoleText;
}

export interface OfficerJudgement {
  /** The officer's judgement whether publishing would endanger the child; null until given. */
  readonly publishingEndangersChild: boolean | null;
}

export interface AssessmentOverride {
  readonly by: string;
  readonly reason: string;
  readonly at: IsoInstant;
  /** The computed assessment that was overridden. */
  readonly original: Assessment;
}

export interface Assessment {
  readonly assessedAt: IsoInstant;
  readonly ageYears: number | null;
  /** Whole minutes between the last-seen time and the assessment; null when the time is not valid. */
  readonly minutesSinceLastSeen: number | null;
  readonly criteria: { readonly [C in Criterion]: CriterionResult };
  /** Every criterion met (or an override). */
  readonly eligible: boolean;
  readonly priority: Priority;
  readonly priorityReasons: readonly PriorityReason[];
  readonly override: AssessmentOverride | null;
}

const result = (met: boolean | 'unknown', reasonCode: AssessmentReasonCode, evidence: readonly string[] = []): CriterionResult => ({
  met,
  reasonCode,
  reason: REASONS[reasonCode],
  evidence,
});

const hasText = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';

interface Facts {
  readonly age: number | null;
  readonly indicators: ReadonlySet<CircumstanceIndicator>;
  readonly medicalNeed: boolean;
  readonly disability: boolean;
  readonly minutes: number | null;
}

function factsOf(record: CaseRecord, now: Date): Facts {
  const seen = instantMs(record.lastSeen.at);
  return {
    age: ageAtLastSeen(record),
    indicators: new Set(record.circumstances.indicators),
    medicalNeed: record.circumstances.vulnerabilities.includes('medical_need') || hasText(record.child.health.medicalNeeds),
    disability: record.circumstances.vulnerabilities.includes('disability') || hasText(record.child.health.disability),
    minutes: seen === null ? null : Math.max(0, Math.floor((now.getTime() - seen) / 60_000)),
  };
}

function assessMinor(f: Facts): CriterionResult {
  if (f.age === null) return result('unknown', 'minor.age_unknown');
  return f.age < T.adultAge ? result(true, 'minor.under_18') : result(false, 'minor.adult');
}

/** Worrying facts, strongest first. Earlier runaways, family conflict or a known person alone are not. */
function assessWorrying(f: Facts): CriterionResult {
  const found: string[] = [];
  for (const i of ['threat_to_life', 'abduction_witnessed', 'abduction_suspected', 'unknown_person_involved', 'vehicle_involved', 'online_contact'] as const) {
    if (f.indicators.has(i)) found.push(i);
  }
  if (f.medicalNeed) found.push('medical_need');
  if (f.disability) found.push('disability');
  if (f.age !== null && f.age < T.youngChildAge) found.push('young_child');
  const first = found[0];
  return first === undefined ? result(false, 'worrying.none') : result(true, `worrying.${first}` as AssessmentReasonCode, found);
}

function assessDescription(record: CaseRecord, f: Facts): CriterionResult {
  const c = record.child;
  const photo = publicationPermissions(record).photoConsent && c.photos.some((p) => p.forPublication);
  if (photo) return result(true, 'description.photo', ['photo']);
  const elements: string[] = [];
  if (c.heightCm !== null) elements.push('height');
  if (c.build !== null) elements.push('build');
  if (c.hair.colour !== null || c.hair.length !== null || c.hair.texture !== null) elements.push('hair');
  if (c.clothing.items.length > 0 || hasText(c.clothing.description)) elements.push('clothing');
  if (c.visibleMarks.length > 0) elements.push('marks');
  const basics = [...(f.age !== null ? ['age'] : []), ...(isOneOf(SEXES, c.sex) ? ['sex'] : [])];
  const evidence = [...basics, ...elements];
  return basics.length === 2 && elements.length >= T.descriptiveElements ? result(true, 'description.physical', evidence) : result(false, 'description.insufficient', evidence);
}

function assessConsent(record: CaseRecord): CriterionResult {
  const decision = record.prosecutor?.publicationDecision ?? null;
  const name = consentState(record, 'publishName');
  const photo = consentState(record, 'publishPhoto');
  const evidence = [...(name === 'given' ? ['publish_name'] : []), ...(photo === 'given' ? ['publish_photo'] : []), ...(decision ? ['prosecutor_decision'] : [])];
  if (name === 'given' || photo === 'given') return result(true, 'consent.guardian', evidence);
  if (decision) return result(true, 'consent.prosecutor_decision', evidence);
  // Explain the most telling answer: a refusal, then a withdrawal, then a consent from the wrong person.
  for (const state of ['refused', 'withdrawn', 'not_from_guardian'] as const) {
    if (name === state || photo === state) return result(false, `consent.${state}`);
  }
  return result('unknown', 'consent.not_recorded');
}

function assessSafety(judgement: OfficerJudgement): CriterionResult {
  if (judgement.publishingEndangersChild === null) return result('unknown', 'safety.not_assessed');
  return judgement.publishingEndangersChild ? result(false, 'safety.endangers') : result(true, 'safety.no_danger');
}

/**
 * Critical: a threat to life, a witnessed abduction, a child under 6, or two aggravating factors at once.
 * High: one of abduction suspected, unknown person, vehicle, online contact, medical need, disability,
 * a child under 12, or the first 3 hours. Otherwise normal.
 */
function assessPriority(f: Facts): { priority: Priority; reasons: PriorityReason[] } {
  const critical: AssessmentReasonCode[] = [];
  const high: AssessmentReasonCode[] = [];
  if (f.indicators.has('threat_to_life')) critical.push('priority.threat_to_life');
  if (f.indicators.has('abduction_witnessed')) critical.push('priority.abduction_witnessed');
  if (f.age !== null && f.age < T.veryYoungChildAge) critical.push('priority.very_young_child');
  else if (f.age !== null && f.age < T.youngChildAge) high.push('priority.young_child');
  if (f.minutes !== null && f.minutes < T.decisiveMinutes) high.push('priority.first_hours');
  for (const i of ['abduction_suspected', 'unknown_person_involved', 'vehicle_involved', 'online_contact'] as const) {
    if (f.indicators.has(i)) high.push(`priority.${i}`);
  }
  if (f.medicalNeed) high.push('priority.medical_need');
  if (f.disability) high.push('priority.disability');
  if (critical.length === 0 && high.length >= 2) critical.push('priority.combined');
  const reasons = [
    ...critical.map((code): PriorityReason => ({ code, level: 'critical', reason: REASONS[code] })),
    ...high.map((code): PriorityReason => ({ code, level: 'high', reason: REASONS[code] })),
  ];
  return { priority: critical.length ? 'critical' : high.length ? 'high' : 'normal', reasons };
}

/** Evaluates the activation criteria and the priority of a (validated) case at `now`. */
export function assessCase(record: CaseRecord, now: Date, officerJudgement: OfficerJudgement): Assessment {
  const f = factsOf(record, now);
  const criteria = {
    minor: assessMinor(f),
    worrying: assessWorrying(f),
    description: assessDescription(record, f),
    consent: assessConsent(record),
    safety: assessSafety(officerJudgement),
  };
  const { priority, reasons } = assessPriority(f);
  return {
    assessedAt: now.toISOString(),
    ageYears: f.age,
    minutesSinceLastSeen: f.minutes,
    criteria,
    eligible: CRITERIA.every((c) => criteria[c].met === true),
    priority,
    priorityReasons: reasons,
    override: null,
  };
}

export interface OverrideRequest {
  /** The officer's user id. */
  readonly by: string;
  /** Why the computed result does not fit this case, in the officer's words. */
  readonly reason: string;
  /** The outcome the officer decides; eligible by default (overrides exist to let an alert go ahead). */
  readonly eligible?: boolean;
  readonly priority?: Priority;
}

/**
 * The assessment with the officer's outcome in place of the computed one; the computed assessment is
 * kept under `override.original`. Overriding an override starts again from the computed original.
 * Publishing cannot be declared eligible while the officer's own judgement is that it endangers the child.
 */
export function overrideAssessment(assessment: Assessment, request: OverrideRequest, now: Date): Assessment {
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length < T.overrideReasonMinLength || reason.length > T.overrideReasonMaxLength) {
    throw new AppError('validation_failed', 'An override needs a written reason.', {
      errors: [{ field: '/reason', message: `must be between ${T.overrideReasonMinLength} and ${T.overrideReasonMaxLength} characters` }],
    });
  }
  if (typeof request.by !== 'string' || request.by.trim() === '') {
    throw new AppError('validation_failed', 'An override must name the officer.', { errors: [{ field: '/by', message: 'is required' }] });
  }
  const original = assessment.override?.original ?? assessment;
  const eligible = request.eligible ?? true;
  if (eligible && original.criteria.safety.met === false) {
    throw new AppError('conflict', 'Publishing was judged to endanger the child; change that judgement before overriding.');
  }
  return {
    ...original,
    eligible,
    priority: request.priority ?? original.priority,
    override: { by: request.by, reason, at: now.toISOString(), original },
  };
}
