import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailedAttempt, lockSecondsRemaining } from './lockout.ts';

const now = new Date('2026-11-22T10:00:00Z');
const policy = { maxAttempts: 3, lockoutMinutes: 15 };

test('counts failures and locks at the limit for the configured time', () => {
  const a = afterFailedAttempt({ failedLogins: 0, lockedUntil: null }, now, policy);
  assert.deepEqual(a, { failedLogins: 1, lockedUntil: null, lockedNow: false });
  const c = afterFailedAttempt({ failedLogins: 2, lockedUntil: null }, now, policy);
  assert.equal(c.lockedNow, true);
  assert.equal(c.lockedUntil?.toISOString(), '2026-11-22T10:15:00.000Z');
  assert.equal(lockSecondsRemaining(c.lockedUntil, now), 900);
});

test('a lock that has passed starts a fresh count', () => {
  const past = new Date('2026-11-22T09:59:00Z');
  assert.equal(lockSecondsRemaining(past, now), undefined);
  assert.deepEqual(afterFailedAttempt({ failedLogins: 3, lockedUntil: past }, now, policy), { failedLogins: 1, lockedUntil: null, lockedNow: false });
});

test('remaining time rounds up to whole seconds', () => {
  assert.equal(lockSecondsRemaining(new Date(now.getTime() + 1), now), 1);
  assert.equal(lockSecondsRemaining(new Date(now.getTime() + 1500), now), 2);
});
