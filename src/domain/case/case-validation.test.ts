import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, type FieldError } from '../errors.ts';
import { NOW, seededRecord, validRecord, type Draft } from './case-fixtures.test-support.ts';
import { assertValidCaseRecord, CASE_LIMITS, isPhoneNumber, validateCaseRecord } from './case-validation.ts';

/** The fields named by the problems of a changed valid record. */
function fieldsOf(change: (r: Draft) => void, now = NOW): string[] {
  const r = validRecord();
  change(r);
  return validateCaseRecord(r, now).map((e: FieldError) => e.field);
}

describe('validateCaseRecord', () => {
  test('a complete, plausible form has no problem', () => {
    assert.deepEqual(validateCaseRecord(validRecord(), NOW), []);
    assert.deepEqual(validateCaseRecord(seededRecord(), NOW), []);
  });

  test('last seen in the future is refused beyond five minutes of clock skew', () => {
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.at = '2026-03-11T14:04:59Z')), []);
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.at = '2026-03-11T14:05:01Z')), ['/lastSeen/at']);
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.at = '2026-03-11 12:00')), ['/lastSeen/at']);
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.at = '2026-02-30T12:00:00Z')), ['/lastSeen/at']);
  });

  test('birth dates: not in the future, not after the last sighting, a real day, agreeing with the age', () => {
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = '2026-03-12'), (r.child.ageYears = null))), ['/child/birthDate']);
    assert.deepEqual(
      fieldsOf((r) => {
        r.lastSeen.at = '2026-03-01T10:00:00Z';
        r.child.birthDate = '2026-03-05';
        r.child.ageYears = null;
      }),
      ['/child/birthDate'],
    );
    assert.deepEqual(fieldsOf((r) => (r.child.birthDate = '2017-02-29')), ['/child/birthDate']);
    assert.deepEqual(fieldsOf((r) => (r.child.ageYears = 9)), ['/child/ageYears']);
    assert.match(validateCaseRecord({ ...validRecord(), child: { ...validRecord().child, ageYears: 9 } }, NOW)[0]?.message ?? '', /does not match/);
  });

  test('the birth date or an estimated age is required; ages must be possible, adults are not an error', () => {
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = null), (r.child.ageYears = null))), ['/child/birthDate']);
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = null), (r.child.ageYears = 19))), []);
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = null), (r.child.ageYears = -1))), ['/child/ageYears']);
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = null), (r.child.ageYears = 120))), ['/child/ageYears']);
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = null), (r.child.ageYears = 7.5))), ['/child/ageYears']);
    assert.deepEqual(fieldsOf((r) => ((r.child.birthDate = '1900-01-01'), (r.child.ageYears = null))), ['/child/birthDate']);
  });

  test('the age is counted on the Moroccan calendar day of the last sighting', () => {
    // 23:30 UTC on 19 May is already 20 May in Morocco (UTC+1): the ninth birthday has come.
    assert.deepEqual(
      fieldsOf((r) => {
        r.lastSeen.at = '2026-05-19T23:30:00Z';
        r.child.ageYears = 9;
      }, new Date('2026-05-20T10:00:00Z')),
      [],
    );
  });

  test('height between 30 and 220 cm', () => {
    assert.deepEqual(fieldsOf((r) => (r.child.heightCm = 29)), ['/child/heightCm']);
    assert.deepEqual(fieldsOf((r) => (r.child.heightCm = 221)), ['/child/heightCm']);
    assert.deepEqual(fieldsOf((r) => (r.child.heightCm = Number.NaN)), ['/child/heightCm']);
    assert.deepEqual(fieldsOf((r) => (r.child.heightCm = 30)), []);
  });

  test('at least one name, each in its own script', () => {
    const noName = (r: Draft) => {
      r.child.givenNameAr = null;
      r.child.familyNameAr = null;
      r.child.givenNameLatin = null;
      r.child.familyNameLatin = null;
    };
    assert.deepEqual(fieldsOf(noName), ['/child/givenNameAr', '/child/givenNameLatin']);
    assert.deepEqual(fieldsOf((r) => ((r.child.givenNameLatin = null), (r.child.familyNameLatin = null))), []);
    assert.deepEqual(fieldsOf((r) => ((r.child.givenNameAr = null), (r.child.familyNameAr = null))), []);
    assert.deepEqual(fieldsOf((r) => (r.child.givenNameAr = 'Yasmine')), ['/child/givenNameAr']);
    assert.deepEqual(fieldsOf((r) => (r.child.givenNameLatin = 'ياسمين')), ['/child/givenNameLatin']);
    assert.deepEqual(fieldsOf((r) => (r.child.familyNameLatin = "Aït-Ba'amrane")), []);
    assert.deepEqual(fieldsOf((r) => (r.child.givenNameAr = 'يَاسْمِين')), [], 'vowel marks are allowed');
    assert.deepEqual(fieldsOf((r) => (r.child.givenNameLatin = '   ')), ['/child/givenNameLatin']);
  });

  test('consents need their time and wording, cannot be in the future, and must come from a guardian', () => {
    assert.deepEqual(fieldsOf((r) => (r.reporter.consents.publishPhoto!.wording = '')), ['/reporter/consents/publishPhoto/wording']);
    assert.deepEqual(
      fieldsOf((r) => ((r.reporter.consents.publishName as { at: string | null }).at = null)),
      ['/reporter/consents/publishName/at'],
    );
    assert.deepEqual(fieldsOf((r) => (r.reporter.consents.publishName!.at = '2026-03-12T10:00:00Z')), ['/reporter/consents/publishName/at']);
    assert.deepEqual(fieldsOf((r) => (r.reporter.consents.publishName!.withdrawnAt = '2026-03-11T12:00:00Z')), ['/reporter/consents/publishName/withdrawnAt']);
    assert.deepEqual(fieldsOf((r) => ((r.reporter.relation = 'other'), (r.reporter.relationDetail = 'neighbour'))), [
      '/reporter/consents/publishName/given',
      '/reporter/consents/publishPhoto/given',
    ]);
    assert.deepEqual(fieldsOf((r) => (r.reporter.relation = 'other')).sort(), [
      '/reporter/consents/publishName/given',
      '/reporter/consents/publishPhoto/given',
      '/reporter/relationDetail',
    ]);
    assert.deepEqual(fieldsOf((r) => ((r.reporter.consents.publishName = null), (r.reporter.consents.publishPhoto = null))), []);
  });

  test('a prosecutor decision needs its reference and a past time', () => {
    assert.deepEqual(
      fieldsOf((r) => (r.prosecutor = { court: null, fileNumber: null, publicationDecision: { reference: '', decidedAt: '2026-03-12T00:00:00Z', publishName: true, publishPhoto: true, publishSuspect: false } })),
      ['/prosecutor/publicationDecision/reference', '/prosecutor/publicationDecision/decidedAt'],
    );
  });

  test('coordinates within range, places with a location', () => {
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.point = { lat: 91, lon: -181 })), ['/lastSeen/point/lat', '/lastSeen/point/lon']);
    assert.deepEqual(fieldsOf((r) => (r.investigation.placesFrequented = [{ label: 'Cyber café', address: null, point: null }])), ['/investigation/placesFrequented/0/point']);
    assert.deepEqual(fieldsOf((r) => (r.investigation.placesFrequented = [{ label: 'Stade', address: null, point: { lat: 34, lon: 200 } }])), ['/investigation/placesFrequented/0/point/lon']);
  });

  test('unknown vocabulary codes are named by field', () => {
    const bad = 'purple_with_dots' as never;
    assert.deepEqual(fieldsOf((r) => (r.child.sex = bad)), ['/child/sex']);
    assert.deepEqual(fieldsOf((r) => (r.child.hair.colour = bad)), ['/child/hair/colour']);
    assert.deepEqual(fieldsOf((r) => (r.child.clothing.items[1]!.colours = ['pink', bad])), ['/child/clothing/items/1/colours/1']);
    assert.deepEqual(fieldsOf((r) => (r.child.clothing.items[0]!.garment = bad)), ['/child/clothing/items/0/garment']);
    assert.deepEqual(fieldsOf((r) => (r.child.languages = ['ary', bad])), ['/child/languages/1']);
    assert.deepEqual(fieldsOf((r) => (r.circumstances.indicators = [bad])), ['/circumstances/indicators/0']);
    assert.deepEqual(fieldsOf((r) => (r.circumstances.vulnerabilities = ['medical_need', 'medical_need'])), ['/circumstances/vulnerabilities']);
    assert.deepEqual(fieldsOf((r) => (r.reporter.relation = bad)), ['/reporter/relation']);
    assert.deepEqual(fieldsOf((r) => (r.vehicle = { kind: bad, make: null, model: null, colour: null, plate: null, description: null })), ['/vehicle/kind']);
  });

  test('lengths and list sizes are capped', () => {
    assert.deepEqual(fieldsOf((r) => (r.circumstances.narrative = 'x'.repeat(CASE_LIMITS.narrative + 1))), ['/circumstances/narrative']);
    assert.deepEqual(fieldsOf((r) => (r.child.givenNameLatin = 'A'.repeat(CASE_LIMITS.name + 1))), ['/child/givenNameLatin']);
    assert.deepEqual(fieldsOf((r) => (r.investigation.hobbies = Array.from({ length: CASE_LIMITS.hobbies + 1 }, () => 'football'))), ['/investigation/hobbies']);
    assert.deepEqual(
      fieldsOf((r) => (r.child.photos = Array.from({ length: CASE_LIMITS.photos + 1 }, (_, i) => ({ id: `p${i}`, forPublication: false, takenOn: null })))),
      ['/child/photos'],
    );
    assert.deepEqual(fieldsOf((r) => (r.child.clothing.items[0]!.colours = ['red', 'blue', 'green', 'white', 'black'])), ['/child/clothing/items/0/colours']);
    assert.deepEqual(fieldsOf((r) => (r.child.visibleMarks[0]!.description = 'a\u0000b')), ['/child/visibleMarks/0/description']);
    assert.deepEqual(fieldsOf((r) => (r.circumstances.narrative = 'line one\nline two')), []);
  });

  test('phones, e-mail, codes and photos have their formats', () => {
    assert.deepEqual(fieldsOf((r) => (r.reporter.phones = ['06 12 34 56 78', '+33 6 12 34 56 78', '12345'])), ['/reporter/phones/2']);
    assert.deepEqual(fieldsOf((r) => (r.reporter.email = 'not-an-address')), ['/reporter/email']);
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.prefectureCode = 'CAS')), ['/lastSeen/prefectureCode']);
    assert.deepEqual(fieldsOf((r) => (r.lastSeen.regionCode = 'MA-13')), ['/lastSeen/regionCode']);
    assert.deepEqual(fieldsOf((r) => r.child.photos.push({ id: 'ph-1', forPublication: false, takenOn: null })), ['/child/photos/1/id']);
    assert.deepEqual(fieldsOf((r) => (r.child.photos[0]!.takenOn = '2027-01-01')), ['/child/photos/0/takenOn']);
    assert.ok(isPhoneNumber('0712345678'));
    assert.ok(!isPhoneNumber('0412345678'));
  });

  test('problems never repeat the value they are about', () => {
    const r = seededRecord();
    r.child.givenNameLatin = 'LEAKME-زمردة';
    r.child.idCardNumber = 'LEAKME!!';
    r.reporter.email = 'LEAKME';
    r.reporter.phones = ['LEAKME'];
    r.lastSeen.at = 'LEAKME';
    r.child.sex = 'LEAKME' as never;
    const errors = validateCaseRecord(r, NOW);
    assert.ok(errors.length >= 6);
    assert.doesNotMatch(JSON.stringify(errors), /LEAKME/);
  });

  test('a malformed shape is reported, not thrown', () => {
    const r = validRecord() as unknown as Record<string, unknown>;
    r.investigation = null;
    r.circumstances = 'none';
    const fields = validateCaseRecord(r as never, NOW).map((e) => e.field);
    assert.deepEqual(fields, ['/circumstances', '/investigation']);
  });

  test('assertValidCaseRecord throws validation_failed with the fields', () => {
    const r = validRecord();
    r.child.heightCm = 500;
    assert.throws(
      () => assertValidCaseRecord(r, NOW),
      (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.errors.length === 1 && e.errors[0]?.field === '/child/heightCm',
    );
    assert.equal(assertValidCaseRecord(validRecord(), NOW).child.sex, 'female');
  });
});
