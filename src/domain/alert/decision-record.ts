/**
 * One decision on an alert, as stored and audited, and the hash chain that links an alert's decisions:
 * each record's hash covers the alert id, its own fields and the previous record's hash, so a changed,
 * removed or reordered decision is detected. Records are numbered 1, 2, … per alert; storing them under
 * a unique (alert id, seq) makes exactly one of two concurrent decisions win (both were computed as
 * the same next seq from the same state).
 *
 * @example
 *   const record = appendDecision(alert.id, alert.decisions, content);
 *   verifyDecisionRecords(alert.id, rows); // { intact: true } or { intact: false, brokenAt: 3 }
 *   audit(trx, clock, actor, { objectType: 'alert', objectId: alert.id, action: 'alert.decision', details: decisionAuditDetails(record) });
 */
import { createHash } from 'node:crypto';
import type { Role } from '../actor.ts';
import { canonicalJson, GENESIS_HASH } from '../audit/audit-chain.ts';
import type { IsoInstant } from '../case/case-record.ts';
import type { ProsecutorDecision } from './prosecutor-decision.ts';

/** The steps of the chain, in the only order they may be taken. */
export const DECISION_STEPS = ['supervisor_check', 'central_validation', 'prosecutor_decision'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

/** Every kind of decision record: a chain step, the urgent publication, a renewal of the expiry. */
export const DECISION_KINDS = [...DECISION_STEPS, 'urgent_publication', 'renewal'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_OUTCOMES = ['approved', 'refused'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface DecisionRecord {
  /** 1 for the alert's first decision, then +1 per decision. */
  readonly seq: number;
  readonly kind: DecisionKind;
  /** Urgent publications and renewals are always 'approved'. */
  readonly outcome: DecisionOutcome;
  readonly actorId: string;
  readonly actorRole: Role;
  readonly actorJurisdiction: string;
  readonly at: IsoInstant;
  /** Required for a refusal, an urgent publication and a renewal; an optional comment otherwise. */
  readonly reason: string | null;
  /** Only for the prosecutor_decision step. */
  readonly prosecutor: ProsecutorDecision | null;
  /** Only for an urgent publication: when the prosecutor's decision is due (null when not required). */
  readonly prosecutorDueAt: IsoInstant | null;
  /** Only for a renewal: the new expiry time. */
  readonly expiresAt: IsoInstant | null;
  readonly prevHash: string;
  readonly hash: string;
}

export type DecisionContent = Omit<DecisionRecord, 'seq' | 'prevHash' | 'hash'>;

/** The hash of a record from its alert, its fields and the previous record's hash (hex SHA-256). */
export function decisionHash(alertId: string, record: Omit<DecisionRecord, 'hash'>): string {
  const body = canonicalJson({
    alertId,
    seq: record.seq,
    kind: record.kind,
    outcome: record.outcome,
    actorId: record.actorId,
    actorRole: record.actorRole,
    actorJurisdiction: record.actorJurisdiction,
    at: record.at,
    reason: record.reason,
    prosecutor: record.prosecutor,
    prosecutorDueAt: record.prosecutorDueAt,
    expiresAt: record.expiresAt,
  });
  return createHash('sha256').update(record.prevHash).update('\n').update(body).digest('hex');
}

/** The next record of the chain `earlier` (oldest first). */
export function appendDecision(alertId: string, earlier: readonly DecisionRecord[], content: DecisionContent): DecisionRecord {
  const last = earlier.at(-1);
  const unhashed = { ...content, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: decisionHash(alertId, unhashed) };
}

export type DecisionChainCheck = { readonly intact: true } | { readonly intact: false; readonly brokenAt: number };

/**
 * Checks stored records (in seq order) against the chain: numbering from 1 without gaps, each link
 * naming the previous hash, each hash matching its content. `brokenAt` is the position (1-based) of
 * the first record that fails.
 */
export function verifyDecisionRecords(alertId: string, records: readonly DecisionRecord[]): DecisionChainCheck {
  let prevHash = GENESIS_HASH;
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1 || r.prevHash !== prevHash || decisionHash(alertId, r) !== r.hash) return { intact: false, brokenAt: i + 1 };
    prevHash = r.hash;
  }
  return { intact: true };
}

/**
 * What an audit entry says about a decision: no free text and no name (the reason and the
 * magistrate stay in the decision record), but the hash, so the audit log vouches for the record.
 */
export function decisionAuditDetails(record: DecisionRecord): Readonly<Record<string, unknown>> {
  return {
    seq: record.seq,
    kind: record.kind,
    outcome: record.outcome,
    hash: record.hash,
    prevHash: record.prevHash,
    ...(record.prosecutor ? { prosecutorDecidedAt: record.prosecutor.decidedAt, withConditions: record.prosecutor.conditions !== null } : {}),
    ...(record.prosecutorDueAt ? { prosecutorDueAt: record.prosecutorDueAt } : {}),
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
  };
}
