/**
 * Signed webhooks for media partners (broadcast channel 'webhook', one target per configured partner).
 * Each version is POSTed as its CAP 1.2 document, exactly as published, with:
 *
 *   Content-Type: application/cap+xml; charset=utf-8
 *   X-Tifli-Event: alert | update | cancel              (the version's CAP msgType)
 *   X-Tifli-Event-Id: <idempotency key>                  (the same on every retry: partners dedupe on it)
 *   X-Tifli-Timestamp: <unix seconds>
 *   X-Tifli-Signature: t=<seconds>,v1=<hex HMAC-SHA256(secret, "<seconds>.<body>")>
 *
 * The timestamp and signature are made afresh on each attempt (a retry an hour later is not stale);
 * the event id is what stays. Partners check with `verifyPartnerSignature` (docs/PARTNERS.md).
 * The provider reference kept for a delivery is the event id: what a partner can quote back to us.
 *
 * @example
 *   const webhook = createWebhookChannel(ctx.config.channels.partners, { clock: ctx.clock });
 *   webhook.targets?.(); // ['le360', 'hespress']
 *   await webhook.deliver({ idempotencyKey, message, recipient: { key: 'le360', … }, previousRefs: [], signal });
 */
import type { ChannelAdapter, Delivery, DeliveryReceipt, OutboundAlert } from '../../../app/distribution/channel-port.ts';
import type { PartnerWebhook } from '../../../config/channels-config.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import type { Clock } from '../../../platform/clock.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, partnerPost, throwOnFailure } from './partner-http.ts';
import { signatureHeader } from './webhook-signature.ts';

export { verifyPartnerSignature, type SignatureCheck, type SignatureFailure } from './webhook-signature.ts';

export type WebhookEvent = 'alert' | 'update' | 'cancel';

export interface WebhookChannelOptions {
  readonly clock: Clock;
  /** How much of a partner's answer is read at most (default 16 KiB). */
  readonly maxResponseBytes?: number;
  /** Sent as User-Agent, e.g. "Tifli/0.1.0 (+https://tifli.ma)". */
  readonly userAgent?: string;
}

export function webhookEvent(msgType: OutboundAlert['msgType']): WebhookEvent {
  switch (msgType) {
    case 'Alert':
      return 'alert';
    case 'Update':
      return 'update';
    case 'Cancel':
      return 'cancel';
  }
}

export function createWebhookChannel(partners: readonly PartnerWebhook[], options: WebhookChannelOptions): ChannelAdapter {
  const byId = new Map(partners.map((p) => [p.id, p]));
  const ids = Object.freeze(partners.map((p) => p.id));
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    channel: 'webhook',
    targets: () => ids,
    async deliver(delivery: Delivery): Promise<DeliveryReceipt> {
      const partner = byId.get(delivery.recipient.key);
      // A partner removed from PARTNER_WEBHOOKS after the dispatch was planned: nothing to send to.
      if (!partner) throw new DeliveryError({ kind: 'permanent', code: 'webhook_unknown_partner' });
      const body = Buffer.from(delivery.message.capXml, 'utf8');
      const timestamp = Math.floor(options.clock.now().getTime() / 1000);
      const answer = await partnerPost({
        url: partner.url,
        headers: {
          'content-type': 'application/cap+xml; charset=utf-8',
          'user-agent': options.userAgent ?? 'Tifli-Webhooks',
          'x-tifli-event': webhookEvent(delivery.message.msgType),
          'x-tifli-event-id': delivery.idempotencyKey,
          'x-tifli-timestamp': String(timestamp),
          'x-tifli-signature': signatureHeader(partner.secret, timestamp, body),
        },
        body,
        signal: delivery.signal,
        prefix: 'webhook',
        maxResponseBytes,
      });
      throwOnFailure('webhook', answer, options.clock.now());
      return { providerRef: delivery.idempotencyKey };
    },
  };
}
