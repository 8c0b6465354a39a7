import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChainedAuditEntry, GENESIS, GENESIS_HASH, auditHash, canonicalJson, checkLink, verifyAuditChain } from './audit-chain.ts';

function chain(n: number): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const e = {
      seq: String(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 22, 10, 0, i)),
      actorType: 'user',
      actorId: 'u1',
      actorRole: 'officer',
      actorJurisdiction: 'MA-CAS',
      ip: '10.0.0.1',
      objectType: 'case',
      objectId: `c${i}`,
      action: 'case.update',
      purpose: null,
      details: { fields: ['height'], n: i },
    };
    const hash = auditHash(prevHash, e);
    out.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

const anchorOf = (entries: readonly ChainedAuditEntry[]) => {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : GENESIS;
};

const at = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  assert.ok(x !== undefined, `index ${i} exists`);
  return x;
};

test('canonical JSON sorts keys at every depth and drops undefined members', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: new Date('2026-01-01T00:00:00Z') } }), '{"a":{"c":"2026-01-01T00:00:00.000Z","d":[2,{"x":null,"z":1}]},"b":1}');
});

test('an intact chain that ends at its anchor verifies; an empty log verifies against the genesis anchor', () => {
  const entries = chain(5);
  assert.equal(verifyAuditChain(entries, { anchor: anchorOf(entries) }), undefined);
  assert.equal(verifyAuditChain([], { anchor: GENESIS }), undefined);
});

test('a changed field is reported as modified at that entry', () => {
  const entries = chain(5);
  entries[2] = { ...at(entries, 2), purpose: 'edited' };
  assert.deepEqual(verifyAuditChain(entries, { anchor: anchorOf(chain(5)) }), { kind: 'modified', seq: '3', id: at(entries, 2).id });
});

test('a removed middle entry is reported at the next entry, with the seq that was expected', () => {
  const entries = chain(5);
  const without = entries.filter((e) => e.seq !== '3');
  assert.deepEqual(verifyAuditChain(without, { anchor: anchorOf(entries) }), { kind: 'missing_or_reordered', seq: '4', id: at(entries, 3).id, expectedSeq: '3' });
});

test('two entries swapped (their seqs exchanged) are reported at the first moved one', () => {
  const entries = chain(6);
  const e2 = at(entries, 1);
  const e5 = at(entries, 4);
  const swapped = entries.map((e) => (e === e2 ? { ...e5, seq: '2' } : e === e5 ? { ...e2, seq: '5' } : e));
  assert.deepEqual(verifyAuditChain(swapped, { anchor: anchorOf(entries) }), { kind: 'missing_or_reordered', seq: '2', id: e5.id });
});

test('an edited link on an otherwise intact entry is reported as a wrong link', () => {
  const entries = chain(4);
  entries[2] = { ...at(entries, 2), prevHash: 'f'.repeat(64) };
  assert.deepEqual(checkLink({ seq: '2', hash: at(entries, 1).hash }, at(entries, 2)), { kind: 'wrong_link', seq: '3', id: at(entries, 2).id });
});

test('a removed tail is caught by the anchor, naming the first missing seq', () => {
  const entries = chain(6);
  assert.deepEqual(verifyAuditChain(entries.slice(0, 4), { anchor: anchorOf(entries) }), { kind: 'tail_removed', seq: '5', id: null, expectedSeq: '6' });
  assert.deepEqual(verifyAuditChain([], { anchor: anchorOf(entries) }), { kind: 'tail_removed', seq: '1', id: null, expectedSeq: '6' });
});

test('a log rewritten and re-hashed from some entry on no longer meets its anchor or an outside checkpoint', () => {
  const entries = chain(6);
  const rewritten: ChainedAuditEntry[] = entries.slice(0, 2);
  let prevHash = at(entries, 1).hash;
  for (const e of entries.slice(2)) {
    const changed = { ...e, purpose: e.seq === '3' ? 'rewritten' : e.purpose, prevHash };
    const hash = auditHash(prevHash, changed);
    rewritten.push({ ...changed, hash });
    prevHash = hash;
  }
  assert.deepEqual(verifyAuditChain(rewritten, { anchor: anchorOf(entries) }), { kind: 'anchor_mismatch', seq: '6', id: at(entries, 5).id });
  // With the anchor rewritten too, a checkpoint kept elsewhere still catches it, earlier.
  const checkpoint = { seq: '4', hash: at(entries, 3).hash };
  assert.deepEqual(verifyAuditChain(rewritten, { anchor: anchorOf(rewritten), checkpoints: [checkpoint] }), { kind: 'checkpoint_mismatch', seq: '4', id: at(entries, 3).id });
  // And a checkpoint beyond a (consistently) shortened log reports the tail as removed.
  assert.deepEqual(verifyAuditChain(entries.slice(0, 3), { anchor: anchorOf(entries.slice(0, 3)), checkpoints: [{ seq: '6', hash: at(entries, 5).hash }] }), { kind: 'tail_removed', seq: '4', id: null, expectedSeq: '6' });
});

test('an entry beyond the anchor is reported as unanchored', () => {
  const entries = chain(4);
  assert.deepEqual(verifyAuditChain(entries, { anchor: anchorOf(entries.slice(0, 3)) }), { kind: 'unanchored', seq: '4', id: at(entries, 3).id });
});
