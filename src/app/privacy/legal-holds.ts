/**
 * Legal holds: a recorded reason (an inquiry, a court order) why a closed case must not be purged yet.
 * Placing and lifting take the case's row lock first, as the retention purge does, so a hold placed
 * while a run is going wins: the purge either committed before (the hold is refused: the data is gone)
 * or sees the hold when it re-checks under the lock. Both are audited (ids only; the reason is the
 * staff member's words and stays in the hold).
 *
 * @example
 *   const hold = await placeLegalHold(ctx, dpo, caseId, 'Instruction judiciaire en cours, dossier 2026/77.');
 *   await liftLegalHold(ctx, dpo, hold.id, 'Non-lieu prononcé le 3 mars 2027.');
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SystemActor, TokenActor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { type LegalHoldRow, findLegalHold, insertLegalHold, liftLegalHold as liftHoldRow, listActiveLegalHolds, listLegalHolds } from '../../store/repositories/legal-holds.repository.ts';
import { findProgress } from '../../store/repositories/retention.repository.ts';
import type { DB } from '../../store/schema.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';

export type HoldActor = UserActor | TokenActor | SystemActor;

export const HOLD_REASON_MIN = 10;
export const HOLD_REASON_MAX = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function writtenReason(value: string, field: string): string {
  const reason = value.trim();
  if (reason.length < HOLD_REASON_MIN || reason.length > HOLD_REASON_MAX) {
    throw new AppError('validation_failed', 'A written reason is required.', { errors: [{ field, message: `must be between ${HOLD_REASON_MIN} and ${HOLD_REASON_MAX} characters` }] });
  }
  return reason;
}

const actorRef = (actor: HoldActor) => (actor.kind === 'system' ? `system:${actor.process}` : actor.id);

/** Locks the case row (the purge's lock) and refuses a case whose data is already purged. */
async function lockLiveCase(trx: Transaction<DB>, caseId: string): Promise<void> {
  const row = await findCase(trx, caseId, { forUpdate: true });
  if (!row) throw new AppError('not_found', 'No case with this id.');
  if ((await findProgress(trx, caseId))?.purgedAt) throw new AppError('data_erased', 'This case was already purged under the retention rules.');
}

export async function placeLegalHold(ctx: AppContext, actor: HoldActor, caseId: string, reason: string): Promise<LegalHoldRow> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'privacy.legal_hold', { jurisdictionPath: caseJurisdictionPath(row) });
  const text = writtenReason(reason, 'reason');
  return ctx.store.db.transaction().execute(async (trx) => {
    await lockLiveCase(trx, row.id);
    const hold = await insertLegalHold(trx, { id: randomUUID(), caseId: row.id, reason: text, placedBy: actorRef(actor), at: ctx.clock.now() });
    await audit(trx, ctx.clock, actor, { objectType: 'case', objectId: row.id, action: 'legal_hold.place', details: { holdId: hold.id } });
    return hold;
  });
}

export async function liftLegalHold(ctx: AppContext, actor: HoldActor, holdId: string, reason: string): Promise<LegalHoldRow> {
  const hold = UUID.test(holdId) ? await findLegalHold(ctx.store.db, holdId) : undefined;
  if (!hold) throw new AppError('not_found', 'No legal hold with this id.');
  const row = await loadCaseRow(ctx.store.db, hold.case_id);
  assertAllowed(actor, 'privacy.legal_hold', { jurisdictionPath: caseJurisdictionPath(row) });
  const text = writtenReason(reason, 'reason');
  return ctx.store.db.transaction().execute(async (trx) => {
    // Same lock order as the purge and the placing: the case, then its holds.
    await findCase(trx, row.id, { forUpdate: true });
    const lifted = await liftHoldRow(trx, hold.id, { by: actorRef(actor), at: ctx.clock.now(), reason: text });
    if (!lifted) throw new AppError('conflict', 'This legal hold was already lifted.');
    await audit(trx, ctx.clock, actor, { objectType: 'case', objectId: row.id, action: 'legal_hold.lift', details: { holdId: hold.id } });
    return lifted;
  });
}

/** Every hold of one case, in force or lifted. */
export async function caseLegalHolds(ctx: AppContext, actor: HoldActor, caseId: string): Promise<LegalHoldRow[]> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'privacy.legal_hold', { jurisdictionPath: caseJurisdictionPath(row) });
  return listLegalHolds(ctx.store.db, row.id);
}

/** Holds in force across the country (national-level staff: the DPO's overview). */
export async function activeLegalHolds(ctx: AppContext, actor: HoldActor, limit = 500): Promise<(LegalHoldRow & { reference: string })[]> {
  assertAllowed(actor, 'privacy.legal_hold', { jurisdictionPath: ['MA'] });
  return listActiveLegalHolds(ctx.store.db, limit);
}
