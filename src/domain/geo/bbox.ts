/**
 * Axis-aligned bounding boxes in degrees: the cheap first test before a point-in-polygon or
 * distance computation. Boxes never cross the antimeridian here (Morocco lies between 21°N–36°N and
 * 17°W–1°W), so min ≤ max always holds.
 *
 * @example
 *   const box = expandBBoxKm(bboxOfPositions(ring), 2);
 *   if (bboxContains(box, point)) { ... }
 */
import type { LatLon, Position } from './coordinates.ts';
import { KM_PER_DEGREE_LAT } from './distance.ts';

export interface BBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

export const EMPTY_BBOX: BBox = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };

export function bboxOfPositions(positions: readonly Position[]): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of positions) {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return { minLon, minLat, maxLon, maxLat };
}

export function unionBBox(boxes: readonly BBox[]): BBox {
  return boxes.reduce(
    (u, b) => ({ minLon: Math.min(u.minLon, b.minLon), minLat: Math.min(u.minLat, b.minLat), maxLon: Math.max(u.maxLon, b.maxLon), maxLat: Math.max(u.maxLat, b.maxLat) }),
    EMPTY_BBOX,
  );
}

export function bboxContains(box: BBox, p: LatLon): boolean {
  return p.lon >= box.minLon && p.lon <= box.maxLon && p.lat >= box.minLat && p.lat <= box.maxLat;
}

/** The box grown by at least `km` on every side (longitude degrees measured at the box's most poleward edge). */
export function expandBBoxKm(box: BBox, km: number): BBox {
  const dLat = km / KM_PER_DEGREE_LAT;
  const poleward = Math.min(89, Math.max(Math.abs(box.minLat), Math.abs(box.maxLat)) + dLat);
  const dLon = km / (KM_PER_DEGREE_LAT * Math.cos((poleward * Math.PI) / 180));
  return { minLon: box.minLon - dLon, minLat: box.minLat - dLat, maxLon: box.maxLon + dLon, maxLat: box.maxLat + dLat };
}
