/**
 * Name matching (issue #3): precision and recall of the cross-script matcher on the labelled pair set,
 * against a naive peer measured on the same pairs in the same run: exact equality after the usual
 * clean-up (lower case, accents and punctuation removed, Arabic letters unified), which is what a
 * plain database search would do.
 */
import { NAME_PAIRS, type NamePair } from '../../src/domain/names/name-pairs.fixture.ts';
import { measureNameMatching } from '../../src/domain/names/name-matching-measure.ts';
import { normaliseArabic } from '../../src/domain/names/arabic-script.ts';
import { normaliseLatin } from '../../src/domain/names/name-tokens.ts';
import type { PersonName } from '../../src/domain/names/person-name.ts';
import { atLeast, type FigureInput, type FigureModule } from '../lib/figure.ts';

const naiveKey = (n: PersonName) => `${normaliseLatin(normaliseArabic(n.given))}|${normaliseLatin(normaliseArabic(n.family))}`;

function naiveMeasure(pairs: readonly NamePair[]): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const said = naiveKey(p.a) === naiveKey(p.b);
    if (said && p.match) tp += 1;
    else if (said) fp += 1;
    else if (p.match) fn += 1;
  }
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export const nameMatchingFigure: FigureModule = {
  name: 'name-matching',
  description: 'precision and recall of cross-script name matching on the labelled pairs, against exact matching after clean-up',
  async run() {
    const ours = measureNameMatching();
    const naive = naiveMeasure(NAME_PAIRS);
    const peer = `exact match after clean-up, same ${ours.pairs} labelled pairs`;
    const out: FigureInput[] = [
      { name: 'name-matching.recall', value: ours.recall, unit: 'ratio', peer, baseline: naive.recall, target: atLeast(0.95, '') },
      { name: 'name-matching.precision', value: ours.precision, unit: 'ratio', peer, baseline: naive.precision, target: atLeast(0.95, '') },
    ];
    return out;
  },
};
