/**
 * Reads a photo's bytes (full size or thumbnail) or a case's photo list. Reading a photo that is not
 * publishable is a read of sensitive data: it is opened with the case's cipher and recorded in the
 * audit log, in the same transaction as the read, with the purpose the officer gave. Full-size reads
 * are checked against the SHA-256 taken at upload. Surfaces that must only ever show publishable
 * photos (the public site, channel payloads) pass `publishableOnly`.
 *
 * @example
 *   const { bytes, mime } = await readPhoto(ctx, actor, photoId, 'thumb', { caseId, cipher, purpose: 'case review' });
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { findPhotoBytes, listCasePhotos, type PhotoRecord, type PhotoVariant } from '../../store/repositories/photos.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { type PhotoBytesCipher, requireCipher } from './photo-cipher.ts';
import { isUuid, photoNotFound } from './photo-ids.ts';

export type { PhotoVariant } from '../../store/repositories/photos.repository.ts';

export interface ReadPhotoOptions {
  /** The case the caller was authorised for; a photo of any other case is not found. */
  readonly caseId: string;
  /** Required to read a photo that is not publishable. */
  readonly cipher?: PhotoBytesCipher;
  /** The reason given for reading sensitive data, kept in the audit entry. */
  readonly purpose?: string;
  /** Treat photos that are not publishable as absent (public surfaces). */
  readonly publishableOnly?: boolean;
}

export interface PhotoContent {
  readonly photo: PhotoRecord;
  readonly variant: PhotoVariant;
  readonly mime: 'image/jpeg';
  readonly bytes: Buffer;
}

export async function readPhoto(ctx: AppContext, actor: Actor, photoId: string, variant: PhotoVariant, options: ReadPhotoOptions): Promise<PhotoContent> {
  if (!isUuid(photoId) || !isUuid(options.caseId)) throw photoNotFound();
  return ctx.store.db.transaction().execute(async (trx) => {
    const found = await findPhotoBytes(trx, photoId, variant);
    if (!found || found.photo.caseId !== options.caseId.toLowerCase()) throw photoNotFound();
    const { photo, stored } = found;
    if (options.publishableOnly && !photo.publishable) throw photoNotFound();

    const bytes = photo.encrypted ? requireCipher(options.cipher, 'read a sealed photo').open(stored, photo.id) : stored;
    if (variant === 'full' && createHash('sha256').update(bytes).digest('hex') !== photo.sha256) throw new Error(`photo ${photo.id} failed its integrity check`);
    if (!photo.publishable) {
      await audit(trx, ctx.clock, actor, {
        objectType: 'photo',
        objectId: photo.id,
        action: 'photo.read',
        purpose: options.purpose ?? null,
        details: { caseId: photo.caseId, photoId: photo.id, variant },
      });
    }
    return { photo, variant, mime: photo.mime, bytes };
  });
}

/** A case's live photos, oldest first, without their bytes (listing reveals no picture, so it is not audited here). */
export async function listPhotos(ctx: AppContext, caseId: string): Promise<PhotoRecord[]> {
  if (!isUuid(caseId)) return [];
  return listCasePhotos(ctx.store.db, caseId.toLowerCase());
}
