/**
 * What staff see of legal holds, rectifications and the anonymous statistics. Holds and rectifications
 * carry restricted text (reasons, corrected values): only the roles the privacy rules allow reach them.
 *
 * @example
 *   reply.send(presentHold(await placeLegalHold(ctx, actor, caseId, reason)));
 */
import { type Static, Type } from 'typebox';
import type { RectificationView as Rectification } from '../../app/privacy/rectify-case.ts';
import type { LegalHoldRow } from '../../store/repositories/legal-holds.repository.ts';
import type { StatisticRow } from '../../store/repositories/statistics.repository.ts';

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const LegalHoldView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  reason: Type.String(),
  placedBy: Type.String(),
  placedAt: DateTime,
  /** Null while the hold is in force. */
  liftedAt: NullableDateTime,
  liftedBy: NullableString,
  liftReason: NullableString,
});
export type LegalHoldView = Static<typeof LegalHoldView>;
export const LegalHoldListView = Type.Object({ items: Type.Array(LegalHoldView) });

export function presentHold(h: LegalHoldRow): LegalHoldView {
  return {
    id: h.id,
    caseId: h.case_id,
    reason: h.reason,
    placedBy: h.placed_by,
    placedAt: h.placed_at.toISOString(),
    liftedAt: h.lifted_at ? h.lifted_at.toISOString() : null,
    liftedBy: h.lifted_by,
    liftReason: h.lift_reason,
  };
}

export const RectificationView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  path: Type.String(),
  /** Null once the case was purged (the sealed values are gone). */
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  reason: NullableString,
  requestedBy: Type.String(),
  performedBy: Type.String(),
  at: DateTime,
  caseVersion: Type.Integer(),
  purged: Type.Boolean(),
});
export const RectificationListView = Type.Object({ items: Type.Array(RectificationView) });

export const presentRectifications = (rows: readonly Rectification[]) => ({ items: rows.map((r) => ({ ...r })) });

export const StatisticView = Type.Object({
  closedYear: Type.Integer(),
  regionCode: Type.String(),
  ageBand: Type.String(),
  outcome: Type.String(),
  timeToFind: Type.String(),
  withAlert: Type.Boolean(),
  cases: Type.Integer(),
  tips: Type.Integer(),
});
export const StatisticsView = Type.Object({ items: Type.Array(StatisticView) });

export const presentStatistics = (rows: readonly StatisticRow[]) => ({
  items: rows.map((r) => ({ closedYear: r.closed_year, regionCode: r.region_code, ageBand: r.age_band, outcome: r.outcome, timeToFind: r.time_to_find, withAlert: r.with_alert, cases: r.cases, tips: r.tips })),
});
