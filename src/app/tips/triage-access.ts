/**
 * Who may work on a case's tips: staff whose jurisdiction covers the case (a police unit acts for its
 * province), by the action's roles (domain/policy/rules.ts `tip.*`), and the case officer who opened
 * the case wherever they now sit (as for the case file itself, app/cases/case-access.ts). Loads the
 * tip and its case; an unknown tip or case is 404, a tip outside the caller's reach 403.
 *
 * @example
 *   const { tip, caseRow } = await loadTipFor(ctx.store.db, actor, tipId, 'tip.triage');
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed, decide } from '../../domain/policy/policy.ts';
import type { Action } from '../../domain/policy/rules.ts';
import { type CaseRow, findCase } from '../../store/repositories/cases.repository.ts';
import { findTip, type TipRow } from '../../store/repositories/tips.repository.ts';
import { lockTip } from '../../store/repositories/tip-triage.repository.ts';
import type { DB } from '../../store/schema.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';

export type TipAction = Extract<Action, 'tip.read' | 'tip.triage' | 'tip.assign'>;

/** Throws 403 unless the actor may take `action` on the case's tips. */
export function assertTipAccess(actor: Actor, caseRow: CaseRow, action: TipAction): void {
  if (actor.kind === 'user' && caseRow.opened_by === actor.id && decide(actor, action).allowed) return;
  assertAllowed(actor, action, { jurisdictionPath: caseJurisdictionPath(caseRow) });
}

/** Whether the actor reads the case in full (the tipster's contact is part of the full file). */
export function readsCaseInFull(actor: Actor, caseRow: CaseRow): boolean {
  if (actor.kind === 'user' && caseRow.opened_by === actor.id && decide(actor, 'case.read_full').allowed) return true;
  return decide(actor, 'case.read_full', { jurisdictionPath: caseJurisdictionPath(caseRow) }).allowed;
}

export interface TipInCase {
  readonly tip: TipRow;
  readonly caseRow: CaseRow;
}

/** The tip and its case, checked for `action` (locked FOR UPDATE when `lock` is set, inside a transaction). */
export async function loadTipFor(db: Kysely<DB> | Transaction<DB>, actor: UserActor, tipId: string, action: TipAction, lock?: Transaction<DB>): Promise<TipInCase> {
  const tip = lock ? await lockTip(lock, tipId) : await findTip(db, tipId);
  if (!tip) throw new AppError('not_found', 'No tip with this id.');
  const caseRow = await findCase(db, tip.case_id);
  if (!caseRow) throw new AppError('not_found', 'No tip with this id.');
  assertTipAccess(actor, caseRow, action);
  return { tip, caseRow };
}

/** The case, checked for `action` on its tips. */
export async function loadCaseForTips(db: Kysely<DB>, actor: UserActor, caseId: string, action: TipAction): Promise<CaseRow> {
  const caseRow = await loadCaseRow(db, caseId);
  assertTipAccess(actor, caseRow, action);
  return caseRow;
}
