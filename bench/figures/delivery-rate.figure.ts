/**
 * Distribution: the dispatcher holding a provider's throughput. One published alert, N active
 * WhatsApp subscribers inside its zone, the real pg-boss workers (`startWorkers`, as `tifli worker`
 * runs them) with CHANNEL_LIMITS whatsapp=80:16, then whatsapp=1000:64, on PostgreSQL, delivering
 * through the real WhatsApp adapter to the loopback Cloud API peer (test/peers/whatsapp-peer.ts),
 * which enforces the same number of messages per second as a token bucket (error 130429 beyond it)
 * and records every accepted message with its callback data (our idempotency key).
 *
 * Per limit: the accepted rate (accepted messages between the first and the last acceptance, at the
 * peer) against the peer's limit — the ratio is the share of the allowed throughput used —, how many
 * requests the peer refused (130429), duplicates (recipients accepted more than once) and losses
 * (subscribers inside the zone the peer never accepted a message for).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import type { ChannelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { startWhatsAppPeer } from '../../test/peers/whatsapp-peer.ts';
import { whatsappBenchEnv } from '../lib/whatsapp-bench-env.ts';
import { createBenchStaff, LAST_SEEN, prepareAlert } from '../lib/alert-chain.ts';
import { type FigureInput, type FigureModule, ratioAtLeast, type Target } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { insertActiveSubscribers } from '../lib/synthetic-subscribers.ts';

interface Round {
  /** Messages per second, at the peer and in CHANNEL_LIMITS. */
  readonly rate: number;
  readonly concurrency: number;
  readonly subscribers: number;
}

const none = (unit: string): Target => ({ on: 'value', op: '<=', bound: 0, unit });
/** "A handful" of refusals: the limiter may meet the bucket's edge a few times. */
const HANDFUL = 5;

const MASTER_KEYS = `b:${Buffer.alloc(32, 5).toString('base64')}`;

async function waitForDispatch(ctx: BootedContext, alertId: string, timeoutMs: number): Promise<{ status: string; total: number; sent: number; dead: number; id: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const d = await ctx.store.db.selectFrom('dispatches').select(['id', 'status', 'planned', 'total', 'sent', 'dead', 'skipped', 'deferred']).where('alert_id', '=', alertId).where('channel', '=', 'whatsapp').executeTakeFirst();
    if (d?.planned && d.total > 0 && d.sent + d.dead + d.skipped >= d.total) return d;
    if (Date.now() > until) throw new Error(`whatsapp dispatch not finished after ${timeoutMs} ms (${d ? `${d.status} ${d.sent}/${d.total}` : 'no dispatch'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(round: Round, scratch: ScratchDatabase, index: number, log: (line: string) => void): Promise<FigureInput[]> {
  const peer = await startWhatsAppPeer({ ratePerSecond: round.rate });
  const dir = await mkdtemp(path.join(tmpdir(), 'tifli-bench-rate-'));
  let ctx: BootedContext | undefined;
  let registry: ChannelRegistry | undefined;
  try {
    const config = loadConfig({
      ...whatsappBenchEnv({ masterKeys: MASTER_KEYS, databaseUrl: scratch.url, dataDir: dir, peer, verifyToken: 'bench-verify-token', logLevel: 'silent' }),
      CHANNEL_LIMITS: `whatsapp=${round.rate}:${round.concurrency}`,
    });
    ctx = await boot(config, { log: createLogger('silent') });
    // The previous round's subscribers leave the zone: each round's dispatch reaches its own N.
    await ctx.store.db.deleteFrom('subscription_cells').execute();
    const subscribers = Array.from({ length: round.subscribers }, (_, i) => ({ channel: 'whatsapp' as const, address: `+2126${String(10_000_000 + index * 1_000_000 + i)}` }));
    await insertActiveSubscribers(ctx.store.db, subscribers, LAST_SEEN);
    const pending = await prepareAlert(ctx, await createBenchStaff(ctx, `bench-rate-${index}`), index);
    registry = await startWorkers(ctx.queue.boss, ctx);
    const t0 = performance.now();
    await pending.approve();
    const d = await waitForDispatch(ctx, pending.alertId, ((round.subscribers / round.rate) * 3 + 30) * 1000);
    const elapsed = (performance.now() - t0) / 1000;

    const mine = peer.accepted.filter((m) => m.callbackData?.startsWith(`${d.id}.`));
    const perRecipient = new Map<string, number>();
    for (const m of mine) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].filter((c) => c > 1).length;
    const losses = subscribers.filter((s) => !perRecipient.has(s.address)).length;
    const refused = peer.requestCount() - peer.accepted.length;
    const times = mine.map((m) => m.at.getTime());
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    const rate = mine.length > 1 && spanS > 0 ? (mine.length - 1) / spanS : null;
    log(
      `${round.rate} msg/s: ${mine.length} accepted in ${spanS.toFixed(2)} s (${rate?.toFixed(1) ?? 'n/a'} msg/s), ${refused} refused, decision → dispatch sent ${elapsed.toFixed(1)} s, DB ${d.status} ${d.sent}/${d.total} (${d.dead} dead)`,
    );
    const key = `delivery-rate.whatsapp-${round.rate}`;
    const peerName = `WhatsApp Cloud API peer's limit (token bucket ${round.rate} msg/s, burst 1 s)`;
    const scale = `${round.subscribers.toLocaleString('en')} subscribers, CHANNEL_LIMITS whatsapp=${round.rate}:${round.concurrency}, pg-boss workers on PostgreSQL`;
    return [
      { name: `${key}.accepted-rate`, value: rate, unit: 'msg/s', peer: peerName, baseline: round.rate, target: ratioAtLeast(0.95), note: `${scale}; ${mine.length} accepted over ${spanS.toFixed(2)} s (first to last acceptance)` },
      { name: `${key}.refused-130429`, value: refused, unit: 'requests', peer: null, baseline: null, target: { on: 'value', op: '<=', bound: HANDFUL, unit: 'requests' }, note: 'requests the peer answered with an error (its token bucket: 130429)' },
      { name: `${key}.duplicates`, value: duplicates, unit: 'recipients', peer: null, baseline: null, target: none('recipients'), note: 'recipients with more than one accepted message' },
      { name: `${key}.losses`, value: losses, unit: 'recipients', peer: null, baseline: null, target: none('recipients'), note: `subscribers inside the zone without an accepted message; DB: ${d.sent} sent, ${d.dead} dead of ${d.total}` },
    ];
  } finally {
    await ctx?.close();
    await registry?.close();
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const deliveryRateFigure: FigureModule = {
  name: 'delivery-rate',
  description: 'one dispatch to N WhatsApp subscribers through the pg-boss workers (PostgreSQL) against the Cloud API peer enforcing 80 then 1,000 msg/s: accepted rate vs limit, refusals, duplicates, losses',
  async run(opts) {
    const rounds: Round[] = opts.quick
      ? [
          { rate: 80, concurrency: 16, subscribers: 400 },
          { rate: 1000, concurrency: 64, subscribers: 3000 },
        ]
      : [
          { rate: 80, concurrency: 16, subscribers: 2400 },
          { rate: 1000, concurrency: 64, subscribers: 20_000 },
        ];
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) {
      opts.log(`${unavailable}; figure not measured`);
      return rounds.map((r) => ({ name: `delivery-rate.whatsapp-${r.rate}.accepted-rate`, value: null, unit: 'msg/s', peer: null, baseline: r.rate, target: ratioAtLeast(0.95), note: unavailable }));
    }
    const scratch = await createScratchDatabase(opts.postgresUrl);
    try {
      const figures: FigureInput[] = [];
      for (const [i, r] of rounds.entries()) figures.push(...(await measure(r, scratch, i + 1, opts.log)));
      return figures;
    } finally {
      await scratch.drop();
    }
  },
};
