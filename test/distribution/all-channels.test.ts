/**
 * Issue #5 end to end: every channel on, each against its protocol peer on loopback, the real workers
 * on pg-boss. Citizens subscribe and confirm as they would (codes and links read from what the peers
 * received), an alert is published, every channel delivers; the alert ends, every channel retracts:
 * the Facebook post is deleted, Instagram gets the found card, WhatsApp/SMS/e-mail recipients get the
 * closing message, Web Push reuses the Topic, partners get the CAP Cancel. No restricted value of the
 * case reaches any peer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { RunningClock } from '../../src/platform/clock.ts';
import type { GraphPeer } from '../peers/graph-peer.ts';
import type { WhatsAppPeer } from '../peers/whatsapp-peer.ts';
import type { SmppPeer } from '../peers/smpp-peer.ts';
import type { SmtpPeer } from '../peers/smtp-peer.ts';
import type { WebPushPeer } from '../peers/webpush-peer.ts';
import type { HttpRecorder } from '../peers/http-recorder.ts';
import { type AllPeers, startAllPeers } from '../peers/all-peers.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import type { ChannelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { subscribe } from '../../src/app/subscriptions/subscribe.ts';
import { confirm, confirmByLink } from '../../src/app/subscriptions/confirm.ts';
import { CONSENT_WORDINGS } from '../../src/domain/subscription/consent-wording.ts';
import { endAlert } from '../../src/app/alerts/alert-actions.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { findUserByUsername } from '../../src/store/repositories/users.repository.ts';
import { verifyPartnerSignature } from '../../src/adapters/channels/webhook/webhook-signature.ts';
import type { FastifyInstance } from 'fastify';
import { createUnit } from '../../src/app/jurisdictions/create-unit.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';

const PARTNER_SECRET = 'partner-secret-0123456789';

let t: TestContext;
let app: FastifyInstance;
let registry: ChannelRegistry;
let graph: GraphPeer;
let whatsapp: WhatsAppPeer;
let smpp: SmppPeer;
let smtp: SmtpPeer;
let push: WebPushPeer;
let partner: HttpRecorder;
let meta: HttpRecorder;
let peers: AllPeers;
const PHONE_SMS = '+212612345678';
const PHONE_WA = '+212698765432';
const EMAIL = 'citoyen@example.test';

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const rabat = { areaKind: 'circle', lat: '34.015', lon: '-6.835', radiusKm: '5', languages: ['fr-MA'], consent: true, language: 'fr-MA' as const };

before(async () => {
  peers = await startAllPeers({ partnerSecret: PARTNER_SECRET });
  ({ graph, whatsapp, smpp, smtp, push, partner, meta } = peers);
  // Real time from a daytime instant: a transient failure (a reset keep-alive connection under load) is
  // retried when its backoff comes due, as in production; a frozen clock would never let it come due.
  t = await createTestContext({
    clock: new RunningClock('2026-11-22T10:00:00.000Z'),
    env: peers.env,
  });
  app = await buildHttpApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  whatsapp.setCallbackUrl(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/whatsapp`);
  await createUnit(t, systemActor('test'), { code: 'MA-RAB-SA01', nameAr: 'الدائرة الأولى', nameFr: 'Arrondissement un' });
  registry = await startWorkers(t.queue.boss, t, { pollingIntervalSeconds: 0.5 });
});

after(async () => {
  await app.close();
  await t.close();
  await registry.close();
  await peers.close();
});

test('citizens subscribe on each channel and confirm with the code or link they received', async () => {
  const sub = push.subscribe();
  const web = await subscribe(t, { ...rabat, channel: 'webpush', push: sub, consentVersion: CONSENT_WORDINGS.webpush.version });
  assert.equal(web.next, 'active');
  const mail = await subscribe(t, { ...rabat, channel: 'email', email: EMAIL, consentVersion: CONSENT_WORDINGS.email.version });
  const sms = await subscribe(t, { ...rabat, channel: 'sms', phone: '0612345678', consentVersion: CONSENT_WORDINGS.sms.version });
  const wa = await subscribe(t, { ...rabat, channel: 'whatsapp', phone: '06 98 76 54 32', consentVersion: CONSENT_WORDINGS.whatsapp.version });

  const letter = await until('the confirmation e-mail', () => smtp.messages.find((m) => m.envelope.to.includes(EMAIL)));
  const link = /https?:\/\/\S+\/subscriptions\/confirm\?t=([^\s"<>]+)/.exec(letter.parsed.text ?? '')?.[1];
  assert.ok(link, 'the e-mail carries the confirmation link');
  assert.equal(await confirmByLink(t, decodeURIComponent(link)), 'confirmed');

  const text = await until('the SMS code', () => smpp.messages.find((m) => m.destination === PHONE_SMS.slice(1))?.text);
  const smsCode = /\b(\d{6})\b/.exec(text)?.[1];
  assert.ok(smsCode);
  assert.equal(await confirm(t, { subscriptionId: sms.subscriptionId, code: smsCode }), 'confirmed');

  const waMessage = await until('the WhatsApp code', () => whatsapp.deliveriesTo(PHONE_WA)[0]);
  const waCode = waMessage.params.find((p) => /^\d{6}$/.test(p));
  assert.ok(waCode);
  assert.equal(await confirm(t, { subscriptionId: wa.subscriptionId, code: waCode }), 'confirmed');

  const active = await t.store.db.selectFrom('subscriptions').select(['channel', 'status']).where('id', 'in', [web.subscriptionId, mail.subscriptionId, sms.subscriptionId, wa.subscriptionId]).execute();
  assert.deepEqual(active.map((r) => r.status), ['active', 'active', 'active', 'active']);
});

let alertId = '';

test('a published alert reaches every channel, each accepted by its provider', async () => {
  const demo = await seedDemo(t);
  const alert = await findAlertByPublicId(t.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
  assert.ok(alert);
  alertId = alert.id;
  const rows = await until('every channel delivered', async () => {
    const r = await t.store.db.selectFrom('dispatches').select(['channel', 'status', 'total', 'sent']).where('alert_id', '=', alertId).where('version', '=', 1).orderBy('channel').execute();
    return r.length === 9 && r.every((d) => d.status === 'sent') ? r : undefined;
  }, 60_000).catch(async (err: unknown) => {
    const r = await t.store.db.selectFrom('dispatches').select(['channel', 'status', 'planned', 'total', 'sent', 'dead']).where('alert_id', '=', alertId).execute();
    const d = await t.store.db.selectFrom('deliveries').select(['recipient', 'status', 'error_code']).where('status', '!=', 'sent').execute();
    throw new Error(`${String(err)}: ${JSON.stringify(r)} ${JSON.stringify(d)} ${t.logLines.filter((l) => /warn|error/.test(l)).slice(-5).join('\n')}`);
  });
  assert.deepEqual(rows.map((r) => r.channel), ['email', 'facebook', 'instagram', 'meta_partner', 'police_notice', 'sms', 'webhook', 'webpush', 'whatsapp']);
  for (const r of rows) assert.ok(r.sent >= 1, `${r.channel} sent something`);

  assert.equal(graph.posts.size, 1, 'one Page post');
  assert.equal(graph.media.size, 1, 'one Instagram post');
  const wa = whatsapp.deliveriesTo(PHONE_WA).filter((m) => m.headerImage);
  assert.equal(wa.length, 1, 'one WhatsApp alert with the poster');
  assert.match(wa[0]?.headerImage ?? '', /\/alerts\/[A-Z0-9]+\/posters\/1\/(ar|fr)-square\.jpg$/);
  assert.equal(smpp.messages.filter((m) => m.destination === PHONE_SMS.slice(1)).length, 2, 'the code, then the alert');
  const mails = smtp.messages.filter((m) => m.envelope.to.includes(EMAIL));
  assert.equal(mails.length, 2, 'the confirmation, then the alert');
  assert.match(mails[1]?.header('list-unsubscribe-post')[0] ?? '', /List-Unsubscribe=One-Click/);
  const pushes = push.requests.filter((r) => r.status === 201);
  assert.equal(pushes.length, 1);
  assert.equal(pushes[0]?.urgency, 'high');
  const hook = partner.requests[0];
  assert.ok(hook);
  assert.deepEqual(verifyPartnerSignature(hook.body, hook.headers, PARTNER_SECRET, t.clock.now(), 300), { ok: true });
  assert.match(hook.body.toString(), /<msgType>Alert<\/msgType>/);
  const form = await meta.requests[0]?.formData();
  assert.ok(form?.get('cap'), 'the Meta hand-off carries the CAP document');
  const notices = await t.store.db.selectFrom('police_notices').select('jurisdiction_id').where('alert_id', '=', alertId).execute();
  assert.deepEqual(notices.map((n) => n.jurisdiction_id), ['MA-RAB-SA01'], 'every police unit has the notice in the console');
  assert.ok(smtp.messages.some((m) => m.envelope.to.includes('unites@police.test')), 'and by e-mail');
});

test('ending the alert withdraws it everywhere', async () => {
  const row = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  assert.ok(row);
  const officer = { kind: 'user' as const, id: row.id, username: row.username, role: 'officer' as const, jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
  const pushTopic = push.requests.find((r) => r.status === 201)?.topic;
  await endAlert(t, officer, alertId, 'found', 'Enfant retrouvé sain et sauf');
  const version = (await t.store.db.selectFrom('alerts').select('current_version').where('id', '=', alertId).executeTakeFirstOrThrow()).current_version;
  await until('every retraction done', async () => {
    const r = await t.store.db.selectFrom('dispatches').select(['status']).where('alert_id', '=', alertId).where('version', '=', version).execute();
    return r.length === 9 && r.every((d) => d.status === 'sent');
  }, 60_000);
  assert.equal(graph.posts.size, 0, 'the Facebook post is deleted');
  assert.equal(graph.deleted.length, 1);
  assert.equal(graph.media.size, 2, 'Instagram gets the found card (its API offers no deletion)');
  assert.ok(whatsapp.deliveriesTo(PHONE_WA).some((m) => m.template === t.config.channels.whatsapp?.closingTemplate), 'WhatsApp closing message');
  assert.equal(smpp.messages.filter((m) => m.destination === PHONE_SMS.slice(1)).length, 3, 'SMS closing message');
  assert.equal(smtp.messages.filter((m) => m.envelope.to.includes(EMAIL)).length, 3, 'e-mail closing message');
  const lastPush = push.requests.filter((r) => r.status === 201).at(-1);
  assert.equal(lastPush?.topic, pushTopic, 'Web Push with the same Topic replaces a pending alert');
  assert.match(partner.requests.at(-1)?.body.toString() ?? '', /<msgType>Cancel<\/msgType>/);
  const v1 = await t.store.db.selectFrom('dispatches').select(['channel', 'status']).where('alert_id', '=', alertId).where('version', '=', 1).execute();
  assert.ok(v1.every((d) => d.status === 'retracted'), JSON.stringify(v1));
});

test('no restricted value of the case reached any provider', async () => {
  // The demo case's restricted values: the reporter's phone and name, the home address is absent.
  const secrets = ['0600000000', 'Démo'];
  const payloads = [
    ...graph.requests.map((r) => JSON.stringify({ q: r.query, f: r.fields, t: r.text })),
    ...whatsapp.accepted.map((m) => JSON.stringify(m)),
    ...smpp.messages.map((m) => m.text),
    ...smtp.messages.filter((m) => m.envelope.to.includes(EMAIL)).map((m) => m.raw.toString()),
    ...push.requests.map((r) => r.plaintext ?? ''),
    ...partner.requests.map((r) => r.body.toString()),
  ];
  for (const s of secrets) for (const p of payloads) assert.ok(!p.includes(s), `"${s}" leaked into a channel payload`);
});
