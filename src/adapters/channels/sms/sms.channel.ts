/**
 * The SMS channel: alerts, closing texts and subscription codes to citizens' phones over one SMPP 3.4
 * transceiver session (smpp-session.ts), and what comes back on the same session: delivery receipts
 * (→ hooks.onReceipt, for recordProviderReceipt) and citizens' own messages such as "STOP"
 * (→ hooks.onInbound, for the subscriptions module).
 *
 * A delivery is one submit_sm per segment, sent in order, each with registered_delivery=1; the
 * destination is the E.164 number without '+' (TON 1, NPI 1); the source is the configured sender,
 * alphanumeric (TON 5) unless it is a number. The providerRef is the first segment's message_id,
 * normalised (message-id.ts) the same way as receipts' ids. SMSC refusals become DeliveryErrors
 * (smpp-status.ts); a missing session, a refused bind, a dropped connection or no answer before the
 * delivery's signal fires are transient. Alerts carry a validity period ending with the alert, so an
 * SMSC never hands out a stale alert days later.
 *
 * @example
 *   const sms = createSmsChannel(ctx.config.channels.smpp, {
 *     onReceipt: (r) => recordProviderReceipt(ctx, { channel: 'sms', ...r }).then(() => undefined),
 *     onInbound: (m) => subscriptions.handleSmsReply(ctx, m),
 *   }, { log: ctx.logger });
 *   await sms.deliver({ idempotencyKey, message, recipient, previousRefs: [], signal });
 */
import { createHash } from 'node:crypto';
import type { SmppPdu } from 'smpp';
import type { ChannelAdapter, ConfirmationMessage, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { readDeliveryReceipt } from './delivery-receipt.ts';
import { baseOf, normaliseMessageId, type MessageIdFormat } from './message-id.ts';
import { SmppSession, type SmppLog } from './smpp-session.ts';
import { ESME_ROK, submitFailure } from './smpp-status.ts';
import { ESM_CLASS_UDHI, smsSegments } from './sms-segments.ts';
import { alertSmsText, confirmationSmsText } from './sms-texts.ts';

export interface SmsReceipt {
  readonly providerRef: string;
  readonly status: 'delivered' | 'failed';
  readonly errorCode?: string;
}

export interface SmsInbound {
  /** E.164, e.g. "+212612345678". */
  readonly from: string;
  readonly text: string;
}

export interface SmsChannelHooks {
  onReceipt(receipt: SmsReceipt): Promise<void>;
  onInbound(message: SmsInbound): Promise<void>;
}

export interface SmsChannelOptions {
  readonly log?: SmppLog;
  /** How this SMSC writes message ids (default 'opaque': the same string on both sides). */
  readonly messageIds?: MessageIdFormat;
  readonly enquireLinkMs?: number;
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  readonly requestTimeoutMs?: number;
  readonly reconnectWaitMs?: number;
}

export interface SmsChannel extends ChannelAdapter {
  /** Resolves once the session is bound (boot checks, tests); rejects like a delivery would. */
  ready(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

const ESM_CLASS_RECEIPT = 0x04;
const TON_INTERNATIONAL = 1;
const NPI_ISDN = 1;
const TON_NETWORK_SPECIFIC = 3;
const TON_ALPHANUMERIC = 5;

/** "+212612345678" → "212612345678"; anything else is not an address an SMSC can reach. */
function destinationDigits(address: string): string {
  const m = /^\+([1-9]\d{6,14})$/.exec(address.trim());
  if (!m?.[1]) throw new DeliveryError({ kind: 'permanent', code: 'sms_invalid_address' });
  return m[1];
}

/** The sender as SMPP addresses it: a name (TON 5), a full number (TON 1) or a short code (TON 3). */
function sourceAddress(sender: string): { source_addr: string; source_addr_ton: number; source_addr_npi: number } {
  const digits = /^\+?(\d+)$/.exec(sender)?.[1];
  if (digits === undefined) return { source_addr: sender, source_addr_ton: TON_ALPHANUMERIC, source_addr_npi: 0 };
  if (digits.length >= 9) return { source_addr: digits, source_addr_ton: TON_INTERNATIONAL, source_addr_npi: NPI_ISDN };
  return { source_addr: digits, source_addr_ton: TON_NETWORK_SPECIFIC, source_addr_npi: 0 };
}

/** The concatenation reference: stable for one idempotency key, so a retry reuses it. */
const concatRef = (idempotencyKey: string): number => createHash('sha256').update(idempotencyKey).digest()[0] ?? 0;

/** The text of a deliver_sm: short_message as the library decoded it, or the message_payload TLV. */
function pduText(pdu: SmppPdu): string {
  for (const value of [pdu.short_message, pdu.message_payload]) {
    if (typeof value === 'string' && value) return value;
    if (value && typeof value === 'object' && 'message' in value) {
      const message = value.message;
      if (typeof message === 'string' && message) return message;
      if (Buffer.isBuffer(message) && message.length) return message.toString('latin1');
    }
  }
  return '';
}

const stringField = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberField = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export function createSmsChannel(config: NonNullable<ChannelsConfig['smpp']>, hooks: SmsChannelHooks, options: SmsChannelOptions = {}): SmsChannel {
  const idFormat = options.messageIds ?? 'opaque';
  const log = options.log;
  const source = sourceAddress(config.sender);

  async function onDeliverSm(pdu: SmppPdu): Promise<number> {
    const esmClass = numberField(pdu.esm_class) ?? 0;
    const text = pduText(pdu);
    if (esmClass & ESM_CLASS_RECEIPT) {
      const reading = readDeliveryReceipt({ receiptedMessageId: stringField(pdu.receipted_message_id), messageState: numberField(pdu.message_state), text }, idFormat);
      switch (reading.kind) {
        case 'final':
          await hooks.onReceipt({ providerRef: reading.providerRef, status: reading.status, ...(reading.errorCode ? { errorCode: reading.errorCode } : {}) });
          return ESME_ROK;
        case 'intermediate':
          return ESME_ROK;
        case 'unreadable':
          log?.warn({ code: 'smpp_receipt_unreadable' }, 'delivery receipt without id or state ignored');
          return ESME_ROK;
      }
    }
    const from = stringField(pdu.source_addr)?.replace(/^(\+|00)/, '') ?? '';
    if (!/^\d{3,15}$/.test(from)) {
      log?.warn({ code: 'smpp_mo_source' }, 'mobile-originated message without a usable source ignored');
      return ESME_ROK;
    }
    await hooks.onInbound({ from: `+${from}`, text });
    return ESME_ROK;
  }

  const session = new SmppSession({
    url: config.url,
    systemId: config.systemId,
    password: config.password,
    onDeliverSm,
    ...(log ? { log } : {}),
    ...(options.enquireLinkMs !== undefined ? { enquireLinkMs: options.enquireLinkMs } : {}),
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.reconnectWaitMs !== undefined ? { reconnectWaitMs: options.reconnectWaitMs } : {}),
  });
  session.start();

  /** Submits every segment in order; resolves with the first segment's normalised message_id. */
  async function submit(text: string, address: string, idempotencyKey: string, signal: AbortSignal, validUntil: Date | null): Promise<DeliveryReceipt> {
    const destination = destinationDigits(address);
    let split;
    try {
      split = smsSegments(text, concatRef(idempotencyKey));
    } catch {
      throw new DeliveryError({ kind: 'permanent', code: 'sms_too_long' });
    }
    let providerRef: string | null = null;
    for (const [i, part] of split.parts.entries()) {
      const resp = await session.request(
        'submit_sm',
        {
          service_type: '',
          ...source,
          dest_addr_ton: TON_INTERNATIONAL,
          dest_addr_npi: NPI_ISDN,
          destination_addr: destination,
          esm_class: split.concatenated ? ESM_CLASS_UDHI : 0,
          registered_delivery: 1,
          data_coding: split.dataCoding,
          short_message: part,
          ...(validUntil ? { validity_period: validUntil } : {}),
        },
        signal,
      );
      if (resp.command_status !== ESME_ROK) throw submitFailure(resp.command_status);
      const id = normaliseMessageId(stringField(resp.message_id) ?? '', baseOf(idFormat, 'submit'));
      if (i === 0) providerRef = id || null;
    }
    return { providerRef };
  }

  return {
    channel: 'sms',
    async deliver(delivery: Delivery): Promise<DeliveryReceipt> {
      const { message, recipient } = delivery;
      // An SMSC keeps undelivered messages for days: an alert must not reach a phone after it ended.
      const validUntil = message.expiresAt.getTime() > Date.now() + 60_000 ? message.expiresAt : null;
      return submit(alertSmsText(message, recipient.language), recipient.address, delivery.idempotencyKey, delivery.signal, validUntil);
    },
    async sendConfirmation(confirmation: ConfirmationMessage): Promise<DeliveryReceipt> {
      if (!confirmation.code) throw new DeliveryError({ kind: 'permanent', code: 'sms_no_code' });
      const text = confirmationSmsText(confirmation.code, confirmation.recipient.language);
      return submit(text, confirmation.recipient.address, confirmation.idempotencyKey, confirmation.signal, null);
    },
    ready: (signal) => session.whenBound(signal),
    close: () => session.close(),
  };
}
