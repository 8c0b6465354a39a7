/**
 * The outbox's bookkeeping: dispatches (one per version and channel) and their deliveries (one per
 * recipient). Every change of a delivery's status goes through `moveDeliveries`, which updates the
 * dispatch's counters in the same statement, so counts and rows never disagree, even across a crash.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB, DeliveriesTable, DispatchesTable } from '../schema.ts';
import type { Selectable } from 'kysely';
import type { DeliveryStatus } from '../../domain/distribution/dispatch-status.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type DispatchRow = Selectable<DispatchesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;

/** The counter each terminal or waiting status adds to; pending and sending are the remainder. */
const COUNTER: { readonly [S in DeliveryStatus]: 'sent' | 'skipped' | 'dead' | 'deferred' | null } = {
  pending: null,
  sending: null,
  sent: 'sent',
  skipped: 'skipped',
  dead: 'dead',
  deferred: 'deferred',
};

export async function insertDispatch(trx: Db, d: { id: string; alertId: string; version: number; channel: string; action: 'publish' | 'retract'; at: Date }): Promise<void> {
  await trx
    .insertInto('dispatches')
    .values({ id: d.id, alert_id: d.alertId, version: d.version, channel: d.channel, action: d.action, status: 'queued', created_at: d.at, updated_at: d.at })
    .execute();
}

export async function findDispatch(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<DispatchRow | undefined> {
  let q = db.selectFrom('dispatches').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listDispatches(db: Db, alertId: string): Promise<DispatchRow[]> {
  return db.selectFrom('dispatches').selectAll().where('alert_id', '=', alertId).orderBy('version').orderBy('channel').execute();
}

/** Channels on which earlier versions of the alert went out (what a Cancel must retract). */
export async function channelsThatCarried(db: Db, alertId: string): Promise<string[]> {
  const rows = await db.selectFrom('dispatches').select('channel').distinct().where('alert_id', '=', alertId).where('action', '=', 'publish').execute();
  return rows.map((r) => r.channel);
}

export async function setDispatchStatus(db: Db, id: string, status: DispatchRow['status'], at: Date): Promise<void> {
  await db.updateTable('dispatches').set({ status, updated_at: at }).where('id', '=', id).execute();
}

/**
 * Moves the listed deliveries that are currently in one of `from` to `to`, adjusting the dispatch's
 * counters atomically. Returns the recipients actually moved (a row already moved elsewhere is left).
 */
export async function moveDeliveries(
  db: Db,
  dispatchId: string,
  recipients: readonly string[],
  from: readonly DeliveryStatus[],
  to: DeliveryStatus,
  at: Date,
  fields: Partial<Pick<DeliveryRow, 'next_attempt_at' | 'provider_ref' | 'error_code' | 'skip_reason' | 'sent_at' | 'provider_status'>> & { bumpAttempts?: boolean } = {},
): Promise<string[]> {
  if (recipients.length === 0) return [];
  const { bumpAttempts, ...set } = fields;
  const setSql = sql.join(
    [
      sql`status = ${to}`,
      sql`updated_at = ${at}`,
      ...(bumpAttempts ? [sql`attempts = d.attempts + 1`] : []),
      ...Object.entries(set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
    ],
    sql`, `,
  );
  const inc = COUNTER[to];
  const counters = ['sent', 'skipped', 'dead', 'deferred'] as const;
  const adjust = sql.join(
    counters.map((c) => {
      const minus = sql`(SELECT count(*) FROM moved WHERE moved.old = ANY(${from.filter((f) => COUNTER[f] === c)}::text[]))`;
      const plus = inc === c ? sql`(SELECT count(*) FROM moved)` : sql`0`;
      return sql`${sql.ref(c)} = ${sql.ref(c)} + ${plus} - ${minus}`;
    }),
    sql`, `,
  );
  const result = await sql<{ recipient: string }>`
    WITH old AS (
      SELECT recipient, status AS old FROM deliveries
       WHERE dispatch_id = ${dispatchId} AND recipient = ANY(${recipients}::text[]) AND status = ANY(${from}::text[])
       ORDER BY recipient
       FOR UPDATE
    ), moved AS (
      UPDATE deliveries d SET ${setSql}
        FROM old WHERE d.dispatch_id = ${dispatchId} AND d.recipient = old.recipient
      RETURNING d.recipient, old.old
    ), counted AS (
      UPDATE dispatches SET ${adjust}, updated_at = ${at} WHERE id = ${dispatchId} AND EXISTS (SELECT 1 FROM moved)
    )
    SELECT recipient FROM moved`.execute(db);
  return result.rows.map((r) => r.recipient);
}

/**
 * Claims → sent for many deliveries at once, each with its own provider reference: one statement and
 * one counter update for a whole chunk instead of one per message (at 1,000 messages a second the
 * dispatch's row would otherwise take 1,000 updates a second). Only rows still 'sending' move.
 */
export async function markSent(db: Db, dispatchId: string, sent: readonly { readonly recipient: string; readonly providerRef: string | null; readonly at: Date }[]): Promise<string[]> {
  if (sent.length === 0) return [];
  const at = sent.reduce((latest, s) => (s.at > latest ? s.at : latest), sent[0]?.at ?? new Date(0));
  const result = await sql<{ recipient: string }>`
    WITH input AS (
      SELECT * FROM unnest(${sent.map((s) => s.recipient)}::text[], ${sent.map((s) => s.providerRef)}::text[], ${sent.map((s) => s.at)}::timestamptz[]) AS i(recipient, provider_ref, at)
    ), old AS (
      SELECT d.recipient FROM deliveries d JOIN input USING (recipient)
       WHERE d.dispatch_id = ${dispatchId} AND d.status = 'sending'
       ORDER BY d.recipient
       FOR UPDATE OF d
    ), moved AS (
      UPDATE deliveries d SET status = 'sent', updated_at = input.at, sent_at = input.at, provider_ref = input.provider_ref, error_code = NULL
        FROM old JOIN input USING (recipient)
       WHERE d.dispatch_id = ${dispatchId} AND d.recipient = old.recipient
      RETURNING d.recipient
    ), counted AS (
      UPDATE dispatches SET sent = sent + (SELECT count(*) FROM moved), updated_at = ${at} WHERE id = ${dispatchId} AND EXISTS (SELECT 1 FROM moved)
    )
    SELECT recipient FROM moved`.execute(db);
  return result.rows.map((r) => r.recipient);
}

export async function deliveriesInRange(db: Db, dispatchId: string, from: string, to: string): Promise<DeliveryRow[]> {
  return db.selectFrom('deliveries').selectAll().where('dispatch_id', '=', dispatchId).where('recipient', '>=', from).where('recipient', '<=', to).orderBy('recipient').execute();
}

/** Provider references of earlier deliveries of the alert on the channel, by recipient (for retraction). */
export async function earlierRefs(db: Db, alertId: string, channel: string, recipients: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (recipients.length === 0) return out;
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select(['d.recipient', 'd.provider_ref'])
    .where('p.alert_id', '=', alertId)
    .where('p.channel', '=', channel)
    .where('p.action', '=', 'publish')
    .where('d.status', '=', 'sent')
    .where('d.provider_ref', 'is not', null)
    .where('d.recipient', 'in', recipients)
    .execute();
  for (const r of rows) if (r.provider_ref) out.set(r.recipient, [...(out.get(r.recipient) ?? []), r.provider_ref]);
  return out;
}

export interface PushRecord {
  readonly recipient: string;
  readonly alertId: string;
  readonly at: Date;
}

/** Pushes the subscribers received in the last `sinceMs` or of this alert (alert-fatigue input). */
export async function recentPushes(db: Db, recipients: readonly string[], alertId: string, since: Date): Promise<PushRecord[]> {
  if (recipients.length === 0) return [];
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select(['d.recipient', 'p.alert_id', 'd.sent_at'])
    .where('d.status', '=', 'sent')
    .where('d.recipient', 'in', recipients)
    .where((eb) => eb.or([eb('d.sent_at', '>', since), eb('p.alert_id', '=', alertId)]))
    .execute();
  return rows.filter((r) => r.sent_at).map((r) => ({ recipient: r.recipient, alertId: r.alert_id, at: r.sent_at as Date }));
}

/** The channel of each of these dispatches that exists, by id. */
export async function dispatchChannels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('dispatches').select(['id', 'channel']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.channel]));
}

/**
 * Provider statuses (receipts) recorded on the deliveries carrying these provider references on one
 * channel, in one statement for a whole webhook's worth: per reference the highest-ranked status of the
 * batch, and a delivery only ever moves forward (the rank is checked again on the locked row, so two
 * batches racing on one delivery still end on the higher status). Returns the references that moved.
 */
export async function advanceProviderStatuses(
  db: Db,
  channel: string,
  items: readonly { readonly providerRef: string; readonly status: string; readonly rank: number; readonly errorCode: string | null }[],
  at: Date,
): Promise<string[]> {
  if (items.length === 0) return [];
  const rankOf = sql<number>`CASE d.provider_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'failed' THEN 3 WHEN 'read' THEN 4 ELSE 0 END`;
  const result = await sql<{ provider_ref: string }>`
    WITH input AS (
      SELECT DISTINCT ON (ref) ref, status, rank, error_code
        FROM unnest(${items.map((i) => i.providerRef)}::text[], ${items.map((i) => i.status)}::text[], ${items.map((i) => i.rank)}::int[], ${items.map((i) => i.errorCode)}::text[]) AS i(ref, status, rank, error_code)
       ORDER BY ref, rank DESC
    ), target AS (
      SELECT d.dispatch_id, d.recipient, input.status, input.rank, input.error_code
        FROM input
        JOIN deliveries d ON d.provider_ref = input.ref
        JOIN dispatches p ON p.id = d.dispatch_id AND p.channel = ${channel}
       ORDER BY d.dispatch_id, d.recipient
       FOR UPDATE OF d
    )
    UPDATE deliveries d
       SET provider_status = target.status, updated_at = ${at},
           error_code = CASE WHEN target.status = 'failed' THEN target.error_code ELSE d.error_code END
      FROM target
     WHERE d.dispatch_id = target.dispatch_id AND d.recipient = target.recipient AND ${rankOf} < target.rank
    RETURNING d.provider_ref`.execute(db);
  return [...new Set(result.rows.map((r) => r.provider_ref))];
}
