/**
 * Corrections to the names in the `morocco-map` package (v1.3.0, ODbL-1.0), by ISO 3166-2 code.
 * Each entry replaces only the scripts it names; a `zgh: null` entry removes a Tifinagh name.
 * Official spellings follow the 2015 territorial organisation (décret n° 2-15-40 for the regions,
 * the prefectures and provinces as listed by the Ministry of the Interior).
 */
export interface PlaceNameOverride {
  readonly fr?: string;
  readonly ar?: string;
  readonly zgh?: string | null;
}

export const PLACE_NAME_OVERRIDES: Readonly<Record<string, PlaceNameOverride>> = {
  // Regions
  'MA-01': { fr: 'Tanger-Tétouan-Al Hoceïma' }, // source: "Al Hoceima" without the diaeresis
  'MA-02': { fr: "L'Oriental" }, // source: "Oriental"; the region's name carries the article
  'MA-07': { ar: 'مراكش-آسفي' }, // source: "أسفي"; the official spelling of Safi is آسفي
  'MA-10': { zgh: 'ⴳⵍⵎⵉⵎ-ⵡⴰⴷ ⵏⵓⵏ' }, // source: "ⵜⴰⵙⴳⴰ" ("region") where Guelmim (ⴳⵍⵎⵉⵎ, as in MA-GUE) belongs

  // Prefectures and provinces
  'MA-FIG': { ar: 'إقليم فجيج' }, // source gives Nador's Arabic name (إقليم الناظور) to Figuig
  'MA-RAB': { fr: 'Préfecture de Rabat' }, // source has the Arabic name only
  'MA-OUA': { ar: 'إقليم ورزازات' }, // source: "ورززات", a letter missing
  'MA-SAF': { ar: 'إقليم آسفي' }, // source: "أسفي"; official spelling آسفي
  'MA-INE': { zgh: 'ⵍⵄⴰⵎⴰⵍⴰ ⵏ ⵉⵏⵣⴳⴰⵏ-ⴰⵢⵜ ⵎⵍⵍⵓⵍ' }, // source writes Aït Melloul "ⴰⵢⵜ ⴺⵍⵓⵍ" (ⴺ for ⵎ, one ⵍ short)
  'MA-MEK': { fr: 'Préfecture de Meknès' }, // source: "Prefecture", accent missing
  'MA-KEN': { fr: 'Province de Kénitra' }, // source: "Kenitra"
  'MA-BEM': { fr: 'Province de Béni Mellal' }, // source: "Beni Mellal"
  'MA-HOC': { fr: "Province d'Al Hoceïma" }, // source: "Al Hoceima"
  'MA-ESI': { fr: "Province d'Essaouira" }, // source: "Province Essaouira", preposition missing
  'MA-NOU': { fr: 'Province de Nouaceur' }, // source: "Province Nouaceur"
  'MA-ASZ': { fr: "Province d'Assa-Zag" }, // source: "Province Assa-Zag"
};
