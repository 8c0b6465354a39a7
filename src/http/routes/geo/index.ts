/**
 * GET /api/geo/locate?lat=&lon=: which prefecture/province and region a point lies in, for staff
 * (the officer sees the jurisdiction a last-seen point falls under). A point outside Morocco is
 * 422 `unprocessable`. The answer is not cached: the point may be a restricted last-seen location.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { locatePoint } from '../../../app/jurisdictions/locate-point.ts';
import { guard, requireActor } from '../../plugins/authenticate.ts';
import { presentLocation } from '../../presenters/jurisdiction.presenter.ts';
import { LocateQuery, LocationView } from './schema.ts';

const SECURITY = [{ session: [] }];

/** Request log lines for this route carry the path without the query: the coordinates stay out of the logs. */
const pathOnly = (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] ?? '' });

export const geoRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/geo/locate',
    {
      onRequest: [guard('geo.locate')],
      logSerializers: { req: pathOnly },
      schema: { tags: ['geo'], summary: 'The prefecture/province and region of a point in Morocco', security: SECURITY, querystring: LocateQuery, response: { 200: LocationView } },
    },
    async (request, reply) => {
      const location = await locatePoint(ctx, requireActor(request), { lat: request.query.lat, lon: request.query.lon });
      return reply.header('cache-control', 'no-store').send(presentLocation(location));
    },
  );
};
