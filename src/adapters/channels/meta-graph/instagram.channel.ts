/**
 * The DGSN Instagram account as a broadcast channel: each version is one image post of the Arabic
 * square poster (Meta fetches it from `message.posterUrl`, so the site must serve it publicly) with a
 * caption of at most 2,200 characters from the public view. See instagram-publish.ts for the quota
 * check, the container and the polling.
 *
 * Retracting: the Instagram Graph API offers no deletion of published media, so a Cancel ('retract')
 * cannot take the appeal down. It publishes the closing card instead: for a Cancel the message's posters
 * ARE the found card (or the neutral "alert ended" card), with a caption saying "found — thank you" (or
 * "this alert has ended") in Arabic and French, and no name and no photo. An alert that never reached
 * the account (no earlier reference) gets no closing post. The earlier posts stay up; officers who need
 * them gone archive or delete them in the Instagram app.
 *
 * @example
 *   const instagram = createInstagramChannel({ ...config.channels.instagram, graph: config.channels.graph }, { timeoutMs: config.channels.timeoutMs });
 */
import type { ChannelAdapter, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { alertCaption, closingCaption, IG_CAPTION_MAX } from './graph-caption.ts';
import { createGraphClient, type GraphClientOptions } from './graph-client.ts';
import { checkQuota, publishImage } from './instagram-publish.ts';

export type InstagramChannelConfig = NonNullable<ChannelsConfig['instagram']> & { readonly graph: ChannelsConfig['graph'] };

export interface InstagramChannelOptions extends GraphClientOptions {
  /** Wait between container status reads (default 1 s; images are usually ready at once). */
  readonly pollIntervalMs?: number;
  /** Status reads before the attempt is given up as transient (default 20). */
  readonly maxPolls?: number;
}

export function createInstagramChannel(config: InstagramChannelConfig, options: InstagramChannelOptions = {}): ChannelAdapter {
  const graph = createGraphClient({ baseUrl: config.graph.baseUrl, version: config.graph.version, token: config.token }, options);
  const poll = { intervalMs: options.pollIntervalMs ?? 1000, maxPolls: options.maxPolls ?? 20 };

  async function post(delivery: Delivery, caption: string): Promise<DeliveryReceipt> {
    await checkQuota(graph, config.userId, delivery.signal);
    const imageUrl = delivery.message.posterUrl('ar-MA', 'square');
    return { providerRef: await publishImage(graph, config.userId, { imageUrl, caption }, delivery.signal, poll) };
  }

  return {
    channel: 'instagram',
    targets: () => ['account'],
    async deliver(delivery) {
      const { message } = delivery;
      switch (message.action) {
        case 'publish':
          return post(delivery, alertCaption(message, IG_CAPTION_MAX));
        case 'retract': {
          if (delivery.previousRefs.length === 0) return { providerRef: null };
          const outcome = message.view.state === 'ended' ? message.view.outcome : 'withdrawn';
          return post(delivery, closingCaption(message, outcome));
        }
      }
    },
  };
}
