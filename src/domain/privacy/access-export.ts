/**
 * A guardian's access request answered (Law 09-08, right of access): everything held about the child and
 * about the guardian, as JSON and as a readable text in French or Arabic. Pure: the use case
 * (app/privacy/access-export.ts) gathers the data; this shapes and renders it. Tipsters are never named:
 * tips appear as counts only.
 *
 * @example
 *   const fields = flattenRecord(record);                 // one entry per leaf value, with its class and category
 *   const text = renderAccessExportMarkdown(exportModel, 'ar');
 */
import { type CaseFieldPath, type DataClass, isCaseFieldPath, protectionClassOf } from '../case/field-classes.ts';
import { CASE_FIELD_INFO } from './case-field-info.ts';
import { CATEGORY_LABELS, type DataCategory, type RegisterLanguage } from './data-categories.ts';
import { cell, directional } from './register-markdown.ts';
import { CLASS_LABELS } from './register-texts.ts';

export type JsonLeaf = string | number | boolean | null | readonly (string | number | boolean)[];

export interface ExportedField {
  /** With list positions, e.g. "investigation.friends[0].phone". */
  readonly path: string;
  readonly fieldPath: CaseFieldPath;
  readonly category: DataCategory;
  /** The class the field has at rest (a conditionally public field is shown with its protection class). */
  readonly class: DataClass;
  readonly value: JsonLeaf;
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isLeaf = (v: unknown): v is JsonLeaf => v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar));

/** Every classified leaf of the record that holds a value, in record order; unclassified keys are left out. */
export function flattenRecord(record: unknown): ExportedField[] {
  const out: ExportedField[] = [];
  const walk = (node: unknown, path: string, classPath: string) => {
    if (isCaseFieldPath(classPath) && isLeaf(node)) {
      if (node !== null && node !== '' && !(Array.isArray(node) && node.length === 0)) {
        out.push({ path, fieldPath: classPath, category: CASE_FIELD_INFO[classPath].category, class: protectionClassOf(classPath), value: node });
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`, `${classPath}[]`));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k, classPath ? `${classPath}.${k}` : k);
  };
  walk(record, '', '');
  return out;
}

/** Fields about the guardian (their identity, contacts and consents); everything else is about the child and the case. */
export const isAboutGuardian = (f: Pick<ExportedField, 'category'>): boolean => f.category === 'guardian' || f.category === 'guardian_consents';

export interface AccessExport {
  readonly generatedAt: string;
  readonly case: {
    readonly id: string;
    readonly reference: string;
    readonly status: string;
    readonly openedAt: string;
    readonly closedAt: string | null;
    readonly closureOutcome: string | null;
    readonly jurisdictionCode: string;
    readonly exercise: boolean;
  };
  /** The sensitive part was erased (data key destroyed) / the restricted part purged under the retention rules. */
  readonly erased: { readonly sensitive: boolean; readonly restricted: boolean };
  readonly aboutChild: readonly ExportedField[];
  readonly aboutGuardian: readonly ExportedField[];
  readonly photos: readonly { readonly id: string; readonly publishable: boolean; readonly width: number; readonly height: number; readonly addedAt: string; readonly deletedAt: string | null }[];
  readonly alerts: readonly {
    readonly publicId: string;
    readonly state: string;
    readonly versions: readonly { readonly version: number; readonly msgType: string; readonly sentAt: string; readonly redacted: boolean; readonly publicContent: Readonly<Record<string, unknown>> }[];
    readonly decisions: readonly { readonly seq: number; readonly kind: string; readonly outcome: string; readonly at: string; readonly byRole: string | null; readonly reason: string | null; readonly prosecutor: unknown }[];
  }[];
  /** Counts only: who wrote a tip is not the guardian's data. */
  readonly tips: { readonly total: number; readonly byStatus: Readonly<Record<string, number>>; readonly withContact: number };
  readonly rectifications: readonly { readonly path: string; readonly oldValue: unknown; readonly newValue: unknown; readonly reason: string | null; readonly requestedBy: string; readonly at: string; readonly purged: boolean }[];
  /** Who did what with the case and when (roles, never staff identities or their stated purposes). */
  readonly history: readonly { readonly at: string; readonly action: string; readonly actorRole: string | null; readonly actorJurisdiction: string | null; readonly fields: readonly string[] }[];
}

const T = {
  title: { fr: "Réponse à une demande d'accès (loi 09-08)", ar: 'جواب على طلب الولوج (القانون 09-08)' },
  intro: {
    fr: "Ce document reprend tout ce que la plateforme Tifli détient sur l'enfant et sur son tuteur dans ce dossier. Les auteurs de signalements ne sont pas identifiés.",
    ar: 'تتضمن هذه الوثيقة كل ما تحتفظ به منصة طفلي عن الطفل وعن وليه في هذا الملف. لا يُكشف عن هوية أصحاب الإشعارات.',
  },
  generated: { fr: 'Établi le', ar: 'حُرر في' },
  case: { fr: 'Dossier', ar: 'الملف' },
  reference: { fr: 'Référence', ar: 'المرجع' },
  status: { fr: 'État', ar: 'الحالة' },
  opened: { fr: 'Ouvert le', ar: 'فُتح في' },
  closed: { fr: 'Clos le', ar: 'أُغلق في' },
  outcome: { fr: 'Issue', ar: 'المآل' },
  erasedSensitive: { fr: 'Les données sensibles de ce dossier ont été effacées (clé détruite).', ar: 'مُحيت المعطيات الحساسة لهذا الملف (أُتلف المفتاح).' },
  erasedRestricted: { fr: 'Les données restreintes de ce dossier ont été purgées au terme de la durée de conservation.', ar: 'حُذفت المعطيات المقيدة لهذا الملف عند انتهاء مدة الحفظ.' },
  child: { fr: "Données sur l'enfant et le dossier", ar: 'معطيات عن الطفل والملف' },
  guardian: { fr: 'Données sur le tuteur ou le déclarant', ar: 'معطيات عن الولي أو المبلِّغ' },
  field: { fr: 'Champ', ar: 'الحقل' },
  value: { fr: 'Valeur', ar: 'القيمة' },
  class: { fr: 'Classe', ar: 'الصنف' },
  photos: { fr: 'Photos', ar: 'الصور' },
  publishable: { fr: 'publiable', ar: 'قابلة للنشر' },
  notPublishable: { fr: 'non publiable', ar: 'غير قابلة للنشر' },
  deleted: { fr: 'supprimée le', ar: 'حُذفت في' },
  alerts: { fr: 'Alertes et versions publiées', ar: 'التنبيهات والنسخ المنشورة' },
  version: { fr: 'version', ar: 'النسخة' },
  redacted: { fr: 'expurgée', ar: 'منقحة' },
  decisions: { fr: 'Décisions', ar: 'القرارات' },
  tips: { fr: 'Signalements du public', ar: 'إشعارات العموم' },
  tipsLine: { fr: 'signalement(s), dont avec coordonnées de leur auteur :', ar: 'إشعار(ات)، منها مع وسائل الاتصال بصاحبها:' },
  rectifications: { fr: 'Rectifications', ar: 'التصحيحات' },
  history: { fr: 'Historique des actions sur le dossier', ar: 'سجل العمليات على الملف' },
  none: { fr: 'aucune', ar: 'لا شيء' },
  yes: { fr: 'oui', ar: 'نعم' },
  no: { fr: 'non', ar: 'لا' },
} as const;

function show(value: unknown, lang: RegisterLanguage): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? T.yes[lang] : T.no[lang];
  if (Array.isArray(value)) return value.map((v) => show(v, lang)).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '—';
}

function fieldLabel(f: ExportedField, lang: RegisterLanguage): string {
  const positions = [...f.path.matchAll(/\[(\d+)\]/g)].map((m) => `#${Number(m[1]) + 1}`);
  return [CASE_FIELD_INFO[f.fieldPath][lang], ...positions].join(' ');
}

function fieldTable(fields: readonly ExportedField[], lang: RegisterLanguage): string[] {
  if (fields.length === 0) return [T.none[lang], ''];
  const out = [`| ${T.field[lang]} | ${T.value[lang]} | ${T.class[lang]} |`, '|---|---|---|'];
  let category: DataCategory | undefined;
  for (const f of fields) {
    if (f.category !== category) {
      category = f.category;
      out.push(`| **${cell(CATEGORY_LABELS[f.category][lang])}** | | |`);
    }
    out.push(`| ${cell(fieldLabel(f, lang))} | ${cell(show(f.value, lang))} | ${CLASS_LABELS[f.class][lang]} |`);
  }
  return [...out, ''];
}

export function renderAccessExportMarkdown(x: AccessExport, lang: RegisterLanguage): string {
  const out: string[] = [`# ${T.title[lang]}`, '', T.intro[lang], '', `${T.generated[lang]} : ${x.generatedAt}`, ''];
  out.push(`## ${T.case[lang]}`, '', `- ${T.reference[lang]} : ${x.case.reference}`, `- ${T.status[lang]} : ${x.case.status}`, `- ${T.opened[lang]} : ${x.case.openedAt}`);
  if (x.case.closedAt) out.push(`- ${T.closed[lang]} : ${x.case.closedAt}`, `- ${T.outcome[lang]} : ${show(x.case.closureOutcome, lang)}`);
  out.push('');
  if (x.erased.restricted) out.push(`> ${T.erasedRestricted[lang]}`, '');
  if (x.erased.sensitive) out.push(`> ${T.erasedSensitive[lang]}`, '');
  out.push(`## ${T.child[lang]}`, '', ...fieldTable(x.aboutChild, lang));
  out.push(`## ${T.guardian[lang]}`, '', ...fieldTable(x.aboutGuardian, lang));
  out.push(`## ${T.photos[lang]}`, '');
  if (x.photos.length === 0) out.push(T.none[lang]);
  for (const p of x.photos) out.push(`- ${p.id} — ${p.width}×${p.height}, ${p.publishable ? T.publishable[lang] : T.notPublishable[lang]}, ${p.addedAt}${p.deletedAt ? `, ${T.deleted[lang]} ${p.deletedAt}` : ''}`);
  out.push('', `## ${T.alerts[lang]}`, '');
  if (x.alerts.length === 0) out.push(T.none[lang]);
  for (const a of x.alerts) {
    out.push(`### ${a.publicId} (${a.state})`, '');
    for (const v of a.versions) {
      const texts = (v.publicContent.texts as Record<string, { headline?: unknown }> | undefined)?.[lang === 'ar' ? 'ar-MA' : 'fr-MA'];
      const headline = typeof texts?.headline === 'string' ? ` — ${texts.headline}` : '';
      out.push(`- ${T.version[lang]} ${v.version} (${v.msgType}, ${v.sentAt})${v.redacted ? ` [${T.redacted[lang]}]` : ''}${headline}`);
    }
    if (a.decisions.length) {
      out.push('', `${T.decisions[lang]} :`);
      for (const d of a.decisions) out.push(`- ${d.at} ${d.kind} : ${d.outcome}${d.byRole ? ` (${d.byRole})` : ''}${d.reason ? ` — ${d.reason}` : ''}`);
    }
    out.push('');
  }
  out.push(`## ${T.tips[lang]}`, '', `${x.tips.total} ${T.tipsLine[lang]} ${x.tips.withContact}`, '');
  out.push(`## ${T.rectifications[lang]}`, '');
  if (x.rectifications.length === 0) out.push(T.none[lang]);
  for (const r of x.rectifications) out.push(`- ${r.at} \`${r.path}\` : ${show(r.oldValue, lang)} → ${show(r.newValue, lang)}${r.reason ? ` — ${r.reason}` : ''}`);
  out.push('', `## ${T.history[lang]}`, '');
  for (const h of x.history) out.push(`- ${h.at} ${h.action}${h.actorRole ? ` (${h.actorRole})` : ''}${h.fields.length ? ` [${h.fields.join(', ')}]` : ''}`);
  return directional(lang, out);
}
