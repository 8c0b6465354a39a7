import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIRMATION_RULES, judgeCode, mayIssueSecret, normalizeCode, secretTtlMs } from './confirmation-rules.ts';

const now = new Date('2026-11-22T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

test('codes are six digits as typed, with spaces, dashes or Arabic-Indic digits', () => {
  assert.equal(normalizeCode('123456'), '123456');
  assert.equal(normalizeCode(' 123 456 '), '123456');
  assert.equal(normalizeCode('123-456'), '123456');
  assert.equal(normalizeCode('١٢٣٤٥٦'), '123456');
  assert.equal(normalizeCode('۱۲۳۴۵۶'), '123456');
  for (const bad of ['', '12345', '1234567', 'abcdef', '12345a']) assert.equal(normalizeCode(bad), undefined, bad);
});

test('a code: right and in time confirms; right but late is expired; 5 wrong tries lock it', () => {
  const expiresAt = later(secretTtlMs('code'));
  assert.equal(secretTtlMs('code'), 15 * 60_000);
  assert.deepEqual(judgeCode({ attempts: 0, expiresAt, matches: true }, now), { outcome: 'confirmed', countTry: false });
  assert.deepEqual(judgeCode({ attempts: 0, expiresAt, matches: true }, later(15 * 60_000)), { outcome: 'expired', countTry: false });
  assert.deepEqual(judgeCode({ attempts: 0, expiresAt: null, matches: false }, now), { outcome: 'wrong', countTry: true }, 'no code issued reads as a wrong code');
  const outcomes: string[] = [];
  let attempts = 0;
  for (let i = 0; i < CONFIRMATION_RULES.maxAttempts + 1; i++) {
    const j = judgeCode({ attempts, expiresAt, matches: false }, now);
    outcomes.push(j.outcome);
    if (j.countTry) attempts++;
  }
  assert.deepEqual(outcomes, ['wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
  assert.equal(attempts, 5);
  assert.equal(judgeCode({ attempts, expiresAt, matches: true }, now).outcome, 'locked', 'even the right code, once locked');
});

test('a new secret at most once a minute', () => {
  const justIssued = later(secretTtlMs('code'));
  assert.equal(mayIssueSecret(null, 'code', now), true);
  assert.equal(mayIssueSecret(justIssued, 'code', now), false);
  assert.equal(mayIssueSecret(justIssued, 'code', later(59_000)), false);
  assert.equal(mayIssueSecret(justIssued, 'code', later(60_000)), true);
  assert.equal(mayIssueSecret(later(secretTtlMs('link')), 'link', later(30_000)), false);
  assert.equal(secretTtlMs('link'), 24 * 3_600_000);
});
