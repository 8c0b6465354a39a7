import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import { buildPlaceGazetteer, matchPlace, type PlaceGazetteer } from './triage-place.ts';

let gazetteer: PlaceGazetteer;
before(async () => {
  gazetteer = buildPlaceGazetteer((await loadMoroccoBoundaries()).provinces);
});

test('a place text naming a prefecture or province, in French, Arabic, Tifinagh or a common city spelling', () => {
  const code = (text: string) => matchPlace(gazetteer, text)?.code;
  assert.equal(code('Hay Hassani, Casablanca'), 'MA-CAS');
  assert.equal(code('الدار البيضاء، حي المعاريف'), 'MA-CAS');
  assert.equal(code('gare de Tanger ville'), 'MA-TNG');
  assert.equal(code('حي السلام، طنجة'), 'MA-TNG');
  assert.equal(code('Tanger-Assilah'), 'MA-TNG');
  assert.equal(code('Agadir, plage'), 'MA-AGD');
  assert.equal(code('Fès médina'), 'MA-FES');
  assert.equal(code('FES'), 'MA-FES');
  assert.equal(code('Sidi Slimane centre'), 'MA-SIL');
  assert.equal(code('Benslimane'), 'MA-BES');
  assert.equal(code('ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ'), 'MA-IFR');
  assert.equal(matchPlace(gazetteer, 'Oued Ed-Dahab, Dakhla')?.code, 'MA-OUD', 'two names of one province');
});

test('no name, or two provinces named, gives no place', () => {
  assert.equal(matchPlace(gazetteer, 'devant la boulangerie'), undefined);
  assert.equal(matchPlace(gazetteer, 'Rabat ou Salé, je ne sais plus'), undefined);
  assert.equal(matchPlace(gazetteer, ''), undefined);
  assert.equal(matchPlace(gazetteer, null), undefined);
});
