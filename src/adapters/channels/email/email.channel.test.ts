/**
 * The e-mail channel against a real SMTP server on loopback (test/peers/smtp-peer.ts): what a reader's
 * mailbox would receive (MIME structure, inline poster, language and direction, escaping), what the
 * mailbox provider reads (RFC 8058 one-click unsubscribe, Auto-Submitted, a stable Message-ID), the
 * closing message and the double opt-in confirmation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ConfirmationMessage, Delivery, Recipient } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { endedAlert, exerciseAlert, unnamedBoy, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { SITE_TEXTS } from '../../../http/public/site-texts.ts';
import { outboundAlert } from '../../../../test/peers/outbound-alert.ts';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../../../test/peers/smtp-peer.ts';
import { createEmailChannel } from './email.channel.ts';
import { EMAIL_TEXTS } from './email-texts.ts';

const FROM = 'Tifli <alertes@tifli.test>';
const UNSUBSCRIBE = 'https://tifli.test/subscriptions/unsubscribe?t=Zm9vYmFy';

let peer: SmtpPeer;
let channel: ReturnType<typeof createEmailChannel>;

before(async () => {
  peer = await startSmtpPeer();
  channel = createEmailChannel({ url: peer.url, from: FROM });
});
after(async () => {
  await channel.close?.();
  await peer.close();
});

let keys = 0;
function delivery(message: Delivery['message'], over: Partial<Recipient> = {}, previousRefs: readonly string[] = []): Delivery {
  keys += 1;
  return {
    idempotencyKey: `dispatch-${keys}:email:sub-${keys}`,
    message,
    recipient: { key: `sub-${keys}`, address: `reader${keys}@example.test`, language: 'fr-MA', unsubscribeUrl: UNSUBSCRIBE, ...over },
    previousRefs,
    signal: AbortSignal.timeout(10_000),
  };
}

/** Sends one delivery and returns what the server received for it. */
async function receive(d: Delivery): Promise<{ mail: ReceivedMail; providerRef: string | null }> {
  const before = peer.messages.length;
  const { providerRef } = await channel.deliver(d);
  assert.equal(peer.messages.length, before + 1);
  const mail = peer.messages[before];
  assert.ok(mail);
  return { mail, providerRef };
}

const htmlOf = (mail: ReceivedMail): string => (typeof mail.parsed.html === 'string' ? mail.parsed.html : '');

test('an alert is multipart text + HTML with the poster as an inline related part', async () => {
  const { mail } = await receive(delivery(outboundAlert(yasmine())));
  const raw = mail.raw.toString('latin1');
  // multipart/alternative { text/plain, multipart/related { text/html, image/jpeg } }
  assert.match(raw, /^Content-Type: multipart\/alternative;/m);
  const order = [...raw.matchAll(/^Content-Type: ([a-z]+\/[a-z]+)/gm)].map((m) => m[1]);
  assert.deepEqual(order, ['multipart/alternative', 'text/plain', 'multipart/related', 'text/html', 'image/jpeg']);

  assert.equal(mail.envelope.to.length, 1);
  assert.equal(mail.envelope.from, 'alertes@tifli.test');
  const fr = yasmine().texts['fr-MA'];
  assert.equal(mail.parsed.subject, fr.headline);
  assert.ok(mail.parsed.text?.includes(fr.instruction));
  assert.ok(mail.parsed.text?.includes('Yasmine El Amrani, fillette de 8 ans'));
  assert.ok(mail.parsed.text?.includes('TM-2026-000123'));
  assert.ok(mail.parsed.text?.includes('https://tifli.test/alerts/K7QX2M?lang=fr'));

  assert.equal(mail.parsed.attachments.length, 1);
  const poster = mail.parsed.attachments[0];
  assert.ok(poster);
  assert.equal(poster.contentType, 'image/jpeg');
  assert.equal(poster.related, true);
  assert.equal(poster.contentDisposition, 'inline');
  const meta = await sharp(poster.content).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630]);

  const html = htmlOf(mail);
  assert.ok(html.includes(`src="cid:${poster.cid}"`), 'the HTML shows the inline poster');
  // Nothing remote to load: every src is a cid:, no stylesheet links, no CSS url().
  const sources = [...html.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1] ?? '');
  assert.ok(sources.length > 0 && sources.every((s) => s.startsWith('cid:')), sources.join(','));
  assert.doesNotMatch(html, /<link\b|url\(|@import|<script/i);
});

test('every alert carries RFC 8058 one-click unsubscribe headers and a visible unsubscribe link', async () => {
  const { mail } = await receive(delivery(outboundAlert(unnamedBoy())));
  assert.deepEqual(mail.header('list-unsubscribe'), [`<${UNSUBSCRIBE}>`]);
  assert.deepEqual(mail.header('list-unsubscribe-post'), ['List-Unsubscribe=One-Click']);
  assert.deepEqual(mail.header('auto-submitted'), ['auto-generated']);
  assert.ok(htmlOf(mail).includes(`<a href="${UNSUBSCRIBE}">${EMAIL_TEXTS.fr.unsubscribe}</a>`));
  assert.ok(mail.parsed.text?.includes(`${EMAIL_TEXTS.fr.unsubscribe}: ${UNSUBSCRIBE}`));
});

test('a delivery without an unsubscribe link is refused before anything is sent', async () => {
  const before = peer.messages.length;
  await assert.rejects(channel.deliver(delivery(outboundAlert(yasmine()), { unsubscribeUrl: null })), (e: unknown) => {
    assert.ok(e instanceof DeliveryError);
    assert.deepEqual(e.failure, { kind: 'permanent', code: 'email_no_unsubscribe' });
    return true;
  });
  assert.equal(peer.messages.length, before);
});

test('markup in alert texts arrives as text, never as HTML', async () => {
  const view = yasmine();
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & more';
  const texts = { ...view.texts, 'fr-MA': { ...view.texts['fr-MA'], headline: `Disparue ${hostile}`, description: hostile } };
  const { mail } = await receive(delivery(outboundAlert(yasmine({ texts }))));
  const html = htmlOf(mail);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img src=x/i);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; more'));
  // The alt attribute holds the headline, escaped too: it cannot close the attribute.
  assert.ok(html.includes('alt="Disparue &lt;script&gt;'));
  assert.ok(mail.parsed.text?.includes(hostile), 'the text part carries the words as typed');
});

test('Arabic is right-to-left, French left-to-right, Tamazight in Tifinagh', async () => {
  const ar = (await receive(delivery(outboundAlert(yasmine()), { language: 'ar-MA' }))).mail;
  assert.match(htmlOf(ar), /<html lang="ar-MA" dir="rtl">/);
  assert.match(htmlOf(ar), /<body dir="rtl"/);
  assert.match(htmlOf(ar), /<div lang="ar-MA" dir="rtl"/);
  assert.equal(ar.parsed.subject, yasmine().texts['ar-MA'].headline);
  assert.deepEqual(ar.header('content-language'), ['ar-MA']);
  assert.ok(ar.parsed.text?.includes(EMAIL_TEXTS.ar.unsubscribe));

  const fr = (await receive(delivery(outboundAlert(yasmine()), { language: 'fr-MA' }))).mail;
  assert.match(htmlOf(fr), /<html lang="fr-MA" dir="ltr">/);

  const zgh = (await receive(delivery(outboundAlert(yasmine()), { language: 'zgh-Tfng' }))).mail;
  assert.match(htmlOf(zgh), /<html lang="zgh-Tfng" dir="ltr">/);
  assert.equal(zgh.parsed.subject, yasmine().texts['zgh-Tfng'].headline);
  // No reviewed Tifinagh footer yet: it comes in Arabic (right-to-left) and French.
  assert.ok(htmlOf(zgh).includes(`<p lang="ar-MA" dir="rtl" style="font-size:13px;color:#555555;margin:4px 0">${EMAIL_TEXTS.ar.whyReceived}</p>`));
  assert.ok(zgh.parsed.text?.includes(`${EMAIL_TEXTS.ar.unsubscribe} / ${EMAIL_TEXTS.fr.unsubscribe}`));
});

test('the Message-ID comes from the idempotency key: a retry is the same message downstream', async () => {
  const message = outboundAlert(yasmine());
  const first = delivery(message);
  const a = await receive(first);
  const b = await receive({ ...first, signal: AbortSignal.timeout(10_000) });
  const other = await receive(delivery(message, { address: first.recipient.address }));
  assert.ok(a.providerRef);
  assert.match(a.providerRef, /^<[0-9a-f]{40}@tifli\.test>$/);
  assert.equal(a.mail.parsed.messageId, a.providerRef);
  assert.equal(b.mail.parsed.messageId, a.providerRef);
  assert.equal(b.providerRef, a.providerRef);
  assert.notEqual(other.providerRef, a.providerRef);
  assert.ok(!a.providerRef.includes(first.idempotencyKey), 'the key itself is not revealed');
});

test('an exercise says so in the subject and in a banner', async () => {
  for (const language of ['ar-MA', 'fr-MA', 'zgh-Tfng'] as const satisfies readonly AlertLanguage[]) {
    const { mail } = await receive(delivery(outboundAlert(exerciseAlert()), { language }));
    assert.equal(mail.parsed.subject, `[تمرين/EXERCICE] ${exerciseAlert().texts[language].headline}`);
    assert.ok(mail.parsed.text?.startsWith('[تمرين/EXERCICE]'));
  }
});

test('a found alert closes with a thank-you: no photo, no name, threaded to the earlier messages', async () => {
  const alert = await receive(delivery(outboundAlert(yasmine()), { language: 'ar-MA' }));
  assert.ok(alert.providerRef);
  const message = outboundAlert(endedAlert('found'));
  const { mail } = await receive(delivery(message, { language: 'ar-MA' }, [alert.providerRef]));
  const s = SITE_TEXTS.ar;
  assert.equal(mail.parsed.subject, `${s.foundTitle} (TM-2026-000123)`);
  assert.ok(mail.parsed.text?.includes(s.foundBody));
  assert.equal(mail.parsed.attachments.length, 0);
  assert.deepEqual(message.posterCalls, [], 'no poster is even rendered');
  const html = htmlOf(mail);
  assert.doesNotMatch(html, /<img/i);
  for (const name of ['ياسمين', 'Yasmine', 'العمراني']) {
    assert.ok(!html.includes(name) && !mail.parsed.text?.includes(name), `no name (${name})`);
  }
  assert.equal(mail.parsed.inReplyTo, alert.providerRef);
  assert.deepEqual(mail.header('list-unsubscribe-post'), ['List-Unsubscribe=One-Click']);
  assert.match(html, /dir="rtl"/);
});

test('a withdrawn or expired alert closes with the neutral notice', async () => {
  const { mail } = await receive(delivery(outboundAlert(endedAlert('withdrawn')), { language: 'fr-MA' }));
  assert.equal(mail.parsed.subject, `${SITE_TEXTS.fr.endedTitle} (TM-2026-000123)`);
  assert.ok(mail.parsed.text?.includes(SITE_TEXTS.fr.endedBody));
  assert.ok(!mail.parsed.text?.includes(SITE_TEXTS.fr.foundTitle));
  assert.equal(mail.parsed.attachments.length, 0);
});

test('the double opt-in confirmation carries the link in the recipient language', async () => {
  const link = 'https://tifli.test/subscriptions/confirm?t=b3B0aW4';
  assert.equal(typeof channel.sendConfirmation, 'function');
  const send = (m: ConfirmationMessage) => channel.sendConfirmation?.(m) ?? Promise.reject(new Error('no sendConfirmation'));
  for (const language of ['ar-MA', 'fr-MA', 'zgh-Tfng'] as const) {
    const before = peer.messages.length;
    const receipt = await send({ idempotencyKey: `confirm-${language}`, recipient: { key: 's', address: 'new@example.test', language, unsubscribeUrl: null }, code: null, link, signal: AbortSignal.timeout(10_000) });
    const mail = peer.messages[before];
    assert.ok(mail);
    assert.equal(receipt.providerRef, mail.parsed.messageId);
    assert.ok(mail.parsed.text?.includes(link));
    assert.ok(htmlOf(mail).includes(`<a href="${link}"`));
    assert.deepEqual(mail.header('list-unsubscribe'), [], 'nothing to unsubscribe from yet');
    assert.deepEqual(mail.header('auto-submitted'), ['auto-generated']);
    if (language === 'ar-MA') {
      assert.equal(mail.parsed.subject, EMAIL_TEXTS.ar.confirmSubject);
      assert.match(htmlOf(mail), /<html lang="ar-MA" dir="rtl">/);
    } else if (language === 'fr-MA') {
      assert.equal(mail.parsed.subject, EMAIL_TEXTS.fr.confirmSubject);
    } else {
      assert.equal(mail.parsed.subject, `${EMAIL_TEXTS.ar.confirmSubject} / ${EMAIL_TEXTS.fr.confirmSubject}`);
      assert.ok(mail.parsed.text?.includes(EMAIL_TEXTS.ar.confirmIgnore) && mail.parsed.text.includes(EMAIL_TEXTS.fr.confirmIgnore));
    }
  }
  await assert.rejects(send({ idempotencyKey: 'c', recipient: { key: 's', address: 'new@example.test', language: 'fr-MA', unsubscribeUrl: null }, code: '123456', link: null, signal: AbortSignal.timeout(1000) }), /email_no_confirmation_link/);
});

test('SMTP refusals become delivery failures the dispatcher can act on, without the address', async () => {
  const cases = [
    { reply: { code: 421, text: '4.7.0 Try again later' }, kind: 'throttled', code: 'smtp_421_4.7.0' },
    { reply: { code: 451, text: '4.3.0 Local error' }, kind: 'transient', code: 'smtp_451_4.3.0' },
    { reply: { code: 550, text: '5.1.1 Mailbox unknown', at: 'rcpt' as const }, kind: 'gone', code: 'smtp_550_5.1.1' },
    { reply: { code: 554, text: '5.6.0 Transaction failed' }, kind: 'permanent', code: 'smtp_554_5.6.0' },
  ];
  for (const c of cases) {
    peer.rejectNext(1, c.reply);
    const d = delivery(outboundAlert(unnamedBoy()));
    await assert.rejects(channel.deliver(d), (e: unknown) => {
      assert.ok(e instanceof DeliveryError);
      assert.deepEqual({ kind: e.failure.kind, code: e.failure.code }, { kind: c.kind, code: c.code });
      assert.ok(!e.message.includes(d.recipient.address));
      return true;
    });
    // The pool recovers: the next message goes through.
    await receive(delivery(outboundAlert(unnamedBoy())));
  }
});
