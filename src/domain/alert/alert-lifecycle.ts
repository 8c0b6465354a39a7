/**
 * The life of an alert: draft → awaiting_decisions → active → ended (found, withdrawn, expired), or
 * refused by a decision. Each published form of the alert is a numbered, immutable version: the first
 * is an Alert, each update (photo, sighting, zone, text, renewal of the expiry) an Update, and the
 * ending a Cancel; every version references all earlier ones. Nothing follows a Cancel.
 *
 * `applyAlertEvent` is the one entry point for use cases. It either throws an AppError (conflict for
 * a transition the status does not allow, forbidden, validation_failed naming the field,
 * unprocessable) or returns everything the transaction must write: the new alert state, the
 * transition (history and audit), the decision record, the new version, and the case event it implies
 * (apply it to the case with applyCaseEvent in the same transaction). A version's content (texts,
 * photo, zone, CAP document) is the use case's, stored under the version number given here.
 *
 * @example
 *   let a = draftAlert({ id, caseJurisdictionPath: ['MA', 'MA-06', 'MA-CAS'] }, now);
 *   ({ alert: a } = applyAlertEvent(a, config, { type: 'request', actor: officer, assessment }, now));
 *   const step = applyAlertEvent(a, config, { type: 'decision', step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, now);
 *   if (step.readyToPublish) applyAlertEvent(step.alert, config, { type: 'publish', by: null, expiresAt }, now); // version 1, Alert
 */
import type { CaseEvent } from '../case/case-lifecycle.ts';
import type { IsoInstant } from '../case/case-record.ts';
import { isOneOf } from '../case/case-record.ts';
import { AppError } from '../errors.ts';
import { caseEventFor } from './alert-case-link.ts';
import { instantInput, isNational, writtenReason } from './alert-input.ts';
import { END_OUTCOMES, UPDATE_KINDS, type AlertActor, type AlertStatus, type EndOutcome, type UpdateKind } from './alert-vocabulary.ts';
import {
  decide,
  readyToPublish,
  requestAlert,
  stepDecision,
  urgentPublish,
  type DecisionChainConfig,
  type DecisionChainState,
  type DecisionInput,
  type RequestInput,
  type UrgentInput,
} from './decision-chain.ts';
import { appendDecision, type DecisionRecord } from './decision-record.ts';

export const MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export type MsgType = (typeof MSG_TYPES)[number];

/** What a version changed: the first publication, an update, a renewal of the expiry, the ending. */
export const VERSION_KINDS = ['publish', ...UPDATE_KINDS, 'renewal', 'end'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** One published version. Never changed once created (store it under a unique (alert id, number)). */
export interface AlertVersion {
  /** 1, 2, 3, … */
  readonly number: number;
  readonly msgType: MsgType;
  /** The numbers of all earlier versions, oldest first (empty for the Alert). */
  readonly references: readonly number[];
  readonly kind: VersionKind;
  /** Only for the Cancel. */
  readonly outcome: EndOutcome | null;
  readonly at: IsoInstant;
  /** The acting user's id; null when the system acted (expiry, scheduled zone growth). */
  readonly by: string | null;
  /** The expiry this version carries. */
  readonly expiresAt: IsoInstant;
}

export interface AlertEnding {
  readonly outcome: EndOutcome;
  readonly at: IsoInstant;
  readonly by: string | null;
}

export interface AlertState extends DecisionChainState {
  /** When the alert entered its current status. */
  readonly since: IsoInstant;
  /** Set once published; moved later by renewals. */
  readonly expiresAt: IsoInstant | null;
  /** Set once ended. */
  readonly ending: AlertEnding | null;
  /** Oldest first. */
  readonly versions: readonly AlertVersion[];
}

export type AlertEvent =
  | ({ readonly type: 'request' } & RequestInput)
  | ({ readonly type: 'decision' } & DecisionInput)
  /** Authorise on the urgent path and publish version 1 at once. */
  | ({ readonly type: 'urgent_publish'; readonly expiresAt: Date | IsoInstant } & UrgentInput)
  /** Publish version 1 once every required step is approved (the use case does it right after the last decision). */
  | { readonly type: 'publish'; readonly by: string | null; readonly expiresAt: Date | IsoInstant }
  | { readonly type: 'update'; readonly kind: UpdateKind; readonly by: string | null }
  /** A decision of the central command room to move the expiry later. */
  | { readonly type: 'renew'; readonly actor: AlertActor; readonly expiresAt: Date | IsoInstant; readonly reason: string }
  /**
   * Ends an active alert (a Cancel version) or a request still awaiting decisions (no version; not
   * 'expired'). Found and withdrawn need a reason; expired is accepted only once the expiry has passed.
   */
  | { readonly type: 'end'; readonly outcome: EndOutcome; readonly by: string | null; readonly reason?: string | null };

export type AlertEventType = AlertEvent['type'];

/** One step of the alert's history, ready to store and to audit (mind that `reason` is free text). */
export interface AlertTransition {
  readonly event: AlertEventType;
  readonly from: AlertStatus;
  readonly to: AlertStatus;
  readonly at: IsoInstant;
  readonly outcome: EndOutcome | null;
  readonly reason: string | null;
}

/** Everything one event produces, to be written in one transaction. */
export interface AlertStep {
  readonly alert: AlertState;
  readonly transition: AlertTransition;
  readonly decision: DecisionRecord | null;
  readonly version: AlertVersion | null;
  /** The case lifecycle event this implies (alert-case-link.ts), or null. */
  readonly caseEvent: CaseEvent | null;
  /** True when the chain is complete and the alert awaits its 'publish' event. */
  readonly readyToPublish: boolean;
}

/** The reason given to the case when an alert ends by expiry. */
export const EXPIRY_REASON = "L'alerte a atteint sa date d'expiration.";

export function draftAlert(input: { readonly id: string; readonly caseJurisdictionPath: readonly string[] }, now: Date): AlertState {
  return { id: input.id, status: 'draft', caseJurisdictionPath: [...input.caseJurisdictionPath], request: null, decisions: [], since: now.toISOString(), expiresAt: null, ending: null, versions: [] };
}

/** True when an active alert has reached its expiry time (the expiry job then ends it as 'expired'). */
export function isExpired(alert: Pick<AlertState, 'status' | 'expiresAt'>, now: Date): boolean {
  return alert.status === 'active' && alert.expiresAt !== null && Date.parse(alert.expiresAt) <= now.getTime();
}

const conflict = (detail: string) => new AppError('conflict', detail);

function assertOpen(alert: AlertState, event: AlertEventType): void {
  if (alert.status === 'ended' || alert.versions.at(-1)?.msgType === 'Cancel') throw conflict(`This alert has ended; it does not accept "${event}".`);
  if (alert.status === 'refused') throw conflict(`This alert request was refused; it does not accept "${event}".`);
}

function assertActive(alert: AlertState, event: AlertEventType): void {
  assertOpen(alert, event);
  if (alert.status !== 'active') throw conflict(`An alert in status "${alert.status}" does not accept "${event}"; it is not published.`);
}

function futureExpiry(value: Date | IsoInstant, now: Date, notBefore: IsoInstant | null): IsoInstant {
  const at = instantInput(value, '/expiresAt');
  const floor = Math.max(now.getTime(), notBefore === null ? 0 : Date.parse(notBefore));
  if (at.getTime() <= floor) {
    throw new AppError('validation_failed', 'The expiry time is too early.', {
      errors: [{ field: '/expiresAt', message: notBefore === null ? 'must be in the future' : 'must be later than the current expiry' }],
    });
  }
  return at.toISOString();
}

function version(alert: AlertState, msgType: MsgType, kind: VersionKind, fields: { at: IsoInstant; by: string | null; expiresAt: IsoInstant; outcome?: EndOutcome }): AlertVersion {
  return {
    number: alert.versions.length + 1,
    msgType,
    references: alert.versions.map((v) => v.number),
    kind,
    outcome: fields.outcome ?? null,
    at: fields.at,
    by: fields.by,
    expiresAt: fields.expiresAt,
  };
}

interface Change {
  readonly alert: AlertState;
  readonly decision?: DecisionRecord;
  readonly version?: AlertVersion;
  readonly outcome?: EndOutcome;
  readonly reason?: string | null;
}

function publish(alert: AlertState, by: string | null, expiresAtInput: Date | IsoInstant, now: Date): Change {
  const expiresAt = futureExpiry(expiresAtInput, now, null);
  const at = now.toISOString();
  const v = version(alert, 'Alert', 'publish', { at, by, expiresAt });
  return { alert: { ...alert, status: 'active', since: at, expiresAt, versions: [v] }, version: v };
}

/** The Cancel version of an active alert. */
function cancel(alert: AlertState, outcome: EndOutcome, by: string | null, reason: string, now: Date): Change {
  const at = now.toISOString();
  const v = version(alert, 'Cancel', 'end', { at, by, expiresAt: alert.expiresAt ?? at, outcome });
  return { alert: { ...alert, status: 'ended', since: at, ending: { outcome, at, by }, versions: [...alert.versions, v] }, version: v, outcome, reason };
}

function onDecision(alert: AlertState, event: Extract<AlertEvent, { type: 'decision' }>, now: Date): Change {
  const { state, record } = decide(alert, event, now);
  // The prosecutor refused what the urgent path already published: it comes down at once.
  if (alert.status === 'active' && record.outcome === 'refused') return { ...cancel(state, 'withdrawn', record.actorId, record.reason ?? '', now), decision: record };
  return { alert: state.status === alert.status ? state : { ...state, since: now.toISOString() }, decision: record, reason: record.outcome === 'refused' ? record.reason : null };
}

function onRenew(alert: AlertState, event: Extract<AlertEvent, { type: 'renew' }>, now: Date): Change {
  const { actor } = event;
  if (actor.role !== 'central_command' || !isNational(actor)) throw new AppError('forbidden', 'Only the central command room may renew an alert.');
  if (alert.request?.by.id === actor.id) throw new AppError('forbidden', 'Four eyes: you cannot decide on your own request.');
  assertActive(alert, 'renew');
  const reason = writtenReason(event.reason);
  const expiresAt = futureExpiry(event.expiresAt, now, alert.expiresAt);
  const at = now.toISOString();
  const decision = appendDecision(alert.id, alert.decisions, {
    kind: 'renewal',
    outcome: 'approved',
    actorId: actor.id,
    actorRole: actor.role,
    actorJurisdiction: actor.jurisdiction,
    at,
    reason,
    prosecutor: null,
    prosecutorDueAt: null,
    expiresAt,
  });
  const v = version(alert, 'Update', 'renewal', { at, by: actor.id, expiresAt });
  return { alert: { ...alert, expiresAt, decisions: [...alert.decisions, decision], versions: [...alert.versions, v] }, decision, version: v, reason };
}

function onEnd(alert: AlertState, event: Extract<AlertEvent, { type: 'end' }>, now: Date): Change {
  const { outcome, by } = event;
  if (!isOneOf(END_OUTCOMES, outcome)) throw new AppError('validation_failed', 'Unknown ending.', { errors: [{ field: '/outcome', message: `must be one of ${END_OUTCOMES.join(', ')}` }] });
  assertOpen(alert, 'end');
  if (alert.status === 'draft') throw conflict('This alert was never requested; discard the draft instead.');
  if (outcome === 'expired') {
    if (alert.status !== 'active') throw conflict('An alert that was never published cannot expire.');
    if (!isExpired(alert, now)) throw conflict('This alert has not reached its expiry time.');
    return cancel(alert, 'expired', by, EXPIRY_REASON, now);
  }
  const reason = writtenReason(event.reason);
  if (alert.status === 'active') return cancel(alert, outcome, by, reason, now);
  // Still awaiting decisions: nothing was published, so nothing to cancel.
  const at = now.toISOString();
  return { alert: { ...alert, status: 'ended', since: at, ending: { outcome, at, by } }, outcome, reason };
}

function change(alert: AlertState, config: DecisionChainConfig, event: AlertEvent, now: Date): Change {
  switch (event.type) {
    case 'request':
      assertOpen(alert, event.type);
      return { alert: { ...requestAlert(alert, config, event, now), since: now.toISOString() } };
    case 'decision':
      return onDecision(alert, event, now);
    case 'urgent_publish': {
      const { state, record } = urgentPublish(alert, config, event, now);
      return { ...publish(state, event.actor.id, event.expiresAt, now), decision: record, reason: record.reason };
    }
    case 'publish':
      assertOpen(alert, event.type);
      if (alert.status === 'active') throw conflict('This alert is already published.');
      if (!readyToPublish(alert)) {
        const missing = alert.request?.requiredSteps.filter((s) => stepDecision(alert, s)?.outcome !== 'approved') ?? [];
        throw conflict(missing.length ? `This alert cannot be published before: ${missing.join(', ')}.` : 'This alert has not been requested yet.');
      }
      return publish(alert, event.by, event.expiresAt, now);
    case 'update': {
      if (!isOneOf(UPDATE_KINDS, event.kind)) throw new AppError('validation_failed', 'Unknown update.', { errors: [{ field: '/kind', message: `must be one of ${UPDATE_KINDS.join(', ')}` }] });
      assertActive(alert, event.type);
      if (isExpired(alert, now)) throw conflict('This alert has expired; renew it or end it.');
      const v = version(alert, 'Update', event.kind, { at: now.toISOString(), by: event.by, expiresAt: alert.expiresAt ?? now.toISOString() });
      return { alert: { ...alert, versions: [...alert.versions, v] }, version: v };
    }
    case 'renew':
      return onRenew(alert, event, now);
    case 'end':
      return onEnd(alert, event, now);
  }
}

/** Applies one event at `now`; see the module comment for what it returns and throws. */
export function applyAlertEvent(alert: AlertState, config: DecisionChainConfig, event: AlertEvent, now: Date): AlertStep {
  const c = change(alert, config, event, now);
  const transition: AlertTransition = { event: event.type, from: alert.status, to: c.alert.status, at: now.toISOString(), outcome: c.outcome ?? null, reason: c.reason ?? null };
  return {
    alert: c.alert,
    transition,
    decision: c.decision ?? null,
    version: c.version ?? null,
    caseEvent: caseEventFor(transition),
    readyToPublish: readyToPublish(c.alert),
  };
}
