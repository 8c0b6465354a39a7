/**
 * The two ways a delivery could go out twice without any process dying, found by the SIGKILL fan-out
 * test (fan-out-sigkill.test.ts) and closed in app/distribution/deliver-batch.ts:
 *
 * - a provider call abandoned at its timeout may have been accepted all the same: it stays an
 *   uncertain claim, which the provider's receipt settles within the reconciliation window, instead of
 *   a retry that no receipt can stop;
 * - two delivery jobs on the same range at once (a pg-boss retry beside its follow-up) each claim
 *   only what they saw unclaimed, so no delivery is claimed, and sent, by both;
 * - a job starved past the window between its claim and its call (found by the SIGKILL withdrawal
 *   test on a loaded machine) renews the claim first, and does not send what another job took over.
 *
 * The channel is a scripted adapter; the dispatcher's bookkeeping is what is under test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { latLngToCell } from 'h3-js';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { cellRange } from '../../src/domain/zone/cell-ranges.ts';
import { DeliveryError } from '../../src/domain/distribution/delivery-failure.ts';
import { CHANNELS } from '../../src/domain/distribution/channels.ts';
import type { ChannelAdapter, Delivery } from '../../src/app/distribution/channel-port.ts';
import { type ChannelRegistry, channelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { planDispatch } from '../../src/app/distribution/plan-dispatch.ts';
import { deliverBatch } from '../../src/app/distribution/deliver-batch.ts';
import { recordProviderReceipt } from '../../src/app/distribution/provider-receipts.ts';

// Daytime in Morocco: quiet hours stay out of the way.
const clock = new ManualClock('2026-11-23T10:00:00Z');
const WINDOW_MS = 60_000;
let t: TestContext;
let registry: ChannelRegistry;
let dispatchId = '';

/** Accepts every delivery; for the keys in `timeOut` it then answers too late (the provider has it all the same). */
const provider = {
  accepted: [] as Delivery[],
  timeOut: new Set<string>(),
};
const email: ChannelAdapter = {
  channel: 'email',
  async deliver(d) {
    provider.accepted.push(d);
    // An await before answering, as a network call has: jobs running at once interleave here.
    await new Promise((resolve) => setImmediate(resolve));
    if (provider.timeOut.delete(d.recipient.key)) throw new DeliveryError({ kind: 'transient', code: 'timeout' });
    return { providerRef: `ref-${provider.accepted.length}` };
  },
};

async function subscribe(lat: number, lon: number): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await t.store.db
    .insertInto('subscriptions')
    .values({
      id, channel: 'email', status: 'active', address: `${id.slice(0, 8)}@example.test`, address_key: id, push_keys: null, languages: ['fr-MA'],
      area: JSON.stringify({ kind: 'circle', lat, lon, radiusKm: 1 }), quiet_hours: null,
      consent: JSON.stringify({ at: now.toISOString(), channel: 'email', wordingVersion: 'test' }), created_at: now, updated_at: now, confirmed_at: now,
    })
    .execute();
  const r = cellRange(latLngToCell(lat, lon, 6));
  await t.store.db.insertInto('subscription_cells').values({ subscription_id: id, channel: 'email', cell: r.cell.toString(), lo: r.lo.toString(), hi: r.hi.toString() }).execute();
  return id;
}

const sentTo = (key: string) => provider.accepted.filter((d) => d.recipient.key === key).length;
const deliveryOf = (recipient: string) => t.store.db.selectFrom('deliveries').selectAll().where('dispatch_id', '=', dispatchId).where('recipient', '=', recipient).executeTakeFirstOrThrow();
const all = { from: '', to: '~' };

let slow = '';
let lost = '';
const crowd: string[] = [];

before(async () => {
  t = await createTestContext({ clock, env: { SMTP_URL: 'smtp://127.0.0.1:2' } });
  const limits = Object.fromEntries(CHANNELS.map((c) => [c, { ratePerSecond: 1000, concurrency: 8 }])) as typeof t.config.channels.limits;
  registry = channelRegistry({ ...t.config.channels, limits }, [email], (id) => `http://tifli.test/unsubscribe?t=${id}`);
  slow = await subscribe(34.015, -6.835);
  lost = await subscribe(34.02, -6.84);
  for (let i = 0; i < 20; i += 1) crowd.push(await subscribe(34.01 + i / 10_000, -6.83));
  const demo = await seedDemo(t);
  const alert = await findAlertByPublicId(t.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
  assert.ok(alert);
  const d = await t.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', alert.id).where('channel', '=', 'email').executeTakeFirstOrThrow();
  dispatchId = d.id;
  await planDispatch(t, registry, dispatchId);
});
after(() => t.close());

test('two jobs on the same range at once send each delivery once', async () => {
  provider.timeOut.add(slow);
  provider.timeOut.add(lost);
  await Promise.all([deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS), deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS)]);
  for (const key of [...crowd, slow, lost]) assert.equal(sentTo(key), 1, 'one message per subscriber');
  for (const key of crowd) assert.equal((await deliveryOf(key)).status, 'sent');
});

test('a call abandoned at its timeout stays uncertain, and the provider’s receipt settles it: no second message', async () => {
  const uncertain = await deliveryOf(slow);
  assert.deepEqual([uncertain.status, uncertain.error_code], ['sending', 'timeout']);
  clock.advance(WINDOW_MS / 2);
  await deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS);
  assert.equal(sentTo(slow), 1, 'nothing is resent inside the reconciliation window');
  const sent = provider.accepted.find((d) => d.recipient.key === slow);
  assert.ok(sent);
  assert.equal(await recordProviderReceipt(t, { channel: 'email', providerRef: 'late-ref', status: 'delivered', idempotencyKey: sent.idempotencyKey }), true);
  assert.equal((await deliveryOf(slow)).status, 'sent');
  clock.advance(WINDOW_MS);
  await deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS);
  assert.equal(sentTo(slow), 1);
});

test('without a receipt, the abandoned call is sent again once the window has passed, and only once', async () => {
  // `lost` timed out in the first test too, and no receipt came for it.
  await Promise.all([deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS), deliverBatch(t, registry, { dispatchId, ...all }, WINDOW_MS)]);
  assert.equal(sentTo(lost), 2);
  const row = await deliveryOf(lost);
  assert.deepEqual([row.status, row.attempts], ['sent', 2]);
  const d = await t.store.db.selectFrom('dispatches').select(['total', 'sent']).where('id', '=', dispatchId).executeTakeFirstOrThrow();
  assert.deepEqual([d.sent, d.total], [22, 22], 'the counters agree with the rows');
});

test('a job starved past the window between its claims and its calls sends nothing another job took over', async () => {
  // The same dispatch planned afresh: its deliveries and counters cleared, the provider's record too.
  await t.store.db.deleteFrom('deliveries').where('dispatch_id', '=', dispatchId).execute();
  await t.store.db.updateTable('dispatches').set({ planned: false, plan_cursor: null, total: 0, sent: 0, skipped: 0, dead: 0, deferred: 0, status: 'queued' }).where('id', '=', dispatchId).execute();
  await planDispatch(t, registry, dispatchId);
  provider.accepted.length = 0;
  const fresh = dispatchId;
  const onFresh = sentTo;

  // The first job claims, then waits for the limiter (a starved process); the window passes; a second
  // job judges the claims abandoned, claims them again and sends them once the limiter lets it.
  registry.limiter('email').pause(400);
  const starved = deliverBatch(t, registry, { dispatchId: fresh, ...all }, WINDOW_MS);
  for (let i = 0; i < 100; i += 1) {
    const claimed = await t.store.db.selectFrom('deliveries').select('recipient').where('dispatch_id', '=', fresh).where('status', '=', 'sending').execute();
    if (claimed.length === 22) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  clock.advance(WINDOW_MS + 1_000);
  await Promise.all([starved, deliverBatch(t, registry, { dispatchId: fresh, ...all }, WINDOW_MS)]);
  for (const key of [...crowd, slow, lost]) assert.equal(onFresh(key), 1, 'one message per subscriber');
  const d = await t.store.db.selectFrom('dispatches').select(['total', 'sent']).where('id', '=', fresh).executeTakeFirstOrThrow();
  assert.deepEqual([d.sent, d.total], [22, 22]);
});
