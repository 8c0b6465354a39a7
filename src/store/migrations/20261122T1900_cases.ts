/**
 * Cases: the report form, split by data class. `record` holds the public and restricted leaves as
 * JSON; `sensitive` holds the sensitive leaves encrypted with the case's data key (data_keys), so
 * destroying that key erases them everywhere. Columns beside the JSON exist for listing and search.
 * `case_events` is the lifecycle history.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE case_reference_seq;

    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('open','alert_requested','alert_active','closed')),
      jurisdiction_code text NOT NULL REFERENCES jurisdictions(code),
      region_code text,
      province_code text,
      opened_by uuid REFERENCES users(id),
      opened_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      last_seen_at timestamptz NOT NULL,
      last_seen_lat double precision NOT NULL,
      last_seen_lon double precision NOT NULL,
      child_sex text NOT NULL,
      child_age_years integer,
      child_birth_date date,
      is_exercise boolean NOT NULL DEFAULT false,
      record jsonb NOT NULL,
      sensitive text,
      name_keys text[] NOT NULL DEFAULT '{}',
      assessment jsonb,
      assessment_override jsonb,
      closed_at timestamptz,
      closure_outcome text,
      closure_reason text,
      possible_duplicates jsonb NOT NULL DEFAULT '[]'::jsonb
    );
    CREATE INDEX cases_name_keys ON cases USING gin (name_keys);
    CREATE INDEX cases_status_seen ON cases (status, last_seen_at DESC);
    CREATE INDEX cases_jurisdiction ON cases (jurisdiction_code);
    CREATE INDEX cases_province ON cases (province_code);
    CREATE INDEX cases_birth_date ON cases (child_birth_date);

    CREATE TABLE case_events (
      id uuid PRIMARY KEY,
      -- Commit order, for events recorded within the same instant.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      case_id uuid NOT NULL REFERENCES cases(id),
      at timestamptz NOT NULL,
      kind text NOT NULL,
      from_status text,
      to_status text,
      reason text,
      outcome text,
      actor_id text
    );
    CREATE INDEX case_events_case ON case_events (case_id, seq);
  `.execute(db);
}
