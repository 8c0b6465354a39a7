/**
 * The port the public site reads alerts through: what the public may see of active alerts, one
 * alert's public view (active or ended) and its published photo. The public site depends on this
 * interface only; the alert store implements it over the database.
 *
 * Contract for implementations:
 * - `listActive` returns active alerts only, newest first (by sentAt), at most `limit`;
 * - `get` returns the view of the latest published version, undefined for an id never published;
 * - `photo` returns the JPEG of the current version ('page': the photo as shown on the page, its size
 *   in the view's `photo`; 'og': the 1200×630 share image) with a strong validator for it, and
 *   undefined when the alert is unknown, ended or has no photo. The routes check the alert's state
 *   too, so an ended alert's photo is never served even by a source that forgets.
 *
 * @example
 *   const source = publicAlertSourceFor(ctx);
 *   const view = await source.get('K7QX2M'); // PublicAlertView | undefined
 */
import type { ActivePublicAlert, PublicAlertView } from '../../domain/alert/public-alert.ts';
import type { AppContext } from '../context.ts';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import { activePublicAlerts, publicAlert, publicAlertPhoto } from '../alerts/public-alerts.ts';

export type PublicPhotoVariant = 'page' | 'og';

export interface PublicAlertSource {
  listActive(limit: number): Promise<readonly ActivePublicAlert[]>;
  get(publicId: string): Promise<PublicAlertView | undefined>;
  /** `lang` picks the share card's language ('og'); the page photo has none. */
  photo(publicId: string, variant: PublicPhotoVariant, lang?: AlertLanguage): Promise<{ bytes: Buffer; etag: string } | undefined>;
}

/** A source with no alert at all: the public site shows its empty state. */
export const NO_PUBLIC_ALERTS: PublicAlertSource = {
  listActive: async () => [],
  get: async () => undefined,
  photo: async () => undefined,
};

/** The public alert source of the running application: published versions in the alert store. */
export function publicAlertSourceFor(ctx: AppContext): PublicAlertSource {
  return {
    listActive: (limit) => activePublicAlerts(ctx, limit),
    get: (publicId) => publicAlert(ctx, publicId),
    photo: (publicId, variant, lang) => publicAlertPhoto(ctx, publicId, variant, lang ?? 'ar-MA'),
  };
}
