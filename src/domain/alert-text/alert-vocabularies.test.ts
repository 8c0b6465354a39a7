import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as caseRecord from '../case/case-record.ts';
import { ALERT_LANGUAGES } from './alert-languages.ts';
import { isInScriptOf } from './alert-text-validation.ts';
import { ALERT_VOCABULARIES, VOCABULARIES_NOT_IN_ALERTS } from './alert-vocabularies.ts';
import { AR_COLOURS } from './vocabulary-ar.ts';
import { FR_COLOURS } from './vocabulary-fr.ts';
import { ZGH_COLOURS, ZGH_GARMENTS } from './vocabulary-zgh.ts';

/** Every exported constant of case-record.ts that is a list of codes. */
const caseVocabularies = Object.entries(caseRecord).filter(
  ([name, value]) => /^[A-Z][A-Z_]*$/u.test(name) && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'),
) as [string, readonly string[]][];

test('every vocabulary of the case record is translated for alerts or listed as never in an alert', () => {
  assert.ok(caseVocabularies.length >= 15, 'the case record exports its vocabularies');
  for (const [name] of caseVocabularies) {
    assert.ok(name in ALERT_VOCABULARIES || name in VOCABULARIES_NOT_IN_ALERTS, `${name} has neither alert translations nor a reason to be left out`);
    assert.ok(!(name in ALERT_VOCABULARIES && name in VOCABULARIES_NOT_IN_ALERTS), `${name} is both translated and left out`);
  }
  for (const name of Object.keys(ALERT_VOCABULARIES)) assert.ok(caseVocabularies.some(([n]) => n === name), `${name} is not a vocabulary of the case record`);
});

test('every code of every alert vocabulary has a word in Arabic, French and Tamazight, in the right script', () => {
  for (const [name, codes] of caseVocabularies) {
    const vocabulary = ALERT_VOCABULARIES[name];
    if (!vocabulary) continue;
    assert.deepEqual([...vocabulary.codes], [...codes], `${name}: the table follows the case record`);
    for (const code of codes) {
      const labels = vocabulary.label(code);
      for (const lang of ALERT_LANGUAGES) {
        const word = labels[lang];
        assert.ok(typeof word === 'string' && word.trim() !== '', `${name}.${code} has no ${lang} word`);
        assert.ok(isInScriptOf(lang, word), `${name}.${code} in ${lang} is not in its script: ${word}`);
      }
    }
  }
});

test('a code the case record does not have gets no words', () => {
  assert.deepEqual(ALERT_VOCABULARIES.COLOURS?.label('ultraviolet'), {});
});

test('colours have every agreed form, and Tamazight forms follow the gender and number pattern', () => {
  for (const colour of caseRecord.COLOURS) {
    const fr = FR_COLOURS[colour];
    const ar = AR_COLOURS[colour];
    const zgh = ZGH_COLOURS[colour];
    for (const form of [fr.m, fr.f, fr.mpl, fr.fpl, ar.m, ar.mAcc, ar.f, zgh.m, zgh.f, zgh.mpl, zgh.fpl]) assert.ok(form.trim() !== '', colour);
    assert.ok(zgh.m.startsWith('ⴰ') && zgh.f.startsWith('ⵜⴰ') && zgh.mpl.startsWith('ⵉ') && zgh.fpl.startsWith('ⵜⵉ'), `${colour}: ${JSON.stringify(zgh)}`);
  }
  assert.deepEqual(ZGH_COLOURS.white, { m: 'ⴰⵎⵍⵍⴰⵍ', f: 'ⵜⴰⵎⵍⵍⴰⵍⵜ', mpl: 'ⵉⵎⵍⵍⴰⵍⵏ', fpl: 'ⵜⵉⵎⵍⵍⴰⵍⵉⵏ' });
  assert.deepEqual(FR_COLOURS.white, { m: 'blanc', f: 'blanche', mpl: 'blancs', fpl: 'blanches' });
  assert.deepEqual(AR_COLOURS.white, { m: 'أبيض', mAcc: 'أبيض', f: 'بيضاء' });
  assert.deepEqual(AR_COLOURS.pink, { m: 'وردي', mAcc: 'ورديا', f: 'وردية' });
  assert.equal(FR_COLOURS.navy.fpl, 'bleu marine', 'compound colours are invariable');
  assert.equal(ZGH_GARMENTS.shoes.plural, true);
});
