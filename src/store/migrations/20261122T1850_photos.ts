/**
 * Photos of missing children, kept in the database (not on a local disk) so that every server
 * process sees them and backups include them. Only our re-encoded JPEG and its thumbnail are stored,
 * never the upload. A photo not marked publishable is sensitive data: its bytes are stored sealed
 * with the case's data key (`encrypted`). Deleting a photo clears both byte columns and keeps the row
 * as a tombstone for the audit trail. `case_id` gets its foreign key when the cases table exists.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE photos (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      publishable boolean NOT NULL,
      encrypted boolean NOT NULL,
      mime text NOT NULL CHECK (mime = 'image/jpeg'),
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      bytes bytea,
      thumb bytea,
      -- SHA-256 (hex) of the plain JPEG, checked on every full read.
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      byte_size integer NOT NULL CHECK (byte_size > 0),
      uploaded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      -- Live photos have both renditions; deleted ones have neither.
      CHECK ((deleted_at IS NULL AND bytes IS NOT NULL AND thumb IS NOT NULL) OR (deleted_at IS NOT NULL AND bytes IS NULL AND thumb IS NULL)),
      -- A photo that may not be published is never stored in clear.
      CHECK (publishable OR encrypted OR deleted_at IS NOT NULL)
    );
    CREATE INDEX photos_case ON photos(case_id, created_at) WHERE deleted_at IS NULL;
  `.execute(db);
}
