/**
 * SQL for the photos table. Byte columns are bytea: node-postgres answers a Buffer, PGlite a
 * Uint8Array; everything leaving this module is a Buffer, so callers see one type in both modes.
 * Metadata reads never fetch the bytes; only the variant asked for is read.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

export type PhotoVariant = 'full' | 'thumb';

export interface PhotoRecord {
  readonly id: string;
  readonly caseId: string;
  readonly publishable: boolean;
  readonly encrypted: boolean;
  readonly mime: 'image/jpeg';
  readonly width: number;
  readonly height: number;
  /** SHA-256 (hex) of the plain full-size JPEG. */
  readonly sha256: string;
  /** Size of the plain full-size JPEG. */
  readonly byteSize: number;
  readonly uploadedBy: string | null;
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
}

export interface NewPhotoRow {
  readonly id: string;
  readonly caseId: string;
  readonly publishable: boolean;
  readonly encrypted: boolean;
  readonly width: number;
  readonly height: number;
  /** As stored: sealed when `encrypted`. */
  readonly bytes: Buffer;
  readonly thumb: Buffer;
  readonly sha256: string;
  readonly byteSize: number;
  readonly uploadedBy: string | null;
  readonly createdAt: Date;
}

const META_COLUMNS = ['id', 'case_id', 'publishable', 'encrypted', 'mime', 'width', 'height', 'sha256', 'byte_size', 'uploaded_by', 'created_at', 'deleted_at'] as const;

type MetaRow = {
  id: string;
  case_id: string;
  publishable: boolean;
  encrypted: boolean;
  mime: 'image/jpeg';
  width: number;
  height: number;
  sha256: string;
  byte_size: number;
  uploaded_by: string | null;
  created_at: Date;
  deleted_at: Date | null;
};

const toRecord = (r: MetaRow): PhotoRecord => ({
  id: r.id,
  caseId: r.case_id,
  publishable: r.publishable,
  encrypted: r.encrypted,
  mime: r.mime,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  byteSize: r.byte_size,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

/** A Buffer view of what the driver returned (no copy). */
const asBuffer = (v: Uint8Array): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

export async function insertPhoto(trx: Transaction<DB>, row: NewPhotoRow): Promise<void> {
  await trx
    .insertInto('photos')
    .values({
      id: row.id,
      case_id: row.caseId,
      publishable: row.publishable,
      encrypted: row.encrypted,
      mime: 'image/jpeg',
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      thumb: row.thumb,
      sha256: row.sha256,
      byte_size: row.byteSize,
      uploaded_by: row.uploadedBy,
      created_at: row.createdAt,
    })
    .execute();
}

/** A photo's metadata, deleted or not; undefined when the id was never used. */
export async function findPhoto(db: Kysely<DB>, id: string): Promise<PhotoRecord | undefined> {
  const row = await db.selectFrom('photos').select(META_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** A live photo's metadata and one variant's bytes as stored (sealed when `encrypted`). */
export async function findPhotoBytes(db: Kysely<DB>, id: string, variant: PhotoVariant): Promise<{ photo: PhotoRecord; stored: Buffer } | undefined> {
  const row = await db
    .selectFrom('photos')
    .select(META_COLUMNS)
    .select(variant === 'full' ? 'bytes as stored' : 'thumb as stored')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row?.stored) return undefined;
  return { photo: toRecord(row), stored: asBuffer(row.stored) };
}

/** A live photo with both variants as stored, locked until the transaction ends. */
export async function lockPhotoWithBytes(trx: Transaction<DB>, id: string): Promise<{ photo: PhotoRecord; bytes: Buffer; thumb: Buffer } | undefined> {
  const row = await trx.selectFrom('photos').select(META_COLUMNS).select(['bytes', 'thumb']).where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row?.bytes || !row.thumb) return undefined;
  return { photo: toRecord(row), bytes: asBuffer(row.bytes), thumb: asBuffer(row.thumb) };
}

/** Stores both variants anew (sealed or plain) with the publication flags that go with them. */
export async function replacePhotoBytes(trx: Transaction<DB>, id: string, next: { publishable: boolean; encrypted: boolean; bytes: Buffer; thumb: Buffer }): Promise<void> {
  await trx
    .updateTable('photos')
    .set({ publishable: next.publishable, encrypted: next.encrypted, bytes: next.bytes, thumb: next.thumb })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Marks a live photo deleted and drops its bytes; undefined when there was no live photo. */
export async function softDeletePhoto(trx: Transaction<DB>, id: string, at: Date): Promise<PhotoRecord | undefined> {
  const row = await trx
    .updateTable('photos')
    .set({ deleted_at: at, bytes: null, thumb: null })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning(META_COLUMNS)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** A case's live photos, oldest first, without their bytes. */
export async function listCasePhotos(db: Kysely<DB>, caseId: string): Promise<PhotoRecord[]> {
  const rows = await db.selectFrom('photos').select(META_COLUMNS).where('case_id', '=', caseId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toRecord);
}
