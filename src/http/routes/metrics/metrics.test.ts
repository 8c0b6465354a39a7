/**
 * GET /metrics as Prometheus and an operator see it: the exposition format; queue depths, deliveries
 * by channel and status, alerts by state and tips waiting, read from the database; tips counted by
 * source; decision-to-delivery latency observed once per dispatch; HTTP requests by route template;
 * the process's resident memory. Only the scraper may read it, and it names nobody.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { seedDemo } from '../../../app/demo/seed-demo.ts';
import { refreshDispatchStatus } from '../../../app/distribution/deliver-batch.ts';
import { createApiToken } from '../../../../test/support/auth.ts';

let t: TestContext;
let app: HttpApp;
let alertId = '';

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  const demo = await seedDemo(t);
  const alert = await t.store.db.selectFrom('alerts').select('id').where('public_id', '=', demo.activeAlertUrl.split('/').pop() ?? '').executeTakeFirstOrThrow();
  alertId = alert.id;
});
after(async () => {
  await app?.close();
  await t?.close();
});

const scrape = async () => {
  const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
  assert.equal(res.statusCode, 200, res.body);
  return res;
};

/** The value of one sample line, e.g. value(text, 'tifli_alerts{state="active"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

test('the exposition names queue depths, alerts by state and the process’s memory, in Prometheus text format', async () => {
  await app.inject({ method: 'GET', url: '/healthz' });
  const res = await scrape();
  assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.ok((value(res.body, 'tifli_alerts{state="active"}') ?? 0) >= 1, 'the demo alert is active');
  assert.ok(/^tifli_queue_jobs\{queue="[^"]+",state="(created|retry|active)"\} \d+$/m.test(res.body), 'the demo queued jobs');
  assert.ok((value(res.body, 'tifli_process_resident_memory_bytes') ?? 0) > 10_000_000, 'resident memory is reported');
  assert.ok((value(res.body, 'tifli_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}') ?? 0) >= 1, 'requests by route template');
});

test('deliveries by channel and status come from the dispatches; the latency of a finished dispatch is observed once', async () => {
  const id = randomUUID();
  const at = new Date(t.clock.now().getTime() - 1500);
  await t.store.db
    .insertInto('dispatches')
    .values({ id, alert_id: alertId, version: 1, channel: 'sms', action: 'publish', status: 'sending', planned: true, total: 10, sent: 6, skipped: 1, dead: 1, deferred: 0, plan_cursor: null, retracted_at: null, created_at: at, updated_at: at })
    .execute();
  let text = (await scrape()).body;
  assert.equal(value(text, 'tifli_deliveries{channel="sms",status="sent"}'), 6);
  assert.equal(value(text, 'tifli_deliveries{channel="sms",status="dead"}'), 1);
  assert.equal(value(text, 'tifli_deliveries{channel="sms",status="pending"}'), 2);
  assert.equal(value(text, 'tifli_decision_to_delivery_seconds_count{channel="sms"}'), undefined, 'nothing finished yet');

  await t.store.db.updateTable('dispatches').set({ sent: 8, dead: 0, skipped: 2 }).where('id', '=', id).execute();
  await refreshDispatchStatus(t, id);
  await refreshDispatchStatus(t, id);
  text = (await scrape()).body;
  assert.equal(value(text, 'tifli_decision_to_delivery_seconds_count{channel="sms"}'), 1, 'observed once, however often the status is refreshed');
  assert.equal(value(text, 'tifli_decision_to_delivery_seconds_bucket{le="2",channel="sms"}'), 1, '1.5 s after the decision: within the 2 s bucket');
  assert.equal(value(text, 'tifli_decision_to_delivery_seconds_bucket{le="1",channel="sms"}'), 0);
});

test('each committed tip counts once by its source; tips still new are the triage queue', async () => {
  const before = (await scrape()).body;
  const token = await createApiToken(t, { scopes: ['tips:write'] });
  const res = await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/tips`, headers: { ...token, 'idempotency-key': 'metrics-tip-1' }, payload: { seen: 'Vue près du marché central avec un sac bleu' } });
  assert.equal(res.statusCode, 201, res.body);
  const again = await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/tips`, headers: { ...token, 'idempotency-key': 'metrics-tip-1' }, payload: { seen: 'Vue près du marché central avec un sac bleu' } });
  assert.equal(again.statusCode, 200, 'the replay answers the same tip');
  const { source } = await t.store.db.selectFrom('tips').select('source').where('id', '=', res.json<{ id: string }>().id).executeTakeFirstOrThrow();
  const sample = `tifli_tips_received_total{source="${source}"}`;
  const text = (await scrape()).body;
  assert.equal(value(text, sample), (value(before, sample) ?? 0) + 1, 'a replay is not a new tip');
  assert.ok((value(text, 'tifli_tips_awaiting_triage') ?? 0) >= 1);
});

test('only the scraper reads it: loopback without a proxy, or the bearer token when one is set', async () => {
  for (const request of [
    { remoteAddress: '203.0.113.9' },
    { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } },
  ]) {
    const res = await app.inject({ method: 'GET', url: '/metrics', ...request });
    assert.equal(res.statusCode, 401, JSON.stringify(request));
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(res.json<{ code: string }>().code, 'authentication_required');
  }
  const token = 'scrape-token-0123456789abcdef';
  const guarded = await createTestContext({ env: { METRICS_TOKEN: token } });
  const guardedApp = await buildHttpApp(guarded);
  try {
    assert.equal((await guardedApp.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode, 401, 'with a token, loopback alone is not enough');
    assert.equal((await guardedApp.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${token}x` } })).statusCode, 401);
    assert.equal((await guardedApp.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  } finally {
    await guardedApp.close();
    await guarded.close();
  }
});

test('the exposition names nobody: no child, no reference, no raw path', async () => {
  await app.inject({ method: 'GET', url: `/api/alerts/${alertId}` });
  const text = (await scrape()).body;
  const cases = await t.store.db.selectFrom('cases').select('reference').execute();
  for (const c of cases) assert.ok(!text.includes(c.reference), 'no case reference');
  for (const name of ['Adam', 'Salma', 'آدم', 'سلمى', 'Exercice']) assert.ok(!text.includes(name), `no name (${name})`);
  assert.ok(!text.includes(alertId), 'routes are templates, never paths with ids');
  assert.ok(text.includes('route="/api/alerts/:id"'));
});
