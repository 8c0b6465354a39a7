/** Staff reads of alerts: one alert (case jurisdiction) or the list by state (national overview). */
import type { UserActor } from '../../domain/actor.ts';
import type { AlertState } from '../../store/schema.ts';
import { assertAllowed, decide } from '../../domain/policy/policy.ts';
import { publicZone } from './public-zone.ts';
import { type AlertRow, listAlerts } from '../../store/repositories/alerts.repository.ts';
import type { AppContext } from '../context.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { type LoadedAlert, decodeAlert, loadAlertRow } from './alert-store.ts';

/**
 * One alert for staff. Readers who may not see the case file (communications staff) get the draft's zone
 * as the public sees it (its circles are centred on the last-seen point, which is restricted) and the
 * decisions without their reasons and without the prosecutor's details.
 */
export async function readAlert(ctx: AppContext, actor: UserActor, id: string): Promise<LoadedAlert> {
  const row = await loadAlertRow(ctx.store.db, id);
  const path = caseJurisdictionPath(await loadCaseRow(ctx.store.db, row.case_id));
  assertAllowed(actor, 'alert.read', { jurisdictionPath: path });
  const loaded = decodeAlert(row);
  if (decide(actor, 'case.read_full', { jurisdictionPath: path }).allowed) return loaded;
  // Decision reasons and the prosecutor's decision (magistrate, conditions) are restricted as well.
  const decisions = loaded.state.decisions.map((d) => ({ ...d, reason: null, prosecutor: null }));
  return { ...loaded, state: { ...loaded.state, decisions }, draft: { ...loaded.draft, zone: publicZone(loaded.draft.zone) } };
}

export async function listAlertsFor(ctx: AppContext, actor: UserActor, states: readonly AlertState[], limit: number): Promise<AlertRow[]> {
  assertAllowed(actor, 'alert.list');
  return listAlerts(ctx.store.db, states, limit);
}
