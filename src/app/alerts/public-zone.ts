/**
 * The zone as the public sees it. The last-seen point is restricted (it may be a home), so a circle's
 * centre is moved to the centre of its H3 resolution-6 cell (about 3.7 km across) and the radius grown
 * by the shift, so the public circle still covers the real one without pinpointing where it started.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';
import { haversineKm } from '../../domain/geo/distance.ts';
import type { Zone } from '../../domain/zone/zone.ts';

const PUBLIC_CENTRE_RESOLUTION = 6;

export function publicZone(zone: Zone): Zone {
  return {
    ...zone,
    circles: zone.circles.map((c) => {
      const [lat, lon] = cellToLatLng(latLngToCell(c.center.lat, c.center.lon, PUBLIC_CENTRE_RESOLUTION));
      const center = { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
      return { center, radiusKm: Math.ceil((c.radiusKm + haversineKm(c.center, center)) * 10) / 10 };
    }),
  };
}

/** [west, south, east, north] of every position in a GeoJSON FeatureCollection of polygons. */
export function bboxOf(fc: { readonly features: readonly { readonly geometry: { readonly type: string; readonly coordinates: unknown } }[] }): [number, number, number, number] {
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') {
      w = Math.min(w, v[0]);
      e = Math.max(e, v[0]);
      s = Math.min(s, v[1]);
      n = Math.max(n, v[1]);
    } else if (Array.isArray(v)) for (const x of v) visit(x);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return [w, s, e, n];
}
