/** GET /healthz: liveness plus a database round trip. Public, and says nothing about the data. */
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { HealthResponse } from './schema.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Liveness and database check', response: { 200: HealthResponse, 503: HealthResponse } } }, async (_req, reply) => {
    const started = performance.now();
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await sql`select 1`.execute(ctx.store.db);
    } catch {
      database = 'unavailable';
    }
    const body = { status: database === 'ok' ? ('ok' as const) : ('degraded' as const), version: ctx.version, database: { mode: ctx.store.mode, status: database, latencyMs: Math.round(performance.now() - started) } };
    return reply.status(database === 'ok' ? 200 : 503).header('cache-control', 'no-store').send(body);
  });
};
