/**
 * The life of a case as a state machine: open → alert_requested → alert_active → closed, with the ways
 * back (a request declined, an alert ended while the case stays open, a closed case reopened). Each
 * applied event returns the new state and a transition entry for the case history and the audit log.
 * Also the "time since last seen" shown wherever a case is listed.
 *
 * @example
 *   let lc = openCase(now);
 *   ({ lifecycle: lc } = applyCaseEvent(lc, { type: 'request_alert' }, now));
 *   applyCaseEvent(lc, { type: 'close', outcome: 'found_safe', reason: 'Retrouvé chez sa tante à Salé.' }, now);
 *   elapsedSinceLastSeen('2026-03-11T12:00:00Z', now).label.fr; // "depuis 2 h 15 min"
 */
import { AppError } from '../errors.ts';
import { CLOSURE_OUTCOMES, isOneOf, type ClosureOutcome, type ConsoleText, type IsoInstant } from './case-record.ts';
import { CLOCK_SKEW_MS, instantMs, toDate } from './case-time.ts';

export const CASE_STATES = ['open', 'alert_requested', 'alert_active', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 2000;

export type CaseEvent =
  /** The officer asks for a public alert. */
  | { readonly type: 'request_alert' }
  /** The request is turned down or withdrawn before publication; the case stays open. */
  | { readonly type: 'decline_alert_request'; readonly reason: string }
  /** The alert went out. */
  | { readonly type: 'alert_published' }
  /** The alert ended (expired, withdrawn) but the child is still missing; the case stays open. */
  | { readonly type: 'alert_ended'; readonly reason: string }
  /** The case ends; `at` is when the child was found or the case ended (default: now). */
  | { readonly type: 'close'; readonly outcome: ClosureOutcome; readonly reason: string; readonly at?: Date | IsoInstant }
  | { readonly type: 'reopen'; readonly reason: string };

export type CaseEventType = CaseEvent['type'];

export interface Closure {
  readonly outcome: ClosureOutcome;
  readonly reason: string;
  /** When the child was found or the case ended. */
  readonly at: IsoInstant;
  /** When the closure was recorded. */
  readonly recordedAt: IsoInstant;
}

export interface CaseLifecycle {
  readonly state: CaseState;
  /** When the case entered its current state. */
  readonly since: IsoInstant;
  /** Set while closed; the last closure stays readable in the history after a reopening. */
  readonly closure: Closure | null;
}

/** One step of the case history, ready to store and to put in an audit entry. */
export interface CaseTransition {
  readonly event: CaseEventType;
  readonly from: CaseState;
  readonly to: CaseState;
  readonly at: IsoInstant;
  readonly reason: string | null;
  readonly outcome: ClosureOutcome | null;
}

const NEXT: { readonly [S in CaseState]: Partial<Record<CaseEventType, CaseState>> } = {
  open: { request_alert: 'alert_requested', close: 'closed' },
  alert_requested: { decline_alert_request: 'open', alert_published: 'alert_active', close: 'closed' },
  alert_active: { alert_ended: 'open', close: 'closed' },
  closed: { reopen: 'open' },
};

/** The events a case in this state accepts (for the console's buttons). */
export const allowedEvents = (state: CaseState): CaseEventType[] => Object.keys(NEXT[state]) as CaseEventType[];

export const openCase = (now: Date): CaseLifecycle => ({ state: 'open', since: now.toISOString(), closure: null });

function writtenReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < REASON_MIN_LENGTH || reason.length > REASON_MAX_LENGTH) {
    throw new AppError('validation_failed', 'A written reason is required.', {
      errors: [{ field: '/reason', message: `must be between ${REASON_MIN_LENGTH} and ${REASON_MAX_LENGTH} characters` }],
    });
  }
  return reason;
}

function closureTime(value: Date | IsoInstant | undefined, now: Date): Date {
  if (value === undefined) return now;
  const ms = value instanceof Date ? value.getTime() : instantMs(value);
  if (ms === null || Number.isNaN(ms)) throw new AppError('validation_failed', 'The closure time is not valid.', { errors: [{ field: '/at', message: 'must be an ISO 8601 date-time with a time zone' }] });
  if (ms > now.getTime() + CLOCK_SKEW_MS) throw new AppError('validation_failed', 'The closure time is in the future.', { errors: [{ field: '/at', message: 'is in the future' }] });
  return new Date(ms);
}

/**
 * Applies an event at `now`. Throws AppError('conflict') when the event is not allowed in the current
 * state, and AppError('validation_failed') naming the field when an outcome, reason or time is missing or wrong.
 */
export function applyCaseEvent(lifecycle: CaseLifecycle, event: CaseEvent, now: Date): { readonly lifecycle: CaseLifecycle; readonly transition: CaseTransition } {
  const to = NEXT[lifecycle.state][event.type];
  if (to === undefined) throw new AppError('conflict', `A case in state "${lifecycle.state}" does not accept "${event.type}".`);
  const at = now.toISOString();
  const step = (reason: string | null, outcome: ClosureOutcome | null, closure: Closure | null) => ({
    lifecycle: { state: to, since: at, closure },
    transition: { event: event.type, from: lifecycle.state, to, at, reason, outcome },
  });
  switch (event.type) {
    case 'request_alert':
    case 'alert_published':
      return step(null, null, null);
    case 'decline_alert_request':
    case 'alert_ended':
    case 'reopen':
      return step(writtenReason(event.reason), null, null);
    case 'close': {
      if (!isOneOf(CLOSURE_OUTCOMES, event.outcome)) {
        throw new AppError('validation_failed', 'Closing needs an outcome.', { errors: [{ field: '/outcome', message: 'must be one of the closure outcomes' }] });
      }
      const reason = writtenReason(event.reason);
      const endedAt = closureTime(event.at, now).toISOString();
      return step(reason, event.outcome, { outcome: event.outcome, reason, at: endedAt, recordedAt: at });
    }
  }
}

/** Time since the last sighting, in whole minutes and as a short label (Western digits in both languages). */
export interface Elapsed {
  readonly minutes: number;
  readonly label: ConsoleText;
}

/**
 * For a closed case pass the closure time as `now`, so the list shows how long the child was missing.
 * A last-seen time slightly ahead of `now` (clock skew) counts as zero.
 */
export function elapsedSinceLastSeen(lastSeenAt: Date | IsoInstant, now: Date): Elapsed {
  const minutes = Math.max(0, Math.floor((now.getTime() - toDate(lastSeenAt).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  let fr: string;
  let ar: string;
  if (days > 0) {
    fr = hours ? `${days} j ${hours} h` : `${days} j`;
    ar = hours ? `${days} ي ${hours} س` : `${days} ي`;
  } else if (hours > 0) {
    fr = mins ? `${hours} h ${mins} min` : `${hours} h`;
    ar = mins ? `${hours} س ${mins} د` : `${hours} س`;
  } else {
    fr = `${mins} min`;
    ar = `${mins} د`;
  }
  return { minutes, label: { fr: `depuis ${fr}`, ar: `منذ ${ar}` } };
}
