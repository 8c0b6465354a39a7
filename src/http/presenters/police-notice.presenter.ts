/**
 * What officers see of an internal disappearance notice: its public content (headline and area per
 * language, case reference, public page link, version, exercise flag, how it ended for a Cancel), the
 * unit it was addressed to, when it arrived, and who first marked it read and when.
 *
 * @example
 *   reply.send(presentPoliceNoticePage(await listPoliceNotices(ctx, actor, query)));
 */
import { type Static, Type } from 'typebox';
import type { PoliceNotice, PoliceNoticePage } from '../../app/police-notices/list-police-notices.ts';

const PerLanguage = Type.Object({ 'ar-MA': Type.String(), 'fr-MA': Type.String(), 'zgh-Tfng': Type.String() });
const DateTime = Type.String({ format: 'date-time' });

export const PoliceNoticeView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  alertId: Type.String({ format: 'uuid' }),
  /** The alert's public id (its page: /alerts/{publicId}). */
  publicId: Type.String(),
  reference: Type.String({ example: 'TM-2026-000123' }),
  version: Type.Integer({ minimum: 1 }),
  msgType: Type.Union([Type.Literal('Alert'), Type.Literal('Update'), Type.Literal('Cancel')]),
  updateKind: Type.Union([Type.String(), Type.Null()]),
  exercise: Type.Boolean(),
  pageUrl: Type.String(),
  sentAt: Type.Union([DateTime, Type.Null()]),
  /** Null for a Cancel. */
  headline: Type.Union([PerLanguage, Type.Null()]),
  areaDesc: Type.Union([PerLanguage, Type.Null()]),
  /** How the alert ended (Cancel only). */
  outcome: Type.Union([Type.Literal('found'), Type.Literal('withdrawn'), Type.Literal('expired'), Type.Null()]),
  /** The police unit the notice was addressed to. */
  jurisdiction: Type.String({ example: 'MA-CAS-U01' }),
  createdAt: DateTime,
  readAt: Type.Union([DateTime, Type.Null()]),
  /** User id of the first reader. */
  readBy: Type.Union([Type.String(), Type.Null()]),
});
export type PoliceNoticeView = Static<typeof PoliceNoticeView>;

export const PoliceNoticePageView = Type.Object({
  items: Type.Array(PoliceNoticeView),
  /** Pass as `cursor` for the next, older page; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type PoliceNoticePageView = Static<typeof PoliceNoticePageView>;

export function presentPoliceNotice(n: PoliceNotice): PoliceNoticeView {
  const c = n.content;
  const sentAt = c.sentAt && !Number.isNaN(Date.parse(c.sentAt)) ? new Date(c.sentAt).toISOString() : null;
  return {
    id: n.id,
    alertId: n.alertId,
    publicId: c.publicId,
    reference: c.reference,
    version: n.version,
    msgType: c.msgType,
    updateKind: c.updateKind,
    exercise: c.exercise,
    pageUrl: c.pageUrl,
    sentAt,
    headline: c.headline && { ...c.headline },
    areaDesc: c.areaDesc && { ...c.areaDesc },
    outcome: c.outcome,
    jurisdiction: n.jurisdiction,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    readBy: n.readBy,
  };
}

export function presentPoliceNoticePage(page: PoliceNoticePage): PoliceNoticePageView {
  return { items: page.notices.map(presentPoliceNotice), nextCursor: page.nextCursor };
}
