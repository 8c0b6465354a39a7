/**
 * Staff alert routes: draft an alert for a case, edit the draft, request decisions, decide a step, the
 * urgent path, renew, update an active alert (new Update version), end it (Cancel), read and list.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { createAlertDraft } from '../../../app/alerts/create-alert.ts';
import { editAlertDraft, updateActiveAlert, type DraftChanges } from '../../../app/alerts/edit-alert.ts';
import { decideAlert, endAlert, renewAlert, requestAlertDecisions, urgentPublishAlert } from '../../../app/alerts/alert-actions.ts';
import { listAlertsFor, readAlert } from '../../../app/alerts/read-alert.ts';
import type { Zone } from '../../../domain/zone/zone.ts';
import { guard, requireUser } from '../../plugins/authenticate.ts';
import { withFieldPrefix } from '../../problem.ts';
import { AlertListResponse, AlertResponse, presentAlert, presentAlertListItem } from '../../presenters/alert.presenter.ts';
import { AlertIdParams, CaseIdParams, DecisionBody, EditDraftBody, EndBody, ListQuery, RenewBody, UpdateBody, UrgentBody } from './schema.ts';

const security: { [label: string]: string[] }[] = [{ session: [] }];
const tags = ['alerts'];

/** The wire form of draft changes, typed as the use case expects (GeoJSON polygons are validated by the domain). */
function changesOf(body: { texts?: unknown; freeText?: unknown; zone?: unknown; photoId?: string | null; durationHours?: number }): DraftChanges {
  return {
    ...(body.texts !== undefined ? { texts: body.texts as DraftChanges['texts'] } : {}),
    ...(body.freeText !== undefined ? { freeText: body.freeText as DraftChanges['freeText'] } : {}),
    ...(body.zone !== undefined ? { zone: body.zone as Zone } : {}),
    ...(body.photoId !== undefined ? { photoId: body.photoId } : {}),
    ...(body.durationHours !== undefined ? { durationHours: body.durationHours } : {}),
  };
}

export const alertRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const send = (a: Parameters<typeof presentAlert>[0]) => presentAlert(a, ctx.clock.now(), ctx.config.publicBaseUrl);

  app.post('/api/cases/:id/alerts', { onRequest: [guard('alert.create')], schema: { tags, summary: 'Draft an alert for a case (texts, zone and photo generated from its public subset)', security, params: CaseIdParams, response: { 201: AlertResponse } } }, async (request, reply) => {
    const a = await createAlertDraft(ctx, requireUser(request), request.params.id);
    return reply.status(201).header('cache-control', 'no-store').send(send(a));
  });

  app.get('/api/alerts', { onRequest: [guard('alert.list')], schema: { tags, summary: 'Alerts by state', security, querystring: ListQuery, response: { 200: AlertListResponse } } }, async (request, reply) => {
    const rows = await listAlertsFor(ctx, requireUser(request), request.query.state ?? [], request.query.limit ?? 50);
    return reply.header('cache-control', 'no-store').send({ items: rows.map(presentAlertListItem) });
  });

  app.get('/api/alerts/:id', { onRequest: [guard('alert.read')], schema: { tags, summary: 'One alert: draft, decisions, versions', security, params: AlertIdParams, response: { 200: AlertResponse } } }, async (request, reply) => {
    return reply.header('cache-control', 'no-store').send(send(await readAlert(ctx, requireUser(request), request.params.id)));
  });

  app.put('/api/alerts/:id/draft', { onRequest: [guard('alert.edit')], schema: { tags, summary: 'Edit the draft (name the revision you edited)', security, params: AlertIdParams, body: EditDraftBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    const a = await withFieldPrefix('body', () => editAlertDraft(ctx, requireUser(request), request.params.id, request.body.revision, changesOf(request.body)));
    return reply.send(send(a));
  });

  app.post('/api/alerts/:id/request', { onRequest: [guard('alert.request')], schema: { tags, summary: 'Request the decisions', security, params: AlertIdParams, response: { 200: AlertResponse } } }, async (request, reply) => {
    return reply.send(send(await requestAlertDecisions(ctx, requireUser(request), request.params.id)));
  });

  app.post('/api/alerts/:id/decisions', { onRequest: [guard('alert.decide')], schema: { tags, summary: 'Decide a step (approve, or refuse with a reason); the last approval publishes', security, params: AlertIdParams, body: DecisionBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    const b = request.body;
    const a = await withFieldPrefix('body', () => decideAlert(ctx, requireUser(request), request.params.id, { step: b.step, outcome: b.outcome, reason: b.reason ?? null, prosecutor: b.prosecutor ?? null }));
    return reply.send(send(a));
  });

  app.post('/api/alerts/:id/urgent-publish', { onRequest: [guard('alert.urgent_publish')], schema: { tags, summary: 'Central command publishes at once; the prosecutor’s decision becomes due', security, params: AlertIdParams, body: UrgentBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    return reply.send(send(await withFieldPrefix('body', () => urgentPublishAlert(ctx, requireUser(request), request.params.id, request.body.reason))));
  });

  app.post('/api/alerts/:id/renew', { onRequest: [guard('alert.renew')], schema: { tags, summary: 'Move the expiry later (an Update)', security, params: AlertIdParams, body: RenewBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    return reply.send(send(await withFieldPrefix('body', () => renewAlert(ctx, requireUser(request), request.params.id, new Date(request.body.expiresAt), request.body.reason))));
  });

  app.post('/api/alerts/:id/updates', { onRequest: [guard('alert.update')], schema: { tags, summary: 'Publish an Update (photo, sighting, zone, text)', security, params: AlertIdParams, body: UpdateBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    const a = await withFieldPrefix('body', () => updateActiveAlert(ctx, requireUser(request), request.params.id, request.body.kind, changesOf(request.body)));
    return reply.send(send(a));
  });

  app.post('/api/alerts/:id/end', { onRequest: [guard('alert.end')], schema: { tags, summary: 'End the alert (found or withdrawn): a Cancel everywhere', security, params: AlertIdParams, body: EndBody, response: { 200: AlertResponse } } }, async (request, reply) => {
    return reply.send(send(await withFieldPrefix('body', () => endAlert(ctx, requireUser(request), request.params.id, request.body.outcome, request.body.reason))));
  });
};
