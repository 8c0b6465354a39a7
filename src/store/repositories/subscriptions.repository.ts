/**
 * Citizens' subscriptions and their H3 cells: all the SQL. A subscription is found by its id or by
 * its `address_key` (a keyed hash of the normalised address, never the address itself); at most one
 * subscription per channel and address is live (pending or active), which a partial unique index
 * enforces.
 *
 * Cells exist only while a subscription is active: `activateSubscription` and `replaceSubscriptionCells`
 * write them, `markUnsubscribed` deletes them in the same statement batch. On unsubscribe the address
 * and push keys are blanked too (the consent record and the address key stay, as evidence of what was
 * agreed and when).
 *
 * @example
 *   const row = await findLiveSubscription(trx, 'sms', candidateKeys, { forUpdate: true });
 *   await activateSubscription(trx, row.id, cellRows, now);
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, SubscriptionsTable } from '../schema.ts';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type SubscriptionChannelName = SubscriptionsTable['channel'];

/**
 * One stored cell: the H3 index and its res-15 range, as int8 decimal strings (domain/zone/cell-ranges.ts),
 * and the reach of a circle's centre cell (null for a provinces cover: domain/subscription/subscription-area.ts).
 */
export interface CellRow {
  readonly cell: string;
  readonly lo: string;
  readonly hi: string;
  readonly reach: number | null;
}

export interface SubscriptionPreferences {
  readonly languages: readonly string[];
  readonly area: Record<string, unknown>;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly consent: Record<string, unknown>;
}

export interface NewSubscription extends SubscriptionPreferences {
  readonly id: string;
  readonly channel: SubscriptionChannelName;
  readonly status: 'pending' | 'active';
  readonly address: string;
  readonly addressKey: string;
  readonly pushKeys: { readonly p256dh: string; readonly auth: string } | null;
  readonly at: Date;
}

const json = (value: unknown): string => JSON.stringify(value);

export async function insertSubscription(db: Kysely<DB>, s: NewSubscription): Promise<void> {
  await db
    .insertInto('subscriptions')
    .values({
      id: s.id,
      channel: s.channel,
      status: s.status,
      address: s.address,
      address_key: s.addressKey,
      push_keys: s.pushKeys ? json(s.pushKeys) : null,
      languages: [...s.languages],
      area: json(s.area),
      quiet_hours: s.quietHours ? json(s.quietHours) : null,
      consent: json(s.consent),
      created_at: s.at,
      updated_at: s.at,
      confirmed_at: s.status === 'active' ? s.at : null,
    })
    .execute();
}

export async function findSubscriptionById(db: Kysely<DB>, id: string, options: { readonly forUpdate?: boolean } = {}): Promise<SubscriptionRow | undefined> {
  let q = db.selectFrom('subscriptions').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The live (pending or active) subscription of a channel whose address key is one of `addressKeys`. */
export async function findLiveSubscription(db: Kysely<DB>, channel: SubscriptionChannelName, addressKeys: readonly string[], options: { readonly forUpdate?: boolean } = {}): Promise<SubscriptionRow | undefined> {
  if (addressKeys.length === 0) return undefined;
  let q = db.selectFrom('subscriptions').selectAll().where('channel', '=', channel).where('address_key', 'in', [...addressKeys]).where('status', '<>', 'unsubscribed').orderBy('created_at', 'desc').limit(1);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Ids of every live subscription of a channel with one of the address keys (older key versions included). */
export async function findLiveSubscriptionIds(db: Kysely<DB>, channel: SubscriptionChannelName, addressKeys: readonly string[]): Promise<string[]> {
  if (addressKeys.length === 0) return [];
  const rows = await db.selectFrom('subscriptions').select('id').where('channel', '=', channel).where('address_key', 'in', [...addressKeys]).where('status', '<>', 'unsubscribed').execute();
  return rows.map((r) => r.id);
}

/** A new sign-up for a live subscription replaces its preferences and consent (and, for Web Push, its keys). */
export async function updateSubscriptionPreferences(
  db: Kysely<DB>,
  id: string,
  p: SubscriptionPreferences & { readonly addressKey: string; readonly pushKeys?: { readonly p256dh: string; readonly auth: string } | null },
  at: Date,
): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({
      languages: [...p.languages],
      area: json(p.area),
      quiet_hours: p.quietHours ? json(p.quietHours) : null,
      consent: json(p.consent),
      address_key: p.addressKey,
      ...(p.pushKeys === undefined ? {} : { push_keys: p.pushKeys ? json(p.pushKeys) : null }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Stores a new confirmation secret's hash and expiry and starts its try count afresh. */
export async function setConfirmationSecret(db: Kysely<DB>, id: string, secretHash: string, expiresAt: Date, at: Date): Promise<void> {
  await db.updateTable('subscriptions').set({ confirm_secret_hash: secretHash, confirm_expires_at: expiresAt, confirm_attempts: 0, updated_at: at }).where('id', '=', id).execute();
}

export async function resetConfirmationAttempts(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db.updateTable('subscriptions').set({ confirm_attempts: 0, updated_at: at }).where('id', '=', id).execute();
}

/** Adds one wrong try; returns the new count. */
export async function countWrongConfirmation(db: Kysely<DB>, id: string, at: Date): Promise<number> {
  const row = await db
    .updateTable('subscriptions')
    .set((eb) => ({ confirm_attempts: eb('confirm_attempts', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .returning('confirm_attempts')
    .executeTakeFirst();
  return row?.confirm_attempts ?? 0;
}

async function insertCells(db: Kysely<DB>, subscriptionId: string, channel: SubscriptionChannelName, cells: readonly CellRow[]): Promise<void> {
  // 6 parameters a row: 2,000 rows stay far below PostgreSQL's 65,535 parameters per statement.
  for (let i = 0; i < cells.length; i += 2000) {
    const chunk = cells.slice(i, i + 2000);
    await db
      .insertInto('subscription_cells')
      .values(chunk.map((c) => ({ subscription_id: subscriptionId, channel, cell: c.cell, lo: c.lo, hi: c.hi, reach: c.reach })))
      .execute();
  }
}

/** Pending → active, with its cells (the caller's transaction holds the row). */
export async function activateSubscription(db: Kysely<DB>, id: string, channel: SubscriptionChannelName, cells: readonly CellRow[], at: Date): Promise<void> {
  await db.updateTable('subscriptions').set({ status: 'active', confirmed_at: at, updated_at: at }).where('id', '=', id).where('status', '=', 'pending').execute();
  await db.deleteFrom('subscription_cells').where('subscription_id', '=', id).execute();
  await insertCells(db, id, channel, cells);
}

/** An active subscription's area changed: its cells are rewritten. */
export async function replaceSubscriptionCells(db: Kysely<DB>, id: string, channel: SubscriptionChannelName, cells: readonly CellRow[]): Promise<void> {
  await db.deleteFrom('subscription_cells').where('subscription_id', '=', id).execute();
  await insertCells(db, id, channel, cells);
}

/**
 * Ends the live subscriptions among `ids`: status, time, address and push keys blanked, confirmation
 * secret dropped, cells deleted. Returns how many were live.
 */
export async function markUnsubscribed(db: Kysely<DB>, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: at, updated_at: at, address: '', push_keys: null, confirm_secret_hash: null, confirm_expires_at: null })
    .where('id', 'in', [...ids])
    .where('status', '<>', 'unsubscribed')
    .executeTakeFirst();
  await db.deleteFrom('subscription_cells').where('subscription_id', 'in', [...ids]).execute();
  return Number(r.numUpdatedRows);
}

/** Cells stored for a subscription, sorted by cell (tests and support). */
export async function subscriptionCells(db: Kysely<DB>, id: string): Promise<CellRow[]> {
  return db.selectFrom('subscription_cells').select(['cell', 'lo', 'hi', 'reach']).where('subscription_id', '=', id).orderBy('cell').execute();
}

/**
 * Deletes pending subscriptions created before `before` that were never confirmed (their addresses
 * have no reason to stay). Returns how many.
 */
export async function deleteStalePending(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('subscriptions').where('status', '=', 'pending').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Live subscriptions whose address key was not made with `keyPrefix` (for re-keying after a master key rotation). */
export async function listForRekey(db: Kysely<DB>, keyPrefix: string, limit: number): Promise<Pick<SubscriptionRow, 'id' | 'address'>[]> {
  return db
    .selectFrom('subscriptions')
    .select(['id', 'address'])
    .where('status', '<>', 'unsubscribed')
    .where('address_key', 'not like', `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setAddressKey(db: Kysely<DB>, id: string, addressKey: string): Promise<void> {
  await db.updateTable('subscriptions').set({ address_key: addressKey }).where('id', '=', id).execute();
}
