/**
 * Officers' case search: by name in either script (tolerant of transliteration, through the indexed
 * name keys, then scored), age range, place, status and last-seen time. Results are summaries of
 * public fields plus, for the actor's own jurisdiction, the names they may see as case officers.
 */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { nameQueryScore } from '../../domain/names/name-similarity.ts';
import { querySearchKeys } from '../../domain/names/name-search-keys.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type CaseRow, searchCases as searchRows } from '../../store/repositories/cases.repository.ts';
import type { CaseStatus } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { caseAudience } from './case-access.ts';
import { caseNames } from './case-names.ts';
import { type CaseMeta, caseJurisdictionPath, caseMeta } from './case-view.ts';
import { publicSubset } from './read-case.ts';

export interface CaseSearchQuery {
  readonly name?: string;
  readonly ageMin?: number;
  readonly ageMax?: number;
  readonly statuses?: readonly CaseStatus[];
  readonly place?: string;
  readonly lastSeenFrom?: Date;
  readonly lastSeenTo?: Date;
  readonly limit: number;
}

export interface CaseSearchHit {
  readonly meta: CaseMeta;
  /** Public fields only: a list is not a place to read restricted data. */
  readonly publicRecord: PartialCaseRecord;
  /** Whether the actor may open the full file. */
  readonly fullAccess: boolean;
  /** How well the name matched (1 = exact), when searching by name. */
  readonly nameScore: number | null;
}

/** Below this, a key collision is not shown as a hit. */
const MIN_NAME_SCORE = 0.6;

export async function searchCases(ctx: AppContext, actor: UserActor | TokenActor, q: CaseSearchQuery): Promise<CaseSearchHit[]> {
  assertAllowed(actor, 'case.read_summary');
  const name = q.name?.trim();
  const keys = name ? querySearchKeys(name) : undefined;
  if (name && keys?.length === 0) return [];
  // By name, score a wider candidate set, then keep the best `limit`.
  const rows: CaseRow[] = await searchRows(ctx.store.db, {
    ...(keys ? { nameKeys: keys } : {}),
    ...(q.ageMin !== undefined ? { ageMin: q.ageMin } : {}),
    ...(q.ageMax !== undefined ? { ageMax: q.ageMax } : {}),
    ...(q.statuses ? { statuses: q.statuses } : {}),
    ...(q.place ? { place: q.place } : {}),
    ...(q.lastSeenFrom ? { lastSeenFrom: q.lastSeenFrom } : {}),
    ...(q.lastSeenTo ? { lastSeenTo: q.lastSeenTo } : {}),
    limit: name ? Math.min(1000, q.limit * 10) : q.limit,
  });
  const hit = (row: CaseRow, nameScore: number | null): CaseSearchHit => ({
    meta: caseMeta(row),
    publicRecord: publicSubset(row),
    fullAccess: caseAudience(actor, row, caseJurisdictionPath(row)) === 'case_officer',
    nameScore,
  });
  if (!name) return rows.map((row) => hit(row, null));
  // Score every candidate, then build views for the kept few only.
  return rows
    .map((row) => ({ row, score: Math.max(0, ...caseNames(row.record as PartialCaseRecord).map((n) => nameQueryScore(name, n))) }))
    .filter((s) => s.score >= MIN_NAME_SCORE)
    .sort((a, b) => b.score - a.score || b.row.last_seen_at.getTime() - a.row.last_seen_at.getTime())
    .slice(0, q.limit)
    .map((s) => hit(s.row, s.score));
}
