/**
 * The WhatsApp adapter against the loopback Cloud API peer (test/peers/whatsapp-peer.ts): what a
 * recipient gets (template, language, poster, parameters, callback data), and how every refusal of
 * the provider reaches the dispatcher (DeliveryError kinds and codes). The peer's clock is moved by
 * hand, so throughput and pair-rate limits never depend on timing.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startWhatsAppPeer, DEFAULT_TEMPLATES, type WhatsAppPeer } from '../../../../test/peers/whatsapp-peer.ts';
import type { ChannelAdapter, OutboundAlert, Recipient } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { PublicAlertView } from '../../../domain/alert/public-alert.ts';
import { DeliveryError, type DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';
import { endedAlert, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { createWhatsAppChannel, type WhatsAppConfig } from './whatsapp.channel.ts';

let nowMs = Date.parse('2026-11-22T10:00:00Z');
let peer: WhatsAppPeer;
let channel: ChannelAdapter;
let config: WhatsAppConfig;

const POSTER = (lang: AlertLanguage, format: string) => `https://tifli.test/alerts/K7QX2M/poster-${lang}-${format}.jpg`;

function outbound(view: PublicAlertView, over: Partial<OutboundAlert> = {}): OutboundAlert {
  return {
    action: view.state === 'active' ? 'publish' : 'retract',
    alertId: '6f1d2a9e-3b7c-4c1e-9a55-0b2d7f1e4c10',
    publicId: view.publicId,
    version: view.version,
    msgType: view.state === 'active' ? 'Alert' : 'Cancel',
    updateKind: null,
    exercise: view.exercise,
    pageUrl: `https://tifli.test/alerts/${view.publicId}`,
    expiresAt: new Date('2026-11-25T08:00:00Z'),
    sentAt: new Date('2026-11-22T08:00:00Z'),
    view,
    capXml: '<alert/>',
    topic: view.publicId,
    posterUrl: POSTER,
    poster: async () => Buffer.alloc(0),
    ...over,
  };
}

let seq = 0;
function recipient(language: AlertLanguage = 'fr-MA', over: Partial<Recipient> = {}): Recipient {
  seq += 1;
  return { key: `sub-${seq}`, address: `+2126${String(10_000_000 + seq).padStart(8, '0')}`, language, unsubscribeUrl: `https://tifli.test/u/tok${seq}`, ...over };
}

const deliver = (c: ChannelAdapter, message: OutboundAlert, to: Recipient, key = `key-${to.key}`) =>
  c.deliver({ idempotencyKey: key, message, recipient: to, previousRefs: [], signal: AbortSignal.timeout(5_000) });

async function failure(p: Promise<unknown>): Promise<DeliveryFailure> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `a DeliveryError, got ${String(err)}`);
    return err.failure;
  }
  assert.fail('the delivery should have failed');
}

before(async () => {
  peer = await startWhatsAppPeer({
    now: () => nowMs,
    templates: { ...DEFAULT_TEMPLATES, tifli_alert_fr_only: { languages: ['fr'], header: 'image', bodyParams: 4 } },
  });
  config = {
    baseUrl: peer.url,
    phoneNumberId: peer.phoneNumberId,
    token: peer.token,
    appSecret: peer.appSecret,
    verifyToken: 'verify-token-123',
    alertTemplate: 'tifli_alert',
    closingTemplate: 'tifli_alert_closed',
    codeTemplate: 'tifli_confirmation_code',
  };
  channel = createWhatsAppChannel(config, peer.version, { timeoutMs: 2_000 });
});
after(() => peer.close());
// Ten seconds between tests: the bucket refills and the pair-rate window passes.
beforeEach(() => {
  nowMs += 10_000;
});

test('an alert goes out as the approved template: square poster, short text, reference, page, how to stop, idempotency key', async () => {
  const to = recipient('fr-MA');
  const view = yasmine({ texts: { ...yasmine().texts, 'fr-MA': { ...yasmine().texts['fr-MA'], sms70: 'Disparue a Rabat: Yasmine, 8 ans. Appelez le 19.' } } });
  const receipt = await deliver(channel, outbound(view), to, 'v2:whatsapp:sub-x');
  const [sent] = peer.deliveriesTo(to.address);
  assert.ok(sent);
  assert.equal(receipt.providerRef, sent.id);
  assert.match(sent.id, /^wamid\./);
  assert.equal(sent.template, 'tifli_alert');
  assert.equal(sent.language, 'fr');
  assert.equal(sent.headerImage, 'https://tifli.test/alerts/K7QX2M/poster-fr-MA-square.jpg');
  assert.equal(sent.callbackData, 'v2:whatsapp:sub-x');
  assert.deepEqual(sent.params.slice(0, 3), ['Disparue a Rabat: Yasmine, 8 ans. Appelez le 19.', 'TM-2026-000123', 'https://tifli.test/alerts/K7QX2M']);
  assert.match(sent.params[3] ?? '', /STOP/);
  assert.ok(sent.params[3]?.includes(to.unsubscribeUrl ?? 'x'), 'the unsubscribe link is in the message');
  assert.ok(!sent.params.some((p) => p.includes(view.texts['fr-MA'].description.slice(0, 20))), 'only the short text, not the description');
});

test('the template language follows the recipient: ar-MA → ar, fr-MA → fr, zgh-Tfng → ar with the Tamazight text', async () => {
  const view = yasmine({
    texts: {
      'ar-MA': { ...yasmine().texts['ar-MA'], sms70: 'نص عربي قصير' },
      'fr-MA': { ...yasmine().texts['fr-MA'], sms70: 'Texte court' },
      'zgh-Tfng': { ...yasmine().texts['zgh-Tfng'], sms70: 'ⴰⴹⵔⵉⵚ ⴰⵎⵥⵥⵢⴰⵏ' },
    },
  });
  const expected: [AlertLanguage, string, string][] = [['ar-MA', 'ar', 'نص عربي قصير'], ['fr-MA', 'fr', 'Texte court'], ['zgh-Tfng', 'ar', 'ⴰⴹⵔⵉⵚ ⴰⵎⵥⵥⵢⴰⵏ']];
  for (const [lang, code, text] of expected) {
    const to = recipient(lang);
    await deliver(channel, outbound(view), to);
    const [sent] = peer.deliveriesTo(to.address);
    assert.equal(sent?.language, code, lang);
    assert.equal(sent?.params[0], text, lang);
    assert.equal(sent?.headerImage, POSTER(lang, 'square'), `${lang}: the poster in the recipient's own language`);
  }
  const zgh = peer.accepted.at(-1);
  assert.match(zgh?.params[3] ?? '', /ⵃⴱⵙ/, 'the Tamazight reader is told the Tifinagh stop word too');
});

test('an exercise says so; line breaks in a parameter are flattened (WhatsApp refuses them)', async () => {
  const to = recipient('fr-MA');
  const view = yasmine({ exercise: true, texts: { ...yasmine().texts, 'fr-MA': { ...yasmine().texts['fr-MA'], sms70: 'Ligne un\nligne   deux' } } });
  await deliver(channel, outbound(view), to);
  assert.equal(peer.deliveriesTo(to.address)[0]?.params[0], 'EXERCICE — Ligne un ligne deux');
});

test('a Cancel sends the closing template: no image, the reference and the thanks, never a name', async () => {
  const to = recipient('ar-MA');
  const receipt = await deliver(channel, outbound(endedAlert('found')), to);
  const [sent] = peer.deliveriesTo(to.address);
  assert.equal(receipt.providerRef, sent?.id);
  assert.equal(sent?.template, 'tifli_alert_closed');
  assert.equal(sent?.language, 'ar');
  assert.equal(sent?.headerImage, null);
  assert.equal(sent?.params[0], 'TM-2026-000123');
  assert.match(sent?.params[1] ?? '', /شكرا/);
  assert.ok(!JSON.stringify(sent).includes('ياسمين') && !JSON.stringify(sent).includes('Yasmine'));

  const fr = recipient('fr-MA');
  await deliver(channel, outbound(endedAlert('withdrawn')), fr);
  assert.match(peer.deliveriesTo(fr.address)[0]?.params[1] ?? '', /terminée/);
  assert.doesNotMatch(peer.deliveriesTo(fr.address)[0]?.params[1] ?? '', /retrouvé/, 'a withdrawn alert does not claim the child was found');
});

test('the confirmation code goes out as the authentication template (body and copy-code button)', async () => {
  const to = recipient('fr-MA');
  const receipt = await channel.sendConfirmation?.({ idempotencyKey: 'confirm-1', recipient: to, code: '482913', link: null, signal: AbortSignal.timeout(5_000) });
  const [sent] = peer.deliveriesTo(to.address);
  assert.equal(receipt?.providerRef, sent?.id);
  assert.equal(sent?.template, 'tifli_confirmation_code');
  assert.deepEqual(sent?.params, ['482913']);
  assert.deepEqual(sent?.buttonParams, ['482913']);
  assert.equal((await failure(channel.sendConfirmation?.({ idempotencyKey: 'c2', recipient: recipient(), code: null, link: 'https://x', signal: AbortSignal.timeout(5_000) }) ?? Promise.resolve())).code, 'whatsapp_no_code');
});

test('the pair rate: a second message to the same person within 6 s is throttled for 6 s, then goes', async () => {
  const to = recipient('fr-MA');
  await deliver(channel, outbound(yasmine()), to, 'k1');
  nowMs += 2_000;
  const f = await failure(deliver(channel, outbound(yasmine()), to, 'k2'));
  assert.deepEqual(f, { kind: 'throttled', code: 'whatsapp_131056', retryAfterMs: 6_000 });
  assert.equal(peer.deliveriesTo(to.address).length, 1);
  nowMs += 6_000;
  await deliver(channel, outbound(yasmine()), to, 'k2');
  assert.equal(peer.deliveriesTo(to.address).length, 2);
});

test('the number\'s throughput: over the bucket the peer answers 130429 and the adapter says wait about a second', async () => {
  const small = await startWhatsAppPeer({ now: () => nowMs, ratePerSecond: 2 });
  try {
    const c = createWhatsAppChannel({ ...config, baseUrl: small.url, phoneNumberId: small.phoneNumberId, token: small.token }, small.version);
    await deliver(c, outbound(yasmine()), recipient());
    await deliver(c, outbound(yasmine()), recipient());
    assert.deepEqual(await failure(deliver(c, outbound(yasmine()), recipient())), { kind: 'throttled', code: 'whatsapp_130429', retryAfterMs: 1_000 });
    nowMs += 500;
    await deliver(c, outbound(yasmine()), recipient());
    assert.equal(small.accepted.length, 3);
  } finally {
    await small.close();
  }
});

test('a template not approved in the recipient\'s language is a permanent failure (132001)', async () => {
  const c = createWhatsAppChannel({ ...config, alertTemplate: 'tifli_alert_fr_only' }, peer.version);
  assert.deepEqual(await failure(deliver(c, outbound(yasmine()), recipient('ar-MA'))), { kind: 'permanent', code: 'whatsapp_132001' });
  await deliver(c, outbound(yasmine()), recipient('fr-MA'));
  const unknown = createWhatsAppChannel({ ...config, closingTemplate: 'no_such_template' }, peer.version);
  assert.deepEqual(await failure(deliver(unknown, outbound(endedAlert('found')), recipient('fr-MA'))), { kind: 'permanent', code: 'whatsapp_132001' });
});

test('a wrong token is permanent (190); a number that is not E.164 never reaches the provider', async () => {
  const c = createWhatsAppChannel({ ...config, token: 'EAA-wrong-token' }, peer.version);
  assert.deepEqual(await failure(deliver(c, outbound(yasmine()), recipient())), { kind: 'permanent', code: 'whatsapp_190' });
  const before = peer.requestCount();
  const f = await failure(deliver(channel, outbound(yasmine()), recipient('fr-MA', { address: '0612345678' })));
  assert.deepEqual(f, { kind: 'permanent', code: 'whatsapp_invalid_address' });
  assert.equal(peer.requestCount(), before);
});

test('every provider error maps onto the dispatcher\'s kinds, with stable codes and no personal data', async () => {
  const cases: { fault: Parameters<WhatsAppPeer['failNext']>[1]; expected: DeliveryFailure }[] = [
    { fault: { code: 130429 }, expected: { kind: 'throttled', code: 'whatsapp_130429', retryAfterMs: 1_000 } },
    { fault: { code: 130429, retryAfter: '7' }, expected: { kind: 'throttled', code: 'whatsapp_130429', retryAfterMs: 7_000 } },
    { fault: { code: 80007 }, expected: { kind: 'throttled', code: 'whatsapp_80007', retryAfterMs: 1_000 } },
    { fault: { code: 4, retryAfter: '3' }, expected: { kind: 'throttled', code: 'whatsapp_4', retryAfterMs: 3_000 } },
    { fault: { code: 131056 }, expected: { kind: 'throttled', code: 'whatsapp_131056', retryAfterMs: 6_000 } },
    { fault: { code: 131026 }, expected: { kind: 'permanent', code: 'whatsapp_131026' } },
    { fault: { code: 131047 }, expected: { kind: 'permanent', code: 'whatsapp_131047' } },
    { fault: { code: 132000 }, expected: { kind: 'permanent', code: 'whatsapp_132000' } },
    { fault: { code: 132001 }, expected: { kind: 'permanent', code: 'whatsapp_132001' } },
    { fault: { code: 100, subcode: 33 }, expected: { kind: 'permanent', code: 'whatsapp_100' } },
    { fault: { code: 190 }, expected: { kind: 'permanent', code: 'whatsapp_190' } },
    { fault: { code: 131000 }, expected: { kind: 'transient', code: 'whatsapp_131000' } },
    { fault: { code: 131001, status: 400 }, expected: { kind: 'transient', code: 'whatsapp_131001' } },
    { fault: { code: 131002, status: 400 }, expected: { kind: 'transient', code: 'whatsapp_131002' } },
    { fault: { code: 999999, status: 503 }, expected: { kind: 'transient', code: 'whatsapp_999999' } },
    { fault: { status: 503 }, expected: { kind: 'transient', code: 'http_503' } },
    { fault: { status: 500 }, expected: { kind: 'transient', code: 'http_500' } },
    { fault: { status: 429 }, expected: { kind: 'throttled', code: 'http_429', retryAfterMs: 1_000 } },
    { fault: { status: 429, retryAfter: '12' }, expected: { kind: 'throttled', code: 'http_429', retryAfterMs: 12_000 } },
  ];
  for (const { fault, expected } of cases) {
    nowMs += 10_000;
    peer.failNext(1, fault);
    const to = recipient();
    let err: unknown;
    try {
      await deliver(channel, outbound(yasmine()), to);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof DeliveryError, JSON.stringify(fault));
    assert.deepEqual(err.failure, expected, JSON.stringify(fault));
    assert.ok(!err.message.includes(to.address.slice(1)), 'the error never carries the number');
    assert.equal(peer.deliveriesTo(to.address).length, 0);
  }
});

test('garbage answers are transient: an HTML error page, or a 200 without a wamid', async () => {
  peer.garbageNext(1, 502);
  assert.deepEqual(await failure(deliver(channel, outbound(yasmine()), recipient())), { kind: 'transient', code: 'http_502' });
  peer.garbageNext(1, 200);
  assert.deepEqual(await failure(deliver(channel, outbound(yasmine()), recipient())), { kind: 'transient', code: 'whatsapp_bad_response' });
});

test('a slow provider is abandoned at the timeout (transient), and the dispatcher\'s signal is honoured', async () => {
  const quick = createWhatsAppChannel(config, peer.version, { timeoutMs: 150 });
  peer.slowNext(1, 3_000);
  const to = recipient();
  const started = performance.now();
  assert.deepEqual(await failure(deliver(quick, outbound(yasmine()), to)), { kind: 'transient', code: 'timeout' });
  assert.ok(performance.now() - started < 2_500, 'gave up before the provider answered');
  assert.equal(peer.deliveriesTo(to.address).length, 0);

  const aborted = AbortSignal.abort();
  const f = await failure(channel.deliver({ idempotencyKey: 'k', message: outbound(yasmine()), recipient: recipient(), previousRefs: [], signal: aborted }));
  assert.deepEqual(f, { kind: 'transient', code: 'timeout' });
});

test('an unreachable provider is transient', async () => {
  const gone = await startWhatsAppPeer();
  const url = gone.url;
  await gone.close();
  const c = createWhatsAppChannel({ ...config, baseUrl: url }, peer.version);
  assert.deepEqual(await failure(deliver(c, outbound(yasmine()), recipient())), { kind: 'transient', code: 'whatsapp_network' });
});
