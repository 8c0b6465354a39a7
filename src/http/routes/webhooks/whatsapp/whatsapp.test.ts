/**
 * Meta's WhatsApp webhooks through the whole application (buildHttpApp listening on loopback), with the
 * loopback Cloud API peer playing Meta: it accepts the adapter's messages and posts their signed
 * statuses back, out of order and twice, as Meta may. A delivery row (the dispatcher's bookkeeping,
 * inserted here as the dispatcher would after the provider's answer) must only move forward. Forged,
 * tampered and garbage notifications are refused with problem+json and change nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../../../../../test/support/test-store.ts';
import { startWhatsAppPeer, type WhatsAppPeer, whatsappEnv } from '../../../../../test/peers/whatsapp-peer.ts';
import { buildHttpApp, type HttpApp } from '../../../app.ts';
import { ManualClock } from '../../../../platform/clock.ts';
import { seedDemo } from '../../../../app/demo/seed-demo.ts';
import { createWhatsAppChannel } from '../../../../adapters/channels/whatsapp/whatsapp.channel.ts';
import { signatureOf } from '../../../../adapters/channels/whatsapp/whatsapp-webhook.ts';
import { yasmine } from '../../../public/public-alert-fixtures.test-support.ts';
import type { ChannelAdapter } from '../../../../app/distribution/channel-port.ts';
import { subscribe } from '../../../../app/subscriptions/subscribe.ts';
import { issueConfirmation } from '../../../../app/subscriptions/issue-confirmation.ts';
import { confirm } from '../../../../app/subscriptions/confirm.ts';
import { CONSENT_WORDINGS } from '../../../../domain/subscription/consent-wording.ts';

const VERIFY_TOKEN = 'verify-token-for-tests';
const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let peer: WhatsAppPeer;
let t: TestContext;
let app: HttpApp;
let hookUrl: string;
let channel: ChannelAdapter;
let dispatchId: string;
let seq = 0;
/** Every number a message went to, to look for in the logs afterwards. */
const addressesUsed: string[] = [];

before(async () => {
  peer = await startWhatsAppPeer();
  t = await createTestContext({
    clock,
    env: {
      GRAPH_API_VERSION: peer.version,
      ...whatsappEnv(peer, VERIFY_TOKEN),
    },
  });
  app = await buildHttpApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  hookUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  peer.setCallbackUrl(hookUrl);
  const config = t.config.channels.whatsapp;
  assert.ok(config, 'WhatsApp is configured from the environment');
  channel = createWhatsAppChannel(config, t.config.channels.graph.version);

  // A published version to hang a dispatch on (dispatches reference alert_versions).
  await seedDemo(t);
  const version = await t.store.db.selectFrom('alert_versions').select(['alert_id', 'version']).orderBy('version').limit(1).executeTakeFirstOrThrow();
  const existing = await t.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', version.alert_id).where('version', '=', version.version).where('channel', '=', 'whatsapp').executeTakeFirst();
  dispatchId = existing?.id ?? randomUUID();
  if (!existing) {
    await t.store.db.insertInto('dispatches').values({ id: dispatchId, alert_id: version.alert_id, version: version.version, channel: 'whatsapp', action: 'publish', status: 'sending', plan_cursor: null, retracted_at: null, created_at: clock.now(), updated_at: clock.now() }).execute();
  }
});
after(async () => {
  await peer.close();
  await app.close();
  await t.close();
});

/** Sends a real message through the adapter to the peer and records the delivery as the dispatcher would. */
async function sentDelivery(): Promise<{ wamid: string; recipient: string; address: string }> {
  seq += 1;
  const address = `+2126${String(20_000_000 + seq)}`;
  addressesUsed.push(address);
  const recipient = `sub-${seq}`;
  const view = yasmine();
  const receipt = await channel.deliver({
    idempotencyKey: `${dispatchId}:${recipient}`,
    recipient: { key: recipient, address, language: 'fr-MA', unsubscribeUrl: `https://tifli.test/u/${recipient}` },
    previousRefs: [],
    signal: AbortSignal.timeout(5_000),
    message: {
      action: 'publish', alertId: randomUUID(), publicId: view.publicId, version: 1, msgType: 'Alert', updateKind: null, exercise: false,
      pageUrl: `https://tifli.test/alerts/${view.publicId}`, expiresAt: view.expiresAt, sentAt: view.sentAt, view, capXml: '<alert/>', topic: view.publicId,
      posterUrl: (lang, format) => `https://tifli.test/alerts/${view.publicId}/poster-${lang}-${format}.jpg`, poster: async () => Buffer.alloc(0),
    },
  });
  assert.ok(receipt.providerRef);
  await t.store.db.insertInto('deliveries').values({ dispatch_id: dispatchId, recipient, status: 'sent', attempts: 1, next_attempt_at: null, provider_ref: receipt.providerRef, provider_status: null, error_code: null, skip_reason: null, sent_at: clock.now(), updated_at: clock.now() }).execute();
  return { wamid: receipt.providerRef, recipient, address };
}

async function deliveryOf(recipient: string) {
  return t.store.db.selectFrom('deliveries').select(['provider_status', 'error_code', 'status']).where('dispatch_id', '=', dispatchId).where('recipient', '=', recipient).executeTakeFirstOrThrow();
}

async function postRaw(body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; contentType: string; json: Record<string, unknown> }> {
  const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const statusBody = (wamid: string, status: string) => JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '212500000000', phone_number_id: peer.phoneNumberId }, statuses: [{ id: wamid, status, timestamp: '1795341600', recipient_id: '212600000000' }] } }] }],
});

test('signed statuses arriving out of order and twice move the delivery forward only', async () => {
  const { wamid, recipient } = await sentDelivery();
  const steps: [string, string][] = [['delivered', 'delivered'], ['sent', 'delivered'], ['delivered', 'delivered'], ['read', 'read'], ['delivered', 'read'], ['sent', 'read'], ['read', 'read']];
  for (const [status, expected] of steps) {
    const [result] = await peer.sendStatuses(wamid, { statuses: [status as 'sent'] });
    assert.equal(result?.status, 200, result?.body);
    assert.equal((await deliveryOf(recipient)).provider_status, expected, `after ${status}`);
  }
  assert.equal((await deliveryOf(recipient)).status, 'sent', 'the dispatcher\'s own status is not the receipt\'s business');
});

test('shuffled, duplicated, or without "delivered": every delivery ends read; a failure is kept with its code', async () => {
  for (const plan of [{ shuffle: true, duplicate: true, seed: 3 }, { shuffle: true, duplicate: true, seed: 11 }, { skipDelivered: true }]) {
    const { wamid, recipient } = await sentDelivery();
    const results = await peer.sendStatuses(wamid, plan);
    assert.ok(results.every((r) => r.status === 200), JSON.stringify(results));
    assert.equal((await deliveryOf(recipient)).provider_status, 'read', JSON.stringify(plan));
  }
  const failed = await sentDelivery();
  await peer.sendStatuses(failed.wamid, { statuses: ['sent', 'failed', 'delivered', 'sent'], failCode: 131026 });
  assert.deepEqual({ ...(await deliveryOf(failed.recipient)) }, { provider_status: 'failed', error_code: 'whatsapp_131026', status: 'sent' });
});

test('one notification carrying many messages\' statuses, shuffled and repeated, moves each delivery to its highest', async () => {
  const [a, b, c] = [await sentDelivery(), await sentDelivery(), await sentDelivery()];
  const item = (wamid: string, status: string, extra: Record<string, unknown> = {}) => ({ id: wamid, status, timestamp: '1795341600', recipient_id: '212600000000', ...extra });
  const statuses = [
    item(b.wamid, 'delivered'),
    item(a.wamid, 'read'),
    item(c.wamid, 'failed', { errors: [{ code: 131049, title: 'Meta chose not to deliver.' }] }),
    item('wamid.NOT-OURS', 'read'),
    item(a.wamid, 'sent'),
    item(b.wamid, 'sent'),
    item(c.wamid, 'delivered'),
    item(a.wamid, 'delivered'),
    item(b.wamid, 'delivered'),
  ];
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '212500000000', phone_number_id: peer.phoneNumberId }, statuses } }] }] });
  const res = await postRaw(body, { 'x-hub-signature-256': signatureOf(body, peer.appSecret) });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.deepEqual({ ...(await deliveryOf(a.recipient)) }, { provider_status: 'read', error_code: null, status: 'sent' });
  assert.deepEqual({ ...(await deliveryOf(b.recipient)) }, { provider_status: 'delivered', error_code: null, status: 'sent' });
  assert.deepEqual({ ...(await deliveryOf(c.recipient)) }, { provider_status: 'failed', error_code: 'whatsapp_131049', status: 'sent' }, 'a failure outranks a delivered receipt');
  // The same notification again (Meta retries) changes nothing.
  const again = await postRaw(body, { 'x-hub-signature-256': signatureOf(body, peer.appSecret) });
  assert.equal(again.status, 200);
  assert.equal((await deliveryOf(b.recipient)).provider_status, 'delivered');
});

test('statuses with the peer following every message automatically', async () => {
  const auto = await startWhatsAppPeer({ callbackUrl: hookUrl, appSecret: peer.appSecret, token: peer.token, phoneNumberId: peer.phoneNumberId, autoStatuses: { shuffle: true, duplicate: true, seed: 5 } });
  try {
    const config = t.config.channels.whatsapp;
    assert.ok(config);
    const saved = channel;
    channel = createWhatsAppChannel({ ...config, baseUrl: auto.url }, auto.version);
    const { recipient } = await sentDelivery().finally(() => {
      channel = saved;
    });
    await auto.settled();
    assert.equal(auto.webhooks.length, 6);
    assert.ok(auto.webhooks.every((w) => w.status === 200));
    assert.equal((await deliveryOf(recipient)).provider_status, 'read');
  } finally {
    await auto.close();
  }
});

test('a status for a message we do not know, or one we ignore, is still answered 200', async () => {
  const unknown = await peer.sendStatuses('wamid.NOT-OURS', { statuses: ['read'] });
  assert.equal(unknown[0]?.status, 200);
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] });
  const res = await postRaw(body, { 'x-hub-signature-256': signatureOf(body, peer.appSecret) });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { received: 0 });
});

test('a forged, missing or foreign signature is 401 problem+json and changes nothing', async () => {
  const { wamid, recipient } = await sentDelivery();
  const body = statusBody(wamid, 'read');
  for (const signature of [`sha256=${'0'.repeat(64)}`, signatureOf(body, 'not-the-app-secret'), signatureOf(body, peer.appSecret).replace('sha256=', ''), 'sha256=zz', null]) {
    const res = await peer.postWebhook(JSON.parse(body), signature);
    assert.equal(res.status, 401, String(signature));
    const problem = JSON.parse(res.body) as { code: string; status: number };
    assert.equal(problem.code, 'signature_invalid');
    assert.equal(problem.status, 401);
  }
  const raw = await postRaw(body, {});
  assert.equal(raw.status, 401);
  assert.match(raw.contentType, /^application\/problem\+json/);
  assert.equal((await deliveryOf(recipient)).provider_status, null);
});

test('a tampered body (signature of another body) is 401', async () => {
  const { wamid, recipient } = await sentDelivery();
  const genuine = statusBody(wamid, 'sent');
  const tampered = statusBody(wamid, 'read');
  const res = await postRaw(tampered, { 'x-hub-signature-256': signatureOf(genuine, peer.appSecret) });
  assert.equal(res.status, 401);
  assert.equal(res.json.code, 'signature_invalid');
  const padded = await postRaw(`${genuine} `, { 'x-hub-signature-256': signatureOf(genuine, peer.appSecret) });
  assert.equal(padded.status, 401, 'one extra byte breaks the signature');
  assert.equal((await deliveryOf(recipient)).provider_status, null);
});

test('garbage with a valid signature is 400 problem+json', async () => {
  for (const [body, code] of [['{"object": "whatsapp_business_acc', 'malformed_body'], ['', 'malformed_body'], ['[1,2,3]', 'validation_failed'], ['{"object":"page","entry":[]}', 'validation_failed'], [statusBody('', 'read'), 'validation_failed']] as const) {
    const res = await postRaw(body, { 'x-hub-signature-256': signatureOf(body, peer.appSecret) });
    assert.equal(res.status, 400, body);
    assert.match(res.contentType, /^application\/problem\+json/);
    assert.equal(res.json.code, code, body);
  }
  const form = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-hub-signature-256': signatureOf('a=1', peer.appSecret) }, body: 'a=1' });
  assert.equal(form.status, 415, 'only JSON is read here');
});

test('the handshake echoes the challenge for our verify token, 403 otherwise', async () => {
  const ok = await app.inject({ method: 'GET', url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.body, '1158201444');
  assert.match(ok.headers['content-type'] ?? '', /^text\/plain/);
  for (const query of [`hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1`, `hub.mode=subscribe&hub.challenge=1`, `hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`, '']) {
    const res = await app.inject({ method: 'GET', url: `/webhooks/whatsapp?${query}` });
    assert.equal(res.statusCode, 403, query);
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(res.json<{ code: string }>().code, 'forbidden');
  }
});

/** A WhatsApp subscription confirmed the real way: the code goes to the peer through the adapter, and is typed back. */
async function activeSubscription(phone: string): Promise<string> {
  const { subscriptionId } = await subscribe(t, { channel: 'whatsapp', phone, areaKind: 'circle', lat: '34.02', lon: '-6.84', radiusKm: '10', languages: ['fr-MA'], consent: true, consentVersion: CONSENT_WORDINGS.whatsapp.version, language: 'fr-MA' });
  const issued = await issueConfirmation(t, subscriptionId);
  assert.ok(issued?.code);
  await channel.sendConfirmation?.({ idempotencyKey: `confirm:${subscriptionId}`, recipient: { key: subscriptionId, address: issued.address, language: issued.language, unsubscribeUrl: issued.unsubscribeUrl }, code: issued.code, link: null, signal: AbortSignal.timeout(5_000) });
  const code = peer.deliveriesTo(phone).at(-1)?.params[0];
  assert.ok(code, 'the code reached the phone');
  assert.equal(await confirm(t, { subscriptionId, code }), 'confirmed');
  return subscriptionId;
}

const statusOf = async (id: string) => (await t.store.db.selectFrom('subscriptions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

test('STOP (in French, Arabic or Tamazight, any case) unsubscribes the sender, once; other words do not', async () => {
  const words = ['STOP', ' arrêt ', 'ARRET', 'توقف', 'ⵃⴱⵙ'];
  for (const [i, word] of words.entries()) {
    const phone = `+2126300000${String(10 + i)}`;
    const id = await activeSubscription(phone);
    assert.equal(await statusOf(id), 'active');
    const chat = await peer.sendInboundText(phone, 'je ne veux plus stop');
    assert.equal(chat.status, 200);
    assert.equal(await statusOf(id), 'active', 'a sentence that merely contains the word is not a STOP');
    const first = await peer.sendInboundText(phone, word);
    assert.equal(first.status, 200, first.body);
    assert.equal(await statusOf(id), 'unsubscribed', word);
    const again = await peer.sendInboundText(phone, word);
    assert.equal(again.status, 200, 'a repeated STOP (Meta retries) is answered the same');
  }
  const bystander = await activeSubscription('+212630000099');
  await peer.sendInboundText('+212630000098', 'STOP');
  assert.equal(await statusOf(bystander), 'active', 'only the sender\'s subscription ends');
});

test('other inbound messages are acknowledged', async () => {
  const res = await peer.sendInboundText('+212620000999', 'Bonjour, j\'ai vu cet enfant', { replyTo: 'wamid.X' });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.body), { received: 1 });
});

test('without WhatsApp configured both routes answer 404 problem+json', async () => {
  const bare = await buildHttpApp({ ...t, config: { ...t.config, channels: { ...t.config.channels, whatsapp: null } } });
  try {
    const body = statusBody('wamid.A', 'read');
    for (const res of [
      await bare.inject({ method: 'GET', url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1` }),
      await bare.inject({ method: 'POST', url: '/webhooks/whatsapp', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, peer.appSecret) }, payload: body }),
    ]) {
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
    }
  } finally {
    await bare.close();
  }
});

test('the rest of the application still parses JSON bodies as before', async () => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json<{ code: string }>().code, 'malformed_body');
});

test('no number, wamid or message text reaches the logs', () => {
  const logs = t.logLines.join('\n');
  assert.doesNotMatch(logs, /wamid\./);
  assert.ok(addressesUsed.length > 0);
  for (const address of addressesUsed) assert.ok(!logs.includes(address.slice(1)), `${address} is in the logs`);
  // A Moroccan mobile number in any form; not digits inside a decimal (a responseTime like 12.1264539 once
  // matched a looser pattern) nor the tail of a request id's UUID.
  assert.doesNotMatch(logs, /(?<![\w.-])(?:\+|00)?212[67]\d{8}(?!\w)/);
  assert.doesNotMatch(logs, /Bonjour/);
  assert.match(logs, /whatsapp notification/);
});
