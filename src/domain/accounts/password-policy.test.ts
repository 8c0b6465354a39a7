import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword } from './password-policy.ts';

test('accepts a long passphrase', () => {
  assert.deepEqual(checkPassword('blue tagine at dusk', 'a.tazi'), []);
  assert.deepEqual(checkPassword('كلمة سر طويلة جدا', 'a.tazi'), []);
});

test('refuses short, repeated, username and common passwords, naming the field but never the value', () => {
  const cases: [string, RegExp][] = [
    ['short-pass', /at least 12/],
    ['aaaaaaaaaaaaaaaa', /repeat/],
    ['Officer.Tazi1', /username/],
    ['Password1234', /too common/],
    ['x'.repeat(200) + 'y'.repeat(57), /at most 256/],
  ];
  for (const [pw, why] of cases) {
    const errors = checkPassword(pw, 'officer.tazi1');
    assert.equal(errors.length, 1, pw);
    assert.equal(errors[0]?.field, 'password');
    assert.match(errors[0]?.message ?? '', why);
    assert.ok(!(errors[0]?.message ?? '').includes(pw));
  }
});

test('length is counted in characters, not bytes', () => {
  // 11 Arabic letters are 22 bytes in UTF-8 but still too short.
  assert.match(checkPassword('أبجدهوزحطيك', null)[0]?.message ?? '', /at least 12/);
});
