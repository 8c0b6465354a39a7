/**
 * GET /api/session: the signed-in user, the sign-in stage and the CSRF token. Answers at any stage
 * of sign-in (so a reloaded console learns whether to ask for the TOTP code); every other protected
 * route waits for the stage to be complete.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { requireSession, sessionGate } from '../../plugins/authenticate.ts';
import { presentSession } from '../../presenters/session.presenter.ts';
import { NoQuery, SessionView } from './schema.ts';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/session',
    { onRequest: [sessionGate], schema: { tags: ['auth'], summary: 'The current session and its CSRF token', security: [{ session: [] }], querystring: NoQuery, response: { 200: SessionView } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(presentSession(requireSession(request), ctx.config.session.idleMinutes, ctx.clock.now())),
  );
};
