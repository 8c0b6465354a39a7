/**
 * Escalation of an overdue prosecutor decision on the urgent path: how many times the alert tick has
 * escalated it (once when it falls due, then every hour while it stays overdue).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE alerts ADD COLUMN prosecutor_escalations integer NOT NULL DEFAULT 0`.execute(db);
}
