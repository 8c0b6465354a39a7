import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Polygon } from 'geojson';
import { AppError } from '../errors.ts';
import { assertValidZone, validateZone, type Zone, type ZoneGeography } from './zone.ts';
import { loadZoneGeography } from './zone-geography.test-support.ts';

let geo: ZoneGeography;
before(async () => {
  geo = await loadZoneGeography();
});

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
const MADRID = { lat: 40.4168, lon: -3.7038 };
const EMPTY: Zone = { circles: [], provinces: [], regions: [], polygons: [] };
const polygon = (ring: number[][], ...holes: number[][][]): Polygon => ({ type: 'Polygon', coordinates: [ring, ...holes] });
/** A square of `half` degrees around a point, closed, counter-clockwise. */
const squareAround = (lat: number, lon: number, half: number): number[][] => [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]];
const fields = (zone: Zone) => validateZone(zone, geo).map((e) => e.field);

test('a zone of a circle around Casablanca, a province, a region and a polygon is valid', () => {
  const zone: Zone = { circles: [{ center: CASABLANCA, radiusKm: 160 }], provinces: ['MA-CAS', 'MA-RAB'], regions: ['MA-06'], polygons: [polygon(squareAround(33.9, -6.9, 0.05))] };
  assert.deepEqual(validateZone(zone, geo), []);
  assert.doesNotThrow(() => assertValidZone(zone, geo));
});

test('an empty zone is refused', () => {
  assert.deepEqual(validateZone(EMPTY, geo), [{ field: '/zone', message: 'must hold at least one circle, province, region or polygon' }]);
  assert.throws(() => assertValidZone(EMPTY, geo), (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.errors[0]?.field === '/zone');
});

test('a circle centred in Madrid is refused; a beach within the coastline tolerance is accepted', () => {
  assert.deepEqual(validateZone({ ...EMPTY, circles: [{ center: MADRID, radiusKm: 50 }] }, geo), [{ field: '/zone/circles/0/center', message: 'must be in Morocco' }]);
  assert.deepEqual(fields({ ...EMPTY, circles: [{ center: { lat: 33.607, lon: -7.615 }, radiusKm: 10 }] }), [], 'Casablanca port, just off the simplified coast');
});

test('circle radius and coordinates are checked, pointing at the field', () => {
  assert.deepEqual(fields({ ...EMPTY, circles: [{ center: CASABLANCA, radiusKm: 0 }] }), ['/zone/circles/0/radiusKm']);
  assert.deepEqual(fields({ ...EMPTY, circles: [{ center: CASABLANCA, radiusKm: 161 }] }), ['/zone/circles/0/radiusKm']);
  assert.deepEqual(validateZone({ ...EMPTY, circles: [{ center: CASABLANCA, radiusKm: 250 }] }, geo, { maxCircleRadiusKm: 300 }), []);
  assert.deepEqual(fields({ ...EMPTY, circles: [{ center: CASABLANCA, radiusKm: 5 }, { center: { lat: 95, lon: -7 }, radiusKm: 5 }] }), ['/zone/circles/1/center/lat']);
});

test('unknown province and region codes are refused with their index', () => {
  assert.deepEqual(fields({ ...EMPTY, provinces: ['MA-CAS', 'MA-XXX', 'MA-06'] }), ['/zone/provinces/1', '/zone/provinces/2']);
  assert.deepEqual(fields({ ...EMPTY, regions: ['MA-12', 'MA-13', 'MA-CAS'] }), ['/zone/regions/1', '/zone/regions/2']);
});

test('a self-intersecting bow-tie polygon is refused with a pointer to the polygon', () => {
  const bowTie = polygon([[-7.7, 33.5], [-7.5, 33.7], [-7.5, 33.5], [-7.7, 33.7], [-7.7, 33.5]]);
  const zone: Zone = { ...EMPTY, polygons: [bowTie] };
  assert.deepEqual(validateZone(zone, geo), [{ field: '/zone/polygons/0', message: 'must not cross or touch itself' }]);
  assert.deepEqual(validateZone(zone, geo, { pointer: '/body/zone' })[0]?.field, '/body/zone/polygons/0');
});

test('malformed polygons: not closed, too few positions, bad coordinates, repeated positions, too many positions, hole outside', () => {
  const open = polygon([[-7.7, 33.5], [-7.5, 33.5], [-7.5, 33.7], [-7.7, 33.7]]);
  const tooFew = polygon([[-7.7, 33.5], [-7.5, 33.5], [-7.7, 33.5]]);
  const badLat = polygon([[-7.7, 33.5], [-7.5, 33.5], [-7.5, 95], [-7.7, 33.5]]);
  const repeated = polygon([[-7.7, 33.5], [-7.5, 33.5], [-7.5, 33.5], [-7.5, 33.7], [-7.7, 33.5]]);
  const huge = polygon(Array.from({ length: 501 }, (_, i) => [-7.6 + 0.1 * Math.cos((2 * Math.PI * i) / 500), 33.6 + 0.1 * Math.sin((2 * Math.PI * i) / 500)]));
  const holeOutside = polygon(squareAround(33.6, -7.6, 0.1), squareAround(33.6, -7.2, 0.05));
  const zone: Zone = { ...EMPTY, polygons: [open, tooFew, badLat, repeated, huge, holeOutside] };
  assert.deepEqual(validateZone(zone, geo), [
    { field: '/zone/polygons/0/coordinates/0', message: 'must end with the position it starts with' },
    { field: '/zone/polygons/1/coordinates/0', message: 'must have at least 4 positions' },
    { field: '/zone/polygons/2/coordinates/0/2', message: 'must be [longitude, latitude] within -180..180 and -90..90' },
    { field: '/zone/polygons/3/coordinates/0/2', message: 'must differ from the previous position' },
    { field: '/zone/polygons/4/coordinates', message: 'must have at most 500 positions in all' },
    { field: '/zone/polygons/5/coordinates/1', message: 'must lie inside the outer ring' },
  ]);
});

test('a polygon entirely outside Morocco is refused; one that only partly covers it, or contains it, is accepted', () => {
  assert.deepEqual(validateZone({ ...EMPTY, polygons: [polygon(squareAround(MADRID.lat, MADRID.lon, 0.5))] }, geo), [{ field: '/zone/polygons/0', message: 'must cover part of Morocco' }]);
  assert.deepEqual(fields({ ...EMPTY, polygons: [polygon(squareAround(33.5, -9.5, 0.3))] }), ['/zone/polygons/0'], 'open Atlantic west of El Jadida');
  // A thin strip across the Tangier peninsula from the Atlantic to the Mediterranean: no vertex on land.
  const strip = [[-6.3, 35.6], [-5.1, 35.6], [-5.1, 35.61], [-6.3, 35.61], [-6.3, 35.6]];
  assert.ok(strip.every(([lon = 0, lat = 0]) => geo.locate({ lat, lon }) === undefined));
  assert.deepEqual(fields({ ...EMPTY, polygons: [polygon(strip)] }), []);
  // A box around the whole country: no vertex in Morocco, every province inside.
  assert.deepEqual(fields({ ...EMPTY, polygons: [polygon([[-20, 20], [0, 20], [0, 37], [-20, 37], [-20, 20]])] }), []);
});

test('caps on the number of parts', () => {
  assert.deepEqual(fields({ ...EMPTY, circles: Array.from({ length: 21 }, () => ({ center: CASABLANCA, radiusKm: 5 })) }), ['/zone/circles']);
});
