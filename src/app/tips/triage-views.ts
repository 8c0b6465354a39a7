/**
 * What the triage use cases hand to the presenters: a tip as officers work on it (its content, status,
 * score breakdown, group and assignee), never the raw row (the sealed contact, the API client's
 * idempotency key and request hash, the source token or message id stay behind).
 *
 * @example
 *   const view = tipTriageView(row, sizes.get(row.group_id ?? '') ?? 1);
 */
import type { LatLon } from '../../domain/geo/coordinates.ts';
import type { TipScore } from '../../domain/tips/tip-score.ts';
import type { TipStatus } from '../../domain/tips/tip-status.ts';
import type { TipSource } from '../../store/schema.ts';
import type { TipRow } from '../../store/repositories/tips.repository.ts';

export interface TipTriageView {
  readonly id: string;
  readonly reference: string;
  readonly caseId: string;
  readonly alertId: string;
  readonly source: TipSource;
  readonly language: 'ar' | 'fr' | 'zgh' | null;
  /** What the tipster wrote: plain text, to be shown as text (never as HTML). */
  readonly text: string;
  readonly seenAt: Date | null;
  readonly place: string | null;
  readonly point: LatLon | null;
  readonly hasPhoto: boolean;
  readonly receivedAt: Date;
  readonly status: TipStatus;
  readonly statusChangedAt: Date | null;
  readonly duplicateOf: string | null;
  /** The lead tip's id; null until triaged. */
  readonly groupId: string | null;
  readonly groupSize: number;
  readonly assignedTo: string | null;
  readonly assignedAt: Date | null;
  /** Null until the triage job has run. */
  readonly score: TipScore | null;
  readonly triagedAt: Date | null;
}

export function tipTriageView(row: TipRow, groupSize: number): TipTriageView {
  return {
    id: row.id,
    reference: row.reference,
    caseId: row.case_id,
    alertId: row.alert_id,
    source: row.source,
    language: row.language,
    text: row.seen,
    seenAt: row.seen_at,
    place: row.place,
    point: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    hasPhoto: row.has_photo,
    receivedAt: row.received_at,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    duplicateOf: row.duplicate_of,
    groupId: row.group_id,
    groupSize: row.group_id === null ? 1 : Math.max(1, groupSize),
    assignedTo: row.assigned_to,
    assignedAt: row.assigned_at,
    // Written only by triage-tip.ts from scoreTip's result.
    score: (row.score_parts as unknown as TipScore | null) ?? null,
    triagedAt: row.triaged_at,
  };
}

/** The restricted fields a view carries, for the audit of a read (names, never values). */
export const TIP_VIEW_FIELDS = ['text', 'seenAt', 'place', 'point', 'score'] as const;
