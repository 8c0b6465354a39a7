import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOTHING_PUBLISHABLE, publicationPermissions, type PublicationPermissions } from './case-consent.ts';
import { NOW, SEEDED_SECRETS_WITHOUT_MARKER, seededRecord, validRecord } from './case-fixtures.test-support.ts';
import type { CaseRecord } from './case-record.ts';
import { validateCaseRecord } from './case-validation.ts';
import {
  CASE_FIELD_PATHS,
  changedPaths,
  classOf,
  effectiveClassOf,
  FIELD_CLASSES,
  fieldsOfClass,
  mergeSensitive,
  pathsPresent,
  pickByClass,
  protectionClassOf,
  PUBLISHABLE_PATHS,
  SENSITIVE_PATHS,
  splitSensitive,
  type CaseFieldPath,
  type FieldRule,
} from './field-classes.ts';

// Compile-time proof: a classification that leaves out any leaf path of CaseRecord does not type-check,
// and neither does one that classifies a path CaseRecord does not have.
// @ts-expect-error every leaf path must be classified
const _incomplete: { readonly [P in CaseFieldPath]: FieldRule } = { 'child.sex': { class: 'public' } };
// @ts-expect-error a path that does not exist cannot be classified
const _unknown: Partial<Record<CaseFieldPath, FieldRule>> = { 'child.favouriteColour': { class: 'public' } };

const ALL_PUBLISHABLE: PublicationPermissions = { nameConsent: true, photoConsent: true, suspectAuthorised: true };

/** The leaf paths of a value, found by walking it (independently of field-classes.ts). */
function leafPathsOfValue(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return [path];
    return value.flatMap((v) => leafPathsOfValue(v, `${path}[]`));
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leafPathsOfValue(v, path ? `${path}.${k}` : k));
  return [path];
}

/** Scalar values stored at a path of a record (one per list element under `[]`). */
function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const part of path.split('.')) {
    const key = part.endsWith('[]') ? part.slice(0, -2) : part;
    current = current.flatMap((v) => (typeof v === 'object' && v !== null ? [(v as Record<string, unknown>)[key]] : []));
    if (part.endsWith('[]')) current = current.flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []));
  }
  return current.flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v])).filter((v) => v !== null && v !== undefined);
}

/** Values that must not appear in a JSON text: quoted strings, and numbers with decimals. */
function needlesFor(record: CaseRecord, paths: readonly CaseFieldPath[]): string[] {
  return paths.flatMap((p) =>
    valuesAt(record, p).flatMap((v) => (typeof v === 'string' ? [JSON.stringify(v)] : typeof v === 'number' && !Number.isInteger(v) ? [String(v)] : [])),
  );
}

describe('field classes', () => {
  test('the declared paths are exactly the leaves of a fully filled record', () => {
    const seed = seededRecord();
    assert.deepEqual(new Set(leafPathsOfValue(seed)), new Set(CASE_FIELD_PATHS));
    assert.deepEqual(new Set(pathsPresent(seed)), new Set(CASE_FIELD_PATHS), 'the seed fills every field');
  });

  test('the seeded record is itself a valid form', () => {
    assert.deepEqual(validateCaseRecord(seededRecord(), NOW), []);
  });

  test('classes follow DESIGN.md §2', () => {
    const expect: [CaseFieldPath, string, string][] = [
      ['child.givenNameLatin', 'public', 'restricted'],
      ['child.familyNameAr', 'public', 'restricted'],
      ['child.birthDate', 'restricted', 'restricted'],
      ['child.ageYears', 'public', 'public'],
      ['child.idCardNumber', 'sensitive', 'sensitive'],
      ['child.photos[].id', 'public', 'sensitive'],
      ['child.health.medicalNeeds', 'sensitive', 'sensitive'],
      ['lastSeen.point.lat', 'restricted', 'restricted'],
      ['lastSeen.address', 'restricted', 'restricted'],
      ['lastSeen.area.commune', 'public', 'public'],
      ['lastSeen.at', 'public', 'public'],
      ['circumstances.narrative', 'restricted', 'restricted'],
      ['circumstances.indicators', 'restricted', 'restricted'],
      ['circumstances.vulnerabilities', 'sensitive', 'sensitive'],
      ['investigation.personalProblems', 'sensitive', 'sensitive'],
      ['investigation.friends[].name', 'restricted', 'restricted'],
      ['reporter.phones', 'restricted', 'restricted'],
      ['reporter.idCardNumber', 'sensitive', 'sensitive'],
      ['suspect.description', 'public', 'restricted'],
      ['suspect.name', 'restricted', 'restricted'],
      ['vehicle.plate', 'public', 'restricted'],
    ];
    for (const [path, declared, atRest] of expect) {
      assert.equal(classOf(path), declared, path);
      assert.equal(protectionClassOf(path), atRest, path);
    }
  });

  test('fieldsOfClass partitions the paths, and the exported lists agree', () => {
    const all = [...fieldsOfClass('public'), ...fieldsOfClass('restricted'), ...fieldsOfClass('sensitive')];
    assert.equal(all.length, CASE_FIELD_PATHS.length);
    assert.deepEqual(new Set(all), new Set(CASE_FIELD_PATHS));
    assert.deepEqual(PUBLISHABLE_PATHS, fieldsOfClass('public'));
    assert.deepEqual(
      [...SENSITIVE_PATHS].sort(),
      [
        'child.health.disability',
        'child.health.medicalNeeds',
        'child.idCardNumber',
        'child.photos[].forPublication',
        'child.photos[].id',
        'child.photos[].takenOn',
        'circumstances.vulnerabilities',
        'investigation.personalProblems',
        'reporter.idCardNumber',
      ],
    );
  });

  test('a conditional field is public only while its condition holds', () => {
    assert.equal(effectiveClassOf('child.givenNameLatin', NOTHING_PUBLISHABLE), 'restricted');
    assert.equal(effectiveClassOf('child.givenNameLatin', { ...NOTHING_PUBLISHABLE, nameConsent: true }), 'public');
    assert.equal(effectiveClassOf('child.photos[].id', { ...NOTHING_PUBLISHABLE, photoConsent: true }, { forPublication: false }), 'sensitive');
    assert.equal(effectiveClassOf('child.photos[].id', { ...NOTHING_PUBLISHABLE, photoConsent: true }, { forPublication: true }), 'public');
    assert.equal(effectiveClassOf('vehicle.plate', { ...NOTHING_PUBLISHABLE, nameConsent: true, photoConsent: true }), 'restricted');
  });

  test('every list of objects holds one class at rest, so the encryption split never cuts an element in two', () => {
    const byList = new Map<string, Set<string>>();
    for (const p of CASE_FIELD_PATHS) {
      const cut = p.lastIndexOf('[]');
      if (cut < 0) continue;
      const list = p.slice(0, cut);
      byList.set(list, (byList.get(list) ?? new Set()).add(protectionClassOf(p)));
    }
    assert.ok(byList.size >= 6);
    for (const [list, classes] of byList) assert.equal(classes.size, 1, list);
  });
});

describe('pickByClass', () => {
  const restrictedOrSensitive = CASE_FIELD_PATHS.filter((p) => protectionClassOf(p) !== 'public');

  test('the public view of a seeded record holds none of its restricted or sensitive values', () => {
    const json = JSON.stringify(pickByClass(seededRecord(), ['public'], NOTHING_PUBLISHABLE));
    assert.doesNotMatch(json, /marker/i);
    for (const secret of SEEDED_SECRETS_WITHOUT_MARKER) assert.ok(!json.includes(secret), `leaked ${secret}`);
  });

  test('the public view holds no value of any field declared restricted or sensitive, and only public fields', () => {
    const seed = seededRecord();
    const json = JSON.stringify(pickByClass(seed, ['public'], NOTHING_PUBLISHABLE));
    const needles = needlesFor(seed, restrictedOrSensitive);
    assert.ok(needles.length >= 50, `expected many markers, got ${needles.length}`);
    for (const needle of needles) assert.ok(!json.includes(needle), `leaked ${needle}`);
    for (const path of pathsPresent(JSON.parse(json) as CaseRecord)) assert.equal(protectionClassOf(path), 'public', path);
    // And what is public is there.
    const view = JSON.parse(json) as CaseRecord;
    assert.equal(view.child.ageYears, 13);
    assert.equal(view.child.sex, 'female');
    assert.equal(view.lastSeen.area.neighbourhood, 'Tabriquet');
    assert.deepEqual(view.child.clothing.items[0]?.colours, ['red']);
    assert.equal(view.child.photos, undefined);
  });

  test('with consent and authorisation, names, the chosen photo and the suspect description appear, and nothing else', () => {
    const seed = seededRecord();
    const view = pickByClass(seed, ['public'], ALL_PUBLISHABLE);
    const json = JSON.stringify(view);
    assert.equal(view.child?.givenNameLatin, 'Zumurrudmarker');
    assert.equal(view.child?.familyNameAr, 'البرقوقي');
    assert.deepEqual(view.child?.photos, [{ id: 'photo-for-publication', forPublication: true, takenOn: '2026-02-01' }]);
    assert.equal(view.suspect?.description, 'MARKER-suspect-description');
    assert.equal(view.vehicle?.plate, 'MARKER-plate');
    assert.equal(view.suspect?.name, undefined);
    const stillHidden = restrictedOrSensitive.filter((p) => classOf(p) !== 'public');
    for (const needle of [...needlesFor(seed, stillHidden), '"photo-never-published"', '"2025-07-07"']) assert.ok(!json.includes(needle), `leaked ${needle}`);
  });

  test('an officer without sensitive access sees restricted fields but no sensitive one', () => {
    const seed = seededRecord();
    const view = pickByClass(seed, ['public', 'restricted'], NOTHING_PUBLISHABLE);
    const json = JSON.stringify(view);
    assert.equal(view.reporter?.email, 'marker.reporter@example.invalid');
    assert.equal(view.lastSeen?.point?.lat, 33.987654);
    for (const needle of needlesFor(seed, SENSITIVE_PATHS)) assert.ok(!json.includes(needle), `leaked ${needle}`);
    assert.equal(view.child?.health, undefined);
  });

  test('all classes give back the whole record', () => {
    const seed = seededRecord();
    assert.deepEqual(pickByClass(seed, ['public', 'restricted', 'sensitive'], NOTHING_PUBLISHABLE), seed);
  });

  test('keys and shapes that are not declared are never copied', () => {
    const seed = seededRecord() as unknown as Record<string, Record<string, unknown>>;
    seed.child!.secretNote = 'MARKER-undeclared';
    seed.lastSeen!.area = { commune: 'Salé', neighbourhood: 'Tabriquet', street: 'MARKER-street' };
    (seed.child!.hair as Record<string, unknown>).colour = { hidden: 'MARKER-object-in-leaf' };
    seed.extra = { anything: 'MARKER-top-level' };
    const json = JSON.stringify(pickByClass(seed as unknown as CaseRecord, ['public', 'restricted', 'sensitive'], ALL_PUBLISHABLE));
    assert.ok(!json.includes('MARKER-'.concat('undeclared')));
    assert.ok(!json.includes('MARKER-street'));
    assert.ok(!json.includes('MARKER-object-in-leaf'));
    assert.ok(!json.includes('MARKER-top-level'));
    assert.ok(json.includes('"Tabriquet"'));
  });

  test('a missing suspect shows as null only where suspect fields may be shown', () => {
    const record = validRecord();
    assert.equal('suspect' in pickByClass(record, ['public'], NOTHING_PUBLISHABLE), false);
    assert.equal(pickByClass(record, ['public'], ALL_PUBLISHABLE).suspect, null);
  });
});

describe('splitSensitive / mergeSensitive', () => {
  test('the split puts each value on the side of its class at rest and merges back to the same record', () => {
    const seed = seededRecord();
    const { rest, sensitive } = splitSensitive(seed);
    assert.deepEqual(new Set(pathsPresent(sensitive)), new Set(SENSITIVE_PATHS));
    const restJson = JSON.stringify(rest);
    for (const needle of needlesFor(seed, SENSITIVE_PATHS)) assert.ok(!restJson.includes(needle), `leaked ${needle}`);
    assert.deepEqual(mergeSensitive(rest, sensitive), seed);
    const plain = validRecord();
    assert.deepEqual(mergeSensitive(splitSensitive(plain).rest, splitSensitive(plain).sensitive), plain);
  });
});

describe('audit helpers', () => {
  test('changedPaths names the fields that changed, never their values', () => {
    const before = validRecord();
    const after = validRecord();
    after.child.heightCm = 130;
    after.reporter.phones.push('0700000000');
    after.child.clothing.items[1]!.colours = ['black'];
    assert.deepEqual(changedPaths(before, after), ['child.heightCm', 'child.clothing.items[].colours', 'reporter.phones']);
    assert.deepEqual(changedPaths(before, validRecord()), []);
  });

  test('pathsPresent leaves out empty fields', () => {
    const present = pathsPresent(validRecord());
    assert.ok(present.includes('child.givenNameAr'));
    assert.ok(!present.includes('child.idCardNumber'));
    assert.ok(!present.includes('child.otherNames'));
  });
});

describe('publicationPermissions', () => {
  test('consents from a guardian count; refused, withdrawn or from another person do not; a decision stands in', () => {
    const r = validRecord();
    assert.deepEqual(publicationPermissions(r), { nameConsent: true, photoConsent: true, suspectAuthorised: false });
    r.reporter.consents.publishName!.withdrawnAt = '2026-03-11T13:30:00Z';
    r.reporter.consents.publishPhoto!.given = false;
    assert.deepEqual(publicationPermissions(r), NOTHING_PUBLISHABLE);
    const other = validRecord();
    other.reporter.relation = 'other';
    assert.deepEqual(publicationPermissions(other), NOTHING_PUBLISHABLE);
    other.prosecutor = { court: null, fileNumber: null, publicationDecision: { reference: 'D-1', decidedAt: '2026-03-11T13:40:00Z', publishName: false, publishPhoto: true, publishSuspect: true } };
    assert.deepEqual(publicationPermissions(other), { nameConsent: false, photoConsent: true, suspectAuthorised: true });
  });
});

void FIELD_CLASSES;
