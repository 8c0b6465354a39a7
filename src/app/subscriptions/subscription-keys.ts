/**
 * The keyed hashes and tokens of subscriptions, each under its own key derived from the master key
 * ring with HKDF-SHA256 (a different `info` per purpose), so no purpose's key can stand in for
 * another's and none is a master key itself:
 * - `tifli/subscription-address/v1`: address_key = HMAC(normalised address). Lets a second sign-up,
 *   a STOP reply or an unsubscribe-by-address find the subscription without searching by the address;
 * - `tifli/unsubscribe/v1`: the unsubscribe token = the subscription id and an HMAC of it. Nothing is
 *   stored; verification recomputes the HMAC and compares in constant time;
 * - `tifli/subscription-confirm/v1`: confirmation codes and link secrets are stored as an HMAC bound
 *   to the subscription id and the kind of secret. A six-digit code's plain hash could be inverted by
 *   trying the million codes; a keyed one cannot without the master key.
 *
 * Every value names the master key id it was made with ("<keyId>.<mac>", token "<id>.<keyId>.<mac>"),
 * so values made before a master key rotation still verify while the old key stays in the ring; new
 * values use the active key. Lookups by address try every key of the ring (addressKeyCandidates).
 *
 * @example
 *   const key = addressKey(ctx.keys, '+212612345678');        // 'test1.Xq…'
 *   const token = unsubscribeToken(ctx.keys, subscriptionId);  // 'hGk…22.test1.9f…22'
 *   verifyUnsubscribeToken(ctx.keys, token);                   // subscriptionId
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { MasterKey } from '../../config/config.ts';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { safeEqual } from '../accounts/secrets.ts';

export const KEY_PURPOSES = {
  address: 'tifli/subscription-address/v1',
  unsubscribe: 'tifli/unsubscribe/v1',
  confirm: 'tifli/subscription-confirm/v1',
} as const;
type Purpose = keyof typeof KEY_PURPOSES;

/** Derived keys by master key buffer and purpose (derivation is cheap, but it runs per request). */
const derived = new WeakMap<Buffer, Map<Purpose, Buffer>>();

function derivedKey(master: MasterKey, purpose: Purpose): Buffer {
  let byPurpose = derived.get(master.key);
  if (!byPurpose) derived.set(master.key, (byPurpose = new Map<Purpose, Buffer>()));
  let key = byPurpose.get(purpose);
  if (!key) byPurpose.set(purpose, (key = Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), KEY_PURPOSES[purpose], 32))));
  return key;
}

const mac = (master: MasterKey, purpose: Purpose, message: string, bytes = 32): string =>
  createHmac('sha256', derivedKey(master, purpose)).update(message, 'utf8').digest().subarray(0, bytes).toString('base64url');

/** The address key under the active master key. */
export function addressKey(ring: MasterKeyRing, address: string): string {
  return `${ring.active.id}.${mac(ring.active, 'address', address)}`;
}

/** The address key under every master key of the ring (active first): what a lookup must match. */
export function addressKeyCandidates(ring: MasterKeyRing, address: string): string[] {
  const ids = [ring.active.id, ...ring.ids.filter((id) => id !== ring.active.id)];
  return ids.flatMap((id) => {
    const master = ring.get(id);
    return master ? [`${id}.${mac(master, 'address', address)}`] : [];
  });
}

/** The "<keyId>." prefix of address keys made with the active key. */
export const activeAddressKeyPrefix = (ring: MasterKeyRing): string => `${ring.active.id}.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (value: string): boolean => UUID.test(value);

/** A UUID as 22 base64url characters (its 16 bytes), for short URLs. */
export function compactId(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

export function expandId(compact: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(compact)) return undefined;
  const hex = Buffer.from(compact, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // Only the canonical spelling: the last base64url character carries 2 spare bits.
  return compactId(uuid) === compact ? uuid : undefined;
}

/** 128-bit truncated HMAC: plenty against forgery, and it keeps the link short. */
const TOKEN_MAC_BYTES = 16;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{22})$/;

export function unsubscribeToken(ring: MasterKeyRing, subscriptionId: string): string {
  const id = compactId(subscriptionId);
  return `${id}.${ring.active.id}.${mac(ring.active, 'unsubscribe', subscriptionId, TOKEN_MAC_BYTES)}`;
}

/** The subscription id a token was made for, or undefined when the token is malformed or forged. */
export function verifyUnsubscribeToken(ring: MasterKeyRing, token: string): string | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const id = expandId(m[1] ?? '');
  const master = ring.get(m[2] ?? '');
  if (!id || !master) return undefined;
  return safeEqual(mac(master, 'unsubscribe', id, TOKEN_MAC_BYTES), m[3] ?? '') ? id : undefined;
}

/** The stored form of a confirmation secret, bound to its subscription and kind. */
export function confirmationHash(ring: MasterKeyRing, subscriptionId: string, kind: 'code' | 'link', secret: string): string {
  return `${ring.active.id}.${mac(ring.active, 'confirm', `${kind}:${subscriptionId}:${secret}`)}`;
}

/** True when `secret` is the one whose hash is stored (made with any key still in the ring). */
export function confirmationMatches(ring: MasterKeyRing, stored: string | null, subscriptionId: string, kind: 'code' | 'link', secret: string): boolean {
  if (stored === null) return false;
  const dot = stored.indexOf('.');
  const master = dot > 0 ? ring.get(stored.slice(0, dot)) : undefined;
  if (!master) return false;
  return safeEqual(`${master.id}.${mac(master, 'confirm', `${kind}:${subscriptionId}:${secret}`)}`, stored);
}
