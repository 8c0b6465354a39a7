/**
 * A lookup index over administrative areas: every area and every polygon of it carries its bounding
 * box, computed once when the index is built, so a lookup runs the exact point-in-polygon test only
 * on the few polygons whose box holds the point.
 *
 * @example
 *   const index = buildAreaIndex(provinces);          // once, at load
 *   areaContaining(index, { lat: 33.57, lon: -7.59 }); // 'MA-CAS'
 *   nearestArea(index, { lat: 33.607, lon: -7.615 }, 2); // { code: 'MA-CAS', distanceKm: 0.05 }
 */
import { type BBox, bboxContains, bboxOfPositions, expandBBoxKm, unionBBox } from './bbox.ts';
import type { LatLon } from './coordinates.ts';
import { distanceToBoundaryKm, type MultiPolygonRings, pointInPolygon, type PolygonRings } from './point-in-polygon.ts';

export interface Area {
  readonly code: string;
  readonly polygons: MultiPolygonRings;
}

interface IndexedPolygon {
  readonly bbox: BBox;
  readonly rings: PolygonRings;
}

interface IndexedArea {
  readonly code: string;
  readonly bbox: BBox;
  readonly polygons: readonly IndexedPolygon[];
}

export interface AreaIndex {
  /** The box around every area. */
  readonly bbox: BBox;
  readonly areas: readonly IndexedArea[];
}

export function buildAreaIndex(areas: readonly Area[]): AreaIndex {
  const indexed = areas.map((area): IndexedArea => {
    const polygons = area.polygons.map((rings): IndexedPolygon => ({ bbox: bboxOfPositions(rings[0] ?? []), rings }));
    return { code: area.code, bbox: unionBBox(polygons.map((p) => p.bbox)), polygons };
  });
  return { bbox: unionBBox(indexed.map((a) => a.bbox)), areas: indexed };
}

/** The code of the area whose interior holds the point (the first in index order if data overlapped). */
export function areaContaining(index: AreaIndex, p: LatLon): string | undefined {
  if (!bboxContains(index.bbox, p)) return undefined;
  for (const area of index.areas) {
    if (!bboxContains(area.bbox, p)) continue;
    for (const polygon of area.polygons) if (bboxContains(polygon.bbox, p) && pointInPolygon(p, polygon.rings)) return area.code;
  }
  return undefined;
}

/** The area whose boundary is nearest to the point, if within `maxKm`. Ties go to the first in index order. */
export function nearestArea(index: AreaIndex, p: LatLon, maxKm: number): { readonly code: string; readonly distanceKm: number } | undefined {
  if (!bboxContains(expandBBoxKm(index.bbox, maxKm), p)) return undefined;
  let best: { code: string; distanceKm: number } | undefined;
  for (const area of index.areas) {
    if (!bboxContains(expandBBoxKm(area.bbox, maxKm), p)) continue;
    const reachable = area.polygons.filter((polygon) => bboxContains(expandBBoxKm(polygon.bbox, maxKm), p)).map((polygon) => polygon.rings);
    const d = distanceToBoundaryKm(p, reachable, Math.min(maxKm, best?.distanceKm ?? maxKm));
    if (d <= maxKm && (!best || d < best.distanceKm)) best = { code: area.code, distanceKm: d };
  }
  return best;
}
