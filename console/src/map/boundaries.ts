/**
 * The offline base layer: Morocco's 12 regions and 75 prefectures/provinces as GeoJSON, served by the
 * console's own server (/console/boundaries.geojson, from the morocco-map data, ODbL). Fetched once
 * per page and shared by every map.
 *
 * @example
 *   const fc = await loadBoundaries();
 *   fc.features.filter((f) => f.properties.level === 'province');
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';

export interface AreaProperties {
  readonly code: string;
  readonly level: 'region' | 'province';
  readonly regionCode: string;
  readonly ar: string;
  readonly fr: string;
  readonly zgh: string | null;
}

export type Boundaries = FeatureCollection<MultiPolygon, AreaProperties>;

let loading: Promise<Boundaries> | null = null;

export function loadBoundaries(): Promise<Boundaries> {
  loading ??= fetch('/console/boundaries.geojson', { credentials: 'same-origin' })
    .then((res) => {
      if (!res.ok) throw new Error(`boundaries: HTTP ${res.status}`);
      return res.json() as Promise<Boundaries>;
    })
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

/** The area names, by code, in the reader's language. */
export async function areaNames(lang: 'ar' | 'fr'): Promise<Map<string, string>> {
  const fc = await loadBoundaries();
  return new Map(fc.features.map((f) => [f.properties.code, f.properties[lang]]));
}
