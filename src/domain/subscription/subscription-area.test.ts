import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToBoundary, cellToChildren, getResolution, latLngToCell } from 'h3-js';
import { loadZoneGeography } from '../zone/zone-geography.test-support.ts';
import type { ZoneGeography } from '../zone/zone.ts';
import { cellRange } from '../zone/cell-ranges.ts';
import { circleReach } from '../zone/zone-bands.ts';
import { AREA_LIMITS, type AreaCell, cellRows, resolveArea, storedArea, SUBSCRIPTION_CELL_RESOLUTION } from './subscription-area.ts';

let geo: ZoneGeography;
before(async () => {
  geo = await loadZoneGeography();
});

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
const RABAT = { lat: 34.0209, lon: -6.8416 };
const MADRID = { lat: 40.4168, lon: -3.7038 };

/** True when some stored cell (any resolution ≤ 6) is the point's res-6 cell or one of its ancestors. */
function covers(cells: readonly AreaCell[], point: { lat: number; lon: number }): boolean {
  const leaf = cellRange(latLngToCell(point.lat, point.lon, 15)).lo;
  return cells.some((c) => {
    const r = cellRange(c.h3);
    return r.lo <= leaf && leaf <= r.hi;
  });
}

test('a circle in Morocco: stored rounded to ~100 m, as one cell: the centre res-7 cell with the reach of its radius', () => {
  const r = resolveArea({ kind: 'circle', lat: 33.573123, lon: -7.589845, radiusKm: 20 }, geo);
  assert.ok(r.ok);
  assert.deepEqual(r.area, { kind: 'circle', lat: 33.573, lon: -7.59, radiusKm: 20 });
  assert.deepEqual(r.cells, [{ h3: latLngToCell(33.573, -7.59, 7), reach: circleReach(20) }]);
  // Whether it meets a zone is zone-bands.test.ts's brute force; here, the reach follows the radius.
  const small = resolveArea({ kind: 'circle', lat: 33.573, lon: -7.59, radiusKm: 1 }, geo);
  const large = resolveArea({ kind: 'circle', lat: 33.573, lon: -7.59, radiusKm: 50 }, geo);
  assert.ok(small.ok && large.ok);
  assert.ok((small.cells[0]?.reach ?? 99) < (r.cells[0]?.reach ?? 0) && (r.cells[0]?.reach ?? 99) < (large.cells[0]?.reach ?? 0));
});

test('provinces: every cell is res ≤ 6 with no reach, the province is covered, codes are sorted and unique, the cover is compact', () => {
  const r = resolveArea({ kind: 'provinces', codes: ['MA-RAB', 'MA-CAS', 'ma-cas'] }, geo);
  assert.ok(r.ok);
  assert.deepEqual(r.area, { kind: 'provinces', codes: ['MA-CAS', 'MA-RAB'] });
  for (const c of r.cells) assert.ok(getResolution(c.h3) <= SUBSCRIPTION_CELL_RESOLUTION && c.reach === null);
  assert.ok(covers(r.cells, CASABLANCA) && covers(r.cells, RABAT));
  assert.ok(!covers(r.cells, { lat: 31.6295, lon: -7.9811 }), 'Marrakech is not in either');
  // Every vertex of Casablanca's province outline lies in a stored cell.
  for (const polygon of geo.polygons('MA-CAS') ?? []) for (const [lon, lat] of polygon[0] ?? []) assert.ok(covers(r.cells, { lat, lon }));
  // A cell's outline is a real hexagon on the map (sanity of the stored index).
  assert.ok(cellToBoundary(r.cells[0]?.h3 ?? '').length >= 5);
  const expanded = r.cells.flatMap((c) => (getResolution(c.h3) === 6 ? [c.h3] : cellToChildren(c.h3, 6)));
  assert.equal(new Set(expanded).size, expanded.length);
});

test('the twelve largest provinces together stay under the cell cap', () => {
  const largest = ['MA-OUD', 'MA-AOU', 'MA-ESM', 'MA-BOD', 'MA-FIG', 'MA-ERR', 'MA-TAT', 'MA-TIN', 'MA-ASZ', 'MA-ZAG', 'MA-BOM', 'MA-MID'];
  const r = resolveArea({ kind: 'provinces', codes: largest }, geo);
  assert.ok(r.ok);
  assert.ok(r.cells.length <= AREA_LIMITS.maxCells, String(r.cells.length));
});

test('a point outside Morocco, bad coordinates, radius bounds, unknown or too many provinces are refused on their field', () => {
  const problems = (area: Parameters<typeof resolveArea>[0]) => {
    const r = resolveArea(area, geo);
    return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
  };
  assert.deepEqual(problems({ kind: 'circle', ...MADRID, radiusKm: 10 }), ['lat:point_outside_morocco']);
  assert.deepEqual(problems({ kind: 'circle', lat: 35.9, lon: -12, radiusKm: 10 }), ['lat:point_outside_morocco'], 'the Atlantic');
  assert.deepEqual(problems({ kind: 'circle', lat: NaN, lon: 200, radiusKm: 10 }), ['lat:lat_invalid', 'lon:lon_invalid']);
  assert.deepEqual(problems({ kind: 'circle', ...CASABLANCA, radiusKm: 0.5 }), ['radiusKm:radius_out_of_range']);
  assert.deepEqual(problems({ kind: 'circle', ...CASABLANCA, radiusKm: 50.5 }), ['radiusKm:radius_out_of_range']);
  assert.deepEqual(problems({ kind: 'circle', ...CASABLANCA, radiusKm: 1 }), []);
  assert.deepEqual(problems({ kind: 'circle', ...CASABLANCA, radiusKm: 50 }), []);
  assert.deepEqual(problems({ kind: 'provinces', codes: ['MA-ZZZ'] }), ['provinces:province_unknown']);
  assert.deepEqual(problems({ kind: 'provinces', codes: ['MA-06'] }), ['provinces:province_unknown'], 'a region code is not a province');
  assert.deepEqual(problems({ kind: 'provinces', codes: ['ES-M'] }), ['provinces:province_unknown']);
  assert.deepEqual(problems({ kind: 'provinces', codes: [] }), ['provinces:provinces_none']);
  assert.deepEqual(problems({ kind: 'provinces', codes: geo.provinces.slice(0, 13).map((p) => p.code) }), ['provinces:provinces_too_many']);
});

test('stored rows carry each cell with its res-15 range as int8 decimal strings; stored areas read back', () => {
  const r = resolveArea({ kind: 'provinces', codes: ['MA-CAS'] }, geo);
  assert.ok(r.ok);
  const rows = cellRows(r.cells);
  assert.equal(rows.length, r.cells.length);
  for (const [i, row] of rows.entries()) {
    const range = cellRange(r.cells[i]?.h3 ?? '');
    assert.deepEqual(row, { cell: range.cell.toString(), lo: range.lo.toString(), hi: range.hi.toString(), reach: null });
    assert.match(row.cell, /^[0-9]+$/);
    assert.ok(BigInt(row.lo) <= BigInt(row.hi) && BigInt(row.hi) < 2n ** 63n);
  }
  assert.deepEqual(storedArea(JSON.parse(JSON.stringify(r.area))), r.area);
  assert.equal(storedArea({ kind: 'polygon' }), undefined);
});
