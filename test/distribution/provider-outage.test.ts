/**
 * Every provider down, then back (issue #9, point 2). WhatsApp (HTTP), e-mail (SMTP), SMS (SMPP) and a
 * partner's webhook each sit behind a fault proxy (test/peers/fault-proxy.ts) that resets every
 * connection while the provider is "down". An alert is published while all four are down and they
 * stay down for FAULT_OUTAGE_SECONDS (default 60). Deliveries back off and keep trying; once the
 * providers are back, what did not go out before its last attempt is in the dead-letter list, which
 * the officer retries, as the alert board offers. The verdict, from the peers' own records: every
 * recipient got the alert exactly once, nobody twice, nothing lost.
 *
 * @example
 *   FAULT_OUTAGE_SECONDS=20 node --test test/distribution/provider-outage.test.ts
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { RunningClock } from '../../src/platform/clock.ts';
import { startWhatsAppPeer, type WhatsAppPeer } from '../peers/whatsapp-peer.ts';
import { startSmppPeer, type SmppPeer } from '../peers/smpp-peer.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp-peer.ts';
import { startHttpRecorder, type HttpRecorder } from '../peers/http-recorder.ts';
import { startFaultProxy, type FaultProxy } from '../peers/fault-proxy.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import type { ChannelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { subscribe } from '../../src/app/subscriptions/subscribe.ts';
import { confirm } from '../../src/app/subscriptions/confirm.ts';
import { CONSENT_WORDINGS } from '../../src/domain/subscription/consent-wording.ts';
import { retryDeadLetters } from '../../src/app/distribution/alert-distribution.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { findUserByUsername } from '../../src/store/repositories/users.repository.ts';
import { insertEmailSubscribers, insertWhatsAppSubscribers } from '../crash/bulk-subscribers.ts';

const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_SECONDS ?? 60) * 1000;
/** The demo alert's last-seen point (Rabat). */
const RABAT = { lat: 34.0134, lon: -6.8326 };
const PHONE_SMS = '+212612345670';
const WA_COUNT = 40;
const MAIL_COUNT = 40;

let t: TestContext;
let registry: ChannelRegistry;
let whatsapp: WhatsAppPeer;
let smpp: SmppPeer;
let smtp: SmtpPeer;
let partner: HttpRecorder;
let proxies: FaultProxy[] = [];

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

before(async () => {
  [whatsapp, smpp, smtp, partner] = await Promise.all([startWhatsAppPeer({ pairRateMs: 0 }), startSmppPeer(), startSmtpPeer(), startHttpRecorder()]);
  proxies = await Promise.all([whatsapp.url, smpp.url, smtp.url, partner.url].map((u) => startFaultProxy(new URL(u).port)));
  const [wa, sms, mail, hook] = proxies.map((p) => p.port);
  t = await createTestContext({
    clock: new RunningClock('2026-11-22T10:00:00.000Z'),
    env: {
      WHATSAPP_BASE_URL: `http://127.0.0.1:${wa}`,
      WHATSAPP_PHONE_NUMBER_ID: whatsapp.phoneNumberId,
      WHATSAPP_TOKEN: whatsapp.token,
      WHATSAPP_APP_SECRET: whatsapp.appSecret,
      WHATSAPP_VERIFY_TOKEN: 'verify-token-123',
      GRAPH_API_VERSION: whatsapp.version,
      SMPP_URL: `smpp://127.0.0.1:${sms}`,
      SMPP_SYSTEM_ID: 'tifli',
      SMPP_PASSWORD: 'secret12',
      SMTP_URL: `smtp://127.0.0.1:${mail}`,
      PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: `http://127.0.0.1:${hook}/hook`, secret: 'partner-secret-0123456789' }]),
      ALERT_QUIET_HOURS: 'off',
      ZONE_STEP_MINUTES: String(24 * 60),
      // Five attempts spend at most 2 + 4 + 8 + 16 s of backoff: a minute's outage uses them all, so the
      // file's time stays bounded and the dead-letter path is what brings them back. With the default
      // eight (up to ~4 min of backoff) a shorter FAULT_OUTAGE_SECONDS shows retries coming due instead.
      DELIVERY_MAX_ATTEMPTS: '5',
    },
  });
  registry = await startWorkers(t.queue.boss, t, { pollingIntervalSeconds: 0.5 });
});

after(async () => {
  await registry?.close();
  await t?.close();
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([whatsapp?.close(), smpp?.close(), smtp?.close(), partner?.close()]);
});

test(`every provider down for ${OUTAGE_MS / 1000} s during a publication, then back: each recipient gets the alert exactly once`, { timeout: OUTAGE_MS + 200_000 }, async (c) => {
  const wa = await insertWhatsAppSubscribers(t.store.db, { count: WA_COUNT, ...RABAT, prefix: '0' });
  const mail = await insertEmailSubscribers(t.store.db, { count: MAIL_COUNT, ...RABAT });
  const sms = await subscribe(t, { areaKind: 'circle', lat: String(RABAT.lat), lon: String(RABAT.lon), radiusKm: '5', languages: ['fr-MA'], consent: true, language: 'fr-MA', channel: 'sms', phone: PHONE_SMS, consentVersion: CONSENT_WORDINGS.sms.version });
  const code = await until('the SMS code', async () => smpp.messages.find((m) => m.destination === PHONE_SMS.slice(1))?.text, 30_000);
  assert.equal(await confirm(t, { subscriptionId: sms.subscriptionId, code: /\b(\d{6})\b/.exec(code)?.[1] ?? '' }), 'confirmed');
  const smsBefore = smpp.messages.length;

  for (const p of proxies) p.down();
  const demo = await seedDemo(t);
  const alert = await findAlertByPublicId(t.store.db, demo.activeAlertUrl.split('/').pop() ?? '');
  assert.ok(alert);
  await sleep(OUTAGE_MS);
  const refused = proxies.map((p) => p.counts.refused);
  c.diagnostic(`connections refused during the outage (WhatsApp, SMPP, SMTP, partner): ${refused.join(', ')}`);
  assert.ok(refused.every((n) => n > 0), 'every channel tried during the outage');
  assert.equal(whatsapp.accepted.length + smtp.messages.length + partner.requests.length + (smpp.messages.length - smsBefore), 0, 'nothing got through while down');
  const bindsBefore = smpp.binds.filter((x) => x.accepted).length;
  for (const p of proxies) p.up();

  // Back up: retries go out as they come due; what ran out of attempts meanwhile waits as a dead letter.
  const channels = ['whatsapp', 'email', 'sms', 'webhook'];
  const settled = async () => {
    const rows = await t.store.db.selectFrom('dispatches').select(['channel', 'status', 'dead', 'planned']).where('alert_id', '=', alert.id).where('version', '=', 1).where('channel', 'in', channels).execute();
    return rows.length === channels.length && rows.every((r) => r.planned && ['sent', 'partially_failed', 'failed'].includes(r.status)) ? rows : undefined;
  };
  const first = await until('every channel settled after the outage', settled, 180_000);
  const dead = first.reduce((n, r) => n + r.dead, 0);
  c.diagnostic(`after the outage: ${JSON.stringify(first.map((r) => [r.channel, r.status, r.dead]))}`);
  if (dead > 0) {
    // The officer retries once the board shows the providers back: for SMPP, once its session is bound
    // again (its reconnection backs off up to 30 s, longer than five quick attempts last).
    await until('the SMPP session bound again', async () => smpp.binds.filter((x) => x.accepted).length > bindsBefore, 60_000);
    const officerRow = await findUserByUsername(t.store.db, 'demo-officer-rabat');
    assert.ok(officerRow);
    const officer = { kind: 'user' as const, id: officerRow.id, username: officerRow.username, role: 'officer' as const, jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
    assert.equal(await retryDeadLetters(t, officer, alert.id), dead, 'the officer retries every dead letter');
  }
  await until(
    'every channel sent',
    async () => {
      const rows = await settled();
      return rows?.every((r) => r.status === 'sent');
    },
    Number(process.env.FAULT_RECOVERY_MS ?? 120_000),
  ).catch(async (err: unknown) => {
    const d = await t.store.db.selectFrom('deliveries').innerJoin('dispatches', 'dispatches.id', 'deliveries.dispatch_id').select(['dispatches.channel', 'deliveries.status', 'deliveries.attempts', 'deliveries.next_attempt_at', 'deliveries.error_code']).where('dispatches.alert_id', '=', alert.id).limit(8).execute();
    const jobs = await t.store.db.selectFrom(sql`pgboss.job`.as('j')).select([sql<string>`name`.as('name'), sql<string>`state`.as('state'), sql<string>`start_after::text`.as('after')]).where(sql`name`, 'like', 'deliver%').where(sql`state::text`, '!=', 'completed').execute();
    throw new Error(`${String(err)} ${JSON.stringify(d)} ${JSON.stringify(jobs)} ${JSON.stringify(await settled())}`);
  });

  const perNumber = new Map<string, number>();
  for (const m of whatsapp.accepted) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
  assert.deepEqual(
    wa.addresses.filter((n) => perNumber.get(n) !== 1),
    [],
    'each WhatsApp subscriber exactly once',
  );
  assert.equal(whatsapp.accepted.length, WA_COUNT);
  const perMail = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.envelope.to) perMail.set(to, (perMail.get(to) ?? 0) + 1);
  assert.deepEqual(
    mail.addresses.filter((x) => perMail.get(x) !== 1),
    [],
    'each e-mail subscriber exactly once',
  );
  assert.equal(smpp.messages.length - smsBefore, 1, 'the SMS subscriber exactly once');
  assert.equal(partner.requests.length, 1, 'the partner exactly once');
});
