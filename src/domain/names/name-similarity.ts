/**
 * How alike two person names are, across scripts and spellings, and whether they are the same name.
 *
 * Tokens are compared phonetically (phonetic-distance.ts), taking the best of each token's readings.
 * A field (given or family) is compared as a set of tokens, order-insensitive, and, when the two
 * were cut into different numbers of words, also as one word (Fatimazahra = Fatima Zahra, Benjelloun
 * = Ben Jelloun); a token left without a partner lowers the score (El Fassi Fihri is not El Fassi).
 * The two fields are combined so that the weaker one dominates: a sibling with the same family name
 * and another given name is not a match. Swapped fields and a whole name typed into one field are
 * tried too, at a small discount. When a field is unknown on one side, the other field decides at a
 * discount: an exact given name with no family name still matches, as far as a name can tell.
 *
 * @example
 *   nameSimilarity({ given: 'Mohammed', family: 'El Alaoui' }, { given: 'محمد', family: 'العلوي' }); // ≈ 0.93
 *   namesMatch({ given: 'Amine', family: 'Alaoui' }, { given: 'Amina', family: 'Alaoui' });        // false
 */
import { nameTokens } from './name-tokens.ts';
import type { NameToken, PersonName } from './person-name.ts';
import { phoneticSimilarity } from './phonetic-distance.ts';

/**
 * Names at or above this similarity are the same name. Set in the gap between the scores of matching
 * and non-matching pairs of name-pairs.fixture.ts (name-matching-measure.ts reports precision and
 * recall at this threshold).
 */
export const NAME_MATCH_THRESHOLD = 0.85;

/** A name split into normalised, phonetically read tokens; compute once when scoring many candidates. */
export interface AnalysedName {
  readonly given: readonly NameToken[];
  readonly family: readonly NameToken[];
}

export function analyseName(name: PersonName): AnalysedName {
  return { given: nameTokens(name.given), family: nameTokens(name.family) };
}

const PARTICLE_WEIGHT = 0.3;
/** How much a token without a partner on the other side counts against the field. */
const UNMATCHED_WEIGHT = 0.6;
/** The weaker field's share in the combined score. */
const WEAKER_FIELD_SHARE = 0.9;
const SWAPPED_FIELDS_DISCOUNT = 0.03;
const POOLED_FIELDS_DISCOUNT = 0.05;
/** Only one field can be compared: less evidence than both. */
const SINGLE_FIELD_FACTOR = 0.92;
/** Above this many tokens, pairing is greedy instead of exhaustive. */
const EXHAUSTIVE_PAIRING_LIMIT = 6;

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.particle !== b.particle) return 0;
  let best = 0;
  for (const fa of a.forms) {
    for (const fb of b.forms) {
      const sim = phoneticSimilarity({ phon: fa.phon, arabic: a.arabic }, { phon: fb.phon, arabic: b.arabic }) - fa.penalty - fb.penalty;
      if (sim > best) best = sim;
    }
  }
  return best;
}

const weight = (t: NameToken): number => (t.particle ? PARTICLE_WEIGHT : 1);

/** Tokens paired one-to-one to maximise the weighted similarity; unpaired tokens count against. */
export function tokenSetSimilarity(as: readonly NameToken[], bs: readonly NameToken[]): number {
  if (as.length === 0 || bs.length === 0) return 0;
  const [short, long] = as.length <= bs.length ? [as, bs] : [bs, as];
  const sims = short.map((s) => long.map((l) => tokenSimilarity(s, l)));
  const pairing = long.length <= EXHAUSTIVE_PAIRING_LIMIT ? bestPairing(sims) : greedyPairing(sims);
  let matched = 0;
  let total = 0;
  const used = new Set<number>();
  pairing.forEach((j, i) => {
    const s = short[i];
    const l = long[j];
    if (!s || !l) return;
    used.add(j);
    const w = (weight(s) + weight(l)) / 2;
    matched += (sims[i]?.[j] ?? 0) * w;
    total += w;
  });
  long.forEach((l, j) => {
    if (!used.has(j)) total += UNMATCHED_WEIGHT * weight(l);
  });
  return total === 0 ? 0 : matched / total;
}

/** For each row, the column it is paired with, maximising the sum (rows ≤ columns, both small). */
function bestPairing(sims: readonly (readonly number[])[]): number[] {
  const columns = sims[0]?.length ?? 0;
  let best: number[] = [];
  let bestScore = -1;
  const current: number[] = [];
  const used = new Array<boolean>(columns).fill(false);
  const visit = (row: number, score: number): void => {
    if (row === sims.length) {
      if (score > bestScore) {
        bestScore = score;
        best = [...current];
      }
      return;
    }
    for (let j = 0; j < columns; j += 1) {
      if (used[j]) continue;
      used[j] = true;
      current.push(j);
      visit(row + 1, score + (sims[row]?.[j] ?? 0));
      current.pop();
      used[j] = false;
    }
  };
  visit(0, 0);
  return best;
}

function greedyPairing(sims: readonly (readonly number[])[]): number[] {
  const cells = sims.flatMap((row, i) => row.map((sim, j) => ({ i, j, sim }))).sort((a, b) => b.sim - a.sim);
  const pairing = new Array<number>(sims.length).fill(-1);
  const usedColumns = new Set<number>();
  for (const { i, j } of cells) {
    if (pairing[i] !== -1 || usedColumns.has(j)) continue;
    pairing[i] = j;
    usedColumns.add(j);
  }
  return pairing;
}

/** A field's tokens read as one word, when they are all in one script. */
function concatenated(tokens: readonly NameToken[]): NameToken | undefined {
  const first = tokens[0];
  if (!first || tokens.some((t) => t.arabic !== first.arabic)) return undefined;
  return {
    text: tokens.map((t) => t.text).join(''),
    arabic: first.arabic,
    particle: false,
    forms: [{ phon: tokens.map((t) => t.forms[0].phon).join(''), penalty: 0 }],
  };
}

/** Similarity of two fields; undefined when either is empty. */
export function fieldSimilarity(as: readonly NameToken[], bs: readonly NameToken[]): number | undefined {
  if (as.length === 0 || bs.length === 0) return undefined;
  const setSim = tokenSetSimilarity(as, bs);
  // Read as one word only when the two were cut differently (Benjelloun / Ben Jelloun).
  if (as.length === bs.length) return setSim;
  const ca = concatenated(as);
  const cb = concatenated(bs);
  const concatSim = ca && cb ? tokenSimilarity(ca, cb) : 0;
  return Math.max(setSim, concatSim);
}

function combineFields(given: number | undefined, family: number | undefined): number {
  if (given === undefined && family === undefined) return 0;
  if (given === undefined || family === undefined) return (given ?? family ?? 0) * SINGLE_FIELD_FACTOR;
  const weaker = Math.min(given, family);
  return WEAKER_FIELD_SHARE * weaker + (1 - WEAKER_FIELD_SHARE) * ((given + family) / 2);
}

function isAnalysed(name: PersonName | AnalysedName): name is AnalysedName {
  return typeof name.given !== 'string';
}

function analysed(name: PersonName | AnalysedName): AnalysedName {
  return isAnalysed(name) ? name : analyseName(name);
}

/** Similarity in [0, 1] of two names; symmetric. Accepts names already analysed with analyseName. */
export function nameSimilarity(a: PersonName | AnalysedName, b: PersonName | AnalysedName): number {
  const x = analysed(a);
  const y = analysed(b);
  const straight = combineFields(fieldSimilarity(x.given, y.given), fieldSimilarity(x.family, y.family));
  const swapped = combineFields(fieldSimilarity(x.given, y.family), fieldSimilarity(x.family, y.given)) - SWAPPED_FIELDS_DISCOUNT;
  // A whole name typed into one field: compare all tokens, whatever their field.
  const oneFieldEmpty = [x.given, x.family, y.given, y.family].some((f) => f.length === 0);
  const pooled = oneFieldEmpty ? tokenSetSimilarity([...x.given, ...x.family], [...y.given, ...y.family]) - POOLED_FIELDS_DISCOUNT : 0;
  return Math.max(0, straight, swapped, pooled);
}

/** The same name (the same child, as far as the name can tell): similarity at or above the threshold. */
export function namesMatch(a: PersonName | AnalysedName, b: PersonName | AnalysedName): boolean {
  return nameSimilarity(a, b) >= NAME_MATCH_THRESHOLD;
}

/** The best similarity between any rendering of one person and any of another (a case holds Arabic and Latin forms). */
export function bestNameSimilarity(as: readonly (PersonName | AnalysedName)[], bs: readonly (PersonName | AnalysedName)[]): number {
  let best = 0;
  for (const a of as) for (const b of bs) best = Math.max(best, nameSimilarity(a, b));
  return best;
}

/**
 * How well a free-text search ("alaoui", "محمد العلوي", "fatima zahra") fits a name: the share of the
 * query's tokens found in the name, in any field, each scored by its best partner. A query that names
 * only the family name fits every child of that family fully; the caller ranks by this score.
 */
export function nameQueryScore(query: string, candidate: PersonName | AnalysedName): number {
  const q = nameTokens(query);
  if (q.length === 0) return 0;
  const c = analysed(candidate);
  const pool: NameToken[] = [...c.given, ...c.family];
  for (const field of [c.given, c.family]) {
    const whole = field.length > 1 ? concatenated(field) : undefined;
    if (whole) pool.push(whole);
  }
  if (pool.length === 0) return 0;
  let matched = 0;
  let total = 0;
  for (const token of q) {
    const w = weight(token);
    matched += w * Math.max(...pool.map((p) => tokenSimilarity(token, p)));
    total += w;
  }
  const perToken = matched / total;
  const whole = q.length > 1 ? concatenated(q) : undefined;
  const asOneWord = whole ? Math.max(...pool.map((p) => tokenSimilarity(whole, p))) : 0;
  return Math.max(perToken, asOneWord);
}
