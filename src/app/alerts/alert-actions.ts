/**
 * The decision chain's actions, each a policy check then one event through applyToAlert: request
 * decisions, decide a step, publish on the urgent path, renew, end. The domain checks who may take
 * which step (role, jurisdiction, four eyes); the policy here checks who may act on alerts at all.
 */
import type { UserActor } from '../../domain/actor.ts';
import type { EndOutcome } from '../../domain/alert/alert-vocabulary.ts';
import type { DecisionStep } from '../../domain/alert/decision-record.ts';
import type { ProsecutorDecisionInput } from '../../domain/alert/prosecutor-decision.ts';
import type { Assessment } from '../../domain/case/assessment.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import type { Action } from '../../domain/policy/rules.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { applyToAlert } from './alert-events.ts';
import { type LoadedAlert, loadAlertRow } from './alert-store.ts';

async function authorised(ctx: AppContext, actor: UserActor, alertId: string, action: Action) {
  const row = await loadAlertRow(ctx.store.db, alertId);
  const caseRow = await loadCaseRow(ctx.store.db, row.case_id);
  assertAllowed(actor, action, { jurisdictionPath: caseJurisdictionPath(caseRow) });
  return { row, caseRow };
}

export async function requestAlertDecisions(ctx: AppContext, actor: UserActor, alertId: string): Promise<LoadedAlert> {
  const { caseRow } = await authorised(ctx, actor, alertId, 'alert.request');
  const assessment = caseRow.assessment as unknown as Assessment | null;
  return applyToAlert(ctx, actor, alertId, { type: 'request', actor, assessment: assessment ? { eligible: assessment.eligible, override: assessment.override } : null });
}

export async function decideAlert(
  ctx: AppContext,
  actor: UserActor,
  alertId: string,
  input: { step: DecisionStep; outcome: 'approved' | 'refused'; reason?: string | null; prosecutor?: ProsecutorDecisionInput | null },
): Promise<LoadedAlert> {
  await authorised(ctx, actor, alertId, 'alert.decide');
  return applyToAlert(ctx, actor, alertId, { type: 'decision', actor, step: input.step, outcome: input.outcome, reason: input.reason ?? null, prosecutor: input.prosecutor ?? null });
}

export async function urgentPublishAlert(ctx: AppContext, actor: UserActor, alertId: string, reason: string): Promise<LoadedAlert> {
  await authorised(ctx, actor, alertId, 'alert.urgent_publish');
  const hours = (await loadAlertRow(ctx.store.db, alertId)).draft.durationHours;
  const expiresAt = new Date(ctx.clock.now().getTime() + (typeof hours === 'number' ? hours : ctx.config.alerts.defaultHours) * 3_600_000);
  return applyToAlert(ctx, actor, alertId, { type: 'urgent_publish', actor, reason, expiresAt });
}

export async function renewAlert(ctx: AppContext, actor: UserActor, alertId: string, expiresAt: Date, reason: string): Promise<LoadedAlert> {
  await authorised(ctx, actor, alertId, 'alert.renew');
  return applyToAlert(ctx, actor, alertId, { type: 'renew', actor, expiresAt, reason });
}

export async function endAlert(ctx: AppContext, actor: UserActor, alertId: string, outcome: Exclude<EndOutcome, 'expired'>, reason: string): Promise<LoadedAlert> {
  await authorised(ctx, actor, alertId, 'alert.end');
  return applyToAlert(ctx, actor, alertId, { type: 'end', outcome, by: actor.id, reason });
}
