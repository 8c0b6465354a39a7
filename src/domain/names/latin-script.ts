/**
 * Latin-script names: folding (case, accents, apostrophes, Cyrillic look-alikes) and the reduction of
 * one folded word to the phonetic alphabet (phonetic-alphabet.ts), following the habits of Moroccan
 * French transliteration: ou/u/w, y/i/ee, ch/sh = ش, kh = خ, gh/rh = غ, dj/j = ج, q/k = ق,
 * th = ث, dh = ذ, c before e/i = s, doubled letters and silent final e ignored, and Arabizi digits
 * (3 = ع, 7 = ح, 9 = ق, 5 = خ).
 *
 * @example
 *   foldLatin("Aït-Baha M'Hamed"); // "ait baha mhamed"
 *   latinPhonetic('mohammed');    // "muhamed"
 *   latinPhonetic('chaimae');     // "caima"
 *   latinReadings('fatimah');     // ["fatimah", "fatima"]
 */
import { collapseRepeats } from './phonetic-alphabet.ts';

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i', є: 'e',
};

/** Letters that Unicode decomposition does not reduce to a base letter. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't',
};

/** Apostrophes and ayn/hamza marks inside a word are dropped: M'hamed = Mhamed, Sa'id = Said. */
const JOINERS = /['’‘ʼʹʾʿ`´]/gu;

/**
 * Lowercase, accents stripped, Cyrillic transliterated, apostrophes removed; every other character
 * that is not a Latin letter or digit becomes a space (hyphens split "Fatima-Zahra" into two words).
 */
export function foldLatin(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase().replace(JOINERS, '');
  let mapped = '';
  for (const ch of lower) mapped += CYRILLIC[ch] ?? SPECIAL_LETTERS[ch] ?? ch;
  return mapped
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const FRONT_VOWEL = /^[eiy]/;
const ANY_VOWEL = /^[aeiouy]/;

/** Arabizi: digits that stand for Arabic letters in chat spelling. */
const ARABIZI: Readonly<Record<string, string>> = { '2': '', '3': 'A', '5': 'x', '6': 't', '7': 'h', '8': '', '9': 'k' };

const SINGLE: Readonly<Record<string, string>> = {
  a: 'a', b: 'b', d: 'd', e: 'e', f: 'f', h: 'h', i: 'i', j: 'j', k: 'k', l: 'l', m: 'm', n: 'n', o: 'u',
  p: 'b', q: 'k', r: 'r', s: 's', t: 't', u: 'u', v: 'f', w: 'u', x: 'ks', y: 'i', z: 'z',
};

/** Two- and three-letter spellings of one sound, longest first. */
const CLUSTERS: readonly (readonly [string, string])[] = [
  ['sch', 'c'],
  ['ch', 'c'],
  ['sh', 'c'],
  ['kh', 'x'],
  ['gh', 'G'],
  ['rh', 'G'],
  ['dj', 'j'],
  ['dh', 'd'],
  ['th', 't'],
  ['ph', 'f'],
  ['ck', 'k'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['ee', 'i'],
];

/**
 * One folded Latin word (a-z, 0-9) in the phonetic alphabet. Doubled symbols are collapsed; a silent
 * final e is dropped (Amine = Amin); a final "ae"/"aa" is one a (Chaimae = Chaimaa = Chaima). A final
 * "ah" stays: it may be ح (Salah); latinReadings adds the reading without h.
 */
export function latinPhonetic(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const rest = word.slice(i);
    const cluster = CLUSTERS.find(([spelling]) => rest.startsWith(spelling));
    if (cluster) {
      out += cluster[1];
      i += cluster[0].length;
      continue;
    }
    const ch = word.charAt(i);
    const after = word.slice(i + 1);
    if (ch === 'q' && after.startsWith('u') && ANY_VOWEL.test(after.slice(1))) {
      out += 'k';
      i += 2;
    } else if (ch === 'g' && after.startsWith('u') && FRONT_VOWEL.test(after.slice(1))) {
      out += 'g';
      i += 2;
    } else if (ch === 'g') {
      out += FRONT_VOWEL.test(after) ? 'j' : 'g';
      i += 1;
    } else if (ch === 'c') {
      out += FRONT_VOWEL.test(after) ? 's' : 'k';
      i += 1;
    } else {
      out += ARABIZI[ch] ?? SINGLE[ch] ?? '';
      i += 1;
    }
  }
  return trimLatinEnding(collapseRepeats(out));
}

function trimLatinEnding(phon: string): string {
  let p = phon;
  if (p.length > 2 && p.endsWith('ae')) p = p.slice(0, -1);
  // A final e after a consonant is silent in French spelling (Amine, Imane, Soufiane).
  if (p.length > 3 && p.endsWith('e') && !'aeiuA'.includes(p.charAt(p.length - 2))) p = p.slice(0, -1);
  return collapseRepeats(p);
}

/**
 * The readings of one folded Latin word: as written, and without a final h after a, which is ة or ه
 * as often as ح (Fatimah, Sarah, Abdellah against Salah).
 */
export function latinReadings(word: string): string[] {
  const phon = latinPhonetic(word);
  return phon.length > 2 && phon.endsWith('ah') ? [phon, phon.slice(0, -1)] : [phon];
}
