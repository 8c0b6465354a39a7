/**
 * Group commit: concurrent tips share transactions (far fewer than one each), each tip is answered
 * with its own outcome only after its batch committed, every stored tip has exactly one triage job,
 * and one bad tip in a batch fails alone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import type { AppContext } from '../context.ts';
import { tipReferenceFrom } from '../../domain/tips/tip-reference.ts';
import type { NewTip } from '../../store/repositories/tips.repository.ts';
import { TipWriter } from './tip-writer.ts';

let t: TestContext;
let publicId: string;
let alertId: string;

before(async () => {
  t = await createTestContext();
  await seedDemo(t);
  const alert = await t.store.db.selectFrom('alerts').select(['id', 'public_id']).where('state', '=', 'active').executeTakeFirstOrThrow();
  publicId = alert.public_id;
  alertId = alert.id;
});
after(async () => {
  await t?.close();
});

const tip = (seen: string, reference = tipReferenceFrom(randomBytes(5))): NewTip => ({
  id: randomUUID(), reference, alertVersion: 1, source: 'web', sourceDetail: null, idempotencyKey: null, requestHash: null, language: 'fr',
  seen, seenAt: null, place: null, lat: null, lon: null, contact: null, hasPhoto: false, receivedAt: t.clock.now(),
});

/** The context with its job sender counted: one sendMany per committed batch. */
function counted(): { ctx: AppContext; batches: number[] } {
  const batches: number[] = [];
  const inner = t.jobs;
  const ctx: AppContext = {
    ...t,
    jobs: {
      send: (trx, queue, data, options) => inner.send(trx, queue, data, options),
      sendMany: async (trx, queue, jobs) => {
        batches.push(jobs.length);
        await inner.sendMany?.(trx, queue, jobs);
      },
    },
  };
  return { ctx, batches };
}

const jobsFor = async (ids: readonly string[]) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'tips.triage' AND data->>'tipId' = ANY(${[...ids]})`.execute(t.store.db)).rows[0]?.n);

test('fifty concurrent tips commit in a couple of transactions, each with its job', async () => {
  const { ctx, batches } = counted();
  const writer = new TipWriter(ctx, { maxBatch: 200, maxWriters: 1 });
  const tips = Array.from({ length: 50 }, (_, i) => tip(`concurrent ${i}`));
  const results = await Promise.all(tips.map((tp) => writer.write({ alert: { publicId }, tip: tp })));
  assert.ok(results.every((r) => r?.alertId === alertId));
  assert.equal(batches.reduce((a, b) => a + b, 0), 50);
  assert.ok(batches.length <= 3, `${batches.length} transactions for 50 tips (${batches.join(', ')})`);
  const stored = await t.store.db.selectFrom('tips').select('id').where('id', 'in', tips.map((x) => x.id)).execute();
  assert.equal(stored.length, 50);
  assert.equal(await jobsFor(tips.map((x) => x.id)), 50);
});

test('in a batch, a tip for an alert that is not active is not stored and says so; the others are', async () => {
  const { ctx } = counted();
  const writer = new TipWriter(ctx, { maxBatch: 200, maxWriters: 1 });
  const good = [tip('good 1'), tip('good 2')];
  const lost = tip('for nothing');
  const [a, b, c] = await Promise.all([writer.write({ alert: { publicId }, tip: good[0] as NewTip }), writer.write({ alert: { publicId: 'NOSUCHALERT' }, tip: lost }), writer.write({ alert: { alertId }, tip: good[1] as NewTip })]);
  assert.ok(a && c);
  assert.equal(b, undefined);
  assert.equal(await jobsFor([lost.id]), 0);
  assert.equal(await jobsFor(good.map((g) => g.id)), 2);
});

test('one bad tip in a batch fails alone: the batch is retried tip by tip', async () => {
  const { ctx } = counted();
  const writer = new TipWriter(ctx, { maxBatch: 200, maxWriters: 1 });
  // Hold the writer busy so the next three share one batch.
  const first = writer.write({ alert: { publicId }, tip: tip('first') });
  const clash = tipReferenceFrom(randomBytes(5));
  const one = tip('same reference A', clash);
  const two = tip('same reference B', clash);
  const other = tip('innocent bystander');
  const outcomes = await Promise.allSettled([writer.write({ alert: { publicId }, tip: one }), writer.write({ alert: { publicId }, tip: two }), writer.write({ alert: { publicId }, tip: other })]);
  await first;
  assert.equal(outcomes[0]?.status, 'fulfilled');
  const clashed = outcomes[1];
  assert.ok(clashed?.status === 'rejected');
  assert.equal((clashed.reason as { code?: unknown }).code, '23505');
  assert.equal(outcomes[2]?.status, 'fulfilled');
  const stored = await t.store.db.selectFrom('tips').select('seen').where('id', 'in', [one.id, two.id, other.id]).orderBy('seen').execute();
  assert.deepEqual(stored.map((r) => r.seen), ['innocent bystander', 'same reference A']);
  assert.equal(await jobsFor([one.id, two.id, other.id]), 2);
});
