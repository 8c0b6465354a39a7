/**
 * Distance bands around an alert zone, so that "whose circle meets the zone" is one indexed lookup per
 * circle subscription instead of one per cell of its circle.
 *
 * A citizen's circle (centre p, radius r) meets the zone exactly when p lies within r of the zone. The
 * subscription is stored as ONE row: the res-7 cell of its centre and its reach, the number of
 * BAND_KM-wide bands it reaches (circleReach). Around a zone, every res-7 cell within the largest reach
 * gets the band of its distance to the zone (zone cells: band 0); the subscription is inside when its
 * centre's cell has a band ≤ its reach. Each centre lies in exactly one band cell, so the lookup needs
 * no de-duplication (the cost that dominated when each circle was ~6 stored cells).
 *
 * Why the bound holds (nobody whose circle meets the zone is missed): take q in the zone within r of
 * p; q lies in a zone cell c (the cover keeps every cell overlapping the zone), p in cell c'. Their
 * centres are at most r + 2·CELL_RADIUS_KM apart. The band of c' comes from the distance between
 * centres, found by propagating each cell's nearest zone-boundary cell outward ring by ring (an exact
 * nearest search would be quadratic); propagation can only overestimate, by less than
 * PROPAGATION_SLACK_KM. zone-bands.test.ts checks both constants across Morocco and brute-forces the
 * bound on random zones and subscribers. The price: a subscriber up to 2·CELL_RADIUS_KM + slack + one
 * band (~6 km) beyond their circle may be included, about what a res-6 cell cover cost before.
 *
 * h3-js has no distance transform over a cell set, hence outer-distances.ts.
 *
 * @example
 *   const { cells, bands } = zoneBands(version.zone_cells, MAX_REACH);
 *   // subscriber row { cell: latLngToCell(lat, lon, 7), reach: circleReach(10) } is inside
 *   //   ⇔ its cell lies in cells[i] with bands[i] ≤ reach
 */
import { outerDistances } from './outer-distances.ts';
import { ZONE_CELL_RESOLUTION } from './zone-cells.ts';

/** Resolution of a circle subscription's centre cell (the zone cells' own). */
export const CENTRE_CELL_RESOLUTION = ZONE_CELL_RESOLUTION;
/** Width of one distance band. */
export const BAND_KM = 2;
/** Upper bound of a res-7 cell's circumradius in Morocco (the average is 1.41 km; the test checks every cell). */
export const CELL_RADIUS_KM = 1.6;
/** Upper bound of the propagated distance's overestimate (the test measures it against brute force). */
export const PROPAGATION_SLACK_KM = 1;
/** The largest circle the subscription form offers (AREA_LIMITS.maxRadiusKm). */
const MAX_CIRCLE_KM = 50;

/** Bands a circle of `radiusKm` reaches (see the module comment for the bound). */
export function circleReach(radiusKm: number): number {
  return Math.floor((radiusKm + 2 * CELL_RADIUS_KM + PROPAGATION_SLACK_KM) / BAND_KM);
}

/** The reach of the largest circle: how far around a zone bands are computed. */
export const MAX_REACH = circleReach(MAX_CIRCLE_KM);

export interface ZoneBands {
  /** Disjoint H3 cells: the zone's own (as stored, compacted, band 0) then res-7 cells around it. */
  readonly cells: readonly string[];
  readonly bands: readonly number[];
}

/**
 * The zone's cells with band 0 and every res-7 cell outside it whose band is ≤ `maxReach`.
 * `zoneCells` is the stored compact cover (resolution ≤ 7, as compactZoneCells gives it).
 */
export function zoneBands(zoneCells: readonly string[], maxReach: number = MAX_REACH): ZoneBands {
  const cells = [...zoneCells];
  const bands = zoneCells.map(() => 0);
  if (zoneCells.length === 0 || maxReach < 0) return { cells, bands };
  for (const [cell, km] of outerDistances(zoneCells, (maxReach + 1) * BAND_KM)) {
    cells.push(cell);
    bands.push(Math.floor(km / BAND_KM));
  }
  return { cells, bands };
}

