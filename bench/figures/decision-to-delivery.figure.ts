/**
 * Distribution: from the last decision (the prosecutor's approval) to every channel's delivery
 * accepted by its provider, with every channel on against its loopback peer (test/peers: Graph for
 * Facebook and Instagram, the WhatsApp Cloud API, an SMSC, an SMTP server, a Web Push service, and
 * an HTTP recorder for the partner webhook and the Meta hand-off; the police notice is in-app plus a
 * mail to the units' list), a few subscribers per fan-out channel inside the zone, and the pg-boss
 * workers as `tifli serve` runs them (default polling, every second), on PostgreSQL.
 *
 * The clock stops when every dispatch of the version is 'sent' in the database, and each alert is
 * then confirmed in the peers' own records (what each peer accepted since the alert started). A
 * first alert warms the process (fonts, poster rendering, JIT) and is not counted.
 *
 * Peer (baseline): the providers' own latency. After each alert, one direct `deliver()` per
 * channel with a provider, through the same adapters (built by the same factory as the workers'),
 * to the same peers, all at once as the workers send them — no queue, no planning, no database;
 * the alert's baseline is the slowest channel's call (channels go out in parallel, so the slowest
 * one bounds the delivery). The ratio is then the platform's overhead factor. The police notice has
 * no provider of its own (its mail goes through the same SMTP peer) and is not in the baseline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webpush from 'web-push';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import type { ChannelAdapter, Recipient } from '../../src/app/distribution/channel-port.ts';
import type { ChannelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { enabledChannels } from '../../src/app/distribution/enabled-channels.ts';
import { outboundAlert } from '../../src/app/distribution/outbound-alert.ts';
import { loadConfig } from '../../src/config/config.ts';
import { CHANNELS, type ChannelName } from '../../src/domain/distribution/channels.ts';
import { buildChannelRegistry } from '../../src/jobs/channel-adapters.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { startGraphPeer } from '../../test/peers/graph-peer.ts';
import { startHttpRecorder } from '../../test/peers/http-recorder.ts';
import { startSmppPeer } from '../../test/peers/smpp-peer.ts';
import { startSmtpPeer } from '../../test/peers/smtp-peer.ts';
import { startWebPushPeer } from '../../test/peers/webpush-peer.ts';
import { startWhatsAppPeer, whatsappEnv } from '../../test/peers/whatsapp-peer.ts';
import { createBenchStaff, LAST_SEEN, prepareAlert } from '../lib/alert-chain.ts';
import { below, type FigureModule } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';
import { type BenchSubscriber, insertActiveSubscribers } from '../lib/synthetic-subscribers.ts';

const PER_CHANNEL = 3;
const GRAPH_TOKEN = 'bench-graph-page-token';
const POLICE_MAIL = 'notices@police.bench.test';
const MASTER_KEYS = `b:${Buffer.alloc(32, 5).toString('base64')}`;

type Peers = Awaited<ReturnType<typeof startPeers>>;

async function startPeers() {
  const started: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(p: T): T => {
    started.push(p);
    return p;
  };
  try {
    const graph = keep(await startGraphPeer({ tokens: [GRAPH_TOKEN] }));
    // Alerts here come seconds apart to the same numbers: the pair rate (one per 6 s) is off.
    const whatsapp = keep(await startWhatsAppPeer({ pairRateMs: 0 }));
    const smpp = keep(await startSmppPeer({ systemId: 'tifli', password: 'bench123' }));
    const smtp = keep(await startSmtpPeer());
    const push = keep(await startWebPushPeer());
    const http = keep(await startHttpRecorder());
    return { graph, whatsapp, smpp, smtp, push, http, close: () => Promise.all(started.map((p) => p.close())).then(() => undefined) };
  } catch (err) {
    await Promise.allSettled(started.map((p) => p.close()));
    throw err;
  }
}

/** How many records each peer holds, to count what one alert added. */
function snapshot(p: Peers) {
  return { graph: p.graph.requests.length, whatsapp: p.whatsapp.accepted.length, smpp: p.smpp.messages.length, smtp: p.smtp.messages.length, push: p.push.requests.length, http: p.http.requests.length };
}

/** What each channel's peer accepted for one alert; the list of shortfalls is empty when everything arrived. */
function confirm(p: Peers, before: ReturnType<typeof snapshot>, subs: Map<ChannelName, readonly BenchSubscriber[]>, whatsappDispatch: string): string[] {
  const missing: string[] = [];
  const graphNew = p.graph.requests.slice(before.graph).filter((r) => r.method === 'POST');
  if (!graphNew.some((r) => r.path.endsWith(`/${p.graph.pageId}/photos`))) missing.push('facebook: no photo post');
  if (!graphNew.some((r) => r.path.endsWith('/media_publish'))) missing.push('instagram: no media_publish');
  const wa = p.whatsapp.accepted.slice(before.whatsapp).filter((m) => m.callbackData?.startsWith(`${whatsappDispatch}.`));
  for (const s of subs.get('whatsapp') ?? []) if (wa.filter((m) => m.to === s.address).length !== 1) missing.push('whatsapp: a subscriber not reached exactly once');
  const sms = p.smpp.messages.slice(before.smpp);
  for (const s of subs.get('sms') ?? []) if (sms.filter((m) => m.destination === s.address.slice(1)).length !== 1) missing.push('sms: a subscriber not reached exactly once');
  const mails = p.smtp.messages.slice(before.smtp);
  for (const s of subs.get('email') ?? []) if (mails.filter((m) => m.envelope.to.includes(s.address)).length !== 1) missing.push('email: a subscriber not reached exactly once');
  if (!mails.some((m) => m.envelope.to.includes(POLICE_MAIL))) missing.push('police_notice: no mail to the units');
  const pushes = p.push.requests.slice(before.push).filter((r) => r.status === 201);
  for (const s of subs.get('webpush') ?? []) if (pushes.filter((r) => r.endpoint === s.address).length !== 1) missing.push('webpush: a subscriber not reached exactly once');
  const hooks = p.http.requests.slice(before.http);
  if (!hooks.some((r) => r.path.startsWith('/partner/press'))) missing.push('webhook: partner not called');
  if (!hooks.some((r) => r.path.startsWith('/meta'))) missing.push('meta_partner: hand-off not posted');
  return missing;
}

interface DispatchWatch {
  /** Seconds from the decision to every dispatch 'sent'. */
  readonly total: number;
  /** Seconds from the decision to each channel's dispatch 'sent'. */
  readonly byChannel: ReadonlyMap<string, number>;
  readonly whatsappDispatch: string;
}

async function waitForAllSent(ctx: BootedContext, alertId: string, expected: number, t0: number, timeoutMs: number): Promise<DispatchWatch> {
  const byChannel = new Map<string, number>();
  for (;;) {
    const rows = await ctx.store.db.selectFrom('dispatches').select(['id', 'channel', 'status']).where('alert_id', '=', alertId).where('version', '=', 1).execute();
    const now = (performance.now() - t0) / 1000;
    for (const r of rows) if (r.status === 'sent' && !byChannel.has(r.channel)) byChannel.set(r.channel, now);
    const bad = rows.find((r) => r.status === 'failed' || r.status === 'partially_failed');
    if (bad) throw new Error(`${bad.channel} dispatch ${bad.status}`);
    if (rows.length === expected && rows.every((r) => r.status === 'sent')) return { total: now, byChannel, whatsappDispatch: rows.find((r) => r.channel === 'whatsapp')?.id ?? '' };
    if (now * 1000 > timeoutMs) throw new Error(`not every dispatch sent after ${timeoutMs} ms: ${rows.map((r) => `${r.channel}=${r.status}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One direct call per provider channel, all at once; seconds each took. */
async function directCalls(ctx: BootedContext, registry: ChannelRegistry, alertId: string, round: number, recipients: Map<ChannelName, Recipient>): Promise<Map<ChannelName, number>> {
  const message = await outboundAlert(ctx, alertId, 1, 'publish');
  if (!message) throw new Error('no outbound message for the published version');
  const adapters: [ChannelName, ChannelAdapter][] = [];
  for (const c of CHANNELS) {
    const adapter = registry.adapter(c);
    if (adapter && c !== 'police_notice') adapters.push([c, adapter]);
  }
  const calls = adapters.map(async ([channel, adapter]) => {
    const target = adapter.targets?.()[0];
    const recipient = recipients.get(channel) ?? { key: target ?? channel, address: '', language: 'ar-MA' as const, unsubscribeUrl: null };
    const t0 = performance.now();
    await adapter.deliver({ idempotencyKey: `bench-direct-${round}-${channel}`, message, recipient, previousRefs: [], signal: AbortSignal.timeout(10_000) });
    return [channel, (performance.now() - t0) / 1000] as const;
  });
  return new Map(await Promise.all(calls));
}

export const decisionToDeliveryFigure: FigureModule = {
  name: 'decision-to-delivery',
  description: "last decision → every channel's delivery accepted by its loopback peer (all channels on, pg-boss workers, PostgreSQL), against the providers' own latency",
  async run(opts) {
    const rounds = opts.quick ? 3 : 12;
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) {
      opts.log(`${unavailable}; figure not measured`);
      return [{ name: 'decision-to-delivery.all-channels.p95', value: null, unit: 's', peer: null, baseline: null, target: below(2, 's'), note: unavailable }];
    }
    let scratch: ScratchDatabase | undefined;
    let peers: Peers | undefined;
    let ctx: BootedContext | undefined;
    let workers: ChannelRegistry | undefined;
    let direct: ChannelRegistry | undefined;
    const dir = await mkdtemp(path.join(tmpdir(), 'tifli-bench-d2d-'));
    try {
      scratch = await createScratchDatabase(opts.postgresUrl);
      peers = await startPeers();
      const vapid = webpush.generateVAPIDKeys();
      const config = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        MASTER_KEYS,
        PUBLIC_BASE_URL: 'http://bench.test',
        DATABASE_URL: scratch.url,
        GRAPH_BASE_URL: peers.graph.url,
        GRAPH_API_VERSION: peers.graph.version,
        FACEBOOK_PAGE_ID: peers.graph.pageId,
        FACEBOOK_PAGE_TOKEN: GRAPH_TOKEN,
        INSTAGRAM_USER_ID: peers.graph.igUserId,
        ...whatsappEnv(peers.whatsapp, 'bench-verify-token'),
        SMPP_URL: peers.smpp.url,
        SMPP_SYSTEM_ID: 'tifli',
        SMPP_PASSWORD: 'bench123',
        SMTP_URL: peers.smtp.url,
        POLICE_NOTICE_EMAIL: POLICE_MAIL,
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:bench@tifli.test',
        PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: `${peers.http.url}/partner/press`, secret: 'bench-partner-secret-0123' }]),
        META_PARTNER_URL: `${peers.http.url}/meta`,
        META_PARTNER_TOKEN: 'bench-meta-partner-token',
      });
      if (peers.graph.version !== peers.whatsapp.version) throw new Error('the Graph and WhatsApp peers pin different versions');
      ctx = await boot(config, { log: createLogger('silent') });
      const channels = enabledChannels(config.channels);
      if (channels.length !== CHANNELS.length) throw new Error(`channels off: ${CHANNELS.filter((c) => !channels.includes(c)).join(', ')}`);

      const subs = new Map<ChannelName, readonly BenchSubscriber[]>([
        ['webpush', Array.from({ length: PER_CHANNEL }, () => {
          const s = peers?.push.subscribe({ applicationServerKey: vapid.publicKey });
          if (!s) throw new Error('no push peer');
          return { channel: 'webpush' as const, address: s.endpoint, pushKeys: s.keys };
        })],
        ['email', Array.from({ length: PER_CHANNEL }, (_, i) => ({ channel: 'email' as const, address: `citizen-${i}@bench.test` }))],
        ['sms', Array.from({ length: PER_CHANNEL }, (_, i) => ({ channel: 'sms' as const, address: `+2126${String(20_000_000 + i)}` }))],
        ['whatsapp', Array.from({ length: PER_CHANNEL }, (_, i) => ({ channel: 'whatsapp' as const, address: `+2127${String(30_000_000 + i)}` }))],
      ]);
      const recipients = new Map<ChannelName, Recipient>();
      for (const [channel, list] of subs) {
        const ids = await insertActiveSubscribers(ctx.store.db, list, LAST_SEEN);
        const first = list[0];
        if (first && ids[0]) recipients.set(channel, { key: ids[0], address: first.address, language: 'fr-MA', ...(first.pushKeys ? { pushKeys: first.pushKeys } : {}), unsubscribeUrl: `http://bench.test/unsubscribe?t=${ids[0]}` });
      }
      const units = (await ctx.store.db.selectFrom('jurisdictions').select('code').where('level', '=', 'unit').execute()).length;
      const staff = await createBenchStaff(ctx, 'bench-d2d');
      workers = await startWorkers(ctx.queue.boss, ctx);
      direct = await buildChannelRegistry(ctx);

      const totals: number[] = [];
      const providers: number[] = [];
      const unconfirmed: string[] = [];
      // Alert 0 warms the process (fonts, poster rendering, JIT) and is not counted.
      for (let i = 0; i <= rounds; i++) {
        const pending = await prepareAlert(ctx, staff, i);
        const before = snapshot(peers);
        const t0 = performance.now();
        await pending.approve();
        const watch = await waitForAllSent(ctx, pending.alertId, channels.length, t0, 30_000);
        const missing = confirm(peers, before, subs, watch.whatsappDispatch);
        unconfirmed.push(...missing);
        const calls = await directCalls(ctx, direct, pending.alertId, i, recipients);
        const slowestDirect = [...calls.entries()].sort((a, b) => b[1] - a[1])[0];
        if (i > 0) {
          totals.push(watch.total);
          providers.push(slowestDirect?.[1] ?? 0);
        }
        opts.log(
          `${i === 0 ? 'warm-up alert' : `alert ${i}/${rounds}`}: all ${channels.length} dispatches sent in ${watch.total.toFixed(3)} s (${[...watch.byChannel.entries()].sort((a, b) => a[1] - b[1]).map(([c, t]) => `${c} ${t.toFixed(2)}`).join(', ')}); providers directly: slowest ${slowestDirect?.[0]} ${slowestDirect?.[1].toFixed(3)} s${missing.length ? `; UNCONFIRMED: ${missing.join('; ')}` : '; confirmed by every peer'}`,
        );
      }
      const note = `${rounds} alerts after a warm-up one, ${channels.length} channels, ${PER_CHANNEL} subscribers per fan-out channel, police notice to ${units} units + the units' mail list; workers with default polling (1 s); ${unconfirmed.length ? `NOT confirmed by the peers: ${[...new Set(unconfirmed)].join('; ')}` : 'every delivery confirmed in the peers’ records'}`;
      const peer = "providers' own latency: one direct adapter call per channel to the same peers, all at once, no queue or database (slowest channel per alert)";
      return [
        { name: 'decision-to-delivery.all-channels.p95', value: percentile(totals, 95), unit: 's', peer, baseline: percentile(providers, 95), target: below(2, 's'), note },
        { name: 'decision-to-delivery.all-channels.median', value: percentile(totals, 50), unit: 's', peer, baseline: percentile(providers, 50), target: null },
      ];
    } finally {
      await ctx?.close();
      await workers?.close();
      await direct?.close();
      await peers?.close();
      await scratch?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
