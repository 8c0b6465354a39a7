/**
 * Foundation: jurisdictions, accounts, sessions, API tokens, enrolments and the audit log.
 * The audit log is append-only by construction: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE jurisdictions (
      code text PRIMARY KEY,
      level text NOT NULL CHECK (level IN ('national','region','province','unit')),
      parent_code text REFERENCES jurisdictions(code),
      name_ar text NOT NULL,
      name_fr text NOT NULL,
      name_zgh text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((level = 'national') = (parent_code IS NULL))
    );
    CREATE INDEX jurisdictions_parent ON jurisdictions(parent_code);

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL,
      jurisdiction_code text NOT NULL REFERENCES jurisdictions(code),
      locale text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar','fr')),
      password_hash text,
      totp_secret_enc text,
      totp_enabled_at timestamptz,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username ON users(lower(username));

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      second_factor_done boolean NOT NULL DEFAULT false,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      token_hash text NOT NULL,
      scopes text[] NOT NULL,
      jurisdiction_code text NOT NULL REFERENCES jurisdictions(code),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE enrolments (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      purpose text NOT NULL CHECK (purpose IN ('first_admin','invite','reset_second_factor','reset_password')),
      user_id uuid REFERENCES users(id),
      role text,
      jurisdiction_code text REFERENCES jurisdictions(code),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      at timestamptz NOT NULL,
      actor_type text NOT NULL CHECK (actor_type IN ('user','api_token','system','public')),
      actor_id text,
      actor_role text,
      actor_jurisdiction text,
      ip text,
      object_type text NOT NULL,
      object_id text,
      action text NOT NULL,
      purpose text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
    CREATE INDEX audit_log_actor ON audit_log(actor_id);
    CREATE INDEX audit_log_at ON audit_log(at);

    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `.execute(db);
}
