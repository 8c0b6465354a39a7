/**
 * The second step of the double opt-in: the code typed back (SMS, WhatsApp) or the e-mailed link
 * followed. Success turns a pending subscription active and writes its cells in the same
 * transaction; from then on it matches alert zones. The rules (expiry, 5 tries, idempotence, what
 * each outcome reveals) are in domain/subscription/confirmation-rules.ts.
 *
 * @example
 *   await confirm(ctx, { subscriptionId, code: '123456' });  // 'confirmed' | 'wrong' | 'expired' | 'locked'
 *   await confirmByLink(ctx, token);                         // 'confirmed' | 'expired' | 'invalid'
 */
import { type CodeOutcome, judgeCode, type LinkOutcome, normalizeCode } from '../../domain/subscription/confirmation-rules.ts';
import { activateSubscription, countWrongConfirmation, findSubscriptionById } from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';
import { confirmationMatches, expandId, isUuid } from './subscription-keys.ts';
import { cellsOfRow } from './subscription-support.ts';

/** Longest code input read (six digits with some spacing). */
export const CODE_INPUT_MAX = 20;

export async function confirm(ctx: AppContext, input: { readonly subscriptionId: string; readonly code: string }): Promise<CodeOutcome> {
  if (!isUuid(input.subscriptionId)) return 'wrong';
  const code = input.code.length <= CODE_INPUT_MAX ? normalizeCode(input.code) : undefined;
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await findSubscriptionById(trx, input.subscriptionId, { forUpdate: true });
    if (!row || row.status === 'unsubscribed' || (row.channel !== 'sms' && row.channel !== 'whatsapp')) return 'wrong';
    const now = ctx.clock.now();
    const matches = code !== undefined && confirmationMatches(ctx.keys, row.confirm_secret_hash, row.id, 'code', code);
    const judged = judgeCode({ attempts: row.confirm_attempts, expiresAt: row.confirm_expires_at, matches }, now);
    if (judged.countTry) await countWrongConfirmation(trx, row.id, now);
    if (judged.outcome === 'confirmed' && row.status === 'pending') await activateSubscription(trx, row.id, row.channel, cellsOfRow(ctx, row), now);
    return judged.outcome;
  });
}

const LINK_TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export async function confirmByLink(ctx: AppContext, token: string): Promise<LinkOutcome> {
  const m = LINK_TOKEN.exec(token);
  const id = m ? expandId(m[1] ?? '') : undefined;
  const secret = m?.[2];
  if (!id || secret === undefined) return 'invalid';
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await findSubscriptionById(trx, id, { forUpdate: true });
    if (!row || row.status === 'unsubscribed' || row.channel !== 'email') return 'invalid';
    if (!confirmationMatches(ctx.keys, row.confirm_secret_hash, row.id, 'link', secret)) return 'invalid';
    const now = ctx.clock.now();
    if (row.confirm_expires_at === null || row.confirm_expires_at.getTime() <= now.getTime()) return 'expired';
    if (row.status === 'pending') await activateSubscription(trx, row.id, row.channel, cellsOfRow(ctx, row), now);
    return 'confirmed';
  });
}
