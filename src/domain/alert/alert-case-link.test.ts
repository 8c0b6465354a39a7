import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseEventFor, publicationDecisionOf } from './alert-case-link.ts';
import { CENTRAL_OK, PROSECUTOR_OK, REQUEST, stateAfter, SUPERVISOR_OK } from './alert-fixtures.test-support.ts';
import type { AlertTransition } from './alert-lifecycle.ts';

const REASON = 'Raison écrite suffisante.';
const t = (event: AlertTransition['event'], from: AlertTransition['from'], to: AlertTransition['to'], outcome: AlertTransition['outcome'] = null, reason: string | null = null): AlertTransition => ({
  event,
  from,
  to,
  at: '2026-03-11T14:00:00.000Z',
  outcome,
  reason,
});

describe('alert → case events', () => {
  test('each alert transition implies the documented case event', () => {
    assert.deepEqual(caseEventFor(t('request', 'draft', 'awaiting_decisions')), { type: 'request_alert' });
    assert.equal(caseEventFor(t('decision', 'awaiting_decisions', 'awaiting_decisions')), null);
    assert.deepEqual(caseEventFor(t('decision', 'awaiting_decisions', 'refused', null, REASON)), { type: 'decline_alert_request', reason: REASON });
    assert.deepEqual(caseEventFor(t('decision', 'active', 'ended', 'withdrawn', REASON)), { type: 'alert_ended', reason: REASON });
    assert.equal(caseEventFor(t('decision', 'active', 'active')), null);
    assert.deepEqual(caseEventFor(t('publish', 'awaiting_decisions', 'active')), { type: 'alert_published' });
    assert.deepEqual(caseEventFor(t('urgent_publish', 'awaiting_decisions', 'active', null, REASON)), { type: 'alert_published' });
    assert.equal(caseEventFor(t('update', 'active', 'active')), null);
    assert.equal(caseEventFor(t('renew', 'active', 'active', null, REASON)), null);
    assert.equal(caseEventFor(t('end', 'active', 'ended', 'found', REASON)), null);
    assert.equal(caseEventFor(t('end', 'awaiting_decisions', 'ended', 'found', REASON)), null);
    assert.deepEqual(caseEventFor(t('end', 'active', 'ended', 'withdrawn', REASON)), { type: 'alert_ended', reason: REASON });
    assert.deepEqual(caseEventFor(t('end', 'active', 'ended', 'expired', REASON)), { type: 'alert_ended', reason: REASON });
    assert.deepEqual(caseEventFor(t('end', 'awaiting_decisions', 'ended', 'withdrawn', REASON)), { type: 'decline_alert_request', reason: REASON });
  });

  test('a transition that needs a reason for the case but has none is a programming error', () => {
    assert.throws(() => caseEventFor(t('end', 'active', 'ended', 'withdrawn', null)), /carries no reason/);
  });
});

describe("the prosecutor's decision on the case record", () => {
  test('an approved prosecutor decision becomes the case’s publication decision; other records do not', () => {
    const [supervisorCheck, , prosecutor] = stateAfter([REQUEST, SUPERVISOR_OK, CENTRAL_OK, PROSECUTOR_OK]).decisions;
    assert.deepEqual(publicationDecisionOf(prosecutor!), { reference: 'EX-2026/0042', decidedAt: '2026-03-11T13:50:00.000Z', publishName: false, publishPhoto: true, publishSuspect: false });
    assert.equal(publicationDecisionOf(supervisorCheck!), null);
    assert.equal(publicationDecisionOf({ ...prosecutor!, outcome: 'refused' }), null);
  });
});
