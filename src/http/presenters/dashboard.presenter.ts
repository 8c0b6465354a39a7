/**
 * What the officers' dashboard receives (GET /api/live/dashboard and the `dashboard` events of
 * GET /api/live/events): sections the reader may see, cases as public summaries with the time since
 * last seen, decisions waiting for the reader, channels in trouble. Null sections are those the
 * reader's role does not cover.
 *
 * @example
 *   reply.send(presentDashboard(await dashboardFor(ctx, actor)));
 */
import { type Static, Type } from 'typebox';
import type { Dashboard } from '../../app/live/dashboard.ts';
import { elapsedSinceLastSeen } from '../../domain/case/case-lifecycle.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Open = Type.Record(Type.String(), Type.Unknown());

const OpenCase = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: Type.String(),
  regionCode: Nullable(Type.String()),
  provinceCode: Nullable(Type.String()),
  lastSeenAt: Instant,
  openedAt: Instant,
  sinceLastSeen: Type.Object({ minutes: Type.Integer(), ar: Type.String(), fr: Type.String() }),
  exercise: Type.Boolean(),
  /** Public fields only, as a case search shows them. */
  publicRecord: Open,
  /** Whether the reader may open the whole file. */
  fullAccess: Type.Boolean(),
});

const AlertItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  publicId: Type.String(),
  caseId: Type.String({ format: 'uuid' }),
  caseReference: Type.String(),
  state: Type.String(),
  exercise: Type.Boolean(),
  updatedAt: Instant,
  publishedAt: Nullable(Instant),
  expiresAt: Nullable(Instant),
  prosecutorDueAt: Nullable(Instant),
});

const DecisionItem = Type.Object({
  alertId: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  caseReference: Type.String(),
  step: Type.String(),
  requestedAt: Nullable(Instant),
  urgent: Type.Boolean(),
  dueAt: Nullable(Instant),
  overdue: Type.Boolean(),
  exercise: Type.Boolean(),
});

const ChannelTrouble = Type.Object({
  alertId: Type.String({ format: 'uuid' }),
  publicId: Type.String(),
  caseId: Type.String({ format: 'uuid' }),
  caseReference: Type.String(),
  alertState: Type.String(),
  channel: Type.String(),
  version: Type.Integer(),
  action: Type.String(),
  status: Type.String(),
  failed: Type.Integer(),
  total: Type.Integer(),
  updatedAt: Instant,
});

const TipsWaiting = Type.Object({
  caseId: Type.String({ format: 'uuid' }),
  caseReference: Type.String(),
  /** Tips not yet looked at. */
  waiting: Type.Integer(),
  bestScore: Nullable(Type.Integer()),
  lastReceivedAt: Instant,
});

export const DashboardView = Type.Object({
  generatedAt: Instant,
  scope: Type.String(),
  openCases: Nullable(Type.Object({ items: Type.Array(OpenCase), total: Type.Integer() })),
  alerts: Nullable(Type.Object({ byState: Type.Record(Type.String(), Type.Integer()), current: Type.Array(AlertItem) })),
  decisions: Nullable(Type.Array(DecisionItem)),
  channels: Nullable(Type.Array(ChannelTrouble)),
  tips: Nullable(Type.Object({ waiting: Type.Integer(), cases: Type.Array(TipsWaiting) })),
});
export type DashboardView = Static<typeof DashboardView>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentDashboard(d: Dashboard): DashboardView {
  return {
    generatedAt: d.generatedAt.toISOString(),
    scope: d.scope,
    openCases: d.openCases
      ? {
          total: d.openCases.total,
          items: d.openCases.items.map((c) => {
            const elapsed = elapsedSinceLastSeen(c.lastSeenAt, d.generatedAt);
            return {
              id: c.id,
              reference: c.reference,
              status: c.status,
              regionCode: c.regionCode,
              provinceCode: c.provinceCode,
              lastSeenAt: c.lastSeenAt.toISOString(),
              openedAt: c.openedAt.toISOString(),
              sinceLastSeen: { minutes: elapsed.minutes, ar: elapsed.label.ar, fr: elapsed.label.fr },
              exercise: c.exercise,
              publicRecord: c.publicRecord,
              fullAccess: c.fullAccess,
            };
          }),
        }
      : null,
    alerts: d.alerts
      ? {
          byState: { ...d.alerts.byState },
          current: d.alerts.current.map((a) => ({
            id: a.id,
            publicId: a.publicId,
            caseId: a.caseId,
            caseReference: a.caseReference,
            state: a.state,
            exercise: a.exercise,
            updatedAt: a.updatedAt.toISOString(),
            publishedAt: iso(a.publishedAt),
            expiresAt: iso(a.expiresAt),
            prosecutorDueAt: iso(a.prosecutorDueAt),
          })),
        }
      : null,
    decisions: d.decisions ? d.decisions.map((x) => ({ ...x })) : null,
    channels: d.channels ? d.channels.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })) : null,
    tips: d.tips ? { waiting: d.tips.waiting, cases: d.tips.cases.map((c) => ({ ...c, lastReceivedAt: c.lastReceivedAt.toISOString() })) } : null,
  };
}
