/**
 * A case with a publishable photo taken through the whole decision chain over HTTP, as officers do it:
 * open, assess, upload the photo, draft, request, three approvals. For tests that need a live alert
 * in a real database (closure, backups).
 *
 * @example
 *   const staff = await signInStaff(t, app);
 *   const { caseId, alertId, publicId } = await publishedAlert(app, staff);
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { HttpApp } from '../../src/http/app.ts';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import type { CaseRecord } from '../../src/domain/case/case-record.ts';
import { signIn } from '../support/auth.ts';
import type { TestContext } from '../support/test-store.ts';

export type SessionHeaders = { cookie: string; 'x-csrf-token': string };
export type Staff = Record<'officer' | 'supervisor' | 'central' | 'prosecutor', SessionHeaders>;

export interface LiveAlert {
  readonly caseId: string;
  readonly alertId: string;
  readonly publicId: string;
}

export async function signInStaff(t: TestContext, app: HttpApp): Promise<Staff> {
  return {
    officer: (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers,
    supervisor: (await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-04' })).headers,
    central: (await signIn(t, app, { role: 'central_command', jurisdiction: 'MA' })).headers,
    prosecutor: (await signIn(t, app, { role: 'prosecutor_liaison', jurisdiction: 'MA-RAB' })).headers,
  };
}

const post = (app: HttpApp, url: string, who: SessionHeaders, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: who, payload: payload as Record<string, unknown> });

/** Opens a case (from `record`, default validRecord()) with a publishable photo; returns its id. */
export async function openCaseWithPhoto(app: HttpApp, staff: Staff, record: CaseRecord = validRecord()): Promise<string> {
  const c = await post(app, '/api/cases', staff.officer, { record, exercise: true });
  assert.equal(c.statusCode, 201, c.body);
  const caseId = c.json<{ case: { id: string } }>().case.id;
  assert.equal((await post(app, `/api/cases/${caseId}/assessment`, staff.officer, { publishingEndangersChild: false })).statusCode, 200);
  await post(app, `/api/cases/${caseId}/assessment/override`, staff.officer, { reason: 'Disparition inquiétante confirmée.', eligible: true });
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 180, g: 90, b: 60 } } }).jpeg().toBuffer();
  const photo = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/photos?publishable=true`, headers: { ...staff.officer, 'content-type': 'image/jpeg' }, payload: jpeg });
  assert.equal(photo.statusCode, 201, photo.body);
  return caseId;
}

/** Drafts the case's alert and requests the decisions. */
export async function draftAndRequest(app: HttpApp, staff: Staff, caseId: string): Promise<LiveAlert> {
  const draft = await post(app, `/api/cases/${caseId}/alerts`, staff.officer);
  assert.equal(draft.statusCode, 201, draft.body);
  const { id: alertId, publicId } = draft.json<{ id: string; publicId: string }>();
  assert.equal((await post(app, `/api/alerts/${alertId}/request`, staff.officer)).statusCode, 200);
  return { caseId, alertId, publicId };
}

/** The three approvals: the last one publishes version 1. */
export async function approveAll(app: HttpApp, staff: Staff, alertId: string): Promise<void> {
  assert.equal((await post(app, `/api/alerts/${alertId}/decisions`, staff.supervisor, { step: 'supervisor_check', outcome: 'approved' })).statusCode, 200);
  assert.equal((await post(app, `/api/alerts/${alertId}/decisions`, staff.central, { step: 'central_validation', outcome: 'approved' })).statusCode, 200);
  const last = await post(app, `/api/alerts/${alertId}/decisions`, staff.prosecutor, {
    step: 'prosecutor_decision',
    outcome: 'approved',
    prosecutor: { court: 'TPI de Rabat', fileReference: '2026/77', magistrate: 'Substitut', decidedAt: '2026-03-11T13:50:00Z' },
  });
  assert.equal(last.statusCode, 200, last.body);
  assert.equal(last.json<{ state: string }>().state, 'active');
}

export async function publishedAlert(app: HttpApp, staff: Staff, record?: CaseRecord): Promise<LiveAlert> {
  const a = await draftAndRequest(app, staff, await openCaseWithPhoto(app, staff, record));
  await approveAll(app, staff, a.alertId);
  return a;
}
