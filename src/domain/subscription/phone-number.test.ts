import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePhone, type PhoneUse } from './phone-number.ts';

/** [typed, use, expected E.164 or problem code] */
const TABLE: readonly (readonly [string, PhoneUse, string])[] = [
  // Moroccan mobiles, every spelling people use.
  ['0612345678', 'sms', '+212612345678'],
  ['06 12 34 56 78', 'sms', '+212612345678'],
  ['06-12-34-56-78', 'sms', '+212612345678'],
  ['06.12.34.56.78', 'whatsapp', '+212612345678'],
  ['0712345678', 'sms', '+212712345678'],
  ['612345678', 'sms', '+212612345678'],
  ['+212612345678', 'sms', '+212612345678'],
  ['+212 6 12 34 56 78', 'whatsapp', '+212612345678'],
  ['+212 (0)6 12 34 56 78', 'sms', '+212612345678'],
  ['00212612345678', 'sms', '+212612345678'],
  ['00212 7 12 34 56 78', 'whatsapp', '+212712345678'],
  ['212612345678', 'whatsapp', '+212612345678'],
  ['٠٦١٢٣٤٥٦٧٨', 'sms', '+212612345678'],
  ['  0612345678  ', 'sms', '+212612345678'],
  // Landlines cannot receive SMS or WhatsApp.
  ['0522123456', 'sms', 'phone_not_mobile'],
  ['05 22 12 34 56', 'whatsapp', 'phone_not_mobile'],
  ['+212522123456', 'sms', 'phone_not_mobile'],
  // Foreign mobiles: WhatsApp yes, SMS no.
  ['+33612345678', 'whatsapp', '+33612345678'],
  ['0033 6 12 34 56 78', 'whatsapp', '+33612345678'],
  ['33612345678', 'whatsapp', '+33612345678'],
  ['+33612345678', 'sms', 'phone_not_moroccan'],
  ['+33 1 23 45 67 89', 'whatsapp', 'phone_not_mobile'],
  // Not numbers at all, or not valid ones.
  ['', 'sms', 'phone_invalid'],
  ['12', 'sms', 'phone_invalid'],
  ['0812345678', 'sms', 'phone_invalid'],
  ['06123456789', 'sms', 'phone_invalid'],
  ['+2126123456789', 'sms', 'phone_invalid'],
  ['abc', 'whatsapp', 'phone_invalid'],
  ['amina@example.ma', 'sms', 'phone_invalid'],
  ['0612345678 ext 12', 'sms', 'phone_invalid'],
  ['0612345678;x=1', 'sms', 'phone_invalid'],
  ['0'.repeat(41), 'sms', 'phone_invalid'],
];

test('phone numbers normalise to E.164 (+212…), with the channel’s rules', () => {
  for (const [typed, use, expected] of TABLE) {
    const r = normalizePhone(typed, use);
    const got = r.ok ? r.e164 : r.code;
    assert.equal(got, expected, `${JSON.stringify(typed)} for ${use}`);
  }
});

test('looking a number up (STOP, unsubscribe by address) takes any valid number, landlines and foreign ones included', () => {
  assert.deepEqual(normalizePhone('212612345678', 'lookup'), { ok: true, e164: '+212612345678' });
  assert.deepEqual(normalizePhone('0522123456', 'lookup'), { ok: true, e164: '+212522123456' });
  assert.deepEqual(normalizePhone('+33 1 23 45 67 89', 'lookup'), { ok: true, e164: '+33123456789' });
  assert.equal(normalizePhone('hello', 'lookup').ok, false);
});
