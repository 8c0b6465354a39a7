import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smsEncoding } from '../../../domain/alert-text/sms-encoding.ts';
import { DATA_CODING_GSM7, DATA_CODING_UCS2, smsSegments } from './sms-segments.ts';

/** Decodes UCS-2 parts the way a handset does: each segment on its own, UDH skipped. */
const ucs2Segments = (parts: readonly Buffer[], udh: boolean): string[] =>
  parts.map((p) => Buffer.from(p.subarray(udh ? 6 : 0)).swap16().toString('utf16le'));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('SMS segments', () => {
  test('a short GSM-7 text is one part of septets, no UDH', () => {
    const { encoding, dataCoding, concatenated, parts } = smsSegments('Appelez le 19 @ Rabat', 7);
    assert.equal(encoding, 'GSM-7');
    assert.equal(dataCoding, DATA_CODING_GSM7);
    assert.equal(concatenated, false);
    assert.equal(parts.length, 1);
    // 'A' is 0x41 in GSM 03.38 as in ASCII; '@' is 0x00.
    assert.equal(parts[0]?.[0], 0x41);
    assert.equal(parts[0]?.[14], 0x00);
  });

  test('extension characters are escaped and an escape pair is never split', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const { parts, concatenated } = smsSegments(text, 0x2a);
    assert.equal(concatenated, true);
    assert.equal(parts.length, smsEncoding(text).segments);
    assert.deepEqual([...(parts[0]?.subarray(0, 6) ?? [])], [0x05, 0x00, 0x03, 0x2a, 2, 1]);
    assert.equal(parts[0]?.length, 6 + 152, 'the € (2 septets) moves to segment 2');
    assert.deepEqual([...(parts[1]?.subarray(6, 8) ?? [])], [0x1b, 0x65]);
  });

  test('Arabic is UCS-2 in 67-unit segments with a UDH each', () => {
    const text = 'اتصلوا فورا بالرقم 19 (112 من الهاتف المحمول) مع ذكر المرجع TM-2026-000123. '.repeat(3);
    const { encoding, dataCoding, parts } = smsSegments(text, 200);
    assert.equal(encoding, 'UCS-2');
    assert.equal(dataCoding, DATA_CODING_UCS2);
    assert.equal(parts.length, smsEncoding(text).segments);
    for (const [i, p] of parts.entries()) {
      assert.ok(p.length <= 6 + 134);
      assert.deepEqual([...p.subarray(0, 6)], [0x05, 0x00, 0x03, 200, parts.length, i + 1]);
    }
    assert.equal(ucs2Segments(parts, true).join(''), text);
  });

  test('a surrogate pair at a segment boundary moves whole to the next segment', () => {
    const text = `${'ا'.repeat(66)}😀${'ب'.repeat(10)}`;
    const { parts } = smsSegments(text, 1);
    const segments = ucs2Segments(parts, true);
    assert.equal(segments[0]?.length, 66);
    assert.ok(segments[1]?.startsWith('😀'));
    for (const s of segments) assert.doesNotMatch(s, LONE_SURROGATE);
    assert.equal(segments.join(''), text);
  });

  test('segment counts agree with smsEncoding at the limits', () => {
    for (const text of ['a'.repeat(160), 'a'.repeat(161), 'a'.repeat(306), 'a'.repeat(307), 'ⵣ'.repeat(70), 'ⵣ'.repeat(71), 'ê'.repeat(134), 'ê'.repeat(135)]) {
      const { parts } = smsSegments(text, 0);
      assert.equal(parts.length, smsEncoding(text).segments, `${text.length} × ${text[0] ?? ''}`);
    }
  });
});
