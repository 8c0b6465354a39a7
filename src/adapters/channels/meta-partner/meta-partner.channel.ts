/**
 * The hand-off to Meta's partner team (broadcast channel 'meta_partner', one target: 'meta'). Meta's
 * AMBER product has no public ingestion API, so the partnership agrees on an HTTPS endpoint that takes,
 * per version, one multipart/form-data POST (Bearer token) with:
 *
 *   cap                      the version's CAP 1.2 document (application/cap+xml)
 *   poster_<lang>_<format>   the JPEG poster, lang ∈ ar-MA fr-MA zgh-Tfng, format ∈ square story og
 *                            (9 posters; for a Cancel these are the "found"/ended cards)
 *
 * and the headers X-Tifli-Event (alert|update|cancel) and X-Tifli-Event-Id (the idempotency key, the
 * same on every retry). A payload over META_PARTNER_MAX_BYTES (20 MiB) is refused before anything is
 * sent (permanent `meta_partner_too_large`): posters are ≤ 300 KiB each, so only a rendering fault gets
 * there. Answers map like the webhooks' (webhook/partner-http.ts) with the prefix `meta_partner_`;
 * the provider reference is the `id` of a JSON answer when Meta gives one, the event id otherwise.
 *
 * @example
 *   const meta = ctx.config.channels.metaPartner && createMetaPartnerChannel(ctx.config.channels.metaPartner, { clock: ctx.clock });
 */
import type { ChannelAdapter, Delivery, DeliveryReceipt, PosterFormat } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { ALERT_LANGUAGES } from '../../../domain/alert-text/alert-languages.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import type { Clock } from '../../../platform/clock.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, partnerPost, throwOnFailure } from '../webhook/partner-http.ts';
import { webhookEvent } from '../webhook/webhook.channel.ts';
import { type FilePart, multipartBody } from './multipart.ts';

/** The largest hand-off we send: well under common upload limits, far above 9 posters and a CAP file. */
export const META_PARTNER_MAX_BYTES = 20 * 1024 * 1024;
export const META_PARTNER_FORMATS = ['square', 'story', 'og'] as const satisfies readonly PosterFormat[];
const TARGET = 'meta';

export interface MetaPartnerOptions {
  readonly clock: Clock;
  /** Payload cap in bytes (default META_PARTNER_MAX_BYTES). */
  readonly maxBytes?: number;
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
}

/** The `id` of a JSON acknowledgement, if it is a short plain string. */
function acknowledgedId(body: Buffer): string | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === 'string' && /^[\w.:-]{1,200}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export function createMetaPartnerChannel(config: NonNullable<ChannelsConfig['metaPartner']>, options: MetaPartnerOptions): ChannelAdapter {
  const maxBytes = options.maxBytes ?? META_PARTNER_MAX_BYTES;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    channel: 'meta_partner',
    targets: () => [TARGET],
    async deliver(delivery: Delivery): Promise<DeliveryReceipt> {
      if (delivery.recipient.key !== TARGET) throw new DeliveryError({ kind: 'permanent', code: 'meta_partner_unknown_target' });
      const { message } = delivery;
      const parts: FilePart[] = [{ name: 'cap', filename: `${message.publicId}-v${message.version}.cap.xml`, contentType: 'application/cap+xml; charset=utf-8', data: Buffer.from(message.capXml, 'utf8') }];
      // Rendered side by side (sharp works on its own threads); the part order stays fixed.
      const wanted = ALERT_LANGUAGES.flatMap((lang) => META_PARTNER_FORMATS.map((format) => ({ lang, format, name: `poster_${lang}_${format}` })));
      const images = await Promise.all(wanted.map((w) => message.poster(w.lang, w.format)));
      wanted.forEach((w, i) => parts.push({ name: w.name, filename: `${w.name}.jpg`, contentType: 'image/jpeg', data: images[i] ?? Buffer.alloc(0) }));
      const tooLarge = new DeliveryError({ kind: 'permanent', code: 'meta_partner_too_large' });
      // The parts alone already too large: refuse before assembling a second copy of them.
      if (parts.reduce((n, p) => n + p.data.length, 0) > maxBytes) throw tooLarge;
      const { body, contentType } = multipartBody(parts);
      if (body.length > maxBytes) throw tooLarge;

      const answer = await partnerPost({
        url: config.url,
        headers: {
          authorization: `Bearer ${config.token}`,
          'content-type': contentType,
          'user-agent': options.userAgent ?? 'Tifli-Meta-Handoff',
          'x-tifli-event': webhookEvent(message.msgType),
          'x-tifli-event-id': delivery.idempotencyKey,
        },
        body,
        signal: delivery.signal,
        prefix: 'meta_partner',
        maxResponseBytes,
      });
      throwOnFailure('meta_partner', answer, options.clock.now());
      return { providerRef: acknowledgedId(answer.body) ?? delivery.idempotencyKey };
    },
  };
}
