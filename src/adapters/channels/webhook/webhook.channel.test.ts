import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHttpRecorder, type HttpRecorder } from '../../../../test/peers/http-recorder.ts';
import type { Delivery, OutboundAlert } from '../../../app/distribution/channel-port.ts';
import { type DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { createWebhookChannel, verifyPartnerSignature } from './webhook.channel.ts';
import { outboundAlert } from './outbound-alert.test-support.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const clock = new ManualClock('2026-11-22T10:00:00Z');
const SECRET_A = 'le360-secret-0123456789abcdef';
const SECRET_B = 'hespress-secret-0123456789abcdef';
let peer: HttpRecorder;
let channel: ReturnType<typeof createWebhookChannel>;

before(async () => {
  peer = await startHttpRecorder();
  channel = createWebhookChannel(
    [
      { id: 'le360', url: `${peer.url}/hooks/tifli`, secret: SECRET_A },
      { id: 'hespress', url: `${peer.url}/in?src=tifli`, secret: SECRET_B },
    ],
    { clock },
  );
});
after(() => peer.close());
beforeEach(() => peer.reset());

function delivery(key: string, message: OutboundAlert = outboundAlert('Alert'), over: Partial<Delivery> = {}): Delivery {
  return {
    idempotencyKey: 'd1f0a8f2c3b44e5f9a6b7c8d9e0f1a2b:webhook:' + key,
    message,
    recipient: { key, address: '', language: 'fr-MA', unsubscribeUrl: null },
    previousRefs: [],
    signal: AbortSignal.timeout(5_000),
    ...over,
  };
}


test('targets are the configured partners, in order', () => {
  assert.equal(channel.channel, 'webhook');
  assert.deepEqual(channel.targets?.(), ['le360', 'hespress']);
});

test('the partner receives the CAP document with the event headers and a signature it can verify', async () => {
  const message = outboundAlert('Alert');
  const receipt = await channel.deliver(delivery('le360', message));
  assert.equal(peer.requests.length, 1);
  const req = peer.requests[0];
  assert.ok(req);
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/hooks/tifli');
  assert.equal(req.headers['content-type'], 'application/cap+xml; charset=utf-8');
  assert.equal(req.body.toString('utf8'), message.capXml, 'the body is the version’s CAP document, byte for byte');
  assert.match(req.body.toString('utf8'), /<msgType>Alert<\/msgType>/);
  assert.equal(req.headers['x-tifli-event'], 'alert');
  assert.equal(req.headers['x-tifli-event-id'], delivery('le360').idempotencyKey);
  assert.equal(req.headers['x-tifli-timestamp'], String(Math.floor(clock.now().getTime() / 1000)));
  assert.deepEqual(verifyPartnerSignature(req.body, req.headers, SECRET_A, clock.now(), 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(req.body, req.headers, SECRET_B, clock.now(), 300), { ok: false, reason: 'bad_signature' }, 'each partner has its own secret');
  assert.equal(receipt.providerRef, delivery('le360').idempotencyKey);
});

test('updates and cancels are announced as such, each signed with the right partner’s secret', async () => {
  await channel.deliver(delivery('hespress', outboundAlert('Update')));
  await channel.deliver(delivery('hespress', outboundAlert('Cancel')));
  assert.deepEqual(peer.requests.map((r) => r.headers['x-tifli-event']), ['update', 'cancel']);
  assert.deepEqual(peer.requests.map((r) => r.path), ['/in?src=tifli', '/in?src=tifli']);
  assert.match(peer.requests[1]?.body.toString('utf8') ?? '', /<msgType>Cancel<\/msgType>/);
  for (const r of peer.requests) assert.deepEqual(verifyPartnerSignature(r.body, r.headers, SECRET_B, clock.now(), 300), { ok: true });
});

test('a retry carries the same event id with a fresh timestamp and signature', async () => {
  peer.enqueue({ status: 503 });
  const d = delivery('le360');
  assert.equal((await failureOf(channel.deliver(d))).kind, 'transient');
  clock.advance(90_000);
  await channel.deliver({ ...d, signal: AbortSignal.timeout(5_000) });
  const [first, second] = peer.requests;
  assert.ok(first && second);
  assert.equal(first.headers['x-tifli-event-id'], second.headers['x-tifli-event-id']);
  assert.notEqual(first.headers['x-tifli-timestamp'], second.headers['x-tifli-timestamp']);
  assert.deepEqual(first.body, second.body);
  assert.deepEqual(verifyPartnerSignature(second.body, second.headers, SECRET_A, clock.now(), 60), { ok: true });
  assert.deepEqual(verifyPartnerSignature(first.body, first.headers, SECRET_A, clock.now(), 60), { ok: false, reason: 'stale' }, 'the first attempt cannot be replayed later');
});

test('answers map onto the dispatcher’s kinds', async () => {
  const cases: { answer: Parameters<HttpRecorder['enqueue']>[0]; expect: DeliveryFailure | 'ok' }[] = [
    { answer: { status: 200, body: 'ok' }, expect: 'ok' },
    { answer: { status: 202 }, expect: 'ok' },
    { answer: { status: 204 }, expect: 'ok' },
    { answer: { status: 429, headers: { 'retry-after': '7' } }, expect: { kind: 'throttled', code: 'webhook_429', retryAfterMs: 7_000 } },
    { answer: { status: 429 }, expect: { kind: 'throttled', code: 'webhook_429', retryAfterMs: null } },
    { answer: { status: 503, headers: { 'retry-after': '120' } }, expect: { kind: 'throttled', code: 'webhook_503', retryAfterMs: 120_000 } },
    { answer: { status: 503, headers: { 'retry-after': new Date(clock.now().getTime() + 30_000).toUTCString() } }, expect: { kind: 'throttled', code: 'webhook_503', retryAfterMs: 30_000 } },
    { answer: { status: 408, headers: { 'retry-after': '5' } }, expect: { kind: 'throttled', code: 'webhook_408', retryAfterMs: 5_000 } },
    { answer: { status: 425, headers: { 'retry-after': '1' } }, expect: { kind: 'throttled', code: 'webhook_425', retryAfterMs: 1_000 } },
    { answer: { status: 503 }, expect: { kind: 'transient', code: 'webhook_503' } },
    { answer: { status: 408 }, expect: { kind: 'transient', code: 'webhook_408' } },
    { answer: { status: 500, body: 'stack trace with secrets' }, expect: { kind: 'transient', code: 'webhook_500' } },
    { answer: { status: 502 }, expect: { kind: 'transient', code: 'webhook_502' } },
    { answer: { status: 504, headers: { 'retry-after': '9' } }, expect: { kind: 'transient', code: 'webhook_504' } },
    { answer: { status: 410 }, expect: { kind: 'permanent', code: 'webhook_410' } },
    { answer: { status: 400 }, expect: { kind: 'permanent', code: 'webhook_400' } },
    { answer: { status: 401 }, expect: { kind: 'permanent', code: 'webhook_401' } },
    { answer: { status: 404 }, expect: { kind: 'permanent', code: 'webhook_404' } },
    { answer: { status: 413 }, expect: { kind: 'permanent', code: 'webhook_413' } },
  ];
  for (const c of cases) {
    peer.enqueue(c.answer);
    const result = channel.deliver(delivery('le360'));
    if (c.expect === 'ok') await result;
    else assert.deepEqual(await failureOf(result), c.expect, JSON.stringify(c.answer));
  }
  assert.equal(peer.requests.length, cases.length);
});

test('a redirect is not followed: it is a permanent failure and the other address never hears of it', async () => {
  for (const status of [301, 302, 307, 308]) {
    peer.reset();
    peer.enqueue({ status, headers: { location: `${peer.url}/elsewhere` } });
    assert.deepEqual(await failureOf(channel.deliver(delivery('le360'))), { kind: 'permanent', code: `webhook_${status}` });
    assert.deepEqual(peer.requests.map((r) => r.path), ['/hooks/tifli']);
  }
});

test('a peer that does not answer in time is abandoned when the dispatcher’s signal fires', async () => {
  peer.enqueue({ hang: true });
  const started = Date.now();
  assert.deepEqual(await failureOf(channel.deliver(delivery('le360', undefined, { signal: AbortSignal.timeout(150) }))), { kind: 'transient', code: 'webhook_timeout' });
  assert.ok(Date.now() - started < 4_000);
  peer.enqueue({ delayMs: 10_000, status: 200 });
  assert.deepEqual(await failureOf(channel.deliver(delivery('le360', undefined, { signal: AbortSignal.timeout(150) }))), { kind: 'transient', code: 'webhook_timeout' });
  const aborted = new AbortController();
  aborted.abort();
  assert.deepEqual(await failureOf(channel.deliver(delivery('le360', undefined, { signal: aborted.signal }))), { kind: 'transient', code: 'webhook_timeout' }, 'an already-fired signal sends nothing');
  assert.equal(peer.requests.length, 2);
});

test('broken peers are transient failures: refused connection, dropped connection, garbage instead of HTTP', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const nowhere = createWebhookChannel([{ id: 'gone', url: `http://127.0.0.1:${port}/x`, secret: SECRET_A }], { clock });
  assert.deepEqual(await failureOf(nowhere.deliver(delivery('gone'))), { kind: 'transient', code: 'webhook_connect' });

  peer.enqueue({ reset: true });
  assert.equal((await failureOf(channel.deliver(delivery('le360')))).kind, 'transient');
  peer.enqueue({ garbage: 'SMTP 220 hello, this is not HTTP\r\n\r\n' });
  assert.deepEqual(await failureOf(channel.deliver(delivery('le360'))), { kind: 'transient', code: 'webhook_bad_response' });
});

test('only the start of a large answer is read', async () => {
  peer.enqueue({ status: 200, body: Buffer.alloc(8 * 1024 * 1024, 0x61) });
  const receipt = await channel.deliver(delivery('le360'));
  assert.equal(receipt.providerRef, delivery('le360').idempotencyKey);
});

test('a partner that is no longer configured is a permanent failure, and nothing is sent', async () => {
  assert.deepEqual(await failureOf(channel.deliver(delivery('removed'))), { kind: 'permanent', code: 'webhook_unknown_partner' });
  assert.equal(peer.requests.length, 0);
});

test('failures never carry the partner’s address or answer', async () => {
  peer.enqueue({ status: 500, body: 'secret internal detail' });
  try {
    await channel.deliver(delivery('le360'));
    assert.fail('accepted');
  } catch (err) {
    assert.ok(err instanceof Error);
    assert.doesNotMatch(err.message, /127\.0\.0\.1|secret|hooks/);
  }
});
