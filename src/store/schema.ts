/**
 * Kysely's view of the tables. One interface per table, named for the table; the migrations in
 * ./migrations are the source of truth and these types follow them.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type JurisdictionLevel = 'national' | 'region' | 'province' | 'unit';

export interface JurisdictionsTable {
  code: string;
  level: JurisdictionLevel;
  parent_code: string | null;
  name_ar: string;
  name_fr: string;
  name_zgh: string | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  jurisdiction_code: string;
  locale: Generated<'ar' | 'fr'>;
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  /** Last accepted TOTP time step (migration 20261122T1810): refuses replays. */
  totp_last_step: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  second_factor_done: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  jurisdiction_code: string;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type EnrolmentPurpose = 'first_admin' | 'invite' | 'reset_second_factor' | 'reset_password';

export interface EnrolmentsTable {
  id: string;
  token_hash: string;
  purpose: EnrolmentPurpose;
  user_id: string | null;
  role: string | null;
  jurisdiction_code: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type AuditActorType = 'user' | 'api_token' | 'system' | 'public';

export interface AuditLogTable {
  /** bigint: a string in both database modes. */
  seq: ColumnType<string, string | number, never>;
  id: string;
  at: ColumnType<Date, Date, never>;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_role: string | null;
  actor_jurisdiction: string | null;
  ip: string | null;
  object_type: string;
  object_id: string | null;
  action: string;
  purpose: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the audit chain's last seq and hash, moved only by the audit_log insert trigger. */
export interface AuditAnchorTable {
  id: ColumnType<number, never, never>;
  /** bigint: a string in both database modes. */
  last_seq: ColumnType<string, never, never>;
  last_hash: ColumnType<string, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

export interface DataKeysTable {
  id: string;
  owner_type: string;
  owner_id: string;
  /** Sealed 32-byte data key (secret-box); null once destroyed. */
  wrapped_key: string | null;
  master_key_id: string | null;
  created_at: CreatedAt;
  rotated_at: Timestamp | null;
  destroyed_at: Timestamp | null;
  destroyed_reason: string | null;
}

export interface PhotosTable {
  id: string;
  case_id: string;
  publishable: boolean;
  /** Bytes sealed with the case's data key (always, unless publishable). */
  encrypted: boolean;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** bytea, null once deleted: node-postgres reads a Buffer, PGlite a Uint8Array (the repository hands out Buffers). */
  bytes: Uint8Array | null;
  thumb: Uint8Array | null;
  /** SHA-256 (hex) of the plain JPEG. */
  sha256: string;
  byte_size: number;
  uploaded_by: string | null;
  created_at: CreatedAt;
  deleted_at: Timestamp | null;
}

export type CaseStatus = 'open' | 'alert_requested' | 'alert_active' | 'closed';

export interface CasesTable {
  id: string;
  reference: string;
  status: CaseStatus;
  jurisdiction_code: string;
  region_code: string | null;
  province_code: string | null;
  opened_by: string | null;
  opened_at: ColumnType<Date, Date | string, never>;
  updated_at: Timestamp;
  version: Generated<number>;
  last_seen_at: Timestamp;
  last_seen_lat: number;
  last_seen_lon: number;
  child_sex: string;
  child_age_years: number | null;
  /** 'YYYY-MM-DD' in both modes. */
  child_birth_date: string | null;
  is_exercise: Generated<boolean>;
  /** The public and restricted leaves of the CaseRecord (sensitive leaves removed). */
  record: Json<Record<string, unknown>>;
  /** Sensitive leaves, encrypted with the case's data key; null when there are none. */
  sensitive: string | null;
  name_keys: ColumnType<string[], string[] | undefined, string[]>;
  assessment: Json<Record<string, unknown>> | null;
  assessment_override: Json<Record<string, unknown>> | null;
  closed_at: Timestamp | null;
  closure_outcome: string | null;
  closure_reason: string | null;
  /** Flagged at intake: [{ id, reference, nameScore, sameBirthDate, samePlace }] (ids and scores only). */
  possible_duplicates: Json<Record<string, unknown>[]>;
}

export interface CaseEventsTable {
  id: string;
  seq: ColumnType<string, never, never>;
  case_id: string;
  at: ColumnType<Date, Date | string, never>;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  outcome: string | null;
  actor_id: string | null;
}

export type AlertState = 'draft' | 'awaiting_decisions' | 'active' | 'ended' | 'refused';

export interface AlertsTable {
  id: string;
  public_id: string;
  case_id: string;
  state: AlertState;
  is_exercise: boolean;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: Timestamp;
  revision: Generated<number>;
  /** Texts per language, zone, photo choice and expiry, as the officer edits them. */
  draft: Json<Record<string, unknown>>;
  /** The decision chain's state (domain/alert). */
  chain: Json<Record<string, unknown>>;
  expires_at: Timestamp | null;
  published_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_outcome: 'found' | 'withdrawn' | 'expired' | null;
  prosecutor_due_at: Timestamp | null;
  /** Times the tick escalated an overdue prosecutor decision (once at due time, then hourly). */
  prosecutor_escalations: Generated<number>;
  current_version: Generated<number>;
}

export interface AlertDecisionsTable {
  alert_id: string;
  seq: number;
  kind: string;
  outcome: 'approved' | 'refused';
  decided_by: string;
  decided_at: ColumnType<Date, Date | string, never>;
  hash: string;
  /** The domain's DecisionRecord (domain/alert/decision-record.ts). */
  record: Json<Record<string, unknown>>;
}

export interface AlertVersionsTable {
  alert_id: string;
  version: number;
  msg_type: 'Alert' | 'Update' | 'Cancel';
  update_kind: string | null;
  cap_identifier: string;
  sent_at: ColumnType<Date, Date | string, never>;
  expires_at: ColumnType<Date, Date | string, never>;
  /** The public view of this version (domain/alert/public-alert.ts), dates as ISO strings. */
  public_content: Json<Record<string, unknown>>;
  cap_xml: string;
  zone_cells: ColumnType<string[], string[] | undefined, never>;
  photo_id: string | null;
  redacted_at: Timestamp | null;
}

export interface SubscriptionsTable {
  id: string;
  channel: 'webpush' | 'email' | 'sms' | 'whatsapp';
  status: 'pending' | 'active' | 'unsubscribed';
  /** Restricted: e-mail address, E.164 number or Web Push endpoint. */
  address: string;
  /** HMAC of the normalised address (finds a second sign-up without searching by the address). */
  address_key: string;
  push_keys: Json<{ p256dh: string; auth: string }> | null;
  languages: string[];
  /** domain/subscription: { kind: 'circle', lat, lon, radiusKm } | { kind: 'provinces', codes }. */
  area: Json<Record<string, unknown>>;
  quiet_hours: Json<{ start: string; end: string }> | null;
  /** { at, channel, wordingVersion, language }. */
  consent: Json<Record<string, unknown>>;
  confirm_secret_hash: string | null;
  confirm_expires_at: Timestamp | null;
  confirm_attempts: Generated<number>;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: Timestamp;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
}

export interface SubscriptionCellsTable {
  subscription_id: string;
  channel: string;
  /** H3 cell (int8): a circle's res-7 centre cell, or a cell of a provinces cover (compacted, res ≤ 6). */
  cell: string;
  /** First and last res-15 descendant of the cell. */
  lo: string;
  hi: string;
  /** A circle's reach in distance bands (domain/zone/zone-bands.ts); null for a provinces cover. */
  reach: number | null;
}

export interface DispatchesTable {
  id: string;
  alert_id: string;
  version: number;
  channel: string;
  action: 'publish' | 'retract';
  status: 'queued' | 'sending' | 'sent' | 'partially_failed' | 'failed' | 'retracted';
  planned: Generated<boolean>;
  plan_cursor: string | null;
  total: Generated<number>;
  sent: Generated<number>;
  skipped: Generated<number>;
  dead: Generated<number>;
  deferred: Generated<number>;
  retracted_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: Timestamp;
}

export interface DeliveriesTable {
  dispatch_id: string;
  recipient: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'deferred' | 'dead';
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  provider_ref: string | null;
  /** Later receipts: delivered, read, failed (WhatsApp statuses, SMPP delivery receipts). */
  provider_status: string | null;
  error_code: string | null;
  skip_reason: string | null;
  sent_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface PoliceNoticesTable {
  id: string;
  alert_id: string;
  version: number;
  jurisdiction_id: string;
  content: Json<Record<string, unknown>>;
  created_at: ColumnType<Date, Date | string, never>;
  read_at: Timestamp | null;
  read_by: string | null;
}

export type TipSource = 'web' | 'whatsapp' | 'partner' | 'police';

/** Tip intake (migration 20261123T0900). Restricted data; `contact` is sealed under the case's data key. */
export interface TipsTable {
  id: string;
  /** Receipt reference shown to the tipster: 8 Crockford base32 characters. */
  reference: string;
  alert_id: string;
  case_id: string;
  alert_version: number | null;
  source: TipSource;
  /** API token id (partner, police) or WhatsApp message id; null for the web form. */
  source_detail: string | null;
  idempotency_key: string | null;
  /** SHA-256 (hex) of the tip's non-restricted fields, to tell a retry from a reused key. */
  request_hash: string | null;
  language: 'ar' | 'fr' | 'zgh' | null;
  seen: string;
  seen_at: Timestamp | null;
  place: string | null;
  lat: number | null;
  lon: number | null;
  /** Field-cipher value (path `tip:<id>:contact`) of { name, phone, consent }; null without contact. */
  contact: string | null;
  has_photo: Generated<boolean>;
  received_at: ColumnType<Date, Date | string, never>;
}

export interface TipPhotosTable {
  tip_id: string;
  case_id: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** Sealed with the case's data key (photo cipher); null once deleted. */
  bytes: Uint8Array | null;
  thumb: Uint8Array | null;
  sha256: string;
  byte_size: number;
  created_at: ColumnType<Date, Date | string, never>;
  deleted_at: Timestamp | null;
}

/** Legal holds on a case (migration 20261123T0920): active while lifted_at is null. */
export interface LegalHoldsTable {
  id: string;
  case_id: string;
  /** Restricted: the staff member's words (an inquiry, a court order). */
  reason: string;
  placed_by: string;
  placed_at: ColumnType<Date, Date | string, never>;
  lifted_by: string | null;
  lifted_at: Timestamp | null;
  lift_reason: string | null;
}

/** Which retention steps a case has been through (migration 20261123T0920). */
export interface RetentionProgressTable {
  case_id: string;
  counted_at: Timestamp | null;
  tips_purged_at: Timestamp | null;
  purged_at: Timestamp | null;
}

/** Anonymous counts kept after the purge (migration 20261123T0920): no case id. */
export interface RetentionStatisticsTable {
  closed_year: number;
  region_code: string;
  age_band: string;
  outcome: string;
  time_to_find: string;
  with_alert: boolean;
  cases: Generated<number>;
  tips: Generated<number>;
}

/** A guardian's rectification of one field (migration 20261123T0920); values sealed under the case key. */
export interface RectificationsTable {
  id: string;
  case_id: string;
  field_path: string;
  /** Field-cipher values (paths `rectification:<id>:old|new|reason`); null once purged. */
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  requested_by: 'guardian' | 'child' | 'officer';
  performed_by: string;
  performed_at: ColumnType<Date, Date | string, never>;
  case_version: number;
  purged_at: Timestamp | null;
}

/**
 * Tip triage columns (migration 20261123T0910), merged into TipsTable above by declaration merging so
 * the intake's interface stays as it is.
 */
export interface TipsTable {
  status: Generated<'new' | 'under_review' | 'credible' | 'dismissed' | 'duplicate' | 'forwarded'>;
  status_changed_at: Timestamp | null;
  /** Lead tip of the group this one duplicates; set iff status is 'duplicate'. */
  duplicate_of: string | null;
  score: number | null;
  /** domain/tips/tip-score.ts TipScore (total, parts); null until triaged. */
  score_parts: Json<Record<string, unknown>> | null;
  triaged_at: Timestamp | null;
  /** Id of the lead tip of its near-duplicate group (itself when alone); null until triaged. */
  group_id: string | null;
  assigned_to: string | null;
  assigned_at: Timestamp | null;
}

/** Tip status changes (migration 20261123T0910); `reason` is restricted (the officer's words). */
export interface TipStatusHistoryTable {
  id: string;
  /** bigint identity: a string in both database modes; orders a tip's changes. */
  seq: ColumnType<string, never, never>;
  tip_id: string;
  at: ColumnType<Date, Date | string, never>;
  actor_id: string;
  from_status: string;
  to_status: string;
  reason: string | null;
  duplicate_of: string | null;
}

/** In-app notifications to officers (migration 20261123T0910): one per (kind, tip). */
export interface OfficerNotificationsTable {
  id: string;
  kind: 'tip_high_score';
  /** The case officer; null: for the staff of jurisdiction_code. */
  recipient_id: string | null;
  jurisdiction_code: string;
  case_id: string;
  tip_id: string;
  score: number;
  created_at: ColumnType<Date, Date | string, never>;
  read_at: Timestamp | null;
}

export interface DB {
  alerts: AlertsTable;
  alert_decisions: AlertDecisionsTable;
  alert_versions: AlertVersionsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  jurisdictions: JurisdictionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  enrolments: EnrolmentsTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  data_keys: DataKeysTable;
  photos: PhotosTable;
  subscriptions: SubscriptionsTable;
  subscription_cells: SubscriptionCellsTable;
  dispatches: DispatchesTable;
  deliveries: DeliveriesTable;
  police_notices: PoliceNoticesTable;
  tips: TipsTable;
  tip_photos: TipPhotosTable;
  legal_holds: LegalHoldsTable;
  retention_progress: RetentionProgressTable;
  retention_statistics: RetentionStatisticsTable;
  rectifications: RectificationsTable;
  tip_status_history: TipStatusHistoryTable;
  officer_notifications: OfficerNotificationsTable;
}
