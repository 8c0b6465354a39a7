/**
 * The DGSN Facebook Page as a broadcast channel. Each version is one photo post (Graph
 * `POST /{page-id}/photos`, multipart): the Arabic square poster as `source` and the caption composed
 * from the public view as `message`; the post id is the delivery's provider reference. A Cancel
 * ('retract') deletes every earlier post of the alert (`DELETE /{post-id}`), so no stale appeal for a
 * found child stays on the Page; a post already gone (Graph 100/33, HTTP 404) counts as deleted, which
 * makes a retried retract safe.
 *
 * Graph has no idempotency key for Page posts: a retry after a lost answer can post twice, and the
 * Cancel then deletes only the post whose id was recorded.
 *
 * @example
 *   const facebook = createFacebookChannel({ ...config.channels.facebook, graph: config.channels.graph }, { timeoutMs: config.channels.timeoutMs });
 *   await facebook.deliver({ idempotencyKey, message, recipient: { key: 'page', … }, previousRefs: [], signal });
 */
import type { ChannelAdapter, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { alertCaption } from './graph-caption.ts';
import { createGraphClient, type GraphClientOptions } from './graph-client.ts';
import { GraphCallError, transportFailure } from './graph-errors.ts';

export type FacebookChannelConfig = NonNullable<ChannelsConfig['facebook']> & { readonly graph: ChannelsConfig['graph'] };

/** Graph says "does not exist" with code 100, subcode 33. */
const alreadyGone = (err: unknown): boolean =>
  err instanceof GraphCallError && (err.httpStatus === 404 || (err.graphCode === 100 && err.graphSubcode === 33));

export function createFacebookChannel(config: FacebookChannelConfig, options: GraphClientOptions = {}): ChannelAdapter {
  const graph = createGraphClient({ baseUrl: config.graph.baseUrl, version: config.graph.version, token: config.token }, options);

  async function publish({ message, signal }: Delivery): Promise<DeliveryReceipt> {
    const poster = await message.poster('ar-MA', 'square');
    const form = new FormData();
    form.set('message', alertCaption(message));
    form.set('published', 'true');
    form.set('source', new Blob([new Uint8Array(poster)], { type: 'image/jpeg' }), `${message.publicId}-v${message.version}.jpg`);
    const answer = await graph.call({ method: 'POST', path: [config.pageId, 'photos'], multipart: form, signal });
    const ref = typeof answer.post_id === 'string' ? answer.post_id : typeof answer.id === 'string' ? answer.id : null;
    if (ref === null) throw transportFailure('graph_bad_response');
    return { providerRef: ref };
  }

  async function retract({ previousRefs, signal }: Delivery): Promise<DeliveryReceipt> {
    for (const postId of new Set(previousRefs)) {
      try {
        await graph.call({ method: 'DELETE', path: [postId], signal });
      } catch (err) {
        if (!alreadyGone(err)) throw err;
      }
    }
    return { providerRef: null };
  }

  return {
    channel: 'facebook',
    targets: () => ['page'],
    async deliver(delivery) {
      switch (delivery.message.action) {
        case 'publish':
          return publish(delivery);
        case 'retract':
          return retract(delivery);
      }
    },
  };
}
