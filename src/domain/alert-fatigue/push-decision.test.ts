import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { DEFAULT_FATIGUE_CONFIG, type FatigueConfig, type Tier } from './fatigue-rules.ts';
import { pushDecision, type PushDecision, type PushInput, type ReceivedPush } from './push-decision.ts';

// Local times are read back through Intl, so every instant below is checked against the tz database.
const reader = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const casablanca = (d: Date) => {
  const p = Object.fromEntries(reader.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};
/** An instant, asserting which Moroccan local time it is. */
const at = (iso: string, local: string) => {
  const d = new Date(iso);
  assert.equal(casablanca(d), local, `${iso} is ${local} in Casablanca`);
  return d;
};
const hoursBefore = (d: Date, h: number) => new Date(d.getTime() - h * 3_600_000);

const AREA = '8a3969a4d8a7fff';
const OTHER_AREA = 'MA-CAS';
const pushed = (when: Date, alertId: string, area = AREA): ReceivedPush => ({ at: when, area, alertId });

// June 2025: UTC+1. Ramadan 2025 (23 Feb – 6 Apr): UTC+0.
const NOON = at('2025-06-15T11:00:00Z', '2025-06-15 12:00');
const LATE = at('2025-06-15T22:30:00Z', '2025-06-15 23:30');

function decide(over: Partial<PushInput> & { now: Date }): PushDecision {
  return pushDecision({ tier: 'normal', msgType: 'Alert', updateKind: null, subscriberArea: AREA, recentPushes: [], alertId: 'A', config: DEFAULT_FATIGUE_CONFIG, ...over });
}
const PUSH = { push: true };
const NOT_NEWS = { push: false, reason: 'not_news', deferUntil: null };
const AREA_LIMIT = { push: false, reason: 'area_limit', deferUntil: null };
function deferredTo(d: PushDecision): string {
  assert.ok(!d.push && d.reason === 'quiet_hours' && d.deferUntil, `expected a deferral, got ${JSON.stringify(d)}`);
  return casablanca(d.deferUntil);
}

test('by day, a first alert in a quiet area pushes', () => {
  assert.deepEqual(decide({ now: NOON }), PUSH);
});

test('at night a normal alert waits for 07:00 local, across midnight, and is never dropped', () => {
  assert.equal(deferredTo(decide({ now: LATE })), '2025-06-16 07:00');
  assert.equal(deferredTo(decide({ now: at('2025-06-15T21:00:00Z', '2025-06-15 22:00') })), '2025-06-16 07:00', '22:00 is quiet');
  assert.deepEqual(decide({ now: at('2025-06-15T20:59:59Z', '2025-06-15 21:59') }), PUSH, '21:59 is not');
  assert.equal(deferredTo(decide({ now: at('2025-06-15T23:00:00Z', '2025-06-16 00:00') })), '2025-06-16 07:00', 'local midnight: the same morning');
  assert.equal(deferredTo(decide({ now: at('2025-06-16T03:00:00Z', '2025-06-16 04:00') })), '2025-06-16 07:00', '4 a.m.');
  const lastQuietMinute = decide({ now: at('2025-06-16T05:59:30Z', '2025-06-16 06:59') });
  assert.ok(!lastQuietMinute.push && lastQuietMinute.deferUntil);
  assert.equal(lastQuietMinute.deferUntil.toISOString(), '2025-06-16T06:00:00.000Z', '30 s later');
  assert.deepEqual(decide({ now: at('2025-06-16T06:00:00Z', '2025-06-16 07:00') }), PUSH, '07:00 is not quiet');
});

test('quiet hours follow Moroccan local time whatever the clock offset (Ramadan, clock-change nights)', () => {
  const ramadan = decide({ now: at('2025-03-10T22:30:00Z', '2025-03-10 22:30') });
  assert.ok(!ramadan.push && ramadan.deferUntil);
  assert.equal(ramadan.deferUntil.toISOString(), '2025-03-11T07:00:00.000Z', 'UTC+0 during Ramadan');
  const june = decide({ now: LATE });
  assert.ok(!june.push && june.deferUntil);
  assert.equal(june.deferUntil.toISOString(), '2025-06-16T06:00:00.000Z', 'UTC+1 the rest of the year');
  assert.deepEqual(decide({ now: at('2025-03-10T21:30:00Z', '2025-03-10 21:30') }), PUSH, 'the same UTC time as a quiet June 22:30 is not quiet in Ramadan');

  const goesBack = decide({ now: at('2025-02-22T22:00:00Z', '2025-02-22 23:00') });
  assert.ok(!goesBack.push && goesBack.deferUntil);
  assert.equal(casablanca(goesBack.deferUntil), '2025-02-23 07:00');
  assert.equal(goesBack.deferUntil.getTime() - Date.parse('2025-02-22T22:00:00Z'), 9 * 3_600_000, 'the night the clocks go back lasts 9 h');
  const goesForward = decide({ now: at('2025-04-05T23:00:00Z', '2025-04-05 23:00') });
  assert.ok(!goesForward.push && goesForward.deferUntil);
  assert.equal(casablanca(goesForward.deferUntil), '2025-04-06 07:00');
  assert.equal(goesForward.deferUntil.getTime() - Date.parse('2025-04-05T23:00:00Z'), 7 * 3_600_000, 'and 7 h when they go forward');
});

test('quiet hours ending in the hour the clocks skip end when the clocks jump', () => {
  const config: FatigueConfig = { ...DEFAULT_FATIGUE_CONFIG, quietHours: { start: '22:00', end: '02:30' } };
  const d = decide({ now: at('2025-04-05T23:00:00Z', '2025-04-05 23:00'), config });
  assert.ok(!d.push && d.deferUntil);
  assert.equal(d.deferUntil.toISOString(), '2025-04-06T02:00:00.000Z');
  assert.equal(casablanca(d.deferUntil), '2025-04-06 03:00');
});

test('quiet hours that do not cross midnight, and no quiet hours at all', () => {
  const siesta: FatigueConfig = { ...DEFAULT_FATIGUE_CONFIG, quietHours: { start: '13:00', end: '15:00' } };
  assert.equal(deferredTo(decide({ now: at('2025-06-15T13:00:00Z', '2025-06-15 14:00'), config: siesta })), '2025-06-15 15:00');
  assert.deepEqual(decide({ now: LATE, config: siesta }), PUSH);
  assert.deepEqual(decide({ now: LATE, config: { ...DEFAULT_FATIGUE_CONFIG, quietHours: null } }), PUSH);
});

test('only the configured tiers wait; critical alerts push at any hour', () => {
  const fourAm = at('2025-06-16T03:00:00Z', '2025-06-16 04:00');
  assert.deepEqual(decide({ now: fourAm, tier: 'high' }), PUSH, 'high is not quiet by default');
  assert.deepEqual(decide({ now: fourAm, tier: 'critical' }), PUSH);
  const both: FatigueConfig = { ...DEFAULT_FATIGUE_CONFIG, quietTiers: ['high', 'normal'] };
  assert.equal(deferredTo(decide({ now: fourAm, tier: 'high', config: both })), '2025-06-16 07:00');
  assert.deepEqual(decide({ now: fourAm, tier: 'critical', config: both }), PUSH, 'the first hours decide');
  assert.deepEqual(decide({ now: fourAm, tier: 'normal', config: { ...DEFAULT_FATIGUE_CONFIG, quietTiers: [] } }), PUSH);
});

test('the area limit: the 4th push for an area in 24 h is dropped, other areas do not count', () => {
  const three = [pushed(hoursBefore(NOON, 1), 'B'), pushed(hoursBefore(NOON, 5), 'C'), pushed(hoursBefore(NOON, 20), 'D')];
  assert.deepEqual(decide({ now: NOON, recentPushes: three.slice(0, 2) }), PUSH, 'the first push of an alert counts: 2 so far');
  assert.deepEqual(decide({ now: NOON, recentPushes: three }), AREA_LIMIT);
  assert.deepEqual(decide({ now: NOON, recentPushes: three, subscriberArea: OTHER_AREA }), PUSH, 'counted per area');
  assert.deepEqual(decide({ now: NOON, recentPushes: three.map((p) => ({ ...p, area: OTHER_AREA })) }), PUSH);
  assert.deepEqual(decide({ now: NOON, recentPushes: three, config: { ...DEFAULT_FATIGUE_CONFIG, maxPushesPerDayPerArea: 4 } }), PUSH, 'the limit is configuration');
  assert.deepEqual(decide({ now: NOON, recentPushes: three, tier: 'high' }), AREA_LIMIT, 'high alerts are limited too');
});

test('the limit counts a rolling 24 h, not a calendar day', () => {
  const morning = at('2025-06-16T08:00:00Z', '2025-06-16 09:00');
  const lastEvening = [
    pushed(at('2025-06-15T18:00:00Z', '2025-06-15 19:00'), 'B'),
    pushed(at('2025-06-15T19:00:00Z', '2025-06-15 20:00'), 'C'),
    pushed(at('2025-06-15T20:00:00Z', '2025-06-15 21:00'), 'D'),
  ];
  assert.deepEqual(decide({ now: morning, recentPushes: lastEvening }), AREA_LIMIT, 'a new calendar day does not reset the count');
  const exactly24h = [pushed(hoursBefore(NOON, 24), 'B'), pushed(hoursBefore(NOON, 2), 'C'), pushed(hoursBefore(NOON, 3), 'D')];
  assert.deepEqual(decide({ now: NOON, recentPushes: exactly24h }), PUSH, 'a push exactly 24 h ago has left the window');
  const justInside = [pushed(new Date(NOON.getTime() - 24 * 3_600_000 + 1000), 'B'), ...exactly24h.slice(1)];
  assert.deepEqual(decide({ now: NOON, recentPushes: justInside }), AREA_LIMIT);
});

test('a deferred push is judged at delivery: dropped at night only if the limit will still be full at 07:00', () => {
  const yesterdayMorning = [
    pushed(at('2025-06-15T05:30:00Z', '2025-06-15 06:30'), 'B'),
    pushed(at('2025-06-15T10:00:00Z', '2025-06-15 11:00'), 'C'),
    pushed(at('2025-06-15T12:00:00Z', '2025-06-15 13:00'), 'D'),
  ];
  assert.equal(deferredTo(decide({ now: LATE, recentPushes: yesterdayMorning })), '2025-06-16 07:00', 'the 06:30 push leaves the window before 07:00');
  const evening = [...yesterdayMorning.slice(1), pushed(at('2025-06-15T19:00:00Z', '2025-06-15 20:00'), 'E')];
  assert.deepEqual(decide({ now: LATE, recentPushes: evening }), AREA_LIMIT, 'still full at 07:00: dropped now, not deferred');
});

test('a Cancel goes to everyone who received the alert, whatever the limit, and only to them', () => {
  const full = [pushed(hoursBefore(NOON, 1), 'B'), pushed(hoursBefore(NOON, 2), 'C'), pushed(hoursBefore(NOON, 3), 'A')];
  assert.deepEqual(decide({ now: NOON, msgType: 'Cancel', recentPushes: full }), PUSH, 'never dropped by the area limit');
  assert.deepEqual(decide({ now: NOON, msgType: 'Cancel', recentPushes: [pushed(hoursBefore(NOON, 60), 'A')] }), PUSH, 'the alert was received days ago');
  assert.deepEqual(decide({ now: NOON, msgType: 'Cancel', recentPushes: [pushed(hoursBefore(NOON, 60), 'A', OTHER_AREA)] }), PUSH, 'received for another area');
  assert.deepEqual(decide({ now: NOON, msgType: 'Cancel', recentPushes: full.slice(0, 2) }), NOT_NEWS, 'never received: nothing to close');
});

test('at night a non-critical Cancel is deferred to the end of quiet hours, never dropped; a critical one pushes', () => {
  const full = [pushed(hoursBefore(LATE, 1), 'B'), pushed(hoursBefore(LATE, 2), 'C'), pushed(hoursBefore(LATE, 3), 'A')];
  assert.equal(deferredTo(decide({ now: LATE, msgType: 'Cancel', recentPushes: full })), '2025-06-16 07:00');
  assert.deepEqual(decide({ now: LATE, msgType: 'Cancel', tier: 'critical', recentPushes: full }), PUSH);
  assert.deepEqual(decide({ now: LATE, msgType: 'Cancel', tier: 'high', recentPushes: full }), PUSH, 'high is not a quiet tier by default');
  const morning = at('2025-06-16T06:00:00Z', '2025-06-16 07:00');
  assert.deepEqual(decide({ now: morning, msgType: 'Cancel', recentPushes: full }), PUSH, 'decided again at 07:00, it goes');
});

test('critical alerts are never deferred nor dropped by the limit, but they count', () => {
  const full = [pushed(hoursBefore(NOON, 1), 'B'), pushed(hoursBefore(NOON, 2), 'C'), pushed(hoursBefore(NOON, 3), 'D')];
  assert.deepEqual(decide({ now: NOON, tier: 'critical', recentPushes: full }), PUSH);
  assert.deepEqual(decide({ now: at('2025-06-16T03:00:00Z', '2025-06-16 04:00'), tier: 'critical', recentPushes: full }), PUSH);
  const afterCritical = [pushed(hoursBefore(NOON, 1), 'CRIT'), ...full.slice(1)];
  assert.deepEqual(decide({ now: NOON, recentPushes: afterCritical }), AREA_LIMIT, 'the critical push used up budget');
  assert.deepEqual(decide({ now: NOON, tier: 'critical', alertId: 'B', recentPushes: full }), NOT_NEWS, 'but a critical alert is not pushed twice');
});

test('an alert already received is not pushed again', () => {
  assert.deepEqual(decide({ now: NOON, recentPushes: [pushed(hoursBefore(NOON, 1), 'A')] }), NOT_NEWS);
});

test('a zone update is not news to whoever received the alert; it is the first push for a newly covered area', () => {
  const received = [pushed(hoursBefore(NOON, 2), 'A')];
  for (const kind of ['zone', 'text', 'renewal', null] as const) {
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, recentPushes: received }), NOT_NEWS, String(kind));
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, tier: 'critical', recentPushes: received }), NOT_NEWS, `critical ${String(kind)}`);
  }
  assert.deepEqual(decide({ now: NOON, msgType: 'Update', recentPushes: received }), NOT_NEWS, 'updateKind left out');
  assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: 'zone', recentPushes: [pushed(hoursBefore(NOON, 50), 'A')] }), NOT_NEWS, 'received two days ago');
  assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: 'zone' }), PUSH, 'the zone grew to reach a new subscriber');
  const full = [pushed(hoursBefore(NOON, 1), 'B'), pushed(hoursBefore(NOON, 2), 'C'), pushed(hoursBefore(NOON, 3), 'D')];
  assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: 'zone', recentPushes: full }), AREA_LIMIT, 'that first push obeys the limit');
  assert.equal(deferredTo(decide({ now: LATE, msgType: 'Update', updateKind: 'zone' })), '2025-06-16 07:00', 'and quiet hours');
});

test('a photo or sighting update pushes once more per alert, within the limit and quiet hours', () => {
  for (const kind of ['photo', 'sighting'] as const) {
    const once = [pushed(hoursBefore(NOON, 2), 'A')];
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, recentPushes: once }), PUSH, kind);
    const twice = [...once, pushed(hoursBefore(NOON, 1), 'A')];
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, recentPushes: twice }), NOT_NEWS, `${kind}: no third push`);
    const full = [...once, pushed(hoursBefore(NOON, 3), 'B'), pushed(hoursBefore(NOON, 4), 'C')];
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, recentPushes: full }), AREA_LIMIT, `${kind}: the follow-up counts against the limit`);
    assert.equal(deferredTo(decide({ now: LATE, msgType: 'Update', updateKind: kind, recentPushes: [pushed(hoursBefore(LATE, 2), 'A')] })), '2025-06-16 07:00');
    assert.deepEqual(decide({ now: NOON, msgType: 'Update', updateKind: kind, tier: 'critical', recentPushes: full }), PUSH, `critical ${kind}`);
  }
  const afterPhoto = [pushed(hoursBefore(NOON, 3), 'A'), pushed(hoursBefore(NOON, 2), 'A')];
  assert.deepEqual(decide({ now: NOON, msgType: 'Cancel', recentPushes: afterPhoto }), PUSH, 'the closure still goes after two pushes');
});

test('a bad configuration or instant is refused naming the field', () => {
  const fields = (input: Partial<PushInput> & { now: Date }) => {
    try {
      decide(input);
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'validation_failed');
      return e.errors.map((x) => x.field);
    }
    return assert.fail('no error');
  };
  const tiers: readonly Tier[] = ['critical'];
  assert.deepEqual(fields({ now: NOON, config: { ...DEFAULT_FATIGUE_CONFIG, quietTiers: tiers } }), ['quietTiers']);
  assert.deepEqual(fields({ now: NOON, config: { ...DEFAULT_FATIGUE_CONFIG, maxPushesPerDayPerArea: 0 } }), ['maxPushesPerDayPerArea']);
  assert.deepEqual(fields({ now: NOON, config: { ...DEFAULT_FATIGUE_CONFIG, quietHours: { start: '22h', end: '07:00' } } }), ['quietHours']);
  assert.deepEqual(fields({ now: new Date(NaN) }), ['now']);
});
