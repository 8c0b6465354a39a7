/**
 * A case's tips for the officers: as a list (filter by status, sort by score or arrival, keyset pages),
 * for a map (tips with a point, and the last confirmed sighting they are measured from) and as a
 * timeline (by time of sighting, with their near-duplicate groups). Tip texts and places are
 * restricted data: every read states its purpose and is audited in the reading transaction
 * (`case_tips.read_restricted`, field names only).
 *
 * @example
 *   const page = await listCaseTips(ctx, actor, caseId, { sort: 'score', statuses: ['new'], limit: 50, purpose: 'triage' });
 *   const map = await caseTipsMap(ctx, actor, caseId, { purpose: 'triage' });
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { lastConfirmedSighting, type Sighting } from '../../domain/tips/last-sighting.ts';
import type { TipStatus } from '../../domain/tips/tip-status.ts';
import type { CaseRow } from '../../store/repositories/cases.repository.ts';
import type { Database } from '../../store/database.ts';
import {
  countCaseTips,
  groupSizes,
  listCaseTipRows,
  listCaseTipsByTime,
  listCredibleSightings,
  type TipCursor,
  type TipSort,
} from '../../store/repositories/tip-triage.repository.ts';
import type { TipRow } from '../../store/repositories/tips.repository.ts';
import { auditRead } from '../audit/audit-read.ts';
import type { AppContext } from '../context.ts';
import { loadCaseForTips } from './triage-access.ts';
import { caseTriageFacts, credibleSighting } from './triage-case.ts';
import { TIP_VIEW_FIELDS, type TipTriageView, tipTriageView } from './triage-views.ts';

export const TIP_PAGE_MAX = 100;
export const TIP_PAGE_DEFAULT = 50;
/** Most tips drawn on a map or a timeline (the best scored / the latest). */
export const TIP_MAP_MAX = 2000;
export const TIP_TIMELINE_MAX = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TipListQuery {
  readonly statuses?: readonly TipStatus[];
  readonly sort: TipSort;
  readonly cursor?: string;
  readonly limit?: number;
  readonly purpose: string | undefined;
}

export interface TipPage {
  readonly caseId: string;
  readonly items: readonly TipTriageView[];
  /** Tips matching the filter, all pages together. */
  readonly total: number;
  readonly nextCursor: string | null;
}

export interface TipsMap {
  readonly caseId: string;
  readonly lastConfirmedSighting: Sighting;
  readonly tips: readonly TipTriageView[];
  /** Tips with a point matching the filter; more than `tips.length` when the map was capped. */
  readonly total: number;
}

export interface TimelineGroup {
  readonly id: string;
  readonly size: number;
  /** The group's tips on this timeline, in its order. */
  readonly tipIds: readonly string[];
}

export interface TipsTimeline {
  readonly caseId: string;
  readonly lastConfirmedSighting: Sighting;
  /** Oldest first, by the tipster's time of sighting, else arrival. */
  readonly tips: readonly TipTriageView[];
  /** Groups of two or more tips that appear on this timeline. */
  readonly groups: readonly TimelineGroup[];
  readonly total: number;
}

export function encodeTipCursor(sort: TipSort, row: Pick<TipRow, 'score' | 'received_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([sort, row.score ?? -1, row.received_at.toISOString(), row.id]), 'utf8').toString('base64url');
}

export function decodeTipCursor(sort: TipSort, cursor: string): TipCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [s, score, at, id] = Array.isArray(parsed) && parsed.length === 4 ? (parsed as unknown[]) : [];
  const receivedAt = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (s !== sort || typeof score !== 'number' || !Number.isInteger(score) || typeof id !== 'string' || !UUID.test(id) || Number.isNaN(receivedAt.getTime())) {
    throw new AppError('validation_failed', 'The cursor is not one this server gave out for this sort.', { errors: [{ field: 'querystring/cursor', message: 'must be the nextCursor of a previous page with the same sort' }] });
  }
  return { score, receivedAt, id };
}

async function withSizes(db: Database['db'], rows: readonly TipRow[]): Promise<TipTriageView[]> {
  const sizes = await groupSizes(db, rows.flatMap((r) => (r.group_id ? [r.group_id] : [])));
  return rows.map((r) => tipTriageView(r, (r.group_id && sizes.get(r.group_id)) || 1));
}

/** The sighting a case's tips are measured from now: its last-seen record, or a later credible tip. */
export async function caseLastConfirmedSighting(db: Database['db'], caseRow: CaseRow): Promise<Sighting> {
  return lastConfirmedSighting(caseTriageFacts(caseRow).sighting, (await listCredibleSightings(db, caseRow.id)).map(credibleSighting));
}

export async function listCaseTips(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, caseId: string, q: TipListQuery): Promise<TipPage> {
  const caseRow = await loadCaseForTips(ctx.store.db, actor, caseId, 'tip.read');
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? TIP_PAGE_DEFAULT)), TIP_PAGE_MAX);
  const after = q.cursor !== undefined ? decodeTipCursor(q.sort, q.cursor) : undefined;
  return ctx.store.db.transaction().execute(async (trx) => {
    await auditRead(trx, ctx.clock, actor, { objectType: 'case_tips', objectId: caseRow.id, fields: TIP_VIEW_FIELDS, purpose: q.purpose });
    const rows = await listCaseTipRows(trx, { caseId: caseRow.id, sort: q.sort, limit: limit + 1, ...(q.statuses ? { statuses: q.statuses } : {}), ...(after ? { after } : {}) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      caseId: caseRow.id,
      items: await withSizes(trx, page),
      total: await countCaseTips(trx, caseRow.id, q.statuses),
      nextCursor: rows.length > limit && last ? encodeTipCursor(q.sort, last) : null,
    };
  });
}

export async function caseTipsMap(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, caseId: string, q: { statuses?: readonly TipStatus[]; purpose: string | undefined }): Promise<TipsMap> {
  const caseRow = await loadCaseForTips(ctx.store.db, actor, caseId, 'tip.read');
  return ctx.store.db.transaction().execute(async (trx) => {
    await auditRead(trx, ctx.clock, actor, { objectType: 'case_tips', objectId: caseRow.id, fields: [...TIP_VIEW_FIELDS, 'lastSeen.point'], purpose: q.purpose });
    const rows = await listCaseTipRows(trx, { caseId: caseRow.id, sort: 'score', withPointOnly: true, limit: TIP_MAP_MAX, ...(q.statuses ? { statuses: q.statuses } : {}) });
    return {
      caseId: caseRow.id,
      lastConfirmedSighting: await caseLastConfirmedSighting(trx, caseRow),
      tips: await withSizes(trx, rows),
      total: await countCaseTips(trx, caseRow.id, q.statuses, true),
    };
  });
}

export async function caseTipsTimeline(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, caseId: string, q: { statuses?: readonly TipStatus[]; purpose: string | undefined }): Promise<TipsTimeline> {
  const caseRow = await loadCaseForTips(ctx.store.db, actor, caseId, 'tip.read');
  return ctx.store.db.transaction().execute(async (trx) => {
    await auditRead(trx, ctx.clock, actor, { objectType: 'case_tips', objectId: caseRow.id, fields: [...TIP_VIEW_FIELDS, 'lastSeen.point'], purpose: q.purpose });
    const tips = await withSizes(trx, await listCaseTipsByTime(trx, { caseId: caseRow.id, limit: TIP_TIMELINE_MAX, ...(q.statuses ? { statuses: q.statuses } : {}) }));
    const groups = new Map<string, { size: number; tipIds: string[] }>();
    for (const tip of tips) {
      if (tip.groupId === null || tip.groupSize < 2) continue;
      const g = groups.get(tip.groupId) ?? { size: tip.groupSize, tipIds: [] };
      g.tipIds.push(tip.id);
      groups.set(tip.groupId, g);
    }
    return {
      caseId: caseRow.id,
      lastConfirmedSighting: await caseLastConfirmedSighting(trx, caseRow),
      tips,
      groups: [...groups].map(([id, g]) => ({ id, size: g.size, tipIds: g.tipIds })),
      total: await countCaseTips(trx, caseRow.id, q.statuses),
    };
  });
}
