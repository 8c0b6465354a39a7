/**
 * A tip's score, 0 to 100, with every part explained to the officer. Pure and deterministic: the
 * last confirmed sighting, the child's age and the times are inputs, never the clock.
 *
 * Parts (their maxima add up to 100):
 * - reach (50): could the child have been there then? The zone module's travel model (zone-radius.ts:
 *   the age band's distance, walking rate, 60 km/h when a vehicle is involved) gives how far the child
 *   can be after the time between the last confirmed sighting and the tip's sighting (plus the
 *   sighting's own uncertainty); the tip's distance from it is compared with that reach:
 *     within reach 50; beyond it, falling linearly to 0 at twice the reach (edge_of_reach); farther
 *     still but reachable by car when no vehicle is recorded 10 (vehicle_only); otherwise 0.
 *   A tip seen before the last confirmed sighting keeps 60% (consistent, but older news).
 *   A tip without a map point whose place text names a prefecture/province is measured from the
 *   nearest edge of that area: a lower bound, so "out of reach" stays certain, while "within reach"
 *   is capped at 30 (approximate). A tip that cannot be placed gets the neutral 25 (unknown).
 * - detail (25): distinct words (8 for 15 or more), specifics (a number 2, a colour, clothing, a means
 *   of transport 1 each), a time of sighting given by the tipster (6), a map point (6) or a place text (3).
 * - photo (10).
 * - source (15): police 15, media partner 10, web form or WhatsApp 5.
 *
 * @example
 *   const score = scoreTip({ anchor, child: { ageYears: 5, vehicleInvolved: false }, seenAt, receivedAt,
 *     location: { kind: 'point', point }, text: 'Fille en rouge à la gare', hasPlaceText: true, hasPhoto: false, source: 'web' });
 *   score.total;                 // 0–100
 *   score.parts.map((p) => p.points); // [reach, detail, photo, source]
 */
import type { LatLon } from '../geo/coordinates.ts';
import { haversineKm } from '../geo/distance.ts';
import { distanceToBoundaryKm, type MultiPolygonRings, pointInMultiPolygon } from '../geo/point-in-polygon.ts';
import { modelRadiusKm, VEHICLE_KMH } from '../zone/zone-radius.ts';
import type { Sighting, SightingOrigin } from './last-sighting.ts';
import { type Specific, specificsOf, tipWords } from './triage-text.ts';

/** Bumped when the weights change, so stored scores say which model produced them. */
export const SCORE_MODEL_VERSION = 1;

export const REACH_MAX = 50;
export const DETAIL_MAX = 25;
export const PHOTO_MAX = 10;
export const SOURCE_MAX = 15;

/** Neutral points when the tip cannot be placed. */
export const REACH_UNKNOWN_POINTS = 25;
/** Most points for a tip placed only by a named prefecture/province. */
export const REACH_APPROXIMATE_MAX = 30;
export const REACH_VEHICLE_ONLY_POINTS = 10;
/** Share kept by a tip seen before the last confirmed sighting. */
export const BEFORE_SIGHTING_SHARE = 0.6;
/** A phone's position and a tipster's pin are this far off at worst, in the common case. */
export const LOCATION_TOLERANCE_KM = 0.5;
/** Age used when the case records none: the same assumption as the alert zone (app/alerts/alert-draft.ts). */
export const DEFAULT_AGE_YEARS = 10;

export const SOURCE_POINTS = { police: 15, partner: 10, web: 5, whatsapp: 5 } as const satisfies Record<string, number>;
export type TipSourceKind = keyof typeof SOURCE_POINTS;

const WORDS_FOR_FULL_POINTS = 15;
const WORD_POINTS = 8;
const SPECIFIC_POINTS: Readonly<Record<Specific, number>> = { numbers: 2, colour: 1, clothing: 1, transport: 1 };
const TIME_POINTS = 6;
const POINT_POINTS = 6;
const PLACE_TEXT_POINTS = 3;

export type TipLocation =
  | { readonly kind: 'point'; readonly point: LatLon }
  /** Place text naming a prefecture/province (triage-place.ts), with that area's polygons. */
  | { readonly kind: 'area'; readonly code: string; readonly matched: string; readonly polygons: MultiPolygonRings }
  | { readonly kind: 'none' };

export interface TipScoreInput {
  readonly anchor: Sighting;
  readonly child: { readonly ageYears: number | null; readonly vehicleInvolved: boolean };
  /** When the tipster says they saw the child; null when they gave no time. */
  readonly seenAt: Date | null;
  readonly receivedAt: Date;
  readonly location: TipLocation;
  readonly text: string;
  readonly hasPlaceText: boolean;
  readonly hasPhoto: boolean;
  readonly source: TipSourceKind;
}

export type ReachVerdict = 'within_reach' | 'edge_of_reach' | 'vehicle_only' | 'out_of_reach' | 'unknown';

export interface ReachPart {
  readonly part: 'reach';
  readonly points: number;
  readonly max: number;
  readonly verdict: ReachVerdict;
  /** How the tip was placed: its map point, a prefecture/province its place text names, or not at all. */
  readonly basis: 'point' | 'area' | 'none';
  /** The prefecture/province code when basis is "area". */
  readonly areaCode: string | null;
  /** From the last confirmed sighting, km (to the area's nearest edge for "area"); null when unplaced. */
  readonly distanceKm: number | null;
  /** How far the child could be by then, km (travel model plus location tolerance). */
  readonly reachKm: number | null;
  /** Minutes between the two sightings, plus the last sighting's uncertainty. */
  readonly elapsedMinutes: number;
  /** The tip's time: the tipster's, or when it was received when they gave none. */
  readonly timeBasis: 'seen_at' | 'received_at';
  readonly beforeLastSighting: boolean;
  readonly anchor: SightingOrigin;
  /** The model's inputs (the age is the default when the case records none). */
  readonly ageYears: number;
  readonly vehicleInvolved: boolean;
}

export interface DetailPart {
  readonly part: 'detail';
  readonly points: number;
  readonly max: number;
  /** Distinct words once normalised, stop words left out. */
  readonly words: number;
  readonly specifics: readonly Specific[];
  readonly hasTime: boolean;
  readonly place: 'point' | 'place_text' | 'none';
}

export interface PhotoPart {
  readonly part: 'photo';
  readonly points: number;
  readonly max: number;
  readonly hasPhoto: boolean;
}

export interface SourcePart {
  readonly part: 'source';
  readonly points: number;
  readonly max: number;
  readonly source: TipSourceKind;
}

export type ScorePart = ReachPart | DetailPart | PhotoPart | SourcePart;

export interface TipScore {
  readonly total: number;
  readonly max: 100;
  readonly model: number;
  readonly parts: readonly [ReachPart, DetailPart, PhotoPart, SourcePart];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function distanceToArea(from: LatLon, polygons: MultiPolygonRings): number {
  if (pointInMultiPolygon(from, polygons)) return 0;
  const d = distanceToBoundaryKm(from, polygons);
  return Number.isFinite(d) ? d : Infinity;
}

/** Points for a distance against a reach: full inside, linear to 0 at twice the reach. */
function reachPoints(distanceKm: number, reachKm: number): { verdict: ReachVerdict; points: number } {
  if (distanceKm <= reachKm) return { verdict: 'within_reach', points: REACH_MAX };
  const ratio = distanceKm / reachKm;
  if (ratio < 2) return { verdict: 'edge_of_reach', points: REACH_MAX * (2 - ratio) };
  return { verdict: 'out_of_reach', points: 0 };
}

function scoreReach(input: TipScoreInput, tipTime: Date): ReachPart {
  const { anchor } = input;
  const ageYears = Math.min(17, Math.max(0, Math.floor(input.child.ageYears ?? DEFAULT_AGE_YEARS)));
  const vehicleInvolved = input.child.vehicleInvolved;
  const gapMinutes = (tipTime.getTime() - anchor.at.getTime()) / 60_000;
  const beforeLastSighting = gapMinutes < -anchor.uncertaintyMinutes;
  // Reach is symmetric: a sighting before the last one must also be reachable from it in the gap.
  const elapsedMinutes = Math.round(Math.abs(gapMinutes) + Math.max(0, anchor.uncertaintyMinutes));
  const base = {
    part: 'reach' as const,
    max: REACH_MAX,
    elapsedMinutes,
    timeBasis: input.seenAt ? ('seen_at' as const) : ('received_at' as const),
    beforeLastSighting,
    anchor: anchor.origin,
    ageYears,
    vehicleInvolved,
  };
  const location = input.location;
  if (location.kind === 'none') {
    return { ...base, points: REACH_UNKNOWN_POINTS, verdict: 'unknown', basis: 'none', areaCode: null, distanceKm: null, reachKm: null };
  }
  const reachKm = modelRadiusKm({ ageYears, vehicleInvolved, minutesSinceLastSeen: elapsedMinutes }) + LOCATION_TOLERANCE_KM;
  const distanceKm = location.kind === 'point' ? haversineKm(anchor.point, location.point) : distanceToArea(anchor.point, location.polygons);
  let { verdict, points } = reachPoints(distanceKm, reachKm);
  // Nobody recorded a vehicle, but a car would have made it: worth a look, not much more.
  const byCarKm = VEHICLE_KMH * (elapsedMinutes / 60) + LOCATION_TOLERANCE_KM;
  if (!vehicleInvolved && points < REACH_VEHICLE_ONLY_POINTS && distanceKm <= byCarKm) {
    verdict = 'vehicle_only';
    points = REACH_VEHICLE_ONLY_POINTS;
  }
  if (location.kind === 'area') points = Math.min(points, REACH_APPROXIMATE_MAX);
  if (beforeLastSighting) points *= BEFORE_SIGHTING_SHARE;
  return {
    ...base,
    points: Math.round(points),
    verdict,
    basis: location.kind,
    areaCode: location.kind === 'area' ? location.code : null,
    distanceKm: Number.isFinite(distanceKm) ? round1(distanceKm) : null,
    reachKm: round1(reachKm),
  };
}

function scoreDetail(input: TipScoreInput): DetailPart {
  const words = tipWords(input.text);
  const distinct = new Set(words).size;
  const specifics = specificsOf(words);
  const place = input.location.kind === 'point' ? 'point' : input.hasPlaceText ? 'place_text' : 'none';
  const points =
    Math.min(WORD_POINTS, Math.floor((distinct * WORD_POINTS) / WORDS_FOR_FULL_POINTS)) +
    specifics.reduce((sum, s) => sum + SPECIFIC_POINTS[s], 0) +
    (input.seenAt ? TIME_POINTS : 0) +
    (place === 'point' ? POINT_POINTS : place === 'place_text' ? PLACE_TEXT_POINTS : 0);
  return { part: 'detail', points: Math.min(DETAIL_MAX, points), max: DETAIL_MAX, words: distinct, specifics, hasTime: input.seenAt !== null, place };
}

export function scoreTip(input: TipScoreInput): TipScore {
  // A sighting cannot postdate its own report: a clock-skewed seen time counts as the arrival time.
  const tipTime = input.seenAt && input.seenAt.getTime() <= input.receivedAt.getTime() ? input.seenAt : input.receivedAt;
  const reach = scoreReach(input, tipTime);
  const detail = scoreDetail(input);
  const photo: PhotoPart = { part: 'photo', points: input.hasPhoto ? PHOTO_MAX : 0, max: PHOTO_MAX, hasPhoto: input.hasPhoto };
  const source: SourcePart = { part: 'source', points: SOURCE_POINTS[input.source], max: SOURCE_MAX, source: input.source };
  const total = Math.max(0, Math.min(100, reach.points + detail.points + photo.points + source.points));
  return { total, max: 100, model: SCORE_MODEL_VERSION, parts: [reach, detail, photo, source] };
}
