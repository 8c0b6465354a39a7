import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position } from './coordinates.ts';
import { distanceToBoundaryKm, pointInMultiPolygon, pointInPolygon, pointInRing, type PolygonRings } from './point-in-polygon.ts';
import { KM_PER_DEGREE_LAT } from './distance.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
/** A 4°×4° square at the equator with a 2°×2° hole in its middle. */
const donut: PolygonRings = [square(0, 0, 4, 4), square(1, 1, 3, 3)];
const at = (lon: number, lat: number) => ({ lon, lat });

test('a ring holds the points inside it and not those outside', () => {
  const ring = square(0, 0, 4, 4);
  assert.equal(pointInRing(at(2, 2), ring), true);
  assert.equal(pointInRing(at(5, 2), ring), false);
  assert.equal(pointInRing(at(-0.1, 2), ring), false);
  assert.equal(pointInRing(at(2, 4.1), ring), false);
});

test('an open ring (last position not repeating the first) works the same', () => {
  const open = square(0, 0, 4, 4).slice(0, 4);
  assert.equal(pointInRing(at(3.9, 0.1), open), true);
  assert.equal(pointInRing(at(4.1, 0.1), open), false);
});

test('a ray passing exactly through a vertex counts one crossing, not two', () => {
  const diamond: Position[] = [[2, 0], [4, 2], [2, 4], [0, 2], [2, 0]];
  assert.equal(pointInRing(at(1, 2), diamond), true, 'ray through the vertex (4,2) from inside');
  assert.equal(pointInRing(at(-1, 2), diamond), false, 'ray through the vertices (0,2) and (4,2) from outside');
});

test('concave rings: the notch is outside', () => {
  const u: Position[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
  assert.equal(pointInRing(at(1.5, 2), u), false);
  assert.equal(pointInRing(at(0.5, 2), u), true);
  assert.equal(pointInRing(at(2.5, 2), u), true);
});

test('a point in a hole is outside the polygon; between the hole and the outer ring it is inside', () => {
  assert.equal(pointInPolygon(at(2, 2), donut), false);
  assert.equal(pointInPolygon(at(0.5, 2), donut), true);
  assert.equal(pointInPolygon(at(3.5, 3.5), donut), true);
  assert.equal(pointInPolygon(at(5, 5), donut), false);
});

test('a MultiPolygon holds a point in any of its parts, and an island inside a hole counts', () => {
  const island: PolygonRings = [square(1.5, 1.5, 2.5, 2.5)];
  const far: PolygonRings = [square(10, 10, 11, 11)];
  assert.equal(pointInMultiPolygon(at(2, 2), [donut]), false);
  assert.equal(pointInMultiPolygon(at(2, 2), [donut, island]), true);
  assert.equal(pointInMultiPolygon(at(10.5, 10.5), [donut, far]), true);
  assert.equal(pointInMultiPolygon(at(8, 8), [donut, far]), false);
  assert.equal(pointInMultiPolygon(at(2, 2), []), false);
});

test('distance to the boundary counts outer rings and holes, and honours the search limit', () => {
  const kmPerDeg = KM_PER_DEGREE_LAT;
  // 0.01° north of the top edge, at the equator.
  const north = distanceToBoundaryKm(at(0.5, 4.01), [donut]);
  assert.ok(Math.abs(north - 0.01 * kmPerDeg) < 0.01, `${north}`);
  // In the hole's centre, 1° from every hole edge.
  const inHole = distanceToBoundaryKm(at(2, 2), [donut]);
  assert.ok(Math.abs(inHole - kmPerDeg) < 1, `${inHole}`);
  // Beyond the limit: Infinity, not a wrong small number.
  assert.equal(distanceToBoundaryKm(at(2, 2), [donut], 50), Infinity);
  assert.ok(distanceToBoundaryKm(at(2, 2), [donut], 200) < 112);
});
