/**
 * Moves a case through its lifecycle (domain/case/case-lifecycle.ts): request an alert, close with an
 * outcome, reopen with a reason. The state machine decides; this writes the new status, the history
 * event and the audit entry together. Closing also ends the case's alert (app/alerts/alert-closure.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, TokenActor, UserActor } from '../../domain/actor.ts';
import type { DB } from '../../store/schema.ts';
import { type CaseEvent, applyCaseEvent } from '../../domain/case/case-lifecycle.ts';
import { CLOSURE_OUTCOMES, isOneOf } from '../../domain/case/case-record.ts';
import { AppError } from '../../domain/errors.ts';
import type { Action } from '../../domain/policy/rules.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { findCase, insertCaseEvent, updateCaseStatus } from '../../store/repositories/cases.repository.ts';
import { audit } from '../audit/audit.ts';
import { endAlertOnClosure } from '../alerts/alert-closure.ts';
import { alertsChangedHere } from '../alerts/public-alerts.ts';
import type { AppContext } from '../context.ts';
import { type CaseMeta, caseJurisdictionPath, caseMeta } from './case-view.ts';
import { loadCaseRow } from './read-case.ts';

const ACTION_OF: Record<CaseEvent['type'], Action> = {
  request_alert: 'case.update',
  decline_alert_request: 'case.update',
  alert_published: 'case.update',
  alert_ended: 'case.update',
  close: 'case.close',
  reopen: 'case.reopen',
};

export async function transitionCase(ctx: AppContext, actor: UserActor | TokenActor, id: string, event: CaseEvent): Promise<CaseMeta> {
  const row = await loadCaseRow(ctx.store.db, id);
  assertAllowed(actor, ACTION_OF[event.type], { jurisdictionPath: caseJurisdictionPath(row) });
  await ctx.store.db.transaction().execute(async (trx) => {
    // A closed case keeps no live alert: its alert ends (Cancel, retraction) in this same transaction.
    if (event.type === 'close') await endAlertOnClosure(trx, ctx, actor, id, event.outcome);
    await applyCaseEventIn(trx, ctx, actor, id, event);
  });
  if (event.type === 'close') alertsChangedHere();
  return caseMeta(await loadCaseRow(ctx.store.db, id));
}

/**
 * Applies a lifecycle event to a case inside the caller's transaction (the alert use cases move the
 * case along with the alert). The caller has checked the actor's right to the action that caused it.
 */
export async function applyCaseEventIn(trx: Transaction<DB>, ctx: AppContext, actor: Actor, id: string, event: CaseEvent): Promise<void> {
  const current = await findCase(trx, id, { forUpdate: true });
  if (!current) throw new AppError('not_found', 'No case with this id.');
  const now = ctx.clock.now();
  const outcome = current.closure_outcome;
  const closure =
    current.status === 'closed' && current.closed_at && isOneOf(CLOSURE_OUTCOMES, outcome)
      ? { outcome, reason: current.closure_reason ?? '', at: current.closed_at.toISOString(), recordedAt: current.updated_at.toISOString() }
      : null;
  const { lifecycle, transition } = applyCaseEvent({ state: current.status, since: current.updated_at.toISOString(), closure }, event, now);
  await updateCaseStatus(trx, id, now, {
    status: lifecycle.state,
    closedAt: lifecycle.closure ? new Date(lifecycle.closure.at) : null,
    closureOutcome: lifecycle.closure?.outcome ?? null,
    closureReason: lifecycle.closure?.reason ?? null,
  });
  await insertCaseEvent(trx, {
    id: randomUUID(),
    case_id: id,
    at: now,
    kind: event.type,
    from_status: transition.from,
    to_status: transition.to,
    reason: transition.reason,
    outcome: transition.outcome,
    actor_id: actor.kind === 'user' || actor.kind === 'api_token' ? actor.id : null,
  });
  await audit(trx, ctx.clock, actor, {
    objectType: 'case',
    objectId: id,
    action: `case.${event.type}`,
    details: { from: transition.from, to: transition.to, ...(event.type === 'close' ? { outcome: event.outcome } : {}) },
  });
}
