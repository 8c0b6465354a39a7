/**
 * Meta's WhatsApp webhooks, without any HTTP framework (shared/specs/channels.md §3):
 * - the subscription handshake (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge` echoed);
 * - the `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>` check, in constant time;
 * - the notification body → typed events: message statuses (sent, delivered, read, failed) and inbound
 *   messages. Unknown fields, other change fields and other status values are ignored (Meta adds them
 *   over time); a body that is not a WhatsApp Business Account notification at all is refused with the
 *   path of what is wrong, never a value from it.
 *
 * @example
 *   if (!verifySignature(rawBody, headers['x-hub-signature-256'], appSecret)) return 401;
 *   const parsed = parseWebhook(JSON.parse(rawBody.toString('utf8')));
 *   if (parsed.ok) for (const e of parsed.events) if (e.kind === 'status') …
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export interface StatusEvent {
  readonly kind: 'status';
  readonly wamid: string;
  readonly status: WebhookStatus;
  readonly timestamp: Date;
  /** `whatsapp_<code>` of the first error of a 'failed' status. */
  readonly errorCode?: string;
  /** Our idempotency key, echoed from biz_opaque_callback_data. */
  readonly callbackData?: string;
}

export interface MessageEvent {
  readonly kind: 'message';
  /** E.164 with '+' (Meta sends the wa_id digits only). */
  readonly from: string;
  readonly id: string;
  readonly timestamp: Date;
  /** A text message's body, or the label of a tapped quick-reply button (a template's opt-out button). */
  readonly text?: string;
  /** The wamid of our message this one replies to (context.id). */
  readonly replyTo?: string;
}

export type WhatsAppEvent = StatusEvent | MessageEvent;

export type ParsedWebhook = { readonly ok: true; readonly events: readonly WhatsAppEvent[] } | { readonly ok: false; readonly path: string; readonly problem: string };

/** Returns the challenge to echo when the handshake is ours, null otherwise (→ 403). */
export function verifyHandshake(query: Readonly<Record<string, unknown>>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  if (!sameText(token, verifyToken)) return null;
  // Meta sends a number; anything else is not echoed (the answer is text, but keep it inert).
  return /^[A-Za-z0-9_.~-]{1,256}$/.test(challenge) ? challenge : null;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Lengths are not secret (the token's length is fixed by configuration); contents are compared in constant time.
  return x.length === y.length && timingSafeEqual(x, y);
}

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/** The HMAC of the raw body; for the signing side (tests, the loopback peer). */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** True when `header` is `sha256=<64 hex>` and matches the body's HMAC-SHA256 under the app secret. */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || appSecret.length === 0) return false;
  const m = SIGNATURE_HEADER.exec(header.trim());
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Words that unsubscribe, compared trimmed and case-insensitively: French, Arabic, Tamazight. */
const STOP_WORDS = new Set(['STOP', 'ARRET', 'ARRÊT', 'توقف', 'ⵃⴱⵙ'].map((w) => w.normalize('NFC').toUpperCase()));

export function isStopRequest(text: string | undefined): boolean {
  if (text === undefined) return false;
  return STOP_WORDS.has(text.normalize('NFC').trim().toUpperCase());
}

/** Internal: unwinds the parse to parseWebhook, which turns it into a result (never escapes). */
class Refusal extends Error {
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string) {
    super(problem);
    this.path = path;
    this.problem = problem;
  }
}

type Obj = Readonly<Record<string, unknown>>;

function object(v: unknown, path: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Refusal(path, 'must be an object');
  return v as Obj;
}

function array(v: unknown, path: string, max: number): readonly unknown[] {
  if (!Array.isArray(v)) throw new Refusal(path, 'must be an array');
  if (v.length > max) throw new Refusal(path, `must have at most ${max} items`);
  return v;
}

function optionalArray(v: unknown, path: string, max: number): readonly unknown[] {
  return v === undefined ? [] : array(v, path, max);
}

function text(v: unknown, path: string, pattern: RegExp): string {
  if (typeof v !== 'string' || !pattern.test(v)) throw new Refusal(path, 'is missing or not valid');
  return v;
}

const WAMID = /^[\x21-\x7e]{1,512}$/;
const WA_ID = /^[1-9]\d{6,14}$/;

function timestamp(v: unknown, path: string): Date {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
  const digits = text(s, path, /^\d{1,12}$/);
  return new Date(Number(digits) * 1000);
}

function isWebhookStatus(s: unknown): s is WebhookStatus {
  return typeof s === 'string' && (WEBHOOK_STATUSES as readonly string[]).includes(s);
}

function statusEvent(v: unknown, path: string): StatusEvent | null {
  const s = object(v, path);
  const wamid = text(s.id, `${path}/id`, WAMID);
  const ts = timestamp(s.timestamp, `${path}/timestamp`);
  // 'played' (voice), 'deleted' and whatever Meta adds later carry nothing for a delivery.
  if (!isWebhookStatus(s.status)) {
    text(s.status, `${path}/status`, /^[a-z_]{1,32}$/);
    return null;
  }
  let errorCode: string | undefined;
  const errors = optionalArray(s.errors, `${path}/errors`, 20);
  if (errors.length > 0) {
    const code = object(errors[0], `${path}/errors/0`).code;
    if (typeof code === 'number' && Number.isSafeInteger(code) && code >= 0) errorCode = `whatsapp_${code}`;
  }
  const callback = s.biz_opaque_callback_data;
  return {
    kind: 'status',
    wamid,
    status: s.status,
    timestamp: ts,
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(typeof callback === 'string' && callback.length > 0 && callback.length <= 512 ? { callbackData: callback } : {}),
  };
}

function messageEvent(v: unknown, path: string): MessageEvent {
  const m = object(v, path);
  const from = `+${text(m.from, `${path}/from`, WA_ID)}`;
  const id = text(m.id, `${path}/id`, WAMID);
  const ts = timestamp(m.timestamp, `${path}/timestamp`);
  let body: string | undefined;
  if (m.type === 'text') body = text(object(m.text, `${path}/text`).body, `${path}/text/body`, /^[\s\S]{1,4096}$/u);
  else if (m.type === 'button' && m.button !== undefined) {
    const label = object(m.button, `${path}/button`).text;
    if (typeof label === 'string' && label.length <= 256) body = label;
  }
  let replyTo: string | undefined;
  if (m.context !== undefined) {
    const ctxId = object(m.context, `${path}/context`).id;
    if (typeof ctxId === 'string' && WAMID.test(ctxId)) replyTo = ctxId;
  }
  return { kind: 'message', from, id, timestamp: ts, ...(body !== undefined ? { text: body } : {}), ...(replyTo !== undefined ? { replyTo } : {}) };
}

/** The events of a notification, in the order Meta listed them. */
export function parseWebhook(json: unknown): ParsedWebhook {
  try {
    const root = object(json, '');
    if (root.object !== 'whatsapp_business_account') throw new Refusal('/object', 'must be "whatsapp_business_account"');
    const events: WhatsAppEvent[] = [];
    array(root.entry, '/entry', 1000).forEach((entry, i) => {
      const e = object(entry, `/entry/${i}`);
      optionalArray(e.changes, `/entry/${i}/changes`, 1000).forEach((change, j) => {
        const path = `/entry/${i}/changes/${j}`;
        const c = object(change, path);
        // Template reviews, quality ratings, account updates… arrive on other fields: not ours here.
        if (c.field !== 'messages') return;
        const value = object(c.value, `${path}/value`);
        optionalArray(value.statuses, `${path}/value/statuses`, 10_000).forEach((s, k) => {
          const event = statusEvent(s, `${path}/value/statuses/${k}`);
          if (event) events.push(event);
        });
        optionalArray(value.messages, `${path}/value/messages`, 10_000).forEach((m, k) => events.push(messageEvent(m, `${path}/value/messages/${k}`)));
      });
    });
    return { ok: true, events };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, path: err.path, problem: err.problem };
    throw err;
  }
}
