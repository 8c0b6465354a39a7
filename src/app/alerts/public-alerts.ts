/**
 * Public alerts read from the store: only published versions, only their public content. A draft or an
 * alert awaiting decisions does not exist for the public; an ended alert is its "ended" card; the photo
 * is served only while the alert is active and only if the version published one.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ActivePublicAlert, PublicAlertView } from '../../domain/alert/public-alert.ts';
import { findPhotoBytes } from '../../store/repositories/photos.repository.ts';
import { findAlertByPublicId, latestVersion } from '../../store/repositories/alerts.repository.ts';
import type { AppContext } from '../context.ts';
import { viewFromStored } from './public-view.ts';
import { sql } from 'kysely';

const PUBLIC_ID = /^[A-Z0-9]{6,16}$/;

export interface PublicPhoto {
  readonly bytes: Buffer;
  readonly etag: string;
}

export async function publicAlert(ctx: AppContext, publicId: string): Promise<PublicAlertView | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (!alert || alert.current_version === 0) return undefined;
  const version = await latestVersion(ctx.store.db, alert.id);
  return version ? viewFromStored(version.public_content) : undefined;
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

/** The published photo ('page': as stored; 'og': 1200×630 for share previews), while the alert is active. */
export async function publicAlertPhoto(ctx: AppContext, publicId: string, variant: 'page' | 'og'): Promise<PublicPhoto | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (alert?.state !== 'active') return undefined;
  const version = await latestVersion(ctx.store.db, alert.id);
  if (!version?.photo_id) return undefined;
  const found = await findPhotoBytes(ctx.store.db, version.photo_id, 'full');
  if (!found || !found.photo.publishable || found.photo.encrypted || found.photo.deletedAt) return undefined;
  const bytes = variant === 'page' ? found.stored : await sharp(found.stored).resize(1200, 630, { fit: 'contain', background: '#ffffff' }).jpeg({ quality: 82 }).toBuffer();
  return { bytes, etag: `"${createHash('sha256').update(variant).update(found.photo.sha256).digest('hex').slice(0, 32)}"` };
}
