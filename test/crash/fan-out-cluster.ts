/**
 * The cluster the SIGKILL fan-out tests kill workers in: a scratch PostgreSQL database with
 * `count` WhatsApp subscribers around Rabat (inside the demo alert's zone) and `outsiders` in
 * Marrakech, the demo alert published (its dispatches waiting in the outbox), a loopback WhatsApp
 * Cloud API peer whose status webhooks ('sent', carrying our key as callback data, as Meta does) go
 * to a `tifli serve` process, and `workers` `tifli worker` processes. `killDuring` SIGKILLs a random
 * worker at random points of one dispatch's progress and starts another in its place.
 *
 * @example
 *   const cluster = await startFanOutCluster({ recipients: 10_000, outsiders: 100, workers: 3 });
 *   try {
 *     const kills = await killDuring(cluster, { dispatchId, total: 10_000, kills: 4, untilShare: 0.6, random, deadline });
 *   } finally {
 *     await cluster.close();
 *   }
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { createTestConfig, DEV_MASTER_KEYS } from '../support/test-store.ts';
import { startWhatsAppPeer, type WhatsAppPeer, whatsappEnv } from '../peers/whatsapp-peer.ts';
import { type BulkSubscribers, insertWhatsAppSubscribers } from './bulk-subscribers.ts';
import { type TifliProcess, TifliProcesses } from './tifli-process.ts';

/**
 * Longer than a status webhook takes to come back here (well under a second once the senders cannot
 * starve the receiver, see `niceness`), short enough that a resent uncertain claim does not make the
 * test long.
 */
const RECONCILE_SECONDS = 20;
/** Per worker: far above what this machine sustains, so the peer's number rate is never the limit. */
const WHATSAPP_LIMITS = 'whatsapp=3000:48';
/** The alert seedDemo publishes: Salma, last seen at this point in Rabat. */
const RABAT = { lat: 34.0134, lon: -6.8326 };
const MARRAKECH = { lat: 31.63, lon: -8.0 };

export interface FanOutCluster {
  readonly peer: WhatsAppPeer;
  readonly ctx: BootedContext;
  readonly alertId: string;
  readonly inside: BulkSubscribers;
  readonly outside: BulkSubscribers;
  readonly server: TifliProcess;
  /** The workers now running, or booting in place of a killed one. */
  readonly workers: (TifliProcess | Promise<TifliProcess>)[];
  startWorker(): Promise<TifliProcess>;
  /** SIGTERMs every worker (a batch in hand finishes), then waits for the peer's last webhooks. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  readonly recipients: number;
  readonly outsiders: number;
  readonly workers: number;
  /** CHANNEL_LIMITS for the workers (default: far above what this machine sustains). */
  readonly channelLimits?: string;
  readonly log?: (line: string) => void;
}

/** mulberry32: a kill schedule is reproducible from its printed seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFanOutCluster(options: ClusterOptions): Promise<FanOutCluster> {
  const procs = new TifliProcesses();
  let peer: WhatsAppPeer | undefined;
  let ctx: BootedContext | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  const close = async () => {
    await procs.killAll();
    await peer?.close();
    await ctx?.close();
    await dropDatabase?.();
  };
  try {
    // Meta batches statuses under load; one notification per message would cost the receiver more
    // HTTP work than the whole fan-out.
    peer = await startWhatsAppPeer({ ratePerSecond: 5_000, pairRateMs: 0, autoStatuses: { statuses: ['sent'] }, statusBatch: { size: 100, delayMs: 50 } });
    const common: Record<string, string> = {
      NODE_ENV: 'test',
      MASTER_KEYS: DEV_MASTER_KEYS,
      PUBLIC_BASE_URL: 'http://tifli.test',
      LOG_LEVEL: 'warn',
      GRAPH_API_VERSION: peer.version,
      ...whatsappEnv(peer, 'crash-test-verify-token'),
      // Whatever the hour: no quiet hours, and no zone growth (a second version) during the test.
      ALERT_QUIET_HOURS: 'off',
      ZONE_STEP_MINUTES: String(24 * 60),
    };
    const scratch = await createTestConfig({ ...common, DATABASE_POOL_MAX: '4' });
    dropDatabase = scratch.cleanup;
    const { config, dataDir } = scratch;
    assert.equal(config.database.mode, 'postgres');
    const databaseUrl = config.database.url;
    // Only PostgreSQL's own crash could lose an acknowledged commit without a flush, and PostgreSQL is
    // not what these tests kill: sparing the flushes (one per delivery, on the dispatch's counter row)
    // keeps the run short without weakening what they show.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${new URL(databaseUrl).pathname.slice(1)}" SET synchronous_commit = off`);
    await admin.end();

    // The database: migrated, the subscribers written, then the alert published (its dispatches and
    // planning jobs wait in the outbox for the workers).
    const started = Date.now();
    ctx = await boot(config, { log: createLogger('warn'), clock: systemClock });
    const inside = await insertWhatsAppSubscribers(ctx.store.db, { count: options.recipients, ...RABAT, prefix: '0' });
    const outside = await insertWhatsAppSubscribers(ctx.store.db, { count: options.outsiders, ...MARRAKECH, prefix: '9' });
    const demo = await seedDemo(ctx);
    const alert = await findAlertByPublicId(ctx.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
    assert.ok(alert, 'the demo published an alert');
    options.log?.(`setup: ${options.recipients + options.outsiders} subscriptions and the alert in ${Date.now() - started} ms`);

    const env = { ...common, DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
    const server = await procs.start('serve', 'tifli serve', { ...env, JOBS_ENABLED: 'false', HOST: '127.0.0.1', PORT: '0', DATABASE_POOL_MAX: '10' });
    peer.setCallbackUrl(`http://127.0.0.1:${server.port}/webhooks/whatsapp`);
    const workerEnv = { ...env, DATABASE_POOL_MAX: '6', CHANNEL_LIMITS: options.channelLimits ?? WHATSAPP_LIMITS, DELIVERY_RECONCILE_SECONDS: String(RECONCILE_SECONDS) };
    let workersStarted = 0;
    // On two cores three senders would starve the one receiver of status webhooks, and receipts
    // would come back later than any reconciliation window (Meta's come back within seconds).
    const startWorker = () => procs.start('worker', `worker ${(workersStarted += 1)}`, workerEnv, { niceness: 10 });
    const workers: (TifliProcess | Promise<TifliProcess>)[] = await Promise.all(Array.from({ length: options.workers }, startWorker));
    const thePeer = peer;
    return {
      peer,
      ctx,
      alertId: alert.id,
      inside,
      outside,
      server,
      workers,
      startWorker,
      async stopWorkers() {
        const running = await Promise.all(workers.map((w) => Promise.resolve(w)));
        await Promise.all(running.map((w) => w.kill('SIGTERM')));
        await thePeer.settled();
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A dispatch's counters, as the alert board shows them. */
export function dispatchProgress(cluster: FanOutCluster, dispatchId: string) {
  return cluster.ctx.store.db.selectFrom('dispatches').select(['planned', 'total', 'sent', 'skipped', 'dead', 'deferred', 'status']).where('id', '=', dispatchId).executeTakeFirstOrThrow();
}

/** Deliveries of a dispatch counted by status. */
export async function deliveriesByStatus(cluster: FanOutCluster, dispatchId: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: string }>`SELECT status, count(*)::int8 AS n FROM deliveries WHERE dispatch_id = ${dispatchId} GROUP BY status ORDER BY status`.execute(cluster.ctx.store.db);
  return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
}

export interface KillPlan {
  readonly dispatchId: string;
  /** Deliveries the dispatch must send. */
  readonly total: number;
  readonly kills: number;
  /** Kills land between 1 % and this share of `total` sent, at least a second apart. */
  readonly untilShare: number;
  readonly random: () => number;
  /** When to give up (Date.now() scale). */
  readonly deadline: number;
}

export interface KillReport {
  /** "12.3 s (4021 sent)" per kill. */
  readonly kills: readonly string[];
  /** Deliveries sent every 15 s. */
  readonly timeline: readonly string[];
  readonly ms: number;
}

/**
 * Waits until the dispatch has sent `total`, SIGKILLing a random running worker at each point of the
 * schedule; a replacement boots in the background, and only a worker that is up is killed.
 */
export async function killDuring(cluster: FanOutCluster, plan: KillPlan): Promise<KillReport> {
  const { workers } = cluster;
  const start = Date.now();
  const seconds = () => ((Date.now() - start) / 1000).toFixed(1);
  const kills: string[] = [];
  const timeline: string[] = [];
  const killAt = Array.from({ length: plan.kills }, () => Math.round(plan.total * (0.01 + plan.random() * (plan.untilShare - 0.01)))).sort((a, b) => a - b);
  let nextKillAt = 0;
  let nextNoteAt = start;
  let analyzed = false;
  for (;;) {
    const p = await dispatchProgress(cluster, plan.dispatchId);
    if (p.planned && p.sent === plan.total) break;
    if (Date.now() > plan.deadline) {
      assert.fail(
        `the fan-out did not finish in ${seconds()} s: dispatch ${JSON.stringify(p)}, deliveries by status ${JSON.stringify(await deliveriesByStatus(cluster, plan.dispatchId))}, peer accepted ${cluster.peer.accepted.length}; kills at ${kills.join(', ')}; progress ${timeline.join(', ')}`,
      );
    }
    if (Date.now() >= nextNoteAt) {
      timeline.push(`${seconds()} s: ${p.sent}`);
      nextNoteAt += 15_000;
    }
    if (p.planned && !analyzed) {
      // What autovacuum does within a minute on a live database. Without statistics for the
      // dispatch's fresh rows, the receipt's UPDATE (provider-receipts.ts) is planned as a bitmap AND
      // with the dispatch's whole primary-key range, which it then reads for every receipt.
      await sql`ANALYZE deliveries`.execute(cluster.ctx.store.db);
      analyzed = true;
    }
    const threshold = killAt[kills.length];
    if (p.planned && threshold !== undefined && p.sent >= threshold && Date.now() >= nextKillAt) {
      const up = workers.flatMap((w, i) => (w instanceof Promise ? [] : [i]));
      const index = up[Math.floor(plan.random() * up.length)];
      const victim = index === undefined ? undefined : workers[index];
      if (index !== undefined && victim && !(victim instanceof Promise)) {
        await victim.kill('SIGKILL');
        kills.push(`${seconds()} s (${p.sent} sent)`);
        const replacement = cluster.startWorker();
        workers[index] = replacement;
        void replacement.then((w) => (workers[index] = w), () => undefined);
      }
      nextKillAt = Date.now() + 1_000;
    }
    await sleep(200);
  }
  return { kills, timeline, ms: Date.now() - start };
}

/** How many messages of `template` the peer accepted for each number. */
export function receivedBy(peer: WhatsAppPeer, template: string): Map<string, number> {
  const received = new Map<string, number>();
  for (const m of peer.accepted) if (m.template === template) received.set(m.to, (received.get(m.to) ?? 0) + 1);
  return received;
}

/** Asserts from the peer's records that each number of `inside` got `template` exactly once and nobody else got it. */
export function assertExactlyOnce(peer: WhatsAppPeer, template: string, inside: BulkSubscribers, what: string): void {
  const received = receivedBy(peer, template);
  const missing = inside.addresses.filter((a) => !received.has(a));
  const twice = [...received].filter(([, n]) => n > 1);
  const expected = new Set(inside.addresses);
  const strangers = [...received.keys()].filter((a) => !expected.has(a));
  assert.equal(missing.length, 0, `${missing.length} subscribers received no ${what} (first: ${missing.slice(0, 5).join(', ')})`);
  assert.equal(twice.length, 0, `${twice.length} subscribers received the ${what} more than once (first: ${twice.slice(0, 5).map(([a, n]) => `${a}×${n}`).join(', ')})`);
  assert.equal(strangers.length, 0, `${strangers.length} numbers outside the zone received the ${what} (first: ${strangers.slice(0, 5).join(', ')})`);
}

/** The database agrees with the peer: every delivery of the dispatch 'sent', with the wamid the peer gave that very number. */
export async function assertDatabaseAgrees(cluster: FanOutCluster, dispatchId: string, total: number): Promise<void> {
  assert.deepEqual(await deliveriesByStatus(cluster, dispatchId), { sent: total });
  const { rows } = await sql<{ recipient: string; provider_ref: string | null; address: string }>`
    SELECT d.recipient, d.provider_ref, s.address FROM deliveries d JOIN subscriptions s ON s.id::text = d.recipient
     WHERE d.dispatch_id = ${dispatchId}`.execute(cluster.ctx.store.db);
  const byWamid = new Map(cluster.peer.accepted.map((m) => [m.id, m]));
  const disagreements = rows.filter((r) => {
    const m = r.provider_ref ? byWamid.get(r.provider_ref) : undefined;
    return m?.to !== r.address || m.callbackData !== `${dispatchId}.${r.recipient}`;
  });
  assert.equal(rows.length, total);
  assert.equal(disagreements.length, 0, `${disagreements.length} deliveries whose provider reference is not the peer's message to that number`);
}
