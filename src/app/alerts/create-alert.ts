/**
 * Drafts an alert for a case: the texts, zone and photo generated from the case's public subset (see
 * alert-draft.ts), in state draft. One open alert per case (the database refuses a second).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { UserActor } from '../../domain/actor.ts';
import { draftAlert } from '../../domain/alert/alert-lifecycle.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findOpenAlertOfCase, insertAlert } from '../../store/repositories/alerts.repository.ts';
import { listCasePhotos } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { getDataKey } from '../crypto/data-keys.ts';
import { openCaseRecord } from '../cases/case-codec.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow, publicSubset } from '../cases/read-case.ts';
import { composeDraft } from './alert-draft.ts';
import { type LoadedAlert, decodeAlert, newPublicId } from './alert-store.ts';
import { findAlert } from '../../store/repositories/alerts.repository.ts';

export async function createAlertDraft(ctx: AppContext, actor: UserActor, caseId: string): Promise<LoadedAlert> {
  const caseRow = await loadCaseRow(ctx.store.db, caseId);
  const path = caseJurisdictionPath(caseRow);
  assertAllowed(actor, 'alert.create', { jurisdictionPath: path });
  if (caseRow.status === 'closed') throw new AppError('conflict', 'The case is closed.');
  if (await findOpenAlertOfCase(ctx.store.db, caseRow.id)) throw new AppError('conflict', 'This case already has an alert in progress.');
  const now = ctx.clock.now();
  const photos = await listCasePhotos(ctx.store.db, caseRow.id);
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (trx) => {
    const record = openCaseRecord(caseRow.record, caseRow.sensitive, await getDataKey(trx, ctx, keyOwner('case', caseRow.id)));
    const draft = { ...composeDraft({ reference: caseRow.reference, record, publicRecord: publicSubset(caseRow, photos), now, geo: ctx.geo }), durationHours: ctx.config.alerts.defaultHours };
    await insertAlert(trx, {
      id,
      publicId: newPublicId(randomBytes),
      caseId: caseRow.id,
      isExercise: caseRow.is_exercise,
      createdBy: actor.id,
      at: now,
      draft: draft,
      chain: draftAlert({ id, caseJurisdictionPath: path }, now) as unknown as Record<string, unknown>,
    });
    await audit(trx, ctx.clock, actor, { objectType: 'alert', objectId: id, action: 'alert.create', details: { caseId: caseRow.id } });
  });
  const row = await findAlert(ctx.store.db, id);
  if (!row) throw new Error('alert vanished after commit');
  return decodeAlert(row);
}
