/**
 * The jurisdiction tree: GET lists it (flat, parents first, each node with its parent's code) for
 * any staff member; POST creates a police unit under a prefecture/province (administrators, within
 * their jurisdiction). Regions and provinces come from reference data at start, never from here.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { createUnit } from '../../../app/jurisdictions/create-unit.ts';
import { listJurisdictions } from '../../../app/jurisdictions/list-jurisdictions.ts';
import { guard, requireActor } from '../../plugins/authenticate.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { presentJurisdiction } from '../../presenters/jurisdiction.presenter.ts';
import { CreateUnitBody, JURISDICTIONS_BODY_LIMIT, JurisdictionListQuery, JurisdictionListView, JurisdictionView } from './schema.ts';

const SECURITY = [{ session: [], csrf: [] }];

export const jurisdictionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/jurisdictions',
    {
      onRequest: [guard('jurisdiction.list')],
      schema: { tags: ['jurisdictions'], summary: 'The jurisdiction tree as a flat list with parent codes', security: SECURITY, querystring: JurisdictionListQuery, response: { 200: JurisdictionListView } },
    },
    async (request, reply) => {
      const rows = await listJurisdictions(ctx, requireActor(request), { under: request.query.under, level: request.query.level });
      return reply.header('cache-control', 'private, no-cache').send({ items: rows.map(presentJurisdiction) });
    },
  );

  app.post(
    '/api/jurisdictions',
    {
      bodyLimit: JURISDICTIONS_BODY_LIMIT,
      onRequest: [guard('jurisdiction.create_unit'), requireJsonBody],
      schema: { tags: ['jurisdictions'], summary: 'Create a police unit under a prefecture or province', security: SECURITY, body: CreateUnitBody, response: { 201: JurisdictionView } },
    },
    async (request, reply) => {
      const row = await createUnit(ctx, requireActor(request), request.body);
      return reply.status(201).header('cache-control', 'no-store').send(presentJurisdiction(row));
    },
  );
};
