import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position } from '../geo/coordinates.ts';
import { firstSelfIntersection, segmentsMeet } from './segment-intersection.ts';

test('segments that cross, touch or overlap meet; parallel and apart ones do not', () => {
  assert.equal(segmentsMeet([0, 0], [2, 2], [0, 2], [2, 0]), true, 'an X');
  assert.equal(segmentsMeet([0, 0], [2, 0], [1, 0], [1, 5]), true, 'a T: one end on the other segment');
  assert.equal(segmentsMeet([0, 0], [2, 0], [1, 0], [3, 0]), true, 'collinear overlap');
  assert.equal(segmentsMeet([0, 0], [1, 0], [2, 0], [3, 0]), false, 'collinear, apart');
  assert.equal(segmentsMeet([0, 0], [2, 0], [0, 1], [2, 1]), false, 'parallel');
  assert.equal(segmentsMeet([0, 0], [1, 1], [2, 0], [1.6, 0.5]), false, 'would cross only if extended');
});

const square: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];

test('simple rings pass: a square, a concave U, a square with a hole', () => {
  assert.equal(firstSelfIntersection([square]), undefined);
  assert.equal(firstSelfIntersection([[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]), undefined);
  assert.equal(firstSelfIntersection([square, [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]]), undefined);
});

test('a bow tie crosses itself', () => {
  assert.deepEqual(firstSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]), { ring: 0, edge: 0, otherRing: 0, otherEdge: 2 });
});

test('a ring through the same vertex twice (figure eight), a spike, and a flat triangle are refused', () => {
  assert.ok(firstSelfIntersection([[[0, 0], [2, 1], [4, 0], [4, 2], [2, 1], [0, 2], [0, 0]]]), 'figure eight');
  assert.ok(firstSelfIntersection([[[0, 0], [4, 0], [4, 4], [4, 6], [4, 5], [0, 4], [0, 0]]]), 'spike going back along its edge');
  assert.ok(firstSelfIntersection([[[0, 0], [1, 0], [2, 0], [0, 0]]]), 'all vertices on one line');
});

test('a hole that crosses or touches the outer ring is refused', () => {
  assert.ok(firstSelfIntersection([square, [[3, 1], [5, 1], [5, 3], [3, 3], [3, 1]]]), 'crosses');
  assert.ok(firstSelfIntersection([square, [[4, 2], [3, 1], [3, 3], [4, 2]]]), 'touches at a vertex');
});
