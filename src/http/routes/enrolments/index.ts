/**
 * One-time enrolment links (first administrator, invitations): inspect a link, then set the
 * password. The token travels in the body, never in a URL, so access logs and proxies never see it.
 * Rate-limited with the sign-in routes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { completeEnrolment, inspectEnrolment } from '../../../app/accounts/enrolments.ts';
import { isRole } from '../../../domain/actor.ts';
import { clientOf } from '../../plugins/authenticate.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { CompletedEnrolmentView, CompleteEnrolmentBody, ENROLMENT_BODY_LIMIT, EnrolmentView, InspectEnrolmentBody } from './schema.ts';

export const enrolmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limited = app.authRateLimit;

  app.post(
    '/api/enrolments/inspect',
    {
      bodyLimit: ENROLMENT_BODY_LIMIT,
      onRequest: [limited, requireJsonBody],
      schema: { tags: ['auth'], summary: 'What an enrolment link is for, if it is still valid', body: InspectEnrolmentBody, response: { 200: EnrolmentView } },
    },
    async (request, reply) => {
      const info = await inspectEnrolment(ctx, request.body.token);
      if (!isRole(info.role)) throw new Error('an enrolment carries a role outside the catalogue');
      return reply.send({ ...info, role: info.role, expiresAt: info.expiresAt.toISOString() });
    },
  );

  app.post(
    '/api/enrolments/complete',
    {
      bodyLimit: ENROLMENT_BODY_LIMIT,
      onRequest: [limited, requireJsonBody],
      schema: { tags: ['auth'], summary: 'Set the password through an enrolment link (once)', body: CompleteEnrolmentBody, response: { 200: CompletedEnrolmentView } },
    },
    async (request, reply) => {
      const { token, ...rest } = request.body;
      const done = await completeEnrolment(ctx, token, rest, clientOf(request));
      return reply.send({ username: done.username, next: 'sign_in' as const });
    },
  );
};
