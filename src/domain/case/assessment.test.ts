import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { assessCase, overrideAssessment, reasonText, type Assessment } from './assessment.ts';
import { NOW, validRecord, type Draft } from './case-fixtures.test-support.ts';

const SAFE = { publishingEndangersChild: false } as const;

/** A 14-year-old seen 5 hours ago, no indicator: the quietest case. */
function teenager(): Draft {
  const r = validRecord();
  r.child.birthDate = null;
  r.child.ageYears = 14;
  r.lastSeen.at = '2026-03-11T09:00:00Z';
  return r;
}

const assess = (r: Draft, judgement: { publishingEndangersChild: boolean | null } = SAFE): Assessment => assessCase(r, NOW, judgement);

describe('assessCase: criteria', () => {
  test('a young child with consent, photo and safe judgement is eligible, with a reason for each criterion', () => {
    const a = assess(validRecord());
    assert.equal(a.eligible, true);
    assert.deepEqual(
      Object.fromEntries(Object.entries(a.criteria).map(([k, c]) => [k, [c.met, c.reasonCode]])),
      {
        minor: [true, 'minor.under_18'],
        worrying: [true, 'worrying.young_child'],
        description: [true, 'description.photo'],
        consent: [true, 'consent.guardian'],
        safety: [true, 'safety.no_danger'],
      },
    );
    for (const c of Object.values(a.criteria)) {
      assert.ok(c.reason.ar.length > 5 && c.reason.fr.length > 5);
      assert.deepEqual(c.reason, reasonText(c.reasonCode));
    }
    assert.equal(a.ageYears, 8);
    assert.equal(a.minutesSinceLastSeen, 90);
    assert.equal(a.assessedAt, NOW.toISOString());
    assert.equal(a.override, null);
  });

  test('minor: 18 or over is not a minor; no age is unknown', () => {
    const adult = teenager();
    adult.child.ageYears = 18;
    assert.deepEqual([assess(adult).criteria.minor.met, assess(adult).criteria.minor.reasonCode], [false, 'minor.adult']);
    assert.equal(assess(adult).eligible, false);
    const noAge = teenager();
    noAge.child.ageYears = null;
    assert.deepEqual([assess(noAge).criteria.minor.met, assess(noAge).criteria.minor.reasonCode], ['unknown', 'minor.age_unknown']);
    const seventeen = teenager();
    seventeen.child.ageYears = 17;
    assert.equal(assess(seventeen).criteria.minor.met, true);
  });

  test('worrying: a runaway pattern alone is not; abduction, threat, medical need, disability or a young age is', () => {
    const runaway = teenager();
    runaway.circumstances.indicators = ['earlier_runaways', 'known_person_involved'];
    runaway.circumstances.vulnerabilities = ['family_conflict'];
    assert.deepEqual([assess(runaway).criteria.worrying.met, assess(runaway).criteria.worrying.reasonCode], [false, 'worrying.none']);

    const abducted = teenager();
    abducted.circumstances.indicators = ['vehicle_involved', 'abduction_witnessed'];
    const w = assess(abducted).criteria.worrying;
    assert.deepEqual([w.met, w.reasonCode, w.evidence], [true, 'worrying.abduction_witnessed', ['abduction_witnessed', 'vehicle_involved']]);

    const medical = teenager();
    medical.child.health.medicalNeeds = 'needs insulin twice a day';
    assert.equal(assess(medical).criteria.worrying.reasonCode, 'worrying.medical_need');
    const disabled = teenager();
    disabled.circumstances.vulnerabilities = ['disability'];
    assert.equal(assess(disabled).criteria.worrying.reasonCode, 'worrying.disability');
    const online = teenager();
    online.circumstances.indicators = ['online_contact'];
    assert.equal(assess(online).criteria.worrying.met, true);
  });

  test('description: a publishable photo, or age + sex + two elements', () => {
    const r = teenager();
    r.child.photos = [];
    r.child.heightCm = null;
    r.child.build = null;
    r.child.hair = { colour: null, length: null, texture: null };
    r.child.clothing = { items: [], description: null };
    r.child.visibleMarks = [];
    assert.deepEqual([assess(r).criteria.description.met, assess(r).criteria.description.reasonCode], [false, 'description.insufficient']);
    r.child.heightCm = 160;
    assert.equal(assess(r).criteria.description.met, false, 'one element is not enough');
    r.child.clothing = { items: [], description: 'blue tracksuit' };
    assert.deepEqual([assess(r).criteria.description.met, assess(r).criteria.description.reasonCode], [true, 'description.physical']);
    assert.deepEqual(assess(r).criteria.description.evidence, ['age', 'sex', 'height', 'clothing']);
    r.child.ageYears = null;
    assert.equal(assess(r).criteria.description.met, false, 'age is required without a photo');

    const photoOnly = teenager();
    photoOnly.child.heightCm = null;
    photoOnly.child.build = null;
    photoOnly.child.hair = { colour: null, length: null, texture: null };
    photoOnly.child.clothing = { items: [], description: null };
    photoOnly.child.visibleMarks = [];
    assert.equal(assess(photoOnly).criteria.description.reasonCode, 'description.photo');
    photoOnly.child.photos[0]!.forPublication = false;
    assert.equal(assess(photoOnly).criteria.description.met, false, 'a photo not chosen for publication does not count');
    photoOnly.child.photos[0]!.forPublication = true;
    photoOnly.reporter.consents.publishPhoto = null;
    assert.equal(assess(photoOnly).criteria.description.met, false, 'a photo without consent does not count');
  });

  test('consent: guardian consent, or the prosecutor decision, or the reason it is missing', () => {
    const r = teenager();
    r.reporter.consents.publishName = null;
    assert.equal(assess(r).criteria.consent.reasonCode, 'consent.guardian', 'photo consent alone is enough');
    r.reporter.consents.publishPhoto = null;
    assert.deepEqual([assess(r).criteria.consent.met, assess(r).criteria.consent.reasonCode], ['unknown', 'consent.not_recorded']);
    r.reporter.consents.publishPhoto = { given: false, at: '2026-03-11T13:00:00Z', wording: 'Publication de la photo ?', withdrawnAt: null };
    assert.deepEqual([assess(r).criteria.consent.met, assess(r).criteria.consent.reasonCode], [false, 'consent.refused']);
    r.reporter.consents.publishPhoto = { given: true, at: '2026-03-11T13:00:00Z', wording: 'Publication de la photo ?', withdrawnAt: '2026-03-11T13:10:00Z' };
    assert.deepEqual([assess(r).criteria.consent.met, assess(r).criteria.consent.reasonCode], [false, 'consent.withdrawn']);
    r.prosecutor = { court: 'TPI Rabat', fileNumber: '2026/12', publicationDecision: { reference: 'PR-2026-7', decidedAt: '2026-03-11T13:30:00Z', publishName: true, publishPhoto: true, publishSuspect: false } };
    assert.deepEqual([assess(r).criteria.consent.met, assess(r).criteria.consent.reasonCode], [true, 'consent.prosecutor_decision']);

    const other = teenager();
    other.reporter.relation = 'other';
    assert.deepEqual([assess(other).criteria.consent.met, assess(other).criteria.consent.reasonCode], [false, 'consent.not_from_guardian']);
  });

  test("safety follows the officer's judgement; none yet is unknown", () => {
    assert.deepEqual([assess(validRecord(), { publishingEndangersChild: null }).criteria.safety.met, assess(validRecord(), { publishingEndangersChild: null }).eligible], ['unknown', false]);
    const endangered = assess(validRecord(), { publishingEndangersChild: true });
    assert.deepEqual([endangered.criteria.safety.met, endangered.criteria.safety.reasonCode, endangered.eligible], [false, 'safety.endangers', false]);
  });
});

describe('assessCase: priority', () => {
  const codes = (a: Assessment) => a.priorityReasons.map((r) => r.code);

  test('a teenager seen hours ago with nothing worrying is normal', () => {
    const a = assess(teenager());
    assert.deepEqual([a.priority, codes(a)], ['normal', []]);
  });

  test('the first 3 hours alone make a case high', () => {
    const r = teenager();
    r.lastSeen.at = '2026-03-11T11:01:00Z';
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['high', ['priority.first_hours']]);
    r.lastSeen.at = '2026-03-11T11:00:00Z';
    assert.equal(assess(r).priority, 'normal', 'exactly 3 hours is past the decisive window');
  });

  test('age bands: under 6 critical, under 12 high', () => {
    const r = teenager();
    r.child.ageYears = 5;
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['critical', ['priority.very_young_child']]);
    r.child.ageYears = 11;
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['high', ['priority.young_child']]);
    r.child.ageYears = 12;
    assert.equal(assess(r).priority, 'normal');
  });

  test('a witnessed abduction or a threat to life is critical on its own', () => {
    const r = teenager();
    r.circumstances.indicators = ['abduction_witnessed'];
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['critical', ['priority.abduction_witnessed']]);
    r.circumstances.indicators = ['threat_to_life'];
    assert.equal(assess(r).priority, 'critical');
  });

  test('medical need or a vehicle is high; two aggravating factors together are critical', () => {
    const r = teenager();
    r.circumstances.vulnerabilities = ['medical_need'];
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['high', ['priority.medical_need']]);
    r.circumstances.vulnerabilities = [];
    r.circumstances.indicators = ['vehicle_involved'];
    assert.deepEqual([assess(r).priority, codes(assess(r))], ['high', ['priority.vehicle_involved']]);
    r.lastSeen.at = '2026-03-11T13:00:00Z';
    const a = assess(r);
    assert.equal(a.priority, 'critical');
    assert.deepEqual(codes(a), ['priority.combined', 'priority.first_hours', 'priority.vehicle_involved']);
    assert.deepEqual(a.priorityReasons.map((p) => p.level), ['critical', 'high', 'high']);
  });

  test('an 8-year-old missing for 90 minutes (the fixture) is critical', () => {
    assert.equal(assess(validRecord()).priority, 'critical');
  });
});

describe('overrideAssessment', () => {
  const notEligible = () => {
    const r = teenager();
    r.child.ageYears = 18;
    return assess(r);
  };

  test('needs a written reason of at least 10 characters, naming the field', () => {
    for (const reason of ['', '   ', 'too short']) {
      assert.throws(
        () => overrideAssessment(notEligible(), { by: 'u-1', reason }, NOW),
        (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.errors[0]?.field === '/reason',
      );
    }
    assert.throws(() => overrideAssessment(notEligible(), { by: ' ', reason: 'Witness heard by phone.' }, NOW), (e: unknown) => e instanceof AppError && e.errors[0]?.field === '/by');
  });

  test('sets the outcome and keeps the computed original', () => {
    const original = notEligible();
    const o = overrideAssessment(original, { by: 'u-1', reason: '  Jeune majeure avec handicap mental sévère.  ', priority: 'high' }, new Date('2026-03-11T14:10:00Z'));
    assert.equal(o.eligible, true);
    assert.equal(o.priority, 'high');
    assert.deepEqual(o.criteria, original.criteria);
    assert.deepEqual(o.override, { by: 'u-1', reason: 'Jeune majeure avec handicap mental sévère.', at: '2026-03-11T14:10:00.000Z', original });
    const again = overrideAssessment(o, { by: 'u-2', reason: 'Finalement pas de publication.', eligible: false }, NOW);
    assert.equal(again.override?.original, original, 'a second override starts from the computed original');
    assert.equal(again.eligible, false);
    assert.equal(again.priority, original.priority);
  });

  test('cannot make eligible what the officer judged dangerous for the child', () => {
    const dangerous = assessCase(validRecord(), NOW, { publishingEndangersChild: true });
    assert.throws(() => overrideAssessment(dangerous, { by: 'u-1', reason: 'Publish anyway, please.' }, NOW), (e: unknown) => e instanceof AppError && e.code === 'conflict');
    assert.equal(overrideAssessment(dangerous, { by: 'u-1', reason: 'Keep it off the public channels.', eligible: false }, NOW).eligible, false);
  });
});
