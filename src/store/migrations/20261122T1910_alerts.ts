/**
 * Alerts: the public, time- and area-limited face of a case. `alerts` holds the working state (draft,
 * decision chain, expiry); `alert_decisions` the hash-chained decisions (unique per alert and seq, so of
 * two concurrent decisions exactly one commits); `alert_versions` every published version with its CAP document. Published
 * versions are immutable: the only change the database accepts is a one-way redaction of the public
 * content (retention after closure), never an edit.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alerts (
      id uuid PRIMARY KEY,
      public_id text NOT NULL UNIQUE,
      case_id uuid NOT NULL REFERENCES cases(id),
      state text NOT NULL CHECK (state IN ('draft','awaiting_decisions','active','ended','refused')),
      is_exercise boolean NOT NULL,
      created_by text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      draft jsonb NOT NULL,
      -- The domain's AlertState (domain/alert/alert-lifecycle.ts): request, decisions, versions, ending.
      chain jsonb NOT NULL,
      expires_at timestamptz,
      published_at timestamptz,
      ended_at timestamptz,
      end_outcome text CHECK (end_outcome IN ('found','withdrawn','expired')),
      prosecutor_due_at timestamptz,
      current_version integer NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX alerts_one_open_per_case ON alerts (case_id) WHERE state IN ('draft','awaiting_decisions','active');
    CREATE INDEX alerts_state ON alerts (state, published_at DESC);

    CREATE TABLE alert_decisions (
      alert_id uuid NOT NULL REFERENCES alerts(id),
      seq integer NOT NULL CHECK (seq > 0),
      kind text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('approved','refused')),
      decided_by text NOT NULL,
      decided_at timestamptz NOT NULL,
      hash text NOT NULL,
      record jsonb NOT NULL,
      PRIMARY KEY (alert_id, seq)
    );

    CREATE TABLE alert_versions (
      alert_id uuid NOT NULL REFERENCES alerts(id),
      version integer NOT NULL CHECK (version > 0),
      msg_type text NOT NULL CHECK (msg_type IN ('Alert','Update','Cancel')),
      update_kind text,
      cap_identifier text NOT NULL UNIQUE,
      sent_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      public_content jsonb NOT NULL,
      cap_xml text NOT NULL,
      zone_cells text[] NOT NULL DEFAULT '{}',
      photo_id uuid,
      redacted_at timestamptz,
      PRIMARY KEY (alert_id, version)
    );

    CREATE FUNCTION alert_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
         AND NEW.alert_id = OLD.alert_id AND NEW.version = OLD.version AND NEW.msg_type = OLD.msg_type
         AND NEW.cap_identifier = OLD.cap_identifier AND NEW.sent_at = OLD.sent_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'alert_versions are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER alert_versions_immutable BEFORE UPDATE OR DELETE ON alert_versions
      FOR EACH ROW EXECUTE FUNCTION alert_versions_guard();
  `.execute(db);
}
