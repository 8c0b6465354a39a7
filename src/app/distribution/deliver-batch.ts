/**
 * One delivery job: a closed range of recipients of one (version, channel) dispatch. For each due
 * delivery it applies the alert-fatigue rules (fan-out channels), claims it ('sending', committed
 * before the provider is called), sends it through the channel's adapter at the channel's rate, and
 * records the outcome: sent, retry later (backoff with jitter, never before the provider's
 * Retry-After), dead-letter after the last attempt, or the subscription dropped when the provider says
 * the address is gone. Whatever remains (retries, quiet hours, uncertain claims) gets a follow-up job.
 *
 * A claim left 'sending' by a worker that died, or by a provider call abandoned at its timeout, is
 * uncertain: the provider may have accepted it. It is sent again only after the reconciliation window
 * (DELIVERY_RECONCILE_SECONDS), during which the provider's own receipt (WhatsApp echoes our key in its
 * status webhook) can settle it (provider-receipts.ts). Without such a receipt a redelivery can happen,
 * carrying the same idempotency key (e-mail Message-ID, webhook event id).
 *
 * @example
 *   await deliverBatch(ctx, registry, { dispatchId, from: 'a…', to: 'f…' });
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import { ALERT_LANGUAGES } from '../../domain/alert-text/alert-languages.ts';
import { pushDecision, AREA_LIMIT_WINDOW_MS } from '../../domain/alert-fatigue/push-decision.ts';
import { subscriberQuietUntil } from '../../domain/alert-fatigue/subscriber-quiet-hours.ts';
import type { Tier } from '../../domain/alert-fatigue/fatigue-rules.ts';
import { channelKind, type ChannelName, isChannelName } from '../../domain/distribution/channels.ts';
import { DeliveryError, type DeliveryFailure } from '../../domain/distribution/delivery-failure.ts';
import { dispatchStatus } from '../../domain/distribution/dispatch-status.ts';
import { nextAttempt } from '../../domain/distribution/retry-policy.ts';
import { type DeliveryRow, type DispatchRow, deliveriesInRange, earlierRefs, findDispatch, markSent, moveDeliveries, recentPushes } from '../../store/repositories/dispatches.repository.ts';
import { deliverQueue } from '../../jobs/queues.ts';
import type { AppContext } from '../context.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import type { ChannelAdapter, OutboundAlert, Recipient } from './channel-port.ts';
import { outboundAlert } from './outbound-alert.ts';

export interface DeliverJob {
  readonly dispatchId: string;
  readonly from: string;
  readonly to: string;
}

interface SubscriberRow {
  readonly id: string;
  readonly status: string;
  readonly address: string;
  readonly languages: string[];
  readonly push_keys: { p256dh: string; auth: string } | null;
  readonly quiet_hours: { start: string; end: string } | null;
}

const isLanguage = (l: string): l is AlertLanguage => (ALERT_LANGUAGES as readonly string[]).includes(l);

async function alertTier(ctx: AppContext, alertId: string): Promise<{ tier: Tier; state: string }> {
  const row = await ctx.store.db
    .selectFrom('alerts as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.state', 'c.assessment'])
    .where('a.id', '=', alertId)
    .executeTakeFirstOrThrow();
  const priority = (row.assessment as { priority?: unknown } | null)?.priority;
  const tier: Tier = priority === 'critical' || priority === 'high' || priority === 'normal' ? priority : 'high';
  return { tier, state: row.state };
}

function failureOf(err: unknown, signal: AbortSignal): DeliveryFailure {
  if (err instanceof DeliveryError) return err.failure;
  if (signal.aborted) return { kind: 'transient', code: 'timeout' };
  return { kind: 'transient', code: 'internal' };
}

export async function deliverBatch(ctx: AppContext, registry: ChannelRegistry, job: DeliverJob, reconcileWindowMs = ctx.config.channels.reconcileWindowMs): Promise<void> {
  const dispatch = await findDispatch(ctx.store.db, job.dispatchId);
  if (!dispatch || !isChannelName(dispatch.channel)) return;
  const channel = dispatch.channel;
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const rows = await deliveriesInRange(db, dispatch.id, job.from, job.to);

  const due: DeliveryRow[] = [];
  let wakeAt: number | null = null;
  const later = (t: number) => {
    wakeAt = wakeAt === null ? t : Math.min(wakeAt, t);
  };
  for (const r of rows) {
    if (r.status === 'pending' || r.status === 'deferred') {
      if (r.next_attempt_at && r.next_attempt_at > now) later(r.next_attempt_at.getTime());
      else due.push(r);
    } else if (r.status === 'sending') {
      const settleAt = r.updated_at.getTime() + reconcileWindowMs;
      if (settleAt > now.getTime()) later(settleAt);
      else due.push(r);
    }
  }

  if (due.length > 0) await deliverDue(ctx, registry, dispatch, channel, due, (t) => later(t), reconcileWindowMs);
  if (wakeAt !== null) {
    await db.transaction().execute(async (trx) => {
      await ctx.jobs.send(trx, deliverQueue(channel), { ...job }, { startAfter: new Date(Math.max(wakeAt ?? 0, ctx.clock.now().getTime() + 500)) });
    });
  }
  await refreshDispatchStatus(ctx, dispatch.id);
}

async function deliverDue(ctx: AppContext, registry: ChannelRegistry, dispatch: DispatchRow, channel: ChannelName, due: DeliveryRow[], later: (t: number) => void, reconcileWindowMs: number): Promise<void> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const ids = due.map((r) => r.recipient);
  const adapter = registry.adapter(channel);
  const message = adapter ? await outboundAlert(ctx, dispatch.alert_id, dispatch.version, dispatch.action) : undefined;
  const claimable = ['pending', 'deferred', 'sending'] as const;
  if (!adapter) {
    // The channel was switched off after this version was queued: say so in the dead-letter list.
    await moveDeliveries(db, dispatch.id, ids, claimable, 'dead', now, { error_code: 'channel_not_configured' });
    return;
  }
  if (!message) {
    await moveDeliveries(db, dispatch.id, ids, claimable, 'skipped', now, { skip_reason: 'version_withdrawn' });
    return;
  }
  const { tier, state } = await alertTier(ctx, dispatch.alert_id);
  // A publication still queued when the alert ends must not go out after its own retraction.
  if (dispatch.action === 'publish' && state === 'ended') {
    await moveDeliveries(db, dispatch.id, ids, claimable, 'skipped', now, { skip_reason: 'alert_ended' });
    return;
  }

  const recipients = new Map<string, Recipient>();
  if (channelKind(channel) === 'fan_out') {
    const subs: SubscriberRow[] = await db.selectFrom('subscriptions').select(['id', 'status', 'address', 'languages', 'push_keys', 'quiet_hours']).where('id', 'in', ids).execute();
    const byId = new Map(subs.map((s) => [s.id, s]));
    const pushes = await recentPushes(db, ids, dispatch.alert_id, new Date(now.getTime() - AREA_LIMIT_WINDOW_MS));
    const skip = new Map<string, string[]>();
    const defer = new Map<number, string[]>();
    const add = <K>(m: Map<K, string[]>, k: K, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
    for (const r of due) {
      const sub = byId.get(r.recipient);
      if (!sub || sub.status !== 'active') {
        add(skip, 'unsubscribed', r.recipient);
        continue;
      }
      // An uncertain claim was already judged by the fatigue rules when it was first claimed.
      if (r.status !== 'sending') {
        const mine = pushes.filter((p) => p.recipient === sub.id);
        const decision = pushDecision({
          tier,
          msgType: message.msgType,
          updateKind: message.updateKind as Parameters<typeof pushDecision>[0]['updateKind'],
          subscriberArea: sub.id,
          recentPushes: mine.map((p) => ({ at: p.at, area: sub.id, alertId: p.alertId })),
          alertId: dispatch.alert_id,
          now,
          config: ctx.config.alerts.fatigue,
        });
        if (!decision.push) {
          if (decision.reason === 'quiet_hours') add(defer, decision.deferUntil.getTime(), r.recipient);
          else add(skip, decision.reason, r.recipient);
          continue;
        }
        const own = subscriberQuietUntil(now, sub.quiet_hours, tier);
        if (own) {
          add(defer, own.getTime(), r.recipient);
          continue;
        }
      }
      const language = sub.languages.find(isLanguage) ?? 'ar-MA';
      recipients.set(r.recipient, {
        key: sub.id,
        address: sub.address,
        language,
        ...(sub.push_keys ? { pushKeys: sub.push_keys } : {}),
        unsubscribeUrl: registry.unsubscribeUrl(sub.id),
      });
    }
    for (const [reason, list] of skip) await moveDeliveries(db, dispatch.id, list, claimable, 'skipped', now, { skip_reason: reason });
    for (const [until, list] of defer) {
      await moveDeliveries(db, dispatch.id, list, ['pending', 'deferred'], 'deferred', now, { next_attempt_at: new Date(until) });
      later(until);
    }
  } else {
    for (const r of due) recipients.set(r.recipient, { key: r.recipient, address: '', language: 'ar-MA', unsubscribeUrl: null });
  }

  // Each delivery is claimed only if it is still as this job saw it (pending or deferred; or an
  // uncertain claim whose window has passed): two jobs on the same range at once (a pg-boss retry of a
  // batch beside its follow-up) then never both claim, and so never both send, the same delivery.
  // Claims are taken a chunk at a time, the next chunk once half of this one has had its turn at the
  // rate limiter: a claim never waits long for its message (a batch claimed whole could outlast the
  // reconciliation window behind a slow limiter), and the limiter never waits for a claim.
  const uncertain = new Set(due.filter((r) => r.status === 'sending').map((r) => r.recipient));
  const toSend = [...recipients.keys()];
  const attempts = new Map(due.map((r) => [r.recipient, r.attempts + 1]));
  const limiter = registry.limiter(channel);
  const slots = registry.slots(channel);
  const chunkSize = Math.max(CLAIM_CHUNK_MIN, 2 * slots.size);
  // A chunk's record may fail while the loop is still claiming (the database gone): its error is kept
  // here rather than in a rejected promise no one listens to yet, which would end the worker.
  const recorded: Promise<void>[] = [];
  const recordFailures: unknown[] = [];
  try {
    for (let i = 0; i < toSend.length; i += chunkSize) {
      if (ctx.stopping?.aborted) {
        // A graceful stop: what is claimed goes out and is recorded; the rest stays as it is, and the
        // follow-up job (now) hands it to another worker rather than holding the stop back.
        later(ctx.clock.now().getTime());
        break;
      }
      const chunk = toSend.slice(i, i + chunkSize);
      const claimedAt = ctx.clock.now();
      const claimed = [
        ...(await moveDeliveries(db, dispatch.id, chunk.filter((k) => !uncertain.has(k)), ['pending', 'deferred'], 'sending', claimedAt, { bumpAttempts: true })),
        ...(await reclaimUncertain(ctx, dispatch.id, chunk.filter((k) => uncertain.has(k)), new Date(claimedAt.getTime() - reconcileWindowMs), claimedAt)),
      ];
      if (claimed.length === 0) continue;
      const refs = dispatch.action === 'retract' ? await earlierRefs(db, dispatch.alert_id, channel, claimed) : new Map<string, string[]>();
      const sent: SentRecord[] = [];
      let started = 0;
      let halfStarted: () => void = () => undefined;
      const half = new Promise<void>((resolve) => (halfStarted = resolve));
      const sends = claimed.map((key) =>
        slots.run(async () => {
          const recipient = recipients.get(key);
          try {
            if (!recipient) return;
            await limiter.take();
          } finally {
            if (++started >= claimed.length / 2) halfStarted();
          }
          if (!(await claimStillMine(ctx, dispatch.id, key, claimedAt, reconcileWindowMs))) return;
          const record = await sendOne(ctx, dispatch, channel, adapter, message, recipient, refs.get(key) ?? [], attempts.get(key) ?? 1, later, (ms) => limiter.pause(ms), reconcileWindowMs);
          if (record) sent.push(record);
        }),
      );
      // The chunk's sent records go in one statement once its messages are all answered.
      recorded.push(
        Promise.all(sends)
          .then(() => recordSent(ctx, dispatch.id, sent, reconcileWindowMs))
          .then(
            () => undefined,
            (err: unknown) => void recordFailures.push(err),
          ),
      );
      await Promise.race([half, Promise.all(sends)]);
    }
  } finally {
    // A claim that fails ends the loop while earlier chunks are still out: they finish first.
    await Promise.all(recorded);
  }
  if (recordFailures.length > 0) throw recordFailures[0];
}

/**
 * The provider has these messages: record them, waiting out a database that is briefly gone (a
 * restart, a failover) for up to `budgetMs` (the reconciliation window). Left unrecorded they stay
 * uncertain claims, which another job sends again once their window has passed unless a receipt settles
 * them first; so this keeps trying for as long as that can happen, every second at most, and the first
 * attempt after the database is back wins the race against that job. (Recording late is harmless:
 * markSent moves only claims still 'sending'.)
 */
async function recordSent(ctx: AppContext, dispatchId: string, sent: readonly SentRecord[], budgetMs: number): Promise<void> {
  const startedAt = Date.now();
  const giveUpAt = startedAt + budgetMs;
  for (let pause = 250, failures = 0; ; pause = Math.min(pause * 2, RECORD_PAUSE_MAX_MS), failures += 1) {
    try {
      await markSent(ctx.store.db, dispatchId, sent);
      if (failures > 0) ctx.log.info({ dispatchId, deliveries: sent.length, afterMs: Date.now() - startedAt }, 'sent deliveries recorded once the database was back');
      return;
    } catch (err) {
      if (Date.now() + pause > giveUpAt) throw err;
      // One line per chunk, not one per attempt: an outage would otherwise flood the log.
      if (failures === 0) ctx.log.warn({ dispatchId, deliveries: sent.length }, 'could not record sent deliveries; retrying until the database is back');
      await sleep(pause);
    }
  }
}

/** The longest wait between two attempts to record sent deliveries. */
const RECORD_PAUSE_MAX_MS = 1_000;

/** Claims taken at once: at least this many, or twice the channel's concurrency. */
const CLAIM_CHUNK_MIN = 50;

interface SentRecord {
  readonly recipient: string;
  readonly providerRef: string | null;
  readonly at: Date;
}

async function sendOne(
  ctx: AppContext,
  dispatch: DispatchRow,
  channel: ChannelName,
  adapter: ChannelAdapter,
  message: OutboundAlert,
  recipient: Recipient,
  previousRefs: readonly string[],
  attempt: number,
  later: (t: number) => void,
  pause: (ms: number) => void,
  reconcileWindowMs: number,
): Promise<SentRecord | null> {
  const db = ctx.store.db;
  const signal = AbortSignal.timeout(ctx.config.channels.timeoutMs);
  try {
    const receipt = await adapter.deliver({ idempotencyKey: `${dispatch.id}.${recipient.key}`, message, recipient, previousRefs, signal });
    // Recorded with the rest of its chunk (markSent); until then it is a claim, which a crash leaves
    // uncertain for the provider's receipt to settle, as a crash just after the call always did.
    return { recipient: recipient.key, providerRef: receipt.providerRef, at: ctx.clock.now() };
  } catch (err) {
    const failure = failureOf(err, signal);
    const now = ctx.clock.now();
    if (failure.kind === 'throttled') pause(failure.retryAfterMs ?? ctx.config.channels.retry.baseDelayMs);
    const next = nextAttempt(ctx.config.channels.retry, failure, attempt, now, Math.random());
    if (next.dead) {
      await moveDeliveries(db, dispatch.id, [recipient.key], ['sending'], 'dead', now, { error_code: failure.code });
      if (failure.kind === 'gone' && channelKind(channel) === 'fan_out') await dropSubscription(ctx, recipient.key);
    } else if (failure.code === 'timeout') {
      // Abandoned while the provider may well have accepted it: as uncertain as a claim left by a dead
      // worker. It stays 'sending' and waits out the reconciliation window from now, so the provider's
      // receipt settles it; retried as 'pending', a receipt could no longer stop a second message.
      await moveDeliveries(db, dispatch.id, [recipient.key], ['sending'], 'sending', now, { error_code: failure.code });
      later(now.getTime() + reconcileWindowMs);
    } else {
      await moveDeliveries(db, dispatch.id, [recipient.key], ['sending'], 'pending', now, { error_code: failure.code, next_attempt_at: next.at });
      later(next.at.getTime());
    }
    ctx.log.warn({ channel, dispatchId: dispatch.id, code: failure.code, kind: failure.kind, attempt }, 'delivery failed');
    return null;
  }
}

/**
 * Claims again the uncertain claims whose reconciliation window has passed, only while they are still
 * the claims this job judged (same status, no newer claim): 'sending' stays 'sending', so no counter
 * moves. Returns the recipients claimed.
 */
async function reclaimUncertain(ctx: AppContext, dispatchId: string, recipients: readonly string[], claimedBefore: Date, now: Date): Promise<string[]> {
  if (recipients.length === 0) return [];
  const rows = await ctx.store.db
    .updateTable('deliveries')
    .set((eb) => ({ updated_at: now, attempts: eb('attempts', '+', 1) }))
    .where('dispatch_id', '=', dispatchId)
    .where('recipient', 'in', recipients)
    .where('status', '=', 'sending')
    .where('updated_at', '<=', claimedBefore)
    .returning('recipient')
    .execute();
  return rows.map((r) => r.recipient);
}

/**
 * A claim that has waited half its reconciliation window for its turn (a starved process, a slow
 * limiter) is renewed before the call, and only if it is still the claim this job took: past the
 * window another job (a pg-boss retry after a missed heartbeat, a follow-up) may judge it abandoned
 * and send it itself, and two senders of one claim are two messages to one person.
 */
async function claimStillMine(ctx: AppContext, dispatchId: string, recipient: string, claimedAt: Date, reconcileWindowMs: number): Promise<boolean> {
  const now = ctx.clock.now();
  if (now.getTime() - claimedAt.getTime() <= reconcileWindowMs / 2) return true;
  const renewed = await ctx.store.db
    .updateTable('deliveries')
    .set({ updated_at: now })
    .where('dispatch_id', '=', dispatchId)
    .where('recipient', '=', recipient)
    .where('status', '=', 'sending')
    .where('updated_at', '=', claimedAt)
    .returning('recipient')
    .execute();
  if (renewed.length === 0) ctx.log.warn({ dispatchId }, 'a claim that waited past half its window is no longer this job\'s; not sent');
  return renewed.length > 0;
}

/** The provider says the address no longer exists (Web Push 404/410…): stop sending to it. */
async function dropSubscription(ctx: AppContext, subscriptionId: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('subscription_cells').where('subscription_id', '=', subscriptionId).execute();
    await trx.updateTable('subscriptions').set({ status: 'unsubscribed', unsubscribed_at: ctx.clock.now(), updated_at: ctx.clock.now() }).where('id', '=', subscriptionId).where('status', '=', 'active').execute();
  });
}

/** Recomputes a dispatch's status from its counters; a finished retraction marks what it withdrew. */
export async function refreshDispatchStatus(ctx: AppContext, dispatchId: string): Promise<void> {
  const d = await findDispatch(ctx.store.db, dispatchId);
  if (!d) return;
  const status = dispatchStatus({ planned: d.planned, total: d.total, sent: d.sent, skipped: d.skipped, dead: d.dead, deferred: d.deferred }, d.retracted_at !== null);
  if (status !== d.status) {
    // Conditional on the status read: of two workers finishing one dispatch, one alone records the change.
    const [changed] = await ctx.store.db.updateTable('dispatches').set({ status, updated_at: ctx.clock.now() }).where('id', '=', d.id).where('status', '=', d.status).execute();
    // The dispatch row is written with the version, in the deciding transaction: its creation is the decision.
    if (changed && changed.numUpdatedRows > 0n && d.action === 'publish' && status === 'sent') ctx.metrics?.decisionToDelivery(d.channel, (ctx.clock.now().getTime() - d.created_at.getTime()) / 1000);
  }
  if (d.action === 'retract' && (status === 'sent' || status === 'partially_failed')) {
    await ctx.store.db
      .updateTable('dispatches')
      .set({ status: 'retracted', retracted_at: ctx.clock.now(), updated_at: ctx.clock.now() })
      .where('alert_id', '=', d.alert_id)
      .where('channel', '=', d.channel)
      .where('action', '=', 'publish')
      .where('retracted_at', 'is', null)
      .execute();
  }
}
