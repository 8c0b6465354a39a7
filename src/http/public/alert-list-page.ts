/**
 * GET / : the active alerts, newest first, each with its headline, photo thumbnail (or a
 * placeholder), age, last-seen time and time since, and zone; exercise alerts carry the exercise
 * badge. With no alert, a plain "no active alert" notice.
 *
 * @example
 *   const page = renderAlertListPage(site, 'ar', await source.listActive(50), ctx.clock.now());
 */
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import { alertPath, exerciseBadge, headlineFor, lastSeenLine, photoSrc } from './alert-parts.ts';
import { html, joinHtml, type SafeHtml } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { ageText, SITE_TEXTS } from './site-texts.ts';

function card(alert: ActivePublicAlert, lang: SiteLanguage, now: Date): SafeHtml {
  const t = SITE_TEXTS[lang];
  const href = alertPath(alert.publicId, lang);
  const src = photoSrc(alert);
  // The picture repeats the headline link, so it is skipped by keyboards and screen readers.
  const picture = src
    ? html`<a href="${href}" tabindex="-1" aria-hidden="true"><img class="thumb" src="${src}" alt="" width="96" height="96" loading="lazy"></a>`
    : html`<span class="noimg" aria-hidden="true">${t.noPhoto}</span>`;
  const facts = joinHtml([alert.ageYears === null ? null : ageText(lang, alert.ageYears), html`${t.lastSeen}${t.colon}${lastSeenLine(alert, lang, now)}`], ' · ');
  return html`<li class="card">${picture}<div><h2>${exerciseBadge(lang, alert.exercise)}<a href="${href}">${headlineFor(alert, lang)}</a></h2><p>${facts}</p><p>${t.zone}${t.colon}${alert.zone.areaDesc[SITE_LANGUAGES[lang].tag]}</p></div></li>`;
}

export function renderAlertListPage(site: SiteContext, lang: SiteLanguage, alerts: readonly ActivePublicAlert[], now: Date): string {
  const t = SITE_TEXTS[lang];
  const newestFirst = [...alerts].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
  const body = newestFirst.length
    ? html`<ul class="alerts">${newestFirst.map((a) => card(a, lang, now))}</ul>`
    : html`<p class="note">${t.noActiveAlert}</p>`;
  return renderPage(site, { lang, title: t.activeAlerts, path: '/', description: t.emergency }, html`<h1>${t.activeAlerts}</h1>${body}`);
}
