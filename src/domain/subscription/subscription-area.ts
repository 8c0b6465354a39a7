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
 * Cells: resolution 6 (~36 km², edge ~3.7 km), every cell overlapping the area (the zone's covering
 * rule, zone-cells.ts: nobody inside is missed; a circle also keeps its centre's cell), then H3's
 * compact form (complete families of children become their parent), so every stored cell has a
 * resolution ≤ 6. Measured with the app's boundaries: a 50 km circle is ~230 cells, 62 compacted; the
 * 12 largest provinces together 11,510 cells, 1,412 compacted. MAX_AREA_CELLS caps the compacted
 * count well above that, as a guard against a future data change, not a limit a person meets.
 *
 * @example
 *   const r = resolveArea({ kind: 'circle', lat: 33.5731, lon: -7.5898, radiusKm: 10 }, geo);
 *   if (r.ok) r.cells; // ['861f8d...', ...] compacted, res ≤ 6
 *   resolveArea({ kind: 'provinces', codes: ['MA-ZZZ'] }, geo); // { ok: false, problems: [{ field: 'provinces', code: 'province_unknown' }] }
 */
import { PROVINCE_CODE } from '../geo/jurisdiction-codes.ts';
import { cellRange } from '../zone/cell-ranges.ts';
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

export const SUBSCRIPTION_CELL_RESOLUTION = 6;

/** What the area needs of the geography. */
export type AreaGeography = ZoneGeography;

export type AreaResult = { readonly ok: true; readonly area: SubscriptionArea; readonly cells: readonly string[] } | { readonly ok: false; readonly problems: readonly SubscriptionProblem[] };

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

/** The compacted res-6 cells of a valid area. */
export function areaCells(area: SubscriptionArea, geo: AreaGeography): string[] {
  const zone: Zone =
    area.kind === 'circle'
      ? { circles: [{ center: { lat: area.lat, lon: area.lon }, radiusKm: area.radiusKm }], provinces: [], regions: [], polygons: [] }
      : { circles: [], provinces: area.codes, regions: [], polygons: [] };
  return compactZoneCells(zoneCells(zone, geo, SUBSCRIPTION_CELL_RESOLUTION));
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

/** The cells as stored: each H3 index with its res-15 range, as int8 decimal strings. */
export function cellRows(cells: readonly string[]): { cell: string; lo: string; hi: string }[] {
  return cells.map((h3) => {
    const r = cellRange(h3);
    return { cell: r.cell.toString(), lo: r.lo.toString(), hi: r.hi.toString() };
  });
}
