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
 *
 * Where the time goes: after each alert, pg-boss's own timestamps of its planning and delivery jobs
 * give each channel's milestones (planning starts and is done, delivery starts and is done, the
 * dispatch seen 'sent'); their medians per channel are printed at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
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
/** The slowest channels' rate (one call a second, DEFAULT_CHANNEL_LIMITS), with a margin. */
const GRAPH_INTERVAL_MS = 1_100;
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

/** Seconds from the decision to each step of one channel's way out (pg-boss's job timestamps). */
interface Stages {
  readonly planStarted: number;
  readonly planDone: number;
  readonly deliverStarted: number;
  readonly deliverDone: number;
  readonly sentSeen: number;
}

/**
 * The moments shown, from the decision. Moments rather than lengths: pg-boss marks a planning job
 * completed after its handler's commit, by when the delivery job it queued may already be running.
 */
const MOMENTS = ['planning starts', 'planning done', 'delivery starts', 'delivery done', "'sent' seen"] as const;
const momentsOf = (s: Stages): readonly number[] => [s.planStarted, s.planDone, s.deliverStarted, s.deliverDone, s.sentSeen];

/**
 * The planning job and the first delivery job of each of the alert's dispatches, from pg-boss's table
 * (its clock is the database's, the same machine's as `decidedAtMs`). A channel planned inline (no
 * delivery job) is left out.
 */
async function stagesOf(ctx: BootedContext, alertId: string, decidedAtMs: number, watch: DispatchWatch): Promise<Map<string, Stages>> {
  const { rows } = await sql<{ channel: string; kind: string; started: Date | null; done: Date | null }>`
    SELECT d.channel, CASE WHEN j.name = 'dispatch.plan' THEN 'plan' ELSE 'deliver' END AS kind, min(j.started_on) AS started, min(j.completed_on) AS done
      FROM dispatches d JOIN pgboss.job j ON j.data->>'dispatchId' = d.id::text
     WHERE d.alert_id = ${alertId} AND d.version = 1
     GROUP BY 1, 2`.execute(ctx.store.db);
  const at = (d: Date | null | undefined) => (d ? (d.getTime() - decidedAtMs) / 1000 : undefined);
  const out = new Map<string, Stages>();
  for (const [channel, sentSeen] of watch.byChannel) {
    const plan = rows.find((r) => r.channel === channel && r.kind === 'plan');
    const deliver = rows.find((r) => r.channel === channel && r.kind === 'deliver');
    const s = [at(plan?.started), at(plan?.done), at(deliver?.started), at(deliver?.done)];
    const [planStarted, planDone, deliverStarted, deliverDone] = s;
    if (planStarted === undefined || planDone === undefined || deliverStarted === undefined || deliverDone === undefined) continue;
    out.set(channel, { planStarted, planDone, deliverStarted, deliverDone, sentSeen });
  }
  return out;
}

/** Per channel, the median of each moment over the counted alerts, slowest channel first. */
function stageTable(all: readonly Map<string, Stages>[]): string {
  const channels = [...new Set(all.flatMap((m) => [...m.keys()]))];
  const rows = channels.map((c) => {
    const moments = all.flatMap((m) => {
      const s = m.get(c);
      return s ? [momentsOf(s)] : [];
    });
    return { c, medians: MOMENTS.map((_, i) => percentile(moments.map((l) => l[i] ?? 0), 50)) };
  });
  rows.sort((a, b) => (b.medians.at(-1) ?? 0) - (a.medians.at(-1) ?? 0));
  const ms = (v: number) => `${Math.round(v * 1000)}`;
  return [`channel | ${MOMENTS.join(' | ')} (median ms after the decision)`, ...rows.map((r) => `${r.c} | ${r.medians.map(ms).join(' | ')}`)].join('\n');
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
      const stages: Map<string, Stages>[] = [];
      // Alert 0 warms the process (fonts, poster rendering, JIT) and is not counted.
      let lastSentAt = 0;
      for (let i = 0; i <= rounds; i++) {
        const pending = await prepareAlert(ctx, staff, i);
        // Facebook, Instagram and the Meta hand-off are held to one call a second (their providers'
        // limits): a decision inside that second after the previous alert's posts would measure the rate
        // limiter (delivery-rate does), not this alert's way out.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastSentAt + GRAPH_INTERVAL_MS - performance.now())));
        const before = snapshot(peers);
        const t0 = performance.now();
        const decidedAtMs = Date.now();
        await pending.approve();
        const watch = await waitForAllSent(ctx, pending.alertId, channels.length, t0, 30_000);
        lastSentAt = performance.now();
        const missing = confirm(peers, before, subs, watch.whatsappDispatch);
        unconfirmed.push(...missing);
        const calls = await directCalls(ctx, direct, pending.alertId, i, recipients);
        const slowestDirect = [...calls.entries()].sort((a, b) => b[1] - a[1])[0];
        if (i > 0) {
          stages.push(await stagesOf(ctx, pending.alertId, decidedAtMs, watch));
          totals.push(watch.total);
          providers.push(slowestDirect?.[1] ?? 0);
        }
        opts.log(
          `${i === 0 ? 'warm-up alert' : `alert ${i}/${rounds}`}: all ${channels.length} dispatches sent in ${watch.total.toFixed(3)} s (${[...watch.byChannel.entries()].sort((a, b) => a[1] - b[1]).map(([c, t]) => `${c} ${t.toFixed(2)}`).join(', ')}); providers directly: slowest ${slowestDirect?.[0]} ${slowestDirect?.[1].toFixed(3)} s${missing.length ? `; UNCONFIRMED: ${missing.join('; ')}` : '; confirmed by every peer'}`,
        );
      }
      opts.log(`where the time goes, per channel:\n${stageTable(stages)}`);
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
