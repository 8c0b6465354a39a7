/**
 * Per-client-address rate limit for the sign-in and enrolment routes (password guessing, TOTP
 * guessing, link probing), shared by all of them. Counters are per process: the durable defence is
 * the per-account lockout in the database; this one keeps a single address from burning CPU on
 * argon2 and from spraying many accounts.
 *
 * @example
 *   app.post('/api/auth/login', { onRequest: [app.authRateLimit] }, handler);
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';

/** Requests per address per window on /api/auth/* and /api/enrolments/*. */
export const AUTH_RATE_LIMIT = { max: 20, windowMs: 60_000 } as const;

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest gate: 429 `rate_limited` with Retry-After once an address exceeds AUTH_RATE_LIMIT. */
    authRateLimit: (request: FastifyRequest) => Promise<void>;
  }
}

export async function registerAuthRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const check = app.createRateLimit({ max: AUTH_RATE_LIMIT.max, timeWindow: AUTH_RATE_LIMIT.windowMs });
  app.decorate('authRateLimit', async (request: FastifyRequest) => {
    const r = await check(request);
    if (!r.isAllowed && r.isExceeded) throw new AppError('rate_limited', 'Too many sign-in attempts from this address. Wait and try again.', { retryAfter: Math.max(1, r.ttlInSeconds) });
  });
}
