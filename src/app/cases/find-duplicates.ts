/**
 * Possible duplicates at intake: the same child reported twice. Candidates come from the indexed name
 * keys (any script, any spelling); a candidate is flagged when the names match and either the birth
 * date or the place (same province, or last seen within 50 km) agrees too. Closed cases are left out.
 */
import type { CaseRecord } from '../../domain/case/case-record.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { haversineKm } from '../../domain/geo/distance.ts';
import { NAME_MATCH_THRESHOLD, bestNameSimilarity } from '../../domain/names/name-similarity.ts';
import { type CaseRow, searchCases } from '../../store/repositories/cases.repository.ts';
import type { Database } from '../../store/database.ts';
import { caseNames } from './case-names.ts';
import type { PossibleDuplicate } from './case-view.ts';

const NEAR_KM = 50;
const CANDIDATES = 50;

export async function findPossibleDuplicates(db: Database['db'], record: CaseRecord, nameKeys: readonly string[], excludeId?: string): Promise<PossibleDuplicate[]> {
  if (nameKeys.length === 0) return [];
  const names = caseNames(record);
  const rows: CaseRow[] = await searchCases(db, { nameKeys, statuses: ['open', 'alert_requested', 'alert_active'], limit: CANDIDATES, ...(excludeId ? { excludeId } : {}) });
  const out: PossibleDuplicate[] = [];
  for (const row of rows) {
    const other = row.record as PartialCaseRecord;
    const nameScore = bestNameSimilarity(names, caseNames(other));
    if (nameScore < NAME_MATCH_THRESHOLD) continue;
    const sameBirthDate = record.child.birthDate !== null && row.child_birth_date === record.child.birthDate;
    const samePlace =
      (record.lastSeen.prefectureCode !== null && row.province_code === record.lastSeen.prefectureCode) ||
      haversineKm({ lat: row.last_seen_lat, lon: row.last_seen_lon }, record.lastSeen.point) <= NEAR_KM;
    if (sameBirthDate || samePlace) out.push({ id: row.id, reference: row.reference, nameScore: Math.round(nameScore * 100) / 100, sameBirthDate, samePlace });
  }
  return out.sort((a, b) => b.nameScore - a.nameScore);
}
