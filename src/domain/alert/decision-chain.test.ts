import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  at,
  CENTRAL_OK,
  central,
  central2,
  centralRegional,
  communications,
  CONFIG,
  draft,
  ELIGIBLE,
  invalidField,
  isError,
  liaison,
  officer,
  ONLY_CENTRAL,
  PROSECUTOR,
  PROSECUTOR_OK,
  PUBLISH,
  REFUSAL,
  REQUEST,
  run,
  stateAfter,
  SUPERVISOR_OK,
  supervisor,
  supervisorRabat,
} from './alert-fixtures.test-support.ts';
import { applyAlertEvent, type AlertEvent } from './alert-lifecycle.ts';
import type { AlertActor } from './alert-vocabulary.ts';
import { checkDecisionChainConfig, DEFAULT_DECISION_CHAIN_CONFIG, decide, nextStep, prosecutorStatus, readyToPublish, requestAlert, urgentPublish } from './decision-chain.ts';
import { verifyDecisionRecords } from './decision-record.ts';

const supervisor2: AlertActor = { ...supervisor, id: 'u-supervisor-2' };
const URGENT_REASON = 'Enfant de 4 ans, enlèvement constaté par un témoin.';
const urgent = (actor: AlertActor = central): AlertEvent => ({ type: 'urgent_publish', actor, reason: URGENT_REASON, expiresAt: '2026-03-14T14:00:00Z' });

describe('decision chain: standard path', () => {
  test('officer request → supervisor check → central validation → prosecutor decision → ready to publish', () => {
    let s = draft();
    assert.equal(nextStep(s), null);
    s = requestAlert(s, CONFIG, { actor: officer, assessment: ELIGIBLE }, at(1));
    assert.equal(s.status, 'awaiting_decisions');
    assert.deepEqual(s.request, { by: { id: 'u-officer', role: 'officer', jurisdiction: 'MA-CAS-U01' }, at: '2026-03-11T14:01:00.000Z', basis: 'criteria_met', requiredSteps: ['supervisor_check', 'central_validation', 'prosecutor_decision'] });
    assert.equal(nextStep(s), 'supervisor_check');
    assert.deepEqual(prosecutorStatus(s, at(1)), { status: 'pending', dueAt: null });

    const r1 = decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(2));
    assert.equal(nextStep(r1.state), 'central_validation');
    const r2 = decide(r1.state, { step: 'central_validation', actor: central, outcome: 'approved', reason: '  Validé par la salle centrale.  ' }, at(3));
    assert.equal(r2.record.reason, 'Validé par la salle centrale.');
    assert.equal(nextStep(r2.state), 'prosecutor_decision');
    assert.equal(readyToPublish(r2.state), false);
    const r3 = decide(r2.state, { step: 'prosecutor_decision', actor: liaison, outcome: 'approved', prosecutor: PROSECUTOR }, at(4));
    assert.deepEqual(r3.record.prosecutor, {
      court: 'Parquet près le TPI de Casablanca (exercice)',
      fileReference: 'EX-2026/0042',
      magistrate: 'Magistrat fictif MARQUEUR-MAGISTRAT',
      decidedAt: '2026-03-11T13:50:00.000Z',
      conditions: 'Pas de photo sur les réseaux sociaux.',
      publishName: false,
      publishPhoto: true,
      publishSuspect: false,
    });
    assert.equal(nextStep(r3.state), null);
    assert.equal(readyToPublish(r3.state), true);
    assert.equal(r3.state.status, 'awaiting_decisions');
    assert.deepEqual(prosecutorStatus(r3.state, at(5)), { status: 'recorded', outcome: 'approved', recordedAt: '2026-03-11T14:04:00.000Z', late: false });

    assert.deepEqual(r3.state.decisions.map((d) => [d.seq, d.kind, d.outcome, d.actorId, d.actorRole]), [
      [1, 'supervisor_check', 'approved', 'u-supervisor', 'supervisor'],
      [2, 'central_validation', 'approved', 'u-central', 'central_command'],
      [3, 'prosecutor_decision', 'approved', 'u-liaison', 'prosecutor_liaison'],
    ]);
    assert.deepEqual(verifyDecisionRecords('alert-1', r3.state.decisions), { intact: true });
  });

  test('a chain configured with only the central validation needs only that step', () => {
    const s = stateAfter([REQUEST], { config: ONLY_CENTRAL });
    assert.deepEqual(s.request?.requiredSteps, ['central_validation']);
    assert.equal(nextStep(s), 'central_validation');
    assert.deepEqual(prosecutorStatus(s, at(2)), { status: 'not_required' });
    assert.throws(() => decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(2)), isError('unprocessable', /not part/));
    assert.throws(() => decide(s, { step: 'prosecutor_decision', actor: liaison, outcome: 'approved', prosecutor: PROSECUTOR }, at(2)), isError('unprocessable'));
    const { state } = decide(s, { step: 'central_validation', actor: central, outcome: 'approved' }, at(2));
    assert.equal(readyToPublish(state), true);
    assert.equal(nextStep(state), null);
  });

  test('the steps are fixed when the request is made: a later configuration change does not alter it', () => {
    const s = stateAfter([REQUEST], { config: ONLY_CENTRAL });
    const after = applyAlertEvent(s, DEFAULT_DECISION_CHAIN_CONFIG, CENTRAL_OK, at(3));
    assert.equal(after.readyToPublish, true);
  });

  test('configuration: at least one step, known steps, distinct and in order, a whole delay of 1 minute to a week', () => {
    const bad = (patch: Partial<typeof DEFAULT_DECISION_CHAIN_CONFIG>, pattern: RegExp) =>
      assert.throws(() => checkDecisionChainConfig({ ...DEFAULT_DECISION_CHAIN_CONFIG, ...patch }), (e: unknown) => e instanceof RangeError && pattern.test(e.message));
    bad({ requiredSteps: [] }, /at least one/);
    bad({ requiredSteps: ['central_validation', 'supervisor_check'] }, /order/);
    bad({ requiredSteps: ['central_validation', 'central_validation'] }, /distinct/);
    bad({ requiredSteps: ['supervisor_check', 'mayor' as 'supervisor_check'] }, /requiredSteps\[1\]/);
    bad({ prosecutorDelayMinutes: 0 }, /prosecutorDelayMinutes/);
    bad({ prosecutorDelayMinutes: 1.5 }, /prosecutorDelayMinutes/);
    bad({ prosecutorDelayMinutes: 7 * 24 * 60 + 1 }, /prosecutorDelayMinutes/);
    assert.deepEqual(checkDecisionChainConfig(DEFAULT_DECISION_CHAIN_CONFIG), { requiredSteps: ['supervisor_check', 'central_validation', 'prosecutor_decision'], prosecutorDelayMinutes: 120, urgentAllowed: true });
    assert.throws(() => requestAlert(draft(), { ...CONFIG, requiredSteps: [] }, { actor: officer, assessment: ELIGIBLE }, at(1)), RangeError);
  });
});

describe('decision chain: the request', () => {
  test('only officers, supervisors and the central command room of the case may request, only from draft', () => {
    const req = (actor: AlertActor) => () => requestAlert(draft(), CONFIG, { actor, assessment: ELIGIBLE }, at(1));
    assert.throws(req(communications), isError('forbidden', /request/));
    assert.throws(req(liaison), isError('forbidden'));
    assert.throws(req(supervisorRabat), isError('forbidden', /jurisdiction/));
    assert.equal(requestAlert(draft(), CONFIG, { actor: central, assessment: ELIGIBLE }, at(1)).status, 'awaiting_decisions');
    const requested = stateAfter([REQUEST]);
    assert.throws(() => requestAlert(requested, CONFIG, { actor: officer, assessment: ELIGIBLE }, at(2)), isError('conflict', /cannot be requested again/));
  });

  test('an alert is requested only for an eligible assessment, or an override', () => {
    const req = (assessment: Parameters<typeof requestAlert>[2]['assessment']) => requestAlert(draft(), CONFIG, { actor: officer, assessment }, at(1));
    assert.throws(() => req(null), isError('unprocessable', /assessed/));
    assert.throws(() => req({ eligible: false, override: null }), isError('unprocessable', /activation criteria/));
    const override = { by: 'u-officer', reason: 'Témoin direct entendu.', at: '2026-03-11T13:59:00Z', original: {} as never };
    assert.equal(req({ eligible: true, override }).request?.basis, 'override');
  });
});

describe('decision chain: who decides', () => {
  const requested = stateAfter([REQUEST]);
  const afterSupervisor = stateAfter([REQUEST, SUPERVISOR_OK]);
  const afterCentral = stateAfter([REQUEST, SUPERVISOR_OK, CENTRAL_OK]);

  test('each step belongs to one role; any other role is forbidden', () => {
    assert.throws(() => decide(requested, { step: 'supervisor_check', actor: officer, outcome: 'approved' }, at(5)), isError('forbidden', /role supervisor/));
    assert.throws(() => decide(requested, { step: 'supervisor_check', actor: central, outcome: 'approved' }, at(5)), isError('forbidden', /role supervisor/));
    assert.throws(() => decide(afterSupervisor, { step: 'central_validation', actor: supervisor2, outcome: 'approved' }, at(5)), isError('forbidden', /role central_command/));
    assert.throws(() => decide(afterCentral, { step: 'prosecutor_decision', actor: central2, outcome: 'approved', prosecutor: PROSECUTOR }, at(5)), isError('forbidden', /prosecutor_liaison/));
  });

  test('the supervisor must be of the case’s jurisdiction; the central validation is national', () => {
    assert.throws(() => decide(requested, { step: 'supervisor_check', actor: supervisorRabat, outcome: 'approved' }, at(5)), isError('forbidden', /jurisdiction/));
    assert.throws(() => decide(afterSupervisor, { step: 'central_validation', actor: centralRegional, outcome: 'approved' }, at(5)), isError('forbidden', /national/));
    const regionalSupervisor: AlertActor = { ...supervisorRabat, id: 'u-sup-region', jurisdiction: 'MA-06', jurisdictionPath: ['MA', 'MA-06'] };
    assert.equal(decide(requested, { step: 'supervisor_check', actor: regionalSupervisor, outcome: 'approved' }, at(5)).record.actorJurisdiction, 'MA-06');
  });

  test('four eyes: the requester decides nothing about their own request', () => {
    const bySupervisor = stateAfter([{ type: 'request', actor: supervisor, assessment: ELIGIBLE }]);
    assert.throws(() => decide(bySupervisor, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(5)), isError('forbidden', /own request/));
    const byCentral = stateAfter([{ type: 'request', actor: central, assessment: ELIGIBLE }, SUPERVISOR_OK]);
    assert.throws(() => decide(byCentral, { step: 'central_validation', actor: central, outcome: 'approved' }, at(5)), isError('forbidden', /own request/));
    assert.throws(() => urgentPublish(byCentral, CONFIG, { actor: central, reason: URGENT_REASON }, at(5)), isError('forbidden', /own request/));
    // Refusing one's own request is deciding on it too.
    assert.throws(() => decide(bySupervisor, { step: 'supervisor_check', actor: supervisor, outcome: 'refused', reason: REFUSAL }, at(5)), isError('forbidden', /own request/));
  });

  test('four eyes: one person cannot take two steps, even after a change of role', () => {
    const promoted: AlertActor = { ...central, id: supervisor.id };
    assert.throws(() => decide(afterSupervisor, { step: 'central_validation', actor: promoted, outcome: 'approved' }, at(5)), isError('forbidden', /already took the supervisor_check step/));
  });
});

describe('decision chain: order, refusals and closed requests', () => {
  test('a step waits for the required steps before it', () => {
    const requested = stateAfter([REQUEST]);
    assert.throws(() => decide(requested, { step: 'central_validation', actor: central, outcome: 'approved' }, at(5)), isError('conflict', /after the supervisor_check step/));
    assert.throws(() => decide(requested, { step: 'prosecutor_decision', actor: liaison, outcome: 'approved', prosecutor: PROSECUTOR }, at(5)), isError('conflict', /after the supervisor_check step/));
    const afterSupervisor = stateAfter([REQUEST, SUPERVISOR_OK]);
    assert.throws(() => decide(afterSupervisor, { step: 'prosecutor_decision', actor: liaison, outcome: 'approved', prosecutor: PROSECUTOR }, at(5)), isError('conflict', /after the central_validation step/));
  });

  test('nothing is decided on a draft', () => {
    assert.throws(() => decide(draft(), { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(5)), isError('conflict', /not been requested/));
  });

  test('deciding the same step twice is a conflict, by another person or the same one', () => {
    const s = stateAfter([REQUEST, SUPERVISOR_OK]);
    assert.throws(() => decide(s, { step: 'supervisor_check', actor: supervisor2, outcome: 'approved' }, at(5)), isError('conflict', /already been decided/));
    assert.throws(() => decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'refused', reason: REFUSAL }, at(5)), isError('conflict', /already been decided/));
  });

  test('two decisions computed from the same state get the same seq, so the storage lets exactly one in', () => {
    const s = stateAfter([REQUEST]);
    const a = decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(5));
    const b = decide(s, { step: 'supervisor_check', actor: supervisor2, outcome: 'refused', reason: REFUSAL }, at(5));
    assert.equal(a.record.seq, b.record.seq);
    assert.equal(a.record.prevHash, b.record.prevHash);
  });

  test('a refusal needs a written reason of at least 10 characters', () => {
    const s = stateAfter([REQUEST]);
    for (const reason of [undefined, null, '', '   ', 'Non.', 'x'.repeat(2001)]) {
      assert.throws(() => decide(s, { step: 'supervisor_check', actor: supervisor, outcome: 'refused', reason }, at(5)), invalidField('/reason'));
    }
  });

  test('a refusal ends the request: the alert is refused and takes no further decision or publication', () => {
    const [, refusal] = run([REQUEST, { type: 'decision', step: 'supervisor_check', actor: supervisor, outcome: 'refused', reason: REFUSAL }]);
    assert.ok(refusal);
    const s = refusal.alert;
    assert.equal(s.status, 'refused');
    assert.equal(refusal.decision?.reason, REFUSAL);
    assert.deepEqual(refusal.caseEvent, { type: 'decline_alert_request', reason: REFUSAL });
    assert.equal(nextStep(s), null);
    assert.equal(readyToPublish(s), false);
    assert.deepEqual(prosecutorStatus(s, at(9)), { status: 'not_required' });
    assert.throws(() => decide(s, { step: 'supervisor_check', actor: supervisor2, outcome: 'approved' }, at(9)), isError('conflict', /refused/));
    assert.throws(() => decide(s, { step: 'central_validation', actor: central, outcome: 'approved' }, at(9)), isError('conflict', /refused/));
    assert.throws(() => urgentPublish(s, CONFIG, { actor: central, reason: URGENT_REASON }, at(9)), isError('conflict', /refused/));
    assert.throws(() => applyAlertEvent(s, CONFIG, PUBLISH, at(9)), isError('conflict', /refused/));
    assert.throws(() => applyAlertEvent(s, CONFIG, REQUEST, at(9)), isError('conflict', /refused/));
  });

  test('nothing is decided once the alert has ended, published or not', () => {
    const endedUnpublished = stateAfter([REQUEST, { type: 'end', outcome: 'withdrawn', by: 'u-officer', reason: 'Demande retirée par erreur.' }]);
    assert.throws(() => decide(endedUnpublished, { step: 'supervisor_check', actor: supervisor, outcome: 'approved' }, at(9)), isError('conflict', /ended/));
    const endedPublished = stateAfter([REQUEST, SUPERVISOR_OK, CENTRAL_OK, PROSECUTOR_OK, PUBLISH, { type: 'end', outcome: 'found', by: 'u-officer', reason: 'Enfant retrouvé à Salé.' }]);
    assert.throws(() => decide(endedPublished, { step: 'prosecutor_decision', actor: { ...liaison, id: 'u-liaison-2' }, outcome: 'approved', prosecutor: PROSECUTOR }, at(20)), isError('conflict'));
    assert.throws(() => urgentPublish(endedPublished, CONFIG, { actor: central2, reason: URGENT_REASON }, at(20)), isError('conflict', /ended/));
  });

  test('a published alert takes no more chain decisions on the standard path', () => {
    const s = stateAfter([REQUEST, { type: 'decision', step: 'central_validation', actor: central, outcome: 'approved' }, PUBLISH], { config: ONLY_CENTRAL });
    assert.equal(s.status, 'active');
    assert.throws(() => urgentPublish(s, CONFIG, { actor: central2, reason: URGENT_REASON }, at(9)), isError('conflict', /already published/));
  });
});

describe("decision chain: the prosecutor's decision", () => {
  const ready = stateAfter([REQUEST, SUPERVISOR_OK, CENTRAL_OK]);
  const decideProsecutor = (prosecutor: unknown, outcome: 'approved' | 'refused' = 'approved', reason?: string) =>
    decide(ready, { step: 'prosecutor_decision', actor: liaison, outcome, reason, prosecutor: prosecutor as typeof PROSECUTOR }, at(5));

  test('court, file reference, magistrate and time are required; every missing field is named', () => {
    assert.throws(() => decideProsecutor(undefined), invalidField('/prosecutor'));
    assert.throws(
      () => decideProsecutor({ court: ' ', fileReference: '', magistrate: 7, decidedAt: '11/03/2026' }),
      (e: unknown) =>
        isError('validation_failed')(e) &&
        JSON.stringify((e as { errors: unknown }).errors) ===
          JSON.stringify([
            { field: '/prosecutor/court', message: 'is required' },
            { field: '/prosecutor/fileReference', message: 'is required' },
            { field: '/prosecutor/magistrate', message: 'must be a string' },
            { field: '/prosecutor/decidedAt', message: 'must be an ISO 8601 date-time with a time zone' },
          ]),
    );
  });

  test('a decision dated in the future, over-long texts or non-boolean switches are refused; errors never echo values', () => {
    assert.throws(() => decideProsecutor({ ...PROSECUTOR, decidedAt: '2026-03-11T15:00:00Z' }), invalidField('/prosecutor/decidedAt'));
    assert.throws(() => decideProsecutor({ ...PROSECUTOR, conditions: 'c'.repeat(2001) }), invalidField('/prosecutor/conditions'));
    assert.throws(() => decideProsecutor({ ...PROSECUTOR, publishName: 'yes' }), invalidField('/prosecutor/publishName'));
    assert.throws(
      () => decideProsecutor({ ...PROSECUTOR, court: 'MARQUEUR-COUR'.repeat(20) }),
      (e: unknown) => isError('validation_failed')(e) && !JSON.stringify([(e as Error).message, (e as { errors: unknown }).errors]).includes('MARQUEUR'),
    );
  });

  test('a refusal is a recorded decision too, needs a reason, and grants no publication', () => {
    assert.throws(() => decideProsecutor({ ...PROSECUTOR, publishPhoto: false }, 'refused'), invalidField('/reason'));
    assert.throws(() => decideProsecutor(PROSECUTOR, 'refused', REFUSAL), invalidField('/prosecutor/publishPhoto'));
    const { state, record } = decideProsecutor({ ...PROSECUTOR, publishPhoto: false }, 'refused', REFUSAL);
    assert.equal(state.status, 'refused');
    assert.equal(record.prosecutor?.fileReference, 'EX-2026/0042');
  });

  test('only the prosecutor step carries a prosecutor decision', () => {
    assert.throws(() => decide(stateAfter([REQUEST]), { step: 'supervisor_check', actor: supervisor, outcome: 'approved', prosecutor: PROSECUTOR }, at(5)), invalidField('/prosecutor'));
  });
});

describe('decision chain: the urgent path', () => {
  const requested = stateAfter([REQUEST, SUPERVISOR_OK]);

  test('central command publishes at once; the prosecutor decision falls due after the delay, then is overdue, then recorded late', () => {
    const [published] = run([urgent()], { from: requested, start: 10 }); // at 14:11
    assert.ok(published);
    const a = published.alert;
    assert.equal(a.status, 'active');
    assert.deepEqual([published.version?.number, published.version?.msgType], [1, 'Alert']);
    assert.deepEqual(published.caseEvent, { type: 'alert_published' });
    assert.equal(published.decision?.kind, 'urgent_publication');
    assert.equal(published.decision?.reason, URGENT_REASON);
    assert.equal(published.decision?.prosecutorDueAt, '2026-03-11T16:11:00.000Z');
    assert.equal(nextStep(a), 'prosecutor_decision');

    assert.deepEqual(prosecutorStatus(a, at(11)), { status: 'pending', dueAt: '2026-03-11T16:11:00.000Z' });
    assert.deepEqual(prosecutorStatus(a, at(131)), { status: 'pending', dueAt: '2026-03-11T16:11:00.000Z' });
    assert.deepEqual(prosecutorStatus(a, at(132)), { status: 'overdue', dueAt: '2026-03-11T16:11:00.000Z', minutesOverdue: 1 });
    assert.deepEqual(prosecutorStatus(a, at(311)), { status: 'overdue', dueAt: '2026-03-11T16:11:00.000Z', minutesOverdue: 180 });

    // The remaining steps are moot once published: only the prosecutor's decision may follow.
    assert.throws(() => applyAlertEvent(a, CONFIG, CENTRAL_OK, at(20)), isError('conflict', /only the prosecutor/));
    const recorded = applyAlertEvent(a, CONFIG, PROSECUTOR_OK, at(140));
    assert.equal(recorded.alert.status, 'active');
    assert.equal(recorded.version, null);
    assert.equal(recorded.caseEvent, null);
    assert.deepEqual(prosecutorStatus(recorded.alert, at(400)), { status: 'recorded', outcome: 'approved', recordedAt: '2026-03-11T16:20:00.000Z', late: true });
    assert.equal(nextStep(recorded.alert), null);
    assert.throws(() => applyAlertEvent(recorded.alert, CONFIG, { ...PROSECUTOR_OK, actor: { ...liaison, id: 'u-liaison-2' } }, at(141)), isError('conflict', /already been decided/));
  });

  test('a prosecutor decision recorded within the delay is not late; the delay is configuration', () => {
    const [p] = run([urgent()], { from: requested, config: { ...CONFIG, prosecutorDelayMinutes: 30 }, start: 10 });
    assert.ok(p);
    assert.equal(p.decision?.prosecutorDueAt, '2026-03-11T14:41:00.000Z');
    const recorded = applyAlertEvent(p.alert, CONFIG, PROSECUTOR_OK, at(40));
    assert.deepEqual(prosecutorStatus(recorded.alert, at(400)), { status: 'recorded', outcome: 'approved', recordedAt: '2026-03-11T14:40:00.000Z', late: false });
  });

  test('the urgent path can skip every step, even right after the request', () => {
    const [, p] = run([REQUEST, urgent()]);
    assert.ok(p);
    assert.equal(p.alert.status, 'active');
    assert.equal(nextStep(p.alert), 'prosecutor_decision');
  });

  test('without a required prosecutor step nothing falls due', () => {
    const [, p] = run([REQUEST, urgent()], { config: ONLY_CENTRAL });
    assert.ok(p);
    assert.equal(p.decision?.prosecutorDueAt, null);
    assert.deepEqual(prosecutorStatus(p.alert, at(999)), { status: 'not_required' });
  });

  test('the prosecutor refusing an urgent publication withdraws the alert at once (a Cancel)', () => {
    const steps = run([urgent(), { type: 'decision', step: 'prosecutor_decision', actor: liaison, outcome: 'refused', reason: REFUSAL, prosecutor: { ...PROSECUTOR, publishPhoto: false } }], { from: requested, start: 10 });
    const withdrawal = steps[1];
    assert.ok(withdrawal);
    assert.equal(withdrawal.alert.status, 'ended');
    assert.deepEqual(withdrawal.alert.ending, { outcome: 'withdrawn', at: '2026-03-11T14:12:00.000Z', by: 'u-liaison' });
    assert.deepEqual([withdrawal.version?.number, withdrawal.version?.msgType, withdrawal.version?.references, withdrawal.version?.outcome], [2, 'Cancel', [1], 'withdrawn']);
    assert.deepEqual(withdrawal.transition, { event: 'decision', from: 'active', to: 'ended', at: '2026-03-11T14:12:00.000Z', outcome: 'withdrawn', reason: REFUSAL });
    assert.deepEqual(withdrawal.caseEvent, { type: 'alert_ended', reason: REFUSAL });
    assert.deepEqual(prosecutorStatus(withdrawal.alert, at(500)), { status: 'recorded', outcome: 'refused', recordedAt: '2026-03-11T14:12:00.000Z', late: false });
  });

  test('an urgent alert that ends before the prosecutor decides shows the decision as lapsed, and takes none after', () => {
    const ended = stateAfter([urgent(), { type: 'end', outcome: 'found', by: 'u-officer', reason: 'Enfant retrouvé à Salé.' }], { from: requested, start: 10 });
    assert.deepEqual(prosecutorStatus(ended, at(999)), { status: 'lapsed', dueAt: '2026-03-11T16:11:00.000Z' });
    assert.throws(() => applyAlertEvent(ended, CONFIG, PROSECUTOR_OK, at(20)), isError('conflict', /ended/));
  });

  test('only the national central command room, with a reason, when configuration allows, on a pending request', () => {
    const u = (s = requested, actor: AlertActor = central, reason = URGENT_REASON, config = CONFIG) => () => urgentPublish(s, config, { actor, reason }, at(5));
    assert.throws(u(requested, supervisor2), isError('forbidden', /central command/));
    assert.throws(u(requested, liaison), isError('forbidden'));
    assert.throws(u(requested, centralRegional), isError('forbidden', /national/));
    assert.throws(u(requested, central, 'Urgent.'), invalidField('/reason'));
    assert.throws(u(requested, central, URGENT_REASON, { ...CONFIG, urgentAllowed: false }), isError('unprocessable', /disabled/));
    assert.throws(u(draft()), isError('conflict', /not been requested/));
    const authorised = urgentPublish(requested, CONFIG, { actor: central, reason: URGENT_REASON }, at(5)).state;
    assert.equal(readyToPublish(authorised), true);
    assert.throws(u(authorised, central2), isError('conflict', /already authorised/));
    const active = stateAfter([urgent()], { from: requested });
    assert.throws(u(active, central2), isError('conflict', /already published/));
  });

  test('an urgent publication with an expiry in the past publishes nothing', () => {
    assert.throws(() => applyAlertEvent(requested, CONFIG, { ...urgent(), expiresAt: '2026-03-11T13:00:00Z' } as AlertEvent, at(5)), invalidField('/expiresAt'));
  });
});
