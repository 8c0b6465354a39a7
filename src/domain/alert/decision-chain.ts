/**
 * The decision chain before (and, on the urgent path, just after) an alert is published: an officer
 * requests it, a supervisor of the case's jurisdiction checks it, the central command room validates
 * it, and the prosecutor liaison records the public prosecutor's decision. Which steps are required is
 * configuration, fixed for each request when it is made (a configuration change never alters a request
 * already under way). The urgent path lets the central command room publish at once; the prosecutor's
 * decision then falls due within a configured delay, and is overdue after it.
 *
 * Rules: each step is taken by one role (the supervisor within the case's jurisdiction, the central
 * command room and the urgent publication at national level, the prosecutor liaison within the case's
 * jurisdiction); four eyes (the requester decides nothing about their own request, and no one takes two
 * steps); steps in order; a refusal needs a written reason and ends the request; nothing is decided
 * on a refused or ended alert, nor twice.
 *
 * These functions change only the chain: publishing, updating and ending (the versions) are the
 * lifecycle's, in alert-lifecycle.ts, which calls these. Use the lifecycle from use cases.
 *
 * @example
 *   let s = requestAlert(draft, config, { actor: officer, assessment }, now);
 *   ({ state: s } = decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, now));
 *   nextStep(s); // 'central_validation'
 *   prosecutorStatus(s, now); // { status: 'pending', dueAt: null }
 */
import type { Role } from '../actor.ts';
import type { Assessment } from '../case/assessment.ts';
import type { IsoInstant } from '../case/case-record.ts';
import { isOneOf } from '../case/case-record.ts';
import { AppError } from '../errors.ts';
import { ALERT_REASON_LENGTH, inCaseJurisdiction, isNational, optionalText, writtenReason } from './alert-input.ts';
import { REQUESTER_ROLES, type AlertActor, type AlertStatus } from './alert-vocabulary.ts';
import { appendDecision, DECISION_OUTCOMES, DECISION_STEPS, type DecisionOutcome, type DecisionRecord, type DecisionStep } from './decision-record.ts';
import { prosecutorDecision, type ProsecutorDecisionInput } from './prosecutor-decision.ts';

export interface DecisionChainConfig {
  /** A non-empty selection of DECISION_STEPS, in that order. */
  readonly requiredSteps: readonly DecisionStep[];
  /** On the urgent path, minutes between publication and the prosecutor's decision falling due. */
  readonly prosecutorDelayMinutes: number;
  /** Whether the central command room may publish before the chain is complete. */
  readonly urgentAllowed: boolean;
}

export const DEFAULT_DECISION_CHAIN_CONFIG: DecisionChainConfig = {
  requiredSteps: DECISION_STEPS,
  prosecutorDelayMinutes: 120,
  urgentAllowed: true,
};

/** The longest prosecutor delay accepted: one week. */
export const MAX_PROSECUTOR_DELAY_MINUTES = 7 * 24 * 60;

/**
 * Returns the configuration when it is usable; throws a RangeError naming the setting otherwise
 * (a deployment mistake, found at start-up). At least one step is required, so every alert passes
 * at least one pair of eyes other than the requester's.
 */
export function checkDecisionChainConfig(config: DecisionChainConfig): DecisionChainConfig {
  const steps = config.requiredSteps;
  if (steps.length === 0) throw new RangeError('Decision chain: requiredSteps must name at least one step.');
  for (const [i, step] of steps.entries()) {
    if (!isOneOf(DECISION_STEPS, step)) throw new RangeError(`Decision chain: requiredSteps[${i}] is not one of ${DECISION_STEPS.join(', ')}.`);
    const prev = steps[i - 1];
    if (prev !== undefined && DECISION_STEPS.indexOf(prev) >= DECISION_STEPS.indexOf(step)) {
      throw new RangeError(`Decision chain: requiredSteps must be distinct and in the order ${DECISION_STEPS.join(', ')}.`);
    }
  }
  const delay = config.prosecutorDelayMinutes;
  if (!Number.isInteger(delay) || delay < 1 || delay > MAX_PROSECUTOR_DELAY_MINUTES) {
    throw new RangeError(`Decision chain: prosecutorDelayMinutes must be a whole number from 1 to ${MAX_PROSECUTOR_DELAY_MINUTES}.`);
  }
  return config;
}

/** The role that takes each step. */
export const STEP_ROLES: { readonly [S in DecisionStep]: Role } = {
  supervisor_check: 'supervisor',
  central_validation: 'central_command',
  prosecutor_decision: 'prosecutor_liaison',
};

export interface AlertRequest {
  readonly by: { readonly id: string; readonly role: Role; readonly jurisdiction: string };
  readonly at: IsoInstant;
  /** Whether the case met the activation criteria, or an officer overrode the assessment. */
  readonly basis: 'criteria_met' | 'override';
  /** The configuration's steps when the request was made. */
  readonly requiredSteps: readonly DecisionStep[];
}

/** What the chain needs of an alert. The lifecycle's AlertState extends it. */
export interface DecisionChainState {
  /** The alert's id: bound into every decision's hash. */
  readonly id: string;
  readonly status: AlertStatus;
  /** The case's jurisdiction path, e.g. ["MA", "MA-06", "MA-CAS"]. */
  readonly caseJurisdictionPath: readonly string[];
  readonly request: AlertRequest | null;
  /** Oldest first; a hash chain (decision-record.ts). */
  readonly decisions: readonly DecisionRecord[];
}

/** What the alert request needs of the case's assessment. */
export type AssessmentGate = Pick<Assessment, 'eligible' | 'override'>;

export interface RequestInput {
  readonly actor: AlertActor;
  /** The case's current assessment; null when the case was never assessed. */
  readonly assessment: AssessmentGate | null;
}

export interface DecisionInput {
  readonly step: DecisionStep;
  readonly actor: AlertActor;
  readonly outcome: DecisionOutcome;
  /** Required (10 to 2000 characters) for a refusal; an optional comment for an approval. */
  readonly reason?: string | null;
  /** Required for, and only for, the prosecutor_decision step. */
  readonly prosecutor?: ProsecutorDecisionInput | null;
}

export interface UrgentInput {
  readonly actor: AlertActor;
  /** Why the alert cannot wait for the remaining steps (10 to 2000 characters). */
  readonly reason: string;
}

export interface DecisionResult<S extends DecisionChainState> {
  readonly state: S;
  readonly record: DecisionRecord;
}

const conflict = (detail: string) => new AppError('conflict', detail);
const forbidden = (detail: string) => new AppError('forbidden', detail);

/** The urgent publication record, if the alert took the urgent path. */
export const urgentPublication = (state: DecisionChainState): DecisionRecord | undefined => state.decisions.find((d) => d.kind === 'urgent_publication');

/** The decision taken on a step, if any. */
export const stepDecision = (state: DecisionChainState, step: DecisionStep): DecisionRecord | undefined => state.decisions.find((d) => d.kind === step);

function assertNotClosed(state: DecisionChainState): void {
  if (state.status === 'refused') throw conflict('This alert request was refused; no further decision can be taken. A new request starts a new alert.');
  if (state.status === 'ended') throw conflict('This alert has ended; no further decision can be taken.');
}

/**
 * The officer (or a supervisor, or the central command room) asks for the alert. Only from draft, only
 * within the case's jurisdiction, and only when the assessment is eligible (met or overridden).
 */
export function requestAlert<S extends DecisionChainState>(state: S, config: DecisionChainConfig, input: RequestInput, now: Date): S {
  const { actor, assessment } = input;
  if (!REQUESTER_ROLES.includes(actor.role)) throw forbidden('Only an officer, a supervisor or the central command room may request an alert.');
  if (!inCaseJurisdiction(actor, state.caseJurisdictionPath)) throw forbidden('This case is outside your jurisdiction.');
  if (state.status !== 'draft') throw conflict(`An alert in status "${state.status}" cannot be requested again.`);
  if (assessment === null) throw new AppError('unprocessable', 'The case must be assessed before an alert is requested.');
  if (!assessment.eligible) throw new AppError('unprocessable', 'The case does not meet the activation criteria; an officer may override the assessment with a written reason.');
  const { requiredSteps } = checkDecisionChainConfig(config);
  return {
    ...state,
    status: 'awaiting_decisions',
    request: {
      by: { id: actor.id, role: actor.role, jurisdiction: actor.jurisdiction },
      at: now.toISOString(),
      basis: assessment.override ? 'override' : 'criteria_met',
      requiredSteps: [...requiredSteps],
    },
  };
}

function assertMayTakeStep(state: DecisionChainState, step: DecisionStep, actor: AlertActor): void {
  const role = STEP_ROLES[step];
  if (actor.role !== role) throw forbidden(`The ${step} step is taken by the role ${role}.`);
  if (step === 'central_validation' ? !isNational(actor) : !inCaseJurisdiction(actor, state.caseJurisdictionPath)) {
    throw forbidden(step === 'central_validation' ? 'The central validation is taken at national level.' : 'This case is outside your jurisdiction.');
  }
  if (state.request?.by.id === actor.id) throw forbidden('Four eyes: you cannot decide on your own request.');
  // The same step again is not a four-eyes matter but a conflict (assertStepOpen), e.g. a double submission.
  const other = state.decisions.find((d) => d.actorId === actor.id && d.kind !== step && isOneOf(DECISION_STEPS, d.kind));
  if (other) throw forbidden(`Four eyes: you already took the ${other.kind} step of this alert.`);
}

function assertStepOpen(state: DecisionChainState, step: DecisionStep): void {
  assertNotClosed(state);
  const request = state.request;
  if (state.status === 'draft' || request === null) throw conflict('This alert has not been requested yet.');
  if (!request.requiredSteps.includes(step)) throw new AppError('unprocessable', `The ${step} step is not part of this alert's decision chain.`);
  if (stepDecision(state, step)) throw conflict(`The ${step} step has already been decided.`);
  if (urgentPublication(state)) {
    if (step !== 'prosecutor_decision') throw conflict("This alert was published on the urgent path; only the prosecutor's decision remains.");
    return;
  }
  if (state.status === 'active') throw conflict('This alert is already published.');
  const waiting = request.requiredSteps.slice(0, request.requiredSteps.indexOf(step)).find((s) => !stepDecision(state, s));
  if (waiting) throw conflict(`The ${step} step comes after the ${waiting} step.`);
}

/**
 * Records one step's decision. Throws forbidden (wrong role, jurisdiction, four eyes), conflict
 * (not requested, refused, ended, already published, step already decided, out of order),
 * unprocessable (a step this chain does not require) or validation_failed (the reason or the
 * prosecutor's decision). A refusal while awaiting decisions turns the alert 'refused'; a refusal of
 * the prosecutor after an urgent publication leaves it 'active' here: the lifecycle withdraws it.
 */
export function decide<S extends DecisionChainState>(state: S, input: DecisionInput, now: Date): DecisionResult<S> {
  const { step, actor, outcome } = input;
  if (!isOneOf(DECISION_STEPS, step)) throw new AppError('validation_failed', 'Unknown decision step.', { errors: [{ field: '/step', message: `must be one of ${DECISION_STEPS.join(', ')}` }] });
  if (!isOneOf(DECISION_OUTCOMES, outcome)) throw new AppError('validation_failed', 'Unknown decision outcome.', { errors: [{ field: '/outcome', message: 'must be approved or refused' }] });
  assertMayTakeStep(state, step, actor);
  assertStepOpen(state, step);
  const reason = outcome === 'refused' ? writtenReason(input.reason) : optionalText(input.reason, '/reason', ALERT_REASON_LENGTH.max);
  if (step !== 'prosecutor_decision' && input.prosecutor !== undefined && input.prosecutor !== null) {
    throw new AppError('validation_failed', "Only the prosecutor_decision step carries the prosecutor's decision.", { errors: [{ field: '/prosecutor', message: 'is only for the prosecutor_decision step' }] });
  }
  const prosecutor = step === 'prosecutor_decision' ? prosecutorDecision(input.prosecutor, outcome, now) : null;
  const record = appendDecision(state.id, state.decisions, {
    kind: step,
    outcome,
    actorId: actor.id,
    actorRole: actor.role,
    actorJurisdiction: actor.jurisdiction,
    at: now.toISOString(),
    reason,
    prosecutor,
    prosecutorDueAt: null,
    expiresAt: null,
  });
  const status: AlertStatus = outcome === 'refused' && state.status === 'awaiting_decisions' ? 'refused' : state.status;
  return { state: { ...state, status, decisions: [...state.decisions, record] }, record };
}

/**
 * The central command room authorises publication before the chain is complete. The prosecutor's
 * decision (when the chain requires one and it is not recorded yet) falls due at now + the configured
 * delay. The status stays 'awaiting_decisions' here with readyToPublish() true; the lifecycle's
 * urgent_publish event publishes in the same step.
 */
export function urgentPublish<S extends DecisionChainState>(state: S, config: DecisionChainConfig, input: UrgentInput, now: Date): DecisionResult<S> {
  const { actor } = input;
  if (!config.urgentAllowed) throw new AppError('unprocessable', 'The urgent path is disabled by configuration.');
  if (actor.role !== 'central_command') throw forbidden('Only the central command room may publish on the urgent path.');
  if (!isNational(actor)) throw forbidden('The urgent publication is decided at national level.');
  if (state.request?.by.id === actor.id) throw forbidden('Four eyes: you cannot decide on your own request.');
  assertNotClosed(state);
  if (state.status === 'draft' || state.request === null) throw conflict('This alert has not been requested yet.');
  if (state.status === 'active') throw conflict('This alert is already published.');
  if (urgentPublication(state)) throw conflict('This alert is already authorised on the urgent path.');
  const reason = writtenReason(input.reason);
  const { prosecutorDelayMinutes } = checkDecisionChainConfig(config);
  const prosecutorDue = state.request.requiredSteps.includes('prosecutor_decision') && !stepDecision(state, 'prosecutor_decision');
  const record = appendDecision(state.id, state.decisions, {
    kind: 'urgent_publication',
    outcome: 'approved',
    actorId: actor.id,
    actorRole: actor.role,
    actorJurisdiction: actor.jurisdiction,
    at: now.toISOString(),
    reason,
    prosecutor: null,
    prosecutorDueAt: prosecutorDue ? new Date(now.getTime() + prosecutorDelayMinutes * 60_000).toISOString() : null,
    expiresAt: null,
  });
  return { state: { ...state, decisions: [...state.decisions, record] }, record };
}

/** The next step to take, or null when none is open (not requested, complete, refused or ended). */
export function nextStep(state: DecisionChainState): DecisionStep | null {
  if ((state.status !== 'awaiting_decisions' && state.status !== 'active') || state.request === null) return null;
  const open = state.request.requiredSteps.filter((s) => !stepDecision(state, s));
  if (urgentPublication(state)) return open.includes('prosecutor_decision') ? 'prosecutor_decision' : null;
  return state.status === 'awaiting_decisions' ? (open[0] ?? null) : null;
}

/** True when the alert may be published: every required step approved, or the urgent path taken. */
export function readyToPublish(state: DecisionChainState): boolean {
  if (state.status !== 'awaiting_decisions' || state.request === null) return false;
  if (urgentPublication(state)) return true;
  return state.request.requiredSteps.every((s) => stepDecision(state, s)?.outcome === 'approved');
}

/**
 * Where the prosecutor's decision stands:
 * - not_required: the chain does not include it, or the request ended before it was needed;
 * - pending: awaited; `dueAt` is set on the urgent path (null on the standard path, where it simply blocks publication);
 * - overdue: the urgent path's delay has passed without it — the use case escalates;
 * - recorded: taken (`late` when recorded after the urgent path's due time);
 * - lapsed: the alert ended on the urgent path before it was recorded (nothing can be recorded any more,
 *   but the file must show that the publication was never covered).
 */
export type ProsecutorStatus =
  | { readonly status: 'not_required' }
  | { readonly status: 'pending'; readonly dueAt: IsoInstant | null }
  | { readonly status: 'overdue'; readonly dueAt: IsoInstant; readonly minutesOverdue: number }
  | { readonly status: 'recorded'; readonly outcome: DecisionOutcome; readonly recordedAt: IsoInstant; readonly late: boolean }
  | { readonly status: 'lapsed'; readonly dueAt: IsoInstant };

export function prosecutorStatus(state: DecisionChainState, now: Date): ProsecutorStatus {
  if (state.request === null || !state.request.requiredSteps.includes('prosecutor_decision')) return { status: 'not_required' };
  const dueAt = urgentPublication(state)?.prosecutorDueAt ?? null;
  const recorded = stepDecision(state, 'prosecutor_decision');
  if (recorded) return { status: 'recorded', outcome: recorded.outcome, recordedAt: recorded.at, late: dueAt !== null && Date.parse(recorded.at) > Date.parse(dueAt) };
  if (dueAt === null) return state.status === 'awaiting_decisions' ? { status: 'pending', dueAt: null } : { status: 'not_required' };
  if (state.status === 'ended' || state.status === 'refused') return { status: 'lapsed', dueAt };
  const late = now.getTime() - Date.parse(dueAt);
  return late > 0 ? { status: 'overdue', dueAt, minutesOverdue: Math.floor(late / 60_000) } : { status: 'pending', dueAt };
}
