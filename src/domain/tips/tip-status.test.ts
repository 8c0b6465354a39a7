import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { canMove, decideTipTransition, reasonRequired, TIP_STATUSES, TIP_TRANSITIONS, type TipStatus } from './tip-status.ts';

const move = (from: TipStatus, to: TipStatus, reason: string | null = null, duplicateOf: string | null = null) => decideTipTransition({ tipId: 't1', from, to, reason, duplicateOf });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err.code;
  }
}

test('the transition table covers every status, never loops on itself, and lets every status be reviewed again', () => {
  assert.deepEqual(Object.keys(TIP_TRANSITIONS).sort(), [...TIP_STATUSES].sort());
  for (const from of TIP_STATUSES) {
    assert.ok(!canMove(from, from), `${from} → ${from}`);
    for (const to of TIP_TRANSITIONS[from]) assert.ok((TIP_STATUSES as readonly string[]).includes(to));
    if (from !== 'new' && from !== 'under_review') assert.ok(canMove(from, 'under_review'), `${from} can be reopened`);
  }
  assert.ok(!TIP_STATUSES.some((s) => canMove(s, 'new')), 'nothing goes back to new');
});

test('exactly the listed moves are allowed', () => {
  const allowed: string[] = [];
  for (const from of TIP_STATUSES) for (const to of TIP_STATUSES) if (codeOf(() => move(from, to, 'a reason', 'lead')) === undefined) allowed.push(`${from}→${to}`);
  assert.deepEqual(allowed, [
    'new→under_review', 'new→credible', 'new→dismissed', 'new→duplicate', 'new→forwarded',
    'under_review→credible', 'under_review→dismissed', 'under_review→duplicate', 'under_review→forwarded',
    'credible→under_review', 'credible→dismissed', 'credible→forwarded',
    'dismissed→under_review', 'duplicate→under_review', 'forwarded→under_review',
  ]);
  assert.equal(codeOf(() => move('dismissed', 'credible', 'x')), 'conflict');
});

test('dismissed, duplicate and forwarded need a reason; the others do not', () => {
  assert.deepEqual(TIP_STATUSES.filter(reasonRequired), ['dismissed', 'duplicate', 'forwarded']);
  assert.equal(codeOf(() => move('new', 'dismissed')), 'validation_failed');
  assert.equal(codeOf(() => move('new', 'dismissed', '   ')), 'validation_failed', 'blank is no reason');
  assert.equal(codeOf(() => move('new', 'forwarded', 'x'.repeat(501))), 'validation_failed');
  assert.deepEqual(move('new', 'dismissed', '  Prank call  '), { from: 'new', to: 'dismissed', reason: 'Prank call', duplicateOf: null });
  assert.deepEqual(move('new', 'under_review'), { from: 'new', to: 'under_review', reason: null, duplicateOf: null });
});

test('a duplicate points at another tip, the lead of its group', () => {
  assert.equal(move('new', 'duplicate', 'same as the first', 'lead').duplicateOf, 'lead');
  assert.equal(codeOf(() => move('new', 'duplicate', 'same')), 'unprocessable', 'no group and no tip named');
  assert.equal(codeOf(() => move('new', 'duplicate', 'same', 't1')), 'unprocessable', 'not itself');
  assert.equal(move('new', 'credible', null, 'lead').duplicateOf, null, 'only a duplicate points anywhere');
});
