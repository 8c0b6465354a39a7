/**
 * A name field (given or family) split into normalised tokens, each with its phonetic readings.
 * Word rules that span tokens live here: articles (El/Al/Es…, ال), Abd compounds (Abd el Kader =
 * Abdelkader = Abdulqadir = عبد القادر, read as the particle "abd" and the name "kader", so that
 * Abdelkader and Abdelkrim differ by their names, not by a shared prefix), particles (Ben/Bin/Ibn/بن,
 * Aït/آيت, Ould, Bent) and the Moroccan abbreviations of Mohamed (Med, Mohd). Scripts may be mixed
 * within a field.
 *
 * @example
 *   nameTokens('Fatima Ezzahra').map((t) => t.forms.map((f) => f.phon)); // [["fatima"], ["ezahra", "zahra"]]
 *   nameTokens('عبد القادر').map((t) => t.text);                       // ["abd", "قادر"]
 *   normaliseLatin('Abd el-Kader Ben Jelloun');                       // "abdelkader ben jelloun"
 */
import { arabicNameWords, arabicPhonetic, cleanArabic, hasArabicLetter, startsWithArticle, unifyArabicLetters } from './arabic-script.ts';
import { foldLatin, latinPhonetic, latinReadings } from './latin-script.ts';
import type { NameToken, PhoneticForm } from './person-name.ts';
import { consonantSkeleton } from './phonetic-alphabet.ts';
import { hasTifinaghLetter, tifinaghToLatin } from './tifinagh-script.ts';

/** Standalone Latin articles, with the assimilated forms before sun letters (Es-Saidi, Ez-Zahra, Ech-Chaoui). */
const LATIN_ARTICLES = new Set(['el', 'al', 'l', 'ul', 'il', 'es', 'ez', 'et', 'ed', 'en', 'er', 'ech', 'ach', 'as', 'az', 'at', 'ad', 'an', 'ar', 'ash', 'ej']);

const LATIN_PARTICLES: Readonly<Record<string, string>> = {
  ben: 'ben', bin: 'ben', ibn: 'ben', ibnou: 'ben', ibnu: 'ben', bnou: 'ben',
  ait: 'ait', ayt: 'ait', aith: 'ait', ath: 'ait',
  ould: 'ould', ouled: 'ould', wuld: 'ould',
  bent: 'bent', bint: 'bent',
};

/** One phonetic spelling per particle, whatever the script, so "Ben Ali" and "بن علي" compare equal. */
const PARTICLE_PHON: Readonly<Record<string, string>> = {
  ben: 'bn', 'بن': 'bn', ait: 'ait', 'ايت': 'ait', ould: 'uld', 'ولد': 'uld', bent: 'bnt', 'بنت': 'bnt', abd: 'abd',
};

const ABBREVIATIONS: Readonly<Record<string, string>> = { med: 'mohamed', mohd: 'mohamed', mhd: 'mohamed', moh: 'mohamed' };

/** A word "Abd", "Abdel", "Abdul"… that takes the next word into one compound. */
const ABD_HEAD = /^abd(el|al|ul|oul|il|e|a|u|ou|i)?$/;
const LATIN_SUN = /^(ch|sh|th|dh|[tdrzsnl])/;

const MAX_TOKENS_PER_FIELD = 8;

/** Cost of reading a token without its fused article (Lamrani as Amrani). */
const FUSED_ARTICLE_PENALTY = 0.04;

export function nameTokens(field: string): NameToken[] {
  const tokens: NameToken[] = [];
  for (const run of scriptRuns(field)) {
    if (run.arabic) tokens.push(...arabicTokens(run.text));
    else tokens.push(...latinTokens(run.text));
  }
  // A stray digit or mark reads as nothing and must not count as a word. Names have a handful of
  // words; the cap bounds the cost of comparing pathological input.
  return tokens.filter((t) => t.forms[0].phon !== '').slice(0, MAX_TOKENS_PER_FIELD);
}

/**
 * The normalised text of a Latin-script name: folded, articles removed, particles canonical
 * (ben, ait, ould, bent), Abd compounds fused ("abdelkader", "abderrahim"), abbreviations expanded.
 */
export function normaliseLatin(text: string): string {
  return latinWords(text)
    .map((w) => (w.kind === 'abd' ? abdCompoundText(w.text) : w.text))
    .join(' ');
}

interface ScriptRun {
  readonly text: string;
  readonly arabic: boolean;
}

/** Splits a field where it changes between Arabic and non-Arabic script; Tifinagh becomes Latin. */
function scriptRuns(field: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const ch of field.normalize('NFKC')) {
    const arabic = hasArabicLetter(ch) || (/[\u0600-\u06FF]/u.test(ch) && runs.at(-1)?.arabic === true);
    const text = hasTifinaghLetter(ch) ? tifinaghToLatin(ch) : ch;
    const last = runs.at(-1);
    if (last && (last.arabic === arabic || /\s/u.test(ch))) runs[runs.length - 1] = { text: last.text + text, arabic: last.arabic };
    else runs.push({ text, arabic });
  }
  return runs;
}

function particleToken(text: string, arabic: boolean): NameToken {
  return { text, arabic, particle: true, forms: [{ phon: PARTICLE_PHON[text] ?? text, penalty: 0 }] };
}

function arabicTokens(text: string): NameToken[] {
  const tokens: NameToken[] = [];
  for (const word of arabicNameWords(cleanArabic(text))) {
    if (word.particle) {
      tokens.push(particleToken(word.text, true));
      continue;
    }
    const abdRest = word.text.startsWith('عبد') ? word.text.slice(3) : '';
    if ([...abdRest].length >= 3) {
      tokens.push(particleToken('abd', true));
      const name = startsWithArticle(abdRest) || /^[اٱ]لله$/u.test(abdRest) ? abdRest.slice(2) : abdRest;
      // الله: "lah" in every Latin spelling (Abdellah, Abdallah, Abdullah).
      const phon = name === 'له' ? 'la' : arabicPhonetic(name);
      tokens.push({ text: unifyArabicLetters(name), arabic: true, particle: false, forms: [{ phon, penalty: 0 }] });
      continue;
    }
    tokens.push({ text: unifyArabicLetters(word.text), arabic: true, particle: false, forms: [{ phon: arabicPhonetic(word.text), penalty: 0 }] });
  }
  return tokens;
}

interface LatinWord {
  readonly text: string;
  readonly kind: 'name' | 'particle' | 'abd';
}

/** Folded Latin words with articles dropped, particles canonical and Abd compounds fused into one word. */
function latinWords(text: string): LatinWord[] {
  const words = foldLatin(text)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => ABBREVIATIONS[w] ?? w);
  const out: LatinWord[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (ABD_HEAD.test(word) && next !== undefined) {
      // Abd + optional article word + name: one compound.
      const third = words[i + 2];
      const withArticle = LATIN_ARTICLES.has(next) && third !== undefined;
      out.push({ text: withArticle ? word + next + third : word + next, kind: 'abd' });
      i += withArticle ? 2 : 1;
    } else if (LATIN_ARTICLES.has(word) && next !== undefined) {
      continue;
    } else if (LATIN_PARTICLES[word] !== undefined && next !== undefined) {
      out.push({ text: LATIN_PARTICLES[word] ?? word, kind: 'particle' });
    } else {
      out.push({ text: word, kind: abdCompoundName(word) === undefined ? 'name' : 'abd' });
    }
  }
  return out;
}

/**
 * The name inside a fused Abd compound, without the article: "abdelkader" → "kader", "abderrahim" →
 * "rahim", "abdallah" → "lah", "abdeslam" → "slam". Undefined when the word is not a compound ("abdou").
 */
function abdCompoundName(word: string): string | undefined {
  const rest = /^abd(.*)$/.exec(word)?.[1];
  if (rest === undefined) return undefined;
  const article = /^(?:el|al|ul|oul|il|ol)(.{2,})$/.exec(rest);
  if (article?.[1]) return article[1];
  const assimilated = /^(?:e|a|u|ou|o|i)(ch|sh|[tdrzsnl])\1(.+)$/.exec(rest);
  if (assimilated?.[1] && assimilated[2]) return assimilated[1] + assimilated[2];
  const vowel = /^(?:e|a|u|ou|o|i)(.{3,})$/.exec(rest);
  if (vowel?.[1]) return vowel[1];
  return rest.length >= 3 ? rest : undefined;
}

/** The canonical text of a compound: "abdel" before a moon letter, "abde" + doubled sun letter before a sun letter. */
function abdCompoundText(word: string): string {
  const name = abdCompoundName(word) ?? word.slice(3);
  const sun = LATIN_SUN.exec(name)?.[1];
  return sun ? `abde${sun}${name}` : `abdel${name}`;
}

function latinTokens(text: string): NameToken[] {
  const tokens: NameToken[] = [];
  for (const word of latinWords(text)) {
    if (word.kind === 'particle') {
      tokens.push(particleToken(word.text, false));
    } else if (word.kind === 'abd') {
      const name = abdCompoundName(word.text) ?? word.text.slice(3);
      tokens.push(particleToken('abd', false));
      // "Abdelatif" may have lost the l of "latif" to the article.
      const alternatives = /^[aeiou]/.test(name) ? [{ word: `l${name}`, penalty: FUSED_ARTICLE_PENALTY }] : [];
      tokens.push(latinToken(name, alternatives));
    } else {
      tokens.push(latinToken(word.text, fusedArticleReadings(word.text)));
    }
  }
  return tokens;
}

function latinToken(word: string, alternatives: readonly { word: string; penalty: number }[]): NameToken {
  const forms: [PhoneticForm, ...PhoneticForm[]] = [{ phon: latinPhonetic(word), penalty: 0 }];
  for (const variant of [{ word, penalty: 0 }, ...alternatives]) {
    for (const phon of latinReadings(variant.word)) {
      if (!forms.some((f) => f.phon === phon)) forms.push({ phon, penalty: variant.penalty });
    }
  }
  return { text: word, arabic: false, particle: false, forms };
}

/**
 * Readings of a Latin word without an article fused onto it: "Elamrani", "Lamrani" → "amrani",
 * "Lamrini" → "mrini";
 * "Ezzahra", "Essaidi" → "zahra", "saidi"; "Echraibi" → "chraibi". Only when enough of the word
 * is left to be a name (two consonants, or five letters with one), so "Alaoui" and "Lina" stay whole.
 */
function fusedArticleReadings(word: string): { word: string; penalty: number }[] {
  const out: { word: string; penalty: number }[] = [];
  const substantial = (rest: string): boolean => {
    const consonants = consonantSkeleton(latinPhonetic(rest)).length;
    return consonants >= 2 || (consonants >= 1 && rest.length >= 5);
  };
  const assimilated = /^[ea](ss|zz|tt|dd|nn|rr|ll|chch)(.{2,})$/.exec(word);
  const unassimilated = assimilated?.[1] && assimilated[2] ? assimilated[1].slice(0, assimilated[1].length / 2) + assimilated[2] : '';
  if (unassimilated !== '' && substantial(unassimilated)) out.push({ word: unassimilated, penalty: 0 });
  const beforeCh = /^ech([^aeiouy].+)$/.exec(word);
  if (beforeCh?.[1]) out.push({ word: `ch${beforeCh[1]}`, penalty: 0 });
  const article = /^(?:el|al)(.{3,})$/.exec(word);
  if (article?.[1] && substantial(article[1])) out.push({ word: article[1], penalty: FUSED_ARTICLE_PENALTY });
  // "Lamrani" is l-amrani (العمراني), "Lamrini" is la-mrini (المريني): both cuts are readings.
  const lam = /^l([aeiou].{3,})$/.exec(word);
  if (lam?.[1] && substantial(lam[1])) out.push({ word: lam[1], penalty: FUSED_ARTICLE_PENALTY });
  const la = /^la(.{3,})$/.exec(word);
  if (la?.[1] && substantial(la[1])) out.push({ word: la[1], penalty: FUSED_ARTICLE_PENALTY });
  return out;
}
