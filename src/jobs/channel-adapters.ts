/**
 * The composition root of distribution: one adapter per configured channel, wired to the use cases
 * their providers call back into (SMS delivery receipts, STOP replies). Built once per worker process.
 *
 * @example
 *   const registry = await buildChannelRegistry(ctx);
 *   await registerDistributionJobs(ctx.queue.boss, ctx, registry);
 */
import type { AppContext } from '../app/context.ts';
import type { ChannelAdapter } from '../app/distribution/channel-port.ts';
import { type ChannelRegistry, channelRegistry } from '../app/distribution/channel-registry.ts';
import { recordProviderReceipt } from '../app/distribution/provider-receipts.ts';
import { unsubscribeByAddress, unsubscribeUrl } from '../app/subscriptions/unsubscribe.ts';
import { isStopRequest } from '../adapters/channels/whatsapp/whatsapp-webhook.ts';
import { createFacebookChannel } from '../adapters/channels/meta-graph/facebook.channel.ts';
import { createInstagramChannel } from '../adapters/channels/meta-graph/instagram.channel.ts';
import { createWhatsAppChannel } from '../adapters/channels/whatsapp/whatsapp.channel.ts';
import { createSmsChannel } from '../adapters/channels/sms/sms.channel.ts';
import { createMailer, type Mailer } from '../adapters/channels/email/mailer.ts';
import { createEmailChannel } from '../adapters/channels/email/email.channel.ts';
import { createWebPushChannel } from '../adapters/channels/webpush/webpush.channel.ts';
import { createWebhookChannel } from '../adapters/channels/webhook/webhook.channel.ts';
import { createMetaPartnerChannel } from '../adapters/channels/meta-partner/meta-partner.channel.ts';
import { createPoliceNoticeChannel } from '../adapters/channels/police-notice/police-notice.channel.ts';
import { listPoliceUnitCodes } from '../store/repositories/police-notices.repository.ts';

export async function buildChannelRegistry(ctx: AppContext): Promise<ChannelRegistry> {
  const c = ctx.config.channels;
  const timeout = { timeoutMs: c.timeoutMs };
  const adapters: ChannelAdapter[] = [];
  let mailer: Mailer | null = null;
  if (c.facebook) adapters.push(createFacebookChannel({ ...c.facebook, graph: c.graph }, timeout));
  if (c.instagram) adapters.push(createInstagramChannel({ ...c.instagram, graph: c.graph }, timeout));
  if (c.whatsapp) adapters.push(createWhatsAppChannel(c.whatsapp, c.graph.version, { ...timeout, clock: ctx.clock }));
  if (c.smpp) {
    adapters.push(
      createSmsChannel(c.smpp, {
        onReceipt: async (r) => {
          await recordProviderReceipt(ctx, { channel: 'sms', providerRef: r.providerRef, status: r.status, errorCode: r.errorCode ?? null });
        },
        onInbound: async (m) => {
          if (isStopRequest(m.text)) await unsubscribeByAddress(ctx, 'sms', m.from);
        },
      }),
    );
  }
  if (c.smtp) {
    mailer = createMailer(c.smtp);
    adapters.push(createEmailChannel(c.smtp, mailer));
  }
  if (c.webpush) adapters.push(createWebPushChannel(c.webpush, { clock: ctx.clock, allowLoopback: ctx.config.webPushAllowLoopback }));
  if (c.partners.length) adapters.push(createWebhookChannel(c.partners, { clock: ctx.clock }));
  if (c.metaPartner) adapters.push(createMetaPartnerChannel(c.metaPartner, { clock: ctx.clock }));
  adapters.push(
    await createPoliceNoticeChannel({
      listUnits: () => listPoliceUnitCodes(ctx.store.db),
      store: ctx.store,
      clock: ctx.clock,
      mailer,
      noticeEmail: c.policeNoticeEmail,
      mailFrom: c.smtp?.from ?? null,
    }),
  );
  const registry = channelRegistry(c, adapters, (id) => unsubscribeUrl(ctx, id));
  return {
    ...registry,
    async close() {
      await registry.close();
      await mailer?.close();
    },
  };
}
