import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextAttempt, type RetryPolicy } from './retry-policy.ts';
import type { DeliveryFailure } from './delivery-failure.ts';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };
const now = new Date('2026-11-23T10:00:00Z');
const transient: DeliveryFailure = { kind: 'transient', code: 'http_503' };
const delayOf = (failure: DeliveryFailure, attempts: number, random: number): number => {
  const next = nextAttempt(policy, failure, attempts, now, random);
  assert.equal(next.dead, false);
  return (next.at?.getTime() ?? 0) - now.getTime();
};

test('backoff grows exponentially to its cap, with full jitter between zero and the cap', () => {
  assert.equal(delayOf(transient, 1, 0.999_999), 999);
  assert.equal(delayOf(transient, 3, 0.999_999), 3_999);
  assert.equal(delayOf(transient, 3, 0), 0);
  assert.equal(delayOf(transient, 3, 0.5), 2_000);
  assert.equal(delayOf({ ...transient }, 3, 0.5), delayOf(transient, 3, 0.5), 'the same draw, the same delay');
});

test('the last attempt of a transient failure goes to the dead letters; a permanent or gone one at once', () => {
  assert.deepEqual(nextAttempt(policy, transient, 4, now, 0.5), { dead: true, at: null });
  assert.deepEqual(nextAttempt(policy, { kind: 'permanent', code: 'graph_100' }, 1, now, 0.5), { dead: true, at: null });
  assert.deepEqual(nextAttempt(policy, { kind: 'gone', code: 'webpush_410' }, 1, now, 0.5), { dead: true, at: null });
});

test('a throttled attempt waits at least the Retry-After (else one base delay) and is never the last', () => {
  assert.equal(delayOf({ kind: 'throttled', code: 'whatsapp_130429', retryAfterMs: 5_000 }, 1, 0), 5_000);
  assert.equal(delayOf({ kind: 'throttled', code: 'smpp_throttled' }, 1, 0), 1_000);
  assert.equal(delayOf({ kind: 'throttled', code: 'smpp_throttled' }, 40, 0.5), 15_000, 'far past maxAttempts, still retried, within the cap');
});
