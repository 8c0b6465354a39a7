/**
 * Citizens' subscriptions on the public site, server-rendered HTML like the rest of it (works without
 * JavaScript, ar/fr/zgh through the site's language switch):
 * - GET  /subscribe                 the sign-up form;
 * - POST /subscribe                 form-urlencoded sign-up: e-mail → "check your e-mail";
 *                                   SMS/WhatsApp → 303 to the code page; refused → the form again
 *                                   with what was typed and localized messages (400), never a 500;
 * - POST /subscribe/push            the page script's Web Push sign-up (JSON in, JSON out);
 * - GET|POST /subscribe/confirm     code entry (?s=<subscription id>);
 * - GET|POST /subscriptions/confirm the e-mail link (?t=…): GET shows a button, POST confirms;
 * - GET|POST /unsubscribe?t=…       GET shows one button; POST unsubscribes: the button, and the
 *                                   RFC 8058 one-click POST (body List-Unsubscribe=One-Click, form-
 *                                   urlencoded or multipart, no cookies) answered 200 at once;
 * - GET /assets/subscribe.js, GET /sw.js   the two browser scripts (browser-scripts.ts).
 * Every answer after a sign-up is the same whether or not the address was already subscribed.
 *
 * Rate limits per client address (per process, like the sign-in limit): sign-ups 20/min (each can
 * send a message; the per-subscription resend limit protects a victim's phone), code and link
 * confirmations 30/min (a code also locks after 5 wrong tries), unsubscribes 120/min (mail providers
 * post one-click unsubscribes from few addresses), pages 120/min. Over the limit: a localized 429
 * page with Retry-After.
 *
 * Errors: these are pages for people: a refused request answers a localized HTML page (problem+json
 * only on the JSON route); unknown errors are logged by type and code, never by message, and answer
 * the HTML error page. Addresses and tokens never reach a log line (the logger drops query strings).
 * Hidden from the OpenAPI document, which describes the JSON API.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { confirm, confirmByLink } from '../../../app/subscriptions/confirm.ts';
import { subscribe } from '../../../app/subscriptions/subscribe.ts';
import { isUuid, verifyUnsubscribeToken } from '../../../app/subscriptions/subscription-keys.ts';
import { offeredChannels, SubscriptionInputError } from '../../../app/subscriptions/subscription-support.ts';
import { unsubscribe, UNSUBSCRIBE_TOKEN_MAX } from '../../../app/subscriptions/unsubscribe.ts';
import { AppError } from '../../../domain/errors.ts';
import type { SubscriptionProblem } from '../../../domain/subscription/subscription-problems.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { sendProblem, toAppError } from '../../problem.ts';
import { SERVICE_WORKER_SCRIPT, SUBSCRIBE_SCRIPT } from '../../public/browser-scripts.ts';
import type { SiteContext } from '../../public/layout.ts';
import { loadSiteAssets } from '../../public/site-assets.ts';
import { negotiateLanguage, type NegotiatedLanguage, SITE_LANGUAGES, type SiteLanguage } from '../../public/site-language.ts';
import { freshFormValues, type RegionChoice, renderSubscribePage, SUBSCRIBE_PATH, SUBSCRIBE_SCRIPT_PATH, type SubscribeFormValues } from '../../public/subscribe-page.ts';
import {
  CODE_PATH,
  type CodePageOutcome,
  LINK_CONFIRM_PATH,
  renderCodePage,
  renderConfirmedPage,
  renderConfirmLinkPage,
  renderEmailSentPage,
  renderLinkProblemPage,
  renderSubscriptionStatusPage,
  renderUnsubscribedPage,
  renderUnsubscribePage,
  type StatusKind,
  UNSUBSCRIBE_PATH,
} from '../../public/subscription-pages.ts';
import { PROBLEM_TEXTS, SUBSCRIPTION_TEXTS } from '../../public/subscription-texts.ts';
import { ASSET_CACHE, sendRepresentation } from '../public-site/http-cache.ts';
import { formValues, readSubscribeForm, toSubscriptionRequest } from './form-fields.ts';

export const PUSH_PATH = '/subscribe/push';
export const SERVICE_WORKER_PATH = '/sw.js';

export const SUBSCRIPTION_RATE_LIMITS = {
  signUp: { max: 20, windowMs: 60_000 },
  confirm: { max: 30, windowMs: 60_000 },
  unsubscribe: { max: 120, windowMs: 60_000 },
  pages: { max: 120, windowMs: 60_000 },
} as const;

const HTML = 'text/html; charset=utf-8';
const JS = 'application/javascript; charset=utf-8';
const NO_STORE = 'no-store';

const isSiteLanguage = (v: unknown): v is SiteLanguage => v === 'ar' || v === 'fr' || v === 'zgh';

/** A single query value (a repeated parameter is not one). */
function queryValue(request: FastifyRequest, name: string): string | undefined {
  const q = request.query as Record<string, unknown> | undefined;
  const v = q?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** The `lang` field of a body, when it has one as text. */
function langOf(body: unknown): string | undefined {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).lang : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The body's fields when they are all single strings, else undefined. */
function plainFields(body: unknown, allowed: readonly string[]): Record<string, string> | undefined {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (!allowed.includes(k) || typeof v !== 'string' || v.length > 200) return undefined;
    out[k] = v;
  }
  return out;
}

export const subscriptionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const assets = await loadSiteAssets();
  const site: SiteContext = { baseUrl: ctx.config.publicBaseUrl, cssHref: assets.cssHref };
  const regions: RegionChoice[] = ctx.geo.regions.map((r) => ({
    code: r.code,
    names: r.names,
    provinces: ctx.geo.provinces.filter((p) => p.regionCode === r.code).map((p) => ({ code: p.code, names: p.names })),
  }));
  const pushPublicKey = ctx.config.channels.webpush?.publicKey ?? null;

  const limiter = (limit: { readonly max: number; readonly windowMs: number }) => {
    const check = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs });
    return async (request: FastifyRequest): Promise<void> => {
      const r = await check(request);
      if (!r.isAllowed && r.isExceeded) throw new AppError('rate_limited', 'Too many requests from this address. Wait and try again.', { retryAfter: Math.max(1, r.ttlInSeconds) });
    };
  };
  const signUpLimit = limiter(SUBSCRIPTION_RATE_LIMITS.signUp);
  const confirmLimit = limiter(SUBSCRIPTION_RATE_LIMITS.confirm);
  const unsubscribeLimit = limiter(SUBSCRIPTION_RATE_LIMITS.unsubscribe);
  const pageLimit = limiter(SUBSCRIPTION_RATE_LIMITS.pages);

  // RFC 8058 allows the one-click body as multipart/form-data; only the token in the URL matters, so
  // the body is kept as text (small) and never parsed. Scoped to this plugin's routes.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, { multipart: String(body) });
  });

  const language = (request: FastifyRequest, fromBody?: string): NegotiatedLanguage =>
    isSiteLanguage(fromBody) ? { lang: fromBody, fromQuery: true } : negotiateLanguage(request.query, request.headers['accept-language']);

  function sendHtml(request: FastifyRequest, reply: FastifyReply, status: number, page: string, lang: NegotiatedLanguage, cacheControl = NO_STORE): FastifyReply {
    return sendRepresentation(request, reply, {
      status,
      contentType: HTML,
      body: page,
      cacheControl,
      headers: { 'content-language': SITE_LANGUAGES[lang.lang].tag, ...(lang.fromQuery ? {} : { vary: 'Accept-Language' }) },
    });
  }

  const formPage = (lang: SiteLanguage, values: SubscribeFormValues, problems: readonly SubscriptionProblem[]): string =>
    renderSubscribePage(site, lang, { offered: offeredChannels(ctx.config), regions, pushPublicKey, values, problems });

  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (!known || known.status >= 500) {
      const e = err as { name?: unknown; code?: unknown };
      request.log.error({ err: { type: typeof e.name === 'string' ? e.name : typeof err, code: typeof e.code === 'string' ? e.code : null } }, 'subscription route error');
    }
    const shown = known && known.status < 500 ? known : new AppError('internal', 'Something went wrong on our side. Quote the request id if you report it.');
    if (request.routeOptions.url === PUSH_PATH) return sendProblem(reply, request, shown);
    if (shown.retryAfter !== undefined) void reply.header('retry-after', String(Math.ceil(shown.retryAfter)));
    const kind: StatusKind = shown.status === 429 ? 'too_many' : shown.status < 500 ? 'bad_request' : 'error';
    const lang = language(request);
    return sendHtml(request, reply, shown.status, renderSubscriptionStatusPage(site, lang.lang, kind, request.routeOptions.url ?? SUBSCRIBE_PATH), lang);
  });

  // ── The form ────────────────────────────────────────────────────────────────────────────────────

  app.get(SUBSCRIBE_PATH, { schema: { hide: true }, onRequest: [pageLimit] }, async (request, reply) => {
    const lang = language(request);
    return sendHtml(request, reply, 200, formPage(lang.lang, freshFormValues(lang.lang), []), lang, ASSET_CACHE);
  });

  app.post(SUBSCRIBE_PATH, { schema: { hide: true }, onRequest: [signUpLimit] }, async (request, reply) => {
    const read = readSubscribeForm(request.body);
    // The language field is read even from a form that is otherwise unreadable.
    const lang = language(request, read.ok ? read.fields.lang : langOf(request.body));
    if (!read.ok) return sendHtml(request, reply, 400, formPage(lang.lang, freshFormValues(lang.lang), [{ field: 'form', code: 'form_invalid' }]), lang);
    const codePage = (id: string) => reply.header('cache-control', NO_STORE).redirect(`${CODE_PATH}?s=${id}&lang=${lang.lang}`, 303);
    if (read.robot) {
      // A form robot filled the hidden field: answer as for a person, do nothing.
      return read.fields.channel === 'email' ? sendHtml(request, reply, 200, renderEmailSentPage(site, lang.lang), lang) : codePage(randomUUID());
    }
    try {
      const r = await subscribe(ctx, toSubscriptionRequest(read.fields, SITE_LANGUAGES[lang.lang].tag));
      switch (r.next) {
        case 'link':
          return sendHtml(request, reply, 200, renderEmailSentPage(site, lang.lang), lang);
        case 'code':
          return codePage(r.subscriptionId);
        case 'active':
          return sendHtml(request, reply, 200, renderConfirmedPage(site, lang.lang), lang);
      }
    } catch (err) {
      if (err instanceof SubscriptionInputError) return sendHtml(request, reply, 400, formPage(lang.lang, formValues(read.fields), err.problems), lang);
      throw err;
    }
  });

  app.post(PUSH_PATH, { schema: { hide: true }, onRequest: [signUpLimit, requireJsonBody] }, async (request, reply) => {
    const body = request.body;
    const read = readSubscribeForm(body, ['subscription']);
    const lang = language(request, read.ok ? read.fields.lang : undefined).lang;
    const t = SUBSCRIPTION_TEXTS[lang];
    void reply.header('cache-control', NO_STORE);
    const refuse = (problems: readonly SubscriptionProblem[]) =>
      reply.code(400).send({ status: 'invalid', message: t.errorsHeading, errors: problems.map((p) => ({ field: p.field, code: p.code, message: PROBLEM_TEXTS[lang][p.code] })) });
    if (!read.ok) return refuse([{ field: 'form', code: 'form_invalid' }]);
    if (read.robot) return reply.code(201).send({ status: 'active', message: t.pushActive });
    const push = (body as { subscription?: unknown }).subscription ?? null;
    try {
      const r = await subscribe(ctx, toSubscriptionRequest({ ...read.fields, channel: 'webpush' }, SITE_LANGUAGES[lang].tag, push));
      return reply.code(201).send({ status: 'active', message: t.pushActive, unsubscribeUrl: r.unsubscribeUrl });
    } catch (err) {
      if (err instanceof SubscriptionInputError) return refuse(err.problems);
      throw err;
    }
  });

  // ── Code entry (SMS, WhatsApp) ──────────────────────────────────────────────────────────────────

  app.get(CODE_PATH, { schema: { hide: true }, onRequest: [pageLimit] }, async (request, reply) => {
    const lang = language(request);
    const id = queryValue(request, 's') ?? '';
    if (!isUuid(id)) return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', CODE_PATH), lang);
    return sendHtml(request, reply, 200, renderCodePage(site, lang.lang, { subscriptionId: id, outcome: null }), lang);
  });

  app.post(CODE_PATH, { schema: { hide: true }, onRequest: [confirmLimit] }, async (request, reply) => {
    const fields = plainFields(request.body, ['lang', 's', 'code']);
    const lang = language(request, fields?.lang);
    if (!fields) return sendHtml(request, reply, 400, renderSubscriptionStatusPage(site, lang.lang, 'bad_request', CODE_PATH), lang);
    const id = fields.s ?? '';
    if (!isUuid(id)) return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', CODE_PATH), lang);
    const outcome = await confirm(ctx, { subscriptionId: id, code: fields.code ?? '' });
    if (outcome === 'confirmed') return sendHtml(request, reply, 200, renderConfirmedPage(site, lang.lang), lang);
    const shown: CodePageOutcome = outcome;
    return sendHtml(request, reply, 400, renderCodePage(site, lang.lang, { subscriptionId: id, outcome: shown }), lang);
  });

  // ── E-mail link ─────────────────────────────────────────────────────────────────────────────────

  const LINK_TOKEN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

  app.get(LINK_CONFIRM_PATH, { schema: { hide: true }, onRequest: [pageLimit] }, async (request, reply) => {
    const lang = language(request);
    const token = queryValue(request, 't') ?? '';
    if (!LINK_TOKEN.test(token)) return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', LINK_CONFIRM_PATH), lang);
    return sendHtml(request, reply, 200, renderConfirmLinkPage(site, lang.lang, token), lang);
  });

  app.post(LINK_CONFIRM_PATH, { schema: { hide: true }, onRequest: [confirmLimit] }, async (request, reply) => {
    const fields = plainFields(request.body, ['lang', 't']);
    const lang = language(request, fields?.lang);
    const token = fields?.t ?? queryValue(request, 't') ?? '';
    const outcome = await confirmByLink(ctx, token);
    switch (outcome) {
      case 'confirmed':
        return sendHtml(request, reply, 200, renderConfirmedPage(site, lang.lang), lang);
      case 'expired':
        return sendHtml(request, reply, 410, renderLinkProblemPage(site, lang.lang, 'expired', LINK_CONFIRM_PATH), lang);
      case 'invalid':
        return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', LINK_CONFIRM_PATH), lang);
    }
  });

  // ── Unsubscribe ─────────────────────────────────────────────────────────────────────────────────

  app.get(UNSUBSCRIBE_PATH, { schema: { hide: true }, onRequest: [pageLimit] }, async (request, reply) => {
    const lang = language(request);
    const token = queryValue(request, 't') ?? '';
    const valid = token.length <= UNSUBSCRIBE_TOKEN_MAX && verifyUnsubscribeToken(ctx.keys, token) !== undefined;
    if (!valid) return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', UNSUBSCRIBE_PATH), lang);
    return sendHtml(request, reply, 200, renderUnsubscribePage(site, lang.lang, token), lang);
  });

  app.post(UNSUBSCRIBE_PATH, { schema: { hide: true }, onRequest: [unsubscribeLimit] }, async (request, reply) => {
    // The one-click body (List-Unsubscribe=One-Click) or the button's (nothing): either way the token
    // in the address is what unsubscribes. Whatever else a mail provider adds is ignored.
    const lang = language(request, langOf(request.body));
    const outcome = await unsubscribe(ctx, queryValue(request, 't') ?? '');
    if (outcome === 'invalid') return sendHtml(request, reply, 400, renderLinkProblemPage(site, lang.lang, 'invalid', UNSUBSCRIBE_PATH), lang);
    return sendHtml(request, reply, 200, renderUnsubscribedPage(site, lang.lang), lang);
  });

  // ── Browser scripts ─────────────────────────────────────────────────────────────────────────────

  app.get(SUBSCRIBE_SCRIPT_PATH, { schema: { hide: true } }, async (request, reply) =>
    sendRepresentation(request, reply, { status: 200, contentType: JS, body: SUBSCRIBE_SCRIPT, cacheControl: ASSET_CACHE }),
  );
  // Served from the root so its scope is the whole site; revalidated on every check (no-cache), as
  // browsers expect of service workers.
  app.get(SERVICE_WORKER_PATH, { schema: { hide: true } }, async (request, reply) =>
    sendRepresentation(request, reply, { status: 200, contentType: JS, body: SERVICE_WORKER_SCRIPT, cacheControl: 'no-cache' }),
  );
};
