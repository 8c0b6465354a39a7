/**
 * A browser's Web Push subscription (PushSubscription.toJSON()), checked before it is stored:
 * - `endpoint`: an absolute https URL of at most 2,048 characters, without user name or password.
 *   Plain http is accepted only on loopback (localhost, 127.0.0.0/8, [::1]): a push service on the
 *   same machine, as tests and local development run one. Anything else would send our VAPID-signed
 *   requests and the encrypted alerts in clear over the network;
 * - `keys.p256dh`: the browser's P-256 public key, base64url of the 65-byte uncompressed point (0x04…);
 * - `keys.auth`: the 16-byte authentication secret, base64url (RFC 8291).
 * Unknown extra fields (`expirationTime`) are ignored: browsers add what they like.
 *
 * @example
 *   validatePushSubscription({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh, auth } });
 *   // { ok: true, value: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh, auth } } }
 */

export interface PushSubscriptionInput {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export const PUSH_ENDPOINT_MAX = 2048;

export type PushResult = { readonly ok: true; readonly value: PushSubscriptionInput } | { readonly ok: false; readonly code: 'push_invalid' };

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Bytes of a base64url text (padding tolerated), or undefined when it is not base64url. */
function base64urlBytes(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length > 200 || !BASE64URL.test(text)) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function endpointOk(text: unknown): text is string {
  if (typeof text !== 'string' || text.length === 0 || text.length > PUSH_ENDPOINT_MAX) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

export function validatePushSubscription(raw: unknown): PushResult {
  const fail: PushResult = { ok: false, code: 'push_invalid' };
  if (typeof raw !== 'object' || raw === null) return fail;
  const { endpoint, keys } = raw as { endpoint?: unknown; keys?: unknown };
  if (!endpointOk(endpoint) || typeof keys !== 'object' || keys === null) return fail;
  const { p256dh, auth } = keys as { p256dh?: unknown; auth?: unknown };
  const point = base64urlBytes(p256dh);
  const secret = base64urlBytes(auth);
  if (point?.length !== 65 || point[0] !== 0x04 || secret?.length !== 16) return fail;
  return { ok: true, value: { endpoint, keys: { p256dh: String(p256dh), auth: String(auth) } } };
}
