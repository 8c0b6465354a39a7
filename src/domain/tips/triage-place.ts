/**
 * A tip's place text ("près de la gare, Casablanca", "حي السلام، طنجة") located to a prefecture or
 * province when it names one, so a tip without a map point can still be placed roughly. The names come
 * from the project's geography (French, Arabic and Tifinagh names of the 75 prefectures/provinces,
 * without "Province de", "Préfecture de", "إقليم", "عمالة"), plus the common city spellings in
 * EXTRA_ALIASES (Agadir for "Agadir Ida-Outanane", Tanger/Tangier/طنجة for "Tanger-Assilah"…).
 *
 * A name found inside a longer name found does not count on its own; two provinces still named after
 * that ("Rabat Salé") is ambiguous and gives no match, as does a text naming none. Pure: the areas are
 * an input.
 *
 * @example
 *   const gazetteer = buildPlaceGazetteer(geo.provinces);
 *   matchPlace(gazetteer, 'Hay Hassani, Casablanca'); // { code: 'MA-CAS', matched: 'casablanca' }
 *   matchPlace(gazetteer, 'quelque part');            // undefined
 */
import type { PlaceNames } from '../geo/place-names.ts';
import { tipWords } from './triage-text.ts';

export interface NamedArea {
  readonly code: string;
  readonly names: PlaceNames;
}

export interface PlaceMatch {
  readonly code: string;
  /** The normalised name that matched (for the score's explanation). */
  readonly matched: string;
}

interface Alias {
  readonly code: string;
  readonly words: readonly string[];
}

export interface PlaceGazetteer {
  readonly aliases: readonly Alias[];
}

/** City names people write that differ from the administrative name of their prefecture/province. */
export const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'MA-AGD': ['Agadir', 'أكادير', 'اكادير'],
  'MA-CAS': ['Casa', 'Dar el Beida', 'Dar Beida', 'كازا'],
  'MA-TNG': ['Tanger', 'Tangier', 'Tanja', 'طنجة', 'Assilah', 'Asilah', 'أصيلة'],
  'MA-MAR': ['Marrakesh', 'Marrakch'],
  'MA-FES': ['Fez', 'Fes'],
  'MA-MEK': ['Meknes', 'Meknès'],
  'MA-OUJ': ['Oujda', 'وجدة'],
  'MA-INE': ['Inezgane', 'إنزكان', 'Aït Melloul', 'Ait Melloul', 'آيت ملول'],
  'MA-SKH': ['Temara', 'Témara', 'تمارة', 'Skhirat', 'Skhirate', 'الصخيرات'],
  'MA-MDF': ['Mdiq', "M'diq", 'Fnideq', 'المضيق', 'الفنيدق'],
  'MA-TET': ['Tetouan', 'Tetuan', 'Tétouan'],
  'MA-LAA': ['Laayoune', 'El Aaiun'],
  'MA-OUD': ['Dakhla', 'الداخلة'],
  'MA-KEN': ['Kenitra'],
  'MA-ESI': ['Mogador'],
  'MA-HOC': ['Al Hoceima', 'Hoceima'],
};

const DESIGNATOR = /^(province|prefecture|préfecture)\s+(de\s+|d['’]\s*)?|^(إقليم|عمالة)\s+/iu;

function aliasWords(name: string): string[] {
  return tipWords(name.trim().replace(DESIGNATOR, ''));
}

export function buildPlaceGazetteer(areas: readonly NamedArea[]): PlaceGazetteer {
  const aliases: Alias[] = [];
  const seen = new Set<string>();
  const add = (code: string, name: string | null): void => {
    if (!name) return;
    const words = aliasWords(name);
    const key = `${code}|${words.join(' ')}`;
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    aliases.push({ code, words });
  };
  for (const area of areas) {
    for (const name of [area.names.fr, area.names.ar, area.names.zgh]) add(area.code, name);
    for (const name of EXTRA_ALIASES[area.code] ?? []) add(area.code, name);
  }
  return { aliases };
}

/** Every start position of `needle` as a run of whole words in `haystack`. */
function positionsIn(haystack: readonly string[], needle: readonly string[]): number[] {
  const found: number[] = [];
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
}

interface Hit {
  readonly alias: Alias;
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

/**
 * The one prefecture/province the text names, or undefined: a name found inside a longer one found
 * ("Tanger" inside "Tanger Assilah") does not count on its own; two provinces still named after that
 * ("Rabat Salé") is ambiguous.
 */
export function matchPlace(gazetteer: PlaceGazetteer, placeText: string | null | undefined): PlaceMatch | undefined {
  const words = tipWords(placeText);
  if (words.length === 0) return undefined;
  const hits: Hit[] = [];
  for (const alias of gazetteer.aliases) for (const from of positionsIn(words, alias.words)) hits.push({ alias, from, to: from + alias.words.length });
  const inside = (a: Hit, b: Hit): boolean => a !== b && b.from <= a.from && a.to <= b.to && b.to - b.from > a.to - a.from;
  const kept = hits.filter((h) => !hits.some((other) => inside(h, other)));
  const codes = new Set(kept.map((h) => h.alias.code));
  if (codes.size !== 1) return undefined;
  const longest = kept.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  return { code: longest.alias.code, matched: longest.alias.words.join(' ') };
}
