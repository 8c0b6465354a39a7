/** Staff reads of alerts: one alert (case jurisdiction) or the list by state (national overview). */
import type { UserActor } from '../../domain/actor.ts';
import type { AlertState } from '../../store/schema.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type AlertRow, listAlerts } from '../../store/repositories/alerts.repository.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { type LoadedAlert, decodeAlert, loadAlertRow } from './alert-store.ts';

export async function readAlert(ctx: AppContext, actor: UserActor, id: string): Promise<LoadedAlert> {
  const row = await loadAlertRow(ctx.store.db, id);
  assertAllowed(actor, 'alert.read', { jurisdictionPath: caseJurisdictionPath(await loadCaseRow(ctx.store.db, row.case_id)) });
  return decodeAlert(row);
}

export async function listAlertsFor(ctx: AppContext, actor: UserActor, states: readonly AlertState[], limit: number): Promise<AlertRow[]> {
  assertAllowed(actor, 'alert.list');
  return listAlerts(ctx.store.db, states, limit);
}
