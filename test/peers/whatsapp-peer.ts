/**
 * A loopback WhatsApp Cloud API for tests: a real HTTP server on 127.0.0.1 that speaks the documented
 * shapes (shared/specs/channels.md §3) and enforces what the real one does.
 *
 * - `POST /{version}/{phone-number-id}/messages`: checks the Bearer token (190), the payload
 *   (messaging_product, E.164 `to`, template message), the template name and its approved languages
 *   (unknown → 132001), the parameter counts (132000) and formats (132012, 132018); then the number's
 *   throughput as a token bucket (130429) and the pair rate, one message per recipient every 6 s
 *   (131056). An accepted message is recorded (to, template, language, image, parameters, callback
 *   data, time) and answered `{messaging_product, contacts:[{input, wa_id}], messages:[{id:'wamid.…'}]}`.
 * - Status webhooks (sent, delivered, read; optionally shuffled, duplicated, 'delivered' skipped, or a
 *   'failed'), and inbound text messages, posted to the callback URL with `X-Hub-Signature-256` made
 *   with the app secret, as Meta does. They can follow every accepted message (`autoStatuses`) or be
 *   sent on demand. Automatic statuses may be gathered into one notification of many statuses
 *   (`statusBatch`), as Meta does under load, so a fan-out of 100,000 messages costs a few thousand
 *   webhooks rather than 100,000.
 * - Programmable faults for the next requests: a Graph error code with its HTTP status (and
 *   Retry-After), a garbage body, a slow answer. Or for a spell of time (`failUntil`, `slowUntil`):
 *   every request until then is refused (a sustained 130429 throttle) or answered late; a late answer
 *   can still be taken (`acceptLate`: recorded, statuses posted) after the caller gave up, as Meta keeps
 *   a request that reached it, so the caller's timeout is not the provider's refusal. Faults queued for
 *   the next requests come first. Every request is logged (`requestLog`: time, recipient, status).
 *
 * Time (bucket, pair rate, timestamps) comes from `now`, so tests can move it instead of sleeping.
 *
 * @example
 *   const peer = await startWhatsAppPeer({ ratePerSecond: 2, now: () => clock });
 *   after(() => peer.close());
 *   const channel = createWhatsAppChannel({ ...peer.config, … }, peer.version);
 *   peer.failNext(1, { code: 130429 });
 *   peer.failUntil(Date.now() + 60_000, { code: 130429, status: 429, retryAfter: '5' });
 *   await peer.sendStatuses(wamid, { statuses: ['read', 'sent', 'delivered'] });
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';

export type PeerStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface PeerTemplate {
  /** Approved language codes. */
  readonly languages: readonly string[];
  /** An IMAGE header that needs its image parameter, or none. */
  readonly header: 'image' | null;
  readonly bodyParams: number;
  /** An authentication template's copy-code button (one url parameter). */
  readonly codeButton?: boolean;
}

export const DEFAULT_TEMPLATES: Readonly<Record<string, PeerTemplate>> = {
  tifli_alert: { languages: ['ar', 'fr'], header: 'image', bodyParams: 4 },
  tifli_alert_closed: { languages: ['ar', 'fr'], header: null, bodyParams: 2 },
  tifli_confirmation_code: { languages: ['ar', 'fr'], header: null, bodyParams: 1, codeButton: true },
};

export interface StatusPlan {
  /** Statuses to post, in this order (default sent, delivered, read). */
  readonly statuses?: readonly PeerStatus[];
  /** Shuffle them (seeded, so a failing test can be replayed). */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Post every status twice. */
  readonly duplicate?: boolean;
  /** Leave 'delivered' out (a message read at once). */
  readonly skipDelivered?: boolean;
  /** Error code carried by a 'failed' status (default 131026). */
  readonly failCode?: number;
}

export interface PeerOptions {
  readonly version?: string;
  readonly phoneNumberId?: string;
  readonly token?: string;
  readonly appSecret?: string;
  readonly templates?: Readonly<Record<string, PeerTemplate>>;
  /** Messages per second for the number (default 80); the bucket holds `burst` (default: one second's worth). */
  readonly ratePerSecond?: number;
  readonly burst?: number;
  /** Minimum gap between two messages to the same recipient (default 6000 ms; 0 turns it off). */
  readonly pairRateMs?: number;
  /** Where status and inbound-message webhooks go. */
  readonly callbackUrl?: string;
  /** Post statuses after every accepted message. */
  readonly autoStatuses?: StatusPlan | false;
  /** Gather automatic statuses into notifications of up to `size` statuses, each posted at most `delayMs` after its first status. */
  readonly statusBatch?: { readonly size: number; readonly delayMs: number };
  readonly now?: () => number;
}

export interface AcceptedMessage {
  readonly id: string;
  readonly to: string;
  readonly template: string;
  readonly language: string;
  readonly headerImage: string | null;
  readonly params: readonly string[];
  readonly buttonParams: readonly string[];
  readonly callbackData: string | null;
  readonly at: Date;
  /** Taken after the caller had given up (slowUntil with acceptLate): the caller never saw the wamid. */
  readonly late: boolean;
}

/** One request on the messages endpoint, as answered. */
export interface PeerRequest {
  /** When it arrived (the peer's clock). */
  readonly at: Date;
  /** The payload's `to`, when it had one. */
  readonly to: string | null;
  /** The HTTP status answered (or that would have been, to a caller that had gone); 0: dropped unanswered. */
  readonly status: number;
}

export interface PeerFault {
  /** Graph error code to answer with (none: a bare HTTP status with an empty body). */
  readonly code?: number;
  readonly subcode?: number;
  /** HTTP status (default 400, or 401 for 190, 500 for 131000 and 1/2). */
  readonly status?: number;
  readonly retryAfter?: string;
}

export interface WebhookResult {
  readonly status: number;
  readonly body: string;
}

export interface WhatsAppPeer {
  readonly url: string;
  readonly version: string;
  readonly phoneNumberId: string;
  readonly token: string;
  readonly appSecret: string;
  /** Every accepted message, in order. */
  readonly accepted: AcceptedMessage[];
  /** Every webhook this peer posted and the answer it got. */
  readonly webhooks: WebhookResult[];
  /** Requests received on the messages endpoint (accepted or not). */
  requestCount(): number;
  /** Every request on the messages endpoint, in the order answered. */
  readonly requestLog: PeerRequest[];
  deliveriesTo(to: string): AcceptedMessage[];
  /** The next `n` requests fail with this Graph error (or bare HTTP status). */
  failNext(n: number, fault: PeerFault): void;
  /** The next `n` requests are answered with a body that is not JSON. */
  garbageNext(n: number, status?: number): void;
  /** The next `n` requests are answered only after `delayMs` (and not processed if the caller gave up). */
  slowNext(n: number, delayMs: number): void;
  /** Until `untilMs` (the peer's clock), every request fails with this Graph error: a sustained throttle. */
  failUntil(untilMs: number, fault: PeerFault): void;
  /**
   * Until `untilMs`, every request is answered only after `delayMs`. With `acceptLate`, a message whose
   * caller gave up meanwhile is taken all the same (recorded as `late`, statuses posted); without, dropped.
   */
  slowUntil(untilMs: number, delayMs: number, options?: { readonly acceptLate?: boolean }): void;
  setCallbackUrl(url: string): void;
  /** Posts one signed webhook per status (sequentially, in the plan's order); resolves with the answers. */
  sendStatuses(wamid: string, plan?: StatusPlan): Promise<WebhookResult[]>;
  /** Posts a signed inbound text message from `from` (E.164). */
  sendInboundText(from: string, text: string, options?: { replyTo?: string }): Promise<WebhookResult>;
  /** Posts any JSON body, signed (or with the given signature header, or none when null). */
  postWebhook(body: unknown, signature?: string | null): Promise<WebhookResult>;
  /** Posts the statuses still gathered (statusBatch), then waits for every webhook posted by `autoStatuses`. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const WABA_ID = '102290129340398';
const DISPLAY_NUMBER = '212500000000';
const E164 = /^\+[1-9]\d{6,14}$/;

type Json = Record<string, unknown>;

class GraphRefusal extends Error {
  readonly status: number;
  readonly code: number;
  readonly subcode: number | undefined;
  constructor(code: number, message: string, status = 400, subcode?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.subcode = subcode;
  }
}

function graphErrorBody(code: number, message: string, subcode?: number): string {
  return JSON.stringify({
    error: {
      message: `(#${code}) ${message}`,
      type: 'OAuthException',
      code,
      ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      error_data: { messaging_product: 'whatsapp', details: message },
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  });
}

function defaultStatus(code: number | undefined): number {
  if (code === 190) return 401;
  if (code === 131000 || code === 1 || code === 2) return 500;
  return 400;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** mulberry32: a tiny seeded generator, so shuffles are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Checks a template message against the approved templates; returns what to record. */
function checkTemplate(body: unknown, templates: Readonly<Record<string, PeerTemplate>>): Omit<AcceptedMessage, 'id' | 'at' | 'late'> {
  if (!isObject(body)) throw new GraphRefusal(100, 'Invalid parameter');
  if (body.messaging_product !== 'whatsapp') throw new GraphRefusal(100, 'The parameter messaging_product is required.');
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') throw new GraphRefusal(100, 'Invalid parameter');
  if (typeof body.to !== 'string' || !E164.test(body.to)) throw new GraphRefusal(100, 'Invalid parameter', 400, 2494010);
  if (body.type !== 'template') throw new GraphRefusal(100, 'Param type must be template on this peer');
  const callback = body.biz_opaque_callback_data;
  if (callback !== undefined && (typeof callback !== 'string' || callback.length > 512)) throw new GraphRefusal(100, 'Invalid parameter');
  const t = body.template;
  if (!isObject(t) || typeof t.name !== 'string' || !isObject(t.language) || typeof t.language.code !== 'string') throw new GraphRefusal(100, 'Invalid parameter');
  const approved = templates[t.name];
  if (!approved) throw new GraphRefusal(132001, 'Template name does not exist in the translation');
  if (!approved.languages.includes(t.language.code)) throw new GraphRefusal(132001, 'Template name does not exist in the translation');
  const components = t.components ?? [];
  if (!Array.isArray(components)) throw new GraphRefusal(100, 'Invalid parameter');
  let headerImage: string | null = null;
  const params: string[] = [];
  const buttonParams: string[] = [];
  let headers = 0;
  for (const c of components as unknown[]) {
    if (!isObject(c) || !Array.isArray(c.parameters)) throw new GraphRefusal(100, 'Invalid parameter');
    const parameters = c.parameters as unknown[];
    switch (c.type) {
      case 'header': {
        headers += 1;
        const p = parameters[0];
        if (parameters.length !== 1 || !isObject(p) || p.type !== 'image' || !isObject(p.image)) throw new GraphRefusal(132000, 'Number of parameters does not match the expected number of params');
        const link = p.image.link;
        if (typeof link !== 'string' || !/^https?:\/\/\S+$/.test(link)) throw new GraphRefusal(132012, 'Parameter format does not match format in the created template');
        headerImage = link;
        break;
      }
      case 'body':
      case 'button': {
        if (c.type === 'button' && (c.sub_type !== 'url' || c.index !== '0')) throw new GraphRefusal(100, 'Invalid parameter');
        for (const p of parameters) {
          if (!isObject(p) || p.type !== 'text' || typeof p.text !== 'string' || p.text.length === 0) throw new GraphRefusal(132012, 'Parameter format does not match format in the created template');
          if (/[\n\t]| {5,}/.test(p.text)) throw new GraphRefusal(132018, 'There was an issue with the parameters in your template.');
          (c.type === 'body' ? params : buttonParams).push(p.text);
        }
        break;
      }
      default:
        throw new GraphRefusal(100, 'Invalid parameter');
    }
  }
  const wantHeaders = approved.header === 'image' ? 1 : 0;
  if (headers !== wantHeaders || params.length !== approved.bodyParams || buttonParams.length !== (approved.codeButton ? 1 : 0)) {
    throw new GraphRefusal(132000, 'Number of parameters does not match the expected number of params');
  }
  return { to: body.to, template: t.name, language: t.language.code, headerImage, params, buttonParams, callbackData: typeof callback === 'string' ? callback : null };
}

/** The platform's WhatsApp settings pointed at `peer` (the Graph version stays the caller's: it may be another peer's). */
export function whatsappEnv(peer: Pick<WhatsAppPeer, 'url' | 'phoneNumberId' | 'token' | 'appSecret'>, verifyToken: string): Record<string, string> {
  return { WHATSAPP_BASE_URL: peer.url, WHATSAPP_PHONE_NUMBER_ID: peer.phoneNumberId, WHATSAPP_TOKEN: peer.token, WHATSAPP_APP_SECRET: peer.appSecret, WHATSAPP_VERIFY_TOKEN: verifyToken };
}

export async function startWhatsAppPeer(options: PeerOptions = {}): Promise<WhatsAppPeer> {
  const version = options.version ?? 'v24.0';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const token = options.token ?? 'EAAtest-whatsapp-token';
  const appSecret = options.appSecret ?? 'test-app-secret-0123456789';
  const templates = options.templates ?? DEFAULT_TEMPLATES;
  const rate = options.ratePerSecond ?? 80;
  const burst = options.burst ?? Math.max(1, rate);
  const pairRateMs = options.pairRateMs ?? 6_000;
  const now = options.now ?? Date.now;
  let callbackUrl = options.callbackUrl ?? null;

  const accepted: AcceptedMessage[] = [];
  // Statuses look messages up by wamid: a map, so a fan-out of 100,000 messages stays linear.
  const acceptedById = new Map<string, AcceptedMessage>();
  const webhooks: WebhookResult[] = [];
  const lastTo = new Map<string, number>();
  const pending = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  type Fault = { kind: 'fail'; fault: PeerFault } | { kind: 'garbage'; status: number } | { kind: 'slow'; delayMs: number; acceptLate: boolean };
  const faults: Fault[] = [];
  // A fault for every request until a time (failUntil, slowUntil); a new spell replaces the last.
  let spell: { until: number; fault: Fault } | null = null;
  const requestLog: PeerRequest[] = [];
  let requests = 0;
  let tokens = burst;
  let refilledAt = now();

  const path = `/${version}/${phoneNumberId}/messages`;

  function takeToken(): boolean {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - refilledAt) / 1000) * rate);
    refilledAt = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  async function post(body: string, signature: string | null): Promise<WebhookResult> {
    if (!callbackUrl) throw new Error('whatsapp peer: no callback URL set');
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...(signature !== null ? { 'x-hub-signature-256': signature } : {}) },
      body,
    });
    const result = { status: res.status, body: await res.text() };
    webhooks.push(result);
    return result;
  }

  const sign = (body: string): string => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

  function envelope(value: Json): Json {
    return {
      object: 'whatsapp_business_account',
      entry: [{ id: WABA_ID, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId }, ...value } }] }],
    };
  }

  function planStatuses(plan: StatusPlan): PeerStatus[] {
    let list: PeerStatus[] = [...(plan.statuses ?? ['sent', 'delivered', 'read'])];
    if (plan.skipDelivered) list = list.filter((s) => s !== 'delivered');
    if (plan.shuffle) {
      const rnd = seeded(plan.seed ?? 1);
      for (let i = list.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rnd() * (i + 1));
        [list[i], list[j]] = [list[j] as PeerStatus, list[i] as PeerStatus];
      }
    }
    if (plan.duplicate) list = list.flatMap((s) => [s, s]);
    return list;
  }

  function statusItem(wamid: string, status: PeerStatus, plan: StatusPlan): Json {
    const message = acceptedById.get(wamid);
    return {
      id: wamid,
      status,
      timestamp: String(Math.floor(now() / 1000)),
      recipient_id: (message?.to ?? '+212600000000').replace(/^\+/, ''),
      ...(message?.callbackData ? { biz_opaque_callback_data: message.callbackData } : {}),
      ...(status === 'sent' ? { conversation: { id: randomBytes(16).toString('hex'), origin: { type: 'utility' } }, pricing: { billable: true, pricing_model: 'CBP', category: 'utility' } } : {}),
      ...(status === 'failed' ? { errors: [{ code: plan.failCode ?? 131026, title: 'Message undeliverable.', error_data: { details: 'Message Undeliverable.' } }] } : {}),
    };
  }

  async function sendStatuses(wamid: string, plan: StatusPlan = {}): Promise<WebhookResult[]> {
    const results: WebhookResult[] = [];
    for (const status of planStatuses(plan)) {
      const body = JSON.stringify(envelope({ statuses: [statusItem(wamid, status, plan)] }));
      results.push(await post(body, sign(body)));
    }
    return results;
  }

  // Automatic statuses waiting to be posted together (statusBatch).
  let batch: Json[] = [];
  let batchTimer: NodeJS.Timeout | null = null;
  function flushBatch(): void {
    if (batchTimer) {
      clearTimeout(batchTimer);
      timers.delete(batchTimer);
      batchTimer = null;
    }
    if (batch.length === 0) return;
    const body = JSON.stringify(envelope({ statuses: batch }));
    batch = [];
    track(post(body, sign(body)));
  }
  function batchStatuses(wamid: string, plan: StatusPlan, limits: { readonly size: number; readonly delayMs: number }): void {
    for (const status of planStatuses(plan)) batch.push(statusItem(wamid, status, plan));
    if (batch.length >= limits.size) flushBatch();
    else if (!batchTimer) timers.add((batchTimer = setTimeout(flushBatch, limits.delayMs)));
  }

  function track(p: Promise<unknown>): void {
    const t = p.catch(() => undefined).finally(() => pending.delete(t));
    pending.add(t);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const arrived = new Date(now());
    const log = (status: number): void => {
      let to: string | null = null;
      try {
        const body: unknown = JSON.parse(raw.toString('utf8'));
        if (isObject(body) && typeof body.to === 'string') to = body.to;
      } catch {
        // Not JSON: no recipient to log.
      }
      requestLog.push({ at: arrived, to, status });
    };
    const answer = (status: number, body: string, headers: Record<string, string> = {}): void => {
      log(status);
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      res.end(body);
    };
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) {
      // Not the messages endpoint: answered, not logged.
      res.writeHead(400, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(graphErrorBody(100, 'Unsupported post request.', 33));
      return;
    }
    requests += 1;
    const fault = faults.shift() ?? (spell && arrived.getTime() < spell.until ? spell.fault : undefined);
    let late = false;
    if (fault?.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.delayMs);
        timers.add(timer);
      });
      late = res.destroyed || req.socket.destroyed;
      // The caller gave up: unless told to take it all the same, nothing is recorded, as if the request had never reached Meta.
      if (late && !fault.acceptLate) {
        log(0);
        return;
      }
    }
    if (fault?.kind === 'garbage') {
      log(fault.status);
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      res.end('<html><body>upstream connect error or disconnect/reset before headers</body></html>');
      return;
    }
    if (fault?.kind === 'fail') {
      const f = fault.fault;
      const status = f.status ?? defaultStatus(f.code);
      answer(status, f.code !== undefined ? graphErrorBody(f.code, 'Programmed fault', f.subcode) : '', f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {});
      return;
    }
    try {
      if (req.headers.authorization !== `Bearer ${token}`) throw new GraphRefusal(190, 'Invalid OAuth access token - Cannot parse access token', 401);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new GraphRefusal(100, 'Invalid parameter');
      }
      const message = checkTemplate(body, templates);
      if (!takeToken()) throw new GraphRefusal(130429, 'Rate limit hit');
      const at = now();
      const last = lastTo.get(message.to);
      if (pairRateMs > 0 && last !== undefined && at - last < pairRateMs) throw new GraphRefusal(131056, '(Business Account, Consumer Account) pair rate limit hit');
      lastTo.set(message.to, at);
      const id = `wamid.${randomBytes(24).toString('base64url')}`;
      const record: AcceptedMessage = { ...message, id, at: new Date(at), late };
      accepted.push(record);
      acceptedById.set(id, record);
      answer(200, JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: message.to, wa_id: message.to.slice(1) }], messages: [{ id }] }));
      const auto = options.autoStatuses;
      if (auto && callbackUrl) {
        if (options.statusBatch) batchStatuses(id, auto, options.statusBatch);
        else track(sendStatuses(id, auto));
      }
    } catch (err) {
      if (!(err instanceof GraphRefusal)) throw err;
      answer(err.status, graphErrorBody(err.code, err.message, err.subcode));
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    version,
    phoneNumberId,
    token,
    appSecret,
    accepted,
    webhooks,
    requestCount: () => requests,
    requestLog,
    deliveriesTo: (to) => accepted.filter((m) => m.to === to),
    failNext: (n, fault) => {
      for (let i = 0; i < n; i += 1) faults.push({ kind: 'fail', fault });
    },
    garbageNext: (n, status = 200) => {
      for (let i = 0; i < n; i += 1) faults.push({ kind: 'garbage', status });
    },
    slowNext: (n, delayMs) => {
      for (let i = 0; i < n; i += 1) faults.push({ kind: 'slow', delayMs, acceptLate: false });
    },
    failUntil: (untilMs, fault) => {
      spell = { until: untilMs, fault: { kind: 'fail', fault } };
    },
    slowUntil: (untilMs, delayMs, opts = {}) => {
      spell = { until: untilMs, fault: { kind: 'slow', delayMs, acceptLate: opts.acceptLate ?? false } };
    },
    setCallbackUrl: (u) => {
      callbackUrl = u;
    },
    sendStatuses,
    sendInboundText: async (from, text, opts = {}) => {
      if (!E164.test(from)) throw new Error('whatsapp peer: `from` must be E.164');
      const message = {
        from: from.slice(1),
        id: `wamid.${randomBytes(24).toString('base64url')}`,
        timestamp: String(Math.floor(now() / 1000)),
        type: 'text',
        text: { body: text },
        ...(opts.replyTo ? { context: { from: DISPLAY_NUMBER, id: opts.replyTo } } : {}),
      };
      const body = JSON.stringify(envelope({ contacts: [{ profile: { name: 'Test' }, wa_id: from.slice(1) }], messages: [message] }));
      return post(body, sign(body));
    },
    postWebhook: (json, signature) => {
      const body = JSON.stringify(json);
      return post(body, signature === undefined ? sign(body) : signature);
    },
    settled: async () => {
      flushBatch();
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
