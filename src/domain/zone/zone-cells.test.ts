import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getResolution } from 'h3-js';
import { haversineKm } from '../geo/distance.ts';
import type { Zone, ZoneGeography } from './zone.ts';
import { cellOfPoint, cellsAtResolution, compactZoneCells, ZONE_CELL_RESOLUTION, zoneCells } from './zone-cells.ts';
import { loadZoneGeography } from './zone-geography.test-support.ts';

let geo: ZoneGeography;
before(async () => {
  geo = await loadZoneGeography();
});

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
const RABAT = { lat: 34.0209, lon: -6.8416 };
const EL_JADIDA = { lat: 33.2316, lon: -8.5007 };
const MARRAKECH = { lat: 31.6295, lon: -7.9811 };
const EMPTY: Zone = { circles: [], provinces: [], regions: [], polygons: [] };
const around = (center: { lat: number; lon: number }, radiusKm: number): Zone => ({ ...EMPTY, circles: [{ center, radiusKm }] });

test('160 km around Casablanca: Rabat and El Jadida are inside, Marrakech is not; the set size is stable', (t) => {
  assert.ok(Math.abs(haversineKm(CASABLANCA, RABAT) - 87) < 3);
  assert.ok(Math.abs(haversineKm(CASABLANCA, EL_JADIDA) - 95) < 3);
  assert.ok(haversineKm(CASABLANCA, MARRAKECH) > 200);

  const started = performance.now();
  const cells = zoneCells(around(CASABLANCA, 160), geo);
  const ms = performance.now() - started;
  const compact = compactZoneCells(cells);
  t.diagnostic(`160 km circle at res ${ZONE_CELL_RESOLUTION}: ${cells.length} cells (${compact.length} compacted) in ${ms.toFixed(0)} ms`);

  const set = new Set(cells);
  assert.ok(set.has(cellOfPoint(CASABLANCA)));
  assert.ok(set.has(cellOfPoint(RABAT)));
  assert.ok(set.has(cellOfPoint(EL_JADIDA)));
  assert.ok(!set.has(cellOfPoint(MARRAKECH)));
  // π × 160² ≈ 80,425 km² over res-7 cells of ~5.5 km² at this latitude, plus the edge ring.
  assert.ok(cells.length > 14_000 && cells.length < 15_500, `${cells.length} cells`);
  assert.deepEqual(zoneCells(around(CASABLANCA, 160), geo), cells, 'the same zone gives the same cells');
  assert.ok(cells.every((c) => getResolution(c) === ZONE_CELL_RESOLUTION));
  assert.deepEqual(cells, [...cells].sort(), 'sorted');
});

test('the cell set follows the circle: points just inside 160 km are in, points 10 km beyond are out', () => {
  const set = new Set(zoneCells(around(CASABLANCA, 160), geo));
  for (let bearing = 0; bearing < 360; bearing += 30) {
    const at = (km: number) => {
      const d = km / 6371.0088;
      const φ1 = (CASABLANCA.lat * Math.PI) / 180;
      const θ = (bearing * Math.PI) / 180;
      const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
      const λ2 = (CASABLANCA.lon * Math.PI) / 180 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
      return { lat: (φ2 * 180) / Math.PI, lon: (λ2 * 180) / Math.PI };
    };
    assert.ok(set.has(cellOfPoint(at(159.5))), `bearing ${bearing}: 159.5 km is inside`);
    assert.ok(!set.has(cellOfPoint(at(170))), `bearing ${bearing}: 170 km is outside`);
  }
});

test('a small circle still has cells: 2 km around a point covers its own cell and its neighbours', () => {
  const cells = zoneCells(around(CASABLANCA, 2), geo);
  assert.ok(cells.includes(cellOfPoint(CASABLANCA)));
  assert.ok(cells.length >= 3 && cells.length <= 12, `${cells.length} cells`);
});

test('a province zone (MA-CAS) holds Casablanca and not Rabat; a region zone (MA-06) holds Casablanca and El Jadida', () => {
  const casablanca = new Set(zoneCells({ ...EMPTY, provinces: ['MA-CAS'] }, geo));
  assert.ok(casablanca.has(cellOfPoint(CASABLANCA)));
  assert.ok(!casablanca.has(cellOfPoint(RABAT)));
  const region = new Set(zoneCells({ ...EMPTY, regions: ['MA-06'] }, geo));
  assert.ok(region.has(cellOfPoint(CASABLANCA)));
  assert.ok(region.has(cellOfPoint(EL_JADIDA)));
  assert.ok(!region.has(cellOfPoint(RABAT)));
  assert.ok(!region.has(cellOfPoint(MARRAKECH)));
  for (const cell of casablanca) assert.ok(region.has(cell), 'the province lies within its region');
});

test('a zone is the union of its parts', () => {
  const circle = zoneCells(around(RABAT, 20), geo);
  const province = zoneCells({ ...EMPTY, provinces: ['MA-MAR'] }, geo);
  const drawn = zoneCells({ ...EMPTY, polygons: [{ type: 'Polygon', coordinates: [[[-8.6, 33.2], [-8.4, 33.2], [-8.4, 33.3], [-8.6, 33.3], [-8.6, 33.2]]] }] }, geo);
  const union = zoneCells({ circles: [{ center: RABAT, radiusKm: 20 }], provinces: ['MA-MAR'], regions: [], polygons: [{ type: 'Polygon', coordinates: [[[-8.6, 33.2], [-8.4, 33.2], [-8.4, 33.3], [-8.6, 33.3], [-8.6, 33.2]]] }] }, geo);
  assert.deepEqual(union, [...new Set([...circle, ...province, ...drawn])].sort());
  assert.ok(drawn.includes(cellOfPoint(EL_JADIDA)));
});

test('compact sets: much smaller, and expand back to exactly the same cells', () => {
  const cells = zoneCells(around(CASABLANCA, 160), geo);
  const compact = compactZoneCells(cells);
  assert.ok(compact.length * 10 < cells.length, `${compact.length} compact vs ${cells.length}`);
  assert.deepEqual(cellsAtResolution(compact, ZONE_CELL_RESOLUTION), cells);
  const coarse = cellsAtResolution(cells, 5);
  assert.ok(coarse.every((c) => getResolution(c) === 5));
  assert.ok(coarse.includes(cellOfPoint(RABAT, 5)));
  assert.throws(() => cellsAtResolution(cells, 16), RangeError);
});
