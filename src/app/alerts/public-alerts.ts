/**
 * Public alerts read from the store: only published versions, only their public content. A draft or an
 * alert awaiting decisions does not exist for the public; an ended alert is its "ended" card; the photo
 * is served only while the alert is active and only if the version published one.
 */
import { createHash } from 'node:crypto';
import type { ActivePublicAlert, PublicAlertView } from '../../domain/alert/public-alert.ts';
import { findPhotoBytes } from '../../store/repositories/photos.repository.ts';
import { findAlertByPublicId, findAlertHead, latestPublicContent, latestVersion } from '../../store/repositories/alerts.repository.ts';
import type { AppContext } from '../context.ts';
import { renderPoster } from '../../adapters/posters/poster.ts';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import { viewFromStored } from './public-view.ts';
import { sql } from 'kysely';

const PUBLIC_ID = /^[A-Z0-9]{6,16}$/;

export interface PublicPhoto {
  readonly bytes: Buffer;
  readonly etag: string;
}

/**
 * Parsed views of active alerts, by alert and version: during a surge the same page is asked for
 * thousands of times a second, and a published version's content never changes. Ended alerts are
 * never kept: their content may later be redacted by retention.
 */
const activeViews = new Map<string, PublicAlertView>();
const VIEWS_KEPT = 200;

/**
 * The state and current version of active alerts, read at most once a second per alert: in a surge
 * that one indexed row per request was most of a page's cost. A change made in this process (an
 * update, the end, a closure) forgets them all at once; one made by another process shows within
 * HEAD_TTL_MS, far inside the minute the closure rule allows (issue #8). Only active alerts are kept,
 * so a page that ends stays ended.
 */
const HEAD_TTL_MS = 1_000;
const HEADS_KEPT = 1_000;
type AlertHead = NonNullable<Awaited<ReturnType<typeof findAlertHead>>>;
const activeHeads = new Map<string, { readonly head: AlertHead; readonly until: number; readonly generation: number }>();
let headGeneration = 0;

/** Called once a transaction that changed an alert has committed: every page re-reads its alert. */
export function alertsChangedHere(): void {
  headGeneration += 1;
  activeHeads.clear();
}

async function alertHead(ctx: AppContext, publicId: string): Promise<AlertHead | undefined> {
  const now = performance.now();
  const kept = activeHeads.get(publicId);
  if (kept && kept.until > now && kept.generation === headGeneration) return kept.head;
  const generation = headGeneration;
  const head = await findAlertHead(ctx.store.db, publicId);
  if (head?.state === 'active' && generation === headGeneration) {
    if (activeHeads.size >= HEADS_KEPT) activeHeads.delete(activeHeads.keys().next().value ?? '');
    activeHeads.set(publicId, { head, until: now + HEAD_TTL_MS, generation });
  } else activeHeads.delete(publicId);
  return head;
}

export async function publicAlert(ctx: AppContext, publicId: string): Promise<PublicAlertView | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  const head = await alertHead(ctx, publicId);
  if (!head || head.current_version === 0) return undefined;
  const key = `${head.id}:${head.current_version}`;
  const kept = head.state === 'active' ? activeViews.get(key) : undefined;
  if (kept) return kept;
  const version = await latestPublicContent(ctx.store.db, head.id);
  if (!version) return undefined;
  const view = viewFromStored(version.public_content);
  if (head.state === 'active' && view.state === 'active' && version.version === head.current_version) {
    if (activeViews.size >= VIEWS_KEPT) activeViews.delete(activeViews.keys().next().value ?? '');
    activeViews.set(key, view);
  }
  return view;
}

export async function activePublicAlerts(ctx: AppContext, limit: number): Promise<ActivePublicAlert[]> {
  const rows = await ctx.store.db
    .selectFrom('alerts as a')
    .innerJoin('alert_versions as v', (j) => j.onRef('v.alert_id', '=', 'a.id').on(sql<boolean>`v.version = a.current_version`))
    .select(['v.public_content'])
    .where('a.state', '=', 'active')
    .orderBy('a.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => viewFromStored(r.public_content)).filter((v): v is ActivePublicAlert => v.state === 'active');
}

/** Rendered share cards, by alert version and language: rendering takes a fraction of a second. */
const cards = new Map<string, PublicPhoto>();
const CARDS_KEPT = 200;

/**
 * 'page': the published photo as stored (only if the version published one). 'og': the 1200×630 share
 * card in `lang`, a poster with the photo when there is one. Only while the alert is active.
 */
export async function publicAlertPhoto(ctx: AppContext, publicId: string, variant: 'page' | 'og', lang: AlertLanguage = 'ar-MA'): Promise<PublicPhoto | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (alert?.state !== 'active') return undefined;
  const version = await latestVersion(ctx.store.db, alert.id);
  if (!version) return undefined;
  const found = version.photo_id ? await findPhotoBytes(ctx.store.db, version.photo_id, 'full') : undefined;
  const photo = found && found.photo.publishable && !found.photo.encrypted && !found.photo.deletedAt ? found : undefined;
  if (variant === 'page') {
    return photo ? { bytes: photo.stored, etag: `"${createHash('sha256').update('page').update(photo.photo.sha256).digest('hex').slice(0, 32)}"` } : undefined;
  }
  const key = `${version.cap_identifier}:${lang}`;
  const cached = cards.get(key);
  if (cached) return cached;
  const view = viewFromStored(version.public_content);
  if (view.state !== 'active') return undefined;
  const card = { bytes: await renderPoster(view, lang, 'og', photo?.stored ?? null), etag: `"${createHash('sha256').update(key).digest('hex').slice(0, 32)}"` };
  if (cards.size >= CARDS_KEPT) cards.delete(cards.keys().next().value ?? '');
  cards.set(key, card);
  return card;
}
