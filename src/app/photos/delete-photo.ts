/**
 * Deletes a photo: the row stays as a tombstone (for the audit trail and the case history) while
 * both byte columns are cleared in the same statement, so no copy of the picture is left in the
 * live table. A sealed photo was unreadable without the case key anyway; a publishable one is gone
 * once the database's dead row versions are vacuumed.
 *
 * @example
 *   await deletePhoto(ctx, actor, { caseId, photoId });
 */
import type { Actor } from '../../domain/actor.ts';
import { findPhoto, type PhotoRecord, softDeletePhoto } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { isUuid, photoNotFound } from './photo-ids.ts';

export interface DeletePhotoInput {
  readonly caseId: string;
  readonly photoId: string;
}

export async function deletePhoto(ctx: AppContext, actor: Actor, input: DeletePhotoInput): Promise<PhotoRecord> {
  if (!isUuid(input.photoId) || !isUuid(input.caseId)) throw photoNotFound();
  return ctx.store.db.transaction().execute(async (trx) => {
    const existing = await findPhoto(trx, input.photoId);
    if (!existing || existing.deletedAt || existing.caseId !== input.caseId.toLowerCase()) throw photoNotFound();
    const deleted = await softDeletePhoto(trx, input.photoId, ctx.clock.now());
    if (!deleted) throw photoNotFound();
    await audit(trx, ctx.clock, actor, {
      objectType: 'photo',
      objectId: deleted.id,
      action: 'photo.delete',
      details: { caseId: deleted.caseId, photoId: deleted.id },
    });
    return deleted;
  });
}
