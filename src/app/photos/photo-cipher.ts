/**
 * How photo bytes are sealed at rest. A photo not marked publishable is sensitive data (DESIGN §2):
 * its JPEG and thumbnail are stored sealed with the case's data key, so destroying that key erases
 * them everywhere, backups included. The case use case supplies the cipher; `photoCipher(fieldKey)`
 * builds the standard one from the case's data key (app/crypto/data-keys.ts).
 *
 * Sealed form: 'P1' | iv (12 bytes) | GCM tag (16 bytes) | ciphertext, AES-256-GCM with associated
 * data `<ownerType>:<ownerId>:photo:<photoId>`, so sealed bytes moved to another photo or another
 * case do not open.
 *
 * @example
 *   const fk = await getDataKey(trx, ctx, { type: 'case', id: caseId });
 *   await addPhoto(ctx, actor, { caseId, upload, publishable: false, cipher: photoCipher(fk) });
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldKey } from '../../platform/crypto/field-cipher.ts';

export interface PhotoBytesCipher {
  seal(bytes: Buffer, photoId: string): Buffer;
  /** Throws when the bytes were not sealed for this photo with this key, or were altered. */
  open(sealed: Buffer, photoId: string): Buffer;
}

/** The sealed bytes of a photo could not be opened: wrong key, wrong photo, or tampering. */
export class PhotoDecryptionError extends Error {
  constructor(photoId: string) {
    super(`the bytes of photo ${photoId} could not be decrypted`);
    this.name = 'PhotoDecryptionError';
  }
}

const MAGIC = Buffer.from('P1', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + TAG_BYTES;

/** AES-256-GCM with the case's data key. */
export function photoCipher(fk: FieldKey): PhotoBytesCipher {
  const aad = (photoId: string) => Buffer.from(`${fk.owner.type}:${fk.owner.id}:photo:${photoId.toLowerCase()}`, 'utf8');
  return {
    seal(bytes, photoId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', fk.key, iv);
      cipher.setAAD(aad(photoId));
      const ct = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ct]);
    },
    open(sealed, photoId) {
      if (sealed.length < HEADER_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new PhotoDecryptionError(photoId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', fk.key, sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES));
        decipher.setAAD(aad(photoId));
        decipher.setAuthTag(sealed.subarray(MAGIC.length + IV_BYTES, HEADER_BYTES));
        return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
      } catch {
        throw new PhotoDecryptionError(photoId);
      }
    },
  };
}

/** A programming error, not a client one: sensitive photo bytes must never be handled without the case's cipher. */
export function requireCipher(cipher: PhotoBytesCipher | undefined, why: string): PhotoBytesCipher {
  if (!cipher) throw new Error(`a photo cipher is required to ${why}`);
  return cipher;
}
