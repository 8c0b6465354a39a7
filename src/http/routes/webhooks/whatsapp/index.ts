/**
 * Meta's WhatsApp webhooks: `GET /webhooks/whatsapp` answers the subscription handshake, `POST
 * /webhooks/whatsapp` receives message statuses and inbound messages. Public routes: Meta's signature
 * (`X-Hub-Signature-256`, HMAC-SHA256 of the raw body under the app secret) is the authentication, so
 * this module keeps the raw bytes for application/json (its own content-type parser, in this plugin's
 * encapsulated context only; the rest of the application parses JSON as before).
 *
 * Meta retries a notification for days until it gets a 2xx, so old notifications are not refused as
 * replays; every effect is idempotent instead: a status only moves a delivery forward (any order, any
 * number of times), a STOP unsubscribes once and any other text message becomes one tip at most
 * (app/tips/whatsapp-tip.ts). A valid signed notification is answered 200 even when nothing in it
 * concerns us; a failure while recording answers 500 so that Meta sends it again.
 * Without WhatsApp configured (`config.channels.whatsapp` null) both routes answer 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../../app/context.ts';
import { type ProviderReceipt, recordProviderReceipts } from '../../../../app/distribution/provider-receipts.ts';
import { unsubscribeByAddress } from '../../../../app/subscriptions/unsubscribe.ts';
import { tipFromWhatsApp, type WhatsAppTipOutcome } from '../../../../app/tips/whatsapp-tip.ts';
import { WindowCounters } from '../../tips/intake-limits.ts';
import { isStopRequest, parseWebhook, verifyHandshake, verifySignature, type WhatsAppEvent } from '../../../../adapters/channels/whatsapp/whatsapp-webhook.ts';
import { AppError } from '../../../../domain/errors.ts';
import { HandshakeQuery, HandshakeResponse, NotificationResponse } from './schema.ts';

interface Outcome {
  statuses: number;
  moved: number;
  messages: number;
  stops: number;
  unsubscribed: number;
  /** Tip intake outcomes, counted (never the number, text or id). */
  tips: Record<WhatsAppTipOutcome | 'sender_over_limit', number>;
}

/**
 * Tips one WhatsApp sender may file per window. People often send a sighting in several short messages;
 * beyond this a number is flooding, and its further messages are acknowledged without becoming tips.
 * Counted in this process's memory, never stored.
 */
export const WHATSAPP_TIPS_PER_SENDER = { max: 30, windowMs: 10 * 60_000 } as const;

async function processEvents(ctx: AppContext, events: readonly WhatsAppEvent[], senders: WindowCounters): Promise<Outcome> {
  const outcome: Outcome = { statuses: 0, moved: 0, messages: 0, stops: 0, unsubscribed: 0, tips: { stored: 0, duplicate: 0, no_alert: 0, alert_not_active: 0, empty: 0, sender_over_limit: 0 } };
  // Statuses, all at once: found by wamid; a status for a wamid we never stored (a worker killed between
  // Meta's answer and our commit) is found by our idempotency key, echoed as callback data, and settles
  // that claim. One notification can carry a hundred; one statement records them.
  const receipts: ProviderReceipt[] = [];
  for (const event of events) {
    if (event.kind === 'status') receipts.push({ channel: 'whatsapp', providerRef: event.wamid, status: event.status, errorCode: event.errorCode ?? null, idempotencyKey: event.callbackData ?? null });
  }
  outcome.statuses = receipts.length;
  outcome.moved = await recordProviderReceipts(ctx, 'whatsapp', receipts);
  for (const event of events) {
    switch (event.kind) {
      case 'status':
        break;
      case 'message':
        outcome.messages += 1;
        if (isStopRequest(event.text)) {
          outcome.stops += 1;
          if (await unsubscribeByAddress(ctx, 'whatsapp', event.from)) outcome.unsubscribed += 1;
          break;
        }
        // Any other text is a tip on the alert it answers (the replied-to wamid, else the latest alert
        // sent to this number), at most one per message id since Meta may deliver it more than once.
        // Messages without text (media, reactions) and those matching no active alert are acknowledged.
        if (event.text !== undefined) {
          if (senders.hit(event.from, ctx.clock.now().getTime()).count > WHATSAPP_TIPS_PER_SENDER.max) {
            outcome.tips.sender_over_limit += 1;
            break;
          }
          const tip = await tipFromWhatsApp(ctx, { id: event.id, from: event.from, text: event.text, ...(event.replyTo !== undefined ? { replyTo: event.replyTo } : {}) });
          outcome.tips[tip] += 1;
        }
        break;
    }
  }
  return outcome;
}

export const whatsappWebhookRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Raw bytes for the signature: only JSON is accepted here, kept as a Buffer and parsed after the check.
  const senders = new WindowCounters(WHATSAPP_TIPS_PER_SENDER.windowMs);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const whatsapp = () => {
    const config = ctx.config.channels.whatsapp;
    if (!config) throw new AppError('not_found', 'WhatsApp is not configured on this server.');
    return config;
  };

  app.get('/webhooks/whatsapp', {
    schema: { tags: ['webhooks'], summary: 'WhatsApp webhook subscription handshake (Meta)', querystring: HandshakeQuery, response: { 200: HandshakeResponse } },
  }, async (request, reply) => {
    const challenge = verifyHandshake(request.query, whatsapp().verifyToken);
    if (challenge === null) throw new AppError('forbidden', 'The verification request does not match this server.');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(challenge);
  });

  app.post('/webhooks/whatsapp', {
    schema: { tags: ['webhooks'], summary: 'WhatsApp message statuses and inbound messages (Meta, signed)', response: { 200: NotificationResponse } },
  }, async (request, reply) => {
    const config = whatsapp();
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = request.headers['x-hub-signature-256'];
    if (!verifySignature(raw, typeof header === 'string' ? header : undefined, config.appSecret)) {
      throw new AppError('signature_invalid', 'X-Hub-Signature-256 is missing or does not match the body.');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('malformed_body', 'The body is not JSON.');
    }
    const parsed = parseWebhook(json);
    if (!parsed.ok) throw new AppError('validation_failed', 'The body is not a WhatsApp Business Account notification.', { errors: [{ field: `body${parsed.path}`, message: parsed.problem }] });
    const outcome = await processEvents(ctx, parsed.events, senders);
    // Counts only: wamids, numbers and texts stay out of the logs.
    request.log.info({ whatsapp: outcome }, 'whatsapp notification');
    return reply.header('cache-control', 'no-store').send({ received: parsed.events.length });
  });
};
