/**
 * GET /metrics: Prometheus exposition (platform/metrics.ts): this process's counters and the cluster's
 * figures read from the database at scrape time. With METRICS_TOKEN set, the scraper sends it as a
 * bearer token; without one, only a caller on loopback that came through no proxy is answered, so a
 * reverse proxy on the same host cannot publish it by accident. Counts only: no personal data.
 *
 * @example
 *   curl -H "Authorization: Bearer $METRICS_TOKEN" http://127.0.0.1:3000/metrics
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { AppError } from '../../../domain/errors.ts';
import { readClusterFigures } from '../../../store/repositories/metrics.repository.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayScrape(request: FastifyRequest, token: string | null): boolean {
  if (token === null) return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
  const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export const metricsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics (bearer METRICS_TOKEN, or loopback when none is set)' } }, async (request, reply) => {
    if (!mayScrape(request, ctx.config.metricsToken)) throw new AppError('authentication_required', 'Metrics need the scraper’s token (METRICS_TOKEN).');
    if (!ctx.metrics) throw new AppError('not_found', 'This process serves no metrics.');
    const text = await ctx.metrics.render(await readClusterFigures(ctx.store.db));
    return reply.header('content-type', ctx.metrics.contentType).header('cache-control', 'no-store').send(text);
  });
};
