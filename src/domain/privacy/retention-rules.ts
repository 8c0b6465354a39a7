/**
 * What the retention rules decide (Law 09-08: data kept only as long as the purpose needs). Pure: the
 * retention job (app/privacy/retention-run.ts) supplies the clock, the configured periods and the rows.
 *
 * After a case's closure:
 * - at `tipsMonths` (or at the case purge, whichever comes first), its tips lose their content and the
 *   tipsters' contacts, and their photos are deleted;
 * - at `restrictedMonths`, its restricted data is purged (record, history reasons, photos, alert drafts,
 *   decision reasons, published versions redacted one way) and its data key destroyed, which erases the
 *   sensitive data everywhere, backups included (crypto-shredding).
 * Before the first of these steps the case is counted, once, in the anonymous statistics.
 * A case with an active legal hold is left untouched.
 *
 * @example
 *   const due = retentionDue(closedAt, now, { restrictedMonths: 12, tipsMonths: 6 }); // { tips: true, purge: false, … }
 *   statisticKey({ closedAt, lastSeenAt, regionCode: 'MA-04', ageYears: 8, outcome: 'found_safe', withAlert: true });
 */

export interface RetentionPeriods {
  /** Months after closure before restricted data is purged and the data key destroyed. */
  readonly restrictedMonths: number;
  /** Months after closure before tips and tipsters' contacts are purged. */
  readonly tipsMonths: number;
}

/** The instant `months` calendar months after `at` (UTC; the 31st falls back to the month's last day). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The tips never outlive the case: their period is capped by the restricted one. */
export const effectiveTipsMonths = (p: RetentionPeriods): number => Math.min(p.tipsMonths, p.restrictedMonths);

export interface RetentionDue {
  readonly tipsAt: Date;
  readonly purgeAt: Date;
  readonly tips: boolean;
  readonly purge: boolean;
}

export function retentionDue(closedAt: Date, now: Date, periods: RetentionPeriods): RetentionDue {
  const tipsAt = addMonths(closedAt, effectiveTipsMonths(periods));
  const purgeAt = addMonths(closedAt, periods.restrictedMonths);
  return { tipsAt, purgeAt, tips: tipsAt.getTime() <= now.getTime(), purge: purgeAt.getTime() <= now.getTime() };
}

/**
 * The latest closure instant each step applies to at `now`: cases closed at or before `tips` are due
 * for the tips purge, at or before `purge` for the full purge. (Subtracting months from `now` and
 * adding them to the closure agree except around month ends; the due check above is the rule, these
 * bounds only select candidates, so they err on the side of one extra day.)
 */
export function closedBefore(now: Date, periods: RetentionPeriods): { readonly tips: Date; readonly purge: Date } {
  const dayAfter = (d: Date) => new Date(d.getTime() + 86_400_000);
  return { tips: dayAfter(addMonths(now, -effectiveTipsMonths(periods))), purge: dayAfter(addMonths(now, -periods.restrictedMonths)) };
}

// ── Anonymous statistics ───────────────────────────────────────────────────────────────────────

export const AGE_BANDS = ['0-5', '6-11', '12-14', '15-17', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Bands coarse enough that a count cannot point at a child. */
export function ageBand(ageYears: number | null): AgeBand {
  if (ageYears === null || !Number.isFinite(ageYears) || ageYears < 0) return 'unknown';
  if (ageYears <= 5) return '0-5';
  if (ageYears <= 11) return '6-11';
  if (ageYears <= 14) return '12-14';
  if (ageYears <= 17) return '15-17';
  return 'unknown';
}

export const TIME_TO_FIND_BANDS = ['<6h', '6-24h', '1-3d', '3-7d', '7-30d', '>30d'] as const;
export type TimeToFindBand = (typeof TIME_TO_FIND_BANDS)[number];

/** From the last sighting to the closure (when the child was found or the case ended). */
export function timeToFindBand(lastSeenAt: Date, closedAt: Date): TimeToFindBand {
  const hours = Math.max(0, closedAt.getTime() - lastSeenAt.getTime()) / 3_600_000;
  if (hours < 6) return '<6h';
  if (hours < 24) return '6-24h';
  if (hours < 72) return '1-3d';
  if (hours < 168) return '3-7d';
  if (hours < 720) return '7-30d';
  return '>30d';
}

export interface StatisticInput {
  readonly closedAt: Date;
  readonly lastSeenAt: Date;
  readonly regionCode: string | null;
  readonly ageYears: number | null;
  readonly outcome: string | null;
  readonly withAlert: boolean;
}

/** One cell of the statistics table: never a case id, a name, a date finer than the year or a place finer than the region. */
export interface StatisticKey {
  readonly closedYear: number;
  readonly regionCode: string;
  readonly ageBand: AgeBand;
  readonly outcome: string;
  readonly timeToFind: TimeToFindBand;
  readonly withAlert: boolean;
}

const REGION = /^MA-\d{2}$/;
const OUTCOME = /^[a-z_]{1,32}$/;

export function statisticKey(i: StatisticInput): StatisticKey {
  return {
    closedYear: i.closedAt.getUTCFullYear(),
    regionCode: i.regionCode !== null && REGION.test(i.regionCode) ? i.regionCode : 'unknown',
    ageBand: ageBand(i.ageYears),
    outcome: i.outcome !== null && OUTCOME.test(i.outcome) ? i.outcome : 'unknown',
    timeToFind: timeToFindBand(i.lastSeenAt, i.closedAt),
    withAlert: i.withAlert,
  };
}

// ── What the purge leaves of alerts ────────────────────────────────────────────────────────────

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every string leaf emptied, the shape kept (readers of an old draft still find every key). */
function emptied(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return value.map(emptied);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, emptied(v)]));
  return value;
}

/**
 * An alert draft after the purge: no texts (they carried the name and description), no free text, no
 * zone (its circles are centred on the restricted last-seen point), no photo; the duration stays.
 */
export function purgedAlertDraft(draft: Json): Record<string, unknown> {
  return {
    texts: isObject(draft.texts) ? emptied(draft.texts) : {},
    freeText: {},
    zone: { circles: [], provinces: [], regions: [], polygons: [] },
    photoId: null,
    durationHours: typeof draft.durationHours === 'number' ? draft.durationHours : 0,
  };
}

/** A decision record without its restricted parts: the reason (free text) and the prosecutor's details. */
export function purgedDecision(record: Json): Record<string, unknown> {
  return { ...record, reason: null, prosecutor: null };
}

/** The alert's domain state with every decision purged; who decided what and when stays. */
export function purgedAlertChain(chain: Json): Record<string, unknown> {
  const list: unknown = chain.decisions;
  const decisions: unknown = Array.isArray(list) ? list.map((d: unknown) => (isObject(d) ? purgedDecision(d) : d)) : list;
  return { ...chain, decisions };
}

/** A CAP document no surface serves any more (outbound and feeds skip redacted versions). */
export const REDACTED_CAP_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Tifli: this CAP version was redacted under the retention rules (Law 09-08). -->\n';

export interface VersionToRedact {
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  readonly version: number;
  readonly publicContent: Json;
  readonly capXml: string;
}

export interface AlertEndFacts {
  readonly publicId: string;
  readonly reference: string;
  readonly exercise: boolean;
  readonly endedAt: Date;
  readonly outcome: 'found' | 'withdrawn' | 'expired';
}

export interface RedactedVersion {
  readonly publicContent: Record<string, unknown>;
  readonly capXml: string;
}

/**
 * The one-way redaction the alert_versions guard allows (public content, CAP document, zone cells and
 * photo may change, once; identity, type and sending time may not). An Alert or Update becomes the
 * ended card (no name, no photo, no description) and loses its CAP text; a Cancel already names no
 * one and stays as sent, so aggregators that poll it still see the alert withdrawn.
 */
export function redactedVersion(v: VersionToRedact, end: AlertEndFacts): RedactedVersion {
  switch (v.msgType) {
    case 'Cancel':
      return { publicContent: { ...v.publicContent }, capXml: v.capXml };
    case 'Alert':
    case 'Update':
      return {
        publicContent: { state: 'ended', publicId: end.publicId, reference: end.reference, exercise: end.exercise, version: v.version, endedAt: end.endedAt.toISOString(), outcome: end.outcome },
        capXml: REDACTED_CAP_XML,
      };
  }
}

/** An internal disappearance notice after the purge: the headline (which may name the child) goes. */
export function purgedPoliceNotice(content: Json): Record<string, unknown> {
  return { ...content, headline: null };
}

export interface CaseTombstoneFacts {
  readonly sex: string;
  readonly regionCode: string | null;
  readonly prefectureCode: string | null;
}

/**
 * What a purged case's record holds: only the public facts its row keeps anyway (sex, region, province),
 * so the case still reads as a (mostly empty) record rather than as nothing.
 */
export function purgedCaseRecord(f: CaseTombstoneFacts): Record<string, unknown> {
  return { child: { sex: f.sex }, lastSeen: { regionCode: f.regionCode, prefectureCode: f.prefectureCode } };
}
