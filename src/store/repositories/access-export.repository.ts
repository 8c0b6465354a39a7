/**
 * SQL for a guardian's access export: every row that concerns one case — its photos (metadata, deleted
 * ones too), its alerts with their versions and decisions, tip counts (never the tips themselves) and
 * the audit entries about the case, its photos and its alerts.
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { AlertDecisionsTable, AlertVersionsTable, AuditLogTable, DB } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function allCasePhotos(db: Db, caseId: string): Promise<{ id: string; publishable: boolean; width: number; height: number; created_at: Date; deleted_at: Date | null }[]> {
  return db.selectFrom('photos').select(['id', 'publishable', 'width', 'height', 'created_at', 'deleted_at']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function caseAlertsWithHistory(
  db: Db,
  caseId: string,
): Promise<{ id: string; public_id: string; state: string; versions: Selectable<AlertVersionsTable>[]; decisions: Selectable<AlertDecisionsTable>[] }[]> {
  const alerts = await db.selectFrom('alerts').select(['id', 'public_id', 'state']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  const out = [];
  for (const a of alerts) {
    const versions = await db.selectFrom('alert_versions').selectAll().where('alert_id', '=', a.id).orderBy('version').execute();
    const decisions = await db.selectFrom('alert_decisions').selectAll().where('alert_id', '=', a.id).orderBy('seq').execute();
    out.push({ ...a, versions, decisions });
  }
  return out;
}

export async function caseTipCounts(db: Db, caseId: string): Promise<{ byStatus: Record<string, number>; withContact: number }> {
  const rows = await db.selectFrom('tips').select(['status', sql<string>`count(*)`.as('n'), sql<string>`count(contact)`.as('with_contact')]).where('case_id', '=', caseId).groupBy('status').execute();
  const byStatus: Record<string, number> = {};
  let withContact = 0;
  for (const r of rows) {
    byStatus[r.status] = Number(r.n);
    withContact += Number(r.with_contact);
  }
  return { byStatus, withContact };
}

/** Audit entries about the case itself, its photos and its alerts, oldest first. */
export async function caseAuditEntries(db: Db, caseId: string, alertIds: readonly string[], limit: number): Promise<Selectable<AuditLogTable>[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('object_type', '=', 'case'), eb('object_id', '=', caseId)]),
        eb.and([eb('object_type', '=', 'photo'), eb(sql<string>`details->>'caseId'`, '=', caseId)]),
        ...(alertIds.length ? [eb.and([eb('object_type', '=', 'alert'), eb('object_id', 'in', [...alertIds])])] : []),
      ]),
    )
    .orderBy('seq')
    .limit(limit)
    .execute();
}
