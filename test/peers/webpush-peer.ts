/**
 * A Web Push service on 127.0.0.1 for the Web Push adapter's tests, written from the RFCs with
 * node:crypto only (no push library), so the adapter is checked against an independent implementation:
 *
 * - it hands out subscriptions as a browser would (a P-256 key pair and a 16-byte auth secret held by
 *   the "user agent", exposed as `{ endpoint, keys: { p256dh, auth } }`);
 * - it checks the VAPID `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292): an ES256 signature
 *   by k, `aud` = the endpoint's origin, `exp` in the future and at most 24 h away, a `sub`; and, when the
 *   subscription was made for an application server key, that k is that key (403 otherwise);
 * - it decrypts the `aes128gcm` body (RFC 8291 key derivation on top of RFC 8188 records: ECDH, HKDF for
 *   the IKM, the content-encryption key and the nonce, AES-128-GCM, the padding delimiter);
 * - it records TTL, Urgency, Topic, the VAPID claims and the decrypted text of every request;
 * - it answers 201 Created with a Location, or what a test asked for a subscription (404, 410, 413,
 *   429 with Retry-After, 500), or answers late.
 *
 * @example
 *   const push = await startWebPushPeer();
 *   const sub = push.subscribe({ applicationServerKey: vapid.publicKey });
 *   push.answer(sub.endpoint, { status: 410 });
 *   push.requests[0]?.json;   // the decrypted payload, parsed
 */
import { createCipheriv, createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PushSubscriptionJson {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface VapidClaims {
  readonly aud: string;
  readonly exp: number;
  readonly sub: string;
  /** The k= parameter: the application server's public key, base64url. */
  readonly k: string;
}

export interface PushRequest {
  readonly endpoint: string;
  /** What the peer answered. */
  readonly status: number;
  readonly ttl: number | null;
  readonly urgency: string | null;
  readonly topic: string | null;
  readonly contentEncoding: string | null;
  readonly vapid: VapidClaims | null;
  /** The decrypted payload (UTF-8), null when it could not be decrypted. */
  readonly plaintext: string | null;
  /** The payload parsed as JSON, or undefined. */
  readonly json: unknown;
  /** Why the request was refused by the peer itself (VAPID, decryption, size), else null. */
  readonly problem: string | null;
  /** Size of the encrypted body. */
  readonly bodyBytes: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  /** Retry-After header value ("120" or an HTTP date). */
  readonly retryAfter?: string;
  /** How many requests get this answer (default: all until changed). */
  readonly times?: number;
}

export interface WebPushPeer {
  /** http://127.0.0.1:port */
  readonly origin: string;
  readonly requests: PushRequest[];
  /** A new subscription; with `applicationServerKey`, pushes signed by another key are refused (403). */
  subscribe(options?: { readonly applicationServerKey?: string }): PushSubscriptionJson;
  answer(endpoint: string, answer: ScriptedAnswer): void;
  /** Hold every answer to this subscription `ms` milliseconds. */
  slow(endpoint: string, ms: number): void;
  /** Requests that reached one subscription. */
  requestsTo(endpoint: string): PushRequest[];
  close(): Promise<void>;
}

/** RFC 8030 §7.2: push services must accept at least 4,096 bytes of payload. */
const MAX_BODY = 4096;

interface Subscription {
  readonly ecdh: ECDH;
  readonly publicKey: Buffer;
  readonly auth: Buffer;
  readonly applicationServerKey: string | null;
  answers: { answer: ScriptedAnswer; left: number }[];
  delayMs: number;
}

const b64url = (buf: Buffer): string => buf.toString('base64url');

class PeerRefusal extends Error {
  readonly status: number;
  constructor(status: number, reason: string) {
    super(reason);
    this.status = status;
  }
}

/** RFC 8292 §2–3: parse and check the vapid Authorization header. */
function verifyVapid(header: string | undefined, origin: string, now: number): VapidClaims {
  const m = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) throw new PeerRefusal(401, 'no vapid authorization');
  const params = new Map(
    m[1].split(',').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const token = params.get('t');
  const k = params.get('k');
  if (!token || !k) throw new PeerRefusal(401, 'vapid t= or k= missing');
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new PeerRefusal(401, 'malformed JWT');
  const header_ = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown; typ?: unknown };
  if (header_.alg !== 'ES256') throw new PeerRefusal(401, 'JWT alg is not ES256');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) throw new PeerRefusal(401, 'k is not an uncompressed P-256 point');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64 || !verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw new PeerRefusal(401, 'JWT signature does not verify with k');
  }
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { aud?: unknown; exp?: unknown; sub?: unknown };
  if (claims.aud !== origin) throw new PeerRefusal(401, 'aud is not the endpoint origin');
  const seconds = Math.floor(now / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds || claims.exp > seconds + 86_400) throw new PeerRefusal(401, 'exp not within the next 24 hours');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new PeerRefusal(401, 'sub missing or not mailto:/https:');
  return { aud: claims.aud, exp: claims.exp, sub: claims.sub, k };
}

/** RFC 8291 §3.4 + RFC 8188 §2: decrypt an aes128gcm body with the user agent's keys. */
export function decryptAes128gcm(body: Buffer, ua: { ecdh: ECDH; publicKey: Buffer; auth: Buffer }): Buffer {
  if (body.length < 21) throw new PeerRefusal(400, 'body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  if (rs < 18) throw new PeerRefusal(400, 'record size too small');
  if (idlen !== 65) throw new PeerRefusal(400, 'keyid is not the sender’s 65-byte public key');
  const asPublic = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);

  const ecdhSecret = ua.ecdh.computeSecret(asPublic);
  // IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info" 0x00 ua_public as_public, 32)
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), ua.publicKey, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, ua.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16));
  const nonceBase = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12));

  const out: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += rs, seq++) {
    const record = records.subarray(offset, offset + rs);
    const last = offset + rs >= records.length;
    if (record.length < 17) throw new PeerRefusal(400, 'truncated record');
    const nonce = Buffer.from(nonceBase);
    // NONCE XOR SEQ, SEQ as a 96-bit big-endian integer (records here are far fewer than 2^32).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    } catch {
      throw new PeerRefusal(400, 'record does not authenticate');
    }
    // Padding: the data, one delimiter octet (2 in the last record, 1 before), then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (end < 0 || plain[end] !== (last ? 2 : 1)) throw new PeerRefusal(400, 'bad padding delimiter');
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out);
}

/** The sending side of RFC 8291, for the peer's own self-check only. */
export function encryptAes128gcmForTest(plaintext: Buffer, sub: PushSubscriptionJson, rs = 4096): Buffer {
  const as = createECDH('prime256v1');
  as.generateKeys();
  const asPublic = as.getPublicKey();
  const uaPublic = Buffer.from(sub.keys.p256dh, 'base64url');
  const auth = Buffer.from(sub.keys.auth, 'base64url');
  const salt = randomBytes(16);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', as.computeSecret(uaPublic), auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16));
  const nonceBase = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12));
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(rs, 16);
  header[20] = asPublic.length;
  const chunk = rs - 17;
  const parts: Buffer[] = [header, asPublic];
  for (let offset = 0, seq = 0; offset < plaintext.length || seq === 0; offset += chunk, seq++) {
    const last = offset + chunk >= plaintext.length;
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const cipher = createCipheriv('aes-128-gcm', cek, nonce);
    const data = Buffer.concat([plaintext.subarray(offset, offset + chunk), Buffer.from([last ? 2 : 1])]);
    parts.push(cipher.update(data), cipher.final(), cipher.getAuthTag());
    if (last) break;
  }
  return Buffer.concat(parts);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY + 1024) tooBig = true;
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebPushPeer(): Promise<WebPushPeer> {
  const subscriptions = new Map<string, Subscription>();
  const requests: PushRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const idOf = (endpoint: string): string => new URL(endpoint).pathname.replace(/^\/push\//, '');
  const subscriptionOf = (endpoint: string): Subscription => {
    const sub = subscriptions.get(idOf(endpoint));
    if (!sub) throw new Error(`unknown subscription ${endpoint}`);
    return sub;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const endpoint = `${origin}${path}`;
    const sub = /^\/push\/[\w-]+$/.test(path) ? subscriptions.get(path.slice('/push/'.length)) : undefined;
    const body = await readBody(req);
    const header = (name: string): string | null => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : null;
    };
    const ttlHeader = header('ttl');
    const base = {
      endpoint,
      ttl: ttlHeader !== null && /^\d+$/.test(ttlHeader) ? Number(ttlHeader) : null,
      urgency: header('urgency'),
      topic: header('topic'),
      contentEncoding: header('content-encoding'),
      bodyBytes: body?.length ?? MAX_BODY + 1024,
    };
    let vapid: VapidClaims | null = null;
    let plaintext: string | null = null;
    let json: unknown = undefined;
    let status = 201;
    let problem: string | null = null;
    const extra: Record<string, string> = {};
    try {
      if (req.method !== 'POST') throw new PeerRefusal(405, 'push messages are POSTed');
      if (!sub) throw new PeerRefusal(404, 'no such subscription');
      if (body === null) throw new PeerRefusal(413, 'payload over 4096 bytes');
      vapid = verifyVapid(req.headers.authorization, origin, Date.now());
      if (sub.applicationServerKey !== null && vapid.k !== sub.applicationServerKey) throw new PeerRefusal(403, 'k is not the key this subscription was made for');
      if (ttlHeader === null || base.ttl === null) throw new PeerRefusal(400, 'TTL header missing or not a number');
      if (body.length > 0) {
        if (base.contentEncoding !== 'aes128gcm') throw new PeerRefusal(415, 'content encoding is not aes128gcm');
        const plain = decryptAes128gcm(body, sub);
        if (plain.length > MAX_BODY) throw new PeerRefusal(413, 'payload over 4096 bytes');
        plaintext = plain.toString('utf8');
        try {
          json = JSON.parse(plaintext) as unknown;
        } catch {
          json = undefined;
        }
      }
      const scripted = sub.answers[0];
      if (scripted) {
        status = scripted.answer.status;
        if (scripted.answer.retryAfter !== undefined) extra['retry-after'] = scripted.answer.retryAfter;
        scripted.left -= 1;
        if (scripted.left <= 0) sub.answers.shift();
      } else {
        extra.location = `${origin}/messages/${randomUUID()}`;
      }
    } catch (error) {
      if (!(error instanceof PeerRefusal)) throw error;
      status = error.status;
      problem = error.message;
    }
    requests.push({ ...base, status, vapid, plaintext, json, problem });
    const respond = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-length': '0', ...extra });
      res.end();
    };
    const delay = sub?.delayMs ?? 0;
    if (delay > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, delay);
      timers.add(timer);
    } else respond();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests,
    subscribe(options = {}) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const id = randomUUID();
      const sub: Subscription = { ecdh, publicKey: ecdh.getPublicKey(), auth: randomBytes(16), applicationServerKey: options.applicationServerKey ?? null, answers: [], delayMs: 0 };
      subscriptions.set(id, sub);
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64url(sub.publicKey), auth: b64url(sub.auth) } };
    },
    answer(endpoint, answer) {
      const sub = subscriptionOf(endpoint);
      sub.answers = [{ answer, left: answer.times ?? Number.POSITIVE_INFINITY }];
    },
    slow(endpoint, ms) {
      subscriptionOf(endpoint).delayMs = ms;
    },
    requestsTo: (endpoint) => requests.filter((r) => r.endpoint === endpoint),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
