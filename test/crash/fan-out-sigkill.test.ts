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
import { assertDatabaseAgrees, assertExactlyOnce, dispatchProgress, killDuring, seeded, startFanOutCluster, type FanOutCluster } from './fan-out-cluster.ts';

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

test(
  `SIGKILLed workers during a fan-out to ${RECIPIENTS.toLocaleString('en')} recipients: none lost, none twice (the peer's records)`,
  { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL): several worker processes share the database', timeout: TEST_TIMEOUT_MS + 10_000 },
  async (t) => {
    const deadline = Date.now() + TEST_TIMEOUT_MS - CHECKS_MS;
    const random = seeded(SEED);
    t.diagnostic(`seed ${SEED} (CRASH_FANOUT_SEED=${SEED} replays this kill schedule)`);
    let cluster: FanOutCluster | undefined;
    try {
      cluster = await startFanOutCluster({ recipients: RECIPIENTS, outsiders: OUTSIDERS, workers: WORKERS, log: (line) => t.diagnostic(line) });
      const { peer, inside, outside } = cluster;
      const dispatch = await cluster.ctx.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', cluster.alertId).where('channel', '=', 'whatsapp').executeTakeFirst();
      assert.ok(dispatch, 'the alert went into the WhatsApp outbox');

      const run = await killDuring(cluster, { dispatchId: dispatch.id, total: RECIPIENTS, kills: KILLS, untilShare: KILL_UNTIL_SHARE, random, deadline });
      t.diagnostic(`fan-out of ${RECIPIENTS} in ${(run.ms / 1000).toFixed(1)} s (${Math.round(RECIPIENTS / (run.ms / 1000))}/s); sent by then: ${run.timeline.join(', ')}`);
      t.diagnostic(`${run.kills.length} kills, at ${run.kills.join(', ')}`);
      // A small CRASH_FANOUT_RECIPIENTS may end before every planned kill; 100,000 leaves room for all.
      assert.ok(run.kills.length >= Math.min(KILLS, 3), `only ${run.kills.length} kills happened during the fan-out`);

      // Everything is 'sent': stop the workers (a batch still in hand finishes), then let the last
      // webhooks land, so a late duplicate would be in the peer's records before they are read.
      await cluster.stopWorkers();

      // The peer's records: each subscriber inside the zone exactly once, nobody else.
      t.diagnostic(`peer: ${peer.accepted.length} messages accepted of ${peer.requestCount()} requests; ${peer.webhooks.length} status notifications posted`);
      assertExactlyOnce(peer, 'tifli_alert', inside, 'alert');
      assert.ok(outside.addresses.length > 0);
      assert.equal(peer.accepted.length, RECIPIENTS);
      assert.ok(peer.accepted.every((m) => m.template === 'tifli_alert'), 'only the alert template went out');
      assert.ok(peer.webhooks.every((w) => w.status === 200), `every status notification was accepted (${peer.webhooks.filter((w) => w.status !== 200).length} refused)`);

      // The database agrees: every delivery sent, with the wamid the peer gave that very number.
      await assertDatabaseAgrees(cluster, dispatch.id, RECIPIENTS);
      assert.deepEqual(await dispatchProgress(cluster, dispatch.id), { planned: true, total: RECIPIENTS, sent: RECIPIENTS, skipped: 0, dead: 0, deferred: 0, status: 'sent' });
      await cluster.server.kill('SIGTERM');
    } finally {
      await cluster?.close();
    }
  },
);
