/**
 * Point → prefecture/province and region, for staff (the case intake derives a case's jurisdiction
 * this way). A point outside Morocco is refused with 422 `unprocessable`. The coordinates are
 * never logged or echoed in errors: a last-seen point is restricted data.
 *
 * @example
 *   const where = await locatePoint(ctx, actor, { lat: 33.5731, lon: -7.5898 });
 *   where.province.code; // 'MA-CAS'
 */
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import type { LatLon } from '../../domain/geo/coordinates.ts';
import type { Located, MoroccoGeography, Province, Region } from '../../domain/geo/morocco-geography.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import type { AppContext } from '../context.ts';

export interface Location {
  readonly region: Region;
  readonly province: Province;
  /** 0 inside the province; otherwise how far outside its (simplified) boundary the point lies. */
  readonly distanceKm: number;
}

/** The province and region of a point, or 422 when it lies outside Morocco; 400 for impossible coordinates. */
export function requireLocationInMorocco(geo: MoroccoGeography, point: LatLon): Location {
  const found: Located | undefined = geo.locate(point);
  const province = found && geo.province(found.provinceCode);
  const region = found && geo.region(found.regionCode);
  if (!found || !province || !region) throw new AppError('unprocessable', 'The point is outside Morocco.', { errors: [{ field: 'lat', message: 'the point is outside Morocco' }, { field: 'lon', message: 'the point is outside Morocco' }] });
  return { region, province, distanceKm: found.distanceKm };
}

export async function locatePoint(ctx: AppContext, actor: Actor, point: LatLon): Promise<Location> {
  assertAllowed(actor, 'geo.locate');
  return requireLocationInMorocco(ctx.geo, point);
}
