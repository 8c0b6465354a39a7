/**
 * The activation assessment of a case: recomputed with the officer's judgement on whether publishing
 * endangers the child, or overridden by an officer with a written reason. Both are audited.
 */
import { randomUUID } from 'node:crypto';
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { type Assessment, type Priority, overrideAssessment } from '../../domain/case/assessment.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findCase, insertCaseEvent, updateCaseAssessment } from '../../store/repositories/cases.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { getDataKey } from '../crypto/data-keys.ts';
import { reassess } from './case-assessment-state.ts';
import { openCaseRecord } from './case-codec.ts';
import { caseJurisdictionPath } from './case-view.ts';
import { loadCaseRow } from './read-case.ts';

export async function assessCaseNow(ctx: AppContext, actor: UserActor | TokenActor, id: string, judgement: { publishingEndangersChild: boolean | null }): Promise<Assessment> {
  const row = await loadCaseRow(ctx.store.db, id);
  assertAllowed(actor, 'case.assess', { jurisdictionPath: caseJurisdictionPath(row) });
  return ctx.store.db.transaction().execute(async (trx) => {
    const current = await findCase(trx, id, { forUpdate: true });
    if (!current) throw new AppError('not_found', 'No case with this id.');
    const now = ctx.clock.now();
    const record = openCaseRecord(current.record, current.sensitive, await getDataKey(trx, ctx, keyOwner('case', id)));
    const assessment = reassess(record, now, current.assessment as unknown as Assessment | null, judgement);
    await updateCaseAssessment(trx, id, now, assessment as unknown as Record<string, unknown>);
    await audit(trx, ctx.clock, actor, {
      objectType: 'case',
      objectId: id,
      action: 'case.assess',
      details: { eligible: assessment.eligible, priority: assessment.priority, publishingEndangersChild: judgement.publishingEndangersChild },
    });
    return assessment;
  });
}

export async function overrideCaseAssessment(
  ctx: AppContext,
  actor: UserActor | TokenActor,
  id: string,
  request: { reason: string; eligible: boolean; priority?: Priority },
): Promise<Assessment> {
  const row = await loadCaseRow(ctx.store.db, id);
  assertAllowed(actor, 'case.override_assessment', { jurisdictionPath: caseJurisdictionPath(row) });
  return ctx.store.db.transaction().execute(async (trx) => {
    const current = await findCase(trx, id, { forUpdate: true });
    if (!current?.assessment) throw new AppError('conflict', 'This case has no assessment to override yet.');
    const now = ctx.clock.now();
    const overridden = overrideAssessment(current.assessment as unknown as Assessment, { by: actor.id, reason: request.reason, eligible: request.eligible, ...(request.priority ? { priority: request.priority } : {}) }, now);
    await updateCaseAssessment(trx, id, now, overridden as unknown as Record<string, unknown>);
    await insertCaseEvent(trx, { id: randomUUID(), case_id: id, at: now, kind: 'assessment_overridden', from_status: current.status, to_status: current.status, reason: request.reason.trim(), outcome: null, actor_id: actor.id });
    // The reason is the officer's words about the case: kept in the case history, not in the audit log.
    await audit(trx, ctx.clock, actor, { objectType: 'case', objectId: id, action: 'case.override_assessment', details: { eligible: overridden.eligible, priority: overridden.priority } });
    return overridden;
  });
}
