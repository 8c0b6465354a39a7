/**
 * GET /healthz: liveness plus a database round trip. GET /readyz: readiness for a load balancer: the
 * database answers, every migration this release knows is applied, and the job queue's tables are
 * there; while the server shuts down, Fastify answers 503 itself (return503OnClosing), so traffic
 * drains before in-flight requests end. Both public, both say nothing about the data.
 */
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { knownMigrations } from '../../../store/migrator.ts';
import { HealthResponse, ReadinessResponse } from './schema.ts';

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

  const expected = await knownMigrations();
  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Readiness: database, migrations and job queue', response: { 200: ReadinessResponse, 503: ReadinessResponse } } }, async (_req, reply) => {
    const checks: { database: 'ok' | 'unavailable'; migrations: 'ok' | 'pending' | 'unavailable'; jobs: 'ok' | 'unavailable' } = { database: 'unavailable', migrations: 'unavailable', jobs: 'unavailable' };
    try {
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(ctx.store.db);
      checks.database = 'ok';
      const done = new Set(applied.rows.map((r) => r.name));
      checks.migrations = expected.every((m) => done.has(m)) ? 'ok' : 'pending';
      const boss = await sql<{ t: string | null }>`SELECT to_regclass('pgboss.job')::text AS t`.execute(ctx.store.db);
      checks.jobs = boss.rows[0]?.t ? 'ok' : 'unavailable';
    } catch {
      // A database that does not answer leaves the checks that need it unavailable.
    }
    const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.jobs === 'ok';
    return reply.status(ready ? 200 : 503).header('cache-control', 'no-store').send({ status: ready ? 'ready' : 'not_ready', checks });
  });
};
