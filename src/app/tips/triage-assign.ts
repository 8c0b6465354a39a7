/**
 * Hands a tip to a colleague (or to nobody, with null). The assignee must be an active staff member who
 * could triage this case's tips themselves: a role allowed `tip.triage` whose jurisdiction covers the
 * case (a unit's officer for a case of its province). Audited (`tip.assign` / `tip.unassign`, ids only)
 * in the same transaction; assigning to the current assignee changes nothing.
 *
 * @example
 *   const state = await assignTip(ctx, actor, tipId, colleagueId);
 *   state.assignedTo; // colleagueId
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { decide } from '../../domain/policy/policy.ts';
import { setTipAssignee } from '../../store/repositories/tip-triage.repository.ts';
import { findUserById } from '../../store/repositories/users.repository.ts';
import { userActorOf } from '../accounts/actors.ts';
import { audit } from '../audit/audit.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import type { AppContext } from '../context.ts';
import { loadTipFor } from './triage-access.ts';
import { type TipTriageState, tipTriageState } from './triage-status.ts';

export async function assignTip(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, tipId: string, assigneeId: string | null): Promise<TipTriageState> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { tip, caseRow } = await loadTipFor(trx, actor, tipId, 'tip.assign', trx);
    if (assigneeId !== null) {
      const user = await findUserById(trx, assigneeId);
      const unfit = { errors: [{ field: 'userId', message: 'must be an active officer of the case’s jurisdiction' }] };
      if (!user || user.disabled_at !== null) throw new AppError('unprocessable', 'No active staff member with this id.', unfit);
      const assignee = await userActorOf(trx, user, null);
      if (!decide(assignee, 'tip.triage', { jurisdictionPath: caseJurisdictionPath(caseRow) }).allowed) {
        throw new AppError('unprocessable', 'This staff member cannot work on this case’s tips.', unfit);
      }
    }
    if (tip.assigned_to === assigneeId) return tipTriageState(trx, tip);
    const updated = await setTipAssignee(trx, tip.id, assigneeId, ctx.clock.now());
    await audit(trx, ctx.clock, actor, {
      objectType: 'tip',
      objectId: tip.id,
      action: assigneeId === null ? 'tip.unassign' : 'tip.assign',
      details: { caseId: tip.case_id, assigneeId, previousAssigneeId: tip.assigned_to },
    });
    return tipTriageState(trx, updated);
  });
}
