/**
 * Public posters of published versions: `GET /alerts/{publicId}/posters/{version}/{lang}-{format}.jpg`,
 * e.g. `/alerts/K7QX2M/posters/1/ar-square.jpg`. Providers that take images by URL (Instagram, WhatsApp
 * headers, partners) fetch them here. An active version's posters (photo, name) answer 404 once the
 * alert has ended; a Cancel's found/ended card stays.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.ts';
import { parsePosterName, versionPoster } from '../../../app/distribution/outbound-alert.ts';
import { closed } from '../../schema-kit.ts';

const Params = Type.Object({ publicId: Type.String({ pattern: '^[A-Z0-9]{6,16}$' }), version: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }), file: Type.String({ pattern: '^[a-z]{2,3}-[a-z]{2,6}\\.jpg$' }) }, closed);

export const posterRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/alerts/:publicId/posters/:version/:file', { schema: { hide: true, params: Params }, attachValidation: true }, async (request, reply) => {
    const wanted = request.validationError ? undefined : parsePosterName(request.params.file.replace(/\.jpg$/, ''));
    const poster = wanted ? await versionPoster(ctx, request.params.publicId, Number(request.params.version), wanted.lang, wanted.format) : undefined;
    if (!poster) return reply.status(404).header('cache-control', 'public, max-age=60').type('text/plain; charset=utf-8').send('Not found');
    if (request.headers['if-none-match'] === poster.etag) return reply.status(304).header('etag', poster.etag).send();
    return reply
      .header('content-type', 'image/jpeg')
      .header('etag', poster.etag)
      // Short: the poster must disappear from caches within a minute of the alert's end.
      .header('cache-control', 'public, max-age=60')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(poster.bytes);
  });
};
