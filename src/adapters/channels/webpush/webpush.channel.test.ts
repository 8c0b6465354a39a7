/**
 * The Web Push channel against a push service on loopback that decrypts with the subscription's own
 * keys and checks VAPID (test/peers/webpush-peer.ts): what the phone would show, how long the service
 * keeps it, that a Cancel replaces a pending alert, and what each answer means for the dispatcher.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import webpush from 'web-push';
import type { Delivery, DeliveryReceipt, Recipient } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import { endedAlert, exerciseAlert, NOW, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { SITE_TEXTS } from '../../../http/public/site-texts.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { outboundAlert } from '../../../../test/peers/outbound-alert.ts';
import { startWebPushPeer, type PushRequest, type PushSubscriptionJson, type WebPushPeer } from '../../../../test/peers/webpush-peer.ts';
import { MAX_PAYLOAD_BYTES, encodePushPayload, pushPayload, type PushPayload } from './push-payload.ts';
import { createWebPushChannel, MAX_TTL_SECONDS } from './webpush.channel.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const vapid = webpush.generateVAPIDKeys();
const config = { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:alertes@tifli.test' };
const clock = new ManualClock(NOW);
// The push service runs on loopback, which only WEBPUSH_ALLOW_LOOPBACK lets through.
const channel = createWebPushChannel(config, { clock, allowLoopback: true });
let peer: WebPushPeer;

before(async () => {
  peer = await startWebPushPeer();
});
after(() => peer.close());

function recipient(sub: PushSubscriptionJson, language: AlertLanguage = 'fr-MA'): Recipient {
  return { key: 'sub-1', address: sub.endpoint, language, pushKeys: sub.keys, unsubscribeUrl: 'https://tifli.test/u?t=x' };
}

function delivery(message: Delivery['message'], to: Recipient, signal = AbortSignal.timeout(5000)): Delivery {
  return { idempotencyKey: `k-${to.key}`, message, recipient: to, previousRefs: [], signal };
}

/** Delivers and returns the receipt and the one request the push service saw for it. */
async function push(d: Delivery): Promise<{ receipt: DeliveryReceipt; seen: PushRequest }> {
  const before = peer.requestsTo(d.recipient.address).length;
  const receipt = await channel.deliver(d);
  const seen = peer.requestsTo(d.recipient.address)[before];
  assert.ok(seen);
  return { receipt, seen };
}


test('the push service decrypts exactly the payload built from the public view', async () => {
  const sub = peer.subscribe({ applicationServerKey: vapid.publicKey });
  const message = outboundAlert(yasmine());
  const { receipt, seen } = await push(delivery(message, recipient(sub)));
  assert.equal(seen.status, 201, seen.problem ?? '');
  assert.equal(seen.contentEncoding, 'aes128gcm');
  assert.equal(seen.plaintext, encodePushPayload(pushPayload(message, 'fr-MA')));
  const fr = yasmine().texts['fr-MA'];
  assert.deepEqual(seen.json, {
    title: fr.headline,
    body: `${fr.description}\n\n${fr.instruction}`,
    url: 'https://tifli.test/alerts/K7QX2M?lang=fr',
    lang: 'fr-MA',
    dir: 'ltr',
    tag: message.topic,
    kind: 'update',
  });
  assert.ok(receipt.providerRef?.startsWith(`${peer.origin}/messages/`), 'providerRef is the Location of the push message');
});

test('VAPID: signed with our key, for the endpoint origin, with our subject, expiring within a day', async () => {
  const sub = peer.subscribe({ applicationServerKey: vapid.publicKey });
  const { seen } = await push(delivery(outboundAlert(yasmine()), recipient(sub)));
  assert.ok(seen.vapid);
  assert.equal(seen.vapid.k, vapid.publicKey);
  assert.equal(seen.vapid.aud, peer.origin);
  assert.equal(seen.vapid.sub, 'mailto:alertes@tifli.test');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(seen.vapid.exp > now && seen.vapid.exp <= now + 86_400);

  // A subscription made for another application server key refuses our pushes: permanent, not retried.
  const other = peer.subscribe({ applicationServerKey: webpush.generateVAPIDKeys().publicKey });
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(other)))), { kind: 'permanent', code: 'webpush_403' });
});

test('TTL is the time left until the alert expires (never negative, at most 28 days); urgency high; Topic the alert’s', async () => {
  const sub = peer.subscribe();
  const message = outboundAlert(yasmine());
  const { seen } = await push(delivery(message, recipient(sub)));
  assert.equal(seen.ttl, (yasmine().expiresAt.getTime() - NOW.getTime()) / 1000);
  assert.equal(seen.ttl, 70 * 3600);
  assert.equal(seen.urgency, 'high');
  assert.equal(seen.topic, message.topic);

  const expired = await push(delivery(outboundAlert(yasmine(), { expiresAt: new Date(NOW.getTime() - 60_000) }), recipient(sub)));
  assert.equal(expired.seen.ttl, 0);
  const far = await push(delivery(outboundAlert(yasmine(), { expiresAt: new Date(NOW.getTime() + 90 * 86_400_000) }), recipient(sub)));
  assert.equal(far.seen.ttl, MAX_TTL_SECONDS);
  const partial = await push(delivery(outboundAlert(yasmine(), { expiresAt: new Date(NOW.getTime() + 90_999) }), recipient(sub)));
  assert.equal(partial.seen.ttl, 90, 'whole seconds');
});

test('a Cancel reuses the alert’s Topic and carries the ended notice, without photo or name', async () => {
  const sub = peer.subscribe();
  const alert = await push(delivery(outboundAlert(yasmine()), recipient(sub, 'ar-MA')));
  const closing = outboundAlert(endedAlert('found'));
  const { seen } = await push(delivery(closing, recipient(sub, 'ar-MA')));
  assert.equal(seen.status, 201);
  assert.equal(seen.topic, alert.seen.topic);
  const json = seen.json as PushPayload;
  assert.equal(json.kind, 'ended');
  assert.equal(json.tag, alert.seen.topic);
  assert.equal(json.title, SITE_TEXTS.ar.foundTitle);
  assert.equal(json.body, SITE_TEXTS.ar.foundBody);
  assert.equal(json.dir, 'rtl');
  assert.ok(!seen.plaintext?.includes('ياسمين') && !seen.plaintext?.includes('Yasmine'));
  assert.deepEqual(closing.posterCalls, []);
  // A Cancel expires a day after it is sent (09:30); the clock says 10:00.
  assert.equal(seen.ttl, (closing.expiresAt.getTime() - NOW.getTime()) / 1000);
  assert.equal(seen.ttl, 86_400 - 1800);

  const withdrawn = await push(delivery(outboundAlert(endedAlert('withdrawn')), recipient(sub, 'fr-MA')));
  assert.equal((withdrawn.seen.json as PushPayload).title, SITE_TEXTS.fr.endedTitle);
});

test('Arabic and Tifinagh text survive encryption; long texts are cut cleanly under 3,000 bytes', async () => {
  const sub = peer.subscribe();
  const { seen } = await push(delivery(outboundAlert(exerciseAlert()), recipient(sub, 'ar-MA')));
  const ar = exerciseAlert().texts['ar-MA'];
  const json = seen.json as PushPayload;
  assert.equal(json.title, `[تمرين/EXERCICE] ${ar.headline}`);
  assert.equal(json.body, `${ar.description}\n\n${ar.instruction}`);
  assert.deepEqual([json.lang, json.dir], ['ar-MA', 'rtl']);

  const view = yasmine();
  const long = 'ⵜⵍⵙⴰ ⵜⴰⴱⵍⵓⵣⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ ⵏ ⵜⵉⵏⵎⵍ. '.repeat(70).slice(0, 2000);
  const texts = { ...view.texts, 'zgh-Tfng': { ...view.texts['zgh-Tfng'], description: long } };
  const big = await push(delivery(outboundAlert(yasmine({ texts })), recipient(sub, 'zgh-Tfng')));
  assert.equal(big.seen.status, 201);
  assert.ok(big.seen.plaintext && Buffer.byteLength(big.seen.plaintext) <= MAX_PAYLOAD_BYTES);
  const body = (big.seen.json as PushPayload).body;
  const [cut = '', instruction] = body.split('\n\n');
  assert.equal(instruction, view.texts['zgh-Tfng'].instruction, 'the instruction is never cut');
  assert.ok(cut?.endsWith('…'));
  assert.ok(long.startsWith(cut.slice(0, -1)), 'the cut text is the start of the description');
  assert.match(cut, /[ⴰ-ⵯ]…$/u, 'cut after a whole word, not in the middle of a space run');
});

test('410 and 404 mean the subscription is gone', async () => {
  for (const status of [410, 404]) {
    const sub = peer.subscribe();
    peer.answer(sub.endpoint, { status });
    assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(sub)))), { kind: 'gone', code: `webpush_${status}` });
  }
  // An endpoint the service does not know at all answers 404 by itself.
  const unknown = { endpoint: `${peer.origin}/push/00000000-0000-0000-0000-000000000000`, keys: peer.subscribe().keys };
  assert.equal((await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(unknown))))).kind, 'gone');
});

test('429 is throttled with the service’s Retry-After, then the next push goes through', async () => {
  const sub = peer.subscribe();
  peer.answer(sub.endpoint, { status: 429, retryAfter: '120', times: 1 });
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(sub)))), { kind: 'throttled', code: 'webpush_429', retryAfterMs: 120_000 });
  const { seen } = await push(delivery(outboundAlert(yasmine()), recipient(sub)));
  assert.equal(seen.status, 201);
});

test('413 is permanent, 500 transient, a service slower than the signal transient', async () => {
  const big = peer.subscribe();
  peer.answer(big.endpoint, { status: 413 });
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(big)))), { kind: 'permanent', code: 'webpush_413' });

  const broken = peer.subscribe();
  peer.answer(broken.endpoint, { status: 500 });
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(broken)))), { kind: 'transient', code: 'webpush_500', retryAfterMs: null });

  const slow = peer.subscribe();
  peer.slow(slow.endpoint, 3000);
  const started = Date.now();
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), recipient(slow), AbortSignal.timeout(250)))), { kind: 'transient', code: 'timeout' });
  assert.ok(Date.now() - started < 2500);
});

test('only https endpoints, or http on loopback, are ever requested', async () => {
  const keys = peer.subscribe().keys;
  const before = peer.requests.length;
  for (const endpoint of ['http://push.example.com/send/abc', 'http://10.0.0.1/push/x', 'http://169.254.169.254/latest/meta-data', 'ftp://127.0.0.1/push', 'file:///etc/passwd', 'https://user:secret@push.example.com/x', 'not a url']) {
    const failure = await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), { ...recipient({ endpoint, keys }) })));
    assert.deepEqual(failure, { kind: 'permanent', code: 'webpush_bad_endpoint' }, endpoint);
  }
  assert.equal(peer.requests.length, before, 'nothing reached any server');
});

test('a subscription without usable keys is permanent', async () => {
  const sub = peer.subscribe();
  const noKeys: Recipient = { key: 's', address: sub.endpoint, language: 'fr-MA', unsubscribeUrl: null };
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), noKeys))), { kind: 'permanent', code: 'webpush_no_keys' });
  const badKeys = { ...recipient(sub), pushKeys: { p256dh: 'AAAA', auth: sub.keys.auth } };
  assert.deepEqual(await failureOf(channel.deliver(delivery(outboundAlert(yasmine()), badKeys))), { kind: 'permanent', code: 'webpush_bad_keys' });
});

test('a bad VAPID configuration fails at start, naming the variables but not the key', () => {
  assert.throws(() => createWebPushChannel({ ...config, privateKey: 'short' }), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /VAPID_PRIVATE_KEY/);
    return true;
  });
});
