/**
 * Every change of an alert's state goes through here: the domain (applyAlertEvent) decides; this writes
 * the new state, the decision record, the published versions (view + CAP), the case's matching lifecycle
 * event and the audit entries, all in one transaction under the alert's row lock. When the last required
 * decision is approved, version 1 is published in the same transaction: there is never a partial version.
 *
 * @example
 *   await applyToAlert(ctx, actor, alertId, { type: 'decision', step: 'supervisor_check', actor, outcome: 'approved' });
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { type AlertEvent, type AlertState, type AlertStep, applyAlertEvent } from '../../domain/alert/alert-lifecycle.ts';
import { checkDecisionChainConfig, type DecisionChainConfig } from '../../domain/alert/decision-chain.ts';
import { decisionAuditDetails } from '../../domain/alert/decision-record.ts';
import { AppError } from '../../domain/errors.ts';
import { insertDecision, updateAlert } from '../../store/repositories/alerts.repository.ts';
import type { DB } from '../../store/schema.ts';
import { type AuditEvent, auditAll } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { alertsChangedHere } from './public-alerts.ts';
import { applyCaseEventIn } from '../cases/transition-case.ts';
import type { AlertDraft } from './alert-draft.ts';
import { type LoadedAlert, decodeAlert, lockAlert } from './alert-store.ts';
import { storeVersion } from './publish-version.ts';

export function chainConfig(ctx: AppContext): DecisionChainConfig {
  return checkDecisionChainConfig({ requiredSteps: ctx.config.alerts.requiredSteps, prosecutorDelayMinutes: ctx.config.alerts.prosecutorDelayMinutes, urgentAllowed: true });
}

/** Writes one step; its audit entries are pushed onto `audits`, for the caller to append last. */
async function persistStep(trx: Transaction<DB>, ctx: AppContext, actor: Actor, loaded: LoadedAlert, step: AlertStep, draft: AlertDraft, audits: AuditEvent[]): Promise<LoadedAlert> {
  const { row } = loaded;
  const state = step.alert;
  if (step.decision) {
    const d = step.decision;
    await insertDecision(trx, { alert_id: row.id, seq: d.seq, kind: d.kind, outcome: d.outcome, decided_by: d.actorId, decided_at: new Date(d.at), hash: d.hash, record: d as unknown as Record<string, unknown> });
    audits.push({ objectType: 'alert', objectId: row.id, action: `alert.decision.${d.kind}`, details: decisionAuditDetails(d) });
  }
  const urgent = state.decisions.find((d) => d.kind === 'urgent_publication');
  const next: LoadedAlert = { row: { ...row, chain: state as unknown as Record<string, unknown>, draft: draft as unknown as Record<string, unknown> }, state, draft };
  if (step.version) await storeVersion(trx, ctx, next, step.version);
  const saved = await updateAlert(trx, row.id, row.revision, ctx.clock.now(), {
    state: state.status,
    chain: state as unknown as Record<string, unknown>,
    draft: draft as unknown as Record<string, unknown>,
    expiresAt: state.expiresAt ? new Date(state.expiresAt) : null,
    ...(step.version?.msgType === 'Alert' ? { publishedAt: new Date(step.version.at) } : {}),
    endedAt: state.ending ? new Date(state.ending.at) : null,
    endOutcome: state.ending?.outcome ?? null,
    prosecutorDueAt: urgent?.prosecutorDueAt ? new Date(urgent.prosecutorDueAt) : null,
    currentVersion: state.versions.length,
  });
  if (!saved) throw new AppError('conflict', 'The alert changed while this was being saved; reload it.');
  if (step.caseEvent) await applyCaseEventIn(trx, ctx, actor, row.case_id, step.caseEvent);
  audits.push({
    objectType: 'alert',
    objectId: row.id,
    action: `alert.${step.transition.event}`,
    details: { from: step.transition.from, to: step.transition.to, version: step.version?.number ?? null, msgType: step.version?.msgType ?? null },
  });
  const fresh = await lockAlert(trx, row.id);
  return fresh;
}

/**
 * Applies `event` (and the publication it makes due) to the alert. `changeDraft` lets an update edit the
 * draft in the same transaction before its version is built.
 */
export async function applyToAlert(ctx: AppContext, actor: Actor, alertId: string, event: AlertEvent, changeDraft?: (draft: AlertDraft, state: AlertState) => AlertDraft): Promise<LoadedAlert> {
  const loaded = await ctx.store.db.transaction().execute((trx) => applyToAlertIn(trx, ctx, actor, alertId, event, changeDraft));
  alertsChangedHere();
  return loaded;
}

/** applyToAlert inside the caller's transaction (closing a case ends its alert in the closing transaction). */
export async function applyToAlertIn(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  alertId: string,
  event: AlertEvent,
  changeDraft?: (draft: AlertDraft, state: AlertState) => AlertDraft,
): Promise<LoadedAlert> {
  const config = chainConfig(ctx);
  const loaded = await lockAlert(trx, alertId);
  const now = ctx.clock.now();
  const draft = changeDraft ? changeDraft(loaded.draft, loaded.state) : loaded.draft;
  const step = applyAlertEvent(loaded.state, config, event, now);
  const audits: AuditEvent[] = [];
  let current = await persistStep(trx, ctx, actor, loaded, step, draft, audits);
  if (step.readyToPublish) {
    const expiresAt = new Date(now.getTime() + draft.durationHours * 3_600_000);
    const publish = applyAlertEvent(current.state, config, { type: 'publish', by: actor.kind === 'user' ? actor.id : null, expiresAt }, now);
    current = await persistStep(trx, ctx, actor, current, publish, draft, audits);
  }
  // Last: an append holds the audit chain's lock until commit, and every audited transaction (each tip
  // batch among them) waits for it; building a version (zone cells, CAP, poster) must not run under it.
  await auditAll(trx, ctx.clock, audits.map((event) => ({ actor, event })));
  return decodeAlert(current.row);
}
