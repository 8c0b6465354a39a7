/**
 * What leaves the server about a case, per audience. The case officer's view carries the decoded file
 * (the use case already audited that read); other staff get the public subset; every view carries the
 * time since last seen, because that is what officers triage by.
 *
 * @example
 *   reply.send(presentCase(await readCase(ctx, actor, id, purpose), ctx.clock.now()));
 */
import { type Static, Type } from 'typebox';
import type { CaseMeta, CaseView as CaseViewModel, PossibleDuplicate } from '../../app/cases/case-view.ts';
import type { CaseSearchHit } from '../../app/cases/search-cases.ts';
import { elapsedSinceLastSeen } from '../../domain/case/case-lifecycle.ts';
import type { CaseEventRow } from '../../store/repositories/cases.repository.ts';
import type { PhotoRecord } from '../../store/repositories/photos.repository.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Open = Type.Record(Type.String(), Type.Unknown());

export const CaseMetaView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: Type.String(),
  jurisdictionCode: Type.String(),
  regionCode: Nullable(Type.String()),
  provinceCode: Nullable(Type.String()),
  openedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  lastSeenAt: Type.String({ format: 'date-time' }),
  sinceLastSeen: Type.Object({ minutes: Type.Integer(), ar: Type.String(), fr: Type.String() }),
  exercise: Type.Boolean(),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  closureOutcome: Nullable(Type.String()),
});

export const CaseResponse = Type.Object({
  audience: Type.Union([Type.Literal('case_officer'), Type.Literal('other_staff')]),
  case: CaseMetaView,
  /** Case officers: the whole file. Other staff: only what the public may see. */
  record: Open,
  sensitiveErased: Type.Optional(Type.Boolean()),
  assessment: Type.Optional(Nullable(Open)),
  closureReason: Type.Optional(Nullable(Type.String())),
  possibleDuplicates: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), reference: Type.String(), nameScore: Type.Number(), sameBirthDate: Type.Boolean(), samePlace: Type.Boolean() })),
  ),
});
export type CaseResponse = Static<typeof CaseResponse>;

export const CaseSearchView = Type.Object({
  items: Type.Array(Type.Object({ case: CaseMetaView, publicRecord: Open, fullAccess: Type.Boolean(), nameScore: Nullable(Type.Number()) })),
});

export const CaseHistoryView = Type.Object({
  items: Type.Array(
    Type.Object({ at: Type.String({ format: 'date-time' }), kind: Type.String(), from: Nullable(Type.String()), to: Nullable(Type.String()), outcome: Nullable(Type.String()), reason: Nullable(Type.String()), actorId: Nullable(Type.String()) }),
  ),
});

export const PhotoView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  publishable: Type.Boolean(),
  width: Type.Integer(),
  height: Type.Integer(),
  byteSize: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export const PhotoListView = Type.Object({ items: Type.Array(PhotoView) });

export function presentCaseMeta(m: CaseMeta, now: Date): Static<typeof CaseMetaView> {
  const elapsed = elapsedSinceLastSeen(m.lastSeenAt, now);
  return {
    id: m.id,
    reference: m.reference,
    status: m.status,
    jurisdictionCode: m.jurisdictionCode,
    regionCode: m.regionCode,
    provinceCode: m.provinceCode,
    openedAt: m.openedAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    version: m.version,
    lastSeenAt: m.lastSeenAt.toISOString(),
    sinceLastSeen: { minutes: elapsed.minutes, ar: elapsed.label.ar, fr: elapsed.label.fr },
    exercise: m.isExercise,
    closedAt: m.closedAt ? m.closedAt.toISOString() : null,
    closureOutcome: m.closureOutcome,
  };
}

const duplicate = (d: PossibleDuplicate) => ({ id: d.id, reference: d.reference, nameScore: d.nameScore, sameBirthDate: d.sameBirthDate, samePlace: d.samePlace });

export function presentCase(view: CaseViewModel, now: Date): CaseResponse {
  switch (view.audience) {
    case 'case_officer':
      return {
        audience: 'case_officer',
        case: presentCaseMeta(view.meta, now),
        record: view.record as Record<string, unknown>,
        sensitiveErased: view.sensitiveErased,
        assessment: view.assessment as unknown as Record<string, unknown> | null,
        closureReason: view.closureReason,
        possibleDuplicates: view.possibleDuplicates.map(duplicate),
      };
    case 'other_staff':
      return { audience: 'other_staff', case: presentCaseMeta(view.meta, now), record: view.publicRecord };
  }
}

export function presentSearch(hits: readonly CaseSearchHit[], now: Date): Static<typeof CaseSearchView> {
  return { items: hits.map((h) => ({ case: presentCaseMeta(h.meta, now), publicRecord: h.publicRecord, fullAccess: h.fullAccess, nameScore: h.nameScore })) };
}

/** Reasons are the officers' words about the family: only the case officer sees them. */
export function presentHistory(events: readonly CaseEventRow[], withReasons: boolean): Static<typeof CaseHistoryView> {
  return {
    items: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, from: e.from_status, to: e.to_status, outcome: e.outcome, reason: withReasons ? e.reason : null, actorId: e.actor_id })),
  };
}

export const presentPhoto = (p: PhotoRecord): Static<typeof PhotoView> => ({ id: p.id, publishable: p.publishable, width: p.width, height: p.height, byteSize: p.byteSize, createdAt: p.createdAt.toISOString() });
