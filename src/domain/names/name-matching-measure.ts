/**
 * Precision and recall of namesMatch on the labelled pairs of name-pairs.fixture.ts, for the test
 * suite and for `npm run bench`. Also reports how often the search keys of two matching names
 * overlap (keyRecall): a search can only find what shares a key with the query.
 *
 * @example
 *   const { precision, recall, pairs } = measureNameMatching();
 */
import { NAME_PAIRS, type NamePair } from './name-pairs.fixture.ts';
import { nameSearchKeys } from './name-search-keys.ts';
import { analyseName, NAME_MATCH_THRESHOLD, nameSimilarity } from './name-similarity.ts';

export interface NameMatchingMeasure {
  readonly precision: number;
  readonly recall: number;
  readonly pairs: number;
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  /** Share of matching pairs whose search keys overlap, field by field (see name-search-keys.ts). */
  readonly keyRecall: number;
}

export interface ScoredNamePair extends NamePair {
  readonly similarity: number;
}

/** Every labelled pair with its similarity. */
export function scoreNamePairs(pairs: readonly NamePair[] = NAME_PAIRS): ScoredNamePair[] {
  return pairs.map((p) => ({ ...p, similarity: nameSimilarity(analyseName(p.a), analyseName(p.b)) }));
}

export function measureNameMatching(threshold: number = NAME_MATCH_THRESHOLD, pairs: readonly NamePair[] = NAME_PAIRS): NameMatchingMeasure {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let keyHits = 0;
  for (const p of scoreNamePairs(pairs)) {
    const predicted = p.similarity >= threshold;
    if (predicted && p.match) tp += 1;
    else if (predicted) fp += 1;
    else if (p.match) fn += 1;
    else tn += 1;
    if (p.match && searchKeysMeet(p)) keyHits += 1;
  }
  const matching = tp + fn;
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: matching === 0 ? 1 : tp / matching,
    pairs: pairs.length,
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    keyRecall: matching === 0 ? 1 : keyHits / matching,
  };
}

/**
 * Every non-empty field of one name shares a search key with some field of the other, so a search
 * that requires a key hit on each part of the query (given and family) still finds the pair.
 */
function searchKeysMeet(p: NamePair): boolean {
  const meets = (fieldText: string, other: NamePair['b']): boolean => {
    if (fieldText.trim() === '') return true;
    const own = nameSearchKeys({ given: fieldText, family: '' });
    const theirs = new Set(nameSearchKeys(other));
    return own.some((k) => theirs.has(k));
  };
  return meets(p.a.given, p.b) && meets(p.a.family, p.b) && meets(p.b.given, p.a) && meets(p.b.family, p.a);
}
