/**
 * The receipt reference a tipster is shown: 8 characters of Crockford base32 (digits and upper-case
 * letters without I, L, O and U), 40 random bits. Short enough to read over the phone, unambiguous to
 * type back: lower case, "I"/"L" for 1, "O" for 0, spaces and hyphens are accepted on the way in.
 * Shown grouped as "ABCD-EFGH"; stored without the hyphen. Uniqueness is the database's (a unique
 * index); a collision (one in a trillion per pair) is retried with fresh bytes by the caller.
 *
 * @example
 *   const ref = tipReferenceFrom(randomBytes(5)); // 'K7QX2M9D'
 *   formatTipReference(ref);                       // 'K7QX-2M9D'
 *   parseTipReference('k7qx-2m9d');                // 'K7QX2M9D'
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TIP_REFERENCE_LENGTH = 8;
export const TIP_REFERENCE_BYTES = 5;
/** The stored form, also checked by the database. */
export const TIP_REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** The reference spelled by 5 random bytes (40 bits, 8 × 5-bit symbols). */
export function tipReferenceFrom(bytes: Uint8Array): string {
  if (bytes.length !== TIP_REFERENCE_BYTES) throw new RangeError(`a tip reference takes ${TIP_REFERENCE_BYTES} bytes`);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = TIP_REFERENCE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** "ABCD-EFGH", for people. */
export function formatTipReference(reference: string): string {
  return `${reference.slice(0, 4)}-${reference.slice(4)}`;
}

/** The stored form of what someone typed, or undefined when it cannot be a reference. */
export function parseTipReference(typed: string): string | undefined {
  if (typed.length > 32) return undefined;
  const folded = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return TIP_REFERENCE_PATTERN.test(folded) ? folded : undefined;
}
