import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseReferenceYear, formatCaseReference, isCanonicalCaseReference, parseCaseReference } from './case-reference.ts';

describe('case references', () => {
  test('format pads the sequence to six digits and grows past a million', () => {
    assert.equal(formatCaseReference(2026, 123), 'TM-2026-000123');
    assert.equal(formatCaseReference(2026, 1_234_567), 'TM-2026-1234567');
    assert.throws(() => formatCaseReference(2026, 0), RangeError);
    assert.throws(() => formatCaseReference(1999, 1), RangeError);
    assert.throws(() => formatCaseReference(2026, 1.5), RangeError);
  });

  test('parse forgives case, spaces and padding, and round-trips', () => {
    assert.deepEqual(parseCaseReference(' tm-2026-123 '), { year: 2026, sequence: 123, reference: 'TM-2026-000123' });
    assert.deepEqual(parseCaseReference('TM - 2026 - 000123'), { year: 2026, sequence: 123, reference: 'TM-2026-000123' });
    assert.equal(parseCaseReference(formatCaseReference(2031, 999_999))?.reference, 'TM-2031-999999');
  });

  test('parse refuses what is not a reference', () => {
    for (const text of ['', 'TM-2026-', 'TM-26-000123', 'XX-2026-000123', 'TM-2026-000000', 'TM-2026-0001234567890', 'TM-1999-000001', 'TM-2026-12a', 'x'.repeat(100)]) {
      assert.equal(parseCaseReference(text), null, text);
    }
  });

  test('only the canonical form is canonical', () => {
    assert.ok(isCanonicalCaseReference('TM-2026-000123'));
    assert.ok(!isCanonicalCaseReference('tm-2026-000123'));
    assert.ok(!isCanonicalCaseReference('TM-2026-123'));
  });

  test('the year is the Moroccan calendar year', () => {
    // Morocco is at UTC+1 on that night.
    assert.equal(caseReferenceYear(new Date('2025-12-31T23:30:00Z')), 2026);
    assert.equal(caseReferenceYear(new Date('2025-12-31T22:30:00Z')), 2025);
  });
});
