import { test } from 'node:test';
import assert from 'node:assert/strict';
import { below, finalizeFigure, ratioAtLeast } from './figure.ts';

test('a figure gets ratio = value / baseline, the target as text, and whether it was met', () => {
  const f = finalizeFigure({ name: 'startup.x', value: 4.5, unit: 's', peer: 'bare Fastify', baseline: 0.5, target: below(10, 's') });
  assert.deepEqual(f, { name: 'startup.x', value: 4.5, unit: 's', peer: 'bare Fastify', baseline: 0.5, ratio: 9, target: '< 10 s', met: true });
  assert.deepEqual(Object.keys(f), ['name', 'value', 'unit', 'peer', 'baseline', 'ratio', 'target', 'met']);
});

test('a missed target is reported as met: false', () => {
  const f = finalizeFigure({ name: 'rss', value: 765.2, unit: 'MB', peer: 'p', baseline: 60, target: below(700, 'MB') });
  assert.equal(f.met, false);
  assert.equal(f.target, '< 700 MB');
});

test('a ratio target is judged on the ratio', () => {
  const ok = finalizeFigure({ name: 'tips', value: 1300, unit: 'req/s', peer: 'bare', baseline: 2000, target: ratioAtLeast(0.6) });
  assert.equal(ok.ratio, 0.65);
  assert.equal(ok.target, 'ratio >= 0.6');
  assert.equal(ok.met, true);
  const missed = finalizeFigure({ name: 'tips', value: 1100, unit: 'req/s', peer: 'bare', baseline: 2000, target: ratioAtLeast(0.6) });
  assert.equal(missed.met, false);
});

test('without a baseline there is no ratio; without a target or value there is no verdict; the note is kept', () => {
  const f = finalizeFigure({ name: 'pg', value: 120.123456, unit: 'ops/s', peer: 'PostgreSQL', baseline: null, target: null, note: 'PostgreSQL not reachable' });
  assert.equal(f.value, 120.123);
  assert.equal(f.ratio, null);
  assert.equal(f.met, null);
  assert.equal(f.note, 'PostgreSQL not reachable');
  const unmeasured = finalizeFigure({ name: 'rss.pg', value: null, unit: 'MB', peer: 'p', baseline: 50, target: below(250, 'MB') });
  assert.equal(unmeasured.ratio, null);
  assert.equal(unmeasured.met, null);
});

test('ratio is computed from the printed (rounded) numbers, so a reader can check it', () => {
  const f = finalizeFigure({ name: 'x', value: 1 / 3, unit: 's', peer: 'p', baseline: 2 / 3, target: null });
  assert.ok(f.value !== null && f.baseline !== null && f.ratio !== null);
  assert.ok(Math.abs(f.ratio - f.value / f.baseline) <= 1e-3 * f.ratio);
});

test('a non-finite value is a bug in the module and is refused', () => {
  assert.throws(() => finalizeFigure({ name: 'x', value: Number.NaN, unit: 's', peer: null, baseline: null, target: null }), RangeError);
  assert.throws(() => finalizeFigure({ name: 'x', value: 1, unit: 's', peer: 'p', baseline: Infinity, target: null }), RangeError);
});
