/**
 * What a use case hands to the presenters: the stored case decoded for one audience. Full views carry
 * the whole record (sensitive leaves included unless erased); summaries carry only the public subset
 * under the case's publication permissions.
 */
import type { Assessment } from '../../domain/case/assessment.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import type { CaseStatus } from '../../store/schema.ts';
import type { CaseRow } from '../../store/repositories/cases.repository.ts';

export interface CaseMeta {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly jurisdictionCode: string;
  readonly regionCode: string | null;
  readonly provinceCode: string | null;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
  readonly lastSeenAt: Date;
  readonly isExercise: boolean;
  readonly closedAt: Date | null;
  readonly closureOutcome: string | null;
}

export interface PossibleDuplicate {
  readonly id: string;
  readonly reference: string;
  readonly nameScore: number;
  readonly sameBirthDate: boolean;
  readonly samePlace: boolean;
}

export interface FullCaseView {
  readonly audience: 'case_officer';
  readonly meta: CaseMeta;
  readonly record: CaseRecord | PartialCaseRecord;
  /** True once the case's data key was destroyed: the sensitive leaves are gone for good. */
  readonly sensitiveErased: boolean;
  readonly assessment: Assessment | null;
  readonly closureReason: string | null;
  readonly possibleDuplicates: readonly PossibleDuplicate[];
}

export interface CaseSummaryView {
  readonly audience: 'other_staff';
  readonly meta: CaseMeta;
  readonly publicRecord: PartialCaseRecord;
}

export type CaseView = FullCaseView | CaseSummaryView;

export function caseMeta(row: CaseRow): CaseMeta {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    jurisdictionCode: row.jurisdiction_code,
    regionCode: row.region_code,
    provinceCode: row.province_code,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    version: row.version,
    lastSeenAt: row.last_seen_at,
    isExercise: row.is_exercise,
    closedAt: row.closed_at,
    closureOutcome: row.closure_outcome,
  };
}

export const caseJurisdictionPath = (row: Pick<CaseRow, 'region_code' | 'province_code' | 'jurisdiction_code'>): string[] =>
  ['MA', row.region_code, row.province_code ?? row.jurisdiction_code].filter((c): c is string => !!c).filter((c, i, a) => a.indexOf(c) === i);
