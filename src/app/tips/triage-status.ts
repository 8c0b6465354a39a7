/**
 * An officer moves a tip through triage (domain/tips/tip-status.ts decides what is allowed). Each change happens under the tip's row lock, is kept in the tip's status history
 * (who, when, from → to, reason) and appended to the audit log in the same transaction; the audit
 * entry carries ids and status names, never the reason's words.
 *
 * "duplicate" points at the lead tip of a group: the tip's own group, or the group of the tip named
 * in `duplicateOf` (the tip then moves into that group). A group's lead marked a duplicate of another
 * group brings its whole group along, so every tip keeps pointing at a lead.
 *
 * @example
 *   await changeTipStatus(ctx, actor, tipId, { status: 'dismissed', reason: 'The place does not exist', duplicateOf: null });
 */
import { randomUUID } from 'node:crypto';
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { decideTipTransition, type TipStatus } from '../../domain/tips/tip-status.ts';
import { findTip, type TipRow } from '../../store/repositories/tips.repository.ts';
import { groupSizes, insertTipHistory, mergeGroupInto, updateTipStatus } from '../../store/repositories/tip-triage.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { loadTipFor } from './triage-access.ts';

export interface TipTriageState {
  readonly id: string;
  readonly caseId: string;
  readonly status: TipStatus;
  readonly statusChangedAt: Date | null;
  readonly duplicateOf: string | null;
  readonly groupId: string | null;
  readonly groupSize: number;
  readonly assignedTo: string | null;
  readonly assignedAt: Date | null;
}

export interface StatusRequest {
  readonly status: TipStatus;
  readonly reason: string | null;
  /** For "duplicate": a tip of the same case this one repeats (defaults to the lead of its own group). */
  readonly duplicateOf: string | null;
}

export async function tipTriageState(db: Parameters<typeof groupSizes>[0], row: TipRow): Promise<TipTriageState> {
  const size = row.group_id ? ((await groupSizes(db, [row.group_id])).get(row.group_id) ?? 1) : 1;
  return {
    id: row.id,
    caseId: row.case_id,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    duplicateOf: row.duplicate_of,
    groupId: row.group_id,
    groupSize: size,
    assignedTo: row.assigned_to,
    assignedAt: row.assigned_at,
  };
}

export async function changeTipStatus(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, tipId: string, req: StatusRequest): Promise<TipTriageState> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { tip } = await loadTipFor(trx, actor, tipId, 'tip.triage', trx);
    let lead: string | null = null;
    if (req.status === 'duplicate') {
      if (req.duplicateOf !== null) {
        const other = await findTip(trx, req.duplicateOf);
        if (!other || other.case_id !== tip.case_id) throw new AppError('unprocessable', 'The tip it duplicates must be a tip of the same case.', { errors: [{ field: 'duplicateOf', message: 'must be a tip of the same case' }] });
        lead = other.group_id ?? other.id;
      } else if (tip.group_id !== null && tip.group_id !== tip.id) {
        lead = tip.group_id;
      }
    }
    const move = decideTipTransition({ tipId: tip.id, from: tip.status, to: req.status, reason: req.reason, duplicateOf: lead });
    const at = ctx.clock.now();
    const movesGroup = move.duplicateOf !== null && move.duplicateOf !== tip.group_id;
    // This tip led its own group: the group joins the other one, its duplicates now point at the new lead.
    if (movesGroup && move.duplicateOf !== null && tip.group_id === tip.id) await mergeGroupInto(trx, tip.id, move.duplicateOf);
    const updated = await updateTipStatus(trx, tip.id, { status: move.to, duplicateOf: move.duplicateOf, at, ...(movesGroup && move.duplicateOf ? { groupId: move.duplicateOf } : {}) });
    await insertTipHistory(trx, { id: randomUUID(), tipId: tip.id, at, actorId: actor.id, from: move.from, to: move.to, reason: move.reason, duplicateOf: move.duplicateOf });
    await audit(trx, ctx.clock, actor, {
      objectType: 'tip',
      objectId: tip.id,
      action: 'tip.status_change',
      details: { caseId: tip.case_id, from: move.from, to: move.to, duplicateOf: move.duplicateOf, groupId: updated.group_id, reasonGiven: move.reason !== null },
    });
    return tipTriageState(trx, updated);
  });
}
