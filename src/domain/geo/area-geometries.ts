/**
 * Read-only access to the boundary polygons of the 12 regions and 75 prefectures/provinces, by ISO
 * 3166-2 code. MoroccoGeography answers "where is this point" but keeps no geometry; the alert zone
 * (src/domain/zone) needs the shapes themselves, to draw an administrative area and to cover it with
 * H3 cells. Built from the same `SourceArea` lists that buildMoroccoGeography takes.
 *
 * @example
 *   const geometries = buildAreaGeometries({ regions, provinces });
 *   geometries.polygons('MA-CAS'); // [[[[-7.64, 33.61], ...]]] (outer ring then holes, per polygon)
 *   geometries.polygons('MA-ZZZ'); // undefined
 */
import type { SourceArea } from './morocco-geography.ts';
import type { MultiPolygonRings } from './point-in-polygon.ts';

export interface AreaGeometries {
  /** The polygons of a region or province, undefined for an unknown code. */
  polygons(code: string): MultiPolygonRings | undefined;
}

export function buildAreaGeometries(source: { readonly regions: readonly SourceArea[]; readonly provinces: readonly SourceArea[] }): AreaGeometries {
  const byCode = new Map<string, MultiPolygonRings>();
  for (const area of [...source.regions, ...source.provinces]) byCode.set(area.code, area.polygons);
  return { polygons: (code) => byCode.get(code) };
}
