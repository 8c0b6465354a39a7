/**
 * Signatures on the webhooks we send to media partners, and the check partners run on them (also used
 * by our tests). The signed text is `<unix seconds>.<raw body>`, so a partner verifies the exact bytes it
 * received and a captured request cannot be replayed after the window. Several `v1=` values may appear
 * (a secret being rotated), and one matching is enough. Comparisons run in constant time.
 *
 * Header: `X-Tifli-Signature: t=1763805600,v1=5f2c…` (hex HMAC-SHA256 with the partner's shared secret),
 * with the same seconds repeated in `X-Tifli-Timestamp`.
 *
 * @example
 *   const v = verifyPartnerSignature(rawBody, req.headers, process.env.TIFLI_SECRET, new Date(), 300);
 *   if (!v.ok) return res.writeHead(401).end(v.reason);
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-tifli-signature';
export const TIMESTAMP_HEADER = 'x-tifli-timestamp';

export type SignatureFailure = 'missing' | 'malformed' | 'bad_signature' | 'stale' | 'future';
export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: SignatureFailure };

/** Node's IncomingHttpHeaders, a plain record, or a fetch Headers object. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const SECONDS = /^\d{1,12}$/;
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

function toBytes(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function partnerSignature(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(toBytes(body)).digest('hex');
}

/** The `X-Tifli-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: Buffer | string): string {
  return `t=${timestamp},v1=${partnerSignature(secret, timestamp, body)}`;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

function parse(value: string): { timestamp: number; digests: Buffer[] } | undefined {
  let timestamp: number | undefined;
  const digests: Buffer[] = [];
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) return undefined;
    const key = item.slice(0, eq).trim();
    const v = item.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !SECONDS.test(v)) return undefined;
      timestamp = Number(v);
    } else if (key === 'v1') {
      if (!HEX_DIGEST.test(v)) return undefined;
      digests.push(Buffer.from(v, 'hex'));
    }
    // Other schemes (a future v2) are ignored, so they can be added without breaking partners.
  }
  return timestamp === undefined || digests.length === 0 ? undefined : { timestamp, digests };
}

/**
 * Checks a received webhook: the signature over the raw body first (so nothing is learnt about
 * timestamps without the secret), then the timestamp against `now` ± `windowSeconds`.
 */
export function verifyPartnerSignature(body: Buffer | string, headers: HeaderSource, secret: string, now: Date, windowSeconds: number): SignatureCheck {
  const value = header(headers, SIGNATURE_HEADER);
  if (value === undefined || value.trim() === '') return { ok: false, reason: 'missing' };
  const parsed = parse(value);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const echoed = header(headers, TIMESTAMP_HEADER);
  if (echoed !== undefined && echoed.trim() !== String(parsed.timestamp)) return { ok: false, reason: 'malformed' };

  const expected = Buffer.from(partnerSignature(secret, parsed.timestamp, body), 'hex');
  let matched = false;
  // Every candidate is compared (no early exit), each in constant time.
  for (const digest of parsed.digests) matched = timingSafeEqual(digest, expected) || matched;
  if (!matched) return { ok: false, reason: 'bad_signature' };

  const age = Math.floor(now.getTime() / 1000) - parsed.timestamp;
  if (age > windowSeconds) return { ok: false, reason: 'stale' };
  if (-age > windowSeconds) return { ok: false, reason: 'future' };
  return { ok: true };
}
