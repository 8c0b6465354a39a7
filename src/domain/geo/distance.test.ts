import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceToSegmentKm, haversineKm, KM_PER_DEGREE_LAT } from './distance.ts';

const near = (actual: number, expected: number, tolerance: number) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} not within ${tolerance} of ${expected}`);

test('haversine: known distances', () => {
  near(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }), 111.195, 0.01);
  near(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }), 111.195, 0.01);
  // Casablanca (33.5731, -7.5898) to Rabat (34.0209, -6.8416): 49.8 km north and 69.1 km east on a
  // flat map at 33.8°N, so about 85.2 km as the crow flies.
  near(haversineKm({ lat: 33.5731, lon: -7.5898 }, { lat: 34.0209, lon: -6.8416 }), 85.2, 0.2);
  // Antipodes: half the circumference.
  near(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 }), Math.PI * 6371.0088, 0.01);
  assert.equal(haversineKm({ lat: 31.6, lon: -8 }, { lat: 31.6, lon: -8 }), 0);
});

test('haversine is symmetric', () => {
  const a = { lat: 27.1536, lon: -13.2033 };
  const b = { lat: 35.7595, lon: -5.834 };
  assert.equal(haversineKm(a, b), haversineKm(b, a));
});

test('distance to a segment: perpendicular foot, then the nearer end beyond it', () => {
  // A west–east segment along 33°N from 8°W to 7°W.
  const a = [-8, 33] as const;
  const b = [-7, 33] as const;
  near(distanceToSegmentKm({ lat: 33.01, lon: -7.5 }, a, b), 0.01 * KM_PER_DEGREE_LAT, 0.005);
  near(distanceToSegmentKm({ lat: 33, lon: -6.9 }, a, b), haversineKm({ lat: 33, lon: -6.9 }, { lat: 33, lon: -7 }), 0.001);
  assert.equal(distanceToSegmentKm({ lat: 33, lon: -7.5 }, a, b), 0);
  // A degenerate segment is a point.
  near(distanceToSegmentKm({ lat: 33.01, lon: -8 }, a, a), 0.01 * KM_PER_DEGREE_LAT, 0.005);
});
