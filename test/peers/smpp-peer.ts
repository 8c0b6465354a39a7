/**
 * A real SMSC on 127.0.0.1 (random port) for the SMS adapter's tests, built on the `smpp` package's
 * server side. It checks bind credentials (wrong ones → ESME_RBINDFAIL, then hangs up), answers
 * enquire_link and unbind, accepts submit_sm, decodes GSM-7 (data_coding 0) and UCS-2 (0x08) and
 * reassembles concatenated messages by their UDH (IE 00 or 08), and records every accepted message:
 * destination, full text, encoding, segments, message ids, validity, time. It assigns message ids
 * (decimal or hex) and sends delivery receipts (deliver_sm, esm_class 0x04) with the TLVs
 * receipted_message_id and message_state and the classic "id:… stat:…" text, and mobile-originated
 * messages ("STOP"). It enforces a rate (submit_sm per window → ESME_RTHROTTLED beyond it), or throttles
 * every submit until a time (`throttleUntil`), logging what it throttled, and takes faults: fail the
 * next N submits with a command_status, drop the connection, delay submit responses, leave
 * enquire_link unanswered.
 *
 * @example
 *   const peer = await startSmppPeer({ systemId: 'tifli', password: 'secret12' });
 *   after(() => peer.close());
 *   await peer.waitFor(() => peer.messages.length === 1);
 *   await peer.sendReceipt(peer.messages[0].messageIds[0], 'DELIVRD');
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import smpp, { type SmppPdu, type SmppSession } from 'smpp';

export const ESME_ROK = 0x00;
export const ESME_RINVBNDSTS = 0x04;
export const ESME_RINVDSTADR = 0x0b;
export const ESME_RBINDFAIL = 0x0d;
export const ESME_RTHROTTLED = 0x58;

export type ReceiptStat = 'DELIVRD' | 'EXPIRED' | 'DELETED' | 'UNDELIV' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD' | 'ENROUTE';

/** message_state TLV value of each stat (SMPP 3.4 §5.2.28). */
const MESSAGE_STATE: { readonly [S in ReceiptStat]: number } = { ENROUTE: 1, DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8 };

export interface SmppPeerOptions {
  readonly systemId?: string;
  readonly password?: string;
  /** At most `max` submit_sm per `windowMs` (default 1000 ms); beyond it ESME_RTHROTTLED. */
  readonly rate?: { readonly max: number; readonly windowMs?: number };
  /** How submit_sm_resp (and the receipted_message_id TLV) write ids (default decimal). */
  readonly messageIds?: 'decimal' | 'hex';
  /** How the receipt text's "id:" writes them: as assigned, or converted (decimal zero-padded to 10). */
  readonly receiptTextIds?: 'same' | 'decimal' | 'hex';
  /** Send receipted_message_id and message_state TLVs (default true); false leaves only the text. */
  readonly receiptTlvs?: boolean;
  /** The first id's numeric value (default 0x3A2F0: hex ids then carry letters). */
  readonly firstMessageId?: number;
}

export interface AcceptedSms {
  readonly destination: string;
  readonly destTon: number;
  readonly destNpi: number;
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  /** The reassembled text, as a handset would show it. */
  readonly text: string;
  readonly encoding: 'GSM-7' | 'UCS-2' | 'other';
  readonly dataCoding: number;
  readonly segments: number;
  /** Each segment decoded on its own (a split surrogate pair would show here). */
  readonly segmentTexts: readonly string[];
  /** Ids as sent in submit_sm_resp, in segment order. */
  readonly messageIds: readonly string[];
  readonly esmClasses: readonly number[];
  readonly registeredDelivery: readonly number[];
  /** The UDH concatenation reference, null for a single SMS. */
  readonly concatRef: number | null;
  readonly validUntil: Date | null;
  readonly receivedAt: Date;
}

export interface BindAttempt {
  readonly command: string;
  readonly systemId: string;
  readonly interfaceVersion: number;
  readonly accepted: boolean;
}

export interface SmppPeer {
  readonly port: number;
  /** smpp://127.0.0.1:port */
  readonly url: string;
  readonly messages: AcceptedSms[];
  readonly binds: BindAttempt[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  readonly enquireLinks: number;
  readonly unbinds: number;
  /** Sessions currently bound. */
  readonly boundSessions: number;
  /** Every submit_sm answered ESME_RTHROTTLED by `rate` or `throttleUntil`: its destination and time. */
  readonly throttled: { readonly destination: string; readonly at: Date }[];
  /** The next `count` submit_sm are answered with `commandStatus`. */
  failNext(count: number, commandStatus: number): void;
  /** Every submit_sm is answered ESME_RTHROTTLED until `untilMs` (Date.now): a sustained throttle. */
  throttleUntil(untilMs: number): void;
  /** The next `count` submit_sm make the SMSC hang up instead of answering. */
  dropNext(count?: number): void;
  /** Hangs up every connection now. */
  dropAll(): void;
  /** submit_sm responses wait `ms` from now on (0 to stop). */
  delayResponses(ms: number): void;
  /** Stop (or resume) answering enquire_link: a link that looks alive but is not. */
  muteEnquireLinks(muted: boolean): void;
  /** Destinations (digits, no '+') answered with ESME_RINVDSTADR. */
  rejectDestination(digits: string): void;
  /** Sends a delivery receipt for a message id; resolves with the deliver_sm_resp's command_status. */
  sendReceipt(messageId: string, stat: ReceiptStat, options?: { readonly err?: string }): Promise<number>;
  /** Sends a handset's message (from: digits without '+'); resolves with the deliver_sm_resp's status. */
  sendMobileOriginated(from: string, text: string): Promise<number>;
  /** Resolves as soon as `predicate` holds (checked on every event), rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Segment {
  readonly seq: number;
  readonly text: string;
  readonly id: string;
  readonly esmClass: number;
  readonly registeredDelivery: number;
}

interface Concat {
  readonly ref: number;
  readonly total: number;
  readonly seq: number;
}

/** The concatenation IE of a decoded UDH list: 00 (8-bit reference) or 08 (16-bit reference). */
function concatInfo(udh: unknown): Concat | null {
  if (!Array.isArray(udh)) return null;
  for (const ie of udh as unknown[]) {
    if (!Buffer.isBuffer(ie)) continue;
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) return { ref: ie[2] ?? 0, total: ie[3] ?? 0, seq: ie[4] ?? 0 };
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) return { ref: ie.readUInt16BE(2), total: ie[4] ?? 0, seq: ie[5] ?? 0 };
  }
  return null;
}

/** short_message (or message_payload) as the library decoded it: { udh?, message }. */
function decodedMessage(pdu: SmppPdu): { udh: unknown; text: string } {
  for (const value of [pdu.short_message, pdu.message_payload]) {
    if (value && typeof value === 'object' && 'message' in value) {
      const { udh, message } = value as { udh?: unknown; message: unknown };
      const text = typeof message === 'string' ? message : Buffer.isBuffer(message) ? message.toString('latin1') : '';
      if (text || udh) return { udh, text };
    }
  }
  return { udh: undefined, text: '' };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export async function startSmppPeer(options: SmppPeerOptions = {}): Promise<SmppPeer> {
  const systemId = options.systemId ?? 'tifli';
  const password = options.password ?? 'secret12';
  const windowMs = options.rate?.windowMs ?? 1000;
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const changed = (): boolean => events.emit('change');

  const messages: AcceptedSms[] = [];
  const binds: BindAttempt[] = [];
  const bound: SmppSession[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const partials = new Map<string, Map<number, Segment>>();
  const rejected = new Set<string>();
  const planned: number[] = [];
  const submitTimes: number[] = [];
  const throttled: { destination: string; at: Date }[] = [];
  let throttledUntil = 0;
  let drops = 0;
  let delayMs = 0;
  let enquireMuted = false;
  let connections = 0;
  let enquireLinks = 0;
  let unbinds = 0;
  let nextId = options.firstMessageId ?? 0x3a2f0;
  const formatId = (n: number): string => (options.messageIds === 'hex' ? n.toString(16).toUpperCase() : String(n));
  const valueOf = (id: string): number => (options.messageIds === 'hex' ? parseInt(id, 16) : Number(id));

  const later = (fn: () => void, ms: number): void => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  function onSubmit(session: SmppSession, pdu: SmppPdu): void {
    const respond = (fields: Record<string, unknown>): void => later(() => void session.send(pdu.response(fields)), delayMs);
    if (!bound.includes(session)) return respond({ command_status: ESME_RINVBNDSTS });
    if (drops > 0) {
      drops--;
      session.destroy();
      return;
    }
    const status = planned.shift();
    if (status !== undefined) return respond({ command_status: status });
    const now = Date.now();
    while (submitTimes.length && (submitTimes[0] ?? 0) <= now - windowMs) submitTimes.shift();
    const destination = str(pdu.destination_addr);
    if (now < throttledUntil || (options.rate && submitTimes.length >= options.rate.max)) {
      throttled.push({ destination, at: new Date(now) });
      return respond({ command_status: ESME_RTHROTTLED });
    }
    if (!/^\d{8,15}$/.test(destination) || rejected.has(destination)) return respond({ command_status: ESME_RINVDSTADR });
    submitTimes.push(now);

    const id = formatId(nextId++);
    respond({ message_id: id });
    const { udh, text } = decodedMessage(pdu);
    const esmClass = num(pdu.esm_class);
    const concat = esmClass & 0x40 ? concatInfo(udh) : null;
    const segment: Segment = { seq: concat?.seq ?? 1, text, id, esmClass, registeredDelivery: num(pdu.registered_delivery) };
    const total = concat?.total ?? 1;
    const key = `${str(pdu.source_addr)}|${destination}|${concat?.ref ?? 'single'}|${total}`;
    const parts = partials.get(key) ?? new Map<number, Segment>();
    parts.set(segment.seq, segment);
    partials.set(key, parts);
    if (parts.size < total) return;
    partials.delete(key);
    const ordered = [...parts.values()].sort((a, b) => a.seq - b.seq);
    const dataCoding = num(pdu.data_coding);
    const validity = pdu.validity_period;
    messages.push({
      destination,
      destTon: num(pdu.dest_addr_ton),
      destNpi: num(pdu.dest_addr_npi),
      source: str(pdu.source_addr),
      sourceTon: num(pdu.source_addr_ton),
      sourceNpi: num(pdu.source_addr_npi),
      text: ordered.map((s) => s.text).join(''),
      encoding: dataCoding === 0 ? 'GSM-7' : dataCoding === 8 ? 'UCS-2' : 'other',
      dataCoding,
      segments: ordered.length,
      segmentTexts: ordered.map((s) => s.text),
      messageIds: ordered.map((s) => s.id),
      esmClasses: ordered.map((s) => s.esmClass),
      registeredDelivery: ordered.map((s) => s.registeredDelivery),
      concatRef: concat?.ref ?? null,
      validUntil: validity instanceof Date ? validity : null,
      receivedAt: new Date(),
    });
    changed();
  }

  const server = smpp.createServer((session) => {
    connections++;
    changed();
    session.on('error', () => session.destroy());
    session.on('close', () => {
      const i = bound.indexOf(session);
      if (i >= 0) bound.splice(i, 1);
      changed();
    });
    const onBind = (pdu: SmppPdu): void => {
      const accepted = str(pdu.system_id) === systemId && str(pdu.password) === password;
      binds.push({ command: pdu.command, systemId: str(pdu.system_id), interfaceVersion: num(pdu.interface_version), accepted });
      if (accepted) {
        bound.push(session);
        session.send(pdu.response({ system_id: 'TESTSMSC' }));
      } else {
        session.send(pdu.response({ command_status: ESME_RBINDFAIL }));
        session.close();
      }
      changed();
    };
    session.on('bind_transceiver', onBind);
    session.on('bind_transmitter', onBind);
    session.on('bind_receiver', onBind);
    session.on('enquire_link', (pdu) => {
      enquireLinks++;
      if (!enquireMuted) session.send(pdu.response());
      changed();
    });
    session.on('unbind', (pdu) => {
      unbinds++;
      const i = bound.indexOf(session);
      if (i >= 0) bound.splice(i, 1);
      session.send(pdu.response());
      session.close();
      changed();
    });
    session.on('submit_sm', (pdu) => onSubmit(session, pdu));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  /** Sends a deliver_sm on the latest bound session; resolves with the deliver_sm_resp status. */
  function deliver(fields: Record<string, unknown>): Promise<number> {
    const session = bound[bound.length - 1];
    if (!session) return Promise.reject(new Error('no bound ESME session to deliver to'));
    return new Promise<number>((resolve, reject) => {
      const sent = session.send(new smpp.PDU('deliver_sm', fields), (resp) => resolve(resp.command_status));
      if (!sent) reject(new Error('the ESME session is not writable'));
    });
  }

  const stamp = (d: Date): string => d.toISOString().replace(/\D/g, '').slice(2, 12);

  return {
    port,
    url: `smpp://127.0.0.1:${port}`,
    messages,
    binds,
    get connections() {
      return connections;
    },
    get enquireLinks() {
      return enquireLinks;
    },
    get unbinds() {
      return unbinds;
    },
    get boundSessions() {
      return bound.length;
    },
    throttled,
    throttleUntil(untilMs) {
      throttledUntil = untilMs;
    },
    failNext(count, commandStatus) {
      for (let i = 0; i < count; i++) planned.push(commandStatus);
    },
    dropNext(count = 1) {
      drops += count;
    },
    dropAll() {
      for (const session of [...server.sessions]) session.destroy();
    },
    delayResponses(ms) {
      delayMs = ms;
    },
    muteEnquireLinks(muted) {
      enquireMuted = muted;
    },
    rejectDestination(digits) {
      rejected.add(digits);
    },
    sendReceipt(messageId, stat, receiptOptions = {}) {
      const message = messages.find((m) => m.messageIds.includes(messageId));
      const value = valueOf(messageId);
      const textId =
        options.receiptTextIds === 'decimal' ? String(value).padStart(10, '0') : options.receiptTextIds === 'hex' ? value.toString(16).toUpperCase() : messageId;
      const now = new Date();
      const delivered = stat === 'DELIVRD' ? '001' : '000';
      const err = receiptOptions.err ?? (stat === 'DELIVRD' ? '000' : '001');
      const excerpt = (message?.text ?? '').replace(/[^A-Za-z0-9 .,]/g, ' ').slice(0, 20);
      const text = `id:${textId} sub:001 dlvrd:${delivered} submit date:${stamp(message?.receivedAt ?? now)} done date:${stamp(now)} stat:${stat} err:${err} text:${excerpt}`;
      return deliver({
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: message?.destination ?? '0',
        dest_addr_ton: message?.sourceTon ?? 5,
        dest_addr_npi: message?.sourceNpi ?? 0,
        destination_addr: message?.source ?? '',
        esm_class: 0x04,
        data_coding: 0,
        short_message: text,
        ...(options.receiptTlvs === false ? {} : { receipted_message_id: messageId, message_state: MESSAGE_STATE[stat] }),
      });
    },
    sendMobileOriginated(from, text) {
      return deliver({
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: from,
        dest_addr_ton: 5,
        dest_addr_npi: 0,
        destination_addr: 'DGSN',
        esm_class: 0,
        data_coding: smpp.encodings.ASCII.match(text) ? 0 : 8,
        short_message: text,
      });
    },
    waitFor(predicate, timeoutMs = 5000) {
      if (predicate()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate()) return;
          clearTimeout(timer);
          events.off('change', check);
          resolve();
        };
        const timer = setTimeout(() => {
          events.off('change', check);
          reject(new Error(`SMPP peer: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        events.on('change', check);
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const session of [...server.sessions]) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
