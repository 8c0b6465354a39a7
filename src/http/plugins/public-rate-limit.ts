/**
 * A rate limit on every route for callers the server does not know: each client address gets
 * RATE_LIMIT_PUBLIC_PER_MINUTE requests per minute on each route (ten times that for reads of the
 * public site, and one more budget for addresses that match no route), then 429 `rate_limited` with
 * Retry-After. "Does not know" is decided after
 * authentication: `request.actor` is the public, i.e. no credentials or refused ones, so a made-up
 * cookie or token does not buy a way around it. Signed-in staff and API tokens are not counted here:
 * they are accountable, locked out on bad passwords, and limited per action where it matters.
 *
 * It stacks with the tighter limits some routes keep for themselves (sign-in 20/min, subscriptions,
 * tips): this one is the floor every route gets, including routes added later, which are covered
 * without declaring anything. Provider webhooks count only the requests they refuse (bad or missing
 * signature): a WhatsApp status burst during a fan-out is signed and must never be turned away, while
 * a stranger probing the endpoint is.
 *
 * Counters are per process (like the other limits): behind a load balancer each process gives an
 * address its own budget. The public pages are cacheable for 30–60 s, so a CDN in front answers most
 * visitors before they reach any process; the default leaves room for many people behind one
 * carrier-grade NAT address.
 *
 * @example
 *   await registerAuthentication(app, ctx);                 // sets request.actor first
 *   registerPublicRateLimit(app, ctx.config);                // then every route registered after it
 *   routeRateLimit(ctx.config, 'POST', '/webhooks/whatsapp'); // { max: 300, windowMs: 60000, counts: 'refused' }
 *   routeRateLimit(ctx.config, 'GET', '/alerts/:publicId');   // { max: 3000, windowMs: 60000, counts: 'all' }
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';
import { AppError } from '../../domain/errors.ts';
import { sendProblem } from '../problem.ts';

export interface RouteRateLimit {
  readonly max: number;
  readonly windowMs: number;
  /** 'all': every request of a public caller counts; 'refused': only answers of 400 or more do. */
  readonly counts: 'all' | 'refused';
}

const WINDOW_MS = 60_000;

/** Routes that count only what they refuse: provider callbacks, authenticated by a signature in the body. */
const REFUSED_ONLY: ReadonlySet<string> = new Set(['/webhooks/whatsapp']);

/** The bucket of requests that match no route (scanners walking paths). */
export const UNMATCHED_ROUTE = '(no route)';

/**
 * Reads of the public site (GET and HEAD outside /api/: alert pages, photos, posters, CAP, feed, assets)
 * get this many times the budget: they are what people open during an alert, often many of them behind
 * one carrier-grade NAT address, and what providers fetch by URL (WhatsApp and Instagram posters).
 */
export const PUBLIC_READ_FACTOR = 10;

/** The limit a public caller meets on one route (`url` as the router declares it, e.g. `/alerts/:publicId`). */
export function routeRateLimit(config: Pick<Config, 'publicRateLimitPerMinute'>, method: string, url: string): RouteRateLimit {
  const refusedOnly = REFUSED_ONLY.has(url);
  const read = (method === 'GET' || method === 'HEAD') && url.startsWith('/') && !url.startsWith('/api/') && !refusedOnly;
  return { max: config.publicRateLimitPerMinute * (read ? PUBLIC_READ_FACTOR : 1), windowMs: WINDOW_MS, counts: refusedOnly ? 'refused' : 'all' };
}

type Check = (request: FastifyRequest, options?: { increment: boolean }) => Promise<{ isAllowed: boolean; isExceeded?: boolean; remaining?: number; ttlInSeconds?: number }>;

const tooMany = (ttlInSeconds: number | undefined): AppError =>
  new AppError('rate_limited', 'Too many requests from this address. Wait and try again.', { retryAfter: Math.max(1, ttlInSeconds ?? 1) });

/**
 * Installs the limit on `app` (the root instance, after authentication so `request.actor` is set, and
 * before the routes). Needs @fastify/rate-limit registered (registerAuthentication does it).
 */
export function registerPublicRateLimit(app: FastifyInstance, config: Pick<Config, 'publicRateLimitPerMinute'>): void {
  // One counter store per route and method, made on first use: a route's budget is its own.
  const checks = new Map<string, { limit: RouteRateLimit; check: Check }>();
  const limiterFor = (request: FastifyRequest) => {
    const url = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const key = `${request.method} ${url}`;
    let entry = checks.get(key);
    if (!entry) {
      const limit = routeRateLimit(config, request.method, url);
      entry = { limit, check: app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs }) };
      checks.set(key, entry);
    }
    return entry;
  };

  // Answered here rather than thrown: some route plugins render their own error pages and would not
  // all recognise the error; a 429 problem+json is the same everywhere.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.actor.kind !== 'public') return;
    const { limit, check } = limiterFor(request);
    const r = limit.counts === 'all' ? await check(request) : await check(request, { increment: false });
    const over = limit.counts === 'all' ? r.isExceeded === true : (r.remaining ?? 1) <= 0;
    if (!r.isAllowed && over) return sendProblem(reply, request, tooMany(r.ttlInSeconds));
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // `actor` is unset when the request failed before authentication (a malformed URL).
    if (request.actor?.kind !== 'public' || reply.statusCode < 400 || reply.statusCode === 429) return;
    const { limit, check } = limiterFor(request);
    if (limit.counts === 'refused') await check(request);
  });
}
