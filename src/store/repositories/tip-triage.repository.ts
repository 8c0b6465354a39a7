/**
 * Tip triage's SQL: scoring and grouping a tip once (under its row lock and the case's grouping lock),
 * the officers' lists (keyset pages), the map and timeline reads, status changes with their history,
 * assignment, and the officers' in-app notifications. The use cases in app/tips/triage-*.ts decide;
 * this file only reads and writes.
 *
 * @example
 *   const tip = await lockTipForTriage(trx, tipId);           // FOR UPDATE
 *   await lockCaseGrouping(trx, tip.case_id);                 // one grouping at a time per case
 *   await recordTriage(trx, tip.id, { score, parts, groupId, at });
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, OfficerNotificationsTable, TipStatusHistoryTable } from '../schema.ts';
import type { TipRow } from './tips.repository.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type TipStatusValue = TipRow['status'];
export type TipHistoryRow = Selectable<TipStatusHistoryTable>;
export type OfficerNotificationRow = Selectable<OfficerNotificationsTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const seenOrReceived = sql<Date>`coalesce(seen_at, received_at)`;

/** The tip, locked for the rest of the transaction; undefined when there is none (or the id is malformed). */
export async function lockTip(trx: Transaction<DB>, id: string): Promise<TipRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return trx.selectFrom('tips').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export const lockTipForTriage = lockTip;

/**
 * Serialises grouping within one case (two near-duplicates triaged at the same moment must not both
 * start a group); other cases are not held up. Released at commit.
 */
export async function lockCaseGrouping(trx: Transaction<DB>, caseId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`tips.group:${caseId}`}, 0))`.execute(trx);
}

export interface CredibleSightingRow {
  readonly id: string;
  readonly seenAt: Date;
  readonly lat: number;
  readonly lon: number;
}

/** Tips marked credible that carry a point and a time of sighting (candidates for the last confirmed sighting). */
export async function listCredibleSightings(db: Db, caseId: string): Promise<CredibleSightingRow[]> {
  const rows = await db
    .selectFrom('tips')
    .select(['id', 'seen_at', 'lat', 'lon'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'credible')
    .where('seen_at', 'is not', null)
    .where('lat', 'is not', null)
    .where('lon', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.seen_at && r.lat !== null && r.lon !== null ? [{ id: r.id, seenAt: r.seen_at, lat: r.lat, lon: r.lon }] : []));
}

export type GroupCandidateRow = Pick<TipRow, 'id' | 'group_id' | 'seen_at' | 'received_at' | 'lat' | 'lon' | 'place' | 'seen'>;

/** The case's triaged tips seen (or received) between `from` and `to`, nearest first, at most `limit`. */
export async function listGroupCandidates(db: Db, f: { caseId: string; excludeId: string; from: Date; to: Date; around: Date; limit: number }): Promise<GroupCandidateRow[]> {
  return db
    .selectFrom('tips')
    .select(['id', 'group_id', 'seen_at', 'received_at', 'lat', 'lon', 'place', 'seen'])
    .where('case_id', '=', f.caseId)
    .where('triaged_at', 'is not', null)
    .where('id', '!=', f.excludeId)
    .where(seenOrReceived, '>=', f.from)
    .where(seenOrReceived, '<=', f.to)
    .orderBy(sql`abs(extract(epoch from (coalesce(seen_at, received_at) - ${f.around}::timestamptz)))`)
    .orderBy('received_at')
    .limit(f.limit)
    .execute();
}

export interface TriageRecord {
  readonly score: number;
  readonly parts: Record<string, unknown>;
  readonly groupId: string;
  readonly at: Date;
}

/** Scores and groups a tip once: false when it was triaged already (nothing is changed then). */
export async function recordTriage(trx: Transaction<DB>, id: string, r: TriageRecord): Promise<boolean> {
  const res = await trx
    .updateTable('tips')
    .set((eb) => ({ score: r.score, score_parts: JSON.stringify(r.parts), triaged_at: r.at, group_id: eb.fn.coalesce('group_id', sql<string>`${r.groupId}::uuid`) }))
    .where('id', '=', id)
    .where('triaged_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export interface NewOfficerNotification {
  readonly id: string;
  readonly kind: 'tip_high_score';
  readonly recipientId: string | null;
  readonly jurisdictionCode: string;
  readonly caseId: string;
  readonly tipId: string;
  readonly score: number;
  readonly at: Date;
}

/** Inserts the notification unless this tip already raised one of this kind; true when inserted. */
export async function insertOfficerNotification(db: Db, n: NewOfficerNotification): Promise<boolean> {
  const r = await db
    .insertInto('officer_notifications')
    .values({ id: n.id, kind: n.kind, recipient_id: n.recipientId, jurisdiction_code: n.jurisdictionCode, case_id: n.caseId, tip_id: n.tipId, score: n.score, created_at: n.at, read_at: null })
    .onConflict((oc) => oc.columns(['kind', 'tip_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export type TipSort = 'score' | 'time';

/** Keyset position after a row: for "score", its score (-1 when unscored) then arrival; for "time", its arrival. */
export interface TipCursor {
  readonly score: number;
  readonly receivedAt: Date;
  readonly id: string;
}

export interface TipListFilter {
  readonly caseId: string;
  readonly statuses?: readonly TipStatusValue[];
  readonly sort: TipSort;
  readonly after?: TipCursor;
  readonly withPointOnly?: boolean;
  readonly limit: number;
}

export async function listCaseTipRows(db: Db, f: TipListFilter): Promise<TipRow[]> {
  let q = db.selectFrom('tips').selectAll().where('case_id', '=', f.caseId);
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.withPointOnly) q = q.where('lat', 'is not', null);
  if (f.sort === 'score') {
    if (f.after) q = q.where(sql<boolean>`(coalesce(score, -1), received_at, id) < (${f.after.score}::int, ${f.after.receivedAt}::timestamptz, ${f.after.id}::uuid)`);
    q = q.orderBy(sql`coalesce(score, -1)`, 'desc');
  } else if (f.after) {
    q = q.where(sql<boolean>`(received_at, id) < (${f.after.receivedAt}::timestamptz, ${f.after.id}::uuid)`);
  }
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** The case's latest `limit` tips by time of sighting (the tipster's, else arrival), returned oldest first. */
export async function listCaseTipsByTime(db: Db, f: { caseId: string; statuses?: readonly TipStatusValue[]; limit: number }): Promise<TipRow[]> {
  let q = db.selectFrom('tips').selectAll().where('case_id', '=', f.caseId);
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  const rows = await q.orderBy(seenOrReceived, 'desc').orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.reverse();
}

export async function countCaseTips(db: Db, caseId: string, statuses?: readonly TipStatusValue[], withPointOnly = false): Promise<number> {
  let q = db.selectFrom('tips').select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', caseId);
  if (statuses?.length) q = q.where('status', 'in', [...statuses]);
  if (withPointOnly) q = q.where('lat', 'is not', null);
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many tips each group holds. */
export async function groupSizes(db: Db, groupIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tips').select(['group_id', (eb) => eb.fn.countAll<string>().as('n')]).where('group_id', 'in', ids).groupBy('group_id').execute();
  return new Map(rows.flatMap((r) => (r.group_id ? [[r.group_id, Number(r.n)] as const] : [])));
}

export type GroupMemberRow = Pick<TipRow, 'id' | 'reference' | 'status' | 'score' | 'seen_at' | 'received_at' | 'source'>;

/** The tips of a group, oldest first (the lead is the group's id). */
export async function listGroupMembers(db: Db, groupId: string, limit: number): Promise<GroupMemberRow[]> {
  return db.selectFrom('tips').select(['id', 'reference', 'status', 'score', 'seen_at', 'received_at', 'source']).where('group_id', '=', groupId).orderBy('received_at').orderBy('id').limit(limit).execute();
}

export interface StatusChange {
  readonly status: TipStatusValue;
  readonly duplicateOf: string | null;
  /** Set when the tip moves into another tip's group (marked a duplicate of it). */
  readonly groupId?: string;
  readonly at: Date;
}

export async function updateTipStatus(trx: Transaction<DB>, id: string, c: StatusChange): Promise<TipRow> {
  return trx
    .updateTable('tips')
    .set({ status: c.status, duplicate_of: c.duplicateOf, status_changed_at: c.at, ...(c.groupId ? { group_id: c.groupId } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every tip of the group led by `fromLead` (but the lead itself) moves into `toLead`'s group; its duplicates point at the new lead. */
export async function mergeGroupInto(trx: Transaction<DB>, fromLead: string, toLead: string): Promise<void> {
  await trx.updateTable('tips').set({ duplicate_of: toLead }).where('group_id', '=', fromLead).where('duplicate_of', '=', fromLead).execute();
  await trx.updateTable('tips').set({ group_id: toLead }).where('group_id', '=', fromLead).where('id', '!=', fromLead).execute();
}

export interface NewTipHistory {
  readonly id: string;
  readonly tipId: string;
  readonly at: Date;
  readonly actorId: string;
  readonly from: TipStatusValue;
  readonly to: TipStatusValue;
  readonly reason: string | null;
  readonly duplicateOf: string | null;
}

export async function insertTipHistory(trx: Transaction<DB>, h: NewTipHistory): Promise<void> {
  await trx
    .insertInto('tip_status_history')
    .values({ id: h.id, tip_id: h.tipId, at: h.at, actor_id: h.actorId, from_status: h.from, to_status: h.to, reason: h.reason, duplicate_of: h.duplicateOf })
    .execute();
}

export async function listTipHistory(db: Db, tipId: string): Promise<TipHistoryRow[]> {
  return db.selectFrom('tip_status_history').selectAll().where('tip_id', '=', tipId).orderBy('seq').execute();
}

export async function setTipAssignee(trx: Transaction<DB>, id: string, assignee: string | null, at: Date): Promise<TipRow> {
  return trx
    .updateTable('tips')
    .set({ assigned_to: assignee, assigned_at: assignee === null ? null : at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NotificationFilter {
  readonly userId: string;
  /** Also the notifications addressed to no one for cases in this jurisdiction's subtree; null: none. */
  readonly unaddressedWithin: string | null;
  readonly unreadOnly: boolean;
  readonly before?: { readonly createdAt: Date; readonly id: string };
  readonly limit: number;
}

export interface OfficerNotificationListRow extends OfficerNotificationRow {
  readonly case_reference: string;
}

export async function listOfficerNotifications(db: Db, f: NotificationFilter): Promise<OfficerNotificationListRow[]> {
  let q = db
    .selectFrom('officer_notifications as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .selectAll('n')
    .select('c.reference as case_reference')
    .where((eb) => {
      const mine = eb('n.recipient_id', '=', f.userId);
      return f.unaddressedWithin === null ? mine : eb.or([mine, eb.and([eb('n.recipient_id', 'is', null), eb('n.jurisdiction_code', 'in', jurisdictionSubtree(f.unaddressedWithin))])]);
    });
  if (f.unreadOnly) q = q.where('n.read_at', 'is', null);
  if (f.before) q = q.where(sql<boolean>`(n.created_at, n.id) < (${f.before.createdAt}::timestamptz, ${f.before.id}::uuid)`);
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(f.limit).execute();
}

export async function findOfficerNotification(db: Db, id: string): Promise<OfficerNotificationRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return db.selectFrom('officer_notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks it read unless it already was (the first time is kept); the row as it now stands. */
export async function markOfficerNotificationRead(db: Db, id: string, at: Date): Promise<{ row: OfficerNotificationRow; marked: boolean } | undefined> {
  const updated = await db.updateTable('officer_notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).returningAll().executeTakeFirst();
  if (updated) return { row: updated, marked: true };
  const row = await findOfficerNotification(db, id);
  return row && { row, marked: false };
}

/** Notifications a tip raised (tests and the tip view). */
export async function listTipNotifications(db: Db, tipId: string): Promise<OfficerNotificationRow[]> {
  return db.selectFrom('officer_notifications').selectAll().where('tip_id', '=', tipId).orderBy('created_at').execute();
}
