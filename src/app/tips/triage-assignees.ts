/**
 * Who a case's tips can be handed to: active staff who could triage them themselves (the same policy
 * `assignTip` checks, so the list never offers a name the assignment would refuse), by display name.
 * Names and roles only: no contact, no account detail.
 *
 * @example
 *   const people = await tipAssignees(ctx, actor, caseId);
 *   people[0]; // { id, displayName: 'Officier Hamza', role: 'officer', jurisdiction: 'MA-RAB' }
 */
import type { UserActor } from '../../domain/actor.ts';
import { decide } from '../../domain/policy/policy.ts';
import { POLICY_RULES } from '../../domain/policy/rules.ts';
import { listActiveStaff } from '../../store/repositories/users.repository.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import { roleOf } from '../accounts/actors.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import type { AppContext } from '../context.ts';
import { loadCaseForTips } from './triage-access.ts';

export interface TipAssignee {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly jurisdiction: string;
}

/** Candidates read before the policy filter: a national force's command room and units fit well under it. */
const CANDIDATES_MAX = 2000;
export const ASSIGNEES_MAX = 500;

export async function tipAssignees(ctx: Pick<AppContext, 'store'>, actor: UserActor, caseId: string): Promise<TipAssignee[]> {
  const db = ctx.store.db;
  const caseRow = await loadCaseForTips(db, actor, caseId, 'tip.assign');
  const target = { jurisdictionPath: caseJurisdictionPath(caseRow) };
  const rows = await listActiveStaff(db, POLICY_RULES['tip.triage'].roles, CANDIDATES_MAX);
  // Staff share a few jurisdictions: each path is read once.
  const paths = new Map<string, readonly string[]>();
  const fit: TipAssignee[] = [];
  for (const row of rows) {
    let path = paths.get(row.jurisdiction_code);
    if (!path) paths.set(row.jurisdiction_code, (path = (await jurisdictionPath(db, row.jurisdiction_code)) ?? [row.jurisdiction_code]));
    const candidate: UserActor = { kind: 'user', id: row.id, username: row.username, role: roleOf(row), jurisdiction: row.jurisdiction_code, jurisdictionPath: path, ip: null };
    if (!decide(candidate, 'tip.triage', target).allowed) continue;
    fit.push({ id: row.id, displayName: row.display_name, role: row.role, jurisdiction: row.jurisdiction_code });
    if (fit.length === ASSIGNEES_MAX) break;
  }
  return fit;
}
