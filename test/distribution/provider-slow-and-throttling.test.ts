/**
 * A provider throttling us, or answering too slowly, for a long time (issue #9, fault injection). The
 * real workers run in-process against loopback providers (test/peers) and an alert near Rabat is
 * published to some tens of subscribers. Each test ends with the verdict from the providers' own
 * records: every recipient got the alert exactly once, nobody twice, nothing lost.
 *
 * 1. Throttled: for FAULT_THROTTLE_SECONDS (default 60) the WhatsApp Cloud API refuses every message
 *    with HTTP 429, Graph error 130429 and `Retry-After: 5`, and the SMSC answers every submit_sm with
 *    ESME_RTHROTTLED (no delay given: the platform waits its base delay, 2 s). Each channel waits out
 *    the delay as a whole (its rate limiter holds every send, those already given a slot included), so
 *    after the round already under way it tries about once per delay, and never tries a subscriber
 *    again sooner. A throttled try counts as an attempt (the counters match the providers' logs), but
 *    as each channel waits as a whole, a minute's throttle costs a subscriber a few of its eight:
 *    nobody lands in the dead-letter list, and once the throttle lifts everyone gets the alert.
 * 2. Slow: for FAULT_SLOW_SECONDS (default 30) the WhatsApp Cloud API answers after 2.5 × the
 *    platform's timeout (CHANNEL_TIMEOUT_MS, here 1 s) but takes every message all the same and posts
 *    its signed 'sent' status carrying our callback data. Every call times out, each claim stays
 *    uncertain, and the receipts settle them inside the reconciliation window: nothing is sent again,
 *    every delivery is 'sent' with the peer's wamid.
 *
 * @example
 *   node --test test/distribution/provider-slow-and-throttling.test.ts
 *   FAULT_THROTTLE_SECONDS=20 FAULT_SLOW_SECONDS=10 node --test test/distribution/provider-slow-and-throttling.test.ts
 */
import { test, type TestContext as NodeTestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { RunningClock } from '../../src/platform/clock.ts';
import { startWhatsAppPeer, type PeerOptions, type WhatsAppPeer, whatsappEnv } from '../peers/whatsapp-peer.ts';
import { startSmppPeer, type SmppPeer } from '../peers/smpp-peer.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { DEFAULT_CHANNEL_LIMITS } from '../../src/config/channels-config.ts';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/distribution/retry-policy.ts';
import { insertSmsSubscribers, insertWhatsAppSubscribers } from '../crash/bulk-subscribers.ts';

const THROTTLE_MS = Number(process.env.FAULT_THROTTLE_SECONDS ?? 60) * 1000;
const SLOW_MS = Number(process.env.FAULT_SLOW_SECONDS ?? 30) * 1000;
/** The demo alert's last-seen point (Rabat). */
const RABAT = { lat: 34.0134, lon: -6.8326 };
const WA_COUNT = 40;
const SMS_COUNT = 10;
const RETRY_AFTER_MS = 5_000;
/** SMPP gives no delay: the platform waits its retry policy's base delay. */
const SMPP_WAIT_MS = DEFAULT_RETRY_POLICY.baseDelayMs;
const TIMEOUT_MS = 1_000;
const RECONCILE_S = 10;

type Channel = 'whatsapp' | 'sms';

interface Delivery {
  readonly address: string;
  readonly status: string;
  readonly attempts: number;
  readonly provider_ref: string | null;
}

interface Rig {
  readonly t: TestContext;
  readonly whatsapp: WhatsAppPeer;
  /** Null unless asked for (SMS off). */
  readonly smpp: SmppPeer | null;
  /** Publishes the demo alert; returns its id. */
  readonly publish: () => Promise<string>;
  /** The publication's dispatch on a channel. */
  readonly dispatch: (channel: Channel) => Promise<{ id: string; status: string; planned: boolean; total: number; sent: number; dead: number }>;
  /** Its deliveries, with each subscriber's number. */
  readonly deliveries: (dispatchId: string) => Promise<Delivery[]>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** A fresh database, the peers, the workers (and the webhook route when `webhooks`), torn down after the test. */
async function rig(c: NodeTestContext, options: { env: Record<string, string>; whatsapp: PeerOptions; smpp: boolean; webhooks: boolean }): Promise<Rig> {
  // Torn down in reverse order: workers, the route, the database, the peers.
  const teardown: (() => Promise<unknown>)[] = [];
  c.after(async () => {
    for (const close of teardown.reverse()) await close();
  });
  const whatsapp = await startWhatsAppPeer({ pairRateMs: 0, ...options.whatsapp });
  teardown.push(() => whatsapp.close());
  const smpp = options.smpp ? await startSmppPeer() : null;
  if (smpp) teardown.push(() => smpp.close());
  const t = await createTestContext({
    clock: new RunningClock('2026-11-22T10:00:00.000Z'),
    env: {
      ...whatsappEnv(whatsapp, 'verify-token-123'),
      GRAPH_API_VERSION: whatsapp.version,
      ...(smpp ? { SMPP_URL: smpp.url, SMPP_SYSTEM_ID: 'tifli', SMPP_PASSWORD: 'secret12' } : {}),
      ALERT_QUIET_HOURS: 'off',
      ZONE_STEP_MINUTES: String(24 * 60),
      ...options.env,
    },
  });
  teardown.push(() => t.close());
  if (options.webhooks) {
    // Meta's status webhooks reach the real route, signed with the app secret, as in production.
    const app = await buildHttpApp(t);
    await app.listen({ host: '127.0.0.1', port: 0 });
    teardown.push(() => app.close());
    whatsapp.setCallbackUrl(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/whatsapp`);
  }
  const registry = await startWorkers(t.queue.boss, t, { pollingIntervalSeconds: 0.5 });
  teardown.push(() => registry.close());
  let alertId = '';
  return {
    t,
    whatsapp,
    smpp,
    publish: async () => {
      const demo = await seedDemo(t);
      const alert = await findAlertByPublicId(t.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
      assert.ok(alert);
      alertId = alert.id;
      return alert.id;
    },
    dispatch: (channel) =>
      t.store.db
        .selectFrom('dispatches')
        .select(['id', 'status', 'planned', 'total', 'sent', 'dead'])
        .where('alert_id', '=', alertId)
        .where('version', '=', 1)
        .where('channel', '=', channel)
        .executeTakeFirstOrThrow(),
    deliveries: async (dispatchId) => {
      const rows = await t.store.db.selectFrom('deliveries').select(['recipient', 'status', 'attempts', 'provider_ref']).where('dispatch_id', '=', dispatchId).execute();
      // deliveries.recipient is text, subscriptions.id a uuid: matched here rather than in a join.
      const subs = await t.store.db.selectFrom('subscriptions').select(['id', 'address']).execute();
      const address = new Map(subs.map((s) => [s.id, s.address]));
      return rows.map(({ recipient, ...d }) => ({ address: address.get(recipient) ?? recipient, ...d }));
    },
  };
}

/** Times (ms) grouped by number, in the items' order. */
function byNumber<T>(items: readonly T[], number: (item: T) => string, at: (item: T) => Date): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const item of items) m.set(number(item), [...(m.get(number(item)) ?? []), at(item).getTime()]);
  return m;
}

/** How many numbers had 1, 2, … entries. */
function histogram(groups: ReadonlyMap<string, readonly number[]>): string {
  const h: Record<number, number> = {};
  for (const times of groups.values()) h[times.length] = (h[times.length] ?? 0) + 1;
  return JSON.stringify(h);
}

/**
 * How a channel's tries went during the throttle (their arrival times at the provider): at most one
 * round (the sends already past the limiter when the first refusal came back) in the first delay
 * window, then on average at most half a round per window, where a sender ignoring the delay makes a
 * full round every window. Usually it is one try per window, when the wait runs out; but an event loop
 * held up (by the embedded database, say) lets the slots that came due meanwhile through before the
 * refusal is read, so a round now and then.
 */
function assertPaced(c: NodeTestContext, label: string, times: readonly number[], waitMs: number, throttleEnds: number, round: number): void {
  const firstAt = times[0] ?? 0;
  const firstRound = times.filter((at) => at < firstAt + waitMs).length;
  const later = times.length - firstRound;
  const windows = Math.ceil((throttleEnds - firstAt) / waitMs) - 1;
  c.diagnostic(`${label}: ${firstRound} tries in the first ${waitMs / 1000} s window, then ${later} in ${windows} windows`);
  assert.ok(times.length > 0, `${label}: tried during the throttle`);
  assert.ok(firstRound <= round, `${label}: ${firstRound} tries before the first wait ran out`);
  assert.ok(later <= (round / 2) * windows, `${label}: ${later} tries in ${windows} windows`);
}

/** No subscriber tried again sooner than the wait asked after a refusal (times in arrival order, per number). */
function assertWaited(label: string, refusals: ReadonlyMap<string, readonly number[]>, tries: ReadonlyMap<string, readonly number[]>, waitMs: number): void {
  for (const [number, refused] of refusals) {
    const all = tries.get(number) ?? [];
    for (const at of refused) {
      const next = all.find((t) => t > at);
      if (next !== undefined) assert.ok(next - at >= waitMs - 50, `${label}: ${number} tried again ${next - at} ms after a refusal`);
    }
  }
}

test(`WhatsApp (429, 130429, Retry-After) and SMS (ESME_RTHROTTLED) throttle for ${THROTTLE_MS / 1000} s: the delays are honoured and each subscriber gets the alert exactly once`, { timeout: THROTTLE_MS + 150_000 }, async (c) => {
  const { t, whatsapp, smpp, publish, dispatch, deliveries } = await rig(c, { env: {}, whatsapp: {}, smpp: true, webhooks: false });
  assert.ok(smpp);
  const wa = await insertWhatsAppSubscribers(t.store.db, { count: WA_COUNT, ...RABAT, prefix: '0' });
  const sms = await insertSmsSubscribers(t.store.db, { count: SMS_COUNT, ...RABAT, prefix: '2' });

  const throttleEnds = Date.now() + THROTTLE_MS;
  whatsapp.failUntil(throttleEnds, { code: 130429, status: 429, retryAfter: String(RETRY_AFTER_MS / 1000) });
  smpp.throttleUntil(throttleEnds);
  await publish();
  await sleep(throttleEnds - Date.now());

  const waDuring = whatsapp.requestLog.filter((r) => r.at.getTime() < throttleEnds);
  assert.ok(waDuring.every((r) => r.status === 429), 'WhatsApp refused every try during the throttle');
  assert.equal(whatsapp.accepted.length + smpp.messages.length, 0, 'nothing got through while throttled');
  assertPaced(c, 'WhatsApp', waDuring.map((r) => r.at.getTime()), RETRY_AFTER_MS, throttleEnds, DEFAULT_CHANNEL_LIMITS.whatsapp.concurrency);
  assertPaced(c, 'SMS', smpp.throttled.map((r) => r.at.getTime()), SMPP_WAIT_MS, throttleEnds, DEFAULT_CHANNEL_LIMITS.sms.concurrency);

  // The providers are back: what waited goes out. A throttled try is an attempt, but each channel
  // waits as a whole, so a minute's throttle costs a subscriber a few of its eight: no dead letters
  // (a throttle outlasting them all ends as an outage does: provider-outage.test.ts).
  const settled = async (channel: Channel) => {
    const d = await dispatch(channel);
    return d.planned && ['sent', 'partially_failed', 'failed'].includes(d.status) ? d : undefined;
  };
  const waDone = await until('WhatsApp settled', () => settled('whatsapp'), 90_000);
  const smsDone = await until('SMS settled', () => settled('sms'), 90_000);
  c.diagnostic(`after the throttle: WhatsApp ${waDone.status} (${waDone.sent}/${waDone.total}), SMS ${smsDone.status} (${smsDone.sent}/${smsDone.total})`);
  assert.deepEqual([waDone.status, waDone.sent, waDone.dead], ['sent', WA_COUNT, 0], 'WhatsApp: every delivery sent, none in the dead letters');
  assert.deepEqual([smsDone.status, smsDone.sent, smsDone.dead], ['sent', SMS_COUNT, 0], 'SMS: every delivery sent, none in the dead letters');

  // The delays held for each subscriber too: never tried again sooner than asked.
  const waTries = byNumber(whatsapp.requestLog, (r) => r.to ?? '', (r) => r.at);
  assertWaited('WhatsApp', byNumber(waDuring, (r) => r.to ?? '', (r) => r.at), waTries, RETRY_AFTER_MS);
  const smsRefused = byNumber(smpp.throttled, (r) => r.destination, (r) => r.at);
  const smsTries = byNumber([...smpp.throttled.map((r) => ({ destination: r.destination, at: r.at })), ...smpp.messages.map((m) => ({ destination: m.destination, at: m.receivedAt }))].sort((x, y) => x.at.getTime() - y.at.getTime()), (r) => r.destination, (r) => r.at);
  assertWaited('SMS', smsRefused, smsTries, SMPP_WAIT_MS);
  c.diagnostic(`tries per subscriber (tries: subscribers): WhatsApp ${histogram(waTries)}, SMS ${histogram(smsTries)}`);

  // The attempt counters match the providers' logs: throttled tries are attempts.
  const waRows = await deliveries(waDone.id);
  for (const d of waRows) assert.equal(d.attempts, waTries.get(d.address)?.length, 'WhatsApp attempts count the throttled tries');
  for (const d of await deliveries(smsDone.id)) assert.equal(d.attempts, smsTries.get(d.address.slice(1))?.length, 'SMS attempts count the throttled tries');

  // The verdict, from the providers' records.
  const waCounts = byNumber(whatsapp.accepted, (m) => m.to, (m) => m.at);
  assert.deepEqual(wa.addresses.filter((n) => waCounts.get(n)?.length !== 1), [], 'each WhatsApp subscriber exactly once');
  assert.equal(whatsapp.accepted.length, WA_COUNT);
  const wamids = new Map(whatsapp.accepted.map((m) => [m.to, m.id]));
  for (const d of waRows) assert.deepEqual([d.status, d.provider_ref], ['sent', wamids.get(d.address)], 'recorded sent with the wamid the peer gave');
  const smsCounts = byNumber(smpp.messages, (m) => `+${m.destination}`, (m) => m.receivedAt);
  assert.deepEqual(sms.addresses.filter((n) => smsCounts.get(n)?.length !== 1), [], 'each SMS subscriber exactly once');
  assert.equal(smpp.messages.length, SMS_COUNT);
});

test(`WhatsApp answers after the timeout for ${SLOW_MS / 1000} s but takes every message: receipts settle the timed-out calls, nobody gets it twice`, { timeout: SLOW_MS + 120_000 }, async (c) => {
  const { t, whatsapp, publish, dispatch, deliveries } = await rig(c, {
    env: {
      CHANNEL_TIMEOUT_MS: String(TIMEOUT_MS),
      DELIVERY_RECONCILE_SECONDS: String(RECONCILE_S),
      // Two sends in flight: the slow answers pace the fan-out (a second per pair), so it lasts about
      // 20 s, longer than the reconciliation window: early claims' windows run out while later ones
      // are still being sent, and the follow-up jobs must find them settled, not send them again.
      CHANNEL_LIMITS: 'whatsapp=80:2',
    },
    whatsapp: { autoStatuses: { statuses: ['sent', 'delivered'] } },
    smpp: false,
    webhooks: true,
  });
  const wa = await insertWhatsAppSubscribers(t.store.db, { count: WA_COUNT, ...RABAT, prefix: '1' });

  whatsapp.slowUntil(Date.now() + SLOW_MS, 2.5 * TIMEOUT_MS, { acceptLate: true });
  await publish();

  const done = await until('the dispatch sent', async () => {
    const d = await dispatch('whatsapp');
    return d.status === 'sent' ? d : undefined;
  }, SLOW_MS + 90_000);
  await whatsapp.settled();
  const late = whatsapp.accepted.filter((m) => m.late).length;
  const timeouts = t.logLines.filter((l) => l.includes('"code":"timeout"') && l.includes('delivery failed')).length;
  c.diagnostic(`${late} of ${whatsapp.accepted.length} messages taken after the platform had given up; ${timeouts} timeouts logged; ${whatsapp.webhooks.length} status webhooks`);
  assert.ok(late > 0, 'the fault took effect: the provider took messages the platform had abandoned');
  // Every late message was a timeout for the platform; a loaded machine may also time out a call before
  // it reaches the provider at all (that one is simply sent again after the window, still once).
  assert.ok(timeouts >= late, `every late message was a timeout for the platform (${timeouts} timeouts, ${late} late)`);
  assert.ok(whatsapp.webhooks.every((w) => w.status === 200), 'every status webhook accepted');

  const counts = byNumber(whatsapp.accepted, (m) => m.to, (m) => m.at);
  assert.deepEqual(wa.addresses.filter((n) => counts.get(n)?.length !== 1), [], 'each WhatsApp subscriber exactly once');
  assert.equal(whatsapp.accepted.length, WA_COUNT, 'no second message');
  assert.equal(done.sent, WA_COUNT);
  const wamids = new Map(whatsapp.accepted.map((m) => [m.to, m.id]));
  const lateTo = new Set(whatsapp.accepted.filter((m) => m.late).map((m) => m.to));
  for (const d of await deliveries(done.id)) {
    assert.deepEqual([d.status, d.provider_ref], ['sent', wamids.get(d.address)], 'recorded sent with the wamid the provider gave');
    if (lateTo.has(d.address)) assert.equal(d.attempts, 1, 'a late message is settled by its receipt: sent once, with the wamid the platform never saw in an answer');
  }
});
