/**
 * The officers' side of the internal disappearance notice: GET /api/police-notices lists the notices
 * addressed to the police units of the caller's jurisdiction subtree (newest first, cursor-paged,
 * optionally unread only); POST /api/police-notices/{id}/read marks one read (first reader and time
 * kept, audited). Any staff role; API tokens are refused (a notice is read by a person).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { listPoliceNotices } from '../../../app/police-notices/list-police-notices.ts';
import { markPoliceNoticeRead } from '../../../app/police-notices/mark-police-notice-read.ts';
import { guard, requireUser } from '../../plugins/authenticate.ts';
import { requireJsonBody, requireNoBody } from '../../plugins/json-body.ts';
import { PoliceNoticePageView, PoliceNoticeView, presentPoliceNotice, presentPoliceNoticePage } from '../../presenters/police-notice.presenter.ts';
import { PoliceNoticeIdParams, PoliceNoticeListQuery, POLICE_NOTICES_BODY_LIMIT } from './schema.ts';

const SECURITY = [{ session: [], csrf: [] }];
const tags = ['police-notices'];

export const policeNoticeRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/police-notices',
    {
      onRequest: [guard('police_notice.list')],
      schema: { tags, summary: 'Disappearance notices for the police units of your jurisdiction, newest first', security: SECURITY, querystring: PoliceNoticeListQuery, response: { 200: PoliceNoticePageView } },
    },
    async (request, reply) => {
      const q = request.query;
      const page = await listPoliceNotices(ctx, requireUser(request), {
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.unread === true ? { unreadOnly: true } : {}),
      });
      return reply.header('cache-control', 'private, no-store').send(presentPoliceNoticePage(page));
    },
  );

  app.post(
    '/api/police-notices/:id/read',
    {
      bodyLimit: POLICE_NOTICES_BODY_LIMIT,
      onRequest: [guard('police_notice.mark_read'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags, summary: 'Mark a notice read (the first reader and time are kept)', security: SECURITY, params: PoliceNoticeIdParams, response: { 200: PoliceNoticeView } },
    },
    async (request, reply) => {
      const notice = await markPoliceNoticeRead(ctx, requireUser(request), request.params.id);
      return reply.header('cache-control', 'no-store').send(presentPoliceNotice(notice));
    },
  );
};
