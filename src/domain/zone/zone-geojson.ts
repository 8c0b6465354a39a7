/**
 * The alert zone as a GeoJSON FeatureCollection (RFC 7946), the form in which it is stored and
 * drawn: one feature per part, with `kind` ("circle", "province", "region", "polygon") and, for
 * circles, `radiusKm`, for areas, `code`. Circles become 64-vertex polygons (circle-ring.ts);
 * provinces and regions their `morocco-map` boundaries. The zone must be valid.
 *
 * A circle's centre is the last-seen point, which may be a home: a public surface should show the
 * zone's cells or a coarsened outline, not this GeoJSON.
 *
 * @example
 *   zoneGeoJson({ circles: [{ center, radiusKm: 160 }], provinces: ['MA-CAS'], regions: [], polygons: [] }, geo);
 *   // { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'circle', radiusKm: 160 }, geometry: { type: 'Polygon', ... } }, { ..., properties: { kind: 'province', code: 'MA-CAS' }, geometry: { type: 'MultiPolygon', ... } }] }
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position as GeoJsonPosition } from 'geojson';
import type { Position } from '../geo/coordinates.ts';
import { circleRing } from './circle-ring.ts';
import type { Zone, ZoneGeography } from './zone.ts';

export type ZonePartProperties = { readonly kind: 'circle'; readonly radiusKm: number } | { readonly kind: 'province' | 'region'; readonly code: string } | { readonly kind: 'polygon' };

export type ZoneFeatureCollection = FeatureCollection<Polygon | MultiPolygon, ZonePartProperties>;

const toGeoJson = (ring: readonly Position[]): GeoJsonPosition[] => ring.map(([lon, lat]) => [lon, lat]);

function areaFeature(kind: 'province' | 'region', code: string, geo: ZoneGeography): Feature<MultiPolygon, ZonePartProperties> {
  const polygons = geo.polygons(code);
  if (!polygons) throw new RangeError(`Unknown ${kind} code in a zone that was not validated`);
  return { type: 'Feature', properties: { kind, code }, geometry: { type: 'MultiPolygon', coordinates: polygons.map((rings) => rings.map(toGeoJson)) } };
}

export function zoneGeoJson(zone: Zone, geo: ZoneGeography): ZoneFeatureCollection {
  const features: Feature<Polygon | MultiPolygon, ZonePartProperties>[] = [
    ...zone.circles.map((c): Feature<Polygon, ZonePartProperties> => ({ type: 'Feature', properties: { kind: 'circle', radiusKm: c.radiusKm }, geometry: { type: 'Polygon', coordinates: [toGeoJson(circleRing(c.center, c.radiusKm))] } })),
    ...zone.regions.map((code) => areaFeature('region', code, geo)),
    ...zone.provinces.map((code) => areaFeature('province', code, geo)),
    ...zone.polygons.map((p): Feature<Polygon, ZonePartProperties> => ({ type: 'Feature', properties: { kind: 'polygon' }, geometry: { type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map((pos) => [...pos])) } })),
  ];
  return { type: 'FeatureCollection', features };
}
