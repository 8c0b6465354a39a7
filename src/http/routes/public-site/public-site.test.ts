/**
 * The public site over HTTP. Two servers, both honest:
 * - the whole application (buildHttpApp), as it runs today: its alert source is publicAlertSourceFor,
 *   which has no alert until the alert store plugs in. It proves the module is registered, that the
 *   application's security headers (the strict CSP) reach the HTML pages, the empty state, and the
 *   HTML 404 for any alert id;
 * - a bare Fastify instance with only this route module, registered with a PublicAlertSource made of
 *   literal alert views (the port's contract, not a mock of storage). The module carries its own
 *   error handler, so error behaviour is the same as in the application. buildHttpApp takes no
 *   source, and production code has no test hook to give it one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { validatorCompiler } from '../../validation.ts';
import type { PublicAlertSource } from '../../../app/public-site/public-alert-source.ts';
import type { PublicAlertView } from '../../../domain/alert/public-alert.ts';
import { endedAlert, exerciseAlert, jpegBytes, literalSource, unnamedBoy, yasmine } from '../../public/public-alert-fixtures.test-support.ts';
import { loadSiteAssets } from '../../public/site-assets.ts';
import { publicSiteRoutes } from './index.ts';

let t: TestContext;
let app: HttpApp;
let site: HttpApp;
let source: ReturnType<typeof literalSource>;
const views: PublicAlertView[] = [];

async function bareSite(with_: PublicAlertSource): Promise<HttpApp> {
  const logger: FastifyBaseLogger = t.log.child({ component: 'http' });
  const bare = Fastify({ loggerInstance: logger }).withTypeProvider<TypeBoxTypeProvider>();
  bare.setValidatorCompiler(validatorCompiler);
  await bare.register(publicSiteRoutes, { ctx: t, source: with_ });
  await bare.ready();
  return bare;
}

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  views.push(yasmine(), unnamedBoy(), exerciseAlert(), endedAlert('found', { publicId: 'F0UND1' }), endedAlert('withdrawn', { publicId: 'W1THDR' }));
  // The found alert still has photos in this source: the routes must refuse them anyway.
  source = literalSource(views, { photosOf: ['K7QX2M', 'EXRC01', 'F0UND1'] });
  site = await bareSite(source);
});
after(async () => {
  await site.close();
  await app.close();
  await t.close();
});

const get = (server: HttpApp, url: string, headers: Record<string, string> = {}) => server.inject({ method: 'GET', url, headers });
const maxStaleSeconds = (cacheControl: string) => [...cacheControl.matchAll(/(?:max-age|stale-while-revalidate)=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);

test('the application serves the public site with its strict CSP: no inline script or style allowed', async () => {
  for (const url of ['/', '/alerts/K7QX2M', '/?lang=fr']) {
    const res = await get(app, url);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/, url);
    assert.match(csp, /script-src 'self'/, url);
    assert.match(csp, /style-src 'self'/, url);
    assert.ok(!csp.includes('unsafe-inline'), url);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, url);
    assert.ok(!res.body.includes('<script'), url);
  }
});

test('the application has no alert yet: the list shows its empty state in Arabic by default', async () => {
  const res = await get(app, '/');
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes('<html lang="ar-MA" dir="rtl">'));
  assert.ok(res.body.includes('لا يوجد أي تنبيه جار في الوقت الحالي.'));
  assert.ok(res.body.includes('<meta property="og:url" content="http://tifli.test/?lang=ar">'), 'URLs come from PUBLIC_BASE_URL');
});

test('an unknown or malformed alert id is a 404 HTML page, never JSON and never a 500', async () => {
  for (const server of [app, site]) {
    for (const url of ['/alerts/NOPE42', '/alerts/%3Cscript%3E', `/alerts/${'A'.repeat(65)}`, '/alerts/a.b', '/alerts/NOPE42/photo.jpg', '/alerts/NOPE42/og.jpg', '/alerts/K7QX2M%22onload']) {
      const res = await get(server, url, { 'accept-language': 'fr' });
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.ok(res.body.includes('<h1>Alerte introuvable</h1>'), url);
      assert.ok(!res.body.includes('<script'), url);
      assert.equal(res.headers['cache-control'], 'public, max-age=30', url);
    }
  }
});

test('the HTML pages are not in the OpenAPI document, which describes the JSON API', async () => {
  const doc = (await get(app, '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
  for (const path of ['/', '/alerts/{publicId}', '/alerts/{publicId}/photo.jpg', '/assets/site.css']) assert.equal(doc.paths[path], undefined, path);
});

test('the stylesheet: fingerprinted and immutable, also under its plain name with an ETag', async () => {
  const assets = await loadSiteAssets();
  const res = await get(app, assets.cssHref);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/css/);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(res.body, assets.css.toString());
  assert.ok((await get(app, '/')).body.includes(`<link rel="stylesheet" href="${assets.cssHref}">`));

  const plain = await get(app, '/assets/site.css');
  assert.equal(plain.headers['cache-control'], 'public, max-age=300');
  const etag = String(plain.headers.etag);
  assert.equal((await get(app, '/assets/site.css', { 'if-none-match': etag })).statusCode, 304);

  const otherRelease = await get(app, '/assets/site.00000000.css');
  assert.equal(otherRelease.statusCode, 200, 'a page from another release still gets styled');
  assert.equal(otherRelease.headers['cache-control'], 'public, max-age=300', 'but not cached for ever under the wrong name');
  assert.equal((await get(app, '/assets/other.js')).statusCode, 404);
});

test('GET / lists the active alerts newest first, with the exercise badge; ended ones are absent', async () => {
  const res = await get(site, '/?lang=fr');
  assert.equal(res.statusCode, 200);
  const ids = [...res.body.matchAll(/<h2>(?:<span class="exercise">EXERCICE<\/span> )?<a href="\/alerts\/([A-Z0-9]+)\?lang=fr">/g)].map((m) => m[1]);
  assert.deepEqual(ids, ['EXRC01', 'K7QX2M', 'P4WN8D']);
  assert.ok(!res.body.includes('F0UND1') && !res.body.includes('W1THDR'));
  assert.ok(source.calls.includes('listActive(50)'));
});

test('language: ?lang wins; without it Accept-Language decides and the answer varies on it; Arabic otherwise', async () => {
  const byQuery = await get(site, '/alerts/K7QX2M?lang=zgh', { 'accept-language': 'fr' });
  assert.ok(byQuery.body.includes('<html lang="zgh-Tfng" dir="ltr">'));
  assert.equal(byQuery.headers['content-language'], 'zgh-Tfng');
  assert.equal(byQuery.headers.vary, undefined, 'a ?lang URL means one page whatever the header: caches need not split');

  const byHeader = await get(site, '/alerts/K7QX2M', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' });
  assert.ok(byHeader.body.includes('<html lang="fr-MA" dir="ltr">'));
  assert.match(String(byHeader.headers.vary), /Accept-Language/i);
  assert.equal(byHeader.headers['content-language'], 'fr-MA');

  const byDefault = await get(site, '/alerts/K7QX2M', { 'accept-language': 'en-GB' });
  assert.ok(byDefault.body.includes('<html lang="ar-MA" dir="rtl">'));
  assert.match(String(byDefault.headers.vary), /Accept-Language/i);
});

test('a shared link with tracking parameters still opens the page', async () => {
  const res = await get(site, '/alerts/K7QX2M?fbclid=IwAR0abc&utm_source=whatsapp&lang=fr&lang=ar');
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes('<html lang="ar-MA" dir="rtl">'), 'a repeated lang is ignored, the default applies');
});

test('an active alert page: the alert, share tags from PUBLIC_BASE_URL, cache fit for a CDN, ETag and 304', async () => {
  const res = await get(site, '/alerts/K7QX2M?lang=fr');
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes('<h1>Disparue à Rabat : Yasmine El Amrani, 8 ans</h1>'));
  assert.ok(res.body.includes('<meta property="og:url" content="http://tifli.test/alerts/K7QX2M?lang=fr">'));
  assert.ok(res.body.includes('<meta property="og:image" content="http://tifli.test/alerts/K7QX2M/og.jpg?v=2&amp;lang=fr">'));
  assert.equal(res.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=30');
  const etag = String(res.headers.etag);
  assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
  const again = await get(site, '/alerts/K7QX2M?lang=fr', { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal((await get(site, '/alerts/K7QX2M?lang=fr', { 'if-none-match': '"other"' })).statusCode, 200);
  const head = await site.inject({ method: 'HEAD', url: '/alerts/K7QX2M?lang=fr' });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
});

test('an ended alert: the found card or the neutral notice, no photo, name or description, cached 30 s', async () => {
  const found = await get(site, '/alerts/F0UND1?lang=fr');
  assert.equal(found.statusCode, 200);
  assert.ok(found.body.includes('<h1>Enfant retrouvé — merci</h1>'));
  assert.equal(found.headers['cache-control'], 'public, max-age=30');
  for (const leak of ['photo.jpg', 'og.jpg', '<img', 'Yasmine', 'ياسمين', 'tablier', 'og:image']) assert.ok(!found.body.includes(leak), leak);
  const withdrawn = await get(site, '/alerts/W1THDR?lang=ar');
  assert.ok(withdrawn.body.includes('<h1>انتهى هذا التنبيه</h1>'));
  assert.ok(!withdrawn.body.includes('تم العثور'));
});

test('once an alert ends, every cached copy of its page, its list entry and its photo is gone within a minute', async () => {
  let current: PublicAlertView = yasmine({ publicId: 'S0ON01', photo: { path: '/alerts/S0ON01/photo.jpg', width: 480, height: 640 } });
  const changing = literalSource([], { photosOf: ['S0ON01'] });
  const server = await bareSite({ ...changing, listActive: async () => (current.state === 'active' ? [current] : []), get: async (id) => (id === current.publicId ? current : undefined) });
  try {
    const live = await get(server, '/alerts/S0ON01');
    const list = await get(server, '/');
    const photo = await get(server, '/alerts/S0ON01/photo.jpg');
    assert.ok(live.body.includes('ياسمين العمراني') && list.body.includes('S0ON01') && photo.statusCode === 200);
    for (const res of [live, list, photo]) assert.ok(maxStaleSeconds(String(res.headers['cache-control'])) <= 60, String(res.headers['cache-control']));

    current = endedAlert('found', { publicId: 'S0ON01' });
    const ended = await get(server, '/alerts/S0ON01');
    assert.ok(ended.body.includes('تم العثور على الطفل') && !ended.body.includes('ياسمين'), 'the server itself answers the new state at once');
    assert.ok(!(await get(server, '/')).body.includes('S0ON01'));
    assert.equal((await get(server, '/alerts/S0ON01/photo.jpg')).statusCode, 404);
    assert.equal((await get(server, '/alerts/S0ON01/og.jpg')).statusCode, 404);
  } finally {
    await server.close();
  }
});

test('photos: the page photo and the share image as JPEG, cached 60 s with an ETag, usable by previews on other sites', async () => {
  const res = await get(site, '/alerts/K7QX2M/photo.jpg?v=2');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'image/jpeg');
  assert.deepEqual(res.rawPayload, jpegBytes('K7QX2M-page'));
  assert.equal(res.headers['cache-control'], 'public, max-age=60');
  assert.equal(res.headers.etag, '"K7QX2M-page-v1"');
  assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.equal((await get(site, '/alerts/K7QX2M/photo.jpg', { 'if-none-match': '"K7QX2M-page-v1"' })).statusCode, 304);

  const og = await get(site, '/alerts/K7QX2M/og.jpg');
  assert.deepEqual(og.rawPayload, jpegBytes('K7QX2M-og'));
  assert.equal(og.headers['cache-control'], 'public, max-age=60');
});

test('no photo is served for an ended alert (even when the source still has one), an alert without photo, or an unknown id', async () => {
  for (const url of ['/alerts/F0UND1/photo.jpg', '/alerts/F0UND1/og.jpg', '/alerts/P4WN8D/photo.jpg', '/alerts/W1THDR/og.jpg', '/alerts/ZZZZZZ/photo.jpg']) {
    const res = await get(site, url);
    assert.equal(res.statusCode, 404, url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
  }
  assert.ok(!source.calls.includes('photo(F0UND1,page)') && !source.calls.includes('photo(F0UND1,og)'), 'the ended alert’s photo is not even read');
});

test('a malformed id is answered without asking the source', async () => {
  const before = source.calls.length;
  await get(site, '/alerts/%3Cscript%3E');
  await get(site, `/alerts/${'x'.repeat(100)}/photo.jpg`);
  assert.equal(source.calls.length, before);
});

test('a failing source gives an HTML error page, not cached, and the failure is logged for operators', async () => {
  const broken: PublicAlertSource = {
    listActive: async () => {
      throw new Error('connection refused');
    },
    get: async () => {
      throw new Error('connection refused');
    },
    photo: async () => undefined,
  };
  const server = await bareSite(broken);
  try {
    for (const url of ['/?lang=fr', '/alerts/K7QX2M?lang=fr', '/alerts/K7QX2M/photo.jpg?lang=fr']) {
      const res = await get(server, url);
      assert.equal(res.statusCode, 500, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
      assert.ok(res.body.includes('<h1>Une erreur est survenue</h1>') && res.body.includes('19'), url);
    }
    assert.ok(t.logLines.some((l) => l.includes('public site error') && l.includes('connection refused')));
  } finally {
    await server.close();
  }
});
