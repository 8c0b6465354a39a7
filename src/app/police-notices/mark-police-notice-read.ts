/**
 * Marks a notice read for its unit: who first opened it and when, kept on the row (later readers
 * change nothing) and recorded in the audit log in the same transaction. Only staff whose jurisdiction
 * covers the notice's unit may do it.
 *
 * @example
 *   const notice = await markPoliceNoticeRead(ctx, actor, noticeId);
 *   notice.readBy; // the first reader's user id
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import { findPoliceNotice, markPoliceNoticeRead as markRead } from '../../store/repositories/police-notices.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { type PoliceNotice, toPoliceNotice } from './list-police-notices.ts';

export async function markPoliceNoticeRead(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, noticeId: string): Promise<PoliceNotice> {
  const found = await findPoliceNotice(ctx.store.db, noticeId);
  if (!found) throw new AppError('not_found', 'No notice with this id.');
  assertAllowed(actor, 'police_notice.mark_read', { jurisdictionPath: (await jurisdictionPath(ctx.store.db, found.jurisdiction_id)) ?? [found.jurisdiction_id] });
  return ctx.store.db.transaction().execute(async (trx) => {
    const result = await markRead(trx, noticeId, actor.id, ctx.clock.now());
    if (!result) throw new AppError('not_found', 'No notice with this id.');
    if (result.marked) {
      await audit(trx, ctx.clock, actor, {
        objectType: 'police_notice',
        objectId: noticeId,
        action: 'police_notice.read',
        details: { alertId: found.alert_id, version: found.version, jurisdiction: found.jurisdiction_id },
      });
    }
    return toPoliceNotice(result.row);
  });
}
