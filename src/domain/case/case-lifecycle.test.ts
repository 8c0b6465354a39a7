import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { allowedEvents, applyCaseEvent, CASE_STATES, elapsedSinceLastSeen, openCase, type CaseEvent, type CaseLifecycle } from './case-lifecycle.ts';

const T0 = new Date('2026-03-11T14:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const REASON = 'Raison écrite suffisante.';

function run(events: CaseEvent[]): CaseLifecycle {
  return events.reduce((lc, e, i) => applyCaseEvent(lc, e, later(i + 1)).lifecycle, openCase(T0));
}

const isConflict = (e: unknown) => e instanceof AppError && e.code === 'conflict';
const invalidField = (field: string) => (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.errors[0]?.field === field;

describe('case lifecycle', () => {
  test('open → alert requested → alert active → closed, with a transition entry per step', () => {
    let lc = openCase(T0);
    assert.deepEqual(lc, { state: 'open', since: '2026-03-11T14:00:00.000Z', closure: null });
    const r1 = applyCaseEvent(lc, { type: 'request_alert' }, later(5));
    assert.deepEqual(r1.transition, { event: 'request_alert', from: 'open', to: 'alert_requested', at: '2026-03-11T14:05:00.000Z', reason: null, outcome: null });
    lc = applyCaseEvent(r1.lifecycle, { type: 'alert_published' }, later(20)).lifecycle;
    assert.deepEqual([lc.state, lc.since], ['alert_active', '2026-03-11T14:20:00.000Z']);
    const closed = applyCaseEvent(lc, { type: 'close', outcome: 'found_safe', reason: ' Retrouvée chez sa tante. ', at: '2026-03-11T15:00:00Z' }, later(70));
    assert.deepEqual(closed.lifecycle, {
      state: 'closed',
      since: '2026-03-11T15:10:00.000Z',
      closure: { outcome: 'found_safe', reason: 'Retrouvée chez sa tante.', at: '2026-03-11T15:00:00.000Z', recordedAt: '2026-03-11T15:10:00.000Z' },
    });
    assert.deepEqual([closed.transition.from, closed.transition.to, closed.transition.outcome], ['alert_active', 'closed', 'found_safe']);
  });

  test('ways back: a declined request and an ended alert return to open; reopening needs a reason', () => {
    assert.equal(run([{ type: 'request_alert' }, { type: 'decline_alert_request', reason: REASON }]).state, 'open');
    assert.equal(run([{ type: 'request_alert' }, { type: 'alert_published' }, { type: 'alert_ended', reason: REASON }]).state, 'open');
    const reopened = run([{ type: 'close', outcome: 'withdrawn', reason: REASON }, { type: 'reopen', reason: 'Nouvelle disparition signalée.' }]);
    assert.deepEqual([reopened.state, reopened.closure], ['open', null]);
    assert.throws(() => run([{ type: 'close', outcome: 'withdrawn', reason: REASON }, { type: 'reopen', reason: '' }]), invalidField('/reason'));
  });

  test('illegal transitions are conflicts', () => {
    assert.throws(() => run([{ type: 'alert_published' }]), isConflict);
    assert.throws(() => run([{ type: 'reopen', reason: REASON }]), isConflict);
    assert.throws(() => run([{ type: 'request_alert' }, { type: 'request_alert' }]), isConflict);
    assert.throws(() => run([{ type: 'close', outcome: 'found_safe', reason: REASON }, { type: 'close', outcome: 'found_safe', reason: REASON }]), isConflict);
    assert.throws(() => run([{ type: 'close', outcome: 'found_safe', reason: REASON }, { type: 'request_alert' }]), isConflict);
    assert.throws(() => run([{ type: 'alert_ended', reason: REASON }]), isConflict);
  });

  test('every state accepts exactly the listed events', () => {
    assert.deepEqual(Object.fromEntries(CASE_STATES.map((s) => [s, allowedEvents(s)])), {
      open: ['request_alert', 'close'],
      alert_requested: ['decline_alert_request', 'alert_published', 'close'],
      alert_active: ['alert_ended', 'close'],
      closed: ['reopen'],
    });
  });

  test('closing needs an outcome from the vocabulary, a written reason and a time not in the future', () => {
    assert.throws(() => run([{ type: 'close', outcome: 'escaped' as never, reason: REASON }]), invalidField('/outcome'));
    assert.throws(() => run([{ type: 'close', outcome: 'found_safe', reason: 'ok' }]), invalidField('/reason'));
    assert.throws(() => run([{ type: 'close', outcome: 'found_safe', reason: REASON, at: '2026-03-11T15:00:00Z' }]), invalidField('/at'));
    assert.throws(() => run([{ type: 'close', outcome: 'found_safe', reason: REASON, at: 'yesterday' }]), invalidField('/at'));
    const closed = run([{ type: 'close', outcome: 'found_injured', reason: REASON }]);
    assert.equal(closed.closure?.at, later(1).toISOString(), 'the time defaults to now');
  });
});

describe('elapsedSinceLastSeen', () => {
  const now = new Date('2026-03-11T14:15:00Z');
  test('labels in Arabic and French', () => {
    assert.deepEqual(elapsedSinceLastSeen('2026-03-11T12:00:00Z', now), { minutes: 135, label: { ar: 'منذ 2 س 15 د', fr: 'depuis 2 h 15 min' } });
    assert.deepEqual(elapsedSinceLastSeen(new Date('2026-03-11T14:08:30Z'), now).label, { ar: 'منذ 6 د', fr: 'depuis 6 min' });
    assert.deepEqual(elapsedSinceLastSeen('2026-03-11T11:15:00Z', now).label, { ar: 'منذ 3 س', fr: 'depuis 3 h' });
    assert.deepEqual(elapsedSinceLastSeen('2026-03-08T10:00:00Z', now), { minutes: 4575, label: { ar: 'منذ 3 ي 4 س', fr: 'depuis 3 j 4 h' } });
    assert.deepEqual(elapsedSinceLastSeen('2026-03-09T14:15:00Z', now).label, { ar: 'منذ 2 ي', fr: 'depuis 2 j' });
  });

  test('a last-seen time slightly ahead of now counts as zero', () => {
    assert.deepEqual(elapsedSinceLastSeen('2026-03-11T14:17:00Z', now), { minutes: 0, label: { ar: 'منذ 0 د', fr: 'depuis 0 min' } });
  });
});
