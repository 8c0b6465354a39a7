/**
 * For the police-notice tests: a published alert (the demo exercise, through the real decision chain),
 * its police units, and its stored versions turned into the OutboundAlert the dispatcher would hand a
 * channel. Notices reference alert_versions, so the tests need real versions, not literals.
 *
 * @example
 *   const { alertId, message } = await publishedExercise(t);
 *   await channel.deliver({ idempotencyKey: 'k', message, recipient: unitRecipient('MA-RAB-U01'), previousRefs: [], signal });
 */
import type { OutboundAlert, Recipient } from '../../../app/distribution/channel-port.ts';
import type { AppContext } from '../../../app/context.ts';
import { seedDemo } from '../../../app/demo/seed-demo.ts';
import { viewFromStored } from '../../../app/alerts/public-view.ts';
import { findAlertByPublicId, latestVersion } from '../../../store/repositories/alerts.repository.ts';

export function unitRecipient(key: string): Recipient {
  return { key, address: '', language: 'fr-MA', unsubscribeUrl: null };
}

/** The latest stored version of an alert as a channel sees it (posters are not needed by this channel). */
export async function storedOutbound(ctx: AppContext, alertId: string, publicId: string): Promise<OutboundAlert> {
  const v = await latestVersion(ctx.store.db, alertId);
  if (!v) throw new Error('the alert has no version');
  const view = viewFromStored(v.public_content);
  return {
    action: v.msg_type === 'Cancel' ? 'retract' : 'publish',
    alertId,
    publicId,
    version: v.version,
    msgType: v.msg_type,
    updateKind: v.update_kind,
    exercise: view.exercise,
    pageUrl: `${ctx.config.publicBaseUrl}/alerts/${publicId}`,
    expiresAt: v.expires_at,
    sentAt: v.sent_at,
    view,
    capXml: v.cap_xml,
    topic: `alert-${publicId}`,
    posterUrl: (lang, format) => `${ctx.config.publicBaseUrl}/alerts/${publicId}/poster-${lang}-${format}.jpg`,
    poster: () => Promise.reject(new Error('posters are not part of the police notice')),
  };
}

/** Seeds the demo exercise (an active alert in Rabat) and returns its version 1 as an OutboundAlert. */
export async function publishedExercise(ctx: AppContext): Promise<{ alertId: string; publicId: string; message: OutboundAlert }> {
  const demo = await seedDemo(ctx);
  const publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (!alert) throw new Error('the demo alert is missing');
  return { alertId: alert.id, publicId, message: await storedOutbound(ctx, alert.id, publicId) };
}
