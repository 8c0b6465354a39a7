/**
 * Graceful shutdown finishes in-flight work (issue #9, point 5).
 *
 * - A worker sent SIGTERM in the middle of a fan-out stops taking new work, finishes the messages it
 *   holds and records them, then exits 0 well within its stop timeout: nothing is left as an uncertain
 *   claim, every message the provider accepted is 'sent' in the database, and a worker started later
 *   finishes the rest, each recipient getting the alert exactly once (the peer's records). PostgreSQL
 *   only (the worker is a separate process).
 * - A server sent SIGTERM while a tip's body is still arriving answers that tip with its receipt, then
 *   stops listening and exits 0; the tip is stored. Both modes.
 *
 * @example
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --test test/crash/graceful-shutdown.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { boot } from '../../src/app/bootstrap.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createApiToken } from '../../src/app/accounts/api-tokens.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { createTestConfig, DEV_MASTER_KEYS } from '../support/test-store.ts';
import { assertExactlyOnce, deliveriesByStatus, dispatchProgress, startFanOutCluster, type FanOutCluster } from './fan-out-cluster.ts';
import { TifliProcesses } from './tifli-process.ts';

const RECIPIENTS = 2_000;

test(
  'a worker stopped with SIGTERM mid-fan-out records every message it sent, leaves nothing uncertain, and the rest goes out once',
  { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL): the worker is a separate process', timeout: 240_000 },
  async (t) => {
    let cluster: FanOutCluster | undefined;
    try {
      // 100 messages a second: the fan-out lasts long enough to stop the worker in the middle of it.
      cluster = await startFanOutCluster({ recipients: RECIPIENTS, outsiders: 50, workers: 1, channelLimits: 'whatsapp=100:8' });
      const { peer } = cluster;
      const dispatch = await cluster.ctx.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', cluster.alertId).where('channel', '=', 'whatsapp').executeTakeFirstOrThrow();
      const fanOut = cluster;
      const until = async (what: string, probe: () => Promise<boolean>, timeoutMs: number) => {
        const end = Date.now() + timeoutMs;
        while (!(await probe())) {
          if (Date.now() > end) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(await dispatchProgress(fanOut, dispatch.id))}`);
          await sleep(100);
        }
      };
      await until('the fan-out to be under way', async () => (await dispatchProgress(fanOut, dispatch.id)).sent >= RECIPIENTS / 10, 120_000);

      const worker = await cluster.workers[0];
      assert.ok(worker);
      const stopAsked = Date.now();
      const how = await worker.kill('SIGTERM');
      const stopMs = Date.now() - stopAsked;
      t.diagnostic(`the worker stopped in ${stopMs} ms (${how})`);
      assert.equal(how, 'exit code 0', `the worker exits cleanly; its output:\n${worker.tail()}`);
      assert.ok(stopMs < 30_000, 'within the stop timeout');

      // What it held went out and is recorded: no uncertain claim, and the provider's count is the database's.
      await peer.settled();
      const byStatus = await deliveriesByStatus(cluster, dispatch.id);
      t.diagnostic(`at the stop: ${JSON.stringify(byStatus)}; the peer accepted ${peer.accepted.length}`);
      assert.equal(byStatus.sending ?? 0, 0, 'no claim is left uncertain by a graceful stop');
      assert.equal(byStatus.sent ?? 0, peer.accepted.length, 'every message the provider accepted is recorded as sent');
      assert.ok(peer.accepted.length < RECIPIENTS, 'the stop came in the middle of the fan-out');

      // Another worker finishes the rest: each recipient exactly once.
      cluster.workers[0] = await cluster.startWorker();
      await until('the rest of the fan-out', async () => (await dispatchProgress(fanOut, dispatch.id)).sent === RECIPIENTS, 120_000);
      await cluster.stopWorkers();
      assertExactlyOnce(peer, 'tifli_alert', cluster.inside, 'alert');
      assert.equal(peer.accepted.length, RECIPIENTS);
      await cluster.server.kill('SIGTERM');
    } finally {
      await cluster?.close();
    }
  },
);

/** POSTs `body` in two halves, `pause` between them; resolves with the status and the JSON answer. */
function postInTwoHalves(url: string, headers: Record<string, string>, body: string, pause: () => Promise<void>): Promise<{ status: number; json: { reference?: string } }> {
  const bytes = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { reference?: string } });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    req.on('error', reject);
    req.write(bytes.subarray(0, bytes.length >> 1));
    pause().then(
      () => req.end(bytes.subarray(bytes.length >> 1)),
      (err: unknown) => req.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  });
}

test('a server stopped with SIGTERM while a tip is arriving answers it with its receipt, stores it, then exits', { timeout: 120_000 }, async (t) => {
  const procs = new TifliProcesses();
  const env: Record<string, string> = { NODE_ENV: 'test', MASTER_KEYS: DEV_MASTER_KEYS, PUBLIC_BASE_URL: 'http://tifli.test', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', ALERT_QUIET_HOURS: 'off' };
  const scratch = await createTestConfig({ ...env, DATABASE_POOL_MAX: '4' });
  try {
    const ctx = await boot(scratch.config, { log: createLogger('warn'), clock: systemClock });
    const demo = await seedDemo(ctx);
    const alert = await findAlertByPublicId(ctx.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
    assert.ok(alert);
    const { token } = await createApiToken(ctx, systemActor('test'), { name: 'press relay', scopes: ['tips:write'], jurisdiction: 'MA' });
    await ctx.close(); // the embedded database admits one process

    const server = await procs.start('serve', 'tifli serve', {
      ...env,
      DATA_DIR: scratch.dataDir,
      ...(scratch.config.database.mode === 'postgres' ? { DATABASE_URL: scratch.config.database.url } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const url = `http://127.0.0.1:${server.port}/api/alerts/${alert.id}/tips`;
    const body = JSON.stringify({ seen: 'Une fillette en robe rouge, avec un homme, devant la gare routière de Kamra.', lat: 34.0, lon: -6.83 });
    let newcomer = '';
    const answered = postInTwoHalves(url, { authorization: `Bearer ${token}`, 'idempotency-key': 'graceful-1' }, body, async () => {
      // Half the body is in: the stop begins (the process is signalled, not waited for: it waits for us).
      // (A second for the server to take the connection in: a loaded machine can be slow to.)
      await sleep(1_000);
      process.kill(server.pid, 'SIGTERM');
      // A newcomer is turned away while the tip in flight is still being received: asked until the stop
      // shows (the signal is handled when the server's event loop gets to it), for at most 15 s.
      const deadline = Date.now() + 15_000;
      do {
        await sleep(100);
        newcomer = await fetch(`http://127.0.0.1:${server.port}/healthz`).then(
          (res) => `answered ${res.status}`,
          () => 'refused',
        );
      } while (newcomer === 'answered 200' && Date.now() < deadline);
    });
    const { status, json } = await answered;
    t.diagnostic(`the tip in flight: ${status}; a request after the stop began: ${newcomer}`);
    assert.equal(status, 201, 'the tip that was arriving gets its answer');
    assert.ok(json.reference, 'with its receipt reference');
    assert.ok(newcomer === 'refused' || newcomer === 'answered 503', `no new work is taken once the stop began (${newcomer})`);
    assert.equal(await server.exited, 'exit code 0', `the server exits cleanly; its output:\n${server.tail()}`);

    const after = await boot(scratch.config, { log: createLogger('warn'), clock: systemClock });
    try {
      const stored = await after.store.db.selectFrom('tips').select('reference').where('alert_id', '=', alert.id).where('reference', '=', json.reference).executeTakeFirst();
      assert.ok(stored, 'the tip is stored under its receipt');
    } finally {
      await after.close();
    }
  } finally {
    await procs.killAll();
    await scratch.cleanup();
  }
});
