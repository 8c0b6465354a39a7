/**
 * The shared mailer against a real SMTP server on loopback: it returns the accepted Message-ID, maps
 * SMTP replies and connection failures to delivery failures, honours the caller's signal, and refuses
 * anything but one plain address.
 */
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';
import { startSmtpPeer, type SmtpPeer } from '../../../../test/peers/smtp-peer.ts';
import { createMailer, messageIdFor, smtpTransportOptions, type Mailer } from './mailer.ts';
import { smtpFailure } from './smtp-failure.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const FROM = 'Tifli <alertes@tifli.test>';
let peer: SmtpPeer;
let mailer: Mailer;

before(async () => {
  peer = await startSmtpPeer();
  mailer = createMailer({ url: peer.url, from: FROM });
});
after(async () => {
  await mailer.close();
  await peer.close();
});

const mail = (to = 'unit.rabat@police.test') => ({ to, subject: 'Avis de disparition', text: 'Texte', html: '<p>Texte</p>' });


test('send resolves with the Message-ID the server accepted, the one the caller chose', async () => {
  const messageId = messageIdFor('notice-42:police_notice:unit-7', FROM);
  const accepted = await mailer.send({ ...mail(), messageId, headers: { 'Auto-Submitted': 'auto-generated' } }, AbortSignal.timeout(5000));
  assert.equal(accepted, messageId);
  const received = peer.messages.at(-1);
  assert.equal(received?.parsed.messageId, messageId);
  assert.deepEqual(received?.envelope, { from: 'alertes@tifli.test', to: ['unit.rabat@police.test'] });
  assert.equal(messageIdFor('notice-42:police_notice:unit-7', FROM), messageId, 'same key, same id');
  assert.notEqual(messageIdFor('notice-43:police_notice:unit-7', FROM), messageId);
});

test('anything but one plain address is refused before a byte is sent', async () => {
  const before = peer.messages.length;
  for (const to of ['a@b.test, c@d.test', 'Name <a@b.test>', 'a@b.test\r\nBcc: c@d.test', 'no-at-sign', 'a b@c.test']) {
    assert.deepEqual(await failureOf(mailer.send(mail(to), AbortSignal.timeout(5000))), { kind: 'permanent', code: 'smtp_bad_address' });
  }
  assert.equal(peer.messages.length, before);
});

test('421 and 451 are retried, 550 (unknown mailbox) is gone, 554 and policy refusals are permanent', async () => {
  const cases: { reply: Parameters<SmtpPeer['rejectNext']>[1]; expected: DeliveryFailure }[] = [
    { reply: { code: 421, text: 'Too busy' }, expected: { kind: 'throttled', code: 'smtp_421', retryAfterMs: null } },
    { reply: { code: 451, text: '4.7.1 Greylisted, try again' }, expected: { kind: 'transient', code: 'smtp_451_4.7.1' } },
    { reply: { code: 550, text: '5.1.1 No such user', at: 'rcpt' }, expected: { kind: 'gone', code: 'smtp_550_5.1.1' } },
    { reply: { code: 553, text: 'Mailbox name not allowed', at: 'rcpt' }, expected: { kind: 'gone', code: 'smtp_553' } },
    { reply: { code: 550, text: '5.7.515 Access denied, sending domain does not meet the required authentication level' }, expected: { kind: 'permanent', code: 'smtp_550_5.7.515' } },
    { reply: { code: 554, text: 'Transaction failed' }, expected: { kind: 'permanent', code: 'smtp_554' } },
  ];
  for (const c of cases) {
    peer.rejectNext(1, c.reply);
    assert.deepEqual(await failureOf(mailer.send(mail(), AbortSignal.timeout(5000))), c.expected, JSON.stringify(c.reply));
  }
  // After all that the pool still delivers.
  await mailer.send(mail(), AbortSignal.timeout(5000));
});

test('a server that does not answer in time: the caller’s signal ends the send as transient', async () => {
  peer.delayNext(1, 3000);
  const started = Date.now();
  assert.deepEqual(await failureOf(mailer.send(mail(), AbortSignal.timeout(300))), { kind: 'transient', code: 'timeout' });
  assert.ok(Date.now() - started < 2500, 'did not wait for the server');
  await mailer.send(mail(), AbortSignal.timeout(5000));
});

test('a server that is down is a transient failure', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const down = createMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }, { connectTimeoutMs: 2000 });
  try {
    assert.deepEqual(await failureOf(down.send(mail(), AbortSignal.timeout(5000))), { kind: 'transient', code: 'smtp_connection' });
  } finally {
    await down.close();
  }
});

test('reply codes map as documented, with or without enhanced status codes', () => {
  const f = (responseCode: number, response: string) => smtpFailure({ code: 'EENVELOPE', responseCode, response });
  assert.equal(f(452, '452 4.5.3 Too many recipients').kind, 'transient');
  assert.equal(f(450, '450 Mailbox busy').kind, 'transient');
  assert.equal(f(503, '503 Bad sequence of commands').kind, 'transient');
  assert.equal(f(551, '551 User not local').kind, 'gone');
  assert.equal(f(550, '550 5.2.1 Mailbox disabled').kind, 'gone');
  assert.equal(f(552, '552 5.3.4 Message too big').kind, 'permanent');
  assert.deepEqual(smtpFailure({ code: 'ETIMEDOUT' }), { kind: 'transient', code: 'smtp_timeout' });
  assert.deepEqual(smtpFailure({ code: 'ESOCKET' }), { kind: 'transient', code: 'smtp_connection' });
  assert.deepEqual(smtpFailure(new Error('anything')), { kind: 'transient', code: 'smtp_error' });
});

test('SMTP_URL: STARTTLS is required off loopback unless waived, smtps is TLS from the start, credentials decoded', () => {
  const relay = smtpTransportOptions({ url: 'smtp://alerts%40tifli.ma:p%40ss%3Aword@relay.tifli.ma', from: FROM });
  assert.deepEqual([relay.host, relay.port, relay.secure, relay.requireTLS, relay.pool], ['relay.tifli.ma', 587, false, true, true]);
  assert.deepEqual(relay.auth, { user: 'alerts@tifli.ma', pass: 'p@ss:word' });
  assert.equal(smtpTransportOptions({ url: 'smtp://relay.internal:25?requireTLS=false', from: FROM }).requireTLS, false);
  const tls = smtpTransportOptions({ url: 'smtps://mail.tifli.ma', from: FROM });
  assert.deepEqual([tls.port, tls.secure, tls.requireTLS], [465, true, false]);
  const local = smtpTransportOptions({ url: 'smtp://127.0.0.1:2525', from: FROM });
  assert.deepEqual([local.port, local.requireTLS, 'auth' in local], [2525, false, false]);
  assert.equal(smtpTransportOptions({ url: 'smtp://[::1]:25', from: FROM }).host, '::1');
  assert.equal(relay.logger, false, 'transcripts (addresses, bodies) are never logged');
});
