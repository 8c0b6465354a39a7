/**
 * The officers' dashboard for one user: open cases of their jurisdiction with the time since last
 * seen, alerts by state, the decisions waiting for them, and the channels in trouble. Each section
 * follows the reader's own permissions (null when their role may not see it) and their jurisdiction
 * scope (a police unit works for its whole province); cases show only their public subset, the same
 * as a case search, so the dashboard reveals nothing the reader could not open themselves.
 *
 * @example
 *   const snapshot = await dashboardFor(ctx, actor);
 *   snapshot.decisions?.[0]; // { alertId, caseReference: 'TFL-2026-000012', step: 'supervisor_check', … }
 */
import type { UserActor } from '../../domain/actor.ts';
import type { AlertState as AlertChainState } from '../../domain/alert/alert-lifecycle.ts';
import { inCaseJurisdiction, isNational } from '../../domain/alert/alert-input.ts';
import { nextStep, prosecutorStatus, STEP_ROLES, urgentPublication } from '../../domain/alert/decision-chain.ts';
import { DECISION_STEPS, type DecisionStep } from '../../domain/alert/decision-record.ts';
import { isOneOf } from '../../domain/case/case-record.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { accessScope, decide } from '../../domain/policy/policy.ts';
import type { AlertState } from '../../store/schema.ts';
import { alertCountsInScope, alertsInScope, openCasesInScope, tipsWaitingInScope, troubledDispatchesInScope, type ScopedAlertRow } from '../../store/repositories/live.repository.ts';
import type { AppContext } from '../context.ts';
import { caseAudience } from '../cases/case-access.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { publicSubset } from '../cases/read-case.ts';

export const DASHBOARD_LIMITS = { cases: 50, alerts: 50, decisions: 50, channels: 50, tipCases: 50 } as const;
/** A retraction that failed still shows for a day after the alert ended. */
const ENDED_TROUBLE_WINDOW_MS = 24 * 3_600_000;

export interface OpenCaseItem {
  readonly id: string;
  readonly reference: string;
  readonly status: string;
  readonly regionCode: string | null;
  readonly provinceCode: string | null;
  readonly lastSeenAt: Date;
  readonly openedAt: Date;
  readonly exercise: boolean;
  /** Public subset only: what a case search shows. */
  readonly publicRecord: PartialCaseRecord;
  readonly fullAccess: boolean;
}

export interface AlertItem {
  readonly id: string;
  readonly publicId: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly state: AlertState;
  readonly exercise: boolean;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly prosecutorDueAt: Date | null;
}

export interface DecisionItem {
  readonly alertId: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly step: DecisionStep;
  readonly requestedAt: string | null;
  /** Published on the urgent path: only the prosecutor's decision remains, due at `dueAt`. */
  readonly urgent: boolean;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly exercise: boolean;
}

export interface ChannelTroubleItem {
  readonly alertId: string;
  readonly publicId: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly alertState: AlertState;
  readonly channel: string;
  readonly version: number;
  readonly action: string;
  readonly status: string;
  readonly failed: number;
  readonly total: number;
  readonly updatedAt: Date;
}

export interface TipsWaitingItem {
  readonly caseId: string;
  readonly caseReference: string;
  /** Tips not yet looked at ('new'). */
  readonly waiting: number;
  readonly bestScore: number | null;
  readonly lastReceivedAt: Date;
}

export interface Dashboard {
  readonly generatedAt: Date;
  /** The jurisdiction the dashboard covers ("MA" for national staff; a unit's province). */
  readonly scope: string;
  readonly openCases: { readonly items: readonly OpenCaseItem[]; readonly total: number } | null;
  readonly alerts: { readonly byState: Readonly<Record<AlertState, number>>; readonly current: readonly AlertItem[] } | null;
  readonly decisions: readonly DecisionItem[] | null;
  readonly channels: readonly ChannelTroubleItem[] | null;
  /** Tips waiting for triage, per open case; null when the reader's role does not triage tips. */
  readonly tips: { readonly waiting: number; readonly cases: readonly TipsWaitingItem[] } | null;
}

const DECIDING_ROLES = new Set(Object.values(STEP_ROLES));

const pathOfAlert = (r: Pick<ScopedAlertRow, 'case_region_code' | 'case_province_code' | 'case_jurisdiction_code'>) =>
  caseJurisdictionPath({ region_code: r.case_region_code, province_code: r.case_province_code, jurisdiction_code: r.case_jurisdiction_code });

const alertItem = (r: ScopedAlertRow): AlertItem => ({
  id: r.id,
  publicId: r.public_id,
  caseId: r.case_id,
  caseReference: r.case_reference,
  state: r.state,
  exercise: r.is_exercise,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  expiresAt: r.expires_at,
  prosecutorDueAt: r.prosecutor_due_at,
});

/** The step this actor may take now on this alert, under the chain's rules (role, level, four eyes). */
function stepFor(actor: UserActor, state: AlertChainState): DecisionStep | null {
  const step = nextStep(state);
  if (step === null || STEP_ROLES[step] !== actor.role) return null;
  if (step === 'central_validation' ? !isNational(actor) : !inCaseJurisdiction(actor, state.caseJurisdictionPath)) return null;
  if (state.request?.by.id === actor.id) return null;
  if (state.decisions.some((d) => d.actorId === actor.id && d.kind !== step && isOneOf(DECISION_STEPS, d.kind))) return null;
  return step;
}

async function decisionsFor(ctx: AppContext, actor: UserActor, scope: string): Promise<DecisionItem[]> {
  const now = ctx.clock.now();
  // Central validation is national: the central command room sees every request.
  const rows = await alertsInScope(ctx.store.db, scope, ['awaiting_decisions', 'active'], 500);
  const items: DecisionItem[] = [];
  for (const row of rows) {
    const state = row.chain as unknown as AlertChainState;
    const step = stepFor(actor, state);
    if (step === null) continue;
    const status = prosecutorStatus(state, now);
    const urgent = urgentPublication(state) !== undefined;
    items.push({
      alertId: row.id,
      caseId: row.case_id,
      caseReference: row.case_reference,
      step,
      requestedAt: state.request?.at ?? null,
      urgent,
      dueAt: status.status === 'pending' || status.status === 'overdue' ? status.dueAt : null,
      overdue: status.status === 'overdue',
      exercise: row.is_exercise,
    });
  }
  // Overdue first, then the soonest due, then the oldest request.
  return items
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || (a.requestedAt ?? '').localeCompare(b.requestedAt ?? ''))
    .slice(0, DASHBOARD_LIMITS.decisions);
}

export async function dashboardFor(ctx: AppContext, actor: UserActor): Promise<Dashboard> {
  const scope = accessScope(actor);
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const mayReadCases = decide(actor, 'case.read_summary').allowed;
  const mayReadAlerts = decide(actor, 'alert.list').allowed && decide(actor, 'alert.read').allowed;
  const inReach = (path: readonly string[]) => decide(actor, 'alert.read', { jurisdictionPath: path }).allowed;

  const mayReadTips = decide(actor, 'tip.read').allowed;
  const [cases, counts, current, decisions, troubled, tips] = await Promise.all([
    mayReadCases ? openCasesInScope(db, scope, DASHBOARD_LIMITS.cases) : undefined,
    mayReadAlerts ? alertCountsInScope(db, scope) : undefined,
    mayReadAlerts ? alertsInScope(db, scope, ['draft', 'awaiting_decisions', 'active'], DASHBOARD_LIMITS.alerts) : undefined,
    DECIDING_ROLES.has(actor.role) ? decisionsFor(ctx, actor, scope) : undefined,
    mayReadAlerts ? troubledDispatchesInScope(db, scope, new Date(now.getTime() - ENDED_TROUBLE_WINDOW_MS), DASHBOARD_LIMITS.channels) : undefined,
    mayReadTips ? tipsWaitingInScope(db, scope, DASHBOARD_LIMITS.tipCases) : undefined,
  ]);
  const tipCases = (tips ?? [])
    .filter((r) => decide(actor, 'tip.read', { jurisdictionPath: pathOfAlert(r) }).allowed)
    .map((r) => ({ caseId: r.case_id, caseReference: r.case_reference, waiting: r.waiting, bestScore: r.best_score, lastReceivedAt: r.last_received_at }));

  const byState: Record<AlertState, number> = { draft: 0, awaiting_decisions: 0, active: 0, ended: 0, refused: 0 };
  for (const c of counts ?? []) byState[c.state] = c.n;

  return {
    generatedAt: now,
    scope,
    openCases: cases
      ? {
          total: cases.total,
          items: cases.rows.map((row) => ({
            id: row.id,
            reference: row.reference,
            status: row.status,
            regionCode: row.region_code,
            provinceCode: row.province_code,
            lastSeenAt: row.last_seen_at,
            openedAt: row.opened_at,
            exercise: row.is_exercise,
            publicRecord: publicSubset(row),
            fullAccess: caseAudience(actor, row, caseJurisdictionPath(row)) === 'case_officer',
          })),
        }
      : null,
    alerts: counts && current ? { byState, current: current.filter((r) => inReach(pathOfAlert(r))).map(alertItem) } : null,
    decisions: decisions ?? null,
    channels: troubled
      ? troubled
          .filter((d) => inReach(pathOfAlert(d)))
          .map((d) => ({
            alertId: d.alert_id,
            publicId: d.public_id,
            caseId: d.case_id,
            caseReference: d.case_reference,
            alertState: d.alert_state,
            channel: d.channel,
            version: d.version,
            action: d.action,
            status: d.status,
            failed: d.dead,
            total: d.total,
            updatedAt: d.updated_at,
          }))
      : null,
    tips: tips ? { waiting: tipCases.reduce((n, c) => n + c.waiting, 0), cases: tipCases } : null,
  };
}
