/**
 * The WhatsApp channel (fan-out: one delivery per opted-in citizen) over the WhatsApp Cloud API:
 * `POST {baseUrl}/{version}/{phone-number-id}/messages` with the Bearer token and an approved template
 * (whatsapp-templates.ts). The idempotency key travels as `biz_opaque_callback_data`, which Meta echoes in
 * every status webhook, so a retry after a crash can be recognised downstream. The answer's `wamid` is
 * the provider reference that status webhooks (routes/webhooks/whatsapp) later move forward.
 *
 * WhatsApp cannot take back a sent message, so a retract sends the closing template (the reference and
 * the outcome) instead of deleting anything; `previousRefs` is not needed.
 *
 * @example
 *   const whatsapp = createWhatsAppChannel(config.channels.whatsapp, config.channels.graph.version, { timeoutMs: config.channels.timeoutMs });
 *   const { providerRef } = await whatsapp.deliver({ idempotencyKey, message, recipient, previousRefs: [], signal });
 */
import type { ChannelAdapter, ConfirmationMessage, Delivery, DeliveryReceipt, Recipient } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { type Clock, systemClock } from '../../../platform/clock.ts';
import { whatsappFailure } from './whatsapp-errors.ts';
import { alertTemplateMessage, closingTemplateMessage, codeTemplateMessage, type TemplateMessage } from './whatsapp-templates.ts';

export type WhatsAppConfig = NonNullable<ChannelsConfig['whatsapp']>;

export interface WhatsAppChannelOptions {
  /** Abandon a call after this long, on top of the delivery's own signal (config.channels.timeoutMs). */
  readonly timeoutMs?: number;
  /** For Retry-After dates. */
  readonly clock?: Clock;
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** wamids are opaque; bound what we store. */
const WAMID = /^[\x21-\x7e]{1,512}$/;

const fail = (kind: 'transient' | 'permanent', code: string): DeliveryError => new DeliveryError({ kind, code });

function wamidOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return null;
  const first: unknown = messages[0];
  if (first === null || typeof first !== 'object') return null;
  const id = (first as { id?: unknown }).id;
  return typeof id === 'string' && WAMID.test(id) ? id : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createWhatsAppChannel(config: WhatsAppConfig, graphVersion: string, options: WhatsAppChannelOptions = {}): ChannelAdapter {
  const clock = options.clock ?? systemClock;
  const url = `${config.baseUrl}/${encodeURIComponent(graphVersion)}/${encodeURIComponent(config.phoneNumberId)}/messages`;

  async function send(payload: TemplateMessage, signal: AbortSignal): Promise<DeliveryReceipt> {
    const signals = [signal];
    if (options.timeoutMs !== undefined) signals.push(AbortSignal.timeout(options.timeoutMs));
    const combined = AbortSignal.any(signals);
    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
        signal: combined,
        redirect: 'error',
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch {
      // Aborted (the dispatcher's timeout or ours) or the connection failed: either way, try again later.
      throw fail('transient', combined.aborted ? 'timeout' : 'whatsapp_network');
    }
    const body = parseJson(text);
    if (status < 200 || status >= 300) throw new DeliveryError(whatsappFailure(status, body, retryAfter, clock.now()));
    const wamid = wamidOf(body);
    // Accepted without a readable wamid: Meta may have queued it, but we cannot track it; retry (the
    // callback data lets the duplicate be recognised in the status webhooks).
    if (!wamid) throw fail('transient', 'whatsapp_bad_response');
    return { providerRef: wamid };
  }

  function checkAddress(recipient: Recipient): void {
    if (!E164.test(recipient.address)) throw fail('permanent', 'whatsapp_invalid_address');
  }

  return {
    channel: 'whatsapp',

    async deliver(delivery: Delivery): Promise<DeliveryReceipt> {
      checkAddress(delivery.recipient);
      const { message, recipient, idempotencyKey } = delivery;
      let payload: TemplateMessage | null;
      switch (message.action) {
        case 'publish':
          payload = alertTemplateMessage(config, message, recipient, idempotencyKey);
          break;
        case 'retract':
          payload = closingTemplateMessage(config, message, recipient, idempotencyKey);
          break;
      }
      // A publish always carries an active view; an ended one has nothing to show.
      if (!payload) throw fail('permanent', 'whatsapp_not_publishable');
      return send(payload, delivery.signal);
    },

    async sendConfirmation(confirmation: ConfirmationMessage): Promise<DeliveryReceipt> {
      checkAddress(confirmation.recipient);
      if (confirmation.code === null || !/^\d{4,8}$/.test(confirmation.code)) throw fail('permanent', 'whatsapp_no_code');
      return send(codeTemplateMessage(config, confirmation.recipient, confirmation.code, confirmation.idempotencyKey), confirmation.signal);
    },
  };
}
