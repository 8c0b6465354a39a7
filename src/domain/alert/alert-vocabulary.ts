/**
 * The words shared by the alert decision chain and the alert lifecycle: the statuses an alert goes
 * through, how it may end, what an update changes, and who acts on it. Pure data.
 *
 * @example
 *   if (isOneOf(END_OUTCOMES, body.outcome)) end(alert, body.outcome);
 */
import type { Role } from '../actor.ts';

/**
 * draft → awaiting_decisions → active → ended, or awaiting_decisions → refused. `refused` and `ended`
 * are final: a new request for the same case is a new alert.
 */
export const ALERT_STATUSES = ['draft', 'awaiting_decisions', 'active', 'ended', 'refused'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why an alert ends: the child was found, the alert was withdrawn, or it reached its expiry time. */
export const END_OUTCOMES = ['found', 'withdrawn', 'expired'] as const;
export type EndOutcome = (typeof END_OUTCOMES)[number];

/** What an update of an active alert changes (each is a new published version). */
export const UPDATE_KINDS = ['photo', 'sighting', 'zone', 'text'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** The roles that may request an alert. */
export const REQUESTER_ROLES: readonly Role[] = ['officer', 'supervisor', 'central_command'];

/**
 * A signed-in person acting on an alert. A UserActor (src/domain/actor.ts) fits as is; API tokens
 * never request or decide.
 */
export interface AlertActor {
  readonly id: string;
  readonly role: Role;
  /** Jurisdiction code, e.g. "MA" (national), "MA-CAS", "MA-CAS-U01". */
  readonly jurisdiction: string;
  /** From the national root down to the actor's jurisdiction, e.g. ["MA", "MA-06", "MA-CAS"]. */
  readonly jurisdictionPath: readonly string[];
}
