/**
 * The retention run (daily job `retention.run`, and `tifli retention run [--dry-run]`): for each closed
 * case past its period, in one transaction per case under the case's row lock —
 *   1. re-check everything that could have changed since the list was read: still closed, not purged,
 *      still due, no legal hold in force (a hold is placed under the same lock, so a hold added during
 *      a run wins);
 *   2. count the case once in the anonymous statistics (before anything is purged);
 *   3. when the tips period is over: delete its tips, their photos and triage history;
 *   4. when the restricted period is over: purge the record, history reasons, photos, alert drafts and
 *      decision reasons, redact the published versions one way, clear rectified values, destroy the
 *      case's data key (crypto-shredding: the sensitive data is gone everywhere, backups included);
 *   5. mark each step done and audit it (ids and counts only).
 * Steps commit with their marks, so a run killed half-way leaves every case either untouched or done,
 * and the next run finishes the rest without doing anything twice.
 *
 * @example
 *   const plan = await planRetention(ctx);                     // the dry run: what would go, counts only
 *   const report = await runRetention(ctx, systemActor('retention'));
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import {
  type AlertEndFacts,
  type RetentionPeriods,
  closedBefore,
  purgedAlertChain,
  purgedAlertDraft,
  purgedCaseRecord,
  purgedDecision,
  redactedVersion,
  retentionDue,
  statisticKey,
} from '../../domain/privacy/retention-rules.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { activeLegalHoldIds } from '../../store/repositories/legal-holds.repository.ts';
import {
  type CaseHoldings,
  type RetentionCandidate,
  alertsOfCase,
  caseHadPublishedAlert,
  caseHoldings,
  clearCaseEventReasons,
  clearPoliceNoticeHeadlines,
  countCaseTips,
  deleteCasePhotos,
  deleteCaseTips,
  listDecisionRecords,
  listRetentionCandidates,
  lockProgress,
  markProgress,
  purgeCaseRectifications,
  purgeCaseRow,
  redactVersion,
  replaceAlertContent,
  replaceDecisionRecord,
  unredactedVersions,
} from '../../store/repositories/retention.repository.ts';
import { addToStatistics } from '../../store/repositories/statistics.repository.ts';
import type { DB } from '../../store/schema.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { destroyDataKey } from '../crypto/data-keys.ts';

/** Cases read per page of candidates. */
const PAGE = 200;

export type RetentionStep = 'count' | 'tips' | 'purge';

const periodsOf = (ctx: Pick<AppContext, 'config'>): RetentionPeriods => ({ restrictedMonths: ctx.config.retention.restrictedMonths, tipsMonths: ctx.config.retention.tipsMonths });

/** The steps still to do for a candidate at `now`, from its closure and its marks. */
function stepsFor(c: RetentionCandidate, now: Date, periods: RetentionPeriods): RetentionStep[] {
  const due = retentionDue(c.closedAt, now, periods);
  const steps: RetentionStep[] = [];
  if (!due.tips && !due.purge) return steps;
  if (c.countedAt === null) steps.push('count');
  if (!tipsDone(c.tipsPurgedAt, c.closedAt)) steps.push('tips');
  if (due.purge) steps.push('purge');
  return steps;
}

/** Tips purged before the latest closure (the case was reopened since) are not done: the new ones go too. */
const tipsDone = (purgedAt: Date | null, closedAt: Date): boolean => purgedAt !== null && purgedAt.getTime() >= closedAt.getTime();

async function* candidates(ctx: AppContext, now: Date): AsyncGenerator<RetentionCandidate> {
  const cut = closedBefore(now, periodsOf(ctx));
  let after: { closedAt: Date; id: string } | undefined;
  for (;;) {
    const page = await listRetentionCandidates(ctx.store.db, { tipsClosedBefore: cut.tips, purgeClosedBefore: cut.purge, limit: PAGE, ...(after ? { after } : {}) });
    for (const c of page) yield c;
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    after = { closedAt: last.closedAt, id: last.id };
  }
}

// ── Dry run ────────────────────────────────────────────────────────────────────────────────────

export interface PlannedCase {
  readonly caseId: string;
  readonly reference: string;
  readonly closedAt: Date;
  readonly steps: readonly RetentionStep[];
  /** Legal holds in force: nothing of this case will go while any is. */
  readonly holdIds: readonly string[];
  readonly holdings: CaseHoldings;
}

export interface RetentionPlan {
  readonly at: Date;
  readonly periods: RetentionPeriods;
  readonly due: readonly PlannedCase[];
  readonly held: readonly PlannedCase[];
}

/** What a run would do now: case ids and references, the steps and, per category, how much would go. No value is read. */
export async function planRetention(ctx: AppContext): Promise<RetentionPlan> {
  const now = ctx.clock.now();
  const periods = periodsOf(ctx);
  const due: PlannedCase[] = [];
  const held: PlannedCase[] = [];
  for await (const c of candidates(ctx, now)) {
    const steps = stepsFor(c, now, periods);
    if (steps.length === 0) continue;
    const planned = { caseId: c.id, reference: c.reference, closedAt: c.closedAt, steps, holdIds: c.activeHoldIds, holdings: await caseHoldings(ctx.store.db, c.id) };
    (c.activeHoldIds.length > 0 ? held : due).push(planned);
  }
  return { at: now, periods, due, held };
}

// ── The run ────────────────────────────────────────────────────────────────────────────────────

export type CaseOutcome =
  /** Restricted data purged and the key destroyed (tips and statistics too, if not done before). */
  | 'purged'
  /** Only the tips period is over: tips purged (and the case counted). */
  | 'tips_purged'
  /** A legal hold is in force. */
  | 'held'
  /** Another run got there first, the case was reopened, or nothing is due any more. */
  | 'nothing_to_do'
  /** The case is closed but an alert of it is still active: left for the next run. */
  | 'alert_active';

export interface CaseResult {
  readonly caseId: string;
  readonly reference: string;
  readonly outcome: CaseOutcome | 'failed';
  /** Counted in the statistics by this run. */
  readonly counted: boolean;
  /** The error's class or catalogue code, never its text (which could quote a stored value). */
  readonly error?: string;
}

export interface RetentionReport {
  readonly at: Date;
  readonly results: readonly CaseResult[];
}

export interface RetentionHooks {
  /** Before a case's transaction (tests: add a legal hold "during" the run). */
  readonly beforeCase?: (caseId: string) => Promise<void>;
  /** After a case's transaction committed (tests: interrupt the run after N cases). */
  readonly afterCase?: (result: CaseResult) => Promise<void>;
}

export async function runRetention(ctx: AppContext, actor: Actor, hooks: RetentionHooks = {}): Promise<RetentionReport> {
  const now = ctx.clock.now();
  const periods = periodsOf(ctx);
  const results: CaseResult[] = [];
  for await (const c of candidates(ctx, now)) {
    if (stepsFor(c, now, periods).length === 0) continue;
    await hooks.beforeCase?.(c.id);
    let result: CaseResult;
    try {
      result = { caseId: c.id, reference: c.reference, ...(await ctx.store.db.transaction().execute((trx) => retainCase(trx, ctx, actor, c.id, now, periods))) };
    } catch (err) {
      // One case that cannot be purged must not stop the others; the next run tries it again.
      const code = errorCode(err);
      ctx.log.error({ caseId: c.id, error: code }, 'retention: case not purged');
      result = { caseId: c.id, reference: c.reference, outcome: 'failed', counted: false, error: code };
    }
    results.push(result);
    await hooks.afterCase?.(result);
  }
  const tally = Object.fromEntries(['purged', 'tips_purged', 'held', 'nothing_to_do', 'alert_active', 'failed'].map((o) => [o, results.filter((r) => r.outcome === o).length]));
  if (results.length) ctx.log.info(tally, 'retention run');
  return { at: now, results };
}

/** A database error's SQLSTATE or our catalogue code, else the error's class: never its message. */
function errorCode(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Za-z_]{1,40}$/.test(code) ? code : err.name;
}

type Retained = Pick<CaseResult, 'outcome' | 'counted'>;

/** One case, inside its transaction. Every check is made again here, under the case's row lock. */
async function retainCase(trx: Transaction<DB>, ctx: AppContext, actor: Actor, caseId: string, now: Date, periods: RetentionPeriods): Promise<Retained> {
  const row = await findCase(trx, caseId, { forUpdate: true });
  if (!row || row.status !== 'closed' || !row.closed_at) return { outcome: 'nothing_to_do', counted: false };
  const progress = await lockProgress(trx, caseId);
  if (progress.purgedAt) return { outcome: 'nothing_to_do', counted: false };
  const due = retentionDue(row.closed_at, now, periods);
  if (!due.tips && !due.purge) return { outcome: 'nothing_to_do', counted: false };
  if ((await activeLegalHoldIds(trx, caseId)).length > 0) return { outcome: 'held', counted: false };
  const alerts = await alertsOfCase(trx, caseId);
  if (alerts.some((a) => a.state === 'active')) return { outcome: 'alert_active', counted: false };

  let counted = false;
  if (!progress.countedAt) {
    // Before anything goes: the statistics read the tips and the alert this case had. Drills are not counted.
    if (!row.is_exercise) {
      const key = statisticKey({ closedAt: row.closed_at, lastSeenAt: row.last_seen_at, regionCode: row.region_code, ageYears: row.child_age_years, outcome: row.closure_outcome, withAlert: await caseHadPublishedAlert(trx, caseId) });
      await addToStatistics(trx, key, await countCaseTips(trx, caseId));
      counted = true;
    }
    await markProgress(trx, caseId, 'counted_at', now);
  }

  if (!tipsDone(progress.tipsPurgedAt, row.closed_at)) {
    const { tipIds, tipPhotos } = await deleteCaseTips(trx, caseId);
    await markProgress(trx, caseId, 'tips_purged_at', now);
    await audit(trx, ctx.clock, actor, { objectType: 'case', objectId: caseId, action: 'retention.purge_tips', details: { tipIds, tipPhotos, months: Math.min(periods.tipsMonths, periods.restrictedMonths) } });
  }
  if (!due.purge) return { outcome: 'tips_purged', counted };

  const photoIds = await deleteCasePhotos(trx, caseId, now);
  let versionsRedacted = 0;
  let decisionsPurged = 0;
  let policeNotices = 0;
  for (const alert of alerts) {
    const end: AlertEndFacts = { publicId: alert.public_id, reference: row.reference, exercise: alert.is_exercise, endedAt: alert.ended_at ?? now, outcome: alert.end_outcome ?? 'withdrawn' };
    for (const v of await unredactedVersions(trx, alert.id)) {
      const redacted = redactedVersion({ msgType: v.msg_type, version: v.version, publicContent: v.public_content, capXml: v.cap_xml }, end);
      if (await redactVersion(trx, alert.id, v.version, now, redacted)) versionsRedacted += 1;
    }
    for (const d of await listDecisionRecords(trx, alert.id)) {
      await replaceDecisionRecord(trx, alert.id, d.seq, purgedDecision(d.record));
      decisionsPurged += 1;
    }
    await replaceAlertContent(trx, alert.id, now, purgedAlertDraft(alert.draft), purgedAlertChain(alert.chain));
    policeNotices += await clearPoliceNoticeHeadlines(trx, alert.id);
  }
  const caseEventReasons = await clearCaseEventReasons(trx, caseId);
  const rectifications = await purgeCaseRectifications(trx, caseId, now);
  await purgeCaseRow(trx, caseId, now, purgedCaseRecord({ sex: row.child_sex, regionCode: row.region_code, prefectureCode: row.province_code }));
  const key = await destroyDataKey(trx, ctx, keyOwner('case', caseId), 'retention.expired', actor);
  await markProgress(trx, caseId, 'purged_at', now);
  await audit(trx, ctx.clock, actor, {
    objectType: 'case',
    objectId: caseId,
    action: 'retention.purge',
    details: {
      reference: row.reference,
      months: periods.restrictedMonths,
      photoIds,
      alertIds: alerts.map((a) => a.id),
      versionsRedacted,
      decisionsPurged,
      policeNotices,
      caseEventReasons,
      rectifications,
      dataKeyId: key.dataKeyId,
    },
  });
  return { outcome: 'purged', counted };
}
