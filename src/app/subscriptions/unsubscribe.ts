/**
 * Leaving takes one action, and is idempotent:
 * - `unsubscribe(ctx, token)`: the link in every message (and RFC 8058 one-click for e-mail). The
 *   token is the subscription id with an HMAC of it (subscription-keys.ts): nothing is stored, a
 *   forged or altered token is refused, a valid one always answers "unsubscribed", even the second
 *   time or for a subscription already gone;
 * - `unsubscribeByAddress(ctx, channel, address)`: a STOP reply (SMS, WhatsApp), or a push service
 *   answering 404/410 for an endpoint. The address is normalised first (E.164 for numbers, so
 *   "212612345678" from a WhatsApp webhook matches "+212612345678"), then found by address key.
 * Unsubscribing deletes the subscription's cells (it no longer matches any zone) and blanks its
 * address and push keys; the consent record stays, with the unsubscription time.
 *
 * @example
 *   const url = unsubscribeUrl(ctx, subscriptionId); // 'https://tifli.ma/unsubscribe?t=…'
 *   await unsubscribe(ctx, token);                  // 'unsubscribed' | 'invalid'
 *   await unsubscribeByAddress(ctx, 'whatsapp', '212612345678'); // true when something was live
 */
import type { SubscriptionChannel } from '../../domain/distribution/channels.ts';
import { normalizeEmail } from '../../domain/subscription/email-address.ts';
import { normalizePhone } from '../../domain/subscription/phone-number.ts';
import { findLiveSubscriptionIds, markUnsubscribed } from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';
import { addressKeyCandidates, unsubscribeToken, verifyUnsubscribeToken } from './subscription-keys.ts';

/** The one-action unsubscribe link of a subscription: `${PUBLIC_BASE_URL}/unsubscribe?t=<token>`. */
export function unsubscribeUrl(ctx: Pick<AppContext, 'config' | 'keys'>, subscriptionId: string): string {
  return `${ctx.config.publicBaseUrl}/unsubscribe?t=${unsubscribeToken(ctx.keys, subscriptionId)}`;
}

/** Longest token read (id 22 + key id ≤ 32 + MAC 22 + two dots). */
export const UNSUBSCRIBE_TOKEN_MAX = 80;

export async function unsubscribe(ctx: AppContext, token: string): Promise<'unsubscribed' | 'invalid'> {
  const id = token.length <= UNSUBSCRIBE_TOKEN_MAX ? verifyUnsubscribeToken(ctx.keys, token) : undefined;
  if (!id) return 'invalid';
  await ctx.store.db.transaction().execute((trx) => markUnsubscribed(trx, [id], ctx.clock.now()));
  return 'unsubscribed';
}

/** The stored form of an address on a channel, or undefined when it cannot be one. */
function normalisedAddress(channel: SubscriptionChannel, address: string): string | undefined {
  switch (channel) {
    case 'email': {
      const r = normalizeEmail(address);
      return r.ok ? r.address : undefined;
    }
    case 'sms':
    case 'whatsapp': {
      const r = normalizePhone(address, 'lookup');
      return r.ok ? r.e164 : undefined;
    }
    case 'webpush': {
      const endpoint = address.trim();
      return endpoint === '' ? undefined : endpoint;
    }
  }
}

/** Ends the live subscription of this channel and address; true when there was one. */
export async function unsubscribeByAddress(ctx: AppContext, channel: 'webpush' | 'email' | 'sms' | 'whatsapp', address: string): Promise<boolean> {
  const normalised = normalisedAddress(channel, address);
  if (normalised === undefined) return false;
  const keys = addressKeyCandidates(ctx.keys, normalised);
  return ctx.store.db.transaction().execute(async (trx) => {
    const ids = await findLiveSubscriptionIds(trx, channel, keys);
    return (await markUnsubscribed(trx, ids, ctx.clock.now())) > 0;
  });
}
