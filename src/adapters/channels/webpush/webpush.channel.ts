/**
 * The Web Push channel (fan-out): one push per browser subscription inside the zone. The `web-push`
 * package does the protocol work (RFC 8291 aes128gcm encryption to the subscription's p256dh/auth
 * keys, RFC 8292 VAPID signature with our key pair, RFC 8030 headers); we send the request ourselves so
 * the dispatcher's signal bounds it, no redirect is followed, and http is possible on loopback (the
 * library only speaks https).
 *
 * Each push: `TTL` = whole seconds left until the alert expires (0 when past, at most 28 days), so a
 * phone that comes back online late never shows an expired alert; `Urgency: high`; `Topic` = the alert's
 * topic, so a Cancel or an Update replaces an alert still waiting at the push service. A 'retract' sends
 * the ended notice under the same Topic.
 *
 * Answers: 201/202 accepted (providerRef = the message's Location, or null); 404/410 gone (the
 * dispatcher removes the subscription); 413 permanent; 429 throttled with Retry-After; 5xx, network
 * errors and timeouts transient; anything else permanent. Endpoints are vetted first
 * (push-endpoint.ts): https, or http to loopback only.
 *
 * @example
 *   const push = createWebPushChannel(config.channels.webpush);
 *   await push.deliver({ idempotencyKey, message, recipient: { key, address: endpoint, pushKeys: { p256dh, auth }, language: 'ar-MA', unsubscribeUrl }, previousRefs: [], signal });
 */
import webpush, { type RequestDetails } from 'web-push';
import type { ChannelAdapter, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { DeliveryError, retryAfterMs } from '../../../domain/distribution/delivery-failure.ts';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import { checkPushEndpoint } from './push-endpoint.ts';
import { encodePushPayload, pushPayload } from './push-payload.ts';

export type WebPushConfig = NonNullable<ChannelsConfig['webpush']>;

export interface WebPushChannelOptions {
  /** For the TTL (time left until the alert expires). */
  readonly clock?: Clock;
}

/** Push services keep a message at most about four weeks (web-push's own default TTL). */
export const MAX_TTL_SECONDS = 28 * 86_400;

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

export function ttlSeconds(expiresAt: Date, now: Date): number {
  return Math.min(MAX_TTL_SECONDS, Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)));
}

function failureFor(status: number, headers: Headers, now: Date): DeliveryError {
  const code = `webpush_${status}`;
  if (status === 404 || status === 410) return new DeliveryError({ kind: 'gone', code });
  if (status === 429) return new DeliveryError({ kind: 'throttled', code, retryAfterMs: retryAfterMs(headers.get('retry-after'), now) });
  if (status >= 500) return new DeliveryError({ kind: 'transient', code, retryAfterMs: retryAfterMs(headers.get('retry-after'), now) });
  // 413 (payload too large), 400, 401/403 (VAPID refused, e.g. a subscription made for another key), redirects…
  return new DeliveryError({ kind: 'permanent', code });
}

export function createWebPushChannel(config: WebPushConfig, options: WebPushChannelOptions = {}): ChannelAdapter {
  const clock = options.clock ?? systemClock;
  const vapidDetails = { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey };
  try {
    // Fail at start, not on the first alert: web-push checks the subject and both keys here.
    webpush.getVapidHeaders('https://push.invalid', vapidDetails.subject, vapidDetails.publicKey, vapidDetails.privateKey, 'aes128gcm');
  } catch {
    throw new Error('Web Push: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY or VAPID_SUBJECT is not a valid VAPID configuration');
  }

  return {
    channel: 'webpush',

    async deliver({ message, recipient, signal }: Delivery): Promise<DeliveryReceipt> {
      const endpoint = checkPushEndpoint(recipient.address);
      const keys = recipient.pushKeys;
      if (!keys) throw new DeliveryError({ kind: 'permanent', code: 'webpush_no_keys' });
      if (!TOPIC.test(message.topic)) throw new DeliveryError({ kind: 'permanent', code: 'webpush_bad_topic' });
      const payload = encodePushPayload(pushPayload(message, recipient.language));

      let request: RequestDetails;
      try {
        request = webpush.generateRequestDetails({ endpoint: endpoint.href, keys: { p256dh: keys.p256dh, auth: keys.auth } }, payload, {
          vapidDetails,
          TTL: ttlSeconds(message.expiresAt, clock.now()),
          urgency: 'high',
          topic: message.topic,
          contentEncoding: 'aes128gcm',
        });
      } catch {
        // The subscription's keys are not a P-256 point and a 16-byte secret: it can never be reached.
        throw new DeliveryError({ kind: 'permanent', code: 'webpush_bad_keys' });
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name.toLowerCase() !== 'content-length') headers.set(name, String(value));
      }

      let response: Response;
      try {
        response = await fetch(endpoint, { method: 'POST', headers, body: request.body ?? new Uint8Array(), redirect: 'manual', signal });
      } catch {
        throw new DeliveryError({ kind: 'transient', code: signal.aborted ? 'timeout' : 'webpush_network' });
      }
      // Nothing in the body is needed; release the connection.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        const location = response.headers.get('location');
        return { providerRef: location ? location.slice(0, 500) : null };
      }
      throw failureFor(response.status, response.headers, clock.now());
    },
  };
}
