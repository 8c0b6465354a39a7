/**
 * Similarity of two phonetic strings (phonetic-alphabet.ts): a weighted edit distance whose costs
 * follow how names are written rather than how letters differ.
 *
 * - Arabic writes consonants and long vowels only. A Latin vowel with nothing facing it in Arabic is
 *   cheap (a short vowel: Mohamed/محمد), except where Latin shows a vowel Arabic would write: a glide
 *   next to another vowel (Said, Aicha, Meryem), a word-initial vowel (Achraf/شرف), an "ou" after the
 *   first syllable (Mahmoud/محمد), a final vowel (Amina/أمين).
 * - Arabic against Arabic: every letter counts, long vowels, ع and the initial alef included
 *   (محمد/محمود, سعد/سعيد, أشرف/شرف).
 * - Latin against Latin: the weak e differs cheaply from any vowel (Meryem/Maryam, Youssef/Youssouf);
 *   a, i and u differ more (Anas/Anis, Omar/Ammar); glides count almost as letters (Chaimae/Chama).
 * - Consonants that transliterations confuse are near (ق/ك/g, س/ش, ح/خ, ز/ظ/ذ); others cost 1.
 * - The ending (a, i, u or a consonant) separates names by sex and form (Amine/Amina,
 *   Karim/Karima, Mansour/Mansouri) and costs extra when it differs.
 *
 * The cost is divided by the larger of the two strings' own weights, so the similarity is in [0, 1].
 *
 * @example
 *   phoneticSimilarity({ phon: 'muhamed', arabic: false }, { phon: 'mhmd', arabic: true }); // ≈ 0.93
 */
import { isVowelSymbol } from './phonetic-alphabet.ts';

export interface PhoneticString {
  readonly phon: string;
  /** The string came from Arabic script (only long vowels written). */
  readonly arabic: boolean;
}

/** The costs the similarity is built from, named so that tests and the documentation can cite them. */
export const PHONETIC_COSTS = {
  consonant: 1,
  /** h is often added or left out in Latin (Fatimah, Sarah) and in Arabizi. */
  h: 0.7,
  /** A vowel of unknown quality (ع, initial hamza, Arabizi 3) facing Latin. */
  unknownVowel: 0.1,
  /** An Arabic long vowel missing in Latin. */
  arabicVowelVsLatin: 0.6,
  /** A letter missing between two Arabic spellings. */
  arabicLetterVsArabic: 1,
  /** A Latin vowel that Arabic need not write (a short vowel). */
  latinShortVowelVsArabic: 0.1,
  /** A Latin vowel that Arabic would write: a glide, a word-initial or a final vowel. */
  latinWrittenVowelVsArabic: 0.6,
  /** Latin "ou" after the first syllable, not echoing an earlier u: Arabic writes و there (Mahmoud). */
  latinLateUVsArabic: 0.9,
  /** Latin "ou" in the first syllable or echoing an earlier u (Bouchra, Youssouf): often a short u. */
  latinEarlyUVsArabic: 0.15,
  latinVowelVsLatin: 0.35,
  latinGlideVsLatin: 0.6,
  latinWeakVowelVsLatin: 0.2,
  /** Two different full vowels (a, i, u) in Latin. */
  latinVowelSwap: 0.7,
  /** The weak e against a or i, and against u. */
  weakVowelSwap: 0.15,
  weakVowelSwapU: 0.3,
  /** An Arabic long vowel against a different Latin vowel. */
  crossVowelSwap: 0.6,
} as const;

/** Weights of a string's own symbols: what the string is worth when nothing on the other side matches. */
const SELF_WEIGHT = { consonant: 1, unknownVowel: 0.1, arabicVowel: 0.6, latinVowel: 0.35, latinWeakVowel: 0.2 } as const;

/** Consonant pairs that spellings confuse, with their substitution cost. */
const NEAR_CONSONANTS: Readonly<Record<string, number>> = {
  gk: 0.3, // ڭ written ك or ق, Guessous = قسوس
  gj: 0.4, // ج said as g
  Gg: 0.4,
  Gk: 0.6,
  Gr: 0.7, // French r for غ
  Gx: 0.7,
  hx: 0.6, // ح / خ
  kx: 0.5, // kh written k (Kadija, Kalid)
  cs: 0.6, // س / ش
  sz: 0.5,
  dt: 0.6,
  dz: 0.6, // ذ / ظ / ض
  st: 0.7, // ث said as s
  cj: 0.8,
  bf: 0.9,
};

type Ending = 'a' | 'i' | 'u' | 'Y' | 'C';

/** Extra cost when endings differ; Y (Arabic final ي/ى) agrees with a and i. */
const ENDING_PENALTY: Readonly<Record<string, number>> = { Ca: 0.25, ai: 0.2, au: 0.2, Ci: 0.25, Cu: 0.08, iu: 0.12, CY: 0.25, Yu: 0.12 };

function ending(phon: string): Ending {
  const last = phon.at(-1);
  return last === 'a' || last === 'i' || last === 'u' || last === 'Y' ? last : 'C';
}

export function endingPenalty(x: string, y: string): number {
  const a = ending(x);
  const b = ending(y);
  if (a === b) return 0;
  return ENDING_PENALTY[[a, b].sort().join('')] ?? 0;
}

function selfWeight(s: PhoneticString): number {
  let w = 0;
  for (const ch of s.phon) {
    if (!isVowelSymbol(ch)) w += SELF_WEIGHT.consonant;
    else if (ch === 'A') w += s.arabic ? SELF_WEIGHT.arabicVowel : SELF_WEIGHT.unknownVowel;
    else if (s.arabic) w += SELF_WEIGHT.arabicVowel;
    else w += ch === 'e' ? SELF_WEIGHT.latinWeakVowel : SELF_WEIGHT.latinVowel;
  }
  return w;
}

/** The cost of leaving each symbol of `s` unmatched, given the script of the other string. */
function indelCosts(s: PhoneticString, otherArabic: boolean): number[] {
  const symbols = [...s.phon];
  let consonantsBefore = 0;
  let prevVowel = '';
  return symbols.map((ch, i) => {
    const vowel = isVowelSymbol(ch);
    const glide = isGlide(symbols, i);
    let cost: number;
    if (!vowel) cost = ch === 'h' ? PHONETIC_COSTS.h : PHONETIC_COSTS.consonant;
    else if (s.arabic && otherArabic) cost = PHONETIC_COSTS.arabicLetterVsArabic;
    else if (ch === 'A') cost = PHONETIC_COSTS.unknownVowel;
    else if (s.arabic) cost = PHONETIC_COSTS.arabicVowelVsLatin;
    else if (!otherArabic) cost = ch === 'e' ? PHONETIC_COSTS.latinWeakVowelVsLatin : glide ? PHONETIC_COSTS.latinGlideVsLatin : PHONETIC_COSTS.latinVowelVsLatin;
    else if (ch === 'e') cost = PHONETIC_COSTS.latinShortVowelVsArabic;
    else if (glide || i === 0 || i === symbols.length - 1) cost = PHONETIC_COSTS.latinWrittenVowelVsArabic;
    else if (ch === 'u') cost = consonantsBefore <= 1 || prevVowel === 'u' ? PHONETIC_COSTS.latinEarlyUVsArabic : PHONETIC_COSTS.latinLateUVsArabic;
    else cost = PHONETIC_COSTS.latinShortVowelVsArabic;
    if (!vowel) consonantsBefore += 1;
    else if (ch !== 'A') prevVowel = ch;
    return cost;
  });
}

function isFullVowel(symbol: string | undefined): boolean {
  return symbol !== undefined && symbol !== 'A' && isVowelSymbol(symbol);
}

/**
 * An i or u that is a glide (y, w) rather than a short vowel: before another vowel (Ilyas, Meryem,
 * Ouazzani, the w of Wissal), or after a or e (Said, Aicha, Alaoui). In "wi" or "you" the second
 * letter is the vowel.
 */
function isGlide(symbols: readonly string[], i: number): boolean {
  const ch = symbols[i];
  if (ch !== 'i' && ch !== 'u') return false;
  const prev = symbols[i - 1];
  return isFullVowel(symbols[i + 1]) || prev === 'a' || prev === 'e';
}

function vowelSubstitution(x: string, xArabic: boolean, y: string, yArabic: boolean): number {
  if (xArabic && yArabic) return PHONETIC_COSTS.arabicLetterVsArabic;
  if (x === 'A' || y === 'A') return 0;
  if (x === 'Y' || y === 'Y') {
    const other = x === 'Y' ? y : x;
    return other === 'a' || other === 'i' ? 0 : PHONETIC_COSTS.crossVowelSwap;
  }
  if (x === 'e' || y === 'e') {
    const other = x === 'e' ? y : x;
    const otherArabic = x === 'e' ? yArabic : xArabic;
    if (other === 'u') return otherArabic ? PHONETIC_COSTS.crossVowelSwap : PHONETIC_COSTS.weakVowelSwapU;
    return PHONETIC_COSTS.weakVowelSwap;
  }
  return xArabic || yArabic ? PHONETIC_COSTS.crossVowelSwap : PHONETIC_COSTS.latinVowelSwap;
}

function substitution(x: string, xArabic: boolean, y: string, yArabic: boolean): number {
  if (x === y) return 0;
  const xv = isVowelSymbol(x);
  const yv = isVowelSymbol(y);
  if (xv !== yv) return PHONETIC_COSTS.consonant;
  if (!xv) return NEAR_CONSONANTS[[x, y].sort().join('')] ?? PHONETIC_COSTS.consonant;
  return vowelSubstitution(x, xArabic, y, yArabic);
}

/** The weighted edit distance between two phonetic strings. */
export function phoneticDistance(x: PhoneticString, y: PhoneticString): number {
  const xs = [...x.phon];
  const ys = [...y.phon];
  const delX = indelCosts(x, y.arabic);
  const delY = indelCosts(y, x.arabic);
  let prev: number[] = [0];
  for (let j = 1; j <= ys.length; j += 1) prev.push((prev[j - 1] ?? 0) + (delY[j - 1] ?? 0));
  for (let i = 1; i <= xs.length; i += 1) {
    const row: number[] = [(prev[0] ?? 0) + (delX[i - 1] ?? 0)];
    for (let j = 1; j <= ys.length; j += 1) {
      const sub = (prev[j - 1] ?? 0) + substitution(xs[i - 1] ?? '', x.arabic, ys[j - 1] ?? '', y.arabic);
      const del = (prev[j] ?? 0) + (delX[i - 1] ?? 0);
      const ins = (row[j - 1] ?? 0) + (delY[j - 1] ?? 0);
      row.push(Math.min(sub, del, ins));
    }
    prev = row;
  }
  return prev[ys.length] ?? 0;
}

/** 1 for the same sound sequence, falling towards 0 as the weighted edits grow; ending differences cost extra. */
export function phoneticSimilarity(x: PhoneticString, y: PhoneticString): number {
  const norm = Math.max(selfWeight(x), selfWeight(y));
  if (norm === 0) return x.phon === y.phon ? 1 : 0;
  const sim = 1 - phoneticDistance(x, y) / norm - endingPenalty(x.phon, y.phon);
  return Math.min(1, Math.max(0, sim));
}
