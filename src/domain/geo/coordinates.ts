/**
 * Points on the Earth (WGS 84 degrees) and the check every geo entry point runs first: latitude in
 * [-90, 90], longitude in [-180, 180], both finite numbers. Errors name the field, never the value.
 *
 * @example
 *   assertLatLon({ lat: 33.5731, lon: -7.5898 }); // passes
 *   latLonErrors({ lat: 91, lon: 0 });           // [{ field: 'lat', message: 'must be between -90 and 90' }]
 */
import { AppError, type FieldError } from '../errors.ts';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** A GeoJSON position: longitude first, then latitude. */
export type Position = readonly [lon: number, lat: number];

export function latLonErrors(point: LatLon): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isFinite(point.lat) || point.lat < -90 || point.lat > 90) errors.push({ field: 'lat', message: 'must be between -90 and 90' });
  if (!Number.isFinite(point.lon) || point.lon < -180 || point.lon > 180) errors.push({ field: 'lon', message: 'must be between -180 and 180' });
  return errors;
}

/** Throws validation_failed naming the bad field(s). */
export function assertLatLon(point: LatLon): void {
  const errors = latLonErrors(point);
  if (errors.length) throw new AppError('validation_failed', 'The coordinates are not valid.', { errors });
}
