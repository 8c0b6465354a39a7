/**
 * Synthetic alert inputs for the tests of this folder (no real person): a girl of 8 with name consent,
 * a boy of 15 without it, a toddler with no clothing details, a case with the vehicle and suspect
 * authorised by the prosecutor, and one with very long names. Each input holds the public subset of a
 * full record (pickByClass), as the use case will pass it.
 */
import { publicationPermissions } from '../case/case-consent.ts';
import { seededRecord, validRecord, type Draft } from '../case/case-fixtures.test-support.ts';
import { pickByClass } from '../case/field-classes.ts';
import type { AlertArea, AlertTextInput } from './alert-facts.ts';

export const NOW = new Date('2026-03-11T14:00:00Z');

export const RABAT_HASSAN: AlertArea = {
  neighbourhood: { ar: 'حسان', fr: 'Hassan', zgh: null },
  commune: { ar: 'الرباط', fr: 'Rabat', zgh: 'ⵔⵔⴱⴰⵟ' },
};

export const SALE_TABRIQUET: AlertArea = {
  neighbourhood: { ar: 'تابريكت', fr: 'Tabriquet', zgh: 'ⵜⴰⴱⵔⵉⴽⵜ' },
  commune: { ar: 'سلا', fr: 'Salé', zgh: 'ⵙⵍⴰ' },
};

export const CASABLANCA: AlertArea = {
  neighbourhood: { ar: 'سيدي مومن', fr: 'Sidi Moumen', zgh: null },
  commune: { ar: 'الدار البيضاء', fr: 'Casablanca', zgh: 'ⴰⵏⴼⴰ' },
};

export const publicSubset = (record: Draft) => pickByClass(record, ['public'], publicationPermissions(record));

const input = (record: Draft, reference: string, lastSeenArea: AlertArea): AlertTextInput => ({
  publicRecord: publicSubset(record),
  reference,
  lastSeenArea,
  lastSeenAt: record.lastSeen.at,
  callNumber: '19',
  now: NOW,
});

/** Yasmine El Amrani, 8, with the mother's consent to publish her name (validRecord). */
export function girlWithName(): { record: Draft; input: AlertTextInput } {
  const record = validRecord();
  return { record, input: input(record, 'TM-2026-000123', RABAT_HASSAN) };
}

/** A boy of 15 whose name may not be published (consent refused). */
export function boyWithoutName(): { record: Draft; input: AlertTextInput } {
  const record = validRecord();
  record.child = {
    ...record.child,
    givenNameAr: 'يوسف',
    familyNameAr: 'الزموري',
    givenNameLatin: 'Youssef',
    familyNameLatin: 'Zemmouri',
    sex: 'male',
    birthDate: '2010-09-02',
    ageYears: 15,
    heightCm: 171,
    build: 'athletic',
    hair: { colour: 'black', length: 'short', texture: 'straight' },
    eyes: 'black',
    visibleMarks: [{ kind: 'glasses', description: 'black frames' }],
    clothing: {
      items: [
        { garment: 'hoodie', colours: ['navy'], note: 'Raja crest' },
        { garment: 'jeans', colours: ['blue'], note: null },
        { garment: 'sneakers', colours: ['white', 'red'], note: null },
        { garment: 'backpack', colours: ['black'], note: null },
      ],
      description: 'MARKER-clothing-free-text',
    },
  };
  record.lastSeen = { ...record.lastSeen, at: '2026-03-11T09:40:00Z', area: { commune: 'Salé', neighbourhood: 'Tabriquet' } };
  record.reporter.consents.publishName = { given: false, at: '2026-03-11T10:00:00Z', wording: "J'accepte la publication du nom.", withdrawnAt: null };
  return { record, input: input(record, 'TM-2026-000456', SALE_TABRIQUET) };
}

/** A boy of 2 with no clothing details, no marks, no hair or eye colour. */
export function toddler(): { record: Draft; input: AlertTextInput } {
  const record = validRecord();
  record.child = {
    ...record.child,
    givenNameAr: 'آدم',
    familyNameAr: null,
    givenNameLatin: 'Adam',
    familyNameLatin: null,
    sex: 'male',
    birthDate: '2023-11-02',
    ageYears: 2,
    heightCm: 88,
    build: null,
    hair: { colour: null, length: null, texture: null },
    eyes: null,
    visibleMarks: [],
    clothing: { items: [], description: null },
    languages: [],
  };
  record.lastSeen = { ...record.lastSeen, at: '2026-03-11T08:05:00Z' };
  return { record, input: input(record, 'TM-2026-000789', CASABLANCA) };
}

/** A girl of 13 in a grand taxi with a man; the prosecutor authorised the suspect and vehicle description. */
export function vehicleAndSuspect(): { record: Draft; input: AlertTextInput } {
  const record = seededRecord();
  record.prosecutor = {
    court: 'MARKER-court',
    fileNumber: 'MARKER-file-number',
    publicationDecision: { reference: 'MARKER-decision-ref', decidedAt: '2026-03-11T11:15:00Z', publishName: false, publishPhoto: true, publishSuspect: true },
  };
  record.child.clothing.items = [
    { garment: 'djellaba', colours: ['pink'], note: 'MARKER-note' },
    { garment: 'headscarf', colours: ['white'], note: null },
    { garment: 'sandals', colours: ['gold'], note: null },
  ];
  record.vehicle = { kind: 'grand_taxi', make: 'Mercedes', model: '240D', colour: 'beige', plate: '12345-أ-6', description: 'MARKER-vehicle-description' };
  return { record, input: { ...input(record, 'TM-2026-000321', SALE_TABRIQUET), lastSeenAt: '2025-12-30T23:30:00Z' } };
}

/** Names and places far longer than usual, to reach the last steps of the short forms. */
export function longNames(): { record: Draft; input: AlertTextInput } {
  const record = validRecord();
  record.child.givenNameLatin = 'Fatima-Zahra Maria Khadija';
  record.child.familyNameLatin = 'Ben Abdelkader El Idrissi El Hassani';
  record.child.givenNameAr = 'فاطمة الزهراء ماريا خديجة';
  record.child.familyNameAr = 'بن عبد القادر الإدريسي الحسني';
  record.child.otherNames = ['Zizi'];
  const area: AlertArea = {
    neighbourhood: { ar: 'حي الأمل الجديد التابع لمقاطعة سيدي البرنوصي', fr: 'Quartier Al Amal Al Jadid de Sidi Bernoussi', zgh: null },
    commune: { ar: 'عمالة مقاطعات سيدي البرنوصي الدار البيضاء', fr: 'Préfecture des arrondissements de Sidi Bernoussi Casablanca', zgh: null },
  };
  return { record, input: input(record, 'TM-2026-001234', area) };
}

export const ALL_FIXTURES = { girlWithName, boyWithoutName, toddler, vehicleAndSuspect, longNames } as const;
