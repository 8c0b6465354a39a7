/**
 * The shapes the console reads from the API (see /api/openapi.json), written for the browser: the
 * server's presenters are the source of truth; these name only the fields the screens use. The case
 * record itself is the domain's type (pure, shared with the server).
 */
import type { CaseRecord } from '../../../src/domain/case/case-record.ts';

export type Role = 'officer' | 'supervisor' | 'central_command' | 'prosecutor_liaison' | 'communications' | 'auditor' | 'dpo' | 'administrator';
export type Lang = 'ar' | 'fr';
export type SessionStage = 'complete' | 'second_factor' | 'enrol_second_factor';

export interface SessionView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly jurisdictionPath: readonly string[];
  readonly locale: Lang;
  readonly secondFactor: 'enrolled' | 'not_enrolled' | 'not_required';
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly idleExpiresAt: string;
}

export interface SignInStep {
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface TotpEnrolment {
  readonly otpauthUri: string;
  readonly qrSvgDataUrl: string;
  readonly secret: string;
}

export interface EnrolmentInfo {
  readonly purpose: 'first_admin' | 'invite';
  readonly username: string | null;
  readonly displayName: string | null;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly expiresAt: string;
  readonly needsAccountDetails: boolean;
}

export interface Elapsed {
  readonly minutes: number;
  readonly ar: string;
  readonly fr: string;
}

export interface CaseMeta {
  readonly id: string;
  readonly reference: string;
  readonly status: 'open' | 'alert_requested' | 'alert_active' | 'closed';
  readonly jurisdictionCode: string;
  readonly regionCode: string | null;
  readonly provinceCode: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly lastSeenAt: string;
  readonly sinceLastSeen: Elapsed;
  readonly exercise: boolean;
  readonly closedAt: string | null;
  readonly closureOutcome: string | null;
}

export interface LocalisedText {
  readonly ar: string;
  readonly fr: string;
}

export interface CriterionResult {
  readonly met: boolean | 'unknown';
  readonly reasonCode: string;
  readonly reason: LocalisedText;
}

export interface AssessmentView {
  readonly eligible: boolean;
  readonly priority: 'critical' | 'high' | 'normal';
  readonly criteria: Readonly<Record<string, CriterionResult>>;
  readonly override?: { readonly reason: string; readonly at: string } | null;
}

export interface PossibleDuplicate {
  readonly id: string;
  readonly reference: string;
  readonly nameScore: number;
  readonly sameBirthDate: boolean;
  readonly samePlace: boolean;
}

/** A deep-partial record: other staff get only the public subset. */
export type PartialRecord = { readonly [K in keyof CaseRecord]?: unknown } & Readonly<Record<string, unknown>>;

export type CaseResponse =
  | {
      readonly audience: 'case_officer';
      readonly case: CaseMeta;
      readonly record: CaseRecord;
      readonly sensitiveErased?: boolean;
      readonly assessment?: AssessmentView | null;
      readonly closureReason?: string | null;
      readonly possibleDuplicates?: readonly PossibleDuplicate[];
    }
  | { readonly audience: 'other_staff'; readonly case: CaseMeta; readonly record: PartialRecord };

export interface CaseSearchItem {
  readonly case: CaseMeta;
  readonly publicRecord: PartialRecord;
  readonly fullAccess: boolean;
  readonly nameScore: number | null;
}

export interface PhotoView {
  readonly id: string;
  readonly publishable: boolean;
  readonly width: number;
  readonly height: number;
  readonly byteSize: number;
  readonly createdAt: string;
}

export type AlertStateName = 'draft' | 'awaiting_decisions' | 'active' | 'ended' | 'refused';
export type DecisionStep = 'supervisor_check' | 'central_validation' | 'prosecutor_decision';
export type AlertLanguage = 'ar-MA' | 'fr-MA' | 'zgh-Tfng';
export type AlertTextField = 'headline' | 'description' | 'instruction' | 'short90' | 'short360' | 'sms70';
export type AlertTexts = Readonly<Record<AlertLanguage, Readonly<Record<AlertTextField, string>>>>;

export interface ZoneView {
  readonly circles: readonly { readonly center: { readonly lat: number; readonly lon: number }; readonly radiusKm: number }[];
  readonly provinces: readonly string[];
  readonly regions: readonly string[];
  readonly polygons: readonly { readonly type: 'Polygon'; readonly coordinates: readonly (readonly (readonly number[])[])[] }[];
}

export interface AlertDraftView {
  readonly texts: AlertTexts;
  readonly freeText: Readonly<Partial<Record<'ar' | 'fr' | 'zgh', string>>>;
  readonly zone: ZoneView;
  readonly photoId: string | null;
  readonly durationHours: number;
}

export interface DecisionRecordView {
  readonly seq: number;
  readonly kind: DecisionStep | 'urgent_publication' | 'renewal';
  readonly outcome: 'approved' | 'refused';
  readonly actorId: string;
  readonly actorRole: Role;
  readonly at: string;
  readonly reason: string | null;
  readonly prosecutorDueAt: string | null;
}

export type ProsecutorStatus =
  | { readonly status: 'not_required' }
  | { readonly status: 'pending'; readonly dueAt: string | null }
  | { readonly status: 'overdue'; readonly dueAt: string; readonly minutesOverdue: number }
  | { readonly status: 'recorded'; readonly outcome: 'approved' | 'refused'; readonly recordedAt: string; readonly late: boolean }
  | { readonly status: 'lapsed'; readonly dueAt: string };

export interface AlertView {
  readonly id: string;
  readonly publicId: string;
  readonly caseId: string;
  readonly state: AlertStateName;
  readonly revision: number;
  readonly exercise: boolean;
  readonly draft: AlertDraftView;
  readonly request: { readonly by: { readonly id: string; readonly role: Role }; readonly at: string; readonly basis: string; readonly requiredSteps: readonly DecisionStep[] } | null;
  readonly decisions: readonly DecisionRecordView[];
  readonly versions: readonly { readonly number: number; readonly msgType: string; readonly kind: string; readonly at: string; readonly expiresAt: string }[];
  readonly prosecutor: ProsecutorStatus;
  readonly expiresAt: string | null;
  readonly publishedAt: string | null;
  readonly endedAt: string | null;
  readonly endOutcome: string | null;
  readonly publicUrl: string | null;
}

export interface DispatchItem {
  readonly id: string;
  readonly version: number;
  readonly channel: string;
  readonly action: 'publish' | 'retract';
  readonly status: 'queued' | 'sending' | 'sent' | 'partially_failed' | 'failed' | 'retracted';
  readonly planned: boolean;
  readonly counts: { readonly total: number; readonly sent: number; readonly skipped: number; readonly deferred: number; readonly failed: number; readonly pending: number };
  readonly updatedAt: string;
}

export interface DeadLetter {
  readonly dispatchId: string;
  readonly version: number;
  readonly channel: string;
  readonly recipient: string;
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly failedAt: string;
}

export interface DashboardView {
  readonly generatedAt: string;
  readonly scope: string;
  readonly openCases: {
    readonly total: number;
    readonly items: readonly {
      readonly id: string;
      readonly reference: string;
      readonly status: CaseMeta['status'];
      readonly provinceCode: string | null;
      readonly lastSeenAt: string;
      readonly sinceLastSeen: Elapsed;
      readonly exercise: boolean;
      readonly publicRecord: PartialRecord;
      readonly fullAccess: boolean;
    }[];
  } | null;
  readonly alerts: {
    readonly byState: Readonly<Record<AlertStateName, number>>;
    readonly current: readonly {
      readonly id: string;
      readonly publicId: string;
      readonly caseId: string;
      readonly caseReference: string;
      readonly state: AlertStateName;
      readonly exercise: boolean;
      readonly publishedAt: string | null;
      readonly expiresAt: string | null;
      readonly prosecutorDueAt: string | null;
    }[];
  } | null;
  readonly decisions: readonly {
    readonly alertId: string;
    readonly caseId: string;
    readonly caseReference: string;
    readonly step: DecisionStep;
    readonly requestedAt: string | null;
    readonly urgent: boolean;
    readonly dueAt: string | null;
    readonly overdue: boolean;
    readonly exercise: boolean;
  }[] | null;
  readonly tips: { readonly waiting: number; readonly cases: readonly { readonly caseId: string; readonly caseReference: string; readonly waiting: number; readonly bestScore: number | null; readonly lastReceivedAt: string }[] } | null;
  readonly channels: readonly {
    readonly alertId: string;
    readonly publicId: string;
    readonly caseReference: string;
    readonly channel: string;
    readonly version: number;
    readonly action: string;
    readonly status: string;
    readonly failed: number;
    readonly total: number;
  }[] | null;
}

export interface AuditEntry {
  readonly seq: string;
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly type: string; readonly id: string | null; readonly role: string | null; readonly jurisdiction: string | null };
  readonly ip: string | null;
  readonly object: { readonly type: string; readonly id: string | null };
  readonly action: string;
  readonly purpose: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastSeq: string;
  readonly lastHash: string;
  readonly firstBreak: { readonly kind: string; readonly seq: string } | null;
}

export interface AreaView {
  readonly code: string;
  readonly names: { readonly ar: string; readonly fr: string; readonly zgh: string | null };
}

export interface LocationView {
  readonly region: AreaView;
  readonly province: AreaView;
  readonly distanceKm: number;
}

export type TipStatus = 'new' | 'under_review' | 'credible' | 'dismissed' | 'duplicate' | 'forwarded';
export type TipSource = 'web' | 'whatsapp' | 'partner' | 'police';

export interface TipScoreView {
  readonly total: number;
  readonly max: 100;
  readonly breakdown: {
    readonly reach: { readonly points: number; readonly max: number; readonly verdict: string; readonly distanceKm: number | null; readonly reachKm: number | null; readonly elapsedMinutes: number };
    readonly detail: { readonly points: number; readonly max: number; readonly words: number; readonly specifics: readonly string[] };
    readonly photo: { readonly points: number; readonly max: number; readonly hasPhoto: boolean };
    readonly source: { readonly points: number; readonly max: number; readonly source: TipSource };
  };
}

export interface TipView {
  readonly id: string;
  readonly reference: string;
  readonly caseId: string;
  readonly alertId: string;
  readonly source: TipSource;
  readonly language: 'ar' | 'fr' | 'zgh' | null;
  /** The tipster's words: plain text, rendered as text only. */
  readonly text: string;
  readonly seenAt: string | null;
  readonly place: string | null;
  readonly point: { readonly lat: number; readonly lon: number } | null;
  readonly hasPhoto: boolean;
  readonly photoUrl: string | null;
  readonly receivedAt: string;
  readonly status: TipStatus;
  readonly duplicateOf: string | null;
  readonly group: { readonly id: string; readonly size: number; readonly lead: boolean } | null;
  readonly assignedTo: string | null;
  readonly score: TipScoreView | null;
}

export interface TipPage {
  readonly items: readonly TipView[];
  readonly total: number;
  readonly nextCursor: string | null;
}

export interface TipMapFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly number[] };
  readonly properties:
    | { readonly kind: 'tip'; readonly tipId: string; readonly reference: string; readonly status: TipStatus; readonly score: number | null; readonly groupSize: number }
    | { readonly kind: 'last_confirmed_sighting'; readonly at: string };
}

export interface TipMap {
  readonly type: 'FeatureCollection';
  readonly features: readonly TipMapFeature[];
  readonly total: number;
  readonly truncated: boolean;
}

export interface TipTimeline {
  readonly lastConfirmedSighting: { readonly at: string; readonly point: { readonly lat: number; readonly lon: number } };
  readonly entries: readonly { readonly at: string; readonly timeBasis: 'seen_at' | 'received_at'; readonly tip: TipView }[];
  readonly groups: readonly { readonly id: string; readonly size: number; readonly tipIds: readonly string[] }[];
  readonly total: number;
  readonly truncated: boolean;
}

export interface TipDetail {
  readonly tip: TipView;
  readonly history: readonly { readonly at: string; readonly actorId: string; readonly from: TipStatus; readonly to: TipStatus; readonly reason: string | null }[];
  readonly group: { readonly id: string; readonly size: number; readonly members: readonly { readonly id: string; readonly reference: string; readonly status: TipStatus; readonly score: number | null; readonly lead: boolean }[] } | null;
  readonly contact: { readonly state: 'shown' | 'none' | 'not_requested' | 'withheld' | 'erased'; readonly name: string | null; readonly phone: string | null; readonly callbackConsent: boolean | null };
}
