/**
 * Checks of what people give when they act on an alert: written reasons, optional comments, times,
 * and whether the actor sits in the case's jurisdiction or at national level. Errors name the field,
 * never its value.
 *
 * @example
 *   const reason = writtenReason(body.reason); // throws validation_failed naming "/reason"
 *   const expiresAt = instantInput(body.expiresAt, '/expiresAt');
 */
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '../case/case-lifecycle.ts';
import type { IsoInstant } from '../case/case-record.ts';
import { instantMs } from '../case/case-time.ts';
import { AppError } from '../errors.ts';
import { NATIONAL_CODE } from '../geo/jurisdiction-codes.ts';
import { accessScope } from '../policy/policy.ts';
import type { AlertActor } from './alert-vocabulary.ts';

/** Same bounds as the case lifecycle, so a reason given here is always accepted by the case too. */
export const ALERT_REASON_LENGTH = { min: REASON_MIN_LENGTH, max: REASON_MAX_LENGTH } as const;

const invalid = (detail: string, field: string, message: string) => new AppError('validation_failed', detail, { errors: [{ field, message }] });

/** A trimmed reason of 10 to 2000 characters. */
export function writtenReason(value: unknown, field = '/reason'): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < ALERT_REASON_LENGTH.min || reason.length > ALERT_REASON_LENGTH.max) {
    throw invalid('A written reason is required.', field, `must be between ${ALERT_REASON_LENGTH.min} and ${ALERT_REASON_LENGTH.max} characters`);
  }
  return reason;
}

/** An optional free text: null when absent or blank, trimmed otherwise, at most `max` characters. */
export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid('A text field has the wrong type.', field, 'must be a string');
  const text = value.trim();
  if (text.length > max) throw invalid('A text is too long.', field, `must be at most ${max} characters`);
  return text === '' ? null : text;
}

/** A required short text (a court, a file reference): trimmed, 1 to `max` characters. */
export function requiredText(value: unknown, field: string, max: number): string {
  const text = optionalText(value, field, max);
  if (text === null) throw invalid('A required field is missing.', field, 'is required');
  return text;
}

/** A Date or an ISO 8601 instant with a zone, as a Date. */
export function instantInput(value: Date | IsoInstant | undefined, field: string): Date {
  const ms = value instanceof Date ? value.getTime() : instantMs(value);
  if (ms === null || Number.isNaN(ms)) throw invalid('A time is not valid.', field, 'must be an ISO 8601 date-time with a time zone');
  return new Date(ms);
}

/** True when the actor works in (or above) the case's jurisdiction; a police unit reaches its whole province. */
export function inCaseJurisdiction(actor: AlertActor, caseJurisdictionPath: readonly string[]): boolean {
  return caseJurisdictionPath.includes(actor.jurisdiction) || caseJurisdictionPath.includes(accessScope(actor));
}

/** True for an actor at the national level (the central command room). */
export const isNational = (actor: AlertActor): boolean => actor.jurisdiction === NATIONAL_CODE;
