import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position } from 'geojson';
import { haversineKm } from '../geo/distance.ts';
import { pointInPolygon } from '../geo/point-in-polygon.ts';
import type { Zone, ZoneGeography } from './zone.ts';
import { AREA_DESC_MAX_LENGTH, zoneAreaDesc } from './zone-area-desc.ts';
import { zoneGeoJson } from './zone-geojson.ts';
import { loadZoneGeography } from './zone-geography.test-support.ts';

let geo: ZoneGeography;
before(async () => {
  geo = await loadZoneGeography();
});

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
const EMPTY: Zone = { circles: [], provinces: [], regions: [], polygons: [] };
const drawn = { type: 'Polygon' as const, coordinates: [[[-8.6, 33.2], [-8.4, 33.2], [-8.4, 33.3], [-8.6, 33.3], [-8.6, 33.2]]] };

/** Twice the signed area of a ring (shoelace): > 0 when counter-clockwise. */
const signedArea = (ring: Position[]) => ring.slice(1).reduce((sum, p, i) => sum + ((ring[i]?.[0] ?? 0) * (p[1] ?? 0) - (p[0] ?? 0) * (ring[i]?.[1] ?? 0)), 0);

test('GeoJSON: one feature per part; a circle is a closed, counter-clockwise 64-gon that contains the circle', () => {
  const zone: Zone = { circles: [{ center: CASABLANCA, radiusKm: 160 }], provinces: ['MA-CAS'], regions: ['MA-06'], polygons: [drawn] };
  const fc = zoneGeoJson(zone, geo);
  assert.equal(fc.type, 'FeatureCollection');
  assert.deepEqual(fc.features.map((f) => f.properties), [{ kind: 'circle', radiusKm: 160 }, { kind: 'region', code: 'MA-06' }, { kind: 'province', code: 'MA-CAS' }, { kind: 'polygon' }]);

  const circle = fc.features[0]?.geometry;
  assert.equal(circle?.type, 'Polygon');
  const ring = circle?.type === 'Polygon' ? (circle.coordinates[0] ?? []) : [];
  assert.equal(ring.length, 65);
  assert.deepEqual(ring[0], ring[64]);
  assert.ok(signedArea(ring) > 0, 'counter-clockwise (RFC 7946 right-hand rule)');
  for (const [lon = 0, lat = 0] of ring) {
    const d = haversineKm(CASABLANCA, { lat, lon });
    assert.ok(d >= 160 && d < 160.5, `vertex at ${d.toFixed(2)} km`);
  }

  const province = fc.features[2]?.geometry;
  assert.equal(province?.type, 'MultiPolygon');
  const rings = province?.type === 'MultiPolygon' ? province.coordinates : [];
  assert.ok(rings.some((polygon) => pointInPolygon(CASABLANCA, polygon.map((r) => r.map((p): [number, number] => [p[0] ?? 0, p[1] ?? 0])))), 'the province outline holds Casablanca');
  assert.deepEqual(fc.features[3]?.geometry, drawn);
  assert.doesNotThrow(() => JSON.stringify(fc));
});

test('CAP areaDesc: a circle is named by the province of its centre, in each language', () => {
  const zone = { ...EMPTY, circles: [{ center: CASABLANCA, radiusKm: 160 }] };
  assert.equal(zoneAreaDesc(zone, 'fr', geo), '160 km autour de Casablanca');
  assert.equal(zoneAreaDesc(zone, 'ar', geo), '160 كم حول الدار البيضاء');
  assert.equal(zoneAreaDesc(zone, 'zgh', geo), 'Casablanca 160 km', 'no Tifinagh name for this prefecture: the French one');
  assert.equal(zoneAreaDesc({ ...EMPTY, circles: [{ center: { lat: 33.2316, lon: -8.5007 }, radiusKm: 2.4 }] }, 'fr', geo), "2,4 km autour d'El Jadida");
});

test('CAP areaDesc: areas and drawn polygons, joined; cut to under 50 characters with the count of the rest', () => {
  assert.equal(zoneAreaDesc({ ...EMPTY, provinces: ['MA-CAS', 'MA-MOH'] }, 'fr', geo), 'Casablanca, Mohammédia');
  assert.equal(zoneAreaDesc({ ...EMPTY, regions: ['MA-06'] }, 'ar', geo), 'الدار البيضاء-سطات');
  assert.equal(zoneAreaDesc({ ...EMPTY, polygons: [drawn] }, 'fr', geo), 'zone tracée');
  const big: Zone = { circles: [{ center: CASABLANCA, radiusKm: 160 }], provinces: ['MA-KES', 'MA-CHT', 'MA-INE'], regions: ['MA-01'], polygons: [drawn] };
  const fr = zoneAreaDesc(big, 'fr', geo);
  assert.equal(fr, '160 km autour de Casablanca + 5 autres');
  for (const lang of ['ar', 'fr', 'zgh'] as const) {
    const text = zoneAreaDesc(big, lang, geo);
    assert.ok([...text].length <= AREA_DESC_MAX_LENGTH, `${lang}: ${text}`);
    assert.ok([...zoneAreaDesc({ ...EMPTY, regions: ['MA-11'], provinces: ['MA-AGD'] }, lang, geo)].length <= AREA_DESC_MAX_LENGTH);
  }
});
