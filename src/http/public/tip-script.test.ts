import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { checkProof, issueChallenge, proofScope } from '../../domain/tips/intake-proof-of-work.ts';
import { TIP_PROOF_SOLVER, TIP_SCRIPT } from './tip-script.ts';

const solver = vm.runInNewContext(`${TIP_PROOF_SOLVER}; ({ firstWord, search })`) as {
  firstWord(text: string): number;
  search(challenge: string, start: number, count: number): string | null;
};

test('the browser\'s SHA-256 agrees with node:crypto on the first word, whatever the length', () => {
  for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(119), 'p1.1800000300.16.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB.CCCCCCCCCCCCCCCCCCCCCC~123456']) {
    assert.equal(solver.firstWord(text), createHash('sha256').update(text).digest().readUInt32BE(0), `length ${text.length}`);
  }
});

test('what the browser script finds, the server accepts', () => {
  const key = Buffer.alloc(32, 4);
  const scope = proofScope(key, '203.0.113.0/24', 'K7QX2M');
  const challenge = issueChallenge(key, { scope, bits: 14, expiresAt: 1_800_000_300, nonce: 'AAAAAAAAAAAAAAAA' });
  let proof: string | null = null;
  for (let start = 0; proof === null; start += 20_000) proof = solver.search(challenge, start, 20_000);
  assert.ok(checkProof(key, proof, { scope, nowSeconds: 1_800_000_000 }).ok);
});

test('the page script compiles and has no template placeholders left', () => {
  assert.doesNotThrow(() => new vm.Script(TIP_SCRIPT));
  assert.ok(!TIP_SCRIPT.includes('${'));
  assert.ok(!TIP_SCRIPT.includes('`'));
});
