/**
 * SQL for alerts, their decisions and their published versions. Versions are insert-only (the database
 * refuses edits); a decision row per step is unique, so the loser of two concurrent decisions fails.
 */
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { AlertDecisionsTable, AlertState, AlertVersionsTable, AlertsTable, DB } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type AlertRow = Selectable<AlertsTable>;
export type AlertVersionRow = Selectable<AlertVersionsTable>;
export type AlertDecisionRow = Selectable<AlertDecisionsTable>;

export interface NewAlertRow {
  readonly id: string;
  readonly publicId: string;
  readonly caseId: string;
  readonly isExercise: boolean;
  readonly createdBy: string;
  readonly at: Date;
  readonly draft: Record<string, unknown>;
  readonly chain: Record<string, unknown>;
}

export async function insertAlert(trx: Db, a: NewAlertRow): Promise<void> {
  await trx
    .insertInto('alerts')
    .values({
      id: a.id,
      public_id: a.publicId,
      case_id: a.caseId,
      state: 'draft',
      is_exercise: a.isExercise,
      created_by: a.createdBy,
      created_at: a.at,
      updated_at: a.at,
      draft: JSON.stringify(a.draft),
      chain: JSON.stringify(a.chain),
    })
    .execute();
}

export async function findAlert(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<AlertRow | undefined> {
  let q = db.selectFrom('alerts').selectAll().where('id', '=', id);
  // FOR NO KEY UPDATE: writers of this alert still queue behind each other, but rows that only reference
  // it (tips, deliveries, photos: their foreign-key checks take KEY SHARE) are not held up by a long
  // alert transaction. Alerts are never deleted nor re-keyed, so nothing needs the stronger lock.
  if (opts.forUpdate) q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export async function findAlertByPublicId(db: Db, publicId: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('public_id', '=', publicId).executeTakeFirst();
}

export async function findOpenAlertOfCase(db: Db, caseId: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('case_id', '=', caseId).where('state', 'in', ['draft', 'awaiting_decisions', 'active']).executeTakeFirst();
}

export interface AlertStateUpdate {
  readonly state?: AlertState;
  readonly draft?: Record<string, unknown>;
  readonly chain?: Record<string, unknown>;
  readonly expiresAt?: Date | null;
  readonly publishedAt?: Date | null;
  readonly endedAt?: Date | null;
  readonly endOutcome?: 'found' | 'withdrawn' | 'expired' | null;
  readonly prosecutorDueAt?: Date | null;
  readonly currentVersion?: number;
}

/** Applies the update when the alert is still at `expectedRevision`; false when someone else changed it first. */
export async function updateAlert(trx: Db, id: string, expectedRevision: number, at: Date, u: AlertStateUpdate): Promise<boolean> {
  const r = await trx
    .updateTable('alerts')
    .set((eb) => ({
      ...(u.state !== undefined ? { state: u.state } : {}),
      ...(u.draft !== undefined ? { draft: JSON.stringify(u.draft) } : {}),
      ...(u.chain !== undefined ? { chain: JSON.stringify(u.chain) } : {}),
      ...(u.expiresAt !== undefined ? { expires_at: u.expiresAt } : {}),
      ...(u.publishedAt !== undefined ? { published_at: u.publishedAt } : {}),
      ...(u.endedAt !== undefined ? { ended_at: u.endedAt } : {}),
      ...(u.endOutcome !== undefined ? { end_outcome: u.endOutcome } : {}),
      ...(u.prosecutorDueAt !== undefined ? { prosecutor_due_at: u.prosecutorDueAt } : {}),
      ...(u.currentVersion !== undefined ? { current_version: u.currentVersion } : {}),
      updated_at: at,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function insertDecision(trx: Db, d: Omit<AlertDecisionRow, 'record'> & { record: Record<string, unknown> }): Promise<void> {
  await trx.insertInto('alert_decisions').values({ ...d, record: JSON.stringify(d.record) }).execute();
}

/** Raises the escalation count to `level` if it is lower; false when another run already did. */
export async function raiseProsecutorEscalation(trx: Db, id: string, level: number): Promise<boolean> {
  const r = await trx.updateTable('alerts').set({ prosecutor_escalations: level }).where('id', '=', id).where('prosecutor_escalations', '<', level).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function listDecisions(db: Db, alertId: string): Promise<AlertDecisionRow[]> {
  return db.selectFrom('alert_decisions').selectAll().where('alert_id', '=', alertId).orderBy('seq').execute();
}

export async function listAlerts(db: Db, states: readonly AlertState[], limit: number): Promise<AlertRow[]> {
  let q = db.selectFrom('alerts').selectAll();
  if (states.length) q = q.where('state', 'in', [...states]);
  return q.orderBy('updated_at', 'desc').limit(limit).execute();
}

export interface NewVersionRow {
  readonly alertId: string;
  readonly version: number;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  readonly updateKind: string | null;
  readonly capIdentifier: string;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly publicContent: Record<string, unknown>;
  readonly capXml: string;
  readonly zoneCells: readonly string[];
  readonly photoId: string | null;
}

export async function insertVersion(trx: Db, v: NewVersionRow): Promise<void> {
  await trx
    .insertInto('alert_versions')
    .values({
      alert_id: v.alertId,
      version: v.version,
      msg_type: v.msgType,
      update_kind: v.updateKind,
      cap_identifier: v.capIdentifier,
      sent_at: v.sentAt,
      expires_at: v.expiresAt,
      public_content: JSON.stringify(v.publicContent),
      cap_xml: v.capXml,
      zone_cells: [...v.zoneCells],
      photo_id: v.photoId,
    })
    .execute();
}

export async function listVersions(db: Db, alertId: string): Promise<AlertVersionRow[]> {
  return db.selectFrom('alert_versions').selectAll().where('alert_id', '=', alertId).orderBy('version').execute();
}

/** An alert's id, state and current version by its public id: one indexed row, for a request that may need no more. */
export async function findAlertHead(db: Db, publicId: string): Promise<{ id: string; state: AlertState; current_version: number } | undefined> {
  return db.selectFrom('alerts').select(['id', 'state', 'current_version']).where('public_id', '=', publicId).executeTakeFirst();
}

/** The latest version's number and public content only (not its zone cells or CAP document). */
export async function latestPublicContent(db: Db, alertId: string): Promise<Pick<AlertVersionRow, 'version' | 'public_content'> | undefined> {
  return db.selectFrom('alert_versions').select(['version', 'public_content']).where('alert_id', '=', alertId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function latestVersion(db: Db, alertId: string): Promise<AlertVersionRow | undefined> {
  return db.selectFrom('alert_versions').selectAll().where('alert_id', '=', alertId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The latest version of every alert published in the last `days` days (feeds and the public list), newest first. */
export async function latestVersions(db: Db, sinceAt: Date, limit: number): Promise<(AlertVersionRow & { public_id: string; state: AlertState })[]> {
  return db
    .selectFrom('alert_versions as v')
    .innerJoin('alerts as a', 'a.id', 'v.alert_id')
    .selectAll('v')
    .select(['a.public_id', 'a.state'])
    .where(sql<boolean>`v.version = a.current_version`)
    .where('v.sent_at', '>=', sinceAt)
    .orderBy('v.sent_at', 'desc')
    .limit(limit)
    .execute();
}
