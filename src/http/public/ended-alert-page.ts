/**
 * GET /alerts/{publicId} once the alert has ended: the "found — thank you" card when the child was
 * found, a neutral "this alert has ended" notice when it was withdrawn or expired. The ended view
 * holds no photo, name or description, so none can appear; the share tags carry no image, and the
 * page asks people to delete their shares and is kept out of search engines.
 *
 * @example
 *   const page = renderEndedAlertPage(site, 'ar', view);
 */
import type { EndedPublicAlert } from '../../domain/alert/public-alert.ts';
import { alertBasePath, exerciseBanner } from './alert-parts.ts';
import { html } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { localPath, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';

export function renderEndedAlertPage(site: SiteContext, lang: SiteLanguage, alert: EndedPublicAlert): string {
  const t = SITE_TEXTS[lang];
  const found = alert.outcome === 'found';
  const title = found ? t.foundTitle : t.endedTitle;
  const body = found ? t.foundBody : t.endedBody;
  const main = html`${exerciseBanner(lang, alert.exercise)}<div class="ended${found ? '' : ' neutral'}"><h1>${title}</h1><p>${body}</p><p>${t.reference}${t.colon}<bdi class="ref" dir="ltr">${alert.reference}</bdi></p><p><a href="${localPath('/', lang)}">${t.allAlerts}</a></p></div>`;
  return renderPage(site, { lang, title, path: alertBasePath(alert.publicId), description: body, ogType: 'article', noindex: true }, main);
}
