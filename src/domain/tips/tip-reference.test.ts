import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { formatTipReference, parseTipReference, TIP_REFERENCE_PATTERN, tipReferenceFrom } from './tip-reference.ts';

test('a reference is 8 Crockford base32 characters spelling the 40 bits it was made from', () => {
  assert.equal(tipReferenceFrom(Buffer.alloc(5, 0)), '00000000');
  assert.equal(tipReferenceFrom(Buffer.alloc(5, 0xff)), 'ZZZZZZZZ');
  // 0x0842108421 is 00001 00001 … : every symbol is 1.
  assert.equal(tipReferenceFrom(Buffer.from([0x08, 0x42, 0x10, 0x84, 0x21])), '11111111');
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const ref = tipReferenceFrom(randomBytes(5));
    assert.match(ref, TIP_REFERENCE_PATTERN);
    assert.ok(!/[ILOU]/.test(ref), ref);
    seen.add(ref);
  }
  assert.ok(seen.size > 1990, 'random references do not repeat');
  assert.throws(() => tipReferenceFrom(Buffer.alloc(4)), RangeError);
});

test('a reference typed back is found whatever its case, grouping or look-alike letters', () => {
  assert.equal(formatTipReference('K7QX2M9D'), 'K7QX-2M9D');
  assert.equal(parseTipReference('k7qx-2m9d'), 'K7QX2M9D');
  assert.equal(parseTipReference(' K7QX 2M9D '), 'K7QX2M9D');
  assert.equal(parseTipReference('OILO-1111'), '01101111');
  assert.equal(parseTipReference('K7QX2M9'), undefined);
  assert.equal(parseTipReference('K7QX2M9U'), undefined);
  assert.equal(parseTipReference('<script>'), undefined);
  assert.equal(parseTipReference('x'.repeat(1000)), undefined);
});
