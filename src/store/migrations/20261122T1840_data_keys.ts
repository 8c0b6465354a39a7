/**
 * Per-owner data keys for envelope encryption of sensitive fields (one key per case). Each row holds
 * the 32-byte key sealed under a master key (platform/crypto/secret-box.ts, context
 * `datakey:<owner_type>:<owner_id>`). Destroying a key (crypto-shredding) clears `wrapped_key` and
 * `master_key_id` and records when and why; the row stays as a tombstone so the owner is known to be
 * erased and cannot silently get a new key.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE data_keys (
      id uuid PRIMARY KEY,
      owner_type text NOT NULL CHECK (owner_type ~ '^[a-z][a-z0-9_]{0,31}$'),
      owner_id uuid NOT NULL,
      wrapped_key text,
      master_key_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      rotated_at timestamptz,
      destroyed_at timestamptz,
      destroyed_reason text,
      UNIQUE (owner_type, owner_id),
      -- A key is either live (material and its master key id) or destroyed (neither, with a reason).
      CHECK (
        (destroyed_at IS NULL AND wrapped_key IS NOT NULL AND master_key_id IS NOT NULL AND destroyed_reason IS NULL)
        OR (destroyed_at IS NOT NULL AND wrapped_key IS NULL AND master_key_id IS NULL AND destroyed_reason IS NOT NULL)
      )
    );
    -- Rotation and status look up live keys by the master key that wraps them.
    CREATE INDEX data_keys_master_key ON data_keys(master_key_id, id) WHERE master_key_id IS NOT NULL;
  `.execute(db);
}
