/**
 * The alerts' clock, run every minute by the job queue (and safe to run more often, or twice): ends
 * alerts whose expiry has passed (a Cancel everywhere), grows each active alert's zone along its
 * schedule from the radius model (each step an Update), and escalates a prosecutor decision that is
 * overdue on the urgent path (audited, then again every hour it stays overdue). Every alert is handled in its own transaction
 * under its row lock, and a step already applied is not applied again, so a crash mid-run loses nothing
 * and the next run completes the work.
 */
import type { SystemActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { isExpired } from '../../domain/alert/alert-lifecycle.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { growthSchedule } from '../../domain/zone/zone-radius.ts';
import { listAlerts, raiseProsecutorEscalation } from '../../store/repositories/alerts.repository.ts';
import { type ProsecutorStatus, prosecutorStatus } from '../../domain/alert/decision-chain.ts';
import { audit } from '../audit/audit.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import type { AppContext } from '../context.ts';
import type { AlertDraft } from './alert-draft.ts';
import { applyToAlert } from './alert-events.ts';
import { decodeAlert } from './alert-store.ts';

const SYSTEM: SystemActor = { kind: 'system', process: 'alerts.tick' };

export interface TickReport {
  readonly expired: number;
  readonly grown: number;
  readonly escalated: number;
  readonly failed: number;
}

/**
 * How many escalations an overdue prosecutor decision calls for by now: the first when it falls due,
 * then one more per hour it stays overdue. Zero when nothing is overdue.
 */
export function escalationLevel(status: ProsecutorStatus): number {
  return status.status === 'overdue' ? 1 + Math.floor(status.minutesOverdue / 60) : 0;
}

/** Records an escalation in the audit log (central command's worklist reads it) once per level. */
async function escalate(ctx: AppContext, alertId: string, status: ProsecutorStatus): Promise<boolean> {
  const level = escalationLevel(status);
  if (level === 0 || status.status !== 'overdue') return false;
  return ctx.store.db.transaction().execute(async (trx) => {
    if (!(await raiseProsecutorEscalation(trx, alertId, level))) return false;
    await audit(trx, ctx.clock, SYSTEM, { objectType: 'alert', objectId: alertId, action: 'alert.prosecutor_overdue', details: { level, dueAt: status.dueAt, minutesOverdue: status.minutesOverdue } });
    ctx.log.warn({ alertId, level, minutesOverdue: status.minutesOverdue }, 'prosecutor decision overdue on an urgent alert');
    return true;
  });
}

/** The radius the zone's first circle should have reached by `now`, or undefined when it needs no growth. */
export function dueRadiusKm(ctx: AppContext, draft: AlertDraft, record: PartialCaseRecord, publishedAt: Date, now: Date): number | undefined {
  const circle = draft.zone.circles[0];
  const seenAt = record.lastSeen?.at;
  if (!circle || !seenAt) return undefined;
  const vehicleInvolved = (record.circumstances?.indicators ?? []).includes('vehicle_involved') || (record.vehicle !== undefined && record.vehicle !== null);
  const steps = growthSchedule(
    { ageYears: Math.min(17, Math.max(0, record.child?.ageYears ?? 10)), vehicleInvolved, minutesSinceLastSeen: Math.max(0, Math.round((publishedAt.getTime() - new Date(seenAt).getTime()) / 60_000)) },
    { outerKm: ctx.config.alerts.zoneOuterRadiusKm, stepMinutes: ctx.config.alerts.zoneStepMinutes },
  );
  const elapsed = (now.getTime() - publishedAt.getTime()) / 60_000;
  const due = steps.filter((s) => s.offsetMinutes <= elapsed).at(-1);
  return due && due.radiusKm > circle.radiusKm ? due.radiusKm : undefined;
}

export async function runAlertTick(ctx: AppContext): Promise<TickReport> {
  let expired = 0;
  let grown = 0;
  let escalated = 0;
  let failed = 0;
  for (const row of await listAlerts(ctx.store.db, ['active'], 1000)) {
    const { state, draft } = decodeAlert(row);
    const now = ctx.clock.now();
    try {
      if (isExpired(state, now)) {
        await applyToAlert(ctx, SYSTEM, row.id, { type: 'end', outcome: 'expired', by: null });
        expired += 1;
        continue;
      }
      if (await escalate(ctx, row.id, prosecutorStatus(state, now))) escalated += 1;
      const caseRow = await findCase(ctx.store.db, row.case_id);
      if (!caseRow || !row.published_at) continue;
      const radius = dueRadiusKm(ctx, draft, caseRow.record, row.published_at, now);
      if (radius === undefined) continue;
      await applyToAlert(ctx, SYSTEM, row.id, { type: 'update', kind: 'zone', by: null }, (d) => {
        const [first, ...rest] = d.zone.circles;
        // Re-checked under the lock: another run may have grown it meanwhile.
        if (!first || first.radiusKm >= radius) throw new TickSkip();
        return { ...d, zone: { ...d.zone, circles: [{ ...first, radiusKm: radius }, ...rest] } };
      });
      grown += 1;
    } catch (err) {
      if (err instanceof TickSkip) continue;
      failed += 1;
      // Catalogue errors carry no personal data, so their code and detail are logged; other errors by type only.
      const known = err instanceof AppError ? { code: err.code, detail: err.message } : { type: err instanceof Error ? err.name : typeof err };
      ctx.log.error({ alertId: row.id, err: known }, 'alert tick failed for one alert');
    }
  }
  if (expired || grown || escalated || failed) ctx.log.info({ expired, grown, escalated, failed }, 'alert tick');
  return { expired, grown, escalated, failed };
}

/** Thrown inside the transaction when the step turned out to be done already: rolls back, counts nothing. */
class TickSkip extends Error {}
