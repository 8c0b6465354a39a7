/**
 * The public site, server-rendered HTML readable without JavaScript:
 * - GET /                             active alerts, newest first (or "no active alert");
 * - GET /alerts/:publicId             an alert's page; once ended, the "found — thank you" card or
 *                                     the neutral "ended" notice; unknown → 404 HTML page;
 * - GET /alerts/:publicId/photo.jpg   the photo shown on the page;
 * - GET /alerts/:publicId/og.jpg      the 1200×630 share image (404 once the alert has ended);
 * - GET /assets/site.css              the stylesheet, also under its fingerprinted name.
 * Language: `?lang=ar|fr|zgh`, else Accept-Language (the answer then varies on it), else Arabic.
 * Caching: see http-cache.ts. The renderers in src/http/public are the presenters; these routes only
 * read the PublicAlertSource, pick the language and set the HTTP headers.
 *
 * Errors: a failure here answers an HTML error page (the visitor is a person with a browser, not an
 * API client); client errors (4xx) are handed on to the application's problem+json handler.
 * The routes are hidden from the OpenAPI document, which describes the JSON API.
 *
 * The alert source comes from the plugin options when given, else from publicAlertSourceFor(ctx).
 *
 * @example
 *   await app.register(publicSiteRoutes, { ctx });                  // the application
 *   await app.register(publicSiteRoutes, { ctx, source: mySource }); // tests, with literal alert views
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { publicAlertSourceFor, type PublicAlertSource, type PublicPhotoVariant } from '../../../app/public-site/public-alert-source.ts';
import { renderAlertListPage } from '../../public/alert-list-page.ts';
import { renderActiveAlertPage } from '../../public/alert-page.ts';
import { alertBasePath } from '../../public/alert-parts.ts';
import { createActivePageCache } from './active-page-cache.ts';
import { renderEndedAlertPage } from '../../public/ended-alert-page.ts';
import type { SiteContext } from '../../public/layout.ts';
import { CSS_PATH, loadSiteAssets } from '../../public/site-assets.ts';
import { negotiateLanguage, SITE_LANGUAGES, type NegotiatedLanguage } from '../../public/site-language.ts';
import { renderErrorPage, renderNotFoundPage } from '../../public/status-pages.ts';
import { createDrawingCache, drawZoneMap, prepareLand } from '../../public/zone-map.ts';
import { ASSET_CACHE, ENDED_PAGE_CACHE, FINGERPRINTED_ASSET_CACHE, LIVE_PAGE_CACHE, NOT_FOUND_CACHE, PHOTO_CACHE, quotedEtag, sendRepresentation } from './http-cache.ts';
import { AlertParams, AssetParams } from './schema.ts';

/** Most alerts the list shows. */
export const LIST_LIMIT = 50;
const HTML = 'text/html; charset=utf-8';
const FINGERPRINTED_CSS = /^site\.([0-9a-f]{8})\.css$/;

export const publicSiteRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; source?: PublicAlertSource }> = async (app, { ctx, source: given }) => {
  const source = given ?? publicAlertSourceFor(ctx);
  const assets = await loadSiteAssets();
  const site: SiteContext = { baseUrl: ctx.config.publicBaseUrl, cssHref: assets.cssHref };
  const land = prepareLand(ctx.geo.regions.map((r) => ctx.geo.polygons(r.code) ?? []));
  const drawing = createDrawingCache(64);
  const activePages = createActivePageCache();

  const language = (request: FastifyRequest): NegotiatedLanguage => negotiateLanguage(request.query, request.headers['accept-language']);

  function sendPage(request: FastifyRequest, reply: FastifyReply, status: number, page: string, cacheControl: string, lang: NegotiatedLanguage, etag?: string): FastifyReply {
    return sendRepresentation(request, reply, {
      status,
      contentType: HTML,
      body: page,
      cacheControl,
      ...(etag ? { etag } : {}),
      headers: { 'content-language': SITE_LANGUAGES[lang.lang].tag, ...(lang.fromQuery ? {} : { vary: 'Accept-Language' }) },
    });
  }

  const notFound = (request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply => {
    const lang = language(request);
    return sendPage(request, reply, 404, renderNotFoundPage(site, lang.lang, path), NOT_FOUND_CACHE, lang);
  };

  app.setErrorHandler((err, request, reply) => {
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw err;
    request.log.error({ err: { type: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } }, 'public site error');
    const lang = language(request);
    return sendPage(request, reply, 500, renderErrorPage(site, lang.lang, '/'), 'no-store', lang);
  });

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang = language(request);
    const alerts = await source.listActive(LIST_LIMIT);
    return sendPage(request, reply, 200, renderAlertListPage(site, lang.lang, alerts, ctx.clock.now()), LIVE_PAGE_CACHE, lang);
  });

  app.get('/alerts/:publicId', { schema: { hide: true, params: AlertParams }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return notFound(request, reply, '/');
    const { publicId } = request.params;
    const view = await source.get(publicId);
    if (!view) return notFound(request, reply, alertBasePath(publicId));
    const lang = language(request);
    switch (view.state) {
      case 'active': {
        const now = ctx.clock.now();
        // What the page's one time-dependent line (lastSeenLine) depends on: whole minutes since last seen,
        // and Morocco's UTC offset on the hour (it only changes on an hour boundary).
        const timeKey = `${Math.floor((now.getTime() - view.lastSeenAt.getTime()) / 60_000)}:${Math.floor(now.getTime() / 3_600_000)}`;
        const page = activePages.get(view, lang.lang, timeKey, () => {
          const map = drawing(`${view.publicId}:${view.version}`, () => drawZoneMap(view.zone, land));
          return renderActiveAlertPage(site, lang.lang, view, now, map);
        });
        return sendPage(request, reply, 200, page.body, LIVE_PAGE_CACHE, lang, page.etag);
      }
      case 'ended':
        return sendPage(request, reply, 200, renderEndedAlertPage(site, lang.lang, view), ENDED_PAGE_CACHE, lang);
    }
  });

  const photoRoute = (variant: PublicPhotoVariant) => async (request: FastifyRequest<{ Params: { publicId: string } }>, reply: FastifyReply) => {
    if (request.validationError) return notFound(request, reply, '/');
    const { publicId } = request.params;
    // The alert's own state decides, so an ended alert's photo is never served, whatever the source does.
    const view = await source.get(publicId);
    // The page photo exists only when one was published; the share card exists for every active alert.
    const wanted = view?.state === 'active' && (variant === 'og' || view.photo !== null);
    const photo = wanted ? await source.photo(publicId, variant, SITE_LANGUAGES[language(request).lang].tag) : undefined;
    if (!photo) return notFound(request, reply, alertBasePath(publicId));
    return sendRepresentation(request, reply, {
      status: 200,
      contentType: 'image/jpeg',
      body: photo.bytes,
      cacheControl: PHOTO_CACHE,
      etag: quotedEtag(photo.etag),
      // Share images are fetched and embedded by other sites (previews): allow cross-origin use.
      headers: { 'cross-origin-resource-policy': 'cross-origin' },
    });
  };
  app.get('/alerts/:publicId/photo.jpg', { schema: { hide: true, params: AlertParams }, attachValidation: true }, photoRoute('page'));
  app.get('/alerts/:publicId/og.jpg', { schema: { hide: true, params: AlertParams }, attachValidation: true }, photoRoute('og'));

  const css = (cacheControl: string) => ({ status: 200, contentType: 'text/css; charset=utf-8', body: assets.css, cacheControl, etag: assets.cssEtag });
  app.get(CSS_PATH, { schema: { hide: true } }, async (request, reply) => sendRepresentation(request, reply, css(ASSET_CACHE)));
  app.get('/assets/:file', { schema: { hide: true, params: AssetParams }, attachValidation: true }, async (request, reply) => {
    const hash = request.validationError ? undefined : FINGERPRINTED_CSS.exec(request.params.file)?.[1];
    if (hash === undefined) return notFound(request, reply, '/');
    // A page cached from another release may ask for another fingerprint: answer the current sheet, briefly cached.
    return sendRepresentation(request, reply, css(hash === assets.cssHash ? FINGERPRINTED_ASSET_CACHE : ASSET_CACHE));
  });
};
