/**
 * The public pages as rendered: size budget, no script or inline style, right-to-left Arabic, each
 * language with its own texts, share tags, nothing personal on ended alerts, escaping of every
 * dynamic value. The HTTP side (headers, status codes, CSP) is tested in routes/public-site.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import { renderAlertListPage } from './alert-list-page.ts';
import { renderActiveAlertPage } from './alert-page.ts';
import { renderEndedAlertPage } from './ended-alert-page.ts';
import type { SiteContext } from './layout.ts';
import { endedAlert, exerciseAlert, longAlert, NOW, unnamedBoy, yasmine } from './public-alert-fixtures.test-support.ts';
import { SITE_LANGUAGE_ORDER, SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { renderErrorPage, renderNotFoundPage } from './status-pages.ts';
import { drawZoneMap, prepareLand, type PreparedLand } from './zone-map.ts';

const SITE: SiteContext = { baseUrl: 'https://tifli.example', cssHref: '/assets/site.0123abcd.css' };
const LANGS = SITE_LANGUAGE_ORDER;

let land: PreparedLand;
let long: ActivePublicAlert;
let css: Buffer;
before(async () => {
  const geo = await loadMoroccoBoundaries();
  land = prepareLand(geo.regions.map((r) => geo.polygons(r.code) ?? []));
  long = longAlert(geo);
  css = await readFile(new URL('./site.css', import.meta.url));
});

const page = (alert: ActivePublicAlert, lang: SiteLanguage) => renderActiveAlertPage(SITE, lang, alert, NOW, drawZoneMap(alert.zone, land));

/** Every page the site renders, in every language. */
function allPages(): { name: string; html: string }[] {
  return LANGS.flatMap((l) => [
    { name: `list/${l}`, html: renderAlertListPage(SITE, l, [yasmine(), unnamedBoy(), exerciseAlert()], NOW) },
    { name: `empty list/${l}`, html: renderAlertListPage(SITE, l, [], NOW) },
    { name: `active/${l}`, html: page(yasmine(), l) },
    { name: `long/${l}`, html: page(long, l) },
    { name: `found/${l}`, html: renderEndedAlertPage(SITE, l, endedAlert('found')) },
    { name: `withdrawn/${l}`, html: renderEndedAlertPage(SITE, l, endedAlert('withdrawn')) },
    { name: `not found/${l}`, html: renderNotFoundPage(SITE, l, '/alerts/NOPE') },
    { name: `error/${l}`, html: renderErrorPage(SITE, l, '/') },
  ]);
}

/** content of <meta property|name="key">, or undefined. */
function meta(htmlText: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(htmlText);
  return m?.[1];
}

/** The page without the tip form's own external script (same origin, the CSP allows it): what remains must hold no script. */
const withoutTipScript = (page: string) => page.replaceAll('<script src="/assets/tip.js" defer></script>', '');

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('the page of a long three-language alert stays under 30 KB of HTML and CSS', () => {
  for (const l of LANGS) {
    const htmlBytes = Buffer.byteLength(page(long, l));
    assert.ok(htmlBytes + css.length < 30_000, `${l}: ${htmlBytes} bytes of HTML + ${css.length} of CSS`);
  }
  // The texts really are at their maximum: the budget is tested on the worst case.
  assert.equal([...long.texts['zgh-Tfng'].description].length, 2000);
  assert.equal([...long.texts['ar-MA'].headline].length, 120);
});

test('no page has a script but the tip form\'s external one, an inline style or an event handler attribute', () => {
  for (const p of allPages()) {
    assert.ok(!/<script/i.test(withoutTipScript(p.html)), `${p.name} has a script`);
    assert.equal(p.html.includes('<script src="/assets/tip.js" defer></script>'), p.name.startsWith('active/') || p.name.startsWith('long/'), `${p.name}: the tip script only with the tip form`);
    assert.ok(!/<style|\sstyle=/i.test(p.html), `${p.name} has an inline style`);
    assert.ok(!/\son[a-z]+=/i.test(p.html), `${p.name} has an event handler`);
    assert.ok(!/javascript:/i.test(p.html), `${p.name} has a javascript: URL`);
    assert.match(p.html, /^<!doctype html>\n<html lang="[^"]+" dir="(rtl|ltr)">/, p.name);
    assert.match(p.html, /<link rel="stylesheet" href="\/assets\/site\.0123abcd\.css">/, p.name);
  }
});

test('Arabic pages are right-to-left; French and Tamazight (Tifinagh) left-to-right', () => {
  for (const p of allPages()) {
    const lang = p.name.split('/')[1] as SiteLanguage;
    const expected = { ar: '<html lang="ar-MA" dir="rtl">', fr: '<html lang="fr-MA" dir="ltr">', zgh: '<html lang="zgh-Tfng" dir="ltr">' }[lang];
    assert.ok(p.html.includes(expected), `${p.name}: ${p.html.slice(16, 60)}`);
  }
});

test('each language shows its own alert texts and site words, not the others’', () => {
  const alert = yasmine();
  for (const l of LANGS) {
    const out = decode(page(alert, l));
    const mine = alert.texts[SITE_LANGUAGES[l].tag];
    assert.ok(out.includes(mine.headline), `${l} headline`);
    for (const paragraph of mine.description.split('\n')) assert.ok(out.includes(paragraph), `${l} description: ${paragraph}`);
    assert.ok(out.includes(mine.instruction), `${l} instruction`);
    assert.ok(out.includes(SITE_TEXTS[l].actionSteps) && out.includes(SITE_TEXTS[l].tipSend), `${l} site words`);
    for (const other of LANGS.filter((o) => o !== l)) {
      assert.ok(!out.includes(alert.texts[SITE_LANGUAGES[other].tag].headline), `${l} page shows the ${other} headline`);
      assert.ok(!out.includes(SITE_TEXTS[other].actionSteps), `${l} page shows the ${other} site words`);
    }
  }
});

test('the language switch is three plain links, the current one marked', () => {
  const out = page(yasmine(), 'fr');
  assert.ok(out.includes('<a href="/alerts/K7QX2M?lang=ar" lang="ar-MA" hreflang="ar-MA">العربية</a>'));
  assert.ok(out.includes('<a href="/alerts/K7QX2M?lang=fr" lang="fr-MA" hreflang="fr-MA" aria-current="true">Français</a>'));
  assert.ok(out.includes('<a href="/alerts/K7QX2M?lang=zgh" lang="zgh-Tfng" hreflang="zgh-Tfng">ⵜⴰⵎⴰⵣⵉⵖⵜ</a>'));
});

test('an active alert page shows photo, consented name, age, last seen in Morocco, zone, reference, what to do, map and tip form', () => {
  const alert = yasmine({ lastSeenAt: new Date('2025-07-01T12:00:00Z') });
  const out = page(alert, 'fr');
  assert.ok(out.includes('<img src="/alerts/K7QX2M/photo.jpg?v=2" alt="Photo de l’enfant\u00a0: Yasmine El Amrani" width="480" height="640">'));
  assert.ok(out.includes('<dt>Nom</dt><dd><bdi>Yasmine El Amrani</bdi></dd>'));
  assert.ok(out.includes('<dt>Âge</dt><dd>8 ans</dd>'));
  // 12:00 UTC is 13:00 in Morocco in July 2025 (UTC+1); another year than now, so the year is shown.
  assert.ok(out.includes('<time datetime="2025-07-01T12:00:00.000Z">01/07/2025 13:00</time> (heure du Maroc)'), out.slice(out.indexOf('<time'), out.indexOf('</time>') + 40));
  assert.ok(out.includes('<dd>Rabat et environs (20 km)</dd>'));
  assert.ok(out.includes('<a class="call" href="tel:19">19</a>') && out.includes('<a href="tel:112">112</a> depuis un mobile'));
  assert.ok(out.includes('Citez la référence\u00a0: <bdi class="ref" dir="ltr">TM-2026-000123</bdi>'));
  assert.match(out, /<figure class="map"><svg viewBox="0 0 600 400"[^>]*aria-label="Carte de la zone de l’alerte\u00a0: Rabat et environs \(20 km\)"/);
  assert.ok(out.includes('morocco-map (ODbL)'), 'the boundary data is credited');
  assert.ok(out.includes('<form class="tip" method="post" action="/alerts/K7QX2M/tips"'));
  // Arabic pages show the Arabic form of the name.
  assert.ok(page(alert, 'ar').includes('<bdi>ياسمين العمراني</bdi>'));
});

test('the tip form works without script: plain fields with limits, a consent box and a honeypot hidden by the stylesheet', () => {
  const out = page(yasmine(), 'ar');
  const form = out.slice(out.indexOf('<form'), out.indexOf('</form>') + 7);
  assert.match(form, /<textarea id="tip-seen" name="seen" rows="4" maxlength="2000" required><\/textarea>/);
  assert.match(form, /<input id="tip-when" type="datetime-local" name="seenAt">/);
  assert.match(form, /<input id="tip-where" type="text" name="place" maxlength="200">/);
  assert.match(form, /<input id="tip-name" type="text" name="name" maxlength="100" autocomplete="name">/);
  assert.match(form, /<input id="tip-phone" type="tel" name="phone" maxlength="20" autocomplete="tel" inputmode="tel" dir="ltr">/);
  assert.match(form, /<input type="checkbox" name="contactConsent" value="yes">/);
  assert.match(form, /<div class="hp" aria-hidden="true"><label for="tip-website">[^<]+<\/label><input id="tip-website" type="text" name="website" tabindex="-1" autocomplete="off"><\/div>/);
  assert.match(form, /<input type="hidden" name="lang" value="ar"><input type="hidden" name="version" value="2">/);
  for (const id of ['tip-seen', 'tip-when', 'tip-where', 'tip-name', 'tip-phone']) assert.ok(form.includes(`<label for="${id}">`), `${id} has a label`);
  assert.match(css.toString(), /\.hp\{position:absolute;inset-inline-start:-10000px/);
});

test('share tags: Open Graph and Twitter card, absolute URLs, the 1200×630 image', () => {
  const out = page(yasmine(), 'fr');
  assert.equal(meta(out, 'og:title'), 'Disparue à Rabat : Yasmine El Amrani, 8 ans');
  assert.equal(meta(out, 'og:type'), 'article');
  assert.equal(meta(out, 'og:url'), 'https://tifli.example/alerts/K7QX2M?lang=fr');
  assert.ok(meta(out, 'og:description')?.startsWith('Yasmine El Amrani, fillette de 8 ans'));
  assert.equal(meta(out, 'og:image'), 'https://tifli.example/alerts/K7QX2M/og.jpg?v=2&amp;lang=fr');
  assert.equal(meta(out, 'og:image:width'), '1200');
  assert.equal(meta(out, 'og:image:height'), '630');
  assert.equal(meta(out, 'twitter:card'), 'summary_large_image');
  assert.equal(meta(out, 'twitter:image'), 'https://tifli.example/alerts/K7QX2M/og.jpg?v=2&amp;lang=fr');
  assert.equal(meta(out, 'twitter:image:alt'), 'Photo de l’enfant\u00a0: Yasmine El Amrani');
  assert.ok(out.includes('<link rel="canonical" href="https://tifli.example/alerts/K7QX2M?lang=fr">'));
  assert.ok(out.includes('<link rel="alternate" hreflang="zgh-Tfng" href="https://tifli.example/alerts/K7QX2M?lang=zgh">'));
  for (const key of ['og:url', 'og:image', 'twitter:image']) assert.match(meta(out, key) ?? '', /^https:\/\/tifli\.example\//, key);
  // X cuts titles at 70 and descriptions at 200 characters.
  const longPage = page(long, 'ar');
  assert.ok([...decode(meta(longPage, 'twitter:title') ?? '')].length <= 70);
  assert.ok([...decode(meta(longPage, 'twitter:description') ?? '')].length <= 200);
});

test('an alert without a consented name or photo shows neither, and a placeholder instead of the photo', () => {
  const out = page(unnamedBoy(), 'fr');
  assert.ok(!out.includes('<dt>Nom</dt>'));
  assert.ok(!/<img /.test(out));
  assert.ok(out.includes('<div class="noimg">Pas de photo</div>'));
  // No photo: the share card is the text poster, still 1200×630.
  assert.match(meta(out, 'og:image') ?? '', /\/og\.jpg\?v=1&amp;lang=fr$/);
  assert.equal(meta(out, 'twitter:card'), 'summary_large_image');
});

test('a photo path that is not a plain path on this site is not used', () => {
  for (const path of ['javascript:alert(1)', '//evil.example/x.jpg', 'https://evil.example/x.jpg', '/alerts/../../etc/passwd', '/alerts/K7QX2M/photo.jpg" onerror="x']) {
    const out = page(yasmine({ photo: { path, width: 10, height: 10 } }), 'fr');
    assert.ok(!/<img /.test(out), path);
    assert.ok(!out.includes('evil.example') && !out.includes('onerror'), path);
  }
});

test('an ended alert shows the card, with no photo, name or description, no share image, kept out of search engines', () => {
  const active = yasmine();
  for (const outcome of ['found', 'withdrawn', 'expired'] as const) {
    for (const l of LANGS) {
      const out = renderEndedAlertPage(SITE, l, endedAlert(outcome));
      const t = SITE_TEXTS[l];
      assert.ok(out.includes(outcome === 'found' ? t.foundTitle : t.endedTitle), `${outcome}/${l}`);
      assert.ok(!out.includes(outcome === 'found' ? t.endedTitle : t.foundTitle), `${outcome}/${l}`);
      for (const leak of ['photo.jpg', 'og.jpg', '<img', active.displayName.ar ?? '', active.displayName.latin ?? '', 'Yasmine', 'ياسمين', 'tablier', 'ⵜⴰⴱⵍⵓⵣⵜ', '<form']) {
        assert.ok(!out.includes(leak), `${outcome}/${l} contains ${leak}`);
      }
      assert.equal(meta(out, 'og:image'), undefined);
      assert.equal(meta(out, 'twitter:card'), 'summary');
      assert.equal(meta(out, 'robots'), 'noindex');
      assert.equal(meta(out, 'og:url'), `https://tifli.example/alerts/K7QX2M?lang=${l}`);
    }
  }
});

test('exercise alerts are unmistakable: badge on the list and the page, banner, and in the title', () => {
  for (const l of LANGS) {
    const t = SITE_TEXTS[l];
    const list = renderAlertListPage(SITE, l, [yasmine(), exerciseAlert()], NOW);
    const cards = list.split('<li class="card">').slice(1);
    const exerciseCard = cards.find((c) => c.includes('/alerts/EXRC01'));
    const realCard = cards.find((c) => c.includes('/alerts/K7QX2M'));
    assert.ok(exerciseCard?.includes(`<span class="exercise">${t.exercise}</span>`), l);
    assert.ok(realCard && !realCard.includes('class="exercise"'), l);
    const out = page(exerciseAlert(), l);
    assert.ok(out.includes(`<div class="drill" role="note"><span class="exercise">${t.exercise}</span><p>${t.exerciseNote}</p></div>`), l);
    assert.match(out, new RegExp(`<h1><span class="exercise">`), l);
    assert.ok(decode(meta(out, 'og:title') ?? '').startsWith(`[${t.exercise}] `), l);
    assert.ok(!page(yasmine(), l).includes('class="exercise"'), l);
  }
  assert.ok(SITE_TEXTS.zgh.exercise.includes('EXERCICE'), 'Tamazight also says EXERCICE in Latin letters');
});

test('the list: newest first, thumbnail or placeholder, age, last seen, time since, zone; an empty state', () => {
  const out = renderAlertListPage(SITE, 'fr', [unnamedBoy(), exerciseAlert(), yasmine()], NOW);
  const order = ['/alerts/EXRC01', '/alerts/K7QX2M', '/alerts/P4WN8D'].map((p) => out.indexOf(`<h2>${p === '/alerts/EXRC01' ? '<span class="exercise">EXERCICE</span> ' : ''}<a href="${p}?lang=fr">`));
  assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, `order ${order.join(',')}`);
  const yasmineCard = out.split('<li class="card">').find((c) => c.includes('/alerts/K7QX2M')) ?? '';
  assert.ok(yasmineCard.includes('<img class="thumb" src="/alerts/K7QX2M/photo.jpg?v=2" alt="" width="96" height="96" loading="lazy">'));
  assert.ok(yasmineCard.includes('8 ans · Dernière apparition\u00a0: <time datetime="2026-11-22T06:30:00.000Z">'));
  assert.ok(yasmineCard.includes('il y a 3 heures'));
  assert.ok(yasmineCard.includes('Zone de l’alerte\u00a0: Rabat et environs (20 km)'));
  const boyCard = out.split('<li class="card">').find((c) => c.includes('/alerts/P4WN8D')) ?? '';
  assert.ok(boyCard.includes('<span class="noimg" aria-hidden="true">Pas de photo</span>') && !boyCard.includes('<img'));
  for (const l of LANGS) {
    const empty = renderAlertListPage(SITE, l, [], NOW);
    assert.ok(empty.includes(`<p class="note">${SITE_TEXTS[l].noActiveAlert}</p>`), l);
    assert.ok(!empty.includes('<ul class="alerts">'));
  }
});

test('every dynamic value is escaped: a hostile headline, name, zone, reference and texts come out as text', () => {
  const evil = `<script>alert(1)</script>"'&`;
  const texts = { headline: `${evil} headline`, description: `${evil} description`, instruction: `${evil} instruction`, sms70: evil, short90: evil, short360: evil };
  const hostile = yasmine({
    publicId: 'K7QX2M',
    reference: `TM-${evil}`,
    texts: { 'ar-MA': texts, 'fr-MA': texts, 'zgh-Tfng': texts },
    displayName: { ar: evil, latin: evil },
    zone: { ...yasmine().zone, areaDesc: { 'ar-MA': evil, 'fr-MA': evil, 'zgh-Tfng': evil } },
  });
  const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
  for (const l of LANGS) {
    for (const out of [page(hostile, l), renderAlertListPage(SITE, l, [hostile], NOW), renderEndedAlertPage(SITE, l, endedAlert('found', { reference: `TM-${evil}` }))]) {
      assert.ok(!withoutTipScript(out).includes('<script'), l);
      assert.ok(!out.includes(`"'&`), l);
      assert.ok(out.includes(escaped), l);
    }
    const out = page(hostile, l);
    assert.equal(meta(out, 'og:title'), `${escaped} headline`);
    assert.ok(out.includes(`<title>${escaped} headline — `));
  }
});

test('the not-found and error pages are HTML in the visitor’s language, kept out of search engines, pointing to the list', () => {
  for (const l of LANGS) {
    const t = SITE_TEXTS[l];
    const nf = renderNotFoundPage(SITE, l, '/alerts/NOPE');
    assert.ok(nf.includes(`<h1>${t.notFoundTitle}</h1>`) && nf.includes(`<a href="/?lang=${l}">${t.allAlerts}</a>`));
    assert.equal(meta(nf, 'robots'), 'noindex');
    const err = renderErrorPage(SITE, l, '/');
    assert.ok(err.includes(`<h1>${t.errorTitle}</h1>`) && err.includes('19'));
  }
});
