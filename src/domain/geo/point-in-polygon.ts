/**
 * Point-in-polygon for GeoJSON Polygon and MultiPolygon coordinates, holes included, and the
 * distance from a point to a polygon's boundary.
 *
 * Written here because no installed package does it: topojson-client only converts topology to
 * GeoJSON, h3-js answers "which cells cover this polygon" (approximate at the edges), and adding
 * @turf/boolean-point-in-polygon would mean a new dependency for twenty lines of well-known code.
 * The test is planar ray casting (even-odd rule) on longitude/latitude, which is exact for polygons
 * whose edges are short, as administrative boundaries are.
 *
 * @example
 *   pointInMultiPolygon({ lat: 33.57, lon: -7.59 }, casablanca.polygons); // true
 */
import type { LatLon, Position } from './coordinates.ts';
import { distanceToSegmentKm, KM_PER_DEGREE_LAT } from './distance.ts';

/** A closed ring of positions (GeoJSON repeats the first position at the end; an open ring works too). */
export type Ring = readonly Position[];
/** An outer ring followed by its holes. */
export type PolygonRings = readonly Ring[];
export type MultiPolygonRings = readonly PolygonRings[];

/** Even-odd ray casting: a horizontal ray from the point crosses the ring an odd number of times when inside. */
export function pointInRing(p: LatLon, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    // Half-open on latitude, so a ray through a vertex counts the crossing once.
    if (a[1] > p.lat !== b[1] > p.lat && p.lon < ((b[0] - a[0]) * (p.lat - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
export function pointInPolygon(p: LatLon, polygon: PolygonRings): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(p, outer)) return false;
  return !holes.some((hole) => pointInRing(p, hole));
}

export function pointInMultiPolygon(p: LatLon, polygons: MultiPolygonRings): boolean {
  return polygons.some((polygon) => pointInPolygon(p, polygon));
}

/**
 * Distance in km from `p` to the nearest edge of any ring (outer or hole), or Infinity when every
 * edge is farther than `withinKm` (segments clearly out of reach are skipped without trigonometry).
 */
export function distanceToBoundaryKm(p: LatLon, polygons: MultiPolygonRings, withinKm = Infinity): number {
  const dLat = withinKm / KM_PER_DEGREE_LAT;
  const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(p.lat) + dLat) * Math.PI) / 180));
  let best = Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1];
        const b = ring[i];
        if (!a || !b) continue;
        if ((a[1] < p.lat - dLat && b[1] < p.lat - dLat) || (a[1] > p.lat + dLat && b[1] > p.lat + dLat)) continue;
        if ((a[0] < p.lon - dLon && b[0] < p.lon - dLon) || (a[0] > p.lon + dLon && b[0] > p.lon + dLon)) continue;
        const d = distanceToSegmentKm(p, a, b);
        if (d < best) best = d;
      }
    }
  }
  return best <= withinKm ? best : Infinity;
}
