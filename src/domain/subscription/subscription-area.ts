/**
 * The area a citizen wants alerts for, and the H3 cells stored for it so that "who is inside this
 * zone" is an indexed set lookup (subscription_cells).
 *
 * Two kinds, as the form offers them:
 * - a circle: a point in Morocco and a radius of 1–50 km. The point is rounded to 3 decimals (~100 m):
 *   the radius is at least 1 km, so nothing is lost, and the stored point is not a doorstep;
 * - 1–12 prefectures/provinces by ISO 3166-2 code (MA-CAS…), unknown codes refused.
 * "In Morocco" is MoroccoGeography.locate (the app's boundaries, 2 km tolerance at coasts and borders).
 *
 * Cells, two forms (AreaCell):
 * - a circle is ONE cell: its centre's res-7 cell with its reach, the number of distance bands around
 *   a zone it reaches (domain/zone/zone-bands.ts): matching is one index probe per subscriber, and a
 *   million subscribers are a million rows, not six million;
 * - provinces are their cover: resolution 6 (~36 km², edge ~3.7 km), every cell overlapping the area
 *   (the zone's covering rule, zone-cells.ts: nobody inside is missed), then H3's compact form
 *   (complete families of children become their parent), so every stored cell has a resolution ≤ 6;
 *   matched by overlap with the zone's cells (reach null). Measured with the app's boundaries: the 12
 *   largest provinces together are 11,510 cells, 1,412 compacted. AREA_LIMITS.maxCells caps the
 *   compacted count well above that, as a guard against a future data change, not a limit a person meets.
 *
 * @example
 *   const r = resolveArea({ kind: 'circle', lat: 33.5731, lon: -7.5898, radiusKm: 10 }, geo);
 *   if (r.ok) r.cells; // [{ h3: '871f8d...', reach: 7 }]
 *   resolveArea({ kind: 'provinces', codes: ['MA-ZZZ'] }, geo); // { ok: false, problems: [{ field: 'provinces', code: 'province_unknown' }] }
 */
import { PROVINCE_CODE } from '../geo/jurisdiction-codes.ts';
import { latLngToCell } from 'h3-js';
import { cellRange } from '../zone/cell-ranges.ts';
import { CENTRE_CELL_RESOLUTION, circleReach } from '../zone/zone-bands.ts';
import { compactZoneCells, zoneCells } from '../zone/zone-cells.ts';
import type { Zone, ZoneGeography } from '../zone/zone.ts';
import { problem, type SubscriptionProblem } from './subscription-problems.ts';

export type SubscriptionArea =
  | { readonly kind: 'circle'; readonly lat: number; readonly lon: number; readonly radiusKm: number }
  | { readonly kind: 'provinces'; readonly codes: readonly string[] };

export const AREA_LIMITS = {
  minRadiusKm: 1,
  maxRadiusKm: 50,
  maxProvinces: 12,
  /** Compacted cells; see the module comment. */
  maxCells: 2000,
} as const;

/** Resolution of a provinces cover. */
export const SUBSCRIPTION_CELL_RESOLUTION = 6;

/** What the area needs of the geography. */
export type AreaGeography = ZoneGeography;

/** One stored cell: a circle's centre with its reach, or one cell of a provinces cover (reach null). */
export interface AreaCell {
  readonly h3: string;
  readonly reach: number | null;
}

export type AreaResult = { readonly ok: true; readonly area: SubscriptionArea; readonly cells: readonly AreaCell[] } | { readonly ok: false; readonly problems: readonly SubscriptionProblem[] };

const round = (x: number, decimals: number): number => Math.round(x * 10 ** decimals) / 10 ** decimals;

function circleProblems(area: { lat: number; lon: number; radiusKm: number }, geo: AreaGeography): SubscriptionProblem[] {
  const problems: SubscriptionProblem[] = [];
  const latOk = Number.isFinite(area.lat) && area.lat >= -90 && area.lat <= 90;
  const lonOk = Number.isFinite(area.lon) && area.lon >= -180 && area.lon <= 180;
  if (!latOk) problems.push(problem('lat', 'lat_invalid'));
  if (!lonOk) problems.push(problem('lon', 'lon_invalid'));
  if (latOk && lonOk && !geo.locate({ lat: area.lat, lon: area.lon })) problems.push(problem('lat', 'point_outside_morocco'));
  if (!Number.isFinite(area.radiusKm) || area.radiusKm < AREA_LIMITS.minRadiusKm || area.radiusKm > AREA_LIMITS.maxRadiusKm) problems.push(problem('radiusKm', 'radius_out_of_range'));
  return problems;
}

function provinceProblems(codes: readonly string[], geo: AreaGeography): SubscriptionProblem[] {
  if (codes.length === 0) return [problem('provinces', 'provinces_none')];
  if (codes.length > AREA_LIMITS.maxProvinces) return [problem('provinces', 'provinces_too_many')];
  return codes.some((c) => !PROVINCE_CODE.test(c) || !geo.province(c) || !geo.polygons(c)) ? [problem('provinces', 'province_unknown')] : [];
}

/** A circle's one stored cell: its centre's res-7 cell and the reach of its radius. */
export function circleCell(lat: number, lon: number, radiusKm: number): AreaCell {
  return { h3: latLngToCell(lat, lon, CENTRE_CELL_RESOLUTION), reach: circleReach(radiusKm) };
}

/** The stored cells of a valid area: a circle's centre cell and reach, or a provinces cover (compacted, res ≤ 6). */
export function areaCells(area: SubscriptionArea, geo: AreaGeography): AreaCell[] {
  switch (area.kind) {
    case 'circle':
      return [circleCell(area.lat, area.lon, area.radiusKm)];
    case 'provinces': {
      const zone: Zone = { circles: [], provinces: area.codes, regions: [], polygons: [] };
      return compactZoneCells(zoneCells(zone, geo, SUBSCRIPTION_CELL_RESOLUTION)).map((h3) => ({ h3, reach: null }));
    }
  }
}

/** Checks an area, puts it in its stored form (rounded point, sorted unique codes) and computes its cells. */
export function resolveArea(input: SubscriptionArea, geo: AreaGeography): AreaResult {
  let area: SubscriptionArea;
  let problems: SubscriptionProblem[];
  switch (input.kind) {
    case 'circle':
      area = { kind: 'circle', lat: round(input.lat, 3), lon: round(input.lon, 3), radiusKm: round(input.radiusKm, 1) };
      problems = circleProblems(area, geo);
      break;
    case 'provinces': {
      const codes = [...new Set(input.codes.map((c) => c.trim().toUpperCase()))].sort();
      area = { kind: 'provinces', codes };
      problems = provinceProblems(codes, geo);
      break;
    }
  }
  if (problems.length) return { ok: false, problems };
  const cells = areaCells(area, geo);
  if (cells.length === 0 || cells.length > AREA_LIMITS.maxCells) return { ok: false, problems: [problem('areaKind', 'area_too_large')] };
  return { ok: true, area, cells };
}

/** Reads a stored area back (subscriptions.area); undefined when it is not one this module wrote. */
export function storedArea(value: unknown): SubscriptionArea | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'circle' && typeof v.lat === 'number' && typeof v.lon === 'number' && typeof v.radiusKm === 'number') return { kind: 'circle', lat: v.lat, lon: v.lon, radiusKm: v.radiusKm };
  if (v.kind === 'provinces' && Array.isArray(v.codes) && v.codes.every((c) => typeof c === 'string')) return { kind: 'provinces', codes: v.codes };
  return undefined;
}

/** The cells as stored: each H3 index with its res-15 range, as int8 decimal strings, and its reach. */
export function cellRows(cells: readonly AreaCell[]): { cell: string; lo: string; hi: string; reach: number | null }[] {
  return cells.map(({ h3, reach }) => {
    const r = cellRange(h3);
    return { cell: r.cell.toString(), lo: r.lo.toString(), hi: r.hi.toString(), reach };
  });
}
