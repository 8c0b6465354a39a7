/**
 * Staff accounts: create (the answer carries the one-time invitation link), list within a
 * jurisdiction, re-invite, disable, reset the second factor. Administrators act inside their own
 * jurisdiction; auditors and DPOs may list.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { createUser, disableUser, listUsers, reinviteUser, resetSecondFactor } from '../../../app/accounts/users.ts';
import { guard, requireActor } from '../../plugins/authenticate.ts';
import { requireJsonBody, requireNoBody } from '../../plugins/json-body.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import { CreatedUserView, CreateUserBody, EnrolmentLinkView, UserIdParams, UserListQuery, UserListView, USERS_BODY_LIMIT, UserView } from './schema.ts';

const SECURITY = [{ session: [], csrf: [] }];

export const userRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {

  app.post(
    '/api/users',
    {
      bodyLimit: USERS_BODY_LIMIT,
      onRequest: [guard('user.create'), requireJsonBody],
      schema: { tags: ['users'], summary: 'Create a staff account and its one-time invitation link', security: SECURITY, body: CreateUserBody, response: { 201: CreatedUserView } },
    },
    async (request, reply) => {
      const { user, enrolment } = await createUser(ctx, requireActor(request), request.body);
      return reply.status(201).send({ user: presentUser(user, ctx.clock.now()), enrolment: { url: enrolment.url, expiresAt: enrolment.expiresAt.toISOString() } });
    },
  );

  app.get(
    '/api/users',
    { onRequest: [guard('user.list')], schema: { tags: ['users'], summary: 'Staff accounts within a jurisdiction', security: SECURITY, querystring: UserListQuery, response: { 200: UserListView } } },
    async (request, reply) => {
      const limit = request.query.limit ?? 50;
      const offset = request.query.offset ?? 0;
      const { rows, total } = await listUsers(ctx, requireActor(request), { role: request.query.role, jurisdiction: request.query.jurisdiction, limit, offset });
      const now = ctx.clock.now();
      return reply.send({ items: rows.map((r) => presentUser(r, now)), total, limit, offset });
    },
  );

  app.post(
    '/api/users/:id/disable',
    {
      bodyLimit: USERS_BODY_LIMIT,
      onRequest: [guard('user.disable'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['users'], summary: 'Disable an account and end its sessions', security: SECURITY, params: UserIdParams, response: { 200: UserView } },
    },
    async (request, reply) => reply.send(presentUser(await disableUser(ctx, requireActor(request), request.params.id), ctx.clock.now())),
  );

  app.post(
    '/api/users/:id/reset-second-factor',
    {
      bodyLimit: USERS_BODY_LIMIT,
      onRequest: [guard('user.reset_second_factor'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['users'], summary: 'Remove the TOTP second factor; the user enrols again at next sign-in', security: SECURITY, params: UserIdParams, response: { 200: UserView } },
    },
    async (request, reply) => reply.send(presentUser(await resetSecondFactor(ctx, requireActor(request), request.params.id), ctx.clock.now())),
  );

  app.post(
    '/api/users/:id/invite',
    {
      bodyLimit: USERS_BODY_LIMIT,
      onRequest: [guard('user.update'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['users'], summary: 'A new invitation link for an account that has not set its password', security: SECURITY, params: UserIdParams, response: { 200: EnrolmentLinkView } },
    },
    async (request, reply) => {
      const link = await reinviteUser(ctx, requireActor(request), request.params.id);
      return reply.send({ url: link.url, expiresAt: link.expiresAt.toISOString() });
    },
  );
};
