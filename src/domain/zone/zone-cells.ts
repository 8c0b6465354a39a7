/**
 * The H3 cells covering an alert zone, so that "who is inside" is a set lookup: subscribers and
 * tips carry the cell of their location (`cellOfPoint`), and a zone is the set of cells it covers.
 *
 * Resolution 7 (ZONE_CELL_RESOLUTION). Measured for a 160 km circle around Casablanca with
 * `zoneCells` (h3-js 4.5, this 2-core machine):
 *   res 6 (~36 km² cells, edge ~3.7 km):   2,147 cells,   245 once compacted, ~0.15 s
 *   res 7 (~5.2 km², edge ~1.4 km):       14,627 cells,   683 once compacted, ~0.1–0.2 s
 *   res 8 (~0.74 km², edge ~0.5 km):     101,270 cells, 1,904 once compacted, ~0.35 s
 * Res 7 cells are smaller than the 2 km minimum radius, so even the first circle around a toddler
 * is several cells, and a zone's edge is drawn to within about 1.4 km; res 8 would cost 7× the
 * cells for a precision no alert needs, res 6 would turn a 2 km circle into one or two 36 km²
 * cells. All of Morocco is ~125,000 res-7 cells (3,910 compacted).
 *
 * Covering rule: every cell that overlaps the zone (h3 containment "overlapping"), not only the
 * cells whose centre is inside: nobody inside the zone is missed, a narrow drawn corridor still
 * gets cells, and the zone grows by at most one cell's width at its edge. A circle also always
 * includes the cell of its centre. Regions are covered through their provinces (the same land;
 * province outlines have 5× fewer vertices, which makes h3 about 3× faster), and each area's cells
 * are computed once per process and kept (they never change; a whole-country zone, 125,320 cells,
 * takes ~3.5 s the first time and ~30 ms after).
 *
 * Storage: `zoneCells` gives the full set at one resolution (what a lookup against subscribers'
 * res-7 cells needs); `compactZoneCells` gives H3's compact form (parents replace full sets of
 * children, ~20× smaller for a circle) for storage, and `cellsAtResolution` expands a stored
 * compact set back to one resolution.
 *
 * @example
 *   const cells = zoneCells(zone, geo);                  // ['871f8d...', ...] sorted, res 7
 *   cells.includes(cellOfPoint({ lat: 34.0209, lon: -6.8416 })); // Rabat: true for 160 km around Casablanca
 *   cellsAtResolution(compactZoneCells(cells), 7);       // the same cells
 */
import { cellToChildren, cellToParent, compactCells, getResolution, latLngToCell, POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';
import type { LatLon, Position } from '../geo/coordinates.ts';
import type { MultiPolygonRings } from '../geo/point-in-polygon.ts';
import { circleRing } from './circle-ring.ts';
import type { Zone, ZoneGeography } from './zone.ts';
import { ringsOf } from './zone-polygon.ts';

export const ZONE_CELL_RESOLUTION = 7;

function assertResolution(resolution: number): void {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) throw new RangeError('H3 resolution must be an integer from 0 to 15');
}

/** Cells overlapping one polygon (outer ring then holes), GeoJSON [lon, lat] order. */
function polygonCells(rings: readonly (readonly Position[])[], resolution: number): string[] {
  const coordinates = rings.map((ring) => ring.map(([lon, lat]) => [lon, lat]));
  return polygonToCellsExperimental(coordinates, resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true);
}

/** Area cells by polygon list and resolution; the lists come from the boundary data and never change. */
const areaCache = new WeakMap<MultiPolygonRings, Map<number, readonly string[]>>();

function areaCells(polygons: MultiPolygonRings, resolution: number): readonly string[] {
  let byResolution = areaCache.get(polygons);
  if (!byResolution) areaCache.set(polygons, (byResolution = new Map<number, readonly string[]>()));
  let cells = byResolution.get(resolution);
  if (!cells) byResolution.set(resolution, (cells = polygons.flatMap((rings) => polygonCells(rings, resolution))));
  return cells;
}

function provinceCells(code: string, geo: ZoneGeography, resolution: number): readonly string[] {
  const polygons = geo.polygons(code);
  if (!polygons || !geo.province(code)) throw new RangeError('Unknown province code in a zone that was not validated');
  return areaCells(polygons, resolution);
}

/** The cell holding a point (a subscriber's or a tip's location). */
export function cellOfPoint(point: LatLon, resolution = ZONE_CELL_RESOLUTION): string {
  assertResolution(resolution);
  return latLngToCell(point.lat, point.lon, resolution);
}

/** Every cell at `resolution` that overlaps the zone, sorted and without repeats. The zone must be valid. */
export function zoneCells(zone: Zone, geo: ZoneGeography, resolution = ZONE_CELL_RESOLUTION): string[] {
  assertResolution(resolution);
  const cells = new Set<string>();
  const add = (list: readonly string[]) => {
    for (const cell of list) cells.add(cell);
  };
  for (const circle of zone.circles) {
    add(polygonCells([circleRing(circle.center, circle.radiusKm)], resolution));
    cells.add(cellOfPoint(circle.center, resolution));
  }
  for (const code of zone.provinces) add(provinceCells(code, geo, resolution));
  for (const code of zone.regions) {
    if (!geo.region(code)) throw new RangeError('Unknown region code in a zone that was not validated');
    for (const province of geo.provinces) if (province.regionCode === code) add(provinceCells(province.code, geo, resolution));
  }
  for (const polygon of zone.polygons) add(polygonCells(ringsOf(polygon), resolution));
  return [...cells].sort();
}

/** H3's compact form of a cell set (complete families of children replaced by their parent), sorted. */
export function compactZoneCells(cells: readonly string[]): string[] {
  return compactCells([...cells]).sort();
}

/**
 * A cell set expanded or coarsened to one resolution, sorted and without repeats: finer cells are
 * replaced by their parent (which covers a little more), coarser ones by all their children.
 */
export function cellsAtResolution(cells: readonly string[], resolution: number): string[] {
  assertResolution(resolution);
  const out = new Set<string>();
  for (const cell of cells) {
    const r = getResolution(cell);
    if (r === resolution) out.add(cell);
    else if (r > resolution) out.add(cellToParent(cell, resolution));
    else for (const child of cellToChildren(cell, resolution)) out.add(child);
  }
  return [...out].sort();
}
