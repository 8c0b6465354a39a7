/**
 * Tip triage (issue #6, point 4): each tip's status, score, near-duplicate group and assignee, the
 * history of its status changes, and the in-app notifications that high-score tips raise.
 *
 * - `tips.status` starts 'new' (domain/tips/tip-status.ts holds the moves); 'duplicate' points at the
 *   lead tip of the group (`duplicate_of`).
 * - `tips.score` (0–100) and `score_parts` (the explained breakdown, domain/tips/tip-score.ts) are set
 *   together with `triaged_at` by the `tips.triage` job, once: a tip with `triaged_at` is never scored
 *   again, which makes the job idempotent.
 * - `tips.group_id` is the id of the group's lead tip (a lone tip leads its own group); set at triage,
 *   or earlier when an officer marks the tip a duplicate of another.
 * - `tip_status_history`: who moved a tip from which status to which, when and why (restricted: the
 *   officer's words); deleted with the tip.
 * - `officer_notifications`: one row per (kind, tip), so a job run twice notifies once. `recipient_id`
 *   is the case officer; null when the case has none (opened through the API), in which case the
 *   notification is for the staff of `jurisdiction_code` (the case's jurisdiction).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tips
      ADD COLUMN status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','under_review','credible','dismissed','duplicate','forwarded')),
      ADD COLUMN status_changed_at timestamptz,
      ADD COLUMN duplicate_of uuid,
      ADD COLUMN score smallint CHECK (score BETWEEN 0 AND 100),
      ADD COLUMN score_parts jsonb,
      ADD COLUMN triaged_at timestamptz,
      ADD COLUMN group_id uuid,
      ADD COLUMN assigned_to uuid REFERENCES users(id),
      ADD COLUMN assigned_at timestamptz,
      ADD CONSTRAINT tips_scored_once CHECK ((triaged_at IS NULL) = (score IS NULL) AND (score IS NULL) = (score_parts IS NULL) AND (triaged_at IS NULL OR group_id IS NOT NULL)),
      ADD CONSTRAINT tips_duplicate_points CHECK ((status = 'duplicate') = (duplicate_of IS NOT NULL)),
      ADD CONSTRAINT tips_assignment CHECK ((assigned_to IS NULL) = (assigned_at IS NULL));
    -- Partial indexes: an untriaged tip (every tip at intake) touches neither.
    CREATE INDEX tips_by_group ON tips (group_id) WHERE group_id IS NOT NULL;
    -- Near-duplicate candidates and the timeline: a case's triaged tips by time of sighting.
    CREATE INDEX tips_triaged_by_case_time ON tips (case_id, (coalesce(seen_at, received_at))) WHERE triaged_at IS NOT NULL;
    CREATE INDEX tips_credible_by_case ON tips (case_id) WHERE status = 'credible';

    CREATE TABLE tip_status_history (
      id uuid PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      tip_id uuid NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      actor_id uuid NOT NULL REFERENCES users(id),
      from_status text NOT NULL,
      to_status text NOT NULL,
      reason text CHECK (char_length(reason) BETWEEN 1 AND 500),
      duplicate_of uuid
    );
    CREATE INDEX tip_status_history_by_tip ON tip_status_history (tip_id, seq);

    CREATE TABLE officer_notifications (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('tip_high_score')),
      recipient_id uuid REFERENCES users(id),
      jurisdiction_code text NOT NULL REFERENCES jurisdictions(code),
      case_id uuid NOT NULL REFERENCES cases(id),
      tip_id uuid NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
      score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      UNIQUE (kind, tip_id)
    );
    CREATE INDEX officer_notifications_by_recipient ON officer_notifications (recipient_id, created_at DESC) WHERE recipient_id IS NOT NULL;
    CREATE INDEX officer_notifications_unaddressed ON officer_notifications (jurisdiction_code, created_at DESC) WHERE recipient_id IS NULL;
  `.execute(db);
}
