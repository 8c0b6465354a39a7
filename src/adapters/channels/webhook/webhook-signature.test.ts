import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerSignature, signatureHeader, verifyPartnerSignature } from './webhook-signature.ts';

const SECRET = 'partner-secret-0123456789abcdef';
const NOW = new Date('2026-11-22T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const BODY = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><alert>طفلة مختفية — Disparue</alert>', 'utf8');

const signed = (over: { ts?: number; body?: Buffer | string; secret?: string } = {}) => {
  const ts = over.ts ?? TS;
  return { 'X-Tifli-Timestamp': String(ts), 'X-Tifli-Signature': signatureHeader(over.secret ?? SECRET, ts, over.body ?? BODY) };
};

test('a signature made for a body verifies for that body, as bytes or as text, with any header spelling', () => {
  assert.deepEqual(verifyPartnerSignature(BODY, signed(), SECRET, NOW, 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(BODY.toString('utf8'), signed(), SECRET, NOW, 300), { ok: true });
  const lower = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toLowerCase(), v]));
  assert.deepEqual(verifyPartnerSignature(BODY, lower, SECRET, NOW, 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(BODY, new Headers(signed()), SECRET, NOW, 300), { ok: true });
  assert.match(signed()['X-Tifli-Signature'], /^t=\d+,v1=[0-9a-f]{64}$/);
});

test('the signature is HMAC-SHA256 over "<seconds>.<body>", as the partner guide says', async () => {
  const { createHmac } = await import('node:crypto');
  const byHand = createHmac('sha256', SECRET).update(`${TS}.${BODY.toString('utf8')}`).digest('hex');
  assert.equal(partnerSignature(SECRET, TS, BODY), byHand);
});

test('a changed body, a wrong secret or a changed timestamp is a bad signature', () => {
  const tampered = Buffer.from(BODY);
  tampered[tampered.length - 3] = 0x58;
  assert.deepEqual(verifyPartnerSignature(tampered, signed(), SECRET, NOW, 300), { ok: false, reason: 'bad_signature' });
  assert.deepEqual(verifyPartnerSignature(Buffer.concat([BODY, Buffer.from(' ')]), signed(), SECRET, NOW, 300), { ok: false, reason: 'bad_signature' });
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ secret: 'another-secret-0123456789abcdef' }), SECRET, NOW, 300), { ok: false, reason: 'bad_signature' });
  const v1 = signed()['X-Tifli-Signature'].split(',')[1];
  assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': `t=${TS - 1},${v1}` }, SECRET, NOW, 300), { ok: false, reason: 'bad_signature' });
});

test('old and future timestamps are refused outside the window, even when correctly signed', () => {
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ ts: TS - 300 }), SECRET, NOW, 300), { ok: true }, 'the window is inclusive');
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ ts: TS - 301 }), SECRET, NOW, 300), { ok: false, reason: 'stale' });
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ ts: TS - 86_400 }), SECRET, NOW, 300), { ok: false, reason: 'stale' });
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ ts: TS + 300 }), SECRET, NOW, 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(BODY, signed({ ts: TS + 301 }), SECRET, NOW, 300), { ok: false, reason: 'future' });
});

test('a missing or unreadable signature header is reported as such', () => {
  assert.deepEqual(verifyPartnerSignature(BODY, {}, SECRET, NOW, 300), { ok: false, reason: 'missing' });
  assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': '  ' }, SECRET, NOW, 300), { ok: false, reason: 'missing' });
  const good = signed()['X-Tifli-Signature'];
  const digest = good.split('v1=')[1] ?? '';
  for (const bad of [
    'sha256=abc',
    `v1=${digest}`,
    `t=${TS}`,
    `t=soon,v1=${digest}`,
    `t=${TS},v1=${digest.slice(2)}`,
    `t=${TS},v1=${digest.replace(/^../, 'zz')}`,
    `t=${TS},t=${TS},v1=${digest}`,
    `t=${TS};v1=${digest}`,
  ]) {
    assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': bad }, SECRET, NOW, 300), { ok: false, reason: 'malformed' }, bad);
  }
  assert.deepEqual(verifyPartnerSignature(BODY, { ...signed(), 'X-Tifli-Timestamp': String(TS + 1) }, SECRET, NOW, 300), { ok: false, reason: 'malformed' }, 'the echoed timestamp must match t=');
});

test('during a secret rotation either v1 may match; unknown schemes are ignored', () => {
  const old = partnerSignature('old-secret-0123456789abcdef', TS, BODY);
  const current = partnerSignature(SECRET, TS, BODY);
  assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': `t=${TS},v1=${old},v1=${current}` }, SECRET, NOW, 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': `t=${TS},v2=future,v1=${current}` }, SECRET, NOW, 300), { ok: true });
  assert.deepEqual(verifyPartnerSignature(BODY, { 'x-tifli-signature': `t=${TS},v1=${old}` }, SECRET, NOW, 300), { ok: false, reason: 'bad_signature' });
});
