/**
 * A server killed outright during tip intake loses no acknowledged tip and makes none twice (issue #9,
 * point 2). A partner's relay sends tips through the API with an Idempotency-Key each, 16 at a time, to
 * a `tifli serve` process; after a share of them is acknowledged the server is SIGKILLed mid-stream, a
 * new one starts on the same database, and the relay does what a client of a durable API does: it
 * sends again, with the same key, every tip it has no answer for. Twice over. Then every tip that got
 * a receipt is stored under that receipt, every key made exactly one tip, and no tip was left out.
 *
 * Runs in both modes: on PostgreSQL, and on the embedded database (the restart reopens its directory).
 *
 * @example
 *   node --test test/crash/tip-intake-sigkill.test.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --test test/crash/tip-intake-sigkill.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boot } from '../../src/app/bootstrap.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { createApiToken } from '../../src/app/accounts/api-tokens.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { createTestConfig, DEV_MASTER_KEYS } from '../support/test-store.ts';
import { type TifliProcess, TifliProcesses } from './tifli-process.ts';

const TIPS = 400;
const IN_FLIGHT = 16;
/** Kill the server once this many tips have receipts (in total), then again at the second mark. */
const KILLS_AT = [80, 220];

interface Sent {
  readonly key: string;
  reference: string | null;
}

test('SIGKILLed servers during tip intake: every receipt is a stored tip, every key one tip, none lost', { timeout: 240_000 }, async (t) => {
  const procs = new TifliProcesses();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    MASTER_KEYS: DEV_MASTER_KEYS,
    PUBLIC_BASE_URL: 'http://tifli.test',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    TIP_API_PER_MINUTE: '100000',
    TIP_MAX_IN_FLIGHT: '1000',
    ALERT_QUIET_HOURS: 'off',
  };
  const scratch = await createTestConfig({ ...env, DATABASE_POOL_MAX: '4' });
  try {
    // The alert and the relay's token, written before the server opens the database (the embedded one
    // admits a single process).
    const ctx = await boot(scratch.config, { log: createLogger('warn'), clock: systemClock });
    const demo = await seedDemo(ctx);
    const alert = await findAlertByPublicId(ctx.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
    assert.ok(alert);
    const { token } = await createApiToken(ctx, systemActor('test'), { name: 'press relay', scopes: ['tips:write'], jurisdiction: 'MA' });
    await ctx.close();

    const serverEnv = {
      ...env,
      DATA_DIR: scratch.dataDir,
      ...(scratch.config.database.mode === 'postgres' ? { DATABASE_URL: scratch.config.database.url, DATABASE_POOL_MAX: '8' } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
    };
    let starts = 0;
    const start = () => procs.start('serve', `server ${(starts += 1)}`, serverEnv);
    let server: TifliProcess = await start();

    const sent: Sent[] = Array.from({ length: TIPS }, (_, i) => ({ key: `relay-${i}-${Math.random().toString(36).slice(2)}`, reference: null }));
    const receipts = () => sent.filter((s) => s.reference !== null).length;
    const post = async (s: Sent, port: number): Promise<void> => {
      const i = sent.indexOf(s);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/alerts/${alert.id}/tips`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': s.key, 'content-type': 'application/json' },
          body: JSON.stringify({ seen: `Relais presse n° ${i} : une fillette en rouge vue près de la gare routière`, lat: 34.02 + i / 100_000, lon: -6.84 }),
        });
        const body = (await res.json()) as { reference?: string };
        if ((res.status === 201 || res.status === 200) && body.reference) s.reference = body.reference;
      } catch {
        // The server died under this request: no answer, so no receipt; the relay will send it again.
      }
    };

    // Rounds: send everything without a receipt, IN_FLIGHT at a time, killing the server at each mark.
    const kills: string[] = [];
    for (let round = 0; round < 6 && receipts() < TIPS; round += 1) {
      const port = server.port;
      const queue = sent.filter((s) => s.reference === null);
      let killed = false;
      const lanes = Array.from({ length: IN_FLIGHT }, async () => {
        for (let s = queue.shift(); s !== undefined && !killed; s = queue.shift()) {
          await post(s, port);
          const mark = KILLS_AT[kills.length];
          if (!killed && mark !== undefined && receipts() >= mark) {
            killed = true;
            kills.push(`at ${receipts()} receipts`);
            await server.kill('SIGKILL');
          }
        }
      });
      await Promise.all(lanes);
      if (killed) server = await start();
    }
    t.diagnostic(`${kills.length} kills (${kills.join(', ')}), ${starts} server starts`);
    assert.equal(kills.length, KILLS_AT.length, 'the server was killed at each mark, mid-stream');
    assert.equal(receipts(), TIPS, 'every tip has a receipt in the end');
    await server.kill('SIGTERM');

    const after = await boot(scratch.config, { log: createLogger('warn'), clock: systemClock });
    try {
      const rows = await after.store.db.selectFrom('tips').select(['reference', 'idempotency_key']).where('alert_id', '=', alert.id).execute();
      const byKey = new Map<string, number>();
      for (const r of rows) if (r.idempotency_key) byKey.set(r.idempotency_key, (byKey.get(r.idempotency_key) ?? 0) + 1);
      const stored = new Set(rows.map((r) => r.reference));
      const lost = sent.filter((s) => s.reference !== null && !stored.has(s.reference));
      assert.equal(lost.length, 0, `${lost.length} receipts name no stored tip`);
      const twice = [...byKey].filter(([, n]) => n > 1);
      assert.equal(twice.length, 0, `${twice.length} keys made more than one tip`);
      assert.equal(rows.filter((r) => r.idempotency_key?.startsWith('relay-')).length, TIPS, 'one tip per key, none missing');
    } finally {
      await after.close();
    }
  } finally {
    await procs.killAll();
    await scratch.cleanup();
  }
});
