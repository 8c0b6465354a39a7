/**
 * A staff member's notice inbox: the internal disappearance notices addressed to the police units of
 * their jurisdiction's subtree (a unit officer: their unit; a province: its units; national: all),
 * newest first, a bounded page at a time. The content is public (what the alert page shows), so reads
 * are not audited; marking one read is (mark-police-notice-read.ts).
 *
 * @example
 *   const page = await listPoliceNotices(ctx, actor, { limit: 50, unreadOnly: true });
 *   // page.notices, newest first; page.nextCursor → `cursor` for the next (older) page
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { listPoliceNoticeRows, type PoliceNoticeRow } from '../../store/repositories/police-notices.repository.ts';
import type { AppContext } from '../context.ts';
import { type PoliceNoticeContent, readNoticeContent } from './police-notice-content.ts';

export const POLICE_NOTICE_PAGE_MAX = 100;
export const POLICE_NOTICE_PAGE_DEFAULT = 50;

export interface PoliceNotice {
  readonly id: string;
  readonly alertId: string;
  readonly version: number;
  /** The police unit it was addressed to. */
  readonly jurisdiction: string;
  readonly content: PoliceNoticeContent;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  /** User id of whoever marked it read first. */
  readonly readBy: string | null;
}

export interface PoliceNoticePage {
  readonly notices: readonly PoliceNotice[];
  /** Pass as `cursor` for the next, older page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface PoliceNoticeQuery {
  readonly limit?: number;
  readonly cursor?: string;
  readonly unreadOnly?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toPoliceNotice(row: PoliceNoticeRow): PoliceNotice {
  return {
    id: row.id,
    alertId: row.alert_id,
    version: row.version,
    jurisdiction: row.jurisdiction_id,
    content: readNoticeContent(row.content),
    createdAt: row.created_at,
    readAt: row.read_at,
    readBy: row.read_by,
  };
}

/** The position after a row: opaque to clients (base64url of its time and id). */
export function encodeNoticeCursor(row: { readonly createdAt: Date; readonly id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

export function decodeNoticeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at = '', id = '', extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  if (extra !== undefined || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('validation_failed', 'The cursor is not one this server gave out.', { errors: [{ field: 'querystring/cursor', message: 'must be the nextCursor of a previous page' }] });
  }
  return { createdAt, id };
}

export async function listPoliceNotices(ctx: Pick<AppContext, 'store'>, actor: UserActor, query: PoliceNoticeQuery): Promise<PoliceNoticePage> {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? POLICE_NOTICE_PAGE_DEFAULT)), POLICE_NOTICE_PAGE_MAX);
  const before = query.cursor !== undefined ? decodeNoticeCursor(query.cursor) : undefined;
  // One extra row tells whether an older page exists.
  const rows = await listPoliceNoticeRows(ctx.store.db, { within: actor.jurisdiction, limit: limit + 1, ...(before ? { before } : {}), ...(query.unreadOnly ? { unreadOnly: true } : {}) });
  const notices = rows.slice(0, limit).map(toPoliceNotice);
  const last = notices[notices.length - 1];
  return { notices, nextCursor: rows.length > limit && last ? encodeNoticeCursor(last) : null };
}
