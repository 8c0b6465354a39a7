/**
 * How an alert drives its case (domain/case/case-lifecycle.ts), so the two state machines never
 * disagree. Apply the case event in the same transaction as the alert change.
 *
 * | alert transition                                  | case event              | case state after   |
 * |---------------------------------------------------|-------------------------|--------------------|
 * | request                                           | request_alert           | alert_requested    |
 * | decision refusing the request                     | decline_alert_request   | open               |
 * | publish, urgent_publish                           | alert_published         | alert_active       |
 * | prosecutor refuses after an urgent publication    | alert_ended             | open               |
 * | end withdrawn while awaiting decisions            | decline_alert_request   | open               |
 * | end withdrawn or expired once published           | alert_ended             | open               |
 * | end found (awaiting or published)                 | none: the officer closes the case (close found_*) |
 * | approvals, update, renew                          | none                    | unchanged          |
 *
 * And the other way: closing a case ends its alert still awaiting decisions or active, in the closing
 * transaction (alertEndingForClosure picks the ending), so a closed case never keeps a live alert.
 *
 * Also the prosecutor's recorded decision in the shape the case record keeps
 * (`CaseRecord.prosecutor.publicationDecision`), which turns on the publication switches the guardian
 * did not consent to (case-consent.ts).
 *
 * @example
 *   const step = applyAlertEvent(alert, config, event, now);
 *   if (step.caseEvent) applyCaseEvent(caseLifecycle, step.caseEvent, now);
 */
import type { CaseEvent } from '../case/case-lifecycle.ts';
import type { ClosureOutcome, PublicationDecision } from '../case/case-record.ts';
import type { AlertTransition } from './alert-lifecycle.ts';
import type { DecisionRecord } from './decision-record.ts';

function reasonOf(t: AlertTransition): string {
  // Every transition mapped to a case event with a reason carries one (refusal, withdrawal, expiry).
  if (t.reason === null) throw new Error(`Alert transition "${t.event}" to "${t.to}" carries no reason.`);
  return t.reason;
}

/** The case event an alert transition implies, or null. */
export function caseEventFor(t: AlertTransition): CaseEvent | null {
  switch (t.event) {
    case 'request':
      return { type: 'request_alert' };
    case 'publish':
    case 'urgent_publish':
      return { type: 'alert_published' };
    case 'decision':
      if (t.to === 'refused') return { type: 'decline_alert_request', reason: reasonOf(t) };
      if (t.to === 'ended') return { type: 'alert_ended', reason: reasonOf(t) };
      return null;
    case 'end':
      if (t.outcome === 'found') return null;
      return t.from === 'awaiting_decisions' ? { type: 'decline_alert_request', reason: reasonOf(t) } : { type: 'alert_ended', reason: reasonOf(t) };
    case 'update':
    case 'renew':
      return null;
  }
}

/** The case record's publication decision from an approved prosecutor_decision record; null otherwise. */
export function publicationDecisionOf(record: DecisionRecord): PublicationDecision | null {
  if (record.kind !== 'prosecutor_decision' || record.outcome !== 'approved' || record.prosecutor === null) return null;
  const p = record.prosecutor;
  return { reference: p.fileReference, decidedAt: p.decidedAt, publishName: p.publishName, publishPhoto: p.publishPhoto, publishSuspect: p.publishSuspect };
}

/**
 * How closing a case ends its alert: `found` (the public "found — thank you" card) when the child was
 * found alive or came back; `withdrawn` (the neutral "this alert has ended" notice) otherwise, a death
 * included, where thanking the public would be out of place.
 */
export function alertEndingForClosure(outcome: ClosureOutcome): 'found' | 'withdrawn' {
  switch (outcome) {
    case 'found_safe':
    case 'found_injured':
    case 'returned_on_own':
      return 'found';
    case 'found_deceased':
    case 'withdrawn':
    case 'other':
      return 'withdrawn';
  }
}

/** The reason recorded on the alert (and its case history) when a closure ends it. */
export const CLOSURE_ENDS_ALERT_REASON = "Le dossier a été clôturé : l'alerte prend fin avec lui.";
