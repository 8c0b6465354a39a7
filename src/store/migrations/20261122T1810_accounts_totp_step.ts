/**
 * Accounts: remember the last accepted TOTP time step per user, so a code cannot be replayed
 * within its validity window (RFC 6238 §5.2).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN totp_last_step integer;
    CREATE INDEX sessions_expires ON sessions(expires_at);
    CREATE INDEX enrolments_purpose_open ON enrolments(purpose) WHERE used_at IS NULL;
  `.execute(db);
}
