/**
 * The audit chain's anchor: one row holding the last entry's seq and hash. The hash chain cannot show
 * that its last entries were cut off; the anchor can, because the database moves it in the same
 * statement as every insert into audit_log, and nothing else may move it:
 * - an insert into audit_log must extend the anchor (seq = last_seq + 1, prev_hash = last_hash), so no
 *   entry can be slipped in beside the writer, and an append after a removed tail leaves a visible gap;
 * - the anchor refuses direct INSERT, UPDATE, DELETE and TRUNCATE; only the audit_log trigger updates it.
 * Someone able to disable triggers can still rewrite both; checkpoints kept outside the database
 * (`tifli audit verify --checkpoint`) cover that case.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_anchor (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      last_seq bigint NOT NULL,
      last_hash text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO audit_anchor (id, last_seq, last_hash)
      SELECT 1, coalesce(max(seq), 0), coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)) FROM audit_log;

    CREATE FUNCTION audit_log_extend_anchor() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      anchor_seq bigint;
      anchor_hash text;
    BEGIN
      SELECT last_seq, last_hash INTO anchor_seq, anchor_hash FROM audit_anchor WHERE id = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_anchor is missing' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF NEW.seq <> anchor_seq + 1 OR NEW.prev_hash <> anchor_hash THEN
        RAISE EXCEPTION 'audit_log entry % does not extend the chain ending at %', NEW.seq, anchor_seq USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      UPDATE audit_anchor SET last_seq = NEW.seq, last_hash = NEW.hash, updated_at = now() WHERE id = 1;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER audit_log_extend_anchor BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_extend_anchor();

    CREATE FUNCTION audit_anchor_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Depth 1 is a statement on audit_anchor itself; the audit_log trigger's update runs deeper.
      IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_anchor moves only with an audit_log append: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_anchor_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_anchor
      FOR EACH ROW EXECUTE FUNCTION audit_anchor_guard();
    CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
      FOR EACH STATEMENT EXECUTE FUNCTION audit_anchor_guard();
  `.execute(db);
}
