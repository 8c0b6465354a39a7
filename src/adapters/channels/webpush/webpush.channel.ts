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
 * (push-endpoint.ts), and the endpoint is the one URL a stranger chooses for us, so the connection
 * goes only to a public address: the name is resolved by platform/outbound-address.ts, which refuses
 * private, loopback and link-local addresses (permanent `webpush_blocked_endpoint`, nothing sent).
 * Loopback is allowed only with WEBPUSH_ALLOW_LOOPBACK (the tests' push service; never in production).
 *
 * @example
 *   const push = createWebPushChannel(config.channels.webpush, { allowLoopback: false });
 *   await push.deliver({ idempotencyKey, message, recipient: { key, address: endpoint, pushKeys: { p256dh, auth }, language: 'ar-MA', unsubscribeUrl }, previousRefs: [], signal });
 */
import http from 'node:http';
import https from 'node:https';
import webpush, { type RequestDetails } from 'web-push';
import type { ChannelAdapter, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { DeliveryError, retryAfterMs } from '../../../domain/distribution/delivery-failure.ts';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import { BLOCKED_ADDRESS, guardedLookup, type Resolver } from '../../../platform/outbound-address.ts';
import { checkPushEndpoint } from './push-endpoint.ts';
import { encodePushPayload, pushPayload } from './push-payload.ts';

export type WebPushConfig = NonNullable<ChannelsConfig['webpush']>;

export interface WebPushChannelOptions {
  /** For the TTL (time left until the alert expires). */
  readonly clock?: Clock;
  /** Let endpoints on loopback through (WEBPUSH_ALLOW_LOOPBACK: the tests' push service). Default false. */
  readonly allowLoopback?: boolean;
  /** Name resolution (tests); DNS by default. Whatever it answers is vetted before any connection. */
  readonly resolve?: Resolver;
}

/** Push services keep a message at most about four weeks (web-push's own default TTL). */
export const MAX_TTL_SECONDS = 28 * 86_400;

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

export function ttlSeconds(expiresAt: Date, now: Date): number {
  return Math.min(MAX_TTL_SECONDS, Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)));
}

interface PushAnswer {
  readonly status: number;
  header(name: string): string | null;
}

/**
 * One POST to the push service over node:http(s), connecting only where `lookup` allows. No redirect is
 * followed; the answer's body is not needed and is drained.
 */
function postPush(url: URL, headers: Readonly<Record<string, string>>, body: Uint8Array, signal: AbortSignal, lookup: ReturnType<typeof guardedLookup>): Promise<PushAnswer> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<PushAnswer>((resolve, reject) => {
    const req = transport.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.byteLength) }, signal, lookup }, (res) => {
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        header: (name) => {
          const v = res.headers[name];
          return typeof v === 'string' ? v : (v?.[0] ?? null);
        },
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function failureFor(status: number, answer: PushAnswer, now: Date): DeliveryError {
  const code = `webpush_${status}`;
  if (status === 404 || status === 410) return new DeliveryError({ kind: 'gone', code });
  if (status === 429) return new DeliveryError({ kind: 'throttled', code, retryAfterMs: retryAfterMs(answer.header('retry-after'), now) });
  if (status >= 500) return new DeliveryError({ kind: 'transient', code, retryAfterMs: retryAfterMs(answer.header('retry-after'), now) });
  // 413 (payload too large), 400, 401/403 (VAPID refused, e.g. a subscription made for another key), redirects…
  return new DeliveryError({ kind: 'permanent', code });
}

export function createWebPushChannel(config: WebPushConfig, options: WebPushChannelOptions = {}): ChannelAdapter {
  const clock = options.clock ?? systemClock;
  const policy = { allowLoopback: options.allowLoopback ?? false };
  const lookup = guardedLookup(policy, options.resolve);
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
      const endpoint = checkPushEndpoint(recipient.address, policy);
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
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (name.toLowerCase() !== 'content-length') headers[name.toLowerCase()] = String(value);
      }

      let answer: PushAnswer;
      try {
        answer = await postPush(endpoint, headers, request.body ?? new Uint8Array(), signal, lookup);
      } catch (err) {
        if ((err as { code?: unknown }).code === BLOCKED_ADDRESS) throw new DeliveryError({ kind: 'permanent', code: 'webpush_blocked_endpoint' });
        throw new DeliveryError({ kind: 'transient', code: signal.aborted ? 'timeout' : 'webpush_network' });
      }
      if (answer.status >= 200 && answer.status < 300) {
        const location = answer.header('location');
        return { providerRef: location ? location.slice(0, 500) : null };
      }
      throw failureFor(answer.status, answer, clock.now());
    },
  };
}
