import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyCaseEvent, openCase, type CaseLifecycle, type CaseState } from '../case/case-lifecycle.ts';
import {
  at,
  CENTRAL_OK,
  central,
  central2,
  CONFIG,
  draft,
  EXPIRES,
  frozen,
  invalidField,
  isError,
  liaison,
  officer,
  PROSECUTOR,
  PROSECUTOR_OK,
  PUBLISH,
  REFUSAL,
  REQUEST,
  run,
  stateAfter,
  SUPERVISOR_OK,
  supervisor,
  T0,
} from './alert-fixtures.test-support.ts';
import { applyAlertEvent, EXPIRY_REASON, isExpired, type AlertEvent, type AlertState } from './alert-lifecycle.ts';
import { verifyDecisionRecords } from './decision-record.ts';

const RENEW_REASON = 'Témoignages récents dans la zone, prolongation utile.';
const FOUND: AlertEvent = { type: 'end', outcome: 'found', by: 'u-officer', reason: 'Enfant retrouvé à Salé.' };
const WITHDRAWN: AlertEvent = { type: 'end', outcome: 'withdrawn', by: 'u-supervisor', reason: 'Retrait décidé par le parquet.' };
const CHAIN: AlertEvent[] = [REQUEST, SUPERVISOR_OK, CENTRAL_OK, PROSECUTOR_OK];
/** Published at 14:05, expiring on 14 March at 14:00. */
const published = (): AlertState => stateAfter([...CHAIN, PUBLISH]);

describe('alert lifecycle: statuses', () => {
  test('draft → awaiting decisions → active, with one transition per event', () => {
    const steps = run([...CHAIN, PUBLISH]);
    assert.deepEqual(
      steps.map((s) => [s.transition.event, s.transition.from, s.transition.to]),
      [
        ['request', 'draft', 'awaiting_decisions'],
        ['decision', 'awaiting_decisions', 'awaiting_decisions'],
        ['decision', 'awaiting_decisions', 'awaiting_decisions'],
        ['decision', 'awaiting_decisions', 'awaiting_decisions'],
        ['publish', 'awaiting_decisions', 'active'],
      ],
    );
    assert.deepEqual(
      steps.map((s) => s.readyToPublish),
      [false, false, false, true, false],
    );
    const a = steps.at(-1)!.alert;
    assert.deepEqual([a.status, a.since, a.expiresAt], ['active', '2026-03-11T14:05:00.000Z', '2026-03-14T14:00:00.000Z']);
    assert.deepEqual(steps.at(-1)!.version, { number: 1, msgType: 'Alert', references: [], kind: 'publish', outcome: null, at: '2026-03-11T14:05:00.000Z', by: null, expiresAt: '2026-03-14T14:00:00.000Z' });
  });

  test('publishing needs every required step approved, an expiry in the future, and happens once', () => {
    assert.throws(() => stateAfter([REQUEST, SUPERVISOR_OK, PUBLISH]), isError('conflict', /before: central_validation, prosecutor_decision/));
    assert.throws(() => stateAfter([PUBLISH]), isError('conflict', /not been requested/));
    assert.throws(() => stateAfter([...CHAIN, { type: 'publish', by: null, expiresAt: '2026-03-11T14:05:00Z' }]), invalidField('/expiresAt'));
    assert.throws(() => stateAfter([...CHAIN, { type: 'publish', by: null, expiresAt: 'demain' }]), invalidField('/expiresAt'));
    assert.throws(() => stateAfter([PUBLISH], { from: published() }), isError('conflict', /already published/));
  });

  test('a request still awaiting decisions can be withdrawn or closed as found, without any version; it cannot expire', () => {
    const [, withdrawn] = run([REQUEST, WITHDRAWN]);
    assert.deepEqual([withdrawn?.alert.status, withdrawn?.alert.ending?.outcome, withdrawn?.version, withdrawn?.alert.versions.length], ['ended', 'withdrawn', null, 0]);
    assert.deepEqual(withdrawn?.caseEvent, { type: 'decline_alert_request', reason: 'Retrait décidé par le parquet.' });
    const [, found] = run([REQUEST, FOUND]);
    assert.deepEqual([found?.alert.status, found?.caseEvent], ['ended', null]);
    assert.throws(() => stateAfter([REQUEST, { type: 'end', outcome: 'expired', by: null }]), isError('conflict', /never published/));
    assert.throws(() => stateAfter([FOUND]), isError('conflict', /never requested/));
  });

  test('ending needs a known outcome and, when found or withdrawn, a written reason', () => {
    assert.throws(() => stateAfter([{ type: 'end', outcome: 'found', by: 'u-officer' }], { from: published() }), invalidField('/reason'));
    assert.throws(() => stateAfter([{ type: 'end', outcome: 'lost' as 'found', by: 'u-officer', reason: REFUSAL }], { from: published() }), invalidField('/outcome'));
  });
});

describe('alert lifecycle: versions', () => {
  test('Alert(1) → Update(2, refs [1]) → Update(3, refs [1,2]) → Cancel(4, refs [1,2,3])', () => {
    const steps = run([...CHAIN, PUBLISH, { type: 'update', kind: 'photo', by: 'u-officer' }, { type: 'update', kind: 'sighting', by: 'u-officer' }, FOUND]);
    const versions = steps.at(-1)!.alert.versions;
    assert.deepEqual(
      versions.map((v) => [v.number, v.msgType, v.references, v.kind, v.outcome]),
      [
        [1, 'Alert', [], 'publish', null],
        [2, 'Update', [1], 'photo', null],
        [3, 'Update', [1, 2], 'sighting', null],
        [4, 'Cancel', [1, 2, 3], 'end', 'found'],
      ],
    );
    const end = steps.at(-1)!;
    assert.deepEqual(end.alert.ending, { outcome: 'found', at: '2026-03-11T14:08:00.000Z', by: 'u-officer' });
    assert.deepEqual(end.transition, { event: 'end', from: 'active', to: 'ended', at: '2026-03-11T14:08:00.000Z', outcome: 'found', reason: 'Enfant retrouvé à Salé.' });
    assert.equal(end.caseEvent, null);
    // Each step returned exactly the version it appended.
    assert.deepEqual(
      steps.map((s) => s.version?.number ?? null),
      [null, null, null, null, 1, 2, 3, 4],
    );
  });

  test('nothing follows a Cancel', () => {
    const ended = stateAfter([FOUND], { from: published() });
    const after: AlertEvent[] = [
      { type: 'update', kind: 'zone', by: null },
      { type: 'renew', actor: central2, expiresAt: '2026-03-20T00:00:00Z', reason: RENEW_REASON },
      FOUND,
      WITHDRAWN,
      { type: 'end', outcome: 'expired', by: null },
      PUBLISH,
      REQUEST,
      { type: 'urgent_publish', actor: central2, reason: RENEW_REASON, expiresAt: '2026-03-20T00:00:00Z' },
    ];
    for (const e of after) assert.throws(() => applyAlertEvent(ended, CONFIG, e, at(100)), isError('conflict', /ended/), e.type);
  });

  test('updates: photo, sighting, zone and text, only while active', () => {
    const a = published();
    assert.deepEqual(
      (['photo', 'sighting', 'zone', 'text'] as const).map((kind) => applyAlertEvent(a, CONFIG, { type: 'update', kind, by: null }, at(10)).version?.kind),
      ['photo', 'sighting', 'zone', 'text'],
    );
    assert.throws(() => applyAlertEvent(a, CONFIG, { type: 'update', kind: 'name' as 'text', by: null }, at(10)), invalidField('/kind'));
    assert.throws(() => stateAfter([REQUEST, { type: 'update', kind: 'photo', by: 'u-officer' }]), isError('conflict', /not published/));
    const u = applyAlertEvent(a, CONFIG, { type: 'update', kind: 'zone', by: null }, at(10));
    assert.deepEqual([u.transition.from, u.transition.to, u.caseEvent, u.decision], ['active', 'active', null, null]);
  });

  test('published versions are never changed: every event leaves the earlier versions and states as they were', () => {
    const steps = run([...CHAIN, PUBLISH]);
    let a = frozen(steps.at(-1)!.alert);
    const v1 = a.versions[0];
    for (const e of [{ type: 'update', kind: 'photo', by: 'u-officer' }, { type: 'renew', actor: central2, expiresAt: '2026-03-20T00:00:00Z', reason: RENEW_REASON }, FOUND] as AlertEvent[]) {
      a = frozen(applyAlertEvent(a, CONFIG, e, at(30)).alert);
    }
    assert.equal(a.versions[0], v1);
    assert.deepEqual(v1, { number: 1, msgType: 'Alert', references: [], kind: 'publish', outcome: null, at: '2026-03-11T14:05:00.000Z', by: null, expiresAt: '2026-03-14T14:00:00.000Z' });
    assert.equal(a.versions.length, 4);
  });

  test('a refused event publishes nothing: the state it was given is untouched', () => {
    const a = frozen(published());
    const before = JSON.stringify(a);
    assert.throws(() => applyAlertEvent(a, CONFIG, { type: 'end', outcome: 'withdrawn', by: 'u-officer', reason: 'court' }, at(10)), invalidField('/reason'));
    assert.throws(() => applyAlertEvent(a, CONFIG, { type: 'renew', actor: central2, expiresAt: '2026-03-12T00:00:00Z', reason: RENEW_REASON }, at(10)), invalidField('/expiresAt'));
    assert.equal(JSON.stringify(a), before);
  });
});

describe('alert lifecycle: expiry and renewal', () => {
  test('an alert expires at its expiry time; the expiry job then ends it with a Cancel', () => {
    const a = published();
    const expiry = new Date(EXPIRES);
    assert.equal(isExpired(a, new Date(expiry.getTime() - 1)), false);
    assert.equal(isExpired(a, expiry), true);
    assert.equal(isExpired(draft(), expiry), false);
    assert.throws(() => applyAlertEvent(a, CONFIG, { type: 'end', outcome: 'expired', by: null }, new Date(expiry.getTime() - 1)), isError('conflict', /not reached/));
    assert.throws(() => applyAlertEvent(a, CONFIG, { type: 'update', kind: 'photo', by: 'u-officer' }, expiry), isError('conflict', /expired/));
    const ended = applyAlertEvent(a, CONFIG, { type: 'end', outcome: 'expired', by: null }, expiry);
    assert.deepEqual([ended.version?.msgType, ended.version?.outcome, ended.version?.references, ended.version?.by], ['Cancel', 'expired', [1], null]);
    assert.deepEqual(ended.caseEvent, { type: 'alert_ended', reason: EXPIRY_REASON });
    assert.equal(isExpired(ended.alert, expiry), false);
  });

  test('the central command room renews by a recorded decision, which publishes an Update with the new expiry', () => {
    const a = published();
    const r = applyAlertEvent(a, CONFIG, { type: 'renew', actor: central2, expiresAt: '2026-03-17T14:00:00+01:00', reason: RENEW_REASON }, at(60));
    assert.equal(r.alert.expiresAt, '2026-03-17T13:00:00.000Z');
    assert.deepEqual(r.version, { number: 2, msgType: 'Update', references: [1], kind: 'renewal', outcome: null, at: '2026-03-11T15:00:00.000Z', by: 'u-central-2', expiresAt: '2026-03-17T13:00:00.000Z' });
    assert.deepEqual([r.decision?.seq, r.decision?.kind, r.decision?.outcome, r.decision?.expiresAt, r.decision?.reason], [4, 'renewal', 'approved', '2026-03-17T13:00:00.000Z', RENEW_REASON]);
    assert.deepEqual(verifyDecisionRecords('alert-1', r.alert.decisions), { intact: true });
    assert.equal(r.caseEvent, null);
    // The central officer who validated may renew too: a renewal is not a step of the chain.
    assert.equal(applyAlertEvent(a, CONFIG, { type: 'renew', actor: central, expiresAt: '2026-03-17T14:00:00Z', reason: RENEW_REASON }, at(60)).alert.expiresAt, '2026-03-17T14:00:00.000Z');
  });

  test('an alert past its expiry but not yet ended can still be renewed', () => {
    const r = applyAlertEvent(published(), CONFIG, { type: 'renew', actor: central2, expiresAt: '2026-03-15T14:00:00Z', reason: RENEW_REASON }, new Date('2026-03-14T14:10:00Z'));
    assert.equal(isExpired(r.alert, new Date('2026-03-14T14:10:00Z')), false);
  });

  test('renewal: national central command only, not by the requester, later than the current expiry, with a reason, only while active', () => {
    const a = published();
    const renew = (actor = central2, expiresAt = '2026-03-20T00:00:00Z', reason = RENEW_REASON, from = a) => () => applyAlertEvent(from, CONFIG, { type: 'renew', actor, expiresAt, reason }, at(60));
    assert.throws(renew(officer), isError('forbidden', /central command/));
    assert.throws(renew(supervisor), isError('forbidden'));
    assert.throws(renew({ ...central2, jurisdiction: 'MA-06', jurisdictionPath: ['MA', 'MA-06'] }), isError('forbidden'));
    const byCentral = stateAfter([{ type: 'request', actor: central2, assessment: { eligible: true, override: null } }, SUPERVISOR_OK, CENTRAL_OK, PROSECUTOR_OK, PUBLISH]);
    assert.throws(renew(central2, '2026-03-20T00:00:00Z', RENEW_REASON, byCentral), isError('forbidden', /own request/));
    assert.throws(renew(central2, '2026-03-14T13:00:00Z'), invalidField('/expiresAt'));
    assert.throws(renew(central2, EXPIRES), invalidField('/expiresAt'));
    assert.throws(renew(central2, '2026-03-20T00:00:00Z', 'Encore.'), invalidField('/reason'));
    assert.throws(renew(central2, '2026-03-20T00:00:00Z', RENEW_REASON, stateAfter(CHAIN)), isError('conflict', /not published/));
  });
});

describe('alert lifecycle: the case follows', () => {
  /** Applies every case event the alert steps imply, as the use case does; returns the case states. */
  function caseStates(events: AlertEvent[], closeAfter?: 'found_safe'): CaseState[] {
    let lc: CaseLifecycle = openCase(T0);
    const states: CaseState[] = [];
    for (const s of run(events)) {
      if (s.caseEvent) lc = applyCaseEvent(lc, s.caseEvent, new Date(s.transition.at)).lifecycle;
      states.push(lc.state);
    }
    if (closeAfter) states.push(applyCaseEvent(lc, { type: 'close', outcome: closeAfter, reason: 'Enfant retrouvé à Salé.' }, at(100)).lifecycle.state);
    return states;
  }

  test('published then withdrawn: the case goes back to open', () => {
    assert.deepEqual(caseStates([...CHAIN, PUBLISH, WITHDRAWN]), ['alert_requested', 'alert_requested', 'alert_requested', 'alert_requested', 'alert_active', 'open']);
  });

  test('refused: the case goes back to open and may request again', () => {
    const refuse: AlertEvent = { type: 'decision', step: 'central_validation', actor: central, outcome: 'refused', reason: REFUSAL };
    assert.deepEqual(caseStates([REQUEST, SUPERVISOR_OK, refuse]), ['alert_requested', 'alert_requested', 'open']);
  });

  test('urgent publication refused by the prosecutor: published, then back to open', () => {
    const refuse: AlertEvent = { type: 'decision', step: 'prosecutor_decision', actor: liaison, outcome: 'refused', reason: REFUSAL, prosecutor: { ...PROSECUTOR, publishPhoto: false } };
    const urgent: AlertEvent = { type: 'urgent_publish', actor: central, reason: 'Enlèvement constaté, enfant de 4 ans.', expiresAt: EXPIRES };
    assert.deepEqual(caseStates([REQUEST, urgent, refuse]), ['alert_requested', 'alert_active', 'open']);
  });

  test('found: the alert ends without a case event, and the officer then closes the case', () => {
    assert.deepEqual(caseStates([...CHAIN, PUBLISH, FOUND], 'found_safe'), ['alert_requested', 'alert_requested', 'alert_requested', 'alert_requested', 'alert_active', 'alert_active', 'closed']);
    assert.deepEqual(caseStates([REQUEST, FOUND], 'found_safe'), ['alert_requested', 'alert_requested', 'closed']);
  });

  test('withdrawn before publication: the case request is declined', () => {
    assert.deepEqual(caseStates([REQUEST, SUPERVISOR_OK, WITHDRAWN]), ['alert_requested', 'alert_requested', 'open']);
  });
});
