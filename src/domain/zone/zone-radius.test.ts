import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { ageBand, DEFAULT_OUTER_RADIUS_KM, growthSchedule, initialRadiusKm, type RadiusInput } from './zone-radius.ts';

const walking = (ageYears: number, minutesSinceLastSeen = 0): RadiusInput => ({ ageYears, vehicleInvolved: false, minutesSinceLastSeen });
const byVehicle = (ageYears: number, minutesSinceLastSeen: number): RadiusInput => ({ ageYears, vehicleInvolved: true, minutesSinceLastSeen });

test('each age band starts at its published distance, raised to the 2 km minimum', () => {
  assert.equal(initialRadiusKm(walking(0)), 2, 'an infant takes the 1–3 band (1.9 km), clamped to 2 km');
  assert.equal(initialRadiusKm(walking(2)), 2, '1–3 y: 1.9 km → 2 km minimum');
  assert.equal(initialRadiusKm(walking(3.9)), 2, 'fractions are rounded down: 3.9 y is in the 1–3 band');
  assert.equal(initialRadiusKm(walking(4)), 2.4);
  assert.equal(initialRadiusKm(walking(6)), 2.4);
  assert.equal(initialRadiusKm(walking(7)), 3.8);
  assert.equal(initialRadiusKm(walking(12)), 3.8);
  assert.equal(initialRadiusKm(walking(13)), 43, 'teenagers: 90% of runaways within 43 km');
  assert.equal(initialRadiusKm(walking(17)), 43);
  assert.equal(initialRadiusKm(walking(2), { minKm: 1 }), 1.9, 'with a lower minimum the ISRID figure shows through');
});

test('bands name their sources and percentiles', () => {
  assert.deepEqual([ageBand(2), ageBand(5), ageBand(10)].map((b) => [b.distanceKm, b.percentile]), [[1.9, 95], [2.4, 95], [3.8, 95]]);
  assert.match(ageBand(15).source, /Grampian/);
});

test('a young child\'s radius grows with the time elapsed once walking outruns the band distance', () => {
  assert.equal(initialRadiusKm(walking(2, 60)), 2, 'after 1 h a toddler is still within the band distance');
  assert.equal(initialRadiusKm(walking(2, 5 * 60)), 5, '5 h at 1 km/h');
  assert.equal(initialRadiusKm(walking(5, 4 * 60)), 6, '4 h at 1.5 km/h');
  assert.equal(initialRadiusKm(walking(10, 3 * 60)), 7.5, '3 h at 2.5 km/h');
  assert.equal(initialRadiusKm(walking(15, 3 * 60)), 43, 'a teenager\'s 43 km is not yet exceeded by walking');
});

test('a suspected vehicle: 60 km/h × hours since last seen, clamped to the outer radius', () => {
  assert.equal(initialRadiusKm(byVehicle(9, 90)), 90);
  assert.equal(initialRadiusKm(byVehicle(9, 30)), 30);
  assert.equal(initialRadiusKm(byVehicle(2, 1)), 2, 'reported at once: the minimum');
  assert.equal(initialRadiusKm(byVehicle(15, 20)), 43, 'never below the age band');
  assert.equal(initialRadiusKm(byVehicle(9, 4 * 60)), DEFAULT_OUTER_RADIUS_KM, '240 km → 160 km');
  assert.equal(initialRadiusKm(byVehicle(9, 4 * 60), { outerKm: 300 }), 240, 'the outer radius is configurable');
});

test('bad inputs are refused naming the field', () => {
  const fields = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'validation_failed');
      return e.errors.map((x) => x.field);
    }
    assert.fail('no error');
  };
  assert.deepEqual(fields(() => initialRadiusKm(walking(18))), ['ageYears']);
  assert.deepEqual(fields(() => initialRadiusKm(walking(-1))), ['ageYears']);
  assert.deepEqual(fields(() => initialRadiusKm(walking(5, -10))), ['minutesSinceLastSeen']);
  assert.deepEqual(fields(() => initialRadiusKm(walking(5, NaN))), ['minutesSinceLastSeen']);
  assert.deepEqual(fields(() => growthSchedule(walking(5), { outerKm: 160, stepMinutes: 0 })), ['stepMinutes']);
  assert.deepEqual(fields(() => growthSchedule(walking(5), { outerKm: 1, stepMinutes: 30 })), ['outerKm']);
  assert.deepEqual(fields(() => growthSchedule(walking(5), { outerKm: 160, stepMinutes: 30, growthFactor: 1 })), ['growthFactor']);
});

function assertWellFormed(steps: ReturnType<typeof growthSchedule>, outerKm: number, stepMinutes: number): void {
  assert.ok(steps.length >= 1);
  assert.equal(steps[0]?.offsetMinutes, 0);
  assert.equal(steps.at(-1)?.radiusKm, outerKm, 'ends exactly at the outer radius');
  for (let i = 1; i < steps.length; i++) {
    const [prev, step] = [steps[i - 1], steps[i]];
    assert.ok(prev && step);
    assert.ok(step.radiusKm > prev.radiusKm, `step ${i} grows`);
    assert.equal(step.offsetMinutes - prev.offsetMinutes, stepMinutes);
    assert.equal(step.minutesSinceLastSeen - prev.minutesSinceLastSeen, stepMinutes);
  }
}

test('growth schedule for a 5-year-old: doubling every step, then straight to 160 km', () => {
  const steps = growthSchedule(walking(5, 30), { outerKm: 160, stepMinutes: 30 });
  assertWellFormed(steps, 160, 30);
  assert.deepEqual(
    steps.map((s) => [s.offsetMinutes, s.radiusKm]),
    [[0, 2.4], [30, 4.8], [60, 9.6], [90, 19.2], [120, 38.4], [150, 76.8], [180, 160]],
  );
});

test('growth schedule with a vehicle follows the 60 km/h model when it is faster than doubling', () => {
  const steps = growthSchedule(byVehicle(9, 30), { outerKm: 160, stepMinutes: 15 });
  assertWellFormed(steps, 160, 15);
  assert.deepEqual(steps.map((s) => s.radiusKm), [30, 60, 120, 160]);
  const late = growthSchedule(byVehicle(9, 5 * 60), { outerKm: 160, stepMinutes: 15 });
  assert.deepEqual(late.map((s) => [s.offsetMinutes, s.radiusKm]), [[0, 160]], 'already past the outer radius: one step');
});

test('growth schedules are monotone and end at the outer radius for every band, with or without a vehicle', () => {
  for (const outerKm of [160, 50, 300]) {
    for (const stepMinutes of [10, 30, 60]) {
      for (const age of [0, 2, 5, 9, 12, 13, 17]) {
        for (const minutes of [0, 45, 240, 2000]) {
          for (const input of [walking(age, minutes), byVehicle(age, minutes)]) {
            const steps = growthSchedule(input, { outerKm, stepMinutes });
            assertWellFormed(steps, outerKm, stepMinutes);
            assert.ok(steps.length <= 9, `a handful of Updates, not a trickle (${steps.length})`);
          }
        }
      }
    }
  }
  assert.deepEqual(growthSchedule(walking(2), { outerKm: 160, stepMinutes: 60 }).map((s) => s.radiusKm), [2, 4, 8, 16, 32, 64, 128, 160]);
});
