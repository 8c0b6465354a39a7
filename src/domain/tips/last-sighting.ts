/**
 * The last confirmed sighting of a child, from which a tip's distance in space and time is measured:
 * the case's last-seen point and time, or a later tip an officer marked credible that has a map point
 * and a time. The latest wins; on a tie the case record wins (it was confirmed first).
 *
 * @example
 *   lastConfirmedSighting(
 *     { at: new Date('2026-11-22T09:00Z'), point: { lat: 33.57, lon: -7.59 }, uncertaintyMinutes: 15, origin: { kind: 'case_last_seen' } },
 *     [{ at: new Date('2026-11-22T11:00Z'), point: { lat: 33.6, lon: -7.5 }, uncertaintyMinutes: 0, origin: { kind: 'credible_tip', tipId: 't1' } }],
 *   ).origin; // { kind: 'credible_tip', tipId: 't1' }
 */
import type { LatLon } from '../geo/coordinates.ts';

export type SightingOrigin = { readonly kind: 'case_last_seen' } | { readonly kind: 'credible_tip'; readonly tipId: string };

export interface Sighting {
  readonly at: Date;
  readonly point: LatLon;
  /** Plus or minus this many minutes around `at`. */
  readonly uncertaintyMinutes: number;
  readonly origin: SightingOrigin;
}

export function lastConfirmedSighting(caseLastSeen: Sighting, credibleTips: readonly Sighting[]): Sighting {
  let latest = caseLastSeen;
  for (const s of credibleTips) if (s.at.getTime() > latest.at.getTime()) latest = s;
  return latest;
}
