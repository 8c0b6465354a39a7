/**
 * What the guardian and the prosecutor have allowed to be published, read from a CaseRecord. A consent
 * counts only when given by a legal representative or the person with effective care, and not withdrawn;
 * a recorded prosecutor decision can stand in for it.
 *
 * @example
 *   pickByClass(record, ['public'], publicationPermissions(record));
 */
import { CONSENTING_RELATIONS, type CaseRecord, type ConsentRecord } from './case-record.ts';

/** The publication switches that turn conditionally public fields public (see field-classes.ts). */
export interface PublicationPermissions {
  /** The child's names may be published. */
  readonly nameConsent: boolean;
  /** Photos chosen for publication may be published. */
  readonly photoConsent: boolean;
  /** The suspect's and vehicle's description may be published. */
  readonly suspectAuthorised: boolean;
}

export const NOTHING_PUBLISHABLE: PublicationPermissions = { nameConsent: false, photoConsent: false, suspectAuthorised: false };

export type ConsentState = 'given' | 'refused' | 'withdrawn' | 'not_from_guardian' | 'not_recorded';

/** Where one consent question stands. */
export function consentState(record: Pick<CaseRecord, 'reporter'>, which: 'publishName' | 'publishPhoto'): ConsentState {
  const consent: ConsentRecord | null = record.reporter.consents[which];
  if (!consent) return 'not_recorded';
  if (!consent.given) return 'refused';
  if (consent.withdrawnAt !== null) return 'withdrawn';
  return CONSENTING_RELATIONS.includes(record.reporter.relation) ? 'given' : 'not_from_guardian';
}

/** Consent or the prosecutor's decision, per publication switch. */
export function publicationPermissions(record: Pick<CaseRecord, 'reporter' | 'prosecutor'>): PublicationPermissions {
  const decision = record.prosecutor?.publicationDecision ?? null;
  return {
    nameConsent: consentState(record, 'publishName') === 'given' || decision?.publishName === true,
    photoConsent: consentState(record, 'publishPhoto') === 'given' || decision?.publishPhoto === true,
    suspectAuthorised: decision?.publishSuspect === true,
  };
}
