/**
 * Photos of a case, behind the case's policy: uploads go through the photo pipeline (type sniffing,
 * re-encoding, metadata stripped); photos not chosen for publication are sealed with the case's data
 * key; reading one that is not publishable is audited with the stated purpose.
 */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import type { PhotoRecord } from '../../store/repositories/photos.repository.ts';
import type { AppContext } from '../context.ts';
import { getDataKey } from '../crypto/data-keys.ts';
import { addPhoto } from '../photos/add-photo.ts';
import { deletePhoto } from '../photos/delete-photo.ts';
import { photoCipher } from '../photos/photo-cipher.ts';
import { type PhotoContent, type PhotoVariant, listPhotos, readPhoto } from '../photos/read-photo.ts';
import { setPublishable } from '../photos/set-publishable.ts';
import { caseJurisdictionPath } from './case-view.ts';
import { loadCaseRow } from './read-case.ts';
import { AppError } from '../../domain/errors.ts';

async function cipherFor(ctx: AppContext, caseId: string) {
  return photoCipher(await getDataKey(ctx.store.db, ctx, keyOwner('case', caseId)));
}

export async function addCasePhoto(
  ctx: AppContext,
  actor: UserActor | TokenActor,
  caseId: string,
  upload: { bytes: Buffer; declaredType?: string; publishable: boolean },
): Promise<PhotoRecord> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'case.photo_add', { jurisdictionPath: caseJurisdictionPath(row) });
  if (row.status === 'closed') throw new AppError('conflict', 'A closed case takes no new photos.');
  return addPhoto(ctx, actor, {
    caseId: row.id,
    upload: upload.bytes,
    publishable: upload.publishable,
    ...(upload.declaredType ? { declaredType: upload.declaredType } : {}),
    ...(upload.publishable ? {} : { cipher: await cipherFor(ctx, row.id) }),
  });
}

export async function listCasePhotosFor(ctx: AppContext, actor: UserActor | TokenActor, caseId: string): Promise<PhotoRecord[]> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'case.photo_read', { jurisdictionPath: caseJurisdictionPath(row) });
  return listPhotos(ctx, row.id);
}

export async function readCasePhoto(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, photoId: string, variant: PhotoVariant, purpose: string | undefined): Promise<PhotoContent> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'case.photo_read', { jurisdictionPath: caseJurisdictionPath(row) });
  return readPhoto(ctx, actor, photoId, variant, { caseId: row.id, cipher: await cipherFor(ctx, row.id), ...(purpose ? { purpose } : {}) });
}

export async function setCasePhotoPublishable(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, photoId: string, publishable: boolean): Promise<PhotoRecord> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'case.update', { jurisdictionPath: caseJurisdictionPath(row) });
  return setPublishable(ctx, actor, { caseId: row.id, photoId, publishable, cipher: await cipherFor(ctx, row.id) });
}

export async function deleteCasePhoto(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, photoId: string): Promise<PhotoRecord> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'case.update', { jurisdictionPath: caseJurisdictionPath(row) });
  return deletePhoto(ctx, actor, { caseId: row.id, photoId });
}
