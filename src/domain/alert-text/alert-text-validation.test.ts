import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../errors.ts';
import { alertProperNames } from './alert-facts.ts';
import { ALERT_LANGUAGES, type AlertLanguage, type AlertTexts, type AlertTextSet } from './alert-languages.ts';
import { ALL_FIXTURES, girlWithName } from './alert-text-fixtures.test-support.ts';
import { assertValidAlertTexts, isInScriptOf, validateEditedTexts, validateFreeText } from './alert-text-validation.ts';
import { composeAlertTexts } from './compose-alert-texts.ts';

const girl = () => {
  const { input } = girlWithName();
  return { input, texts: composeAlertTexts(input), options: { properNames: alertProperNames(input), reference: input.reference } };
};

function edit(texts: AlertTexts, lang: AlertLanguage, change: Partial<AlertTextSet>): AlertTexts {
  return { ...texts, [lang]: { ...texts[lang], ...change } };
}

const fieldsOf = (errors: readonly { field: string }[]) => errors.map((e) => e.field);

test('the generated texts of every fixture pass the checks an officer edit must pass', () => {
  for (const [name, make] of Object.entries(ALL_FIXTURES)) {
    const { input } = make();
    const texts = composeAlertTexts(input);
    assert.deepEqual(validateEditedTexts(texts, { properNames: alertProperNames(input), reference: input.reference }), [], name);
  }
});

test('over-long edits are reported on the field, by its JSON pointer', () => {
  const { texts, options } = girl();
  const errors = validateEditedTexts(
    edit(edit(texts, 'fr-MA', { short90: `${texts['fr-MA'].short90} Elle porte un bracelet.` }), 'ar-MA', { headline: 'طفلة '.repeat(30), description: 'ب'.repeat(2001) }),
    options,
  );
  assert.deepEqual(errors, [
    { field: '/texts/ar-MA/headline', message: 'must be at most 120 characters' },
    { field: '/texts/ar-MA/description', message: 'must be at most 2000 characters' },
    { field: '/texts/fr-MA/short90', message: 'must be at most 90 characters' },
  ]);
});

test('sms70 must be one SMS segment even as UCS-2', () => {
  const { texts, options } = girl();
  const arabic = `${texts['ar-MA'].sms70} ${'ب'.repeat(10)}`;
  const french = `Yasmine, 8 ans, disparue à Rabat le 11/03 vers 12 h 30. Appelez le 19. TM-2026-000123`;
  const errors = validateEditedTexts(edit(edit(texts, 'ar-MA', { sms70: arabic }), 'fr-MA', { sms70: french }), options);
  assert.deepEqual(errors, [
    { field: '/texts/ar-MA/sms70', message: 'must fit in one SMS segment of 70 UCS-2 characters' },
    { field: '/texts/fr-MA/sms70', message: 'must fit in one SMS segment of 70 UCS-2 characters' },
  ]);
});

test('a text in the wrong script is reported for its language', () => {
  const { texts, options } = girl();
  const errors = validateEditedTexts(
    edit(edit(edit(texts, 'ar-MA', { headline: texts['fr-MA'].headline }), 'zgh-Tfng', { short360: texts['ar-MA'].short360 }), 'fr-MA', { instruction: texts['zgh-Tfng'].instruction }),
    options,
  );
  assert.deepEqual(errors, [
    { field: '/texts/ar-MA/headline', message: 'must be written in Arabic script' },
    { field: '/texts/fr-MA/instruction', message: 'must be written in Latin script' },
    { field: '/texts/zgh-Tfng/short360', message: 'must be written in Tifinagh' },
  ]);
});

test('digits, punctuation, the reference and the case proper names may appear in any script', () => {
  assert.equal(isInScriptOf('zgh-Tfng', 'Yasmine El Amrani, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ. ⵜⵉⵖⵣⵉ: 128 cm. TM-2026-000123', ['Yasmine', 'El Amrani']), true);
  assert.equal(isInScriptOf('zgh-Tfng', 'Yasmine El Amrani, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ.', []), false);
  assert.equal(isInScriptOf('ar-MA', 'اتصلوا بالرقم 19 — TM-2026-000123!', []), true);
  assert.equal(isInScriptOf('ar-MA', 'اتصلوا بالرقم 19, appelez le 19', []), false);
  assert.equal(isInScriptOf('fr-MA', '19 — TM-2026-000123', []), false, 'a text needs letters of its own script');
  assert.equal(isInScriptOf('fr-MA', 'Véhicule immatriculé 12345-أ-6', ['12345-أ-6']), true);
});

test('control characters are refused; line breaks only in the description and instruction', () => {
  const { texts, options } = girl();
  const errors = validateEditedTexts(
    edit(texts, 'fr-MA', {
      description: `${texts['fr-MA'].description}\nDernière ligne.`,
      headline: `Disparue\u0007 à Rabat`,
      short90: 'Yasmine, 8 ans,\ndisparue à Rabat. Appelez le 19.',
      short360: `Yasmine \u202Edisparue à Rabat. Appelez le 19.`,
    }),
    options,
  );
  assert.deepEqual(errors, [
    { field: '/texts/fr-MA/headline', message: 'must not contain control characters or line breaks' },
    { field: '/texts/fr-MA/short90', message: 'must not contain control characters or line breaks' },
    { field: '/texts/fr-MA/short360', message: 'must not contain control characters or line breaks' },
  ]);
  assert.deepEqual(fieldsOf(validateEditedTexts(edit(texts, 'ar-MA', { description: `سطر\u0000` }), options)), ['/texts/ar-MA/description']);
});

test('Arabic-Indic digits are refused: alerts use Western digits', () => {
  const { texts, options } = girl();
  const errors = validateEditedTexts(edit(texts, 'ar-MA', { short90: 'اختفت ياسمين، ٨ سنوات، في الرباط. اتصلوا بالرقم 19.' }), options);
  assert.deepEqual(errors, [{ field: '/texts/ar-MA/short90', message: 'must use Western digits (0-9)' }]);
});

test('every short form and the instruction must give 19; the instruction must quote the reference', () => {
  const { texts, options } = girl();
  const errors = validateEditedTexts(
    edit(texts, 'zgh-Tfng', { sms70: 'Yasmine, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ, ⵜⵊⵍⴰ. ⴰⴷⵖⴰⵔ: ⵔⵔⴱⴰⵟ. ⵖⵔ 112.', instruction: 'ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵖⵔ 19.' }),
    options,
  );
  assert.deepEqual(errors, [
    { field: '/texts/zgh-Tfng/instruction', message: 'must quote the case reference' },
    { field: '/texts/zgh-Tfng/sms70', message: 'must give the number 19' },
  ]);
  assert.deepEqual(validateEditedTexts(edit(texts, 'fr-MA', { sms70: 'Yasmine disparue. Appelez le 190.' }), options), [
    { field: '/texts/fr-MA/sms70', message: 'must give the number 19' },
  ]);
});

test('missing or blank texts are required', () => {
  const { texts, options } = girl();
  const partial = { 'ar-MA': texts['ar-MA'], 'fr-MA': { ...texts['fr-MA'], headline: '   ' } } as unknown as AlertTexts;
  const fields = fieldsOf(validateEditedTexts(partial, options));
  assert.deepEqual(fields, ['/texts/fr-MA/headline', ...['headline', 'description', 'instruction', 'short90', 'short360', 'sms70'].map((f) => `/texts/zgh-Tfng/${f}`)]);
});

test('error messages never repeat the edited text', () => {
  const { texts, options } = girl();
  const secret = 'Zzsecretzz';
  const bad = Object.fromEntries(ALERT_LANGUAGES.map((l) => [l, { headline: secret.repeat(20), description: secret, instruction: secret, short90: secret.repeat(10), short360: secret, sms70: secret.repeat(8) }]));
  const errors = validateEditedTexts({ ...texts, ...bad }, options);
  assert.ok(errors.length > 10);
  for (const e of errors) assert.ok(!e.message.includes(secret) && !e.field.includes(secret));
});

test('assertValidAlertTexts throws a validation_failed problem with the field errors', () => {
  const { texts, options } = girl();
  assert.doesNotThrow(() => assertValidAlertTexts(texts, options));
  assert.throws(
    () => assertValidAlertTexts(edit(texts, 'fr-MA', { short90: 'x'.repeat(91) }), options),
    (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.status === 400 && e.errors.some((f) => f.field === '/texts/fr-MA/short90'),
  );
});

test('free text is checked per language: script, length, control characters', () => {
  assert.deepEqual(validateFreeText(undefined), []);
  assert.deepEqual(validateFreeText({ fr: 'Porte un bracelet rouge.', ar: 'تحمل سوارا أحمر.', zgh: '  ' }), []);
  assert.deepEqual(validateFreeText({ ar: 'Porte un bracelet rouge.', zgh: 'ⵜⵍⵙⴰ\u0007', fr: 'x'.repeat(1001) }), [
    { field: '/freeText/ar', message: 'must be written in Arabic script' },
    { field: '/freeText/fr', message: 'must be at most 1000 characters' },
    { field: '/freeText/zgh', message: 'must not contain control characters (line breaks are allowed)' },
  ]);
});
