/**
 * OutboundAlert fixtures for channel adapter tests: the public site's literal views
 * (src/http/public/public-alert-fixtures.test-support.ts) wrapped as the dispatcher hands a published
 * version to a channel, with real posters rendered by src/adapters/posters/poster.ts (cached per
 * language and format, as the real message does).
 *
 * @example
 *   const message = outboundAlert(yasmine());
 *   const closing = outboundAlert(endedAlert('found'));
 */
import sharp from 'sharp';
import type { OutboundAlert, PosterFormat } from '../../src/app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../src/domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert } from '../../src/domain/alert/public-alert.ts';
import { renderFoundCard, renderPoster } from '../../src/adapters/posters/poster.ts';

let photo: Promise<Buffer> | null = null;
/** A synthetic "photo" (a gradient), made once. */
function syntheticPhoto(): Promise<Buffer> {
  photo ??= (async () => {
    const [w, h] = [480, 640];
    const raw = Buffer.alloc(w * h * 3);
    for (let i = 0; i < raw.length; i += 3) {
      const px = i / 3;
      raw[i] = (px % w) / 2;
      raw[i + 1] = Math.floor(px / w) / 3;
      raw[i + 2] = 160;
    }
    return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  })();
  return photo;
}

/** The returned `posterCalls` lists every poster() call ("ar-MA/og"), to check what a channel asked for. */
export function outboundAlert(view: ActivePublicAlert | EndedPublicAlert, over: Partial<OutboundAlert> = {}): OutboundAlert & { readonly posterCalls: string[] } {
  const cache = new Map<string, Promise<Buffer>>();
  const posterCalls: string[] = [];
  const active = view.state === 'active';
  const pageUrl = `https://tifli.test/alerts/${view.publicId}`;
  const sentAt = active ? view.sentAt : view.endedAt;
  return {
    action: active ? 'publish' : 'retract',
    alertId: `alert-${view.publicId}`,
    publicId: view.publicId,
    version: view.version,
    msgType: active ? (view.version > 1 ? 'Update' : 'Alert') : 'Cancel',
    updateKind: active && view.version > 1 ? 'sighting' : null,
    exercise: view.exercise,
    pageUrl,
    expiresAt: active ? view.expiresAt : new Date(view.endedAt.getTime() + 86_400_000),
    sentAt,
    view,
    capXml: `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${view.publicId}</identifier></alert>`,
    topic: `alert-${view.publicId}`,
    posterUrl: (lang: AlertLanguage, format: PosterFormat) => `${pageUrl}/poster-${lang}-${format}.jpg`,
    poster(lang: AlertLanguage, format: PosterFormat) {
      posterCalls.push(`${lang}/${format}`);
      const key = `${lang}/${format}`;
      let jpeg = cache.get(key);
      if (!jpeg) {
        jpeg = view.state === 'active' ? syntheticPhoto().then((p) => renderPoster(view, lang, format, view.photo ? p : null)) : renderFoundCard(view, lang, format);
        cache.set(key, jpeg);
      }
      return jpeg;
    },
    ...over,
    posterCalls,
  };
}
