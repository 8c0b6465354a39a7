/**
 * Closing a case ends its alert. The case's alert still awaiting decisions or active ends in the
 * closing transaction, before the case itself is closed (alert row lock first, then the case's, the
 * order every alert step takes): an active alert gets its Cancel version at once, so the public page
 * becomes the "found — thank you" card (or the neutral ended notice), its photos and posters answer
 * 404, the CAP feed carries the Cancel, and a retraction is queued on every channel that carried it,
 * all committed with the closure or not at all. A draft never requested stays a draft: it was never
 * public, and a closed case cannot request it.
 *
 * @example
 *   await ctx.store.db.transaction().execute(async (trx) => {
 *     await endAlertOnClosure(trx, ctx, actor, caseId, 'found_safe');
 *     await applyCaseEventIn(trx, ctx, actor, caseId, { type: 'close', outcome: 'found_safe', reason });
 *   });
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { alertEndingForClosure, CLOSURE_ENDS_ALERT_REASON } from '../../domain/alert/alert-case-link.ts';
import type { ClosureOutcome } from '../../domain/case/case-record.ts';
import { findOpenAlertOfCase } from '../../store/repositories/alerts.repository.ts';
import type { DB } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { applyToAlertIn } from './alert-events.ts';

/** Ends the case's alert awaiting decisions or active; returns the ended alert's id, or null when there was none. */
export async function endAlertOnClosure(trx: Transaction<DB>, ctx: AppContext, actor: Actor, caseId: string, outcome: ClosureOutcome): Promise<string | null> {
  const open = await findOpenAlertOfCase(trx, caseId);
  if (!open || (open.state !== 'awaiting_decisions' && open.state !== 'active')) return null;
  const by = actor.kind === 'user' ? actor.id : null;
  await applyToAlertIn(trx, ctx, actor, open.id, { type: 'end', outcome: alertEndingForClosure(outcome), by, reason: CLOSURE_ENDS_ALERT_REASON });
  return open.id;
}
