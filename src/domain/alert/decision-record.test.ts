import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GENESIS_HASH } from '../audit/audit-chain.ts';
import { CENTRAL_OK, PROSECUTOR_OK, REQUEST, stateAfter, SUPERVISOR_OK } from './alert-fixtures.test-support.ts';
import { decisionAuditDetails, verifyDecisionRecords, type DecisionRecord } from './decision-record.ts';

const records = (): readonly DecisionRecord[] => stateAfter([REQUEST, SUPERVISOR_OK, CENTRAL_OK, PROSECUTOR_OK]).decisions;

describe('decision records: hash chain', () => {
  test('records are numbered from 1 and each links to the previous hash', () => {
    const r = records();
    assert.deepEqual(
      r.map((d) => d.seq),
      [1, 2, 3],
    );
    assert.equal(r[0]?.prevHash, GENESIS_HASH);
    assert.equal(r[1]?.prevHash, r[0]?.hash);
    assert.equal(r[2]?.prevHash, r[1]?.hash);
    assert.match(r[2]?.hash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(verifyDecisionRecords('alert-1', r), { intact: true });
  });

  test('a changed, removed or reordered record, or a record moved to another alert, breaks the chain', () => {
    const [a, b, c] = records() as [DecisionRecord, DecisionRecord, DecisionRecord];
    assert.deepEqual(verifyDecisionRecords('alert-1', [a, { ...b, outcome: 'refused' }, c]), { intact: false, brokenAt: 2 });
    assert.deepEqual(verifyDecisionRecords('alert-1', [a, b, { ...c, prosecutor: c.prosecutor && { ...c.prosecutor, publishName: true } }]), { intact: false, brokenAt: 3 });
    assert.deepEqual(verifyDecisionRecords('alert-1', [a, c]), { intact: false, brokenAt: 2 });
    assert.deepEqual(verifyDecisionRecords('alert-1', [b, a, c]), { intact: false, brokenAt: 1 });
    assert.deepEqual(verifyDecisionRecords('alert-2', [a, b, c]), { intact: false, brokenAt: 1 });
    // Re-numbering after a removal does not help: the link still names the removed record.
    assert.deepEqual(verifyDecisionRecords('alert-1', [a, { ...c, seq: 2 }]), { intact: false, brokenAt: 2 });
  });

  test('the audit details carry the hash and no free text or name', () => {
    const c = records()[2]!;
    const details = decisionAuditDetails(c);
    assert.deepEqual(details, { seq: 3, kind: 'prosecutor_decision', outcome: 'approved', hash: c.hash, prevHash: c.prevHash, prosecutorDecidedAt: '2026-03-11T13:50:00.000Z', withConditions: true });
    assert.ok(!JSON.stringify(details).includes('MARQUEUR'));
  });
});
