/**
 * The frame of every public page: `<html lang dir>` for the language (Arabic right-to-left), the
 * stylesheet link, the canonical URL and its language alternates, Open Graph and Twitter card tags,
 * the header with the language switch (plain links), the emergency line and the footer. No script
 * and no inline style anywhere: the Content-Security-Policy forbids both.
 *
 * @example
 *   const page = renderPage(site, { lang: 'fr', title: 'Alertes en cours', path: '/' }, html`<h1>…</h1>`);
 *   reply.type('text/html; charset=utf-8').send(page);
 */
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { localPath, SITE_LANGUAGE_ORDER, SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { SUBSCRIPTION_TEXTS } from './subscription-texts.ts';

/** What every page needs from the server: where it is published and the stylesheet's address. */
export interface SiteContext {
  /** Absolute, without a trailing slash: "https://tifli.ma". */
  readonly baseUrl: string;
  readonly cssHref: string;
}

export interface ShareImage {
  /** Absolute URL. */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

export interface PageMeta {
  readonly lang: SiteLanguage;
  readonly title: string;
  /** The page's site path without query: "/alerts/K7QX2M". */
  readonly path: string;
  readonly description?: string;
  readonly ogType?: 'website' | 'article';
  readonly image?: ShareImage;
  /** Ended alerts, missing pages and errors are kept out of search engines. */
  readonly noindex?: boolean;
  /**
   * Query parameters the language switch links keep (a token in the page's own address, so switching
   * language does not lose it); never put in the canonical, alternate or share URLs.
   */
  readonly switchQuery?: Readonly<Record<string, string>>;
}

/** X shows at most 70 characters of a card title and 200 of its description. */
export const TWITTER_TITLE_MAX = 70;
export const TWITTER_DESCRIPTION_MAX = 200;

/** Cut to `max` code points, ending with "…" when cut. */
export function clipText(text: string, max: number): string {
  // Runs of white space become one space; no-break spaces (French punctuation) are kept.
  const points = [...text.replace(/[^\S\u00a0\u202f]+/gu, ' ').trim()];
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The absolute address of a page in a language; the canonical URL and og:url. */
export function pageUrl(site: SiteContext, path: string, lang: SiteLanguage): string {
  return `${site.baseUrl}${localPath(path, lang)}`;
}

function shareTags(site: SiteContext, meta: PageMeta): SafeHtml {
  const t = SITE_TEXTS[meta.lang];
  const url = pageUrl(site, meta.path, meta.lang);
  const description = meta.description ?? t.tagline;
  const image = meta.image;
  return html`<meta property="og:site_name" content="${t.siteName}"><meta property="og:type" content="${meta.ogType ?? 'website'}"><meta property="og:title" content="${meta.title}"><meta property="og:description" content="${clipText(description, 300)}"><meta property="og:url" content="${url}">${
    image
      ? html`<meta property="og:image" content="${image.url}"><meta property="og:image:type" content="image/jpeg"><meta property="og:image:width" content="${image.width}"><meta property="og:image:height" content="${image.height}"><meta property="og:image:alt" content="${image.alt}">`
      : ''
  }<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}"><meta name="twitter:title" content="${clipText(meta.title, TWITTER_TITLE_MAX)}"><meta name="twitter:description" content="${clipText(description, TWITTER_DESCRIPTION_MAX)}">${
    image ? html`<meta name="twitter:image" content="${image.url}"><meta name="twitter:image:alt" content="${clipText(image.alt, 420)}">` : ''
  }`;
}

function languageLinks(site: SiteContext, meta: PageMeta): SafeHtml {
  return html`<link rel="canonical" href="${pageUrl(site, meta.path, meta.lang)}">${SITE_LANGUAGE_ORDER.map(
    (l) => html`<link rel="alternate" hreflang="${SITE_LANGUAGES[l].tag}" href="${pageUrl(site, meta.path, l)}">`,
  )}<link rel="alternate" hreflang="x-default" href="${site.baseUrl}${meta.path}">`;
}

function languageSwitch(meta: PageMeta): SafeHtml {
  const t = SITE_TEXTS[meta.lang];
  return html`<nav aria-label="${t.languageSwitch}"><ul class="langs">${SITE_LANGUAGE_ORDER.map((l) => {
    const tag = SITE_LANGUAGES[l].tag;
    const href = `${localPath(meta.path, l)}${Object.entries(meta.switchQuery ?? {}).map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('')}`;
    return html`<li><a href="${href}" lang="${tag}" hreflang="${tag}"${l === meta.lang ? html` aria-current="true"` : ''}>${SITE_TEXTS[l].languageName}</a></li>`;
  })}</ul></nav>`;
}

/** A whole HTML document. */
export function renderPage(site: SiteContext, meta: PageMeta, main: HtmlValue): string {
  const t = SITE_TEXTS[meta.lang];
  const { tag, dir } = SITE_LANGUAGES[meta.lang];
  const title = meta.title === t.siteName ? t.siteName : `${meta.title} — ${t.siteName}`;
  return html`<!doctype html>
<html lang="${tag}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><meta name="description" content="${clipText(meta.description ?? t.tagline, 300)}">${
    meta.noindex ? html`<meta name="robots" content="noindex">` : ''
  }<link rel="stylesheet" href="${site.cssHref}">${languageLinks(site, meta)}${shareTags(site, meta)}</head>
<body><header class="top"><div class="wrap"><a class="brand" href="${localPath('/', meta.lang)}">${t.siteName}<small>${t.tagline}</small></a>${languageSwitch(meta)}</div></header>
<div class="emergency"><div class="wrap">${t.emergency}</div></div>
<main class="wrap">${main}</main>
<footer><div class="wrap">${t.siteName} · ${t.tagline} · <a href="${localPath('/subscribe', meta.lang)}">${SUBSCRIPTION_TEXTS[meta.lang].subscribeLink}</a></div></footer>
</body></html>
`.toString();
}
