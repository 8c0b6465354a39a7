/**
 * GET /api/session: the signed-in user, the sign-in stage and the CSRF token. Answers at any stage
 * of sign-in (so a reloaded console learns whether to ask for the TOTP code); every other protected
 * route waits for the stage to be complete. PUT /api/session/language: the console's language, kept
 * on the account so it follows the user to any device.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { setOwnLanguage } from '../../../app/accounts/own-language.ts';
import { guard, requireSession, requireUser, sessionGate } from '../../plugins/authenticate.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { presentSession } from '../../presenters/session.presenter.ts';
import { LanguageBody, NoQuery, SESSION_BODY_LIMIT, SessionView } from './schema.ts';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/session',
    { onRequest: [sessionGate], schema: { tags: ['auth'], summary: 'The current session and its CSRF token', security: [{ session: [] }], querystring: NoQuery, response: { 200: SessionView } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(presentSession(requireSession(request), ctx.config.session.idleMinutes, ctx.clock.now())),
  );

  app.put(
    '/api/session/language',
    {
      bodyLimit: SESSION_BODY_LIMIT,
      onRequest: [guard('session.self'), requireJsonBody],
      schema: { tags: ['auth'], summary: 'Your console language, kept on your account', security: [{ session: [], csrf: [] }], body: LanguageBody },
    },
    async (request, reply) => {
      await setOwnLanguage(ctx, requireUser(request), request.body.language);
      return reply.status(204).send();
    },
  );
};
