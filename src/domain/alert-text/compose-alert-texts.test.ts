import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEEDED_SECRETS_WITHOUT_MARKER } from '../case/case-fixtures.test-support.ts';
import { alertFacts } from './alert-facts.ts';
import { ALERT_LANGUAGES, ALERT_TEXT_FIELDS, codePoints, type AlertLanguage, type AlertTexts } from './alert-languages.ts';
import { ALL_FIXTURES, boyWithoutName, girlWithName, longNames, publicSubset, toddler, vehicleAndSuspect } from './alert-text-fixtures.test-support.ts';
import { composeAlertTexts, TEMPLATES } from './compose-alert-texts.ts';
import { DEGRADATION, LEANEST, RICHEST } from './short-forms.ts';
import { fitsCellBroadcast, smsEncoding } from './sms-encoding.ts';

const all = (texts: AlertTexts, lang: AlertLanguage) => ALERT_TEXT_FIELDS.map((f) => texts[lang][f]).join('\n');
const everything = (texts: AlertTexts) => ALERT_LANGUAGES.map((l) => all(texts, l)).join('\n');

test('every short form fits its limit in every language, for every fixture', () => {
  for (const [name, make] of Object.entries(ALL_FIXTURES)) {
    const texts = composeAlertTexts(make().input);
    for (const lang of ALERT_LANGUAGES) {
      const t = texts[lang];
      const where = `${name} ${lang}`;
      assert.ok(t.short90.length <= 90, `${where} short90: ${t.short90.length}`);
      assert.ok(t.short360.length <= 360, `${where} short360: ${t.short360.length}`);
      assert.ok(fitsCellBroadcast(t.short90, 3), `${where} short90 in 3 pages`);
      assert.ok(fitsCellBroadcast(t.short360, 9), `${where} short360 in 9 pages`);
      const sms = smsEncoding(t.sms70);
      assert.equal(sms.segments, 1, `${where} sms70 is one segment`);
      if (sms.encoding === 'UCS-2') assert.ok(sms.units <= 70, `${where} sms70: ${sms.units} UCS-2 units`);
      else assert.ok(t.sms70.length <= 70, `${where} sms70 would also fit as UCS-2`);
      assert.ok(codePoints(t.headline) <= 120, `${where} headline`);
      assert.ok(codePoints(t.description) <= 2000, `${where} description`);
      for (const field of ['instruction', 'short90', 'short360', 'sms70'] as const) assert.match(t[field], /(?<!\d)19(?!\d)/u, `${where} ${field} gives 19`);
    }
  }
});

test('short forms keep who and where, and the reference when it fits', () => {
  const cases = [
    { make: girlWithName, age: '8', names: { 'ar-MA': 'ياسمين', 'fr-MA': 'Yasmine', 'zgh-Tfng': 'Yasmine' }, places: { 'ar-MA': 'الرباط', 'fr-MA': 'Rabat', 'zgh-Tfng': 'ⵔⵔⴱⴰⵟ' } },
    { make: boyWithoutName, age: '15', names: null, places: { 'ar-MA': 'سلا', 'fr-MA': 'Salé', 'zgh-Tfng': 'ⵙⵍⴰ' } },
    { make: toddler, age: null, names: { 'ar-MA': 'آدم', 'fr-MA': 'Adam', 'zgh-Tfng': 'Adam' }, places: { 'ar-MA': 'الدار البيضاء', 'fr-MA': 'Casablanca', 'zgh-Tfng': 'ⴰⵏⴼⴰ' } },
    { make: vehicleAndSuspect, age: '13', names: null, places: { 'ar-MA': 'سلا', 'fr-MA': 'Salé', 'zgh-Tfng': 'ⵙⵍⴰ' } },
  ] as const;
  for (const c of cases) {
    const { input } = c.make();
    const texts = composeAlertTexts(input);
    for (const lang of ALERT_LANGUAGES) {
      for (const field of ['short90', 'short360', 'sms70'] as const) {
        const text = texts[lang][field];
        assert.ok(text.includes(c.places[lang]), `${lang} ${field} says where: ${text}`);
        if (c.age) assert.ok(text.includes(c.age), `${lang} ${field} gives the age: ${text}`);
        if (c.names) assert.ok(text.includes(c.names[lang]), `${lang} ${field} names the child: ${text}`);
        assert.ok(text.includes(input.reference), `${lang} ${field} quotes the reference: ${text}`);
      }
    }
  }
});

test('the toddler of 2 is described with the dual in Arabic', () => {
  const texts = composeAlertTexts(toddler().input);
  assert.match(texts['ar-MA'].headline, /سنتان/u);
  assert.match(texts['ar-MA'].description, /يبلغ سنتين/u);
  assert.match(texts['fr-MA'].description, /petit garçon de 2 ans/u);
});

test('a short form degrades by whole words: every word is a word of the full rendering', () => {
  const words = (text: string) => new Set(text.toLowerCase().split(/\s+/u).map((w) => w.replace(/^[(«]+|[.,،:;)»]+$/gu, '')).filter((w) => w !== ''));
  for (const [name, make] of Object.entries(ALL_FIXTURES)) {
    const { input } = make();
    const facts = alertFacts(input);
    const texts = composeAlertTexts(input);
    for (const lang of ALERT_LANGUAGES) {
      const full = words(`${TEMPLATES[lang].short(facts, RICHEST)} ${TEMPLATES[lang].short(facts, LEANEST)}`);
      for (const field of ['short90', 'short360', 'sms70'] as const) {
        for (const w of words(texts[lang][field])) assert.ok(full.has(w), `${name} ${lang} ${field}: "${w}" is not a whole word of the full text`);
      }
    }
  }
});

test('details are given up in the defined order: clothing colours first, the reference last', () => {
  const gives = DEGRADATION.map((s) => s.gives);
  assert.deepEqual(gives.slice(0, 5), ['clothing colours', 'languages spoken', 'visible marks', 'build', 'hair']);
  assert.equal(gives[gives.length - 1], 'reference');
  assert.ok(gives.indexOf('clothing') < gives.indexOf('last-seen time'));
  assert.equal(LEANEST.call, 'short');
  assert.equal(LEANEST.place, 'short');
  // The leanest form still says who, where and the number.
  const { input } = boyWithoutName();
  assert.equal(TEMPLATES['fr-MA'].short(alertFacts(input), LEANEST), 'Adolescent de 15 ans disparu à Salé. Appelez le 19.');
});

test('a short form keeps every detail the length allows, in priority order', () => {
  const girl = composeAlertTexts(girlWithName().input)['fr-MA'];
  assert.equal(girl.short90, 'Yasmine El Amrani, 8 ans, disparue à Hassan, Rabat. Appelez le 19. Réf. TM-2026-000123');
  assert.equal(girl.sms70, 'Yasmine, 8 ans, disparue à Rabat. Appelez le 19. TM-2026-000123');
  // The plate outranks the neighbourhood but not the reference.
  const taxi = composeAlertTexts(vehicleAndSuspect().input)['ar-MA'];
  assert.equal(taxi.short90, 'اختفت فتاة تبلغ 13 سنة في سلا. المركبة: 12345-أ-6. اتصلوا بالرقم 19. TM-2026-000321');
  assert.equal(taxi.sms70, 'اختفت فتاة تبلغ 13 سنة في سلا. اتصلوا بالرقم 19. TM-2026-000321');
});

test('a 360-character form keeps more than a 90-character one', () => {
  const texts = composeAlertTexts(girlWithName().input);
  assert.match(texts['fr-MA'].short360, /tablier scolaire blanc/u);
  assert.doesNotMatch(texts['fr-MA'].short90, /tablier/u);
  assert.match(texts['fr-MA'].short360, /12 h 30/u);
});

test('very long names and places are shortened word by word, never cut inside a word', () => {
  const texts = composeAlertTexts(longNames().input);
  assert.equal(texts['fr-MA'].sms70, 'Fatima-Zahra Maria, 8 ans, disparue à Préfecture. Appelez le 19.');
  assert.ok(texts['fr-MA'].short90.endsWith('TM-2026-001234'), texts['fr-MA'].short90);
});

test('Arabic agreement follows the sex of the child', () => {
  const girl = composeAlertTexts(girlWithName().input)['ar-MA'];
  assert.equal(girl.headline, 'طفلة مختفية في الرباط: ياسمين العمراني (8 سنوات)');
  assert.match(girl.description, /^اختفت ياسمين العمراني، طفلة تبلغ 8 سنوات،/u);
  assert.match(girl.description, /كانت ترتدي عند اختفائها وزرة مدرسية بيضاء وحذاء رياضيا ورديا وأبيض\./u);
  assert.match(girl.description, /طولها 128 سم\. بنيتها نحيفة\. لها شعر أسود طويل مجعد\. لون عينيها بني\./u);
  assert.match(girl.description, /تتحدث الدارجة والفرنسية/u);
  assert.match(girl.instruction, /رأيتموها/u);

  const boy = composeAlertTexts(boyWithoutName().input)['ar-MA'];
  assert.equal(boy.headline, 'فتى مختفٍ (15 سنة) في سلا');
  assert.match(boy.description, /^اختفى فتى يبلغ 15 سنة /u);
  assert.match(boy.description, /كان يرتدي عند اختفائه كنزة كحلية بقلنسوة وسروال جينز أزرق وحذاء رياضيا أبيض وأحمر ويحمل حقيبة ظهر سوداء\./u);
  assert.match(boy.instruction, /رأيتموه /u);
  assert.doesNotMatch(boy.description, /مختفية|ترتدي|اختفت/u);
});

test('French agreement follows the sex of the child and colours agree with garments', () => {
  const girl = composeAlertTexts(girlWithName().input)['fr-MA'];
  assert.equal(girl.headline, 'Disparue à Rabat : Yasmine El Amrani, 8 ans');
  assert.match(girl.description, /Yasmine El Amrani, fillette de 8 ans, est portée disparue\. Elle a été vue pour la dernière fois le 11\/03 vers 12 h 30 à Hassan, Rabat\./u);
  assert.match(girl.description, /elle était vêtue d'un tablier scolaire blanc et de baskets rose et blanc\./u);
  assert.match(girl.instruction, /Si vous la voyez/u);

  const boy = composeAlertTexts(boyWithoutName().input)['fr-MA'];
  assert.equal(boy.headline, 'Adolescent de 15 ans disparu à Salé');
  assert.match(boy.description, /Un adolescent de 15 ans est porté disparu\. Il a été vu pour la dernière fois le 11\/03 vers 9 h 40/u);
  assert.match(boy.description, /il était vêtu d'un sweat à capuche bleu marine, d'un jean bleu et de baskets blanc et rouge\. Il portait un sac à dos noir\./u);
  assert.match(boy.instruction, /Si vous le voyez/u);
  assert.doesNotMatch(all(composeAlertTexts(boyWithoutName().input), 'fr-MA'), /disparue|vêtue|vue /u);

  const taxi = composeAlertTexts(vehicleAndSuspect().input)['fr-MA'];
  assert.match(taxi.description, /vêtue d'une djellaba rose, d'un foulard blanc et de sandales dorées\./u);
  assert.match(taxi.description, /Véhicule signalé : grand taxi beige Mercedes 240D, immatriculé 12345-أ-6\./u);
  assert.match(taxi.description, /Personne recherchée : un homme d'environ 41 ans\./u);
});

test('Tamazight agreement follows the sex of the child and colours agree in gender and number', () => {
  const girl = composeAlertTexts(girlWithName().input)['zgh-Tfng'];
  assert.match(girl.headline, /^ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ/u);
  assert.match(girl.description, /ⵜⵊⵍⴰ\./u);
  assert.match(girl.description, /ⵜⵍⵙⴰ: ⵜⴰⴱⵍⵓⵣⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ ⵏ ⵜⵉⵏⵎⵍ, ⵉⴷⵓⴽⴰⵏ ⵉⵡⵔⴷⵉⵢⵏ\/ⵉⵎⵍⵍⴰⵍⵏ ⵏ ⵓⵙⴱⵓⵔ\./u);
  assert.match(girl.instruction, /ⵜⴰⵔⴱⴰⵜ ⴰⴷ/u);

  const boy = composeAlertTexts(boyWithoutName().input)['zgh-Tfng'];
  assert.match(boy.headline, /^ⴰⵔⴱⴰ ⵉⵊⵍⴰⵏ/u);
  assert.match(boy.description, /ⵉⵊⵍⴰ\./u);
  assert.match(boy.description, /ⵉⵍⵙⴰ: ⴰⵜⵔⵉⴽⵓ ⴰⵏⵉⵍⵉ ⴰⵖⴰⵎⵇ ⵙ ⵓⵇⵍⵎⵓⵏ/u);
  assert.match(boy.description, /ⵉⵟⵟⴰⴼ: ⵜⴰⵙⴰⴽⵓⵜ ⵜⴰⴱⵔⴽⴰⵏⵜ/u);
  assert.doesNotMatch(boy.description, /ⵜⵊⵍⴰ|ⵜⵍⵙⴰ|ⵜⴰⵔⴱⴰⵜ/u);
});

test('times are Moroccan local time with the date, and the year when it is not the current one', () => {
  // 2026-03-11 falls in Ramadan, when Morocco is on UTC+0; 2025-12-30T23:30Z is 00:30 the next day (UTC+1).
  const girl = composeAlertTexts(girlWithName().input);
  assert.match(girl['fr-MA'].description, /le 11\/03 vers 12 h 30/u);
  assert.match(girl['ar-MA'].description, /يوم 11\/03 حوالي الساعة 12:30/u);
  assert.match(girl['zgh-Tfng'].description, /ⴰⴽⵓⴷ: 11\/03, 12:30/u);
  const taxi = composeAlertTexts(vehicleAndSuspect().input);
  assert.match(taxi['fr-MA'].description, /le 31\/12\/2025 vers 0 h 30/u);
  assert.match(taxi['ar-MA'].description, /يوم 31\/12\/2025 حوالي الساعة 00:30/u);
});

test('numbers are written in Western digits in every text', () => {
  for (const make of Object.values(ALL_FIXTURES)) assert.doesNotMatch(everything(composeAlertTexts(make().input)), /[\u0660-\u0669\u06F0-\u06F9]/u);
});

test('the instruction says do not intervene, call 19 (112 from a mobile) and quote the reference', () => {
  for (const make of Object.values(ALL_FIXTURES)) {
    const { input } = make();
    const texts = composeAlertTexts(input);
    for (const lang of ALERT_LANGUAGES) {
      const instruction = texts[lang].instruction;
      assert.match(instruction, /(?<!\d)19(?!\d)/u);
      assert.match(instruction, /(?<!\d)112(?!\d)/u);
      assert.ok(instruction.includes(input.reference), `${lang} quotes the reference`);
    }
    assert.match(texts['fr-MA'].instruction, /Ne tentez pas d'intervenir/u);
    assert.match(texts['ar-MA'].instruction, /لا تتدخلوا/u);
    assert.match(texts['zgh-Tfng'].instruction, /ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ/u);
  }
});

test('no clothing details, no clothing sentence', () => {
  const texts = composeAlertTexts(toddler().input);
  assert.doesNotMatch(all(texts, 'fr-MA'), /vêtu|portait/u);
  assert.doesNotMatch(all(texts, 'ar-MA'), /يرتدي|يحمل/u);
  assert.doesNotMatch(all(texts, 'zgh-Tfng'), /ⵉⵍⵙⴰ|ⵉⵟⵟⴰⴼ/u);
});

test('a name without consent, and restricted or free-text values, appear in no text', () => {
  const boy = everything(composeAlertTexts(boyWithoutName().input));
  for (const secret of ['Youssef', 'Zemmouri', 'يوسف', 'الزموري', 'Fatima', 'Avenue Mohammed V', 'Left school', '0612345678', 'MARKER', 'Raja', 'black frames', '2010-09-02', '34.0209']) {
    assert.ok(!boy.includes(secret), `leaked: ${secret}`);
  }
  const taxi = everything(composeAlertTexts(vehicleAndSuspect().input));
  assert.doesNotMatch(taxi, /marker/iu);
  for (const quoted of SEEDED_SECRETS_WITHOUT_MARKER) {
    const value = quoted.replace(/^"|"$/gu, '');
    if (/^[a-z_]+$/u.test(value)) continue; // codes, never written as such
    assert.ok(!taxi.includes(value), `leaked: ${value}`);
  }
});

test('the suspect and vehicle appear only when authorised', () => {
  const { record, input } = vehicleAndSuspect();
  assert.match(everything(composeAlertTexts(input)), /12345-أ-6/u);
  record.prosecutor = null;
  const texts = composeAlertTexts({ ...input, publicRecord: publicSubset(record) });
  assert.doesNotMatch(everything(texts), /12345-أ-6|Mercedes|ⵓⵔⴳⴰⵣ|رجل/u);
});

test('the full record is refused: only a public subset can be composed, and the error names paths only', () => {
  const { record, input } = girlWithName();
  assert.throws(
    () => composeAlertTexts({ ...input, publicRecord: record }),
    (e: unknown) => e instanceof RangeError && /reporter\.givenName/u.test(e.message) && /lastSeen\.address/u.test(e.message) && !e.message.includes('Fatima'),
  );
});

test("the officer's free text goes into that language's description only", () => {
  const { input } = girlWithName();
  const texts = composeAlertTexts({ ...input, freeText: { fr: 'Elle porte un bracelet rouge au poignet gauche.', ar: '  ' } });
  assert.ok(texts['fr-MA'].description.endsWith('\nElle porte un bracelet rouge au poignet gauche.'));
  assert.equal(texts['ar-MA'].description, composeAlertTexts(input)['ar-MA'].description);
  for (const field of ['short90', 'short360', 'sms70', 'headline'] as const) assert.doesNotMatch(texts['fr-MA'][field], /bracelet/u);
});
