import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_TOKEN_SCOPES, formatApiToken, isKnownScope, parseApiToken, prefixFromBytes } from './api-token-format.ts';

test('a formatted token parses back to its prefix', () => {
  const secret = Buffer.alloc(32, 0xfb).toString('base64url');
  const prefix = prefixFromBytes(new Uint8Array([0, 1, 2, 35, 36, 200, 255, 7]));
  assert.match(prefix, /^[a-z0-9]{8}$/);
  assert.deepEqual(parseApiToken(formatApiToken(prefix, secret)), { prefix });
});

test('anything else is not a token', () => {
  const secret = Buffer.alloc(32, 1).toString('base64url');
  for (const bad of ['', 'tfl_', `tfl_ABCDEFGH_${secret}`, `tfl_abcdefgh_${secret}x`, `tfl_abcdefg_${secret}`, `xyz_abcdefgh_${secret}`, `tfl_abcdefgh_${secret.slice(1)}=`]) {
    assert.equal(parseApiToken(bad), undefined, bad);
  }
});

test('declared scopes are known, others are not', () => {
  assert.ok(isKnownScope('tips:write'));
  assert.ok(!isKnownScope('admin:everything'));
  assert.deepEqual([...API_TOKEN_SCOPES].sort(), [...API_TOKEN_SCOPES]);
});
