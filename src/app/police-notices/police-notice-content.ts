/**
 * What an internal disappearance notice holds: the published version's public content only (headline,
 * area, reference, page link, version, exercise flag), so the police-notice channel stays an ordinary
 * adapter that receives public data, and a unit's inbox shows nothing the public page does not.
 * Officers open the case itself, with its own access checks, for anything more.
 *
 * @example
 *   const content = noticeContent(message);                // written by the police_notice channel
 *   const stored = readNoticeContent(row.content);         // read back for the officers' inbox
 */
import type { OutboundAlert } from '../distribution/channel-port.ts';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';

export interface PoliceNoticeContent {
  readonly publicId: string;
  /** Case reference to quote, e.g. "TM-2026-000123". */
  readonly reference: string;
  readonly version: number;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  readonly updateKind: string | null;
  readonly exercise: boolean;
  readonly pageUrl: string;
  readonly sentAt: string;
  /** Per language; null for a Cancel (the ended card has no headline). */
  readonly headline: { readonly [L in AlertLanguage]: string } | null;
  /** The zone's short description per language; null for a Cancel. */
  readonly areaDesc: { readonly [L in AlertLanguage]: string } | null;
  /** How the alert ended (Cancel only). */
  readonly outcome: 'found' | 'withdrawn' | 'expired' | null;
}

export function noticeContent(m: OutboundAlert): PoliceNoticeContent {
  const v = m.view;
  const base = { publicId: m.publicId, reference: v.reference, version: m.version, msgType: m.msgType, updateKind: m.updateKind, exercise: m.exercise, pageUrl: m.pageUrl, sentAt: m.sentAt.toISOString() };
  switch (v.state) {
    case 'active':
      return {
        ...base,
        headline: { 'ar-MA': v.texts['ar-MA'].headline, 'fr-MA': v.texts['fr-MA'].headline, 'zgh-Tfng': v.texts['zgh-Tfng'].headline },
        areaDesc: { ...v.zone.areaDesc },
        outcome: null,
      };
    case 'ended':
      return { ...base, headline: null, areaDesc: null, outcome: v.outcome };
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const texts = (v: unknown): PoliceNoticeContent['headline'] => {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  return { 'ar-MA': str(r['ar-MA']), 'fr-MA': str(r['fr-MA']), 'zgh-Tfng': str(r['zgh-Tfng']) };
};

/** Reads a stored notice back, tolerating rows written by an older shape (missing fields become empty). */
export function readNoticeContent(stored: Readonly<Record<string, unknown>>): PoliceNoticeContent {
  const msgType = stored.msgType === 'Update' || stored.msgType === 'Cancel' ? stored.msgType : 'Alert';
  const outcome = stored.outcome === 'found' || stored.outcome === 'withdrawn' || stored.outcome === 'expired' ? stored.outcome : null;
  return {
    publicId: str(stored.publicId),
    reference: str(stored.reference),
    version: typeof stored.version === 'number' ? stored.version : 0,
    msgType,
    updateKind: typeof stored.updateKind === 'string' ? stored.updateKind : null,
    exercise: stored.exercise === true,
    pageUrl: str(stored.pageUrl),
    sentAt: str(stored.sentAt),
    headline: texts(stored.headline),
    areaDesc: texts(stored.areaDesc),
    outcome,
  };
}
