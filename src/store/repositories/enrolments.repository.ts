/**
 * One-time enrolment links (first administrator, invitations). Only sha256 of the link's token is
 * stored; claiming marks the row used in the same statement that checks it is open, so a link
 * works once even under concurrent use.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, EnrolmentPurpose, EnrolmentsTable } from '../schema.ts';

export type EnrolmentRow = Selectable<EnrolmentsTable>;

export interface NewEnrolment {
  readonly id: string;
  readonly tokenHash: string;
  readonly purpose: EnrolmentPurpose;
  readonly userId: string | null;
  readonly role: string | null;
  readonly jurisdictionCode: string | null;
  readonly createdBy: string | null;
  readonly at: Date;
  readonly expiresAt: Date;
}

export async function insertEnrolment(db: Kysely<DB>, e: NewEnrolment): Promise<void> {
  await db
    .insertInto('enrolments')
    .values({
      id: e.id,
      token_hash: e.tokenHash,
      purpose: e.purpose,
      user_id: e.userId,
      role: e.role,
      jurisdiction_code: e.jurisdictionCode,
      created_by: e.createdBy,
      created_at: e.at,
      expires_at: e.expiresAt,
    })
    .execute();
}

export async function findEnrolmentByHash(db: Kysely<DB>, tokenHash: string): Promise<EnrolmentRow | undefined> {
  return db.selectFrom('enrolments').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an open enrolment used; undefined when it was already used or has expired. */
export async function claimEnrolment(db: Kysely<DB>, id: string, at: Date): Promise<EnrolmentRow | undefined> {
  return db.updateTable('enrolments').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', at).returningAll().executeTakeFirst();
}

/** Closes every open enrolment of a purpose (and of one user, when given). Returns how many. */
export async function expireOpenEnrolments(db: Kysely<DB>, purpose: EnrolmentPurpose, at: Date, userId?: string): Promise<number> {
  let q = db.updateTable('enrolments').set({ expires_at: at }).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', at);
  if (userId) q = q.where('user_id', '=', userId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
