/**
 * Tip text reduced to comparable words, whatever the script: Arabic cleaned and unified as in name
 * search (marks, tatweel, Arabic-Indic digits, alef/ta marbuta/ya forms, the article ال), Latin folded
 * (case, accents; an apostrophe splits l'enfant), Tifinagh transliterated; common short words of French, Arabic, Darija
 * and English dropped. Two texts then compare by the Jaccard index of their word sets, or by edit
 * distance on the normalised strings (misspellings of a short text), whichever is higher.
 *
 * Also finds the "specifics" a sighting may carry (numbers such as a time or plate, colours, clothing,
 * a means of transport), which the score counts as detail.
 *
 * @example
 *   tipWords('La fille en ROUGE près de la gare'); // ["fille", "rouge", "pres", "gare"]
 *   tipWords('البنت بالأحمر قرب المحطة');           // ["بنت", "بالاحمر", "قرب", "محطه"]
 *   textSimilarity(tipWords('fille rouge gare'), tipWords('la fille en rouge à la gare')); // 1
 */
import { distance } from 'fastest-levenshtein';
import { cleanArabic, hasArabicLetter, startsWithArticle, unifyArabicLetters } from '../names/arabic-script.ts';
import { foldLatin } from '../names/latin-script.ts';
import { hasTifinaghLetter, tifinaghToLatin } from '../names/tifinagh-script.ts';

/** Longest normalised text compared by edit distance (bounds the cost of pathological input). */
export const EDIT_COMPARE_MAX_CHARS = 1000;
/** Most words kept per text. */
export const MAX_WORDS = 400;

const STOP_WORDS_RAW = [
  // French
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'et', 'ou', 'a', 'au', 'aux', 'en', 'dans', 'sur', 'avec', 'par', 'pour',
  'il', 'elle', 'ils', 'elles', 'je', 'j', 'on', 'nous', 'vous', 'est', 'etait', 'ai', 'avait', 'ce', 'cet', 'cette', 'ces', 'qui', 'que', 'qu',
  'se', 's', 'sa', 'son', 'ses', 'y', 'ne', 'pas', 'tres', 'vu', 'vue',
  // English
  'the', 'an', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'with', 'is', 'was', 'i', 'he', 'she', 'it', 'saw', 'seen', 'this', 'that',
  // Arabic and Darija (written in Arabic letters, before normalisation)
  'في', 'من', 'على', 'الى', 'إلى', 'عن', 'مع', 'و', 'أو', 'او', 'هو', 'هي', 'هذا', 'هذه', 'ذلك', 'التي', 'الذي', 'كان', 'كانت', 'قد', 'لقد',
  'انا', 'أنا', 'شفت', 'رأيت', 'واحد', 'وحدة', 'ديال', 'ديال', 'فيه', 'فيها', 'لي', 'اللي',
];

const COLOURS_RAW = [
  'rouge', 'bleu', 'bleue', 'vert', 'verte', 'jaune', 'noir', 'noire', 'blanc', 'blanche', 'gris', 'grise', 'rose', 'violet', 'violette', 'marron', 'orange', 'beige',
  'red', 'blue', 'green', 'yellow', 'black', 'white', 'grey', 'gray', 'pink', 'purple', 'brown',
  'احمر', 'حمراء', 'ازرق', 'زرقاء', 'اخضر', 'خضراء', 'اصفر', 'صفراء', 'اسود', 'سوداء', 'ابيض', 'بيضاء', 'رمادي', 'وردي', 'بني', 'حمر', 'كحل', 'كحلة', 'بيض',
];

const CLOTHING_RAW = [
  'pantalon', 'jean', 'jeans', 'robe', 'jupe', 'pull', 'tshirt', 'chemise', 'veste', 'manteau', 'casquette', 'chapeau', 'chaussures', 'baskets', 'sandales', 'sac',
  'cartable', 'hijab', 'foulard', 'djellaba', 'jellaba', 'survetement', 'short',
  'trousers', 'dress', 'skirt', 'shirt', 'jacket', 'coat', 'cap', 'hat', 'shoes', 'bag', 'backpack',
  'سروال', 'قميص', 'جلابة', 'جلابية', 'حجاب', 'فولار', 'حذاء', 'سباط', 'صندالة', 'معطف', 'جاكيط', 'قبعة', 'كاسكيطة', 'حقيبة', 'صاك', 'تريكو', 'فستان', 'تنورة',
];

const TRANSPORT_RAW = [
  'voiture', 'taxi', 'bus', 'autobus', 'autocar', 'car', 'moto', 'scooter', 'velo', 'camion', 'camionnette', 'train', 'tram', 'tramway', 'plaque', 'immatriculation',
  'truck', 'van', 'motorbike', 'bike', 'plate',
  'سيارة', 'طاكسي', 'تاكسي', 'حافلة', 'طوبيس', 'كار', 'دراجة', 'موطور', 'شاحنة', 'قطار', 'ترام', 'طرامواي', 'لوحة', 'ماتريكول',
];

/** One word of any script in its comparable form ('' when nothing comparable is left). */
function normaliseWord(word: string): string[] {
  if (hasArabicLetter(word)) {
    const cleaned = cleanArabic(word);
    const unified = unifyArabicLetters(startsWithArticle(cleaned) ? cleaned.slice(2) : cleaned);
    return [unified];
  }
  const latin = hasTifinaghLetter(word) ? tifinaghToLatin(word) : word;
  return foldLatin(latin).split(' ');
}

function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.normalize('NFKC').split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (raw === '') continue;
    for (const w of normaliseWord(raw)) if (w !== '') out.push(w);
    if (out.length >= MAX_WORDS * 2) break;
  }
  return out;
}

const vocabulary = (words: readonly string[]): ReadonlySet<string> => new Set(words.flatMap((w) => wordsOf(w)));

const STOP_WORDS = vocabulary(STOP_WORDS_RAW);
const COLOURS = vocabulary(COLOURS_RAW);
const CLOTHING = vocabulary(CLOTHING_RAW);
const TRANSPORT = vocabulary(TRANSPORT_RAW);

/** The comparable words of a text, in order, stop words and one-letter words removed. */
export function tipWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return wordsOf(text)
    .filter((w) => [...w].length >= 2 && !STOP_WORDS.has(w))
    .slice(0, MAX_WORDS);
}

/** |A ∩ B| / |A ∪ B| of the two word sets; 0 when either is empty. */
export function wordJaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared += 1;
  return shared / (sa.size + sb.size - shared);
}

/** 1 − edit distance / longer length of the joined words; 0 when either is empty or too long to compare. */
export function editSimilarity(a: readonly string[], b: readonly string[]): number {
  const x = a.join(' ');
  const y = b.join(' ');
  const longer = Math.max(x.length, y.length);
  if (x.length === 0 || y.length === 0 || longer > EDIT_COMPARE_MAX_CHARS) return 0;
  return 1 - distance(x, y) / longer;
}

/** How alike two texts' words are, from 0 to 1 (the higher of word Jaccard and edit similarity). */
export function textSimilarity(a: readonly string[], b: readonly string[]): number {
  return Math.max(wordJaccard(a, b), editSimilarity(a, b));
}

export type Specific = 'numbers' | 'colour' | 'clothing' | 'transport';

/** The kinds of specific detail a text carries, in a fixed order. */
export function specificsOf(words: readonly string[]): Specific[] {
  const found: Specific[] = [];
  if (words.some((w) => /\d/.test(w))) found.push('numbers');
  if (words.some((w) => COLOURS.has(w))) found.push('colour');
  if (words.some((w) => CLOTHING.has(w))) found.push('clothing');
  if (words.some((w) => TRANSPORT.has(w))) found.push('transport');
  return found;
}
