/**
 * Makes the secret of a pending subscription's confirmation, for the `subscriptions.confirm` job's
 * worker to send through the channel adapter (ChannelAdapter.sendConfirmation). The secret exists in
 * clear only in the returned value: the row keeps its keyed hash, its expiry and a fresh try count.
 * Each call replaces the previous secret (a retried job sends a new code; the old one stops working).
 *
 * Returns null when there is nothing to send: the subscription is gone, unsubscribed or already
 * active (a job retried after the person confirmed), or it is a Web Push one (no confirmation).
 *
 * @example
 *   const c = await issueConfirmation(ctx, subscriptionId);
 *   if (c) await adapters.get(c.channel)?.sendConfirmation?.({ idempotencyKey: `confirm:${c.subscriptionId}:${c.issuedAt.getTime()}`,
 *     recipient: { key: c.subscriptionId, address: c.address, language: c.language, unsubscribeUrl: c.unsubscribeUrl }, code: c.code, link: c.link, signal });
 */
import { randomInt } from 'node:crypto';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import { CONFIRMATION_RULES, secretTtlMs } from '../../domain/subscription/confirmation-rules.ts';
import { findSubscriptionById, setConfirmationSecret } from '../../store/repositories/subscriptions.repository.ts';
import { randomToken } from '../accounts/secrets.ts';
import type { AppContext } from '../context.ts';
import { compactId, confirmationHash, isUuid } from './subscription-keys.ts';
import { languageOf, secretKind } from './subscription-support.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

export interface IssuedConfirmation {
  readonly subscriptionId: string;
  readonly channel: 'email' | 'sms' | 'whatsapp';
  /** E-mail address or E.164 number: restricted, for the adapter only, never logged. */
  readonly address: string;
  /** The language the person signed up in. */
  readonly language: AlertLanguage;
  /** Six digits (SMS, WhatsApp), else null. */
  readonly code: string | null;
  /** The confirmation link (e-mail), else null. */
  readonly link: string | null;
  /** Where the person can stop at once (e.g. "did not ask for this? unsubscribe"). */
  readonly unsubscribeUrl: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** The confirmation link's path; its token is "<compact id>.<secret>". */
export const CONFIRM_LINK_PATH = '/subscriptions/confirm';

export async function issueConfirmation(ctx: AppContext, subscriptionId: string): Promise<IssuedConfirmation | null> {
  if (!isUuid(subscriptionId)) return null;
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await findSubscriptionById(trx, subscriptionId, { forUpdate: true });
    if (!row || row.status !== 'pending' || row.channel === 'webpush') return null;
    const kind = secretKind(row.channel);
    if (kind === null) return null;
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + secretTtlMs(kind));
    const secret = kind === 'code' ? String(randomInt(0, 10 ** CONFIRMATION_RULES.codeDigits)).padStart(CONFIRMATION_RULES.codeDigits, '0') : randomToken();
    await setConfirmationSecret(trx, row.id, confirmationHash(ctx.keys, row.id, kind, secret), expiresAt, now);
    return {
      subscriptionId: row.id,
      channel: row.channel,
      address: row.address,
      language: languageOf(row),
      code: kind === 'code' ? secret : null,
      link: kind === 'link' ? `${ctx.config.publicBaseUrl}${CONFIRM_LINK_PATH}?t=${compactId(row.id)}.${secret}` : null,
      unsubscribeUrl: unsubscribeUrl(ctx, row.id),
      issuedAt: now,
      expiresAt,
    };
  });
}
