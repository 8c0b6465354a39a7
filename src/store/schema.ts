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

export interface DB {
  jurisdictions: JurisdictionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  enrolments: EnrolmentsTable;
  audit_log: AuditLogTable;
}
