/**
 * One persistent SMPP 3.4 transceiver session with the operator's SMSC. A transceiver bind both sends
 * (submit_sm) and receives (deliver_sm: delivery receipts and citizens' "STOP" replies), so the session
 * is opened at start and kept: `enquire_link` every `enquireLinkMs` proves the link alive (a silent link
 * is dropped), a closed or failed connection is reopened with exponential backoff, and requests wait for
 * the bind instead of failing while a reconnection is about to happen. Every failure is a transient
 * DeliveryError with a stable code (`smpp_bind`, `smpp_connect`, `smpp_connection`, `timeout`,
 * `smpp_closed`); the caller's AbortSignal bounds every wait. Responses are matched to requests by our
 * own sequence numbers, so a late response after a timeout is simply dropped.
 *
 * Never logged: the system id, the password, addresses, message texts.
 *
 * @example
 *   const session = new SmppSession({ url: 'smpp://smsc.example:2775', systemId, password, onDeliverSm });
 *   session.start();
 *   const resp = await session.request('submit_sm', { destination_addr: '212612345678', … }, signal);
 *   await session.close(); // unbind, then FIN
 */
import smpp, { type SmppPdu, type SmppSession as LinkSession } from 'smpp';
import type { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { ESME_RINVCMDID, ESME_ROK, ESME_RX_T_APPN, statusCode, transient } from './smpp-status.ts';

export interface SmppLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

const SILENT: SmppLog = { info: () => undefined, warn: () => undefined };

export interface SmppSessionOptions {
  /** smpp://host:port, or smpps://host:port for TLS. */
  readonly url: string;
  readonly systemId: string;
  readonly password: string;
  /** Keep-alive period (default 30 s). */
  readonly enquireLinkMs?: number;
  /** Reconnection backoff: doubles from initialMs up to maxMs, ±20 % jitter (default 500 ms → 30 s). */
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  /** Upper bound on any response wait, whatever the caller's signal; an enquire_link unanswered this long drops the link (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** A request waits for a reconnection due within this delay; beyond it, it fails at once (default 2 s). */
  readonly reconnectWaitMs?: number;
  readonly log?: SmppLog;
  /** A deliver_sm from the SMSC: resolves with the command_status of the deliver_sm_resp. */
  readonly onDeliverSm: (pdu: SmppPdu) => Promise<number>;
}

type State = 'idle' | 'connecting' | 'binding' | 'bound' | 'waiting' | 'closed';

interface PendingRequest {
  resolve(pdu: SmppPdu): void;
  reject(error: DeliveryError): void;
}

interface BindWaiter {
  resolve(): void;
  reject(error: DeliveryError): void;
}

/** Host, port and TLS of an smpp:// or smpps:// URL (ports default to 2775 and 3550). */
export function parseSmppUrl(url: string): { host: string; port: number; tls: boolean } {
  const parsed = new URL(url);
  const tls = parsed.protocol === 'smpps:';
  if (!tls && parsed.protocol !== 'smpp:') throw new Error('SMPP URL must be smpp:// or smpps://');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port ? Number(parsed.port) : tls ? 3550 : 2775, tls };
}

export class SmppSession {
  readonly #options: SmppSessionOptions;
  readonly #log: SmppLog;
  readonly #enquireLinkMs: number;
  readonly #requestTimeoutMs: number;
  readonly #reconnectWaitMs: number;
  #state: State = 'idle';
  #link: LinkSession | null = null;
  #sequence = 0;
  readonly #pending = new Map<number, PendingRequest>();
  #waiters: BindWaiter[] = [];
  /** Failed attempts since the last successful bind (drives the backoff). */
  #failures = 0;
  /** Why the last attempt failed, for requests that arrive while the next one is far off. */
  #lastFailure = 'smpp_no_session';
  #bindRefused = false;
  #nextAttemptAt = 0;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #enquireTimer: NodeJS.Timeout | null = null;
  #enquireInFlight = false;
  #closing: Promise<void> | null = null;

  constructor(options: SmppSessionOptions) {
    this.#options = options;
    this.#log = options.log ?? SILENT;
    this.#enquireLinkMs = options.enquireLinkMs ?? 30_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#reconnectWaitMs = options.reconnectWaitMs ?? 2_000;
    parseSmppUrl(options.url);
  }

  get bound(): boolean {
    return this.#state === 'bound';
  }

  /** Opens the connection (once); the session then keeps itself bound until close(). */
  start(): void {
    if (this.#state === 'idle') this.#connect();
  }

  /** Resolves once bound; rejects on the caller's signal, a failed attempt, or close(). */
  whenBound(signal: AbortSignal): Promise<void> {
    if (this.#state === 'bound') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(transient('smpp_closed'));
    if (signal.aborted) return Promise.reject(transient('timeout'));
    this.start();
    if (this.#state === 'waiting' && this.#nextAttemptAt - Date.now() > this.#reconnectWaitMs) {
      return Promise.reject(transient(this.#lastFailure));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(transient('timeout'));
      };
      const waiter: BindWaiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /**
   * Sends a request once bound and resolves with its response, whatever its command_status (a
   * generic_nack included): interpreting the status is the caller's business.
   */
  async request(command: string, params: Record<string, unknown>, signal: AbortSignal): Promise<SmppPdu> {
    await this.whenBound(signal);
    const link = this.#link;
    if (!link) throw transient('smpp_no_session');
    return this.#send(link, command, params, signal);
  }

  /** Unbinds (waiting briefly for unbind_resp), then closes the socket. No reconnection afterwards. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const wasBound = this.#state === 'bound';
    this.#state = 'closed';
    this.#clearTimers();
    this.#rejectWaiters(transient('smpp_closed'));
    const link = this.#link;
    if (!link) return;
    if (wasBound) {
      try {
        await this.#send(link, 'unbind', {}, AbortSignal.timeout(Math.min(2_000, this.#requestTimeoutMs)));
      } catch {
        // The SMSC did not answer: closing the socket ends the session all the same.
      }
    }
    await new Promise<void>((resolve) => {
      if (this.#link !== link) return resolve();
      link.socket.once('close', () => resolve());
      if (!wasBound) return link.destroy();
      link.close();
      setTimeout(() => link.destroy(), 1_000).unref();
    });
  }

  #connect(): void {
    this.#state = 'connecting';
    this.#bindRefused = false;
    this.#sequence = 0;
    const target = parseSmppUrl(this.#options.url);
    const link = smpp.connect({ host: target.host, port: target.port, ...(target.tls ? { tls: true, servername: target.host } : {}) });
    this.#link = link;
    link.on(target.tls ? 'secureConnect' : 'connect', () => void this.#bind(link));
    link.on('pdu', (pdu) => this.#onPdu(link, pdu));
    link.on('error', (error) => {
      // Error messages name the host; the code says enough.
      this.#log.warn({ code: error.code ?? 'error', state: this.#state }, 'smpp link error');
      link.destroy();
    });
    link.on('close', () => this.#onClose(link));
  }

  async #bind(link: LinkSession): Promise<void> {
    if (this.#link !== link || this.#state !== 'connecting') return;
    this.#state = 'binding';
    let resp: SmppPdu;
    try {
      resp = await this.#send(
        link,
        'bind_transceiver',
        { system_id: this.#options.systemId, password: this.#options.password, system_type: '', interface_version: 0x34, addr_ton: 0, addr_npi: 0, address_range: '' },
        AbortSignal.timeout(this.#requestTimeoutMs),
      );
    } catch {
      link.destroy();
      return;
    }
    if (this.#link !== link || this.#state !== 'binding') return;
    if (resp.command_status !== ESME_ROK) {
      this.#bindRefused = true;
      this.#log.warn({ code: 'smpp_bind', status: statusCode(resp.command_status) }, 'smpp bind refused');
      link.destroy();
      return;
    }
    this.#state = 'bound';
    this.#failures = 0;
    this.#log.info({}, 'smpp session bound');
    this.#startEnquireLink(link);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.resolve();
  }

  #onClose(link: LinkSession): void {
    if (this.#link !== link) return;
    this.#link = null;
    const was = this.#state;
    if (this.#enquireTimer) clearInterval(this.#enquireTimer);
    this.#enquireTimer = null;
    this.#enquireInFlight = false;
    const code = was === 'closed' ? 'smpp_closed' : this.#bindRefused ? 'smpp_bind' : was === 'bound' ? 'smpp_connection' : 'smpp_connect';
    for (const pending of this.#pending.values()) pending.reject(transient(code));
    this.#pending.clear();
    if (was === 'closed') return;
    this.#lastFailure = code;
    this.#rejectWaiters(transient(code));
    const { initialMs, maxMs } = this.#options.reconnect ?? { initialMs: 500, maxMs: 30_000 };
    const delay = Math.round(Math.min(maxMs, initialMs * 2 ** Math.min(this.#failures, 20)) * (0.8 + Math.random() * 0.4));
    this.#failures++;
    this.#state = 'waiting';
    this.#nextAttemptAt = Date.now() + delay;
    this.#log.warn({ code, retryInMs: delay }, was === 'bound' ? 'smpp session lost; reconnecting' : 'smpp connection failed; retrying');
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#state === 'waiting') this.#connect();
    }, delay);
    this.#reconnectTimer.unref();
  }

  #onPdu(link: LinkSession, pdu: SmppPdu): void {
    if (pdu.isResponse()) {
      if (this.#link !== link) return;
      const pending = this.#pending.get(pdu.sequence_number);
      if (pending) {
        this.#pending.delete(pdu.sequence_number);
        pending.resolve(pdu);
      }
      return;
    }
    switch (pdu.command) {
      case 'enquire_link':
        link.send(pdu.response());
        return;
      case 'unbind':
        // The SMSC ends the session (maintenance…): answer, close, and reconnect through #onClose.
        link.send(pdu.response());
        link.close();
        return;
      case 'deliver_sm':
        void this.#answerDeliverSm(link, pdu);
        return;
      case 'alert_notification':
        return; // has no response
      default:
        link.send(pdu.response({ command_status: ESME_RINVCMDID }));
    }
  }

  async #answerDeliverSm(link: LinkSession, pdu: SmppPdu): Promise<void> {
    let status: number;
    try {
      status = await this.#options.onDeliverSm(pdu);
    } catch {
      // Our side failed (database…): a temporary error makes the SMSC deliver it again later.
      this.#log.warn({ code: 'smpp_deliver_sm_handler' }, 'deliver_sm not processed; SMSC will retry');
      status = ESME_RX_T_APPN;
    }
    link.send(pdu.response({ command_status: status }));
  }

  #send(link: LinkSession, command: string, params: Record<string, unknown>, signal: AbortSignal): Promise<SmppPdu> {
    return new Promise<SmppPdu>((resolve, reject) => {
      if (signal.aborted) return reject(transient('timeout'));
      this.#sequence = this.#sequence >= 0x7fffffff ? 1 : this.#sequence + 1;
      const sequence = this.#sequence;
      const limit = AbortSignal.any([signal, AbortSignal.timeout(this.#requestTimeoutMs)]);
      const onAbort = (): void => {
        this.#pending.delete(sequence);
        reject(transient('timeout'));
      };
      limit.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(sequence, {
        resolve: (pdu) => {
          limit.removeEventListener('abort', onAbort);
          resolve(pdu);
        },
        reject: (error) => {
          limit.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      const written = link.send(new smpp.PDU(command, { ...params, sequence_number: sequence }));
      if (!written) {
        this.#pending.get(sequence)?.reject(transient('smpp_no_session'));
        this.#pending.delete(sequence);
      }
    });
  }

  #startEnquireLink(link: LinkSession): void {
    this.#enquireTimer = setInterval(() => {
      if (this.#link !== link || this.#state !== 'bound' || this.#enquireInFlight) return;
      this.#enquireInFlight = true;
      void this.#send(link, 'enquire_link', {}, AbortSignal.timeout(this.#requestTimeoutMs))
        .then(
          () => undefined,
          (error: DeliveryError) => {
            if (error.failure.code === 'timeout' && this.#link === link) {
              this.#log.warn({ code: 'smpp_enquire_link' }, 'smpp link silent; reconnecting');
              link.destroy();
            }
          },
        )
        .finally(() => {
          this.#enquireInFlight = false;
        });
    }, this.#enquireLinkMs);
    this.#enquireTimer.unref();
  }

  #rejectWaiters(error: DeliveryError): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(error);
  }

  #clearTimers(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    if (this.#enquireTimer) clearInterval(this.#enquireTimer);
    this.#reconnectTimer = null;
    this.#enquireTimer = null;
  }
}
