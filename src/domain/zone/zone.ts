/**
 * The alert zone: a union of circles (around the last-seen point, growing on the schedule of
 * zone-radius.ts), prefectures/provinces and regions of Morocco (ISO 3166-2 codes from
 * `morocco-map`) and polygons drawn by an officer. It is stored as GeoJSON (zone-geojson.ts) and
 * as a set of H3 cells (zone-cells.ts), and described in under 50 characters for CAP
 * (zone-area-desc.ts).
 *
 * The zone is not clipped to Morocco: a 160 km circle around Tangier reaches into Spain and over
 * the sea, and its cells are kept (nobody is there to alert, or nobody subscribed). Instead,
 * `validateZone` refuses a zone with no part in Morocco:
 * - an empty zone;
 * - a circle whose centre is not in Morocco (MoroccoGeography.locate, which allows 2 km beyond the
 *   simplified coastline and borders), whose radius is not in (0, maxCircleRadiusKm];
 * - an unknown province or region code;
 * - a drawn polygon that is malformed (zone-polygon.ts: not closed, fewer than 4 positions,
 *   crossing itself, over 500 positions) or lies entirely outside Morocco (exact test: one of its
 *   vertices is in Morocco, or a province boundary vertex is inside it, or their edges cross);
 * - more parts than the caps below.
 * Errors are JSON pointers under `/zone` (configurable), with messages that name no value.
 *
 * @example
 *   const zone: Zone = { circles: [{ center: { lat: 33.5731, lon: -7.5898 }, radiusKm: 160 }], provinces: [], regions: ['MA-06'], polygons: [] };
 *   validateZone(zone, geo); // []
 *   validateZone({ ...zone, regions: ['MA-13'] }, geo); // [{ field: '/zone/regions/0', message: 'is not a region code' }]
 */
import type { Polygon } from 'geojson';
import { AppError, type FieldError } from '../errors.ts';
import type { AreaGeometries } from '../geo/area-geometries.ts';
import { bboxOfPositions } from '../geo/bbox.ts';
import { type LatLon, latLonErrors, type Position } from '../geo/coordinates.ts';
import type { MoroccoGeography } from '../geo/morocco-geography.ts';
import { pointInPolygon } from '../geo/point-in-polygon.ts';
import { DEFAULT_OUTER_RADIUS_KM } from './zone-radius.ts';
import { polygonShapeErrors, ringsOf } from './zone-polygon.ts';
import { segmentsMeet } from './segment-intersection.ts';

export interface ZoneCircle {
  readonly center: LatLon;
  readonly radiusKm: number;
}

export interface Zone {
  readonly circles: readonly ZoneCircle[];
  /** Prefecture/province codes, e.g. "MA-CAS". */
  readonly provinces: readonly string[];
  /** Region codes, "MA-01".."MA-12". */
  readonly regions: readonly string[];
  readonly polygons: readonly Polygon[];
}

/** What the zone needs from the geography: the MoroccoGeography lookups plus the area shapes. */
export type ZoneGeography = Pick<MoroccoGeography, 'locate' | 'province' | 'region' | 'provinces'> & AreaGeometries;

export const MAX_ZONE_CIRCLES = 20;
export const MAX_ZONE_POLYGONS = 20;
export const MAX_ZONE_PROVINCES = 75;
export const MAX_ZONE_REGIONS = 12;

export interface ValidateZoneOptions {
  /** Pointer prefix of the zone in the request body; default "/zone". */
  readonly pointer?: string;
  /** Largest circle radius accepted; default the default outer radius (160 km). */
  readonly maxCircleRadiusKm?: number;
}

export function isZoneEmpty(zone: Zone): boolean {
  return zone.circles.length === 0 && zone.provinces.length === 0 && zone.regions.length === 0 && zone.polygons.length === 0;
}

function circleErrors(circle: ZoneCircle, pointer: string, geo: ZoneGeography, maxRadiusKm: number): FieldError[] {
  const errors: FieldError[] = latLonErrors(circle.center).map((e) => ({ field: `${pointer}/center/${e.field}`, message: e.message }));
  if (!errors.length && !geo.locate(circle.center)) errors.push({ field: `${pointer}/center`, message: 'must be in Morocco' });
  if (!Number.isFinite(circle.radiusKm) || circle.radiusKm <= 0 || circle.radiusKm > maxRadiusKm) errors.push({ field: `${pointer}/radiusKm`, message: `must be more than 0 and at most ${maxRadiusKm}` });
  return errors;
}

function crossesAnyEdge(a: Position, b: Position, rings: readonly (readonly Position[])[]): boolean {
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const c = ring[i];
      const d = ring[i + 1];
      if (c && d && segmentsMeet(a, b, c, d)) return true;
    }
  }
  return false;
}

/** True when the polygon and Morocco share at least one point (see the module comment). */
export function polygonMeetsMorocco(rings: readonly (readonly Position[])[], geo: ZoneGeography): boolean {
  const [outer = []] = rings;
  if (outer.some(([lon, lat]) => geo.locate({ lat, lon }) !== undefined)) return true;
  const box = bboxOfPositions(outer);
  const moroccoPolygons = geo.provinces.flatMap((p) => geo.polygons(p.code) ?? []);
  for (const polygon of moroccoPolygons) {
    const [provinceOuter = []] = polygon;
    const provinceBox = bboxOfPositions(provinceOuter);
    if (provinceBox.minLon > box.maxLon || provinceBox.maxLon < box.minLon || provinceBox.minLat > box.maxLat || provinceBox.maxLat < box.minLat) continue;
    const [lon = NaN, lat = NaN] = provinceOuter[0] ?? [];
    if (pointInPolygon({ lon, lat }, rings)) return true;
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i];
        const b = ring[i + 1];
        if (a && b && crossesAnyEdge(a, b, polygon)) return true;
      }
    }
  }
  return false;
}

function capError(list: readonly unknown[], max: number, field: string): FieldError[] {
  return list.length > max ? [{ field, message: `must have at most ${max} items` }] : [];
}

export function validateZone(zone: Zone, geo: ZoneGeography, options: ValidateZoneOptions = {}): FieldError[] {
  const root = options.pointer ?? '/zone';
  const maxRadiusKm = options.maxCircleRadiusKm ?? DEFAULT_OUTER_RADIUS_KM;
  if (isZoneEmpty(zone)) return [{ field: root, message: 'must hold at least one circle, province, region or polygon' }];
  const caps = [
    ...capError(zone.circles, MAX_ZONE_CIRCLES, `${root}/circles`),
    ...capError(zone.polygons, MAX_ZONE_POLYGONS, `${root}/polygons`),
    ...capError(zone.provinces, MAX_ZONE_PROVINCES, `${root}/provinces`),
    ...capError(zone.regions, MAX_ZONE_REGIONS, `${root}/regions`),
  ];
  if (caps.length) return caps;
  return [
    ...zone.circles.flatMap((c, i) => circleErrors(c, `${root}/circles/${i}`, geo, maxRadiusKm)),
    ...zone.provinces.flatMap((code, i) => (geo.province(code) && geo.polygons(code) ? [] : [{ field: `${root}/provinces/${i}`, message: 'is not a prefecture or province code' }])),
    ...zone.regions.flatMap((code, i) => (geo.region(code) && geo.polygons(code) ? [] : [{ field: `${root}/regions/${i}`, message: 'is not a region code' }])),
    ...zone.polygons.flatMap((polygon, i) => {
      const pointer = `${root}/polygons/${i}`;
      const shape = polygonShapeErrors(polygon, pointer);
      if (shape.length) return shape;
      return polygonMeetsMorocco(ringsOf(polygon), geo) ? [] : [{ field: pointer, message: 'must cover part of Morocco' }];
    }),
  ];
}

/** Throws validation_failed with the field errors when the zone is not valid. */
export function assertValidZone(zone: Zone, geo: ZoneGeography, options: ValidateZoneOptions = {}): void {
  const errors = validateZone(zone, geo, options);
  if (errors.length) throw new AppError('validation_failed', 'The alert zone is not valid.', { errors });
}
