/**
 * Privacy requests and retention (Law 09-08), for the DPO and the case's officers:
 * - legal holds that keep a case from the retention purge: list, place, lift (`privacy.legal_hold`);
 * - a guardian's access request answered as JSON or as Markdown in French or Arabic (`privacy.access_export`);
 * - rectifications with their history (`privacy.rectify`);
 * - the anonymous statistics kept after purges (`privacy.statistics`).
 * Sessions only in practice (no API token scope grants these actions); every answer is no-store.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.ts';
import { accessExport } from '../../../app/privacy/access-export.ts';
import { caseLegalHolds, liftLegalHold, placeLegalHold } from '../../../app/privacy/legal-holds.ts';
import { caseRectifications, rectifyCase } from '../../../app/privacy/rectify-case.ts';
import { retentionStatistics } from '../../../app/privacy/retention-statistics.ts';
import { renderAccessExportMarkdown } from '../../../domain/privacy/access-export.ts';
import { authorize, guard } from '../../plugins/authenticate.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { withFieldPrefix } from '../../problem.ts';
import { LegalHoldListView, LegalHoldView, RectificationListView, StatisticsView, presentHold, presentRectifications, presentStatistics } from '../../presenters/privacy.presenter.ts';
import { AccessExportBody, CaseIdParams, HoldBody, HoldIdParams, PRIVACY_BODY_LIMIT, RectificationBody, RectificationsQuery, StatisticsQuery } from './schema.ts';

const security: { [label: string]: string[] }[] = [{ session: [] }];
const tags = ['privacy'];

export const privacyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/cases/:id/legal-holds',
    { onRequest: [guard('privacy.legal_hold')], schema: { tags, summary: 'Legal holds of a case, in force or lifted', security, params: CaseIdParams, response: { 200: LegalHoldListView } } },
    async (request, reply) => {
      const holds = await caseLegalHolds(ctx, authorize(request, 'privacy.legal_hold'), request.params.id);
      return reply.header('cache-control', 'no-store').send({ items: holds.map(presentHold) });
    },
  );

  app.post(
    '/api/cases/:id/legal-holds',
    {
      bodyLimit: PRIVACY_BODY_LIMIT,
      onRequest: [guard('privacy.legal_hold'), requireJsonBody],
      schema: { tags, summary: 'Place a legal hold: the case is not purged while it is in force', security, params: CaseIdParams, body: HoldBody, response: { 201: LegalHoldView } },
    },
    async (request, reply) => {
      const hold = await placeLegalHold(ctx, authorize(request, 'privacy.legal_hold'), request.params.id, request.body.reason);
      return reply.status(201).header('cache-control', 'no-store').send(presentHold(hold));
    },
  );

  app.post(
    '/api/legal-holds/:id/lift',
    {
      bodyLimit: PRIVACY_BODY_LIMIT,
      onRequest: [guard('privacy.legal_hold'), requireJsonBody],
      schema: { tags, summary: 'Lift a legal hold (kept in the history with who, when and why)', security, params: HoldIdParams, body: HoldBody, response: { 200: LegalHoldView } },
    },
    async (request, reply) => {
      const hold = await liftLegalHold(ctx, authorize(request, 'privacy.legal_hold'), request.params.id, request.body.reason);
      return reply.header('cache-control', 'no-store').send(presentHold(hold));
    },
  );

  app.post(
    '/api/cases/:id/access-export',
    {
      bodyLimit: PRIVACY_BODY_LIMIT,
      onRequest: [guard('privacy.access_export'), requireJsonBody],
      schema: {
        tags,
        summary: "Answer a guardian's access request: everything held about the child and the guardian (JSON, or Markdown in fr/ar)",
        security,
        params: CaseIdParams,
        body: AccessExportBody,
        response: { 200: Type.Unknown({ description: 'The export as JSON, or as text/markdown when format is markdown.' }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const x = await withFieldPrefix('body', () => accessExport(ctx, authorize(request, 'privacy.access_export'), request.params.id, b.purpose));
      reply.header('cache-control', 'no-store');
      if (b.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(renderAccessExportMarkdown(x, b.lang ?? 'fr'));
      return reply.send(x);
    },
  );

  app.post(
    '/api/cases/:id/rectifications',
    {
      bodyLimit: PRIVACY_BODY_LIMIT,
      onRequest: [guard('privacy.rectify'), requireJsonBody],
      schema: { tags, summary: "Rectify fields of a case at a family's request (history kept: old and new value, who, when, why)", security, params: CaseIdParams, body: RectificationBody, response: { 201: RectificationListView } },
    },
    async (request, reply) => {
      const b = request.body;
      const done = await withFieldPrefix('body', () =>
        rectifyCase(ctx, authorize(request, 'privacy.rectify'), request.params.id, { expectedVersion: b.version, requestedBy: b.requestedBy, reason: b.reason, changes: b.changes }),
      );
      return reply.status(201).header('cache-control', 'no-store').send(presentRectifications(done));
    },
  );

  app.get(
    '/api/cases/:id/rectifications',
    { onRequest: [guard('privacy.rectify')], schema: { tags, summary: "A case's rectifications with their values (a read of restricted data: state the purpose)", security, params: CaseIdParams, querystring: RectificationsQuery, response: { 200: RectificationListView } } },
    async (request, reply) => {
      const rows = await caseRectifications(ctx, authorize(request, 'privacy.rectify'), request.params.id, request.query.purpose);
      return reply.header('cache-control', 'no-store').send(presentRectifications(rows));
    },
  );

  app.get(
    '/api/retention/statistics',
    { onRequest: [guard('privacy.statistics')], schema: { tags, summary: 'Anonymous statistics kept after the retention purge', security, querystring: StatisticsQuery, response: { 200: StatisticsView } } },
    async (request, reply) => {
      const year = request.query.year;
      const rows = await retentionStatistics(ctx, authorize(request, 'privacy.statistics'), year === undefined ? {} : { year });
      return reply.header('cache-control', 'no-store').send(presentStatistics(rows));
    },
  );
};
