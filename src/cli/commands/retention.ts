/**
 * `tifli retention`: the retention purge and its legal holds (Law 09-08: data kept only as long as needed).
 *   run [--dry-run]                               purge what is due now, or list it (ids, references,
 *                                                 categories and counts; never a value)
 *   holds [--case ID|REF]                         holds in force (or every hold of one case)
 *   hold --case ID|REF --as USER --reason TEXT    place a legal hold (the USER's role must allow it)
 *   lift --hold ID --as USER --reason TEXT        lift one
 *   stats [--year N]                              the anonymous statistics kept after purges
 * The daily job does the same as `run`; both may run at once (each case is purged under its row lock).
 * `run` exits 1 when a case could not be purged (it is named; the next run tries it again).
 *
 * @example
 *   npx tifli retention run --dry-run
 *   npx tifli retention hold --case TM-2026-000123 --as dpo.rabat --reason "Instruction judiciaire en cours"
 */
import { systemActor } from '../../app/accounts/actors.ts';
import { activeLegalHolds, caseLegalHolds, liftLegalHold, placeLegalHold } from '../../app/privacy/legal-holds.ts';
import { type PlannedCase, type RetentionStep, planRetention, runRetention } from '../../app/privacy/retention-run.ts';
import { retentionStatistics } from '../../app/privacy/retention-statistics.ts';
import { effectiveTipsMonths } from '../../domain/privacy/retention-rules.ts';
import type { LegalHoldRow } from '../../store/repositories/legal-holds.repository.ts';
import type { CliCommand } from './command.ts';
import { UsageError, caseIdOf, openContext, out, parse, staffActor, withUsage } from './privacy-cli.ts';

const USAGE = `Usage:
  tifli retention run [--dry-run]
  tifli retention holds [--case ID|REF]
  tifli retention hold --case ID|REF --as USERNAME --reason TEXT
  tifli retention lift --hold ID --as USERNAME --reason TEXT
  tifli retention stats [--year N]
`;

const STEP_NAMES: { readonly [S in RetentionStep]: string } = {
  count: 'count in statistics',
  tips: 'purge tips',
  purge: 'purge restricted data + destroy data key',
};

const day = (d: Date) => d.toISOString().slice(0, 10);

function describe(p: PlannedCase): string[] {
  const h = p.holdings;
  const categories = [
    `photos ${h.photoIds.length}`,
    `alert versions to redact ${h.versionsToRedact}`,
    `decision records ${h.decisions}`,
    `police notices ${h.policeNotices}`,
    `history reasons ${h.caseEventReasons}`,
    `tips ${h.tips} (photos ${h.tipPhotos})`,
    `rectifications ${h.rectifications}`,
    `sensitive part ${h.hasSensitive ? 'yes' : 'no'}`,
    `data key ${h.liveDataKey ? 'live' : 'none or destroyed'}`,
  ];
  return [`${p.reference}  ${p.caseId}  closed ${day(p.closedAt)}  ${p.steps.map((s) => STEP_NAMES[s]).join(', ')}`, `    ${categories.join(', ')}`];
}

async function run(args: readonly string[]): Promise<number> {
  const values = parse(args, { 'dry-run': { type: 'boolean' } });
  const ctx = await openContext();
  try {
    const { restrictedMonths } = ctx.config.retention;
    out(`Retention at ${ctx.clock.now().toISOString()}: restricted data ${restrictedMonths} months after closure, tips ${effectiveTipsMonths(ctx.config.retention)} months.`);
    if (values['dry-run'] === true) {
      const plan = await planRetention(ctx);
      for (const p of plan.due) for (const line of describe(p)) out(line);
      if (plan.held.length) out('Held by a legal hold (left untouched):');
      for (const p of plan.held) out(`  ${p.reference}  ${p.caseId}  holds ${p.holdIds.join(', ')}`);
      const purges = plan.due.filter((p) => p.steps.includes('purge')).length;
      out(`Dry run: would purge ${purges} case(s) and the tips of ${plan.due.length - purges} more; ${plan.held.length} held. Nothing was changed.`);
      return 0;
    }
    const report = await runRetention(ctx, systemActor('cli:retention run'), {
      afterCase: async (r) => void out(`${r.reference}  ${r.caseId}  ${r.outcome}${r.counted ? ' (counted)' : ''}${r.error ? ` (${r.error})` : ''}`),
    });
    const n = (o: string) => report.results.filter((r) => r.outcome === o).length;
    out(`Done: ${n('purged')} purged, ${n('tips_purged')} tips purged, ${n('held')} held, ${n('failed')} failed.`);
    return n('failed') > 0 ? 1 : 0;
  } finally {
    await ctx.close();
  }
}

const holdLine = (h: LegalHoldRow & { reference?: string }) =>
  `${h.id}  case ${h.reference ?? h.case_id}  placed ${h.placed_at.toISOString()} by ${h.placed_by}${h.lifted_at ? `  lifted ${h.lifted_at.toISOString()} by ${h.lifted_by ?? '?'}` : '  IN FORCE'}\n    reason: ${h.reason}${h.lift_reason ? `\n    lifted because: ${h.lift_reason}` : ''}`;

async function holds(args: readonly string[]): Promise<number> {
  const values = parse(args, { case: { type: 'string' } });
  const ctx = await openContext();
  try {
    const operator = systemActor('cli:retention holds');
    const rows = values.case ? await caseLegalHolds(ctx, operator, await caseIdOf(ctx, values.case)) : await activeLegalHolds(ctx, operator);
    for (const h of rows) out(holdLine(h));
    out(`${rows.length} hold(s).`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function hold(args: readonly string[]): Promise<number> {
  const values = parse(args, { case: { type: 'string' }, as: { type: 'string' }, reason: { type: 'string' } });
  if (!values.reason) throw new UsageError('--reason is required');
  const ctx = await openContext();
  try {
    const h = await placeLegalHold(ctx, await staffActor(ctx, values.as), await caseIdOf(ctx, values.case), values.reason);
    out(`Legal hold ${h.id} placed on case ${h.case_id}: it will not be purged while the hold is in force.`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function lift(args: readonly string[]): Promise<number> {
  const values = parse(args, { hold: { type: 'string' }, as: { type: 'string' }, reason: { type: 'string' } });
  if (!values.hold) throw new UsageError('--hold is required');
  if (!values.reason) throw new UsageError('--reason is required');
  const ctx = await openContext();
  try {
    const h = await liftLegalHold(ctx, await staffActor(ctx, values.as), values.hold, values.reason);
    out(`Legal hold ${h.id} lifted; case ${h.case_id} follows the retention rules again.`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function stats(args: readonly string[]): Promise<number> {
  const values = parse(args, { year: { type: 'string' } });
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2200)) throw new UsageError('--year must be a year such as 2026');
  const ctx = await openContext();
  try {
    const rows = await retentionStatistics(ctx, systemActor('cli:retention stats'), year === undefined ? {} : { year });
    out('year\tregion\tage\toutcome\ttime_to_find\twith_alert\tcases\ttips');
    for (const r of rows) out([r.closed_year, r.region_code, r.age_band, r.outcome, r.time_to_find, r.with_alert, r.cases, r.tips].join('\t'));
    return 0;
  } finally {
    await ctx.close();
  }
}

export const retentionCommand: CliCommand = {
  summary: 'purge data past its retention period (--dry-run lists it); legal holds; anonymous statistics',
  run: (args) =>
    withUsage('retention', USAGE, async () => {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'run':
          return run(rest);
        case 'holds':
          return holds(rest);
        case 'hold':
          return hold(rest);
        case 'lift':
          return lift(rest);
        case 'stats':
          return stats(rest);
        case undefined:
          throw new UsageError('missing subcommand');
        default:
          throw new UsageError(`unknown subcommand "${sub}"`);
      }
    }),
};
