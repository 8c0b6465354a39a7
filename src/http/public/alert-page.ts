/**
 * GET /alerts/{publicId} for an active alert: headline, photo (or a placeholder), the name as
 * consented, age, last seen (Morocco time), zone and reference, what to do (do not intervene, call 19
 * or 112 from a mobile, quote the reference), the description, the zone map (inline SVG) and the tip
 * form. The share tags carry the 1200×630 share image when the alert has a photo.
 *
 * @example
 *   const page = renderActiveAlertPage(site, 'fr', view, ctx.clock.now(), drawing);
 */
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import { alertBasePath, callNumberOf, exerciseBadge, exerciseBanner, headlineFor, lastSeenLine, nameFor, OG_IMAGE, ogImagePath, photoSrc } from './alert-parts.ts';
import { html, type SafeHtml } from './html.ts';
import { clipText, renderPage, type SiteContext } from './layout.ts';
import { SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { ageText, SITE_TEXTS } from './site-texts.ts';
import { tipForm } from './tip-form.ts';
import { zoneMapSvg, type ZoneDrawing } from './zone-map.ts';

const paragraphs = (text: string): SafeHtml[] =>
  text
    .split(/\n+/u)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p}</p>`);

const reference = (alert: ActivePublicAlert) => html`<bdi class="ref" dir="ltr">${alert.reference}</bdi>`;

function photo(alert: ActivePublicAlert, lang: SiteLanguage, name: string | null): SafeHtml {
  const t = SITE_TEXTS[lang];
  const src = photoSrc(alert);
  if (!src || !alert.photo) return html`<figure class="photo"><div class="noimg">${t.noPhoto}</div></figure>`;
  const alt = name ? `${t.photoOf}${t.colon}${name}` : t.photoOf;
  return html`<figure class="photo"><img src="${src}" alt="${alt}" width="${alert.photo.width}" height="${alert.photo.height}"></figure>`;
}

function facts(alert: ActivePublicAlert, lang: SiteLanguage, name: string | null, now: Date): SafeHtml {
  const t = SITE_TEXTS[lang];
  const tag = SITE_LANGUAGES[lang].tag;
  return html`<dl class="facts">${name ? html`<dt>${t.name}</dt><dd><bdi>${name}</bdi></dd>` : ''}${
    alert.ageYears === null ? '' : html`<dt>${t.age}</dt><dd>${ageText(lang, alert.ageYears)}</dd>`
  }<dt>${t.lastSeen}</dt><dd>${lastSeenLine(alert, lang, now)}</dd><dt>${t.zone}</dt><dd>${alert.zone.areaDesc[tag]}</dd><dt>${t.reference}</dt><dd>${reference(alert)}</dd></dl>`;
}

function actionSteps(alert: ActivePublicAlert, lang: SiteLanguage): SafeHtml {
  const t = SITE_TEXTS[lang];
  const call = callNumberOf(alert);
  return html`<section class="steps" aria-labelledby="steps-h"><h2 id="steps-h">${t.actionSteps}</h2><ol><li>${t.doNotIntervene}</li><li>${t.callPolice} <a class="call" href="tel:${call}">${call}</a> (<a href="tel:112">112</a> ${t.fromMobile})</li><li>${t.quoteReference}${t.colon}${reference(alert)}</li></ol>${paragraphs(alert.texts[SITE_LANGUAGES[lang].tag].instruction)}</section>`;
}

function zoneMap(alert: ActivePublicAlert, lang: SiteLanguage, drawing: ZoneDrawing | undefined): SafeHtml | '' {
  if (!drawing) return '';
  const t = SITE_TEXTS[lang];
  const area = alert.zone.areaDesc[SITE_LANGUAGES[lang].tag];
  return html`<section aria-labelledby="map-h"><h2 id="map-h">${t.map}</h2><figure class="map">${zoneMapSvg(drawing, `${t.map}${t.colon}${area}`)}<figcaption>${area} · ${t.mapCredit}</figcaption></figure></section>`;
}

export function renderActiveAlertPage(site: SiteContext, lang: SiteLanguage, alert: ActivePublicAlert, now: Date, drawing: ZoneDrawing | undefined): string {
  const t = SITE_TEXTS[lang];
  const texts = alert.texts[SITE_LANGUAGES[lang].tag];
  const name = nameFor(alert, lang);
  const headline = headlineFor(alert, lang);
  const hasPhoto = photoSrc(alert) !== null;
  const main = html`${exerciseBanner(lang, alert.exercise)}<article><h1>${exerciseBadge(lang, alert.exercise)}${headline}</h1><div class="with-photo">${photo(alert, lang, name)}${facts(
    alert,
    lang,
    name,
    now,
  )}</div>${actionSteps(alert, lang)}<section class="text" aria-labelledby="desc-h"><h2 id="desc-h">${t.description}</h2>${paragraphs(texts.description)}</section>${zoneMap(
    alert,
    lang,
    drawing,
  )}${tipForm(lang, alert.publicId, alert.version)}</article>`;
  const title = alert.exercise ? `[${t.exercise}] ${headline}` : headline;
  return renderPage(
    site,
    {
      lang,
      title,
      path: alertBasePath(alert.publicId),
      description: clipText(texts.description, 300),
      ogType: 'article',
      // Every active alert has a share card: the poster (with the photo when one is published).
      image: { url: `${site.baseUrl}${ogImagePath(alert, lang)}`, ...OG_IMAGE, alt: hasPhoto ? (name ? `${t.photoOf}${t.colon}${name}` : t.photoOf) : headline },
    },
    main,
  );
}
