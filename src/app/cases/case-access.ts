/**
 * Who sees what of a case. The case officer (the officer who opened it, or any staff member whose
 * jurisdiction contains the case's) sees the whole file, each read audited with its purpose; other
 * staff see a summary of the public fields; the public sees only what consent or a decision allows.
 */
import type { Actor } from '../../domain/actor.ts';
import { decide } from '../../domain/policy/policy.ts';
import type { CaseRow } from '../../store/repositories/cases.repository.ts';

export type CaseAudience = 'case_officer' | 'other_staff';

export function caseAudience(actor: Actor, row: Pick<CaseRow, 'opened_by'>, jurisdictionPath: readonly string[]): CaseAudience {
  if (actor.kind === 'user' && row.opened_by === actor.id && decide(actor, 'case.read_full').allowed) return 'case_officer';
  return decide(actor, 'case.read_full', { jurisdictionPath }).allowed ? 'case_officer' : 'other_staff';
}
