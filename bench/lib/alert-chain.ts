/**
 * The decision chain for bench figures that start from a published alert: staff in Rabat, a case
 * (the synthetic Rabat record, last seen an hour ago), its assessment, a draft, and every decision
 * but the last; the caller times the last one (the prosecutor's approval), which publishes version 1
 * and queues its dispatches in the same transaction (the outbox). As alert-publication.figure.ts does.
 *
 * The case's priority is set to critical: the fatigue rules never defer nor drop a critical alert,
 * so a bench run at night (quiet hours) or a subscriber reached by several bench alerts (area limit)
 * measures delivery, not the rules.
 *
 * @example
 *   const staff = await createBenchStaff(ctx, 'rate');
 *   const pending = await prepareAlert(ctx, staff, 1);
 *   const t0 = performance.now(); await pending.approve();
 */
import { sql } from 'kysely';
import { decideAlert, requestAlertDecisions } from '../../src/app/alerts/alert-actions.ts';
import { createAlertDraft } from '../../src/app/alerts/create-alert.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import { assessCaseNow, overrideCaseAssessment } from '../../src/app/cases/assess-case.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { Role, UserActor } from '../../src/domain/actor.ts';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';

export interface BenchStaff {
  readonly officer: UserActor;
  readonly supervisor: UserActor;
  readonly central: UserActor;
  readonly prosecutor: UserActor;
}

/** Where the synthetic record's child was last seen (Rabat): the zone is centred here. */
export const LAST_SEEN = validRecord().lastSeen.point;

export async function createBenchStaff(ctx: AppContext, prefix: string): Promise<BenchStaff> {
  const staff = async (username: string, role: Role, jurisdiction: string, jurisdictionPath: string[]): Promise<UserActor> => {
    const { user } = await createUser(ctx, systemActor('bench'), { username, displayName: username, role, jurisdiction });
    return { kind: 'user', id: user.id, username, role, jurisdiction, jurisdictionPath, ip: null };
  };
  return {
    officer: await staff(`${prefix}-officer`, 'officer', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']),
    supervisor: await staff(`${prefix}-supervisor`, 'supervisor', 'MA-04', ['MA', 'MA-04']),
    central: await staff(`${prefix}-central`, 'central_command', 'MA', ['MA']),
    prosecutor: await staff(`${prefix}-prosecutor`, 'prosecutor_liaison', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']),
  };
}

export interface PendingAlert {
  readonly alertId: string;
  readonly publicId: string;
  /** The prosecutor's approval: the last decision, which publishes. */
  approve(): Promise<void>;
}

export async function prepareAlert(ctx: AppContext, staff: BenchStaff, round: number): Promise<PendingAlert> {
  const record = validRecord();
  record.lastSeen.at = new Date(Date.now() - 60 * 60_000).toISOString();
  const opened = await openCase(ctx, staff.officer, record, { exercise: true });
  const a = await assessCaseNow(ctx, staff.officer, opened.meta.id, { publishingEndangersChild: false });
  if (!a.eligible) await overrideCaseAssessment(ctx, staff.officer, opened.meta.id, { reason: 'Banc de mesure : exercice.', eligible: true });
  await sql`UPDATE cases SET assessment = jsonb_set(assessment, '{priority}', '"critical"') WHERE id = ${opened.meta.id}`.execute(ctx.store.db);
  const draft = await createAlertDraft(ctx, staff.officer, opened.meta.id);
  await requestAlertDecisions(ctx, staff.officer, draft.row.id);
  await decideAlert(ctx, staff.supervisor, draft.row.id, { step: 'supervisor_check', outcome: 'approved' });
  await decideAlert(ctx, staff.central, draft.row.id, { step: 'central_validation', outcome: 'approved' });
  return {
    alertId: draft.row.id,
    publicId: draft.row.public_id,
    async approve() {
      await decideAlert(ctx, staff.prosecutor, draft.row.id, {
        step: 'prosecutor_decision',
        outcome: 'approved',
        prosecutor: { court: 'TPI (banc)', fileReference: `B-${round}`, magistrate: 'Banc', decidedAt: new Date(Date.now() - 60_000) },
      });
    },
  };
}
