/**
 * Sign-in: POST /api/auth/login (password), the TOTP second factor (enrol, confirm, verify) and
 * POST /api/auth/logout. Every route here is rate-limited per client address; every answer is
 * `no-store`. Session ids travel only in the HttpOnly cookie; the CSRF token in the body.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { signInWithPassword } from '../../../app/accounts/sign-in.ts';
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor } from '../../../app/accounts/second-factor.ts';
import { endSession } from '../../../app/accounts/sessions.ts';
import { clientOf, requireSession, sessionGate } from '../../plugins/authenticate.ts';
import { requireJsonBody, requireNoBody } from '../../plugins/json-body.ts';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session-cookie.ts';
import { presentSignInStep, SignInStepView } from '../../presenters/session.presenter.ts';
import { AUTH_BODY_LIMIT, CodeBody, LoginBody, TotpEnrolmentView } from './schema.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limited = app.authRateLimit;

  app.post(
    '/api/auth/login',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      onRequest: [limited, requireJsonBody],
      schema: { tags: ['auth'], summary: 'Sign in with username and password', body: LoginBody, response: { 200: SignInStepView } },
    },
    async (request, reply) => {
      const issued = await signInWithPassword(ctx, request.body, clientOf(request));
      setSessionCookie(reply, issued.token);
      return reply.send(presentSignInStep(issued));
    },
  );

  app.post(
    '/api/auth/second-factor/enrol',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      onRequest: [limited, sessionGate, requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['auth'], summary: 'Start TOTP enrolment: a new seed as otpauth URI and QR code', security: [{ session: [], csrf: [] }], response: { 200: TotpEnrolmentView } },
    },
    async (request, reply) => reply.send(await startTotpEnrolment(ctx, requireSession(request))),
  );

  app.post(
    '/api/auth/second-factor/confirm',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      onRequest: [limited, sessionGate, requireJsonBody],
      schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a first code; completes the sign-in', security: [{ session: [], csrf: [] }], body: CodeBody, response: { 200: SignInStepView } },
    },
    async (request, reply) => {
      const issued = await confirmTotpEnrolment(ctx, requireSession(request), request.body.code, clientOf(request));
      setSessionCookie(reply, issued.token);
      return reply.send(presentSignInStep(issued));
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      onRequest: [limited, sessionGate, requireJsonBody],
      schema: { tags: ['auth'], summary: 'Send the TOTP code; completes the sign-in', security: [{ session: [], csrf: [] }], body: CodeBody, response: { 200: SignInStepView } },
    },
    async (request, reply) => {
      const issued = await verifySecondFactor(ctx, requireSession(request), request.body.code, clientOf(request));
      setSessionCookie(reply, issued.token);
      return reply.send(presentSignInStep(issued));
    },
  );

  app.post(
    '/api/auth/logout',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      onRequest: [sessionGate, requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['auth'], summary: 'End the session', security: [{ session: [], csrf: [] }] },
    },
    async (request, reply) => {
      await endSession(ctx, requireSession(request));
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );
};
