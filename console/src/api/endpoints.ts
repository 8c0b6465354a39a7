/**
 * One typed function per API call the console makes. Screens call these, never fetch directly, so
 * the paths, methods and bodies live in one place.
 *
 * @example
 *   const { items } = await searchCases({ name: 'Salma', limit: 5 });
 */
import type { CaseRecord } from '../../../src/domain/case/case-record.ts';
import type { UpdateKind } from '../../../src/domain/alert/alert-vocabulary.ts';
import { api } from './client.ts';
import type {
  AlertView,
  AuditEntry,
  AuditVerification,
  CaseMeta,
  CaseResponse,
  CaseSearchItem,
  DashboardView,
  DeadLetter,
  DecisionStep,
  DispatchItem,
  EnrolmentInfo,
  LocationView,
  PhotoView,
  Role,
  SessionView,
  SignInStep,
  TotpEnrolment,
  AssessmentView,
  AlertDraftView,
  TipDetail,
  TipMap,
  TipPage,
  TipStatus,
  TipTimeline,
} from './types.ts';

// ── Session and sign-in ──────────────────────────────────────────────────────────────────────────
export const getSession = () => api<SessionView>('GET', '/api/session', { authStep: true });
export const login = (username: string, password: string) => api<SignInStep>('POST', '/api/auth/login', { body: { username, password }, authStep: true });
export const sendSecondFactor = (code: string) => api<SignInStep>('POST', '/api/auth/second-factor', { body: { code }, authStep: true });
export const startTotpEnrolment = () => api<TotpEnrolment>('POST', '/api/auth/second-factor/enrol', { authStep: true });
export const confirmTotpEnrolment = (code: string) => api<SignInStep>('POST', '/api/auth/second-factor/confirm', { body: { code }, authStep: true });
export const logout = () => api<void>('POST', '/api/auth/logout', { authStep: true });
export const inspectEnrolment = (token: string) => api<EnrolmentInfo>('POST', '/api/enrolments/inspect', { body: { token }, authStep: true });
export const completeEnrolment = (body: { token: string; password: string; username?: string; displayName?: string; locale?: 'ar' | 'fr' }) =>
  api<{ username: string; next: 'sign_in' }>('POST', '/api/enrolments/complete', { body, authStep: true });

// ── Dashboard ────────────────────────────────────────────────────────────────────────────────────
export const getDashboard = () => api<DashboardView>('GET', '/api/live/dashboard');

// ── Cases ────────────────────────────────────────────────────────────────────────────────────────
export const openCase = (record: CaseRecord, exercise: boolean) => api<CaseResponse>('POST', '/api/cases', { body: { record, exercise } });
export const readCase = (id: string, purpose: string) => api<CaseResponse>('GET', `/api/cases/${encodeURIComponent(id)}`, { query: { purpose } });
export const updateCase = (id: string, version: number, record: CaseRecord) => api<CaseResponse>('PUT', `/api/cases/${encodeURIComponent(id)}`, { body: { version, record } });
export const searchCases = (q: { name?: string; status?: readonly string[]; limit?: number }) =>
  api<{ items: CaseSearchItem[] }>('GET', '/api/cases', { query: { name: q.name, status: q.status, limit: q.limit } });
export const assessCase = (id: string, publishingEndangersChild: boolean | null) =>
  api<AssessmentView>('POST', `/api/cases/${encodeURIComponent(id)}/assessment`, { body: { publishingEndangersChild } });
export const closeCase = (id: string, outcome: string, reason: string) => api<CaseMeta>('POST', `/api/cases/${encodeURIComponent(id)}/close`, { body: { outcome, reason } });
export const uploadPhoto = (caseId: string, file: Blob, publishable: boolean) =>
  api<PhotoView>('POST', `/api/cases/${encodeURIComponent(caseId)}/photos`, { blob: file, contentType: file.type || 'application/octet-stream', query: { publishable } });
export const listPhotos = (caseId: string) => api<{ items: PhotoView[] }>('GET', `/api/cases/${encodeURIComponent(caseId)}/photos`);
export const photoUrl = (caseId: string, photoId: string, purpose: string) =>
  `/api/cases/${encodeURIComponent(caseId)}/photos/${encodeURIComponent(photoId)}?variant=thumb&purpose=${encodeURIComponent(purpose)}`;
export const locatePoint = (lat: number, lon: number) => api<LocationView>('GET', '/api/geo/locate', { query: { lat, lon } });

// ── Alerts ───────────────────────────────────────────────────────────────────────────────────────
export const createAlert = (caseId: string) => api<AlertView>('POST', `/api/cases/${encodeURIComponent(caseId)}/alerts`);
export const readAlert = (id: string) => api<AlertView>('GET', `/api/alerts/${encodeURIComponent(id)}`);
export const listAlerts = (states: readonly string[]) =>
  api<{ items: { id: string; publicId: string; caseId: string; state: string; updatedAt: string }[] }>('GET', '/api/alerts', { query: { state: states, limit: 200 } });
export const editAlertDraft = (id: string, revision: number, changes: Partial<AlertDraftView>) => api<AlertView>('PUT', `/api/alerts/${encodeURIComponent(id)}/draft`, { body: { revision, ...changes } });
export const requestAlert = (id: string) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/request`);
export interface ProsecutorInput {
  readonly court: string;
  readonly fileReference: string;
  readonly magistrate: string;
  readonly decidedAt: string;
  readonly conditions: string | null;
  readonly publishName: boolean;
  readonly publishPhoto: boolean;
  readonly publishSuspect: boolean;
}
export const decideAlert = (id: string, body: { step: DecisionStep; outcome: 'approved' | 'refused'; reason: string | null; prosecutor?: ProsecutorInput | null }) =>
  api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/decisions`, { body });
export const urgentPublish = (id: string, reason: string) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/urgent-publish`, { body: { reason } });
/** Publishes an Update of an active alert: only the fields that changed, and what kind of update it is. */
export const publishAlertUpdate = (id: string, kind: UpdateKind, changes: Partial<Omit<AlertDraftView, 'durationHours'>>) =>
  api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/updates`, { body: { kind, ...changes } });
export const renewAlert = (id: string, expiresAt: string, reason: string) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/renew`, { body: { expiresAt, reason } });
export const endAlert = (id: string, outcome: 'found' | 'withdrawn', reason: string) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/end`, { body: { outcome, reason } });
export const alertDistribution = (id: string) => api<{ items: DispatchItem[] }>('GET', `/api/alerts/${encodeURIComponent(id)}/distribution`);
export const deadLetters = (id: string) => api<{ items: DeadLetter[] }>('GET', `/api/alerts/${encodeURIComponent(id)}/dead-letters`, { query: { limit: 100 } });
export const retryDeadLetters = (id: string, channel?: string) =>
  api<{ requeued: number }>('POST', `/api/alerts/${encodeURIComponent(id)}/dead-letters/retry`, { body: channel ? { channel } : {} });

// ── Tips (triage) ────────────────────────────────────────────────────────────────────────────────
export const TIP_PURPOSE = 'console: tip triage';
export const caseTips = (caseId: string, q: { sort: 'score' | 'time'; status?: readonly string[] }) =>
  api<TipPage>('GET', `/api/cases/${encodeURIComponent(caseId)}/tips`, { query: { sort: q.sort, status: q.status, limit: 100, purpose: TIP_PURPOSE } });
export const caseTipsMap = (caseId: string, status?: readonly string[]) => api<TipMap>('GET', `/api/cases/${encodeURIComponent(caseId)}/tips/map`, { query: { status, purpose: TIP_PURPOSE } });
export const caseTipsTimeline = (caseId: string, status?: readonly string[]) =>
  api<TipTimeline>('GET', `/api/cases/${encodeURIComponent(caseId)}/tips/timeline`, { query: { status, purpose: TIP_PURPOSE } });
export const readTip = (id: string, contact: boolean) => api<TipDetail>('GET', `/api/tips/${encodeURIComponent(id)}`, { query: { purpose: TIP_PURPOSE, ...(contact ? { contact: true } : {}) } });
export const tipPhotoUrl = (id: string) => `/api/tips/${encodeURIComponent(id)}/photo?variant=thumb&purpose=${encodeURIComponent(TIP_PURPOSE)}`;
export const changeTipStatus = (id: string, status: TipStatus, reason: string | null) => api<unknown>('POST', `/api/tips/${encodeURIComponent(id)}/status`, { body: { status, reason } });
export const saveLanguage = (language: 'ar' | 'fr') => api<unknown>('PUT', '/api/session/language', { body: { language }, keepalive: true });
export const tipAssignees = (caseId: string) =>
  api<{ items: { id: string; displayName: string; role: Role; jurisdiction: string }[] }>('GET', `/api/cases/${encodeURIComponent(caseId)}/tip-assignees`);
export const assignTip = (id: string, userId: string | null) => api<unknown>('POST', `/api/tips/${encodeURIComponent(id)}/assign`, { body: { userId } });

// ── Audit ────────────────────────────────────────────────────────────────────────────────────────
export const listAudit = (q: { actorId?: string; objectType?: string; objectId?: string; actionPrefix?: string; from?: string; to?: string; cursor?: string; limit?: number }) =>
  api<{ items: AuditEntry[]; nextCursor: string | null }>('GET', '/api/audit', { query: q });
export const verifyAudit = () => api<AuditVerification>('GET', '/api/audit/verify');
