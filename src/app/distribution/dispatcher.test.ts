/**
 * The dispatcher end to end on the database: publication queues one dispatch per channel in the same
 * transaction, planning finds the subscribers inside the zone, delivery applies the fatigue rules,
 * retries, dead letters, officer retry, dropped addresses, and the Cancel's retraction. The channel
 * here is a scripted adapter (the adapters themselves are tested against protocol peers); what is
 * under test is the dispatcher's bookkeeping.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { findAlertByPublicId } from '../../store/repositories/alerts.repository.ts';
import { findUserByUsername } from '../../store/repositories/users.repository.ts';
import { cellRange } from '../../domain/zone/cell-ranges.ts';
import { DeliveryError, type DeliveryFailure } from '../../domain/distribution/delivery-failure.ts';
import type { UserActor } from '../../domain/actor.ts';
import type { ChannelAdapter, Delivery } from './channel-port.ts';
import { type ChannelRegistry, channelRegistry } from './channel-registry.ts';
import { CHANNELS } from '../../domain/distribution/channels.ts';
import { planDispatch } from './plan-dispatch.ts';
import { deliverBatch } from './deliver-batch.ts';
import { listDeadLetters, retryDeadLetters } from './alert-distribution.ts';
import { recordProviderReceipt } from './provider-receipts.ts';
import { endAlert } from '../alerts/alert-actions.ts';
import { runAlertTick } from '../alerts/alert-tick.ts';
import { DISPATCH_PLAN_QUEUE } from '../../jobs/queues.ts';

// Daytime in Morocco, so quiet hours do not interfere unless a test asks for them.
const clock = new ManualClock('2026-11-23T10:00:00Z');
let t: TestContext;

interface Scripted extends ChannelAdapter {
  readonly calls: Delivery[];
  /** Failures to throw for a recipient, consumed in order. */
  readonly fail: Map<string, DeliveryFailure[]>;
}

function scripted(channel: ChannelAdapter['channel'], targets?: string[]): Scripted {
  const calls: Delivery[] = [];
  const fail = new Map<string, DeliveryFailure[]>();
  return {
    channel,
    calls,
    fail,
    ...(targets ? { targets: () => targets } : {}),
    deliver(d) {
      const next = fail.get(d.recipient.key)?.shift();
      if (next) return Promise.reject(new DeliveryError(next));
      calls.push(d);
      return Promise.resolve({ providerRef: `ref-${calls.length}` });
    },
  };
}

const email = scripted('email');
const webhook = scripted('webhook', ['press']);
const police = scripted('police_notice', ['MA-RAB-U1', 'MA-CAS-U1']);
let registry: ChannelRegistry;

async function subscribe(lat: number, lon: number, options: { quiet?: { start: string; end: string } } = {}): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await t.store.db
    .insertInto('subscriptions')
    .values({
      id,
      channel: 'email',
      status: 'active',
      address: `${id.slice(0, 8)}@example.test`,
      address_key: id,
      push_keys: null,
      languages: ['fr-MA'],
      area: JSON.stringify({ kind: 'circle', lat, lon, radiusKm: 1 }),
      quiet_hours: options.quiet ? JSON.stringify(options.quiet) : null,
      consent: JSON.stringify({ at: now.toISOString(), channel: 'email', wordingVersion: 'test' }),
      created_at: now,
      updated_at: now,
      confirmed_at: now,
    })
    .execute();
  const cell = latLngToCell(lat, lon, 6);
  const r = cellRange(cell);
  await t.store.db.insertInto('subscription_cells').values({ subscription_id: id, channel: 'email', cell: r.cell.toString(), lo: r.lo.toString(), hi: r.hi.toString() }).execute();
  return id;
}

async function dispatchesOf(alertId: string, version: number) {
  return t.store.db.selectFrom('dispatches').selectAll().where('alert_id', '=', alertId).where('version', '=', version).orderBy('channel').execute();
}

async function runAll(alertId: string, version: number): Promise<void> {
  for (const d of await dispatchesOf(alertId, version)) {
    await planDispatch(t, registry, d.id);
    await deliverBatch(t, registry, { dispatchId: d.id, from: '', to: '~' });
  }
}

async function deliveryOf(alertId: string, version: number, recipient: string) {
  return t.store.db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .selectAll('d')
    .where('p.alert_id', '=', alertId)
    .where('p.version', '=', version)
    .where('p.channel', '=', 'email')
    .where('d.recipient', '=', recipient)
    .executeTakeFirst();
}

let alertId = '';
let officer: UserActor;
const subs: Record<string, string> = {};

before(async () => {
  t = await createTestContext({ clock, env: { SMTP_URL: 'smtp://127.0.0.1:2', PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: 'https://press.example/hook', secret: 'x'.repeat(20) }]) } });
  const limits = Object.fromEntries(CHANNELS.map((c) => [c, { ratePerSecond: 1000, concurrency: 8 }])) as typeof t.config.channels.limits;
  registry = channelRegistry({ ...t.config.channels, limits }, [email, webhook, police], (id) => `http://tifli.test/unsubscribe?t=${id}`);
  subs.rabat = await subscribe(34.015, -6.835);
  subs.throttled = await subscribe(34.02, -6.84);
  subs.broken = await subscribe(34.01, -6.83);
  subs.gone = await subscribe(34.03, -6.85);
  subs.sleeper = await subscribe(34.0, -6.82, { quiet: { start: '00:00', end: '23:59' } });
  subs.marrakech = await subscribe(31.63, -8.0);
  email.fail.set(subs.throttled, [{ kind: 'throttled', code: 'test_429', retryAfterMs: 30_000 }]);
  email.fail.set(subs.broken, Array.from({ length: 20 }, () => ({ kind: 'permanent' as const, code: 'test_554' })));
  email.fail.set(subs.gone, [{ kind: 'gone', code: 'test_410' }]);
  const demo = await seedDemo(t);
  const alert = await findAlertByPublicId(t.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
  assert.ok(alert);
  alertId = alert.id;
  // A 'high' tier (not critical): the subscriber's quiet hours apply.
  await sql`UPDATE cases SET assessment = jsonb_set(assessment, '{priority}', '"high"') WHERE id = ${alert.case_id}`.execute(t.store.db);
  const row = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  assert.ok(row);
  officer = { kind: 'user', id: row.id, username: row.username, role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
});
after(() => t.close());

test('publishing queues one dispatch and one planning job per enabled channel, in the same transaction', async () => {
  const rows = await dispatchesOf(alertId, 1);
  assert.deepEqual(rows.map((r) => `${r.channel}:${r.action}:${r.status}`), ['email:publish:queued', 'police_notice:publish:queued', 'webhook:publish:queued']);
  const jobs = await t.queue.boss.findJobs(DISPATCH_PLAN_QUEUE);
  for (const r of rows) assert.ok(jobs.some((j) => (j.data as { dispatchId?: string }).dispatchId === r.id), `a planning job for ${r.channel}`);
});

test('delivery reaches exactly the subscribers inside the zone, once, and respects their quiet hours', async () => {
  await runAll(alertId, 1);
  const reached = email.calls.map((c) => c.recipient.key);
  assert.ok(reached.includes(subs.rabat!), 'the subscriber in Rabat');
  assert.ok(!reached.includes(subs.marrakech!), 'not the one in Marrakech');
  assert.equal(new Set(reached).size, reached.length, 'no one twice');
  assert.equal((await deliveryOf(alertId, 1, subs.sleeper!))?.status, 'deferred', 'quiet hours defer a non-critical push');
  const rabat = email.calls.find((c) => c.recipient.key === subs.rabat);
  assert.equal(rabat?.recipient.unsubscribeUrl, `http://tifli.test/unsubscribe?t=${subs.rabat}`);
  assert.equal(rabat?.recipient.language, 'fr-MA');
  assert.equal(rabat?.message.view.state, 'active');
  assert.deepEqual(webhook.calls.map((c) => c.recipient.key), ['press']);
  assert.deepEqual(police.calls.map((c) => c.recipient.key).sort(), ['MA-CAS-U1', 'MA-RAB-U1']);
});

test('a throttled delivery is retried after the provider’s delay; a permanent failure lands in the dead letters; a gone address is unsubscribed', async () => {
  const throttled = await deliveryOf(alertId, 1, subs.throttled!);
  assert.equal(throttled?.status, 'pending');
  assert.equal(throttled?.error_code, 'test_429');
  assert.ok((throttled?.next_attempt_at?.getTime() ?? 0) >= clock.now().getTime() + 30_000, 'not before Retry-After');
  assert.equal((await deliveryOf(alertId, 1, subs.broken!))?.status, 'dead', 'a permanent failure is not retried');
  assert.equal((await deliveryOf(alertId, 1, subs.gone!))?.status, 'dead');
  const gone = await t.store.db.selectFrom('subscriptions').select('status').where('id', '=', subs.gone!).executeTakeFirst();
  assert.equal(gone?.status, 'unsubscribed');
  assert.equal((await t.store.db.selectFrom('subscription_cells').select('cell').where('subscription_id', '=', subs.gone!).execute()).length, 0);

  clock.advance(31_000);
  const [emailDispatch] = (await dispatchesOf(alertId, 1)).filter((d) => d.channel === 'email');
  assert.ok(emailDispatch);
  await deliverBatch(t, registry, { dispatchId: emailDispatch.id, from: '', to: '~' });
  assert.equal((await deliveryOf(alertId, 1, subs.throttled!))?.status, 'sent');

  const dead = await listDeadLetters(t, officer, alertId, 50);
  assert.deepEqual(dead.map((d) => d.errorCode).sort(), ['test_410', 'test_554']);
  assert.ok(dead.every((d) => !JSON.stringify(d).includes('@')), 'dead letters name no address');
  const after = (await dispatchesOf(alertId, 1)).find((d) => d.channel === 'email');
  assert.equal(after?.status, 'sending', 'the deferred delivery keeps the dispatch open');
  assert.deepEqual([after?.sent, after?.dead, after?.deferred], [2, 2, 1]);
});

test('an officer retries the dead letters with a fresh set of attempts', async () => {
  email.fail.delete(subs.broken!);
  const requeued = await retryDeadLetters(t, officer, alertId, { channel: 'email' });
  assert.equal(requeued, 2);
  const [d] = (await dispatchesOf(alertId, 1)).filter((x) => x.channel === 'email');
  assert.ok(d);
  await deliverBatch(t, registry, { dispatchId: d.id, from: '', to: '~' });
  assert.equal((await deliveryOf(alertId, 1, subs.broken!))?.status, 'sent');
  assert.equal((await deliveryOf(alertId, 1, subs.gone!))?.status, 'skipped', 'an unsubscribed address is not retried');
  const audit = await t.store.db.selectFrom('audit_log').select('action').where('action', '=', 'alert.delivery.retry').execute();
  assert.equal(audit.length, 1);
});

test('a zone growth Update is not pushed again to those who already received the alert', async () => {
  const before = email.calls.length;
  clock.advance(31 * 60_000);
  await runAlertTick(t);
  await runAll(alertId, 2);
  const again = email.calls.slice(before).map((c) => c.recipient.key);
  assert.ok(!again.includes(subs.rabat!));
  assert.equal((await deliveryOf(alertId, 2, subs.rabat!))?.skip_reason, 'not_news');
});

test('a claim left uncertain by a dead worker is settled by the provider’s receipt carrying our key, not sent twice', async () => {
  const [d] = (await dispatchesOf(alertId, 2)).filter((x) => x.channel === 'email');
  assert.ok(d);
  const ghost = await subscribe(34.021, -6.841);
  await t.store.db.insertInto('deliveries').values({ dispatch_id: d.id, recipient: ghost, status: 'sending', updated_at: clock.now() }).execute();
  await t.store.db.updateTable('dispatches').set({ total: d.total + 1 }).where('id', '=', d.id).execute();
  await deliverBatch(t, registry, { dispatchId: d.id, from: ghost, to: ghost });
  assert.equal((await deliveryOf(alertId, 2, ghost))?.status, 'sending', 'inside the reconciliation window nothing is resent');
  assert.equal(await recordProviderReceipt(t, { channel: 'email', providerRef: 'late-ref', status: 'delivered', idempotencyKey: `${d.id}.${ghost}` }), true);
  const settled = await deliveryOf(alertId, 2, ghost);
  assert.deepEqual([settled?.status, settled?.provider_ref, settled?.provider_status], ['sent', 'late-ref', 'delivered']);
  clock.advance(5 * 60_000);
  const calls = email.calls.length;
  await deliverBatch(t, registry, { dispatchId: d.id, from: ghost, to: ghost });
  assert.equal(email.calls.length, calls);
});

test('ending the alert retracts on every channel that carried it, to the same recipients, with the earlier references', async () => {
  const received = await t.store.db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select('d.recipient')
    .distinct()
    .where('p.alert_id', '=', alertId)
    .where('p.channel', '=', 'email')
    .where('d.status', '=', 'sent')
    .execute();
  await endAlert(t, officer, alertId, 'found', 'Enfant retrouvé');
  const cancel = (await t.store.db.selectFrom('alerts').select('current_version').where('id', '=', alertId).executeTakeFirstOrThrow()).current_version;
  const retracts = await dispatchesOf(alertId, cancel);
  assert.deepEqual(retracts.map((r) => `${r.channel}:${r.action}`), ['email:retract', 'police_notice:retract', 'webhook:retract']);
  const before = email.calls.length;
  await runAll(alertId, cancel);
  const closing = email.calls.slice(before);
  assert.deepEqual(new Set(closing.map((c) => c.recipient.key)), new Set(received.map((r) => r.recipient)), 'everyone who received it, no one else');
  assert.equal(closing.length, received.length, 'once each');
  assert.ok(closing.every((c) => c.message.action === 'retract' && c.message.view.state === 'ended'));
  assert.ok(closing.every((c) => c.previousRefs.length >= 1), 'the earlier provider references come along');
  const v1 = await dispatchesOf(alertId, 1);
  assert.ok(v1.every((d) => d.status === 'retracted'), v1.map((d) => `${d.channel}:${d.status}`).join());
  assert.equal((await deliveryOf(alertId, 1, subs.sleeper!))?.status, 'deferred');
  const [d1] = v1.filter((x) => x.channel === 'email');
  assert.ok(d1);
  clock.advance(24 * 3_600_000);
  await deliverBatch(t, registry, { dispatchId: d1.id, from: '', to: '~' });
  assert.equal((await deliveryOf(alertId, 1, subs.sleeper!))?.skip_reason, 'alert_ended', 'a deferred push of an ended alert never goes out');
});
