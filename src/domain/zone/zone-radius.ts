/**
 * The radius of the alert circle around the last-seen point, and the schedule on which it grows to
 * the outer radius (each step is published as a CAP Update). Pure: elapsed time is an input.
 *
 * The model (sources in shared/specs/morocco.md):
 * - Walking child, by age band: the distance within which ISRID found 95% of lost children of that
 *   age (Koester, "Lost Person Behavior", International Search & Rescue Incident Database; figures
 *   to be checked against the book): 1–3 y 1.9 km, 4–6 y 2.4 km, 7–12 y 3.8 km. Children under 1
 *   cannot walk off alone; they take the 1–3 band, and a suspected vehicle covers the rest.
 * - Teenager (13–17), typically a runaway: 43 km, the distance within which 90% of runaway
 *   teenagers were found in Grampian Police data (collected on 12–14 year olds; applied here to
 *   the whole 13–17 band, there being no better public figure).
 * - Growth with elapsed time: ISRID distances describe where children were found over whole
 *   incidents, so they are a floor, not a speed. Beyond them the radius follows an effective
 *   walking rate (a slow walk with stops; this project's assumption, not an ISRID figure):
 *   1–3 y 1 km/h, 4–6 y 1.5 km/h, 7–12 y 2.5 km/h, 13–17 y 5 km/h (adult walking pace).
 * - Vehicle suspected: 60 km/h × hours since last seen. Assumption: an average for a trip that
 *   starts in town (limit 60 km/h) and continues on roads (100) and motorways (120). At that speed
 *   the 160 km outer radius is reached in 2 h 40 min, inside the first 3 hours that the abduction
 *   research (Washington State Attorney General, 600+ cases: 74% of murdered abducted children
 *   were dead within 3 hours) shows to be decisive.
 * - The radius is the largest of these, clamped between a minimum (default 2 km, so a toddler's
 *   1.9 km still covers the neighbourhood) and the outer radius (default 160 km, the radius DGSN and
 *   Meta use today; configurable).
 *
 * Growth schedule: a step every `stepMinutes` after publication. Each step's radius is the model's
 * radius at that time, but at least `growthFactor` (default 2) times the previous step's, so the
 * zone always reaches the outer radius in a few steps (2 km → 160 km in 7 Updates) instead of
 * creeping at a toddler's walking rate and publishing an Update for every few hundred metres; a
 * step that would reach 90% of the outer radius goes straight to it. The last step is exactly the
 * outer radius.
 *
 * @example
 *   initialRadiusKm({ ageYears: 5, vehicleInvolved: false, minutesSinceLastSeen: 30 }); // 2.4
 *   initialRadiusKm({ ageYears: 9, vehicleInvolved: true, minutesSinceLastSeen: 90 });  // 90
 *   growthSchedule({ ageYears: 5, vehicleInvolved: false, minutesSinceLastSeen: 30 }, { outerKm: 160, stepMinutes: 30 });
 *   // [{ offsetMinutes: 0, minutesSinceLastSeen: 30, radiusKm: 2.4 }, { offsetMinutes: 30, …, radiusKm: 4.8 }, …, { offsetMinutes: 180, …, radiusKm: 160 }]
 */
import { AppError, type FieldError } from '../errors.ts';

export const DEFAULT_MIN_RADIUS_KM = 2;
export const DEFAULT_OUTER_RADIUS_KM = 160;
export const VEHICLE_KMH = 60;
export const DEFAULT_GROWTH_FACTOR = 2;
/** A step reaching this share of the outer radius goes straight to it (no Update for the last few km). */
export const SNAP_TO_OUTER_SHARE = 0.9;

export interface AgeBand {
  /** Inclusive, whole years. */
  readonly fromAge: number;
  readonly toAge: number;
  /** Distance from the last-seen point within which `percentile`% of such children were found. */
  readonly distanceKm: number;
  readonly percentile: number;
  /** Effective walking rate once the distance above is exceeded (assumption, see the module comment). */
  readonly walkKmh: number;
  readonly source: string;
}

export const AGE_BANDS: readonly AgeBand[] = [
  { fromAge: 0, toAge: 3, distanceKm: 1.9, percentile: 95, walkKmh: 1, source: 'ISRID, child 1–3' },
  { fromAge: 4, toAge: 6, distanceKm: 2.4, percentile: 95, walkKmh: 1.5, source: 'ISRID, child 4–6' },
  { fromAge: 7, toAge: 12, distanceKm: 3.8, percentile: 95, walkKmh: 2.5, source: 'ISRID, child 7–12' },
  { fromAge: 13, toAge: 17, distanceKm: 43, percentile: 90, walkKmh: 5, source: 'Grampian Police, runaway teenagers' },
];

export interface RadiusInput {
  /** Age when last seen; fractions are rounded down. 0 to 17 (the platform alerts for minors only). */
  readonly ageYears: number;
  readonly vehicleInvolved: boolean;
  readonly minutesSinceLastSeen: number;
}

export interface RadiusLimits {
  readonly minKm?: number;
  readonly outerKm?: number;
}

export interface GrowthOptions extends RadiusLimits {
  readonly outerKm: number;
  readonly stepMinutes: number;
  /** At least this factor between consecutive steps; > 1. */
  readonly growthFactor?: number;
}

export interface GrowthStep {
  /** Minutes after the first publication. */
  readonly offsetMinutes: number;
  readonly minutesSinceLastSeen: number;
  readonly radiusKm: number;
}

const roundKm = (km: number): number => Math.round(km * 10) / 10;

function fail(errors: FieldError[]): void {
  if (errors.length) throw new AppError('validation_failed', 'The zone radius inputs are not valid.', { errors });
}

function inputErrors(input: RadiusInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isFinite(input.ageYears) || input.ageYears < 0 || input.ageYears >= 18) errors.push({ field: 'ageYears', message: 'must be between 0 and 17' });
  if (!Number.isFinite(input.minutesSinceLastSeen) || input.minutesSinceLastSeen < 0) errors.push({ field: 'minutesSinceLastSeen', message: 'must be a number of minutes, 0 or more' });
  return errors;
}

function limitsOf(limits: RadiusLimits): { minKm: number; outerKm: number } {
  const minKm = limits.minKm ?? DEFAULT_MIN_RADIUS_KM;
  const outerKm = limits.outerKm ?? DEFAULT_OUTER_RADIUS_KM;
  const errors: FieldError[] = [];
  if (!Number.isFinite(minKm) || minKm <= 0) errors.push({ field: 'minKm', message: 'must be more than 0' });
  if (!Number.isFinite(outerKm) || outerKm < minKm) errors.push({ field: 'outerKm', message: 'must be at least the minimum radius' });
  fail(errors);
  return { minKm, outerKm };
}

/** The band for an age in years (0 to 17). */
export function ageBand(ageYears: number): AgeBand {
  const age = Math.floor(ageYears);
  const band = AGE_BANDS.find((b) => age >= b.fromAge && age <= b.toAge);
  if (!band) throw new AppError('validation_failed', 'The zone radius inputs are not valid.', { errors: [{ field: 'ageYears', message: 'must be between 0 and 17' }] });
  return band;
}

/** The model's radius before clamping, in km. */
export function modelRadiusKm(input: RadiusInput): number {
  fail(inputErrors(input));
  const band = ageBand(input.ageYears);
  const hours = input.minutesSinceLastSeen / 60;
  return Math.max(band.distanceKm, band.walkKmh * hours, input.vehicleInvolved ? VEHICLE_KMH * hours : 0);
}

/** The radius to publish first, clamped to [minKm, outerKm] and rounded to 0.1 km. */
export function initialRadiusKm(input: RadiusInput, limits: RadiusLimits = {}): number {
  const { minKm, outerKm } = limitsOf(limits);
  const km = Math.max(minKm, modelRadiusKm(input));
  return km >= outerKm ? outerKm : Math.min(outerKm, roundKm(km));
}

/**
 * The steps from the initial radius to exactly `outerKm`, strictly growing; the first step is at
 * offset 0 (the initial publication) and each later one is a CAP Update.
 */
export function growthSchedule(input: RadiusInput, options: GrowthOptions): GrowthStep[] {
  const { minKm, outerKm } = limitsOf(options);
  const growthFactor = options.growthFactor ?? DEFAULT_GROWTH_FACTOR;
  const errors: FieldError[] = [];
  if (!Number.isFinite(options.stepMinutes) || options.stepMinutes <= 0) errors.push({ field: 'stepMinutes', message: 'must be more than 0' });
  if (!Number.isFinite(growthFactor) || growthFactor <= 1) errors.push({ field: 'growthFactor', message: 'must be more than 1' });
  fail(errors);

  let last: GrowthStep = { offsetMinutes: 0, minutesSinceLastSeen: input.minutesSinceLastSeen, radiusKm: initialRadiusKm(input, { minKm, outerKm }) };
  const steps = [last];
  while (last.radiusKm < outerKm) {
    const offsetMinutes = last.offsetMinutes + options.stepMinutes;
    const minutesSinceLastSeen = input.minutesSinceLastSeen + offsetMinutes;
    const wanted = Math.max(modelRadiusKm({ ...input, minutesSinceLastSeen }), last.radiusKm * growthFactor, last.radiusKm + 0.1);
    last = { offsetMinutes, minutesSinceLastSeen, radiusKm: wanted >= SNAP_TO_OUTER_SHARE * outerKm ? outerKm : roundKm(wanted) };
    steps.push(last);
  }
  return steps;
}
