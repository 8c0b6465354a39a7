import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { FieldDecryptionError, decryptField, decryptFields, encryptField, encryptFields, fieldKey, isEncryptedField, keyOwner } from './field-cipher.ts';

const caseA = keyOwner('case', randomUUID());
const caseB = keyOwner('case', randomUUID());
const key = randomBytes(32);

test('a field value round-trips and the stored text reveals nothing', () => {
  const fk = fieldKey(caseA, key);
  const values = ['Asthme sévère — يحتاج بخاخ', 0, -12.5, true, null, ['inhaler', 'insulin'], { condition: 'diabetes', doses: [1, 2], nested: { ok: false } }];
  for (const value of values) {
    const stored = encryptField(fk, 'medicalNeeds', value);
    assert.ok(isEncryptedField(stored));
    assert.match(stored, /^f1\./);
    assert.deepEqual(decryptField(fk, 'medicalNeeds', stored), value);
  }
  const a = encryptField(fk, 'medicalNeeds', 'Asthme sévère');
  const b = encryptField(fk, 'medicalNeeds', 'Asthme sévère');
  assert.notEqual(a, b, 'a fresh IV each time');
  assert.ok(!a.includes('Asthme') && !Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('latin1').includes('Asthme'));
});

test('a ciphertext copied to another case or another field does not decrypt, even under the same key bytes', () => {
  const a = fieldKey(caseA, key);
  const stored = encryptField(a, 'idCardNumber', 'BK123456');
  // Same key bytes, so only the associated data differs: this isolates the AAD binding.
  assert.throws(() => decryptField(fieldKey(caseB, key), 'idCardNumber', stored), FieldDecryptionError);
  assert.throws(() => decryptField(fieldKey(keyOwner('tip', caseA.id), key), 'idCardNumber', stored), FieldDecryptionError);
  assert.throws(() => decryptField(a, 'medicalNeeds', stored), FieldDecryptionError);
  assert.throws(() => decryptField(fieldKey(caseA, randomBytes(32)), 'idCardNumber', stored), FieldDecryptionError);
  assert.equal(decryptField(a, 'idCardNumber', stored), 'BK123456');
});

test('tampering is detected and errors name the field, never the value', () => {
  const fk = fieldKey(caseA, key);
  const parts = encryptField(fk, 'personalProblems', 'conflit familial').split('.');
  const ct = Buffer.from(parts[3] ?? '', 'base64url');
  ct[0] = (ct[0] ?? 0) ^ 1;
  parts[3] = ct.toString('base64url');
  const err = (() => {
    try {
      decryptField(fk, 'personalProblems', parts.join('.'));
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof FieldDecryptionError);
  assert.equal(err.fieldPath, 'personalProblems');
  assert.ok(err.message.includes('personalProblems') && !err.message.includes('conflit'));
  assert.throws(() => decryptField(fk, 'personalProblems', 'conflit familial'), FieldDecryptionError);
  assert.throws(() => decryptField(fk, 'personalProblems', 'f2.x.y.z'), FieldDecryptionError);
});

test('a record of sensitive fields is encrypted and decrypted at once, and fields cannot be swapped', () => {
  const fk = fieldKey(caseA, key);
  const stored = encryptFields(fk, { medicalNeeds: { condition: 'epilepsy' }, idCardNumber: 'BK123456', personalProblems: null, unpublishedNote: undefined }, 'child.');
  assert.deepEqual(Object.keys(stored).sort(), ['idCardNumber', 'medicalNeeds', 'personalProblems']);
  assert.deepEqual(decryptFields(fk, { ...stored, unpublishedNote: null }, 'child.'), { medicalNeeds: { condition: 'epilepsy' }, idCardNumber: 'BK123456', personalProblems: null });
  assert.throws(() => decryptFields(fk, stored, 'guardian.'), FieldDecryptionError);
  assert.throws(() => decryptFields(fk, { medicalNeeds: stored.idCardNumber, idCardNumber: stored.medicalNeeds }, 'child.'), /could not be decrypted/);
});

test('the key bytes never show in JSON or inspect output', () => {
  const fk = fieldKey(caseA, key);
  const shown = JSON.stringify({ fk }) + inspect(fk) + inspect({ fk }, { showHidden: false, depth: 5 });
  for (const form of [key.toString('base64'), key.toString('hex'), key.toString('base64url')]) assert.ok(!shown.includes(form));
  assert.ok(!shown.includes(`${key[0]},${key[1]},${key[2]}`));
  assert.ok(!shown.includes([...key.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')), 'not as <Buffer …> either');
  assert.deepEqual(fk.key, key);
});

test('bad inputs are refused without echoing them', () => {
  assert.throws(() => keyOwner('Case', randomUUID()), /owner type/);
  assert.throws(() => keyOwner('case', 'not-a-uuid'), /owner id must be a UUID/);
  assert.throws(() => fieldKey(caseA, randomBytes(16)), /32 bytes/);
  const fk = fieldKey(caseA, key);
  assert.throws(() => encryptField(fk, '', 'x'), /field path/);
  assert.throws(() => encryptField(fk, 'height', Number.NaN), (e: Error) => /not plain JSON/.test(e.message) && !e.message.includes('NaN'));
  assert.throws(() => encryptField(fk, 'notes', { when: new Date() as unknown as string }), /not plain JSON/);
  // An upper-case owner id is the same owner as its lower-case form (as PostgreSQL returns it).
  const upper = fieldKey(keyOwner('case', caseA.id.toUpperCase()), key);
  assert.equal(decryptField(fk, 'x', encryptField(upper, 'x', 1)), 1);
});
