/**
 * SQL for rectifications: one row per field corrected at a family's request, the old and new values and
 * the reason sealed under the case's data key (null once the case is purged), who and when in clear.
 */
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, RectificationsTable } from '../schema.ts';

export type RectificationRow = Selectable<RectificationsTable>;

export async function insertRectification(
  trx: Transaction<DB>,
  r: { id: string; caseId: string; fieldPath: string; oldValue: string; newValue: string; reason: string; requestedBy: RectificationRow['requested_by']; performedBy: string; at: Date; caseVersion: number },
): Promise<void> {
  await trx
    .insertInto('rectifications')
    .values({
      id: r.id,
      case_id: r.caseId,
      field_path: r.fieldPath,
      old_value: r.oldValue,
      new_value: r.newValue,
      reason: r.reason,
      requested_by: r.requestedBy,
      performed_by: r.performedBy,
      performed_at: r.at,
      case_version: r.caseVersion,
    })
    .execute();
}

export async function listRectifications(db: Kysely<DB> | Transaction<DB>, caseId: string): Promise<RectificationRow[]> {
  return db.selectFrom('rectifications').selectAll().where('case_id', '=', caseId).orderBy('performed_at').orderBy('field_path').orderBy('id').execute();
}
