/** The real geography for the zone tests: the boundary adapter's MoroccoGeography, which carries the area polygons. */
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import type { ZoneGeography } from './zone.ts';

export function loadZoneGeography(): Promise<ZoneGeography> {
  return loadMoroccoBoundaries();
}
