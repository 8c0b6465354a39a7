/**
 * The decision chain of an alert as the console shows it: each required step with its decision (if
 * taken), and the step the signed-in user may take now. The rules mirror the server's
 * (src/domain/alert/decision-chain.ts: role per step, four eyes, order, urgent path); the server
 * still decides.
 *
 * @example
 *   const mine = myStep(alert, session); // 'supervisor_check' | null
 */
import type { AlertView, DecisionRecordView, DecisionStep, Role, SessionView } from '../../api/types.ts';

export const STEP_ROLES: Readonly<Record<DecisionStep, Role>> = {
  supervisor_check: 'supervisor',
  central_validation: 'central_command',
  prosecutor_decision: 'prosecutor_liaison',
};

const isStep = (k: string): k is DecisionStep => k in STEP_ROLES;

export const urgentRecord = (a: AlertView): DecisionRecordView | undefined => a.decisions.find((d) => d.kind === 'urgent_publication');

/** The next open step, as the server computes it (nextStep). */
export function nextStep(a: AlertView): DecisionStep | null {
  if ((a.state !== 'awaiting_decisions' && a.state !== 'active') || !a.request) return null;
  const open = a.request.requiredSteps.filter((s) => !a.decisions.some((d) => d.kind === s));
  if (urgentRecord(a)) return open.includes('prosecutor_decision') ? 'prosecutor_decision' : null;
  return a.state === 'awaiting_decisions' ? (open[0] ?? null) : null;
}

export function myStep(a: AlertView, user: Pick<SessionView, 'id' | 'role'>): DecisionStep | null {
  const step = nextStep(a);
  if (!step || STEP_ROLES[step] !== user.role) return null;
  if (a.request?.by.id === user.id) return null;
  if (a.decisions.some((d) => d.actorId === user.id && isStep(d.kind) && d.kind !== step)) return null;
  return step;
}

export interface StepView {
  readonly step: DecisionStep;
  readonly decision: DecisionRecordView | null;
  readonly current: boolean;
}

export function chainOf(a: AlertView): StepView[] {
  const next = nextStep(a);
  return (a.request?.requiredSteps ?? []).map((step) => ({ step, decision: a.decisions.find((d) => d.kind === step) ?? null, current: step === next }));
}
