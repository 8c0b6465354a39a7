import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProof, issueChallenge, MAX_PROOF_BITS, MIN_PROOF_BITS, proofBits, proofHashOk, proofScope, solveChallenge } from './intake-proof-of-work.ts';

const key = Buffer.alloc(32, 9);
const now = 1_800_000_000;
const scope = proofScope(key, '203.0.113.0/24', 'K7QX2M');
const challenge = (bits = 12, expiresAt = now + 300) => issueChallenge(key, { scope, bits, expiresAt, nonce: 'AAAAAAAAAAAAAAAA' });

test('a solved challenge is a valid proof for its source and alert, until it expires', () => {
  const c = challenge();
  const counter = solveChallenge(c);
  const proof = `${c}~${counter}`;
  assert.ok(proofHashOk(proof, 12));
  assert.deepEqual(checkProof(key, proof, { scope, nowSeconds: now }), { ok: true, challenge: c, expiresAt: now + 300, bits: 12 });
  assert.deepEqual(checkProof(key, proof, { scope, nowSeconds: now + 300 }), { ok: false, reason: 'expired' });
  assert.deepEqual(checkProof(key, proof, { scope: proofScope(key, '198.51.100.0/24', 'K7QX2M'), nowSeconds: now }), { ok: false, reason: 'other_source' });
  assert.deepEqual(checkProof(key, proof, { scope: proofScope(key, '203.0.113.0/24', 'OTHER1'), nowSeconds: now }), { ok: false, reason: 'other_source' });
});

test('an unsolved, forged, edited or garbled proof is refused', () => {
  const c = challenge(16);
  let wrong = 0;
  while (proofHashOk(`${c}~${wrong}`, 16)) wrong++;
  assert.deepEqual(checkProof(key, `${c}~${wrong}`, { scope, nowSeconds: now }), { ok: false, reason: 'unsolved' });
  // Lowering the difficulty in the challenge breaks its MAC.
  const easier = c.replace('.16.', '.12.');
  assert.deepEqual(checkProof(key, `${easier}~${solveChallenge(easier)}`, { scope, nowSeconds: now }), { ok: false, reason: 'forged' });
  const other = issueChallenge(Buffer.alloc(32, 1), { scope, bits: 12, expiresAt: now + 300, nonce: 'AAAAAAAAAAAAAAAA' });
  assert.deepEqual(checkProof(key, `${other}~${solveChallenge(other)}`, { scope, nowSeconds: now }), { ok: false, reason: 'forged' });
  for (const garbage of ['', '~', 'p1', `${c}`, `${c}~`, `${c}~-1`, `${c}~1e3`, `${c}~${'9'.repeat(17)}`, 'x'.repeat(10_000), `${c}~1\n`]) {
    const r = checkProof(key, garbage, { scope, nowSeconds: now });
    assert.equal(r.ok, false, garbage.slice(0, 40));
  }
});

test('the difficulty grows by one bit each time a source doubles its excess, within bounds', () => {
  assert.equal(proofBits(16, 0, 6), 16);
  assert.equal(proofBits(16, 1, 6), 16);
  assert.equal(proofBits(16, 6, 6), 17);
  assert.equal(proofBits(16, 18, 6), 18);
  assert.equal(proofBits(16, 42, 6), 19);
  assert.equal(proofBits(16, 1e9, 6), MAX_PROOF_BITS);
  assert.equal(proofBits(1, 0, 6), MIN_PROOF_BITS);
  assert.throws(() => challenge(MAX_PROOF_BITS + 1), RangeError);
});
