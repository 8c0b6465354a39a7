/** A case's lifecycle history; the reasons (officers' words about the family) go to case officers only. */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type CaseEventRow, listCaseEvents } from '../../store/repositories/cases.repository.ts';
import type { AppContext } from '../context.ts';
import { caseAudience } from './case-access.ts';
import { caseJurisdictionPath } from './case-view.ts';
import { loadCaseRow } from './read-case.ts';

export async function caseHistory(ctx: AppContext, actor: UserActor | TokenActor, id: string): Promise<{ events: CaseEventRow[]; fullAccess: boolean }> {
  assertAllowed(actor, 'case.read_summary');
  const row = await loadCaseRow(ctx.store.db, id);
  return { events: await listCaseEvents(ctx.store.db, row.id), fullAccess: caseAudience(actor, row, caseJurisdictionPath(row)) === 'case_officer' };
}
