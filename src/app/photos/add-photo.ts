/**
 * Adds a photo to a case. The upload is checked and re-encoded first, outside any transaction (it
 * takes CPU time and may fail); only then are the row and its audit entry written, together, so a
 * refused upload leaves nothing behind. A photo not marked publishable is sealed with the case's
 * cipher before it is stored. Who may add photos to which case is decided by the caller (the case
 * routes' policy check).
 *
 * @example
 *   const photo = await addPhoto(ctx, actor, { caseId, upload, declaredType: 'image/heic', publishable: false, cipher });
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { processPhoto } from '../../adapters/images/photo-processor.ts';
import { insertPhoto, type PhotoRecord } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { type PhotoBytesCipher, requireCipher } from './photo-cipher.ts';
import { assertUuid } from './photo-ids.ts';

export interface AddPhotoInput {
  readonly caseId: string;
  readonly upload: Buffer;
  /**
   * The client's file name. Deliberately neither trusted (the bytes decide the type) nor stored nor
   * logged: phones and officers name files after people.
   */
  readonly filename?: string;
  /** The client's declared content type; an upload declared as a non-image is refused. */
  readonly declaredType?: string;
  readonly publishable: boolean;
  /** Required when `publishable` is false: seals the bytes with the case's data key. */
  readonly cipher?: PhotoBytesCipher;
}

export async function addPhoto(ctx: AppContext, actor: Actor, input: AddPhotoInput): Promise<PhotoRecord> {
  assertUuid(input.caseId, 'caseId');
  const cipher = input.publishable ? undefined : requireCipher(input.cipher, 'store a photo that is not publishable');
  const processed = await processPhoto(input.upload, input.declaredType === undefined ? {} : { declaredType: input.declaredType });

  const id = randomUUID();
  const photo: PhotoRecord = {
    id,
    caseId: input.caseId.toLowerCase(),
    publishable: input.publishable,
    encrypted: cipher !== undefined,
    mime: 'image/jpeg',
    width: processed.width,
    height: processed.height,
    sha256: processed.sha256,
    byteSize: processed.jpeg.length,
    uploadedBy: actor.kind === 'user' ? actor.id : null,
    createdAt: ctx.clock.now(),
    deletedAt: null,
  };
  const bytes = cipher ? cipher.seal(processed.jpeg, id) : processed.jpeg;
  const thumb = cipher ? cipher.seal(processed.thumbnail, id) : processed.thumbnail;

  await ctx.store.db.transaction().execute(async (trx) => {
    await insertPhoto(trx, { ...photo, bytes, thumb });
    await audit(trx, ctx.clock, actor, {
      objectType: 'photo',
      objectId: id,
      action: 'photo.add',
      details: { caseId: photo.caseId, photoId: id, publishable: photo.publishable },
    });
  });
  return photo;
}
