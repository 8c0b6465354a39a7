/**
 * Case intake and the case file: open, read (per audience), search, edit with optimistic concurrency,
 * assess, close and reopen, history, PFIF export, and the case's photos (raw image bodies, up to 15 MB).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.ts';
import { assessCaseNow, overrideCaseAssessment } from '../../../app/cases/assess-case.ts';
import { addCasePhoto, deleteCasePhoto, listCasePhotosFor, readCasePhoto, setCasePhotoPublishable } from '../../../app/cases/case-photos.ts';
import { caseHistory } from '../../../app/cases/case-history.ts';
import { exportCasePfif } from '../../../app/cases/export-pfif.ts';
import { openCase } from '../../../app/cases/open-case.ts';
import { readCase } from '../../../app/cases/read-case.ts';
import { searchCases } from '../../../app/cases/search-cases.ts';
import { transitionCase } from '../../../app/cases/transition-case.ts';
import { updateCase } from '../../../app/cases/update-case.ts';
import { AppError } from '../../../domain/errors.ts';
import { authorize, guard } from '../../plugins/authenticate.ts';
import { withFieldPrefix } from '../../problem.ts';
import {
  CaseHistoryView,
  CaseMetaView,
  CaseResponse,
  CaseSearchView,
  PhotoListView,
  PhotoView,
  presentCase,
  presentCaseMeta,
  presentHistory,
  presentPhoto,
  presentSearch,
} from '../../presenters/case.presenter.ts';
import {
  AssessBody,
  CaseIdParams,
  CloseBody,
  OpenCaseBody,
  OverrideBody,
  PHOTO_BODY_LIMIT,
  PHOTO_CONTENT_TYPES,
  PhotoParams,
  PhotoPatchBody,
  PhotoReadQuery,
  PhotoUploadQuery,
  ReadCaseQuery,
  ReopenBody,
  SearchCasesQuery,
  UpdateCaseBody,
} from './schema.ts';

const security: { [label: string]: string[] }[] = [{ session: [] }, { apiToken: [] }];
const tags = ['cases'];

export const caseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Photo uploads arrive as the raw image body; the pipeline sniffs the real type from the bytes.
  app.addContentTypeParser([...PHOTO_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const now = () => ctx.clock.now();

  app.post('/api/cases', { onRequest: [guard('case.create')], schema: { tags, summary: 'Open a case from the report form', security, body: OpenCaseBody, response: { 201: CaseResponse } } }, async (request, reply) => {
    const actor = authorize(request, 'case.create');
    const view = await withFieldPrefix('body/record', () => openCase(ctx, actor, request.body.record, { exercise: request.body.exercise === true }));
    return reply.status(201).header('cache-control', 'no-store').send(presentCase(view, now()));
  });

  app.get('/api/cases', { onRequest: [guard('case.read_summary')], schema: { tags, summary: 'Search cases', security, querystring: SearchCasesQuery, response: { 200: CaseSearchView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.read_summary');
    const q = request.query;
    if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) {
      throw new AppError('validation_failed', 'The age range is empty.', { errors: [{ field: 'querystring/ageMax', message: 'must not be below ageMin' }] });
    }
    const hits = await searchCases(ctx, actor, {
      limit: q.limit ?? 50,
      ...(q.name !== undefined ? { name: q.name } : {}),
      ...(q.ageMin !== undefined ? { ageMin: q.ageMin } : {}),
      ...(q.ageMax !== undefined ? { ageMax: q.ageMax } : {}),
      ...(q.status ? { statuses: q.status } : {}),
      ...(q.place ? { place: q.place } : {}),
      ...(q.from ? { lastSeenFrom: new Date(q.from) } : {}),
      ...(q.to ? { lastSeenTo: new Date(q.to) } : {}),
    });
    return reply.header('cache-control', 'no-store').send(presentSearch(hits, now()));
  });

  app.get('/api/cases/:id', { onRequest: [guard('case.read_summary')], schema: { tags, summary: 'Read a case (full file for the case officer, with a stated purpose)', security, params: CaseIdParams, querystring: ReadCaseQuery, response: { 200: CaseResponse } } }, async (request, reply) => {
    const actor = authorize(request, 'case.read_summary');
    const view = await readCase(ctx, actor, request.params.id, request.query.purpose);
    return reply.header('cache-control', 'no-store').send(presentCase(view, now()));
  });

  app.put('/api/cases/:id', { onRequest: [guard('case.update')], schema: { tags, summary: 'Save an edited case file (optimistic: name the version you edited)', security, params: CaseIdParams, body: UpdateCaseBody, response: { 200: CaseResponse } } }, async (request, reply) => {
    const actor = authorize(request, 'case.update');
    const view = await withFieldPrefix('body/record', () => updateCase(ctx, actor, request.params.id, request.body.version, request.body.record));
    return reply.header('cache-control', 'no-store').send(presentCase(view, now()));
  });

  app.post('/api/cases/:id/assessment', { onRequest: [guard('case.assess')], schema: { tags, summary: 'Re-assess with the officer’s safety judgement', security, params: CaseIdParams, body: AssessBody, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } }, async (request, reply) => {
    const actor = authorize(request, 'case.assess');
    const assessment = await assessCaseNow(ctx, actor, request.params.id, { publishingEndangersChild: request.body.publishingEndangersChild });
    return reply.header('cache-control', 'no-store').send(assessment as unknown as Record<string, unknown>);
  });

  app.post('/api/cases/:id/assessment/override', { onRequest: [guard('case.override_assessment')], schema: { tags, summary: 'Override the assessment with a written reason', security, params: CaseIdParams, body: OverrideBody, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } }, async (request, reply) => {
    const actor = authorize(request, 'case.override_assessment');
    const b = request.body;
    const assessment = await withFieldPrefix('body', () => overrideCaseAssessment(ctx, actor, request.params.id, { reason: b.reason, eligible: b.eligible, ...(b.priority ? { priority: b.priority } : {}) }));
    return reply.header('cache-control', 'no-store').send(assessment as unknown as Record<string, unknown>);
  });

  app.post('/api/cases/:id/close', { onRequest: [guard('case.close')], schema: { tags, summary: 'Close a case with its outcome', security, params: CaseIdParams, body: CloseBody, response: { 200: CaseMetaView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.close');
    const b = request.body;
    const meta = await transitionCase(ctx, actor, request.params.id, { type: 'close', outcome: b.outcome, reason: b.reason, ...(b.at ? { at: b.at } : {}) });
    return reply.send(presentCaseMeta(meta, now()));
  });

  app.post('/api/cases/:id/reopen', { onRequest: [guard('case.reopen')], schema: { tags, summary: 'Reopen a closed case', security, params: CaseIdParams, body: ReopenBody, response: { 200: CaseMetaView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.reopen');
    const meta = await transitionCase(ctx, actor, request.params.id, { type: 'reopen', reason: request.body.reason });
    return reply.send(presentCaseMeta(meta, now()));
  });

  app.get('/api/cases/:id/history', { onRequest: [guard('case.read_summary')], schema: { tags, summary: 'The case’s lifecycle history', security, params: CaseIdParams, response: { 200: CaseHistoryView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.read_summary');
    const { events, fullAccess } = await caseHistory(ctx, actor, request.params.id);
    return reply.header('cache-control', 'no-store').send(presentHistory(events, fullAccess));
  });

  app.get('/api/cases/:id/pfif', { onRequest: [guard('case.export_public')], schema: { tags, summary: 'PFIF 1.4 export of the public subset', security, params: CaseIdParams } }, async (request, reply) => {
    const actor = authorize(request, 'case.export_public');
    const xml = await exportCasePfif(ctx, actor, request.params.id);
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-store').send(xml);
  });

  app.post('/api/cases/:id/photos', { onRequest: [guard('case.photo_add')], bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, summary: 'Upload a photo (raw JPEG, PNG, WebP or HEIC body)', security, params: CaseIdParams, querystring: PhotoUploadQuery, response: { 201: PhotoView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.photo_add');
    if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send the image itself as the body (image/jpeg, image/png, image/webp or image/heic).');
    const photo = await addCasePhoto(ctx, actor, request.params.id, { bytes: request.body, publishable: request.query.publishable, declaredType: request.headers['content-type'] ?? 'application/octet-stream' });
    return reply.status(201).send(presentPhoto(photo));
  });

  app.get('/api/cases/:id/photos', { onRequest: [guard('case.photo_read')], schema: { tags, summary: 'The case’s photos (metadata)', security, params: CaseIdParams, response: { 200: PhotoListView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.photo_read');
    const photos = await listCasePhotosFor(ctx, actor, request.params.id);
    return reply.header('cache-control', 'no-store').send({ items: photos.map(presentPhoto) });
  });

  app.get('/api/cases/:id/photos/:photoId', { onRequest: [guard('case.photo_read')], schema: { tags, summary: 'A photo’s bytes (JPEG); unpublished photos need a purpose', security, params: PhotoParams, querystring: PhotoReadQuery } }, async (request, reply) => {
    const actor = authorize(request, 'case.photo_read');
    const content = await readCasePhoto(ctx, actor, request.params.id, request.params.photoId, request.query.variant ?? 'full', request.query.purpose);
    return reply.type(content.mime).header('cache-control', 'private, no-store').header('content-disposition', 'inline').send(content.bytes);
  });

  app.patch('/api/cases/:id/photos/:photoId', { onRequest: [guard('case.update')], schema: { tags, summary: 'Choose whether a photo may be published', security, params: PhotoParams, body: PhotoPatchBody, response: { 200: PhotoView } } }, async (request, reply) => {
    const actor = authorize(request, 'case.update');
    const photo = await setCasePhotoPublishable(ctx, actor, request.params.id, request.params.photoId, request.body.publishable);
    return reply.send(presentPhoto(photo));
  });

  app.delete('/api/cases/:id/photos/:photoId', { onRequest: [guard('case.update')], schema: { tags, summary: 'Delete a photo', security, params: PhotoParams } }, async (request, reply) => {
    const actor = authorize(request, 'case.update');
    await deleteCasePhoto(ctx, actor, request.params.id, request.params.photoId);
    return reply.status(204).send();
  });
};
