/**
 * What staff see of an alert: its state, the editable draft, the decision chain (who decided what, when,
 * with the prosecutor's decision), the published versions and the prosecutor's status on the urgent path.
 */
import { Type, type Static } from 'typebox';
import type { LoadedAlert } from '../../app/alerts/alert-store.ts';
import type { AlertRow } from '../../store/repositories/alerts.repository.ts';
import { prosecutorStatus } from '../../domain/alert/decision-chain.ts';

const Open = Type.Record(Type.String(), Type.Unknown());
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AlertResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  publicId: Type.String(),
  caseId: Type.String({ format: 'uuid' }),
  state: Type.String(),
  revision: Type.Integer(),
  exercise: Type.Boolean(),
  draft: Open,
  request: Nullable(Open),
  decisions: Type.Array(Open),
  versions: Type.Array(Type.Object({ number: Type.Integer(), msgType: Type.String(), kind: Type.String(), at: Type.String(), expiresAt: Type.String() })),
  prosecutor: Open,
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  endOutcome: Nullable(Type.String()),
  publicUrl: Nullable(Type.String()),
});
export type AlertResponse = Static<typeof AlertResponse>;

export const AlertListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      publicId: Type.String(),
      caseId: Type.String(),
      state: Type.String(),
      updatedAt: Type.String(),
      expiresAt: Nullable(Type.String()),
      /** On the urgent path: when the prosecutor's decision is due, and how often it was escalated as overdue. */
      prosecutorDueAt: Nullable(Type.String()),
      prosecutorEscalations: Type.Integer(),
    }),
  ),
});

export function presentAlertListItem(r: AlertRow): Static<typeof AlertListResponse>['items'][number] {
  return {
    id: r.id,
    publicId: r.public_id,
    caseId: r.case_id,
    state: r.state,
    updatedAt: r.updated_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    prosecutorDueAt: r.prosecutor_due_at?.toISOString() ?? null,
    prosecutorEscalations: r.prosecutor_escalations,
  };
}

export function presentAlert(a: LoadedAlert, now: Date, baseUrl: string): AlertResponse {
  const s = a.state;
  return {
    id: a.row.id,
    publicId: a.row.public_id,
    caseId: a.row.case_id,
    state: a.row.state,
    revision: a.row.revision,
    exercise: a.row.is_exercise,
    draft: a.draft as unknown as Record<string, unknown>,
    request: s.request as unknown as Record<string, unknown> | null,
    decisions: s.decisions.map((d) => d as unknown as Record<string, unknown>),
    versions: s.versions.map((v) => ({ number: v.number, msgType: v.msgType, kind: v.kind, at: v.at, expiresAt: v.expiresAt })),
    prosecutor: prosecutorStatus(s, now),
    expiresAt: a.row.expires_at?.toISOString() ?? null,
    publishedAt: a.row.published_at?.toISOString() ?? null,
    endedAt: a.row.ended_at?.toISOString() ?? null,
    endOutcome: a.row.end_outcome,
    publicUrl: a.row.current_version > 0 ? `${baseUrl}/alerts/${a.row.public_id}` : null,
  };
}
