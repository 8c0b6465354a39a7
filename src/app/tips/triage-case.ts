/**
 * What triage needs from a case: its last-seen sighting (point, time, uncertainty), the travel model's
 * inputs (the child's age, whether a vehicle is involved: the same reading as the alert zone's in
 * app/alerts/alert-draft.ts) and its jurisdiction path, read from the case row's index columns and the
 * clear part of its record (no decryption).
 *
 * @example
 *   const { sighting, child } = caseTriageFacts(caseRow);
 */
import type { Sighting } from '../../domain/tips/last-sighting.ts';
import type { CaseRow } from '../../store/repositories/cases.repository.ts';
import type { CredibleSightingRow } from '../../store/repositories/tip-triage.repository.ts';

export interface CaseTriageFacts {
  readonly sighting: Sighting;
  readonly child: { readonly ageYears: number | null; readonly vehicleInvolved: boolean };
}

interface ClearRecord {
  readonly lastSeen?: { readonly uncertaintyMinutes?: unknown };
  readonly circumstances?: { readonly indicators?: unknown };
  readonly vehicle?: unknown;
}

export function caseTriageFacts(row: Pick<CaseRow, 'last_seen_at' | 'last_seen_lat' | 'last_seen_lon' | 'child_age_years' | 'record'>): CaseTriageFacts {
  const record = row.record as ClearRecord;
  const uncertainty = record.lastSeen?.uncertaintyMinutes;
  const indicators = Array.isArray(record.circumstances?.indicators) ? (record.circumstances.indicators as unknown[]) : [];
  return {
    sighting: {
      at: row.last_seen_at,
      point: { lat: row.last_seen_lat, lon: row.last_seen_lon },
      uncertaintyMinutes: typeof uncertainty === 'number' && Number.isFinite(uncertainty) && uncertainty > 0 ? uncertainty : 0,
      origin: { kind: 'case_last_seen' },
    },
    child: {
      ageYears: row.child_age_years,
      vehicleInvolved: indicators.includes('vehicle_involved') || (record.vehicle !== undefined && record.vehicle !== null),
    },
  };
}

/** A credible tip as a confirmed sighting: its own point and time, no further uncertainty. */
export function credibleSighting(row: CredibleSightingRow): Sighting {
  return { at: row.seenAt, point: { lat: row.lat, lon: row.lon }, uncertaintyMinutes: 0, origin: { kind: 'credible_tip', tipId: row.id } };
}
