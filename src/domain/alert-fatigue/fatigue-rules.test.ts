import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FATIGUE_CONFIG,
  FATIGUE_ENV_VARIABLES,
  fatigueConfigProblems,
  isQuietMinute,
  parseFatigueConfig,
  parsePushLimit,
  parseQuietHours,
  parseQuietTiers,
  type FatigueConfig,
  type ParseResult,
} from './fatigue-rules.ts';

const value = <T>(r: ParseResult<T>): T => {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return r.value;
};
const problem = <T>(r: ParseResult<T>): { field: string; message: string } => {
  assert.ok(!r.ok, 'expected a problem');
  assert.equal(r.problems.length, 1);
  const [p] = r.problems;
  assert.ok(p);
  return p;
};

test('the default: 3 pushes per area per 24 h, normal alerts quiet from 22:00 to 07:00 Moroccan time', () => {
  assert.deepEqual(DEFAULT_FATIGUE_CONFIG, { maxPushesPerDayPerArea: 3, quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Africa/Casablanca', quietTiers: ['normal'] });
  assert.deepEqual(fatigueConfigProblems(DEFAULT_FATIGUE_CONFIG), []);
  assert.ok(Object.isFrozen(DEFAULT_FATIGUE_CONFIG) && Object.isFrozen(DEFAULT_FATIGUE_CONFIG.quietHours) && Object.isFrozen(DEFAULT_FATIGUE_CONFIG.quietTiers));
});

test('quiet hours are read as HH:MM-HH:MM; an end before the start wraps midnight', () => {
  assert.deepEqual(value(parseQuietHours('22:00-07:00')), { start: '22:00', end: '07:00' });
  assert.deepEqual(value(parseQuietHours(' 23:30 - 6:00 ')), { start: '23:30', end: '06:00' }, 'spaces and one-digit hours are accepted, written back as HH:MM');
  assert.deepEqual(value(parseQuietHours('00:00-06:00')), { start: '00:00', end: '06:00' });
  assert.deepEqual(value(parseQuietHours('21:00-00:00')), { start: '21:00', end: '00:00' });
  assert.equal(value(parseQuietHours('off')), null);
  assert.equal(value(parseQuietHours('NONE')), null);
  assert.deepEqual(value(parseQuietHours(undefined)), DEFAULT_FATIGUE_CONFIG.quietHours);
  assert.deepEqual(value(parseQuietHours('  ')), DEFAULT_FATIGUE_CONFIG.quietHours);
});

test('isQuietMinute: [start, end), wrapping midnight', () => {
  const night = { start: 22 * 60, end: 7 * 60 };
  assert.deepEqual([21 * 60 + 59, 22 * 60, 23 * 60 + 59, 0, 6 * 60 + 59, 7 * 60, 12 * 60].map((m) => isQuietMinute(m, night)), [false, true, true, true, true, false, false]);
  const afternoon = { start: 13 * 60, end: 15 * 60 };
  assert.deepEqual([12 * 60 + 59, 13 * 60, 14 * 60 + 59, 15 * 60, 0].map((m) => isQuietMinute(m, afternoon)), [false, true, true, false, false]);
});

test('bad quiet hours are refused with a message naming the variable, never echoing the value', () => {
  const cases: [string, RegExp][] = [
    ['22-07', /HH:MM/],
    ['21:15', /HH:MM-HH:MM/],
    ['22:00-07:00-08:00', /HH:MM-HH:MM/],
    ['25:00-07:00', /start hour must be between 00 and 23/],
    ['22:00-24:00', /end hour must be between 00 and 23/],
    ['22:00-07:60', /end minutes must be between 00 and 59/],
    ['22:00-22:00', /must differ.*off/],
    ['07:00-22:00', /at most 12 hours.*swap/],
    ['10:00-23:00', /at most 12 hours/],
  ];
  for (const [text, message] of cases) {
    const p = problem(parseQuietHours(text));
    assert.equal(p.field, 'ALERT_QUIET_HOURS', text);
    assert.match(p.message, message, text);
    assert.ok(!p.message.includes(text), `"${text}" is not echoed`);
  }
  assert.equal(problem(parseQuietHours('x', 'quietHours')).field, 'quietHours', 'the field name can be chosen');
  assert.deepEqual(value(parseQuietHours('19:00-07:00')), { start: '19:00', end: '07:00' }, 'exactly 12 hours is allowed');
});

test('the push limit is a whole number from 1 to 100', () => {
  assert.equal(value(parsePushLimit('5')), 5);
  assert.equal(value(parsePushLimit(' 1 ')), 1);
  assert.equal(value(parsePushLimit('100')), 100);
  assert.equal(value(parsePushLimit(undefined)), 3);
  assert.equal(value(parsePushLimit('')), 3);
  for (const bad of ['0', '101', '-1', '2.5', 'three', '1e2']) {
    const p = problem(parsePushLimit(bad));
    assert.equal(p.field, 'ALERT_PUSH_LIMIT_PER_DAY', bad);
    assert.match(p.message, /at least 1|at most 100|whole number between 1 and 100/, bad);
  }
});

test('quiet tiers: high and/or normal, "none", never critical', () => {
  assert.deepEqual(value(parseQuietTiers('normal')), ['normal']);
  assert.deepEqual(value(parseQuietTiers('NORMAL, high')), ['high', 'normal']);
  assert.deepEqual(value(parseQuietTiers('normal,normal')), ['normal']);
  assert.deepEqual(value(parseQuietTiers('none')), []);
  assert.deepEqual(value(parseQuietTiers(undefined)), ['normal']);
  const critical = problem(parseQuietTiers('normal,critical'));
  assert.equal(critical.field, 'ALERT_QUIET_TIERS');
  assert.match(critical.message, /critical alerts always push/);
  assert.match(problem(parseQuietTiers('urgent')).message, /high, normal/);
  assert.match(problem(parseQuietTiers('normal,')).message, /high, normal/);
});

test('the three variables together: values, defaults, and every problem at once', () => {
  assert.deepEqual(FATIGUE_ENV_VARIABLES, ['ALERT_PUSH_LIMIT_PER_DAY', 'ALERT_QUIET_HOURS', 'ALERT_QUIET_TIERS']);
  assert.deepEqual(value(parseFatigueConfig({})), DEFAULT_FATIGUE_CONFIG);
  assert.deepEqual(value(parseFatigueConfig({ ALERT_PUSH_LIMIT_PER_DAY: '5', ALERT_QUIET_HOURS: '23:00-06:30', ALERT_QUIET_TIERS: 'high,normal' })), {
    maxPushesPerDayPerArea: 5,
    quietHours: { start: '23:00', end: '06:30' },
    timeZone: 'Africa/Casablanca',
    quietTiers: ['high', 'normal'],
  });
  assert.equal(value(parseFatigueConfig({ ALERT_QUIET_HOURS: 'off' })).quietHours, null);
  const r = parseFatigueConfig({ ALERT_PUSH_LIMIT_PER_DAY: '0', ALERT_QUIET_HOURS: '7-22', ALERT_QUIET_TIERS: 'critical' });
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.field), ['ALERT_PUSH_LIMIT_PER_DAY', 'ALERT_QUIET_HOURS', 'ALERT_QUIET_TIERS']);
  const one = parseFatigueConfig({ ALERT_QUIET_HOURS: '22:00-07:00', ALERT_QUIET_TIERS: 'sometimes' });
  assert.ok(!one.ok);
  assert.deepEqual(one.problems.map((p) => p.field), ['ALERT_QUIET_TIERS']);
});

test('a configuration built by hand is checked field by field', () => {
  const bad: FatigueConfig = { maxPushesPerDayPerArea: 0.5, quietHours: { start: '7am', end: '22:00' }, timeZone: 'Africa/Casablanca', quietTiers: ['critical'] };
  assert.deepEqual(fatigueConfigProblems(bad).map((p) => p.field), ['maxPushesPerDayPerArea', 'quietHours', 'quietTiers']);
  assert.deepEqual(fatigueConfigProblems({ ...DEFAULT_FATIGUE_CONFIG, quietHours: { start: '08:00', end: '21:00' } }).map((p) => p.field), ['quietHours']);
  assert.deepEqual(fatigueConfigProblems({ ...DEFAULT_FATIGUE_CONFIG, quietHours: null, quietTiers: [] }), []);
});
