/**
 * Opens a case from the revised report form: validates it, derives age and place, seals the sensitive
 * part with a new per-case data key, flags possible duplicates, computes a first assessment, and
 * writes the case, its first history event and the audit entry in one transaction.
 *
 * @example
 *   const view = await openCase(ctx, actor, record, { exercise: false });
 */
import { randomUUID } from 'node:crypto';
import type { UserActor, TokenActor } from '../../domain/actor.ts';
import { assessCase } from '../../domain/case/assessment.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { caseReferenceYear, formatCaseReference } from '../../domain/case/case-reference.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findCase, insertCase, insertCaseEvent, nextCaseSequence } from '../../store/repositories/cases.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { createDataKey } from '../crypto/data-keys.ts';
import { sealCaseRecord } from './case-codec.ts';
import { caseIndexColumns } from './case-index.ts';
import { type FullCaseView, caseMeta } from './case-view.ts';
import { findPossibleDuplicates } from './find-duplicates.ts';
import { prepareRecord } from './prepare-record.ts';

export interface OpenCaseOptions {
  /** Synthetic data for drills and demos: marked everywhere and published as CAP status Exercise. */
  readonly exercise?: boolean;
}

export async function openCase(ctx: AppContext, actor: UserActor | TokenActor, input: CaseRecord, options: OpenCaseOptions = {}): Promise<FullCaseView> {
  assertAllowed(actor, 'case.create');
  const now = ctx.clock.now();
  const record = prepareRecord(input, now, ctx.geo);
  const index = caseIndexColumns(record, 'MA');
  const duplicates = await findPossibleDuplicates(ctx.store.db, record, index.nameKeys);
  const assessment = assessCase(record, now, { publishingEndangersChild: null });
  const id = randomUUID();

  await ctx.store.db.transaction().execute(async (trx) => {
    const reference = formatCaseReference(caseReferenceYear(now), await nextCaseSequence(trx));
    const key = await createDataKey(trx, ctx, keyOwner('case', id), actor);
    const sealed = sealCaseRecord(record, key);
    await insertCase(trx, {
      ...index,
      id,
      reference,
      status: 'open',
      openedBy: actor.kind === 'user' ? actor.id : null,
      at: now,
      isExercise: options.exercise === true,
      record: sealed.rest,
      sensitive: sealed.sensitive,
      assessment: assessment as unknown as Record<string, unknown>,
      possibleDuplicates: duplicates.map((d) => ({ ...d })),
    });
    await insertCaseEvent(trx, { id: randomUUID(), case_id: id, at: now, kind: 'opened', from_status: null, to_status: 'open', reason: null, outcome: null, actor_id: actor.id });
    await audit(trx, ctx.clock, actor, {
      objectType: 'case',
      objectId: id,
      action: 'case.open',
      details: { reference, exercise: options.exercise === true, possibleDuplicates: duplicates.map((d) => d.id), priority: assessment.priority },
    });
  });

  const row = await findCase(ctx.store.db, id);
  if (!row) throw new Error('case vanished after commit');
  return { audience: 'case_officer', meta: caseMeta(row), record, sensitiveErased: false, assessment, closureReason: null, possibleDuplicates: duplicates };
}
