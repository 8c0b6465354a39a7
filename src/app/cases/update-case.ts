/**
 * Saves an edited case file. The editor names the version they started from; if someone else saved in
 * between, nothing is written and the answer is a conflict (never a silent overwrite). Derived fields,
 * name keys, duplicates and the assessment are recomputed; the audit entry lists the changed field
 * names, never their values.
 */
import { randomUUID } from 'node:crypto';
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import type { Assessment } from '../../domain/case/assessment.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { changedPaths } from '../../domain/case/field-classes.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { listCasePhotos } from '../../store/repositories/photos.repository.ts';
import { findCase, insertCaseEvent, setPossibleDuplicates, updateCaseContent } from '../../store/repositories/cases.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { getDataKey } from '../crypto/data-keys.ts';
import { reassess } from './case-assessment-state.ts';
import { openCaseRecord, sealCaseRecord } from './case-codec.ts';
import { caseIndexColumns } from './case-index.ts';
import { type FullCaseView, caseJurisdictionPath } from './case-view.ts';
import { findPossibleDuplicates } from './find-duplicates.ts';
import { fullView, loadCaseRow } from './read-case.ts';
import { prepareRecord, withPhotos } from './prepare-record.ts';

export async function updateCase(ctx: AppContext, actor: UserActor | TokenActor, id: string, expectedVersion: number, input: CaseRecord): Promise<FullCaseView> {
  const before = await loadCaseRow(ctx.store.db, id);
  assertAllowed(actor, 'case.update', { jurisdictionPath: caseJurisdictionPath(before) });
  if (before.status === 'closed') throw new AppError('conflict', 'A closed case cannot be edited; reopen it first.');
  const now = ctx.clock.now();
  const record = prepareRecord(input, now, ctx.geo);
  const index = caseIndexColumns(record, before.jurisdiction_code);
  const duplicates = await findPossibleDuplicates(ctx.store.db, record, index.nameKeys, id);

  await ctx.store.db.transaction().execute(async (trx) => {
    const current = await findCase(trx, id, { forUpdate: true });
    if (!current || current.version !== expectedVersion) {
      throw new AppError('conflict', 'Someone else saved this case since you opened it. Reload it and apply your changes again.');
    }
    const key = await getDataKey(trx, ctx, keyOwner('case', id));
    const previous = openCaseRecord(current.record, current.sensitive, key);
    // Photos live in their own table (see prepare-record.ts); compare like with like.
    const assessment = reassess(record, now, current.assessment as unknown as Assessment | null);
    const sealed = sealCaseRecord(record, key);
    const saved = await updateCaseContent(trx, id, expectedVersion, now, {
      ...index,
      record: sealed.rest,
      sensitive: sealed.sensitive,
      assessment: assessment as unknown as Record<string, unknown>,
    });
    if (!saved) throw new AppError('conflict', 'Someone else saved this case since you opened it. Reload it and apply your changes again.');
    await setPossibleDuplicates(trx, id, duplicates.map((d) => ({ ...d })));
    const changed = changedPaths(previous, record);
    await insertCaseEvent(trx, { id: randomUUID(), case_id: id, at: now, kind: 'updated', from_status: current.status, to_status: current.status, reason: null, outcome: null, actor_id: actor.id });
    await audit(trx, ctx.clock, actor, { objectType: 'case', objectId: id, action: 'case.update', details: { fields: changed, version: expectedVersion + 1 } });
  });
  const row = await loadCaseRow(ctx.store.db, id);
  return fullView(row, withPhotos(record, await listCasePhotos(ctx.store.db, id)), false);
}
