/**
 * Distances on the Earth: the haversine great-circle distance between two points, and the distance
 * from a point to a boundary segment (for the "just off the coast" tolerance in locate.ts).
 *
 * @example
 *   haversineKm({ lat: 33.5731, lon: -7.5898 }, { lat: 34.0209, lon: -6.8416 }); // ≈ 85.2 (Casablanca → Rabat)
 */
import type { LatLon, Position } from './coordinates.ts';

/** IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Kilometres per degree of latitude (any latitude; the Earth's flattening is below our precision). */
export const KM_PER_DEGREE_LAT = (Math.PI / 180) * EARTH_RADIUS_KM;

const rad = (deg: number): number => (deg * Math.PI) / 180;

export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distance from `p` to the segment a–b. The closest point is found in a local equirectangular
 * projection centred on `p` (exact enough for segments of a few kilometres, which is what boundary
 * data is made of), and the distance to it is then measured with haversine.
 */
export function distanceToSegmentKm(p: LatLon, a: Position, b: Position): number {
  const k = Math.cos(rad(p.lat));
  const ax = (a[0] - p.lon) * k;
  const ay = a[1] - p.lat;
  const dx = (b[0] - p.lon) * k - ax;
  const dy = b[1] - p.lat - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
  const closest = { lat: p.lat + ay + t * dy, lon: k === 0 ? a[0] : p.lon + (ax + t * dx) / k };
  return haversineKm(p, closest);
}
