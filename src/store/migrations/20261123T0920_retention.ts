/**
 * Retention after closure (Law 09-08: data kept only as long as the purpose needs), legal holds and the
 * guardians' rectifications.
 *
 * - `legal_holds`: a recorded reason why a closed case must not be purged yet (an inquiry, a court
 *   order). Active while `lifted_at` is null; lifting keeps the row (who, when, why), so the history of
 *   holds is never lost. Placing a hold locks the case row first, as the purge does, so a hold and a
 *   purge of the same case never interleave.
 * - `retention_progress`: one row per case the retention job has touched, with the instant of each
 *   step (statistics counted, tips purged, case purged). Each step commits with its mark, so a run
 *   interrupted half-way is finished by the next one without doing anything twice.
 * - `retention_statistics`: what remains after the purge, anonymous counts only (year of closure,
 *   region, age band, outcome, time to find, whether an alert went out), never a case id. A case is
 *   counted in the transaction that sets its `counted_at`, so exactly once.
 * - `rectifications`: a guardian's rectification of the case file, field by field: the old and new
 *   values and the reason sealed under the case's data key (crypto-shredding erases them with the
 *   case), who and when in clear. The purge clears the sealed values and keeps the fact.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE legal_holds (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      reason text NOT NULL CHECK (char_length(reason) BETWEEN 10 AND 2000),
      placed_by text NOT NULL,
      placed_at timestamptz NOT NULL,
      lifted_by text,
      lifted_at timestamptz,
      lift_reason text CHECK (char_length(lift_reason) BETWEEN 10 AND 2000),
      CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
    );
    CREATE INDEX legal_holds_by_case ON legal_holds (case_id, placed_at);
    CREATE INDEX legal_holds_active ON legal_holds (case_id) WHERE lifted_at IS NULL;

    CREATE TABLE retention_progress (
      case_id uuid PRIMARY KEY REFERENCES cases(id),
      counted_at timestamptz,
      tips_purged_at timestamptz,
      purged_at timestamptz
    );

    CREATE TABLE retention_statistics (
      closed_year integer NOT NULL CHECK (closed_year BETWEEN 2000 AND 2200),
      region_code text NOT NULL CHECK (char_length(region_code) <= 16),
      age_band text NOT NULL CHECK (char_length(age_band) <= 16),
      outcome text NOT NULL CHECK (char_length(outcome) <= 32),
      time_to_find text NOT NULL CHECK (char_length(time_to_find) <= 16),
      with_alert boolean NOT NULL,
      cases integer NOT NULL DEFAULT 0 CHECK (cases >= 0),
      tips integer NOT NULL DEFAULT 0 CHECK (tips >= 0),
      PRIMARY KEY (closed_year, region_code, age_band, outcome, time_to_find, with_alert)
    );

    CREATE TABLE rectifications (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      field_path text NOT NULL CHECK (char_length(field_path) <= 200),
      old_value text,
      new_value text,
      reason text,
      requested_by text NOT NULL CHECK (requested_by IN ('guardian','child','officer')),
      performed_by text NOT NULL,
      performed_at timestamptz NOT NULL,
      case_version integer NOT NULL CHECK (case_version > 0),
      purged_at timestamptz,
      CHECK ((purged_at IS NULL) = (old_value IS NOT NULL AND new_value IS NOT NULL AND reason IS NOT NULL))
    );
    CREATE INDEX rectifications_by_case ON rectifications (case_id, performed_at);
  `.execute(db);
}
