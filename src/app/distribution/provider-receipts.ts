/**
 * Receipts that providers send after accepting a delivery (WhatsApp status webhooks, SMPP delivery
 * receipts): recorded on the delivery they refer to, found by the provider's reference. Receipts arrive
 * late, twice or out of order ("read" before "delivered"), so a status only ever moves forward and a
 * repeated or older receipt changes nothing.
 *
 * @example
 *   await recordProviderReceipt(ctx, { channel: 'whatsapp', providerRef: 'wamid.HBg…', status: 'delivered' });
 *   await recordProviderReceipts(ctx, 'whatsapp', receiptsOfOneWebhook); // one statement for all their statuses
 */
import type { ChannelName } from '../../domain/distribution/channels.ts';
import type { AppContext } from '../context.ts';
import { advanceProviderStatuses, dispatchChannels, markSent } from '../../store/repositories/dispatches.repository.ts';
import { retryOnDeadlock } from '../../store/deadlock-retry.ts';

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
 * Receipts carrying our key settle claims left uncertain by a crashed worker: the provider did accept
 * them, so they are recorded as sent and never sent again (deliver-batch.ts reconciliation window).
 * Grouped by dispatch: one statement per dispatch, whatever the number of receipts.
 */
async function settleUncertainClaims(ctx: AppContext, channel: ChannelName, receipts: readonly ProviderReceipt[], now: Date): Promise<void> {
  const keyed = receipts.flatMap((r) => {
    const m = r.idempotencyKey ? KEY.exec(r.idempotencyKey) : null;
    return m?.[1] && m[2] ? [{ dispatchId: m[1], recipient: m[2], providerRef: r.providerRef }] : [];
  });
  if (keyed.length === 0) return;
  const channels = await dispatchChannels(ctx.store.db, keyed.map((k) => k.dispatchId));
  // Several receipts of one message (sent, delivered…) settle it once.
  const byDispatch = new Map<string, Map<string, { recipient: string; providerRef: string; at: Date }>>();
  for (const k of keyed) {
    if (channels.get(k.dispatchId) !== channel) continue;
    const recipients = byDispatch.get(k.dispatchId) ?? new Map<string, { recipient: string; providerRef: string; at: Date }>();
    recipients.set(k.recipient, { recipient: k.recipient, providerRef: k.providerRef, at: now });
    byDispatch.set(k.dispatchId, recipients);
  }
  for (const [dispatchId, recipients] of byDispatch) await retryOnDeadlock(() => markSent(ctx.store.db, dispatchId, [...recipients.values()]));
}

/**
 * Records a batch of receipts of one channel (a WhatsApp webhook carries up to a hundred): claims settled
 * first, then every status in one statement. Returns how many of the receipts' references moved forward;
 * an unknown, repeated or older receipt moves nothing.
 */
export async function recordProviderReceipts(ctx: AppContext, channel: ChannelName, receipts: readonly ProviderReceipt[]): Promise<number> {
  const mine = receipts.filter((r) => r.channel === channel);
  if (mine.length === 0) return 0;
  const now = ctx.clock.now();
  await settleUncertainClaims(ctx, channel, mine, now);
  const items = mine.map((r) => ({ providerRef: r.providerRef, status: r.status, rank: RANK[r.status], errorCode: r.status === 'failed' ? (r.errorCode ?? `${channel}_failed`) : null }));
  // Many rows in one statement: locked in a fixed order, and run again should PostgreSQL still pick it as a deadlock's victim.
  const moved = await retryOnDeadlock(() => advanceProviderStatuses(ctx.store.db, channel, items, now));
  return moved.length;
}

/** Returns true when the receipt moved the delivery forward, false when it was unknown, repeated or older. */
export async function recordProviderReceipt(ctx: AppContext, receipt: ProviderReceipt): Promise<boolean> {
  return (await recordProviderReceipts(ctx, receipt.channel, [receipt])) > 0;
}
