/**
 * A lightweight proof of work for tip sources over their free quota: the server issues a challenge,
 * the browser (the tip form's external script) searches a counter whose SHA-256 together with the
 * challenge starts with `bits` zero bits, and sends both back. Legitimate people pay well under a
 * second once in a while; a script flooding the form pays the same for every tip, more as it goes on.
 *
 * Stateless: the challenge is HMAC-signed by the server (key derived from the master key), carries its
 * expiry and difficulty and is bound to the source's network and the alert through a keyed hash (the
 * network itself is not in it, so nothing identifying travels or is stored). Each server process
 * remembers solved challenges until they expire, so one solution buys one tip (per process).
 *
 * Challenge: `p1.<expiry, unix seconds>.<bits>.<scope>.<nonce>.<mac>`; proof: `<challenge>~<counter>`.
 * Valid when the MAC matches, the expiry is ahead, the scope is this source's and
 * SHA-256(`<challenge>~<counter>`) has `bits` leading zero bits. Pure: time and randomness are given.
 *
 * @example
 *   const c = issueChallenge(key, { scope: proofScope(key, network, publicId), bits: 16, expiresAt: nowS + 300, nonce });
 *   const counter = solveChallenge(c);                 // what the browser script does (tests, bench)
 *   checkProof(key, `${c}~${counter}`, { scope, nowSeconds }); // { ok: true, challenge: c, expiresAt }
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Difficulty bounds: 12 bits is ~4 thousand hashes, 26 bits ~67 million (a minute or more in a browser). */
export const MIN_PROOF_BITS = 12;
export const MAX_PROOF_BITS = 26;
const CHALLENGE = /^p1\.(\d{1,12})\.(\d{1,2})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/;
const PROOF = /^(p1\.[A-Za-z0-9._-]{1,120})~(\d{1,16})$/;
export const PROOF_MAX_LENGTH = 160;

export interface ChallengeParts {
  /** proofScope(...) of the source and alert. */
  readonly scope: string;
  readonly bits: number;
  /** Unix seconds. */
  readonly expiresAt: number;
  /** 16 base64url characters (12 random bytes). */
  readonly nonce: string;
}

const mac = (key: Buffer, text: string, bytes: number): string => createHmac('sha256', key).update(text, 'utf8').digest().subarray(0, bytes).toString('base64url');

/** Binds a challenge to a source's network and an alert without carrying either. */
export const proofScope = (key: Buffer, network: string, alert: string): string => mac(key, `scope\n${network}\n${alert}`, 12);

export function issueChallenge(key: Buffer, c: ChallengeParts): string {
  if (!Number.isInteger(c.bits) || c.bits < MIN_PROOF_BITS || c.bits > MAX_PROOF_BITS) throw new RangeError('difficulty out of range');
  const body = `p1.${c.expiresAt}.${c.bits}.${c.scope}.${c.nonce}`;
  return `${body}.${mac(key, body, 16)}`;
}

/** Leading zero bits of a digest. */
function leadingZeroBits(digest: Buffer): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export const proofHashOk = (proof: string, bits: number): boolean => leadingZeroBits(createHash('sha256').update(proof, 'utf8').digest()) >= bits;

export type ProofCheck =
  | { readonly ok: true; readonly challenge: string; readonly expiresAt: number; readonly bits: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' | 'other_source' | 'unsolved' };

export function checkProof(key: Buffer, proof: string, expect: { readonly scope: string; readonly nowSeconds: number }): ProofCheck {
  if (proof.length > PROOF_MAX_LENGTH) return { ok: false, reason: 'malformed' };
  const p = PROOF.exec(proof);
  const challenge = p?.[1];
  const c = challenge === undefined ? null : CHALLENGE.exec(challenge);
  if (!challenge || !c) return { ok: false, reason: 'malformed' };
  const [, expiry = '', bitsText = '', scope = '', , given = ''] = c;
  const body = challenge.slice(0, challenge.lastIndexOf('.'));
  const wanted = Buffer.from(mac(key, body, 16));
  if (!timingSafeEqual(wanted, Buffer.from(given.padEnd(wanted.length).slice(0, wanted.length)))) return { ok: false, reason: 'forged' };
  const expiresAt = Number(expiry);
  const bits = Number(bitsText);
  if (expiresAt <= expect.nowSeconds) return { ok: false, reason: 'expired' };
  if (scope !== expect.scope) return { ok: false, reason: 'other_source' };
  if (!proofHashOk(proof, bits)) return { ok: false, reason: 'unsolved' };
  return { ok: true, challenge, expiresAt, bits };
}

/** The counter a browser finds (tests and the bench's load generator use this). */
export function solveChallenge(challenge: string, limit = 2 ** 30): number {
  const bits = Number(CHALLENGE.exec(challenge)?.[2] ?? NaN);
  if (!Number.isInteger(bits)) throw new TypeError('not a challenge');
  for (let counter = 0; counter < limit; counter++) if (proofHashOk(`${challenge}~${counter}`, bits)) return counter;
  throw new Error('no solution found within the limit');
}

/**
 * The difficulty for a source `excess` submissions over a free quota of `quota` in the window: the base,
 * plus one bit (twice the work) each time the excess doubles relative to the quota, up to the maximum.
 */
export function proofBits(base: number, excess: number, quota: number): number {
  const extra = excess <= 0 ? 0 : Math.floor(Math.log2(1 + excess / Math.max(1, quota)));
  return Math.min(MAX_PROOF_BITS, Math.max(MIN_PROOF_BITS, base + extra));
}
