/**
 * The officers' in-app notifications raised by triage: a tip scoring at least TIP_NOTIFY_SCORE tells
 * the case officer at once (app/tips/triage-tip.ts writes it, once per tip). A reader sees the
 * notifications addressed to them, and, when their role reads tips, those of cases without a case
 * officer in their jurisdiction (a police unit's staff: its province). Newest first, cursor-paged. The
 * content is ids, the case reference and the score (no tip text), so listing is not audited; marking
 * one read is.
 *
 * @example
 *   const page = await listOfficerNotificationsFor(ctx, actor, { limit: 50, unreadOnly: true });
 *   await markOfficerNotificationReadBy(ctx, actor, page.items[0].id);
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { accessScope, decide } from '../../domain/policy/policy.ts';
import {
  findOfficerNotification,
  listOfficerNotifications,
  markOfficerNotificationRead,
  type OfficerNotificationRow,
} from '../../store/repositories/tip-triage.repository.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { decodeNoticeCursor, encodeNoticeCursor } from '../police-notices/list-police-notices.ts';

export const NOTIFICATION_PAGE_MAX = 100;
export const NOTIFICATION_PAGE_DEFAULT = 50;

export interface OfficerNotification {
  readonly id: string;
  readonly kind: 'tip_high_score';
  readonly caseId: string;
  readonly caseReference: string | null;
  readonly tipId: string;
  readonly score: number;
  /** True when addressed to the reader; false for one shared by their jurisdiction (no case officer). */
  readonly addressedToYou: boolean;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface OfficerNotificationPage {
  readonly items: readonly OfficerNotification[];
  readonly nextCursor: string | null;
}

function toNotification(row: OfficerNotificationRow, reference: string | null, actor: UserActor): OfficerNotification {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    caseReference: reference,
    tipId: row.tip_id,
    score: row.score,
    addressedToYou: row.recipient_id === actor.id,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** The jurisdiction whose unaddressed notifications the actor shares, or null (their role reads no tips). */
const sharedScope = (actor: UserActor): string | null => (decide(actor, 'tip.read').allowed ? accessScope(actor) : null);

export async function listOfficerNotificationsFor(ctx: Pick<AppContext, 'store'>, actor: UserActor, q: { limit?: number; cursor?: string; unreadOnly?: boolean }): Promise<OfficerNotificationPage> {
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? NOTIFICATION_PAGE_DEFAULT)), NOTIFICATION_PAGE_MAX);
  const before = q.cursor !== undefined ? decodeNoticeCursor(q.cursor) : undefined;
  const rows = await listOfficerNotifications(ctx.store.db, { userId: actor.id, unaddressedWithin: sharedScope(actor), unreadOnly: q.unreadOnly === true, limit: limit + 1, ...(before ? { before } : {}) });
  const items = rows.slice(0, limit).map((r) => toNotification(r, r.case_reference, actor));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeNoticeCursor(last) : null };
}

export async function markOfficerNotificationReadBy(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, id: string): Promise<OfficerNotification> {
  const found = await findOfficerNotification(ctx.store.db, id);
  if (!found) throw new AppError('not_found', 'No notification with this id.');
  if (found.recipient_id !== actor.id) {
    const scope = sharedScope(actor);
    const path = found.recipient_id === null && scope !== null ? ((await jurisdictionPath(ctx.store.db, found.jurisdiction_code)) ?? []) : [];
    // Someone else's notification is not to be told apart from a missing one.
    if (scope === null || !path.includes(scope)) throw new AppError('not_found', 'No notification with this id.');
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const result = await markOfficerNotificationRead(trx, id, ctx.clock.now());
    if (!result) throw new AppError('not_found', 'No notification with this id.');
    const { row, marked } = result;
    if (marked) {
      await audit(trx, ctx.clock, actor, { objectType: 'officer_notification', objectId: id, action: 'officer_notification.read', details: { caseId: row.case_id, tipId: row.tip_id } });
    }
    return toNotification(row, (await findCase(trx, row.case_id))?.reference ?? null, actor);
  });
}
