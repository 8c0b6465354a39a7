import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editSimilarity, specificsOf, textSimilarity, tipWords, wordJaccard } from './triage-text.ts';

test('words are normalised across scripts: case, accents, elisions, Arabic letter forms and the article', () => {
  assert.deepEqual(tipWords("L'enfant était à la GARE routière, près du café"), ['enfant', 'gare', 'routiere', 'pres', 'cafe']);
  assert.deepEqual(tipWords('البنت بالأحمر قرب المحطة'), tipWords('البنت بالاحمر قرب المحطه'));
  assert.deepEqual(tipWords('مُحَمَّد'), tipWords('محمد'), 'harakat are dropped');
  assert.deepEqual(tipWords('ⵜⵉⵍⵍⵉ'), ['tilli']);
  assert.deepEqual(tipWords(''), []);
  assert.deepEqual(tipWords(null), []);
  assert.equal(tipWords('mot '.repeat(5000)).length, 400, 'bounded');
});

test('similarity: shared words, or a few typos in a short text', () => {
  assert.equal(wordJaccard(['a1', 'b1'], ['a1', 'b1']), 1);
  assert.equal(wordJaccard(['a1', 'b1'], ['a1', 'c1']), 1 / 3);
  assert.equal(wordJaccard([], ['a1']), 0);
  assert.ok(editSimilarity(tipWords('fille robe rouge gare'), tipWords('fille robbe rouje gare')) > 0.8);
  assert.ok(textSimilarity(tipWords('fille robe rouge gare'), tipWords('garçon bus bleu')) < 0.3);
  assert.equal(editSimilarity(['x'.repeat(1200)], ['x'.repeat(1200)]), 0, 'too long for edit distance: left to the word sets');
  assert.equal(textSimilarity(['x'.repeat(1200)], ['x'.repeat(1200)]), 1);
});

test('specifics: numbers, colours, clothing and transport, in French, Arabic and English', () => {
  assert.deepEqual(specificsOf(tipWords('Fillette pantalon bleu montée dans un taxi à 14h30')), ['numbers', 'colour', 'clothing', 'transport']);
  assert.deepEqual(specificsOf(tipWords('بنت لابسة سروال أزرق طلعات في سيارة')), ['colour', 'clothing', 'transport']);
  assert.deepEqual(specificsOf(tipWords('girl in a red dress')), ['colour', 'clothing']);
  assert.deepEqual(specificsOf(tipWords('je l’ai vue')), []);
});
