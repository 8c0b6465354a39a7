/**
 * An OutboundAlert for the channel tests, built from a public view fixture the way the dispatcher builds
 * one from a published version: a Cancel for an ended view ('retract'), an Alert or Update otherwise
 * ('publish'), with real posters (renderPoster / renderFoundCard, rendered once per language and format).
 * Poster URLs say which card they are ("poster" or "card") so tests can tell them apart.
 *
 * @example
 *   const message = outboundAlert(yasmine());
 *   const card = outboundAlert(endedAlert('found'));
 */
import type { OutboundAlert, PosterFormat } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert } from '../../../domain/alert/public-alert.ts';
import { renderFoundCard, renderPoster } from '../../posters/poster.ts';

export const SITE = 'https://tifli.example';

export function outboundAlert(view: ActivePublicAlert | EndedPublicAlert, over: Partial<OutboundAlert> = {}): OutboundAlert {
  const ended = view.state === 'ended';
  const posters = new Map<string, Promise<Buffer>>();
  const sentAt = ended ? view.endedAt : view.sentAt;
  return {
    action: ended ? 'retract' : 'publish',
    alertId: `alert-${view.publicId}`,
    publicId: view.publicId,
    version: view.version,
    msgType: ended ? 'Cancel' : view.version === 1 ? 'Alert' : 'Update',
    updateKind: ended || view.version === 1 ? null : 'text',
    exercise: view.exercise,
    pageUrl: `${SITE}/alerts/${view.publicId}`,
    expiresAt: ended ? new Date(view.endedAt.getTime() + 86_400_000) : view.expiresAt,
    sentAt,
    view,
    capXml: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>',
    topic: `alert-${view.publicId}`,
    posterUrl: (lang: AlertLanguage, format: PosterFormat) => `${SITE}/alerts/${view.publicId}/v${view.version}/${ended ? 'card' : 'poster'}-${lang}-${format}.jpg`,
    poster: (lang: AlertLanguage, format: PosterFormat) => {
      const key = `${lang}/${format}`;
      let jpeg = posters.get(key);
      if (!jpeg) {
        jpeg = ended ? renderFoundCard(view, lang, format) : renderPoster(view, lang, format, null);
        posters.set(key, jpeg);
      }
      return jpeg;
    },
    ...over,
  };
}

/** A delivery of `message` to a broadcast target, as the dispatcher hands it over. */
export function broadcastDelivery(message: OutboundAlert, target: string, previousRefs: readonly string[] = [], signal: AbortSignal = AbortSignal.timeout(20_000)) {
  return {
    idempotencyKey: `${message.alertId}:v${message.version}:${target}`,
    message,
    recipient: { key: target, address: '', language: 'ar-MA' as const, unsubscribeUrl: null },
    previousRefs,
    signal,
  };
}
