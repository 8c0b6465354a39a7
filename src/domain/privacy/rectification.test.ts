import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validRecord } from '../case/case-fixtures.test-support.ts';
import { flattenRecord } from './access-export.ts';
import { parseRectificationPath, valueAt, withValueAt } from './rectification.ts';

const parsed = (path: string) => {
  const p = parseRectificationPath(path);
  if ('problem' in p) throw new Error(`${path}: ${p.problem}`);
  return p;
};

test('paths name classified leaves, with list positions; photos and derived codes are refused', () => {
  assert.equal(parsed('investigation.friends[1].phone').fieldPath, 'investigation.friends[].phone');
  assert.equal(parsed('reporter.phones').fieldPath, 'reporter.phones');
  for (const bad of ['child.shoeSize', 'child', 'child.photos[0].id', 'lastSeen.regionCode', 'child..sex', 'child.birthDate; drop', '']) {
    assert.ok('problem' in parseRectificationPath(bad), bad);
  }
});

test('a value is read and replaced at its place only', () => {
  const r = validRecord();
  r.investigation.friends = [{ name: 'Salma', phone: '0611', note: null }, { name: 'Karim', phone: null, note: null }];
  const p = parsed('investigation.friends[1].phone');
  assert.equal(valueAt(r, p), null);
  const next = withValueAt(r, p, '0622');
  assert.equal(next.investigation.friends[1]?.phone, '0622');
  assert.equal(next.investigation.friends[0]?.phone, '0611');
  assert.equal(r.investigation.friends[1]?.phone, null, 'the original is untouched');
  assert.equal(valueAt(r, parsed('investigation.friends[5].phone')), undefined);
  assert.throws(() => withValueAt(r, parsed('investigation.friends[5].phone'), 'x'), RangeError);
  assert.throws(() => withValueAt(r, parsed('investigation.school.name'), 'x'), RangeError, 'an empty section is not rectified into existence');
});

test('the access export lists every leaf with a value, its class and category, positions kept', () => {
  const r = validRecord();
  r.child.health = { medicalNeeds: 'asthme', disability: null };
  const fields = flattenRecord(r);
  const byPath = new Map(fields.map((f) => [f.path, f]));
  assert.equal(byPath.get('child.health.medicalNeeds')?.class, 'sensitive');
  assert.equal(byPath.get('child.health.medicalNeeds')?.category, 'child_health');
  assert.equal(byPath.get('child.givenNameLatin')?.class, 'restricted', 'conditionally public fields show their protection class');
  assert.equal(byPath.get('child.clothing.items[1].garment')?.value, 'sneakers');
  assert.equal(byPath.has('child.health.disability'), false, 'empty leaves are left out');
  assert.equal(byPath.get('reporter.phones')?.category, 'guardian');
});
