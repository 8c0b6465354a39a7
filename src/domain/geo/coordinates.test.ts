import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { assertLatLon, latLonErrors } from './coordinates.ts';

test('valid coordinates, including the extremes, pass', () => {
  for (const p of [{ lat: 33.5, lon: -7.6 }, { lat: 90, lon: 180 }, { lat: -90, lon: -180 }, { lat: 0, lon: 0 }]) assert.deepEqual(latLonErrors(p), []);
});

test('out-of-range and non-finite coordinates name the field, never the value', () => {
  assert.deepEqual(latLonErrors({ lat: 90.0001, lon: 0 }).map((e) => e.field), ['lat']);
  assert.deepEqual(latLonErrors({ lat: 0, lon: -180.5 }).map((e) => e.field), ['lon']);
  assert.deepEqual(latLonErrors({ lat: Number.NaN, lon: Number.POSITIVE_INFINITY }).map((e) => e.field), ['lat', 'lon']);
  try {
    assertLatLon({ lat: 123.456, lon: 0 });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'validation_failed');
    assert.doesNotMatch(JSON.stringify({ m: err.message, e: err.errors }), /123/);
  }
});
