import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVINCE_CODE, provinceOfUnitCode, REGION_CODE, UNIT_CODE } from './jurisdiction-codes.ts';

test('unit codes sit under a province code and have a 2–8 character local part', () => {
  assert.equal(provinceOfUnitCode('MA-CAS-U01'), 'MA-CAS');
  assert.equal(provinceOfUnitCode('MA-RAB-CENTRE'), 'MA-RAB');
  for (const bad of ['MA-CAS', 'MA-CAS-U', 'MA-CAS-TOOLONG12', 'MA-06-U01', 'MA-cas-U01', 'MA-CAS-u01', 'XX-CAS-U01', 'MA-CAS-U01-X', ' MA-CAS-U01']) {
    assert.equal(UNIT_CODE.test(bad), false, bad);
    assert.equal(provinceOfUnitCode(bad), undefined, bad);
  }
});

test('region and province codes follow ISO 3166-2:MA', () => {
  for (const ok of ['MA-01', 'MA-09', 'MA-10', 'MA-12']) assert.ok(REGION_CODE.test(ok), ok);
  for (const bad of ['MA-00', 'MA-13', 'MA-1', 'MA-CAS']) assert.equal(REGION_CODE.test(bad), false, bad);
  assert.ok(PROVINCE_CODE.test('MA-CAS'));
  assert.equal(PROVINCE_CODE.test('MA-06'), false);
});
