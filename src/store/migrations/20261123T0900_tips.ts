/**
 * Tips: what the public (web form, WhatsApp replies), media partners and police units saw, linked to the
 * alert and the case. Intake only; triage adds its own columns and tables in a later migration.
 *
 * - `reference` is the receipt the tipster is shown: 8 Crockford base32 characters (no I, L, O, U).
 * - `source_detail` says which token or WhatsApp message a tip came from (never a person): the API
 *   token id for partners and police units, the WhatsApp message id for replies (one message → at most
 *   one tip, by the unique index), null for the web form.
 * - `idempotency_key` + `request_hash`: an API client's retry with the same key is the same tip; the hash
 *   (of the non-restricted fields only) tells a retry from a different tip sent under a reused key.
 * - `contact` is the tipster's name, phone and consent, RESTRICTED: one field-cipher value under the
 *   case's data key (field path `tip:<id>:contact`), so crypto-shredding the case erases it too.
 * - No IP address, network or user agent is stored: rate limiting works from memory only.
 * - `tip_photos` holds the re-encoded JPEG and thumbnail (no metadata), sealed under the case's data key
 *   with the photo cipher (associated data names the tip).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tips (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE CHECK (reference ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
      alert_id uuid NOT NULL REFERENCES alerts(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      alert_version integer CHECK (alert_version > 0),
      source text NOT NULL CHECK (source IN ('web','whatsapp','partner','police')),
      source_detail text CHECK (char_length(source_detail) <= 200),
      idempotency_key text CHECK (char_length(idempotency_key) <= 200),
      request_hash text CHECK (request_hash ~ '^[0-9a-f]{64}$'),
      language text CHECK (language IN ('ar','fr','zgh')),
      seen text NOT NULL CHECK (char_length(seen) BETWEEN 1 AND 4096),
      seen_at timestamptz,
      place text CHECK (char_length(place) <= 400),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lon double precision CHECK (lon BETWEEN -180 AND 180),
      contact text,
      has_photo boolean NOT NULL DEFAULT false,
      received_at timestamptz NOT NULL,
      CHECK ((lat IS NULL) = (lon IS NULL)),
      CHECK (source = 'web' OR source_detail IS NOT NULL),
      CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
    );
    CREATE INDEX tips_by_case ON tips (case_id, received_at DESC);
    CREATE INDEX tips_by_alert ON tips (alert_id, received_at DESC);
    CREATE UNIQUE INDEX tips_one_per_whatsapp_message ON tips (source_detail) WHERE source = 'whatsapp';
    CREATE UNIQUE INDEX tips_idempotency ON tips (source, source_detail, idempotency_key) WHERE idempotency_key IS NOT NULL;

    CREATE TABLE tip_photos (
      tip_id uuid PRIMARY KEY REFERENCES tips(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      mime text NOT NULL CHECK (mime = 'image/jpeg'),
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      -- Sealed with the case's data key (app/photos/photo-cipher.ts); both null once deleted.
      bytes bytea,
      thumb bytea,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      byte_size integer NOT NULL CHECK (byte_size > 0),
      created_at timestamptz NOT NULL,
      deleted_at timestamptz,
      CHECK ((deleted_at IS NULL AND bytes IS NOT NULL AND thumb IS NOT NULL) OR (deleted_at IS NOT NULL AND bytes IS NULL AND thumb IS NULL))
    );
    CREATE INDEX tip_photos_by_case ON tip_photos (case_id);
  `.execute(db);
}
