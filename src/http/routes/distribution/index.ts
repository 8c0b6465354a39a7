/**
 * The alert board: where each version went, per channel, with counts; the dead-letter list; and the
 * officer's retry of dead letters.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { alertDistribution, listDeadLetters, retryDeadLetters } from '../../../app/distribution/alert-distribution.ts';
import { guard, requireUser } from '../../plugins/authenticate.ts';
import { DeadLettersResponse, DistributionResponse, RetryResponse, presentDeadLetter, presentDispatch } from '../../presenters/distribution.presenter.ts';
import { AlertIdParams, DeadLettersQuery, RetryBody } from './schema.ts';

const security: { [label: string]: string[] }[] = [{ session: [] }];
const tags = ['alerts'];

export const distributionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/alerts/:id/distribution', { onRequest: [guard('alert.read')], schema: { tags, summary: 'Per version and channel: status and counts', security, params: AlertIdParams, response: { 200: DistributionResponse } } }, async (request) => {
    return { items: (await alertDistribution(ctx, requireUser(request), request.params.id)).map(presentDispatch) };
  });

  app.get('/api/alerts/:id/dead-letters', { onRequest: [guard('alert.read')], schema: { tags, summary: 'Deliveries that failed after their last attempt', security, params: AlertIdParams, querystring: DeadLettersQuery, response: { 200: DeadLettersResponse } } }, async (request) => {
    const q = request.query;
    return { items: (await listDeadLetters(ctx, requireUser(request), request.params.id, q.limit ?? 100, q.channel)).map(presentDeadLetter) };
  });

  app.post('/api/alerts/:id/dead-letters/retry', { onRequest: [guard('alert.retry_delivery')], schema: { tags, summary: 'Retry the dead letters (optionally of one channel) with a fresh set of attempts', security, params: AlertIdParams, body: RetryBody, response: { 200: RetryResponse } } }, async (request) => {
    return { requeued: await retryDeadLetters(ctx, requireUser(request), request.params.id, request.body.channel ? { channel: request.body.channel } : {}) };
  });
};
