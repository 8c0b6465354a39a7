import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineKm } from '../../domain/geo/distance.ts';
import { publicZone } from './public-zone.ts';

test('a public circle never shows the last-seen point but still covers the whole real circle', () => {
  const home = { lat: 34.012345, lon: -6.834567 };
  const zone = publicZone({ circles: [{ center: home, radiusKm: 2 }], provinces: [], regions: [], polygons: [] });
  const c = zone.circles[0];
  assert.ok(c);
  assert.notDeepEqual(c.center, home);
  assert.ok(haversineKm(c.center, home) > 0.05, 'the centre moved away from the point');
  assert.ok(c.radiusKm >= 2 + haversineKm(c.center, home) - 0.01, 'the real circle lies inside the public one');
  const neighbour = publicZone({ circles: [{ center: { lat: 34.0126, lon: -6.8348 }, radiusKm: 2 }], provinces: [], regions: [], polygons: [] });
  assert.deepEqual(neighbour.circles[0]?.center, c.center, 'nearby points map to the same public centre');
});
