/** The listing and search columns a prepared record yields (see cases.repository.ts CaseIndexColumns). */
import type { CaseRecord } from '../../domain/case/case-record.ts';
import type { CaseIndexColumns } from '../../store/repositories/cases.repository.ts';
import { caseNameKeys } from './case-names.ts';

export function caseIndexColumns(record: CaseRecord, fallbackJurisdiction: string): CaseIndexColumns {
  return {
    jurisdictionCode: record.lastSeen.prefectureCode ?? fallbackJurisdiction,
    regionCode: record.lastSeen.regionCode,
    provinceCode: record.lastSeen.prefectureCode,
    lastSeenAt: new Date(record.lastSeen.at),
    lastSeenLat: record.lastSeen.point.lat,
    lastSeenLon: record.lastSeen.point.lon,
    childSex: record.child.sex,
    childAgeYears: record.child.ageYears,
    childBirthDate: record.child.birthDate,
    nameKeys: caseNameKeys(record),
  };
}
