/**
 * The SMS channel against a real SMSC on loopback (test/peers/smpp-peer.ts): what a handset would show,
 * how the SMSC's refusals and faults come back to the dispatcher, receipts and replies.
 */
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startSmppPeer, ESME_RINVDSTADR, type AcceptedSms, type SmppPeer, type SmppPeerOptions } from '../../../../test/peers/smpp-peer.ts';
import { outboundAlert } from '../../../../test/peers/outbound-alert.ts';
import type { Delivery, Recipient } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import { composeAlertTexts } from '../../../domain/alert-text/compose-alert-texts.ts';
import { girlWithName } from '../../../domain/alert-text/alert-text-fixtures.test-support.ts';
import { smsEncoding } from '../../../domain/alert-text/sms-encoding.ts';
import type { ActivePublicAlert } from '../../../domain/alert/public-alert.ts';
import { endedAlert, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { normaliseMessageId } from './message-id.ts';
import { createSmsChannel, type SmsChannel, type SmsChannelOptions, type SmsInbound, type SmsReceipt } from './sms.channel.ts';
import { alertSmsText } from './sms-texts.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const PHONE = '+212612345678';
const LONE_SURROGATE_OR_REPLACEMENT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

/** Yasmine's alert with the short forms composeAlertTexts really produces (sms70 per language). */
function yasmineWithShortForms(over: Partial<ActivePublicAlert> = {}): ActivePublicAlert {
  const base = yasmine();
  const composed = composeAlertTexts(girlWithName().input);
  const texts = {
    'ar-MA': { ...base.texts['ar-MA'], sms70: composed['ar-MA'].sms70 },
    'fr-MA': { ...base.texts['fr-MA'], sms70: composed['fr-MA'].sms70 },
    'zgh-Tfng': { ...base.texts['zgh-Tfng'], sms70: composed['zgh-Tfng'].sms70 },
  };
  return yasmine({ texts, ...over });
}

/** The same alert with one language's short form replaced. */
function withSms70(language: AlertLanguage, sms70: string): ActivePublicAlert {
  const view = yasmineWithShortForms();
  return { ...view, texts: { ...view.texts, [language]: { ...view.texts[language], sms70 } } };
}

const recipient = (language: AlertLanguage, address = PHONE): Recipient => ({ key: `sub-${language}`, address, language, unsubscribeUrl: `https://tifli.test/u/${language}` });

let keys = 0;
function delivery(view: Parameters<typeof outboundAlert>[0], language: AlertLanguage, signal = AbortSignal.timeout(5_000), address = PHONE): Delivery {
  return { idempotencyKey: `key-${++keys}`, message: outboundAlert(view), recipient: recipient(language, address), previousRefs: [], signal };
}


interface Harness {
  readonly peer: SmppPeer;
  readonly channel: SmsChannel;
  readonly receipts: SmsReceipt[];
  readonly inbound: SmsInbound[];
  readonly logs: string[];
  readonly password: string;
  /** The peer's latest accepted message. */
  readonly last: () => AcceptedSms;
}

/** A peer and a channel bound to it, both closed after the suite. */
function harness(peerOptions: SmppPeerOptions = {}, channelOptions: SmsChannelOptions = {}, credentials: { systemId?: string; password?: string } = {}): () => Harness {
  let h: Harness | null = null;
  before(async () => {
    const peer = await startSmppPeer({ systemId: 'tifli', password: 'Zq7-pass', ...peerOptions });
    const receipts: SmsReceipt[] = [];
    const inbound: SmsInbound[] = [];
    const logs: string[] = [];
    const log = { info: (f: Record<string, unknown>, m: string) => void logs.push(JSON.stringify({ ...f, m })), warn: (f: Record<string, unknown>, m: string) => void logs.push(JSON.stringify({ ...f, m })) };
    const password = credentials.password ?? 'Zq7-pass';
    const channel = createSmsChannel(
      { url: peer.url, systemId: credentials.systemId ?? 'tifli', password, sender: 'DGSN' },
      { onReceipt: async (r) => void receipts.push(r), onInbound: async (m) => void inbound.push(m) },
      { log, enquireLinkMs: 1_000, reconnect: { initialMs: 20, maxMs: 200 }, ...channelOptions },
    );
    h = {
      peer,
      channel,
      receipts,
      inbound,
      logs,
      password,
      last: () => {
        const m = peer.messages.at(-1);
        assert.ok(m, 'the SMSC accepted no message');
        return m;
      },
    };
  });
  after(async () => {
    await h?.channel.close();
    await h?.peer.close();
  });
  return () => {
    assert.ok(h);
    return h;
  };
}

describe('SMS channel: session', () => {
  const h = harness({}, { enquireLinkMs: 25 });

  test('binds as a transceiver with SMPP 3.4 and keeps the link alive', async () => {
    const { peer, channel } = h();
    await channel.ready(AbortSignal.timeout(5_000));
    assert.deepEqual(peer.binds, [{ command: 'bind_transceiver', systemId: 'tifli', interfaceVersion: 0x34, accepted: true }]);
    await peer.waitFor(() => peer.enquireLinks >= 2);
    assert.equal(peer.connections, 1);
  });

  test('close() unbinds; nothing is sent afterwards', async () => {
    const { peer, channel } = h();
    await channel.close();
    assert.equal(peer.unbinds, 1);
    await peer.waitFor(() => peer.boundSessions === 0);
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA')));
    assert.deepEqual(failure, { kind: 'transient', code: 'smpp_closed' });
    assert.equal(peer.connections, 1);
  });
});

describe('SMS channel: texts and encodings', () => {
  const h = harness();

  test('an Arabic alert goes out as UCS-2 in concatenated segments and is reassembled exactly', async () => {
    const { channel, last } = h();
    const d = delivery(yasmineWithShortForms(), 'ar-MA');
    const { providerRef } = await channel.deliver(d);
    const sms = last();
    const expected = alertSmsText(d.message, 'ar-MA');
    assert.equal(sms.text, expected);
    assert.ok(sms.text.startsWith('اختفت ياسمين'));
    assert.ok(sms.text.includes('https://tifli.test/alerts/K7QX2M'));
    assert.ok(sms.text.includes('STOP'));
    assert.equal(sms.encoding, 'UCS-2');
    assert.equal(sms.dataCoding, 0x08);
    assert.equal(sms.segments, smsEncoding(expected).segments);
    assert.ok(sms.segments >= 2 && sms.segments <= 3, `${sms.segments} segments`);
    assert.deepEqual(sms.esmClasses, Array(sms.segments).fill(0x40));
    assert.deepEqual(sms.registeredDelivery, Array(sms.segments).fill(1));
    for (const s of sms.segmentTexts) assert.doesNotMatch(s, LONE_SURROGATE_OR_REPLACEMENT);
    assert.deepEqual([sms.destination, sms.destTon, sms.destNpi], ['212612345678', 1, 1]);
    assert.deepEqual([sms.source, sms.sourceTon], ['DGSN', 5]);
    assert.equal(providerRef, normaliseMessageId(sms.messageIds[0] ?? '', 'opaque'));
    assert.equal(sms.validUntil?.toISOString(), d.message.expiresAt.toISOString(), 'the SMSC drops it when the alert ends');
  });

  test('a French alert without â/ê/î/ô/û stays GSM-7 (é and à are GSM characters)', async () => {
    const { channel, last } = h();
    const d = delivery(yasmineWithShortForms(), 'fr-MA');
    await channel.deliver(d);
    const sms = last();
    assert.equal(sms.text, alertSmsText(d.message, 'fr-MA'));
    assert.ok(sms.text.startsWith('Yasmine, 8 ans, disparue à Rabat.'));
    assert.ok(sms.text.endsWith('Répondez STOP pour ne plus recevoir ces alertes'));
    assert.equal(sms.encoding, 'GSM-7');
    assert.equal(sms.dataCoding, 0);
    assert.equal(sms.segments, 1);
    assert.deepEqual(sms.esmClasses, [0]);
  });

  test('French with ê goes out as UCS-2', async () => {
    const { channel, last } = h();
    const d = delivery(withSms70('fr-MA', 'Yasmine, 8 ans, vue près de la forêt. Appelez le 19. TM-2026-000123'), 'fr-MA');
    await channel.deliver(d);
    const sms = last();
    assert.equal(sms.text, alertSmsText(d.message, 'fr-MA'));
    assert.equal(sms.encoding, 'UCS-2');
    assert.equal(sms.segments, smsEncoding(sms.text).segments);
    assert.ok(sms.segments >= 2);
  });

  test('a long GSM-7 text is concatenated in 153-septet segments', async () => {
    const { channel, last } = h();
    const d = delivery(withSms70('fr-MA', 'Yasmine, 8 ans, disparue a Rabat le 22/11 vers 7 h 30, tablier blanc. Appelez le 19.'), 'fr-MA');
    await channel.deliver(d);
    const sms = last();
    assert.equal(sms.encoding, 'GSM-7');
    assert.equal(sms.text, alertSmsText(d.message, 'fr-MA'));
    assert.equal(sms.segments, 2);
    assert.equal(sms.segmentTexts[0]?.length, 153);
  });

  test('Tamazight (Tifinagh) goes out as UCS-2, exactly', async () => {
    const { channel, last } = h();
    const d = delivery(yasmineWithShortForms(), 'zgh-Tfng');
    await channel.deliver(d);
    assert.equal(last().text, alertSmsText(d.message, 'zgh-Tfng'));
    assert.equal(last().encoding, 'UCS-2');
    assert.equal(last().segments, smsEncoding(last().text).segments);
  });

  test('a surrogate pair at a segment boundary is never split', async () => {
    const { channel, last } = h();
    const d = delivery(withSms70('ar-MA', `${'ا'.repeat(66)}😀 19`), 'ar-MA');
    await channel.deliver(d);
    const sms = last();
    assert.equal(sms.text, alertSmsText(d.message, 'ar-MA'));
    assert.equal(sms.segmentTexts[0]?.length, 66);
    for (const s of sms.segmentTexts) assert.doesNotMatch(s, LONE_SURROGATE_OR_REPLACEMENT);
  });

  test('an exercise says so', async () => {
    const { channel, last } = h();
    await channel.deliver(delivery(yasmineWithShortForms({ exercise: true }), 'fr-MA'));
    assert.ok(last().text.startsWith('EXERCICE: Yasmine'));
  });

  test('a Cancel names the reference only: thank you when found, ended otherwise', async () => {
    const { channel, last } = h();
    await channel.deliver(delivery(endedAlert('found'), 'fr-MA'));
    assert.equal(last().text, 'Enfant retrouvé (réf. TM-2026-000123). Merci pour votre aide.\nRépondez STOP pour ne plus recevoir ces alertes');
    await channel.deliver(delivery(endedAlert('withdrawn'), 'ar-MA'));
    assert.ok(last().text.startsWith('انتهى التنبيه (المرجع TM-2026-000123)'));
    assert.ok(!last().text.includes('ياسمين'));
    await channel.deliver(delivery(endedAlert('found'), 'zgh-Tfng'));
    assert.ok(last().text.includes('TM-2026-000123'));
    assert.ok(!/Yasmine|ياسمين/.test(last().text));
  });

  test('the subscription code goes out in the recipient language', async () => {
    const { channel, last } = h();
    const receipt = await channel.sendConfirmation?.({ idempotencyKey: 'confirm-1', recipient: recipient('fr-MA'), code: '482913', link: null, signal: AbortSignal.timeout(5_000) });
    assert.ok(receipt?.providerRef);
    assert.equal(last().text, 'Tifli: votre code de confirmation est 482913. Ne le donnez à personne.');
    assert.equal(last().encoding, 'GSM-7');
    await channel.sendConfirmation?.({ idempotencyKey: 'confirm-2', recipient: recipient('ar-MA'), code: '105527', link: null, signal: AbortSignal.timeout(5_000) });
    assert.ok(last().text.includes('105527'));
    assert.equal(last().encoding, 'UCS-2');
    assert.equal(last().segments, 1);
  });

  test('an address that is not E.164 is refused before reaching the SMSC', async () => {
    const { channel, peer } = h();
    const count = peer.messages.length;
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA', AbortSignal.timeout(5_000), '0612345678')));
    assert.deepEqual(failure, { kind: 'permanent', code: 'sms_invalid_address' });
    assert.equal(peer.messages.length, count);
  });

  test('logs carry neither credentials, numbers nor texts', () => {
    const { logs, password } = h();
    const all = logs.join('\n');
    for (const secret of [password, 'tifli', '212612345678', 'Yasmine', 'ياسمين']) assert.ok(!all.includes(secret), `log leaks ${secret}`);
  });
});

describe('SMS channel: receipts and replies', () => {
  const h = harness();

  test('delivery receipts reach onReceipt with the delivery providerRef', async () => {
    const { channel, peer, receipts, last } = h();
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'ar-MA'));
    const sms = last();
    assert.ok(providerRef);
    assert.equal(await peer.sendReceipt(sms.messageIds[0] ?? '', 'DELIVRD'), 0);
    assert.deepEqual(receipts.at(-1), { providerRef, status: 'delivered' });
    assert.equal(await peer.sendReceipt(sms.messageIds[0] ?? '', 'UNDELIV', { err: '012' }), 0);
    assert.deepEqual(receipts.at(-1), { providerRef, status: 'failed', errorCode: 'smpp_undeliv_012' });
  });

  test('intermediate receipts are answered and change nothing', async () => {
    const { channel, peer, receipts, last } = h();
    await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    const count = receipts.length;
    assert.equal(await peer.sendReceipt(last().messageIds[0] ?? '', 'ENROUTE'), 0);
    assert.equal(receipts.length, count);
  });

  test('STOP from a handset reaches onInbound with the E.164 sender', async () => {
    const { peer, inbound } = h();
    assert.equal(await peer.sendMobileOriginated('212612345678', 'STOP'), 0);
    assert.deepEqual(inbound.at(-1), { from: '+212612345678', text: 'STOP' });
    assert.equal(await peer.sendMobileOriginated('212698765432', 'توقف'), 0);
    assert.deepEqual(inbound.at(-1), { from: '+212698765432', text: 'توقف' });
  });
});

describe('SMS channel: our side failing on a receipt', () => {
  let peer: SmppPeer;
  let channel: SmsChannel;
  before(async () => {
    peer = await startSmppPeer({ password: 'Zq7-pass' });
    channel = createSmsChannel(
      { url: peer.url, systemId: 'tifli', password: 'Zq7-pass', sender: 'DGSN' },
      { onReceipt: () => Promise.reject(new Error('database down')), onInbound: () => Promise.reject(new Error('database down')) },
      { reconnect: { initialMs: 20, maxMs: 200 } },
    );
  });
  after(async () => {
    await channel.close();
    await peer.close();
  });

  test('the SMSC is still answered, with a temporary error so that it delivers again later', async () => {
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    assert.ok(providerRef);
    assert.equal(await peer.sendReceipt(peer.messages.at(-1)?.messageIds[0] ?? '', 'DELIVRD'), 0x64);
    assert.equal(await peer.sendMobileOriginated('212612345678', 'STOP'), 0x64);
  });
});

describe('SMS channel: message ids in hex on submit, decimal in receipt texts', () => {
  const h = harness({ messageIds: 'hex', receiptTextIds: 'decimal', receiptTlvs: false }, { messageIds: { submit: 'hex', receipt: 'decimal' } });

  test('the receipt finds the delivery by the same providerRef', async () => {
    const { channel, peer, receipts, last } = h();
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    const hexId = last().messageIds[0] ?? '';
    assert.match(hexId, /[A-F]/, 'the SMSC answers in hex');
    assert.equal(providerRef, String(parseInt(hexId, 16)));
    await peer.sendReceipt(hexId, 'DELIVRD');
    assert.deepEqual(receipts.at(-1), { providerRef, status: 'delivered' });
  });
});

describe('SMS channel: hex ids with TLVs, opaque ids', () => {
  const h = harness({ messageIds: 'hex' });

  test('upper-case ids from the SMSC and its TLVs meet in one form', async () => {
    const { channel, peer, receipts, last } = h();
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    const hexId = last().messageIds[0] ?? '';
    assert.equal(providerRef, hexId.toLowerCase());
    await peer.sendReceipt(hexId, 'EXPIRED');
    assert.deepEqual(receipts.at(-1), { providerRef, status: 'failed', errorCode: 'smpp_expired_001' });
  });
});

describe('SMS channel: decimal ids zero-padded in receipt texts without TLVs', () => {
  const h = harness({ receiptTextIds: 'decimal', receiptTlvs: false });

  test('leading zeros do not hide the delivery', async () => {
    const { channel, peer, receipts, last } = h();
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    await peer.sendReceipt(last().messageIds[0] ?? '', 'DELIVRD');
    assert.deepEqual(receipts.at(-1), { providerRef, status: 'delivered' });
  });
});

describe('SMS channel: SMSC refusals', () => {
  const h = harness({ rate: { max: 1, windowMs: 60_000 } });

  test('an invalid destination is permanent', async () => {
    const { channel, peer } = h();
    peer.rejectDestination('212600000000');
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA', AbortSignal.timeout(5_000), '+212600000000')));
    assert.deepEqual(failure, { kind: 'permanent', code: `smpp_0x${ESME_RINVDSTADR.toString(16).padStart(2, '0')}` });
  });

  test('queue full is throttled, a system error transient', async () => {
    const { channel, peer } = h();
    peer.failNext(1, 0x14);
    assert.deepEqual(await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'))), { kind: 'throttled', code: 'smpp_0x14', retryAfterMs: null });
    peer.failNext(1, 0x08);
    assert.deepEqual(await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'))), { kind: 'transient', code: 'smpp_0x08' });
  });

  test('beyond the SMSC rate, ESME_RTHROTTLED is throttled', async () => {
    const { channel, peer } = h();
    // One submit fits in the window; the Arabic alert needs two or more.
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'ar-MA')));
    assert.deepEqual(failure, { kind: 'throttled', code: 'smpp_0x58', retryAfterMs: null });
    assert.equal(peer.messages.length, 0, 'no complete message reached the handset');
  });
});

describe('SMS channel: faults', () => {
  const h = harness();

  test('a connection dropped mid-request is transient; the session reconnects and the next send passes', async () => {
    const { channel, peer, last } = h();
    await channel.ready(AbortSignal.timeout(5_000));
    peer.dropNext();
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA')));
    assert.deepEqual(failure, { kind: 'transient', code: 'smpp_connection' });
    const { providerRef } = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'));
    assert.ok(providerRef);
    assert.equal(last().destination, '212612345678');
    assert.equal(peer.connections, 2);
    assert.equal(peer.binds.filter((b) => b.accepted).length, 2);
  });

  test('a connection dropped while idle is reopened', async () => {
    const { channel, peer } = h();
    const before = peer.connections;
    peer.dropAll();
    await peer.waitFor(() => peer.boundSessions === 1 && peer.connections === before + 1);
    assert.ok((await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'))).providerRef);
  });

  test('a slow SMSC makes the delivery time out on its signal; the late answer is ignored', async () => {
    const { channel, peer } = h();
    await channel.ready(AbortSignal.timeout(5_000));
    peer.delayResponses(1_000);
    const before = peer.messages.length;
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA', AbortSignal.timeout(100))));
    assert.deepEqual(failure, { kind: 'transient', code: 'timeout' });
    // The SMSC did get the slow one (a stalled event loop may let the timeout fire before it is read).
    await peer.waitFor(() => peer.messages.length === before + 1);
    peer.delayResponses(0);
    assert.ok((await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'))).providerRef);
    assert.equal(peer.messages.length, before + 2, 'the next delivery is sent once; the late answer sent nothing');
  });

  test('an already aborted signal fails at once', async () => {
    const { channel } = h();
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA', controller.signal))), { kind: 'transient', code: 'timeout' });
  });
});

describe('SMS channel: a silent link', () => {
  const h = harness({}, { enquireLinkMs: 30, requestTimeoutMs: 200 });

  test('an unanswered enquire_link drops the link and a new session is bound', async () => {
    const { channel, peer } = h();
    await channel.ready(AbortSignal.timeout(5_000));
    peer.muteEnquireLinks(true);
    await peer.waitFor(() => peer.connections >= 2);
    peer.muteEnquireLinks(false);
    await peer.waitFor(() => peer.boundSessions === 1 && peer.binds.length >= 2);
    // With a 200 ms request timeout, a loaded machine can drop the new link once more; the channel must
    // come back on its own and deliver within a few seconds.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const result = await channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA')).then((r) => r.providerRef, () => undefined);
      if (result) break;
      assert.ok(Date.now() < deadline, 'no delivery within 10 s of the link coming back');
      await peer.waitFor(() => peer.boundSessions === 1);
    }
  });
});

describe('SMS channel: wrong password', () => {
  const h = harness({}, { reconnect: { initialMs: 50, maxMs: 100 } }, { password: 'wrong-pw' });

  test('the bind is refused, deliveries fail as smpp_bind, and the process carries on', async () => {
    const { channel, peer, logs, password } = h();
    const failure = await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA')));
    assert.deepEqual(failure, { kind: 'transient', code: 'smpp_bind' });
    assert.equal(peer.binds[0]?.accepted, false);
    assert.equal(peer.messages.length, 0);
    await peer.waitFor(() => peer.binds.length >= 2, 5_000);
    assert.ok(peer.binds.every((b) => !b.accepted));
    assert.ok(logs.some((l) => l.includes('smpp_bind')));
    assert.ok(!logs.join('\n').includes(password));
  });
});

describe('SMS channel: no SMSC listening', () => {
  test('deliveries fail as transient smpp_connect', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const channel = createSmsChannel(
      { url: `smpp://127.0.0.1:${port}`, systemId: 'tifli', password: 'Zq7-pass', sender: 'DGSN' },
      { onReceipt: async () => undefined, onInbound: async () => undefined },
      { reconnect: { initialMs: 20, maxMs: 50 } },
    );
    try {
      assert.deepEqual(await failureOf(channel.deliver(delivery(yasmineWithShortForms(), 'fr-MA'))), { kind: 'transient', code: 'smpp_connect' });
    } finally {
      await channel.close();
    }
  });
});
