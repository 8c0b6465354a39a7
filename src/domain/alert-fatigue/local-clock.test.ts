import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKnownTimeZone, localMinuteOfDay, nextLocalTime } from './local-clock.ts';

const ZONE = 'Africa/Casablanca';
const MIN = 60_000;

// An independent reading of the tz database: the local date-time as minutes since the local epoch.
const reader = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function localEpoch(ms: number): number {
  const p = Object.fromEntries(reader.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) / MIN;
}
const casablanca = (d: Date) => {
  const p = Object.fromEntries(reader.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

/** The instants (whole UTC minutes) where Casablanca's offset changes, found hour by hour, then minute by minute. */
function transitions(fromIso: string, toIso: string): number[] {
  const offset = (ms: number) => localEpoch(ms) - Math.floor(ms / MIN);
  const found: number[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 3_600_000) {
    if (offset(t) === offset(t + 3_600_000)) continue;
    let m = t;
    while (offset(m) === offset(t)) m += MIN;
    found.push(m);
  }
  return found;
}

test('the local minute of day follows the Ramadan clock: the same UTC instant reads an hour apart', () => {
  assert.equal(localMinuteOfDay(new Date('2025-06-15T21:30:00Z'), ZONE), 22 * 60 + 30, 'June: UTC+1');
  assert.equal(localMinuteOfDay(new Date('2025-03-10T21:30:00Z'), ZONE), 21 * 60 + 30, 'Ramadan 2025: UTC+0');
  assert.equal(localMinuteOfDay(new Date('2025-06-15T23:30:59.999Z'), ZONE), 30, 'past local midnight; seconds ignored');
});

test('the next wall time: later the same local day, else the next day, across local midnight', () => {
  const from = new Date('2025-06-15T22:30:00Z'); // 23:30 local
  assert.equal(casablanca(from), '2025-06-15 23:30');
  assert.equal(casablanca(nextLocalTime(from, 7 * 60, ZONE)), '2025-06-16 07:00');
  assert.equal(nextLocalTime(from, 7 * 60, ZONE).toISOString(), '2025-06-16T06:00:00.000Z');
  assert.equal(casablanca(nextLocalTime(from, 23 * 60 + 45, ZONE)), '2025-06-15 23:45');
  assert.equal(casablanca(nextLocalTime(from, 23 * 60 + 30, ZONE)), '2025-06-16 23:30', 'the same minute: tomorrow');
  assert.equal(casablanca(nextLocalTime(new Date('2025-06-15T22:30:40Z'), 0, ZONE)), '2025-06-16 00:00');
});

test('a night with a clock change: 07:00 local is 9 h after 23:00 when clocks go back, 7 h when they go forward', () => {
  const back = new Date('2025-02-22T22:00:00Z'); // Ramadan begins: 03:00 → 02:00 that night
  assert.equal(casablanca(back), '2025-02-22 23:00');
  assert.equal(nextLocalTime(back, 7 * 60, ZONE).toISOString(), '2025-02-23T07:00:00.000Z');
  const forward = new Date('2025-04-05T23:00:00Z'); // Ramadan ends: 02:00 → 03:00 that night
  assert.equal(casablanca(forward), '2025-04-05 23:00');
  assert.equal(nextLocalTime(forward, 7 * 60, ZONE).toISOString(), '2025-04-06T06:00:00.000Z');
});

test('a wall time the clocks skip gives the instant of the change; a repeated one its first reading', () => {
  const skipped = nextLocalTime(new Date('2025-04-05T23:00:00Z'), 2 * 60 + 30, ZONE);
  assert.equal(skipped.toISOString(), '2025-04-06T02:00:00.000Z');
  assert.equal(casablanca(skipped), '2025-04-06 03:00', '02:30 never happened that night');
  const repeated = nextLocalTime(new Date('2025-02-22T22:00:00Z'), 2 * 60 + 30, ZONE);
  assert.equal(repeated.toISOString(), '2025-02-23T01:30:00.000Z', 'the first 02:30, still on UTC+1');
});

test('around every clock change of 2024–2026, the result is the first instant whose local date-time reaches the target', () => {
  const changes = transitions('2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
  assert.ok(changes.length >= 6, `found ${changes.length} clock changes`);
  for (const change of changes) {
    for (let from = change - 25 * 60 * MIN; from < change + 60 * MIN; from += 97 * MIN) {
      const start = Math.floor(from / MIN);
      const readings = Array.from({ length: 26 * 60 }, (_, i) => localEpoch((start + 1 + i) * MIN));
      const startLocal = localEpoch(from);
      for (let target = 0; target < 24 * 60; target += 15) {
        const ahead = ((target - (startLocal % 1440) + 1440) % 1440) || 1440;
        const wanted = startLocal + ahead;
        const i = readings.findIndex((r) => r >= wanted);
        const expected = new Date((start + 1 + i) * MIN).toISOString();
        assert.equal(nextLocalTime(new Date(from), target, ZONE).toISOString(), expected, `from ${new Date(from).toISOString()} to ${target} min`);
      }
    }
  }
});

test('unknown zones are recognised', () => {
  assert.equal(isKnownTimeZone(ZONE), true);
  assert.equal(isKnownTimeZone('Mars/Olympus_Mons'), false);
});
