import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToBoundary, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import { haversineKm } from '../geo/distance.ts';
import { BAND_KM, CELL_RADIUS_KM, CENTRE_CELL_RESOLUTION, circleReach, MAX_REACH, PROPAGATION_SLACK_KM, zoneBands } from './zone-bands.ts';
import { latticeDistances, walkDistances } from './outer-distances.ts';
import { cellsAtResolution, compactZoneCells, zoneCells } from './zone-cells.ts';
import type { Zone } from './zone.ts';

/** mulberry32, seeded so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = [
  { lat: 33.5731, lon: -7.5898 }, // Casablanca
  { lat: 34.0209, lon: -6.8416 }, // Rabat
  { lat: 31.6295, lon: -7.9811 }, // Marrakech
  { lat: 35.7595, lon: -5.834 }, // Tangier
  { lat: 30.4278, lon: -9.5981 }, // Agadir
  { lat: 34.6814, lon: -1.9086 }, // Oujda
  { lat: 27.1536, lon: -13.2033 }, // Laayoune
  { lat: 23.6848, lon: -15.958 }, // Dakhla
];

/** res-7 cell → band, expanding the zone's compacted cells. */
function bandLookup(cells: readonly string[], bands: readonly number[]): Map<string, number> {
  const byCell = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const child of cellsAtResolution([c], CENTRE_CELL_RESOLUTION)) {
      assert.ok(!byCell.has(child), `cell ${child} listed twice`);
      byCell.set(child, bands[i] ?? -1);
    }
  });
  return byCell;
}

test('every res-7 cell across Morocco is within CELL_RADIUS_KM of its centre', () => {
  const random = seeded(7);
  let largest = 0;
  for (let i = 0; i < 3000; i++) {
    const cell = latLngToCell(21 + random() * 15, -17.5 + random() * 16.5, CENTRE_CELL_RESOLUTION);
    const [lat, lon] = cellToLatLng(cell);
    for (const [vlat, vlon] of cellToBoundary(cell)) largest = Math.max(largest, haversineKm({ lat, lon }, { lat: vlat, lon: vlon }));
  }
  assert.ok(largest <= CELL_RADIUS_KM, `largest circumradius ${largest.toFixed(3)} km`);
  assert.ok(largest > CELL_RADIUS_KM * 0.8, 'the bound is not needlessly loose');
});

test('the reach grows with the radius and the largest circle bounds the bands computed', () => {
  assert.equal(circleReach(1), Math.floor((1 + 2 * CELL_RADIUS_KM + PROPAGATION_SLACK_KM) / BAND_KM));
  assert.ok(circleReach(10) < circleReach(50));
  assert.equal(MAX_REACH, circleReach(50));
});

test('nobody whose circle meets the zone is missed, and nobody far beyond theirs is included (brute force)', async () => {
  const geo = await loadMoroccoBoundaries();
  const random = seeded(20261123);
  let met = 0;
  let extra = 0;
  let extraKm = 0;
  for (let z = 0; z < 6; z++) {
    const origin = CITIES[z % CITIES.length] ?? CITIES[0];
    if (!origin) throw new Error('no city');
    const circles = Array.from({ length: 1 + (z % 3) }, () => ({
      center: { lat: origin.lat + (random() - 0.5) * 0.4, lon: origin.lon + (random() - 0.5) * 0.4 },
      radiusKm: 2 + random() * (z === 0 ? 160 : 40),
    }));
    const zone: Zone = { circles, provinces: [], regions: [], polygons: [] };
    const { cells, bands } = zoneBands(compactZoneCells(zoneCells(zone, geo)));
    const lookup = bandLookup(cells, bands);
    const farthest = Math.max(...circles.map((c) => c.radiusKm)) + 80;
    for (let s = 0; s < 4000; s++) {
      const bearing = random() * 2 * Math.PI;
      const km = random() * farthest;
      const p = { lat: origin.lat + (km * Math.cos(bearing)) / 111.2, lon: origin.lon + (km * Math.sin(bearing)) / (111.2 * Math.cos((origin.lat * Math.PI) / 180)) };
      const r = 1 + random() * 49;
      const gap = Math.min(...circles.map((c) => haversineKm(p, c.center) - c.radiusKm)) - r;
      const band = lookup.get(latLngToCell(p.lat, p.lon, CENTRE_CELL_RESOLUTION));
      const included = band !== undefined && band <= circleReach(r);
      if (gap <= 0) {
        met += 1;
        assert.ok(included, `zone ${z}: a ${r.toFixed(1)} km circle meeting the zone (gap ${gap.toFixed(2)} km) was missed (band ${band})`);
      } else if (included) {
        extra += 1;
        // The cover's edge (a zone cell's centre may lie a cell's width outside the zone), the subscriber's
        // centre cell, and the reach's own margin (two cell radii, the slack, one band).
        assert.ok(gap <= 2 * CELL_RADIUS_KM + CELL_RADIUS_KM + 2 * CELL_RADIUS_KM + PROPAGATION_SLACK_KM + BAND_KM, `zone ${z}: included ${gap.toFixed(2)} km beyond the circle`);
        extraKm += gap;
      }
    }
  }
  assert.ok(met > 5000, `only ${met} subscribers met a zone: the test would prove little`);
  assert.ok(extra > 0);
  // Typically far less than the bound: the mean distance beyond their circle of those included anyway.
  assert.ok(extraKm / extra < 4, `mean over-inclusion ${(extraKm / extra).toFixed(2)} km`);
});

for (const [walk, distances] of [
  ['on the IJ lattice', latticeDistances],
  ['on cell indexes', walkDistances],
] as const) {
  test(`the propagated distance (${walk}) overestimates the nearest zone cell by less than the slack, never underestimates`, async () => {
    const geo = await loadMoroccoBoundaries();
    const zone: Zone = { circles: [{ center: CITIES[0] ?? { lat: 33.57, lon: -7.59 }, radiusKm: 25 }, { center: { lat: 33.9, lon: -7.1 }, radiusKm: 10 }], provinces: [], regions: [], polygons: [] };
    const stored = compactZoneCells(zoneCells(zone, geo));
    const insideCells = new Set(cellsAtResolution(stored, CENTRE_CELL_RESOLUTION));
    const inside = [...insideCells].map((c) => {
      const [lat, lon] = cellToLatLng(c);
      return { lat, lon };
    });
    const maxKm = (MAX_REACH + 1) * BAND_KM;
    const found = distances(insideCells, maxKm) ?? assert.fail('local IJ is defined around Casablanca');
    const outer = [...found];
    assert.ok(outer.length > 1000);
    let worst = 0;
    for (let i = 0; i < outer.length; i += 3) {
      const [cell, km] = outer[i] ?? ['', 0];
      const [lat, lon] = cellToLatLng(cell);
      const exact = Math.min(...inside.map((q) => haversineKm({ lat, lon }, q)));
      assert.ok(km >= exact - 0.01, `cell ${cell}: propagated ${km.toFixed(3)} km below the exact ${exact.toFixed(3)} km`);
      worst = Math.max(worst, km - exact);
    }
    assert.ok(worst < PROPAGATION_SLACK_KM, `worst overestimate ${worst.toFixed(3)} km`);
    // Nothing within reach is left out: every res-7 cell whose centre is within maxKm − 1 km of the zone is there.
    const ring = new Set(found.keys());
    for (const [cell] of outer.slice(0, 200)) {
      for (const n of gridDisk(cell, 1)) {
        if (insideCells.has(n) || ring.has(n)) continue;
        const [lat, lon] = cellToLatLng(n);
        const exact = Math.min(...inside.map((q) => haversineKm({ lat, lon }, q)));
        assert.ok(exact > maxKm - 1, `cell ${n} at ${exact.toFixed(2)} km is missing`);
      }
    }
  });
}

test('the two walks agree', async () => {
  const geo = await loadMoroccoBoundaries();
  const zone: Zone = { circles: [{ center: CITIES[2] ?? { lat: 31.63, lon: -7.98 }, radiusKm: 60 }], provinces: [], regions: [], polygons: [] };
  const inside = new Set(cellsAtResolution(compactZoneCells(zoneCells(zone, geo)), CENTRE_CELL_RESOLUTION));
  const a = latticeDistances(inside, 30) ?? assert.fail('lattice');
  const b = walkDistances(inside, 30);
  const keys = new Set([...a.keys(), ...b.keys()]);
  let differ = 0;
  for (const k of keys) if (Math.abs((a.get(k) ?? 99) - (b.get(k) ?? 99)) > 0.05) differ += 1;
  assert.ok(differ <= keys.size * 0.001 + 2, `${differ} of ${keys.size} cells differ`);
});

test('zone cells finer than the centres are refused; an empty zone has no bands', () => {
  assert.throws(() => zoneBands([latLngToCell(33.57, -7.59, 9)]), RangeError);
  assert.deepEqual(zoneBands([]), { cells: [], bands: [] });
});
