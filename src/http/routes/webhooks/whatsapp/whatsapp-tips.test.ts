/**
 * WhatsApp replies become tips, through the signed webhook (the loopback Cloud API peer signs what it
 * posts, as Meta does): a reply to one of our alert messages lands on that alert; a message without
 * context lands on the latest active alert sent to the sender; Meta's duplicate deliveries make one
 * tip; STOP, strangers and ended alerts make none. The sender's number is sealed, never logged.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../../../test/support/test-store.ts';
import { startWhatsAppPeer, type WhatsAppPeer, whatsappEnv } from '../../../../../test/peers/whatsapp-peer.ts';
import { buildHttpApp, type HttpApp } from '../../../app.ts';
import { WHATSAPP_TIPS_PER_SENDER } from './index.ts';
import { seedDemo } from '../../../../app/demo/seed-demo.ts';
import { getDataKey } from '../../../../app/crypto/data-keys.ts';
import { addressKey } from '../../../../app/subscriptions/subscription-keys.ts';
import { decryptField, keyOwner } from '../../../../platform/crypto/field-cipher.ts';
import { tipContactField, tipContactFromJson } from '../../../../domain/tips/tip-contact.ts';

let peer: WhatsAppPeer;
let t: TestContext;
let app: HttpApp;
let alertId: string;
let caseId: string;
let dispatchId: string;

before(async () => {
  peer = await startWhatsAppPeer();
  t = await createTestContext({
    env: { GRAPH_API_VERSION: peer.version, ...whatsappEnv(peer, 'verify-token-for-tips') },
  });
  app = await buildHttpApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  peer.setCallbackUrl(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/whatsapp`);
  await seedDemo(t);
  const alert = await t.store.db.selectFrom('alerts').select(['id', 'case_id', 'current_version']).where('state', '=', 'active').executeTakeFirstOrThrow();
  alertId = alert.id;
  caseId = alert.case_id;
  const existing = await t.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', alertId).where('version', '=', 1).where('channel', '=', 'whatsapp').executeTakeFirst();
  dispatchId = existing?.id ?? randomUUID();
  if (!existing) {
    await t.store.db.insertInto('dispatches').values({ id: dispatchId, alert_id: alertId, version: 1, channel: 'whatsapp', action: 'publish', status: 'sent', plan_cursor: null, retracted_at: null, created_at: t.clock.now(), updated_at: t.clock.now() }).execute();
  }
});
after(async () => {
  await peer?.close();
  await app?.close();
  await t?.close();
});

/** Our alert message to a subscriber, as the dispatcher records it once Meta accepted it. */
async function delivered(recipient: string, wamid: string): Promise<void> {
  await t.store.db.insertInto('deliveries').values({ dispatch_id: dispatchId, recipient, status: 'sent', attempts: 1, next_attempt_at: null, provider_ref: wamid, provider_status: 'read', error_code: null, skip_reason: null, sent_at: t.clock.now(), updated_at: t.clock.now() }).execute();
}

/** An active WhatsApp subscription for `phone` (E.164), found by its address key as the webhook finds it. */
async function subscribed(phone: string): Promise<string> {
  const id = randomUUID();
  const at = t.clock.now();
  await t.store.db
    .insertInto('subscriptions')
    .values({ id, channel: 'whatsapp', status: 'active', address: phone, address_key: addressKey(t.keys, phone), push_keys: null, languages: ['fr-MA'], area: JSON.stringify({ kind: 'circle', lat: 34.02, lon: -6.84, radiusKm: 10 }), quiet_hours: null, consent: JSON.stringify({ at: at.toISOString(), channel: 'whatsapp', wordingVersion: 1, language: 'fr-MA' }), confirm_secret_hash: null, confirm_expires_at: null, created_at: at, updated_at: at, confirmed_at: at, unsubscribed_at: null })
    .execute();
  return id;
}

const inbound = (from: string, id: string, text: string, replyTo?: string) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '212500000000', phone_number_id: peer.phoneNumberId }, contacts: [{ profile: { name: 'X' }, wa_id: from.slice(1) }], messages: [{ from: from.slice(1), id, timestamp: '1795341600', type: 'text', text: { body: text }, ...(replyTo ? { context: { from: '212500000000', id: replyTo } } : {}) }] } }] }],
});

const tipsFromMessage = (id: string) => t.store.db.selectFrom('tips').selectAll().where('source', '=', 'whatsapp').where('source_detail', '=', id).execute();

test('a reply to our alert message becomes one tip on that alert, whatever Meta\'s duplicates; the number sealed', async () => {
  const phone = '+212661112233';
  await delivered(await subscribed(phone), 'wamid.OUR-ALERT-MESSAGE-1');
  const body = inbound(phone, 'wamid.CITIZEN-REPLY-1', 'Je l\'ai vue ce matin au souk\nvers 9 h', 'wamid.OUR-ALERT-MESSAGE-1');
  for (let i = 0; i < 3; i++) {
    const res = await peer.postWebhook(body);
    assert.equal(res.status, 200, res.body);
  }
  const rows = await tipsFromMessage('wamid.CITIZEN-REPLY-1');
  assert.equal(rows.length, 1, 'one message, one tip');
  const tip = rows[0];
  assert.ok(tip);
  assert.equal(tip.alert_id, alertId);
  assert.equal(tip.alert_version, 1);
  assert.equal(tip.seen, 'Je l\'ai vue ce matin au souk\nvers 9 h');
  assert.ok(tip.contact && !tip.contact.includes('661112233'));
  const key = await getDataKey(t.store.db, t, keyOwner('case', caseId));
  assert.deepEqual(tipContactFromJson(decryptField(key, tipContactField(tip.id), tip.contact)), { name: null, phone, callbackConsent: false, whatsappSender: true });
  const jobs = await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'tips.triage' AND data->>'tipId' = ${tip.id}`.execute(t.store.db);
  assert.equal(Number(jobs.rows[0]?.n), 1);
  for (const line of t.logLines) for (const secret of ['661112233', 'souk', 'CITIZEN-REPLY']) assert.ok(!line.includes(secret), `a log line carries "${secret}"`);
});

test('a message without context goes to the latest active alert sent to the sender', async () => {
  const phone = '+212662223344';
  await delivered(await subscribed(phone), 'wamid.OUR-ALERT-MESSAGE-2');
  const res = await peer.sendInboundText(phone, 'Un enfant qui ressemble à la photo, rue Hassan II');
  assert.equal(res.status, 200, res.body);
  const rows = await t.store.db.selectFrom('tips').select(['alert_id', 'seen']).where('source', '=', 'whatsapp').where('seen', '=', 'Un enfant qui ressemble à la photo, rue Hassan II').execute();
  assert.deepEqual(rows, [{ alert_id: alertId, seen: 'Un enfant qui ressemble à la photo, rue Hassan II' }]);
});

test('STOP, a stranger\'s message and a reply to something else make no tip, and are acknowledged', async () => {
  const phone = '+212663334455';
  await delivered(await subscribed(phone), 'wamid.OUR-ALERT-MESSAGE-3');
  const before = await t.store.db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).where('source', '=', 'whatsapp').executeTakeFirstOrThrow();
  assert.equal((await peer.sendInboundText(phone, 'STOP')).status, 200);
  assert.equal((await peer.sendInboundText('+212669999999', 'Bonjour, qui êtes-vous ?')).status, 200);
  assert.equal((await peer.sendInboundText('+212669999998', 'Réponse', { replyTo: 'wamid.NOT-OURS' })).status, 200);
  const afterCount = await t.store.db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).where('source', '=', 'whatsapp').executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
});

test('a number flooding the alert is heard up to its limit, then acknowledged without more tips', async () => {
  const phone = '+212665556677';
  await delivered(await subscribed(phone), 'wamid.OUR-ALERT-MESSAGE-5');
  for (let i = 0; i < WHATSAPP_TIPS_PER_SENDER.max + 3; i++) {
    const res = await peer.postWebhook(inbound(phone, `wamid.FLOOD-${i}`, `message ${i}`, 'wamid.OUR-ALERT-MESSAGE-5'));
    assert.equal(res.status, 200);
  }
  const rows = await t.store.db.selectFrom('tips').select('id').where('source', '=', 'whatsapp').where('source_detail', 'like', 'wamid.FLOOD-%').execute();
  assert.equal(rows.length, WHATSAPP_TIPS_PER_SENDER.max);
});

test('once the alert has ended, replies to it are acknowledged but make no tip', async () => {
  const phone = '+212664445566';
  await delivered(await subscribed(phone), 'wamid.OUR-ALERT-MESSAGE-4');
  await t.store.db.updateTable('alerts').set({ state: 'ended', ended_at: t.clock.now(), end_outcome: 'found' }).where('id', '=', alertId).execute();
  const res = await peer.postWebhook(inbound(phone, 'wamid.LATE-REPLY', 'Je l\'ai vue hier', 'wamid.OUR-ALERT-MESSAGE-4'));
  assert.equal(res.status, 200);
  assert.deepEqual(await tipsFromMessage('wamid.LATE-REPLY'), []);
});
