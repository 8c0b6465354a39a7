/**
 * Distribution: citizens' subscriptions with their H3 cells, and the outbox's bookkeeping.
 *
 * - `subscriptions` hold restricted data (the address: e-mail, E.164 number or push endpoint) and the
 *   consent record (time, channel, wording version). `address_key` is an HMAC of the normalised address
 *   so a second sign-up is found without searching by the address itself.
 * - `subscription_cells` exist only for active subscriptions: each compacted H3 cell (res ≤ 6) of the
 *   subscriber's area with its range of res-15 descendants [lo, hi], so "who is inside the zone" is two
 *   index lookups (cells nested in a zone cell by `lo`; cells containing one by `cell`).
 * - `dispatches`: one per (version, channel), written in the version's transaction (the outbox).
 * - `deliveries`: one per (dispatch, recipient); the primary key makes a delivery idempotent.
 * - `police_notices`: the in-app disappearance notice, one per police unit and version.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE subscriptions (
      id uuid PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('webpush','email','sms','whatsapp')),
      status text NOT NULL CHECK (status IN ('pending','active','unsubscribed')),
      address text NOT NULL,
      address_key text NOT NULL,
      push_keys jsonb,
      languages text[] NOT NULL,
      area jsonb NOT NULL,
      quiet_hours jsonb,
      consent jsonb NOT NULL,
      confirm_secret_hash text,
      confirm_expires_at timestamptz,
      confirm_attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      unsubscribed_at timestamptz
    );
    CREATE UNIQUE INDEX subscriptions_one_live_per_address ON subscriptions (channel, address_key) WHERE status <> 'unsubscribed';

    CREATE TABLE subscription_cells (
      subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      channel text NOT NULL,
      cell bigint NOT NULL,
      lo bigint NOT NULL,
      hi bigint NOT NULL
    );
    CREATE INDEX subscription_cells_by_lo ON subscription_cells (channel, lo) INCLUDE (subscription_id);
    CREATE INDEX subscription_cells_by_cell ON subscription_cells (channel, cell) INCLUDE (subscription_id);
    CREATE INDEX subscription_cells_by_subscription ON subscription_cells (subscription_id);

    CREATE TABLE dispatches (
      id uuid PRIMARY KEY,
      alert_id uuid NOT NULL,
      version integer NOT NULL,
      channel text NOT NULL,
      action text NOT NULL CHECK (action IN ('publish','retract')),
      status text NOT NULL CHECK (status IN ('queued','sending','sent','partially_failed','failed','retracted')),
      planned boolean NOT NULL DEFAULT false,
      plan_cursor text,
      total integer NOT NULL DEFAULT 0,
      sent integer NOT NULL DEFAULT 0,
      skipped integer NOT NULL DEFAULT 0,
      dead integer NOT NULL DEFAULT 0,
      deferred integer NOT NULL DEFAULT 0,
      retracted_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (alert_id, version, channel),
      FOREIGN KEY (alert_id, version) REFERENCES alert_versions (alert_id, version)
    );
    CREATE INDEX dispatches_by_alert ON dispatches (alert_id, channel);

    CREATE TABLE deliveries (
      dispatch_id uuid NOT NULL REFERENCES dispatches(id),
      recipient text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending','sending','sent','skipped','deferred','dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      provider_ref text,
      provider_status text,
      error_code text,
      skip_reason text,
      sent_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (dispatch_id, recipient)
    );
    CREATE INDEX deliveries_dead ON deliveries (dispatch_id) WHERE status = 'dead';
    CREATE INDEX deliveries_by_provider_ref ON deliveries (provider_ref) WHERE provider_ref IS NOT NULL;
    CREATE INDEX deliveries_sent_to ON deliveries (recipient, sent_at) WHERE status = 'sent';

    CREATE TABLE police_notices (
      id uuid PRIMARY KEY,
      alert_id uuid NOT NULL,
      version integer NOT NULL,
      jurisdiction_id text NOT NULL,
      content jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      read_by text,
      UNIQUE (alert_id, version, jurisdiction_id),
      FOREIGN KEY (alert_id, version) REFERENCES alert_versions (alert_id, version)
    );
    CREATE INDEX police_notices_inbox ON police_notices (jurisdiction_id, created_at DESC);
  `.execute(db);
}
