/**
 * Loading and saving an alert's domain state. The row holds the domain's AlertState as JSON (with the
 * draft beside it); saving writes every decision and version the step produced in the same transaction,
 * under unique keys, so a concurrent writer who got past the row lock with a stale state still fails.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AlertState } from '../../domain/alert/alert-lifecycle.ts';
import { AppError } from '../../domain/errors.ts';
import { type AlertRow, findAlert } from '../../store/repositories/alerts.repository.ts';
import type { DB } from '../../store/schema.ts';
import type { AlertDraft } from './alert-draft.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoadedAlert {
  readonly row: AlertRow;
  readonly state: AlertState;
  readonly draft: AlertDraft;
}

export function decodeAlert(row: AlertRow): LoadedAlert {
  return { row, state: row.chain as unknown as AlertState, draft: row.draft as unknown as AlertDraft };
}

/** The alert row, or the catalogue's not_found (also for a malformed id). */
export async function loadAlertRow(db: Kysely<DB>, id: string): Promise<AlertRow> {
  const row = UUID.test(id) ? await findAlert(db, id) : undefined;
  if (!row) throw new AppError('not_found', 'No alert with this id.');
  return row;
}

export async function lockAlert(trx: Transaction<DB>, id: string): Promise<LoadedAlert> {
  const row = UUID.test(id) ? await findAlert(trx, id, { forUpdate: true }) : undefined;
  if (!row) throw new AppError('not_found', 'No alert with this id.');
  return decodeAlert(row);
}

/** Short, unambiguous, unguessable public ids (no 0/O, 1/I/L): what appears in public URLs. */
export function newPublicId(random: (n: number) => Buffer): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...random(10)].map((b) => alphabet[b % alphabet.length]).join('');
}
