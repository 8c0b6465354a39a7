import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config } from '../../../config/config.ts';
import { solveChallenge } from '../../../domain/tips/intake-proof-of-work.ts';
import { MAX_HELD, TipIntakeLimits, WindowCounters } from './intake-limits.ts';

const CONFIG: Config['tips'] = { freePerAddress: 3, freePerNetwork: 10, quotaWindowSeconds: 600, proofBits: 12, apiPerMinute: 5, maxInFlight: 2, photoMaxBytes: 1 << 20, photoMaxInFlight: 1, shedHoldMs: 500 };
const KEY = Buffer.alloc(32, 3);
const T0 = 1_800_000_000_000;

test('a source is free within its address quota, then needs a proof; one solution buys one tip', () => {
  const limits = new TipIntakeLimits(CONFIG, KEY);
  for (let i = 0; i < 3; i++) assert.equal(limits.admitSource('203.0.113.7', 'K7QX2M', undefined, T0).kind, 'free');
  const refused = limits.admitSource('203.0.113.7', 'K7QX2M', undefined, T0 + 1000);
  assert.equal(refused.kind, 'proof_required');
  if (refused.kind !== 'proof_required') return;
  assert.equal(refused.bits, 12);
  assert.equal(refused.retryAfterSeconds, 599, 'the quota frees up when the window ends');
  const proof = `${refused.challenge}~${solveChallenge(refused.challenge)}`;
  assert.equal(limits.admitSource('203.0.113.7', 'K7QX2M', proof, T0 + 2000).kind, 'proved');
  assert.equal(limits.admitSource('203.0.113.7', 'K7QX2M', proof, T0 + 3000).kind, 'proof_required', 'a solution is spent once');
  // Another address of the same network still has its own quota…
  assert.equal(limits.admitSource('203.0.113.8', 'K7QX2M', undefined, T0).kind, 'free');
  // …and the proof is bound to the alert it was issued for.
  const again = limits.admitSource('203.0.113.7', 'K7QX2M', undefined, T0 + 4000);
  assert.ok(again.kind === 'proof_required');
  if (again.kind !== 'proof_required') return;
  assert.equal(limits.admitSource('203.0.113.7', 'OTHER1', `${again.challenge}~${solveChallenge(again.challenge)}`, T0 + 5000).kind, 'proof_required');
  // A new window, a new quota.
  assert.equal(limits.admitSource('203.0.113.7', 'K7QX2M', undefined, T0 + 600_000).kind, 'free');
});

test('a flood spread over a network adds up; the further over, the harder the proof', () => {
  const limits = new TipIntakeLimits(CONFIG, KEY);
  const kinds = Array.from({ length: 12 }, (_, i) => limits.admitSource(`198.51.100.${i + 1}`, 'K7QX2M', undefined, T0).kind);
  assert.deepEqual(kinds, [...Array<string>(10).fill('free'), 'proof_required', 'proof_required']);
  let last = 0;
  for (let i = 0; i < 200; i++) {
    const d = limits.admitSource('198.51.100.250', 'K7QX2M', undefined, T0);
    if (d.kind === 'proof_required') {
      assert.ok(d.bits >= last);
      last = d.bits;
    }
  }
  assert.ok(last >= 17, `difficulty rose to ${last} bits`);
});

test('the challenge endpoint tells a source whether its next tip needs a proof, without counting it', () => {
  const limits = new TipIntakeLimits(CONFIG, KEY);
  assert.deepEqual(limits.offerChallenge('192.0.2.1', 'K7QX2M', T0), { required: false });
  for (let i = 0; i < 3; i++) limits.admitSource('192.0.2.1', 'K7QX2M', undefined, T0);
  const offer = limits.offerChallenge('192.0.2.1', 'K7QX2M', T0);
  if (offer === 'too_many' || !offer.required) return assert.fail(`expected a challenge, got ${JSON.stringify(offer)}`);
  assert.equal(limits.admitSource('192.0.2.1', 'K7QX2M', `${offer.challenge}~${solveChallenge(offer.challenge)}`, T0 + 10).kind, 'proved');
  for (let i = 0; i < 120; i++) limits.offerChallenge('192.0.2.9', 'K7QX2M', T0);
  assert.equal(limits.offerChallenge('192.0.2.9', 'K7QX2M', T0), 'too_many');
});

test('slots: submissions and photos are bounded; API tokens have their own rate', () => {
  const limits = new TipIntakeLimits(CONFIG, KEY);
  assert.ok(limits.enter() && limits.enter());
  assert.equal(limits.enter(), false);
  limits.leave();
  assert.ok(limits.enter());
  assert.ok(limits.enterPhoto());
  assert.equal(limits.enterPhoto(), false);
  limits.leavePhoto();
  assert.ok(limits.enterPhoto());
  for (let i = 0; i < 5; i++) assert.deepEqual(limits.admitApi('token-1', T0), { ok: true });
  assert.deepEqual(limits.admitApi('token-1', T0 + 30_000), { ok: false, retryAfterSeconds: 30 });
  assert.deepEqual(limits.admitApi('token-2', T0), { ok: true });
});

test('window counters forget old windows and hold a bounded number of keys', () => {
  const c = new WindowCounters(1000, 100);
  for (let i = 0; i < 1000; i++) c.hit(`k${i}`, T0 + i);
  assert.ok(c.size <= 100, `${c.size} keys`);
  assert.deepEqual(c.hit('k999', T0 + 999), { count: 2, resetAt: T0 + 999 + 1000 });
  assert.equal(c.peek('k999', T0 + 5000).count, 0);
});

test('refusals are held before they are sent, up to a bound; beyond it, or with no hold configured, they go at once', () => {
  const limits = new TipIntakeLimits(CONFIG, KEY);
  assert.equal(limits.holdRefusal(), 500);
  assert.equal(limits.held, 1);
  limits.releaseHold();
  assert.equal(limits.held, 0);
  for (let i = 0; i < MAX_HELD; i++) assert.equal(limits.holdRefusal(), 500);
  assert.equal(limits.holdRefusal(), 0, 'a flood beyond the bound is refused at once, not held in memory');
  limits.releaseHold();
  assert.equal(limits.holdRefusal(), 500, 'room again once one is sent');
  const noHold = new TipIntakeLimits({ ...CONFIG, shedHoldMs: 0 }, KEY);
  assert.equal(noHold.holdRefusal(), 0);
  assert.equal(noHold.held, 0);
});
