/**
 * What the API shows of the jurisdiction tree and of a located point: codes, levels, parents and
 * names in Arabic, French and Tamazight (Tifinagh). Reference data only, nothing personal; a located
 * point's coordinates are not echoed back.
 *
 * @example
 *   reply.send({ items: rows.map(presentJurisdiction) });
 */
import { type Static, Type } from 'typebox';
import type { Location } from '../../app/jurisdictions/locate-point.ts';
import type { PlaceNames } from '../../domain/geo/place-names.ts';
import type { JurisdictionRow } from '../../store/repositories/jurisdiction-tree.repository.ts';

export const JurisdictionLevelSchema = Type.Union([Type.Literal('national'), Type.Literal('region'), Type.Literal('province'), Type.Literal('unit')]);

export const PlaceNamesView = Type.Object({
  ar: Type.String(),
  fr: Type.String(),
  /** Tamazight in Tifinagh, when known. */
  zgh: Type.Union([Type.String(), Type.Null()]),
});

export const JurisdictionView = Type.Object({
  code: Type.String({ example: 'MA-CAS' }),
  level: JurisdictionLevelSchema,
  parentCode: Type.Union([Type.String(), Type.Null()]),
  names: PlaceNamesView,
});
export type JurisdictionView = Static<typeof JurisdictionView>;

const AreaView = Type.Object({ code: Type.String(), names: PlaceNamesView });

export const LocationView = Type.Object({
  region: AreaView,
  province: AreaView,
  /** 0 inside the province; otherwise the point lies this far outside its simplified boundary (at most 2 km): confirm it. */
  distanceKm: Type.Number({ minimum: 0 }),
});
export type LocationView = Static<typeof LocationView>;

const names = (n: PlaceNames) => ({ ar: n.ar, fr: n.fr, zgh: n.zgh });

export function presentJurisdiction(row: JurisdictionRow): JurisdictionView {
  return { code: row.code, level: row.level, parentCode: row.parentCode, names: { ar: row.nameAr, fr: row.nameFr, zgh: row.nameZgh } };
}

export function presentLocation(location: Location): LocationView {
  return {
    region: { code: location.region.code, names: names(location.region.names) },
    province: { code: location.province.code, names: names(location.province.names) },
    // Metres are plenty: the boundaries themselves are only good to about a hundred metres.
    distanceKm: Math.round(location.distanceKm * 1000) / 1000,
  };
}
