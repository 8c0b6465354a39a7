/**
 * Receipts that providers send after accepting a delivery (WhatsApp status webhooks, SMPP delivery
 * receipts): recorded on the delivery they refer to, found by the provider's reference. Receipts arrive
 * late, twice or out of order ("read" before "delivered"), so a status only ever moves forward and a
 * repeated or older receipt changes nothing.
 *
 * @example
 *   await recordProviderReceipt(ctx, { channel: 'whatsapp', providerRef: 'wamid.HBg…', status: 'delivered' });
 */
import { sql } from 'kysely';
import type { ChannelName } from '../../domain/distribution/channels.ts';
import type { AppContext } from '../context.ts';
import { moveDeliveries } from '../../store/repositories/dispatches.repository.ts';

export const PROVIDER_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** Forward order; 'failed' is final and outranks everything but 'read' (a read message was delivered). */
const RANK: { readonly [S in ProviderStatus]: number } = { sent: 1, delivered: 2, failed: 3, read: 4 };

export interface ProviderReceipt {
  readonly channel: ChannelName;
  readonly providerRef: string;
  readonly status: ProviderStatus;
  /** Provider's error code on 'failed' (kept for the officers; no personal data). */
  readonly errorCode?: string | null;
  /** Our idempotency key echoed by the provider (WhatsApp biz_opaque_callback_data), when it was. */
  readonly idempotencyKey?: string | null;
}

const KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(.{1,200})$/;

/**
 * A receipt carrying our key settles a claim left uncertain by a crashed worker: the provider did
 * accept it, so it is recorded as sent and never sent again (deliver-batch.ts reconciliation window).
 */
async function settleUncertainClaim(ctx: AppContext, receipt: ProviderReceipt): Promise<void> {
  const m = receipt.idempotencyKey ? KEY.exec(receipt.idempotencyKey) : null;
  if (!m?.[1] || !m[2]) return;
  const [dispatchId, recipient] = [m[1], m[2]];
  const dispatch = await ctx.store.db.selectFrom('dispatches').select('channel').where('id', '=', dispatchId).executeTakeFirst();
  if (dispatch?.channel !== receipt.channel) return;
  const now = ctx.clock.now();
  await moveDeliveries(ctx.store.db, dispatchId, [recipient], ['sending'], 'sent', now, { provider_ref: receipt.providerRef, sent_at: now, error_code: null });
}

/** Returns true when the receipt moved the delivery forward, false when it was unknown, repeated or older. */
export async function recordProviderReceipt(ctx: AppContext, receipt: ProviderReceipt): Promise<boolean> {
  await settleUncertainClaim(ctx, receipt);
  const rank = RANK[receipt.status];
  // Found by the provider's reference first (its own index), then updated by primary key: planning the
  // update with the reference and the channel together can scan a whole dispatch per receipt.
  const rows = await ctx.store.db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select(['d.dispatch_id', 'd.recipient', 'd.provider_status'])
    .where('d.provider_ref', '=', receipt.providerRef)
    .where('p.channel', '=', receipt.channel)
    .execute();
  let moved = false;
  for (const row of rows) {
    const current = row.provider_status && (PROVIDER_STATUSES as readonly string[]).includes(row.provider_status) ? RANK[row.provider_status as ProviderStatus] : 0;
    if (current >= rank) continue;
    const ranks = sql<number>`CASE provider_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'failed' THEN 3 WHEN 'read' THEN 4 ELSE 0 END`;
    const result = await ctx.store.db
      .updateTable('deliveries')
      .set({ provider_status: receipt.status, updated_at: ctx.clock.now(), ...(receipt.status === 'failed' ? { error_code: receipt.errorCode ?? `${receipt.channel}_failed` } : {}) })
      .where('dispatch_id', '=', row.dispatch_id)
      .where('recipient', '=', row.recipient)
      .where(ranks, '<', rank)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) moved = true;
  }
  return moved;
}
