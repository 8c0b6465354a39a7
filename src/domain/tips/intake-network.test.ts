import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intakeSourceKeys } from './intake-network.ts';

test('IPv4 clients count under their address and their /24', () => {
  assert.deepEqual(intakeSourceKeys('203.0.113.7'), { address: '203.0.113.7', network: '203.0.113.0/24' });
  assert.equal(intakeSourceKeys('203.0.113.200').network, intakeSourceKeys('203.0.113.7').network);
  assert.notEqual(intakeSourceKeys('203.0.114.7').network, intakeSourceKeys('203.0.113.7').network);
});

test('IPv6 clients count under their full address and their /48, however the address is written', () => {
  const a = intakeSourceKeys('2001:db8:1:2::5');
  assert.deepEqual(a, { address: '2001:db8:1:2:0:0:0:5', network: '2001:db8:1::/48' });
  assert.deepEqual(intakeSourceKeys('2001:0DB8:0001:0002:0000:0000:0000:0005'), a);
  assert.equal(intakeSourceKeys('2001:db8:1:ffff::1').network, a.network, 'same /48');
  assert.notEqual(intakeSourceKeys('2001:db8:2::1').network, a.network);
  assert.equal(intakeSourceKeys('::1').network, '0:0:0::/48');
  assert.equal(intakeSourceKeys('fe80::1%eth0').address, 'fe80:0:0:0:0:0:0:1');
});

test('an IPv4 client on a dual-stack socket is an IPv4 client', () => {
  assert.deepEqual(intakeSourceKeys('::ffff:203.0.113.7'), { address: '203.0.113.7', network: '203.0.113.0/24' });
  assert.deepEqual(intakeSourceKeys('::ffff:cb00:7107'), { address: '203.0.113.7', network: '203.0.113.0/24' });
});

test('something that is not an address is its own network', () => {
  assert.deepEqual(intakeSourceKeys('unknown'), { address: 'unknown', network: 'other:unknown' });
});
