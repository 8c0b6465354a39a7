/**
 * Serves the officers' console, the single-page application built by `npm run build:console` into
 * dist/console/: hashed assets under /console/assets/ (cached for a year), every other /console/…
 * path answered with index.html (the console's own router takes over), the enrolment link
 * `/enrol#<token>` redirected to the console's enrolment page (the fragment stays in the browser and
 * follows the redirect), and the offline base map at /console/boundaries.geojson.
 *
 * @example
 *   GET /console/                      → index.html (no-cache)
 *   GET /console/cases/new             → index.html
 *   GET /console/assets/index-1a2b.js  → the file, immutable
 *   GET /enrol                         → 302 /console/enrol
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { AppError } from '../../../domain/errors.ts';
import { consoleBoundaries } from './boundaries.ts';

/** Where `npm run build:console` writes the console (vite.config.ts: build.outDir). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../../dist/console/', import.meta.url));

const hidden = { schema: { hide: true } } as const;
const YEAR_SECONDS = 31_536_000;

export const consoleRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyStatic, { root: CONSOLE_DIST, serve: false, index: false, dotfiles: 'deny' });

  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new AppError('service_unavailable', 'The console is not built: run `npm run build:console` (npm start does it).');
    // The page names the current asset hashes: always revalidated, never stale after an upgrade.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };

  app.get('/enrol', hidden, async (_request, reply) => reply.redirect('/console/enrol', 302));
  app.get('/console', hidden, async (_request, reply) => sendIndex(reply));

  app.get('/console/boundaries.geojson', hidden, async (request, reply) => {
    const { body, etag } = consoleBoundaries(ctx.geo);
    void reply.header('etag', etag).header('cache-control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/geo+json; charset=utf-8').send(body);
  });

  app.get('/console/*', hidden, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    if (rest.startsWith('assets/')) {
      return reply.header('cache-control', `public, max-age=${YEAR_SECONDS}, immutable`).sendFile(rest, { cacheControl: false, lastModified: false });
    }
    // A path with a file extension is a file (favicon, robots); anything else is a console route.
    if (/\.[a-z0-9]{1,8}$/i.test(rest) && !rest.endsWith('.html')) return reply.sendFile(rest);
    return sendIndex(reply);
  });
};
