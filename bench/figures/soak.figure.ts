/**
 * Soak (issue #9, point 3), only with `--soak`: SOAK_MINUTES (default 10; 2 with --quick) of steady
 * work on PostgreSQL with the server and a worker as their own processes (`tifli serve`, `tifli
 * worker`): a new case decided and published every 30 s and ended six minutes later (retraction),
 * its zone grown once meanwhile (a new version, ZONE_STEP_MINUTES=5), every alert fanned out on WhatsApp to the
 * subscribers around Rabat through the loopback peer, tips posted through the API and public alert
 * pages read all along. Every 10 s each process's resident memory is read from /proc.
 *
 * The work grows for the first six minutes (an alert lives six minutes, one starts every 30 s), then
 * holds steady: twelve alerts live, one published and one ended every 30 s. Stability is judged in
 * that steady phase; comparing its last minute with the second minute of the run would compare two
 * alerts' load with twelve's.
 *
 * Figures: each process's peak RSS (target < 400 MB); its memory trend in the steady phase
 * (least-squares slope, MB per minute; "no growth trend" read as under 2 MB/min), and the same slope of
 * the JavaScript heap each keeps after its full collections (V8's --trace-gc), which tells a leak from
 * a heap V8 is still growing towards its ceiling; tip and page p99 in
 * the last minute against the first steady minute (stable latency: ratio < 1.5); and duplicates in
 * the peer's records (none). Shorter runs (--quick) fall back to the second minute and the trend after
 * two minutes.
 *
 * @example
 *   npm run bench -- --soak --only soak
 *   SOAK_MINUTES=3 npm run bench -- --soak --only soak
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createApiToken } from '../../src/app/accounts/api-tokens.ts';
import { applyToAlert } from '../../src/app/alerts/alert-events.ts';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { insertWhatsAppSubscribers } from '../../test/crash/bulk-subscribers.ts';
import { TifliProcesses, type TifliProcess } from '../../test/crash/tifli-process.ts';
import { startWhatsAppPeer, type WhatsAppPeer } from '../../test/peers/whatsapp-peer.ts';
import { whatsappBenchEnv } from '../lib/whatsapp-bench-env.ts';
import { createBenchStaff, LAST_SEEN, prepareAlert } from '../lib/alert-chain.ts';
import { below, type FigureInput, type FigureModule, ratioBelow } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { type Buckets, gaugeValue, histogramBuckets, quantileBetween } from '../lib/prometheus-text.ts';
import { allocatorOf, readRssBytes, toMegabytes } from '../lib/rss.ts';
import { percentile, slope } from '../lib/stats.ts';
import { makeTempDir, type TempDir } from '../lib/temp-dir.ts';
import { type FullCollection, GcTrace } from '../lib/gc-trace.ts';

const MASTER_KEYS = `s:${Buffer.alloc(32, 9).toString('base64')}`;
const SUBSCRIBERS = 3_000;
const NEW_ALERT_EVERY_MS = 30_000;
/** Past one zone step (ZONE_STEP_MINUTES, at least 5): each alert grows once before it ends. */
const ALERT_LIFETIME_MS = 6 * 60_000;
const SAMPLE_EVERY_MS = 10_000;
/** Tips and page reads per second, each. */
const RATE = 10;
const RSS_LIMIT_MB = 400;

interface Sample {
  readonly minute: number;
  readonly server: number;
  readonly worker: number;
}

interface Timed {
  readonly minute: number;
  readonly ms: number;
  readonly ok: boolean;
}

async function timedFetch(url: string, init: RequestInit, minute: number, into: Timed[]): Promise<void> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    into.push({ minute, ms: performance.now() - t0, ok: res.status < 400 });
  } catch {
    into.push({ minute, ms: performance.now() - t0, ok: false });
  }
}

/** What the server itself saw, scraped from its /metrics with each memory sample. */
interface ServerView {
  readonly minute: number;
  readonly tips: Buckets;
  readonly pages: Buckets;
  /** The server's event-loop lag p99 since the previous scrape (prom-client resets it on each). */
  readonly lagMs: number | undefined;
}

const HTTP_HISTOGRAM = 'tifli_http_request_duration_seconds';

async function scrapeServer(base: string, minute: number): Promise<ServerView | undefined> {
  try {
    const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return undefined;
    const text = await res.text();
    const lag = gaugeValue(text, 'tifli_nodejs_eventloop_lag_p99_seconds');
    return {
      minute,
      tips: histogramBuckets(text, HTTP_HISTOGRAM, (l) => l.method === 'POST' && l.route === '/api/alerts/:id/tips'),
      pages: histogramBuckets(text, HTTP_HISTOGRAM, (l) => l.method === 'GET' && l.route === '/alerts/:publicId'),
      lagMs: lag === undefined ? undefined : lag * 1000,
    };
  } catch {
    return undefined;
  }
}

/**
 * Where a latency drift lives, minute by minute: the client's p99 (this process, which also runs the
 * WhatsApp peer), the server's own p99 for the same requests (bucket bound from its histogram), the
 * server's event-loop lag and this process's. A client p99 that grows while the server's stays flat is
 * the load generator's, not the platform's.
 */
interface MemoryView {
  readonly samples: readonly Sample[];
  readonly serverGc: GcTrace;
  readonly workerGc: GcTrace;
}

function perMinuteTable(minutes: number, tips: readonly Timed[], pages: readonly Timed[], views: readonly ServerView[], benchLagMs: ReadonlyMap<number, number>, memory: MemoryView): string {
  const fmt = (v: number | null | undefined, unit = 'ms') => (v === null || v === undefined ? '—' : `${Math.round(v)} ${unit}`);
  const bound = (v: number | undefined) => (v === undefined ? '—' : v === Infinity ? '> 5 s' : `≤ ${Math.round(v * 1000)} ms`);
  const mb = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)}`);
  const rows = ['minute | tips p99 client / server | pages p99 client / server | server loop lag p99 (max) | bench loop lag p99 | RSS server / worker (MB) | heap kept server / worker (MB)'];
  for (let m = 0; m < Math.floor(minutes); m++) {
    const start = views.filter((v) => v.minute < m).at(-1);
    const end = views.filter((v) => v.minute < m + 1).at(-1);
    const lags = views.filter((v) => v.minute >= m && v.minute < m + 1 && v.lagMs !== undefined).map((v) => v.lagMs ?? 0);
    const server = (pick: (v: ServerView) => Buckets) => (start && end && start !== end ? quantileBetween(pick(start), pick(end), 0.99) : undefined);
    const rss = memory.samples.filter((s) => s.minute < m + 1).at(-1);
    rows.push(
      `${m + 1} | ${fmt(p99Of(tips, m))} / ${bound(server((v) => v.tips))} | ${fmt(p99Of(pages, m))} / ${bound(server((v) => v.pages))} | ${lags.length ? fmt(Math.max(...lags)) : '—'} | ${fmt(benchLagMs.get(m))} | ${mb(rss?.server)} / ${mb(rss?.worker)} | ${mb(memory.serverGc.keptAt(m))} / ${mb(memory.workerGc.keptAt(m))}`,
    );
  }
  return rows.join('\n');
}

/** p99 of the successful requests of one whole minute; null when there were none. */
function p99Of(list: readonly Timed[], minute: number): number | null {
  const ms = list.filter((x) => x.ok && Math.floor(x.minute) === minute).map((x) => x.ms);
  return ms.length ? percentile(ms, 99) : null;
}

function unmeasured(note: string): FigureInput[] {
  return [{ name: 'soak.server.rss-max', value: null, unit: 'MB', peer: null, baseline: null, target: below(RSS_LIMIT_MB, 'MB'), note }];
}

export const soakFigure: FigureModule = {
  name: 'soak',
  description: 'steady cases, decisions, zone growth, tips and deliveries for SOAK_MINUTES on PostgreSQL: memory of the server and worker processes, latency stability (--soak only)',
  async run(opts) {
    if (!opts.soak) return unmeasured('long-running: npm run bench -- --soak');
    const minutes = Number(process.env.SOAK_MINUTES ?? (opts.quick ? 2 : 10));
    if (!(minutes >= 2)) return unmeasured('SOAK_MINUTES must be 2 or more');
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) return unmeasured(unavailable);

    const procs = new TifliProcesses();
    let scratch: ScratchDatabase | undefined;
    let peer: WhatsAppPeer | undefined;
    let ctx: BootedContext | undefined;
    let dir: TempDir | undefined;
    try {
      scratch = await createScratchDatabase(opts.postgresUrl);
      dir = await makeTempDir('tifli-bench-soak-');
      peer = await startWhatsAppPeer({ ratePerSecond: 2_000, pairRateMs: 0, autoStatuses: { statuses: ['sent', 'delivered'] }, statusBatch: { size: 100, delayMs: 100 } });
      const env: Record<string, string> = {
        ...whatsappBenchEnv({ masterKeys: MASTER_KEYS, databaseUrl: scratch.url, dataDir: dir.path, peer, verifyToken: 'soak-verify-token' }),
        ALERT_QUIET_HOURS: 'off',
        // The shortest zone step: every alert grows (a new version, and its deliveries) before it ends.
        ZONE_STEP_MINUTES: '5',
        TIP_API_PER_MINUTE: '100000',
      };
      ctx = await boot(loadConfig(env), { log: createLogger('warn'), clock: systemClock });
      await insertWhatsAppSubscribers(ctx.store.db, { count: SUBSCRIBERS, lat: LAST_SEEN.lat, lon: LAST_SEEN.lon, prefix: '0' });
      const staff = await createBenchStaff(ctx, 'soak');
      const { token } = await createApiToken(ctx, systemActor('bench'), { name: 'soak relay', scopes: ['tips:write'], jurisdiction: 'MA' });

      // Each process traces its full collections: the heap it keeps tells a leak from heap growth.
      let start = performance.now();
      const minuteNow = () => (performance.now() - start) / 60_000;
      const serverGc = new GcTrace(minuteNow);
      const workerGc = new GcTrace(minuteNow);
      const server: TifliProcess = await procs.start('serve', 'tifli serve', { ...env, JOBS_ENABLED: 'false', HOST: '127.0.0.1', PORT: '0' }, { nodeArgs: ['--trace-gc'], onStdout: (c) => serverGc.feed(c) });
      const worker: TifliProcess = await procs.start('worker', 'tifli worker', env, { nodeArgs: ['--trace-gc'], onStdout: (c) => workerGc.feed(c) });
      peer.setCallbackUrl(`http://127.0.0.1:${server.port}/webhooks/whatsapp`);
      const base = `http://127.0.0.1:${server.port}`;
      const allocator = await allocatorOf(worker.pid);
      opts.log(`${minutes} min, server pid ${server.pid}, worker pid ${worker.pid}, ${SUBSCRIBERS} subscribers, ${allocator} malloc`);

      start = performance.now();
      const end = start + minutes * 60_000;
      const samples: Sample[] = [];
      const views: ServerView[] = [];
      const benchLag = monitorEventLoopDelay({ resolution: 10 });
      benchLag.enable();
      const benchLagMs = new Map<number, number>();
      let lagMinute = 0;
      const tips: Timed[] = [];
      const pages: Timed[] = [];
      const live: { id: string; publicId: string; at: number }[] = [];
      let published = 0;
      let ended = 0;
      let round = 0;
      let nextAlert = start;
      let nextSample = start;
      let tick = 0;
      const inFlight = new Set<Promise<void>>();
      const track = (p: Promise<void>) => {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      };
      while (performance.now() < end) {
        const now = performance.now();
        if (!server.alive() || !worker.alive()) throw new Error(`a process stopped during the soak: ${server.alive() ? worker.tail() : server.tail()}`);
        if (now >= nextSample) {
          samples.push({ minute: minuteNow(), server: toMegabytes(await readRssBytes(server.pid)), worker: toMegabytes(await readRssBytes(worker.pid)) });
          const view = await scrapeServer(base, minuteNow());
          if (view) views.push(view);
          if (Math.floor(minuteNow()) > lagMinute) {
            benchLagMs.set(lagMinute, benchLag.percentile(99) / 1e6);
            benchLag.reset();
            lagMinute = Math.floor(minuteNow());
          }
          nextSample += SAMPLE_EVERY_MS;
        }
        if (now >= nextAlert) {
          nextAlert += NEW_ALERT_EVERY_MS;
          const pending = await prepareAlert(ctx, staff, (round += 1));
          await pending.approve();
          live.push({ id: pending.alertId, publicId: pending.publicId, at: now });
          published += 1;
        }
        const old = live[0];
        if (old && now - old.at > ALERT_LIFETIME_MS) {
          live.shift();
          await applyToAlert(ctx, systemActor('bench:found'), old.id, { type: 'end', outcome: 'found', by: null, reason: 'Banc de mesure : enfant retrouvé.' });
          ended += 1;
        }
        const target = live[tick % Math.max(live.length, 1)];
        if (target && inFlight.size < 200) {
          const minute = minuteNow();
          track(
            timedFetch(
              `${base}/api/alerts/${target.id}/tips`,
              {
                method: 'POST',
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `soak-${tick}` },
                body: JSON.stringify({ seen: `Banc : un enfant vu près du marché, observation ${tick}`, lat: LAST_SEEN.lat + (tick % 100) / 10_000, lon: LAST_SEEN.lon }),
              },
              minute,
              tips,
            ),
          );
          track(timedFetch(`${base}/alerts/${target.publicId}`, { headers: { 'accept-language': tick % 2 ? 'fr' : 'ar' } }, minute, pages));
        }
        tick += 1;
        await sleep(1000 / RATE);
      }
      await Promise.all(inFlight);
      benchLag.disable();
      opts.log(`per minute:\n${perMinuteTable(minutes, tips, pages, views, benchLagMs, { samples, serverGc, workerGc })}`);
      opts.log(`${published} alerts published, ${ended} ended, ${tips.length} tips, ${pages.length} page reads, peer accepted ${peer.accepted.length}`);

      const received = new Map<string, number>();
      for (const m of peer.accepted) {
        const key = `${m.to}|${m.callbackData ?? m.id}`;
        received.set(key, (received.get(key) ?? 0) + 1);
      }
      const duplicates = [...received.values()].filter((n) => n > 1).length;
      // The steady phase starts once the first alert has ended; too short a run keeps the old reading.
      const steadyFrom = minutes >= ALERT_LIFETIME_MS / 60_000 + 3 ? ALERT_LIFETIME_MS / 60_000 : 2;
      const settled = samples.filter((s) => s.minute >= steadyFrom);
      const trend = (pick: (s: Sample) => number) => (settled.length >= 2 ? slope(settled.map((s) => s.minute), settled.map(pick)) : null);
      const heapTrend = (gc: GcTrace) => {
        const kept: readonly FullCollection[] = gc.fullCollections.filter((c) => c.minute >= steadyFrom);
        return kept.length >= 2 ? slope(kept.map((c) => c.minute), kept.map((c) => c.afterMb)) : null;
      };
      const heapNote = (gc: GcTrace) => {
        const kept = gc.fullCollections.filter((c) => c.minute >= steadyFrom);
        return `least-squares slope of the heap kept after each full collection from minute ${steadyFrom} (${kept.length} collections, ${kept.length ? `${Math.min(...kept.map((c) => c.afterMb)).toFixed(0)}–${Math.max(...kept.map((c) => c.afterMb)).toFixed(0)} MB` : 'none'}); V8 --trace-gc`;
      };
      const failedTips = tips.filter((x) => !x.ok).length;
      const last = Math.floor(minutes) - 1;
      const baselineMinute = steadyFrom > 2 ? Math.ceil(steadyFrom) : 1;
      const baselinePeer = steadyFrom > 2 ? `the same soak, minute ${baselineMinute + 1} (the first steady one)` : 'the same soak, second minute';
      const note = `${minutes} min, ${allocator} malloc: ${published} alerts, ${ended} ended, ${tips.length} tips (${failedTips} failed), ${pages.length} page reads, ${peer.accepted.length} WhatsApp messages`;
      const rssNote = (pick: (s: Sample) => number) => `first ${pick(samples[0] ?? { minute: 0, server: 0, worker: 0 }).toFixed(0)} MB, last ${pick(samples.at(-1) ?? { minute: 0, server: 0, worker: 0 }).toFixed(0)} MB; ${note}`;
      return [
        { name: 'soak.server.rss-max', value: Math.max(...samples.map((s) => s.server)), unit: 'MB', peer: null, baseline: null, target: below(RSS_LIMIT_MB, 'MB'), note: rssNote((s) => s.server) },
        { name: 'soak.worker.rss-max', value: Math.max(...samples.map((s) => s.worker)), unit: 'MB', peer: null, baseline: null, target: below(RSS_LIMIT_MB, 'MB'), note: rssNote((s) => s.worker) },
        { name: 'soak.server.rss-trend', value: trend((s) => s.server), unit: 'MB/min', peer: null, baseline: null, target: below(2, 'MB/min'), note: `least-squares slope of RSS from minute ${steadyFrom}` },
        { name: 'soak.worker.rss-trend', value: trend((s) => s.worker), unit: 'MB/min', peer: null, baseline: null, target: below(2, 'MB/min'), note: `least-squares slope of RSS from minute ${steadyFrom}` },
        { name: 'soak.server.heap-trend', value: heapTrend(serverGc), unit: 'MB/min', peer: null, baseline: null, target: below(2, 'MB/min'), note: heapNote(serverGc) },
        { name: 'soak.worker.heap-trend', value: heapTrend(workerGc), unit: 'MB/min', peer: null, baseline: null, target: below(2, 'MB/min'), note: heapNote(workerGc) },
        { name: 'soak.tips.p99-last-minute', value: p99Of(tips, last), unit: 'ms', peer: baselinePeer, baseline: p99Of(tips, baselineMinute), target: ratioBelow(1.5), note: `second minute ${String(p99Of(tips, 1))} ms` },
        { name: 'soak.pages.p99-last-minute', value: p99Of(pages, last), unit: 'ms', peer: baselinePeer, baseline: p99Of(pages, baselineMinute), target: ratioBelow(1.5), note: `second minute ${String(p99Of(pages, 1))} ms` },
        { name: 'soak.duplicate-deliveries', value: duplicates, unit: 'messages', peer: null, baseline: null, target: below(1, 'messages'), note: "from the WhatsApp peer's records: the same message to the same number twice" },
      ];
    } finally {
      await procs.killAll();
      await peer?.close();
      await ctx?.close();
      await scratch?.drop();
      await dir?.remove();
    }
  },
};
