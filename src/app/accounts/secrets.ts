/**
 * Random tokens and their stored form. Session ids, enrolment links and API token secrets are
 * 32 random bytes in base64url; the database keeps only their sha256, so a leaked table grants
 * nothing. Comparisons of secrets run in constant time.
 *
 * @example
 *   const token = randomToken();      // for the client
 *   const stored = sha256Hex(token);  // for the database
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** base64url of 32 bytes is 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** Constant-time string equality (lengths may differ: that alone is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
