/**
 * A citizen subscribes from the public site. One transaction:
 * - Web Push: the browser's subscription is the proof of the browser's consent, so the subscription
 *   is active at once, with its cells;
 * - e-mail, SMS, WhatsApp: a pending subscription, and the `subscriptions.confirm` job (the outbox)
 *   whose worker calls issueConfirmation and sends the link or code through the channel adapter.
 *
 * A second sign-up for the same channel and address (found by address key, never by the address):
 * - pending: its area, languages, quiet hours and consent are replaced and a new secret is queued
 *   (at most once a minute, confirmation-rules.ts), which also restarts the try count;
 * - active (e-mail, SMS, WhatsApp): nothing changes and nothing is sent; only the try count of the
 *   code page restarts, as for a pending one. To change an area, one unsubscribes (link in every
 *   message, or STOP) and signs up again; the form says so;
 * - Web Push: the endpoint is a secret of that browser, so whoever posts it again is that browser:
 *   its preferences and keys are replaced at once and its cells rewritten.
 * The answer is the same in every case (subscription id and what to do next), so nobody learns
 * whether an address was already subscribed.
 *
 * Addresses never reach a log line: errors carry problem codes only.
 *
 * @example
 *   const r = await subscribe(ctx, { channel: 'sms', phone: '0612345678', areaKind: 'provinces', provinces: ['MA-CAS'],
 *     languages: ['ar-MA'], consent: true, consentVersion: CONSENT_WORDINGS.sms.version, language: 'ar-MA' });
 *   r.next; // 'code': show the code entry page for r.subscriptionId
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SubscriptionChannel } from '../../domain/distribution/channels.ts';
import { mayIssueSecret } from '../../domain/subscription/confirmation-rules.ts';
import { consentRecord } from '../../domain/subscription/consent-wording.ts';
import { cellRows } from '../../domain/subscription/subscription-area.ts';
import { type SubscriptionRequest, type ValidSubscription, validateSubscriptionRequest } from '../../domain/subscription/subscription-request.ts';
import type { DB } from '../../store/schema.ts';
import {
  activateSubscription,
  findLiveSubscription,
  insertSubscription,
  replaceSubscriptionCells,
  resetConfirmationAttempts,
  updateSubscriptionPreferences,
} from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';
import { addressKey, addressKeyCandidates } from './subscription-keys.ts';
import { isUniqueViolation, offeredChannels, secretKind, SUBSCRIPTION_CONFIRM_QUEUE, SubscriptionInputError } from './subscription-support.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

export interface SubscribeResult {
  readonly subscriptionId: string;
  readonly channel: SubscriptionChannel;
  /** Next step: none (Web Push is active), type the code sent by SMS/WhatsApp, or follow the e-mailed link. */
  readonly next: 'active' | 'code' | 'link';
  /** Web Push only (the browser holds its own endpoint): the one-action unsubscribe link. */
  readonly unsubscribeUrl: string | null;
}

const queueConfirmation = (ctx: AppContext, trx: Transaction<DB>, subscriptionId: string): Promise<void> =>
  ctx.jobs.send(trx, SUBSCRIPTION_CONFIRM_QUEUE, { subscriptionId }, { singletonKey: subscriptionId });

async function subscribeWebPush(ctx: AppContext, trx: Transaction<DB>, v: ValidSubscription, now: Date): Promise<string> {
  const existing = await findLiveSubscription(trx, 'webpush', addressKeyCandidates(ctx.keys, v.address), { forUpdate: true });
  const cells = cellRows(v.cells);
  const preferences = { languages: v.languages, area: { ...v.area }, quietHours: v.quietHours, consent: { ...consentRecord('webpush', v.language, now) }, addressKey: addressKey(ctx.keys, v.address), pushKeys: v.pushKeys };
  if (existing) {
    await updateSubscriptionPreferences(trx, existing.id, preferences, now);
    if (existing.status === 'active') await replaceSubscriptionCells(trx, existing.id, 'webpush', cells);
    else await activateSubscription(trx, existing.id, 'webpush', cells, now);
    return existing.id;
  }
  const id = randomUUID();
  await insertSubscription(trx, { id, channel: 'webpush', status: 'active', address: v.address, ...preferences, at: now });
  await replaceSubscriptionCells(trx, id, 'webpush', cells);
  return id;
}

async function subscribeWithConfirmation(ctx: AppContext, trx: Transaction<DB>, v: ValidSubscription, kind: 'code' | 'link', now: Date): Promise<string> {
  const existing = await findLiveSubscription(trx, v.channel, addressKeyCandidates(ctx.keys, v.address), { forUpdate: true });
  const preferences = { languages: v.languages, area: { ...v.area }, quietHours: v.quietHours, consent: { ...consentRecord(v.channel, v.language, now) }, addressKey: addressKey(ctx.keys, v.address) };
  if (!existing) {
    const id = randomUUID();
    await insertSubscription(trx, { id, channel: v.channel, status: 'pending', address: v.address, pushKeys: null, ...preferences, at: now });
    await queueConfirmation(ctx, trx, id);
    return id;
  }
  const resend = mayIssueSecret(existing.confirm_expires_at, kind, now);
  if (existing.status === 'pending') {
    await updateSubscriptionPreferences(trx, existing.id, preferences, now);
    if (resend) await queueConfirmation(ctx, trx, existing.id);
  } else if (resend) {
    // Active: nothing to send, but the code page behaves as for a pending sign-up (tries restart).
    await resetConfirmationAttempts(trx, existing.id, now);
  }
  return existing.id;
}

export async function subscribe(ctx: AppContext, request: SubscriptionRequest): Promise<SubscribeResult> {
  const checked = validateSubscriptionRequest(request, ctx.geo, offeredChannels(ctx.config));
  if (!checked.ok) throw new SubscriptionInputError(checked.problems);
  const v = checked.value;
  const kind = secretKind(v.channel);
  const run = () =>
    ctx.store.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      return kind === null ? subscribeWebPush(ctx, trx, v, now) : subscribeWithConfirmation(ctx, trx, v, kind, now);
    });
  let id: string;
  try {
    id = await run();
  } catch (err) {
    // Two sign-ups for one address at the same moment: the loser finds the winner's row and joins it.
    if (!isUniqueViolation(err)) throw err;
    id = await run();
  }
  return { subscriptionId: id, channel: v.channel, next: kind === null ? 'active' : kind, unsubscribeUrl: kind === null ? unsubscribeUrl(ctx, id) : null };
}
