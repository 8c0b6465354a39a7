/**
 * The public site's error pages, in HTML like the rest of it: an unknown alert (404) and a failure on
 * our side (500). Both point to the list of active alerts and to 19, and are kept out of search
 * engines.
 *
 * @example
 *   reply.code(404).send(renderNotFoundPage(site, 'fr', request.url));
 */
import { html } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { localPath, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';

/** `path` is the site path asked for, without query (the language links point back to it). */
export function renderNotFoundPage(site: SiteContext, lang: SiteLanguage, path: string): string {
  const t = SITE_TEXTS[lang];
  return renderPage(site, { lang, title: t.notFoundTitle, path, noindex: true }, html`<h1>${t.notFoundTitle}</h1><p>${t.notFoundBody}</p><p><a href="${localPath('/', lang)}">${t.allAlerts}</a></p>`);
}

export function renderErrorPage(site: SiteContext, lang: SiteLanguage, path: string): string {
  const t = SITE_TEXTS[lang];
  return renderPage(site, { lang, title: t.errorTitle, path, noindex: true }, html`<h1>${t.errorTitle}</h1><p>${t.errorBody}</p><p><a href="${localPath('/', lang)}">${t.allAlerts}</a></p>`);
}
