/**
 * A fan-out to 1,000,000 recipients keeps every worker under 500 MB resident (issue #9, point 3),
 * only with `--soak`. FANOUT_RECIPIENTS (default 1,000,000; 50,000 with --quick) WhatsApp subscribers
 * inside the zone of one alert, on PostgreSQL, delivered through the loopback WhatsApp peer by
 * FANOUT_WORKERS `tifli worker` processes (default 2) while each one's resident memory is read every
 * 5 s, from the planning (every recipient written as a delivery row, in pages) to the last message.
 * FANOUT_MINUTES caps the run (default: none): a capped run says how far it got. FANOUT_WORKER_NODE_OPTIONS
 * gives the workers V8 flags (e.g. `--max-old-space-size=256`) to compare their peaks.
 *
 * @example
 *   npm run bench -- --soak --only fan-out-memory
 *   FANOUT_MINUTES=10 npm run bench -- --soak --only fan-out-memory
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { insertWhatsAppSubscribers } from '../../test/crash/bulk-subscribers.ts';
import { TifliProcesses, type TifliProcess } from '../../test/crash/tifli-process.ts';
import { startWhatsAppPeer, type WhatsAppPeer } from '../../test/peers/whatsapp-peer.ts';
import { whatsappBenchEnv } from '../lib/whatsapp-bench-env.ts';
import { createBenchStaff, LAST_SEEN, prepareAlert } from '../lib/alert-chain.ts';
import { below, type FigureInput, type FigureModule } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { readRssBytes, toMegabytes } from '../lib/rss.ts';
import { makeTempDir, type TempDir } from '../lib/temp-dir.ts';

const MASTER_KEYS = `f:${Buffer.alloc(32, 11).toString('base64')}`;
const RSS_LIMIT_MB = 500;

function unmeasured(note: string): FigureInput[] {
  return [{ name: 'fan-out-memory.worker.rss-max', value: null, unit: 'MB', peer: null, baseline: null, target: below(RSS_LIMIT_MB, 'MB'), note }];
}

export const fanOutMemoryFigure: FigureModule = {
  name: 'fan-out-memory',
  description: 'resident memory of each worker process during a fan-out to 1,000,000 WhatsApp recipients on PostgreSQL (--soak only)',
  async run(opts) {
    if (!opts.soak) return unmeasured('long-running: npm run bench -- --soak');
    const recipients = Number(process.env.FANOUT_RECIPIENTS ?? (opts.quick ? 50_000 : 1_000_000));
    const workers = Number(process.env.FANOUT_WORKERS ?? 2);
    const capMinutes = process.env.FANOUT_MINUTES ? Number(process.env.FANOUT_MINUTES) : null;
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) return unmeasured(unavailable);

    const procs = new TifliProcesses();
    let scratch: ScratchDatabase | undefined;
    let peer: WhatsAppPeer | undefined;
    let ctx: BootedContext | undefined;
    let dir: TempDir | undefined;
    try {
      scratch = await createScratchDatabase(opts.postgresUrl);
      dir = await makeTempDir('tifli-bench-fanout-');
      // Statuses are left out: receipts are the server's work, and this figure is the workers' memory.
      peer = await startWhatsAppPeer({ ratePerSecond: 100_000, pairRateMs: 0 });
      const env: Record<string, string> = {
        ...whatsappBenchEnv({ masterKeys: MASTER_KEYS, databaseUrl: scratch.url, dataDir: dir.path, peer, verifyToken: 'fanout-verify-token' }),
        ALERT_QUIET_HOURS: 'off',
        ZONE_STEP_MINUTES: String(24 * 60),
        CHANNEL_LIMITS: 'whatsapp=5000:48',
      };
      ctx = await boot(loadConfig(env), { log: createLogger('warn'), clock: systemClock });
      opts.log(`writing ${recipients.toLocaleString('en')} subscriptions`);
      await insertWhatsAppSubscribers(ctx.store.db, { count: recipients, lat: LAST_SEEN.lat, lon: LAST_SEEN.lon, prefix: '0' });
      const staff = await createBenchStaff(ctx, 'fanout');
      const pending = await prepareAlert(ctx, staff, 1);

      const started: TifliProcess[] = [];
      // FANOUT_WORKER_NODE_OPTIONS: V8 flags for the workers only (a heap ceiling, say), to compare peaks.
      const workerEnv = process.env.FANOUT_WORKER_NODE_OPTIONS ? { ...env, NODE_OPTIONS: process.env.FANOUT_WORKER_NODE_OPTIONS } : env;
      for (let i = 0; i < workers; i += 1) started.push(await procs.start('worker', `worker ${i + 1}`, workerEnv));
      const t0 = performance.now();
      await pending.approve();
      const peaks = started.map(() => 0);
      let sent = 0;
      let total = 0;
      let capped = false;
      for (;;) {
        for (const [i, w] of started.entries()) {
          if (!w.alive()) throw new Error(`${w.label} stopped during the fan-out: ${w.tail()}`);
          peaks[i] = Math.max(peaks[i] ?? 0, toMegabytes(await readRssBytes(w.pid)));
        }
        const d = await ctx.store.db.selectFrom('dispatches').select(['planned', 'total', 'sent']).where('alert_id', '=', pending.alertId).where('channel', '=', 'whatsapp').executeTakeFirst();
        sent = d?.sent ?? 0;
        total = d?.total ?? 0;
        if (d?.planned && sent >= total) break;
        if (capMinutes !== null && performance.now() - t0 > capMinutes * 60_000) {
          capped = true;
          break;
        }
        opts.log(`${sent.toLocaleString('en')} of ${total.toLocaleString('en')} sent, peaks ${peaks.map((p) => p.toFixed(0)).join(' / ')} MB`);
        await sleep(5_000);
      }
      const seconds = (performance.now() - t0) / 1000;
      const flags = process.env.FANOUT_WORKER_NODE_OPTIONS ? ` with NODE_OPTIONS=${process.env.FANOUT_WORKER_NODE_OPTIONS}` : '';
      const note = `${workers} workers${flags}; ${sent.toLocaleString('en')} of ${total.toLocaleString('en')} planned deliveries sent in ${seconds.toFixed(0)} s${capped ? ` (capped at FANOUT_MINUTES=${capMinutes})` : ''}; per-worker peaks ${peaks.map((p) => p.toFixed(0)).join(', ')} MB`;
      return [{ name: 'fan-out-memory.worker.rss-max', value: Math.max(...peaks), unit: 'MB', peer: null, baseline: null, target: below(RSS_LIMIT_MB, 'MB'), note }];
    } finally {
      await procs.killAll();
      await peer?.close();
      await ctx?.close();
      await scratch?.drop();
      await dir?.remove();
    }
  },
};
