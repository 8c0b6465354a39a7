import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, percentile, ratePerSecond, slope, summarize } from './stats.ts';

test('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

test('percentiles interpolate between the closest ranks and do not depend on input order', () => {
  const values = Array.from({ length: 101 }, (_, i) => 100 - i); // 0..100, reversed
  assert.equal(percentile(values, 0), 0);
  assert.equal(percentile(values, 95), 95);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([10, 20], 95), 19.5);
});

test('summarize reports count, extremes, mean, median, p95 and p99 without changing its input', () => {
  const values = [3, 1, 2, 10];
  const s = summarize(values);
  assert.deepEqual(values, [3, 1, 2, 10]);
  assert.equal(s.count, 4);
  assert.equal(s.min, 1);
  assert.equal(s.max, 10);
  assert.equal(s.mean, 4);
  assert.equal(s.median, 2.5);
  assert.ok(Math.abs(s.p95 - 8.95) < 1e-9);
  assert.ok(Math.abs(s.p99 - 9.79) < 1e-9);
});

test('no samples, non-finite samples and out-of-range percentiles are refused', () => {
  assert.throws(() => median([]), RangeError);
  assert.throws(() => summarize([1, Number.NaN]), RangeError);
  assert.throws(() => percentile([1, 2], 101), RangeError);
  assert.throws(() => percentile([1, 2], -1), RangeError);
});

test('ratePerSecond turns a count and milliseconds into a per-second rate', () => {
  assert.equal(ratePerSecond(500, 250), 2000);
  assert.throws(() => ratePerSecond(1, 0), RangeError);
});

test('slope is the least-squares trend: flat memory is 0, steady growth its rate, noise around a line the line', () => {
  assert.equal(slope([0, 1, 2, 3], [200, 200, 200, 200]), 0);
  assert.equal(slope([0, 1, 2, 3], [100, 102, 104, 106]), 2);
  assert.ok(Math.abs(slope([0, 1, 2, 3, 4, 5], [10, 13, 14, 17, 18, 21]) - 2.0857) < 1e-3);
  assert.throws(() => slope([1], [1]), RangeError);
  assert.throws(() => slope([2, 2], [1, 3]), RangeError);
});
