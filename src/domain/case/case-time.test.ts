import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validRecord } from './case-fixtures.test-support.ts';
import { ageAtLastSeen, ageOn, instantMs, isIsoDate, moroccoDate, withDerivedAge } from './case-time.ts';

describe('case time', () => {
  test('ages in whole years, birthdays included, 29 February on 1 March', () => {
    assert.equal(ageOn('2015-06-01', '2026-05-31'), 10);
    assert.equal(ageOn('2015-06-01', '2026-06-01'), 11);
    assert.equal(ageOn('2016-02-29', '2026-02-28'), 9);
    assert.equal(ageOn('2016-02-29', '2026-03-01'), 10);
    assert.equal(ageOn('2026-03-11', '2026-03-11'), 0);
  });

  test('Moroccan calendar day: UTC+1, and UTC+0 during Ramadan', () => {
    assert.equal(moroccoDate(new Date('2026-02-10T23:30:00Z')), '2026-02-11');
    // Around Ramadan (15 February to 22 March 2026 in the time zone database) Morocco moves to UTC+0.
    assert.equal(moroccoDate(new Date('2026-03-01T23:30:00Z')), '2026-03-01');
  });

  test('instants need a zone and a real day; dates must be real days', () => {
    assert.equal(instantMs('2026-03-11T14:00:00Z'), Date.UTC(2026, 2, 11, 14));
    assert.equal(instantMs('2026-03-11T15:00:00+01:00'), Date.UTC(2026, 2, 11, 14));
    assert.equal(instantMs('2026-03-11T14:00:00'), null);
    assert.equal(instantMs('2026-02-30T14:00:00Z'), null);
    assert.equal(instantMs(12), null);
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2026-02-29'));
    assert.ok(!isIsoDate('2026-3-1'));
  });

  test('the age at last seen comes from the birth date, else the estimate; withDerivedAge fills it in', () => {
    const r = validRecord();
    r.child.ageYears = null;
    assert.equal(ageAtLastSeen(r), 8);
    assert.equal(withDerivedAge(r).child.ageYears, 8);
    r.child.birthDate = null;
    r.child.ageYears = 6;
    assert.equal(ageAtLastSeen(r), 6);
    assert.equal(withDerivedAge(r), r);
  });
});
