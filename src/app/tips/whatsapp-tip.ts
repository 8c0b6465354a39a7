/**
 * A citizen's WhatsApp message to our number becomes a tip on the alert they were sent: the alert the
 * replied-to message carried (the message's context id is our wamid, found in deliveries.provider_ref),
 * else the latest active alert delivered over WhatsApp to the sender's subscription. Meta may deliver a
 * message more than once: the message id makes it one tip at most. The webhook route has verified
 * Meta's signature already. The sender's number is RESTRICTED: sealed with the case's data key like
 * any tipster's contact, never logged (the outcome below carries no number, text or id).
 *
 * There is no form to send back, so the text is cleaned rather than refused (control characters
 * dropped, kept whole up to WhatsApp's own 4,096 characters).
 *
 * @example
 *   const outcome = await tipFromWhatsApp(ctx, { id: 'wamid.HBg…', from: '+212612345678', text: 'Je l’ai vue à la gare', replyTo: 'wamid.ABC…' });
 *   outcome; // 'stored' | 'duplicate' | 'no_alert' | 'alert_not_active' | 'empty'
 */
import { cleanTipText, LONE_SURROGATE } from '../../domain/tips/intake-validation.ts';
import { WHATSAPP_TIP_MAX } from '../../domain/tips/tip-fields.ts';
import { normalizePhone } from '../../domain/subscription/phone-number.ts';
import { AppError } from '../../domain/errors.ts';
import { findLiveSubscriptionIds } from '../../store/repositories/subscriptions.repository.ts';
import { findAlertOfWhatsAppMessage, findLatestActiveAlertSentTo, findTipAlert } from '../../store/repositories/tips.repository.ts';
import type { AppContext } from '../context.ts';
import { addressKeyCandidates } from '../subscriptions/subscription-keys.ts';
import { submitTip } from './submit-tip.ts';

export interface WhatsAppTipMessage {
  /** Meta's message id (wamid). */
  readonly id: string;
  /** E.164 sender. */
  readonly from: string;
  readonly text: string;
  /** The wamid of our message this one replies to. */
  readonly replyTo?: string;
}

export type WhatsAppTipOutcome = 'stored' | 'duplicate' | 'no_alert' | 'alert_not_active' | 'empty';

// Control characters other than line breaks and tabs are dropped, not refused.
const CONTROL = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]/gu;

async function alertFor(ctx: AppContext, m: WhatsAppTipMessage, phone: string): Promise<{ alertId: string; version: number } | undefined> {
  if (m.replyTo !== undefined) {
    const replied = await findAlertOfWhatsAppMessage(ctx.store.db, m.replyTo);
    if (replied) return replied;
  }
  const ids = await findLiveSubscriptionIds(ctx.store.db, 'whatsapp', addressKeyCandidates(ctx.keys, phone));
  return findLatestActiveAlertSentTo(ctx.store.db, ids);
}

export async function tipFromWhatsApp(ctx: AppContext, m: WhatsAppTipMessage): Promise<WhatsAppTipOutcome> {
  const cleaned = cleanTipText(m.text.replace(CONTROL, '').replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\uFFFD'), WHATSAPP_TIP_MAX, false);
  if (!cleaned.ok || cleaned.value === null) return 'empty';
  const phone = normalizePhone(m.from, 'lookup');
  if (!phone.ok) return 'no_alert';
  const target = await alertFor(ctx, m, phone.e164);
  if (!target) return 'no_alert';
  const alert = await findTipAlert(ctx.store.db, { alertId: target.alertId });
  if (alert?.state !== 'active') return 'alert_not_active';
  try {
    const receipt = await submitTip(ctx, {
      alert: { alertId: target.alertId },
      origin: { kind: 'whatsapp', messageId: m.id },
      draft: {
        seen: cleaned.value,
        seenAt: null,
        place: null,
        point: null,
        contact: { name: null, phone: phone.e164, callbackConsent: false, whatsappSender: true },
        language: null,
        alertVersion: target.version,
      },
    });
    return receipt.replayed ? 'duplicate' : 'stored';
  } catch (err) {
    // The alert ended between the lookup and the insert.
    if (err instanceof AppError && (err.code === 'alert_ended' || err.code === 'not_found')) return 'alert_not_active';
    throw err;
  }
}
