/** Labels of tip statuses, sources and score verdicts in Arabic and French. */
import type { Lang, TipSource, TipStatus } from '../../api/types.ts';

export const TIP_STATUSES: readonly TipStatus[] = ['new', 'under_review', 'credible', 'dismissed', 'duplicate', 'forwarded'];

const STATUS: Readonly<Record<TipStatus, { ar: string; fr: string }>> = {
  new: { ar: 'جديد', fr: 'Nouveau' },
  under_review: { ar: 'قيد الدراسة', fr: 'En examen' },
  credible: { ar: 'موثوق', fr: 'Crédible' },
  dismissed: { ar: 'مستبعد', fr: 'Écarté' },
  duplicate: { ar: 'مكرر', fr: 'Doublon' },
  forwarded: { ar: 'محال', fr: 'Transmis' },
};

const SOURCE: Readonly<Record<TipSource, { ar: string; fr: string }>> = {
  web: { ar: 'الموقع', fr: 'Site' },
  whatsapp: { ar: 'واتساب', fr: 'WhatsApp' },
  partner: { ar: 'شريك', fr: 'Partenaire' },
  police: { ar: 'الشرطة', fr: 'Police' },
};

const VERDICT: Readonly<Record<string, { ar: string; fr: string }>> = {
  within_reach: { ar: 'في المتناول', fr: 'Atteignable' },
  edge_of_reach: { ar: 'على حدود المتناول', fr: 'À la limite' },
  vehicle_only: { ar: 'بمركبة فقط', fr: 'En véhicule seulement' },
  out_of_reach: { ar: 'خارج المتناول', fr: 'Hors d’atteinte' },
  unknown: { ar: 'غير معروف', fr: 'Inconnu' },
};

/** Moves an officer may make from each status (domain/tips/tip-status.ts). */
export const TIP_MOVES: Readonly<Record<TipStatus, readonly TipStatus[]>> = {
  new: ['under_review', 'credible', 'dismissed', 'duplicate', 'forwarded'],
  under_review: ['credible', 'dismissed', 'duplicate', 'forwarded'],
  credible: ['under_review', 'dismissed', 'forwarded'],
  dismissed: ['under_review'],
  duplicate: ['under_review'],
  forwarded: ['under_review'],
};

export const needsReason = (s: TipStatus) => s === 'dismissed' || s === 'duplicate' || s === 'forwarded';
export const tipStatusLabel = (s: TipStatus, lang: Lang) => STATUS[s][lang];
export const tipSourceLabel = (s: TipSource, lang: Lang) => SOURCE[s][lang];
export const verdictLabel = (v: string, lang: Lang) => VERDICT[v]?.[lang] ?? v;
