/**
 * Meta's webhook handshake, signature and notification bodies, as documented (channels.md §3), with
 * the variations Meta sends in practice: unknown fields, other change fields, statuses we do not track,
 * button replies; and the garbage a forger or a broken proxy would send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { isStopRequest, parseWebhook, signatureOf, verifyHandshake, verifySignature } from './whatsapp-webhook.ts';

const SECRET = 'app-secret-for-tests';

test('the handshake echoes the challenge only for subscribe with our verify token', () => {
  const ok = { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1158201444' };
  assert.equal(verifyHandshake(ok, 'my-verify-token'), '1158201444');
  assert.equal(verifyHandshake({ ...ok, 'hub.verify_token': 'my-verify-tokeN' }, 'my-verify-token'), null);
  assert.equal(verifyHandshake({ ...ok, 'hub.verify_token': 'short' }, 'my-verify-token'), null);
  assert.equal(verifyHandshake({ ...ok, 'hub.mode': 'unsubscribe' }, 'my-verify-token'), null);
  assert.equal(verifyHandshake({ 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'my-verify-token'), null);
  assert.equal(verifyHandshake({ ...ok, 'hub.challenge': '<script>alert(1)</script>' }, 'my-verify-token'), null, 'only inert challenges are echoed');
  assert.equal(verifyHandshake({ ...ok, 'hub.verify_token': ['my-verify-token'] }, 'my-verify-token'), null);
});

test('the signature is sha256=<hex HMAC of the raw body>; anything else is refused', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const good = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  assert.equal(signatureOf(body, SECRET), good);
  assert.equal(verifySignature(body, good, SECRET), true);
  assert.equal(verifySignature(body, good.toUpperCase().replace('SHA256=', 'sha256='), SECRET), true, 'hex case does not matter');
  assert.equal(verifySignature(Buffer.from(`${body.toString()} `), good, SECRET), false, 'one more byte');
  assert.equal(verifySignature(body, good, 'another-secret'), false);
  assert.equal(verifySignature(body, undefined, SECRET), false);
  assert.equal(verifySignature(body, '', SECRET), false);
  assert.equal(verifySignature(body, good.slice('sha256='.length), SECRET), false, 'the prefix is required');
  assert.equal(verifySignature(body, `sha1=${good.slice(7)}`, SECRET), false);
  assert.equal(verifySignature(body, good.slice(0, -2), SECRET), false, 'too short');
  assert.equal(verifySignature(body, `${good}00`, SECRET), false, 'too long');
  assert.equal(verifySignature(body, `${good.slice(0, -1)}g`, SECRET), false, 'not hex');
  assert.equal(verifySignature(body, good, ''), false, 'no secret, no trust');
});

const envelope = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '212500000000', phone_number_id: '106540352242922' }, ...value } }] }],
});

test('statuses become typed events, tolerating unknown fields; statuses we do not track are skipped', () => {
  const parsed = parseWebhook(envelope({
    statuses: [
      { id: 'wamid.A', status: 'sent', timestamp: '1795341600', recipient_id: '212612345678', biz_opaque_callback_data: 'v1:whatsapp:sub-1', conversation: { id: 'c', origin: { type: 'utility' } }, pricing: { billable: true }, new_field: 1 },
      { id: 'wamid.A', status: 'read', timestamp: 1795341660, recipient_id: '212612345678' },
      { id: 'wamid.B', status: 'failed', timestamp: '1795341600', recipient_id: '212612345679', errors: [{ code: 131026, title: 'Message undeliverable.' }] },
      { id: 'wamid.C', status: 'played', timestamp: '1795341600', recipient_id: '212612345679' },
    ],
  }));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.events, [
    { kind: 'status', wamid: 'wamid.A', status: 'sent', timestamp: new Date(1795341600_000), callbackData: 'v1:whatsapp:sub-1' },
    { kind: 'status', wamid: 'wamid.A', status: 'read', timestamp: new Date(1795341660_000) },
    { kind: 'status', wamid: 'wamid.B', status: 'failed', timestamp: new Date(1795341600_000), errorCode: 'whatsapp_131026' },
  ]);
});

test('inbound messages: E.164 sender, text, the message replied to; a quick-reply button counts as its label', () => {
  const parsed = parseWebhook(envelope({
    contacts: [{ profile: { name: 'A' }, wa_id: '212612345678' }],
    messages: [
      { from: '212612345678', id: 'wamid.IN1', timestamp: '1795341600', type: 'text', text: { body: ' Stop ' }, context: { from: '212500000000', id: 'wamid.OUT1' } },
      { from: '212612345678', id: 'wamid.IN2', timestamp: '1795341601', type: 'button', button: { text: 'STOP', payload: 'unsubscribe' } },
      { from: '212612345678', id: 'wamid.IN3', timestamp: '1795341602', type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg' } },
    ],
  }));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.events, [
    { kind: 'message', from: '+212612345678', id: 'wamid.IN1', timestamp: new Date(1795341600_000), text: ' Stop ', replyTo: 'wamid.OUT1' },
    { kind: 'message', from: '+212612345678', id: 'wamid.IN2', timestamp: new Date(1795341601_000), text: 'STOP' },
    { kind: 'message', from: '+212612345678', id: 'wamid.IN3', timestamp: new Date(1795341602_000) },
  ]);
});

test('other change fields (template reviews, account updates) carry no event', () => {
  const parsed = parseWebhook(envelope({ event: 'APPROVED', message_template_name: 'tifli_alert' }, 'message_template_status_update'));
  assert.deepEqual(parsed, { ok: true, events: [] });
});

test('garbage is refused with where it is wrong, never with what it holds', () => {
  const refused: [unknown, string][] = [
    [null, ''],
    [[], ''],
    ['whatsapp', ''],
    [{ object: 'page', entry: [] }, '/object'],
    [{ object: 'whatsapp_business_account' }, '/entry'],
    [{ object: 'whatsapp_business_account', entry: {} }, '/entry'],
    [{ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: null }] }] }, '/entry/0/changes/0/value'],
    [envelope({ statuses: [{ status: 'sent', timestamp: '1' }] }), '/entry/0/changes/0/value/statuses/0/id'],
    [envelope({ statuses: [{ id: 'wamid.A', status: 'sent', timestamp: 'yesterday' }] }), '/entry/0/changes/0/value/statuses/0/timestamp'],
    [envelope({ statuses: [{ id: 'wamid.A', status: 42, timestamp: '1' }] }), '/entry/0/changes/0/value/statuses/0/status'],
    [envelope({ statuses: 'sent' }), '/entry/0/changes/0/value/statuses'],
    [envelope({ messages: [{ from: '+212612345678', id: 'wamid.X', timestamp: '1', type: 'text', text: { body: 'hi' } }] }), '/entry/0/changes/0/value/messages/0/from'],
    [envelope({ messages: [{ from: '212612345678', id: 'wamid.X', timestamp: '1', type: 'text', text: {} }] }), '/entry/0/changes/0/value/messages/0/text/body'],
  ];
  for (const [json, path] of refused) {
    const parsed = parseWebhook(json);
    assert.equal(parsed.ok, false, JSON.stringify(json));
    if (!parsed.ok) {
      assert.equal(parsed.path, path, JSON.stringify(json));
      assert.ok(!parsed.problem.includes('212612345678'));
    }
  }
});

test('stop words: STOP, ARRET, ARRÊT, توقف, ⵃⴱⵙ, trimmed and in any case; nothing else', () => {
  for (const word of ['STOP', 'stop', ' Stop\n', 'ARRET', 'arrêt', 'Arrêt', 'ARRE\u0302T', 'توقف', ' توقف ', 'ⵃⴱⵙ']) assert.equal(isStopRequest(word), true, word);
  for (const word of [undefined, '', 'STOP please', 'stopp', 'ne pas arrêter', 'توقفوا', 'aide']) assert.equal(isStopRequest(word), false, String(word));
});
