import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePushSubscription } from './push-subscription.ts';

const p256dh = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]).toString('base64url');
const auth = Buffer.alloc(16, 3).toString('base64url');
const good = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def', expirationTime: null, keys: { p256dh, auth } };

test('a browser PushSubscription: https endpoint, 65-byte P-256 key, 16-byte auth secret', () => {
  assert.deepEqual(validatePushSubscription(good), { ok: true, value: { endpoint: good.endpoint, keys: { p256dh, auth } } });
  assert.ok(validatePushSubscription({ ...good, keys: { p256dh: `${p256dh}=`, auth: `${auth}==` } }).ok, 'padding tolerated');
});

test('http is accepted on loopback only; anything else malformed is refused', () => {
  for (const endpoint of ['http://127.0.0.1:8080/push/1', 'http://localhost:9/x', 'http://[::1]:9/x']) assert.ok(validatePushSubscription({ ...good, endpoint }).ok, endpoint);
  const bad: unknown[] = [
    null,
    'https://x.test',
    { ...good, endpoint: 'http://push.example.com/x' },
    { ...good, endpoint: 'http://10.0.0.1/x' },
    { ...good, endpoint: 'ftp://push.example.com/x' },
    { ...good, endpoint: 'https://user:pw@push.example.com/x' },
    { ...good, endpoint: 'not a url' },
    { ...good, endpoint: `https://push.example.com/${'a'.repeat(2100)}` },
    { ...good, keys: undefined },
    { ...good, keys: { p256dh, auth: Buffer.alloc(15).toString('base64url') } },
    { ...good, keys: { p256dh: Buffer.concat([Buffer.from([3]), Buffer.alloc(64, 9)]).toString('base64url'), auth } },
    { ...good, keys: { p256dh: Buffer.alloc(33, 4).toString('base64url'), auth } },
    { ...good, keys: { p256dh: 'not base64!', auth } },
    { ...good, keys: { p256dh: 12, auth } },
  ];
  for (const raw of bad) assert.deepEqual(validatePushSubscription(raw), { ok: false, code: 'push_invalid' }, JSON.stringify(raw)?.slice(0, 80));
});
