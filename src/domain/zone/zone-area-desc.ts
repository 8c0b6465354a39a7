/**
 * The CAP `areaDesc` of an alert zone: under 50 characters, in Arabic, French or Tamazight, made
 * of public names only. A circle is named by the prefecture/province of its centre, never by the
 * point itself (which may be a home address); provinces lose their "Province de"/"إقليم" prefix.
 * When the whole list does not fit, the first part is followed by the count of the others.
 *
 * Tamazight: no wording has been checked by a translator yet, so the `zgh` text holds only
 * numbers, "km" and names (in Tifinagh where the boundary data has them, otherwise in French).
 *
 * @example
 *   zoneAreaDesc(zone, 'fr', geo); // '160 km autour de Casablanca'
 *   zoneAreaDesc(zone, 'ar', geo); // '160 كم حول الدار البيضاء'
 *   zoneAreaDesc(bigZone, 'fr', geo); // '160 km autour de Casablanca + 3 autres'
 */
import type { PlaceNames } from '../geo/place-names.ts';
import type { Zone, ZoneGeography } from './zone.ts';

export type AreaDescLanguage = 'ar' | 'fr' | 'zgh';

/** Longest areaDesc, in characters (code points). */
export const AREA_DESC_MAX_LENGTH = 49;

const PREFIX: Readonly<Record<AreaDescLanguage, RegExp>> = {
  fr: /^(Préfecture|Province) (de |du |des |d'|d’)/u,
  ar: /^(عمالة|إقليم) /u,
  zgh: /^(ⵜⴰⵙⴳⴰ|ⵍⵉⵇⵍⵉⵎ|ⵍⵄⴰⵎⴰⵍⴰ) ⵏ /u,
};

const length = (s: string): number => [...s].length;

function nameIn(names: PlaceNames, lang: AreaDescLanguage): string {
  switch (lang) {
    case 'ar':
      return names.ar.replace(PREFIX.ar, '');
    case 'fr':
      return names.fr.replace(PREFIX.fr, '');
    case 'zgh':
      return names.zgh ? names.zgh.replace(PREFIX.zgh, '') : names.fr.replace(PREFIX.fr, '');
  }
}

function km(radiusKm: number, lang: AreaDescLanguage): string {
  const value = radiusKm >= 10 ? String(Math.round(radiusKm)) : String(Math.round(radiusKm * 10) / 10);
  return lang === 'fr' ? value.replace('.', ',') : value;
}

function circlePart(radiusKm: number, place: string | undefined, lang: AreaDescLanguage): string {
  switch (lang) {
    case 'ar':
      return place ? `${km(radiusKm, lang)} كم حول ${place}` : `${km(radiusKm, lang)} كم حول مكان الاختفاء`;
    case 'fr':
      return place ? `${km(radiusKm, lang)} km autour ${/^[AEIOUYÂÉÈÊÎÔ]/iu.test(place) ? "d'" : 'de '}${place}` : `${km(radiusKm, lang)} km autour du lieu de disparition`;
    case 'zgh':
      return place ? `${place} ${km(radiusKm, lang)} km` : `${km(radiusKm, lang)} km`;
  }
}

const DRAWN: Readonly<Record<AreaDescLanguage, string>> = { ar: 'منطقة محددة', fr: 'zone tracée', zgh: 'zone tracée' };
const SEPARATOR: Readonly<Record<AreaDescLanguage, string>> = { ar: '، ', fr: ', ', zgh: ', ' };
const OTHERS: Readonly<Record<AreaDescLanguage, (n: number) => string>> = {
  ar: (n) => ` + ${n} أخرى`,
  fr: (n) => ` + ${n} ${n === 1 ? 'autre' : 'autres'}`,
  zgh: (n) => ` + ${n}`,
};

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

export function zoneAreaDesc(zone: Zone, lang: AreaDescLanguage, geo: ZoneGeography): string {
  const provinceName = (code: string) => {
    const names = geo.province(code)?.names;
    return names ? nameIn(names, lang) : code;
  };
  const parts = [
    ...zone.circles.map((c) => {
      const located = geo.locate(c.center);
      return circlePart(c.radiusKm, located && provinceName(located.provinceCode), lang);
    }),
    ...zone.regions.map((code) => {
      const names = geo.region(code)?.names;
      return names ? nameIn(names, lang) : code;
    }),
    ...zone.provinces.map(provinceName),
    ...zone.polygons.map(() => DRAWN[lang]),
  ];
  const [first = '', ...rest] = parts;
  const all = parts.join(SEPARATOR[lang]);
  if (length(all) <= AREA_DESC_MAX_LENGTH) return all;
  if (!rest.length) return truncate(first, AREA_DESC_MAX_LENGTH);
  const suffix = OTHERS[lang](rest.length);
  return truncate(first, AREA_DESC_MAX_LENGTH - length(suffix)) + suffix;
}
