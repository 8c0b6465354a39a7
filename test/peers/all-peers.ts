/**
 * Every provider peer at once, for the tests that run an alert through all channels (Graph for Facebook
 * and Instagram, WhatsApp, SMPP, SMTP, Web Push, a partner webhook and the Meta partner hand-off), with
 * the environment that points Tifli at them.
 *
 * @example
 *   const peers = await startAllPeers({ partnerSecret: 'partner-secret-0123456789' });
 *   t = await createTestContext({ env: { ...peers.env, TRUST_PROXY: 'false' } });
 *   …
 *   await peers.close();
 */
import webpush from 'web-push';
import { startGraphPeer, type GraphPeer } from './graph-peer.ts';
import { startHttpRecorder, type HttpRecorder } from './http-recorder.ts';
import { startSmppPeer, type SmppPeer } from './smpp-peer.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { startWebPushPeer, type WebPushPeer } from './webpush-peer.ts';
import { startWhatsAppPeer, type WhatsAppPeer, whatsappEnv } from './whatsapp-peer.ts';

export interface AllPeers {
  readonly graph: GraphPeer;
  readonly whatsapp: WhatsAppPeer;
  readonly smpp: SmppPeer;
  readonly smtp: SmtpPeer;
  readonly push: WebPushPeer;
  /** Receives the partner webhook ('press', at /hook). */
  readonly partner: HttpRecorder;
  /** Receives the Meta partner hand-off (at /handoff). */
  readonly meta: HttpRecorder;
  /** Every channel configured against the peers, and the police-notice address. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startAllPeers(options: { readonly partnerSecret: string }): Promise<AllPeers> {
  const [graph, whatsapp, smpp, smtp, push, partner, meta] = await Promise.all([
    startGraphPeer(),
    startWhatsAppPeer({ pairRateMs: 0 }),
    startSmppPeer(),
    startSmtpPeer(),
    startWebPushPeer(),
    startHttpRecorder(),
    startHttpRecorder(),
  ]);
  const vapid = webpush.generateVAPIDKeys();
  const env = {
    GRAPH_BASE_URL: graph.url,
    FACEBOOK_PAGE_ID: graph.pageId,
    FACEBOOK_PAGE_TOKEN: 'test-graph-token',
    INSTAGRAM_USER_ID: graph.igUserId,
    ...whatsappEnv(whatsapp, 'verify-token-123'),
    SMPP_URL: smpp.url,
    SMPP_SYSTEM_ID: 'tifli',
    SMPP_PASSWORD: 'secret12',
    SMTP_URL: smtp.url,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:alertes@tifli.test',
    PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: `${partner.url}/hook`, secret: options.partnerSecret }]),
    META_PARTNER_URL: `${meta.url}/handoff`,
    META_PARTNER_TOKEN: 'meta-token-0123',
    POLICE_NOTICE_EMAIL: 'unites@police.test',
  };
  return {
    graph,
    whatsapp,
    smpp,
    smtp,
    push,
    partner,
    meta,
    env,
    async close() {
      await Promise.all([graph.close(), whatsapp.close(), smpp.close(), smtp.close(), push.close(), partner.close(), meta.close()]);
    },
  };
}
