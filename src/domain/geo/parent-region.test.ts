import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAreaIndex } from './area-index.ts';
import type { Position } from './coordinates.ts';
import { deriveParentRegion, interiorPoint } from './parent-region.ts';
import { pointInPolygon } from './point-in-polygon.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const regions = buildAreaIndex([
  { code: 'R-WEST', polygons: [[square(0, 0, 10, 10)]] },
  { code: 'R-EAST', polygons: [[square(10, 0, 20, 10)]] },
]);

test('a province wholly inside one region gets it, unanimously', () => {
  const vote = deriveParentRegion({ code: 'P-1', polygons: [[square(2, 2, 4, 4)]] }, regions);
  assert.equal(vote?.regionCode, 'R-WEST');
  assert.equal(vote?.share, 1);
});

test('a province straddling a boundary goes to the region holding most of it, with the share reported', () => {
  // 7 units west of x=10, 3 units east.
  const vote = deriveParentRegion({ code: 'P-2', polygons: [[square(3, 2, 13, 4)]] }, regions);
  assert.equal(vote?.regionCode, 'R-WEST');
  assert.ok(vote && vote.share > 0.6 && vote.share < 0.8, `${vote?.share}`);
});

test('a province outside every region has no parent', () => {
  assert.equal(deriveParentRegion({ code: 'P-3', polygons: [[square(30, 30, 31, 31)]] }, regions), undefined);
});

test('the interior point of a ring with a hole across its middle line lies inside the polygon', () => {
  const donut = [square(0, 0, 10, 10), square(2, 2, 8, 8)];
  const p = interiorPoint(donut);
  assert.ok(p);
  assert.ok(pointInPolygon(p, donut), JSON.stringify(p));
  // A thin C-shape whose centre of box is outside.
  const c: Position[] = [[0, 0], [10, 0], [10, 1], [1, 1], [1, 9], [10, 9], [10, 10], [0, 10], [0, 0]];
  const q = interiorPoint([c]);
  assert.ok(q && pointInPolygon(q, [c]), JSON.stringify(q));
});
