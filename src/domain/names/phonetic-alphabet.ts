/**
 * The phonetic alphabet every script is reduced to, so "محمد", "Mohammed" and "Mo7amed" can be
 * compared symbol by symbol. One character per sound class:
 *
 *   consonants  b t d j g k G x h c s z f l m n r
 *               (c = ش ch/sh, x = خ kh, G = غ gh/rh, g = hard g ڭ/گ, k = ك ق q k,
 *                t = ت ط ث th, d = د ض ذ dh, z = ز ظ, s = س ص)
 *   vowels      a i u  (w is u, y is i: Latin cannot tell و/ي consonant from vowel reliably)
 *               e      a Latin weak vowel (Mohamed, Meryem), close to a and i
 *               A      a vowel of unknown quality: ع, a word-initial hamza, Arabizi 3
 *               Y      a final ي or ى in Arabic: a or i (the two letters are written for each other)
 *
 * @example
 *   isVowelSymbol('a'); // true
 *   consonantSkeleton('muhamed'); // "mhmd"
 */

export const VOWEL_SYMBOLS = 'aeiuAY';

export function isVowelSymbol(symbol: string): boolean {
  return VOWEL_SYMBOLS.includes(symbol);
}

/** Removes adjacent repeats: doubled letters (Bennani/Benani, شدّة) carry no identity. */
export function collapseRepeats(phon: string): string {
  let out = '';
  for (const ch of phon) if (ch !== out.at(-1)) out += ch;
  return out;
}

/** The consonants only, as written in the phonetic string (no second collapse: "benani" keeps "bnn"). */
export function consonantSkeleton(phon: string): string {
  let out = '';
  for (const ch of phon) if (!isVowelSymbol(ch)) out += ch;
  return out;
}
