/**
 * Authenticated encryption of small secrets (TOTP seeds, wrapped data keys) with AES-256-GCM under
 * a master key from the ring. The sealed form names its key id, so keys can rotate:
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). `context` is bound as associated data, so a
 * value sealed for one purpose or owner cannot be replayed as another.
 *
 * @example
 *   const sealed = seal(ring, Buffer.from(seed), `totp:${userId}`);
 *   const seed = open(ring, sealed, `totp:${userId}`);
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKeyRing } from './master-keys.ts';

const b64u = (b: Buffer) => b.toString('base64url');

export function sealWithKey(keyId: string, key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return ['v1', keyId, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join('.');
}

export function seal(ring: MasterKeyRing, plaintext: Buffer, context: string): string {
  return sealWithKey(ring.active.id, ring.active.key, plaintext, context);
}

/** The key id a sealed value was made with (for rotation), or undefined if it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : undefined;
}

export function open(ring: MasterKeyRing, sealed: string, context: string): Buffer {
  const [version, keyId, iv, tag, ct] = sealed.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) throw new Error('not a sealed value');
  const mk = ring.get(keyId);
  if (!mk) throw new Error(`sealed with unknown master key "${keyId}"`);
  const decipher = createDecipheriv('aes-256-gcm', mk.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
}
