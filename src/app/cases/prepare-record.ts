/**
 * Turns a submitted form into the record that is stored: validated against the clock, the age derived
 * from the birth date, the province and region derived from the last-seen point (outside Morocco is
 * refused). Photos are not part of the stored record: the photos table is their one source of truth
 * (uploads, publication choice), and reads put them back into the record (withPhotos).
 */
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { assertValidCaseRecord } from '../../domain/case/case-validation.ts';
import { withDerivedAge } from '../../domain/case/case-time.ts';
import { AppError } from '../../domain/errors.ts';
import type { MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import type { PhotoRecord } from '../../store/repositories/photos.repository.ts';

export function prepareRecord(input: CaseRecord, now: Date, geo: MoroccoGeography): CaseRecord {
  const record = assertValidCaseRecord(withDerivedAge(input), now);
  const place = geo.locate(record.lastSeen.point);
  if (!place) {
    throw new AppError('validation_failed', 'The last-seen point is outside Morocco.', { errors: [{ field: '/lastSeen/point', message: 'is outside Morocco' }] });
  }
  return { ...record, child: { ...record.child, photos: [] }, lastSeen: { ...record.lastSeen, prefectureCode: place.provinceCode, regionCode: place.regionCode } };
}

/** The record with the case's live photos in child.photos (publication choice from storage). */
export function withPhotos<R extends { readonly child?: unknown }>(record: R, photos: readonly PhotoRecord[]): R {
  const child = (record.child ?? {}) as Record<string, unknown>;
  return { ...record, child: { ...child, photos: photos.map((p) => ({ id: p.id, forPublication: p.publishable, takenOn: null })) } };
}
