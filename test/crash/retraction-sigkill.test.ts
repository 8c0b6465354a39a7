/**
 * Workers killed outright during a withdrawal lose no closing message and duplicate none (issue #9,
 * point 2). The child is found: the alert, delivered on WhatsApp to every subscriber inside its zone,
 * ends, and the retraction sends each of them the closing message. During that fan-out a random
 * worker is SIGKILLed at random moments (between 1 % and 70 % of it sent, at least a second apart)
 * and another started in its place. The verdict comes from the WhatsApp peer's own records: every
 * subscriber who got the alert got exactly one closing message, nobody got two, and nobody outside
 * the zone got either; the database agrees (every closing delivery 'sent' with the peer's wamid for
 * that very number).
 *
 * PostgreSQL only (several worker processes share the database). The cluster is the one the fan-out
 * test uses (fan-out-cluster.ts); CRASH_RETRACTION_RECIPIENTS (default 5000) and
 * CRASH_RETRACTION_SEED replay a run.
 *
 * @example
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --test test/crash/retraction-sigkill.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { applyToAlert } from '../../src/app/alerts/alert-events.ts';
import { assertDatabaseAgrees, assertExactlyOnce, dispatchProgress, killDuring, seeded, startFanOutCluster, type FanOutCluster } from './fan-out-cluster.ts';

const RECIPIENTS = Number(process.env.CRASH_RETRACTION_RECIPIENTS ?? 5_000);
const SEED = Number(process.env.CRASH_RETRACTION_SEED ?? randomInt(1, 2 ** 31));
const TEST_TIMEOUT_MS = 280_000;
const CHECKS_MS = 30_000;
const KILLS = 4;

test(
  `SIGKILLed workers during the withdrawal of an alert sent to ${RECIPIENTS.toLocaleString('en')} recipients: each closing message exactly once (the peer's records)`,
  { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL): several worker processes share the database', timeout: TEST_TIMEOUT_MS + 10_000 },
  async (t) => {
    const deadline = Date.now() + TEST_TIMEOUT_MS - CHECKS_MS;
    const random = seeded(SEED);
    t.diagnostic(`seed ${SEED} (CRASH_RETRACTION_SEED=${SEED} replays this kill schedule)`);
    let cluster: FanOutCluster | undefined;
    try {
      cluster = await startFanOutCluster({ recipients: RECIPIENTS, outsiders: 200, workers: 3, log: (line) => t.diagnostic(line) });
      const { ctx, peer, alertId } = cluster;
      const db = ctx.store.db;
      const whatsappDispatch = (version: number) => db.selectFrom('dispatches').select('id').where('alert_id', '=', alertId).where('version', '=', version).where('channel', '=', 'whatsapp').executeTakeFirst();

      // The alert goes out in full first (no kills: the fan-out test covers that).
      const alertDispatch = await whatsappDispatch(1);
      assert.ok(alertDispatch, 'the alert went into the WhatsApp outbox');
      const published = await killDuring(cluster, { dispatchId: alertDispatch.id, total: RECIPIENTS, kills: 0, untilShare: 0, random, deadline });
      t.diagnostic(`alert delivered to ${RECIPIENTS} in ${(published.ms / 1000).toFixed(1)} s`);

      // The child is found: the alert ends, and the retraction is queued in the same transaction.
      const ended = await applyToAlert(ctx, systemActor('test:found'), alertId, { type: 'end', outcome: 'found', by: null, reason: 'Enfant retrouvé saine et sauve chez une tante.' });
      assert.equal(ended.row.state, 'ended');
      let closing: { id: string } | undefined;
      for (let i = 0; i < 100 && !closing; i += 1) {
        closing = await whatsappDispatch(ended.row.current_version);
        if (!closing) await sleep(100);
      }
      assert.ok(closing, 'the withdrawal went into the WhatsApp outbox');

      const run = await killDuring(cluster, { dispatchId: closing.id, total: RECIPIENTS, kills: KILLS, untilShare: 0.7, random, deadline });
      t.diagnostic(`withdrawal to ${RECIPIENTS} in ${(run.ms / 1000).toFixed(1)} s; sent by then: ${run.timeline.join(', ')}`);
      t.diagnostic(`${run.kills.length} kills, at ${run.kills.join(', ')}`);
      assert.ok(run.kills.length >= Math.min(KILLS, 2), `only ${run.kills.length} kills happened during the withdrawal`);

      await cluster.stopWorkers();
      t.diagnostic(`peer: ${peer.accepted.length} messages accepted of ${peer.requestCount()} requests`);
      assertExactlyOnce(peer, 'tifli_alert', cluster.inside, 'alert');
      assertExactlyOnce(peer, 'tifli_alert_closed', cluster.inside, 'closing message');
      assert.equal(peer.accepted.length, 2 * RECIPIENTS, 'nothing but the alert and its closing message went out');
      assert.ok(peer.accepted.filter((m) => m.template === 'tifli_alert_closed').every((m) => !m.headerImage), 'the closing message carries no photo');

      await assertDatabaseAgrees(cluster, closing.id, RECIPIENTS);
      const progress = await dispatchProgress(cluster, closing.id);
      assert.equal(progress.sent, RECIPIENTS);
      assert.equal(progress.dead, 0);
      await cluster.server.kill('SIGTERM');
    } finally {
      await cluster?.close();
    }
  },
);
