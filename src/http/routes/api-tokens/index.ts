/**
 * API tokens for machine clients: create (the token is in this answer only), list, revoke.
 * Administrators manage tokens of their jurisdiction; auditors may list them.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../app/accounts/api-tokens.ts';
import { guard, requireActor } from '../../plugins/authenticate.ts';
import { requireJsonBody, requireNoBody } from '../../plugins/json-body.ts';
import { presentApiToken } from '../../presenters/api-token.presenter.ts';
import { API_TOKENS_BODY_LIMIT, ApiTokenIdParams, ApiTokenListView, CreateApiTokenBody, CreatedApiTokenView, NoQuery } from './schema.ts';

const SECURITY = [{ session: [], csrf: [] }];

export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {

  app.post(
    '/api/api-tokens',
    {
      bodyLimit: API_TOKENS_BODY_LIMIT,
      onRequest: [guard('api_token.create'), requireJsonBody],
      schema: { tags: ['api-tokens'], summary: 'Create an API token (shown once)', security: SECURITY, body: CreateApiTokenBody, response: { 201: CreatedApiTokenView } },
    },
    async (request, reply) => {
      const b = request.body;
      const { token, row } = await createApiToken(ctx, requireActor(request), { name: b.name, scopes: b.scopes, jurisdiction: b.jurisdiction, expiresAt: b.expiresAt ? new Date(b.expiresAt) : undefined });
      return reply.status(201).send({ token, apiToken: presentApiToken(row, ctx.clock.now()) });
    },
  );

  app.get(
    '/api/api-tokens',
    { onRequest: [guard('api_token.list')], schema: { tags: ['api-tokens'], summary: 'API tokens of your jurisdiction', security: SECURITY, querystring: NoQuery, response: { 200: ApiTokenListView } } },
    async (request, reply) => {
      const now = ctx.clock.now();
      return reply.send({ items: (await listApiTokens(ctx, requireActor(request))).map((r) => presentApiToken(r, now)) });
    },
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      bodyLimit: API_TOKENS_BODY_LIMIT,
      onRequest: [guard('api_token.revoke'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags: ['api-tokens'], summary: 'Revoke an API token', security: SECURITY, params: ApiTokenIdParams },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
