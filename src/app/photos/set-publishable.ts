/**
 * Marks a photo publishable or not. The stored bytes follow the flag in the same transaction: a
 * photo that becomes publishable is stored in clear (it may then appear on public surfaces while an
 * alert is active); one that stops being publishable is sealed with the case's cipher again.
 * Setting the flag it already has changes and records nothing.
 *
 * @example
 *   await setPublishable(ctx, actor, { caseId, photoId, publishable: true, cipher });
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { lockPhotoWithBytes, type PhotoRecord, replacePhotoBytes } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { type PhotoBytesCipher, requireCipher } from './photo-cipher.ts';
import { isUuid, photoNotFound } from './photo-ids.ts';

export interface SetPublishableInput {
  readonly caseId: string;
  readonly photoId: string;
  readonly publishable: boolean;
  /** Required to open a sealed photo or to seal one that stops being publishable. */
  readonly cipher?: PhotoBytesCipher;
}

export async function setPublishable(ctx: AppContext, actor: Actor, input: SetPublishableInput): Promise<PhotoRecord> {
  if (!isUuid(input.photoId) || !isUuid(input.caseId)) throw photoNotFound();
  return ctx.store.db.transaction().execute(async (trx) => {
    const current = await lockPhotoWithBytes(trx, input.photoId);
    if (!current || current.photo.caseId !== input.caseId.toLowerCase()) throw photoNotFound();
    const { photo } = current;
    if (photo.publishable === input.publishable) return photo;

    const opener = photo.encrypted ? requireCipher(input.cipher, 'open a sealed photo') : undefined;
    const plain = opener ? { bytes: opener.open(current.bytes, photo.id), thumb: opener.open(current.thumb, photo.id) } : { bytes: current.bytes, thumb: current.thumb };
    if (createHash('sha256').update(plain.bytes).digest('hex') !== photo.sha256) throw new Error(`photo ${photo.id} failed its integrity check`);

    const sealer = input.publishable ? undefined : requireCipher(input.cipher, 'seal a photo that is not publishable');
    const next = sealer
      ? { publishable: false, encrypted: true, bytes: sealer.seal(plain.bytes, photo.id), thumb: sealer.seal(plain.thumb, photo.id) }
      : { publishable: true, encrypted: false, ...plain };
    await replacePhotoBytes(trx, photo.id, next);
    await audit(trx, ctx.clock, actor, {
      objectType: 'photo',
      objectId: photo.id,
      action: 'photo.publishable_set',
      details: { caseId: photo.caseId, photoId: photo.id, publishable: next.publishable },
    });
    return { ...photo, publishable: next.publishable, encrypted: next.encrypted };
  });
}
