/**
 * Workers killed outright during a fan-out lose no delivery and duplicate none (issue #5).
 *
 * 100,000 citizens subscribed on WhatsApp inside the zone of an alert published near Rabat, and a few
 * hundred in Marrakech, outside it. Three `tifli worker` processes deliver through the loopback
 * WhatsApp Cloud API peer, whose status webhooks ('sent', carrying our key as callback data, as Meta
 * does) go to a `tifli serve` process. At random moments of the fan-out (between 1 % and 60 % of it
 * sent, at least a second apart) a random worker is SIGKILLed and a new one started in its place, so
 * kills also land on batches that other workers resumed after an earlier kill; at the end the
 * survivors finish. The verdict comes from the peer's own records: every subscriber inside the zone
 * received the alert exactly once and nobody else received anything; and the database agrees (every
 * delivery 'sent' with the peer's wamid for that very number, the dispatch's counters equal to its rows).
 *
 * What this exercises: a worker killed between the claim ('sending', committed) and the provider's
 * answer, or between the answer and the 'sent' commit, leaves an uncertain claim. pg-boss hands the
 * orphaned batch to another worker once its heartbeat lapses (found by the supervisor's pass, up to a
 * minute later); the claim is resent only after the reconciliation window (DELIVERY_RECONCILE_SECONDS),
 * during which the provider's receipt carrying our key settles it (app/distribution/provider-receipts.ts).
 * Provider calls abandoned at their timeout under this load are uncertain in the same way.
 *
 * PostgreSQL only (several processes share the database). Knobs: CRASH_FANOUT_RECIPIENTS (default
 * 100000), CRASH_FANOUT_SEED (replays a run's kill schedule; printed as a diagnostic),
 * CRASH_FANOUT_TIMEOUT_SECONDS (default 285: `npm test` ends a file after 300 s). On two cores the
 * platform sends 400–500 alerts a second here, so the default count takes about four of those minutes.
 *
 * @example
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --test test/crash/fan-out-sigkill.test.ts
 *   CRASH_FANOUT_RECIPIENTS=20000 CRASH_FANOUT_SEED=1184442169 DATABASE_URL=… node --test test/crash/fan-out-sigkill.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { createTestConfig, DEV_MASTER_KEYS } from '../support/test-store.ts';
import { startWhatsAppPeer, type WhatsAppPeer } from '../peers/whatsapp-peer.ts';
import { insertWhatsAppSubscribers } from './bulk-subscribers.ts';
import { type TifliProcess, TifliProcesses } from './tifli-process.ts';

const RECIPIENTS = Number(process.env.CRASH_FANOUT_RECIPIENTS ?? 100_000);
const SEED = Number(process.env.CRASH_FANOUT_SEED ?? randomInt(1, 2 ** 31));
const TEST_TIMEOUT_MS = Number(process.env.CRASH_FANOUT_TIMEOUT_SECONDS ?? 285) * 1000;
/** Kept at the end of the test's time for the checks and the clean-up. */
const CHECKS_MS = 30_000;
const OUTSIDERS = 500;
const WORKERS = 3;
/** Kills: this many, at random points of the fan-out up to this share of it sent. */
const KILLS = 8;
const KILL_UNTIL_SHARE = 0.6;
/**
 * Longer than a status webhook takes to come back here (well under a second once the senders cannot
 * starve the receiver, see `niceness`), short enough that a resent uncertain claim does not make the
 * test long.
 */
const RECONCILE_SECONDS = 10;
/** Per worker: far above what this machine sustains, so the peer's number rate is never the limit. */
const WHATSAPP_LIMITS = 'whatsapp=3000:48';

/** The alert seedDemo publishes: Salma, last seen at this point in Rabat. */
const RABAT = { lat: 34.0134, lon: -6.8326 };
const MARRAKECH = { lat: 31.63, lon: -8.0 };

/** mulberry32: the kill schedule is reproducible from the printed seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(
  `SIGKILLed workers during a fan-out to ${RECIPIENTS.toLocaleString('en')} recipients: none lost, none twice (the peer's records)`,
  { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL): several worker processes share the database', timeout: TEST_TIMEOUT_MS + 10_000 },
  async (t) => {
    const testStart = Date.now();
    const deadline = testStart + TEST_TIMEOUT_MS - CHECKS_MS;
    const random = seeded(SEED);
    t.diagnostic(`seed ${SEED} (CRASH_FANOUT_SEED=${SEED} replays this kill schedule)`);
    const procs = new TifliProcesses();
    let peer: WhatsAppPeer | undefined;
    let ctx: BootedContext | undefined;
    let dropDatabase: (() => Promise<void>) | undefined;
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
        WHATSAPP_BASE_URL: peer.url,
        WHATSAPP_PHONE_NUMBER_ID: peer.phoneNumberId,
        WHATSAPP_TOKEN: peer.token,
        WHATSAPP_APP_SECRET: peer.appSecret,
        WHATSAPP_VERIFY_TOKEN: 'crash-test-verify-token',
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
      // not what this test kills: sparing the flushes (one per delivery, on the dispatch's counter row)
      // keeps the run short without weakening what it shows.
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`ALTER DATABASE "${new URL(databaseUrl).pathname.slice(1)}" SET synchronous_commit = off`);
      await admin.end();

      // The database: migrated, the subscribers written, then the alert published (its dispatches and
      // planning jobs wait in the outbox for the workers).
      ctx = await boot(config, { log: createLogger('warn'), clock: systemClock });
      const db = ctx.store.db;
      const inside = await insertWhatsAppSubscribers(db, { count: RECIPIENTS, ...RABAT, prefix: '0' });
      const outside = await insertWhatsAppSubscribers(db, { count: OUTSIDERS, ...MARRAKECH, prefix: '9' });
      const demo = await seedDemo(ctx);
      const alert = await findAlertByPublicId(db, demo.activeAlertUrl.split('/').pop() ?? '');
      assert.ok(alert, 'the demo published an alert');
      const dispatch = await db.selectFrom('dispatches').select('id').where('alert_id', '=', alert.id).where('channel', '=', 'whatsapp').executeTakeFirst();
      assert.ok(dispatch, 'the alert went into the WhatsApp outbox');
      t.diagnostic(`setup: ${RECIPIENTS + OUTSIDERS} subscriptions and the alert in ${Date.now() - testStart} ms`);

      const env = { ...common, DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
      const server = await procs.start('serve', 'tifli serve', { ...env, JOBS_ENABLED: 'false', HOST: '127.0.0.1', PORT: '0', DATABASE_POOL_MAX: '10' });
      peer.setCallbackUrl(`http://127.0.0.1:${server.port}/webhooks/whatsapp`);
      const workerEnv = { ...env, DATABASE_POOL_MAX: '6', CHANNEL_LIMITS: WHATSAPP_LIMITS, DELIVERY_RECONCILE_SECONDS: String(RECONCILE_SECONDS) };
      let workersStarted = 0;
      // On two cores three senders would starve the one receiver of status webhooks, and receipts
      // would come back later than any reconciliation window (Meta's come back within seconds).
      const startWorker = () => procs.start('worker', `worker ${(workersStarted += 1)}`, workerEnv, { niceness: 10 });
      const workers: (TifliProcess | Promise<TifliProcess>)[] = await Promise.all(Array.from({ length: WORKERS }, startWorker));

      const progress = () => db.selectFrom('dispatches').select(['planned', 'total', 'sent', 'skipped', 'dead', 'deferred', 'status']).where('id', '=', dispatch.id).executeTakeFirstOrThrow();
      const byStatus = async () => {
        const rows = await sql<{ status: string; n: string }>`SELECT status, count(*)::int8 AS n FROM deliveries WHERE dispatch_id = ${dispatch.id} GROUP BY status ORDER BY status`.execute(db);
        return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
      };

      // The fan-out, with kills. A replacement boots in the background; only a worker that is up is killed.
      const fanOutStart = Date.now();
      const seconds = () => ((Date.now() - fanOutStart) / 1000).toFixed(1);
      const kills: string[] = [];
      const timeline: string[] = [];
      const killAt = Array.from({ length: KILLS }, () => Math.round(RECIPIENTS * (0.01 + random() * (KILL_UNTIL_SHARE - 0.01)))).sort((a, b) => a - b);
      let nextKillAt = 0;
      let nextNoteAt = fanOutStart;
      let analyzed = false;
      for (;;) {
        const p = await progress();
        if (p.planned && p.sent === RECIPIENTS) break;
        if (Date.now() > deadline) {
          assert.fail(`the fan-out did not finish in ${seconds()} s: dispatch ${JSON.stringify(p)}, deliveries by status ${JSON.stringify(await byStatus())}, peer accepted ${peer.accepted.length}; kills at ${kills.join(', ')}; progress ${timeline.join(', ')}`);
        }
        if (Date.now() >= nextNoteAt) {
          timeline.push(`${seconds()} s: ${p.sent}`);
          nextNoteAt += 15_000;
        }
        if (p.planned && !analyzed) {
          // What autovacuum does within a minute on a live database. Without statistics for the
          // dispatch's fresh rows, the receipt's UPDATE (provider-receipts.ts) is planned as a bitmap AND
          // with the dispatch's whole primary-key range, which it then reads for every receipt.
          await sql`ANALYZE deliveries`.execute(db);
          analyzed = true;
        }
        const threshold = killAt[kills.length];
        if (p.planned && threshold !== undefined && p.sent >= threshold && Date.now() >= nextKillAt) {
          const up = workers.flatMap((w, i) => (w instanceof Promise ? [] : [i]));
          const index = up[Math.floor(random() * up.length)];
          const victim = index === undefined ? undefined : workers[index];
          if (index !== undefined && victim && !(victim instanceof Promise)) {
            await victim.kill('SIGKILL');
            kills.push(`${seconds()} s (${p.sent} sent)`);
            const replacement = startWorker();
            workers[index] = replacement;
            void replacement.then((w) => (workers[index] = w), () => undefined);
          }
          nextKillAt = Date.now() + 1_000;
        }
        await sleep(200);
      }
      const fanOutMs = Date.now() - fanOutStart;
      t.diagnostic(`fan-out of ${RECIPIENTS} in ${(fanOutMs / 1000).toFixed(1)} s (${Math.round(RECIPIENTS / (fanOutMs / 1000))}/s); sent by then: ${timeline.join(', ')}`);
      t.diagnostic(`${kills.length} kills, at ${kills.join(', ')}`);
      // A small CRASH_FANOUT_RECIPIENTS may end before every planned kill; 100,000 leaves room for all.
      assert.ok(kills.length >= Math.min(KILLS, 3), `only ${kills.length} kills happened during the fan-out`);

      // Everything is 'sent': stop the workers (a batch still in hand finishes), then let the last
      // webhooks land, so a late duplicate would be in the peer's records before they are read.
      const running = await Promise.all(workers.map((w) => Promise.resolve(w)));
      await Promise.all(running.map((w) => w.kill('SIGTERM')));
      await peer.settled();

      // The peer's records: each subscriber inside the zone exactly once, nobody else.
      const received = new Map<string, number>();
      for (const m of peer.accepted) received.set(m.to, (received.get(m.to) ?? 0) + 1);
      const missing = inside.addresses.filter((a) => !received.has(a));
      const twice = [...received].filter(([, n]) => n > 1);
      const expected = new Set(inside.addresses);
      const strangers = [...received.keys()].filter((a) => !expected.has(a));
      t.diagnostic(`peer: ${peer.accepted.length} messages accepted of ${peer.requestCount()} requests; ${peer.webhooks.length} status notifications posted`);
      assert.equal(missing.length, 0, `${missing.length} subscribers received nothing (first: ${missing.slice(0, 5).join(', ')})`);
      assert.equal(twice.length, 0, `${twice.length} subscribers received the alert more than once (first: ${twice.slice(0, 5).map(([a, n]) => `${a}×${n}`).join(', ')})`);
      assert.equal(strangers.length, 0, `${strangers.length} numbers outside the zone received something (first: ${strangers.slice(0, 5).join(', ')})`);
      assert.ok(outside.addresses.every((a) => !received.has(a)), 'no subscriber in Marrakech was reached');
      assert.equal(peer.accepted.length, RECIPIENTS);
      assert.ok(peer.accepted.every((m) => m.template === 'tifli_alert'), 'only the alert template went out');
      assert.ok(peer.webhooks.every((w) => w.status === 200), `every status notification was accepted (${peer.webhooks.filter((w) => w.status !== 200).length} refused)`);

      // The database agrees: every delivery sent, with the wamid the peer gave that very number.
      assert.deepEqual(await byStatus(), { sent: RECIPIENTS });
      assert.deepEqual(await progress(), { planned: true, total: RECIPIENTS, sent: RECIPIENTS, skipped: 0, dead: 0, deferred: 0, status: 'sent' });
      const { rows } = await sql<{ recipient: string; provider_ref: string | null; address: string }>`
        SELECT d.recipient, d.provider_ref, s.address FROM deliveries d JOIN subscriptions s ON s.id::text = d.recipient
         WHERE d.dispatch_id = ${dispatch.id}`.execute(db);
      const byWamid = new Map(peer.accepted.map((m) => [m.id, m]));
      const disagreements = rows.filter((r) => {
        const m = r.provider_ref ? byWamid.get(r.provider_ref) : undefined;
        return m?.to !== r.address || m.callbackData !== `${dispatch.id}.${r.recipient}`;
      });
      assert.equal(rows.length, RECIPIENTS);
      assert.equal(disagreements.length, 0, `${disagreements.length} deliveries whose provider reference is not the peer's message to that number`);
      await server.kill('SIGTERM');
    } finally {
      await procs.killAll();
      await peer?.close();
      await ctx?.close();
      await dropDatabase?.();
    }
  },
);
