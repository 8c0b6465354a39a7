/**
 * CAP urgency, severity and certainty from the case assessment (src/domain/case/assessment.ts).
 *
 * - urgency: Immediate while the alert runs: the public should look now.
 * - severity: Extreme ("extraordinary threat to life") for a critical case, Severe ("significant
 *   threat") otherwise. Never Moderate: an activated alert always means a child in danger, and
 *   aggregators rank Moderate alerts lower.
 * - certainty: Observed when the abduction was witnessed; Likely otherwise (the disappearance is
 *   certain, an abduction or danger is the assessed probability).
 * A Cancel uses CAP_CLOSING_RATINGS: the event is over and no action is needed.
 *
 * @example
 *   const { urgency, severity, certainty } = capRatings(assessment);
 */
import type { Assessment } from '../case/assessment.ts';
import type { CapCertainty, CapSeverity, CapUrgency } from './cap-vocabulary.ts';

export interface CapRatings {
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
}

export function capRatings(a: Pick<Assessment, 'priority' | 'criteria'>): CapRatings {
  let severity: CapSeverity;
  switch (a.priority) {
    case 'critical':
      severity = 'Extreme';
      break;
    case 'high':
    case 'normal':
      severity = 'Severe';
      break;
  }
  const certainty: CapCertainty = a.criteria.worrying.evidence.includes('abduction_witnessed') ? 'Observed' : 'Likely';
  return { urgency: 'Immediate', severity, certainty };
}

/** For the Cancel that ends an alert (with response type AllClear). */
export const CAP_CLOSING_RATINGS: CapRatings = { urgency: 'Past', severity: 'Minor', certainty: 'Observed' };
