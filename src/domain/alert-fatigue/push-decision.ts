/**
 * Whether one version of an alert is pushed to one subscriber now, later, or not at all. The pushing
 * channels (Web Push, WhatsApp, SMS, e-mail) call it for every (version, subscriber) pair before
 * sending; public pages, feeds and partner channels are not pushes and never ask.
 *
 * The rules, in the order they apply:
 * 1. News. An Alert already received (a retry, a duplicate) is not news. A Cancel goes to everyone
 *    who received the alert and to no one else (a "found" message about a child one never saw is
 *    noise). An Update reaching someone who never received the alert (the zone grew to their area) is
 *    their first push of it. For someone who did: a 'photo' or 'sighting' update may push once more
 *    per alert (two pushes at most before the closure); a 'zone', 'text' or 'renewal' update, or an
 *    Update without a kind, is not news (the public page carries it).
 * 2. Quiet hours. During the configured hours (Moroccan local time, read through Intl so the Ramadan
 *    clock changes are followed), a version of a tier in `quietTiers` is deferred to the end of the
 *    quiet period, never dropped — Cancels included: the closure arrives in the morning. A critical
 *    alert is never deferred: the first hours decide.
 * 3. Area limit. Every push the subscriber received for the area counts (first pushes, follow-ups
 *    and closures), over the rolling 24 h before the moment of delivery. A push that would reach the
 *    limit is dropped (reason area_limit). Cancels and critical alerts are never dropped, but they
 *    count. A deferred push is judged at its delivery time: if the pushes already received will still
 *    fill the limit when quiet hours end, it is dropped now instead of deferred.
 *
 * Contract for the caller: `recentPushes` holds this subscriber's pushes of at least the last 24 h
 * plus every earlier push of this alert (alerts outlive a day); a deferred push is decided again
 * at `deferUntil`, and the caller drops deferred pushes of an alert that has since ended.
 *
 * @example
 *   const d = pushDecision({ tier: 'normal', msgType: 'Alert', subscriberArea: cell, recentPushes,
 *     alertId, now: clock.now(), config: DEFAULT_FATIGUE_CONFIG });
 *   if (d.push) send(); else if (d.deferUntil) schedule(d.deferUntil); else skip(d.reason);
 */
import type { MsgType } from '../alert/alert-lifecycle.ts';
import type { UpdateKind } from '../alert/alert-vocabulary.ts';
import { AppError } from '../errors.ts';
import { fatigueConfigProblems, isQuietMinute, quietHoursMinutes, type FatigueConfig, type Tier } from './fatigue-rules.ts';
import { localMinuteOfDay, nextLocalTime } from './local-clock.ts';

/** What an Update changed ('renewal': the expiry moved later). */
export type PushUpdateKind = UpdateKind | 'renewal';

/** One push the subscriber received. */
export interface ReceivedPush {
  readonly at: Date;
  /** The area key the push was sent for (H3 cell, province code…), as in `subscriberArea`. */
  readonly area: string;
  readonly alertId: string;
}

export interface PushInput {
  readonly tier: Tier;
  readonly msgType: MsgType;
  /** Only for an Update. */
  readonly updateKind?: PushUpdateKind | null;
  readonly subscriberArea: string;
  readonly recentPushes: readonly ReceivedPush[];
  readonly alertId: string;
  readonly now: Date;
  readonly config: FatigueConfig;
}

export type PushDecision =
  | { readonly push: true }
  /** Send at deferUntil (the end of quiet hours), after deciding again then. */
  | { readonly push: false; readonly reason: 'quiet_hours'; readonly deferUntil: Date }
  | { readonly push: false; readonly reason: 'area_limit' | 'not_news'; readonly deferUntil: null };

export type SkipReason = Exclude<PushDecision, { push: true }>['reason'];

/** The rolling window of the area limit. */
export const AREA_LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The most pushes of one alert a subscriber receives before its closure: the first and one follow-up. */
export const MAX_PUSHES_PER_ALERT = 2;

const PUSH: PushDecision = Object.freeze({ push: true });
const NOT_NEWS: PushDecision = Object.freeze({ push: false, reason: 'not_news', deferUntil: null });
const AREA_LIMIT: PushDecision = Object.freeze({ push: false, reason: 'area_limit', deferUntil: null });

const checked = new WeakSet<FatigueConfig>();

function assertValid(config: FatigueConfig, now: Date): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new AppError('validation_failed', 'The decision time is not a valid instant.', { errors: [{ field: 'now', message: 'must be a valid date' }] });
  if (checked.has(config)) return;
  const errors = fatigueConfigProblems(config);
  if (errors.length) throw new AppError('validation_failed', 'The alert fatigue configuration is not valid.', { errors });
  checked.add(config);
}

/** Whether this version tells a subscriber who already received `earlier` pushes of the alert something new. */
function isNews(msgType: MsgType, updateKind: PushUpdateKind | null, earlier: number): boolean {
  switch (msgType) {
    case 'Alert':
      return earlier === 0;
    case 'Cancel':
      return earlier > 0;
    case 'Update':
      if (earlier === 0) return true;
      if (updateKind === 'photo' || updateKind === 'sighting') return earlier < MAX_PUSHES_PER_ALERT;
      return false;
  }
}

/** Pushes received for `area` in the 24 h up to and including `at`. */
function pushesInWindow(pushes: readonly ReceivedPush[], area: string, at: number): number {
  let n = 0;
  for (const p of pushes) {
    const t = p.at.getTime();
    if (p.area === area && t > at - AREA_LIMIT_WINDOW_MS && t <= at) n += 1;
  }
  return n;
}

let lastQuietEnd: { readonly config: FatigueConfig; readonly minute: number; readonly end: Date | null } | null = null;

/**
 * The end of the quiet period the minute of `now` falls in, or null outside quiet hours. A fan-out
 * asks it for every subscriber at the same minute, so the last answer is kept (it depends on nothing else).
 */
function quietEnd(now: Date, config: FatigueConfig): Date | null {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastQuietEnd?.config === config && lastQuietEnd.minute === minute) return lastQuietEnd.end;
  let end: Date | null = null;
  if (config.quietHours !== null) {
    const q = quietHoursMinutes(config.quietHours);
    if (isQuietMinute(localMinuteOfDay(now, config.timeZone), q)) end = nextLocalTime(now, q.end, config.timeZone);
  }
  lastQuietEnd = { config, minute, end };
  return end;
}

/** When a version of this tier waits for the end of quiet hours, that end; otherwise null. */
function quietUntil(tier: Tier, now: Date, config: FatigueConfig): Date | null {
  // The config check already refuses 'critical' as a quiet tier; this guard keeps the rule local too.
  if (tier === 'critical' || !config.quietTiers.includes(tier)) return null;
  const end = quietEnd(now, config);
  return end === null ? null : new Date(end.getTime());
}

/** Decides one (version, subscriber) pair at `now`; see the module comment for the rules. */
export function pushDecision(input: PushInput): PushDecision {
  const { tier, msgType, subscriberArea, recentPushes, alertId, now, config } = input;
  assertValid(config, now);
  const earlier = recentPushes.reduce((n, p) => (p.alertId === alertId ? n + 1 : n), 0);
  if (!isNews(msgType, input.updateKind ?? null, earlier)) return NOT_NEWS;

  const limited = tier !== 'critical' && msgType !== 'Cancel';
  const overLimitAt = (at: Date) => limited && pushesInWindow(recentPushes, subscriberArea, at.getTime()) >= config.maxPushesPerDayPerArea;

  const deferUntil = quietUntil(tier, now, config);
  if (deferUntil !== null) return overLimitAt(deferUntil) ? AREA_LIMIT : { push: false, reason: 'quiet_hours', deferUntil };
  return overLimitAt(now) ? AREA_LIMIT : PUSH;
}
