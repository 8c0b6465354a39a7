/**
 * Synthetic actors, times and shortcuts for the alert tests of this folder (no real person). The case
 * sits in Casablanca (MA-06 / MA-CAS); each role has one actor there, plus actors elsewhere and a
 * second member of the central command room for four-eyes cases.
 */
import { AppError } from '../errors.ts';
import type { AlertActor } from './alert-vocabulary.ts';
import { applyAlertEvent, draftAlert, type AlertEvent, type AlertState, type AlertStep } from './alert-lifecycle.ts';
import { DEFAULT_DECISION_CHAIN_CONFIG, type AssessmentGate, type DecisionChainConfig } from './decision-chain.ts';
import type { ProsecutorDecisionInput } from './prosecutor-decision.ts';

export const T0 = new Date('2026-03-11T14:00:00Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const CASE_PATH = ['MA', 'MA-06', 'MA-CAS'] as const;

const actor = (id: string, role: AlertActor['role'], path: readonly string[]): AlertActor => ({ id, role, jurisdiction: path.at(-1) ?? 'MA', jurisdictionPath: path });

export const officer = actor('u-officer', 'officer', ['MA', 'MA-06', 'MA-CAS', 'MA-CAS-U01']);
export const supervisor = actor('u-supervisor', 'supervisor', ['MA', 'MA-06', 'MA-CAS']);
export const supervisorRabat = actor('u-supervisor-rabat', 'supervisor', ['MA', 'MA-04', 'MA-RAB']);
export const central = actor('u-central', 'central_command', ['MA']);
export const central2 = actor('u-central-2', 'central_command', ['MA']);
export const centralRegional = actor('u-central-regional', 'central_command', ['MA', 'MA-06']);
export const liaison = actor('u-liaison', 'prosecutor_liaison', ['MA', 'MA-06', 'MA-CAS']);
export const communications = actor('u-comms', 'communications', ['MA']);

export const ELIGIBLE: AssessmentGate = { eligible: true, override: null };
export const CONFIG: DecisionChainConfig = DEFAULT_DECISION_CHAIN_CONFIG;
export const ONLY_CENTRAL: DecisionChainConfig = { ...DEFAULT_DECISION_CHAIN_CONFIG, requiredSteps: ['central_validation'] };

export const REFUSAL = 'Signalement trop imprécis pour une diffusion.';

export const PROSECUTOR: ProsecutorDecisionInput = {
  court: 'Parquet près le TPI de Casablanca (exercice)',
  fileReference: 'EX-2026/0042',
  magistrate: 'Magistrat fictif MARQUEUR-MAGISTRAT',
  decidedAt: '2026-03-11T13:50:00Z',
  conditions: 'Pas de photo sur les réseaux sociaux.',
  publishPhoto: true,
};

export const draft = (): AlertState => draftAlert({ id: 'alert-1', caseJurisdictionPath: CASE_PATH }, T0);

/** Applies events one minute apart from T0 + `start` minutes; returns every step. */
export function run(events: readonly AlertEvent[], options: { config?: DecisionChainConfig; from?: AlertState; start?: number } = {}): AlertStep[] {
  const steps: AlertStep[] = [];
  let alert = options.from ?? draft();
  events.forEach((e, i) => {
    const step = applyAlertEvent(alert, options.config ?? CONFIG, e, at((options.start ?? 0) + i + 1));
    steps.push(step);
    alert = step.alert;
  });
  return steps;
}

/** The final state after `events`. */
export const stateAfter = (events: readonly AlertEvent[], options: { config?: DecisionChainConfig; from?: AlertState; start?: number } = {}): AlertState => {
  const steps = run(events, options);
  return steps.at(-1)?.alert ?? options.from ?? draft();
};

export const REQUEST: AlertEvent = { type: 'request', actor: officer, assessment: ELIGIBLE };
type DecisionEvent = Extract<AlertEvent, { type: 'decision' }>;
export const SUPERVISOR_OK: DecisionEvent = { type: 'decision', step: 'supervisor_check', actor: supervisor, outcome: 'approved' };
export const CENTRAL_OK: DecisionEvent = { type: 'decision', step: 'central_validation', actor: central, outcome: 'approved' };
export const PROSECUTOR_OK: DecisionEvent = { type: 'decision', step: 'prosecutor_decision', actor: liaison, outcome: 'approved', prosecutor: PROSECUTOR };
export const EXPIRES = '2026-03-14T14:00:00Z';
export const PUBLISH: AlertEvent = { type: 'publish', by: null, expiresAt: EXPIRES };

/** Matchers for assert.throws. */
export const isError = (code: AppError['code'], pattern?: RegExp) => (e: unknown) => e instanceof AppError && e.code === code && (pattern === undefined || pattern.test(e.message));
export const invalidField = (field: string) => (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.errors.some((x) => x.field === field);

/** A deep-frozen copy: a function that mutates its input then throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}
