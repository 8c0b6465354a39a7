/**
 * Tip triage for officers (signed-in staff only; API tokens are refused): a case's tips as a list, a
 * GeoJSON map and a timeline; one tip in full (the tipster's contact on request, for case officers);
 * its photo; moving it through the statuses; assigning it; and the in-app notifications high-score
 * tips raise. Reads of tips state a purpose and are audited. Tip text is returned as plain JSON strings
 * for the console to render as text.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { assignTip } from '../../../app/tips/triage-assign.ts';
import { tipAssignees } from '../../../app/tips/triage-assignees.ts';
import { caseTipsMap, caseTipsTimeline, listCaseTips } from '../../../app/tips/triage-list.ts';
import { listOfficerNotificationsFor, markOfficerNotificationReadBy } from '../../../app/tips/triage-notifications.ts';
import { readTip, readTipPhoto } from '../../../app/tips/triage-read.ts';
import { changeTipStatus } from '../../../app/tips/triage-status.ts';
import { guard, requireUser } from '../../plugins/authenticate.ts';
import { requireJsonBody, requireNoBody } from '../../plugins/json-body.ts';
import {
  OfficerNotificationPageView,
  OfficerNotificationView,
  presentOfficerNotification,
  presentOfficerNotificationPage,
  presentTipAssignees,
  presentTipDetail,
  presentTipMap,
  presentTipPage,
  presentTipState,
  presentTipTimeline,
  TipAssigneesView,
  TipDetailView,
  TipMapView,
  TipPageView,
  TipStateView,
  TipTimelineView,
} from '../../presenters/tip-triage.presenter.ts';
import {
  CaseIdParams,
  NotificationIdParams,
  NotificationListQuery,
  TIP_TRIAGE_BODY_LIMIT,
  TipAssignBody,
  TipIdParams,
  TipListQuery,
  TipPhotoQuery,
  TipReadQuery,
  TipStatusBody,
  TipViewQuery,
} from './schema.ts';

const SECURITY = [{ session: [], csrf: [] }];
const tags = ['tips'];

export const tipTriageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/cases/:id/tips',
    { onRequest: [guard('tip.read')], schema: { tags, summary: 'The case’s tips, best scored or newest first (a purpose is required)', security: SECURITY, params: CaseIdParams, querystring: TipListQuery, response: { 200: TipPageView } } },
    async (request, reply) => {
      const q = request.query;
      const page = await listCaseTips(ctx, requireUser(request), request.params.id, {
        sort: q.sort ?? 'score',
        purpose: q.purpose,
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
      return reply.header('cache-control', 'private, no-store').send(presentTipPage(page));
    },
  );

  app.get(
    '/api/cases/:id/tips/map',
    { onRequest: [guard('tip.read')], schema: { tags, summary: 'The case’s tips with a point and the last confirmed sighting, as GeoJSON', security: SECURITY, params: CaseIdParams, querystring: TipViewQuery, response: { 200: TipMapView } } },
    async (request, reply) => {
      const q = request.query;
      const map = await caseTipsMap(ctx, requireUser(request), request.params.id, { purpose: q.purpose, ...(q.status ? { statuses: q.status } : {}) });
      return reply.type('application/geo+json').header('cache-control', 'private, no-store').send(presentTipMap(map));
    },
  );

  app.get(
    '/api/cases/:id/tips/timeline',
    { onRequest: [guard('tip.read')], schema: { tags, summary: 'The case’s tips by time of sighting, with their near-duplicate groups', security: SECURITY, params: CaseIdParams, querystring: TipViewQuery, response: { 200: TipTimelineView } } },
    async (request, reply) => {
      const q = request.query;
      const timeline = await caseTipsTimeline(ctx, requireUser(request), request.params.id, { purpose: q.purpose, ...(q.status ? { statuses: q.status } : {}) });
      return reply.header('cache-control', 'private, no-store').send(presentTipTimeline(timeline));
    },
  );

  app.get(
    '/api/tips/:id',
    { onRequest: [guard('tip.read')], schema: { tags, summary: 'One tip in full: score breakdown, history, group; the tipster’s contact with contact=true', security: SECURITY, params: TipIdParams, querystring: TipReadQuery, response: { 200: TipDetailView } } },
    async (request, reply) => {
      const detail = await readTip(ctx, requireUser(request), request.params.id, { purpose: request.query.purpose, contact: request.query.contact === true });
      return reply.header('cache-control', 'private, no-store').send(presentTipDetail(detail));
    },
  );

  app.get(
    '/api/tips/:id/photo',
    { onRequest: [guard('tip.read')], schema: { tags, summary: 'The tip’s photo (re-encoded JPEG, no metadata; a purpose is required)', security: SECURITY, params: TipIdParams, querystring: TipPhotoQuery } },
    async (request, reply) => {
      const photo = await readTipPhoto(ctx, requireUser(request), request.params.id, { variant: request.query.variant ?? 'full', purpose: request.query.purpose });
      // The bytes came from the public: never sniffed into something else, never able to run anything.
      return reply
        .type(photo.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, no-store')
        .send(photo.bytes);
    },
  );

  app.post(
    '/api/tips/:id/status',
    {
      bodyLimit: TIP_TRIAGE_BODY_LIMIT,
      onRequest: [guard('tip.triage'), requireJsonBody],
      schema: { tags, summary: 'Move a tip to another status (a reason for dismissed, duplicate, forwarded)', security: SECURITY, params: TipIdParams, body: TipStatusBody, response: { 200: TipStateView } },
    },
    async (request, reply) => {
      const b = request.body;
      const state = await changeTipStatus(ctx, requireUser(request), request.params.id, { status: b.status, reason: b.reason ?? null, duplicateOf: b.duplicateOf ?? null });
      return reply.header('cache-control', 'no-store').send(presentTipState(state));
    },
  );

  app.get(
    '/api/cases/:id/tip-assignees',
    { onRequest: [guard('tip.assign')], schema: { tags, summary: 'Who the case’s tips can be assigned to: active staff who could triage them', security: SECURITY, params: CaseIdParams, response: { 200: TipAssigneesView } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(presentTipAssignees(await tipAssignees(ctx, requireUser(request), request.params.id))),
  );

  app.post(
    '/api/tips/:id/assign',
    {
      bodyLimit: TIP_TRIAGE_BODY_LIMIT,
      onRequest: [guard('tip.assign'), requireJsonBody],
      schema: { tags, summary: 'Assign the tip to an officer of the case’s jurisdiction (null: nobody)', security: SECURITY, params: TipIdParams, body: TipAssignBody, response: { 200: TipStateView } },
    },
    async (request, reply) => {
      const state = await assignTip(ctx, requireUser(request), request.params.id, request.body.userId);
      return reply.header('cache-control', 'no-store').send(presentTipState(state));
    },
  );

  app.get(
    '/api/officer-notifications',
    { onRequest: [guard('officer_notification.list')], schema: { tags, summary: 'Your in-app notifications (high-score tips), newest first', security: SECURITY, querystring: NotificationListQuery, response: { 200: OfficerNotificationPageView } } },
    async (request, reply) => {
      const q = request.query;
      const page = await listOfficerNotificationsFor(ctx, requireUser(request), {
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.unread === true ? { unreadOnly: true } : {}),
      });
      return reply.header('cache-control', 'private, no-store').send(presentOfficerNotificationPage(page));
    },
  );

  app.post(
    '/api/officer-notifications/:id/read',
    {
      bodyLimit: 1024,
      onRequest: [guard('officer_notification.mark_read'), requireJsonBody],
      preValidation: [requireNoBody],
      schema: { tags, summary: 'Mark a notification read', security: SECURITY, params: NotificationIdParams, response: { 200: OfficerNotificationView } },
    },
    async (request, reply) => {
      const n = await markOfficerNotificationReadBy(ctx, requireUser(request), request.params.id);
      return reply.header('cache-control', 'no-store').send(presentOfficerNotification(n));
    },
  );
};
