import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { ensureJurisdiction } from '../../../../test/support/auth.ts';
import { startSmtpPeer, type SmtpPeer } from '../../../../test/peers/smtp-peer.ts';
import type { Delivery, OutboundAlert } from '../../../app/distribution/channel-port.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { listPoliceUnitCodes } from '../../../store/repositories/police-notices.repository.ts';
import { createMailer, type Mailer } from '../email/mailer.ts';
import { outboundAlert } from '../webhook/outbound-alert.test-support.ts';
import { createPoliceNoticeChannel, type PoliceNoticeChannel, POLICE_NOTICE_MAIL_TARGET } from './police-notice.channel.ts';
import { publishedExercise, unitRecipient } from './stored-outbound.test-support.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const NOTICE_EMAIL = 'avis-disparition@dgsn.test';
const FROM = 'Tifli <alertes@tifli.test>';
const UNITS = ['MA-CAS-U01', 'MA-RAB-U01', 'MA-RAB-U02'];
let t: TestContext;
let smtp: SmtpPeer;
let mailer: Mailer;
let channel: PoliceNoticeChannel;
let alertId: string;
let message: OutboundAlert;

before(async () => {
  t = await createTestContext({ clock: new ManualClock('2026-11-22T10:00:00Z') });
  for (const unit of UNITS) await ensureJurisdiction(t, unit);
  ({ alertId, message } = await publishedExercise(t));
  smtp = await startSmtpPeer();
  mailer = createMailer({ url: smtp.url, from: FROM });
  channel = await createPoliceNoticeChannel({ listUnits: () => listPoliceUnitCodes(t.store.db), store: t.store, clock: t.clock, mailer, noticeEmail: NOTICE_EMAIL, mailFrom: FROM, refreshMs: 0 });
});
after(async () => {
  await channel.close();
  await mailer.close();
  await smtp.close();
  await t.close();
});

const keyFor = (target: string, m: OutboundAlert = message) => `${m.alertId}:v${m.version}:police_notice:${target}`;
const delivery = (target: string, m: OutboundAlert = message): Delivery => ({ idempotencyKey: keyFor(target, m), message: m, recipient: unitRecipient(target), previousRefs: [], signal: AbortSignal.timeout(10_000) });


const noticeRows = () => t.store.db.selectFrom('police_notices').selectAll().where('alert_id', '=', alertId).orderBy('jurisdiction_id').execute();

test('the targets are the police units, loaded by the factory, then the mailing list', () => {
  assert.equal(channel.channel, 'police_notice');
  assert.deepEqual(channel.targets(), [...UNITS, POLICE_NOTICE_MAIL_TARGET]);
});

test('each unit gets one notice per version, even when delivered twice, and the list gets one e-mail', async () => {
  const first = new Map<string, string | null>();
  for (const target of channel.targets()) first.set(target, (await channel.deliver(delivery(target))).providerRef);
  // A retry of every unit (a crash after the provider accepted, before the outcome was recorded).
  for (const unit of UNITS) assert.equal((await channel.deliver(delivery(unit))).providerRef, first.get(unit), 'a redelivery returns the notice already there');

  const rows = await noticeRows();
  assert.deepEqual(rows.map((r) => [r.jurisdiction_id, r.version]), UNITS.map((u) => [u, 1]));
  assert.deepEqual(rows.map((r) => r.id), UNITS.map((u) => first.get(u)));
  assert.equal(smtp.messages.length, 1, 'one e-mail for the version, not one per unit');

  const content = rows[0]?.content ?? {};
  const view = message.view;
  assert.equal(view.state, 'active');
  if (view.state !== 'active') return;
  assert.equal(content.reference, view.reference);
  assert.equal(content.publicId, message.publicId);
  assert.equal(content.pageUrl, message.pageUrl);
  assert.equal(content.exercise, true);
  assert.equal(content.msgType, 'Alert');
  assert.deepEqual(content.headline, { 'ar-MA': view.texts['ar-MA'].headline, 'fr-MA': view.texts['fr-MA'].headline, 'zgh-Tfng': view.texts['zgh-Tfng'].headline });
  assert.deepEqual(Object.keys(content).sort(), ['areaDesc', 'exercise', 'headline', 'msgType', 'outcome', 'pageUrl', 'publicId', 'reference', 'sentAt', 'updateKind', 'version'], 'public fields only');
  const stored = JSON.stringify(rows);
  for (const restricted of ['0600000000', 'Démo', 'EXERCICE — données synthétiques', '34.0134']) assert.ok(!stored.includes(restricted), `a restricted value leaked: ${restricted}`);

  const mail = smtp.messages[0];
  assert.ok(mail);
  assert.deepEqual(mail.envelope.to, [NOTICE_EMAIL]);
  assert.match(mail.parsed.subject ?? '', /^\[EXERCICE \/ تمرين\] Avis de disparition \/ إشعار باختفاء — TM-\d{4}-\d{6} \(v1\)$/);
  assert.ok((mail.parsed.text ?? '').includes(view.texts['fr-MA'].headline));
  assert.ok((mail.parsed.text ?? '').includes(message.pageUrl));
  assert.equal(mail.parsed.messageId, first.get(POLICE_NOTICE_MAIL_TARGET));
});

test('a retried e-mail is the same message (same Message-ID), so the mail side can recognise it', async () => {
  const before = smtp.messages.length;
  const again = await channel.deliver(delivery(POLICE_NOTICE_MAIL_TARGET));
  assert.equal(smtp.messages.length, before + 1);
  assert.equal(smtp.messages.at(-1)?.parsed.messageId, smtp.messages[0]?.parsed.messageId);
  assert.equal(again.providerRef, smtp.messages[0]?.parsed.messageId);
});

test('the e-mail for a Cancel says how the alert ended', async () => {
  const cancel = outboundAlert('Cancel');
  await channel.deliver(delivery(POLICE_NOTICE_MAIL_TARGET, cancel));
  const mail = smtp.messages.at(-1);
  assert.match(mail?.parsed.subject ?? '', /Fin de l’avis de disparition \(enfant retrouvé\)/);
  assert.match(mail?.parsed.subject ?? '', /\(v3\)$/);
});

test('a refused e-mail is reported with the mailer’s failure and creates nothing', async () => {
  smtp.rejectNext(1, { code: 451, text: '4.3.0 Try again later' });
  const failure = await failureOf(channel.deliver(delivery(POLICE_NOTICE_MAIL_TARGET)));
  assert.equal(failure.kind, 'transient');
});

test('a target that is not a police unit is refused; a province is not a unit', async () => {
  assert.deepEqual(await failureOf(channel.deliver(delivery('MA-ZZZ-U99'))), { kind: 'permanent', code: 'police_notice_unknown_unit' });
  assert.deepEqual(await failureOf(channel.deliver(delivery('MA-RAB'))), { kind: 'permanent', code: 'police_notice_unknown_unit' });
  assert.equal((await noticeRows()).length, UNITS.length);
});

test('a unit created later joins the targets when the list is refreshed', async () => {
  await ensureJurisdiction(t, 'MA-FES-U01');
  assert.ok(!channel.targets().includes('MA-FES-U01'));
  await channel.refreshTargets();
  assert.deepEqual(channel.targets(), ['MA-CAS-U01', 'MA-FES-U01', 'MA-RAB-U01', 'MA-RAB-U02', POLICE_NOTICE_MAIL_TARGET]);
});

test('without a mailing list (or a mailer) the notice is in-app only', async () => {
  const inApp = await createPoliceNoticeChannel({ listUnits: () => listPoliceUnitCodes(t.store.db), store: t.store, clock: t.clock, mailer, noticeEmail: null, refreshMs: 0 });
  assert.ok(!inApp.targets().includes(POLICE_NOTICE_MAIL_TARGET));
  assert.deepEqual(await failureOf(inApp.deliver(delivery(POLICE_NOTICE_MAIL_TARGET))), { kind: 'permanent', code: 'police_notice_mail_off' });
  const noMailer = await createPoliceNoticeChannel({ listUnits: async () => ['MA-RAB-U01'], store: t.store, clock: t.clock, mailer: null, noticeEmail: NOTICE_EMAIL, refreshMs: 0 });
  assert.deepEqual(noMailer.targets(), ['MA-RAB-U01']);
  await inApp.close();
  await noMailer.close();
});

test('a delivery whose time is already up writes nothing', async () => {
  const aborted = new AbortController();
  aborted.abort();
  await ensureJurisdiction(t, 'MA-RAB-U03');
  assert.deepEqual(await failureOf(channel.deliver({ ...delivery('MA-RAB-U03'), signal: aborted.signal })), { kind: 'transient', code: 'police_notice_timeout' });
  assert.equal((await noticeRows()).length, UNITS.length);
});
