/**
 * Checks on a polygon drawn by an officer, before it becomes part of an alert zone: a GeoJSON
 * Polygon whose rings are closed, have at least 4 positions, hold valid longitude/latitude pairs,
 * repeat no position twice in a row, do not cross or touch themselves or each other, and whose
 * holes lie inside the outer ring; at most MAX_POLYGON_POSITIONS positions in all (which keeps the
 * O(n²) crossing check instant). Errors are JSON pointers under the given prefix, never values.
 *
 * @example
 *   polygonShapeErrors(bowTie, '/zone/polygons/0'); // [{ field: '/zone/polygons/0', message: 'must not cross or touch itself' }]
 */
import type { Polygon } from 'geojson';
import type { FieldError } from '../errors.ts';
import type { Position } from '../geo/coordinates.ts';
import { pointInRing } from '../geo/point-in-polygon.ts';
import { firstSelfIntersection } from './segment-intersection.ts';

export const MAX_POLYGON_POSITIONS = 500;

/** A position as [lon, lat] when it is one (extra members such as altitude are ignored), else undefined. */
export function positionOf(value: readonly number[]): Position | undefined {
  const [lon, lat] = value;
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return undefined;
  return [lon, lat];
}

/** The rings as [lon, lat] positions; only for a polygon that passed polygonShapeErrors. */
export function ringsOf(polygon: Polygon): Position[][] {
  return polygon.coordinates.map((ring) => ring.map((p) => positionOf(p) ?? [NaN, NaN]));
}

function ringErrors(ring: readonly (readonly number[])[], pointer: string): FieldError[] {
  if (ring.length < 4) return [{ field: pointer, message: 'must have at least 4 positions' }];
  const errors: FieldError[] = [];
  let previous: Position | undefined;
  ring.forEach((value, i) => {
    const p = positionOf(value);
    if (!p) errors.push({ field: `${pointer}/${i}`, message: 'must be [longitude, latitude] within -180..180 and -90..90' });
    else if (previous && previous[0] === p[0] && previous[1] === p[1]) errors.push({ field: `${pointer}/${i}`, message: 'must differ from the previous position' });
    previous = p;
  });
  if (errors.length) return errors;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) errors.push({ field: pointer, message: 'must end with the position it starts with' });
  return errors;
}

export function polygonShapeErrors(polygon: Polygon, pointer: string): FieldError[] {
  if (polygon.type !== 'Polygon') return [{ field: `${pointer}/type`, message: 'must be "Polygon"' }];
  const rings = polygon.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) return [{ field: `${pointer}/coordinates`, message: 'must hold at least the outer ring' }];
  const positions = rings.reduce((n, ring) => n + (Array.isArray(ring) ? ring.length : 0), 0);
  if (positions > MAX_POLYGON_POSITIONS) return [{ field: `${pointer}/coordinates`, message: `must have at most ${MAX_POLYGON_POSITIONS} positions in all` }];
  const errors = rings.flatMap((ring, k) => (Array.isArray(ring) ? ringErrors(ring, `${pointer}/coordinates/${k}`) : [{ field: `${pointer}/coordinates/${k}`, message: 'must be a list of positions' }]));
  if (errors.length) return errors;

  const [outer = [], ...holes] = ringsOf(polygon);
  if (firstSelfIntersection([outer, ...holes])) return [{ field: pointer, message: 'must not cross or touch itself' }];
  // With no crossings, a hole is inside the outer ring exactly when one of its vertices is.
  return holes.flatMap((hole, k) => {
    const [lon = NaN, lat = NaN] = hole[0] ?? [];
    return pointInRing({ lon, lat }, outer) ? [] : [{ field: `${pointer}/coordinates/${k + 1}`, message: 'must lie inside the outer ring' }];
  });
}
