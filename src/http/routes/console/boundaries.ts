/**
 * The console's offline base map: the 12 regions and 75 prefectures/provinces (morocco-map, ODbL) as
 * one GeoJSON FeatureCollection, simplified for display (Douglas–Peucker at about 500 m, coordinates
 * to 4 decimals) so the whole country draws from a few hundred kilobytes. Built once per process from
 * the geography the server already holds; public reference data, nothing about any case.
 *
 * @example
 *   const { body, etag } = consoleBoundaries(ctx.geo);
 *   // body: {"type":"FeatureCollection","features":[{"type":"Feature","id":"MA-06","properties":{"level":"region",…}}]}
 */
import { createHash } from 'node:crypto';
import type { MoroccoGeography } from '../../../domain/geo/morocco-geography.ts';
import type { Position } from '../../../domain/geo/coordinates.ts';
import type { Ring } from '../../../domain/geo/point-in-polygon.ts';

/** Degrees: about 500 m, below what a province-level base layer shows. */
const TOLERANCE = 0.005;
const round = (v: number) => Math.round(v * 10_000) / 10_000;

function perpendicular(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/** Douglas–Peucker on an open line, iteratively (rings have thousands of points). */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let index = -1;
    for (let i = from + 1; i < to; i += 1) {
      const d = perpendicular(points[i] as Position, points[from] as Position, points[to] as Position);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index > 0 && worst > tolerance) {
      keep[index] = 1;
      stack.push([from, index], [index, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** A closed ring simplified and rounded; null when it collapses below a triangle. */
function simplifyRing(ring: Ring): number[][] | null {
  const out = simplifyLine(ring, TOLERANCE).map((p) => [round(p[0]), round(p[1])]);
  return out.length >= 4 ? out : null;
}

interface Built {
  readonly body: string;
  readonly etag: string;
}

const cache = new WeakMap<MoroccoGeography, Built>();

export function consoleBoundaries(geo: MoroccoGeography): Built {
  const hit = cache.get(geo);
  if (hit) return hit;
  const areas = [
    ...geo.regions.map((r) => ({ code: r.code, level: 'region' as const, regionCode: r.code, names: r.names })),
    ...geo.provinces.map((p) => ({ code: p.code, level: 'province' as const, regionCode: p.regionCode, names: p.names })),
  ];
  const features = areas.map((a) => {
    const polygons = (geo.polygons(a.code) ?? [])
      .map((polygon) => {
        const [outer, ...holes] = polygon.map(simplifyRing);
        return outer ? [outer, ...holes.filter((h): h is number[][] => h !== null)] : null;
      })
      .filter((p): p is number[][][] => p !== null);
    return {
      type: 'Feature',
      id: a.code,
      properties: { code: a.code, level: a.level, regionCode: a.regionCode, ar: a.names.ar, fr: a.names.fr, zgh: a.names.zgh },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    };
  });
  const body = JSON.stringify({
    type: 'FeatureCollection',
    attribution: 'Boundaries: morocco-map by Saad Yousfi, ODbL-1.0',
    features,
  });
  const built = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  cache.set(geo, built);
  return built;
}
