/**
 * Morocco's administrative geography, built once from boundary data: the national root, the 12
 * regions and the 75 prefectures/provinces with their names in French, Arabic and Tifinagh, each
 * province's region (derived geometrically, see parent-region.ts), and `locate`, which answers
 * which province and region a point lies in.
 *
 * Boundaries: the `morocco-map` npm package by Saad Yousfi (github.com/yousfiSaad/morocco-map), made
 * available under the Open Database License (ODbL-1.0); the adapter in src/adapters/geo loads it.
 *
 * Behaviour of `locate(point)`:
 * - invalid coordinates (latitude outside [-90, 90], longitude outside [-180, 180], NaN) throw
 *   validation_failed naming the field;
 * - a point inside a province gives that province and its region, with `distanceKm` 0;
 * - a point outside every province but within `toleranceKm` (default 2 km) of a province boundary
 *   gives the nearest province, with `distanceKm` > 0. This keeps beaches, harbours and lagoons that
 *   the simplified coastline cuts off (the Casablanca port, Agadir's beach, the Oualidia lagoon);
 *   it also means a point up to 2 km beyond a land boundary of the data (Algeria, Mauritania, and
 *   Ceuta (Sebta) and Melilla (Mlilia), which the data leave out) is attributed to the adjacent
 *   province: callers show the result, with its distance, for the officer to confirm;
 * - anything farther is outside Morocco: undefined.
 * The region always comes from the province (never from a separate region lookup), so the two
 * never disagree along a simplified boundary.
 *
 * @example
 *   const geo = buildMoroccoGeography({ regions, provinces });
 *   geo.locate({ lat: 33.5731, lon: -7.5898 }); // { provinceCode: 'MA-CAS', regionCode: 'MA-06', distanceKm: 0 }
 *   geo.locate({ lat: 40.4168, lon: -3.7038 }); // undefined (Madrid)
 */
import { type AreaIndex, areaContaining, buildAreaIndex, nearestArea } from './area-index.ts';
import { assertLatLon, type LatLon } from './coordinates.ts';
import { NATIONAL_CODE, PROVINCE_CODE, REGION_CODE } from './jurisdiction-codes.ts';
import { deriveParentRegion } from './parent-region.ts';
import { type PlaceNames, placeNames } from './place-names.ts';
import type { MultiPolygonRings } from './point-in-polygon.ts';
import { type AreaGeometries, buildAreaGeometries } from './area-geometries.ts';

/** How far outside every province boundary a point is still attributed to the nearest province. */
export const BOUNDARY_TOLERANCE_KM = 2;

/** One area as the boundary data gives it. */
export interface SourceArea {
  readonly code: string;
  /** The combined multi-script `name` property. */
  readonly name: string;
  /** Regions also carry `name:ar`, used when `name` has no Arabic part. */
  readonly nameAr?: string | undefined;
  readonly polygons: MultiPolygonRings;
}

export interface Region {
  readonly code: string;
  readonly names: PlaceNames;
}

export interface Province {
  readonly code: string;
  readonly regionCode: string;
  readonly names: PlaceNames;
  /** Share of the province's sampled interior lying in `regionCode` (1 when the data agree exactly). */
  readonly regionAgreement: number;
}

export interface Located {
  readonly regionCode: string;
  readonly provinceCode: string;
  /** 0 inside the province; otherwise the distance to its boundary, within the tolerance. */
  readonly distanceKm: number;
}

export interface LocateOptions {
  readonly toleranceKm?: number;
}

export interface MoroccoGeography extends AreaGeometries {
  readonly national: { readonly code: typeof NATIONAL_CODE; readonly names: PlaceNames };
  /** Sorted by code. */
  readonly regions: readonly Region[];
  /** Sorted by code. */
  readonly provinces: readonly Province[];
  region(code: string): Region | undefined;
  province(code: string): Province | undefined;
  /** See the module comment for the exact behaviour. */
  locate(point: LatLon, options?: LocateOptions): Located | undefined;
}

export const NATIONAL_NAMES: PlaceNames = { ar: 'المملكة المغربية', fr: 'Royaume du Maroc', zgh: 'ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ' };

function checkCodes(areas: readonly SourceArea[], pattern: RegExp, what: string): void {
  const seen = new Set<string>();
  for (const a of areas) {
    if (!pattern.test(a.code)) throw new Error(`Boundary data: "${a.code}" is not a ${what} code`);
    if (seen.has(a.code)) throw new Error(`Boundary data: ${what} ${a.code} appears twice`);
    seen.add(a.code);
  }
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function buildMoroccoGeography(source: { readonly regions: readonly SourceArea[]; readonly provinces: readonly SourceArea[] }): MoroccoGeography {
  checkCodes(source.regions, REGION_CODE, 'region');
  checkCodes(source.provinces, PROVINCE_CODE, 'province');
  const regionIndex = buildAreaIndex(source.regions);
  const provinceIndex: AreaIndex = buildAreaIndex(source.provinces);

  const regions: Region[] = source.regions.map((r) => ({ code: r.code, names: placeNames(r.code, r.name, r.nameAr ? { arabic: r.nameAr } : {}) })).sort(byCode);
  const provinces: Province[] = source.provinces
    .map((p) => {
      const vote = deriveParentRegion(p, regionIndex);
      if (!vote) throw new Error(`Boundary data: province ${p.code} lies in no region`);
      return { code: p.code, regionCode: vote.regionCode, names: placeNames(p.code, p.name), regionAgreement: vote.share };
    })
    .sort(byCode);
  for (const r of regions) if (!provinces.some((p) => p.regionCode === r.code)) throw new Error(`Boundary data: region ${r.code} has no province`);

  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

  function locate(point: LatLon, options: LocateOptions = {}): Located | undefined {
    assertLatLon(point);
    const inside = areaContaining(provinceIndex, point);
    const hit = inside !== undefined ? { code: inside, distanceKm: 0 } : nearestArea(provinceIndex, point, options.toleranceKm ?? BOUNDARY_TOLERANCE_KM);
    const province = hit && provinceByCode.get(hit.code);
    if (!hit || !province) return undefined;
    return { provinceCode: province.code, regionCode: province.regionCode, distanceKm: hit.distanceKm };
  }

  return {
    national: { code: NATIONAL_CODE, names: NATIONAL_NAMES },
    regions,
    provinces,
    region: (code) => regionByCode.get(code),
    province: (code) => provinceByCode.get(code),
    locate,
    ...buildAreaGeometries(source),
  };
}
