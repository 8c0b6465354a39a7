/**
 * The audit log for auditors and the data-protection officer: GET /api/audit pages through entries
 * (newest first, filtered, cursor by seq; each page served is itself recorded), GET /api/audit/verify
 * checks the whole chain and its anchor, like `npx tifli audit verify`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { listAuditLog } from '../../../app/audit/list-audit.ts';
import { verifyAudit } from '../../../app/audit/verify-audit.ts';
import { AppError } from '../../../domain/errors.ts';
import { authorize, guard } from '../../plugins/authenticate.ts';
import { AuditPageView, AuditVerificationView, presentAuditPage, presentAuditVerification } from '../../presenters/audit.presenter.ts';
import { AuditListQuery } from './schema.ts';

const security = [{ session: [] }];

export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/audit',
    {
      onRequest: [guard('audit.read')],
      schema: { tags: ['audit'], summary: 'Audit log entries, newest first', security, querystring: AuditListQuery, response: { 200: AuditPageView } },
    },
    async (request, reply) => {
      const actor = authorize(request, 'audit.read');
      const q = request.query;
      const from = q.from !== undefined ? new Date(q.from) : undefined;
      const to = q.to !== undefined ? new Date(q.to) : undefined;
      if (from && to && from.getTime() > to.getTime()) throw new AppError('validation_failed', 'The time window ends before it starts.', { errors: [{ field: 'querystring/to', message: 'must not be before from' }] });
      const page = await listAuditLog(ctx, actor, {
        limit: q.limit ?? 50,
        ...(q.actorId !== undefined ? { actorId: q.actorId } : {}),
        ...(q.objectType !== undefined ? { objectType: q.objectType } : {}),
        ...(q.objectId !== undefined ? { objectId: q.objectId } : {}),
        ...(q.actionPrefix !== undefined ? { actionPrefix: q.actionPrefix } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(q.cursor !== undefined ? { beforeSeq: q.cursor } : {}),
      });
      return reply.header('cache-control', 'no-store').send(presentAuditPage(page));
    },
  );

  app.get(
    '/api/audit/verify',
    {
      onRequest: [guard('audit.verify')],
      schema: { tags: ['audit'], summary: 'Verify the audit log hash chain and its anchor', security, response: { 200: AuditVerificationView } },
    },
    async (request, reply) => {
      authorize(request, 'audit.verify');
      return reply.header('cache-control', 'no-store').send(presentAuditVerification(await verifyAudit(ctx)));
    },
  );
};
