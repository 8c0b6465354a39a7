/**
 * Which region a province belongs to, derived from the geometry: the `morocco-map` provinces carry
 * no parent. Points spread over the province's interior vote for the region that contains them; the
 * majority wins and the share of agreeing points is reported, so a data problem (a province
 * straddling two regions) shows up in tests instead of silently picking one.
 *
 * @example
 *   deriveParentRegion(casablanca, regionIndex); // { regionCode: 'MA-06', share: 1, samples: 120 }
 */
import { type AreaIndex, areaContaining, type Area } from './area-index.ts';
import { bboxOfPositions } from './bbox.ts';
import type { LatLon } from './coordinates.ts';
import { pointInMultiPolygon, type PolygonRings } from './point-in-polygon.ts';

export interface ParentVote {
  readonly regionCode: string;
  /** Share of the sampled interior points that lie in that region (1 = all of them). */
  readonly share: number;
  readonly samples: number;
}

/** Samples per side of the grid laid over each polygon's box. */
const GRID = 8;

/**
 * A point inside the polygon: on the horizontal line through the middle of its box, the midpoint
 * of the widest stretch that lies inside (holes count as outside). Undefined for a degenerate ring.
 */
export function interiorPoint(polygon: PolygonRings): LatLon | undefined {
  const box = bboxOfPositions(polygon[0] ?? []);
  const lat = (box.minLat + box.maxLat) / 2;
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a && b && a[1] > lat !== b[1] > lat) crossings.push(((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0]);
    }
  }
  crossings.sort((x, y) => x - y);
  let best: LatLon | undefined;
  let widest = 0;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const from = crossings[i] ?? 0;
    const to = crossings[i + 1] ?? 0;
    if (to - from > widest) {
      widest = to - from;
      best = { lat, lon: (from + to) / 2 };
    }
  }
  return best;
}

function samplePoints(area: Area): LatLon[] {
  const points: LatLon[] = [];
  for (const polygon of area.polygons) {
    const interior = interiorPoint(polygon);
    if (interior) points.push(interior);
    const box = bboxOfPositions(polygon[0] ?? []);
    const stepLon = (box.maxLon - box.minLon) / GRID;
    const stepLat = (box.maxLat - box.minLat) / GRID;
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) {
        const p = { lon: box.minLon + (i + 0.5) * stepLon, lat: box.minLat + (j + 0.5) * stepLat };
        if (pointInMultiPolygon(p, [polygon])) points.push(p);
      }
    }
  }
  return points;
}

/** The region holding most of the province's interior, or undefined when no sample falls in any region. */
export function deriveParentRegion(province: Area, regions: AreaIndex): ParentVote | undefined {
  const votes = new Map<string, number>();
  const samples = samplePoints(province);
  for (const p of samples) {
    const code = areaContaining(regions, p);
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  let winner: ParentVote | undefined;
  for (const [regionCode, count] of [...votes].sort(([a], [b]) => a.localeCompare(b))) {
    if (!winner || count / samples.length > winner.share) winner = { regionCode, share: count / samples.length, samples: samples.length };
  }
  return winner;
}
