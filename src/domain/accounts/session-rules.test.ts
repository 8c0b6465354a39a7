import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFreshTotpStep, isSessionExpired, sessionStage } from './session-rules.ts';

test('roles with restricted access need the second factor; communications does not', () => {
  assert.equal(sessionStage({ role: 'officer', totpEnrolled: false, secondFactorDone: false }), 'enrol_second_factor');
  assert.equal(sessionStage({ role: 'officer', totpEnrolled: true, secondFactorDone: false }), 'second_factor');
  assert.equal(sessionStage({ role: 'officer', totpEnrolled: true, secondFactorDone: true }), 'complete');
  assert.equal(sessionStage({ role: 'communications', totpEnrolled: false, secondFactorDone: false }), 'complete');
});

test('sessions expire when idle, at their absolute limit, or when revoked', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const base = { expiresAt: new Date('2026-11-22T20:00:00Z'), lastSeenAt: new Date('2026-11-22T09:45:00Z'), revokedAt: null };
  assert.equal(isSessionExpired(base, now, 30), false);
  assert.equal(isSessionExpired(base, now, 15), true);
  assert.equal(isSessionExpired({ ...base, expiresAt: now }, now, 30), true);
  assert.equal(isSessionExpired({ ...base, revokedAt: now }, now, 30), true);
});

test('a TOTP step is fresh only after the last accepted one', () => {
  assert.equal(isFreshTotpStep(null, 5), true);
  assert.equal(isFreshTotpStep(5, 5), false);
  assert.equal(isFreshTotpStep(5, 4), false);
  assert.equal(isFreshTotpStep(5, 6), true);
});
