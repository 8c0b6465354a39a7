/**
 * A tip's triage status and the moves an officer may make between them. Every tip starts "new"; the
 * table below lists, for each status, where it may go next (a status never moves to itself). Dismissing,
 * marking a duplicate and forwarding need a written reason; "duplicate" also points at the lead tip of
 * the group it duplicates (set by the use case, checked here).
 *
 *   new          → under_review, credible, dismissed, duplicate, forwarded
 *   under_review → credible, dismissed, duplicate, forwarded
 *   credible     → under_review, dismissed, forwarded
 *   dismissed    → under_review              (reopened on new information)
 *   duplicate    → under_review              (wrongly grouped)
 *   forwarded    → under_review              (sent back)
 *
 * @example
 *   decideTipTransition({ from: 'new', to: 'dismissed', reason: 'Prank: the number is a radio station', duplicateOf: null, tipId: 't1' });
 *   // { from: 'new', to: 'dismissed', reason: 'Prank: …', duplicateOf: null }
 *   decideTipTransition({ from: 'dismissed', to: 'credible', reason: null, duplicateOf: null, tipId: 't1' }); // throws conflict
 */
import { AppError } from '../errors.ts';

export const TIP_STATUSES = ['new', 'under_review', 'credible', 'dismissed', 'duplicate', 'forwarded'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export const isTipStatus = (v: string): v is TipStatus => (TIP_STATUSES as readonly string[]).includes(v);

export const TIP_TRANSITIONS: Readonly<Record<TipStatus, readonly TipStatus[]>> = {
  new: ['under_review', 'credible', 'dismissed', 'duplicate', 'forwarded'],
  under_review: ['credible', 'dismissed', 'duplicate', 'forwarded'],
  credible: ['under_review', 'dismissed', 'forwarded'],
  dismissed: ['under_review'],
  duplicate: ['under_review'],
  forwarded: ['under_review'],
};

export const REASON_MAX_LENGTH = 500;

/** Whether moving into a status needs a written reason. */
export function reasonRequired(to: TipStatus): boolean {
  switch (to) {
    case 'dismissed':
    case 'duplicate':
    case 'forwarded':
      return true;
    case 'new':
    case 'under_review':
    case 'credible':
      return false;
  }
}

export function canMove(from: TipStatus, to: TipStatus): boolean {
  return TIP_TRANSITIONS[from].includes(to);
}

export interface TipTransitionRequest {
  readonly tipId: string;
  readonly from: TipStatus;
  readonly to: TipStatus;
  readonly reason: string | null;
  /** For "duplicate": the lead tip of the group it duplicates. */
  readonly duplicateOf: string | null;
}

export interface TipTransition {
  readonly from: TipStatus;
  readonly to: TipStatus;
  readonly reason: string | null;
  readonly duplicateOf: string | null;
}

/** The move to record, or AppError: conflict (not allowed from here), validation_failed (reason, target). */
export function decideTipTransition(req: TipTransitionRequest): TipTransition {
  if (!canMove(req.from, req.to)) throw new AppError('conflict', `A tip that is ${req.from} cannot become ${req.to}.`);
  const reason = req.reason?.trim() || null;
  if (reasonRequired(req.to) && reason === null) throw new AppError('validation_failed', `Marking a tip ${req.to} needs a reason.`, { errors: [{ field: 'reason', message: 'is required for this status' }] });
  if (reason !== null && reason.length > REASON_MAX_LENGTH) throw new AppError('validation_failed', 'The reason is too long.', { errors: [{ field: 'reason', message: `must be at most ${REASON_MAX_LENGTH} characters` }] });
  if (req.to === 'duplicate') {
    if (!req.duplicateOf) throw new AppError('unprocessable', 'This tip is in no group with another tip; name the tip it duplicates.', { errors: [{ field: 'duplicateOf', message: 'is required when the tip is not grouped' }] });
    if (req.duplicateOf === req.tipId) throw new AppError('unprocessable', 'This tip leads its group: mark the other tips as its duplicates instead.', { errors: [{ field: 'duplicateOf', message: 'must be another tip' }] });
  }
  return { from: req.from, to: req.to, reason, duplicateOf: req.to === 'duplicate' ? req.duplicateOf : null };
}
