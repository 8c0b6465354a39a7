import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeNames, splitScripts } from './place-names.ts';

test('a French + Arabic name splits into its two scripts', () => {
  assert.deepEqual(splitScripts('Préfecture de Casablanca عمالة الدار البيضاء'), { latin: 'Préfecture de Casablanca', arabic: 'عمالة الدار البيضاء', tifinagh: null });
});

test('a French + Tifinagh + Arabic name splits into three, apostrophes and hyphens kept', () => {
  assert.deepEqual(splitScripts("Province d'Ifrane ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ إقليم إفران"), { latin: "Province d'Ifrane", tifinagh: 'ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ', arabic: 'إقليم إفران' });
  assert.deepEqual(splitScripts('Tanger-Tétouan-Al Hoceima ⵟⴰⵏⵊ-ⵟⵉⵜⴰⵡⵉⵏ-ⵍⵃⵓⵙⵉⵎⴰ طنجة تطوان الحسيمة'), {
    latin: 'Tanger-Tétouan-Al Hoceima',
    tifinagh: 'ⵟⴰⵏⵊ-ⵟⵉⵜⴰⵡⵉⵏ-ⵍⵃⵓⵙⵉⵎⴰ',
    arabic: 'طنجة تطوان الحسيمة',
  });
});

test('a lone separator inside a run stays in it; one between scripts is dropped', () => {
  assert.equal(splitScripts("Préfecture d'Oujda-Angad عمالة وجدة - أنجاد").arabic, 'عمالة وجدة - أنجاد');
  assert.deepEqual(splitScripts('Figuig - فجيج'), { latin: 'Figuig', arabic: 'فجيج', tifinagh: null });
});

test('an Arabic-only name has no French part', () => {
  assert.deepEqual(splitScripts('عمالة الرباط'), { latin: null, arabic: 'عمالة الرباط', tifinagh: null });
});

test('malformed names are refused: a word mixing scripts, a script in two places', () => {
  assert.throws(() => splitScripts('Fèsفاس'), /mixes scripts/);
  assert.throws(() => splitScripts('Fès فاس Meknès'), /two separate latin parts/);
});

test('overrides fix the known errors of the source data', () => {
  assert.deepEqual(placeNames('MA-FIG', 'Province de Figuig إقليم الناظور'), { fr: 'Province de Figuig', ar: 'إقليم فجيج', zgh: null });
  assert.deepEqual(placeNames('MA-RAB', 'عمالة الرباط'), { fr: 'Préfecture de Rabat', ar: 'عمالة الرباط', zgh: null });
  assert.equal(placeNames('MA-10', 'Guelmim-Oued Noun ⵜⴰⵙⴳⴰ-ⵡⴰⴷ ⵏⵓⵏ كلميم وادي نون').zgh, 'ⴳⵍⵎⵉⵎ-ⵡⴰⴷ ⵏⵓⵏ');
});

test('a name still missing French or Arabic after overrides fails loudly; a fallback fills the gap', () => {
  assert.throws(() => placeNames('MA-XXX', 'عمالة مجهولة'), /MA-XXX: no French name/);
  assert.throws(() => placeNames('MA-XXX', 'Province inconnue'), /MA-XXX: no Arabic name/);
  assert.deepEqual(placeNames('MA-99', 'Région ⵜⴰⵙⴳⴰ', { arabic: 'جهة' }), { fr: 'Région', ar: 'جهة', zgh: 'ⵜⴰⵙⴳⴰ' });
});
