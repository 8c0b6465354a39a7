/**
 * Builds what channels receive for one published version (channel-port.ts OutboundAlert) from the
 * stored version only: its public view, its CAP document and posters rendered from that view. A Cancel
 * carries the ended view, so its posters are the "found — thank you" / "ended" cards (no photo, no name).
 *
 * Posters are public at `/alerts/{publicId}/posters/{version}/{lang}-{format}.jpg` (versionPoster), so
 * providers that fetch images by URL (Instagram, WhatsApp headers) get the same bytes.
 *
 * @example
 *   const message = await outboundAlert(ctx, dispatch.alert_id, dispatch.version, 'publish');
 */
import { createHash } from 'node:crypto';
import { renderFoundCard, renderPoster } from '../../adapters/posters/poster.ts';
import { type AlertLanguage, LANGUAGE_KEYS } from '../../domain/alert-text/alert-languages.ts';
import type { DispatchAction } from '../../domain/distribution/channels.ts';
import { findAlert } from '../../store/repositories/alerts.repository.ts';
import { findPhotoBytes } from '../../store/repositories/photos.repository.ts';
import type { AppContext } from '../context.ts';
import { viewFromStored } from '../alerts/public-view.ts';
import type { OutboundAlert, PosterFormat } from './channel-port.ts';

const POSTER_FORMATS: readonly PosterFormat[] = ['square', 'story', 'og'];

/** Rendered posters by version, language and format: a fan-out asks for the same few images many times. */
const posters = new Map<string, Promise<Buffer>>();
const POSTERS_KEPT = 120;

function cached(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  const hit = posters.get(key);
  if (hit) return hit;
  const p = render();
  // A failed render is not kept: the next delivery tries again.
  p.catch(() => posters.delete(key));
  if (posters.size >= POSTERS_KEPT) posters.delete(posters.keys().next().value ?? '');
  posters.set(key, p);
  return p;
}

export const posterPath = (publicId: string, version: number, lang: AlertLanguage, format: PosterFormat): string => `/alerts/${publicId}/posters/${version}/${LANGUAGE_KEYS[lang]}-${format}.jpg`;

/** Parses the `{lang}-{format}` file name of a poster URL. */
export function parsePosterName(name: string): { lang: AlertLanguage; format: PosterFormat } | undefined {
  const m = /^(ar|fr|zgh)-(square|story|og)$/.exec(name);
  if (!m) return undefined;
  const lang = (Object.keys(LANGUAGE_KEYS) as AlertLanguage[]).find((l) => LANGUAGE_KEYS[l] === m[1]);
  const format = POSTER_FORMATS.find((f) => f === m[2]);
  return lang && format ? { lang, format } : undefined;
}

interface LoadedVersion {
  readonly alertId: string;
  readonly publicId: string;
  readonly exercise: boolean;
  readonly alertState: string;
  readonly row: { version: number; msg_type: 'Alert' | 'Update' | 'Cancel'; update_kind: string | null; sent_at: Date; expires_at: Date; public_content: Record<string, unknown>; cap_xml: string; photo_id: string | null };
}

async function loadVersion(ctx: AppContext, alertId: string, version: number): Promise<LoadedVersion | undefined> {
  const alert = await findAlert(ctx.store.db, alertId);
  if (!alert) return undefined;
  const row = await ctx.store.db.selectFrom('alert_versions').selectAll().where('alert_id', '=', alertId).where('version', '=', version).executeTakeFirst();
  if (!row || row.redacted_at) return undefined;
  return { alertId, publicId: alert.public_id, exercise: alert.is_exercise, alertState: alert.state, row };
}

async function renderVersionPoster(ctx: AppContext, v: LoadedVersion, lang: AlertLanguage, format: PosterFormat): Promise<Buffer> {
  return cached(`${v.alertId}:${v.row.version}:${lang}:${format}`, async () => {
    const view = viewFromStored(v.row.public_content);
    if (view.state === 'ended') return renderFoundCard(view, lang, format);
    const found = v.row.photo_id ? await findPhotoBytes(ctx.store.db, v.row.photo_id, 'full') : undefined;
    const photo = found && found.photo.publishable && !found.photo.encrypted && !found.photo.deletedAt ? found.stored : null;
    return renderPoster(view, lang, format, photo);
  });
}

export async function outboundAlert(ctx: AppContext, alertId: string, version: number, action: DispatchAction): Promise<OutboundAlert | undefined> {
  const v = await loadVersion(ctx, alertId, version);
  if (!v) return undefined;
  const view = viewFromStored(v.row.public_content);
  const base = ctx.config.publicBaseUrl;
  return {
    action,
    alertId,
    publicId: v.publicId,
    version,
    msgType: v.row.msg_type,
    updateKind: v.row.update_kind,
    exercise: v.exercise,
    pageUrl: `${base}/alerts/${v.publicId}`,
    expiresAt: v.row.expires_at,
    sentAt: v.row.sent_at,
    view,
    capXml: v.row.cap_xml,
    // Stable per alert so an Update or the Cancel replaces a push still waiting on the device.
    topic: `tifli-${createHash('sha256').update(alertId).digest('base64url').slice(0, 20)}`,
    posterUrl: (lang, format) => `${base}${posterPath(v.publicId, version, lang, format)}`,
    poster: (lang, format) => renderVersionPoster(ctx, v, lang, format),
  };
}

/**
 * A version's poster for the public URL: an active version's posters only while the alert is active
 * (they carry the photo and the name), an ended card always.
 */
export async function versionPoster(ctx: AppContext, publicId: string, version: number, lang: AlertLanguage, format: PosterFormat): Promise<{ bytes: Buffer; etag: string } | undefined> {
  const alert = await ctx.store.db.selectFrom('alerts').select(['id', 'state']).where('public_id', '=', publicId).executeTakeFirst();
  if (!alert) return undefined;
  const v = await loadVersion(ctx, alert.id, version);
  if (!v) return undefined;
  if (v.row.msg_type !== 'Cancel' && v.alertState !== 'active') return undefined;
  const bytes = await renderVersionPoster(ctx, v, lang, format);
  return { bytes, etag: `"${createHash('sha256').update(`${alert.id}:${version}:${lang}:${format}`).digest('hex').slice(0, 32)}"` };
}

const warmed = new Set<string>();

/**
 * One at a time, in the order deliveries ask for them (Facebook's Arabic square, the e-mails' og cards,
 * then the rest for the Meta hand-off): nine at once took both cores from planning and every other
 * channel's sends, and the first posts waited for the last poster.
 */
const WARM_ORDER: readonly (readonly [AlertLanguage, PosterFormat])[] = [
  ['ar-MA', 'square'],
  ['ar-MA', 'og'],
  ['fr-MA', 'og'],
  ['zgh-Tfng', 'og'],
  ['fr-MA', 'square'],
  ['zgh-Tfng', 'square'],
  ['ar-MA', 'story'],
  ['fr-MA', 'story'],
  ['zgh-Tfng', 'story'],
];

/**
 * Starts rendering a version's posters in the background as soon as it is planned, so the deliveries
 * that need them (Facebook, e-mail, the Meta hand-off) find them ready. Once per version per process.
 */
export function warmPosters(ctx: AppContext, alertId: string, version: number): void {
  const key = `${alertId}:${version}`;
  if (warmed.has(key)) return;
  warmed.add(key);
  if (warmed.size > POSTERS_KEPT) warmed.delete(warmed.values().next().value ?? '');
  void loadVersion(ctx, alertId, version)
    .then(async (v) => {
      if (!v) return;
      for (const [lang, format] of WARM_ORDER) await renderVersionPoster(ctx, v, lang, format);
    })
    .catch((err: unknown) => {
      // A failed warm-up costs nothing: the delivery renders (and reports) on its own.
      ctx.log.warn({ alertId, version, err: err instanceof Error ? err.message : 'error' }, 'poster warm-up failed');
    });
}
