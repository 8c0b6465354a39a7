/**
 * Search keys for a name: short strings to store in an indexed column (one row per key, or a text[]
 * with a GIN index), so that finding the cases whose child may bear a name is an exact-key lookup
 * followed by scoring a small candidate set with nameSimilarity / nameQueryScore.
 *
 * Keys, all in one namespace "k:" so they meet across kinds:
 * - the consonant skeleton of each token (vowels, w and y dropped; q/k/g merged): "Mohammed",
 *   "Mohamed", "Muhammad", "Mo7amed" and "محمد" all give k:mhmd. Script and most spelling variants
 *   vanish here, because the skeleton keeps only what all spellings agree on.
 * - the skeleton with one consonant deleted, for skeletons of three consonants or more: two names one
 *   consonant apart (a substitution, an insertion or a deletion: Kadija/Khadija, Chrabi/Chraibi)
 *   then share a key. This is the "first letter and length bucket" idea made exact: it also survives
 *   a change of first letter, and costs one key per consonant instead of one huge bucket.
 * - the skeleton of a field's tokens read as one word (Ben Jelloun = Benjelloun, Fatima Zahra =
 *   Fatimazahra, Aït Baha = Aitbaha).
 * - for tokens without a consonant (Aya, آية), the vowel outline "v:aia" instead.
 * Particles (Ben, Aït, بن) and articles give no key of their own.
 *
 * Trade-off: more keys per name raise recall and the number of candidates. Deletion keys roughly
 * triple the keys of a long name and draw in names one consonant away (Mohamed draws Ahmed, Hamid
 * draws Hamida): candidates to score, not results. A search should rank cases by the number of keys
 * hit and score the top few hundred; with a query of several tokens, requiring a hit on every query
 * token keeps the candidate set small. Misses: names two consonants apart (Kahdija/Khadija) share no
 * key for that field; name-matching-measure.ts reports this as keyRecall on the labelled pairs.
 *
 * @example
 *   nameSearchKeys({ given: 'Mohammed', family: 'El Alaoui' }); // ["k:mhmd", "k:hmd", "k:mmd", "k:mhd", "k:mhm", "k:l"]
 *   nameSearchKeys({ given: 'محمد', family: 'العلوي' });        // the same keys
 */
import { nameTokens } from './name-tokens.ts';
import type { NameToken, PersonName } from './person-name.ts';
import { consonantSkeleton } from './phonetic-alphabet.ts';

/** Consonants merged in keys only (the similarity keeps them apart): ك ق ڭ and g. */
const KEY_CLASSES: Readonly<Record<string, string>> = { g: 'k' };

const MIN_SKELETON_FOR_DELETIONS = 3;

function keySkeleton(phon: string): string {
  let out = '';
  for (const ch of consonantSkeleton(phon)) out += KEY_CLASSES[ch] ?? ch;
  return out;
}

/** The vowels of a name without consonants (Aya, آية): unknown-quality A as a, the weak e and final Y as i. */
function vowelOutline(phon: string): string {
  let out = '';
  for (const ch of phon.replaceAll('A', 'a').replaceAll('e', 'i').replaceAll('Y', 'i')) if (ch !== out.at(-1)) out += ch;
  return out;
}

function skeletonKeys(skeleton: string, withDeletions: boolean, keys: Set<string>): void {
  if (skeleton === '') return;
  keys.add(`k:${skeleton}`);
  if (!withDeletions || skeleton.length < MIN_SKELETON_FOR_DELETIONS) return;
  for (let i = 0; i < skeleton.length; i += 1) keys.add(`k:${skeleton.slice(0, i)}${skeleton.slice(i + 1)}`);
}

function tokenKeys(token: NameToken, keys: Set<string>): void {
  if (token.particle) return;
  for (const form of token.forms) {
    const skeleton = keySkeleton(form.phon);
    if (skeleton === '') keys.add(`v:${vowelOutline(form.phon)}`);
    else skeletonKeys(skeleton, true, keys);
  }
}

function fieldKeys(tokens: readonly NameToken[], keys: Set<string>): void {
  for (const token of tokens) tokenKeys(token, keys);
  if (tokens.length > 1) skeletonKeys(tokens.map((t) => keySkeleton(t.forms[0].phon)).join(''), false, keys);
}

/** The keys to store for a name (both fields), deduplicated, in a stable order. */
export function nameSearchKeys(name: PersonName): string[] {
  const keys = new Set<string>();
  fieldKeys(nameTokens(name.given), keys);
  fieldKeys(nameTokens(name.family), keys);
  return [...keys];
}

/** The keys to look up for a free-text search ("alaoui", "محمد العلوي"); any field. */
export function querySearchKeys(query: string): string[] {
  return nameSearchKeys({ given: query, family: '' });
}
