/**
 * Arabic-script names: cleaning (tashkeel, tatweel, Arabic-Indic digits, Persian and Maghrebi letter
 * variants), word rules (the article ال, عبد compounds, بن/ابن and آيت particles), the normalised text
 * form used for exact comparison, and the reduction of one word to the phonetic alphabet
 * (phonetic-alphabet.ts).
 *
 * @example
 *   normaliseArabic('مُحَمَّد الإدريسي'); // "محمد ادريسي"
 *   normaliseArabic('عبد القادر');        // "عبدالقادر"
 *   arabicPhonetic('خديجة');              // "xdija"
 */
import { collapseRepeats } from './phonetic-alphabet.ts';

/** Harakat, shadda, sukun, superscript alef and Quranic annotation marks. */
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF]/gu;
const TATWEEL = /\u0640/gu;

/** Letter variants from Persian keyboards and Maghrebi orthography, folded to the standard letter. */
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  'ی': 'ي', 'ې': 'ي', 'ک': 'ك', 'ھ': 'ه', 'ہ': 'ه', 'ۀ': 'ه', 'ٲ': 'أ', 'ٳ': 'إ', 'ڢ': 'ف', 'ڧ': 'ق', 'پ': 'ب',
};

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\u08A0-\u08C9]/u;

export function hasArabicLetter(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** NFKC (presentation forms, ligatures such as ﷲ), marks and tatweel removed, digits to ASCII. */
export function cleanArabic(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').replace(MARKS, '').replace(TATWEEL, '')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else out += LETTER_VARIANTS[ch] ?? ch;
  }
  return out;
}

/** Names that begin with ال without it being the article, once their hamza is left out (إلياس, إلهام). */
const NOT_AN_ARTICLE = new Set(['الياس', 'الهام', 'اليسع', 'الفت', 'الماس', 'الاء']);

/** The article ال (written with a bare alef or alef wasla) at the start of a word of 4 letters or more. */
export function startsWithArticle(word: string): boolean {
  return /^[اٱ]ل/u.test(word) && [...word].length >= 4 && !NOT_AN_ARTICLE.has(word);
}

const PARTICLES: Readonly<Record<string, string>> = {
  'بن': 'بن', 'ابن': 'بن', 'إبن': 'بن', 'أبن': 'بن', 'بنت': 'بنت',
  'آيت': 'ايت', 'أيت': 'ايت', 'ايت': 'ايت', 'إيت': 'ايت', 'ولد': 'ولد',
};

export interface ArabicWord {
  /** The cleaned word, article removed (kept inside عبد compounds); letters not yet unified. */
  readonly text: string;
  readonly particle: boolean;
}

/**
 * The words of a cleaned Arabic name: "عبد" is fused with the word after it ("عبد القادر" =
 * "عبدالقادر"), particles take one canonical spelling, and a leading article is removed elsewhere.
 */
export function arabicNameWords(cleaned: string): ArabicWord[] {
  const raw = cleaned.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const words: ArabicWord[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const word = raw[i] ?? '';
    const next = raw[i + 1];
    if (word === 'عبد' && next !== undefined) {
      words.push({ text: word + next, particle: false });
      i += 1;
      continue;
    }
    const particle = PARTICLES[word];
    if (particle !== undefined && next !== undefined) {
      words.push({ text: particle, particle: true });
      continue;
    }
    words.push({ text: startsWithArticle(word) ? word.slice(2) : word, particle: false });
  }
  return words;
}

const UNIFY: Readonly<Record<string, string>> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي', 'ڭ': 'ك', 'ݣ': 'ك', 'گ': 'ك', 'ڨ': 'ق', 'ڤ': 'ف', 'ڥ': 'ف',
};

/** The letter unification of Arabic search: alef forms, ى, ة, hamza carriers, Maghrebi g and v. */
export function unifyArabicLetters(word: string): string {
  let out = '';
  for (const ch of word) out += UNIFY[ch] ?? ch;
  return out;
}

/**
 * The normalised text form of an Arabic name, for exact comparison and display-insensitive equality:
 * marks, tatweel and the article removed, letters unified, عبد compounds fused, digits in ASCII.
 */
export function normaliseArabic(text: string): string {
  return arabicNameWords(cleanArabic(text))
    .map((w) => unifyArabicLetters(w.text))
    .join(' ');
}

const LETTERS: Readonly<Record<string, string>> = {
  'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'خ': 'x', 'د': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'c', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': 'A', 'غ': 'G', 'ف': 'f', 'ق': 'k',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'u', 'ي': 'i', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'أ': 'A',
  'إ': 'A', 'آ': 'a', 'ٱ': 'a', 'ا': 'a', 'ڭ': 'g', 'ݣ': 'g', 'گ': 'g', 'ڨ': 'g', 'ڤ': 'f', 'ڥ': 'f',
};

/**
 * One cleaned Arabic word in the phonetic alphabet. Only what is written is kept: consonants and the
 * long vowels ا و ي. A word-initial alef and ع are A (a vowel of unknown quality to Latin, a letter to
 * Arabic). Endings: ة is a (فاطمة = Fatima); اة is "at" (نجاة = Najat); a final ه after a consonant is
 * read as a misspelt ة (فاطمه); a final ي or ى is Y, a or i, because the two are written for each
 * other (مصطفى/مصطفي); a two-letter word ending in ه keeps it (طه = Taha).
 */
export function arabicPhonetic(word: string): string {
  const letters = [...word];
  let out = '';
  letters.forEach((ch, i) => {
    const last = i === letters.length - 1;
    const prev = letters[i - 1];
    if (i === 0 && (ch === 'ا' || ch === 'أ' || ch === 'إ' || ch === 'آ' || ch === 'ٱ')) out += 'A';
    else if ((ch === 'ى' || ch === 'ي') && last && i > 0) out += 'Y';
    else if (ch === 'ى') out += 'i';
    else if (ch === 'ة') out += prev === 'ا' ? 't' : 'a';
    else if (ch === 'ه' && last && letters.length === 2) out += 'ha';
    else if (ch === 'ه' && last && prev !== undefined && !'اوي'.includes(prev)) out += 'a';
    else out += LETTERS[ch] ?? '';
  });
  return collapseRepeats(out);
}
