/**
 * CAP 1.2 for broadcasters and aggregators: the latest version of an alert at /alerts/{publicId}.cap and
 * the Atom index at /feeds/alerts.atom (OASIS CAP feeds note). Public, cacheable for a minute, and built
 * only from stored versions, which carry public content only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.ts';
import { capFeed, latestCapDocument } from '../../../app/alerts/cap-documents.ts';
import { AppError } from '../../../domain/errors.ts';

const CapParams = Type.Object({ publicId: Type.String({ pattern: '^[A-Z0-9]{6,16}$', maxLength: 16 }) }, { additionalProperties: false });

export const capRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/alerts/:publicId.cap', { schema: { tags: ['public'], summary: 'The latest CAP 1.2 document of an alert ({publicId}.cap)', params: CapParams } }, async (request, reply) => {
    const xml = await latestCapDocument(ctx, request.params.publicId);
    if (!xml) throw new AppError('not_found', 'No published alert with this id.');
    return reply.type('application/cap+xml; charset=utf-8').header('cache-control', 'public, max-age=60').send(xml);
  });

  app.get('/feeds/alerts.atom', { schema: { tags: ['public'], summary: 'CAP Atom index of recent alerts' } }, async (_request, reply) => {
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=60').send(await capFeed(ctx));
  });
};
