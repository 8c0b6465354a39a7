/**
 * The test push service checks itself against the RFCs, so the adapter's tests rest on an independent
 * implementation: RFC 8291 Appendix A's worked example decrypts to its plaintext, multi-record bodies
 * (RFC 8188) decrypt, and VAPID headers signed for another origin or altered are refused.
 */
import assert from 'node:assert/strict';
import { createECDH } from 'node:crypto';
import { after, before, test } from 'node:test';
import webpush from 'web-push';
import { decryptAes128gcm, encryptAes128gcmForTest, startWebPushPeer, type WebPushPeer } from './webpush-peer.ts';

let peer: WebPushPeer;
before(async () => {
  peer = await startWebPushPeer();
});
after(() => peer.close());

test('RFC 8291 Appendix A: the example message decrypts to its plaintext', () => {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'));
  const publicKey = ecdh.getPublicKey();
  assert.equal(publicKey.toString('base64url'), 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4');
  const message = Buffer.from(
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
    'base64url',
  );
  const plain = decryptAes128gcm(message, { ecdh, publicKey, auth: Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url') });
  assert.equal(plain.toString('utf8'), 'When I grow up, I want to be a watermelon');
});

test('bodies split over several records decrypt; a flipped bit does not', async () => {
  const sub = peer.subscribe();
  const text = Buffer.from('ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ — طفلة مختفية — '.repeat(20));
  const body = encryptAes128gcmForTest(text, sub, 100);
  const vapid = webpush.generateVAPIDKeys();
  const post = (payload: Buffer, authorization: string) =>
    fetch(sub.endpoint, { method: 'POST', headers: { TTL: '60', 'Content-Encoding': 'aes128gcm', Authorization: authorization }, body: payload });
  const auth = webpush.getVapidHeaders(peer.origin, 'mailto:t@tifli.test', vapid.publicKey, vapid.privateKey, 'aes128gcm').Authorization;
  assert.equal((await post(body, auth)).status, 201);
  assert.equal(peer.requests.at(-1)?.plaintext, text.toString('utf8'));

  const tampered = Buffer.from(body);
  tampered[tampered.length - 40] = (tampered[tampered.length - 40] ?? 0) ^ 1;
  assert.equal((await post(tampered, auth)).status, 400);
  assert.equal(peer.requests.at(-1)?.problem, 'record does not authenticate');
});

test('VAPID for another origin, with an altered signature, or missing is refused', async () => {
  const sub = peer.subscribe();
  const vapid = webpush.generateVAPIDKeys();
  const body = encryptAes128gcmForTest(Buffer.from('{}'), sub);
  const post = (authorization: string | null) =>
    fetch(sub.endpoint, { method: 'POST', headers: { TTL: '60', 'Content-Encoding': 'aes128gcm', ...(authorization ? { Authorization: authorization } : {}) }, body });
  const elsewhere = webpush.getVapidHeaders('https://push.example.com', 'mailto:t@tifli.test', vapid.publicKey, vapid.privateKey, 'aes128gcm').Authorization;
  assert.equal((await post(elsewhere)).status, 401);
  assert.equal(peer.requests.at(-1)?.problem, 'aud is not the endpoint origin');

  const good = webpush.getVapidHeaders(peer.origin, 'mailto:t@tifli.test', vapid.publicKey, vapid.privateKey, 'aes128gcm').Authorization;
  const altered = good.replace(/t=([^.]+)\.([^.]+)\.([A-Za-z0-9_-])/, (_m, h: string, p: string, c: string) => `t=${h}.${p}.${c === 'A' ? 'B' : 'A'}`);
  assert.notEqual(altered, good);
  assert.equal((await post(altered)).status, 401);
  assert.equal((await post(null)).status, 401);
  assert.equal((await post(good)).status, 201);
});
