import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellBroadcastPages, fitsCellBroadcast, fitsOneUcs2Segment, isGsm7, smsEncoding } from './sms-encoding.ts';

test('plain French within the GSM 7-bit alphabet is GSM-7, one septet per character', () => {
  assert.deepEqual(smsEncoding('Appelez le 19'), { encoding: 'GSM-7', units: 13, segments: 1 });
  assert.equal(smsEncoding('Disparue à Salé, vue à 12 h. Réf. TM-2026-000123 @ £ $ ¥ è ù ì ò Ç Ø ø Å å Ä Ö Ñ Ü ä ö ñ ü § ¿ ¡ ß É Æ').encoding, 'GSM-7');
});

test('extension characters cost two septets each', () => {
  assert.deepEqual(smsEncoding('€[]'), { encoding: 'GSM-7', units: 6, segments: 1 });
  assert.deepEqual(smsEncoding('{}\\~^|'), { encoding: 'GSM-7', units: 12, segments: 1 });
});

test('â, ê, î, ô, û, ç, typographic quotes, Arabic and Tifinagh make the whole text UCS-2', () => {
  for (const text of ['île', 'fête', 'château', 'hôpital', 'sûr', 'garçon', '« oui »', 'l’enfant', 'اتصلوا بالرقم 19', 'ⵖⵔ 19']) {
    assert.equal(smsEncoding(text).encoding, 'UCS-2', text);
    assert.equal(isGsm7(text), false, text);
  }
  assert.deepEqual(smsEncoding('اتصلوا بالرقم 19'), { encoding: 'UCS-2', units: 16, segments: 1 });
});

test('GSM-7 segments: 160 in one message, then 153 per segment', () => {
  assert.equal(smsEncoding('a'.repeat(160)).segments, 1);
  assert.equal(smsEncoding('a'.repeat(161)).segments, 2);
  assert.equal(smsEncoding('a'.repeat(306)).segments, 2);
  assert.equal(smsEncoding('a'.repeat(307)).segments, 3);
  assert.equal(smsEncoding('').segments, 1);
});

test('an escape pair is never split across two segments', () => {
  // 152 + 2 + 10 = 164 septets: the € does not fit in the first 153 and moves to the second segment.
  const text = `${'a'.repeat(152)}€${'a'.repeat(10)}`;
  assert.deepEqual(smsEncoding(text), { encoding: 'GSM-7', units: 164, segments: 2 });
  // 159 + 2 = 161 septets, 2 segments; 158 + 2 = 160 fits one message.
  assert.equal(smsEncoding(`${'a'.repeat(159)}€`).segments, 2);
  assert.equal(smsEncoding(`${'a'.repeat(158)}€`).segments, 1);
});

test('UCS-2 segments: 70 in one message, then 67 per segment, surrogate pairs kept whole', () => {
  assert.equal(smsEncoding('ب'.repeat(70)).segments, 1);
  assert.equal(smsEncoding('ب'.repeat(71)).segments, 2);
  assert.equal(smsEncoding('ب'.repeat(134)).segments, 2);
  assert.equal(smsEncoding('ب'.repeat(135)).segments, 3);
  const emoji = `${'ب'.repeat(66)}😀${'ب'.repeat(10)}`;
  assert.deepEqual(smsEncoding(emoji), { encoding: 'UCS-2', units: 78, segments: 2 });
  assert.equal(smsEncoding(`${'ب'.repeat(66)}😀${'ب'.repeat(67)}`).segments, 3);
});

test('the sms70 rule: one segment even when the operator sends it as UCS-2', () => {
  assert.equal(fitsOneUcs2Segment('ب'.repeat(70)), true);
  assert.equal(fitsOneUcs2Segment('ب'.repeat(71)), false);
  // 75 GSM characters are one GSM-7 message but would be two as UCS-2.
  assert.equal(smsEncoding('a'.repeat(75)).segments, 1);
  assert.equal(fitsOneUcs2Segment('a'.repeat(75)), false);
});

test('cell broadcast pages: 93 GSM-7 or 41 UCS-2 characters each, 15 at most', () => {
  assert.equal(fitsCellBroadcast('a'.repeat(93), 1), true);
  assert.equal(fitsCellBroadcast('a'.repeat(94), 1), false);
  assert.equal(cellBroadcastPages('a'.repeat(94)), 2);
  assert.equal(fitsCellBroadcast('ⵣ'.repeat(41), 1), true);
  assert.equal(fitsCellBroadcast('ⵣ'.repeat(42), 1), false);
  assert.equal(fitsCellBroadcast('ب'.repeat(615), 15), true);
  assert.equal(fitsCellBroadcast('ب'.repeat(616), 15), false);
  assert.equal(cellBroadcastPages(`${'a'.repeat(92)}€`), 2);
  assert.throws(() => fitsCellBroadcast('x', 0), RangeError);
  assert.throws(() => fitsCellBroadcast('x', 16), RangeError);
  assert.throws(() => fitsCellBroadcast('x', 1.5), RangeError);
});
