/**
 * Officers edit the draft (texts in each language, zone, photo, duration) before requesting decisions;
 * once an alert is active, the same edits go out as an Update version. Every edit is validated: fitted
 * lengths and scripts (alert-text), a valid zone inside Morocco (zone), a publishable photo of the case.
 */
import type { UserActor } from '../../domain/actor.ts';
import { alertProperNames } from '../../domain/alert-text/alert-facts.ts';
import type { AlertTexts, FreeText } from '../../domain/alert-text/alert-languages.ts';
import { validateEditedTexts, validateFreeText } from '../../domain/alert-text/alert-text-validation.ts';
import type { UpdateKind } from '../../domain/alert/alert-vocabulary.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { validateZone, type Zone } from '../../domain/zone/zone.ts';
import { updateAlert } from '../../store/repositories/alerts.repository.ts';
import { listCasePhotos } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow, publicSubset } from '../cases/read-case.ts';
import { type AlertDraft, generatedTexts, lastSeenArea } from './alert-draft.ts';
import { applyToAlert } from './alert-events.ts';
import { type LoadedAlert, decodeAlert, loadAlertRow, lockAlert } from './alert-store.ts';

export interface DraftChanges {
  readonly texts?: AlertTexts;
  readonly freeText?: FreeText;
  readonly zone?: Zone;
  readonly photoId?: string | null;
  readonly durationHours?: number;
}

async function checkedDraft(ctx: AppContext, current: AlertDraft, caseId: string, changes: DraftChanges): Promise<AlertDraft> {
  const caseRow = await loadCaseRow(ctx.store.db, caseId);
  const photos = await listCasePhotos(ctx.store.db, caseId);
  const pub = publicSubset(caseRow, photos);
  let next: AlertDraft = { ...current, ...changes, freeText: changes.freeText ?? current.freeText };
  const properNames = alertProperNames({ publicRecord: pub, reference: caseRow.reference, lastSeenArea: lastSeenArea(pub, caseRow.province_code, ctx.geo), lastSeenAt: caseRow.last_seen_at, callNumber: '19', now: ctx.clock.now() });
  const errors: FieldError[] = [
    ...(changes.texts ? validateEditedTexts(next.texts, { properNames, reference: caseRow.reference, callNumber: '19' }) : []),
    ...(changes.freeText ? validateFreeText(next.freeText, properNames) : []),
    ...(changes.zone ? validateZone(next.zone, ctx.geo, { pointer: '/zone' }) : []),
  ];
  if (changes.photoId && !photos.some((p) => p.id === changes.photoId && p.publishable)) errors.push({ field: '/photoId', message: 'must be a photo of this case marked publishable' });
  if (errors.length) throw new AppError('validation_failed', `The alert draft has ${errors.length} problem${errors.length === 1 ? '' : 's'}.`, { errors });
  // New free text without hand-edited texts: regenerate the texts around it (the officer edits afterwards).
  if (changes.freeText && !changes.texts) {
    next = { ...next, texts: generatedTexts({ reference: caseRow.reference, publicRecord: pub, now: ctx.clock.now(), geo: ctx.geo, provinceCode: caseRow.province_code, lastSeenAt: caseRow.last_seen_at, freeText: next.freeText }) };
  }
  return next;
}

/** Edits a draft (state draft only). `revision` is the one the editor started from. */
export async function editAlertDraft(ctx: AppContext, actor: UserActor, alertId: string, revision: number, changes: DraftChanges): Promise<LoadedAlert> {
  const row = await loadAlertRow(ctx.store.db, alertId);
  const caseRow = await loadCaseRow(ctx.store.db, row.case_id);
  assertAllowed(actor, 'alert.edit', { jurisdictionPath: caseJurisdictionPath(caseRow) });
  const draft = await checkedDraft(ctx, decodeAlert(row).draft, row.case_id, changes);
  return ctx.store.db.transaction().execute(async (trx) => {
    const locked = await lockAlert(trx, alertId);
    if (locked.row.state !== 'draft') throw new AppError('conflict', 'Only a draft can be edited; an active alert changes through an update.');
    if (locked.row.revision !== revision) throw new AppError('conflict', 'Someone else changed this draft since you opened it. Reload it and apply your changes again.');
    if (!(await updateAlert(trx, alertId, revision, ctx.clock.now(), { draft: draft as unknown as Record<string, unknown> }))) throw new AppError('conflict', 'The draft changed meanwhile.');
    await audit(trx, ctx.clock, actor, { objectType: 'alert', objectId: alertId, action: 'alert.edit_draft', details: { fields: Object.keys(changes).sort() } });
    return lockAlert(trx, alertId);
  });
}

/** Publishes an Update of an active alert with the given edits (new photo, sighting text, wider zone). */
export async function updateActiveAlert(ctx: AppContext, actor: UserActor, alertId: string, kind: UpdateKind, changes: DraftChanges): Promise<LoadedAlert> {
  const row = await loadAlertRow(ctx.store.db, alertId);
  const caseRow = await loadCaseRow(ctx.store.db, row.case_id);
  assertAllowed(actor, 'alert.update', { jurisdictionPath: caseJurisdictionPath(caseRow) });
  const draft = await checkedDraft(ctx, decodeAlert(row).draft, row.case_id, changes);
  return applyToAlert(ctx, actor, alertId, { type: 'update', kind, by: actor.id }, () => draft);
}
