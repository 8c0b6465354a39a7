/**
 * The CAP documents as served: the latest version of an alert, and the Atom index of alerts sent in the
 * last 7 days (active ones and the Cancels that withdraw ended ones, so aggregators retract them).
 */
import { type CapFeedEntry, capAtomFeed } from '../../domain/cap/cap-feed.ts';
import { findAlertByPublicId, latestVersion, latestVersions } from '../../store/repositories/alerts.repository.ts';
import type { AppContext } from '../context.ts';
import { viewFromStored } from './public-view.ts';

const PUBLIC_ID = /^[A-Z0-9]{6,16}$/;
const FEED_WINDOW_MS = 7 * 24 * 3_600_000;

export async function latestCapDocument(ctx: AppContext, publicId: string): Promise<string | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (!alert || alert.current_version === 0) return undefined;
  return (await latestVersion(ctx.store.db, alert.id))?.cap_xml;
}

export async function capFeed(ctx: AppContext): Promise<string> {
  const now = ctx.clock.now();
  const base = ctx.config.publicBaseUrl;
  const rows = await latestVersions(ctx.store.db, new Date(now.getTime() - FEED_WINDOW_MS), 50);
  const entries: CapFeedEntry[] = rows.map((r) => {
    const view = viewFromStored(r.public_content);
    const title = view.state === 'active' ? view.texts['ar-MA'].headline : `${r.msg_type === 'Cancel' ? 'انتهى التنبيه / Alerte terminée' : ''} ${view.reference}`.trim();
    return {
      id: r.cap_identifier,
      title,
      updated: r.sent_at,
      capUrl: `${base}/alerts/${r.public_id}.cap`,
      pageUrl: `${base}/alerts/${r.public_id}`,
      language: 'ar-MA',
      ...(view.state === 'active' ? { summary: view.texts['fr-MA'].headline } : {}),
    };
  });
  return capAtomFeed({
    id: `${base}/feeds/alerts.atom`,
    title: 'Tifli — طفلي مختفي — alertes enfants disparus (DGSN)',
    updated: now,
    authorName: 'DGSN',
    selfUrl: `${base}/feeds/alerts.atom`,
    language: 'ar-MA',
    entries,
  }).xml;
}
