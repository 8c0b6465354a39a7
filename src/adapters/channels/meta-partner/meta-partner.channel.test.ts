import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpRecorder, type HttpRecorder } from '../../../../test/peers/http-recorder.ts';
import type { Delivery, OutboundAlert } from '../../../app/distribution/channel-port.ts';
import { ALERT_LANGUAGES } from '../../../domain/alert-text/alert-languages.ts';
import { type DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { outboundAlert, posterBytes } from '../webhook/outbound-alert.test-support.ts';
import { createMetaPartnerChannel, META_PARTNER_FORMATS, META_PARTNER_MAX_BYTES } from './meta-partner.channel.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const clock = new ManualClock('2026-11-22T10:00:00Z');
const TOKEN = 'meta-partner-token-0123456789';
let peer: HttpRecorder;
let channel: ReturnType<typeof createMetaPartnerChannel>;

before(async () => {
  peer = await startHttpRecorder();
  channel = createMetaPartnerChannel({ url: `${peer.url}/v1/amber/handoff`, token: TOKEN }, { clock });
});
after(() => peer.close());
beforeEach(() => peer.reset());

function delivery(message: OutboundAlert, over: Partial<Delivery> = {}): Delivery {
  return {
    idempotencyKey: `9f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f:meta_partner:meta:v${message.version}`,
    message,
    recipient: { key: 'meta', address: '', language: 'ar-MA', unsubscribeUrl: null },
    previousRefs: [],
    signal: AbortSignal.timeout(5_000),
    ...over,
  };
}


const POSTER_FIELDS = ALERT_LANGUAGES.flatMap((lang) => META_PARTNER_FORMATS.map((format) => ({ lang, format, name: `poster_${lang}_${format}` })));

test('one target, "meta"', () => {
  assert.equal(channel.channel, 'meta_partner');
  assert.deepEqual(channel.targets?.(), ['meta']);
});

test('the hand-off is one multipart POST with the CAP document and the nine posters, bearer-authenticated', async () => {
  peer.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"handoff_81723"}' });
  const message = outboundAlert('Alert');
  const receipt = await channel.deliver(delivery(message));
  assert.equal(receipt.providerRef, 'handoff_81723');
  assert.equal(peer.requests.length, 1);
  const req = peer.requests[0];
  assert.ok(req);
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/v1/amber/handoff');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.match(req.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
  assert.equal(req.headers['x-tifli-event'], 'alert');
  assert.equal(req.headers['x-tifli-event-id'], delivery(message).idempotencyKey);

  const form = await req.formData();
  assert.deepEqual([...form.keys()].sort(), ['cap', ...POSTER_FIELDS.map((f) => f.name)].sort());
  const cap = form.get('cap');
  assert.ok(cap instanceof File);
  assert.match(cap.type, /^application\/cap\+xml/);
  assert.equal(await cap.text(), message.capXml);
  for (const { lang, format, name } of POSTER_FIELDS) {
    const file = form.get(name);
    assert.ok(file instanceof File, name);
    assert.equal(file.type, 'image/jpeg');
    assert.equal(file.name, `${name}.jpg`);
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), posterBytes(lang, format), `${name} arrives byte for byte`);
  }
});

test('a Cancel carries the Cancel CAP and the ended cards; without an id in the answer the event id is the reference', async () => {
  const cards: string[] = [];
  const message = outboundAlert('Cancel', {
    poster: async (lang, format) => {
      cards.push(`${lang}/${format}`);
      return Buffer.from(`found card ${lang} ${format}`);
    },
  });
  const receipt = await channel.deliver(delivery(message));
  assert.equal(receipt.providerRef, delivery(message).idempotencyKey);
  assert.equal(cards.length, 9);
  const req = peer.requests[0];
  assert.ok(req);
  assert.equal(req.headers['x-tifli-event'], 'cancel');
  const form = await req.formData();
  const cap = form.get('cap');
  assert.ok(cap instanceof File);
  assert.match(await cap.text(), /<msgType>Cancel<\/msgType>/);
  const square = form.get('poster_fr-MA_square');
  assert.ok(square instanceof File);
  assert.equal(await square.text(), 'found card fr-MA square');
});

test('a payload over the documented cap is refused before anything is sent', async () => {
  const big = outboundAlert('Alert', { posterSize: Math.ceil(META_PARTNER_MAX_BYTES / 9) + 1 });
  assert.deepEqual(await failureOf(channel.deliver(delivery(big))), { kind: 'permanent', code: 'meta_partner_too_large' });
  // The parts fit but the framing pushes the body over: also refused, the cap is on the bytes sent.
  const message = outboundAlert('Alert');
  const partsTotal = Buffer.byteLength(message.capXml) + POSTER_FIELDS.reduce((n, f) => n + posterBytes(f.lang, f.format).length, 0);
  const tight = createMetaPartnerChannel({ url: `${peer.url}/v1/amber/handoff`, token: TOKEN }, { clock, maxBytes: partsTotal + 10 });
  assert.deepEqual(await failureOf(tight.deliver(delivery(message))), { kind: 'permanent', code: 'meta_partner_too_large' });
  assert.equal(peer.requests.length, 0);
});

test('answers map like the webhooks’, with the meta_partner prefix', async () => {
  const cases: { answer: Parameters<HttpRecorder['enqueue']>[0]; expect: DeliveryFailure }[] = [
    { answer: { status: 429, headers: { 'retry-after': '60' } }, expect: { kind: 'throttled', code: 'meta_partner_429', retryAfterMs: 60_000 } },
    { answer: { status: 503, headers: { 'retry-after': '5' } }, expect: { kind: 'throttled', code: 'meta_partner_503', retryAfterMs: 5_000 } },
    { answer: { status: 500 }, expect: { kind: 'transient', code: 'meta_partner_500' } },
    { answer: { status: 410 }, expect: { kind: 'permanent', code: 'meta_partner_410' } },
    { answer: { status: 401 }, expect: { kind: 'permanent', code: 'meta_partner_401' } },
    { answer: { status: 302, headers: { location: `${peer.url}/login` } }, expect: { kind: 'permanent', code: 'meta_partner_302' } },
    { answer: { garbage: 'nope' }, expect: { kind: 'transient', code: 'meta_partner_bad_response' } },
  ];
  for (const c of cases) {
    peer.enqueue(c.answer);
    assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert('Update')))), c.expect, JSON.stringify(c.answer));
  }
  assert.ok(peer.requests.every((r) => r.path === '/v1/amber/handoff'), 'no redirect was followed');
  peer.enqueue({ hang: true });
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert('Update'), { signal: AbortSignal.timeout(150) }))), { kind: 'transient', code: 'meta_partner_timeout' });
});

test('a target other than "meta" is refused without sending', async () => {
  assert.deepEqual(await failureOf(channel.deliver({ ...delivery(outboundAlert('Alert')), recipient: { key: 'page', address: '', language: 'ar-MA', unsubscribeUrl: null } })), { kind: 'permanent', code: 'meta_partner_unknown_target' });
  assert.equal(peer.requests.length, 0);
});
