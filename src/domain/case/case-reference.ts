/**
 * Public case references: "TM-2026-000123", the year the case was opened and its sequence number in
 * that year (at least six digits, more once a year passes 999,999 cases). This is what the public reads
 * out when calling 19, so parsing forgives case, spaces and missing zero padding.
 *
 * @example
 *   formatCaseReference(2026, 123);          // "TM-2026-000123"
 *   parseCaseReference(' tm-2026-123 ');     // { year: 2026, sequence: 123, reference: "TM-2026-000123" }
 *   caseReferenceYear(now);                  // the Moroccan calendar year of `now`
 */
import { moroccoDate } from './case-time.ts';

export const CASE_REFERENCE_PREFIX = 'TM';
const MIN_YEAR = 2000;
const MAX_YEAR = 2999;
const MAX_SEQUENCE = 999_999_999;
const PATTERN = /^TM-(\d{4})-(\d{1,9})$/;

export interface CaseReference {
  readonly year: number;
  readonly sequence: number;
  /** The canonical form. */
  readonly reference: string;
}

const validYear = (year: number) => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
const validSequence = (sequence: number) => Number.isInteger(sequence) && sequence >= 1 && sequence <= MAX_SEQUENCE;

/** Formats a reference; a year or sequence out of range is a programming error (RangeError). */
export function formatCaseReference(year: number, sequence: number): string {
  if (!validYear(year)) throw new RangeError(`Case reference year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}.`);
  if (!validSequence(sequence)) throw new RangeError(`Case reference sequence must be an integer from 1 to ${MAX_SEQUENCE}.`);
  return `${CASE_REFERENCE_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Reads a reference as typed by a person; null when it is not one. */
export function parseCaseReference(text: string): CaseReference | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const m = PATTERN.exec(text.replace(/\s+/g, '').toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const sequence = Number(m[2]);
  if (!validYear(year) || !validSequence(sequence)) return null;
  return { year, sequence, reference: formatCaseReference(year, sequence) };
}

/** True only for the canonical form, e.g. to validate a path parameter before a lookup. */
export const isCanonicalCaseReference = (text: string): boolean => parseCaseReference(text)?.reference === text;

/** The year a reference made at `now` carries: the calendar year in Morocco. */
export const caseReferenceYear = (now: Date): number => Number(moroccoDate(now).slice(0, 4));
