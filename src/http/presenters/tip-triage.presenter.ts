/**
 * What officers receive of tips: the tip with its explained score (every part, its points and why),
 * status, group and assignee; the list page; the map as a GeoJSON FeatureCollection (tips with a point
 * and the last confirmed sighting they are measured from); the timeline with its groups; one tip in
 * full (history, group members, the tipster's contact when opened); the in-app notifications.
 *
 * The tipster's words (`text`, `place`) are plain JSON strings, never HTML: the console must render
 * them as text (textContent, never innerHTML), so no script can run from a tip. Raw rows never leave:
 * the sealed contact, the API client's idempotency key, request hash and source token stay behind.
 *
 * @example
 *   reply.send(presentTipPage(await listCaseTips(ctx, actor, caseId, query)));
 */
import { type Static, Type } from 'typebox';
import type { OfficerNotification, OfficerNotificationPage } from '../../app/tips/triage-notifications.ts';
import type { TipsMap, TipPage, TipsTimeline } from '../../app/tips/triage-list.ts';
import type { TipContactView, TipDetail } from '../../app/tips/triage-read.ts';
import type { TipTriageState } from '../../app/tips/triage-status.ts';
import type { TipTriageView } from '../../app/tips/triage-views.ts';
import type { TipAssignee } from '../../app/tips/triage-assignees.ts';
import type { Sighting } from '../../domain/tips/last-sighting.ts';
import type { TipScore } from '../../domain/tips/tip-score.ts';
import { TIP_STATUSES } from '../../domain/tips/tip-status.ts';
import { enumOf, nullable } from '../schema-kit.ts';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Points = Type.Integer({ minimum: 0, maximum: 100 });
const SOURCES = ['web', 'whatsapp', 'partner', 'police'] as const;
const Status = enumOf(TIP_STATUSES);
const Source = enumOf(SOURCES);
const LatLonView = Type.Object({ lat: Type.Number(), lon: Type.Number() });

const AnchorView = Type.Object({
  kind: enumOf(['case_last_seen', 'credible_tip'] as const),
  /** The credible tip, when the sighting is one. */
  tipId: nullable(Uuid),
});

export const ScoreView = Type.Object(
  {
    total: Points,
    max: Type.Literal(100),
    /** The scoring model's version (domain/tips/tip-score.ts). */
    model: Type.Integer(),
    breakdown: Type.Object({
      reach: Type.Object({
        points: Points,
        max: Points,
        verdict: enumOf(['within_reach', 'edge_of_reach', 'vehicle_only', 'out_of_reach', 'unknown'] as const),
        basis: enumOf(['point', 'area', 'none'] as const),
        areaCode: nullable(Type.String()),
        distanceKm: nullable(Type.Number()),
        reachKm: nullable(Type.Number()),
        elapsedMinutes: Type.Integer(),
        timeBasis: enumOf(['seen_at', 'received_at'] as const),
        beforeLastSighting: Type.Boolean(),
        anchor: AnchorView,
        ageYears: Type.Integer(),
        vehicleInvolved: Type.Boolean(),
      }),
      detail: Type.Object({
        points: Points,
        max: Points,
        words: Type.Integer(),
        specifics: Type.Array(enumOf(['numbers', 'colour', 'clothing', 'transport'] as const)),
        hasTime: Type.Boolean(),
        place: enumOf(['point', 'place_text', 'none'] as const),
      }),
      photo: Type.Object({ points: Points, max: Points, hasPhoto: Type.Boolean() }),
      source: Type.Object({ points: Points, max: Points, source: Source }),
    }),
  },
  { description: 'The score and each of its parts, with what it was computed from.' },
);
export type ScoreView = Static<typeof ScoreView>;

export const TipView = Type.Object({
  id: Uuid,
  /** The receipt reference the tipster was given. */
  reference: Type.String(),
  caseId: Uuid,
  alertId: Uuid,
  source: Source,
  language: nullable(enumOf(['ar', 'fr', 'zgh'] as const)),
  /** What the tipster wrote. Plain text: render as text, never as HTML. */
  text: Type.String(),
  seenAt: nullable(DateTime),
  /** The tipster's place description. Plain text: render as text, never as HTML. */
  place: nullable(Type.String()),
  point: nullable(LatLonView),
  hasPhoto: Type.Boolean(),
  /** GET this (with a purpose) for the photo; null without one. */
  photoUrl: nullable(Type.String()),
  receivedAt: DateTime,
  status: Status,
  statusChangedAt: nullable(DateTime),
  /** For a duplicate: the lead tip of its group. */
  duplicateOf: nullable(Uuid),
  /** The near-duplicate group (its lead's id); null until triaged. */
  group: nullable(Type.Object({ id: Uuid, size: Type.Integer({ minimum: 1 }), lead: Type.Boolean() })),
  assignedTo: nullable(Uuid),
  assignedAt: nullable(DateTime),
  /** Null until the triage job has scored the tip (seconds after it arrives). */
  score: nullable(ScoreView),
  triagedAt: nullable(DateTime),
});
export type TipView = Static<typeof TipView>;

export const TipPageView = Type.Object({
  caseId: Uuid,
  items: Type.Array(TipView),
  total: Type.Integer({ minimum: 0 }),
  /** Pass as `cursor` (with the same sort) for the next page; null on the last page. */
  nextCursor: nullable(Type.String()),
});
export type TipPageView = Static<typeof TipPageView>;

const SightingView = Type.Object({ at: DateTime, point: LatLonView, uncertaintyMinutes: Type.Integer({ minimum: 0 }), origin: AnchorView });

const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }) });

const TipFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Uuid,
  geometry: PointGeometry,
  properties: Type.Object({
    kind: Type.Literal('tip'),
    tipId: Uuid,
    reference: Type.String(),
    status: Status,
    score: nullable(Points),
    verdict: nullable(Type.String()),
    groupId: nullable(Uuid),
    groupSize: Type.Integer({ minimum: 1 }),
    source: Source,
    seenAt: nullable(DateTime),
    receivedAt: DateTime,
    hasPhoto: Type.Boolean(),
  }),
});

const SightingFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Literal('last-confirmed-sighting'),
  geometry: PointGeometry,
  properties: Type.Object({
    kind: Type.Literal('last_confirmed_sighting'),
    at: DateTime,
    uncertaintyMinutes: Type.Integer({ minimum: 0 }),
    origin: enumOf(['case_last_seen', 'credible_tip'] as const),
    tipId: nullable(Uuid),
  }),
});

export const TipMapView = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    /** The last confirmed sighting first, then the tips with a point (best scored first). */
    features: Type.Array(Type.Union([SightingFeature, TipFeature])),
    /** Tips with a point matching the filter; more than the features when the map was capped. */
    total: Type.Integer({ minimum: 0 }),
    truncated: Type.Boolean(),
  },
  { description: 'GeoJSON (RFC 7946) FeatureCollection; coordinates are [longitude, latitude].' },
);
export type TipMapView = Static<typeof TipMapView>;

export const TipTimelineView = Type.Object({
  caseId: Uuid,
  lastConfirmedSighting: SightingView,
  /** Oldest first by the tipster's time of sighting (`at`), else arrival. */
  entries: Type.Array(Type.Object({ at: DateTime, timeBasis: enumOf(['seen_at', 'received_at'] as const), tip: TipView })),
  groups: Type.Array(Type.Object({ id: Uuid, size: Type.Integer({ minimum: 2 }), tipIds: Type.Array(Uuid) })),
  total: Type.Integer({ minimum: 0 }),
  truncated: Type.Boolean(),
});
export type TipTimelineView = Static<typeof TipTimelineView>;

const ContactView = Type.Object({
  /** shown: opened for this reader (audited); none: left no contact; not_requested: ask with contact=true; withheld: not for this reader; erased: the case's key was destroyed. */
  state: enumOf(['shown', 'none', 'not_requested', 'withheld', 'erased'] as const),
  name: nullable(Type.String()),
  phone: nullable(Type.String()),
  callbackConsent: nullable(Type.Boolean()),
  whatsappSender: nullable(Type.Boolean()),
});

export const TipDetailView = Type.Object({
  tip: TipView,
  history: Type.Array(
    Type.Object({ at: DateTime, actorId: Uuid, from: Status, to: Status, reason: nullable(Type.String()), duplicateOf: nullable(Uuid) }),
  ),
  group: nullable(
    Type.Object({
      id: Uuid,
      size: Type.Integer({ minimum: 1 }),
      members: Type.Array(Type.Object({ id: Uuid, reference: Type.String(), status: Status, score: nullable(Points), seenAt: nullable(DateTime), receivedAt: DateTime, source: Source, lead: Type.Boolean() })),
    }),
  ),
  contact: ContactView,
});
export type TipDetailView = Static<typeof TipDetailView>;

export const TipStateView = Type.Object({
  id: Uuid,
  caseId: Uuid,
  status: Status,
  statusChangedAt: nullable(DateTime),
  duplicateOf: nullable(Uuid),
  group: nullable(Type.Object({ id: Uuid, size: Type.Integer({ minimum: 1 }), lead: Type.Boolean() })),
  assignedTo: nullable(Uuid),
  assignedAt: nullable(DateTime),
});
export type TipStateView = Static<typeof TipStateView>;

export const TipAssigneesView = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      displayName: Type.String({ maxLength: 200 }),
      role: Type.String({ maxLength: 40 }),
      jurisdiction: Type.String({ maxLength: 40 }),
    }),
  ),
});
export type TipAssigneesView = Static<typeof TipAssigneesView>;

export const OfficerNotificationView = Type.Object({
  id: Uuid,
  kind: Type.Literal('tip_high_score'),
  caseId: Uuid,
  caseReference: nullable(Type.String()),
  tipId: Uuid,
  score: Points,
  /** False for a notification shared by your jurisdiction (its case has no case officer). */
  addressedToYou: Type.Boolean(),
  createdAt: DateTime,
  readAt: nullable(DateTime),
});
export type OfficerNotificationView = Static<typeof OfficerNotificationView>;

export const OfficerNotificationPageView = Type.Object({ items: Type.Array(OfficerNotificationView), nextCursor: nullable(Type.String()) });
export type OfficerNotificationPageView = Static<typeof OfficerNotificationPageView>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function anchorView(origin: Sighting['origin']): Static<typeof AnchorView> {
  return { kind: origin.kind, tipId: origin.kind === 'credible_tip' ? origin.tipId : null };
}

export function presentScore(score: TipScore): ScoreView {
  const [reach, detail, photo, source] = score.parts;
  return {
    total: score.total,
    max: 100,
    model: score.model,
    breakdown: {
      reach: {
        points: reach.points,
        max: reach.max,
        verdict: reach.verdict,
        basis: reach.basis,
        areaCode: reach.areaCode,
        distanceKm: reach.distanceKm,
        reachKm: reach.reachKm,
        elapsedMinutes: reach.elapsedMinutes,
        timeBasis: reach.timeBasis,
        beforeLastSighting: reach.beforeLastSighting,
        anchor: anchorView(reach.anchor),
        ageYears: reach.ageYears,
        vehicleInvolved: reach.vehicleInvolved,
      },
      detail: { points: detail.points, max: detail.max, words: detail.words, specifics: [...detail.specifics], hasTime: detail.hasTime, place: detail.place },
      photo: { points: photo.points, max: photo.max, hasPhoto: photo.hasPhoto },
      source: { points: source.points, max: source.max, source: source.source },
    },
  };
}

const groupOf = (g: { id: string; groupId: string | null; groupSize: number }) => (g.groupId === null ? null : { id: g.groupId, size: g.groupSize, lead: g.groupId === g.id });

export function presentTip(t: TipTriageView): TipView {
  return {
    id: t.id,
    reference: t.reference,
    caseId: t.caseId,
    alertId: t.alertId,
    source: t.source,
    language: t.language,
    text: t.text,
    seenAt: iso(t.seenAt),
    place: t.place,
    point: t.point && { lat: t.point.lat, lon: t.point.lon },
    hasPhoto: t.hasPhoto,
    photoUrl: t.hasPhoto ? `/api/tips/${t.id}/photo` : null,
    receivedAt: t.receivedAt.toISOString(),
    status: t.status,
    statusChangedAt: iso(t.statusChangedAt),
    duplicateOf: t.duplicateOf,
    group: groupOf(t),
    assignedTo: t.assignedTo,
    assignedAt: iso(t.assignedAt),
    score: t.score && presentScore(t.score),
    triagedAt: iso(t.triagedAt),
  };
}

export function presentTipPage(page: TipPage): TipPageView {
  return { caseId: page.caseId, items: page.items.map(presentTip), total: page.total, nextCursor: page.nextCursor };
}

function sightingFeature(s: Sighting): Static<typeof SightingFeature> {
  return {
    type: 'Feature',
    id: 'last-confirmed-sighting',
    geometry: { type: 'Point', coordinates: [s.point.lon, s.point.lat] },
    properties: { kind: 'last_confirmed_sighting', at: s.at.toISOString(), uncertaintyMinutes: Math.round(s.uncertaintyMinutes), origin: s.origin.kind, tipId: s.origin.kind === 'credible_tip' ? s.origin.tipId : null },
  };
}

export function presentTipMap(map: TipsMap): TipMapView {
  const tips = map.tips.flatMap((t): Static<typeof TipFeature>[] =>
    t.point
      ? [
          {
            type: 'Feature',
            id: t.id,
            geometry: { type: 'Point', coordinates: [t.point.lon, t.point.lat] },
            properties: {
              kind: 'tip',
              tipId: t.id,
              reference: t.reference,
              status: t.status,
              score: t.score?.total ?? null,
              verdict: t.score?.parts[0].verdict ?? null,
              groupId: t.groupId,
              groupSize: t.groupSize,
              source: t.source,
              seenAt: iso(t.seenAt),
              receivedAt: t.receivedAt.toISOString(),
              hasPhoto: t.hasPhoto,
            },
          },
        ]
      : [],
  );
  return { type: 'FeatureCollection', features: [sightingFeature(map.lastConfirmedSighting), ...tips], total: map.total, truncated: map.total > tips.length };
}

export function presentTipTimeline(tl: TipsTimeline): TipTimelineView {
  const s = tl.lastConfirmedSighting;
  return {
    caseId: tl.caseId,
    lastConfirmedSighting: { at: s.at.toISOString(), point: { lat: s.point.lat, lon: s.point.lon }, uncertaintyMinutes: Math.round(s.uncertaintyMinutes), origin: anchorView(s.origin) },
    entries: tl.tips.map((t) => ({ at: (t.seenAt ?? t.receivedAt).toISOString(), timeBasis: t.seenAt ? ('seen_at' as const) : ('received_at' as const), tip: presentTip(t) })),
    groups: tl.groups.map((g) => ({ id: g.id, size: g.size, tipIds: [...g.tipIds] })),
    total: tl.total,
    truncated: tl.total > tl.tips.length,
  };
}

function presentContact(c: TipContactView): Static<typeof ContactView> {
  if (c.state === 'shown') return { state: 'shown', name: c.name, phone: c.phone, callbackConsent: c.callbackConsent, whatsappSender: c.whatsappSender };
  return { state: c.state, name: null, phone: null, callbackConsent: null, whatsappSender: null };
}

export function presentTipDetail(d: TipDetail): TipDetailView {
  return {
    tip: presentTip(d.tip),
    history: d.history.map((h) => ({ at: h.at.toISOString(), actorId: h.actorId, from: h.from, to: h.to, reason: h.reason, duplicateOf: h.duplicateOf })),
    group: d.group && {
      id: d.group.id,
      size: d.group.size,
      members: d.group.members.map((m) => ({ id: m.id, reference: m.reference, status: m.status, score: m.score, seenAt: iso(m.seenAt), receivedAt: m.receivedAt.toISOString(), source: m.source, lead: m.lead })),
    },
    contact: presentContact(d.contact),
  };
}

export function presentTipState(s: TipTriageState): TipStateView {
  return {
    id: s.id,
    caseId: s.caseId,
    status: s.status,
    statusChangedAt: iso(s.statusChangedAt),
    duplicateOf: s.duplicateOf,
    group: groupOf(s),
    assignedTo: s.assignedTo,
    assignedAt: iso(s.assignedAt),
  };
}

export function presentOfficerNotification(n: OfficerNotification): OfficerNotificationView {
  return { id: n.id, kind: n.kind, caseId: n.caseId, caseReference: n.caseReference, tipId: n.tipId, score: n.score, addressedToYou: n.addressedToYou, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) };
}

export function presentOfficerNotificationPage(page: OfficerNotificationPage): OfficerNotificationPageView {
  return { items: page.items.map(presentOfficerNotification), nextCursor: page.nextCursor };
}

export function presentTipAssignees(people: readonly TipAssignee[]): TipAssigneesView {
  return { items: people.map((p) => ({ id: p.id, displayName: p.displayName, role: p.role, jurisdiction: p.jurisdiction })) };
}
